/*
 * agg_binrow.c - the BinaryRow that Java's nested_update / nested_partial_update project a
 * nested row's key fields into (spec 04 §2-3). Its bytes decide key equality and its word-wise
 * murmur hash decides the HashMap order of the result, so they must match Java's exactly.
 * Only atomic key fields are supported.
 */
#include "agg/agg_internal.h"

#include "util/endian.h"

#include <string.h>

bool agg_binrow_supports(const pm_type *type) {
    return !pm_type_is_nested(type) && type->id != PM_TYPE_VARIANT;
}

static int put_var(pm_buf *out, size_t row_start, size_t slot, const uint8_t *data, size_t len,
                   size_t reserve, uint64_t low) {
    size_t offset = out->len - row_start;
    size_t padded = (reserve + 7) / 8 * 8;
    PM_TRY(pm_buf_append_zeros(out, padded));
    if (len > 0)
        memcpy(out->data + out->len - padded, data, len);
    pm_store_le64(out->data + slot, ((uint64_t)offset << 32) | low);
    return PAIMON_OK;
}

int agg_binrow_project(const pm_type *row_type, const struct ArrowArray *rows, int64_t idx,
                       const int32_t *fields, size_t field_count, pm_buf *out) {
    size_t start = out->len;
    size_t null_bytes = ((field_count + 63 + 8) / 64) * 8;
    PM_TRY(pm_buf_append_zeros(out, null_bytes + 8 * field_count));
    for (size_t i = 0; i < field_count; i++) {
        const pm_type *t = row_type->fields[fields[i]].type;
        const struct ArrowArray *col = rows->children[fields[i]];
        int64_t at = rows->offset + idx;
        size_t slot = start + null_bytes + 8 * i;
        pm_datum d = pm_arrow_get_datum(col, t, at);
        if (d.is_null) {
            out->data[start + ((i + 8) >> 3)] |= (uint8_t)(1u << ((i + 8) & 7));
            if (t->id == PM_TYPE_DECIMAL && !pm_decimal_is_compact(t->precision))
                PM_TRY(put_var(out, start, slot, NULL, 0, 16, 0));
            else if ((t->id == PM_TYPE_TIMESTAMP || t->id == PM_TYPE_TIMESTAMP_LTZ) &&
                     !pm_timestamp_is_compact(t->precision))
                PM_TRY(put_var(out, start, slot, NULL, 0, 8, 0));
            continue;
        }
        uint8_t *p = out->data + slot;
        switch (t->id) {
        case PM_TYPE_BOOLEAN: p[0] = d.v.b ? 1 : 0; break;
        case PM_TYPE_TINYINT: p[0] = (uint8_t)d.v.i; break;
        case PM_TYPE_SMALLINT: pm_store_le16(p, (uint16_t)d.v.i); break;
        case PM_TYPE_INT:
        case PM_TYPE_DATE:
        case PM_TYPE_TIME: pm_store_le32(p, (uint32_t)d.v.i); break;
        case PM_TYPE_BIGINT: pm_store_le64(p, (uint64_t)d.v.i); break;
        case PM_TYPE_FLOAT: pm_store_le32(p, pm_f32_bits((float)d.v.f)); break;
        case PM_TYPE_DOUBLE: pm_store_le64(p, pm_f64_bits(d.v.f)); break;
        case PM_TYPE_DECIMAL:
            if (pm_decimal_is_compact(t->precision)) {
                int64_t v = 0;
                pm_dec_to_i64(d.v.dec, &v);
                pm_store_le64(p, (uint64_t)v);
            } else {
                uint8_t be[16];
                size_t n = pm_dec_to_be_bytes(d.v.dec, be);
                PM_TRY(put_var(out, start, slot, be, n, 16, n));
            }
            break;
        case PM_TYPE_TIMESTAMP:
        case PM_TYPE_TIMESTAMP_LTZ:
            if (pm_timestamp_is_compact(t->precision)) {
                pm_store_le64(p, (uint64_t)d.v.ts.millis);
            } else {
                uint8_t ms[8];
                pm_store_le64(ms, (uint64_t)d.v.ts.millis);
                PM_TRY(put_var(out, start, slot, ms, 8, 8, (uint32_t)d.v.ts.nanos));
            }
            break;
        default: /* strings and binaries */
            if (d.v.bytes.len <= 7) {
                if (d.v.bytes.len > 0)
                    memcpy(p, d.v.bytes.ptr, d.v.bytes.len);
                p[7] = (uint8_t)(0x80 | d.v.bytes.len);
            } else {
                if (d.v.bytes.len > INT32_MAX)
                    return PAIMON_ELIMIT;
                PM_TRY(put_var(out, start, slot, d.v.bytes.ptr, d.v.bytes.len, d.v.bytes.len,
                               d.v.bytes.len));
            }
            break;
        }
    }
    return PAIMON_OK;
}
