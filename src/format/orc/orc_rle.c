/*
 * orc_rle.c - decoders for ORC byte RLE, boolean streams and integer RLE v1/v2.
 *
 * Integer runs are decoded whole (at most 512 values) either straight into the caller's array,
 * when the caller wants at least the whole run, or into the decoder's run buffer, from which
 * later reads continue. Arithmetic on decoded values is done in uint64_t so that corrupt input
 * wraps instead of overflowing a signed type.
 */
#include "format/orc/orc_rle.h"

#include "util/varint.h"

#include <string.h>

/* ---- byte RLE ---- */

void pm_orc_byte_rle_init(pm_orc_byte_rle *r, const uint8_t *data, size_t len) {
    r->p = data;
    r->end = len ? data + len : data;
    r->remaining = 0;
    r->repeat = false;
    r->value = 0;
}

static int byte_rle_next_run(pm_orc_byte_rle *r, paimon_error *err) {
    if (r->p >= r->end)
        return PM_CORRUPT(err, "byte RLE: stream ended before all values were read");
    uint8_t h = *r->p++;
    if (h < 0x80) {
        if (r->p >= r->end)
            return PM_CORRUPT(err, "byte RLE: run without its value");
        r->repeat = true;
        r->remaining = (size_t)h + 3;
        r->value = *r->p++;
    } else {
        r->repeat = false;
        r->remaining = 256 - (size_t)h;
        if ((size_t)(r->end - r->p) < r->remaining)
            return PM_CORRUPT(err, "byte RLE: literal run of %zu bytes overruns the stream",
                              r->remaining);
    }
    return PAIMON_OK;
}

int pm_orc_byte_rle_read(pm_orc_byte_rle *r, uint8_t *out, size_t n, paimon_error *err) {
    while (n > 0) {
        if (r->remaining == 0)
            PM_TRY(byte_rle_next_run(r, err));
        size_t take = n < r->remaining ? n : r->remaining;
        if (r->repeat) {
            memset(out, r->value, take);
        } else {
            memcpy(out, r->p, take);
            r->p += take;
        }
        out += take;
        n -= take;
        r->remaining -= take;
    }
    return PAIMON_OK;
}

/* ---- booleans ---- */

void pm_orc_bool_rle_init(pm_orc_bool_rle *r, const uint8_t *data, size_t len) {
    pm_orc_byte_rle_init(&r->bytes, data, len);
    r->current = 0;
    r->bits_left = 0;
}

int pm_orc_bool_rle_read(pm_orc_bool_rle *r, uint8_t *out, size_t n, paimon_error *err) {
    /* Finish the partly used byte, then expand whole bytes in blocks. */
    while (n > 0 && r->bits_left > 0) {
        r->bits_left--;
        *out++ = (r->current >> r->bits_left) & 1;
        n--;
    }
    uint8_t block[256];
    while (n >= 8) {
        size_t bytes = n / 8;
        if (bytes > sizeof block)
            bytes = sizeof block;
        PM_TRY(pm_orc_byte_rle_read(&r->bytes, block, bytes, err));
        for (size_t i = 0; i < bytes; i++) {
            uint8_t b = block[i];
            out[0] = (b >> 7) & 1;
            out[1] = (b >> 6) & 1;
            out[2] = (b >> 5) & 1;
            out[3] = (b >> 4) & 1;
            out[4] = (b >> 3) & 1;
            out[5] = (b >> 2) & 1;
            out[6] = (b >> 1) & 1;
            out[7] = b & 1;
            out += 8;
        }
        n -= bytes * 8;
    }
    if (n > 0) {
        PM_TRY(pm_orc_byte_rle_read(&r->bytes, &r->current, 1, err));
        r->bits_left = 8;
        while (n > 0) {
            r->bits_left--;
            *out++ = (r->current >> r->bits_left) & 1;
            n--;
        }
    }
    return PAIMON_OK;
}

/* ---- integer RLE ---- */

void pm_orc_int_rle_init(pm_orc_int_rle *r, const uint8_t *data, size_t len, int version,
                         bool is_signed) {
    r->p = data;
    r->end = len ? data + len : data;
    r->is_signed = is_signed;
    r->version = (uint8_t)version;
    r->fixed = false;
    r->remaining = 0;
    r->value = 0;
    r->delta = 0;
    r->lit_pos = 0;
}

unsigned pm_orc_rle_decode_width(unsigned code) {
    static const uint8_t table[32] = {1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11,
                                      12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
                                      23, 24, 26, 28, 30, 32, 40, 48, 56, 64};
    return table[code & 31];
}

/* Width a patch entry of gap width + patch width is stored with. */
static unsigned closest_fixed_bits(unsigned n) {
    if (n <= 24)
        return n == 0 ? 1 : n;
    if (n <= 26)
        return 26;
    if (n <= 28)
        return 28;
    if (n <= 30)
        return 30;
    if (n <= 32)
        return 32;
    if (n <= 40)
        return 40;
    if (n <= 48)
        return 48;
    if (n <= 56)
        return 56;
    return 64;
}

static inline int64_t unzigzag(uint64_t v) { return (int64_t)(v >> 1) ^ -(int64_t)(v & 1); }

static int read_varint(pm_orc_int_rle *r, uint64_t *out, paimon_error *err) {
    size_t n = pm_varint_decode(r->p, r->end, out);
    if (n == 0)
        return PM_CORRUPT(err, "integer RLE: truncated varint");
    r->p += n;
    return PAIMON_OK;
}

/* Unpacks n big-endian values of w bits (1..64) from r->p into out; the run ends on a byte
 * boundary. */
static int unpack(pm_orc_int_rle *r, unsigned w, size_t n, uint64_t *out, paimon_error *err) {
    size_t bits = (size_t)w * n;
    size_t bytes = (bits + 7) / 8;
    if ((size_t)(r->end - r->p) < bytes)
        return PM_CORRUPT(err, "integer RLE: run of %zu values x %u bits overruns the stream", n,
                          w);
    const uint8_t *p = r->p;
    switch (w) {
    case 8:
        for (size_t i = 0; i < n; i++)
            out[i] = p[i];
        break;
    case 16:
        for (size_t i = 0; i < n; i++, p += 2)
            out[i] = ((uint64_t)p[0] << 8) | p[1];
        break;
    case 32:
        for (size_t i = 0; i < n; i++, p += 4)
            out[i] = ((uint64_t)p[0] << 24) | ((uint64_t)p[1] << 16) | ((uint64_t)p[2] << 8) | p[3];
        break;
    case 64:
        for (size_t i = 0; i < n; i++, p += 8) {
            uint64_t v = 0;
            for (int k = 0; k < 8; k++)
                v = (v << 8) | p[k];
            out[i] = v;
        }
        break;
    default: {
        /* Widths other than 64 are at most 56, so acc never holds more than 63 bits. */
        uint64_t acc = 0;
        unsigned have = 0;
        uint64_t mask = ((uint64_t)1 << w) - 1;
        for (size_t i = 0; i < n; i++) {
            while (have < w) {
                acc = (acc << 8) | *p++;
                have += 8;
            }
            have -= w;
            out[i] = (acc >> have) & mask;
        }
        break;
    }
    }
    r->p += bytes;
    return PAIMON_OK;
}

static int v1_next_run(pm_orc_int_rle *r, int64_t *direct, size_t room, size_t *taken,
                       paimon_error *err) {
    uint8_t h = *r->p++;
    if (h < 0x80) {
        if (r->p >= r->end)
            return PM_CORRUPT(err, "integer RLE v1: run without delta");
        int8_t delta = (int8_t)*r->p++;
        uint64_t base;
        PM_TRY(read_varint(r, &base, err));
        r->fixed = true;
        r->remaining = (size_t)h + 3;
        r->value = r->is_signed ? (uint64_t)unzigzag(base) : base;
        r->delta = (uint64_t)(int64_t)delta;
        return PAIMON_OK;
    }
    size_t count = 256 - (size_t)h;
    int64_t *dst = count <= room ? direct : r->lit;
    for (size_t i = 0; i < count; i++) {
        uint64_t v;
        PM_TRY(read_varint(r, &v, err));
        dst[i] = r->is_signed ? unzigzag(v) : (int64_t)v;
    }
    if (dst == direct) {
        *taken = count;
        return PAIMON_OK;
    }
    r->fixed = false;
    r->remaining = count;
    r->lit_pos = 0;
    return PAIMON_OK;
}

static int v2_patched(pm_orc_int_rle *r, uint8_t h0, int64_t *dst, size_t *count_out,
                      paimon_error *err) {
    if (r->end - r->p < 3)
        return PM_CORRUPT(err, "integer RLE v2: truncated patched-base header");
    unsigned w = pm_orc_rle_decode_width((h0 >> 1) & 31);
    size_t len = ((size_t)(h0 & 1) << 8 | r->p[0]) + 1;
    unsigned bw = ((r->p[1] >> 5) & 7) + 1;
    unsigned pw = pm_orc_rle_decode_width(r->p[1] & 31);
    unsigned pgw = ((r->p[2] >> 5) & 7) + 1;
    size_t pll = r->p[2] & 31;
    r->p += 3;
    if (w + pw > 64 || pgw + pw > 64)
        return PM_CORRUPT(err, "integer RLE v2: patch width %u with value width %u and gap width "
                               "%u exceeds 64 bits", pw, w, pgw);
    if ((size_t)(r->end - r->p) < bw)
        return PM_CORRUPT(err, "integer RLE v2: truncated patched base value");
    uint64_t base = 0;
    for (unsigned i = 0; i < bw; i++)
        base = (base << 8) | *r->p++;
    /* The base is sign-magnitude: the top bit of its bytes is the sign. */
    uint64_t sign_bit = (uint64_t)1 << (bw * 8 - 1);
    int64_t base_value = (base & sign_bit) ? -(int64_t)(base & ~sign_bit) : (int64_t)base;
    uint64_t *vals = (uint64_t *)dst;
    PM_TRY(unpack(r, w, len, vals, err));
    if (pll > 0) {
        unsigned cfb = closest_fixed_bits(pgw + pw);
        uint64_t patches[31];
        PM_TRY(unpack(r, cfb, pll, patches, err));
        uint64_t patch_mask = pw >= 64 ? ~(uint64_t)0 : (((uint64_t)1 << pw) - 1);
        size_t idx = 0;
        for (size_t i = 0; i < pll; i++) {
            uint64_t gap = pw >= 64 ? 0 : patches[i] >> pw;
            uint64_t patch = patches[i] & patch_mask;
            idx += (size_t)gap;
            if (idx >= len)
                return PM_CORRUPT(err, "integer RLE v2: patch at index %zu outside a run of %zu",
                                  idx, len);
            /* A zero patch only carries a gap longer than the gap width allows. */
            if (patch != 0)
                vals[idx] |= w >= 64 ? 0 : patch << w;
        }
    }
    for (size_t i = 0; i < len; i++)
        dst[i] = (int64_t)((uint64_t)base_value + vals[i]);
    *count_out = len;
    return PAIMON_OK;
}

static int v2_delta(pm_orc_int_rle *r, uint8_t h0, int64_t *dst, size_t *count_out,
                    bool *is_fixed, paimon_error *err) {
    if (r->p >= r->end)
        return PM_CORRUPT(err, "integer RLE v2: truncated delta header");
    unsigned code = (h0 >> 1) & 31;
    unsigned w = code == 0 ? 0 : pm_orc_rle_decode_width(code);
    size_t len = ((size_t)(h0 & 1) << 8 | *r->p++) + 1;
    uint64_t base_raw, delta_raw;
    PM_TRY(read_varint(r, &base_raw, err));
    PM_TRY(read_varint(r, &delta_raw, err));
    uint64_t base = r->is_signed ? (uint64_t)unzigzag(base_raw) : base_raw;
    int64_t delta_base = unzigzag(delta_raw);
    if (w == 0) {
        /* Fixed delta (also how long constant runs are written: delta 0). */
        *is_fixed = true;
        r->fixed = true;
        r->remaining = len;
        r->value = base;
        r->delta = (uint64_t)delta_base;
        return PAIMON_OK;
    }
    *is_fixed = false;
    dst[0] = (int64_t)base;
    if (len == 1) {
        *count_out = 1;
        return PAIMON_OK;
    }
    uint64_t cur = base + (uint64_t)delta_base;
    dst[1] = (int64_t)cur;
    if (len > 2) {
        uint64_t *deltas = (uint64_t *)dst + 2;
        PM_TRY(unpack(r, w, len - 2, deltas, err));
        if (delta_base >= 0) {
            for (size_t i = 2; i < len; i++) {
                cur += deltas[i - 2];
                dst[i] = (int64_t)cur;
            }
        } else {
            for (size_t i = 2; i < len; i++) {
                cur -= deltas[i - 2];
                dst[i] = (int64_t)cur;
            }
        }
    }
    *count_out = len;
    return PAIMON_OK;
}

/* Decodes the next run. Literal-like runs go to `direct` (and *taken is set) when the whole run
 * fits in `room`, otherwise into r->lit; fixed runs only set the run state. */
static int v2_next_run(pm_orc_int_rle *r, int64_t *direct, size_t room, size_t *taken,
                       paimon_error *err) {
    uint8_t h0 = *r->p++;
    unsigned enc = h0 >> 6;
    if (enc == 0) {
        /* Short repeat: 3..10 copies of one value of 1..8 bytes. */
        unsigned width = ((h0 >> 3) & 7) + 1;
        if ((size_t)(r->end - r->p) < width)
            return PM_CORRUPT(err, "integer RLE v2: truncated short repeat");
        uint64_t v = 0;
        for (unsigned i = 0; i < width; i++)
            v = (v << 8) | *r->p++;
        r->fixed = true;
        r->remaining = (size_t)(h0 & 7) + 3;
        r->value = r->is_signed ? (uint64_t)unzigzag(v) : v;
        r->delta = 0;
        return PAIMON_OK;
    }
    /* Direct, patched base and delta runs hold 1..512 values; peek at the length. */
    if (r->p >= r->end)
        return PM_CORRUPT(err, "integer RLE v2: truncated header");
    size_t len = ((size_t)(h0 & 1) << 8 | r->p[0]) + 1;
    int64_t *dst = len <= room ? direct : r->lit;
    size_t count = 0;
    if (enc == 1) {
        unsigned w = pm_orc_rle_decode_width((h0 >> 1) & 31);
        r->p++;
        uint64_t *u = (uint64_t *)dst;
        PM_TRY(unpack(r, w, len, u, err));
        if (r->is_signed) {
            for (size_t i = 0; i < len; i++)
                dst[i] = unzigzag(u[i]);
        }
        count = len;
    } else if (enc == 2) {
        PM_TRY(v2_patched(r, h0, dst, &count, err));
    } else {
        bool is_fixed;
        PM_TRY(v2_delta(r, h0, dst, &count, &is_fixed, err));
        if (is_fixed)
            return PAIMON_OK;
    }
    if (dst == direct) {
        *taken = count;
        return PAIMON_OK;
    }
    r->fixed = false;
    r->remaining = count;
    r->lit_pos = 0;
    return PAIMON_OK;
}

int pm_orc_int_rle_read(pm_orc_int_rle *r, int64_t *out, size_t n, paimon_error *err) {
    while (n > 0) {
        if (r->remaining == 0) {
            if (r->p >= r->end)
                return PM_CORRUPT(err, "integer RLE: stream ended before all values were read");
            size_t taken = 0;
            if (r->version == 1)
                PM_TRY(v1_next_run(r, out, n, &taken, err));
            else
                PM_TRY(v2_next_run(r, out, n, &taken, err));
            if (taken > 0) {
                out += taken;
                n -= taken;
                continue;
            }
        }
        size_t take = n < r->remaining ? n : r->remaining;
        if (r->fixed) {
            uint64_t v = r->value, d = r->delta;
            for (size_t i = 0; i < take; i++) {
                out[i] = (int64_t)v;
                v += d;
            }
            r->value = v;
        } else {
            memcpy(out, r->lit + r->lit_pos, take * sizeof *out);
            r->lit_pos += take;
        }
        out += take;
        n -= take;
        r->remaining -= take;
    }
    return PAIMON_OK;
}
