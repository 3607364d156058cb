/* pm_arrow_cast over whole arrays (bulk and per-value paths, nulls, offsets, errors) and the
 * cast matrix (pm_cast_supported / pm_cast_allowed / pm_cast_compatible). */
#include "test.h"
#include "data/cast.h"
#include "util/mem.h"

#include <stdio.h>
#include <string.h>

static pm_type *ty(const char *text) {
    pm_type *t = NULL;
    paimon_error err = {0};
    if (pm_type_parse(text, &t, &err) != PAIMON_OK)
        return NULL;
    return t;
}

static bool supported(const char *from, const char *to) {
    pm_type *a = ty(from), *b = ty(to);
    bool r = a && b && pm_cast_supported(a, b);
    pm_type_free(a);
    pm_type_free(b);
    return r;
}

static bool allowed(const char *from, const char *to, bool explicit_cast) {
    pm_type *a = ty(from), *b = ty(to);
    bool r = a && b && pm_cast_allowed(a, b, explicit_cast);
    pm_type_free(a);
    pm_type_free(b);
    return r;
}

TEST(cast_matrix_follows_java) {
    /* identity, widening, narrowing, strings */
    CHECK(supported("INT", "INT NOT NULL"));
    CHECK(supported("INT", "BIGINT"));
    CHECK(supported("BIGINT", "TINYINT"));
    CHECK(supported("DOUBLE", "INT"));
    CHECK(supported("STRING", "BOOLEAN"));
    CHECK(supported("BOOLEAN", "STRING"));
    CHECK(supported("DECIMAL(5, 2)", "DECIMAL(6, 3)"));
    CHECK(supported("DATE", "TIMESTAMP(9)"));
    CHECK(supported("TIMESTAMP(9)", "STRING"));
    CHECK(supported("CHAR(5)", "CHAR(3)"));
    CHECK(supported("BINARY(5)", "STRING"));
    CHECK(supported("INT", "TIMESTAMP(3)"));
    CHECK(supported("TIMESTAMP(3) WITH LOCAL TIME ZONE", "TIMESTAMP(6)"));
    /* Java has no executor, or DataTypeCasts forbids it */
    CHECK(!supported("TIME(0)", "TIME(3)"));
    CHECK(!supported("TIMESTAMP(3)", "VARCHAR(100)"));
    CHECK(!supported("DATE", "STRING NOT NULL"));
    CHECK(!supported("SMALLINT", "TIMESTAMP(3)"));
    CHECK(!supported("TIMESTAMP(3)", "FLOAT"));
    CHECK(!supported("DECIMAL(5, 2)", "BOOLEAN"));
    CHECK(!supported("DOUBLE", "BOOLEAN"));
    CHECK(!supported("BOOLEAN", "BINARY(1)"));
    CHECK(!supported("INT", "DATE"));
    CHECK(!supported("DATE", "TIME(0)"));
    CHECK(!supported("STRING", "ARRAY<INT>"));
    /* nested: part by part, as schema evolution casts them */
    CHECK(supported("ARRAY<INT>", "ARRAY<BIGINT>"));
    CHECK(!supported("ARRAY<INT>", "ARRAY<DATE>"));
    CHECK(supported("MAP<INT NOT NULL, INT>", "MAP<INT NOT NULL, STRING>"));
    CHECK(!supported("MAP<INT NOT NULL, INT>", "MAP<BIGINT NOT NULL, INT>"));
    CHECK(!supported("MULTISET<INT>", "MULTISET<BIGINT>"));
    CHECK(supported("ARRAY<INT>", "STRING"));
    /* implicit casts only widen and keep nullability */
    CHECK(allowed("INT", "BIGINT", false));
    CHECK(!allowed("BIGINT", "INT", false));
    CHECK(allowed("BIGINT", "INT", true));
    CHECK(!allowed("INT", "BIGINT NOT NULL", false));
    CHECK(allowed("INT", "BIGINT NOT NULL", true));
    CHECK(allowed("DECIMAL(10, 2)", "FLOAT", false));
    CHECK(allowed("TIMESTAMP(3)", "DATE", false));
    CHECK(allowed("TIMESTAMP(3)", "DECIMAL(10, 0)", true)); /* the matrix allows it ... */
    CHECK(!supported("TIMESTAMP(3)", "DECIMAL(10, 0)"));     /* ... but no executor exists */
    pm_type *a = ty("INT"), *b = ty("DATE"), *c = ty("BIGINT"), *d = ty("VARCHAR(3)"),
            *e = ty("CHAR(9)");
    CHECK(pm_cast_compatible(a, b));
    CHECK(!pm_cast_compatible(a, c));
    CHECK(pm_cast_compatible(d, e));
    pm_type_free(a);
    pm_type_free(b);
    pm_type_free(c);
    pm_type_free(d);
    pm_type_free(e);
}

/* A shallow view of rows [offset, offset + length) of an array (not released). */
static struct ArrowArray slice(const struct ArrowArray *a, int64_t offset, int64_t length) {
    struct ArrowArray v = *a;
    v.offset = a->offset + offset;
    v.length = length;
    v.null_count = -1; /* unknown: readers consult the bitmap */
    v.release = NULL;
    return v;
}

TEST(int_to_bigint_in_bulk_with_nulls_and_offset) {
    paimon_error err = {0};
    pm_type *from = ty("INT"), *to = ty("BIGINT NOT NULL");
    pm_col col;
    CHECK_OK(pm_col_init(&col, from, &err), &err);
    for (int i = 0; i < 3000; i++) {
        int32_t v = (int32_t)(uint32_t)((int64_t)i * 1000003 - 5);
        CHECK_EQ_INT(i % 7 == 3 ? pm_col_append_null(&col) : pm_col_append_int(&col, v), PAIMON_OK);
    }
    struct ArrowArray src, out;
    CHECK_OK(pm_col_finish(&col, &src, &err), &err);
    struct ArrowArray view = slice(&src, 5, 2990);
    CHECK_OK(pm_arrow_cast(&view, from, to, &out, &err), &err);
    CHECK_EQ_INT(out.length, 2990);
    int64_t nulls = 0;
    for (int64_t i = 0; i < out.length; i++) {
        int64_t row = i + 5;
        pm_datum d = pm_arrow_get_datum(&out, to, i);
        if (row % 7 == 3) {
            CHECK(d.is_null);
            nulls++;
        } else {
            CHECK(!d.is_null);
            CHECK_EQ_INT(d.v.i, (int32_t)(uint32_t)(row * 1000003 - 5));
        }
    }
    CHECK_EQ_INT(out.null_count, nulls);
    out.release(&out);
    src.release(&src);
    pm_col_dispose(&col);
    pm_type_free(from);
    pm_type_free(to);
}

TEST(floating_point_arrays) {
    paimon_error err = {0};
    pm_type *f = ty("FLOAT"), *d = ty("DOUBLE"), *i = ty("INT"), *t = ty("TINYINT");
    pm_col col;
    CHECK_OK(pm_col_init(&col, d, &err), &err);
    const double values[] = {1.5, -1.9, 1e10, -1e10, 0.1, 300.7};
    for (size_t k = 0; k < 6; k++)
        CHECK_EQ_INT(pm_col_append_double(&col, values[k]), PAIMON_OK);
    CHECK_EQ_INT(pm_col_append_null(&col), PAIMON_OK);
    struct ArrowArray src, as_int, as_tiny, as_float;
    CHECK_OK(pm_col_finish(&col, &src, &err), &err);
    CHECK_OK(pm_arrow_cast(&src, d, i, &as_int, &err), &err);
    CHECK_OK(pm_arrow_cast(&src, d, t, &as_tiny, &err), &err);
    CHECK_OK(pm_arrow_cast(&src, d, f, &as_float, &err), &err);
    const int64_t ints[] = {1, -1, 2147483647, -2147483647 - 1, 0, 300};
    const int64_t tinies[] = {1, -1, -1, 0, 0, 44};
    for (int k = 0; k < 6; k++) {
        CHECK_EQ_INT(pm_arrow_get_datum(&as_int, i, k).v.i, ints[k]);
        CHECK_EQ_INT(pm_arrow_get_datum(&as_tiny, t, k).v.i, tinies[k]);
        CHECK(pm_arrow_get_datum(&as_float, f, k).v.f == (double)(float)values[k]);
    }
    CHECK(pm_arrow_get_datum(&as_int, i, 6).is_null);
    CHECK(pm_arrow_get_datum(&as_float, f, 6).is_null);
    /* FLOAT -> DOUBLE widens exactly */
    struct ArrowArray back;
    CHECK_OK(pm_arrow_cast(&as_float, f, d, &back, &err), &err);
    CHECK(pm_arrow_get_datum(&back, d, 4).v.f == (double)0.1f);
    back.release(&back);
    as_int.release(&as_int);
    as_tiny.release(&as_tiny);
    as_float.release(&as_float);
    src.release(&src);
    pm_col_dispose(&col);
    pm_type_free(f);
    pm_type_free(d);
    pm_type_free(i);
    pm_type_free(t);
}

static int string_array(const char *const *values, size_t n, struct ArrowArray *out) {
    pm_type *s = ty("STRING");
    pm_col col;
    int rc = pm_col_init(&col, s, NULL);
    for (size_t k = 0; rc == PAIMON_OK && k < n; k++)
        rc = values[k] ? pm_col_append_bytes(&col, values[k], strlen(values[k]))
                       : pm_col_append_null(&col);
    if (rc == PAIMON_OK)
        rc = pm_col_finish(&col, out, NULL);
    pm_col_dispose(&col);
    pm_type_free(s);
    return rc;
}

TEST(string_arrays_parse_or_fail_naming_the_value) {
    paimon_error err = {0};
    pm_type *s = ty("STRING"), *i = ty("INT"), *b = ty("BOOLEAN"), *c = ty("CHAR(3)");
    static const char *const good[] = {"skip", "100", NULL, "2.5", "-7", "110"};
    struct ArrowArray src, out;
    CHECK_OK(string_array(good, 6, &src), &err);
    struct ArrowArray view = slice(&src, 1, 5);
    CHECK_OK(pm_arrow_cast(&view, s, i, &out, &err), &err);
    CHECK_EQ_INT(out.length, 5);
    CHECK_EQ_INT(pm_arrow_get_datum(&out, i, 0).v.i, 100);
    CHECK(pm_arrow_get_datum(&out, i, 1).is_null);
    CHECK_EQ_INT(pm_arrow_get_datum(&out, i, 2).v.i, 2);
    CHECK_EQ_INT(pm_arrow_get_datum(&out, i, 3).v.i, -7);
    CHECK_EQ_INT(pm_arrow_get_datum(&out, i, 4).v.i, 110);
    out.release(&out);
    /* CHAR(3) pads and cuts, on a sliced input */
    CHECK_OK(pm_arrow_cast(&view, s, c, &out, &err), &err);
    pm_datum d0 = pm_arrow_get_datum(&out, c, 0), d2 = pm_arrow_get_datum(&out, c, 2);
    CHECK_EQ_INT(d0.v.bytes.len, 3);
    CHECK_EQ_MEM(d0.v.bytes.ptr, "100", 3);
    CHECK_EQ_MEM(d2.v.bytes.ptr, "2.5", 3);
    CHECK(pm_arrow_get_datum(&out, c, 1).is_null);
    out.release(&out);
    src.release(&src);
    /* Java throws on the first bad value; so do we, with the value in the message */
    static const char *const bad[] = {"1", "12x"};
    CHECK_OK(string_array(bad, 2, &src), &err);
    CHECK_ERR(pm_arrow_cast(&src, s, i, &out, &err), PAIMON_EINVAL, &err);
    CHECK(strstr(err.message, "'12x'") != NULL);
    CHECK(strstr(err.message, "INT") != NULL);
    CHECK_ERR(pm_arrow_cast(&src, s, b, &out, &err), PAIMON_EINVAL, &err);
    src.release(&src);
    pm_type_free(s);
    pm_type_free(i);
    pm_type_free(b);
    pm_type_free(c);
}

/* The compatibility corpus: append_table_alter_table_with_cast (schema 0 -> 1) and
 * pk_table_with_mor (v0 DOUBLE -> INT, v1 BOOLEAN -> STRING). */
TEST(corpus_anchors) {
    paimon_error err = {0};
    pm_type *date = ty("DATE"), *ts9 = ty("TIMESTAMP(9)"), *str = ty("STRING");
    pm_col col;
    CHECK_OK(pm_col_init(&col, date, &err), &err);
    const int32_t days[] = {4, -44, 444, -4444, 44444};
    for (int k = 0; k < 5; k++)
        CHECK_EQ_INT(pm_col_append_int(&col, days[k]), PAIMON_OK);
    CHECK_EQ_INT(pm_col_append_null(&col), PAIMON_OK);
    struct ArrowArray src, out, text;
    CHECK_OK(pm_col_finish(&col, &src, &err), &err);
    CHECK_OK(pm_arrow_cast(&src, date, ts9, &out, &err), &err);
    CHECK_OK(pm_arrow_cast(&out, ts9, str, &text, &err), &err);
    static const char *const expected[] = {
        "1970-01-05 00:00:00.000000000", "1969-11-18 00:00:00.000000000",
        "1971-03-21 00:00:00.000000000", "1957-11-01 00:00:00.000000000",
        "2091-09-07 00:00:00.000000000"};
    for (int k = 0; k < 5; k++) {
        pm_datum d = pm_arrow_get_datum(&text, str, k);
        CHECK_EQ_INT(d.v.bytes.len, strlen(expected[k]));
        CHECK_EQ_MEM(d.v.bytes.ptr, expected[k], d.v.bytes.len);
        CHECK_EQ_INT(pm_arrow_get_datum(&out, ts9, k).v.ts.millis, days[k] * 86400000LL);
    }
    CHECK(pm_arrow_get_datum(&text, str, 5).is_null);
    text.release(&text);
    out.release(&out);
    src.release(&src);
    pm_col_dispose(&col);

    /* f1: TIMESTAMP(9) 2024-11-26T06:38:56.001000001 -> STRING */
    CHECK_OK(pm_col_init(&col, ts9, &err), &err);
    pm_timestamp t = {1732603136001LL, 1};
    CHECK_EQ_INT(pm_col_append_timestamp(&col, t), PAIMON_OK);
    CHECK_OK(pm_col_finish(&col, &src, &err), &err);
    CHECK_OK(pm_arrow_cast(&src, ts9, str, &text, &err), &err);
    pm_datum d = pm_arrow_get_datum(&text, str, 0);
    CHECK_EQ_MEM(d.v.bytes.ptr, "2024-11-26 06:38:56.001000001", 29);
    text.release(&text);
    src.release(&src);
    pm_col_dispose(&col);

    /* f2: DECIMAL(5, 2) -> DECIMAL(6, 3) */
    pm_type *d52 = ty("DECIMAL(5, 2)"), *d63 = ty("DECIMAL(6, 3)");
    CHECK_OK(pm_col_init(&col, d52, &err), &err);
    const int64_t unscaled[] = {2, 1112, 2222, 33332, -99942, 99999};
    const int64_t widened[] = {20, 11120, 22220, 333320, -999420, 999990};
    for (int k = 0; k < 6; k++)
        CHECK_EQ_INT(pm_col_append_decimal(&col, pm_dec_from_i64(unscaled[k])), PAIMON_OK);
    CHECK_OK(pm_col_finish(&col, &src, &err), &err);
    CHECK_OK(pm_arrow_cast(&src, d52, d63, &out, &err), &err);
    for (int k = 0; k < 6; k++) {
        pm_datum v = pm_arrow_get_datum(&out, d63, k);
        CHECK(!v.is_null);
        CHECK(pm_dec_compare(v.v.dec, pm_dec_from_i64(widened[k])) == 0);
    }
    out.release(&out);
    src.release(&src);
    pm_col_dispose(&col);

    /* v0 DOUBLE -> INT and v1 BOOLEAN -> STRING */
    pm_type *dbl = ty("DOUBLE"), *i32 = ty("INT"), *boolean = ty("BOOLEAN");
    CHECK_OK(pm_col_init(&col, boolean, &err), &err);
    CHECK_EQ_INT(pm_col_append_bool(&col, false), PAIMON_OK);
    CHECK_EQ_INT(pm_col_append_bool(&col, true), PAIMON_OK);
    CHECK_OK(pm_col_finish(&col, &src, &err), &err);
    CHECK_OK(pm_arrow_cast(&src, boolean, str, &text, &err), &err);
    CHECK_EQ_MEM(pm_arrow_get_datum(&text, str, 0).v.bytes.ptr, "false", 5);
    CHECK_EQ_MEM(pm_arrow_get_datum(&text, str, 1).v.bytes.ptr, "true", 4);
    text.release(&text);
    src.release(&src);
    pm_col_dispose(&col);
    CHECK_OK(pm_col_init(&col, dbl, &err), &err);
    CHECK_EQ_INT(pm_col_append_double(&col, 110.9), PAIMON_OK);
    CHECK_EQ_INT(pm_col_append_double(&col, -13.2), PAIMON_OK);
    CHECK_OK(pm_col_finish(&col, &src, &err), &err);
    CHECK_OK(pm_arrow_cast(&src, dbl, i32, &out, &err), &err);
    CHECK_EQ_INT(pm_arrow_get_datum(&out, i32, 0).v.i, 110);
    CHECK_EQ_INT(pm_arrow_get_datum(&out, i32, 1).v.i, -13);
    out.release(&out);
    src.release(&src);
    pm_col_dispose(&col);
    pm_type_free(dbl);
    pm_type_free(i32);
    pm_type_free(boolean);
    pm_type_free(d52);
    pm_type_free(d63);
    pm_type_free(date);
    pm_type_free(ts9);
    pm_type_free(str);
}

TEST(decimal_overflow_becomes_null_in_arrays) {
    paimon_error err = {0};
    pm_type *from = ty("DECIMAL(10, 2)"), *to = ty("DECIMAL(4, 2)");
    pm_col col;
    CHECK_OK(pm_col_init(&col, from, &err), &err);
    CHECK_EQ_INT(pm_col_append_decimal(&col, pm_dec_from_i64(9999)), PAIMON_OK);
    CHECK_EQ_INT(pm_col_append_decimal(&col, pm_dec_from_i64(10000)), PAIMON_OK);
    struct ArrowArray src, out;
    CHECK_OK(pm_col_finish(&col, &src, &err), &err);
    CHECK_OK(pm_arrow_cast(&src, from, to, &out, &err), &err);
    CHECK_EQ_INT(out.null_count, 1);
    CHECK(!pm_arrow_get_datum(&out, to, 0).is_null);
    CHECK(pm_arrow_get_datum(&out, to, 1).is_null);
    out.release(&out);
    src.release(&src);
    pm_col_dispose(&col);
    pm_type_free(from);
    pm_type_free(to);
}

TEST(timestamps_beyond_the_arrow_unit_fail) {
    paimon_error err = {0};
    pm_type *date = ty("DATE"), *ts9 = ty("TIMESTAMP(9)"), *ts6 = ty("TIMESTAMP(6)");
    pm_col col;
    CHECK_OK(pm_col_init(&col, date, &err), &err);
    CHECK_EQ_INT(pm_col_append_int(&col, 200000), PAIMON_OK); /* 2517-08-04 */
    struct ArrowArray src, out;
    CHECK_OK(pm_col_finish(&col, &src, &err), &err);
    CHECK_ERR(pm_arrow_cast(&src, date, ts9, &out, &err), PAIMON_ELIMIT, &err);
    CHECK_OK(pm_arrow_cast(&src, date, ts6, &out, &err), &err);
    CHECK_EQ_INT(pm_arrow_get_datum(&out, ts6, 0).v.ts.millis, 200000 * 86400000LL);
    out.release(&out);
    src.release(&src);
    pm_col_dispose(&col);
    pm_type_free(date);
    pm_type_free(ts9);
    pm_type_free(ts6);
}

TEST(identity_copies_and_unsupported_pairs) {
    paimon_error err = {0};
    pm_type *s = ty("STRING"), *s_nn = ty("STRING NOT NULL");
    static const char *const values[] = {"a", NULL, "bcd", ""};
    struct ArrowArray src, out;
    CHECK_OK(string_array(values, 4, &src), &err);
    struct ArrowArray view = slice(&src, 1, 3);
    CHECK_OK(pm_arrow_cast(&view, s, s_nn, &out, &err), &err);
    CHECK_EQ_INT(out.length, 3);
    CHECK(pm_arrow_get_datum(&out, s, 0).is_null);
    CHECK_EQ_MEM(pm_arrow_get_datum(&out, s, 1).v.bytes.ptr, "bcd", 3);
    CHECK_EQ_INT(pm_arrow_get_datum(&out, s, 2).v.bytes.len, 0);
    out.release(&out);
    pm_type *time0 = ty("TIME(0)"), *time3 = ty("TIME(3)"), *arr = ty("ARRAY<INT>"),
            *arr64 = ty("ARRAY<BIGINT>");
    CHECK_ERR(pm_arrow_cast(&view, time0, time3, &out, &err), PAIMON_EINVAL, &err);
    CHECK(strstr(err.message, "TIME(0)") != NULL);
    CHECK_ERR(pm_arrow_cast(&view, arr, s, &out, &err), PAIMON_EUNSUPPORTED, &err);
    CHECK_ERR(pm_arrow_cast(&view, arr, arr64, &out, &err), PAIMON_EUNSUPPORTED, &err);
    pm_buf scratch = PM_BUF_INIT;
    pm_datum in = pm_datum_int(0), res;
    CHECK_ERR(pm_datum_cast(&in, time0, time3, &scratch, &res, &err), PAIMON_EINVAL, &err);
    pm_buf_dispose(&scratch);
    src.release(&src);
    pm_type_free(s);
    pm_type_free(s_nn);
    pm_type_free(time0);
    pm_type_free(time3);
    pm_type_free(arr);
    pm_type_free(arr64);
}

TEST(allocation_failures_are_reported) {
    paimon_error err = {0};
    pm_type *s = ty("STRING"), *i = ty("INT"), *c = ty("CHAR(8)");
    static const char *const values[] = {"1", "22", NULL, "333"};
    struct ArrowArray src, out;
    CHECK_OK(string_array(values, 4, &src), &err);
    for (long n = 0; n < 40; n++) {
        pm_mem_fail_after(n);
        int rc1 = pm_arrow_cast(&src, s, i, &out, &err);
        if (rc1 == PAIMON_OK)
            out.release(&out);
        int rc2 = pm_arrow_cast(&src, s, c, &out, &err);
        if (rc2 == PAIMON_OK)
            out.release(&out);
        pm_mem_fail_after(-1);
        CHECK(rc1 == PAIMON_OK || rc1 == PAIMON_ENOMEM);
        CHECK(rc2 == PAIMON_OK || rc2 == PAIMON_ENOMEM);
    }
    src.release(&src);
    pm_type_free(s);
    pm_type_free(i);
    pm_type_free(c);
}

/* Found by fuzz_cast: reading a micro- or nanosecond timestamp near INT64_MIN overflowed. */
TEST(extreme_arrow_timestamps_read_and_cast) {
    paimon_error err = {0};
    pm_type *ts6 = ty("TIMESTAMP(6)"), *ts9 = ty("TIMESTAMP(9)"), *str = ty("STRING");
    pm_type *types[2] = {ts6, ts9};
    for (int k = 0; k < 2; k++) {
        pm_col col;
        CHECK_OK(pm_col_init(&col, types[k], &err), &err);
        CHECK_EQ_INT(pm_col_append_int(&col, INT64_MIN), PAIMON_OK);
        CHECK_EQ_INT(pm_col_append_int(&col, -1), PAIMON_OK);
        struct ArrowArray src, out;
        CHECK_OK(pm_col_finish(&col, &src, &err), &err);
        pm_datum d = pm_arrow_get_datum(&src, types[k], 0);
        int64_t per_milli = k == 0 ? 1000 : 1000000;
        CHECK_EQ_INT(d.v.ts.millis, INT64_MIN / per_milli - 1);
        CHECK_EQ_INT(d.v.ts.nanos, (INT64_MIN % per_milli + per_milli) * (1000000 / per_milli));
        d = pm_arrow_get_datum(&src, types[k], 1);
        CHECK_EQ_INT(d.v.ts.millis, -1);
        CHECK_EQ_INT(d.v.ts.nanos, 1000000 - 1000000 / per_milli);
        CHECK_OK(pm_arrow_cast(&src, types[k], str, &out, &err), &err);
        out.release(&out);
        if (k == 0) { /* microseconds near the minimum are out of reach of nanoseconds */
            CHECK_ERR(pm_arrow_cast(&src, ts6, ts9, &out, &err), PAIMON_ELIMIT, &err);
        } else {
            CHECK_OK(pm_arrow_cast(&src, ts9, ts6, &out, &err), &err);
            out.release(&out);
        }
        src.release(&src);
        pm_col_dispose(&col);
    }
    pm_type_free(ts6);
    pm_type_free(ts9);
    pm_type_free(str);
}
