/*
 * fuzz_binary_row.c - decodes arbitrary bytes as BinaryRows of a few fixed type lists (atomic,
 * nested, deeply nested, manifest form). A row that decodes must re-encode from the Arrow
 * columns into bytes that decode again and re-encode identically.
 *
 * Input: byte 0 picks the type list, the rest is the row.
 */
#include "core/binary_row.h"

#include <stdlib.h>
#include <string.h>

static const char *const LISTS[][8] = {
    {"ROW<`b` BOOLEAN, `t` TINYINT, `s` SMALLINT, `i` INT, `l` BIGINT, `f` FLOAT, `d` DOUBLE, "
     "`dc` DECIMAL(10, 2), `dn` DECIMAL(30, 5), `c` STRING, `y` BYTES, `dt` DATE, `tm` TIME, "
     "`t3` TIMESTAMP(3), `t9` TIMESTAMP(9), `tz` TIMESTAMP(6) WITH LOCAL TIME ZONE>"},
    {"ROW<`a` ARRAY<INT>, `b` ARRAY<STRING>, `m` MAP<STRING, DECIMAL(25, 2)>, "
     "`ms` MULTISET<BIGINT>, `r` ROW<`x` INT, `y` ARRAY<TIMESTAMP(9)>>, "
     "`aa` ARRAY<ARRAY<ROW<`p` STRING, `q` DECIMAL(20, 1)>>>>"},
    {"ROW<`z` ARRAY<MAP<INT, ARRAY<ROW<`s` STRING, `b` BOOLEAN, `n` ARRAY<SMALLINT>>>>>>"},
    {"ROW<`k` STRING, `v` INT>"},
};
#define NLISTS (sizeof LISTS / sizeof LISTS[0])

static pm_type *types[NLISTS];

static void die(void) { abort(); }

/* Decodes every field into columns; on success exports them into arrays. */
static int decode(const pm_binrow *row, const pm_type *rt, struct ArrowArray *arrays) {
    size_t n = rt->field_count;
    pm_col cols[16];
    int rc = PAIMON_OK;
    size_t inited = 0;
    for (; inited < n && rc == PAIMON_OK; inited++)
        rc = pm_col_init(&cols[inited], rt->fields[inited].type, NULL);
    for (size_t i = 0; rc == PAIMON_OK && i < n; i++) {
        pm_datum d;
        if (!pm_type_is_nested(rt->fields[i].type))
            rc = pm_binrow_get(row, (int32_t)i, rt->fields[i].type, &d, NULL);
        if (rc == PAIMON_OK)
            rc = pm_binrow_append_to_col(row, (int32_t)i, rt->fields[i].type, &cols[i], NULL);
    }
    size_t finished = 0;
    for (; rc == PAIMON_OK && finished < n; finished++)
        rc = pm_col_finish(&cols[finished], &arrays[finished], NULL);
    if (rc != PAIMON_OK) {
        for (size_t i = 0; i < finished; i++)
            arrays[i].release(&arrays[i]);
    }
    for (size_t i = 0; i < inited; i++)
        pm_col_dispose(&cols[i]);
    return rc;
}

static void encode(const pm_type *rt, struct ArrowArray *arrays, pm_buf *out) {
    pm_binrow_writer w;
    if (pm_binrow_writer_init(&w, (int32_t)rt->field_count) != PAIMON_OK)
        die();
    for (size_t i = 0; i < rt->field_count; i++) {
        if (pm_binrow_write_from_arrow(&w, (int32_t)i, rt->fields[i].type, &arrays[i], 0))
            die();
    }
    if (pm_binrow_writer_finish(&w, false, out) != PAIMON_OK)
        die();
    pm_binrow_writer_dispose(&w);
}

static void release_all(struct ArrowArray *arrays, size_t n) {
    for (size_t i = 0; i < n; i++)
        arrays[i].release(&arrays[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (types[0] == NULL) {
        for (size_t i = 0; i < NLISTS; i++) {
            if (pm_type_parse(LISTS[i][0], &types[i], NULL) != PAIMON_OK)
                die();
        }
    }
    if (size < 1)
        return 0;
    size_t which = data[0] % NLISTS;
    const pm_type *rt = types[which];
    pm_binrow row;
    /* Copy so that reads past the end are caught by the sanitizer. */
    uint8_t *copy = malloc(size - 1 ? size - 1 : 1);
    memcpy(copy, data + 1, size - 1);
    int rc = which == NLISTS - 1
                 ? pm_binrow_from_serialized(copy, size - 1, &row, NULL)
                 : pm_binrow_wrap(copy, size - 1, (int32_t)rt->field_count, &row, NULL);
    if (rc == PAIMON_OK && (size_t)row.arity == rt->field_count) {
        (void)pm_binrow_hash(row.data, row.size & ~(size_t)3);
        struct ArrowArray first[16], second[16];
        if (decode(&row, rt, first) == PAIMON_OK) {
            pm_buf a = PM_BUF_INIT, b = PM_BUF_INIT;
            encode(rt, first, &a);
            pm_binrow again;
            if (pm_binrow_wrap(a.data, a.len, (int32_t)rt->field_count, &again, NULL) ||
                decode(&again, rt, second) != PAIMON_OK)
                die();
            encode(rt, second, &b);
            if (a.len != b.len || memcmp(a.data, b.data, a.len) != 0)
                die();
            release_all(first, rt->field_count);
            release_all(second, rt->field_count);
            pm_buf_dispose(&a);
            pm_buf_dispose(&b);
        }
    }
    free(copy);
    return 0;
}
