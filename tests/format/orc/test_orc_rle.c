/* ORC run-length encodings: the specification's byte vectors, hand-built edge cases (patch gaps
 * over 255, fixed deltas, 64-bit widths) and encoder/decoder round trips. */
#include "test.h"
#include "format/orc/orc_rle.h"
#include "format/orc/orc_wrle.h"
#include "util/buf.h"

#include <stdlib.h>

static int decode(const uint8_t *bytes, size_t len, int version, bool is_signed, int64_t *out,
                  size_t n, paimon_error *err) {
    pm_orc_int_rle r;
    pm_orc_int_rle_init(&r, bytes, len, version, is_signed);
    return pm_orc_int_rle_read(&r, out, n, err);
}

TEST(byte_rle_spec_examples) {
    paimon_error err = {0};
    const uint8_t run[] = {0x61, 0x00};
    uint8_t out[100];
    pm_orc_byte_rle r;
    pm_orc_byte_rle_init(&r, run, sizeof run);
    CHECK_OK(pm_orc_byte_rle_read(&r, out, 100, &err), &err);
    for (int i = 0; i < 100; i++)
        CHECK_EQ_INT(out[i], 0);
    CHECK_ERR(pm_orc_byte_rle_read(&r, out, 1, &err), PAIMON_ECORRUPT, &err);
    const uint8_t lit[] = {0xfe, 0x44, 0x45};
    pm_orc_byte_rle_init(&r, lit, sizeof lit);
    CHECK_OK(pm_orc_byte_rle_read(&r, out, 2, &err), &err);
    CHECK_EQ_INT(out[0], 0x44);
    CHECK_EQ_INT(out[1], 0x45);
    /* A literal run longer than the stream is corrupt. */
    const uint8_t bad[] = {0xfa, 0x01};
    pm_orc_byte_rle_init(&r, bad, sizeof bad);
    CHECK_ERR(pm_orc_byte_rle_read(&r, out, 1, &err), PAIMON_ECORRUPT, &err);
}

TEST(boolean_bits_most_significant_first) {
    paimon_error err = {0};
    const uint8_t bytes[] = {0xff, 0x80};
    uint8_t out[8];
    pm_orc_bool_rle r;
    pm_orc_bool_rle_init(&r, bytes, sizeof bytes);
    /* Read across calls of odd sizes to exercise the partial-byte state. */
    CHECK_OK(pm_orc_bool_rle_read(&r, out, 3, &err), &err);
    CHECK_OK(pm_orc_bool_rle_read(&r, out + 3, 5, &err), &err);
    CHECK_EQ_INT(out[0], 1);
    for (int i = 1; i < 8; i++)
        CHECK_EQ_INT(out[i], 0);
}

TEST(rle_v1_spec_examples) {
    paimon_error err = {0};
    int64_t out[100];
    const uint8_t sevens[] = {0x61, 0x00, 0x07};
    CHECK_OK(decode(sevens, sizeof sevens, 1, false, out, 100, &err), &err);
    for (int i = 0; i < 100; i++)
        CHECK_EQ_INT(out[i], 7);
    const uint8_t down[] = {0x61, 0xff, 0x64};
    CHECK_OK(decode(down, sizeof down, 1, false, out, 100, &err), &err);
    for (int i = 0; i < 100; i++)
        CHECK_EQ_INT(out[i], 100 - i);
    const uint8_t lits[] = {0xfb, 0x02, 0x03, 0x06, 0x07, 0x0b};
    CHECK_OK(decode(lits, sizeof lits, 1, false, out, 5, &err), &err);
    const int64_t want[] = {2, 3, 6, 7, 11};
    for (int i = 0; i < 5; i++)
        CHECK_EQ_INT(out[i], want[i]);
    /* Signed literals are zig-zag: 1 -> -1, 4 -> 2. */
    const uint8_t signed_lits[] = {0xfe, 0x01, 0x04};
    CHECK_OK(decode(signed_lits, sizeof signed_lits, 1, true, out, 2, &err), &err);
    CHECK_EQ_INT(out[0], -1);
    CHECK_EQ_INT(out[1], 2);
}

TEST(rle_v2_short_repeat_and_direct_spec_examples) {
    paimon_error err = {0};
    int64_t out[8];
    const uint8_t repeat[] = {0x0a, 0x27, 0x10};
    CHECK_OK(decode(repeat, sizeof repeat, 2, false, out, 5, &err), &err);
    for (int i = 0; i < 5; i++)
        CHECK_EQ_INT(out[i], 10000);
    const uint8_t direct[] = {0x5e, 0x03, 0x5c, 0xa1, 0xab, 0x1e, 0xde, 0xad, 0xbe, 0xef};
    CHECK_OK(decode(direct, sizeof direct, 2, false, out, 4, &err), &err);
    CHECK_EQ_INT(out[0], 23713);
    CHECK_EQ_INT(out[1], 43806);
    CHECK_EQ_INT(out[2], 57005);
    CHECK_EQ_INT(out[3], 48879);
    /* The same run read one value at a time continues from the run buffer. */
    pm_orc_int_rle r;
    pm_orc_int_rle_init(&r, direct, sizeof direct, 2, false);
    for (int i = 0; i < 4; i++)
        CHECK_OK(pm_orc_int_rle_read(&r, &out[i], 1, &err), &err);
    CHECK_EQ_INT(out[3], 48879);
}

TEST(rle_v2_patched_base_spec_example) {
    paimon_error err = {0};
    const uint8_t bytes[] = {0x8e, 0x13, 0x2b, 0x21, 0x07, 0xd0, 0x1e, 0x00, 0x14, 0x70,
                             0x28, 0x32, 0x3c, 0x46, 0x50, 0x5a, 0x64, 0x6e, 0x78, 0x82,
                             0x8c, 0x96, 0xa0, 0xaa, 0xb4, 0xbe, 0xfc, 0xe8};
    const int64_t want[] = {2030, 2000, 2020, 1000000, 2040, 2050, 2060, 2070, 2080, 2090,
                            2100, 2110, 2120, 2130, 2140, 2150, 2160, 2170, 2180, 2190};
    int64_t out[20];
    CHECK_OK(decode(bytes, sizeof bytes, 2, false, out, 20, &err), &err);
    for (int i = 0; i < 20; i++)
        CHECK_EQ_INT(out[i], want[i]);
    /* Truncated anywhere: an error, never a read past the end. */
    for (size_t cut = 0; cut < sizeof bytes; cut++) {
        uint8_t *copy = malloc(cut ? cut : 1);
        memcpy(copy, bytes, cut);
        CHECK_ERR(decode(copy, cut, 2, false, out, 20, &err), PAIMON_ECORRUPT, &err);
        free(copy);
    }
}

TEST(rle_v2_patched_base_gap_over_255) {
    /* 400 values of width 2 (all 1), one patch at index 300 (value 1 | 5 << 2 = 21): the gap
     * needs a filler entry (gap 255, patch 0) since the gap width is 8 bits. */
    uint8_t bytes[4 + 1 + 100 + 3];
    bytes[0] = 0x83; /* patched base, width code 1 (2 bits), length high bit */
    bytes[1] = 0x8f; /* length 400 */
    bytes[2] = 0x02; /* base width 1 byte, patch width code 2 (3 bits) */
    bytes[3] = 0xe2; /* gap width 8, two patch entries */
    bytes[4] = 0x00; /* base 0 */
    memset(bytes + 5, 0x55, 100);
    bytes[105] = 0xff; /* entries of 11 bits: 255<<3|0, 45<<3|5 */
    bytes[106] = 0x05;
    bytes[107] = 0xb4;
    paimon_error err = {0};
    int64_t out[400];
    CHECK_OK(decode(bytes, sizeof bytes, 2, false, out, 400, &err), &err);
    for (int i = 0; i < 400; i++)
        CHECK_EQ_INT(out[i], i == 300 ? 21 : 1);
    /* A patch pointing beyond the run is corrupt. */
    bytes[106] = 0xf5;
    CHECK_ERR(decode(bytes, sizeof bytes, 2, false, out, 400, &err), PAIMON_ECORRUPT, &err);
}

TEST(rle_v2_patched_base_negative_base) {
    /* Base -5 in one byte of sign-magnitude (0x85); values 0..3 of width 2; no patches. */
    const uint8_t bytes[] = {0x82, 0x03, 0x00, 0x00, 0x85, 0x1b};
    paimon_error err = {0};
    int64_t out[4];
    CHECK_OK(decode(bytes, sizeof bytes, 2, true, out, 4, &err), &err);
    CHECK_EQ_INT(out[0], -5);
    CHECK_EQ_INT(out[1], -4);
    CHECK_EQ_INT(out[2], -3);
    CHECK_EQ_INT(out[3], -2);
}

TEST(rle_v2_delta_spec_example_and_edges) {
    paimon_error err = {0};
    int64_t out[512];
    const uint8_t primes[] = {0xc6, 0x09, 0x02, 0x02, 0x22, 0x42, 0x42, 0x46};
    CHECK_OK(decode(primes, sizeof primes, 2, false, out, 10, &err), &err);
    const int64_t want[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29};
    for (int i = 0; i < 10; i++)
        CHECK_EQ_INT(out[i], want[i]);
    /* Fixed delta (width 0): 300 values from 10 down by 3, signed. */
    const uint8_t fixed[] = {0xc1, 0x2b, 0x14, 0x05};
    CHECK_OK(decode(fixed, sizeof fixed, 2, true, out, 300, &err), &err);
    for (int i = 0; i < 300; i++)
        CHECK_EQ_INT(out[i], 10 - 3 * i);
    /* Width 0 and delta 0: a long constant run. */
    const uint8_t constant[] = {0xc1, 0xff, 0x0e, 0x00};
    CHECK_OK(decode(constant, sizeof constant, 2, true, out, 512, &err), &err);
    for (int i = 0; i < 512; i++)
        CHECK_EQ_INT(out[i], 7);
    /* A one-value delta run carries only its base. */
    const uint8_t single[] = {0xc2, 0x00, 0x2a, 0x00};
    CHECK_OK(decode(single, sizeof single, 2, false, out, 1, &err), &err);
    CHECK_EQ_INT(out[0], 42);
    /* Decreasing with a bit-packed delta: 100, 90, 89, 80 (deltas 1 and 9 in 4 bits). */
    const uint8_t down[] = {0xc6, 0x03, 0x64, 0x13, 0x19};
    CHECK_OK(decode(down, sizeof down, 2, false, out, 4, &err), &err);
    CHECK_EQ_INT(out[0], 100);
    CHECK_EQ_INT(out[1], 90);
    CHECK_EQ_INT(out[2], 89);
    CHECK_EQ_INT(out[3], 80);
}

TEST(rle_v2_direct_64_bit_values) {
    /* Width code 31 = 64 bits, two unsigned values. */
    const uint8_t bytes[] = {0x7e, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                             0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01};
    paimon_error err = {0};
    int64_t out[2];
    CHECK_OK(decode(bytes, sizeof bytes, 2, false, out, 2, &err), &err);
    CHECK_EQ_INT(out[0], -1);
    CHECK(out[1] == (int64_t)0x8000000000000001ULL);
    /* Signed: zig-zag of all ones is INT64_MIN. */
    CHECK_OK(decode(bytes, sizeof bytes, 2, true, out, 2, &err), &err);
    CHECK(out[0] == INT64_MIN);
}

TEST(rle_errors_on_exhausted_streams) {
    paimon_error err = {0};
    int64_t out[16];
    const uint8_t repeat[] = {0x0a, 0x27, 0x10};
    CHECK_ERR(decode(repeat, sizeof repeat, 2, false, out, 6, &err), PAIMON_ECORRUPT, &err);
    CHECK_ERR(decode(repeat, 2, 2, false, out, 5, &err), PAIMON_ECORRUPT, &err);
    const uint8_t varint[] = {0xff, 0x80};
    CHECK_ERR(decode(varint, sizeof varint, 1, false, out, 1, &err), PAIMON_ECORRUPT, &err);
    CHECK_ERR(decode(NULL, 0, 2, false, out, 1, &err), PAIMON_ECORRUPT, &err);
}

static void roundtrip(const int64_t *v, size_t n, bool is_signed) {
    pm_buf b = PM_BUF_INIT;
    pm_orc_int_enc *e = malloc(sizeof *e);
    pm_orc_int_enc_init(e, &b, is_signed);
    CHECK(pm_orc_int_enc_add_all(e, v, n) == PAIMON_OK);
    CHECK(pm_orc_int_enc_flush(e) == PAIMON_OK);
    free(e);
    int64_t *out = malloc((n ? n : 1) * sizeof *out);
    paimon_error err = {0};
    pm_orc_int_rle *r = malloc(sizeof *r);
    pm_orc_int_rle_init(r, b.data, b.len, 2, is_signed);
    /* Read in uneven pieces so runs split across reads. */
    size_t done = 0, step = 1;
    int rc = PAIMON_OK;
    while (done < n && rc == PAIMON_OK) {
        size_t k = n - done < step ? n - done : step;
        rc = pm_orc_int_rle_read(r, out + done, k, &err);
        done += k;
        step = step * 3 % 701 + 1;
    }
    bool at_end = r->p == r->end && r->remaining == 0;
    free(r);
    pm_buf_dispose(&b);
    bool same = rc == PAIMON_OK && (n == 0 || memcmp(out, v, n * sizeof *v) == 0);
    free(out);
    CHECK_OK(rc, &err);
    CHECK(same);
    CHECK(at_end);
}

TEST(rle_v2_encoder_roundtrips) {
    enum { N = 5000 };
    int64_t *v = malloc(N * sizeof *v);
    uint64_t seed = 42;
    for (int pattern = 0; pattern < 9; pattern++) {
        for (int i = 0; i < N; i++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            int64_t rnd = (int64_t)(seed >> 11);
            switch (pattern) {
            case 0: v[i] = i; break;                             /* fixed delta */
            case 1: v[i] = 1000 - 7 * i; break;                  /* decreasing */
            case 2: v[i] = rnd % 1000; break;                    /* direct, small */
            case 3: v[i] = (i / 13) % 5; break;                  /* repeats */
            case 4: v[i] = rnd; break;                           /* wide */
            case 5: v[i] = i % 2 ? INT64_MIN : INT64_MAX; break; /* extremes */
            case 6: v[i] = i * 3 + (rnd % 3); break;             /* increasing, varying */
            case 7: v[i] = (i % 100 == 0) ? rnd : 5; break;      /* outliers */
            default: v[i] = -(int64_t)(rnd % 70000); break;      /* negative */
            }
        }
        roundtrip(v, N, true);
        if (pm_test_failed())
            break;
        if (pattern != 1 && pattern != 5 && pattern != 8)
            roundtrip(v, N, false);
        if (pm_test_failed())
            break;
    }
    free(v);
}
