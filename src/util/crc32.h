/* crc32.h - CRC-32 (IEEE 802.3 / zlib polynomial), as used by deletion vectors and Avro snappy. */
#ifndef PM_UTIL_CRC32_H
#define PM_UTIL_CRC32_H

#include <stddef.h>
#include <stdint.h>

/* Continues `crc` (start with 0) over n bytes. */
uint32_t pm_crc32(uint32_t crc, const void *data, size_t n);

#endif
