/* rbm64, theta_sketch and hll_sketch: unions byte-identical to Java Paimon's, checked against the
 * vectors GenVectors.java wrote with the library versions Paimon uses (tests/agg/vectors/). */
#include "agg_test_util.h"
#include "sketch_vectors.h"

TEST(rbm64_java_vectors) {
    sv_stats st = {0};
    CHECK(sv_replay("rbm64", &st));
    CHECK(st.cases >= 100);
}

TEST(theta_java_vectors) {
    sv_stats st = {0};
    CHECK(sv_replay("theta_sketch", &st));
    CHECK(st.cases >= 60);
}

TEST(hll_java_vectors) {
    sv_stats st = {0};
    CHECK(sv_replay("hll_sketch", &st));
    CHECK(st.cases >= 80);
}

static const char *const SKETCH_FNS[] = {"rbm64", "theta_sketch", "hll_sketch"};

/* None of the unions has a retraction in Java: refused with the function's name. */
TEST(sketch_unions_refuse_retraction) {
    for (int i = 0; i < 3; i++) {
        pm_type *t = NULL;
        pm_field_agg *a = NULL;
        paimon_error err = {0};
        CHECK_OK(pm_type_parse("BYTES", &t, &err), &err);
        CHECK_OK(pm_field_agg_new(SKETCH_FNS[i], "c", t, NULL, NULL, &a, &err), &err);
        CHECK(!pm_field_agg_supports_retract(a));
        pm_col c;
        struct ArrowArray arr;
        pm_col_init(&c, t, NULL);
        pm_col_append_bytes(&c, "\0", 1);
        pm_col_finish(&c, &arr, NULL);
        pm_col_dispose(&c);
        CHECK_ERR(pm_field_agg_retract(a, &arr, 0, &err), PAIMON_EUNSUPPORTED, &err);
        CHECK(strstr(err.message, SKETCH_FNS[i]) != NULL);
        arr.release(&arr);
        pm_field_agg_free(a);
        pm_type_free(t);
    }
}

/* Only VARBINARY columns take them. */
TEST(sketch_unions_need_varbinary) {
    pm_type *t = NULL;
    paimon_error err = {0};
    CHECK_OK(pm_type_parse("STRING", &t, &err), &err);
    for (int i = 0; i < 3; i++) {
        pm_field_agg *a = NULL;
        CHECK_ERR(pm_field_agg_new(SKETCH_FNS[i], "c", t, NULL, NULL, &a, &err), PAIMON_EINVAL,
                  &err);
        CHECK(strstr(err.message, SKETCH_FNS[i]) != NULL);
        CHECK(strstr(err.message, "VARBINARY") != NULL);
    }
    pm_type_free(t);
}

/* Corrupt values fail with the function, column and what is wrong, never crash: every
 * truncation of a real value, and flipped bytes. */
static void corrupt_values(const char *fn, const uint8_t *good, size_t n, const uint8_t *other,
                           size_t other_n) {
    pm_type *t = NULL;
    pm_type_parse("BYTES", &t, NULL);
    for (size_t cut = 0; cut <= n + 8; cut++) {
        pm_field_agg *a = NULL;
        paimon_error err = {0};
        pm_field_agg_new(fn, "c", t, NULL, NULL, &a, NULL);
        uint8_t *v = malloc(n + 1);
        memcpy(v, good, n);
        size_t len = cut <= n ? cut : n;
        if (cut > n)
            v[(cut * 7919) % n] ^= (uint8_t)(1u << (cut % 8));
        for (int step = 0; step < 2; step++) {
            pm_col c;
            struct ArrowArray arr;
            pm_col_init(&c, t, NULL);
            if (step == 0)
                pm_col_append_bytes(&c, other, other_n);
            else
                pm_col_append_bytes(&c, v, len);
            pm_col_finish(&c, &arr, NULL);
            pm_col_dispose(&c);
            if (pm_field_agg_add(a, &arr, 0, &err) != PAIMON_OK) {
                if (strstr(err.message, fn) == NULL || strstr(err.message, "'c'") == NULL)
                    pm_test_fail(__FILE__, __LINE__, "message without function or column: %s",
                                 err.message);
            }
            arr.release(&arr);
        }
        free(v);
        pm_field_agg_free(a);
    }
    pm_type_free(t);
}

TEST(sketch_unions_corrupt_values_fail_cleanly) {
    /* a bitmap with a Node4 and two containers; a 3-hash exact theta sketch, and the same
     * compressed (version 4); an HLL_4 sketch of lgK 6 with an exception entry and a SET of
     * lgK 12 (all Java's) */
    static const char *rbm = /* Java's union of {5} and {1 << 33} */
        "010200000000000000000200030000000000020004000000000000000000000000000000000004000000000000"
        "020000010000000000000001000000fe020000000102010000000500010201000000000002000000000000000000"
        "000001000000";
    static const char *theta =
        "02030300001acc93030000000000803f15f97dcbbd86a105c397fc1281709d1efb38798913248f01";
    static const char *hll4 =
        "0a01070602080802313203c8f506f44000000080000da33f000000000000000002000000010000005234"
        "072245414351442524438362"
        "3f34645452244544235582325025559237121c000068";
    static const char *hll_set =
        "0301070c070800013200000081bc5d060222b4048469cc05862ff90dc66234078dc48909cea0ef059354"
        "31059407c2048fc3b00697bb601a1abcd0059e2d6a07a17ae409223beb05aa7387162bf2fb062c460506";
    pm_buf b64 = PM_BUF_INIT, th = PM_BUF_INIT, h4 = PM_BUF_INIT, hs = PM_BUF_INIT;
    CHECK(sv_hex(rbm, strlen(rbm), &b64) == 0);
    CHECK(sv_hex(theta, strlen(theta), &th) == 0);
    CHECK(sv_hex(hll4, strlen(hll4), &h4) == 0);
    CHECK(sv_hex(hll_set, strlen(hll_set), &hs) == 0);
    /* the SET above lists 50 coupons; keep the 12 the prefix holds */
    hs.data[8] = 12;
    hs.len = 12 + 4 * 12;
    static const uint8_t one64[] = {0};
    static const uint8_t empty_theta[] = {1, 3, 3, 0, 0, 0x1E, 0, 0};
    static const uint8_t theta_v4[] = {
        0x01, 0x04, 0x03, 0x40, 0x01, 0x1a, 0xcc, 0x93, 0x03, 0x05, 0xa1, 0x86, 0xbd,
        0xcb, 0x7d, 0xf9, 0x15, 0x18, 0xfb, 0xe9, 0xc3, 0x47, 0x7e, 0x9e, 0xae, 0xe2,
        0xf1, 0xb3, 0x92, 0x76, 0x7c, 0xa1, 0x38}; /* toByteArrayCompressed() of it */
    static const uint8_t empty_hll[] = {2, 1, 7, 12, 3, 0x0C, 0, 0};
    corrupt_values("rbm64", b64.data, b64.len, one64, 1);
    corrupt_values("theta_sketch", th.data, th.len, empty_theta, 8);
    corrupt_values("theta_sketch", theta_v4, sizeof theta_v4, th.data, th.len);
    corrupt_values("hll_sketch", h4.data, h4.len, empty_hll, 8);
    corrupt_values("hll_sketch", hs.data, hs.len, h4.data, h4.len);
    corrupt_values("hll_sketch", empty_hll, 8, hs.data, hs.len);
    pm_buf_dispose(&b64);
    pm_buf_dispose(&th);
    pm_buf_dispose(&h4);
    pm_buf_dispose(&hs);
}
