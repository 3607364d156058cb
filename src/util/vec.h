/* vec.h - growing typed arrays: `T *items; size_t count, cap;` kept by the caller. */
#ifndef PM_UTIL_VEC_H
#define PM_UTIL_VEC_H

#include "util/error.h"

#include <stddef.h>

/* Ensures *items has room for `need` elements of elem_size bytes; grows geometrically.
 * Returns PAIMON_OK or PAIMON_ENOMEM (items unchanged on failure). */
int pm_grow(void **items, size_t *cap, size_t need, size_t elem_size);

/* Appends one element: PM_VEC_PUSH(err, v.items, v.count, v.cap, value). */
#define PM_VEC_PUSH(err, items, count, cap, value)                                                 \
    do {                                                                                           \
        if (pm_grow((void **)&(items), &(cap), (count) + 1, sizeof(*(items))) != PAIMON_OK)         \
            return pm_err_nomem(err);                                                              \
        (items)[(count)++] = (value);                                                              \
    } while (0)

#endif
