/*
 * shortest_decimal.c - see shortest_decimal.h.
 *
 * A finite v is c * 2^q (c the significand with its hidden bit). Parsing a decimal gives v
 * exactly when the decimal lies in v's rounding interval: half a unit in the last place on
 * each side (a quarter below when c is a power of two, the gap below being half as wide), the
 * ends included when c is even (ties round to even). With k = floor(log10(2^q)) the interval,
 * measured in units of 10^k, is between 1 and 10 wide, so it holds one or more integers and at
 * most one multiple of ten:
 *  - a multiple of ten n in it is the unique shortest candidate (n / 10 has fewer digits than
 *    any other integer of the interval); trailing zeros are then dropped;
 *  - otherwise the shortest decimals all have the digits of the integers of the interval, and
 *    the closest to v (ties to even) is v / 10^k rounded, moved into the interval when the
 *    interval is lopsided.
 * For k <= 0 everything is exact in 128-bit fixed point: v / 10^k = c * 5^-k * 2^(q - k).
 * Values with k > 0 (division by 5^k) or needing more than 128 bits are left to the caller.
 */
#include "data/shortest_decimal.h"

#include <string.h>

typedef struct u128 {
    uint64_t hi, lo;
} u128;

static u128 mul_64x64(uint64_t a, uint64_t b) {
    uint64_t a0 = (uint32_t)a, a1 = a >> 32, b0 = (uint32_t)b, b1 = b >> 32;
    uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    uint64_t mid = (p00 >> 32) + (uint32_t)p01 + (uint32_t)p10;
    u128 r;
    r.lo = (mid << 32) | (uint32_t)p00;
    r.hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
    return r;
}

static u128 add(u128 a, u128 b) {
    u128 r = {a.hi + b.hi, a.lo + b.lo};
    r.hi += r.lo < a.lo;
    return r;
}

static u128 sub(u128 a, u128 b) {
    u128 r = {a.hi - b.hi, a.lo - b.lo};
    r.hi -= a.lo < b.lo;
    return r;
}

static u128 shl(u128 a, int n) { /* 0 <= n < 64 */
    if (n == 0)
        return a;
    u128 r = {(a.hi << n) | (a.lo >> (64 - n)), a.lo << n};
    return r;
}

static int bit_length(u128 a) {
    int n = 0;
    uint64_t w = a.hi != 0 ? a.hi : a.lo;
    while (w != 0) {
        n++;
        w >>= 1;
    }
    return a.hi != 0 ? n + 64 : n;
}

/* A fixed-point number split at `frac_bits` (0 < frac_bits < 128): its integer part (which
 * fits in 64 bits here) and how its fraction compares with one half (-1, 0, 1; -2 for a zero
 * fraction). */
typedef struct fixed_split {
    uint64_t whole;
    int frac_vs_half;
} fixed_split;

static fixed_split split(u128 v, int frac_bits) {
    fixed_split s;
    u128 frac;
    if (frac_bits >= 64) {
        s.whole = frac_bits == 64 ? v.hi : v.hi >> (frac_bits - 64);
        frac.hi = frac_bits == 64 ? 0 : v.hi & ((UINT64_C(1) << (frac_bits - 64)) - 1);
        frac.lo = v.lo;
    } else {
        s.whole = (v.lo >> frac_bits) | (v.hi << (64 - frac_bits));
        frac.hi = 0;
        frac.lo = v.lo & ((UINT64_C(1) << frac_bits) - 1);
    }
    u128 half = {0, 0};
    if (frac_bits - 1 >= 64)
        half.hi = UINT64_C(1) << (frac_bits - 1 - 64);
    else
        half.lo = UINT64_C(1) << (frac_bits - 1);
    if (frac.hi == 0 && frac.lo == 0)
        s.frac_vs_half = -2;
    else if (frac.hi != half.hi)
        s.frac_vs_half = frac.hi < half.hi ? -1 : 1;
    else
        s.frac_vs_half = frac.lo < half.lo ? -1 : (frac.lo > half.lo ? 1 : 0);
    return s;
}

static const uint64_t pow5[28] = {
    1ULL, 5ULL, 25ULL, 125ULL, 625ULL, 3125ULL, 15625ULL, 78125ULL, 390625ULL, 1953125ULL,
    9765625ULL, 48828125ULL, 244140625ULL, 1220703125ULL, 6103515625ULL, 30517578125ULL,
    152587890625ULL, 762939453125ULL, 3814697265625ULL, 19073486328125ULL, 95367431640625ULL,
    476837158203125ULL, 2384185791015625ULL, 11920928955078125ULL, 59604644775390625ULL,
    298023223876953125ULL, 1490116119384765625ULL, 7450580596923828125ULL};

static u128 pow5_128(int n) { /* 0 <= n <= 54 */
    if (n <= 27) {
        u128 r = {0, pow5[n]};
        return r;
    }
    return mul_64x64(pow5[27], pow5[n - 27]);
}

/* Integers of the interval [lo, hi] (fixed point with frac_bits, or plain integers when
 * frac_bits <= 0), ends included when `closed`: *first..*last, false when there are none. */
static bool interval_integers(u128 lo, u128 hi, int frac_bits, bool closed, uint64_t *first,
                              uint64_t *last) {
    uint64_t a, b;
    if (frac_bits <= 0) {
        a = shl(lo, -frac_bits).lo + (closed ? 0 : 1);
        b = shl(hi, -frac_bits).lo - (closed ? 0 : 1);
    } else {
        fixed_split l = split(lo, frac_bits), h = split(hi, frac_bits);
        a = l.whole + (l.frac_vs_half != -2 || !closed ? 1 : 0);
        b = h.whole - (h.frac_vs_half == -2 && !closed ? 1 : 0);
    }
    *first = a;
    *last = b;
    return a <= b;
}

bool pm_shortest_decimal(double v, bool single, uint64_t *digits, int *exp10) {
    uint64_t c;
    int q;
    bool lopsided;
    if (single) {
        float f = (float)v;
        uint32_t bits;
        memcpy(&bits, &f, sizeof bits);
        uint32_t e = (bits >> 23) & 0xFF, m = bits & 0x7FFFFF;
        if (e == 0 || e == 0xFF || (bits >> 31) != 0)
            return false;
        c = m | (UINT64_C(1) << 23);
        q = (int)e - 150;
        lopsided = m == 0 && e > 1;
    } else {
        uint64_t bits;
        memcpy(&bits, &v, sizeof bits);
        uint64_t e = (bits >> 52) & 0x7FF, m = bits & ((UINT64_C(1) << 52) - 1);
        if (e == 0 || e == 0x7FF || (bits >> 63) != 0)
            return false;
        c = m | (UINT64_C(1) << 52);
        q = (int)e - 1075;
        lopsided = m == 0 && e > 1;
    }
    /* floor(q * log10(2)): 78913 / 2^18 approximates log10(2) closely enough for |q| < 1650 */
    int k = q * 78913 >= 0 ? q * 78913 / 262144 : -((-q * 78913 + 262143) / 262144);
    if (k > 0 || q > 3)
        return false;
    bool closed = (c & 1) == 0;
    for (int attempt = 0; attempt < 2; attempt++, k--) {
        /* A lopsided interval can be too narrow to hold an integer at 10^k: one digit more. */
        if (-k > 54)
            return false;
        u128 p5 = pow5_128(-k);
        int c_bits = single ? 24 : 53;
        if (c_bits + bit_length(p5) + 3 > 128)
            return false;
        u128 x = mul_64x64(c, p5.lo); /* c * 5^-k, < 2^126 by the test above */
        x.hi += c * p5.hi;
        /* In units of 10^k with frac_bits fraction bits: v = 4x, ends 4x -/+ 2 * 5^-k (the
         * gap below halves when lopsided). */
        u128 vv = shl(x, 2), two_p5 = shl(p5, 1);
        u128 hi = add(vv, two_p5), lo = sub(vv, lopsided ? p5 : two_p5);
        int frac_bits = k - q + 2;
        uint64_t first, last;
        if (!interval_integers(lo, hi, frac_bits, closed, &first, &last))
            continue;
        uint64_t n = last / 10 * 10;
        if (n < first) {
            uint64_t whole;
            int frac_vs_half;
            if (frac_bits <= 0) {
                whole = shl(vv, -frac_bits).lo;
                frac_vs_half = -2;
            } else {
                fixed_split s = split(vv, frac_bits);
                whole = s.whole;
                frac_vs_half = s.frac_vs_half;
            }
            n = whole + (frac_vs_half > 0 || (frac_vs_half == 0 && (whole & 1) != 0));
            n = n < first ? first : (n > last ? last : n);
        }
        while (n % 10 == 0) {
            n /= 10;
            k++;
        }
        *digits = n;
        *exp10 = k;
        return true;
    }
    return false;
}
