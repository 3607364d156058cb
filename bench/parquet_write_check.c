/*
 * parquet_write_check.c - files for the independent check of the Parquet writer
 * (tests/format/parquet/duckdb_check.sh): writes Parquet files with every Paimon type under
 * several writer settings and, next to each, what DuckDB must read from it.
 *
 *   parquet_write_check OUT_DIR [ROWS]
 *
 * For every file NAME.parquet it writes NAME.sql, a SELECT list that turns each column into a
 * value-exact form (dates as days, times as microseconds, timestamps as epoch nanoseconds,
 * binaries as hex, decimals as text, floats as {v: double, s: sign bit}, lists, maps as lists
 * of {k, v}, rows as structs), and NAME.jsonl, the rows we wrote in the JSON DuckDB's node
 * client renders for that SELECT (BIGINT results as strings). DuckDB reads INT96 timestamps as
 * microseconds (truncating toward zero), so the expected value of TIMESTAMP(7..9) columns is
 * truncated likewise. Parquet's legacy LZ4 codec (Hadoop framing, what parquet-mr writes for
 * "lz4") is not among the files: DuckDB cannot read it.
 */
#include "test.h"
#include "pqw_test_util.h"

#include "util/timeutil.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

void pm_test_fail(const char *file, int line, const char *fmt, ...) {
    (void)file;
    (void)line;
    (void)fmt;
}

static const char *const types[] = {
    "BOOLEAN", "TINYINT", "SMALLINT", "INT", "BIGINT", "FLOAT", "DOUBLE", "DECIMAL(5, 2)",
    "DECIMAL(18, 4)", "DECIMAL(23, 3)", "DECIMAL(38, 10)", "CHAR(5)", "VARCHAR(30)", "STRING",
    "BINARY(4)", "BYTES", "DATE", "TIME", "TIMESTAMP(0)", "TIMESTAMP(3)", "TIMESTAMP(5)",
    "TIMESTAMP(6)", "TIMESTAMP(9)", "TIMESTAMP(3) WITH LOCAL TIME ZONE",
    "TIMESTAMP(6) WITH LOCAL TIME ZONE", "TIMESTAMP(9) WITH LOCAL TIME ZONE", "ARRAY<INT>",
    "ARRAY<STRING NOT NULL>", "ARRAY<ARRAY<DOUBLE>>", "MAP<STRING, BIGINT>",
    "MAP<INT NOT NULL, ARRAY<DECIMAL(20, 2)>>", "MAP<DATE, MAP<STRING, BOOLEAN>>",
    "MULTISET<STRING>", "ROW<`a` INT, `b` STRING, `c` ROW<`x` DATE, `y` ARRAY<BOOLEAN>>>",
    "ARRAY<ROW<`k` STRING, `v` DECIMAL(20, 3)>>", "ROW<`r` ROW<`s` TIMESTAMP(9) NOT NULL>>",
    "INT NOT NULL", "STRING NOT NULL", "ARRAY<FLOAT> NOT NULL",
    "ROW<`n` BIGINT NOT NULL, `m` MAP<STRING, STRING>> NOT NULL",
};
#define NTYPES (sizeof types / sizeof types[0])

static const pm_type multiset_count = {.id = PM_TYPE_INT};

/* ---- the SELECT expression of a column ---- */

static void sql(pm_buf *b, const pm_type *t, const char *x, int depth) {
    char v[32], w[32];
    snprintf(v, sizeof v, "e%d", depth);
    snprintf(w, sizeof w, "kv%d", depth);
    switch (t->id) {
    case PM_TYPE_FLOAT:
    case PM_TYPE_DOUBLE:
        pm_buf_append_fmt(b,
                          "CASE WHEN %s IS NULL THEN NULL ELSE {'v': CAST(%s AS DOUBLE), 's': "
                          "signbit(%s)} END",
                          x, x, x);
        return;
    case PM_TYPE_DECIMAL: pm_buf_append_fmt(b, "CAST(%s AS VARCHAR)", x); return;
    case PM_TYPE_BINARY:
    case PM_TYPE_VARBINARY: pm_buf_append_fmt(b, "hex(%s)", x); return;
    case PM_TYPE_DATE: pm_buf_append_fmt(b, "CAST(%s - DATE '1970-01-01' AS BIGINT)", x); return;
    case PM_TYPE_TIME: pm_buf_append_fmt(b, "epoch_us(%s)", x); return;
    case PM_TYPE_TIMESTAMP:
    case PM_TYPE_TIMESTAMP_LTZ: pm_buf_append_fmt(b, "epoch_ns(%s)", x); return;
    case PM_TYPE_ARRAY:
        pm_buf_append_fmt(b, "list_transform(%s, %s -> ", x, v);
        sql(b, t->element, v, depth + 1);
        pm_buf_append_str(b, ")");
        return;
    case PM_TYPE_MAP:
    case PM_TYPE_MULTISET: {
        char k[40], val[40];
        snprintf(k, sizeof k, "%s.key", w);
        snprintf(val, sizeof val, "%s.value", w);
        pm_buf_append_fmt(b, "list_transform(map_entries(%s), %s -> {'k': ", x, w);
        sql(b, t->id == PM_TYPE_MAP ? t->key : t->element, k, depth + 1);
        pm_buf_append_str(b, ", 'v': ");
        sql(b, t->id == PM_TYPE_MAP ? t->value : &multiset_count, val, depth + 1);
        pm_buf_append_str(b, "})");
        return;
    }
    case PM_TYPE_ROW:
        pm_buf_append_fmt(b, "CASE WHEN %s IS NULL THEN NULL ELSE {", x);
        for (size_t i = 0; i < t->field_count; i++) {
            char f[256];
            snprintf(f, sizeof f, "%s.\"%s\"", x, t->fields[i].name);
            pm_buf_append_fmt(b, "%s'%s': ", i ? ", " : "", t->fields[i].name);
            sql(b, t->fields[i].type, f, depth + 1);
        }
        pm_buf_append_str(b, "} END");
        return;
    default: pm_buf_append_str(b, x); return;
    }
}

/* ---- the expected JSON of a value ---- */

static void json_string(pm_buf *b, const uint8_t *p, size_t n) {
    pm_buf_append_byte(b, '"');
    for (size_t i = 0; i < n; i++) {
        uint8_t c = p[i];
        if (c == '"' || c == '\\')
            pm_buf_append_fmt(b, "\\%c", c);
        else if (c < 0x20)
            pm_buf_append_fmt(b, "\\u%04x", c);
        else
            pm_buf_append_byte(b, c);
    }
    pm_buf_append_byte(b, '"');
}

static void json(pm_buf *b, const struct ArrowArray *a, const pm_type *t, int64_t i) {
    if (!pm_arrow_is_valid(a, i)) {
        pm_buf_append_str(b, "null");
        return;
    }
    int64_t at = a->offset + i;
    switch (t->id) {
    case PM_TYPE_ARRAY:
    case PM_TYPE_MAP:
    case PM_TYPE_MULTISET: {
        const int32_t *off = a->buffers[1];
        const struct ArrowArray *c = a->children[0];
        pm_buf_append_byte(b, '[');
        for (int32_t j = off[at]; j < off[at + 1]; j++) {
            if (j > off[at])
                pm_buf_append_byte(b, ',');
            if (t->id == PM_TYPE_ARRAY) {
                json(b, c, t->element, j);
                continue;
            }
            pm_buf_append_str(b, "{\"k\":");
            json(b, c->children[0], t->id == PM_TYPE_MAP ? t->key : t->element, c->offset + j);
            pm_buf_append_str(b, ",\"v\":");
            json(b, c->children[1], t->id == PM_TYPE_MAP ? t->value : &multiset_count,
                 c->offset + j);
            pm_buf_append_byte(b, '}');
        }
        pm_buf_append_byte(b, ']');
        return;
    }
    case PM_TYPE_ROW:
        pm_buf_append_byte(b, '{');
        for (size_t k = 0; k < t->field_count; k++) {
            pm_buf_append_fmt(b, "%s\"%s\":", k ? "," : "", t->fields[k].name);
            json(b, a->children[k], t->fields[k].type, at);
        }
        pm_buf_append_byte(b, '}');
        return;
    default: break;
    }
    pm_datum d = pm_arrow_get_datum(a, t, i);
    char text[PM_DECIMAL_TEXT_MAX];
    switch (t->id) {
    case PM_TYPE_BOOLEAN: pm_buf_append_str(b, d.v.b ? "true" : "false"); break;
    case PM_TYPE_TINYINT:
    case PM_TYPE_SMALLINT:
    case PM_TYPE_INT: pm_buf_append_fmt(b, "%" PRId64, d.v.i); break;
    case PM_TYPE_BIGINT:
    case PM_TYPE_DATE: pm_buf_append_fmt(b, "\"%" PRId64 "\"", d.v.i); break;
    case PM_TYPE_TIME: pm_buf_append_fmt(b, "\"%" PRId64 "\"", d.v.i * 1000); break;
    case PM_TYPE_FLOAT:
    case PM_TYPE_DOUBLE: {
        double v = d.v.f;
        pm_buf_append_str(b, "{\"v\":");
        if (isnan(v))
            pm_buf_append_str(b, "\"NaN\"");
        else if (isinf(v))
            pm_buf_append_str(b, v > 0 ? "\"Infinity\"" : "\"-Infinity\"");
        else
            pm_buf_append_fmt(b, "%.17g", v);
        pm_buf_append_fmt(b, ",\"s\":%s}", signbit(v) ? "true" : "false");
        break;
    }
    case PM_TYPE_DECIMAL:
        pm_dec_format(d.v.dec, t->scale, text);
        pm_buf_append_fmt(b, "\"%s\"", text);
        break;
    case PM_TYPE_TIMESTAMP:
    case PM_TYPE_TIMESTAMP_LTZ: {
        int64_t ns = d.v.ts.millis * 1000000 + d.v.ts.nanos;
        if (t->precision > 6)
            ns = ns / 1000 * 1000; /* DuckDB truncates INT96 nanoseconds toward zero */
        pm_buf_append_fmt(b, "\"%" PRId64 "\"", ns);
        break;
    }
    case PM_TYPE_CHAR:
    case PM_TYPE_VARCHAR: json_string(b, d.v.bytes.ptr, d.v.bytes.len); break;
    default:
        pm_buf_append_byte(b, '"');
        for (size_t k = 0; k < d.v.bytes.len; k++)
            pm_buf_append_fmt(b, "%02X", d.v.bytes.ptr[k]);
        pm_buf_append_byte(b, '"');
        break;
    }
}

static int write_text(const char *path, const pm_buf *b) {
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return -1;
    size_t n = b->len ? fwrite(b->data, 1, b->len, f) : 0;
    return fclose(f) == 0 && n == b->len ? 0 : -1;
}

static int one_file(const char *dir, const char *name, const pm_parquet_write_options *o,
                    size_t rows, uint64_t seed) {
    paimon_error err = {0};
    pqw_data d;
    pm_buf file = PM_BUF_INIT, q = PM_BUF_INIT, rowsj = PM_BUF_INIT;
    int rc = pqw_data_make(&d, types, NTYPES, rows, seed, &err);
    if (rc == PAIMON_OK)
        rc = pqw_write(&d, o, 1000, &file, NULL, &err);
    if (rc != PAIMON_OK) {
        fprintf(stderr, "%s: %s\n", name, err.message);
        return 1;
    }
    for (size_t k = 0; k < d.count; k++) {
        if (k > 0)
            pm_buf_append_str(&q, ",\n");
        sql(&q, d.fields[k].type, d.fields[k].name, 0);
    }
    pm_buf_append_byte(&q, '\n');
    for (int64_t r = 0; r < d.batch.length; r++) {
        pm_buf_append_byte(&rowsj, '[');
        for (size_t k = 0; k < d.count; k++) {
            if (k > 0)
                pm_buf_append_byte(&rowsj, ',');
            json(&rowsj, d.batch.children[k], d.fields[k].type, d.batch.offset + r);
        }
        pm_buf_append_str(&rowsj, "]\n");
    }
    char path[4096];
    int bad = 0;
    snprintf(path, sizeof path, "%s/%s.parquet", dir, name);
    bad |= write_text(path, &file);
    snprintf(path, sizeof path, "%s/%s.sql", dir, name);
    bad |= write_text(path, &q);
    snprintf(path, sizeof path, "%s/%s.jsonl", dir, name);
    bad |= write_text(path, &rowsj);
    if (bad)
        fprintf(stderr, "%s: cannot write to %s\n", name, dir);
    else
        printf("%s: %zu rows, %zu bytes\n", name, rows, file.len);
    pm_buf_dispose(&file);
    pm_buf_dispose(&q);
    pm_buf_dispose(&rowsj);
    pqw_data_dispose(&d);
    return bad ? 1 : 0;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s OUT_DIR [ROWS]\n", argv[0]);
        return 2;
    }
    size_t rows = argc > 2 ? (size_t)strtoull(argv[2], NULL, 10) : 5000;
    int bad = 0;
    pm_parquet_write_options o;
    pm_parquet_write_options_init(&o);
    bad |= one_file(argv[1], "defaults_zstd", &o, rows, 1);
    o.codec = PM_CODEC_NONE;
    o.dictionary = false;
    o.page_size = 2048;
    o.page_row_limit = 300;
    o.row_group_size = 64 * 1024;
    bad |= one_file(argv[1], "plain_small_pages", &o, rows, 2);
    pm_parquet_write_options_init(&o);
    o.dictionary_page_size = 512;
    o.codec = PM_CODEC_SNAPPY;
    bad |= one_file(argv[1], "snappy_dict_fallback", &o, rows, 3);
    pm_codec others[] = {PM_CODEC_GZIP, PM_CODEC_LZ4_BLOCK};
    const char *names[] = {"gzip", "lz4_raw"};
    for (size_t i = 0; i < 2; i++) {
        pm_parquet_write_options_init(&o);
        o.codec = others[i];
        o.compression_level = 0;
        bad |= one_file(argv[1], names[i], &o, rows / 5, 4 + i);
    }
    pm_parquet_write_options_init(&o);
    bad |= one_file(argv[1], "empty", &o, 0, 9);
    return bad;
}
