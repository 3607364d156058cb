/* Hand-built files (pq_writer.h) for layouts DuckDB does not write: legacy 2-level and
 * unannotated repeated lists, BIT_PACKED levels, DELTA_BYTE_ARRAY, BYTE_STREAM_SPLIT on
 * FIXED_LEN_BYTE_ARRAY, RLE booleans, BYTE_ARRAY decimals, LZ4 with Hadoop framing,
 * uncompressed v2 values in a compressed chunk, pre-1970 INT96, legacy statistics, and
 * semantically broken pages. */
#include "test.h"
#include "pq_test_util.h"
#include "pq_writer.h"

#include <stdio.h>

#define LEAF(n, t, r) {n, t, r, -1, -1, 0, 0, 0, 0, 0}
#define GROUP(n, r, c, conv) {n, -1, r, c, conv, 0, 0, 0, 0, 0}
#define ROOT(c) {"schema", -1, -1, c, -1, 0, 0, 0, 0, 0}

/* With PAIMON_PQ_DUMP_DIR set, every file built here is also written there (fuzz seeds). */
static void dump(const pm_buf *file) {
    const char *dir = getenv("PAIMON_PQ_DUMP_DIR");
    if (dir == NULL)
        return;
    uint32_t h = 2166136261u; /* FNV-1a of the content names the seed */
    for (size_t i = 0; i < file->len; i++)
        h = (h ^ file->data[i]) * 16777619u;
    char p[4096];
    snprintf(p, sizeof p, "%s/synthetic_%08x.parquet", dir, h);
    FILE *f = fopen(p, "wb");
    if (f != NULL) {
        fwrite(file->data, 1, file->len, f);
        fclose(f);
    }
}

/* Reads `file` with `spec` and renders all rows (or the error message). */
static int render(const pm_buf *file, const char *spec, size_t batch, pm_buf *out,
                  paimon_error *err) {
    dump(file);
    size_t n;
    pm_field *f = pqt_fields(spec, &n);
    pqt_result *res = calloc(1, sizeof *res);
    int rc = pqt_read_file(pqt_open_mem(file->data, file->len, err), "t.parquet", f, n, batch,
                           NULL, NULL, res, err);
    if (rc == PAIMON_OK)
        pqt_render_all(out, res, f, n);
    pqt_result_free(res);
    free(res);
    pm_parquet_fields_free(f, n);
    return rc;
}

static void u32s(pm_buf *b, const uint32_t *v, size_t n, int bw) { enc_hybrid(b, v, n, bw, 0); }

TEST(legacy_two_level_list_of_primitives) {
    /* optional group l (LIST) { repeated int32 element; }: [1, 2], [], null, [3] */
    tschema s[] = {ROOT(1), GROUP("l", PM_PQ_OPTIONAL, 1, PM_PQ_CT_LIST),
                   LEAF("element", PM_PQ_INT32, PM_PQ_REPEATED)};
    tchunk c = {.type = PM_PQ_INT32, .codec = PM_PQ_SNAPPY};
    uint32_t rep[] = {0, 1, 0, 0, 0}, def[] = {2, 2, 1, 0, 2};
    int32_t vals[] = {1, 2, 3};
    pm_buf lv = PM_BUF_INIT, vv = PM_BUF_INIT, file = PM_BUF_INIT, out = PM_BUF_INIT;
    enc_levels_v1(&lv, rep, 5, 1);
    enc_levels_v1(&lv, def, 5, 2);
    pm_buf_append(&vv, vals, sizeof vals);
    tpage_v1(&c, PM_PQ_ENC_PLAIN, 5, &lv, &vv, PM_PQ_ENC_RLE);
    tfile(&file, s, 3, &c, 1, 4);
    paimon_error err = {0};
    CHECK_OK(render(&file, "l ARRAY<INT>", 0, &out, &err), &err);
    CHECK_EQ_STR(pm_buf_cstr(&out), "[[1,2]]\n[[]]\n[null]\n[[3]]\n");
    out.len = 0;
    CHECK_OK(render(&file, "l ARRAY<INT>", 1, &out, &err), &err);
    CHECK_EQ_STR(pm_buf_cstr(&out), "[[1,2]]\n[[]]\n[null]\n[[3]]\n");
    /* The schema reads as ARRAY<INT NOT NULL>. */
    pm_file *f = pqt_open_mem(file.data, file.len, &err);
    pm_field *fields;
    size_t n;
    CHECK_OK(pm_parquet_read_fields(f, "t.parquet", &fields, &n, &err), &err);
    pm_file_close(f);
    pm_buf t = PM_BUF_INIT;
    pm_type_format(fields[0].type, &t);
    CHECK_EQ_STR(pm_buf_cstr(&t), "ARRAY<INT NOT NULL>");
    pm_buf_dispose(&t);
    pm_parquet_fields_free(fields, n);
    pm_buf_dispose(&lv);
    pm_buf_dispose(&vv);
    pm_buf_dispose(&file);
    pm_buf_dispose(&out);
    tchunk_dispose(&c);
}

TEST(legacy_array_group_and_unannotated_repeated) {
    /* optional group l (LIST) { repeated group array { required int32 x; } } and a top-level
     * repeated int32 r. Rows: l=[{7},{8}], r=[5,6]; l=null, r=[]. */
    tschema s[] = {ROOT(2),
                   GROUP("l", PM_PQ_OPTIONAL, 1, PM_PQ_CT_LIST),
                   GROUP("array", PM_PQ_REPEATED, 1, -1),
                   LEAF("x", PM_PQ_INT32, PM_PQ_REQUIRED),
                   LEAF("r", PM_PQ_INT32, PM_PQ_REPEATED)};
    tchunk c[2] = {{.type = PM_PQ_INT32}, {.type = PM_PQ_INT32}};
    pm_buf lv = PM_BUF_INIT, vv = PM_BUF_INIT, file = PM_BUF_INIT, out = PM_BUF_INIT;
    uint32_t rep0[] = {0, 1, 0}, def0[] = {2, 2, 0};
    int32_t v0[] = {7, 8};
    enc_levels_v1(&lv, rep0, 3, 1);
    enc_levels_v1(&lv, def0, 3, 2);
    pm_buf_append(&vv, v0, sizeof v0);
    tpage_v1(&c[0], PM_PQ_ENC_PLAIN, 3, &lv, &vv, PM_PQ_ENC_RLE);
    lv.len = vv.len = 0;
    uint32_t rep1[] = {0, 1, 0}, def1[] = {1, 1, 0};
    int32_t v1[] = {5, 6};
    enc_levels_v1(&lv, rep1, 3, 1);
    enc_levels_v1(&lv, def1, 3, 1);
    pm_buf_append(&vv, v1, sizeof v1);
    tpage_v1(&c[1], PM_PQ_ENC_PLAIN, 3, &lv, &vv, PM_PQ_ENC_RLE);
    tfile(&file, s, 5, c, 2, 2);
    paimon_error err = {0};
    CHECK_OK(render(&file, "r ARRAY<INT NOT NULL>, l ARRAY<ROW<x INT>>", 0, &out, &err), &err);
    CHECK_EQ_STR(pm_buf_cstr(&out), "[[5,6],[[7],[8]]]\n[[],null]\n");
    pm_buf_dispose(&lv);
    pm_buf_dispose(&vv);
    pm_buf_dispose(&file);
    pm_buf_dispose(&out);
    tchunk_dispose(&c[0]);
    tchunk_dispose(&c[1]);
}

TEST(bit_packed_levels_lz4_hadoop_and_dictionary_fallback) {
    /* optional int32 v, LZ4 (Hadoop framing): a dictionary page, a dictionary-encoded page and
     * a PLAIN page whose def levels use the deprecated BIT_PACKED encoding. */
    tschema s[] = {ROOT(1), LEAF("v", PM_PQ_INT32, PM_PQ_OPTIONAL)};
    tchunk c = {.type = PM_PQ_INT32, .codec = PM_PQ_LZ4};
    pm_buf lv = PM_BUF_INIT, vv = PM_BUF_INIT, file = PM_BUF_INIT, out = PM_BUF_INIT;
    int32_t dict[] = {100, 200, 300};
    pm_buf_append(&vv, dict, sizeof dict);
    tpage_dict(&c, 3, &vv);
    vv.len = 0;
    uint32_t def[] = {1, 0, 1, 1}, idx[] = {2, 0, 1};
    enc_levels_v1(&lv, def, 4, 1);
    pm_buf_append_byte(&vv, 2);
    u32s(&vv, idx, 3, 2);
    tpage_v1(&c, PM_PQ_ENC_RLE_DICTIONARY, 4, &lv, &vv, PM_PQ_ENC_RLE);
    lv.len = vv.len = 0;
    pm_buf_append_byte(&lv, 0xA0); /* BIT_PACKED, MSB first: 1 0 1 0 0 0 0 0 */
    int32_t plain[] = {-1, -2};
    pm_buf_append(&vv, plain, sizeof plain);
    tpage_v1(&c, PM_PQ_ENC_PLAIN, 3, &lv, &vv, PM_PQ_ENC_BIT_PACKED);
    tfile(&file, s, 2, &c, 1, 7);
    paimon_error err = {0};
    CHECK_OK(render(&file, "v INT", 3, &out, &err), &err);
    CHECK_EQ_STR(pm_buf_cstr(&out), "[300]\n[null]\n[100]\n[200]\n[-1]\n[null]\n[-2]\n");
    pm_buf_dispose(&lv);
    pm_buf_dispose(&vv);
    pm_buf_dispose(&file);
    pm_buf_dispose(&out);
    tchunk_dispose(&c);
}

TEST(delta_byte_array_and_stream_split_flba_in_v2_pages) {
    tschema s[] = {ROOT(3), LEAF("s", PM_PQ_BYTE_ARRAY, PM_PQ_OPTIONAL),
                   {"d", PM_PQ_FIXED_LEN_BYTE_ARRAY, PM_PQ_REQUIRED, -1, PM_PQ_CT_DECIMAL,
                    PM_PQ_LT_DECIMAL, 2, 5, 3, 0},
                   LEAF("b", PM_PQ_BOOLEAN, PM_PQ_REQUIRED)};
    tchunk c[3] = {{.type = PM_PQ_BYTE_ARRAY, .codec = PM_PQ_SNAPPY},
                   {.type = PM_PQ_FIXED_LEN_BYTE_ARRAY, .codec = PM_PQ_ZSTD},
                   {.type = PM_PQ_BOOLEAN, .codec = PM_PQ_GZIP}};
    pm_buf dv = PM_BUF_INIT, vv = PM_BUF_INIT, file = PM_BUF_INIT, out = PM_BUF_INIT;
    /* s: "apple", null, "applesauce", "apply", "", "banana" as prefixes + suffixes. */
    uint32_t def[] = {1, 0, 1, 1, 1, 1};
    enc_hybrid(&dv, def, 6, 1, 0);
    int64_t prefix[] = {0, 5, 4, 0, 0}, sfx_len[] = {5, 5, 1, 0, 6};
    enc_delta(&vv, prefix, 5);
    enc_delta(&vv, sfx_len, 5);
    pm_buf_append_str(&vv, "applesaucey" "banana");
    tpage_v2(&c[0], PM_PQ_ENC_DELTA_BYTE_ARRAY, 6, 1, 6, NULL, &dv, &vv, true);
    /* d: 1.23, -4.56, 0.01, 999.99, -0.01, 12.00 as 3-byte big-endian, byte-stream-split,
     * values left uncompressed in a ZSTD chunk. */
    int32_t dec[] = {123, -456, 1, 99999, -1, 1200};
    vv.len = 0;
    for (int k = 0; k < 3; k++)
        for (int i = 0; i < 6; i++)
            pm_buf_append_byte(&vv, (uint8_t)((uint32_t)dec[i] >> (8 * (2 - k))));
    tpage_v2(&c[1], PM_PQ_ENC_BYTE_STREAM_SPLIT, 6, 0, 6, NULL, NULL, &vv, false);
    /* b: RLE-encoded booleans (v2), length-prefixed. */
    uint32_t bits[] = {1, 0, 0, 1, 1, 0};
    vv.len = 0;
    pm_buf_append_zeros(&vv, 4);
    enc_hybrid(&vv, bits, 6, 1, 0);
    pm_store_le32(vv.data, (uint32_t)(vv.len - 4));
    tpage_v2(&c[2], PM_PQ_ENC_RLE, 6, 0, 6, NULL, NULL, &vv, true);
    tfile(&file, s, 4, c, 3, 6);
    paimon_error err = {0};
    CHECK_OK(render(&file, "s STRING, d DECIMAL(5, 2), b BOOLEAN, s2 BYTES", 4, &out, &err), &err);
    CHECK_EQ_STR(pm_buf_cstr(&out), "[\"apple\",\"1.23\",true,null]\n"
                                    "[null,\"-4.56\",false,null]\n"
                                    "[\"applesauce\",\"0.01\",false,null]\n"
                                    "[\"apply\",\"999.99\",true,null]\n"
                                    "[\"\",\"-0.01\",true,null]\n"
                                    "[\"banana\",\"12.00\",false,null]\n");
    pm_buf_dispose(&dv);
    pm_buf_dispose(&vv);
    pm_buf_dispose(&file);
    pm_buf_dispose(&out);
    for (int k = 0; k < 3; k++)
        tchunk_dispose(&c[k]);
}

TEST(int96_before_1970_and_byte_array_decimals) {
    tschema s[] = {ROOT(2), LEAF("ts", PM_PQ_INT96, PM_PQ_REQUIRED),
                   {"dec", PM_PQ_BYTE_ARRAY, PM_PQ_REQUIRED, -1, PM_PQ_CT_DECIMAL, 0, 3, 30, 0, 0}};
    tchunk c[2] = {{.type = PM_PQ_INT96}, {.type = PM_PQ_BYTE_ARRAY}};
    pm_buf vv = PM_BUF_INIT, file = PM_BUF_INIT, out = PM_BUF_INIT;
    /* Java's encoding: julian = trunc(millis / day) + 2440588, nanos = (millis % day) * 1e6
     * + nanos of milli, truncating; so pre-1970 instants carry negative nanos of day. */
    int64_t millis[] = {-1, -172800005, 86400000LL * 365 + 1};
    int32_t nanos_of_milli[] = {0, 123456, 999999};
    for (int i = 0; i < 3; i++) {
        int64_t nod = (millis[i] % 86400000) * 1000000 + nanos_of_milli[i];
        uint8_t raw[12];
        pm_store_le64(raw, (uint64_t)nod);
        pm_store_le32(raw + 8, (uint32_t)(int32_t)(millis[i] / 86400000 + 2440588));
        pm_buf_append(&vv, raw, 12);
    }
    tpage_v1(&c[0], PM_PQ_ENC_PLAIN, 3, NULL, &vv, PM_PQ_ENC_RLE);
    vv.len = 0;
    const uint8_t d0[] = {0x04, 0xD2}, d1[] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                               0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                               0xFE};
    uint8_t len[4];
    pm_store_le32(len, 2);
    pm_buf_append(&vv, len, 4);
    pm_buf_append(&vv, d0, 2);
    pm_store_le32(len, 17);
    pm_buf_append(&vv, len, 4);
    pm_buf_append(&vv, d1, 17);
    pm_store_le32(len, 0);
    pm_buf_append(&vv, len, 4);
    tpage_v1(&c[1], PM_PQ_ENC_PLAIN, 3, NULL, &vv, PM_PQ_ENC_RLE);
    tfile(&file, s, 3, c, 2, 3);
    paimon_error err = {0};
    CHECK_OK(render(&file, "ts TIMESTAMP(9), dec DECIMAL(30, 3), ts TIMESTAMP(3)", 0, &out, &err),
             &err);
    CHECK_EQ_STR(pm_buf_cstr(&out),
                 "[\"1969-12-31 23:59:59.999000000\",\"1.234\",\"1969-12-31 23:59:59.999\"]\n"
                 "[\"1969-12-29 23:59:59.995123456\",\"-0.002\",\"1969-12-29 23:59:59.995\"]\n"
                 "[\"1971-01-01 00:00:00.001999999\",\"0.000\",\"1971-01-01 00:00:00.001\"]\n");
    pm_buf_dispose(&vv);
    pm_buf_dispose(&file);
    pm_buf_dispose(&out);
    tchunk_dispose(&c[0]);
    tchunk_dispose(&c[1]);
}

typedef struct seen {
    pm_column_stats s[2];
    bool called;
} seen;

static bool remember(void *ctx, const pm_column_stats *st, size_t n, int64_t rows) {
    seen *x = ctx;
    (void)rows;
    memcpy(x->s, st, n * sizeof *st);
    x->called = true;
    /* Byte bounds are borrowed for the call only: keep nothing of them. */
    x->s[1].min.v.bytes.ptr = x->s[1].max.v.bytes.ptr = NULL;
    return false;
}

TEST(legacy_statistics_only_where_the_order_is_right) {
    tschema s[] = {ROOT(2), LEAF("i", PM_PQ_INT32, PM_PQ_REQUIRED),
                   {"s", PM_PQ_BYTE_ARRAY, PM_PQ_REQUIRED, -1, PM_PQ_CT_UTF8, 0, 0, 0, 0, 0}};
    tchunk c[2] = {{.type = PM_PQ_INT32, .has_stats = true},
                   {.type = PM_PQ_BYTE_ARRAY, .has_stats = true}};
    pm_buf vv = PM_BUF_INIT, file = PM_BUF_INIT;
    int32_t iv[] = {-5, 9};
    pm_buf_append(&vv, iv, sizeof iv);
    tpage_v1(&c[0], PM_PQ_ENC_PLAIN, 2, NULL, &vv, PM_PQ_ENC_RLE);
    vv.len = 0;
    const char *sv[] = {"a", "\xc3\xa9"};
    enc_plain_bytes(&vv, sv, 2);
    tpage_v1(&c[1], PM_PQ_ENC_PLAIN, 2, NULL, &vv, PM_PQ_ENC_RLE);
    tw w0 = {&c[0].stats, {0}, 0}, w1 = {&c[1].stats, {0}, 0};
    tw_bin(&w0, 1, &iv[1], 4); /* legacy max */
    tw_bin(&w0, 2, &iv[0], 4); /* legacy min */
    tw_i64(&w0, 3, 0);
    tw_bin(&w1, 1, "a", 1);    /* legacy signed-byte order: wrong for UTF-8 */
    tw_bin(&w1, 2, "\xc3\xa9", 2);
    tfile(&file, s, 3, c, 2, 2);
    size_t n;
    pm_field *f = pqt_fields("i INT, s STRING", &n);
    paimon_error err = {0};
    seen x = {0};
    pqt_result *res = calloc(1, sizeof *res);
    CHECK_OK(pqt_read_file(pqt_open_mem(file.data, file.len, &err), "t.parquet", f, n, 0,
                           remember, &x, res, &err), &err);
    CHECK(x.called);
    CHECK(x.s[0].has_min_max);
    CHECK_EQ_INT(x.s[0].min.v.i, -5);
    CHECK_EQ_INT(x.s[0].max.v.i, 9);
    CHECK(x.s[0].has_null_count);
    CHECK(!x.s[1].has_min_max);
    CHECK(!x.s[1].has_null_count);
    pqt_result_free(res);
    free(res);
    pm_parquet_fields_free(f, n);
    pm_buf_dispose(&vv);
    pm_buf_dispose(&file);
    tchunk_dispose(&c[0]);
    tchunk_dispose(&c[1]);
}

/* One optional INT32 column with a dictionary of 2 and a page built by `page`. */
static int broken(void (*page)(tchunk *), const char *needle) {
    tschema s[] = {ROOT(1), LEAF("v", PM_PQ_INT32, PM_PQ_OPTIONAL)};
    tchunk c = {.type = PM_PQ_INT32};
    page(&c);
    pm_buf file = PM_BUF_INIT, out = PM_BUF_INIT;
    tfile(&file, s, 2, &c, 1, 3);
    paimon_error err = {0};
    int rc = render(&file, "v INT", 0, &out, &err);
    if (strstr(err.message, needle) == NULL || strncmp(err.message, "t.parquet: ", 11) != 0) {
        fprintf(stderr, "unexpected message: %s\n", err.message);
        rc = PAIMON_OK;
    }
    pm_buf_dispose(&file);
    pm_buf_dispose(&out);
    tchunk_dispose(&c);
    return rc;
}

static void page_bad_index(tchunk *c) {
    pm_buf v = PM_BUF_INIT, lv = PM_BUF_INIT;
    int32_t d[] = {1, 2};
    pm_buf_append(&v, d, sizeof d);
    tpage_dict(c, 2, &v);
    v.len = 0;
    uint32_t def[] = {1, 1, 1}, idx[] = {0, 1, 2};
    enc_levels_v1(&lv, def, 3, 1);
    pm_buf_append_byte(&v, 2);
    enc_hybrid(&v, idx, 3, 2, 0);
    tpage_v1(c, PM_PQ_ENC_PLAIN_DICTIONARY, 3, &lv, &v, PM_PQ_ENC_RLE);
    pm_buf_dispose(&v);
    pm_buf_dispose(&lv);
}

static void page_bad_level(tchunk *c) {
    pm_buf v = PM_BUF_INIT, lv = PM_BUF_INIT;
    /* An RLE run stores its value in whole bytes, so a level of 3 fits beside bit width 1. */
    const uint8_t levels[] = {2, 0, 0, 0, 3 << 1, 3};
    pm_buf_append(&lv, levels, sizeof levels);
    int32_t d[] = {1, 2};
    pm_buf_append(&v, d, sizeof d);
    tpage_v1(c, PM_PQ_ENC_PLAIN, 3, &lv, &v, PM_PQ_ENC_RLE);
    pm_buf_dispose(&v);
    pm_buf_dispose(&lv);
}

static void page_short_values(tchunk *c) {
    pm_buf v = PM_BUF_INIT, lv = PM_BUF_INIT;
    uint32_t def[] = {1, 1, 1};
    enc_levels_v1(&lv, def, 3, 1);
    int32_t d[] = {1, 2};
    pm_buf_append(&v, d, sizeof d);
    tpage_v1(c, PM_PQ_ENC_PLAIN, 3, &lv, &v, PM_PQ_ENC_RLE);
    pm_buf_dispose(&v);
    pm_buf_dispose(&lv);
}

static void page_missing_rows(tchunk *c) {
    pm_buf v = PM_BUF_INIT, lv = PM_BUF_INIT;
    uint32_t def[] = {1, 1};
    enc_levels_v1(&lv, def, 2, 1);
    int32_t d[] = {1, 2};
    pm_buf_append(&v, d, sizeof d);
    tpage_v1(c, PM_PQ_ENC_PLAIN, 2, &lv, &v, PM_PQ_ENC_RLE);
    pm_buf_dispose(&v);
    pm_buf_dispose(&lv);
}

TEST(semantically_broken_pages_are_errors) {
    CHECK_EQ_INT(broken(page_bad_index, "dictionary index out of range"), PAIMON_ECORRUPT);
    CHECK_EQ_INT(broken(page_bad_level, "above the maximum"), PAIMON_ECORRUPT);
    CHECK_EQ_INT(broken(page_short_values, "run past the end of the page"), PAIMON_ECORRUPT);
    CHECK_EQ_INT(broken(page_missing_rows, "rows short of its row group"), PAIMON_ECORRUPT);
}
