/* decimal.c - 128-bit decimal arithmetic on a (lo, hi) pair; no compiler extensions needed. */
#include "data/decimal.h"

#include <math.h>
#include <string.h>

bool pm_dec_to_i64(pm_decimal128 d, int64_t *out) {
    int64_t lo = (int64_t)d.lo;
    if (d.hi != (lo < 0 ? -1 : 0))
        return false;
    *out = lo;
    return true;
}

bool pm_dec_from_be_bytes(const uint8_t *bytes, size_t n, pm_decimal128 *out) {
    if (n == 0) {
        out->lo = 0;
        out->hi = 0;
        return true;
    }
    uint8_t sign = (bytes[0] & 0x80) ? 0xFF : 0x00;
    while (n > 16) {
        if (bytes[0] != sign)
            return false;
        bytes++;
        n--;
    }
    if (n == 16 && ((bytes[0] & 0x80) ? 0xFF : 0x00) != sign)
        return false;
    uint8_t full[16];
    memset(full, sign, 16 - n);
    memcpy(full + 16 - n, bytes, n);
    uint64_t hi = 0, lo = 0;
    for (int i = 0; i < 8; i++)
        hi = (hi << 8) | full[i];
    for (int i = 8; i < 16; i++)
        lo = (lo << 8) | full[i];
    out->hi = (int64_t)hi;
    out->lo = lo;
    return true;
}

static void to_be16(pm_decimal128 d, uint8_t out[16]) {
    uint64_t hi = (uint64_t)d.hi;
    for (int i = 7; i >= 0; i--) {
        out[i] = (uint8_t)hi;
        hi >>= 8;
    }
    uint64_t lo = d.lo;
    for (int i = 15; i >= 8; i--) {
        out[i] = (uint8_t)lo;
        lo >>= 8;
    }
}

size_t pm_dec_to_be_bytes(pm_decimal128 d, uint8_t out[16]) {
    uint8_t full[16];
    to_be16(d, full);
    /* Drop leading bytes that only repeat the sign of the byte after them. */
    size_t start = 0;
    while (start < 15) {
        bool sign_byte = (full[start] == 0x00 && !(full[start + 1] & 0x80)) ||
                         (full[start] == 0xFF && (full[start + 1] & 0x80));
        if (!sign_byte)
            break;
        start++;
    }
    memcpy(out, full + start, 16 - start);
    return 16 - start;
}

void pm_dec_to_be_fixed(pm_decimal128 d, uint8_t *out, size_t n) {
    uint8_t full[16];
    to_be16(d, full);
    if (n >= 16) {
        memset(out, d.hi < 0 ? 0xFF : 0x00, n - 16);
        memcpy(out + n - 16, full, 16);
    } else {
        memcpy(out, full + 16 - n, n);
    }
}

void pm_dec_store_le(pm_decimal128 d, uint8_t out[16]) {
    uint64_t lo = d.lo, hi = (uint64_t)d.hi;
    for (int i = 0; i < 8; i++) {
        out[i] = (uint8_t)lo;
        out[8 + i] = (uint8_t)hi;
        lo >>= 8;
        hi >>= 8;
    }
}

pm_decimal128 pm_dec_load_le(const uint8_t in[16]) {
    uint64_t lo = 0, hi = 0;
    for (int i = 7; i >= 0; i--) {
        lo = (lo << 8) | in[i];
        hi = (hi << 8) | in[8 + i];
    }
    pm_decimal128 d = {lo, (int64_t)hi};
    return d;
}

int pm_dec_compare(pm_decimal128 a, pm_decimal128 b) {
    if (a.hi != b.hi)
        return a.hi < b.hi ? -1 : 1;
    if (a.lo != b.lo)
        return a.lo < b.lo ? -1 : 1;
    return 0;
}

pm_decimal128 pm_dec_negate(pm_decimal128 d) {
    pm_decimal128 r;
    r.lo = ~d.lo + 1;
    r.hi = (int64_t)(~(uint64_t)d.hi + (r.lo == 0 ? 1 : 0));
    return r;
}

bool pm_dec_add(pm_decimal128 a, pm_decimal128 b, pm_decimal128 *out) {
    pm_decimal128 r;
    r.lo = a.lo + b.lo;
    uint64_t carry = r.lo < a.lo ? 1 : 0;
    r.hi = (int64_t)((uint64_t)a.hi + (uint64_t)b.hi + carry);
    /* Signed overflow: both operands share a sign that the result does not. */
    if ((a.hi < 0) == (b.hi < 0) && (r.hi < 0) != (a.hi < 0))
        return false;
    *out = r;
    return true;
}

/* Unsigned 128 x 64 -> 128 multiply; returns false if the product needs more than 128 bits. */
static bool umul128_64(uint64_t hi, uint64_t lo, uint64_t m, uint64_t *out_hi, uint64_t *out_lo) {
    uint64_t a[4] = {lo & 0xFFFFFFFFu, lo >> 32, hi & 0xFFFFFFFFu, hi >> 32};
    uint64_t b[2] = {m & 0xFFFFFFFFu, m >> 32};
    uint64_t r[6] = {0};
    for (int i = 0; i < 4; i++) {
        uint64_t carry = 0;
        for (int j = 0; j < 2; j++) {
            uint64_t t = a[i] * b[j] + r[i + j] + carry;
            r[i + j] = t & 0xFFFFFFFFu;
            carry = t >> 32;
        }
        r[i + 2] += carry;
    }
    if (r[4] != 0 || r[5] != 0)
        return false;
    *out_lo = r[0] | (r[1] << 32);
    *out_hi = r[2] | (r[3] << 32);
    return true;
}

bool pm_dec_mul_i64(pm_decimal128 a, int64_t b, pm_decimal128 *out) {
    bool negative = (a.hi < 0) != (b < 0);
    pm_decimal128 ua = a.hi < 0 ? pm_dec_negate(a) : a;
    uint64_t ub = b < 0 ? (uint64_t)0 - (uint64_t)b : (uint64_t)b;
    uint64_t hi = 0, lo = 0;
    if (!umul128_64((uint64_t)ua.hi, ua.lo, ub, &hi, &lo))
        return false;
    /* |result| = 2^127 is representable only as a negative number. */
    if ((hi >> 63) != 0 && !(negative && hi == ((uint64_t)1 << 63) && lo == 0))
        return false;
    pm_decimal128 r = {lo, (int64_t)hi};
    *out = negative ? pm_dec_negate(r) : r;
    return true;
}

/* Divides the magnitude (hi, lo) by a small divisor; returns the remainder. */
static uint32_t udiv128_small(uint64_t *hi, uint64_t *lo, uint32_t divisor) {
    uint64_t parts[4] = {*hi >> 32, *hi & 0xFFFFFFFFu, *lo >> 32, *lo & 0xFFFFFFFFu};
    uint64_t rem = 0;
    for (int i = 0; i < 4; i++) {
        uint64_t cur = (rem << 32) | parts[i];
        parts[i] = cur / divisor;
        rem = cur % divisor;
    }
    *hi = (parts[0] << 32) | parts[1];
    *lo = (parts[2] << 32) | parts[3];
    return (uint32_t)rem;
}

/* Decimal digits of the magnitude, least significant first; returns the count. */
static int magnitude_digits(pm_decimal128 d, char digits[40]) {
    pm_decimal128 m = d.hi < 0 ? pm_dec_negate(d) : d;
    uint64_t hi = (uint64_t)m.hi, lo = m.lo;
    int n = 0;
    do {
        digits[n++] = (char)('0' + udiv128_small(&hi, &lo, 10));
    } while ((hi != 0 || lo != 0) && n < 40);
    return n;
}

int pm_dec_digits(pm_decimal128 d) {
    char digits[40];
    return magnitude_digits(d, digits);
}

bool pm_dec_rescale(pm_decimal128 d, int from_scale, int to_scale, pm_decimal128 *out) {
    pm_decimal128 r = d;
    for (int s = from_scale; s < to_scale; s++) {
        if (!pm_dec_mul_i64(r, 10, &r))
            return false;
    }
    if (to_scale < from_scale) {
        bool negative = r.hi < 0;
        pm_decimal128 m = negative ? pm_dec_negate(r) : r;
        uint64_t hi = (uint64_t)m.hi, lo = m.lo;
        uint32_t last = 0;
        for (int s = to_scale; s < from_scale; s++)
            last = udiv128_small(&hi, &lo, 10);
        pm_decimal128 q = {lo, (int64_t)hi};
        /* HALF_UP: the digit dropped last decides (digits before it only matter below .5). */
        if (last >= 5) {
            pm_decimal128 one = {1, 0};
            if (!pm_dec_add(q, one, &q))
                return false;
        }
        r = negative ? pm_dec_negate(q) : q;
    }
    *out = r;
    return true;
}

size_t pm_dec_format(pm_decimal128 d, int scale, char out[PM_DECIMAL_TEXT_MAX]) {
    char digits[40];
    int n = magnitude_digits(d, digits);
    size_t pos = 0;
    if (d.hi < 0)
        out[pos++] = '-';
    int int_digits = n - scale;
    if (int_digits <= 0) {
        out[pos++] = '0';
    } else {
        for (int i = n - 1; i >= scale; i--)
            out[pos++] = digits[i];
    }
    if (scale > 0) {
        out[pos++] = '.';
        for (int i = scale - 1; i >= 0; i--)
            out[pos++] = i < n ? digits[i] : '0';
    }
    out[pos] = '\0';
    return pos;
}

bool pm_dec_parse(const char *s, size_t n, int scale, pm_decimal128 *out) {
    size_t i = 0;
    bool negative = false;
    if (i < n && (s[i] == '-' || s[i] == '+')) {
        negative = s[i] == '-';
        i++;
    }
    pm_decimal128 v = {0, 0};
    int frac_digits = 0;
    bool seen_digit = false, seen_point = false;
    int round_digit = -1;
    for (; i < n; i++) {
        char c = s[i];
        if (c == '.' && !seen_point) {
            seen_point = true;
            continue;
        }
        if (c == 'e' || c == 'E')
            break;
        if (c < '0' || c > '9')
            return false;
        seen_digit = true;
        if (seen_point && frac_digits >= scale) {
            if (round_digit < 0)
                round_digit = c - '0';
            continue;
        }
        pm_decimal128 digit = {(uint64_t)(c - '0'), 0};
        if (!pm_dec_mul_i64(v, 10, &v) || !pm_dec_add(v, digit, &v))
            return false;
        if (seen_point)
            frac_digits++;
    }
    if (!seen_digit)
        return false;
    int exponent = 0;
    if (i < n) {
        i++;
        bool exp_negative = false;
        if (i < n && (s[i] == '-' || s[i] == '+')) {
            exp_negative = s[i] == '-';
            i++;
        }
        if (i == n)
            return false;
        for (; i < n; i++) {
            if (s[i] < '0' || s[i] > '9' || exponent > 1000)
                return false;
            exponent = exponent * 10 + (s[i] - '0');
        }
        if (exp_negative)
            exponent = -exponent;
        if (round_digit >= 0 && exponent != 0)
            return false; /* too many fraction digits combined with an exponent: keep it simple */
    }
    /* The value is v * 10^(exponent - frac_digits); bring it to `scale`. */
    int from_scale = frac_digits - exponent;
    if (!pm_dec_rescale(v, from_scale, scale, &v))
        return false;
    if (round_digit >= 5) {
        pm_decimal128 one = {1, 0};
        if (!pm_dec_add(v, one, &v))
            return false;
    }
    *out = negative ? pm_dec_negate(v) : v;
    return true;
}

double pm_dec_to_double(pm_decimal128 d, int scale) {
    bool negative = d.hi < 0;
    pm_decimal128 m = negative ? pm_dec_negate(d) : d;
    double v = (double)(uint64_t)m.hi * 18446744073709551616.0 + (double)m.lo;
    v /= pow(10.0, scale);
    return negative ? -v : v;
}
