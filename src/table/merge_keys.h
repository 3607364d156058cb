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

/*
 * A single key column of an integer-like type (TINYINT to BIGINT, DATE, TIME, TIMESTAMP) needs
 * no encoding: rows compare as int64 values, read straight from the batch. Nulls (which valid
 * primary keys never hold, but files are untrusted) sort first as in the byte encoding: they
 * are stored as INT64_MIN and told apart from a real INT64_MIN by the validity bitmap.
 */
typedef struct pm_int_keys {
    const int64_t *values;   /* one per row */
    int64_t *owned;          /* values when converted or nulls were masked */
    size_t owned_cap;
    const uint8_t *validity; /* NULL when the batch has no null key */
    int64_t validity_offset;
} pm_int_keys;

/* Whether the key columns can use pm_int_keys. */
bool pm_int_keys_supported(const pm_key_column *columns, size_t count);
int pm_int_keys_load(pm_int_keys *k, const pm_key_column *column, const struct ArrowArray *batch,
                     int64_t rows, paimon_error *err);
void pm_int_keys_dispose(pm_int_keys *k);

static inline bool pm_int_keys_valid(const pm_int_keys *k, int64_t row) {
    int64_t at = k->validity_offset + row;
    return k->validity == NULL || (k->validity[at >> 3] >> (at & 7)) & 1;
}

/* Orders like pm_merge_keys_compare on the byte encoding of the same values. */
static inline int pm_int_keys_compare(const pm_int_keys *a, int64_t ra, const pm_int_keys *b,
                                      int64_t rb) {
    int64_t va = a->values[ra], vb = b->values[rb];
    if (va != vb)
        return va < vb ? -1 : 1;
    if (va != INT64_MIN)
        return 0;
    bool na = !pm_int_keys_valid(a, ra), nb = !pm_int_keys_valid(b, rb);
    return na == nb ? 0 : (na ? -1 : 1);
}

#endif
