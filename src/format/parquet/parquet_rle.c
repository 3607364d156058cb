/*
 * parquet_rle.c - bit unpacking and the RLE/bit-packed hybrid encoding (Encodings.md).
 *
 * Unpacking loads 8 bytes at a time and shifts, so each value costs one unaligned load; near
 * the end of the window a byte-wise load keeps every read inside it.
 */
#include "format/parquet/parquet_encoding.h"

#include "util/endian.h"
#include "util/varint.h"

#include <string.h>

/* Little-endian load of up to 8 bytes that stops at the end of the window. */
static inline uint64_t load_tail(const uint8_t *p, size_t avail) {
    uint64_t v = 0;
    size_t n = avail < 8 ? avail : 8;
    for (size_t i = 0; i < n; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

static inline uint64_t load_window(const uint8_t *base, size_t len, size_t byte) {
    if (byte + 8 <= len)
        return pm_load_le64(base + byte);
    return byte < len ? load_tail(base + byte, len - byte) : 0;
}

uint64_t pm_pq_bits_at(const uint8_t *base, size_t len, uint64_t bit, int bw) {
    if (bw == 0)
        return 0;
    size_t byte = (size_t)(bit >> 3);
    unsigned shift = (unsigned)(bit & 7);
    uint64_t lo = load_window(base, len, byte) >> shift;
    if (bw + (int)shift > 64) {
        /* The value straddles the 8 loaded bytes: take its top bits from the ninth. */
        uint64_t hi = byte + 8 < len ? base[byte + 8] : 0;
        lo |= hi << (64 - shift);
    }
    return bw == 64 ? lo : lo & ((UINT64_C(1) << bw) - 1);
}

void pm_pq_unpack32(const uint8_t *src, size_t src_len, int bw, uint32_t *out, size_t n) {
    if (bw == 0) {
        memset(out, 0, n * sizeof *out);
        return;
    }
    const uint64_t mask = (UINT64_C(1) << bw) - 1;
    size_t i = 0;
    uint64_t bit = 0;
    /* Fast part: every 8-byte load stays inside the window. */
    if (src_len >= 8) {
        size_t safe_bits = (src_len - 8) * 8;
        for (; i < n && bit <= safe_bits; i++, bit += (uint64_t)bw)
            out[i] = (uint32_t)((pm_load_le64(src + (bit >> 3)) >> (bit & 7)) & mask);
    }
    for (; i < n; i++, bit += (uint64_t)bw)
        out[i] = (uint32_t)((load_window(src, src_len, (size_t)(bit >> 3)) >> (bit & 7)) & mask);
}

void pm_pq_rle_init(pm_pq_rle *r, const uint8_t *data, size_t len, int bit_width) {
    memset(r, 0, sizeof *r);
    r->p = data;
    r->end = data + len;
    r->bw = bit_width;
}

/* Reads the next run header. */
static int next_run(pm_pq_rle *r, paimon_error *err) {
    uint64_t h;
    size_t n = pm_varint_decode(r->p, r->end, &h);
    if (n == 0)
        return pm_err(err, PAIMON_ECORRUPT, "RLE data ends before all values were read");
    r->p += n;
    size_t left = (size_t)(r->end - r->p);
    if (h & 1) {
        uint64_t groups = h >> 1;
        if (groups > (UINT64_C(1) << 28))
            return pm_err(err, PAIMON_ECORRUPT, "RLE bit-packed run too long");
        uint64_t bytes = groups * (uint64_t)r->bw;
        uint64_t count = groups * 8;
        /* Writers may cut the last run short of its padding; keep what is there. */
        if (bytes > left) {
            bytes = left;
            count = r->bw == 0 ? count : (bytes * 8) / (uint64_t)r->bw;
        }
        r->literal = true;
        r->lit = r->p;
        r->lit_len = (size_t)bytes;
        r->lit_pos = 0;
        r->run_left = (uint32_t)count;
        r->p += bytes;
    } else {
        uint64_t count = h >> 1;
        if (count > UINT32_MAX)
            return pm_err(err, PAIMON_ECORRUPT, "RLE run too long");
        size_t vbytes = (size_t)(r->bw + 7) / 8;
        if (vbytes > left)
            return pm_err(err, PAIMON_ECORRUPT, "RLE run value truncated");
        uint32_t v = 0;
        for (size_t i = 0; i < vbytes; i++)
            v |= (uint32_t)r->p[i] << (8 * i);
        r->p += vbytes;
        r->literal = false;
        r->value = v;
        r->run_left = (uint32_t)count;
    }
    return PAIMON_OK;
}

int pm_pq_rle_get_u32(pm_pq_rle *r, uint32_t *out, size_t n, paimon_error *err) {
    while (n > 0) {
        if (r->run_left == 0) {
            PM_TRY(next_run(r, err));
            continue;
        }
        size_t k = r->run_left < n ? r->run_left : n;
        if (r->literal) {
            /* Values before the next multiple of 8 are read one by one; from there on every
             * group of 8 starts on a byte boundary and the bulk unpacker takes over. */
            size_t i = 0;
            for (; i < k && (r->lit_pos & 7) != 0; i++, r->lit_pos++)
                out[i] = (uint32_t)pm_pq_bits_at(r->lit, r->lit_len, r->lit_pos * (uint64_t)r->bw,
                                                 r->bw);
            if (i < k) {
                size_t byte = (size_t)((r->lit_pos * (uint64_t)r->bw) >> 3);
                pm_pq_unpack32(r->lit + byte, r->lit_len - byte, r->bw, out + i, k - i);
                r->lit_pos += k - i;
            }
        } else {
            uint32_t v = r->value;
            for (size_t i = 0; i < k; i++)
                out[i] = v;
        }
        r->run_left -= (uint32_t)k;
        out += k;
        n -= k;
    }
    return PAIMON_OK;
}

int pm_pq_rle_get_levels(pm_pq_rle *r, uint8_t *out, size_t n, int max_level, bool lazy,
                         size_t *count_max, paimon_error *err) {
    uint32_t tmp[256];
    size_t at_max = 0;
    const uint32_t mx = (uint32_t)max_level;
    if (lazy && n > 0) {
        /* One run of the maximum covering everything: the caller needs only the count. */
        if (r->run_left == 0)
            PM_TRY(next_run(r, err));
        if (!r->literal && r->value == mx && r->run_left >= n) {
            r->run_left -= (uint32_t)n;
            *count_max = n;
            return PAIMON_OK;
        }
    }
    while (n > 0) {
        if (r->run_left == 0) {
            PM_TRY(next_run(r, err));
            continue;
        }
        size_t k = r->run_left < n ? r->run_left : n;
        if (!r->literal) {
            /* A run checks and counts its value once. */
            if (r->value > mx)
                return pm_err(err, PAIMON_ECORRUPT, "level %u above the maximum %d", r->value,
                              max_level);
            memset(out, (int)r->value, k);
            at_max += r->value == mx ? k : 0;
            r->run_left -= (uint32_t)k;
            out += k;
            n -= k;
            continue;
        }
        if (k > 256)
            k = 256;
        PM_TRY(pm_pq_rle_get_u32(r, tmp, k, err));
        uint32_t hi = 0;
        for (size_t i = 0; i < k; i++) {
            hi |= tmp[i] > mx;
            at_max += tmp[i] == mx;
            out[i] = (uint8_t)tmp[i];
        }
        if (hi)
            return pm_err(err, PAIMON_ECORRUPT, "level above the maximum %d", max_level);
        out += k;
        n -= k;
    }
    *count_max = at_max;
    return PAIMON_OK;
}

int pm_pq_bitpacked_msb_get_u8(const uint8_t *data, size_t len, int bw, uint8_t *out, size_t n,
                               paimon_error *err) {
    if (bw > 8)
        return pm_err(err, PAIMON_ECORRUPT, "BIT_PACKED level width %d too large", bw);
    uint64_t need = ((uint64_t)n * (uint64_t)bw + 7) / 8;
    if (need > len)
        return pm_err(err, PAIMON_ECORRUPT, "BIT_PACKED levels truncated");
    uint64_t bit = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned v = 0;
        for (int b = 0; b < bw; b++, bit++)
            v = (v << 1) | ((data[bit >> 3] >> (7 - (bit & 7))) & 1u);
        out[i] = (uint8_t)v;
    }
    return PAIMON_OK;
}
