/* Values render in the JSON encoding of the compat contract, for every type. */
#include "test.h"
#include "data/arrow_builder.h"
#include "table/value_format.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *render(const char *type_text, const pm_datum *d, bool json) {
    static char out[256];
    paimon_error err = {0};
    pm_type *t = NULL;
    if (pm_type_parse(type_text, &t, &err) != PAIMON_OK)
        return "parse error";
    pm_buf b = PM_BUF_INIT;
    pm_value_append_datum(&b, t, d, json);
    snprintf(out, sizeof out, "%s", b.data ? pm_buf_cstr(&b) : "");
    pm_buf_dispose(&b);
    pm_type_free(t);
    return out;
}


TEST(scalars_as_json) {
    pm_datum d = pm_datum_int(-42);
    CHECK_EQ_STR(render("INT", &d, true), "-42");
    d = pm_datum_double(1.5);
    CHECK_EQ_STR(render("DOUBLE", &d, true), "1.5");
    d = pm_datum_double(2.0);
    CHECK_EQ_STR(render("DOUBLE", &d, true), "2.0");
    d = pm_datum_double(0.1);
    CHECK_EQ_STR(render("DOUBLE", &d, true), "0.1");
    d = pm_datum_double((double)0.1f);
    CHECK_EQ_STR(render("FLOAT", &d, true), "0.1");
    d = pm_datum_double(0.0 / 0.0);
    CHECK_EQ_STR(render("DOUBLE", &d, true), "\"NaN\"");
    d = pm_datum_double(-1.0 / 0.0);
    CHECK_EQ_STR(render("FLOAT", &d, true), "\"-Infinity\"");
    d.is_null = false;
    d.v.b = true;
    CHECK_EQ_STR(render("BOOLEAN", &d, true), "true");
    d.v.dec = pm_dec_from_i64(1230);
    CHECK_EQ_STR(render("DECIMAL(10, 2)", &d, true), "\"12.30\"");
    d = pm_datum_int(19723);
    CHECK_EQ_STR(render("DATE", &d, true), "\"2024-01-01\"");
    d = pm_datum_int(45296000);
    CHECK_EQ_STR(render("TIME(3)", &d, true), "\"12:34:56\"");
    d = pm_datum_int(45296789);
    CHECK_EQ_STR(render("TIME(3)", &d, true), "\"12:34:56.789\"");
    d.v.ts.millis = 1704112496789LL;
    d.v.ts.nanos = 123456;
    CHECK_EQ_STR(render("TIMESTAMP(9)", &d, true), "\"2024-01-01 12:34:56.789123456\"");
    CHECK_EQ_STR(render("TIMESTAMP(0) WITH LOCAL TIME ZONE", &d, true), "\"2024-01-01 12:34:56\"");
    CHECK_EQ_STR(render("TIMESTAMP(3)", &d, true), "\"2024-01-01 12:34:56.789\"");
    d = pm_datum_bytes("a\"b\\c\n\x01", 7);
    CHECK_EQ_STR(render("STRING", &d, true), "\"a\\\"b\\\\c\\n\\u0001\"");
    CHECK_EQ_STR(render("STRING", &d, false), "a\"b\\c\n\x01");
    d = pm_datum_bytes("\xff\xfe", 2);
    CHECK_EQ_STR(render("STRING", &d, true), "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
    d = pm_datum_bytes("see", 3);
    CHECK_EQ_STR(render("BYTES", &d, true), "\"c2Vl\"");
    d = pm_datum_bytes("!", 1);
    CHECK_EQ_STR(render("BYTES", &d, false), "IQ==");
    d = pm_datum_null();
    CHECK_EQ_STR(render("INT", &d, true), "null");
    CHECK_EQ_STR(render("INT", &d, false), "");
}

TEST(rows_with_nested_values) {
    paimon_error err = {0};
    pm_type *t;
    CHECK_OK(pm_type_parse("ROW<a ARRAY<INT>, m MAP<STRING, BIGINT>, r ROW<x INT, y STRING>>", &t,
                           &err), &err);
    pm_col cols[3];
    for (int k = 0; k < 3; k++)
        CHECK_OK(pm_col_init(&cols[k], t->fields[k].type, &err), &err);
    pm_col_append_int(&cols[0].children[0], 1);
    pm_col_append_null(&cols[0].children[0]);
    pm_col_list_close(&cols[0]);
    pm_col *entries = &cols[1].children[0];
    pm_col_append_bytes(&entries->children[0], "k", 1);
    pm_col_append_int(&entries->children[1], 7);
    pm_col_struct_close(entries);
    pm_col_list_close(&cols[1]);
    pm_col_append_int(&cols[2].children[0], 5);
    pm_col_append_null(&cols[2].children[1]);
    pm_col_struct_close(&cols[2]);
    struct ArrowArray arrays[3], batch;
    for (int k = 0; k < 3; k++)
        CHECK_OK(pm_col_finish(&cols[k], &arrays[k], &err), &err);
    CHECK_OK(pm_arrow_struct_from_children(arrays, 3, 1, &batch, &err), &err);
    struct ArrowSchema schema;
    CHECK_OK(pm_arrow_schema_for_fields(t->fields, 3, &schema, &err), &err);
    paimon_row_formatter *f;
    CHECK_OK(paimon_row_formatter_new(&schema, PAIMON_STYLE_JSON, &f, &err), &err);
    CHECK_EQ_STR(paimon_row_formatter_row_json(f, &batch, 0, NULL),
                 "[[1,null],[[\"k\",7]],[5,null]]");
    CHECK_EQ_STR(paimon_row_formatter_cell(f, &batch, 0, 2, NULL), "[5,null]");
    paimon_row_formatter_free(f);
    schema.release(&schema);
    batch.release(&batch);
    for (int k = 0; k < 3; k++)
        pm_col_dispose(&cols[k]);
    pm_type_free(t);
}

TEST(decimal128_public_formatting) {
    uint8_t le[16];
    pm_dec_store_le(pm_dec_from_i64(-5), le);
    char out[64];
    CHECK_EQ_INT(paimon_decimal128_format(le, 2, out, sizeof out), 5);
    CHECK_EQ_STR(out, "-0.05");
    CHECK_EQ_INT(paimon_decimal128_format(le, 2, out, 3), 5);
    CHECK_EQ_STR(out, "-0");
}

/* The printf search the formatter's fast paths must agree with, character for character. */
static void reference_floating(double v, bool single, char *text, size_t size) {
    for (int precision = single ? 6 : 15; precision <= 17; precision++) {
        snprintf(text, size, "%.*g", precision, v);
        if (single ? strtof(text, NULL) == (float)v : strtod(text, NULL) == v)
            break;
    }
    if (strpbrk(text, ".eEn") == NULL)
        strcat(text, ".0");
}

static uint64_t next_random(uint64_t *state) { /* xorshift64* */
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    return *state * 2685821657736338717ULL;
}

static int check_floating(double v, bool single) {
    if (!isfinite(v)) /* spelled "NaN" and "Infinity", tested above */
        return 0;
    char expected[64];
    reference_floating(v, single, expected, sizeof expected);
    pm_datum d = pm_datum_double(v);
    const char *got = render(single ? "FLOAT" : "DOUBLE", &d, false);
    /* Powers of two may read back from fewer digits than the search (which only tries
     * correctly rounded ones) finds: shorter text that reads back is right too. */
    bool shorter = strlen(got) < strlen(expected) &&
                   (single ? strtof(got, NULL) == (float)v : strtod(got, NULL) == v) &&
                   fabs(frexp(v, &(int){0})) == 0.5;
    if (strcmp(got, expected) != 0 && !shorter) {
        fprintf(stderr, "%s %.17g: got %s, expected %s\n", single ? "FLOAT" : "DOUBLE", v, got,
                expected);
        return 1;
    }
    return 0;
}

TEST(floating_text_matches_the_printf_search) {
    static const double pow10[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                   1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21,
                                   1e22, 1e23, 1e24, 1e25};
    static const double edges[] = {0.0, -0.0, 1e-5, 1.5e-5, 1e-4, 0.00123, 123456789012345.0,
                                   999999999999999.0, 1e15, 1e16, 0.1 + 0.2, 1.0 / 3, 5e-324,
                                   1.7976931348623157e308, 2.2250738585072014e-308, 31.1, -21.0};
    int failures = 0;
    for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++) {
        failures += check_floating(edges[i], false);
        failures += check_floating((double)(float)edges[i], true);
    }
    uint64_t state = 0x9E3779B97F4A7C15ULL;
    for (int i = 0; i < 200000 && failures < 10; i++) {
        /* decimals m / 10^k of up to 17 digits (both sides of the fast path's limits) */
        uint64_t r = next_random(&state);
        int digits = 1 + (int)(r % 17), k = (int)((r >> 8) % 26);
        int64_t m = (int64_t)(next_random(&state) % (uint64_t)pow10[digits]);
        double v = ((r >> 16) & 1 ? -1.0 : 1.0) * (double)m / pow10[k];
        failures += check_floating(v, false);
        failures += check_floating((double)(float)v, true);
        /* arbitrary bit patterns */
        uint64_t bits = next_random(&state);
        double any;
        memcpy(&any, &bits, sizeof any);
        float any_f;
        uint32_t bits32 = (uint32_t)(bits >> 32);
        memcpy(&any_f, &bits32, sizeof any_f);
        failures += check_floating(any, false);
        failures += check_floating(any_f, true);
    }
    CHECK_EQ_INT(failures, 0);
}

TEST(integers_of_every_width) {
    static const int64_t values[] = {0, 7, -7, 10, -10, 2147483647, -2147483648LL,
                                     INT64_MAX, INT64_MIN, 1000000000000LL};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        char expected[32];
        snprintf(expected, sizeof expected, "%lld", (long long)values[i]);
        pm_datum d = pm_datum_int(values[i]);
        CHECK_EQ_STR(render("BIGINT", &d, true), expected);
    }
}
