/*
 * merge_keys.c - order-preserving byte encodings of key values, so that a k-way merge compares
 * rows with one memcmp instead of per-type comparisons (spec 06 §3: nulls first, numbers
 * numerically, strings and binaries as unsigned bytes, floats as Java's Double.compare).
 *
 * Each column contributes a null marker byte (0 null, 1 present) and then:
 *   integers, dates, times, timestamps: 8 bytes big-endian with the sign bit flipped;
 *   floats/doubles: IEEE bits, negative values inverted, positive with the sign bit set;
 *   decimals: 16 bytes big-endian two's complement with the sign bit flipped;
 *   booleans: one byte;
 *   strings/binaries: the bytes with 0x00 escaped as 0x00 0xFF, ended by 0x00 0x00 (so that a
 *   shorter value sorts first and later columns cannot leak into the comparison).
 * A descending column has all its bytes inverted.
 */
#include "table/merge_keys.h"

#include "util/endian.h"
#include "util/mem.h"

#include <math.h>
#include <string.h>

static void put_u64(uint8_t *p, uint64_t v) {
    pm_store_be64(p, v);
}

static int encode_value(pm_buf *out, const pm_type *t, const struct ArrowArray *a, int64_t i) {
    if (!pm_arrow_is_valid(a, i))
        return pm_buf_append_byte(out, 0);
    uint8_t b[17];
    b[0] = 1;
    size_t n = 1;
    int64_t at = a->offset + i;
    const uint8_t *values = a->buffers[1];
    switch (t->id) {
    case PM_TYPE_BOOLEAN:
        b[n++] = pm_bit_get(values, at);
        break;
    case PM_TYPE_TINYINT:
        put_u64(b + 1, (uint64_t)(int64_t)(int8_t)values[at] ^ (1ull << 63));
        n += 8;
        break;
    case PM_TYPE_SMALLINT:
        put_u64(b + 1, (uint64_t)(int64_t)(int16_t)pm_load_le16(values + at * 2) ^ (1ull << 63));
        n += 8;
        break;
    case PM_TYPE_INT:
    case PM_TYPE_DATE:
    case PM_TYPE_TIME:
        put_u64(b + 1, (uint64_t)(int64_t)(int32_t)pm_load_le32(values + at * 4) ^ (1ull << 63));
        n += 8;
        break;
    case PM_TYPE_BIGINT:
    case PM_TYPE_TIMESTAMP:
    case PM_TYPE_TIMESTAMP_LTZ:
        put_u64(b + 1, pm_load_le64(values + at * 8) ^ (1ull << 63));
        n += 8;
        break;
    case PM_TYPE_FLOAT:
    case PM_TYPE_DOUBLE: {
        double d = t->id == PM_TYPE_FLOAT ? pm_f32_from_bits(pm_load_le32(values + at * 4))
                                          : pm_f64_from_bits(pm_load_le64(values + at * 8));
        if (isnan(d))
            d = NAN; /* Java canonicalises NaN: every NaN is equal and the largest */
        uint64_t bits = pm_f64_bits(d);
        bits = (bits >> 63) ? ~bits : bits | (1ull << 63);
        put_u64(b + 1, bits);
        n += 8;
        break;
    }
    case PM_TYPE_DECIMAL: {
        pm_decimal128 v = pm_dec_load_le(values + at * 16);
        put_u64(b + 1, (uint64_t)v.hi ^ (1ull << 63));
        put_u64(b + 9, v.lo);
        n += 16;
        break;
    }
    case PM_TYPE_CHAR:
    case PM_TYPE_VARCHAR:
    case PM_TYPE_BINARY:
    case PM_TYPE_VARBINARY:
    case PM_TYPE_BLOB: {
        const uint8_t *offsets = a->buffers[1];
        uint32_t start = pm_load_le32(offsets + at * 4), end = pm_load_le32(offsets + at * 4 + 4);
        const uint8_t *s = (const uint8_t *)a->buffers[2] + start;
        if (pm_buf_reserve(out, 1 + 2 * (size_t)(end - start) + 2) != PAIMON_OK)
            return PAIMON_ENOMEM;
        uint8_t *p = out->data + out->len;
        *p++ = 1;
        for (uint32_t k = 0; k < end - start; k++) {
            *p++ = s[k];
            if (s[k] == 0)
                *p++ = 0xFF;
        }
        *p++ = 0;
        *p++ = 0;
        out->len = (size_t)(p - out->data);
        return PAIMON_OK;
    }
    default:
        return PAIMON_EUNSUPPORTED;
    }
    return pm_buf_append(out, b, n);
}

int pm_merge_keys_encode(pm_merge_keys *k, const pm_key_column *columns, size_t count,
                         const struct ArrowArray *batch, int64_t rows, paimon_error *err) {
    pm_buf_clear(&k->bytes);
    if ((size_t)rows + 1 > k->offset_cap) {
        uint32_t *offsets = pm_realloc_array(k->offsets, (size_t)rows + 1, sizeof *offsets);
        if (offsets == NULL)
            return pm_err_nomem(err);
        k->offsets = offsets;
        k->offset_cap = (size_t)rows + 1;
    }
    for (int64_t r = 0; r < rows; r++) {
        if (k->bytes.len > UINT32_MAX - 4096)
            return pm_err(err, PAIMON_ELIMIT, "merge keys of one batch exceed 4 GiB");
        k->offsets[r] = (uint32_t)k->bytes.len;
        for (size_t c = 0; c < count; c++) {
            size_t before = k->bytes.len;
            int rc =
                encode_value(&k->bytes, columns[c].type, batch->children[columns[c].column], r);
            if (rc == PAIMON_EUNSUPPORTED)
                return pm_err(err, rc, "key column of type %s cannot be merged",
                              pm_type_id_name(columns[c].type->id));
            if (rc != PAIMON_OK)
                return pm_err_nomem(err);
            if (columns[c].descending) {
                for (size_t i = before; i < k->bytes.len; i++)
                    k->bytes.data[i] = (uint8_t)~k->bytes.data[i];
            }
        }
    }
    k->offsets[rows] = (uint32_t)k->bytes.len;
    k->rows = rows;
    return PAIMON_OK;
}

bool pm_int_keys_supported(const pm_key_column *columns, size_t count) {
    if (count != 1 || columns[0].descending)
        return false;
    switch (columns[0].type->id) {
    case PM_TYPE_TINYINT:
    case PM_TYPE_SMALLINT:
    case PM_TYPE_INT:
    case PM_TYPE_BIGINT:
    case PM_TYPE_DATE:
    case PM_TYPE_TIME:
    case PM_TYPE_TIMESTAMP:
    case PM_TYPE_TIMESTAMP_LTZ: return true;
    default: return false;
    }
}

int pm_int_keys_load(pm_int_keys *k, const pm_key_column *column, const struct ArrowArray *batch,
                     int64_t rows, paimon_error *err) {
    const struct ArrowArray *a = batch->children[column->column];
    bool nulls = a->null_count != 0 && a->buffers[0] != NULL;
    k->validity = nulls ? a->buffers[0] : NULL;
    k->validity_offset = a->offset;
    int width = column->type->id == PM_TYPE_TINYINT    ? 1
                : column->type->id == PM_TYPE_SMALLINT ? 2
                : (column->type->id == PM_TYPE_INT || column->type->id == PM_TYPE_DATE ||
                   column->type->id == PM_TYPE_TIME)
                    ? 4
                    : 8;
    const uint8_t *src = (const uint8_t *)a->buffers[1] + a->offset * width;
    if (width == 8 && !nulls && ((uintptr_t)src & 7) == 0) {
        k->values = (const int64_t *)(const void *)src; /* BIGINT: the batch's own values */
        return PAIMON_OK;
    }
    if ((size_t)rows > k->owned_cap) {
        int64_t *owned = pm_realloc_array(k->owned, (size_t)rows, sizeof *owned);
        if (owned == NULL)
            return pm_err_nomem(err);
        k->owned = owned;
        k->owned_cap = (size_t)rows;
    }
    int64_t *v = k->owned;
    switch (width) {
    case 1:
        for (int64_t i = 0; i < rows; i++)
            v[i] = (int8_t)src[i];
        break;
    case 2:
        for (int64_t i = 0; i < rows; i++)
            v[i] = (int16_t)pm_load_le16(src + i * 2);
        break;
    case 4:
        for (int64_t i = 0; i < rows; i++)
            v[i] = (int32_t)pm_load_le32(src + i * 4);
        break;
    default:
        for (int64_t i = 0; i < rows; i++)
            v[i] = (int64_t)pm_load_le64(src + i * 8);
        break;
    }
    if (nulls) {
        for (int64_t i = 0; i < rows; i++) {
            if (!pm_int_keys_valid(k, i))
                v[i] = INT64_MIN;
        }
    }
    k->values = v;
    return PAIMON_OK;
}

void pm_int_keys_dispose(pm_int_keys *k) {
    pm_free(k->owned);
    memset(k, 0, sizeof *k);
}

void pm_merge_keys_dispose(pm_merge_keys *k) {
    pm_buf_dispose(&k->bytes);
    pm_free(k->offsets);
    memset(k, 0, sizeof *k);
}
