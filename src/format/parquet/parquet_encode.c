/*
 * parquet_encode.c - RLE/bit-packed hybrid and PLAIN boolean encoders (see parquet_encode.h).
 *
 * A run header is a varint: count << 1 for a repeated run (followed by the value in
 * ceil(bw / 8) little-endian bytes), groups << 1 | 1 for a bit-packed run (followed by
 * groups * bw bytes holding 8 * groups values packed LSB first).
 */
#include "format/parquet/parquet_encode.h"

#include "util/endian.h"
#include "util/varint.h"

int pm_pq_bit_width(uint32_t max) {
    int bw = 0;
    while (bw < 32 && (max >> bw) != 0)
        bw++;
    return bw;
}

static inline uint32_t value_at(const void *values, size_t elem_size, size_t i) {
    return elem_size == 1 ? ((const uint8_t *)values)[i] : ((const uint32_t *)values)[i];
}

static int put_repeated(pm_buf *out, uint32_t value, size_t count, int bw) {
    uint8_t tmp[PM_VARINT_MAX + 4];
    size_t n = pm_varint_encode((uint64_t)count << 1, tmp);
    for (int k = 0; k < (bw + 7) / 8; k++)
        tmp[n++] = (uint8_t)(value >> (8 * k));
    return pm_buf_append(out, tmp, n);
}

/* Bit-packs values [start, start + count), zero-padded to a multiple of 8. */
static int put_packed(pm_buf *out, const void *values, size_t elem_size, size_t start,
                      size_t count, int bw) {
    size_t groups = (count + 7) / 8;
    uint8_t tmp[PM_VARINT_MAX];
    PM_TRY(pm_buf_append(out, tmp, pm_varint_encode((uint64_t)groups << 1 | 1, tmp)));
    size_t bytes = groups * (size_t)bw;
    PM_TRY(pm_buf_reserve(out, bytes));
    uint8_t *p = out->data + out->len;
    uint64_t acc = 0;
    int bits = 0;
    for (size_t i = 0; i < groups * 8; i++) {
        uint64_t v = i < count ? value_at(values, elem_size, start + i) : 0;
        acc |= v << bits;
        bits += bw;
        while (bits >= 8) {
            *p++ = (uint8_t)acc;
            acc >>= 8;
            bits -= 8;
        }
    }
    out->len += bytes;
    return PAIMON_OK;
}

int pm_pq_hybrid_append(pm_buf *out, const void *values, size_t elem_size, size_t n, int bw) {
    if (n == 0)
        return PAIMON_OK;
    if (bw == 0)
        return put_repeated(out, 0, n, 0);
    size_t packed_from = 0, i = 0;
    while (i < n) {
        uint32_t v = value_at(values, elem_size, i);
        size_t end = i + 1;
        while (end < n && value_at(values, elem_size, end) == v)
            end++;
        if (end - i >= 8) {
            size_t pending = i - packed_from;
            if (pending % 8 != 0)
                i += 8 - pending % 8; /* the run tops up the last packed group */
            if (i > packed_from)
                PM_TRY(put_packed(out, values, elem_size, packed_from, i - packed_from, bw));
            PM_TRY(put_repeated(out, v, end - i, bw));
            packed_from = end;
        }
        i = end;
    }
    if (packed_from < n)
        PM_TRY(put_packed(out, values, elem_size, packed_from, n - packed_from, bw));
    return PAIMON_OK;
}

int pm_pq_levels_append(pm_buf *out, const uint8_t *levels, size_t n, int max_level) {
    size_t at = out->len;
    PM_TRY(pm_buf_append_zeros(out, 4));
    PM_TRY(pm_pq_hybrid_append(out, levels, 1, n, pm_pq_bit_width((uint32_t)max_level)));
    pm_store_le32(out->data + at, (uint32_t)(out->len - at - 4));
    return PAIMON_OK;
}

int pm_pq_bools_append(pm_buf *out, const uint8_t *values, size_t n) {
    size_t bytes = (n + 7) / 8;
    PM_TRY(pm_buf_reserve(out, bytes));
    uint8_t *p = out->data + out->len;
    for (size_t k = 0; k < bytes; k++) {
        uint8_t b = 0;
        for (size_t j = 0; j < 8 && k * 8 + j < n; j++)
            b |= (uint8_t)((values[k * 8 + j] & 1) << j);
        p[k] = b;
    }
    out->len += bytes;
    return PAIMON_OK;
}
