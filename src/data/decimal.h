/*
 * decimal.h - 128-bit two's-complement integers for DECIMAL(p, s) values (p <= 38).
 *
 * Paimon stores the unscaled value: as int64 when p <= 18, else as the minimal big-endian
 * two's-complement bytes of Java's BigInteger.toByteArray(). Arrow decimal128 stores it as 16
 * little-endian bytes. This module converts between those and text.
 */
#ifndef PM_DATA_DECIMAL_H
#define PM_DATA_DECIMAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct pm_decimal128 {
    uint64_t lo;
    int64_t hi;
} pm_decimal128;

#define PM_DECIMAL_TEXT_MAX 48 /* sign, 38 digits, point, leading zero, NUL */

static inline pm_decimal128 pm_dec_from_i64(int64_t v) {
    pm_decimal128 d = {(uint64_t)v, v < 0 ? -1 : 0};
    return d;
}
static inline bool pm_dec_is_negative(pm_decimal128 d) { return d.hi < 0; }
/* True when the value fits in int64; then *out receives it. */
bool pm_dec_to_i64(pm_decimal128 d, int64_t *out);

/* Big-endian two's complement of n bytes (1..16; longer inputs are accepted only when the extra
 * leading bytes are pure sign extension). Returns false if the value does not fit 128 bits. */
bool pm_dec_from_be_bytes(const uint8_t *bytes, size_t n, pm_decimal128 *out);
/* Minimal big-endian form (BigInteger.toByteArray): writes 1..16 bytes, returns the count. */
size_t pm_dec_to_be_bytes(pm_decimal128 d, uint8_t out[16]);
/* Sign-extended big-endian form of exactly n bytes (Parquet FIXED_LEN_BYTE_ARRAY). */
void pm_dec_to_be_fixed(pm_decimal128 d, uint8_t *out, size_t n);

/* Arrow decimal128 layout: 16 bytes little-endian. */
void pm_dec_store_le(pm_decimal128 d, uint8_t out[16]);
pm_decimal128 pm_dec_load_le(const uint8_t in[16]);

int pm_dec_compare(pm_decimal128 a, pm_decimal128 b);
pm_decimal128 pm_dec_negate(pm_decimal128 d);
/* Checked arithmetic: return false on 128-bit overflow. */
bool pm_dec_add(pm_decimal128 a, pm_decimal128 b, pm_decimal128 *out);
bool pm_dec_mul_i64(pm_decimal128 a, int64_t b, pm_decimal128 *out);
/* Number of decimal digits of |d| (0 has 1 digit). */
int pm_dec_digits(pm_decimal128 d);
/* Changes the scale; scaling down rounds half up (Java HALF_UP) and scaling up is checked.
 * Returns false on overflow. */
bool pm_dec_rescale(pm_decimal128 d, int from_scale, int to_scale, pm_decimal128 *out);

/* Text with exactly `scale` fraction digits, e.g. (1230, 2) -> "12.30". Returns the length. */
size_t pm_dec_format(pm_decimal128 d, int scale, char out[PM_DECIMAL_TEXT_MAX]);
/* Parses "[-+]digits[.digits]" (optionally with exponent) into the unscaled value at `scale`,
 * rounding half up. Returns false on syntax errors or overflow. */
bool pm_dec_parse(const char *s, size_t n, int scale, pm_decimal128 *out);
double pm_dec_to_double(pm_decimal128 d, int scale);

#endif
