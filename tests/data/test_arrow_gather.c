/* Gathers agree with row-by-row copies for every layout, with and without nulls in the
 * sources, null references, many sources and long reference lists. */
#include "test.h"
#include "data/arrow_gather.h"
#include "util/mem.h"

#include <stdio.h>
#include <stdlib.h>

static uint64_t next(uint64_t *s) {
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* `count` source arrays of `type`, `rows` rows each, some null when `nulls`. */
static void make_sources(const pm_type *t, size_t count, int rows, bool nulls, uint64_t *rng,
                         struct ArrowArray *out) {
    paimon_error err = {0};
    for (size_t s = 0; s < count; s++) {
        pm_col c;
        pm_col_init(&c, t, &err);
        for (int r = 0; r < rows; r++) {
            uint64_t u = next(rng);
            if (nulls && u % 5 == 0) {
                pm_col_append_null(&c);
                continue;
            }
            pm_datum d = pm_datum_int((int64_t)(u >> 20) - (1 << 20));
            char text[40];
            switch (t->id) {
            case PM_TYPE_DOUBLE: d = pm_datum_double((double)(u % 100000) / 7.0); break;
            case PM_TYPE_DECIMAL: d.v.dec = pm_dec_from_i64((int64_t)(u % 1000000)); break;
            case PM_TYPE_VARCHAR:
                d = pm_datum_bytes(text, (size_t)snprintf(text, sizeof text, "%zu-%d-%.*s", s, r,
                                                          (int)(u % 20), "abcdefghijklmnopqrst"));
                break;
            case PM_TYPE_BOOLEAN: d.v.b = u % 2; break;
            default: break;
            }
            pm_col_append_datum(&c, &d);
        }
        pm_col_finish(&c, &out[s], &err);
        pm_col_dispose(&c);
    }
}

static void check_type(const char *type_text, size_t count, size_t n, bool nulls,
                       bool null_refs) {
    paimon_error err = {0};
    pm_type *t;
    CHECK_OK(pm_type_parse(type_text, &t, &err), &err);
    uint64_t rng = 0x1234567 + count * 31 + n;
    struct ArrowArray *src = calloc(count, sizeof *src);
    const struct ArrowArray **ptrs = calloc(count, sizeof *ptrs);
    make_sources(t, count, 50, nulls, &rng, src);
    for (size_t s = 0; s < count; s++)
        ptrs[s] = &src[s];
    pm_gather_ref *refs = calloc(n, sizeof *refs);
    for (size_t k = 0; k < n; k++) {
        uint64_t u = next(&rng);
        refs[k].source = null_refs && u % 11 == 0 ? PM_GATHER_NULL : (uint32_t)(u % count);
        refs[k].row = (uint32_t)((u >> 16) % 50);
    }
    pm_col g, want;
    CHECK_OK(pm_col_init(&g, t, &err), &err);
    CHECK_OK(pm_col_init(&want, t, &err), &err);
    /* a row already in the builder: gathers append after it */
    pm_col_append_null(&g);
    pm_col_append_null(&want);
    CHECK_EQ_INT(pm_col_gather(&g, ptrs, count, refs, n), PAIMON_OK);
    for (size_t k = 0; k < n; k++) {
        int rc = refs[k].source == PM_GATHER_NULL
                     ? pm_col_append_null(&want)
                     : pm_col_append_from(&want, ptrs[refs[k].source], refs[k].row);
        CHECK_EQ_INT(rc, PAIMON_OK);
    }
    struct ArrowArray a, b;
    CHECK_OK(pm_col_finish(&g, &a, &err), &err);
    CHECK_OK(pm_col_finish(&want, &b, &err), &err);
    CHECK_EQ_INT(a.length, b.length);
    CHECK_EQ_INT(a.null_count, b.null_count);
    for (int64_t i = 0; i < a.length; i++) {
        CHECK_EQ_INT(pm_arrow_is_valid(&a, i), pm_arrow_is_valid(&b, i));
        if (!pm_arrow_is_valid(&b, i))
            continue;
        pm_datum x = pm_arrow_get_datum(&a, t, i), y = pm_arrow_get_datum(&b, t, i);
        if (pm_datum_compare(t, &x, &y) != 0) {
            pm_test_fail(__FILE__, __LINE__, "%s: row %lld differs", type_text, (long long)i);
            break;
        }
    }
    a.release(&a);
    b.release(&b);
    pm_col_dispose(&g);
    pm_col_dispose(&want);
    for (size_t s = 0; s < count; s++)
        src[s].release(&src[s]);
    free(src);
    free(ptrs);
    free(refs);
    pm_type_free(t);
}

TEST(gather_matches_row_by_row_copies) {
    static const char *types[] = {"TINYINT", "SMALLINT", "INT", "BIGINT", "DOUBLE",
                                  "DECIMAL(20, 3)", "STRING", "BOOLEAN"};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        for (int mode = 0; mode < 4; mode++) {
            check_type(types[i], 5, 300, mode & 1, mode & 2);
            if (pm_test_failed())
                return;
        }
    }
}

TEST(many_sources_and_long_reference_lists) {
    check_type("BIGINT", 100, 5000, false, false);
    if (pm_test_failed())
        return;
    check_type("STRING", 70, 3000, true, true);
    if (pm_test_failed())
        return;
    check_type("INT", 1, 2500, true, false);
}
