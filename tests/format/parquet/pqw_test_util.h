/*
 * pqw_test_util.h - helpers of the Parquet writer tests: random Arrow data of any Paimon type
 * with the edge cases Parquet cares about (NaN, signed zeros, extremes, empty strings and
 * arrays, nulls at every level, pre-1970 timestamps), writing files with pm_parquet_writer and
 * reading them back with our reader for a deep comparison (values_equal of the ORC tests).
 */
#ifndef PM_TEST_PQW_UTIL_H
#define PM_TEST_PQW_UTIL_H

#include "../orc/orc_test_util.h"
#include "pq_test_util.h"

#include "format/parquet/parquet.h"
#include "format/parquet/parquet_meta.h"

#include <float.h>
#include <math.h>

/* Appends one random value; nulls (one in six when nullable) unless `no_null`. */
static inline int pqw_random(test_rng *r, pm_col *c, const pm_type *t, int depth, bool no_null) {
    if (t->nullable && no_null) {
        pm_type required = *t;
        required.nullable = false;
        return pqw_random(r, c, &required, depth, false);
    }
    if (t->nullable && rng_next(r) % 6 == 0)
        return pm_col_append_null(c);
    uint64_t pick = rng_next(r) % 8;
    switch (t->id) {
    case PM_TYPE_FLOAT:
    case PM_TYPE_DOUBLE: {
        bool f = t->id == PM_TYPE_FLOAT;
        double special[] = {NAN, INFINITY, -INFINITY, -0.0, 0.0, f ? FLT_MAX : DBL_MAX,
                            f ? -FLT_MAX : -DBL_MAX, f ? FLT_TRUE_MIN : DBL_TRUE_MIN};
        double v = pick < 2 ? special[rng_next(r) % 8]
                            : (double)(int64_t)rng_next(r) / (double)(1 + rng_next(r) % 1000);
        return pm_col_append_double(c, f ? (double)(float)v : v);
    }
    case PM_TYPE_DECIMAL: {
        if (pick == 0) {
            /* +-(10^p - 1), the extremes of the precision. */
            pm_decimal128 d = pm_dec_from_i64(1);
            for (int i = 0; i < t->precision; i++)
                pm_dec_mul_i64(d, 10, &d);
            pm_decimal128 one = pm_dec_from_i64(-1);
            pm_dec_add(d, one, &d);
            return pm_col_append_decimal(c, rng_next(r) & 1 ? d : pm_dec_negate(d));
        }
        /* Up to `precision` random digits. */
        pm_decimal128 d = pm_dec_from_i64(0);
        int digits = (int)rng_range(r, 1, t->precision);
        for (int i = 0; i < digits; i++) {
            pm_dec_mul_i64(d, 10, &d);
            pm_dec_add(d, pm_dec_from_i64((int64_t)(rng_next(r) % 10)), &d);
        }
        return pm_col_append_decimal(c, rng_next(r) & 1 ? d : pm_dec_negate(d));
    }
    case PM_TYPE_CHAR:
    case PM_TYPE_VARCHAR: {
        static const char *const words[] = {"", "a", "z", "\xc3\xa9t\xc3\xa9", "\xe6\x97\xa5",
                                            "hello world", "\xf0\x9f\x98\x80", "A"};
        if (pick < 3)
            return pm_col_append_bytes(c, words[pick * 3 % 8], strlen(words[pick * 3 % 8]));
        return append_random(r, c, t, depth);
    }
    case PM_TYPE_BINARY:
    case PM_TYPE_VARBINARY: {
        uint8_t b[24];
        size_t n = (size_t)rng_range(r, 0, pick == 0 ? 0 : 24);
        for (size_t i = 0; i < n; i++)
            b[i] = (uint8_t)(pick == 1 ? 0xff : pick == 2 ? 0 : rng_next(r));
        return pm_col_append_bytes(c, b, n);
    }
    case PM_TYPE_TIMESTAMP:
    case PM_TYPE_TIMESTAMP_LTZ: {
        /* Within int64 nanoseconds (TIMESTAMP(7..9) are Arrow nanoseconds). */
        pm_timestamp ts;
        ts.millis = pick == 0 ? rng_range(r, -2000, 2000)
                              : rng_range(r, -9000000000000LL, 9000000000000LL);
        int p = t->precision;
        int64_t unit = 1;
        for (int i = p; i < 9; i++)
            unit *= 10;
        int64_t nanos = (int64_t)(rng_next(r) % 1000000000ULL) / unit * unit;
        ts.millis = ts.millis / 1000 * 1000 + nanos / 1000000;
        ts.nanos = (int32_t)(nanos % 1000000);
        return pm_col_append_timestamp(c, ts);
    }
    case PM_TYPE_ARRAY: {
        int64_t n = depth > 3 ? 0 : rng_range(r, 0, 4);
        for (int64_t i = 0; i < n; i++)
            PM_TRY(pqw_random(r, &c->children[0], t->element, depth + 1, false));
        return pm_col_list_close(c);
    }
    case PM_TYPE_MAP:
    case PM_TYPE_MULTISET: {
        int64_t n = depth > 3 ? 0 : rng_range(r, 0, 3);
        pm_col *entries = &c->children[0];
        for (int64_t i = 0; i < n; i++) {
            const pm_type *k = t->id == PM_TYPE_MAP ? t->key : t->element;
            PM_TRY(pqw_random(r, &entries->children[0], k, depth + 1, true));
            if (t->id == PM_TYPE_MAP)
                PM_TRY(pqw_random(r, &entries->children[1], t->value, depth + 1, false));
            else
                PM_TRY(pm_col_append_int(&entries->children[1], rng_range(r, 1, 5)));
            PM_TRY(pm_col_struct_close(entries));
        }
        return pm_col_list_close(c);
    }
    case PM_TYPE_ROW:
        for (size_t i = 0; i < t->field_count; i++)
            PM_TRY(pqw_random(r, &c->children[i], t->fields[i].type, depth + 1, false));
        return pm_col_struct_close(c);
    case PM_TYPE_TINYINT:
    case PM_TYPE_SMALLINT:
    case PM_TYPE_INT:
    case PM_TYPE_DATE: {
        int64_t lim = t->id == PM_TYPE_TINYINT ? 127 : t->id == PM_TYPE_SMALLINT ? 32767
                                                                                 : INT32_MAX;
        if (pick == 0)
            return pm_col_append_int(c, rng_next(r) & 1 ? lim : -lim - 1);
        return append_random(r, c, t, depth);
    }
    default: return append_random(r, c, t, depth);
    }
}

typedef struct pqw_data {
    pm_field *fields;
    size_t count;
    struct ArrowArray batch;
} pqw_data;

/* `count` columns "c0".. of the given types (ids 1..), `rows` random rows. */
static inline int pqw_data_make(pqw_data *d, const char *const *types, size_t count, size_t rows,
                                uint64_t seed, paimon_error *err) {
    memset(d, 0, sizeof *d);
    d->fields = pm_calloc(count, sizeof *d->fields);
    struct ArrowArray *children = pm_calloc(count, sizeof *children);
    if (d->fields == NULL || children == NULL) {
        pm_free(children);
        return pm_err_nomem(err);
    }
    d->count = count;
    test_rng r = {seed};
    int rc = PAIMON_OK;
    for (size_t i = 0; i < count && rc == PAIMON_OK; i++) {
        char name[16];
        snprintf(name, sizeof name, "c%zu", i);
        d->fields[i].id = (int32_t)(i + 1);
        d->fields[i].name = pm_strdup(name);
        rc = pm_type_parse(types[i], &d->fields[i].type, err);
        pm_col col;
        if (rc == PAIMON_OK)
            rc = pm_col_init(&col, d->fields[i].type, err);
        if (rc != PAIMON_OK)
            break;
        for (size_t k = 0; k < rows && rc == PAIMON_OK; k++)
            rc = pqw_random(&r, &col, d->fields[i].type, 0, false);
        if (rc != PAIMON_OK)
            rc = pm_err(err, rc, "generating %s failed", types[i]);
        else
            rc = pm_col_finish(&col, &children[i], err);
        pm_col_dispose(&col);
        if (rc != PAIMON_OK) {
            for (size_t k = 0; k < i; k++)
                children[k].release(&children[k]);
        }
    }
    if (rc == PAIMON_OK)
        rc = pm_arrow_struct_from_children(children, count, (int64_t)rows, &d->batch, err);
    pm_free(children);
    return rc;
}

static inline void pqw_data_dispose(pqw_data *d) {
    if (d->batch.release)
        d->batch.release(&d->batch);
    for (size_t i = 0; i < d->count; i++)
        pm_field_dispose(&d->fields[i]);
    pm_free(d->fields);
    memset(d, 0, sizeof *d);
}

/* Writes the batch in slices of `slice` rows (0 = at once), as views with a non-zero offset. */
static inline int pqw_write(const pqw_data *d, const pm_parquet_write_options *o, size_t slice,
                            pm_buf *out, pm_parquet_writer **keep, paimon_error *err) {
    pm_parquet_writer *w;
    PM_TRY(pm_parquet_writer_new(d->fields, d->count, o, &w, err));
    int rc = PAIMON_OK;
    int64_t n = d->batch.length;
    int64_t step = slice > 0 ? (int64_t)slice : (n > 0 ? n : 1);
    for (int64_t at = 0; at < n && rc == PAIMON_OK; at += step) {
        struct ArrowArray view = d->batch;
        view.release = NULL;
        view.offset = d->batch.offset + at;
        view.length = n - at < step ? n - at : step;
        rc = pm_parquet_writer_write(w, &view, err);
    }
    if (rc == PAIMON_OK)
        rc = pm_parquet_writer_finish(w, out, err);
    if (keep != NULL && rc == PAIMON_OK)
        *keep = w;
    else
        pm_parquet_writer_free(w);
    return rc;
}

/* Reads `file` with `fields` (a projection of d's fields: proj[k] is the column of d that
 * fields[k] names) and compares every row; returns the rows read or -1. */
static inline int64_t pqw_compare_projected(const pqw_data *d, const pm_buf *file,
                                            const pm_field *fields, const size_t *proj,
                                            size_t n, size_t batch_rows) {
    paimon_error err = {0};
    pqt_result *res = calloc(1, sizeof *res);
    int rc = pqt_read_file(pqt_open_mem(file->data, file->len, &err), "w.parquet", fields, n,
                           batch_rows, NULL, NULL, res, &err);
    int64_t total = 0;
    if (rc != PAIMON_OK) {
        pm_test_fail(__FILE__, __LINE__, "read: %s", err.message);
        total = -1;
    }
    for (size_t b = 0; b < res->count && total >= 0; b++) {
        const struct ArrowArray *a = &res->batches[b];
        if (res->first_rows[b] != total) {
            pm_test_fail(__FILE__, __LINE__, "batch at %lld, expected %lld",
                         (long long)res->first_rows[b], (long long)total);
            total = -1;
            break;
        }
        for (int64_t i = 0; i < a->length && total >= 0; i++) {
            for (size_t k = 0; k < n; k++) {
                int64_t src = d->batch.offset + total + i;
                if (!values_equal(a->children[k], i, d->batch.children[proj[k]], src,
                                  fields[k].type)) {
                    pm_buf x = PM_BUF_INIT, y = PM_BUF_INIT, t = PM_BUF_INIT;
                    pqt_render(&x, a->children[k], fields[k].type, i);
                    pqt_render(&y, d->batch.children[proj[k]], fields[k].type, src);
                    pm_type_format(fields[k].type, &t);
                    pm_test_fail(__FILE__, __LINE__, "row %lld column %s (%s): read %s, wrote %s",
                                 (long long)(total + i), fields[k].name, pm_buf_cstr(&t),
                                 pm_buf_cstr(&x), pm_buf_cstr(&y));
                    pm_buf_dispose(&x);
                    pm_buf_dispose(&y);
                    pm_buf_dispose(&t);
                    total = -1;
                    break;
                }
            }
        }
        if (total >= 0)
            total += a->length;
    }
    pqt_result_free(res);
    free(res);
    return total;
}

static inline int64_t pqw_compare(const pqw_data *d, const pm_buf *file, size_t batch_rows) {
    size_t *proj = pm_calloc(d->count ? d->count : 1, sizeof *proj);
    for (size_t k = 0; k < d->count; k++)
        proj[k] = k;
    int64_t n = pqw_compare_projected(d, file, d->fields, proj, d->count, batch_rows);
    pm_free(proj);
    return n;
}

/* The decoded footer of a file held in memory. */
static inline int pqw_footer(const pm_buf *file, pm_pq_file_meta *m, paimon_error *err) {
    if (file->len < 12 || memcmp(file->data, "PAR1", 4) != 0 ||
        memcmp(file->data + file->len - 4, "PAR1", 4) != 0)
        return pm_err(err, PAIMON_ECORRUPT, "not a Parquet file");
    uint32_t n = pm_load_le32(file->data + file->len - 8);
    if (n > file->len - 12)
        return pm_err(err, PAIMON_ECORRUPT, "footer length");
    return pm_pq_file_meta_decode(file->data + file->len - 8 - n, n, m, err);
}

/* The page headers of a column chunk, in file order (at most `cap`). */
static inline size_t pqw_pages(const pm_buf *file, const pm_pq_column_chunk *cc,
                               pm_pq_page_header *out, size_t cap) {
    int64_t at = cc->dictionary_page_offset >= 0 && cc->dictionary_page_offset < cc->data_page_offset
                     ? cc->dictionary_page_offset
                     : cc->data_page_offset;
    int64_t end = at + cc->total_compressed_size;
    size_t n = 0;
    while (at < end && n < cap) {
        size_t hl;
        paimon_error err = {0};
        if (pm_pq_page_header_decode(file->data + at, (size_t)(end - at), &out[n], &hl, &err) !=
            PAIMON_OK)
            break;
        at += (int64_t)hl + out[n].compressed_size;
        n++;
    }
    return n;
}

#endif
