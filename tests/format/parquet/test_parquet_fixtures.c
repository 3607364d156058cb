/* DuckDB-written fixtures (tests/resources/parquet/generate.mjs): every value of every column
 * is recomputed from the row number and compared, across codecs, v1/v2 pages and encodings. */
#include "test.h"
#include "pq_test_util.h"

#include "util/timeutil.h"

static void text_ts(pm_buf *b, int64_t v, int64_t per_ms, int precision) {
    char t[PM_TIME_TEXT_MAX];
    pm_format_timestamp(pm_floor_div(v, per_ms), (int32_t)(pm_floor_mod(v, per_ms) * (1000000 / per_ms)),
                        precision, t);
    pm_buf_append_fmt(b, "\"%s\"", t);
}

static void text_dec(pm_buf *b, pm_decimal128 d, int scale) {
    char t[PM_DECIMAL_TEXT_MAX];
    pm_dec_format(d, scale, t);
    pm_buf_append_fmt(b, "\"%s\"", t);
}

/* The row generate.mjs writes for row i of the flat fixtures, rendered as pqt_render does. */
static void expected_flat(pm_buf *b, int64_t i) {
    pm_buf_append_fmt(b, "[%lld", (long long)i);
    if (i % 7 == 3) {
        for (int k = 0; k < 21; k++)
            pm_buf_append_str(b, ",null");
        pm_buf_append_byte(b, ']');
        return;
    }
    pm_buf_append_fmt(b, ",%s,%lld,%lld,%lld,%lld,", i % 2 == 0 ? "true" : "false",
                      (long long)(i % 256 - 128), (long long)(i * 7 % 65536 - 32768),
                      (long long)(i * 1000003 % 2000000000 - 1000000000),
                      (long long)(i * 1000000007 - 5000000000000LL));
    pqt_render_float(b, (double)i * 0.25, true);
    pm_buf_append_byte(b, ',');
    pqt_render_float(b, (double)i * 1.5 - 1000, false);
    pm_buf_append_fmt(b, ",\"k%lld\",\"unique-%lld", (long long)(i % 10), (long long)i);
    for (int k = 0; k < i % 13; k++)
        pm_buf_append_byte(b, 'x');
    char raw[32], t[PM_TIME_TEXT_MAX];
    int n = snprintf(raw, sizeof raw, "b%lld", (long long)i);
    pm_buf_append_str(b, "\",\"");
    pqt_base64(b, (const uint8_t *)raw, (size_t)n);
    pm_format_date(pm_days_from_civil(1969, 12, 1) + i, t);
    pm_buf_append_fmt(b, "\",\"%s\",", t);
    int64_t tod = ((i % 24) * 3600 + (i % 60) * 60 + i % 60) * 1000 + 125;
    pm_format_time(tod, 0, 3, t);
    pm_buf_append_fmt(b, "\"%s\",", t);
    text_ts(b, -60000000 + i * 1001000 + i, 1000, 6);
    pm_buf_append_byte(b, ',');
    text_ts(b, -60000 + i * 1001, 1, 3);
    pm_buf_append_byte(b, ',');
    text_ts(b, i * 1000000123 - 500000000000LL, 1000000, 9);
    pm_buf_append_byte(b, ',');
    text_dec(b, pm_dec_from_i64(i * 123 % 10000 - 5000), 2);
    pm_buf_append_byte(b, ',');
    text_dec(b, pm_dec_from_i64(i * 1234567891LL - 99999999500LL), 3);
    pm_buf_append_byte(b, ',');
    pm_decimal128 d;
    pm_dec_mul_i64(pm_dec_from_i64(i * 123456789012345LL), 100000, &d);
    pm_dec_add(d, pm_dec_from_i64(i * 12345 % 100000), &d);
    text_dec(b, i % 2 == 1 ? pm_dec_negate(d) : d, 5);
    pm_buf_append_fmt(b, ",%lld,%lld,%lld]", (long long)(i % 256), (long long)(i * 3 % 65536),
                      (long long)(4294967295LL - i));
}

static const char *const flat_types =
    "id INT,b BOOLEAN,i8 TINYINT,i16 SMALLINT,i32 INT,i64 BIGINT,f32 FLOAT,f64 DOUBLE,"
    "s_dict STRING,s_plain STRING,bin BYTES,d DATE,t TIME(3),ts_us TIMESTAMP(6),"
    "ts_ms TIMESTAMP(3),ts_ns TIMESTAMP(9),dec4 DECIMAL(4, 2),dec15 DECIMAL(15, 3),"
    "dec30 DECIMAL(30, 5),u8 SMALLINT,u16 INT,u32 BIGINT";

/* Reads a fixture with `fields` in batches of batch_rows and compares every row with
 * `expect`; the first mismatch is reported. Returns the rows checked, -1 on failure. */
static int64_t check_file(const char *name, const pm_field *fields, size_t n, size_t batch_rows,
                          void (*expect)(pm_buf *, int64_t)) {
    paimon_error err = {0};
    const char *path = pqt_fixture(name);
    pqt_result *res = pm_calloc(1, sizeof *res);
    int rc = pqt_read_file(pqt_open_local(path, &err), path, fields, n, batch_rows, NULL, NULL, res,
                           &err);
    int64_t rows = -1;
    if (rc != PAIMON_OK) {
        fprintf(stderr, "%s: %s\n", name, err.message);
        goto done;
    }
    pm_buf got = PM_BUF_INIT, want = PM_BUF_INIT;
    int64_t next = 0;
    for (size_t k = 0; k < res->count; k++) {
        if (res->first_rows[k] != next) {
            fprintf(stderr, "%s: batch %zu starts at %lld, expected %lld\n", name, k,
                    (long long)res->first_rows[k], (long long)next);
            goto mismatch;
        }
        for (int64_t r = 0; r < res->batches[k].length; r++, next++) {
            got.len = want.len = 0;
            pqt_render_row(&got, &res->batches[k], fields, n, r);
            expect(&want, next);
            if (strcmp(pm_buf_cstr(&got), pm_buf_cstr(&want)) != 0) {
                fprintf(stderr, "%s row %lld:\n  got  %s\n  want %s\n", name, (long long)next,
                        pm_buf_cstr(&got), pm_buf_cstr(&want));
                goto mismatch;
            }
        }
    }
    rows = next;
mismatch:
    pm_buf_dispose(&got);
    pm_buf_dispose(&want);
done:
    pqt_result_free(res);
    pm_free(res);
    return rows;
}

static int64_t check_flat(const char *name, size_t batch_rows) {
    size_t n;
    pm_field *f = pqt_fields(flat_types, &n);
    int64_t rows = check_file(name, f, n, batch_rows, expected_flat);
    pm_parquet_fields_free(f, n);
    return rows;
}

TEST(flat_v1_every_codec) {
    CHECK_EQ_INT(check_flat("flat_v1_uncompressed.parquet", 0), 300);
    CHECK_EQ_INT(check_flat("flat_v1_snappy.parquet", 0), 300);
    CHECK_EQ_INT(check_flat("flat_v1_gzip.parquet", 0), 300);
    CHECK_EQ_INT(check_flat("flat_v1_zstd.parquet", 0), 300);
    CHECK_EQ_INT(check_flat("flat_v1_lz4_raw.parquet", 0), 300);
}

TEST(flat_v1_many_pages_and_row_groups) {
    CHECK_EQ_INT(check_flat("flat_v1_pages.parquet", 0), 5000);
    CHECK_EQ_INT(check_flat("flat_v1_pages.parquet", 777), 5000);
}

TEST(flat_v2_delta_and_byte_stream_split) {
    CHECK_EQ_INT(check_flat("flat_v2.parquet", 0), 5000);
    CHECK_EQ_INT(check_flat("flat_v2.parquet", 1), 5000);
    CHECK_EQ_INT(check_flat("flat_v2.parquet", 1000), 5000);
    CHECK_EQ_INT(check_flat("flat_v2_uncompressed.parquet", 13), 300);
}

TEST(derived_fields_match_the_file) {
    paimon_error err = {0};
    const char *path = pqt_fixture("flat_v2.parquet");
    pm_file *f = pqt_open_local(path, &err);
    CHECK(f != NULL);
    pm_field *fields;
    size_t n;
    CHECK_OK(pm_parquet_read_fields(f, path, &fields, &n, &err), &err);
    pm_file_close(f);
    pm_buf all = PM_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        pm_buf_append_fmt(&all, "%s%s ", i ? "," : "", fields[i].name);
        pm_type_format(fields[i].type, &all);
    }
    CHECK_EQ_STR(pm_buf_cstr(&all),
                 "id INT,b BOOLEAN,i8 TINYINT,i16 SMALLINT,i32 INT,i64 BIGINT,f32 FLOAT,"
                 "f64 DOUBLE,s_dict STRING,s_plain STRING,bin BYTES,d DATE,t TIME(6),"
                 "ts_us TIMESTAMP(6),ts_ms TIMESTAMP(3),ts_ns TIMESTAMP(9),dec4 DECIMAL(4, 2),"
                 "dec15 DECIMAL(15, 3),dec30 DECIMAL(30, 5),u8 SMALLINT,u16 INT,u32 BIGINT");
    pm_buf_dispose(&all);
    pm_parquet_fields_free(fields, n);
}

TEST(brotli_is_unsupported_and_named) {
    size_t n;
    pm_field *f = pqt_fields("id INT", &n);
    paimon_error err = {0};
    const char *path = pqt_fixture("flat_v1_brotli.parquet");
    pqt_result *res = pm_calloc(1, sizeof *res);
    int rc = pqt_read_file(pqt_open_local(path, &err), path, f, n, 0, NULL, NULL, res, &err);
    pqt_result_free(res);
    pm_free(res);
    pm_parquet_fields_free(f, n);
    CHECK_EQ_INT(rc, PAIMON_EUNSUPPORTED);
    CHECK(strstr(err.message, "BROTLI") != NULL);
    CHECK(strstr(err.message, "flat_v1_brotli.parquet") != NULL);
}

/* ---- nested ---- */

static void expected_nested(pm_buf *b, int64_t i) {
    pm_buf_append_fmt(b, "[%lld,", (long long)i);
    if (i % 5 == 0) {
        pm_buf_append_str(b, "null");
    } else {
        pm_buf_append_byte(b, '[');
        for (int64_t j = 0; i % 5 != 1 && j < i % 4 + 1; j++) {
            if (j)
                pm_buf_append_byte(b, ',');
            if ((i + j) % 4 == 2)
                pm_buf_append_str(b, "null");
            else
                pm_buf_append_fmt(b, "%lld", (long long)(i * 10 + j));
        }
        pm_buf_append_byte(b, ']');
    }
    pm_buf_append_byte(b, ',');
    if (i % 6 == 0) {
        pm_buf_append_str(b, "null");
    } else {
        pm_buf_append_byte(b, '[');
        for (int64_t j = 0; j < i % 3; j++) {
            if (j)
                pm_buf_append_byte(b, ',');
            if (j == 1 && i % 2 == 0) {
                pm_buf_append_str(b, "null");
                continue;
            }
            pm_buf_append_byte(b, '[');
            for (int64_t k = 0; k <= j; k++)
                pm_buf_append_fmt(b, "%s\"v%lld\"", k ? "," : "", (long long)(i + j + k));
            pm_buf_append_byte(b, ']');
        }
        pm_buf_append_byte(b, ']');
    }
    pm_buf_append_byte(b, ',');
    if (i % 4 == 0) {
        pm_buf_append_str(b, "null");
    } else {
        pm_buf_append_byte(b, '[');
        if (i % 3 == 0)
            pm_buf_append_str(b, "null");
        else
            pm_buf_append_fmt(b, "%lld", (long long)i);
        if (i % 5 == 2)
            pm_buf_append_str(b, ",[null],");
        else
            pm_buf_append_fmt(b, ",[\"c%lld\"],", (long long)i);
        if (i % 2 == 0)
            pm_buf_append_str(b, "null]");
        else
            pm_buf_append_fmt(b, "[%lld,%lld.5]]", (long long)i, (long long)i);
    }
    pm_buf_append_byte(b, ',');
    if (i % 3 == 0) {
        pm_buf_append_str(b, "null");
    } else {
        pm_buf_append_byte(b, '[');
        for (int64_t j = 0; j < i % 3; j++) {
            pm_buf_append_fmt(b, "%s[\"key%lld\",", j ? "," : "", (long long)j);
            if (j == 1)
                pm_buf_append_str(b, "null]");
            else
                pm_buf_append_fmt(b, "%lld]", (long long)(i + j));
        }
        pm_buf_append_byte(b, ']');
    }
    pm_buf_append_byte(b, ',');
    if (i % 7 == 0) {
        pm_buf_append_str(b, "null");
    } else {
        pm_buf_append_byte(b, '[');
        for (int64_t j = 0; j < i % 3; j++) {
            if (j)
                pm_buf_append_byte(b, ',');
            if (j == 2)
                pm_buf_append_str(b, "null");
            else if (j == 1)
                pm_buf_append_fmt(b, "[%lld,null]", (long long)(i + j));
            else
                pm_buf_append_fmt(b, "[%lld,\"y%lld\"]", (long long)(i + j), (long long)j);
        }
        pm_buf_append_byte(b, ']');
    }
    pm_buf_append_byte(b, ']');
}

static const char *const nested_types =
    "id INT,li ARRAY<INT>,lli ARRAY<ARRAY<STRING>>,"
    "st ROW<a BIGINT, b ROW<c STRING>, l ARRAY<DOUBLE>>,mp MAP<STRING, INT>,"
    "ls ARRAY<ROW<x INT, y STRING>>";

static int64_t check_nested(const char *name, size_t batch_rows) {
    size_t n;
    pm_field *f = pqt_fields(nested_types, &n);
    int64_t rows = check_file(name, f, n, batch_rows, expected_nested);
    pm_parquet_fields_free(f, n);
    return rows;
}

TEST(nested_nulls_at_every_level) {
    CHECK_EQ_INT(check_nested("nested_v1.parquet", 0), 3000);
    CHECK_EQ_INT(check_nested("nested_v1.parquet", 1), 3000);
    CHECK_EQ_INT(check_nested("nested_v1.parquet", 100), 3000);
    CHECK_EQ_INT(check_nested("nested_v2.parquet", 0), 3000);
    CHECK_EQ_INT(check_nested("nested_v2.parquet", 333), 3000);
}

TEST(nested_projection_by_name_with_missing_fields) {
    size_t n;
    pm_field *f = pqt_fields("st ROW<l ARRAY<DOUBLE>, zz INT, a BIGINT>, mp MULTISET<STRING>, "
                             "ls ARRAY<ROW<y STRING, gone ROW<q INT>>>", &n);
    paimon_error err = {0};
    const char *path = pqt_fixture("nested_v1.parquet");
    pqt_result *res = pm_calloc(1, sizeof *res);
    CHECK_OK(pqt_read_file(pqt_open_local(path, &err), path, f, n, 0, NULL, NULL, res, &err), &err);
    pm_buf b = PM_BUF_INIT;
    static const char *const want[] = {
        "[[[17,17.5],null,17],[[\"key0\",17],[\"key1\",null]],[[\"y0\",null],[null,null]]]",
        "[[null,null,null],null,[]]",
        "[[[19,19.5],null,19],[[\"key0\",19]],[[\"y0\",null]]]",
        "[null,[[\"key0\",20],[\"key1\",null]],[[\"y0\",null],[null,null]]]",
        "[[[21,21.5],null,null],null,null]",
    };
    for (int r = 17; r <= 21; r++) {
        b.len = 0;
        pqt_render_row(&b, &res->batches[0], f, n, r);
        CHECK_EQ_STR(pm_buf_cstr(&b), want[r - 17]);
    }
    pm_buf_dispose(&b);
    pqt_result_free(res);
    pm_free(res);
    pm_parquet_fields_free(f, n);
}
