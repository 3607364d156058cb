/* Varints and zig-zag: the integer encodings of Avro, Thrift compact and protobuf. */
#include "test.h"
#include "util/cursor.h"
#include "util/varint.h"

TEST(roundtrip_boundaries) {
    const uint64_t values[] = {0, 1, 127, 128, 255, 16383, 16384, 0xFFFFFFFFull,
                               0x7FFFFFFFFFFFFFFFull, 0xFFFFFFFFFFFFFFFFull};
    const size_t lengths[] = {1, 1, 1, 2, 2, 2, 3, 5, 9, 10};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        uint8_t buf[PM_VARINT_MAX];
        size_t n = pm_varint_encode(values[i], buf);
        CHECK_EQ_INT(n, lengths[i]);
        uint64_t back = 0;
        CHECK_EQ_INT(pm_varint_decode(buf, buf + n, &back), n);
        CHECK(back == values[i]);
    }
}

TEST(known_bytes) {
    uint8_t buf[PM_VARINT_MAX];
    CHECK_EQ_INT(pm_varint_encode(300, buf), 2);
    CHECK_EQ_INT(buf[0], 0xAC);
    CHECK_EQ_INT(buf[1], 0x02);
}

TEST(truncated_and_overlong_inputs_are_rejected) {
    const uint8_t truncated[] = {0x80, 0x80};
    uint64_t v;
    CHECK_EQ_INT(pm_varint_decode(truncated, truncated + 2, &v), 0);
    const uint8_t overlong[] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F};
    CHECK_EQ_INT(pm_varint_decode(overlong, overlong + 10, &v), 0);
    const uint8_t eleven[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01};
    CHECK_EQ_INT(pm_varint_decode(eleven, eleven + 11, &v), 0);
    CHECK_EQ_INT(pm_varint_decode(truncated, truncated, &v), 0);
}

TEST(zigzag) {
    CHECK_EQ_INT(pm_zigzag_encode64(0), 0);
    CHECK_EQ_INT(pm_zigzag_encode64(-1), 1);
    CHECK_EQ_INT(pm_zigzag_encode64(1), 2);
    CHECK_EQ_INT(pm_zigzag_encode64(-2), 3);
    CHECK(pm_zigzag_encode64(INT64_MIN) == UINT64_MAX);
    CHECK_EQ_INT(pm_zigzag_decode64(UINT64_MAX), INT64_MIN);
    CHECK_EQ_INT(pm_zigzag_decode64(pm_zigzag_encode64(INT64_MAX)), INT64_MAX);
    CHECK_EQ_INT(pm_zigzag_decode32(pm_zigzag_encode32(INT32_MIN)), INT32_MIN);
}

TEST(cursor_bounds) {
    const uint8_t data[] = {0x01, 0x02, 0x03, 0x04, 0x05};
    pm_cursor c = pm_cursor_make(data, sizeof data);
    uint32_t v32;
    CHECK(pm_cur_le32(&c, &v32));
    CHECK_EQ_INT(v32, 0x04030201);
    CHECK(!pm_cur_le32(&c, &v32));
    CHECK_EQ_INT(pm_cur_left(&c), 1);
    int64_t z;
    CHECK(pm_cur_zigzag(&c, &z));
    CHECK_EQ_INT(z, -3);
    uint8_t b;
    CHECK(!pm_cur_u8(&c, &b));
}
