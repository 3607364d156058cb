/*
 * pq_test_util.h - helpers shared by the Parquet reader tests: reading a whole file into
 * batches, rendering values as text (the JSON forms of the compat corpus), walking a directory
 * tree for .parquet files.
 */
#ifndef PM_TEST_PQ_UTIL_H
#define PM_TEST_PQ_UTIL_H

#include "data/arrow_builder.h"
#include "format/format.h"
#include "format/parquet/parquet.h"
#include "io/fs.h"
#include "util/buf.h"
#include "util/endian.h"
#include "util/mem.h"
#include "util/timeutil.h"

#include <dirent.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct pqt_result {
    struct ArrowArray batches[16384];
    int64_t first_rows[16384];
    size_t count;
    int64_t rows;
    int64_t file_rows;
} pqt_result;

/* Files use their filesystem until closed, so the tests keep one of each kind for the whole
 * process (reachable from these statics, so not a leak). */
static pm_fs *pqt_local_fs, *pqt_mem_fs;

static inline pm_file *pqt_open_local(const char *path, paimon_error *err) {
    if (pqt_local_fs == NULL && pm_fs_local_new(&pqt_local_fs, err) != PAIMON_OK)
        return NULL;
    pm_file *f = NULL;
    pm_fs_open(pqt_local_fs, path, &f, err);
    return f;
}

/* Opens a file held in memory (a copy of data) as a pm_file. */
static inline pm_file *pqt_open_mem(const void *data, size_t len, paimon_error *err) {
    if (pqt_mem_fs == NULL && pm_fs_mem_new(&pqt_mem_fs, err) != PAIMON_OK)
        return NULL;
    pm_file *f = NULL;
    if (pm_fs_write_file(pqt_mem_fs, "/f.parquet", data, len, PM_WRITE_REPLACE, err) == PAIMON_OK)
        pm_fs_open(pqt_mem_fs, "/f.parquet", &f, err);
    return f;
}

static inline void pqt_result_free(pqt_result *r) {
    for (size_t i = 0; i < r->count; i++) {
        if (r->batches[i].release != NULL)
            r->batches[i].release(&r->batches[i]);
    }
    r->count = 0;
}

/* Reads every batch of an opened file (takes ownership of f). */
static inline int pqt_read_file(pm_file *f, const char *path, const pm_field *fields, size_t n,
                                size_t batch_rows, pm_skip_fn skip, void *ctx, pqt_result *out,
                                paimon_error *err) {
    memset(out, 0, sizeof *out);
    if (f == NULL)
        return err->code != 0 ? err->code : PAIMON_EIO;
    pm_read_options opts = {fields, n, batch_rows, skip, ctx, NULL, {false, 0, 0}};
    pm_format_reader *r;
    int rc = pm_parquet_reader_open(f, path, &opts, &r, err);
    if (rc != PAIMON_OK)
        return rc;
    out->file_rows = r->ops->row_count(r);
    for (;;) {
        struct ArrowArray a;
        int64_t first = -1;
        rc = pm_format_reader_next(r, &a, &first, err);
        if (rc != PAIMON_OK || a.release == NULL)
            break;
        if (out->count == 16384) {
            a.release(&a);
            rc = PAIMON_ELIMIT;
            break;
        }
        out->batches[out->count] = a;
        out->first_rows[out->count++] = first;
        out->rows += a.length;
    }
    pm_format_reader_close(r);
    return rc;
}

/* Reads a local file with the fields derived from its own schema. */
static inline int pqt_read_path(const char *path, size_t batch_rows, pqt_result *out,
                                pm_field **fields_out, size_t *count_out, paimon_error *err) {
    pm_file *f = pqt_open_local(path, err);
    if (f == NULL)
        return err->code;
    int rc = pm_parquet_read_fields(f, path, fields_out, count_out, err);
    if (rc != PAIMON_OK) {
        pm_file_close(f);
        return rc;
    }
    return pqt_read_file(f, path, *fields_out, *count_out, batch_rows, NULL, NULL, out, err);
}

static inline void pqt_render(pm_buf *b, const struct ArrowArray *a, const pm_type *t, int64_t i);

static inline void pqt_base64(pm_buf *b, const uint8_t *p, size_t n) {
    static const char tbl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (size_t k = 0; k < n; k += 3) {
        uint32_t v = (uint32_t)p[k] << 16;
        if (k + 1 < n)
            v |= (uint32_t)p[k + 1] << 8;
        if (k + 2 < n)
            v |= p[k + 2];
        pm_buf_append_byte(b, (uint8_t)tbl[(v >> 18) & 63]);
        pm_buf_append_byte(b, (uint8_t)tbl[(v >> 12) & 63]);
        pm_buf_append_byte(b, k + 1 < n ? (uint8_t)tbl[(v >> 6) & 63] : '=');
        pm_buf_append_byte(b, k + 2 < n ? (uint8_t)tbl[v & 63] : '=');
    }
}

/* The fixture directory tests/resources/parquet (from PAIMON_SOURCE_DIR). */
static inline const char *pqt_fixture(const char *name) {
    static char path[16384];
    const char *src = getenv("PAIMON_SOURCE_DIR");
    snprintf(path, sizeof path, "%s/tests/resources/parquet/%s", src ? src : ".", name);
    return path;
}

/* Fields from "name TYPE, ..." (the body of a ROW type string); free with
 * pm_parquet_fields_free. */
static inline pm_field *pqt_fields(const char *spec, size_t *count) {
    *count = 0;
    char text[2048];
    snprintf(text, sizeof text, "ROW<%s>", spec);
    pm_type *row;
    paimon_error err = {0};
    if (pm_type_parse(text, &row, &err) != PAIMON_OK) {
        fprintf(stderr, "%s\n", err.message);
        return NULL;
    }
    pm_field *f = row->fields;
    *count = row->field_count;
    row->fields = NULL;
    row->field_count = 0;
    pm_type_free(row);
    return f;
}

static inline void pqt_render_float(pm_buf *b, double v, bool is_float) {
    if (isnan(v)) {
        pm_buf_append_str(b, "\"NaN\"");
        return;
    }
    if (isinf(v)) {
        pm_buf_append_str(b, v > 0 ? "\"Infinity\"" : "\"-Infinity\"");
        return;
    }
    char tmp[64];
    /* Shortest text that reads back to the same value. */
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*g", prec, v);
        if (is_float ? (float)strtod(tmp, NULL) == (float)v : strtod(tmp, NULL) == v)
            break;
    }
    pm_buf_append_str(b, tmp);
}

static inline void pqt_render(pm_buf *b, const struct ArrowArray *a, const pm_type *t,
                              int64_t i) {
    if (!pm_arrow_is_valid(a, i)) {
        pm_buf_append_str(b, "null");
        return;
    }
    char tmp[PM_TIME_TEXT_MAX + PM_DECIMAL_TEXT_MAX];
    int64_t at = a->offset + i;
    switch (t->id) {
    case PM_TYPE_ARRAY:
    case PM_TYPE_MAP:
    case PM_TYPE_MULTISET: {
        const uint8_t *offs = a->buffers[1];
        int32_t s = (int32_t)pm_load_le32(offs + at * 4),
                e = (int32_t)pm_load_le32(offs + at * 4 + 4);
        pm_buf_append_byte(b, '[');
        const struct ArrowArray *c = a->children[0];
        for (int32_t j = s; j < e; j++) {
            if (j > s)
                pm_buf_append_byte(b, ',');
            if (t->id == PM_TYPE_ARRAY) {
                pqt_render(b, c, t->element, j);
            } else {
                pm_buf_append_byte(b, '[');
                pqt_render(b, c->children[0], t->id == PM_TYPE_MAP ? t->key : t->element,
                           c->offset + j);
                pm_buf_append_byte(b, ',');
                if (t->id == PM_TYPE_MAP) {
                    pqt_render(b, c->children[1], t->value, c->offset + j);
                } else {
                    pm_type it = {.id = PM_TYPE_INT};
                    pqt_render(b, c->children[1], &it, c->offset + j);
                }
                pm_buf_append_byte(b, ']');
            }
        }
        pm_buf_append_byte(b, ']');
        return;
    }
    case PM_TYPE_ROW:
        pm_buf_append_byte(b, '[');
        for (size_t k = 0; k < t->field_count; k++) {
            if (k > 0)
                pm_buf_append_byte(b, ',');
            pqt_render(b, a->children[k], t->fields[k].type, at);
        }
        pm_buf_append_byte(b, ']');
        return;
    default: break;
    }
    pm_datum d = pm_arrow_get_datum(a, t, i);
    switch (t->id) {
    case PM_TYPE_BOOLEAN: pm_buf_append_str(b, d.v.b ? "true" : "false"); break;
    case PM_TYPE_TINYINT:
    case PM_TYPE_SMALLINT:
    case PM_TYPE_INT:
    case PM_TYPE_BIGINT: pm_buf_append_fmt(b, "%" PRId64, d.v.i); break;
    case PM_TYPE_FLOAT: pqt_render_float(b, d.v.f, true); break;
    case PM_TYPE_DOUBLE: pqt_render_float(b, d.v.f, false); break;
    case PM_TYPE_DECIMAL:
        pm_dec_format(d.v.dec, t->scale, tmp);
        pm_buf_append_fmt(b, "\"%s\"", tmp);
        break;
    case PM_TYPE_DATE:
        pm_format_date(d.v.i, tmp);
        pm_buf_append_fmt(b, "\"%s\"", tmp);
        break;
    case PM_TYPE_TIME:
        pm_format_time(d.v.i, 0, 3, tmp);
        pm_buf_append_fmt(b, "\"%s\"", tmp);
        break;
    case PM_TYPE_TIMESTAMP:
    case PM_TYPE_TIMESTAMP_LTZ:
        pm_format_timestamp(d.v.ts.millis, d.v.ts.nanos, t->precision, tmp);
        pm_buf_append_fmt(b, "\"%s\"", tmp);
        break;
    case PM_TYPE_CHAR:
    case PM_TYPE_VARCHAR:
        pm_buf_append_byte(b, '"');
        pm_buf_append(b, d.v.bytes.ptr, d.v.bytes.len);
        pm_buf_append_byte(b, '"');
        break;
    default: {
        /* Binary as base64 in quotes, as the compat corpus writes it. */
        pm_buf_append_byte(b, '"');
        pqt_base64(b, d.v.bytes.ptr, d.v.bytes.len);
        pm_buf_append_byte(b, '"');
        break;
    }
    }
}

/* Row r of a batch (a struct of the fields' columns) as "[v1,v2,...]". */
static inline void pqt_render_row(pm_buf *b, const struct ArrowArray *batch,
                                  const pm_field *fields, size_t n, int64_t r) {
    pm_buf_append_byte(b, '[');
    for (size_t k = 0; k < n; k++) {
        if (k > 0)
            pm_buf_append_byte(b, ',');
        pqt_render(b, batch->children[k], fields[k].type, r);
    }
    pm_buf_append_byte(b, ']');
}

/* All rows of a result, one per line, in file order. */
static inline void pqt_render_all(pm_buf *b, const pqt_result *res, const pm_field *fields,
                                  size_t n) {
    for (size_t k = 0; k < res->count; k++) {
        for (int64_t r = 0; r < res->batches[k].length; r++) {
            pqt_render_row(b, &res->batches[k], fields, n, r);
            pm_buf_append_byte(b, '\n');
        }
    }
}

/* Collects the .parquet files under dir (recursively) into paths (pm_strdup'ed). */
static inline void pqt_find_files(const char *dir, char **paths, size_t *count, size_t cap) {
    DIR *d = opendir(dir);
    if (d == NULL)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char p[16384];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(p, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            pqt_find_files(p, paths, count, cap);
        } else {
            size_t l = strlen(p);
            if (l > 8 && strcmp(p + l - 8, ".parquet") == 0 && *count < cap)
                paths[(*count)++] = pm_strdup(p);
        }
    }
    closedir(d);
}

#endif
