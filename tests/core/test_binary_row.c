/* BinaryRow: byte-exact examples of spec 04 §6 and 06 §2, round trips, corrupt rows. */
#include "core/binary_row.h"
#include "test.h"
#include "util/buf.h"
#include "util/endian.h"
#include "util/mem.h"

#include <stdio.h>
#include <string.h>

static pm_type *parse_type(const char *s) {
    pm_type *t = NULL;
    paimon_error err;
    if (pm_type_parse(s, &t, &err) != PAIMON_OK) {
        fprintf(stderr, "type %s: %s\n", s, err.message);
        return NULL;
    }
    return t;
}

/* Encodes one row of atomic values given as type strings + datums. */
static int encode(const char *const *type_strs, const pm_datum *values, int n, bool prefix,
                  pm_buf *out) {
    pm_type *types[32];
    for (int i = 0; i < n; i++)
        types[i] = parse_type(type_strs[i]);
    paimon_error err;
    int rc = pm_binrow_encode((const pm_type *const *)types, values, n, prefix, out, &err);
    for (int i = 0; i < n; i++)
        pm_type_free(types[i]);
    return rc;
}

static bool hex_equals(const pm_buf *b, const char *hex) {
    uint8_t want[1024];
    long n = pm_test_hex(hex, want, sizeof want);
    if (n < 0 || (size_t)n != b->len || memcmp(want, b->data, b->len) != 0) {
        fprintf(stderr, "got      ");
        for (size_t i = 0; i < b->len; i++)
            fprintf(stderr, "%02x", b->data[i]);
        fprintf(stderr, "\nexpected %s\n", hex);
        return false;
    }
    return true;
}

TEST(layout_sizes) {
    CHECK_EQ_INT(pm_binrow_null_bytes(0), 8);
    CHECK_EQ_INT(pm_binrow_null_bytes(56), 8);
    CHECK_EQ_INT(pm_binrow_null_bytes(57), 16);
    CHECK_EQ_INT(pm_binrow_null_bytes(120), 16);
    CHECK_EQ_INT(pm_binrow_null_bytes(121), 24);
    CHECK_EQ_INT(pm_binrow_fixed_size(3), 8 + 24);
}

TEST(spec04_partition_row) {
    const char *types[] = {"INT"};
    pm_datum v[] = {pm_datum_int(10)};
    pm_buf b = PM_BUF_INIT;
    CHECK_OK(encode(types, v, 1, true, &b), NULL);
    bool ok = hex_equals(&b, "00000001 0000000000000000 0a00000000000000");
    pm_buf_dispose(&b);
    CHECK(ok);
}

TEST(spec04_min_key_inline_string) {
    const char *types[] = {"STRING", "INT"};
    pm_datum v[] = {pm_datum_bytes("Alice", 5), pm_datum_int(1)};
    pm_buf b = PM_BUF_INIT;
    CHECK_OK(encode(types, v, 2, true, &b), NULL);
    bool ok = hex_equals(&b, "00000002 0000000000000000 416c696365000085 0100000000000000");
    pm_buf_dispose(&b);
    CHECK(ok);
}

TEST(spec04_max_key_long_string) {
    char text[105];
    memset(text, 'x', 104);
    text[104] = '\0';
    const char *types[] = {"STRING", "INT"};
    pm_datum v[] = {pm_datum_bytes(text, 104), pm_datum_int(1)};
    pm_buf b = PM_BUF_INIT;
    CHECK_OK(encode(types, v, 2, true, &b), NULL);
    CHECK_EQ_INT(b.len, 4 + 24 + 104);
    uint8_t head[28];
    CHECK_EQ_INT(pm_test_hex("00000002 0000000000000000 6800000018000000 0100000000000000", head,
                             sizeof head),
                 28);
    CHECK_EQ_MEM(b.data, head, 28);
    CHECK_EQ_MEM(b.data + 28, text, 104);
    pm_binrow row;
    CHECK_OK(pm_binrow_from_serialized(b.data, b.len, &row, NULL), NULL);
    pm_type *t = parse_type("STRING");
    pm_datum d;
    int rc = pm_binrow_get(&row, 0, t, &d, NULL);
    pm_type_free(t);
    CHECK_OK(rc, NULL);
    CHECK_EQ_INT(d.v.bytes.len, 104);
    CHECK_EQ_MEM(d.v.bytes.ptr, text, 104);
    pm_buf_dispose(&b);
}

TEST(spec04_value_stats_row) {
    const char *types[] = {"STRING", "INT", "INT", "DOUBLE"};
    pm_datum v[] = {pm_datum_bytes("Alice", 5), pm_datum_int(10), pm_datum_int(1),
                    pm_datum_double(19.1)};
    pm_buf b = PM_BUF_INIT;
    CHECK_OK(encode(types, v, 4, true, &b), NULL);
    bool ok = hex_equals(&b, "00000004 0000000000000000 416c696365000085 0a00000000000000 "
                             "0100000000000000 9a99999999193340");
    pm_buf_dispose(&b);
    CHECK(ok);
}

TEST(empty_row) {
    pm_buf b = PM_BUF_INIT;
    CHECK_OK(pm_binrow_encode(NULL, NULL, 0, true, &b, NULL), NULL);
    CHECK_EQ_INT(b.len, 12);
    CHECK_EQ_MEM(b.data, PM_BINROW_EMPTY_SERIALIZED, 12);
    pm_buf_dispose(&b);
}

/* The 288-byte row worked through in spec 06 §2. */
TEST(spec06_first_vector_row) {
    static const char *types[] = {"BOOLEAN", "TINYINT", "SMALLINT", "INT",
                                  "BIGINT", "FLOAT", "DOUBLE", "DATE",
                                  "TIMESTAMP(9)", "DECIMAL(30, 20)", "STRING", "BYTES"};
    const char *s = "Alice_-279624296851435688";
    const char *bin = "Two roads diverged in a wood, and I took the one less traveled by, And "
                      "that has made all the difference -3109364765729502342.";
    pm_datum v[12];
    v[0].is_null = false;
    v[0].v.b = true;
    v[1] = pm_datum_int(-10);
    v[2] = pm_datum_int(-4038);
    v[3] = pm_datum_int(-1930858313);
    v[4] = pm_datum_int(2158390814503909950LL);
    v[5] = pm_datum_double((double)0.7815346f);
    v[6] = pm_datum_double(0.3332183994766498);
    v[7] = pm_datum_int(198467);
    v[8].is_null = false;
    v[8].v.ts.millis = -1661998771;
    v[8].v.ts.nanos = 0;
    v[9].is_null = false;
    CHECK(pm_dec_parse("548675771.00000000000000000000", 30, 20, &v[9].v.dec));
    v[10] = pm_datum_bytes(s, strlen(s));
    v[11] = pm_datum_bytes(bin, strlen(bin));
    CHECK_EQ_INT(strlen(bin), 125);
    pm_buf b = PM_BUF_INIT;
    CHECK_OK(encode(types, v, 12, false, &b), NULL);
    CHECK_EQ_INT(b.len, 288);
    uint8_t fixed[128];
    CHECK_EQ_INT(pm_test_hex("0000000000000000 0100000000000000 f600000000000000 3af0000000000000"
                             "b770e98c00000000 3ebaf8980225f41d a712483f00000000 045f0b447353d53f"
                             "4307030000000000 0000000068000000 0d00000070000000 1900000080000000"
                             "7d000000a0000000 4de9ef9cffffffff 00b14965628ab31ec95cb00000000000",
                             fixed, sizeof fixed),
                 128);
    CHECK_EQ_MEM(b.data, fixed, 128);
    CHECK_EQ_MEM(b.data + 128, s, 25);
    CHECK_EQ_MEM(b.data + 160, bin, 125);
    CHECK_EQ_INT(pm_binrow_hash(b.data, b.len), 416635966);

    /* Every field decodes back to its value. */
    pm_binrow row;
    CHECK_OK(pm_binrow_wrap(b.data, b.len, 12, &row, NULL), NULL);
    for (int i = 0; i < 12; i++) {
        pm_type *t = parse_type(types[i]);
        pm_datum d;
        int rc = pm_binrow_get(&row, i, t, &d, NULL);
        int cmp = rc == PAIMON_OK ? pm_datum_compare(t, &d, &v[i]) : 1;
        pm_type_free(t);
        CHECK_OK(rc, NULL);
        CHECK_EQ_INT(cmp, 0);
    }
    pm_buf_dispose(&b);
}

TEST(null_non_compact_reserves_space) {
    const char *types[] = {"DECIMAL(20, 2)", "TIMESTAMP(6)", "DECIMAL(5, 2)", "TIMESTAMP(3)"};
    pm_datum v[] = {pm_datum_null(), pm_datum_null(), pm_datum_null(), pm_datum_null()};
    pm_buf b = PM_BUF_INIT;
    CHECK_OK(encode(types, v, 4, false, &b), NULL);
    /* null bits 8..11 set; slots: offset 40 / 56 with length 0; 16 + 8 reserved zero bytes */
    bool ok = hex_equals(&b, "000f000000000000 0000000028000000 0000000038000000 0000000000000000"
                             "0000000000000000 00000000000000000000000000000000 0000000000000000");
    pm_buf_dispose(&b);
    CHECK(ok);
}

TEST(inline_boundaries_and_flag_rule) {
    const char *types[] = {"STRING", "BYTES", "STRING"};
    pm_datum v[] = {pm_datum_bytes("", 0), pm_datum_bytes("1234567", 7),
                    pm_datum_bytes("12345678", 8)};
    pm_buf b = PM_BUF_INIT;
    CHECK_OK(encode(types, v, 3, false, &b), NULL);
    bool ok = hex_equals(&b, "0000000000000000 0000000000000080 3132333435363787 0800000020000000"
                             "3132333435363738");
    CHECK(ok);
    /* A reader decides by the flag: an 8-byte string stored as offset+length and a 3-byte
     * string stored out of line both read back. */
    uint8_t raw[40];
    CHECK_EQ_INT(pm_test_hex("0000000000000000 0300000010000000 6162630000000000", raw, sizeof raw),
                 24);
    pm_binrow row;
    CHECK_OK(pm_binrow_wrap(raw, 24, 1, &row, NULL), NULL);
    pm_type *t = parse_type("STRING");
    pm_datum d;
    int rc = pm_binrow_get(&row, 0, t, &d, NULL);
    pm_type_free(t);
    pm_buf_dispose(&b);
    CHECK_OK(rc, NULL);
    CHECK_EQ_INT(d.v.bytes.len, 3);
    CHECK_EQ_MEM(d.v.bytes.ptr, "abc", 3);
}

TEST(row_kind_header) {
    pm_binrow_writer w;
    CHECK_OK(pm_binrow_writer_init(&w, 1), NULL);
    pm_binrow_writer_set_kind(&w, 3);
    pm_type *t = parse_type("INT");
    pm_datum v = pm_datum_int(7);
    CHECK_OK(pm_binrow_write(&w, 0, t, &v), NULL);
    pm_buf b = PM_BUF_INIT;
    CHECK_OK(pm_binrow_writer_finish(&w, false, &b), NULL);
    pm_binrow row;
    CHECK_OK(pm_binrow_wrap(b.data, b.len, 1, &row, NULL), NULL);
    CHECK_EQ_INT(pm_binrow_kind(&row), 3);
    CHECK(!pm_binrow_is_null(&row, 0));
    /* Reset reuses the writer for the next row. */
    pm_binrow_writer_reset(&w, 2);
    pm_datum null = pm_datum_null();
    CHECK_OK(pm_binrow_write(&w, 0, t, &null), NULL);
    CHECK_OK(pm_binrow_write(&w, 1, t, &v), NULL);
    pm_buf_clear(&b);
    CHECK_OK(pm_binrow_writer_finish(&w, true, &b), NULL);
    bool ok = hex_equals(&b, "00000002 0001000000000000 0000000000000000 0700000000000000");
    pm_type_free(t);
    pm_buf_dispose(&b);
    pm_binrow_writer_dispose(&w);
    CHECK(ok);
}

TEST(nan_is_canonical) {
    const char *types[] = {"FLOAT", "DOUBLE"};
    double nan = pm_f64_from_bits(UINT64_C(0x7ff0000000000123));
    pm_datum v[] = {pm_datum_double(nan), pm_datum_double(-nan)};
    pm_buf b = PM_BUF_INIT;
    CHECK_OK(encode(types, v, 2, false, &b), NULL);
    bool ok = hex_equals(&b, "0000000000000000 0000c07f00000000 000000000000f87f");
    pm_buf_dispose(&b);
    CHECK(ok);
}

/* ---- nested values through Arrow ---- */

static pm_type *g_row_type;

static const char *NESTED_ROW =
    "ROW<`b` BOOLEAN, `t` TINYINT, `s` SMALLINT, `i` INT, `l` BIGINT, `f` FLOAT, `d` DOUBLE, "
    "`dc` DECIMAL(10, 2), `dn` DECIMAL(30, 5), `c` CHAR(3), `vs` STRING, `vl` STRING, "
    "`bin` BYTES, `dt` DATE, `tm` TIME(0), `ts3` TIMESTAMP(3), `ts9` TIMESTAMP(9), "
    "`ltz` TIMESTAMP(6) WITH LOCAL TIME ZONE, `arr` ARRAY<INT>, `arrs` ARRAY<STRING>, "
    "`m` MAP<STRING, DECIMAL(25, 2)>, `ms` MULTISET<INT>, "
    "`r` ROW<`x` INT, `y` STRING, `z` ARRAY<TIMESTAMP(9)>>, `aa` ARRAY<ARRAY<BIGINT>>>";

static int append_atomic_row0(pm_col *c, size_t field) {
    pm_datum d = pm_datum_null();
    d.is_null = false;
    switch (field) {
    case 0: d.v.b = true; break;
    case 1: d.v.i = -7; break;
    case 2: d.v.i = 1234; break;
    case 3: d.v.i = -123456; break;
    case 4: d.v.i = INT64_MIN + 5; break;
    case 5: d.v.f = 1.5; break;
    case 6: d.v.f = -2.25e300; break;
    case 7: d.v.dec = pm_dec_from_i64(-12345); break;
    case 8: pm_dec_parse("-1234567890123456789012.34567", 29, 5, &d.v.dec); break;
    case 9: d = pm_datum_bytes("abc", 3); break;
    case 10: d = pm_datum_bytes("short", 5); break;
    case 11: d = pm_datum_bytes("a rather longer string value", 28); break;
    case 12: d = pm_datum_bytes("\x00\x01\x02\xff\xfe\x00\x10\x20\x30", 9); break;
    case 13: d.v.i = -719528; break;
    case 14: d.v.i = 86399000; break;
    case 15: d.v.ts.millis = -1; d.v.ts.nanos = 0; break;
    case 16: d.v.ts.millis = -2; d.v.ts.nanos = 999999; break;
    case 17: d.v.ts.millis = 1700000000123LL; d.v.ts.nanos = 456000; break;
    default: return PAIMON_EINVAL;
    }
    return pm_col_append_datum(c, &d);
}

/* Row 0 holds values everywhere (nested ones with null elements); row 1 is all null. */
static int build_columns(pm_col *cols) {
    const pm_type *rt = g_row_type;
    for (size_t i = 0; i < rt->field_count; i++) {
        PM_TRY(pm_col_init(&cols[i], rt->fields[i].type, NULL));
        pm_col *c = &cols[i];
        if (i < 18) {
            PM_TRY(append_atomic_row0(c, i));
        } else if (i == 18) { /* ARRAY<INT> [1, null, 3] */
            PM_TRY(pm_col_append_int(&c->children[0], 1));
            PM_TRY(pm_col_append_null(&c->children[0]));
            PM_TRY(pm_col_append_int(&c->children[0], 3));
            PM_TRY(pm_col_list_close(c));
        } else if (i == 19) { /* ARRAY<STRING> ["x", "a string of some length", null] */
            PM_TRY(pm_col_append_bytes(&c->children[0], "x", 1));
            PM_TRY(pm_col_append_bytes(&c->children[0], "a string of some length", 23));
            PM_TRY(pm_col_append_null(&c->children[0]));
            PM_TRY(pm_col_list_close(c));
        } else if (i == 20) { /* MAP {"k1": 1.23, "key number two": null} */
            pm_col *e = &c->children[0];
            PM_TRY(pm_col_append_bytes(&e->children[0], "k1", 2));
            PM_TRY(pm_col_append_decimal(&e->children[1], pm_dec_from_i64(123)));
            PM_TRY(pm_col_struct_close(e));
            PM_TRY(pm_col_append_bytes(&e->children[0], "key number two", 14));
            PM_TRY(pm_col_append_null(&e->children[1]));
            PM_TRY(pm_col_struct_close(e));
            PM_TRY(pm_col_list_close(c));
        } else if (i == 21) { /* MULTISET {5 x2} */
            pm_col *e = &c->children[0];
            PM_TRY(pm_col_append_int(&e->children[0], 5));
            PM_TRY(pm_col_append_int(&e->children[1], 2));
            PM_TRY(pm_col_struct_close(e));
            PM_TRY(pm_col_list_close(c));
        } else if (i == 22) { /* ROW(42, null, [ts, null]) */
            PM_TRY(pm_col_append_int(&c->children[0], 42));
            PM_TRY(pm_col_append_null(&c->children[1]));
            pm_col *z = &c->children[2];
            pm_timestamp ts = {1234567, 891};
            PM_TRY(pm_col_append_timestamp(&z->children[0], ts));
            PM_TRY(pm_col_append_null(&z->children[0]));
            PM_TRY(pm_col_list_close(z));
            PM_TRY(pm_col_struct_close(c));
        } else { /* ARRAY<ARRAY<BIGINT>> [[1, 2], null, []] */
            pm_col *inner = &c->children[0];
            PM_TRY(pm_col_append_int(&inner->children[0], 1));
            PM_TRY(pm_col_append_int(&inner->children[0], 2));
            PM_TRY(pm_col_list_close(inner));
            PM_TRY(pm_col_append_null(inner));
            PM_TRY(pm_col_list_close(inner));
            PM_TRY(pm_col_list_close(c));
        }
        PM_TRY(pm_col_append_null(c));
    }
    return PAIMON_OK;
}

static int encode_from_arrays(struct ArrowArray *arrays, int64_t index, pm_buf *out) {
    const pm_type *rt = g_row_type;
    pm_binrow_writer w;
    PM_TRY(pm_binrow_writer_init(&w, (int32_t)rt->field_count));
    int rc = PAIMON_OK;
    for (size_t i = 0; rc == PAIMON_OK && i < rt->field_count; i++)
        rc = pm_binrow_write_from_arrow(&w, (int32_t)i, rt->fields[i].type, &arrays[i], index);
    if (rc == PAIMON_OK)
        rc = pm_binrow_writer_finish(&w, false, out);
    pm_binrow_writer_dispose(&w);
    return rc;
}

TEST(nested_round_trip_through_arrow) {
    g_row_type = parse_type(NESTED_ROW);
    CHECK(g_row_type != NULL);
    size_t n = g_row_type->field_count;
    CHECK_EQ_INT(n, 24);
    pm_col cols[24], back[24];
    struct ArrowArray arrays[24], decoded[24];
    memset(cols, 0, sizeof cols);
    memset(back, 0, sizeof back);
    CHECK_OK(build_columns(cols), NULL);
    for (size_t i = 0; i < n; i++) {
        CHECK_OK(pm_col_finish(&cols[i], &arrays[i], NULL), NULL);
        CHECK_OK(pm_col_init(&back[i], g_row_type->fields[i].type, NULL), NULL);
    }
    pm_buf rows[2] = {PM_BUF_INIT, PM_BUF_INIT};
    for (int r = 0; r < 2; r++) {
        CHECK_OK(encode_from_arrays(arrays, r, &rows[r]), NULL);
        pm_binrow row;
        CHECK_OK(pm_binrow_wrap(rows[r].data, rows[r].len, (int32_t)n, &row, NULL), NULL);
        paimon_error err;
        for (size_t i = 0; i < n; i++)
            CHECK_OK(pm_binrow_append_to_col(&row, (int32_t)i, g_row_type->fields[i].type,
                                             &back[i], &err),
                     &err);
    }
    /* The all-null row: every null bit set. */
    pm_binrow nulls;
    CHECK_OK(pm_binrow_wrap(rows[1].data, rows[1].len, (int32_t)n, &nulls, NULL), NULL);
    for (size_t i = 0; i < n; i++)
        CHECK(pm_binrow_is_null(&nulls, (int32_t)i));
    for (size_t i = 0; i < n; i++)
        CHECK_OK(pm_col_finish(&back[i], &decoded[i], NULL), NULL);
    /* Decoded arrays encode to the same bytes. */
    for (int r = 0; r < 2; r++) {
        pm_buf again = PM_BUF_INIT;
        CHECK_OK(encode_from_arrays(decoded, r, &again), NULL);
        CHECK_EQ_INT(again.len, rows[r].len);
        CHECK_EQ_MEM(again.data, rows[r].data, again.len);
        pm_buf_dispose(&again);
    }
    /* Spot checks on decoded values. */
    CHECK_EQ_INT(decoded[18].children[0]->length, 3);
    CHECK(!pm_arrow_is_valid(decoded[18].children[0], 1));
    pm_datum d = pm_arrow_get_datum(decoded[18].children[0], g_row_type->fields[18].type->element,
                                    2);
    CHECK_EQ_INT(d.v.i, 3);
    d = pm_arrow_get_datum(&decoded[8], g_row_type->fields[8].type, 0);
    char text[PM_DECIMAL_TEXT_MAX];
    pm_dec_format(d.v.dec, 5, text);
    CHECK_EQ_STR(text, "-1234567890123456789012.34567");
    d = pm_arrow_get_datum(&decoded[16], g_row_type->fields[16].type, 0);
    CHECK_EQ_INT(d.v.ts.millis, -2);
    CHECK_EQ_INT(d.v.ts.nanos, 999999);
    const struct ArrowArray *z = decoded[22].children[2];
    CHECK_EQ_INT(z->children[0]->length, 2);
    d = pm_arrow_get_datum(z->children[0], g_row_type->fields[22].type->fields[2].type->element, 0);
    CHECK_EQ_INT(d.v.ts.millis, 1234567);
    CHECK_EQ_INT(d.v.ts.nanos, 891);
    const struct ArrowArray *entries = decoded[20].children[0];
    CHECK_EQ_INT(entries->length, 2);
    CHECK(!pm_arrow_is_valid(entries->children[1], 1));
    for (size_t i = 0; i < n; i++) {
        arrays[i].release(&arrays[i]);
        decoded[i].release(&decoded[i]);
        pm_col_dispose(&cols[i]);
        pm_col_dispose(&back[i]);
    }
    pm_buf_dispose(&rows[0]);
    pm_buf_dispose(&rows[1]);
    pm_type_free(g_row_type);
}

/* BinaryArray / BinaryMap bytes exactly as spec 04 §4-5 lay them out. */
TEST(nested_bytes_exact) {
    pm_type *t = parse_type("ARRAY<INT>");
    pm_col c;
    CHECK_OK(pm_col_init(&c, t, NULL), NULL);
    CHECK_OK(pm_col_append_int(&c.children[0], 1), NULL);
    CHECK_OK(pm_col_append_null(&c.children[0]), NULL);
    CHECK_OK(pm_col_append_int(&c.children[0], 3), NULL);
    CHECK_OK(pm_col_list_close(&c), NULL);
    struct ArrowArray a;
    CHECK_OK(pm_col_finish(&c, &a, NULL), NULL);
    pm_binrow_writer w;
    CHECK_OK(pm_binrow_writer_init(&w, 1), NULL);
    CHECK_OK(pm_binrow_write_from_arrow(&w, 0, t, &a, 0), NULL);
    pm_buf b = PM_BUF_INIT;
    CHECK_OK(pm_binrow_writer_finish(&w, false, &b), NULL);
    bool ok = hex_equals(&b, "0000000000000000 1800000010000000 "
                             "03000000 02000000 01000000 00000000 03000000 00000000");
    a.release(&a);
    pm_col_dispose(&c);
    pm_type_free(t);
    pm_buf_clear(&b);
    CHECK(ok);

    t = parse_type("MAP<INT, INT>");
    CHECK_OK(pm_col_init(&c, t, NULL), NULL);
    CHECK_OK(pm_col_append_int(&c.children[0].children[0], 1), NULL);
    CHECK_OK(pm_col_append_int(&c.children[0].children[1], 2), NULL);
    CHECK_OK(pm_col_struct_close(&c.children[0]), NULL);
    CHECK_OK(pm_col_list_close(&c), NULL);
    CHECK_OK(pm_col_finish(&c, &a, NULL), NULL);
    pm_binrow_writer_reset(&w, 1);
    CHECK_OK(pm_binrow_write_from_arrow(&w, 0, t, &a, 0), NULL);
    CHECK_OK(pm_binrow_writer_finish(&w, false, &b), NULL);
    ok = hex_equals(&b, "0000000000000000 2400000010000000 10000000 "
                        "01000000 00000000 01000000 00000000 "
                        "01000000 00000000 02000000 00000000 00000000");
    a.release(&a);
    pm_col_dispose(&c);
    pm_type_free(t);
    pm_buf_dispose(&b);
    pm_binrow_writer_dispose(&w);
    CHECK(ok);
}

/* ---- corrupt input ---- */

static int decode_hex(const char *type_str, int32_t arity, const char *hex, paimon_error *err) {
    static uint8_t raw[512];
    long n = pm_test_hex(hex, raw, sizeof raw);
    if (n < 0)
        return -1000;
    pm_binrow row;
    int rc = pm_binrow_wrap(raw, (size_t)n, arity, &row, err);
    if (rc != PAIMON_OK)
        return rc;
    pm_type *t = parse_type(type_str);
    pm_col c;
    rc = pm_col_init(&c, t, err);
    if (rc == PAIMON_OK)
        rc = pm_binrow_append_to_col(&row, 0, t, &c, err);
    pm_col_dispose(&c);
    pm_type_free(t);
    return rc;
}

TEST(corrupt_rows_are_errors) {
    paimon_error err;
    /* fixed part truncated */
    CHECK_ERR(decode_hex("INT", 1, "0000000000000000 01000000", &err), PAIMON_ECORRUPT, &err);
    CHECK(strstr(err.message, "arity 1") != NULL);
    /* negative arity in the serialized form */
    pm_binrow row;
    uint8_t neg[12] = {0xff, 0xff, 0xff, 0xff};
    CHECK_ERR(pm_binrow_from_serialized(neg, 12, &row, &err), PAIMON_ECORRUPT, &err);
    CHECK_ERR(pm_binrow_from_serialized(neg, 3, &row, &err), PAIMON_ECORRUPT, &err);
    /* huge arity */
    uint8_t big[12] = {0x7f, 0xff, 0xff, 0xff};
    CHECK_ERR(pm_binrow_from_serialized(big, 12, &row, &err), PAIMON_ECORRUPT, &err);
    /* string pointing outside the row */
    CHECK_ERR(decode_hex("STRING", 1, "0000000000000000 0800000010000000", &err), PAIMON_ECORRUPT,
              &err);
    CHECK(strstr(err.message, "field 0:") == err.message);
    /* inline length above 7 */
    CHECK_ERR(decode_hex("STRING", 1, "0000000000000000 6162636465666788", &err), PAIMON_ECORRUPT,
              &err);
    /* offset overflow: offset near 2^32 */
    CHECK_ERR(decode_hex("BYTES", 1, "0000000000000000 01000000ffffffff", &err), PAIMON_ECORRUPT,
              &err);
    /* decimal with 0 and 17 bytes */
    CHECK_ERR(decode_hex("DECIMAL(30, 2)", 1, "0000000000000000 0000000010000000 0000000000000000",
                         &err),
              PAIMON_ECORRUPT, &err);
    CHECK_ERR(decode_hex("DECIMAL(30, 2)", 1,
                         "0000000000000000 1100000010000000 00000000000000000000000000000000 "
                         "0000000000000000",
                         &err),
              PAIMON_ECORRUPT, &err);
    /* timestamp nanos out of range, millis outside */
    CHECK_ERR(decode_hex("TIMESTAMP(9)", 1, "0000000000000000 40420f0010000000 0000000000000000",
                         &err),
              PAIMON_ECORRUPT, &err);
    CHECK_ERR(decode_hex("TIMESTAMP(9)", 1, "0000000000000000 0000000018000000", &err),
              PAIMON_ECORRUPT, &err);
    /* array: negative count, count larger than the bytes */
    CHECK_ERR(decode_hex("ARRAY<INT>", 1, "0000000000000000 0800000010000000 ffffffff00000000",
                         &err),
              PAIMON_ECORRUPT, &err);
    CHECK_ERR(decode_hex("ARRAY<BIGINT>", 1, "0000000000000000 0800000010000000 0500000000000000",
                         &err),
              PAIMON_ECORRUPT, &err);
    /* map: key array size beyond the map; key/value counts differ */
    CHECK_ERR(decode_hex("MAP<INT, INT>", 1, "0000000000000000 0800000010000000 ff00000000000000",
                         &err),
              PAIMON_ECORRUPT, &err);
    CHECK_ERR(decode_hex("MAP<INT, INT>", 1,
                         "0000000000000000 1c00000010000000 0c000000 01000000 00000000 01000000 "
                         "02000000 00000000 01000000 02000000",
                         &err),
              PAIMON_ECORRUPT, &err);
    /* nested row too short for its arity */
    CHECK_ERR(decode_hex("ROW<`a` INT, `b` INT>", 1, "0000000000000000 0800000010000000 "
                                                      "0000000000000000",
                         &err),
              PAIMON_ECORRUPT, &err);
}

/* Array of `levels` nested ARRAYs whose 4 slots all point at one shared inner array. */
static int build_shared(pm_buf *out, int levels) {
    uint8_t hdr[8] = {4, 0, 0, 0, 0, 0, 0, 0};
    PM_TRY(pm_buf_append(out, hdr, 8));
    if (levels == 1) { /* ARRAY<INT> [0, 0, 0, 0] */
        return pm_buf_append_zeros(out, 16);
    }
    pm_buf inner = PM_BUF_INIT;
    int rc = build_shared(&inner, levels - 1);
    for (int i = 0; rc == PAIMON_OK && i < 4; i++) {
        uint8_t slot[8];
        pm_store_le64(slot, ((uint64_t)40 << 32) | inner.len);
        rc = pm_buf_append(out, slot, 8);
    }
    if (rc == PAIMON_OK)
        rc = pm_buf_append(out, inner.data, inner.len);
    pm_buf_dispose(&inner);
    return rc;
}

/* Every element of an array points at the same inner array, level after level: honest rows
 * never share bytes, so the decoder stops once more values come out than the row has bytes
 * instead of expanding 4^8 values. */
TEST(overlapping_sections_are_bounded) {
    pm_buf nested = PM_BUF_INIT, b = PM_BUF_INIT;
    CHECK_OK(build_shared(&nested, 8), NULL);
    CHECK_OK(pm_buf_append_zeros(&b, 16), NULL);
    pm_store_le64(b.data + 8, ((uint64_t)16 << 32) | nested.len);
    CHECK_OK(pm_buf_append(&b, nested.data, nested.len), NULL);
    CHECK_OK(pm_buf_append_zeros(&b, (8 - b.len % 8) % 8), NULL);
    pm_binrow row;
    CHECK_OK(pm_binrow_wrap(b.data, b.len, 1, &row, NULL), NULL);
    pm_type *t = parse_type("ARRAY<ARRAY<ARRAY<ARRAY<ARRAY<ARRAY<ARRAY<ARRAY<INT>>>>>>>>");
    pm_col c;
    CHECK_OK(pm_col_init(&c, t, NULL), NULL);
    paimon_error err;
    int rc = pm_binrow_append_to_col(&row, 0, t, &c, &err);
    pm_col_dispose(&c);
    pm_type_free(t);
    pm_buf_dispose(&b);
    pm_buf_dispose(&nested);
    CHECK_ERR(rc, PAIMON_ECORRUPT, &err);
    CHECK(strstr(err.message, "overlap") != NULL);
}

/* Encoding and decoding under failing allocations: only ENOMEM, never a crash or leak. */
TEST(allocation_failures) {
    g_row_type = parse_type(NESTED_ROW);
    CHECK(g_row_type != NULL);
    size_t n = g_row_type->field_count;
    pm_col cols[24];
    struct ArrowArray arrays[24];
    memset(cols, 0, sizeof cols);
    CHECK_OK(build_columns(cols), NULL);
    for (size_t i = 0; i < n; i++)
        CHECK_OK(pm_col_finish(&cols[i], &arrays[i], NULL), NULL);
    bool saw_success = false;
    for (long k = 0; k < 400 && !saw_success; k++) {
        pm_mem_fail_after(k);
        pm_buf row = PM_BUF_INIT;
        int rc = encode_from_arrays(arrays, 0, &row);
        pm_col back[24];
        size_t inited = 0;
        pm_binrow r;
        if (rc == PAIMON_OK)
            rc = pm_binrow_wrap(row.data, row.len, (int32_t)n, &r, NULL);
        for (; rc == PAIMON_OK && inited < n; inited++)
            rc = pm_col_init(&back[inited], g_row_type->fields[inited].type, NULL);
        for (size_t i = 0; rc == PAIMON_OK && i < n; i++)
            rc = pm_binrow_append_to_col(&r, (int32_t)i, g_row_type->fields[i].type, &back[i],
                                         NULL);
        pm_mem_fail_after(-1);
        CHECK(rc == PAIMON_OK || rc == PAIMON_ENOMEM);
        saw_success = rc == PAIMON_OK;
        for (size_t i = 0; i < inited; i++)
            pm_col_dispose(&back[i]);
        pm_buf_dispose(&row);
    }
    CHECK(saw_success);
    for (size_t i = 0; i < n; i++) {
        arrays[i].release(&arrays[i]);
        pm_col_dispose(&cols[i]);
    }
    pm_type_free(g_row_type);
}
