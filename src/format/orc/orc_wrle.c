/*
 * orc_wrle.c - ORC run-length encoders.
 *
 * Integer values are cut into runs: three or more equal values become a short repeat (up to 10)
 * or a delta run with width 0 (longer); other stretches become a delta run when they move in one
 * direction and that is smaller, else a direct run with the narrowest aligned bit width.
 * Patched base is never written (every reader must still decode it).
 */
#include "format/orc/orc_wrle.h"

#include "util/varint.h"

#include <string.h>

/* ---- byte RLE ---- */

void pm_orc_byte_enc_init(pm_orc_byte_enc *e, pm_buf *out) {
    e->out = out;
    e->count = 0;
}

static int byte_literals(pm_orc_byte_enc *e, const uint8_t *v, size_t n) {
    PM_TRY(pm_buf_append_byte(e->out, (uint8_t)(256 - n)));
    return pm_buf_append(e->out, v, n);
}

/* Writes the pending bytes, turning stretches of 3+ equal bytes into runs. */
int pm_orc_byte_enc_flush(pm_orc_byte_enc *e) {
    const uint8_t *v = e->pending;
    size_t n = e->count, i = 0, lit = 0;
    while (i < n) {
        size_t r = 1;
        while (i + r < n && v[i + r] == v[i] && r < 130)
            r++;
        if (r >= 3) {
            if (i > lit)
                PM_TRY(byte_literals(e, v + lit, i - lit));
            PM_TRY(pm_buf_append_byte(e->out, (uint8_t)(r - 3)));
            PM_TRY(pm_buf_append_byte(e->out, v[i]));
            i += r;
            lit = i;
        } else {
            i += r;
        }
    }
    if (n > lit)
        PM_TRY(byte_literals(e, v + lit, n - lit));
    e->count = 0;
    return PAIMON_OK;
}

int pm_orc_byte_enc_add(pm_orc_byte_enc *e, uint8_t v) {
    e->pending[e->count++] = v;
    return e->count == sizeof e->pending ? pm_orc_byte_enc_flush(e) : PAIMON_OK;
}

/* ---- booleans ---- */

void pm_orc_bool_enc_init(pm_orc_bool_enc *e, pm_buf *out) {
    pm_orc_byte_enc_init(&e->bytes, out);
    e->current = 0;
    e->bits = 0;
}

int pm_orc_bool_enc_add(pm_orc_bool_enc *e, bool v) {
    e->current = (uint8_t)(e->current | (v ? 0x80u >> e->bits : 0));
    if (++e->bits == 8) {
        PM_TRY(pm_orc_byte_enc_add(&e->bytes, e->current));
        e->current = 0;
        e->bits = 0;
    }
    return PAIMON_OK;
}

int pm_orc_bool_enc_flush(pm_orc_bool_enc *e) {
    if (e->bits > 0) {
        PM_TRY(pm_orc_byte_enc_add(&e->bytes, e->current));
        e->current = 0;
        e->bits = 0;
    }
    return pm_orc_byte_enc_flush(&e->bytes);
}

/* ---- integer RLE v2 ---- */

void pm_orc_int_enc_init(pm_orc_int_enc *e, pm_buf *out, bool is_signed) {
    e->out = out;
    e->is_signed = is_signed;
    e->count = 0;
}

static unsigned bits_needed(uint64_t v) {
    unsigned n = 0;
    while (v != 0) {
        n++;
        v >>= 1;
    }
    return n;
}

/* Rounds up to a width the reader table has without deprecated entries; returns its code. */
static unsigned aligned_width(unsigned bits, unsigned *code) {
    static const uint8_t widths[] = {1, 2, 4, 8, 16, 24, 32, 40, 48, 56, 64};
    static const uint8_t codes[] = {0, 1, 3, 7, 15, 23, 27, 28, 29, 30, 31};
    for (size_t i = 0; i < sizeof widths; i++) {
        if (bits <= widths[i]) {
            *code = codes[i];
            return widths[i];
        }
    }
    *code = 31;
    return 64;
}

static uint64_t encoded(const pm_orc_int_enc *e, int64_t v) {
    return e->is_signed ? pm_zigzag_encode64(v) : (uint64_t)v;
}

static int put_packed(pm_buf *out, const uint64_t *v, size_t n, unsigned w) {
    uint64_t acc = 0;
    unsigned have = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t x = w == 64 ? v[i] : v[i] & (((uint64_t)1 << w) - 1);
        for (unsigned left = w; left > 0;) {
            unsigned take = left < 8 - have ? left : 8 - have;
            acc = (acc << take) | ((x >> (left - take)) & ((1u << take) - 1));
            have += take;
            left -= take;
            if (have == 8) {
                PM_TRY(pm_buf_append_byte(out, (uint8_t)acc));
                acc = 0;
                have = 0;
            }
        }
    }
    if (have > 0)
        PM_TRY(pm_buf_append_byte(out, (uint8_t)(acc << (8 - have))));
    return PAIMON_OK;
}

static int put_varint(pm_buf *out, uint64_t v) {
    uint8_t tmp[PM_VARINT_MAX];
    return pm_buf_append(out, tmp, pm_varint_encode(v, tmp));
}

static int short_repeat(pm_orc_int_enc *e, int64_t value, size_t n) {
    uint64_t u = encoded(e, value);
    unsigned bytes = (bits_needed(u) + 7) / 8;
    if (bytes == 0)
        bytes = 1;
    PM_TRY(pm_buf_append_byte(e->out, (uint8_t)(((bytes - 1) << 3) | (n - 3))));
    for (unsigned i = bytes; i-- > 0;)
        PM_TRY(pm_buf_append_byte(e->out, (uint8_t)(u >> (i * 8))));
    return PAIMON_OK;
}

static int delta_header(pm_orc_int_enc *e, unsigned code, size_t n, int64_t base,
                        int64_t delta_base) {
    PM_TRY(pm_buf_append_byte(e->out, (uint8_t)(0xC0 | (code << 1) | ((n - 1) >> 8))));
    PM_TRY(pm_buf_append_byte(e->out, (uint8_t)((n - 1) & 0xFF)));
    PM_TRY(put_varint(e->out, encoded(e, base)));
    return put_varint(e->out, pm_zigzag_encode64(delta_base));
}

static int direct(pm_orc_int_enc *e, const int64_t *v, size_t n) {
    uint64_t u[512];
    uint64_t all = 0;
    for (size_t i = 0; i < n; i++) {
        u[i] = encoded(e, v[i]);
        all |= u[i];
    }
    unsigned code;
    unsigned w = aligned_width(bits_needed(all), &code);
    PM_TRY(pm_buf_append_byte(e->out, (uint8_t)(0x40 | (code << 1) | ((n - 1) >> 8))));
    PM_TRY(pm_buf_append_byte(e->out, (uint8_t)((n - 1) & 0xFF)));
    return put_packed(e->out, u, n, w);
}

/* A delta run needs one direction, a first delta that fits int64 and is non-zero (its sign
 * gives the direction). Returns false when v cannot be delta encoded. */
static bool delta_widths(const int64_t *v, size_t n, unsigned *bits_out, bool *fixed) {
    if (n < 2 || v[1] == v[0])
        return false;
    bool up = v[1] > v[0];
    uint64_t first = up ? (uint64_t)v[1] - (uint64_t)v[0] : (uint64_t)v[0] - (uint64_t)v[1];
    if (first > (uint64_t)INT64_MAX)
        return false;
    uint64_t all = 0;
    bool same = true;
    for (size_t i = 2; i < n; i++) {
        if (up ? v[i] < v[i - 1] : v[i] > v[i - 1])
            return false;
        uint64_t d = up ? (uint64_t)v[i] - (uint64_t)v[i - 1] : (uint64_t)v[i - 1] - (uint64_t)v[i];
        all |= d;
        same = same && d == first;
    }
    *fixed = same;
    *bits_out = bits_needed(all);
    return true;
}

static int literals(pm_orc_int_enc *e, const int64_t *v, size_t n) {
    if (n == 1)
        return direct(e, v, n);
    unsigned dbits;
    bool fixed;
    if (delta_widths(v, n, &dbits, &fixed)) {
        int64_t delta_base = (int64_t)((uint64_t)v[1] - (uint64_t)v[0]);
        if (fixed)
            return delta_header(e, 0, n, v[0], delta_base);
        uint64_t all = 0;
        for (size_t i = 0; i < n; i++)
            all |= encoded(e, v[i]);
        unsigned code, dcode;
        unsigned dw = aligned_width(dbits, &dcode);
        unsigned w = aligned_width(bits_needed(all), &code);
        if ((size_t)dw * (n - 2) + 128 < (size_t)w * n) {
            uint64_t d[512];
            bool up = v[1] > v[0];
            for (size_t i = 2; i < n; i++)
                d[i - 2] = up ? (uint64_t)v[i] - (uint64_t)v[i - 1]
                              : (uint64_t)v[i - 1] - (uint64_t)v[i];
            PM_TRY(delta_header(e, dcode, n, v[0], delta_base));
            return put_packed(e->out, d, n - 2, dw);
        }
    }
    return direct(e, v, n);
}

int pm_orc_int_enc_flush(pm_orc_int_enc *e) {
    const int64_t *v = e->pending;
    size_t n = e->count, i = 0, lit = 0;
    while (i < n) {
        size_t r = 1;
        while (i + r < n && v[i + r] == v[i])
            r++;
        if (r >= 3) {
            if (i > lit)
                PM_TRY(literals(e, v + lit, i - lit));
            if (r <= 10)
                PM_TRY(short_repeat(e, v[i], r));
            else
                PM_TRY(delta_header(e, 0, r, v[i], 0));
            i += r;
            lit = i;
        } else {
            i += r;
        }
    }
    if (n > lit)
        PM_TRY(literals(e, v + lit, n - lit));
    e->count = 0;
    return PAIMON_OK;
}

int pm_orc_int_enc_add(pm_orc_int_enc *e, int64_t v) {
    e->pending[e->count++] = v;
    return e->count == 512 ? pm_orc_int_enc_flush(e) : PAIMON_OK;
}

int pm_orc_int_enc_add_all(pm_orc_int_enc *e, const int64_t *v, size_t n) {
    for (size_t i = 0; i < n; i++)
        PM_TRY(pm_orc_int_enc_add(e, v[i]));
    return PAIMON_OK;
}
