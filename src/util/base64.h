/* base64.h - RFC 4648 base64 with padding (binary values in JSON output). */
#ifndef PM_UTIL_BASE64_H
#define PM_UTIL_BASE64_H

#include "util/buf.h"

#include <stddef.h>
#include <stdint.h>

/* Appends the encoding of n bytes; returns PAIMON_OK or PAIMON_ENOMEM. */
int pm_base64_append(pm_buf *out, const uint8_t *data, size_t n);

/* Appends the decoded bytes of base64 text (padding optional, no whitespace). Returns
 * PAIMON_OK, PAIMON_ENOMEM, or PAIMON_EINVAL for text that is not base64. */
int pm_base64_decode_append(pm_buf *out, const char *text, size_t n);

#endif
