/*
 * parquet_thrift_write.c - the Thrift compact protocol encoder (see parquet_thrift_write.h).
 *
 * Wire format: a field header is one byte (id delta << 4 | wire type) when the id grows by 1..15,
 * else the type byte followed by the id as a zig-zag varint. Booleans live in the header's type
 * (1 true, 2 false); inside lists they are one byte each (1 true, 2 false). Integers are zig-zag
 * varints, binaries a varint length and the bytes, lists a header byte (size << 4 | element type,
 * or 0xF0 | type followed by a varint size from 15 elements on). A struct ends with a 0 byte.
 */
#include "format/parquet/parquet_thrift_write.h"

#include "util/varint.h"

#include <string.h>

void pm_tw_init(pm_tw *w, pm_buf *out) {
    memset(w, 0, sizeof *w);
    w->out = out;
}

static void put_byte(pm_tw *w, uint8_t b) {
    if (w->rc == PAIMON_OK && pm_buf_append_byte(w->out, b) != PAIMON_OK)
        w->rc = PAIMON_ENOMEM;
}

static void put_bytes(pm_tw *w, const void *p, size_t n) {
    if (w->rc == PAIMON_OK && n > 0 && pm_buf_append(w->out, p, n) != PAIMON_OK)
        w->rc = PAIMON_ENOMEM;
}

static void put_varint(pm_tw *w, uint64_t v) {
    uint8_t tmp[PM_VARINT_MAX];
    put_bytes(w, tmp, pm_varint_encode(v, tmp));
}

static void field_header(pm_tw *w, int16_t id, uint8_t type) {
    int delta = id - w->last[w->depth];
    if (delta > 0 && delta <= 15) {
        put_byte(w, (uint8_t)(delta << 4 | type));
    } else {
        put_byte(w, type);
        put_varint(w, pm_zigzag_encode64(id));
    }
    w->last[w->depth] = id;
}

void pm_tw_i8(pm_tw *w, int16_t id, int8_t v) {
    field_header(w, id, PM_TT_BYTE);
    put_byte(w, (uint8_t)v);
}

void pm_tw_i16(pm_tw *w, int16_t id, int16_t v) {
    field_header(w, id, PM_TT_I16);
    put_varint(w, pm_zigzag_encode64(v));
}

void pm_tw_i32(pm_tw *w, int16_t id, int32_t v) {
    field_header(w, id, PM_TT_I32);
    put_varint(w, pm_zigzag_encode64(v));
}

void pm_tw_i64(pm_tw *w, int16_t id, int64_t v) {
    field_header(w, id, PM_TT_I64);
    put_varint(w, pm_zigzag_encode64(v));
}

void pm_tw_bool(pm_tw *w, int16_t id, bool v) {
    field_header(w, id, v ? PM_TT_TRUE : PM_TT_FALSE);
}

void pm_tw_binary(pm_tw *w, int16_t id, const void *p, size_t n) {
    field_header(w, id, PM_TT_BINARY);
    pm_tw_elem_binary(w, p, n);
}

void pm_tw_string(pm_tw *w, int16_t id, const char *s) { pm_tw_binary(w, id, s, strlen(s)); }

static void open_struct(pm_tw *w) {
    if (w->depth >= PM_THRIFT_MAX_DEPTH) {
        /* Encoders here never nest this deep; treat it as a failure rather than overflow. */
        w->rc = PAIMON_ENOMEM;
        return;
    }
    w->last[++w->depth] = 0;
}

void pm_tw_struct(pm_tw *w, int16_t id) {
    field_header(w, id, PM_TT_STRUCT);
    open_struct(w);
}

void pm_tw_end(pm_tw *w) {
    put_byte(w, PM_TT_STOP);
    if (w->depth > 0)
        w->depth--;
}

void pm_tw_empty_struct(pm_tw *w, int16_t id) {
    pm_tw_struct(w, id);
    pm_tw_end(w);
}

void pm_tw_list(pm_tw *w, int16_t id, uint8_t elem_type, size_t count) {
    field_header(w, id, PM_TT_LIST);
    if (count < 15) {
        put_byte(w, (uint8_t)(count << 4 | elem_type));
    } else {
        put_byte(w, (uint8_t)(0xF0 | elem_type));
        put_varint(w, count);
    }
}

void pm_tw_elem_struct(pm_tw *w) { open_struct(w); }

void pm_tw_elem_i32(pm_tw *w, int32_t v) { put_varint(w, pm_zigzag_encode64(v)); }

void pm_tw_elem_i64(pm_tw *w, int64_t v) { put_varint(w, pm_zigzag_encode64(v)); }

void pm_tw_elem_bool(pm_tw *w, bool v) { put_byte(w, v ? PM_TT_TRUE : PM_TT_FALSE); }

void pm_tw_elem_binary(pm_tw *w, const void *p, size_t n) {
    put_varint(w, n);
    put_bytes(w, p, n);
}

void pm_tw_elem_string(pm_tw *w, const char *s) { pm_tw_elem_binary(w, s, strlen(s)); }

void pm_tw_raw(pm_tw *w, const void *p, size_t n) { put_bytes(w, p, n); }
