/*
 * binary_section.c - encoding and decoding of one value in a BinaryRow/BinaryArray slot.
 *
 * All multi-byte values are little-endian (Java writes native order on little-endian hosts).
 * Strings and binaries of at most 7 bytes live inside the slot, flagged by bit 63; decoding
 * follows the flag for any length because that is how Java reads them.
 */
#include "core/binary_section.h"

#include "util/endian.h"

#include <string.h>

#define INLINE_MAX 7
/* Java stores offsets and sizes as int. */
#define SECTION_MAX ((size_t)INT32_MAX)

size_t pm_binsec_elem_size(const pm_type *type) {
    switch (type->id) {
    case PM_TYPE_BOOLEAN:
    case PM_TYPE_TINYINT: return 1;
    case PM_TYPE_SMALLINT: return 2;
    case PM_TYPE_INT:
    case PM_TYPE_FLOAT:
    case PM_TYPE_DATE:
    case PM_TYPE_TIME: return 4;
    default: return 8;
    }
}

bool pm_binsec_reserves_when_null(const pm_type *type) {
    if (type->id == PM_TYPE_DECIMAL)
        return !pm_decimal_is_compact(type->precision);
    if (type->id == PM_TYPE_TIMESTAMP || type->id == PM_TYPE_TIMESTAMP_LTZ)
        return !pm_timestamp_is_compact(type->precision);
    return false;
}

int pm_binsec_var_range(const uint8_t *base, size_t size, size_t slot_off, const uint8_t **ptr,
                        size_t *len, paimon_error *err) {
    uint64_t slot = pm_load_le64(base + slot_off);
    uint64_t offset = slot >> 32, n = slot & 0xFFFFFFFFu;
    if (offset > size || n > size - offset)
        return PM_CORRUPT(err, "variable-length part at offset %llu, %llu bytes, lies outside the "
                               "%zu-byte section",
                          (unsigned long long)offset, (unsigned long long)n, size);
    *ptr = base + offset;
    *len = (size_t)n;
    return PAIMON_OK;
}

/* Strings and binaries: inline when bit 63 is set, else (offset << 32 | length). */
static int read_bytes(const uint8_t *base, size_t size, size_t slot_off, pm_datum *out,
                      paimon_error *err) {
    uint8_t mark = base[slot_off + 7];
    if (mark & 0x80) {
        size_t n = mark & 0x7F;
        if (n > INLINE_MAX)
            return PM_CORRUPT(err, "inline string of %zu bytes (at most 7 fit a slot)", n);
        out->v.bytes.ptr = base + slot_off;
        out->v.bytes.len = n;
        return PAIMON_OK;
    }
    return pm_binsec_var_range(base, size, slot_off, &out->v.bytes.ptr, &out->v.bytes.len, err);
}

static int read_decimal(const uint8_t *base, size_t size, size_t slot_off, const pm_type *type,
                        pm_datum *out, paimon_error *err) {
    if (pm_decimal_is_compact(type->precision)) {
        out->v.dec = pm_dec_from_i64((int64_t)pm_load_le64(base + slot_off));
        return PAIMON_OK;
    }
    const uint8_t *p = NULL; /* set on success; -O3 cannot see it */
    size_t n = 0;
    PM_TRY(pm_binsec_var_range(base, size, slot_off, &p, &n, err));
    /* Java's BigInteger rejects an empty magnitude, and 38 digits need at most 16 bytes. */
    if (n == 0 || n > 16 || !pm_dec_from_be_bytes(p, n, &out->v.dec))
        return PM_CORRUPT(err, "DECIMAL(%d, %d) stored in %zu bytes", type->precision,
                          type->scale, n);
    return PAIMON_OK;
}

static int read_timestamp(const uint8_t *base, size_t size, size_t slot_off, const pm_type *type,
                          pm_datum *out, paimon_error *err) {
    uint64_t slot = pm_load_le64(base + slot_off);
    if (pm_timestamp_is_compact(type->precision)) {
        out->v.ts.millis = (int64_t)slot;
        out->v.ts.nanos = 0;
        return PAIMON_OK;
    }
    uint64_t offset = slot >> 32, nanos = slot & 0xFFFFFFFFu;
    if (nanos > 999999)
        return PM_CORRUPT(err, "timestamp nano-of-millisecond %llu out of range",
                          (unsigned long long)nanos);
    if (offset > size || size - offset < 8)
        return PM_CORRUPT(err, "timestamp millis at offset %llu lie outside the %zu-byte section",
                          (unsigned long long)offset, size);
    out->v.ts.millis = (int64_t)pm_load_le64(base + offset);
    out->v.ts.nanos = (int32_t)nanos;
    return PAIMON_OK;
}

int pm_binsec_read(const uint8_t *base, size_t size, size_t slot_off, const pm_type *type,
                   pm_datum *out, paimon_error *err) {
    const uint8_t *s = base + slot_off;
    out->is_null = false;
    switch (type->id) {
    case PM_TYPE_BOOLEAN: out->v.b = s[0] != 0; return PAIMON_OK;
    case PM_TYPE_TINYINT: out->v.i = (int8_t)s[0]; return PAIMON_OK;
    case PM_TYPE_SMALLINT: out->v.i = (int16_t)pm_load_le16(s); return PAIMON_OK;
    case PM_TYPE_INT:
    case PM_TYPE_DATE:
    case PM_TYPE_TIME: out->v.i = (int32_t)pm_load_le32(s); return PAIMON_OK;
    case PM_TYPE_BIGINT: out->v.i = (int64_t)pm_load_le64(s); return PAIMON_OK;
    case PM_TYPE_FLOAT: out->v.f = pm_f32_from_bits(pm_load_le32(s)); return PAIMON_OK;
    case PM_TYPE_DOUBLE: out->v.f = pm_f64_from_bits(pm_load_le64(s)); return PAIMON_OK;
    case PM_TYPE_DECIMAL: return read_decimal(base, size, slot_off, type, out, err);
    case PM_TYPE_TIMESTAMP:
    case PM_TYPE_TIMESTAMP_LTZ: return read_timestamp(base, size, slot_off, type, out, err);
    case PM_TYPE_CHAR:
    case PM_TYPE_VARCHAR:
    case PM_TYPE_BINARY:
    case PM_TYPE_VARBINARY:
    case PM_TYPE_BLOB: return read_bytes(base, size, slot_off, out, err);
    case PM_TYPE_ARRAY:
    case PM_TYPE_MULTISET:
    case PM_TYPE_MAP:
    case PM_TYPE_ROW:
    case PM_TYPE_VARIANT:
        return pm_binsec_var_range(base, size, slot_off, &out->v.bytes.ptr, &out->v.bytes.len,
                                   err);
    }
    return pm_err(err, PAIMON_EUNSUPPORTED, "type %s in a binary row", pm_type_id_name(type->id));
}

/* ---- writing ---- */

static void set_slot(pm_buf *sec, size_t slot_off, uint64_t v) {
    pm_store_le64(sec->data + slot_off, v);
}

int pm_binsec_append_var(pm_buf *sec, size_t slot_off, const void *data, size_t len) {
    size_t offset = sec->len;
    size_t padded = (len + 7) & ~(size_t)7;
    if (len > SECTION_MAX || offset > SECTION_MAX - padded)
        return PAIMON_ELIMIT;
    if (pm_buf_reserve(sec, padded) != PAIMON_OK)
        return PAIMON_ENOMEM;
    if (len > 0)
        memcpy(sec->data + offset, data, len);
    memset(sec->data + offset + len, 0, padded - len);
    sec->len += padded;
    set_slot(sec, slot_off, ((uint64_t)offset << 32) | (uint64_t)len);
    return PAIMON_OK;
}

static int write_bytes(pm_buf *sec, size_t slot_off, const uint8_t *data, size_t len) {
    if (len > INLINE_MAX)
        return pm_binsec_append_var(sec, slot_off, data, len);
    uint8_t slot[8] = {0};
    if (len > 0)
        memcpy(slot, data, len);
    slot[7] = (uint8_t)(0x80 | len);
    memcpy(sec->data + slot_off, slot, 8);
    return PAIMON_OK;
}

/* Appends `n` zero bytes and stores (offset << 32 | low) in the slot; returns the offset. */
static int reserve_var(pm_buf *sec, size_t slot_off, size_t n, uint32_t low, size_t *offset) {
    *offset = sec->len;
    if (*offset > SECTION_MAX - n)
        return PAIMON_ELIMIT;
    if (pm_buf_append_zeros(sec, n) != PAIMON_OK)
        return PAIMON_ENOMEM;
    set_slot(sec, slot_off, ((uint64_t)*offset << 32) | low);
    return PAIMON_OK;
}

static int write_decimal(pm_buf *sec, size_t slot_off, const pm_type *type, pm_decimal128 v) {
    if (pm_decimal_is_compact(type->precision)) {
        int64_t unscaled;
        if (!pm_dec_to_i64(v, &unscaled))
            return PAIMON_EINVAL;
        set_slot(sec, slot_off, (uint64_t)unscaled);
        return PAIMON_OK;
    }
    uint8_t bytes[16];
    size_t n = pm_dec_to_be_bytes(v, bytes);
    size_t offset;
    PM_TRY(reserve_var(sec, slot_off, 16, (uint32_t)n, &offset));
    memcpy(sec->data + offset, bytes, n);
    return PAIMON_OK;
}

static int write_timestamp(pm_buf *sec, size_t slot_off, const pm_type *type, pm_timestamp ts) {
    if (pm_timestamp_is_compact(type->precision)) {
        set_slot(sec, slot_off, (uint64_t)ts.millis);
        return PAIMON_OK;
    }
    if (ts.nanos < 0 || ts.nanos > 999999)
        return PAIMON_EINVAL;
    size_t offset;
    PM_TRY(reserve_var(sec, slot_off, 8, (uint32_t)ts.nanos, &offset));
    pm_store_le64(sec->data + offset, (uint64_t)ts.millis);
    return PAIMON_OK;
}

/* Java canonicalises NaN before storing floats, so equal rows hash equally. */
static uint32_t float_bits(double v) {
    float f = (float)v;
    return f != f ? 0x7fc00000u : pm_f32_bits(f);
}
static uint64_t double_bits(double v) {
    return v != v ? UINT64_C(0x7ff8000000000000) : pm_f64_bits(v);
}

int pm_binsec_write(pm_buf *sec, size_t slot_off, const pm_type *type, const pm_datum *value) {
    uint8_t *s = sec->data + slot_off;
    switch (type->id) {
    case PM_TYPE_BOOLEAN: s[0] = value->v.b ? 1 : 0; return PAIMON_OK;
    case PM_TYPE_TINYINT: s[0] = (uint8_t)value->v.i; return PAIMON_OK;
    case PM_TYPE_SMALLINT: pm_store_le16(s, (uint16_t)value->v.i); return PAIMON_OK;
    case PM_TYPE_INT:
    case PM_TYPE_DATE:
    case PM_TYPE_TIME: pm_store_le32(s, (uint32_t)value->v.i); return PAIMON_OK;
    case PM_TYPE_BIGINT: pm_store_le64(s, (uint64_t)value->v.i); return PAIMON_OK;
    case PM_TYPE_FLOAT: pm_store_le32(s, float_bits(value->v.f)); return PAIMON_OK;
    case PM_TYPE_DOUBLE: pm_store_le64(s, double_bits(value->v.f)); return PAIMON_OK;
    case PM_TYPE_DECIMAL: return write_decimal(sec, slot_off, type, value->v.dec);
    case PM_TYPE_TIMESTAMP:
    case PM_TYPE_TIMESTAMP_LTZ: return write_timestamp(sec, slot_off, type, value->v.ts);
    case PM_TYPE_CHAR:
    case PM_TYPE_VARCHAR:
    case PM_TYPE_BINARY:
    case PM_TYPE_VARBINARY:
    case PM_TYPE_BLOB: return write_bytes(sec, slot_off, value->v.bytes.ptr, value->v.bytes.len);
    case PM_TYPE_ARRAY:
    case PM_TYPE_MULTISET:
    case PM_TYPE_MAP:
    case PM_TYPE_ROW:
    case PM_TYPE_VARIANT:
        /* A pre-encoded nested section. */
        return pm_binsec_append_var(sec, slot_off, value->v.bytes.ptr, value->v.bytes.len);
    }
    return PAIMON_EUNSUPPORTED;
}

int pm_binsec_write_null_reserved(pm_buf *sec, size_t slot_off, const pm_type *type) {
    if (!pm_binsec_reserves_when_null(type))
        return PAIMON_OK;
    size_t offset;
    return reserve_var(sec, slot_off, type->id == PM_TYPE_DECIMAL ? 16 : 8, 0, &offset);
}
