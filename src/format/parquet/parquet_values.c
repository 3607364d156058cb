/*
 * parquet_values.c - decoding the values section of a page (PLAIN, dictionary indices, RLE
 * booleans, DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY, BYTE_STREAM_SPLIT)
 * densely into a column of the requested type.
 *
 * Dense means: the k-th decoded value goes to slot dst->length + k; the caller spreads values
 * over null slots afterwards and advances the column. Byte-array values append to dst->values
 * and write their end offsets.
 */
#include "format/parquet/parquet_column.h"

#include "util/endian.h"

#include <string.h>

static int truncated(const char *what, paimon_error *err) {
    return pm_err(err, PAIMON_ECORRUPT, "%s values run past the end of the page", what);
}

static inline uint8_t *fixed_at(pm_col *dst, size_t index) {
    return dst->values.data + ((size_t)dst->length + index) * dst->width;
}

static void put_bool(pm_col *dst, size_t index, bool v) {
    int64_t at = dst->length + (int64_t)index;
    if (v)
        pm_bit_set(dst->values.data, at);
    else
        pm_bit_clear(dst->values.data, at);
}

static int plain_byte_array(pm_pq_leaf *leaf, const uint8_t *data, size_t len, size_t *pos,
                            pm_col *dst, size_t n, paimon_error *err) {
    size_t p = *pos;
    if (leaf->conv == PM_PQC_BYTES) {
        /* Copy per value, growing the bytes as needed: reserving the rest of the page would
         * ask for a whole column chunk when a writer puts it in one page (DuckDB does). */
        uint8_t *out = dst->values.data;
        size_t used = dst->values.len, cap = dst->values.cap;
        uint8_t *offs = dst->offsets.data + ((size_t)dst->length + 1) * 4;
        for (size_t i = 0; i < n; i++) {
            if (len - p < 4)
                return truncated("BYTE_ARRAY", err);
            uint32_t l = pm_load_le32(data + p);
            p += 4;
            if (l > len - p)
                return truncated("BYTE_ARRAY", err);
            if (cap - used < (size_t)l + PM_PQ_COPY_SLACK) {
                dst->values.len = used;
                if (pm_buf_reserve(&dst->values, (size_t)l + PM_PQ_COPY_SLACK) != PAIMON_OK)
                    return pm_err_nomem(err);
                out = dst->values.data;
                cap = dst->values.cap;
            }
            pm_pq_copy_short(out + used, data + p, l, len - p);
            used += l;
            p += l;
            if (used > INT32_MAX)
                return pm_err(err, PAIMON_ELIMIT, "more than 2 GiB of string data in one batch");
            pm_store_le32(offs + i * 4, (uint32_t)used);
        }
        dst->values.len = used;
        *pos = p;
        return PAIMON_OK;
    }
    for (size_t i = 0; i < n; i++) {
        if (len - p < 4)
            return truncated("BYTE_ARRAY", err);
        uint32_t l = pm_load_le32(data + p);
        p += 4;
        if (l > len - p)
            return truncated("BYTE_ARRAY", err);
        PM_TRY(pm_pq_convert_bytes(leaf, data + p, l, dst, i, err));
        p += l;
    }
    *pos = p;
    return PAIMON_OK;
}

/* Fixed-width physical values at src into dst (FLBA into string/binary columns included). */
static int fixed_values(pm_pq_leaf *leaf, const uint8_t *src, pm_col *dst, size_t n,
                        paimon_error *err) {
    if (leaf->conv == PM_PQC_BYTES) {
        size_t tl = (size_t)leaf->type_length;
        for (size_t i = 0; i < n; i++)
            PM_TRY(pm_pq_convert_bytes(leaf, src + i * tl, tl, dst, i, err));
        return PAIMON_OK;
    }
    return pm_pq_convert_fixed(leaf, src, n, fixed_at(dst, 0), err);
}

int pm_pq_plain_decode(pm_pq_leaf *leaf, const uint8_t *data, size_t len, size_t *pos,
                       pm_col *dst, size_t n, paimon_error *err) {
    /* An empty page (a dictionary of no values) may leave dst without any buffer. */
    if (n == 0)
        return PAIMON_OK;
    if (leaf->phys == PM_PQ_BOOLEAN) {
        uint64_t bit = *pos;
        if (bit + n > (uint64_t)len * 8)
            return truncated("BOOLEAN", err);
        for (size_t i = 0; i < n; i++, bit++)
            put_bool(dst, i, (data[bit >> 3] >> (bit & 7)) & 1);
        *pos = (size_t)bit;
        return PAIMON_OK;
    }
    if (leaf->phys == PM_PQ_BYTE_ARRAY)
        return plain_byte_array(leaf, data, len, pos, dst, n, err);
    size_t w = pm_pq_phys_width(leaf);
    if (n > (len - *pos) / w)
        return truncated(pm_pq_type_name(leaf->phys), err);
    PM_TRY(fixed_values(leaf, data + *pos, dst, n, err));
    *pos += n * w;
    return PAIMON_OK;
}

/* ---- dictionary ---- */

static int gather(pm_pq_leaf *leaf, const uint32_t *idx, pm_col *dst, size_t n,
                  paimon_error *err) {
    const pm_col *d = &leaf->dict;
    uint32_t count = (uint32_t)d->length;
    uint32_t bad = 0;
    for (size_t i = 0; i < n; i++)
        bad |= idx[i] >= count;
    if (bad)
        return pm_err(err, PAIMON_ECORRUPT, "dictionary index out of range (%u entries)", count);
    switch (d->layout) {
    case PM_LAYOUT_BOOL:
        for (size_t i = 0; i < n; i++)
            put_bool(dst, i, pm_bit_get(d->values.data, idx[i]));
        return PAIMON_OK;
    case PM_LAYOUT_FIXED: {
        const uint8_t *src = d->values.data;
        uint8_t *out = fixed_at(dst, 0);
        switch (d->width) {
        case 4:
            for (size_t i = 0; i < n; i++)
                memcpy(out + i * 4, src + (size_t)idx[i] * 4, 4);
            break;
        case 8:
            for (size_t i = 0; i < n; i++)
                memcpy(out + i * 8, src + (size_t)idx[i] * 8, 8);
            break;
        case 16:
            for (size_t i = 0; i < n; i++)
                memcpy(out + i * 16, src + (size_t)idx[i] * 16, 16);
            break;
        default: {
            size_t w = d->width;
            for (size_t i = 0; i < n; i++)
                memcpy(out + i * w, src + (size_t)idx[i] * w, w);
            break;
        }
        }
        return PAIMON_OK;
    }
    case PM_LAYOUT_VARBIN: {
        const uint8_t *offs = d->offsets.data, *bytes = d->values.data;
        uint64_t total = 0;
        for (size_t i = 0; i < n; i++)
            total += pm_load_le32(offs + (size_t)idx[i] * 4 + 4) - pm_load_le32(offs + (size_t)idx[i] * 4);
        if (dst->values.len + total > INT32_MAX)
            return pm_err(err, PAIMON_ELIMIT, "more than 2 GiB of string data in one batch");
        if (pm_buf_reserve(&dst->values, (size_t)total + PM_PQ_COPY_SLACK) != PAIMON_OK)
            return pm_err_nomem(err);
        uint8_t *out = dst->values.data;
        size_t used = dst->values.len;
        uint8_t *doffs = dst->offsets.data + ((size_t)dst->length + 1) * 4;
        for (size_t i = 0; i < n; i++) {
            uint32_t s = pm_load_le32(offs + (size_t)idx[i] * 4);
            uint32_t l = pm_load_le32(offs + (size_t)idx[i] * 4 + 4) - s;
            /* The dictionary keeps PM_PQ_COPY_SLACK zeroed bytes after its last value. */
            pm_pq_copy_short(out + used, bytes + s, l, d->values.len + PM_PQ_COPY_SLACK - s);
            used += l;
            pm_store_le32(doffs + i * 4, (uint32_t)used);
        }
        dst->values.len = used;
        return PAIMON_OK;
    }
    default: return pm_err(err, PAIMON_ECORRUPT, "dictionary of a nested column");
    }
}

/* ---- the other encodings ---- */

static int delta_values(pm_pq_leaf *leaf, pm_col *dst, size_t n, paimon_error *err) {
    size_t w = pm_pq_phys_width(leaf);
    if (pm_pq_buf_size(&leaf->scratch, n * 8) != PAIMON_OK ||
        pm_pq_buf_size(&leaf->scratch2, n * w) != PAIMON_OK)
        return pm_err_nomem(err);
    int64_t *v = (int64_t *)(void *)leaf->scratch.data;
    PM_TRY(pm_pq_delta_get(&leaf->delta, v, n, err));
    uint8_t *phys = leaf->scratch2.data;
    if (w == 4) {
        for (size_t i = 0; i < n; i++)
            pm_store_le32(phys + i * 4, (uint32_t)v[i]);
    } else {
        for (size_t i = 0; i < n; i++)
            pm_store_le64(phys + i * 8, (uint64_t)v[i]);
    }
    return fixed_values(leaf, phys, dst, n, err);
}

static int stream_split_values(pm_pq_leaf *leaf, pm_col *dst, size_t n, paimon_error *err) {
    size_t w = pm_pq_phys_width(leaf);
    size_t streams = leaf->data_len / w;
    if (n > streams - leaf->vpos)
        return truncated("BYTE_STREAM_SPLIT", err);
    if (pm_pq_buf_size(&leaf->scratch2, n * w) != PAIMON_OK)
        return pm_err_nomem(err);
    uint8_t *phys = leaf->scratch2.data;
    for (size_t b = 0; b < w; b++) {
        const uint8_t *s = leaf->data + b * streams + leaf->vpos;
        for (size_t i = 0; i < n; i++)
            phys[i * w + b] = s[i];
    }
    leaf->vpos += n;
    return fixed_values(leaf, phys, dst, n, err);
}

static int view_values(pm_pq_leaf *leaf, pm_col *dst, size_t n, paimon_error *err) {
    if (n > leaf->page_values - leaf->vpos)
        return truncated(pm_pq_encoding_name(leaf->encoding), err);
    const uint8_t *views = leaf->views.data + leaf->vpos * 4;
    for (size_t i = 0; i < n; i++) {
        uint32_t s = pm_load_le32(views + i * 4), e = pm_load_le32(views + i * 4 + 4);
        if (leaf->phys == PM_PQ_FIXED_LEN_BYTE_ARRAY && e - s != (uint32_t)leaf->type_length)
            return pm_err(err, PAIMON_ECORRUPT, "FIXED_LEN_BYTE_ARRAY value of %u bytes, "
                                                "expected %d", e - s, (int)leaf->type_length);
        if (leaf->phys == PM_PQ_FIXED_LEN_BYTE_ARRAY && leaf->conv != PM_PQC_BYTES)
            PM_TRY(pm_pq_convert_fixed(leaf, leaf->view_base + s, 1, fixed_at(dst, i), err));
        else
            PM_TRY(pm_pq_convert_bytes(leaf, leaf->view_base + s, e - s, dst, i, err));
    }
    leaf->vpos += n;
    return PAIMON_OK;
}

static int rle_bool_values(pm_pq_leaf *leaf, pm_col *dst, size_t n, paimon_error *err) {
    if (pm_pq_buf_size(&leaf->scratch, n * 4) != PAIMON_OK)
        return pm_err_nomem(err);
    uint32_t *v = (uint32_t *)(void *)leaf->scratch.data;
    PM_TRY(pm_pq_rle_get_u32(&leaf->rle, v, n, err));
    for (size_t i = 0; i < n; i++)
        put_bool(dst, i, v[i] != 0);
    return PAIMON_OK;
}

int pm_pq_values_decode(pm_pq_leaf *leaf, pm_col *dst, size_t n, paimon_error *err) {
    if (n == 0)
        return PAIMON_OK;
    switch (leaf->encoding) {
    case PM_PQ_ENC_PLAIN:
        return pm_pq_plain_decode(leaf, leaf->data, leaf->data_len, &leaf->vpos, dst, n, err);
    case PM_PQ_ENC_PLAIN_DICTIONARY:
    case PM_PQ_ENC_RLE_DICTIONARY: {
        if (pm_pq_buf_size(&leaf->scratch, n * 4) != PAIMON_OK)
            return pm_err_nomem(err);
        uint32_t *idx = (uint32_t *)(void *)leaf->scratch.data;
        PM_TRY(pm_pq_rle_get_u32(&leaf->rle, idx, n, err));
        return gather(leaf, idx, dst, n, err);
    }
    case PM_PQ_ENC_RLE: return rle_bool_values(leaf, dst, n, err);
    case PM_PQ_ENC_DELTA_BINARY_PACKED: return delta_values(leaf, dst, n, err);
    case PM_PQ_ENC_BYTE_STREAM_SPLIT: return stream_split_values(leaf, dst, n, err);
    case PM_PQ_ENC_DELTA_LENGTH_BYTE_ARRAY:
    case PM_PQ_ENC_DELTA_BYTE_ARRAY: return view_values(leaf, dst, n, err);
    default:
        return pm_err(err, PAIMON_EUNSUPPORTED, "encoding %s is not supported",
                      pm_pq_encoding_name(leaf->encoding));
    }
}
