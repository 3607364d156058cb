/* merge_keys.h - memcmp-comparable encodings of key columns of a batch (see merge_keys.c). */
#ifndef PM_TABLE_MERGE_KEYS_H
#define PM_TABLE_MERGE_KEYS_H

#include "data/arrow_builder.h"

#include <string.h>

typedef struct pm_key_column {
    size_t column;       /* child index in the batch */
    const pm_type *type; /* atomic */
    bool descending;
} pm_key_column;

typedef struct pm_merge_keys {
    pm_buf bytes;
    uint32_t *offsets; /* rows + 1 */
    size_t offset_cap;
    int64_t rows;
} pm_merge_keys;

/* Encodes the key of every row of `batch` (replacing the previous content). */
int pm_merge_keys_encode(pm_merge_keys *k, const pm_key_column *columns, size_t count,
                         const struct ArrowArray *batch, int64_t rows, paimon_error *err);
void pm_merge_keys_dispose(pm_merge_keys *k);

static inline int pm_merge_keys_compare(const pm_merge_keys *a, int64_t ra, const pm_merge_keys *b,
                                        int64_t rb) {
    const uint8_t *pa = a->bytes.data + a->offsets[ra];
    const uint8_t *pb = b->bytes.data + b->offsets[rb];
    size_t la = a->offsets[ra + 1] - a->offsets[ra], lb = b->offsets[rb + 1] - b->offsets[rb];
    int c = memcmp(pa, pb, la < lb ? la : lb);
    if (c != 0)
        return c;
    return la < lb ? -1 : (la > lb ? 1 : 0);
}

#endif
