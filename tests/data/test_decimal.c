/* 128-bit decimals: Java's BigInteger byte forms, text, rescaling. */
#include "test.h"
#include "data/decimal.h"

static const char *fmt(pm_decimal128 d, int scale) {
    static char buf[PM_DECIMAL_TEXT_MAX];
    pm_dec_format(d, scale, buf);
    return buf;
}

TEST(format_with_scale) {
    CHECK_EQ_STR(fmt(pm_dec_from_i64(1230), 2), "12.30");
    CHECK_EQ_STR(fmt(pm_dec_from_i64(-5), 2), "-0.05");
    CHECK_EQ_STR(fmt(pm_dec_from_i64(0), 0), "0");
    CHECK_EQ_STR(fmt(pm_dec_from_i64(0), 3), "0.000");
    CHECK_EQ_STR(fmt(pm_dec_from_i64(INT64_MIN), 0), "-9223372036854775808");
}

TEST(big_endian_bytes_like_java) {
    /* 54867577100000000000000000000 from the spec's bucket vector: 13 bytes. */
    uint8_t be[16];
    long n = pm_test_hex("00b14965628ab31ec95cb00000", be, sizeof be);
    pm_decimal128 d;
    CHECK(pm_dec_from_be_bytes(be, (size_t)n, &d));
    CHECK_EQ_STR(fmt(d, 20), "548675771.00000000000000000000");
    uint8_t out[16];
    size_t m = pm_dec_to_be_bytes(d, out);
    CHECK_EQ_INT(m, 13);
    CHECK_EQ_MEM(out, be, 13);
    /* Negative and boundary values take the minimal two's-complement length. */
    CHECK_EQ_INT(pm_dec_to_be_bytes(pm_dec_from_i64(-1), out), 1);
    CHECK_EQ_INT(out[0], 0xFF);
    CHECK_EQ_INT(pm_dec_to_be_bytes(pm_dec_from_i64(128), out), 2);
    CHECK_EQ_INT(out[0], 0x00);
    CHECK_EQ_INT(pm_dec_to_be_bytes(pm_dec_from_i64(-129), out), 2);
    CHECK_EQ_INT(out[0], 0xFF);
    CHECK_EQ_INT(out[1], 0x7F);
    /* Sign extension beyond 16 bytes is accepted; real overflow is not. */
    uint8_t wide[20];
    memset(wide, 0xFF, sizeof wide);
    CHECK(pm_dec_from_be_bytes(wide, sizeof wide, &d));
    CHECK_EQ_STR(fmt(d, 0), "-1");
    wide[0] = 0x7F;
    CHECK(!pm_dec_from_be_bytes(wide, sizeof wide, &d));
}

TEST(parse_and_rescale) {
    pm_decimal128 d;
    CHECK(pm_dec_parse("12.3", 4, 2, &d));
    CHECK_EQ_STR(fmt(d, 2), "12.30");
    CHECK(pm_dec_parse("-0.125", 6, 2, &d));
    CHECK_EQ_STR(fmt(d, 2), "-0.13");
    CHECK(pm_dec_parse("1e3", 3, 1, &d));
    CHECK_EQ_STR(fmt(d, 1), "1000.0");
    CHECK(pm_dec_parse("99999999999999999999999999999999999999", 38, 0, &d));
    CHECK_EQ_INT(pm_dec_digits(d), 38);
    CHECK(!pm_dec_parse("1.2.3", 5, 2, &d));
    CHECK(!pm_dec_parse("", 0, 2, &d));
    pm_decimal128 r;
    CHECK(pm_dec_rescale(pm_dec_from_i64(12345), 3, 1, &r));
    CHECK_EQ_STR(fmt(r, 1), "12.3");
    CHECK(pm_dec_rescale(pm_dec_from_i64(12355), 3, 2, &r));
    CHECK_EQ_STR(fmt(r, 2), "12.36");
}

TEST(arithmetic_overflow_is_detected) {
    pm_decimal128 big, out;
    CHECK(pm_dec_parse("170141183460469231731687303715884105727", 39, 0, &big));
    CHECK(!pm_dec_add(big, pm_dec_from_i64(1), &out));
    CHECK(pm_dec_add(big, pm_dec_from_i64(-1), &out));
    CHECK(!pm_dec_mul_i64(big, 2, &out));
    CHECK(pm_dec_mul_i64(pm_dec_from_i64(-3), 7, &out));
    CHECK_EQ_STR(fmt(out, 0), "-21");
    uint8_t le[16];
    pm_dec_store_le(out, le);
    CHECK(pm_dec_compare(pm_dec_load_le(le), out) == 0);
}
