/*
 * cursor.h - bounds-checked reading of untrusted bytes.
 *
 * A cursor is a [p, end) window. Every read checks the bytes left and returns false on
 * truncation without moving; parsers turn false into a PAIMON_ECORRUPT error with context.
 */
#ifndef PM_UTIL_CURSOR_H
#define PM_UTIL_CURSOR_H

#include "util/endian.h"
#include "util/varint.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct pm_cursor {
    const uint8_t *p;
    const uint8_t *end;
} pm_cursor;

static inline pm_cursor pm_cursor_make(const void *data, size_t len) {
    pm_cursor c;
    c.p = data;
    c.end = c.p + len;
    return c;
}
static inline size_t pm_cur_left(const pm_cursor *c) { return (size_t)(c->end - c->p); }
static inline bool pm_cur_skip(pm_cursor *c, size_t n) {
    if (pm_cur_left(c) < n)
        return false;
    c->p += n;
    return true;
}
static inline bool pm_cur_bytes(pm_cursor *c, size_t n, const uint8_t **out) {
    if (pm_cur_left(c) < n)
        return false;
    *out = c->p;
    c->p += n;
    return true;
}
static inline bool pm_cur_u8(pm_cursor *c, uint8_t *out) {
    if (c->p >= c->end)
        return false;
    *out = *c->p++;
    return true;
}
static inline bool pm_cur_le32(pm_cursor *c, uint32_t *out) {
    if (pm_cur_left(c) < 4)
        return false;
    *out = pm_load_le32(c->p);
    c->p += 4;
    return true;
}
static inline bool pm_cur_le64(pm_cursor *c, uint64_t *out) {
    if (pm_cur_left(c) < 8)
        return false;
    *out = pm_load_le64(c->p);
    c->p += 8;
    return true;
}
static inline bool pm_cur_be32(pm_cursor *c, uint32_t *out) {
    if (pm_cur_left(c) < 4)
        return false;
    *out = pm_load_be32(c->p);
    c->p += 4;
    return true;
}
static inline bool pm_cur_be64(pm_cursor *c, uint64_t *out) {
    if (pm_cur_left(c) < 8)
        return false;
    *out = pm_load_be64(c->p);
    c->p += 8;
    return true;
}
static inline bool pm_cur_uvarint(pm_cursor *c, uint64_t *out) {
    size_t n = pm_varint_decode(c->p, c->end, out);
    if (n == 0)
        return false;
    c->p += n;
    return true;
}
/* Zig-zag varint as a signed 64-bit value (Avro long, Thrift i64). */
static inline bool pm_cur_zigzag(pm_cursor *c, int64_t *out) {
    uint64_t u;
    if (!pm_cur_uvarint(c, &u))
        return false;
    *out = pm_zigzag_decode64(u);
    return true;
}

#endif
