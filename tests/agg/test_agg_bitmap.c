/* rbm32: unions of portable RoaringBitmaps, byte-identical to Java's RoaringBitmap32
 * (or + runOptimize + serialize). */
#include "agg_test_util.h"
#include "util/crc32.h"

#include <stdlib.h>

/* Serializes a sorted set the way Java's RoaringBitmap.add builds it and serialize writes it
 * without runOptimize: array containers up to 4096 values, bitmaps beyond. */
static void serialize_plain(const uint32_t *v, size_t n, pm_buf *out) {
    uint16_t keys[65536 / 4];
    uint32_t cards[65536 / 4];
    size_t size = 0;
    for (size_t i = 0; i < n; i++) {
        uint16_t key = (uint16_t)(v[i] >> 16);
        if (size == 0 || keys[size - 1] != key) {
            keys[size] = key;
            cards[size++] = 0;
        }
        cards[size - 1]++;
    }
    uint8_t b[8];
    pm_store_le32(b, 12346);
    pm_store_le32(b + 4, (uint32_t)size);
    pm_buf_append(out, b, 8);
    for (size_t k = 0; k < size; k++) {
        pm_store_le16(b, keys[k]);
        pm_store_le16(b + 2, (uint16_t)(cards[k] - 1));
        pm_buf_append(out, b, 4);
    }
    uint32_t offset = (uint32_t)(8 + 8 * size);
    for (size_t k = 0; k < size; k++) {
        pm_store_le32(b, offset);
        pm_buf_append(out, b, 4);
        offset += cards[k] > 4096 ? 8192 : 2 * cards[k];
    }
    size_t i = 0;
    for (size_t k = 0; k < size; k++) {
        if (cards[k] > 4096) {
            uint64_t words[1024] = {0};
            for (uint32_t c = 0; c < cards[k]; c++, i++)
                words[(v[i] & 0xFFFF) >> 6] |= (uint64_t)1 << (v[i] & 63);
            for (int w = 0; w < 1024; w++) {
                pm_store_le64(b, words[w]);
                pm_buf_append(out, b, 8);
            }
        } else {
            for (uint32_t c = 0; c < cards[k]; c++, i++) {
                pm_store_le16(b, (uint16_t)v[i]);
                pm_buf_append(out, b, 2);
            }
        }
    }
}

/* The bitmap of RoaringBitmap's SerializeToDiskExample (its files bitmapwithoutruns.bin and,
 * after runOptimize, bitmapwithruns.bin were written by Java). */
static uint32_t *example_values(size_t *n) {
    uint32_t *v = malloc(sizeof *v * 300000);
    size_t m = 0;
    for (uint32_t k = 0; k < 100000; k += 1000)
        v[m++] = k;
    for (uint32_t k = 100000; k < 200000; ++k)
        v[m++] = 3 * k;
    for (uint32_t k = 700000; k < 800000; ++k)
        v[m++] = k;
    *n = m;
    return v;
}

static const uint8_t EMPTY[8] = {0x3a, 0x30, 0, 0, 0, 0, 0, 0};

/* Runs rbm32 over the given values (NULL = null) and returns the result bytes (malloc'ed). */
static int union_of(const pm_buf *const *inputs, size_t count, uint8_t **out, size_t *len,
                    paimon_error *err) {
    pm_type *t = NULL;
    pm_field_agg *a = NULL;
    int rc = pm_type_parse("BYTES", &t, err);
    if (rc == 0)
        rc = pm_field_agg_new("rbm32", "b", t, NULL, NULL, &a, err);
    for (size_t i = 0; rc == 0 && i < count; i++) {
        pm_col c;
        struct ArrowArray arr;
        pm_col_init(&c, t, NULL);
        if (inputs[i] == NULL)
            pm_col_append_null(&c);
        else
            pm_col_append_bytes(&c, inputs[i]->data, inputs[i]->len);
        pm_col_finish(&c, &arr, NULL);
        pm_col_dispose(&c);
        rc = pm_field_agg_add(a, &arr, 0, err);
        arr.release(&arr);
    }
    *out = NULL;
    *len = 0;
    if (rc == 0) {
        pm_col c;
        struct ArrowArray arr;
        pm_col_init(&c, t, NULL);
        rc = pm_field_agg_result(a, &c, err);
        pm_col_finish(&c, &arr, NULL);
        pm_col_dispose(&c);
        if (rc == 0 && pm_arrow_is_valid(&arr, 0)) {
            pm_datum d = pm_arrow_get_datum(&arr, t, 0);
            *out = malloc(d.v.bytes.len + 1);
            memcpy(*out, d.v.bytes.ptr, d.v.bytes.len);
            *len = d.v.bytes.len;
        }
        arr.release(&arr);
    }
    pm_field_agg_free(a);
    pm_type_free(t);
    return rc;
}

static void hex_to_buf(const char *hex, pm_buf *out) {
    uint8_t bytes[256];
    long n = pm_test_hex(hex, bytes, sizeof bytes);
    pm_buf_append(out, bytes, (size_t)n);
}

TEST(java_example_bitmap_run_optimized) {
    size_t n;
    uint32_t *v = example_values(&n);
    pm_buf plain = PM_BUF_INIT, empty = PM_BUF_INIT;
    serialize_plain(v, n, &plain);
    free(v);
    /* bitmapwithoutruns.bin, as written by Java */
    CHECK_EQ_INT(plain.len, 72616);
    CHECK_EQ_INT(pm_crc32(0, plain.data, plain.len), 0xef6dc26a);
    pm_buf_append(&empty, EMPTY, sizeof EMPTY);
    paimon_error err = {0};
    uint8_t *res, *res2;
    size_t len, len2;
    /* or() with an empty bitmap then runOptimize gives bitmapwithruns.bin */
    const pm_buf *in1[] = {&plain, &empty};
    CHECK_OK(union_of(in1, 2, &res, &len, &err), &err);
    CHECK_EQ_INT(len, 48056);
    CHECK_EQ_INT(pm_crc32(0, res, len), 0x1052a898);
    /* ... and so does the union with itself, and with its run-optimized form */
    const pm_buf *in2[] = {&plain, &plain};
    CHECK_OK(union_of(in2, 2, &res2, &len2, &err), &err);
    CHECK_EQ_INT(len2, 48056);
    CHECK_EQ_MEM(res2, res, len);
    free(res2);
    pm_buf runs = PM_BUF_INIT;
    pm_buf_append(&runs, res, len);
    const pm_buf *in3[] = {&runs, &plain};
    CHECK_OK(union_of(in3, 2, &res2, &len2, &err), &err);
    CHECK_EQ_INT(len2, 48056);
    CHECK_EQ_MEM(res2, res, len);
    free(res2);
    const pm_buf *in4[] = {&empty, &runs, &empty};
    CHECK_OK(union_of(in4, 3, &res2, &len2, &err), &err);
    CHECK_EQ_INT(len2, 48056);
    CHECK_EQ_MEM(res2, res, len);
    free(res2);
    free(res);
    pm_buf_dispose(&plain);
    pm_buf_dispose(&empty);
    pm_buf_dispose(&runs);
}

typedef struct rb_case {
    const char *inputs[4]; /* hex, "null" for a null value */
    const char *expected;  /* hex, NULL for a null result */
} rb_case;

static const rb_case rb_cases[] = {
    /* {1,2,3}: an array stays an array (Java: 2*3 bytes is not more than a 6-byte run) */
    {{"3a300000 01000000 0000 0200 10000000 0100 0200 0300", "3a300000 00000000", NULL},
     "3a300000 01000000 0000 0200 10000000 0100 0200 0300"},
    /* {1,2,3,4}: 8 bytes of array > 6 bytes of run */
    {{"3a300000 01000000 0000 0100 10000000 0100 0200", "3a300000 01000000 0000 0100 10000000 0300 "
                                                       "0400",
      NULL},
     "3b300000 01 0000 0300 0100 0100 0300"},
    /* keys from both sides, kept in key order; offsets are written for 4+ containers */
    {{"3a300000 02000000 0000 0000 0100 0000 18000000 1a000000 0500 0700",
      "3a300000 02000000 0200 0000 0300 0000 18000000 1a000000 0900 0b00", NULL},
     "3a300000 04000000 0000 0000 0100 0000 0200 0000 0300 0000 28000000 2a000000 2c000000 2e000000 "
     "0500 0700 0900 0b00"},
    /* a run container among 4: run bitmap, headers, then offsets */
    {{"3a300000 02000000 0000 0000 0100 0000 18000000 1a000000 0500 0700",
      "3b300100 01 0200 0900 0300 0000 0100 0000 0900 0500", NULL},
     "3b300300 04 0000 0000 0100 0000 0200 0900 0300 0000 25000000 27000000 29000000 2f000000 "
     "0500 0700 0100 0000 0900 0500"},
    /* null inputs are skipped; the first value is kept as it is */
    {{"null", "3a300000 01000000 0000 0200 10000000 0100 0200 0300", "null", NULL},
     "3a300000 01000000 0000 0200 10000000 0100 0200 0300"},
    {{"null", NULL}, NULL},
    {{"3a300000 01000000 0000 0300 10000000 0100 0200 0300 0400", NULL},
     "3a300000 01000000 0000 0300 10000000 0100 0200 0300 0400"},
};

TEST(small_unions) {
    for (size_t c = 0; c < sizeof rb_cases / sizeof rb_cases[0]; c++) {
        pm_buf bufs[4];
        const pm_buf *ins[4];
        size_t n = 0;
        for (; n < 4 && rb_cases[c].inputs[n] != NULL; n++) {
            pm_buf_init(&bufs[n]);
            if (strcmp(rb_cases[c].inputs[n], "null") == 0) {
                ins[n] = NULL;
            } else {
                hex_to_buf(rb_cases[c].inputs[n], &bufs[n]);
                ins[n] = &bufs[n];
            }
        }
        paimon_error err = {0};
        uint8_t *res;
        size_t len;
        int rc = union_of(ins, n, &res, &len, &err);
        for (size_t i = 0; i < n; i++)
            pm_buf_dispose(&bufs[i]);
        if (rc != 0)
            pm_test_fail(__FILE__, __LINE__, "case %zu: %s", c, err.message);
        CHECK_OK(rc, &err);
        if (rb_cases[c].expected == NULL) {
            CHECK(res == NULL);
            continue;
        }
        pm_buf want = PM_BUF_INIT;
        hex_to_buf(rb_cases[c].expected, &want);
        bool same = res != NULL && len == want.len && memcmp(res, want.data, len) == 0;
        if (!same) {
            pm_buf got = PM_BUF_INIT;
            for (size_t i = 0; res != NULL && i < len; i++)
                pm_buf_append_fmt(&got, "%02x", res[i]);
            pm_test_fail(__FILE__, __LINE__, "case %zu: got %s", c, pm_buf_cstr(&got));
            pm_buf_dispose(&got);
        }
        pm_buf_dispose(&want);
        free(res);
        CHECK(same);
    }
}

/* Full containers: a bitmap of 65535 values or'ed with the missing one becomes a full run. */
TEST(full_container) {
    uint32_t *v = malloc(sizeof *v * 65536);
    size_t n = 0;
    for (uint32_t i = 0; i < 65536; i++) {
        if (i != 7)
            v[n++] = i;
    }
    pm_buf a = PM_BUF_INIT, b = PM_BUF_INIT;
    serialize_plain(v, n, &a);
    uint32_t seven = 7;
    serialize_plain(&seven, 1, &b);
    free(v);
    const pm_buf *ins[] = {&a, &b};
    paimon_error err = {0};
    uint8_t *res;
    size_t len;
    CHECK_OK(union_of(ins, 2, &res, &len, &err), &err);
    pm_buf want = PM_BUF_INIT;
    hex_to_buf("3b300000 01 0000 ffff 0100 0000 ffff", &want);
    CHECK_EQ_INT(len, want.len);
    CHECK_EQ_MEM(res, want.data, len);
    free(res);
    pm_buf_dispose(&want);
    pm_buf_dispose(&a);
    pm_buf_dispose(&b);
}

TEST(corrupt_and_refused) {
    static const char *bad[] = {
        "3a30",                                         /* truncated cookie */
        "39300000 00000000",                            /* unknown cookie */
        "3a300000 02000000 0000 0000",                  /* headers truncated */
        "3a300000 01000000 0000 0200 10000000 0100",    /* container truncated */
        "3a300000 02000000 0100 0000 0000 0000 18000000 1a000000 0100 0100", /* keys unsorted */
        "3b300000 01 0000 0300 0100 fdff 0300",         /* run past 65535 */
        "3a300000 01000000 0000 0100 10000000 0200 0100", /* array not increasing */
        "3b300000 01 0000 0300 0200 0100 0100 0300 0100", /* adjacent runs */
        "3b300000 01 0000 0500 0100 0100 0300",         /* runs hold 4 values, header says 6 */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        pm_buf good = PM_BUF_INIT, b = PM_BUF_INIT;
        hex_to_buf("3a300000 01000000 0000 0000 10000000 0100", &good);
        hex_to_buf(bad[i], &b);
        const pm_buf *ins[] = {&good, &b};
        paimon_error err = {0};
        uint8_t *res;
        size_t len;
        int rc = union_of(ins, 2, &res, &len, &err);
        pm_buf_dispose(&good);
        pm_buf_dispose(&b);
        free(res);
        if (rc != PAIMON_ECORRUPT)
            pm_test_fail(__FILE__, __LINE__, "input %zu: status %d (%s)", i, rc, err.message);
        CHECK_EQ_INT(rc, PAIMON_ECORRUPT);
        CHECK(strstr(err.message, "rbm32") != NULL);
    }
    static const agg_case cases[] = {
        {"rbm32", "BYTES", {"+0x3a30000000000000", "-0x3a30000000000000", NULL}, NULL,
         PAIMON_EUNSUPPORTED, {{0}}},
        {"rbm64", "BYTES", {"+0x00", "-0x00", NULL}, NULL, PAIMON_EUNSUPPORTED, {{0}}},
        {"rbm32", "VARBINARY(100)", {"+null", NULL}, "null", 0, {{0}}},
    };
    RUN_CASES(cases);
}

/* A bitmap container whose bits disagree with its header's cardinality (found by fuzzing: the
 * union then serialized a container that no longer parsed). */
TEST(bitmap_cardinality_must_match_header) {
    pm_buf bad = PM_BUF_INIT, good = PM_BUF_INIT;
    hex_to_buf("3a300000 01000000 0000 0a10 10000000", &bad); /* card 4107: a bitmap */
    uint8_t words[8192] = {0};
    words[0] = 0xff;
    pm_buf_append(&bad, words, sizeof words);
    hex_to_buf("3a300000 01000000 0000 0000 10000000 0100", &good);
    const pm_buf *ins[] = {&good, &bad};
    paimon_error err = {0};
    uint8_t *res;
    size_t len;
    CHECK_ERR(union_of(ins, 2, &res, &len, &err), PAIMON_ECORRUPT, &err);
    free(res);
    pm_buf_dispose(&bad);
    pm_buf_dispose(&good);
}
