/*
 * avro_binary.h - the Avro binary encoding of primitive values (Avro 1.x specification,
 * "Binary Encoding"): zig-zag varint int/long, little-endian float/double, length-prefixed
 * bytes/string, union branch indexes, and the block framing of arrays and maps.
 *
 * Readers take a pm_cursor and return false on truncated or malformed input without moving;
 * the caller turns that into an error naming the field. Writers append to a pm_buf and return
 * PAIMON_OK or PAIMON_ENOMEM (wrap them in PM_TRY_MEM).
 */
#ifndef PM_FORMAT_AVRO_BINARY_H
#define PM_FORMAT_AVRO_BINARY_H

#include "util/buf.h"
#include "util/cursor.h"
#include "util/endian.h"
#include "util/varint.h"

#include <stdbool.h>
#include <stdint.h>

/* ---- reading ---- */

static inline bool pm_avro_get_long(pm_cursor *c, int64_t *out) {
    return pm_cur_zigzag(c, out);
}

/* An int is a long that must fit 32 bits (Java rejects longer encodings too). */
static inline bool pm_avro_get_int(pm_cursor *c, int32_t *out) {
    pm_cursor save = *c;
    int64_t v;
    if (!pm_cur_zigzag(c, &v))
        return false;
    if (v < INT32_MIN || v > INT32_MAX) {
        *c = save;
        return false;
    }
    *out = (int32_t)v;
    return true;
}

/* Java's decoder reads any byte other than 1 as false; so do we. */
static inline bool pm_avro_get_boolean(pm_cursor *c, bool *out) {
    uint8_t b;
    if (!pm_cur_u8(c, &b))
        return false;
    *out = b == 1;
    return true;
}

static inline bool pm_avro_get_float(pm_cursor *c, float *out) {
    uint32_t bits;
    if (!pm_cur_le32(c, &bits))
        return false;
    *out = pm_f32_from_bits(bits);
    return true;
}

static inline bool pm_avro_get_double(pm_cursor *c, double *out) {
    uint64_t bits;
    if (!pm_cur_le64(c, &bits))
        return false;
    *out = pm_f64_from_bits(bits);
    return true;
}

/* bytes and string: a long length, then that many bytes (borrowed from the cursor's buffer). */
static inline bool pm_avro_get_bytes(pm_cursor *c, const uint8_t **data, size_t *len) {
    pm_cursor save = *c;
    int64_t n;
    if (!pm_cur_zigzag(c, &n) || n < 0 || (uint64_t)n > pm_cur_left(c)) {
        *c = save;
        return false;
    }
    *len = (size_t)n;
    *data = c->p;
    c->p += n;
    return true;
}

/* The item count of the next array or map block. A negative count is followed by the block's
 * byte size (which we check and otherwise ignore); 0 ends the array. */
static inline bool pm_avro_get_block_count(pm_cursor *c, int64_t *count, int64_t *byte_size) {
    pm_cursor save = *c;
    int64_t n;
    *byte_size = -1;
    if (!pm_cur_zigzag(c, &n) || n == INT64_MIN) {
        *c = save;
        return false;
    }
    if (n < 0) {
        if (!pm_cur_zigzag(c, byte_size) || *byte_size < 0 ||
            (uint64_t)*byte_size > pm_cur_left(c)) {
            *c = save;
            return false;
        }
        n = -n;
    }
    *count = n;
    return true;
}

/* ---- writing ---- */

static inline int pm_avro_put_long(pm_buf *b, int64_t v) {
    uint8_t tmp[PM_VARINT_MAX];
    size_t n = pm_varint_encode(pm_zigzag_encode64(v), tmp);
    return pm_buf_append(b, tmp, n);
}

static inline int pm_avro_put_int(pm_buf *b, int32_t v) {
    return pm_avro_put_long(b, v);
}

static inline int pm_avro_put_boolean(pm_buf *b, bool v) {
    return pm_buf_append_byte(b, v ? 1 : 0);
}

static inline int pm_avro_put_float(pm_buf *b, float v) {
    uint8_t tmp[4];
    pm_store_le32(tmp, pm_f32_bits(v));
    return pm_buf_append(b, tmp, 4);
}

static inline int pm_avro_put_double(pm_buf *b, double v) {
    uint8_t tmp[8];
    pm_store_le64(tmp, pm_f64_bits(v));
    return pm_buf_append(b, tmp, 8);
}

static inline int pm_avro_put_bytes(pm_buf *b, const void *data, size_t len) {
    int rc = pm_avro_put_long(b, (int64_t)len);
    if (rc == PAIMON_OK && len > 0)
        rc = pm_buf_append(b, data, len);
    return rc;
}

static inline int pm_avro_put_string(pm_buf *b, const char *s) {
    return pm_avro_put_bytes(b, s, strlen(s));
}

/* The branch index of a union value. */
static inline int pm_avro_put_branch(pm_buf *b, int index) {
    return pm_avro_put_long(b, index);
}

/* Arrays and maps are written as one block: the count (if any items), the items, then 0. */
static inline int pm_avro_put_block_start(pm_buf *b, size_t count) {
    return count == 0 ? PAIMON_OK : pm_avro_put_long(b, (int64_t)count);
}
static inline int pm_avro_put_block_end(pm_buf *b) {
    return pm_buf_append_byte(b, 0);
}

#endif
