/* orc_proto.c - bounded protobuf field walking and field encoding for ORC metadata. */
#include "format/orc/orc_proto.h"

#include "util/endian.h"
#include "util/varint.h"

#include <string.h>

int pm_pb_next(pm_pb *m, pm_pb_field *f, paimon_error *err) {
    if (m->p >= m->end)
        return 0;
    uint64_t key;
    size_t n = pm_varint_decode(m->p, m->end, &key);
    if (n == 0)
        return PM_CORRUPT(err, "protobuf: truncated field key");
    m->p += n;
    uint64_t number = key >> 3;
    if (number == 0 || number > 0x1FFFFFFF)
        return PM_CORRUPT(err, "protobuf: invalid field number %llu", (unsigned long long)number);
    f->number = (uint32_t)number;
    f->wire = (uint8_t)(key & 7);
    f->value = 0;
    f->data = NULL;
    f->len = 0;
    size_t left = (size_t)(m->end - m->p);
    switch (f->wire) {
    case PM_PB_VARINT:
        n = pm_varint_decode(m->p, m->end, &f->value);
        if (n == 0)
            return PM_CORRUPT(err, "protobuf: truncated varint in field %u", f->number);
        m->p += n;
        return 1;
    case PM_PB_FIXED64:
        if (left < 8)
            return PM_CORRUPT(err, "protobuf: truncated fixed64 in field %u", f->number);
        f->value = pm_load_le64(m->p);
        m->p += 8;
        return 1;
    case PM_PB_FIXED32:
        if (left < 4)
            return PM_CORRUPT(err, "protobuf: truncated fixed32 in field %u", f->number);
        f->value = pm_load_le32(m->p);
        m->p += 4;
        return 1;
    case PM_PB_LEN: {
        uint64_t len;
        n = pm_varint_decode(m->p, m->end, &len);
        if (n == 0)
            return PM_CORRUPT(err, "protobuf: truncated length in field %u", f->number);
        m->p += n;
        if (len > (uint64_t)(m->end - m->p))
            return PM_CORRUPT(err, "protobuf: field %u of %llu bytes overruns its message",
                              f->number, (unsigned long long)len);
        f->data = m->p;
        f->len = (size_t)len;
        m->p += len;
        return 1;
    }
    default:
        /* Groups (3, 4) are not used by ORC; anything else is not protobuf. */
        return PM_CORRUPT(err, "protobuf: unsupported wire type %u in field %u", f->wire,
                          f->number);
    }
}

int pm_pb_packed_next(const pm_pb_field *f, pm_pb *it, bool *started, uint64_t *out,
                      paimon_error *err) {
    if (f->wire == PM_PB_VARINT) {
        if (*started)
            return 0;
        *started = true;
        *out = f->value;
        return 1;
    }
    if (f->wire != PM_PB_LEN)
        return PM_CORRUPT(err, "protobuf: field %u has wire type %u, expected a packed list",
                          f->number, f->wire);
    if (!*started) {
        *it = pm_pb_make(f->data, f->len);
        *started = true;
    }
    if (it->p >= it->end)
        return 0;
    size_t n = pm_varint_decode(it->p, it->end, out);
    if (n == 0)
        return PM_CORRUPT(err, "protobuf: truncated packed varint in field %u", f->number);
    it->p += n;
    return 1;
}

int pm_pb_put_varint(pm_buf *b, uint64_t v) {
    uint8_t tmp[PM_VARINT_MAX];
    size_t n = pm_varint_encode(v, tmp);
    return pm_buf_append(b, tmp, n);
}

static int put_key(pm_buf *b, uint32_t number, int wire) {
    return pm_pb_put_varint(b, ((uint64_t)number << 3) | (uint64_t)wire);
}

int pm_pb_put_uint(pm_buf *b, uint32_t number, uint64_t v) {
    PM_TRY(put_key(b, number, PM_PB_VARINT));
    return pm_pb_put_varint(b, v);
}

int pm_pb_put_sint(pm_buf *b, uint32_t number, int64_t v) {
    return pm_pb_put_uint(b, number, pm_zigzag_encode64(v));
}

int pm_pb_put_double(pm_buf *b, uint32_t number, double v) {
    uint8_t tmp[8];
    pm_store_le64(tmp, pm_f64_bits(v));
    PM_TRY(put_key(b, number, PM_PB_FIXED64));
    return pm_buf_append(b, tmp, 8);
}

int pm_pb_put_bytes(pm_buf *b, uint32_t number, const void *data, size_t len) {
    PM_TRY(put_key(b, number, PM_PB_LEN));
    PM_TRY(pm_pb_put_varint(b, len));
    return len == 0 ? PAIMON_OK : pm_buf_append(b, data, len);
}

int pm_pb_put_str(pm_buf *b, uint32_t number, const char *s) {
    return pm_pb_put_bytes(b, number, s, strlen(s));
}
