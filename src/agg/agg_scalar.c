/*
 * agg_scalar.c - the aggregate functions over single values: sum, product, max, min,
 * last_value, last_non_null_value, first_value, first_non_null_value, bool_and, bool_or,
 * primary-key and listagg.
 *
 * Arithmetic follows Java Paimon exactly: integer sums and products fail on overflow (Java's
 * Math.*Exact), FLOAT works in single precision, and DECIMAL results that do not fit the
 * column's precision become null (Decimal.fromBigDecimal), except that a compact sum (p <= 18)
 * keeps any value that fits a long, as DecimalUtils.add does.
 */
#include "agg/agg_internal.h"

#include "util/vec.h"

#include <inttypes.h>
#include <string.h>

/* ---- 256-bit magnitudes for DECIMAL products and quotients ---- */

typedef struct u256 {
    uint64_t w[4]; /* little-endian limbs */
} u256;

static u256 u256_from_dec(pm_decimal128 d) {
    if (pm_dec_is_negative(d))
        d = pm_dec_negate(d);
    u256 r = {{d.lo, (uint64_t)d.hi, 0, 0}};
    return r;
}

static bool u256_is_zero(const u256 *a) { return (a->w[0] | a->w[1] | a->w[2] | a->w[3]) == 0; }

static int u256_cmp(const u256 *a, const u256 *b) {
    for (int i = 3; i >= 0; i--) {
        if (a->w[i] != b->w[i])
            return a->w[i] < b->w[i] ? -1 : 1;
    }
    return 0;
}

static void u256_sub(u256 *a, const u256 *b) {
    uint64_t borrow = 0;
    for (int i = 0; i < 4; i++) {
        uint64_t bi = b->w[i] + borrow;
        uint64_t nb = (bi < borrow) || (a->w[i] < bi);
        a->w[i] -= bi;
        borrow = nb;
    }
}

static void u256_shl1(u256 *a) {
    for (int i = 3; i > 0; i--)
        a->w[i] = (a->w[i] << 1) | (a->w[i - 1] >> 63);
    a->w[0] <<= 1;
}

static u256 u256_mul(const u256 *a, const u256 *b) {
    /* 32-bit pieces of the low 128 bits of each operand (both are below 2^128). */
    uint32_t x[4], y[4];
    for (int i = 0; i < 2; i++) {
        x[2 * i] = (uint32_t)a->w[i];
        x[2 * i + 1] = (uint32_t)(a->w[i] >> 32);
        y[2 * i] = (uint32_t)b->w[i];
        y[2 * i + 1] = (uint32_t)(b->w[i] >> 32);
    }
    uint32_t z[8] = {0};
    for (int i = 0; i < 4; i++) {
        uint64_t carry = 0;
        for (int j = 0; j < 4; j++) {
            uint64_t t = (uint64_t)x[i] * y[j] + z[i + j] + carry;
            z[i + j] = (uint32_t)t;
            carry = t >> 32;
        }
        z[i + 4] = (uint32_t)carry;
    }
    u256 r;
    for (int i = 0; i < 4; i++)
        r.w[i] = (uint64_t)z[2 * i] | ((uint64_t)z[2 * i + 1] << 32);
    return r;
}

/* Bitwise long division: q = n / d, r = n % d (d != 0). */
static void u256_divmod(const u256 *n, const u256 *d, u256 *q, u256 *r) {
    u256 quot = {{0, 0, 0, 0}}, rem = {{0, 0, 0, 0}};
    for (int bit = 255; bit >= 0; bit--) {
        u256_shl1(&rem);
        rem.w[0] |= (n->w[bit / 64] >> (bit % 64)) & 1;
        if (u256_cmp(&rem, d) >= 0) {
            u256_sub(&rem, d);
            quot.w[bit / 64] |= (uint64_t)1 << (bit % 64);
        }
    }
    *q = quot;
    *r = rem;
}

static u256 u256_pow10(int n) {
    u256 r = {{1, 0, 0, 0}}, ten = {{10, 0, 0, 0}};
    for (int i = 0; i < n; i++)
        r = u256_mul(&r, &ten);
    return r;
}

/* |v| rounded HALF_UP from n / d; false when it does not fit `precision` digits. */
static bool round_half_up(const u256 *n, const u256 *d, int precision, bool negative,
                          pm_decimal128 *out) {
    u256 q, r;
    u256_divmod(n, d, &q, &r);
    u256_shl1(&r);
    if (u256_cmp(&r, d) >= 0) {
        for (int i = 0; i < 4 && ++q.w[i] == 0; i++) {
        }
    }
    u256 limit = u256_pow10(precision);
    if (u256_cmp(&q, &limit) >= 0)
        return false;
    pm_decimal128 v = {q.w[0], (int64_t)q.w[1]};
    *out = negative ? pm_dec_negate(v) : v;
    return true;
}

/* ---- helpers ---- */

static bool fits_precision(pm_decimal128 v, int precision) { return pm_dec_digits(v) <= precision; }

static int overflow(const pm_field_agg *a, const char *kind, int64_t x, char op, int64_t y,
                    paimon_error *err) {
    return pm_err(err, PAIMON_ELIMIT, "%s: %s overflow: %" PRId64 " %c %" PRId64, a->function,
                  kind, x, op, y);
}

static const char *int_kind(pm_type_id id) {
    switch (id) {
    case PM_TYPE_TINYINT: return "byte";
    case PM_TYPE_SMALLINT: return "short";
    case PM_TYPE_INT: return "int";
    default: return "long";
    }
}

static bool int_in_range(pm_type_id id, int64_t v) {
    switch (id) {
    case PM_TYPE_TINYINT: return v >= INT8_MIN && v <= INT8_MAX;
    case PM_TYPE_SMALLINT: return v >= INT16_MIN && v <= INT16_MAX;
    case PM_TYPE_INT: return v >= INT32_MIN && v <= INT32_MAX;
    default: return true;
    }
}

/* ---- sum ---- */

/* DecimalUtils.add / subtract at the column's precision and scale. */
static void dec_add_java(const pm_type *t, pm_decimal128 x, pm_decimal128 y, bool subtract,
                         pm_decimal128 *out, bool *is_null) {
    int64_t lx, ly, ls;
    *is_null = false;
    if (pm_decimal_is_compact(t->precision) && pm_dec_to_i64(x, &lx) && pm_dec_to_i64(y, &ly)) {
        bool ovf = subtract ? __builtin_sub_overflow(lx, ly, &ls) : __builtin_add_overflow(lx, ly, &ls);
        if (!ovf) {
            *out = pm_dec_from_i64(ls);
            return;
        }
    }
    pm_decimal128 r;
    if (!pm_dec_add(x, subtract ? pm_dec_negate(y) : y, &r) || !fits_precision(r, t->precision)) {
        *is_null = true;
        return;
    }
    *out = r;
}

static int sum_combine(pm_field_agg *a, pm_datum in, bool subtract, paimon_error *err) {
    const pm_type *t = a->type;
    pm_datum *acc = &a->acc;
    switch (t->id) {
    case PM_TYPE_TINYINT:
    case PM_TYPE_SMALLINT:
    case PM_TYPE_INT: {
        int64_t r = subtract ? acc->v.i - in.v.i : acc->v.i + in.v.i;
        if (!int_in_range(t->id, r))
            return overflow(a, int_kind(t->id), acc->v.i, subtract ? '-' : '+', in.v.i, err);
        acc->v.i = r;
        return PAIMON_OK;
    }
    case PM_TYPE_BIGINT: {
        int64_t r;
        bool ovf = subtract ? __builtin_sub_overflow(acc->v.i, in.v.i, &r)
                            : __builtin_add_overflow(acc->v.i, in.v.i, &r);
        if (ovf)
            return overflow(a, "long", acc->v.i, subtract ? '-' : '+', in.v.i, err);
        acc->v.i = r;
        return PAIMON_OK;
    }
    case PM_TYPE_FLOAT: {
        float x = (float)acc->v.f, y = (float)in.v.f;
        float r = subtract ? x - y : x + y;
        acc->v.f = r;
        return PAIMON_OK;
    }
    case PM_TYPE_DOUBLE: acc->v.f = subtract ? acc->v.f - in.v.f : acc->v.f + in.v.f; return PAIMON_OK;
    case PM_TYPE_DECIMAL: {
        bool is_null;
        dec_add_java(t, acc->v.dec, in.v.dec, subtract, &acc->v.dec, &is_null);
        if (is_null)
            agg_set_null(a);
        return PAIMON_OK;
    }
    default: return pm_err(err, PAIMON_EINVAL, "%s: unexpected type", a->function);
    }
}

static int sum_add(pm_field_agg *a, const struct ArrowArray *in, int64_t row, paimon_error *err) {
    if (!pm_arrow_is_valid(in, row))
        return PAIMON_OK;
    pm_datum d = pm_arrow_get_datum(in, a->type, row);
    if (a->is_null) {
        a->acc = d;
        a->is_null = false;
        return PAIMON_OK;
    }
    return sum_combine(a, d, false, err);
}

/* Retracting from a null sum keeps the negated input (FieldSumAgg.negative). */
static int sum_negate(pm_field_agg *a, pm_datum d, paimon_error *err) {
    const pm_type *t = a->type;
    switch (t->id) {
    case PM_TYPE_TINYINT:
    case PM_TYPE_SMALLINT:
    case PM_TYPE_INT:
        if (!int_in_range(t->id, -d.v.i))
            return pm_err(err, PAIMON_ELIMIT, "%s: %s overflow: -%" PRId64, a->function,
                          int_kind(t->id), d.v.i);
        d.v.i = -d.v.i;
        break;
    case PM_TYPE_BIGINT:
        if (d.v.i == INT64_MIN)
            return pm_err(err, PAIMON_ELIMIT, "%s: long overflow: -%" PRId64, a->function, d.v.i);
        d.v.i = -d.v.i;
        break;
    case PM_TYPE_FLOAT: d.v.f = -(float)d.v.f; break;
    case PM_TYPE_DOUBLE: d.v.f = -d.v.f; break;
    case PM_TYPE_DECIMAL:
        d.v.dec = pm_dec_negate(d.v.dec);
        if (!fits_precision(d.v.dec, t->precision)) {
            agg_set_null(a);
            return PAIMON_OK;
        }
        break;
    default: return pm_err(err, PAIMON_EINVAL, "%s: unexpected type", a->function);
    }
    a->acc = d;
    a->is_null = false;
    return PAIMON_OK;
}

static int sum_retract(pm_field_agg *a, const struct ArrowArray *in, int64_t row,
                       paimon_error *err) {
    if (!pm_arrow_is_valid(in, row))
        return PAIMON_OK;
    pm_datum d = pm_arrow_get_datum(in, a->type, row);
    if (a->is_null)
        return sum_negate(a, d, err);
    return sum_combine(a, d, true, err);
}

const agg_ops agg_sum_ops = {sum_add, sum_retract};

/* ---- product ---- */

static void dec_mul_java(const pm_type *t, pm_decimal128 x, pm_decimal128 y, pm_decimal128 *out,
                         bool *is_null) {
    u256 mx = u256_from_dec(x), my = u256_from_dec(y);
    u256 n = u256_mul(&mx, &my);
    u256 d = u256_pow10(t->scale);
    bool negative = pm_dec_is_negative(x) != pm_dec_is_negative(y);
    *is_null = !round_half_up(&n, &d, t->precision, negative, out);
}

static int dec_div_java(const pm_field_agg *a, pm_decimal128 x, pm_decimal128 y,
                        pm_decimal128 *out, bool *is_null, paimon_error *err) {
    const pm_type *t = a->type;
    u256 mx = u256_from_dec(x), my = u256_from_dec(y);
    if (u256_is_zero(&my))
        return pm_err(err, PAIMON_EINVAL, "%s: %s", a->function,
                      u256_is_zero(&mx) ? "Division undefined" : "Division by zero");
    /* BigDecimal.divide(BigDecimal) needs a terminating quotient: the reduced divisor may only
     * have the prime factors 2 and 5. */
    u256 g = mx, h = my, q, r;
    while (!u256_is_zero(&h)) {
        u256_divmod(&g, &h, &q, &r);
        g = h;
        h = r;
    }
    u256 reduced;
    u256_divmod(&my, &g, &reduced, &r);
    const u256 two = {{2, 0, 0, 0}}, five = {{5, 0, 0, 0}};
    for (;;) {
        u256_divmod(&reduced, &two, &q, &r);
        if (!u256_is_zero(&r))
            break;
        reduced = q;
    }
    for (;;) {
        u256_divmod(&reduced, &five, &q, &r);
        if (!u256_is_zero(&r))
            break;
        reduced = q;
    }
    const u256 one = {{1, 0, 0, 0}};
    if (u256_cmp(&reduced, &one) != 0)
        return pm_err(err, PAIMON_EINVAL,
                      "%s: Non-terminating decimal expansion; no exact representable decimal "
                      "result",
                      a->function);
    u256 scale = u256_pow10(t->scale);
    u256 n = u256_mul(&mx, &scale);
    bool negative = pm_dec_is_negative(x) != pm_dec_is_negative(y);
    *is_null = !round_half_up(&n, &my, t->precision, negative, out);
    return PAIMON_OK;
}

static int product_combine(pm_field_agg *a, pm_datum in, bool divide, paimon_error *err) {
    const pm_type *t = a->type;
    pm_datum *acc = &a->acc;
    switch (t->id) {
    case PM_TYPE_TINYINT:
    case PM_TYPE_SMALLINT:
    case PM_TYPE_INT:
    case PM_TYPE_BIGINT: {
        int64_t x = acc->v.i, y = in.v.i, r;
        if (divide) {
            if (y == 0)
                return pm_err(err, PAIMON_EINVAL, "%s: / by zero", a->function);
            if (x == INT64_MIN && y == -1)
                return overflow(a, "long", x, '/', y, err);
            r = x / y;
        } else if (__builtin_mul_overflow(x, y, &r)) {
            return overflow(a, "long", x, '*', y, err);
        }
        if (!int_in_range(t->id, r))
            return overflow(a, int_kind(t->id), x, divide ? '/' : '*', y, err);
        acc->v.i = r;
        return PAIMON_OK;
    }
    case PM_TYPE_FLOAT: {
        float x = (float)acc->v.f, y = (float)in.v.f;
        float r = divide ? x / y : x * y;
        acc->v.f = r;
        return PAIMON_OK;
    }
    case PM_TYPE_DOUBLE: acc->v.f = divide ? acc->v.f / in.v.f : acc->v.f * in.v.f; return PAIMON_OK;
    case PM_TYPE_DECIMAL: {
        bool is_null;
        pm_decimal128 r;
        if (divide)
            PM_TRY(dec_div_java(a, acc->v.dec, in.v.dec, &r, &is_null, err));
        else
            dec_mul_java(t, acc->v.dec, in.v.dec, &r, &is_null);
        if (is_null)
            agg_set_null(a);
        else
            acc->v.dec = r;
        return PAIMON_OK;
    }
    default: return pm_err(err, PAIMON_EINVAL, "%s: unexpected type", a->function);
    }
}

static int product_add(pm_field_agg *a, const struct ArrowArray *in, int64_t row,
                       paimon_error *err) {
    if (!pm_arrow_is_valid(in, row))
        return PAIMON_OK;
    pm_datum d = pm_arrow_get_datum(in, a->type, row);
    if (a->is_null) {
        a->acc = d;
        a->is_null = false;
        return PAIMON_OK;
    }
    return product_combine(a, d, false, err);
}

/* A null accumulator or input leaves the accumulator as it is. */
static int product_retract(pm_field_agg *a, const struct ArrowArray *in, int64_t row,
                           paimon_error *err) {
    if (a->is_null || !pm_arrow_is_valid(in, row))
        return PAIMON_OK;
    return product_combine(a, pm_arrow_get_datum(in, a->type, row), true, err);
}

const agg_ops agg_product_ops = {product_add, product_retract};

/* ---- max / min ---- */

static int extreme(pm_field_agg *a, const struct ArrowArray *in, int64_t row, bool max,
                   paimon_error *err) {
    if (!pm_arrow_is_valid(in, row))
        return PAIMON_OK;
    if (a->is_null)
        return agg_keep(a, in, row, err);
    pm_datum d = pm_arrow_get_datum(in, a->type, row);
    int c = pm_datum_compare(a->type, &a->acc, &d);
    /* max keeps the accumulator on ties, min takes the input (FieldMaxAgg / FieldMinAgg). */
    bool take = max ? c < 0 : c >= 0;
    return take ? agg_keep(a, in, row, err) : PAIMON_OK;
}

static int max_add(pm_field_agg *a, const struct ArrowArray *in, int64_t row, paimon_error *err) {
    return extreme(a, in, row, true, err);
}

static int min_add(pm_field_agg *a, const struct ArrowArray *in, int64_t row, paimon_error *err) {
    return extreme(a, in, row, false, err);
}

const agg_ops agg_max_ops = {max_add, NULL};
const agg_ops agg_min_ops = {min_add, NULL};

/* ---- value functions ---- */

static int last_value_retract(pm_field_agg *a, const struct ArrowArray *in, int64_t row,
                              paimon_error *err) {
    (void)in, (void)row, (void)err;
    agg_set_null(a);
    return PAIMON_OK;
}

const agg_ops agg_last_value_ops = {agg_keep, last_value_retract};

static int last_non_null_add(pm_field_agg *a, const struct ArrowArray *in, int64_t row,
                             paimon_error *err) {
    return pm_arrow_is_valid(in, row) ? agg_keep(a, in, row, err) : PAIMON_OK;
}

static int last_non_null_retract(pm_field_agg *a, const struct ArrowArray *in, int64_t row,
                                 paimon_error *err) {
    (void)err;
    if (pm_arrow_is_valid(in, row))
        agg_set_null(a);
    return PAIMON_OK;
}

const agg_ops agg_last_non_null_ops = {last_non_null_add, last_non_null_retract};

static int first_value_add(pm_field_agg *a, const struct ArrowArray *in, int64_t row,
                           paimon_error *err) {
    if (a->initialized)
        return PAIMON_OK;
    a->initialized = true;
    return agg_keep(a, in, row, err);
}

const agg_ops agg_first_value_ops = {first_value_add, NULL};

static int first_non_null_add(pm_field_agg *a, const struct ArrowArray *in, int64_t row,
                              paimon_error *err) {
    if (a->initialized || !pm_arrow_is_valid(in, row))
        return PAIMON_OK;
    a->initialized = true;
    return agg_keep(a, in, row, err);
}

const agg_ops agg_first_non_null_ops = {first_non_null_add, NULL};

/* primary-key: the key value is the input, for additions and retractions alike. */
const agg_ops agg_primary_key_ops = {agg_keep, agg_keep};

/* ---- bool_and / bool_or ---- */

static int bool_combine(pm_field_agg *a, const struct ArrowArray *in, int64_t row, bool and_op) {
    if (!pm_arrow_is_valid(in, row))
        return PAIMON_OK;
    pm_datum d = pm_arrow_get_datum(in, a->type, row);
    if (a->is_null) {
        a->acc = d;
        a->is_null = false;
    } else {
        a->acc.v.b = and_op ? (a->acc.v.b && d.v.b) : (a->acc.v.b || d.v.b);
    }
    return PAIMON_OK;
}

static int bool_and_add(pm_field_agg *a, const struct ArrowArray *in, int64_t row,
                        paimon_error *err) {
    (void)err;
    return bool_combine(a, in, row, true);
}

static int bool_or_add(pm_field_agg *a, const struct ArrowArray *in, int64_t row,
                       paimon_error *err) {
    (void)err;
    return bool_combine(a, in, row, false);
}

const agg_ops agg_bool_and_ops = {bool_and_add, NULL};
const agg_ops agg_bool_or_ops = {bool_or_add, NULL};

/* ---- listagg ---- */

/* StringUtils.isBlank of the decoded string: every UTF-16 unit passes Character.isWhitespace.
 * Malformed UTF-8 decodes to U+FFFD, which is not whitespace. */
static bool is_blank(const uint8_t *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        uint8_t c = s[i];
        if (c < 0x80) {
            if (!((c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20)))
                return false;
            i++;
            continue;
        }
        if (c < 0xE1 || c > 0xE3 || n - i < 3)
            return false;
        uint32_t cp = ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(s[i + 1] & 0x3F) << 6) |
                      (uint32_t)(s[i + 2] & 0x3F);
        if ((s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80)
            return false;
        bool ws = cp == 0x1680 || (cp >= 0x2000 && cp <= 0x2006) ||
                  (cp >= 0x2008 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
                  cp == 0x205F || cp == 0x3000;
        if (!ws)
            return false;
        i += 3;
    }
    return true;
}

/* BinaryStringUtils.splitByWholeSeparatorPreserveAllTokens (an empty delimiter splits on " "):
 * appends the tokens of s to (*tokens)[*count ...] and advances *count. */
static int split_tokens(const uint8_t *s, size_t n, const uint8_t *sep, size_t sep_len,
                        bool from_input, agg_span **tokens, size_t *count, size_t *cap,
                        paimon_error *err) {
    if (n == 0)
        return PAIMON_OK;
    if (sep_len == 0) {
        sep = (const uint8_t *)" ";
        sep_len = 1;
    }
    size_t beg = 0, end = 0;
    while (end < n) {
        size_t found = (size_t)-1;
        for (size_t i = beg; sep_len <= n - beg && i <= n - sep_len; i++) {
            if (memcmp(s + i, sep, sep_len) == 0) {
                found = i;
                break;
            }
        }
        agg_span t;
        t.from_input = from_input;
        t.off = beg;
        if (found != (size_t)-1) {
            t.len = found - beg;
            end = found;
            beg = found + sep_len;
        } else {
            t.len = n - beg;
            end = n;
        }
        if (pm_grow((void **)tokens, cap, *count + 1, sizeof **tokens) != PAIMON_OK)
            return pm_err_nomem(err);
        (*tokens)[(*count)++] = t;
    }
    return PAIMON_OK;
}

static int listagg_add(pm_field_agg *a, const struct ArrowArray *in, int64_t row,
                       paimon_error *err) {
    if (!pm_arrow_is_valid(in, row))
        return PAIMON_OK;
    pm_datum d = pm_arrow_get_datum(in, a->type, row);
    const uint8_t *ip = d.v.bytes.ptr;
    size_t il = d.v.bytes.len;
    if (is_blank(ip, il))
        return PAIMON_OK;
    if (a->is_null || is_blank(a->acc_bytes.data, a->acc_bytes.len))
        return agg_keep_bytes(a, ip, il, err);
    const uint8_t *delim = a->delimiter.data;
    size_t dl = a->delimiter.len;
    if (!a->distinct) {
        if (pm_buf_append(&a->acc_bytes, delim, dl) != PAIMON_OK ||
            pm_buf_append(&a->acc_bytes, ip, il) != PAIMON_OK)
            return pm_err_nomem(err);
        a->acc.v.bytes.ptr = a->acc_bytes.data;
        a->acc.v.bytes.len = a->acc_bytes.len;
        return PAIMON_OK;
    }
    /* The accumulator's tokens are offsets into acc_bytes, so appending keeps them valid. */
    size_t count = 0;
    PM_TRY(split_tokens(a->acc_bytes.data, a->acc_bytes.len, delim, dl, false, &a->tokens,
                        &count, &a->token_cap, err));
    size_t acc_tokens = count;
    PM_TRY(split_tokens(ip, il, delim, dl, true, &a->tokens, &count, &a->token_cap, err));
    size_t total = count;
    count = acc_tokens;
    /* Input tokens sit at [acc_tokens, total); accepted ones are appended at `count`, which
     * never passes the token being read. */
    for (size_t i = acc_tokens; i < total; i++) {
        agg_span t = a->tokens[i];
        const uint8_t *tp = ip + t.off;
        if (is_blank(tp, t.len))
            continue;
        bool seen = false;
        for (size_t k = 0; k < count && !seen; k++) {
            const agg_span *e = &a->tokens[k];
            const uint8_t *ep = (e->from_input ? ip : a->acc_bytes.data) + e->off;
            seen = e->len == t.len && memcmp(ep, tp, t.len) == 0;
        }
        if (seen)
            continue;
        a->tokens[count++] = t;
        if (pm_buf_append(&a->acc_bytes, delim, dl) != PAIMON_OK ||
            pm_buf_append(&a->acc_bytes, tp, t.len) != PAIMON_OK)
            return pm_err_nomem(err);
        a->acc.v.bytes.ptr = a->acc_bytes.data;
        a->acc.v.bytes.len = a->acc_bytes.len;
    }
    return PAIMON_OK;
}

const agg_ops agg_listagg_ops = {listagg_add, NULL};
