/* Helpers shared by the ORC tests: random Arrow batches of any Paimon type, deep comparison of
 * arrays, and writing/reading files through the ORC writer and reader. */
#ifndef PM_TEST_ORC_UTIL_H
#define PM_TEST_ORC_UTIL_H

#include "data/arrow_builder.h"
#include "format/orc/orc.h"
#include "util/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct test_rng {
    uint64_t s;
} test_rng;

static inline uint64_t rng_next(test_rng *r) {
    r->s = r->s * 6364136223846793005ULL + 1442695040888963407ULL;
    uint64_t x = r->s;
    x ^= x >> 29;
    return x * 0xbf58476d1ce4e5b9ULL ^ (x >> 32);
}

static inline int64_t rng_range(test_rng *r, int64_t lo, int64_t hi) {
    return lo + (int64_t)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

/* Appends one random value (or null, about one in eight when nullable). */
static inline int append_random(test_rng *r, pm_col *c, const pm_type *t, int depth) {
    if (t->nullable && rng_next(r) % 8 == 0)
        return pm_col_append_null(c);
    char text[64];
    switch (t->id) {
    case PM_TYPE_BOOLEAN: return pm_col_append_bool(c, rng_next(r) & 1);
    case PM_TYPE_TINYINT: return pm_col_append_int(c, (int8_t)rng_next(r));
    case PM_TYPE_SMALLINT: return pm_col_append_int(c, (int16_t)rng_next(r));
    case PM_TYPE_INT:
        return pm_col_append_int(c, rng_next(r) % 3 ? rng_range(r, -1000, 1000) : (int32_t)rng_next(r));
    case PM_TYPE_BIGINT: {
        uint64_t k = rng_next(r) % 5;
        int64_t v = k == 0 ? INT64_MIN : k == 1 ? INT64_MAX : k == 2 ? (int64_t)rng_next(r)
                                                                      : rng_range(r, -50, 50);
        return pm_col_append_int(c, v);
    }
    case PM_TYPE_TIME: return pm_col_append_int(c, rng_range(r, 0, 86399999));
    case PM_TYPE_DATE: return pm_col_append_int(c, rng_range(r, -800000, 800000));
    case PM_TYPE_FLOAT: return pm_col_append_double(c, (float)((double)rng_range(r, -1000000, 1000000) / 64.0));
    case PM_TYPE_DOUBLE: return pm_col_append_double(c, (double)(int64_t)rng_next(r) / 3.0);
    case PM_TYPE_DECIMAL: {
        pm_decimal128 d;
        if (t->precision <= 18) {
            int64_t lim = 1;
            for (int i = 0; i < t->precision; i++)
                lim *= 10;
            d = pm_dec_from_i64(rng_range(r, -(lim - 1), lim - 1));
        } else {
            d.lo = rng_next(r);
            d.hi = (int64_t)(rng_next(r) % 1000000000000000ULL) - 500000000000000LL;
        }
        return pm_col_append_decimal(c, d);
    }
    case PM_TYPE_CHAR:
    case PM_TYPE_VARCHAR:
    case PM_TYPE_BINARY:
    case PM_TYPE_VARBINARY: {
        /* A small vocabulary so that dictionaries are worth it, sometimes long unique text. */
        size_t n;
        if (rng_next(r) % 4 == 0) {
            n = (size_t)rng_range(r, 0, 40);
            for (size_t i = 0; i < n; i++)
                text[i] = (char)('a' + rng_next(r) % 26);
        } else {
            n = (size_t)snprintf(text, sizeof text, "v%d", (int)(rng_next(r) % 20));
        }
        return pm_col_append_bytes(c, text, n);
    }
    case PM_TYPE_TIMESTAMP:
    case PM_TYPE_TIMESTAMP_LTZ: {
        pm_timestamp ts;
        /* Avoid (-1 s, 0): ORC's truncating writers cannot represent it (Java neither). */
        do {
            ts.millis = rng_range(r, -4000000000000LL, 4000000000000LL);
        } while (ts.millis > -1000 && ts.millis < 0);
        int p = t->precision;
        ts.nanos = p > 6 ? (int32_t)rng_range(r, 0, 999999) : p > 3 ? (int32_t)rng_range(r, 0, 999) * 1000 : 0;
        if (p == 0)
            ts.millis -= ((ts.millis % 1000) + 1000) % 1000;
        return pm_col_append_timestamp(c, ts);
    }
    case PM_TYPE_ARRAY: {
        int64_t n = depth > 3 ? 0 : rng_range(r, 0, 4);
        for (int64_t i = 0; i < n; i++)
            PM_TRY(append_random(r, &c->children[0], t->element, depth + 1));
        return pm_col_list_close(c);
    }
    case PM_TYPE_MAP: {
        int64_t n = depth > 3 ? 0 : rng_range(r, 0, 3);
        pm_col *entries = &c->children[0];
        for (int64_t i = 0; i < n; i++) {
            PM_TRY(append_random(r, &entries->children[0], t->key, depth + 1));
            PM_TRY(append_random(r, &entries->children[1], t->value, depth + 1));
            PM_TRY(pm_col_struct_close(entries));
        }
        return pm_col_list_close(c);
    }
    case PM_TYPE_ROW:
        for (size_t i = 0; i < t->field_count; i++)
            PM_TRY(append_random(r, &c->children[i], t->fields[i].type, depth + 1));
        return pm_col_struct_close(c);
    default: return PAIMON_EUNSUPPORTED;
    }
}

/* Deep equality of row ia of a and row ib of b. */
static inline bool values_equal(const struct ArrowArray *a, int64_t ia, const struct ArrowArray *b,
                                int64_t ib, const pm_type *t) {
    bool va = pm_arrow_is_valid(a, ia), vb = pm_arrow_is_valid(b, ib);
    if (va != vb)
        return false;
    if (!va)
        return true;
    switch (t->id) {
    case PM_TYPE_ARRAY:
    case PM_TYPE_MAP:
    case PM_TYPE_MULTISET: {
        const int32_t *oa = a->buffers[1], *ob = b->buffers[1];
        int64_t sa = oa[a->offset + ia], ea = oa[a->offset + ia + 1];
        int64_t sb = ob[b->offset + ib], eb = ob[b->offset + ib + 1];
        if (ea - sa != eb - sb)
            return false;
        for (int64_t k = 0; k < ea - sa; k++) {
            if (t->id == PM_TYPE_ARRAY) {
                if (!values_equal(a->children[0], sa + k, b->children[0], sb + k, t->element))
                    return false;
            } else {
                const struct ArrowArray *ea_ = a->children[0], *eb_ = b->children[0];
                const pm_type *kt = t->id == PM_TYPE_MAP ? t->key : t->element;
                if (!values_equal(ea_->children[0], ea_->offset + sa + k, eb_->children[0],
                                  eb_->offset + sb + k, kt))
                    return false;
                if (t->id == PM_TYPE_MAP &&
                    !values_equal(ea_->children[1], ea_->offset + sa + k, eb_->children[1],
                                  eb_->offset + sb + k, t->value))
                    return false;
            }
        }
        return true;
    }
    case PM_TYPE_ROW:
        for (size_t f = 0; f < t->field_count; f++) {
            if (!values_equal(a->children[f], a->offset + ia, b->children[f], b->offset + ib,
                              t->fields[f].type))
                return false;
        }
        return true;
    default: {
        pm_datum da = pm_arrow_get_datum(a, t, ia), db = pm_arrow_get_datum(b, t, ib);
        return pm_datum_compare(t, &da, &db) == 0;
    }
    }
}

#endif
