/* uuid.h - random (version 4) UUIDs in canonical lower-case form, as Paimon uses in file names. */
#ifndef PM_UTIL_UUID_H
#define PM_UTIL_UUID_H

#include "util/error.h"

#define PM_UUID_STR_LEN 36

/* Writes 36 characters plus NUL into out. */
int pm_uuid_v4(char out[PM_UUID_STR_LEN + 1], paimon_error *err);

/* Fills buf with n cryptographically random bytes (from /dev/urandom). */
int pm_random_bytes(void *buf, size_t n, paimon_error *err);

#endif
