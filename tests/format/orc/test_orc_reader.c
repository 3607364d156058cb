/* The ORC reader on Java-written files (tests/resources/orc): values as the compat cases expect
 * them, projection and missing columns, conversions, and corrupted files. */
#include "test.h"
#include "orc_test_util.h"

#include "data/type.h"
#include "util/timeutil.h"

#include <stdio.h>

static uint8_t *load_fixture(const char *name, size_t *len) {
    const char *src = getenv("PAIMON_SOURCE_DIR");
    char path[4096];
    if (src == NULL || snprintf(path, sizeof path, "%s/tests/resources/orc/%s", src, name) >=
                           (int)sizeof path)
        return NULL;
    return pm_test_read_file(path, len);
}

/* Text of one value, in the compat corpus's notation. */
static void fmt(const struct ArrowArray *a, const pm_type *t, int64_t i, char *out, size_t cap) {
    if (!pm_arrow_is_valid(a, i)) {
        snprintf(out, cap, "null");
        return;
    }
    size_t n = 0;
    switch (t->id) {
    case PM_TYPE_ARRAY:
    case PM_TYPE_MAP: {
        const int32_t *off = a->buffers[1];
        int64_t s = off[a->offset + i], e = off[a->offset + i + 1];
        n += (size_t)snprintf(out + n, cap - n, "[");
        for (int64_t k = s; k < e && n < cap; k++) {
            char v[256], w[256];
            if (t->id == PM_TYPE_ARRAY) {
                fmt(a->children[0], t->element, k, v, sizeof v);
                n += (size_t)snprintf(out + n, cap - n, "%s%s", k > s ? ", " : "", v);
            } else {
                const struct ArrowArray *en = a->children[0];
                fmt(en->children[0], t->key, en->offset + k, v, sizeof v);
                fmt(en->children[1], t->value, en->offset + k, w, sizeof w);
                n += (size_t)snprintf(out + n, cap - n, "%s[%s, %s]", k > s ? ", " : "", v, w);
            }
        }
        snprintf(out + n, cap - n, "]");
        return;
    }
    case PM_TYPE_ROW:
        n += (size_t)snprintf(out + n, cap - n, "[");
        for (size_t f = 0; f < t->field_count && n < cap; f++) {
            char v[256];
            fmt(a->children[f], t->fields[f].type, a->offset + i, v, sizeof v);
            n += (size_t)snprintf(out + n, cap - n, "%s%s", f ? ", " : "", v);
        }
        snprintf(out + n, cap - n, "]");
        return;
    default: break;
    }
    pm_datum d = pm_arrow_get_datum(a, t, i);
    char buf[PM_TIME_TEXT_MAX + PM_DECIMAL_TEXT_MAX];
    switch (t->id) {
    case PM_TYPE_BOOLEAN: snprintf(out, cap, "%s", d.v.b ? "true" : "false"); break;
    case PM_TYPE_FLOAT: snprintf(out, cap, "%.9g", d.v.f); break;
    case PM_TYPE_DOUBLE: snprintf(out, cap, "%.17g", d.v.f); break;
    case PM_TYPE_CHAR:
    case PM_TYPE_VARCHAR: snprintf(out, cap, "%.*s", (int)d.v.bytes.len, d.v.bytes.ptr); break;
    case PM_TYPE_BINARY:
    case PM_TYPE_VARBINARY:
        for (size_t k = 0; k < d.v.bytes.len && 2 * k + 2 < cap; k++)
            snprintf(out + 2 * k, cap - 2 * k, "%02x", d.v.bytes.ptr[k]);
        if (d.v.bytes.len == 0)
            out[0] = '\0';
        break;
    case PM_TYPE_DECIMAL:
        pm_dec_format(d.v.dec, t->scale, buf);
        snprintf(out, cap, "%s", buf);
        break;
    case PM_TYPE_DATE:
        pm_format_date(d.v.i, buf);
        snprintf(out, cap, "%s", buf);
        break;
    case PM_TYPE_TIMESTAMP:
    case PM_TYPE_TIMESTAMP_LTZ:
        pm_format_timestamp(d.v.ts.millis, d.v.ts.nanos, t->precision, buf);
        snprintf(out, cap, "%s", buf);
        break;
    default: snprintf(out, cap, "%lld", (long long)d.v.i); break;
    }
}

typedef struct table {
    pm_field fields[16];
    size_t count;
    char rows[16][16][256]; /* [row][column] text */
    size_t row_count;
    int64_t first_rows[16];
} table;

static int parse_fields(table *t, const char *const *spec, size_t n, paimon_error *err) {
    memset(t, 0, sizeof *t);
    for (size_t i = 0; i < n; i++) {
        const char *sp = strchr(spec[i], ' ');
        t->fields[i].id = (int32_t)i;
        t->fields[i].name = pm_strndup(spec[i], (size_t)(sp - spec[i]));
        PM_TRY(pm_type_parse(sp + 1, &t->fields[i].type, err));
        t->count = i + 1;
    }
    return PAIMON_OK;
}

static void table_dispose(table *t) {
    for (size_t i = 0; i < t->count; i++)
        pm_field_dispose(&t->fields[i]);
}

/* Reads the whole file into text, batch_rows at a time. */
static int read_all(const uint8_t *data, size_t len, const char *path, table *t,
                    size_t batch_rows, paimon_error *err) {
    pm_read_options ro = {t->fields, t->count, batch_rows, NULL, NULL, NULL, {false, 0, 0}};
    pm_format_reader *r;
    PM_TRY(pm_orc_reader_open_buffer(data, len, path, &ro, &r, err));
    int rc;
    for (;;) {
        struct ArrowArray b;
        int64_t first;
        rc = pm_format_reader_next(r, &b, &first, err);
        if (rc != PAIMON_OK || b.release == NULL)
            break;
        for (int64_t i = 0; i < b.length && t->row_count < 16; i++) {
            t->first_rows[t->row_count] = first + i;
            for (size_t c = 0; c < t->count; c++)
                fmt(b.children[c], t->fields[c].type, i, t->rows[t->row_count][c], 256);
            t->row_count++;
        }
        b.release(&b);
    }
    pm_format_reader_close(r);
    return rc;
}

static void check_file(const char *fixture, const char *const *spec, size_t ncols,
                       const char *const *expect, size_t nrows, size_t batch_rows) {
    size_t len;
    uint8_t *data = load_fixture(fixture, &len);
    if (data == NULL)
        SKIP("fixture not found (PAIMON_SOURCE_DIR)");
    paimon_error err = {0};
    table t;
    CHECK_OK(parse_fields(&t, spec, ncols, &err), &err);
    int rc = read_all(data, len, fixture, &t, batch_rows, &err);
    free(data);
    if (rc != PAIMON_OK)
        table_dispose(&t);
    CHECK_OK(rc, &err);
    CHECK_EQ_INT(t.row_count, nrows);
    for (size_t r = 0; r < nrows; r++) {
        CHECK_EQ_INT(t.first_rows[r], (int64_t)r);
        for (size_t c = 0; c < ncols; c++)
            CHECK_EQ_STR(t.rows[r][c], expect[r * ncols + c]);
    }
    table_dispose(&t);
}

TEST(java_dictionary_strings_and_doubles) {
    const char *const spec[] = {"f0 STRING", "f1 INT", "f2 INT", "f3 DOUBLE"};
    const char *const rows[] = {
        "Bob",   "10", "0", "12.1",  "Emily", "10", "0", "13.1",  "Tony", "10", "0", "14.1",
        "Emily", "10", "0", "15.1",  "Bob",   "10", "0", "12.1",  "Alex", "10", "0",
        "16.100000000000001",        "David", "10", "0", "17.100000000000001",
        "Lily",  "10", "0", "17.100000000000001"};
    check_file("append_09_dictionary.orc", spec, 4, rows, 8, 3);
}

TEST(projection_reorders_and_missing_columns_read_as_nulls) {
    const char *const spec[] = {"f3 DOUBLE", "nope INT", "f0 VARCHAR(10)",
                                "gone ROW<`a` INT, `b` ARRAY<STRING>>"};
    const char *const rows[] = {"12.1", "null", "Bob",   "null", "13.1", "null", "Emily", "null",
                                "14.1", "null", "Tony",  "null", "15.1", "null", "Emily", "null",
                                "12.1", "null", "Bob",   "null", "16.100000000000001", "null",
                                "Alex", "null", "17.100000000000001", "null", "David", "null",
                                "17.100000000000001", "null", "Lily", "null"};
    check_file("append_09_dictionary.orc", spec, 4, rows, 8, 1000);
}

TEST(java_complex_data_matches_compat_case) {
    const char *const spec[] = {"f1 INT", "f2 INT", "f3 DATE", "f4 TIMESTAMP(9)",
                                "f5 DECIMAL(23, 5)", "f6 BYTES"};
    const char *const rows[] = {
        "10", "1", "1973-05-19", "2033-05-18 03:33:20.000000000", "123456789987654321.45678",
        "616464",
        "10", "1", "2024-07-05", "2033-05-18 03:33:20.000001001", "12.30000", "636174",
        "10", "1", "1970-01-01", "2008-12-28 00:00:00.000123456", "null", "646164",
        "10", "1", "1970-04-11", "2008-12-28 00:00:00.000123450", "-123.45000", "656174",
        "10", "1", "null", "1899-01-01 00:59:20.001001001", "0.00000", "666174",
        "10", "1", "2024-10-10", "2024-10-10 10:10:10.100100100", "1728551410100.10010", "null"};
    check_file("append_complex_data.orc", spec, 6, rows, 6, 4);
}

TEST(java_timestamps_in_writer_zone_shanghai) {
    const char *const spec[] = {"ts_sec TIMESTAMP(0)",
                                "ts_milli TIMESTAMP(3)",
                                "ts_micro TIMESTAMP(6)",
                                "ts_nano TIMESTAMP(9)",
                                "ts_tz_sec TIMESTAMP(0) WITH LOCAL TIME ZONE",
                                "ts_tz_milli TIMESTAMP(3) WITH LOCAL TIME ZONE",
                                "ts_tz_micro TIMESTAMP(6) WITH LOCAL TIME ZONE",
                                "ts_tz_nano TIMESTAMP(9) WITH LOCAL TIME ZONE"};
    const char *const rows[] = {
        "1970-01-01 00:00:01", "1970-01-01 00:00:00.001", "1970-01-01 00:00:00.000001",
        "1970-01-01 00:00:00.000000001", "1970-01-01 00:00:02", "1970-01-01 00:00:00.002",
        "1970-01-01 00:00:00.000002", "1970-01-01 00:00:00.000000002",
        "1970-01-01 00:00:03", "1970-01-01 00:00:00.003", "null",
        "1970-01-01 00:00:00.000000003", "1970-01-01 00:00:04", "1970-01-01 00:00:00.004",
        "1970-01-01 00:00:00.000004", "1970-01-01 00:00:00.000000004",
        "1970-01-01 00:00:05", "1970-01-01 00:00:00.005", "null", "null",
        "1970-01-01 00:00:06", "null", "1970-01-01 00:00:00.000006", "null"};
    check_file("timestamps_shanghai.orc", spec, 8, rows, 3, 2);
}

TEST(java_nested_types_with_field_ids) {
    const char *const spec[] = {"f1 MAP<TINYINT, SMALLINT>", "f2 ARRAY<FLOAT>",
                                "f3 ROW<`f0` BOOLEAN, `f1` BIGINT>", "f4 TIMESTAMP(9)", "f5 DATE",
                                "f6 DECIMAL(2, 2)"};
    const char *const rows[] = {
        "[[0, 0]]", "[0.100000001, 0.200000003]", "[true, 2]", "1970-01-01 00:02:03.123123000",
        "1976-09-22", "0.22",
        "[[127, 32767], [-128, -32768]]", "[1.10000002, 1.20000005]", "[false, 2222]",
        "1970-01-01 00:02:03.123123000", "1970-09-03", "0.12",
        "[[1, 64], [2, 32]]", "[2.20000005, 3.20000005]", "[true, 2]",
        "1970-01-01 00:00:00.000000000", "1970-01-25", "null"};
    check_file("complex_field_ids.orc", spec, 6, rows, 3, 1);
}

TEST(java_primary_key_layout_with_nested_nulls) {
    const char *const spec[] = {"_KEY_shopId INT", "_SEQUENCE_NUMBER BIGINT NOT NULL",
                                "_VALUE_KIND TINYINT NOT NULL", "shopId INT", "dt STRING",
                                "hr INT", "col0 INT",
                                "col1 ROW<`f0` STRING, `f1` INT, `f2` ARRAY<INT>>",
                                "col2 MAP<INT, INT>"};
    const char *const rows[] = {
        "1002", "0", "0", "1002", "2025-04-14", "10", "20", "[str-2, 200, [2, null, 3]]",
        "[[2, 2], [102, 102]]",
        "1005", "1", "0", "1005", "2025-04-14", "10", "50", "[str-5, 500, [5, null, 6]]",
        "[[5, 5], [105, 105]]",
        "1006", "2", "0", "1006", "2025-04-14", "10", "60", "[str-6, 600, [6, null, 7]]",
        "[[6, 6], [106, 106]]"};
    check_file("pk_nested_type.orc", spec, 9, rows, 3, 2);
}

TEST(nested_projection_by_name) {
    /* Struct fields are matched by name: reorder them, drop one, ask for an absent one. */
    const char *const spec[] = {"col1 ROW<`f2` ARRAY<BIGINT>, `zz` STRING, `f0` STRING>"};
    const char *const rows[] = {"[[2, null, 3], null, str-2]", "[[5, null, 6], null, str-5]",
                                "[[6, null, 7], null, str-6]"};
    check_file("pk_nested_type.orc", spec, 1, rows, 3, 100);
}

TEST(file_fields_carry_paimon_ids) {
    size_t len;
    uint8_t *data = load_fixture("pk_nested_type.orc", &len);
    if (data == NULL)
        SKIP("fixture not found");
    paimon_error err = {0};
    pm_file *f;
    CHECK_OK(pm_orc_mem_file_new(data, len, &f, &err), &err);
    pm_field *fields;
    size_t n;
    int rc = pm_orc_file_fields(f, "pk.orc", &fields, &n, &err);
    pm_file_close(f);
    free(data);
    CHECK_OK(rc, &err);
    CHECK_EQ_INT(n, 9);
    CHECK_EQ_STR(fields[0].name, "_KEY_shopId");
    CHECK_EQ_INT(fields[0].id, 1073741823);
    CHECK_EQ_INT(fields[1].id, 2147483646);
    CHECK_EQ_INT(fields[2].type->id, PM_TYPE_TINYINT);
    CHECK_EQ_INT(fields[7].id, 4);
    CHECK_EQ_INT(fields[7].type->fields[1].id, 6);
    for (size_t i = 0; i < n; i++)
        pm_field_dispose(&fields[i]);
    pm_free(fields);
}

TEST(impossible_conversion_names_the_column) {
    size_t len;
    uint8_t *data = load_fixture("append_09_dictionary.orc", &len);
    if (data == NULL)
        SKIP("fixture not found");
    paimon_error err = {0};
    table t;
    const char *const spec[] = {"f0 INT"};
    CHECK_OK(parse_fields(&t, spec, 1, &err), &err);
    pm_read_options ro = {t.fields, 1, 10, NULL, NULL, NULL, {false, 0, 0}};
    pm_format_reader *r = NULL;
    int rc = pm_orc_reader_open_buffer(data, len, "x/a.orc", &ro, &r, &err);
    free(data);
    table_dispose(&t);
    CHECK_EQ_INT(rc, PAIMON_EUNSUPPORTED);
    CHECK(r == NULL);
    CHECK(strstr(err.message, "x/a.orc: ") == err.message);
    CHECK(strstr(err.message, "f0") != NULL);
}

/* Reads a (possibly damaged) file completely; returns the status. */
static int read_damaged(const uint8_t *data, size_t len, const pm_field *fields, size_t n,
                        paimon_error *err) {
    pm_read_options ro = {fields, n, 2, NULL, NULL, NULL, {false, 0, 0}};
    pm_format_reader *r;
    PM_TRY(pm_orc_reader_open_buffer(data, len, "bad.orc", &ro, &r, err));
    int rc;
    for (;;) {
        struct ArrowArray b;
        int64_t first;
        rc = pm_format_reader_next(r, &b, &first, err);
        if (rc != PAIMON_OK || b.release == NULL)
            break;
        b.release(&b);
    }
    pm_format_reader_close(r);
    return rc;
}

TEST(corrupted_files_fail_cleanly) {
    static const char *const fixtures[] = {"append_09_dictionary.orc", "append_complex_data.orc",
                                           "timestamps_shanghai.orc", "complex_field_ids.orc",
                                           "pk_nested_type.orc", "index_manifest_dv.orc"};
    for (size_t fi = 0; fi < sizeof fixtures / sizeof fixtures[0]; fi++) {
        size_t len;
        uint8_t *data = load_fixture(fixtures[fi], &len);
        if (data == NULL)
            SKIP("fixture not found");
        paimon_error err = {0};
        pm_file *f;
        pm_field *fields;
        size_t n;
        CHECK_OK(pm_orc_mem_file_new(data, len, &f, &err), &err);
        int rc = pm_orc_file_fields(f, fixtures[fi], &fields, &n, &err);
        pm_file_close(f);
        CHECK_OK(rc, &err);
        for (size_t cut = 0; cut < len; cut++) {
            rc = read_damaged(data, cut, fields, n, &err);
            CHECK(rc != PAIMON_OK);
            CHECK(strncmp(err.message, "bad.orc: ", 9) == 0);
            CHECK(strchr(err.message, '\n') == NULL);
        }
        test_rng rng = {fi + 1};
        for (size_t i = 0; i < len * 3; i++) {
            size_t at = (size_t)(rng_next(&rng) % len);
            uint8_t saved = data[at];
            data[at] = (uint8_t)rng_next(&rng);
            rc = read_damaged(data, len, fields, n, &err);
            if (rc != PAIMON_OK)
                CHECK(strncmp(err.message, "bad.orc: ", 9) == 0);
            data[at] = saved;
        }
        for (size_t i = 0; i < n; i++)
            pm_field_dispose(&fields[i]);
        pm_free(fields);
        free(data);
    }
}

TEST(allocation_failures_neither_crash_nor_leak) {
    size_t len;
    uint8_t *data = load_fixture("pk_nested_type.orc", &len);
    if (data == NULL)
        SKIP("fixture not found");
    paimon_error err = {0};
    pm_file *f;
    pm_field *fields;
    size_t n;
    CHECK_OK(pm_orc_mem_file_new(data, len, &f, &err), &err);
    int rc = pm_orc_file_fields(f, "m.orc", &fields, &n, &err);
    pm_file_close(f);
    CHECK_OK(rc, &err);
    bool succeeded = false;
    for (long k = 0; k < 2000 && !succeeded; k++) {
        pm_mem_fail_after(k);
        rc = read_damaged(data, len, fields, n, &err);
        pm_mem_fail_after(-1);
        if (rc == PAIMON_OK)
            succeeded = true;
        else
            CHECK_EQ_INT(rc, PAIMON_ENOMEM);
    }
    CHECK(succeeded);
    for (size_t i = 0; i < n; i++)
        pm_field_dispose(&fields[i]);
    pm_free(fields);
    free(data);
}

TEST(no_columns_still_counts_rows_per_batch) {
    size_t len;
    uint8_t *data = load_fixture("append_09_dictionary.orc", &len);
    if (data == NULL)
        SKIP("fixture not found");
    paimon_error err = {0};
    pm_read_options ro = {NULL, 0, 3, NULL, NULL, NULL, {false, 0, 0}};
    pm_format_reader *r;
    int rc = pm_orc_reader_open_buffer(data, len, "n.orc", &ro, &r, &err);
    if (rc != PAIMON_OK)
        free(data);
    CHECK_OK(rc, &err);
    int64_t rows = 0, batches = 0;
    for (;;) {
        struct ArrowArray b;
        int64_t first;
        rc = pm_format_reader_next(r, &b, &first, &err);
        if (rc != PAIMON_OK || b.release == NULL)
            break;
        if (first != rows)
            rc = PAIMON_ECORRUPT;
        rows += b.length;
        batches++;
        CHECK(b.n_children == 0);
        b.release(&b);
    }
    pm_format_reader_close(r);
    free(data);
    CHECK_OK(rc, &err);
    CHECK_EQ_INT(rows, 8);
    CHECK_EQ_INT(batches, 3);
}
