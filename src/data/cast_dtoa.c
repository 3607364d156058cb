/*
 * cast_dtoa.c - Java's Double.toString and Float.toString, digit for digit.
 *
 * Casting FLOAT/DOUBLE to a string (and to DECIMAL, which Java does through the string) must give
 * the text Java gives. JDK releases 8 to 18 (what Paimon runs on in practice) do not print the
 * shortest decimal that identifies the value; they run a Steele & White style digit generator
 * with these properties, all checked against a JDK 17 on millions of values:
 *
 *  - Integer-valued numbers below 2^63 print the digits of the integer, minus a number of
 *    "insignificant" trailing digits (floor(p * log10(2)) for the p bits below the last
 *    significant one), rounded half up. Large floats therefore show more digits than needed.
 *  - Otherwise the first digit's position is estimated from the binary exponent (Gay's linear
 *    log10 approximation); digits are produced while the remainder stays further than half an
 *    ulp (a quarter at exact powers of two, on both sides) from either neighbour; the last digit
 *    is rounded by the remainder (half to even). Scientific notation always gets two digits.
 *  - The arithmetic is done in 32-bit, 64-bit or arbitrary precision depending on estimated
 *    sizes, and the narrow variants wrap on overflow and test "b + m > 10s" where the wide one
 *    tests ">=". Those differences are reproduced so that the output is the same for every
 *    input, not only for typical ones.
 *
 * Text: "NaN", "Infinity", "-0.0"; plain "123.45" when 10^-3 <= |v| < 10^7, else "1.2345E-5".
 */
#include "data/cast_internal.h"

#include "util/error.h"

#include <math.h>
#include <string.h>

/* ---- a small unsigned big integer, enough for 10 * 2^1075 * 5^324 ---- */

#define BN_LIMBS 48

typedef struct bn {
    int n; /* limbs in use; 0 for zero */
    uint32_t d[BN_LIMBS];
} bn;

static void bn_set(bn *a, uint64_t v) {
    a->n = 0;
    while (v != 0) {
        a->d[a->n++] = (uint32_t)v;
        v >>= 32;
    }
}

static void bn_mul_small(bn *a, uint32_t m) {
    uint64_t carry = 0;
    for (int i = 0; i < a->n; i++) {
        uint64_t t = (uint64_t)a->d[i] * m + carry;
        a->d[i] = (uint32_t)t;
        carry = t >> 32;
    }
    if (carry != 0) {
        PM_ASSERT(a->n < BN_LIMBS);
        a->d[a->n++] = (uint32_t)carry;
    }
}

static void bn_mul_pow5(bn *a, int k) {
    for (; k >= 13; k -= 13)
        bn_mul_small(a, 1220703125u); /* 5^13 */
    uint32_t m = 1;
    for (; k > 0; k--)
        m *= 5;
    bn_mul_small(a, m);
}

static void bn_shl(bn *a, int k) {
    if (a->n == 0 || k == 0)
        return;
    int words = k / 32, bits = k % 32;
    PM_ASSERT(a->n + words + 1 <= BN_LIMBS);
    a->d[a->n + words] = 0;
    for (int i = a->n - 1; i >= 0; i--) {
        uint32_t v = a->d[i];
        if (bits != 0) {
            a->d[i + words + 1] |= v >> (32 - bits);
            a->d[i + words] = v << bits;
        } else {
            a->d[i + words] = v;
        }
    }
    for (int i = 0; i < words; i++)
        a->d[i] = 0;
    a->n += words + 1;
    while (a->n > 0 && a->d[a->n - 1] == 0)
        a->n--;
}

static int bn_cmp(const bn *a, const bn *b) {
    if (a->n != b->n)
        return a->n < b->n ? -1 : 1;
    for (int i = a->n - 1; i >= 0; i--) {
        if (a->d[i] != b->d[i])
            return a->d[i] < b->d[i] ? -1 : 1;
    }
    return 0;
}

/* a -= b; requires a >= b. */
static void bn_sub(bn *a, const bn *b) {
    int64_t borrow = 0;
    for (int i = 0; i < a->n; i++) {
        int64_t t = (int64_t)a->d[i] - (i < b->n ? b->d[i] : 0) - borrow;
        borrow = t < 0;
        a->d[i] = (uint32_t)(t + (borrow ? ((int64_t)1 << 32) : 0));
    }
    while (a->n > 0 && a->d[a->n - 1] == 0)
        a->n--;
}

static void bn_add(bn *r, const bn *a, const bn *b) {
    int n = a->n > b->n ? a->n : b->n;
    uint64_t carry = 0;
    for (int i = 0; i < n; i++) {
        uint64_t t = (uint64_t)(i < a->n ? a->d[i] : 0) + (i < b->n ? b->d[i] : 0) + carry;
        r->d[i] = (uint32_t)t;
        carry = t >> 32;
    }
    r->n = n;
    if (carry != 0) {
        PM_ASSERT(n < BN_LIMBS);
        r->d[r->n++] = (uint32_t)carry;
    }
}

/* ---- the digit generator ---- */

typedef struct fp_digits {
    char d[32];
    int n;       /* digits in d */
    int dec_exp; /* the value is 0.d[0]d[1]... * 10^dec_exp */
} fp_digits;

static int bit_length_u64(uint64_t v) {
    int n = 0;
    while (v != 0) {
        n++;
        v >>= 1;
    }
    return n;
}

/* Bits of 5^i, the size estimate Java uses to choose the arithmetic (exact up to 5^26). */
static int pow5_bits(int i) {
    if (i >= 27)
        return i * 3;
    uint64_t p = 1;
    for (int k = 0; k < i; k++)
        p *= 5;
    return bit_length_u64(p);
}

static uint64_t pow5_u64(int i) {
    uint64_t p = 1;
    for (int k = 0; k < i; k++)
        p *= 5;
    return p;
}

/* floor(log10(v)) estimated from the binary exponent and the mantissa m in [1, 2) by the
 * tangent of log10 at 1.5 (D. Gay, "Correctly rounded binary-decimal and decimal-binary
 * conversions", 1990). One too large at times; the generator corrects that. */
static int estimate_dec_exp(uint64_t fract, int bin_exp) {
    uint64_t bits = ((uint64_t)1023 << 52) | (fract & (((uint64_t)1 << 52) - 1));
    double m;
    memcpy(&m, &bits, sizeof m);
    double t = (m - 1.5) * 0.289529654;
    t = t + 0.176091259;
    double e = (double)bin_exp * 0.301029995663981;
    return (int)floor(t + e);
}

static void roundup(fp_digits *o) {
    int i = o->n - 1;
    while (i > 0 && o->d[i] == '9') {
        o->d[i] = '0';
        i--;
    }
    if (o->d[i] == '9') { /* all nines: 1 followed by the zeros already written */
        o->dec_exp++;
        o->d[0] = '1';
        return;
    }
    o->d[i]++;
}

/* The last digit is rounded up when the generator stopped because rounding up is close enough,
 * unless truncating is closer (or as close and the digit is even). */
static void finish(fp_digits *o, bool low, bool high, int half_cmp) {
    if (!high)
        return;
    if (!low || half_cmp > 0 || (half_cmp == 0 && ((o->d[o->n - 1] - '0') & 1)))
        roundup(o);
}

/* Java's int and long variants: values are kept in int64 and wrapped to `bits` after every
 * operation that can overflow, as Java's arithmetic does. */
static int64_t wrap(uint64_t v, int bits) {
    if (bits == 32)
        return (int64_t)(int32_t)(uint32_t)v;
    return (int64_t)v;
}

static void generate_narrow(uint64_t fb, int b5, int b2, int s5, int s2, int m5, int m2,
                            int bits, int dec, fp_digits *o) {
    int64_t b = wrap((fb * pow5_u64(b5)) << b2, bits);
    int64_t s = wrap(pow5_u64(s5) << s2, bits);
    int64_t m = wrap(pow5_u64(m5) << m2, bits);
    int64_t tens = wrap((uint64_t)s * 10, bits);
    int q = (int)(b / s);
    b = wrap((uint64_t)(b % s) * 10, bits);
    m = wrap((uint64_t)m * 10, bits);
    bool low = b < m;
    bool high = wrap((uint64_t)b + (uint64_t)m, bits) > tens;
    PM_ASSERT(q < 10);
    if (q == 0 && !high)
        dec--;
    else
        o->d[o->n++] = (char)('0' + q);
    if (dec < -3 || dec >= 8)
        low = high = false;
    while (!low && !high) {
        q = (int)(b / s);
        b = wrap((uint64_t)(b % s) * 10, bits);
        m = wrap((uint64_t)m * 10, bits);
        PM_ASSERT(q < 10);
        if (m > 0) {
            low = b < m;
            high = wrap((uint64_t)b + (uint64_t)m, bits) > tens;
        } else {
            low = high = true;
        }
        o->d[o->n++] = (char)('0' + q);
    }
    int64_t diff = wrap(((uint64_t)b << 1) - (uint64_t)tens, bits);
    o->dec_exp = dec + 1;
    finish(o, low, high, diff > 0 ? 1 : (diff < 0 ? -1 : 0));
}

/* q = b / s (a single decimal digit), b = (b % s) * 10. */
static int quo_rem10(bn *b, const bn *s) {
    int q = 0;
    while (bn_cmp(b, s) >= 0) {
        bn_sub(b, s);
        q++;
    }
    bn_mul_small(b, 10);
    return q;
}

static bool reaches_tens(const bn *b, const bn *m, const bn *tens) {
    bn sum;
    bn_add(&sum, b, m);
    return bn_cmp(&sum, tens) >= 0;
}

static void generate_wide(uint64_t fb, int b5, int b2, int s5, int s2, int m5, int m2, int dec,
                          fp_digits *o) {
    bn b, s, m, tens;
    bn_set(&b, fb);
    bn_mul_pow5(&b, b5);
    bn_shl(&b, b2);
    bn_set(&s, 1);
    bn_mul_pow5(&s, s5);
    bn_shl(&s, s2);
    bn_set(&m, 1);
    bn_mul_pow5(&m, m5);
    bn_shl(&m, m2);
    bn_mul_small(&m, 10);
    tens = s;
    bn_mul_small(&tens, 10);
    int q = quo_rem10(&b, &s);
    bool low = bn_cmp(&b, &m) < 0;
    bool high = reaches_tens(&b, &m, &tens);
    PM_ASSERT(q < 10);
    if (q == 0 && !high)
        dec--;
    else
        o->d[o->n++] = (char)('0' + q);
    if (dec < -3 || dec >= 8)
        low = high = false;
    while (!low && !high) {
        q = quo_rem10(&b, &s);
        PM_ASSERT(q < 10);
        bn_mul_small(&m, 10);
        low = bn_cmp(&b, &m) < 0;
        high = reaches_tens(&b, &m, &tens);
        o->d[o->n++] = (char)('0' + q);
    }
    int half_cmp = 0;
    if (high && low) {
        bn twice = b;
        bn_shl(&twice, 1);
        half_cmp = bn_cmp(&twice, &tens);
    }
    o->dec_exp = dec + 1;
    finish(o, low, high, half_cmp);
}

/* The digits of an integer value, less `insignificant` trailing digits (rounded half up). */
static void integer_digits(uint64_t v, int insignificant, fp_digits *o) {
    int dec_exp = 0;
    if (insignificant > 0) {
        uint64_t p10 = 1;
        for (int i = 0; i < insignificant; i++)
            p10 *= 10;
        uint64_t rest = v % p10;
        v /= p10;
        dec_exp = insignificant;
        if (rest >= p10 / 2)
            v++;
    }
    char tmp[24];
    int n = 0;
    while (v != 0) {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    }
    dec_exp += n;
    int first_nonzero = 0;
    while (first_nonzero < n - 1 && tmp[first_nonzero] == '0')
        first_nonzero++;
    o->n = 0;
    for (int i = n - 1; i >= first_nonzero; i--)
        o->d[o->n++] = tmp[i];
    o->dec_exp = dec_exp;
}

/* v = fract * 2^(bin_exp - 52) with the leading one of fract at bit 52; `nsig` significant bits
 * (53 for doubles, 24 for floats, fewer for subnormals). */
static void java_digits(uint64_t fract, int bin_exp, int nsig, fp_digits *o) {
    int tail = 0;
    while (((fract >> tail) & 1) == 0)
        tail++;
    int nfract = 53 - tail;
    int ntiny = nfract - bin_exp - 1;
    if (ntiny < 0)
        ntiny = 0;
    o->n = 0;
    if (bin_exp <= 62 && ntiny == 0) {
        uint64_t v = bin_exp >= 52 ? fract << (bin_exp - 52) : fract >> (52 - bin_exp);
        int p2 = bin_exp - nsig - 1;
        int insignificant = (bin_exp > nsig && p2 > 1) ? (int)floor(p2 * 0.30102999566398120) : 0;
        integer_digits(v, insignificant, o);
        return;
    }
    int dec = estimate_dec_exp(fract, bin_exp);
    int b5 = dec < 0 ? -dec : 0;
    int b2 = b5 + ntiny + bin_exp;
    int s5 = dec > 0 ? dec : 0;
    int s2 = s5 + ntiny;
    int m5 = b5;
    int m2 = b2 - nsig;
    uint64_t fb = fract >> tail;
    b2 -= nfract - 1;
    int common = b2 < s2 ? b2 : s2;
    b2 -= common;
    s2 -= common;
    m2 -= common;
    if (nfract == 1)
        m2 -= 1; /* exact powers of two: Java halves the margin on both sides */
    if (m2 < 0) {
        b2 -= m2;
        s2 -= m2;
        m2 = 0;
    }
    int b_bits = nfract + b2 + pow5_bits(b5);
    int tens_bits = s2 + 1 + pow5_bits(s5 + 1);
    if (b_bits < 64 && tens_bits < 64)
        generate_narrow(fb, b5, b2, s5, s2, m5, m2, (b_bits < 32 && tens_bits < 32) ? 32 : 64,
                        dec, o);
    else
        generate_wide(fb, b5, b2, s5, s2, m5, m2, dec, o);
}

/* Java's layout of the digits: plain for 10^-3 <= v < 10^7, else computerized scientific. */
static size_t layout(bool negative, const fp_digits *o, char *out) {
    size_t p = 0;
    if (negative)
        out[p++] = '-';
    int e = o->dec_exp;
    if (e > 0 && e < 8) {
        int int_digits = o->n < e ? o->n : e;
        memcpy(out + p, o->d, (size_t)int_digits);
        p += (size_t)int_digits;
        if (int_digits < e) {
            for (int i = int_digits; i < e; i++)
                out[p++] = '0';
            out[p++] = '.';
            out[p++] = '0';
        } else {
            out[p++] = '.';
            if (int_digits < o->n) {
                memcpy(out + p, o->d + int_digits, (size_t)(o->n - int_digits));
                p += (size_t)(o->n - int_digits);
            } else {
                out[p++] = '0';
            }
        }
    } else if (e <= 0 && e > -3) {
        out[p++] = '0';
        out[p++] = '.';
        for (int i = e; i < 0; i++)
            out[p++] = '0';
        memcpy(out + p, o->d, (size_t)o->n);
        p += (size_t)o->n;
    } else {
        out[p++] = o->d[0];
        out[p++] = '.';
        if (o->n > 1) {
            memcpy(out + p, o->d + 1, (size_t)(o->n - 1));
            p += (size_t)(o->n - 1);
        } else {
            out[p++] = '0';
        }
        out[p++] = 'E';
        int x = e - 1;
        if (x < 0) {
            out[p++] = '-';
            x = -x;
        }
        char tmp[8];
        int k = 0;
        do {
            tmp[k++] = (char)('0' + x % 10);
            x /= 10;
        } while (x != 0);
        while (k > 0)
            out[p++] = tmp[--k];
    }
    out[p] = '\0';
    return p;
}

static size_t special(const char *text, char *out) {
    size_t n = strlen(text);
    memcpy(out, text, n + 1);
    return n;
}

size_t pm_java_double_to_string(double v, char out[PM_JAVA_NUM_TEXT_MAX]) {
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    bool negative = (bits >> 63) != 0;
    int exp_field = (int)((bits >> 52) & 0x7FF);
    uint64_t fract = bits & (((uint64_t)1 << 52) - 1);
    if (exp_field == 0x7FF)
        return special(fract != 0 ? "NaN" : (negative ? "-Infinity" : "Infinity"), out);
    int nsig, bin_exp;
    if (exp_field == 0) {
        if (fract == 0)
            return special(negative ? "-0.0" : "0.0", out);
        int shift = 53 - bit_length_u64(fract); /* normalise the subnormal */
        nsig = 53 - shift;
        fract <<= shift;
        bin_exp = 1 - shift - 1023;
    } else {
        fract |= (uint64_t)1 << 52;
        nsig = 53;
        bin_exp = exp_field - 1023;
    }
    fp_digits o;
    java_digits(fract, bin_exp, nsig, &o);
    return layout(negative, &o, out);
}

size_t pm_java_float_to_string(float v, char out[PM_JAVA_NUM_TEXT_MAX]) {
    uint32_t bits;
    memcpy(&bits, &v, sizeof bits);
    bool negative = (bits >> 31) != 0;
    int exp_field = (int)((bits >> 23) & 0xFF);
    uint32_t fract = bits & ((1u << 23) - 1);
    if (exp_field == 0xFF)
        return special(fract != 0 ? "NaN" : (negative ? "-Infinity" : "Infinity"), out);
    int nsig, bin_exp;
    if (exp_field == 0) {
        if (fract == 0)
            return special(negative ? "-0.0" : "0.0", out);
        int shift = 24 - bit_length_u64(fract);
        nsig = 24 - shift;
        fract <<= shift;
        bin_exp = 1 - shift - 127;
    } else {
        fract |= 1u << 23;
        nsig = 24;
        bin_exp = exp_field - 127;
    }
    fp_digits o;
    java_digits((uint64_t)fract << 29, bin_exp, nsig, &o);
    return layout(negative, &o, out);
}
