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
    sv_stats st = {.unsupported_prefix = "compressed_"};
    CHECK(sv_replay("theta_sketch", &st));
    CHECK(st.cases >= 60);
}

/* hll_sketch stays refused until its union is byte-identical (tests/agg/vectors/hll_sketch.txt
 * holds Java's results for when it is). */
TEST(hll_sketch_is_refused_by_name) {
    pm_type *t = NULL;
    pm_field_agg *a = NULL;
    paimon_error err = {0};
    CHECK_OK(pm_type_parse("BYTES", &t, &err), &err);
    CHECK_ERR(pm_field_agg_new("hll_sketch", "h", t, NULL, NULL, &a, &err), PAIMON_EUNSUPPORTED,
              &err);
    CHECK(strstr(err.message, "hll_sketch") != NULL);
    CHECK(strstr(err.message, "'h'") != NULL);
    pm_type_free(t);
}

/* Neither union has a retraction in Java: refused with the function's name. */
TEST(rbm64_and_theta_refuse_retraction) {
    const char *fns[] = {"rbm64", "theta_sketch"};
    for (int i = 0; i < 2; i++) {
        pm_type *t = NULL;
        pm_field_agg *a = NULL;
        paimon_error err = {0};
        CHECK_OK(pm_type_parse("BYTES", &t, &err), &err);
        CHECK_OK(pm_field_agg_new(fns[i], "c", t, NULL, NULL, &a, &err), &err);
        CHECK(!pm_field_agg_supports_retract(a));
        pm_col c;
        struct ArrowArray arr;
        pm_col_init(&c, t, NULL);
        pm_col_append_bytes(&c, "\0", 1);
        pm_col_finish(&c, &arr, NULL);
        pm_col_dispose(&c);
        CHECK_ERR(pm_field_agg_retract(a, &arr, 0, &err), PAIMON_EUNSUPPORTED, &err);
        CHECK(strstr(err.message, fns[i]) != NULL);
        arr.release(&arr);
        pm_field_agg_free(a);
        pm_type_free(t);
    }
}

/* Only VARBINARY columns take them. */
TEST(rbm64_and_theta_need_varbinary) {
    pm_type *t = NULL;
    pm_field_agg *a = NULL;
    paimon_error err = {0};
    CHECK_OK(pm_type_parse("STRING", &t, &err), &err);
    CHECK(pm_field_agg_new("rbm64", "c", t, NULL, NULL, &a, &err) != PAIMON_OK);
    CHECK(strstr(err.message, "rbm64") != NULL);
    CHECK(pm_field_agg_new("theta_sketch", "c", t, NULL, NULL, &a, &err) != PAIMON_OK);
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

TEST(rbm64_and_theta_corrupt_values_fail_cleanly) {
    /* a bitmap with a Node4 and two containers; a 3-hash exact theta sketch (both Java's) */
    pm_buf b64, th;
    pm_buf_init(&b64);
    pm_buf_init(&th);
    static const char *rbm = /* Java's union of {5} and {1 << 33} */
        "010200000000000000000200030000000000020004000000000000000000000000000000000004000000000000"
        "020000010000000000000001000000fe020000000102010000000500010201000000000002000000000000000000"
        "000001000000";
    static const char *theta =
        "02030300001acc93030000000000803f15f97dcbbd86a105c397fc1281709d1efb38798913248f01";
    CHECK(sv_hex(rbm, strlen(rbm), &b64) == 0);
    CHECK(sv_hex(theta, strlen(theta), &th) == 0);
    static const uint8_t one64[] = {0};
    static const uint8_t empty_theta[] = {1, 3, 3, 0, 0, 0x1E, 0, 0};
    corrupt_values("rbm64", b64.data, b64.len, one64, 1);
    corrupt_values("theta_sketch", th.data, th.len, empty_theta, 8);
    pm_buf_dispose(&b64);
    pm_buf_dispose(&th);
}
