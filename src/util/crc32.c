/* crc32.c - CRC-32 through zlib, which ships a table-driven, vectorised implementation. */
#include "util/crc32.h"

#include <zlib.h>

uint32_t pm_crc32(uint32_t crc, const void *data, size_t n) {
    const unsigned char *p = data;
    /* zlib takes uInt lengths; feed large inputs in pieces. */
    while (n > 0) {
        uInt chunk = n > 0x40000000u ? 0x40000000u : (uInt)n;
        crc = (uint32_t)crc32(crc, p, chunk);
        p += chunk;
        n -= chunk;
    }
    return crc;
}
