/* uuid.c - version 4 UUIDs from the kernel's random source. */
#include "util/uuid.h"

#include <stdint.h>
#include <stdio.h>

int pm_random_bytes(void *buf, size_t n, paimon_error *err) {
    FILE *f = fopen("/dev/urandom", "rb");
    if (f == NULL)
        return pm_err(err, PAIMON_EIO, "/dev/urandom: cannot open");
    size_t got = fread(buf, 1, n, f);
    fclose(f);
    if (got != n)
        return pm_err(err, PAIMON_EIO, "/dev/urandom: short read");
    return PAIMON_OK;
}

int pm_uuid_v4(char out[PM_UUID_STR_LEN + 1], paimon_error *err) {
    uint8_t b[16];
    PM_TRY(pm_random_bytes(b, sizeof b, err));
    b[6] = (uint8_t)((b[6] & 0x0F) | 0x40); /* version 4 */
    b[8] = (uint8_t)((b[8] & 0x3F) | 0x80); /* RFC 4122 variant */
    snprintf(out, PM_UUID_STR_LEN + 1,
             "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
             b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
             b[15]);
    return PAIMON_OK;
}
