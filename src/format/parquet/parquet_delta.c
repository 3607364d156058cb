/*
 * parquet_delta.c - DELTA_BINARY_PACKED decoding (Encodings.md).
 *
 * The stream is a header (block size, miniblocks per block, value count, first value) and then
 * blocks of a min delta plus bit-packed miniblocks. Arithmetic wraps modulo 2^64 as the writers'
 * does, so any input decodes without undefined behaviour; the caller truncates to 32 bits for
 * INT32 columns.
 */
#include "format/parquet/parquet_encoding.h"

#include "util/varint.h"

#include <string.h>

static int truncated(paimon_error *err) {
    return pm_err(err, PAIMON_ECORRUPT, "DELTA_BINARY_PACKED data truncated");
}

static int read_uvarint(pm_pq_delta *d, uint64_t *out, paimon_error *err) {
    size_t n = pm_varint_decode(d->p, d->end, out);
    if (n == 0)
        return truncated(err);
    d->p += n;
    return PAIMON_OK;
}

int pm_pq_delta_init(pm_pq_delta *d, const uint8_t *data, size_t len, int max_bw,
                     paimon_error *err) {
    memset(d, 0, sizeof *d);
    d->p = data;
    d->end = data + len;
    d->max_bw = max_bw;
    uint64_t first;
    PM_TRY(read_uvarint(d, &d->block_size, err));
    PM_TRY(read_uvarint(d, &d->mini_count, err));
    PM_TRY(read_uvarint(d, &d->total, err));
    PM_TRY(read_uvarint(d, &first, err));
    if (d->block_size == 0 || d->block_size % 128 != 0 || d->block_size > (1u << 20) ||
        d->mini_count == 0 || d->mini_count > 256 || d->block_size % d->mini_count != 0 ||
        (d->block_size / d->mini_count) % 32 != 0)
        return pm_err(err, PAIMON_ECORRUPT,
                      "DELTA_BINARY_PACKED header invalid (block size %llu, %llu miniblocks)",
                      (unsigned long long)d->block_size, (unsigned long long)d->mini_count);
    d->per_mini = d->block_size / d->mini_count;
    d->last = (uint64_t)pm_zigzag_decode64(first);
    d->remaining = d->total;
    d->first_pending = d->total > 0;
    d->mini_next = d->mini_count; /* the first delta needs a block header */
    return PAIMON_OK;
}

static int next_block(pm_pq_delta *d, paimon_error *err) {
    uint64_t md;
    PM_TRY(read_uvarint(d, &md, err));
    d->min_delta = (uint64_t)pm_zigzag_decode64(md);
    if ((uint64_t)(d->end - d->p) < d->mini_count)
        return truncated(err);
    memcpy(d->widths, d->p, (size_t)d->mini_count);
    d->p += d->mini_count;
    d->mini_next = 0;
    return PAIMON_OK;
}

/* Moves to the next miniblock (of this block or a new one). `left` values are still wanted
 * from the stream, which bounds the bytes the last miniblock must have. */
static int next_mini(pm_pq_delta *d, uint64_t left, paimon_error *err) {
    if (d->mini_next >= d->mini_count)
        PM_TRY(next_block(d, err));
    int bw = d->widths[d->mini_next++];
    if (bw > d->max_bw)
        return pm_err(err, PAIMON_ECORRUPT, "DELTA_BINARY_PACKED bit width %d too large", bw);
    uint64_t full = d->per_mini * (uint64_t)bw / 8;
    uint64_t want = left < d->per_mini ? left : d->per_mini;
    uint64_t need = (want * (uint64_t)bw + 7) / 8;
    uint64_t avail = (uint64_t)(d->end - d->p);
    if (need > avail)
        return truncated(err);
    /* A writer may omit the padding of the last miniblock; take what is there. */
    uint64_t take = full <= avail ? full : avail;
    d->cur_bw = bw;
    d->mini = d->p;
    d->mini_len = (size_t)take;
    d->mini_pos = 0;
    d->p += take;
    return PAIMON_OK;
}

int pm_pq_delta_get(pm_pq_delta *d, int64_t *out, size_t n, paimon_error *err) {
    if (n > d->remaining)
        return pm_err(err, PAIMON_ECORRUPT, "DELTA_BINARY_PACKED stream has fewer values than "
                                            "the page");
    size_t i = 0;
    if (n > 0 && d->first_pending) {
        out[i++] = (int64_t)d->last;
        d->first_pending = false;
        d->remaining--;
    }
    uint64_t mask32 = d->max_bw == 32 ? 0xFFFFFFFFu : UINT64_MAX;
    while (i < n) {
        if (d->mini == NULL || d->mini_pos == d->per_mini)
            PM_TRY(next_mini(d, d->remaining, err));
        int bw = d->cur_bw;
        uint64_t k = d->per_mini - d->mini_pos;
        if (k > n - i)
            k = n - i;
        uint64_t v = d->last;
        for (uint64_t j = 0; j < k; j++) {
            uint64_t delta = pm_pq_bits_at(d->mini, d->mini_len, (d->mini_pos + j) * (uint64_t)bw,
                                           bw);
            v = (v + d->min_delta + delta) & mask32;
            out[i + j] = d->max_bw == 32 ? (int64_t)(int32_t)(uint32_t)v : (int64_t)v;
        }
        d->last = v;
        d->mini_pos += k;
        d->remaining -= k;
        i += (size_t)k;
    }
    return PAIMON_OK;
}
