/* The Avro binary encoding of primitives: zig-zag varints, IEEE floats, lengths, blocks. */
#include "test.h"
#include "format/avro/avro_binary.h"

TEST(zigzag_long_encodings) {
    static const struct {
        int64_t v;
        const char *hex;
    } cases[] = {
        {0, "00"},
        {-1, "01"},
        {1, "02"},
        {-2, "03"},
        {2, "04"},
        {63, "7e"},
        {-64, "7f"},
        {64, "8001"},
        {-65, "8101"},
        {8191, "fe7f"},
        {8192, "808001"},
        {2147483647, "feffffff0f"},
        {-2147483648LL, "ffffffff0f"},
        {INT64_MAX, "feffffffffffffffff01"},
        {INT64_MIN, "ffffffffffffffffff01"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint8_t expected[16];
        long n = pm_test_hex(cases[i].hex, expected, sizeof expected);
        pm_buf b = PM_BUF_INIT;
        CHECK_EQ_INT(pm_avro_put_long(&b, cases[i].v), PAIMON_OK);
        CHECK_EQ_INT(b.len, n);
        CHECK_EQ_MEM(b.data, expected, (size_t)n);
        pm_cursor c = pm_cursor_make(b.data, b.len);
        int64_t back;
        CHECK(pm_avro_get_long(&c, &back));
        CHECK_EQ_INT(back, cases[i].v);
        CHECK_EQ_INT(pm_cur_left(&c), 0);
        pm_buf_dispose(&b);
    }
}

TEST(int_rejects_values_beyond_32_bits) {
    uint8_t data[16];
    long n = pm_test_hex("80808080 10", data, sizeof data); /* 2^31 as a long */
    pm_cursor c = pm_cursor_make(data, (size_t)n);
    int32_t v;
    CHECK(!pm_avro_get_int(&c, &v));
    CHECK_EQ_INT(pm_cur_left(&c), n); /* the cursor did not move */
    n = pm_test_hex("feffffff0f", data, sizeof data);
    c = pm_cursor_make(data, (size_t)n);
    CHECK(pm_avro_get_int(&c, &v));
    CHECK_EQ_INT(v, INT32_MAX);
}

TEST(truncated_and_overlong_varints_fail) {
    uint8_t data[16];
    long n = pm_test_hex("8080", data, sizeof data);
    pm_cursor c = pm_cursor_make(data, (size_t)n);
    int64_t v;
    CHECK(!pm_avro_get_long(&c, &v));
    n = pm_test_hex("ffffffffffffffffffff01", data, sizeof data); /* 11 bytes */
    c = pm_cursor_make(data, (size_t)n);
    CHECK(!pm_avro_get_long(&c, &v));
}

TEST(float_double_boolean) {
    pm_buf b = PM_BUF_INIT;
    CHECK_EQ_INT(pm_avro_put_float(&b, 1.0f), PAIMON_OK);
    CHECK_EQ_INT(pm_avro_put_double(&b, -2.5), PAIMON_OK);
    CHECK_EQ_INT(pm_avro_put_boolean(&b, true), PAIMON_OK);
    CHECK_EQ_INT(pm_avro_put_boolean(&b, false), PAIMON_OK);
    uint8_t expected[16];
    long n = pm_test_hex("0000803f 00000000000004c0 01 00", expected, sizeof expected);
    CHECK_EQ_INT(b.len, n);
    CHECK_EQ_MEM(b.data, expected, (size_t)n);
    pm_cursor c = pm_cursor_make(b.data, b.len);
    float f;
    double d;
    bool t, fa;
    CHECK(pm_avro_get_float(&c, &f) && pm_avro_get_double(&c, &d));
    CHECK(pm_avro_get_boolean(&c, &t) && pm_avro_get_boolean(&c, &fa));
    CHECK(f == 1.0f && d == -2.5 && t && !fa);
    CHECK(!pm_avro_get_boolean(&c, &t));
    pm_buf_dispose(&b);
}

TEST(bytes_and_strings) {
    pm_buf b = PM_BUF_INIT;
    CHECK_EQ_INT(pm_avro_put_string(&b, "abc"), PAIMON_OK);
    CHECK_EQ_INT(pm_avro_put_bytes(&b, NULL, 0), PAIMON_OK);
    uint8_t expected[8];
    long n = pm_test_hex("06616263 00", expected, sizeof expected);
    CHECK_EQ_INT(b.len, n);
    CHECK_EQ_MEM(b.data, expected, (size_t)n);
    pm_cursor c = pm_cursor_make(b.data, b.len);
    const uint8_t *p;
    size_t len;
    CHECK(pm_avro_get_bytes(&c, &p, &len));
    CHECK_EQ_INT(len, 3);
    CHECK_EQ_MEM(p, "abc", 3);
    CHECK(pm_avro_get_bytes(&c, &p, &len));
    CHECK_EQ_INT(len, 0);
    pm_buf_dispose(&b);

    uint8_t bad[4];
    n = pm_test_hex("0861", bad, sizeof bad); /* length 4, one byte present */
    c = pm_cursor_make(bad, (size_t)n);
    CHECK(!pm_avro_get_bytes(&c, &p, &len));
    CHECK_EQ_INT(pm_cur_left(&c), 2);
    n = pm_test_hex("01", bad, sizeof bad); /* length -1 */
    c = pm_cursor_make(bad, (size_t)n);
    CHECK(!pm_avro_get_bytes(&c, &p, &len));
}

TEST(block_counts) {
    uint8_t data[16];
    /* count -2 followed by a byte size of 3, then three bytes */
    long n = pm_test_hex("03 06 aabbcc", data, sizeof data);
    pm_cursor c = pm_cursor_make(data, (size_t)n);
    int64_t count, size;
    CHECK(pm_avro_get_block_count(&c, &count, &size));
    CHECK_EQ_INT(count, 2);
    CHECK_EQ_INT(size, 3);
    /* a byte size beyond the input fails */
    n = pm_test_hex("03 08 aabbcc", data, sizeof data);
    c = pm_cursor_make(data, (size_t)n);
    CHECK(!pm_avro_get_block_count(&c, &count, &size));
    /* INT64_MIN cannot be negated */
    n = pm_test_hex("ffffffffffffffffff01", data, sizeof data);
    c = pm_cursor_make(data, (size_t)n);
    CHECK(!pm_avro_get_block_count(&c, &count, &size));
    pm_buf b = PM_BUF_INIT;
    CHECK_EQ_INT(pm_avro_put_block_start(&b, 0), PAIMON_OK);
    CHECK_EQ_INT(b.len, 0);
    CHECK_EQ_INT(pm_avro_put_block_start(&b, 3), PAIMON_OK);
    CHECK_EQ_INT(pm_avro_put_block_end(&b), PAIMON_OK);
    CHECK_EQ_INT(b.len, 2);
    CHECK_EQ_INT(b.data[0], 6);
    CHECK_EQ_INT(b.data[1], 0);
    pm_buf_dispose(&b);
}
