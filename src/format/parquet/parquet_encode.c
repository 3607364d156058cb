/*
 * parquet_encode.c - RLE/bit-packed hybrid and PLAIN boolean encoders (see parquet_encode.h).
 *
 * A run header is a varint: count << 1 for a repeated run (followed by the value in
 * ceil(bw / 8) little-endian bytes), groups << 1 | 1 for a bit-packed run (followed by
 * groups * bw bytes holding 8 * groups values packed LSB first).
 *
 * The runs are chosen as parquet-mr's RunLengthBitPackingHybridEncoder chooses them, so that
 * pages are byte for byte what Java writes: values are grouped by 8 from the last run's end; a
 * value repeated 8 times from a group start becomes a repeated run (the copies before the group
 * start stay bit-packed); bit-packed runs hold at most 63 groups; the last group is padded with
 * zeros.
 */
#include "format/parquet/parquet_encode.h"

#include "util/endian.h"
#include "util/varint.h"

#include <stdint.h>

int pm_pq_bit_width(uint32_t max) {
    int bw = 0;
    while (bw < 32 && (max >> bw) != 0)
        bw++;
    return bw;
}

static inline uint32_t value_at(const void *values, size_t elem_size, size_t i) {
    return elem_size == 1 ? ((const uint8_t *)values)[i] : ((const uint32_t *)values)[i];
}

/* The encoder's state: values wait in groups of 8; a value seen 8 times in a row since the
 * last packed group turns into a repeated run (so runs start on group boundaries). */
typedef struct hybrid {
    pm_buf *out;
    int bw;
    uint32_t group[8];
    int buffered;       /* values in `group` */
    uint32_t last;      /* the value being counted */
    size_t repeats;     /* consecutive copies of `last` since the last packed group */
    size_t header_at;   /* the open bit-packed run's header byte, or SIZE_MAX */
    int groups;         /* groups in the open bit-packed run */
    int rc;
} hybrid;

static void close_packed(hybrid *h) {
    if (h->header_at == SIZE_MAX)
        return;
    if (h->rc == PAIMON_OK)
        h->out->data[h->header_at] = (uint8_t)(h->groups << 1 | 1);
    h->header_at = SIZE_MAX;
    h->groups = 0;
}

static void put_repeated(hybrid *h) {
    close_packed(h);
    uint8_t tmp[PM_VARINT_MAX + 4];
    size_t n = pm_varint_encode((uint64_t)h->repeats << 1, tmp);
    for (int k = 0; k < (h->bw + 7) / 8; k++)
        tmp[n++] = (uint8_t)(h->last >> (8 * k));
    h->rc |= pm_buf_append(h->out, tmp, n);
    h->repeats = 0;
    h->buffered = 0;
}

/* Packs the 8 buffered values, opening a bit-packed run (at most 63 groups, so that its
 * header fits one byte) when none is open. */
static void put_group(hybrid *h) {
    if (h->groups >= 63)
        close_packed(h);
    if (h->header_at == SIZE_MAX) {
        h->header_at = h->out->len;
        h->rc |= pm_buf_append_byte(h->out, 0);
    }
    if (h->rc == PAIMON_OK && pm_buf_reserve(h->out, (size_t)h->bw) == PAIMON_OK) {
        uint8_t *p = h->out->data + h->out->len;
        uint64_t acc = 0;
        int bits = 0;
        for (int i = 0; i < 8; i++) {
            acc |= (uint64_t)h->group[i] << bits;
            bits += h->bw;
            while (bits >= 8) {
                *p++ = (uint8_t)acc;
                acc >>= 8;
                bits -= 8;
            }
        }
        h->out->len += (size_t)h->bw;
    } else {
        h->rc = PAIMON_ENOMEM;
    }
    h->buffered = 0;
    h->repeats = 0;
    h->groups++;
}

static void put(hybrid *h, uint32_t v) {
    if (v == h->last) {
        if (++h->repeats >= 8)
            return; /* part of a repeated run now: nothing to buffer */
    } else {
        if (h->repeats >= 8)
            put_repeated(h);
        h->repeats = 1;
        h->last = v;
    }
    h->group[h->buffered++] = v;
    if (h->buffered == 8)
        put_group(h);
}

int pm_pq_hybrid_append(pm_buf *out, const void *values, size_t elem_size, size_t n, int bw) {
    hybrid h = {out, bw, {0}, 0, 0, 0, SIZE_MAX, 0, PAIMON_OK};
    for (size_t i = 0; i < n; i++)
        put(&h, value_at(values, elem_size, i));
    if (h.repeats >= 8) {
        put_repeated(&h);
    } else if (h.buffered > 0) {
        while (h.buffered < 8)
            h.group[h.buffered++] = 0;
        put_group(&h);
    }
    close_packed(&h);
    return h.rc == PAIMON_OK ? PAIMON_OK : PAIMON_ENOMEM;
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
