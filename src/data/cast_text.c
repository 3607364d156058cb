/*
 * cast_text.c - reading and writing values as text the way Java Paimon's casts do.
 *
 * The parsers reproduce what paimon-common's BinaryStringUtils and DateTimeUtils accept and
 * what the JDK methods they call (Double.parseDouble, new BigDecimal, a DateTimeFormatter in
 * SMART resolution) accept; the formatters reproduce DateTimeUtils' output, including its
 * behaviour outside the years 0..9999 (digits taken modulo 10, arithmetic wrapping at 32 bits).
 * Strings are raw UTF-8 bytes; every delimiter is ASCII, so byte positions stand in for Java's
 * char positions.
 */
#include "data/cast_internal.h"

#include "util/mem.h"
#include "util/timeutil.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Java int arithmetic: the result modulo 2^32. */
static int32_t wrap32(int64_t v) { return (int32_t)(uint32_t)(uint64_t)v; }

static bool is_digit(uint8_t c) { return c >= '0' && c <= '9'; }

/* String.trim(): drops bytes <= ' ' at both ends (multi-byte UTF-8 never contains them). */
static void trim(const uint8_t **s, size_t *n) {
    while (*n > 0 && (*s)[0] <= ' ') {
        (*s)++;
        (*n)--;
    }
    while (*n > 0 && (*s)[*n - 1] <= ' ')
        (*n)--;
}

static long index_of(const uint8_t *s, size_t n, uint8_t c, size_t from) {
    for (size_t i = from; i < n; i++) {
        if (s[i] == c)
            return (long)i;
    }
    return -1;
}

/* ---- integers: BinaryStringUtils.toLong / toInt ---- */

static pm_java_parse parse_integral(const uint8_t *s, size_t n, int64_t min, int64_t *out) {
    if (n == 0)
        return PM_JAVA_INVALID;
    size_t i = 0;
    bool negative = s[0] == '-';
    if (negative || s[0] == '+') {
        i++;
        if (n == 1)
            return PM_JAVA_INVALID;
    }
    /* Accumulated as a negative number: the minimum has no positive counterpart. */
    int64_t result = 0;
    int64_t stop = min / 10;
    for (; i < n; i++) {
        uint8_t c = s[i];
        if (c == '.') {
            i++;
            break;
        }
        if (!is_digit(c))
            return PM_JAVA_INVALID;
        int digit = c - '0';
        if (result < stop || result * 10 < min + digit)
            return PM_JAVA_OVERFLOW;
        result = result * 10 - digit;
    }
    for (; i < n; i++) { /* the fraction is checked, then dropped */
        if (!is_digit(s[i]))
            return PM_JAVA_INVALID;
    }
    if (!negative) {
        if (result == min)
            return PM_JAVA_OVERFLOW;
        result = -result;
    }
    *out = result;
    return PM_JAVA_OK;
}

pm_java_parse pm_java_parse_long(const uint8_t *s, size_t n, int64_t *out) {
    return parse_integral(s, n, INT64_MIN, out);
}

pm_java_parse pm_java_parse_int(const uint8_t *s, size_t n, int32_t *out) {
    int64_t v;
    pm_java_parse rc = parse_integral(s, n, INT32_MIN, &v);
    if (rc == PM_JAVA_OK)
        *out = (int32_t)v;
    return rc;
}

/* ---- floating point: Double.parseDouble / Float.parseFloat ---- */

static bool is_hex(uint8_t c) {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static bool is_type_suffix(uint8_t c) { return c == 'f' || c == 'F' || c == 'd' || c == 'D'; }

/* Java's hexadecimal form: 0x(h+.?|h*.h+)p[+-]?d+ with an optional type suffix. */
static bool java_hex_float(const uint8_t *s, size_t n, size_t i, size_t *end) {
    i += 2;
    size_t before = 0, after = 0;
    while (i < n && is_hex(s[i])) {
        i++;
        before++;
    }
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && is_hex(s[i])) {
            i++;
            after++;
        }
    }
    if (before + after == 0 || i >= n || (s[i] != 'p' && s[i] != 'P'))
        return false;
    i++;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        i++;
    size_t exp_digits = 0;
    while (i < n && is_digit(s[i])) {
        i++;
        exp_digits++;
    }
    if (exp_digits == 0)
        return false;
    *end = i;
    return i == n || (i == n - 1 && is_type_suffix(s[i]));
}

/* Java's decimal form: digits with at most one point (at least one digit), an optional
 * exponent, an optional type suffix. */
static bool java_decimal_float(const uint8_t *s, size_t n, size_t i, size_t *end) {
    size_t digits = 0;
    bool point = false;
    for (; i < n; i++) {
        if (is_digit(s[i]))
            digits++;
        else if (s[i] == '.' && !point)
            point = true;
        else
            break;
    }
    if (digits == 0)
        return false;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        size_t exp_digits = 0;
        while (i < n && is_digit(s[i])) {
            i++;
            exp_digits++;
        }
        if (exp_digits == 0)
            return false;
    }
    *end = i;
    return i == n || (i == n - 1 && is_type_suffix(s[i]));
}

static pm_java_parse parse_floating(const uint8_t *s, size_t n, bool single, double *d_out,
                                    float *f_out) {
    trim(&s, &n);
    if (n == 0)
        return PM_JAVA_INVALID;
    size_t i = 0;
    bool negative = false;
    if (s[0] == '+' || s[0] == '-') {
        negative = s[0] == '-';
        i++;
    }
    size_t rest = n - i;
    if (rest == 3 && memcmp(s + i, "NaN", 3) == 0) {
        *d_out = NAN;
        *f_out = NAN;
        return PM_JAVA_OK;
    }
    if (rest == 8 && memcmp(s + i, "Infinity", 8) == 0) {
        *d_out = negative ? -INFINITY : INFINITY;
        *f_out = (float)*d_out;
        return PM_JAVA_OK;
    }
    size_t end;
    bool hex = rest >= 2 && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X');
    if (hex ? !java_hex_float(s, n, i, &end) : !java_decimal_float(s, n, i, &end))
        return PM_JAVA_INVALID;
    /* Validated: strtod/strtof (correctly rounded, like the JDK) see the same number. */
    char small[128];
    char *text = end < sizeof small ? small : pm_malloc(end + 1);
    if (text == NULL)
        return PM_JAVA_NOMEM;
    memcpy(text, s, end);
    text[end] = '\0';
    char *stop;
    if (single)
        *f_out = strtof(text, &stop);
    else
        *d_out = strtod(text, &stop);
    if (text != small)
        pm_free(text);
    return PM_JAVA_OK;
}

pm_java_parse pm_java_parse_double(const uint8_t *s, size_t n, double *out) {
    float unused;
    return parse_floating(s, n, false, out, &unused);
}

pm_java_parse pm_java_parse_float(const uint8_t *s, size_t n, float *out) {
    double unused;
    return parse_floating(s, n, true, &unused, out);
}

/* ---- decimals: new BigDecimal(text) then Decimal.fromBigDecimal ---- */

bool pm_java_decimal_fit(pm_decimal128 unscaled, int from_scale, int precision, int scale,
                         pm_decimal128 *out) {
    pm_decimal128 r;
    if (!pm_dec_rescale(unscaled, from_scale, scale, &r) || pm_dec_digits(r) > precision)
        return false;
    *out = r;
    return true;
}

/* The digits of the significand, skipping the decimal point. */
typedef struct digit_view {
    const uint8_t *int_part;
    size_t int_count;
    const uint8_t *frac_part;
    size_t frac_count;
} digit_view;

static uint8_t digit_at(const digit_view *v, size_t j) {
    return (uint8_t)((j < v->int_count ? v->int_part[j] : v->frac_part[j - v->int_count]) - '0');
}

pm_java_parse pm_java_parse_decimal(const uint8_t *s, size_t n, int precision, int scale,
                                    pm_decimal128 *out, bool *is_null) {
    size_t i = 0;
    bool negative = false;
    if (i < n && (s[i] == '+' || s[i] == '-')) {
        negative = s[i] == '-';
        i++;
    }
    digit_view v = {s + i, 0, NULL, 0};
    while (i < n && is_digit(s[i])) {
        i++;
        v.int_count++;
    }
    if (i < n && s[i] == '.') {
        i++;
        v.frac_part = s + i;
        while (i < n && is_digit(s[i])) {
            i++;
            v.frac_count++;
        }
    }
    size_t total = v.int_count + v.frac_count;
    if (total == 0)
        return PM_JAVA_INVALID;
    int64_t exponent = 0;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        bool exp_negative = false;
        if (i < n && (s[i] == '+' || s[i] == '-')) {
            exp_negative = s[i] == '-';
            i++;
        }
        if (i == n)
            return PM_JAVA_INVALID;
        while (n - i > 10 && s[i] == '0') /* BigDecimal skips zeros only while > 10 digits */
            i++;
        if (n - i > 10)
            return PM_JAVA_INVALID;
        for (; i < n; i++) {
            if (!is_digit(s[i]))
                return PM_JAVA_INVALID;
            exponent = exponent * 10 + (s[i] - '0');
        }
        if (exp_negative)
            exponent = -exponent;
    }
    if (i != n)
        return PM_JAVA_INVALID;
    int64_t value_scale = (int64_t)v.frac_count - exponent;
    if (value_scale > INT32_MAX || value_scale < INT32_MIN)
        return PM_JAVA_INVALID; /* "Scale out of range" */
    /* The value is D * 10^-value_scale for the significant digits D. */
    size_t first = 0;
    while (first < total && digit_at(&v, first) == 0)
        first++;
    size_t sig = total - first;
    *is_null = false;
    pm_decimal128 r = {0, 0};
    if (sig == 0) {
        *out = r;
        return PM_JAVA_OK;
    }
    int64_t shift = (int64_t)scale - value_scale; /* > 0: append zeros, < 0: drop digits */
    size_t keep = sig;
    int round_digit = 0;
    if (shift < 0) {
        uint64_t drop = (uint64_t)(-shift);
        if (drop > sig) {
            *out = r; /* everything dropped, the first dropped digit is a zero */
            return PM_JAVA_OK;
        }
        keep = sig - (size_t)drop;
        round_digit = digit_at(&v, first + keep);
    }
    if ((int64_t)keep + (shift > 0 ? shift : 0) > precision) {
        *is_null = true;
        return PM_JAVA_OK;
    }
    pm_decimal128 one = {1, 0};
    for (size_t j = 0; j < keep; j++) {
        pm_decimal128 d = {digit_at(&v, first + j), 0};
        if (!pm_dec_mul_i64(r, 10, &r) || !pm_dec_add(r, d, &r))
            return PM_JAVA_INVALID; /* unreachable: keep <= 38 digits */
    }
    for (int64_t j = 0; j < shift; j++)
        pm_dec_mul_i64(r, 10, &r); /* fits: keep + shift <= precision */
    if (round_digit >= 5)
        pm_dec_add(r, one, &r);
    if (pm_dec_digits(r) > precision) {
        *is_null = true;
        return PM_JAVA_OK;
    }
    *out = negative ? pm_dec_negate(r) : r;
    return PM_JAVA_OK;
}

/* ---- dates and times: DateTimeUtils.parseDate / parseTime ---- */

/* StringUtils.isNumeric for ASCII: an optional '-' and digits. (Java also takes other Unicode
 * digits here, which every caller then rejects, so the outcome is the same.) */
static bool is_numeric(const uint8_t *s, size_t n) {
    size_t i = 0;
    if (n > 0 && s[0] == '-')
        i = 1;
    if (i == n)
        return false;
    for (; i < n; i++) {
        if (!is_digit(s[i]))
            return false;
    }
    return true;
}

/* DateTimeUtils.isInteger of the trimmed text, then Integer.parseInt. */
static bool trimmed_int(const uint8_t *s, size_t n, int32_t *out) {
    trim(&s, &n);
    if (n == 0)
        return false;
    int64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(s[i]))
            return false;
        v = v * 10 + (s[i] - '0');
        if (v > INT32_MAX)
            return false; /* parseInt throws */
    }
    *out = (int32_t)v;
    return true;
}

static bool is_leap(int32_t y) { return y % 400 == 0 || (y % 4 == 0 && y % 100 != 0); }

pm_java_parse pm_java_parse_date(const uint8_t *s, size_t n, int32_t *days_out) {
    if (is_numeric(s, n))
        return pm_java_parse_int(s, n, days_out);
    long space = index_of(s, n, ' ', 0);
    if (space > 0)
        n = (size_t)space; /* "2017-12-12 09:30:00" reads as its date */
    int32_t y, m = 1, d = 1;
    long h1 = index_of(s, n, '-', 0);
    if (h1 < 0) {
        if (!trimmed_int(s, n, &y))
            return PM_JAVA_INVALID;
    } else {
        if (!trimmed_int(s, (size_t)h1, &y))
            return PM_JAVA_INVALID;
        long h2 = index_of(s, n, '-', (size_t)h1 + 1);
        if (h2 < 0) {
            if (!trimmed_int(s + h1 + 1, n - (size_t)h1 - 1, &m))
                return PM_JAVA_INVALID;
        } else {
            if (!trimmed_int(s + h1 + 1, (size_t)(h2 - h1 - 1), &m) ||
                !trimmed_int(s + h2 + 1, n - (size_t)h2 - 1, &d))
                return PM_JAVA_INVALID;
        }
    }
    static const int32_t month_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y > 9999 || m < 1 || m > 12 || d < 1 || d > month_days[m - 1] ||
        (m == 2 && d == 29 && !is_leap(y)))
        return PM_JAVA_INVALID;
    *days_out = (int32_t)pm_days_from_civil(y, (unsigned)m, (unsigned)d);
    return PM_JAVA_OK;
}

/* DateTimeUtils.parseFraction: three digits (anything else counts as 0) and a rounding look at
 * the fourth character. Characters are Java chars: a UTF-8 sequence is one (two when it
 * encodes a supplementary character); a stray byte is one. */
static size_t java_char_len(const uint8_t *s, size_t n, int *units) {
    uint8_t c = s[0];
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    if (len > n)
        len = 1;
    for (size_t k = 1; k < len; k++) {
        if ((s[k] & 0xC0) != 0x80)
            len = 1;
    }
    *units = len == 4 ? 2 : 1;
    return len;
}

static int32_t parse_fraction(const uint8_t *s, size_t n) {
    int codes[5]; /* the first Java chars: ASCII as itself, anything else above '9' */
    int count = 0;
    for (size_t i = 0; i < n && count < 5;) {
        int units;
        size_t len = java_char_len(s + i, n - i, &units);
        int code = s[i] < 0x80 ? s[i] : 0xFFFD;
        for (int u = 0; u < units && count < 5; u++)
            codes[count++] = code;
        i += len;
    }
    int32_t multiplier = 100, r = 0;
    for (int k = 0; k < count; k++) {
        r += multiplier * ((codes[k] >= '0' && codes[k] <= '9') ? codes[k] - '0' : 0);
        if (multiplier < 10) {
            if (k + 1 < count && codes[k + 1] >= '5')
                r++;
            break;
        }
        multiplier /= 10;
    }
    return r;
}

pm_java_parse pm_java_parse_time(const uint8_t *s, size_t n, int32_t *millis_out) {
    if (is_numeric(s, n))
        return pm_java_parse_int(s, n, millis_out);
    long colon1 = index_of(s, n, ':', 0);
    int32_t operator_sign = -1, tz_hour = 0, tz_minute = 0;
    long tz = index_of(s, n, '-', 0);
    if (tz < 0) {
        tz = index_of(s, n, '+', 0);
        operator_sign = 1;
    }
    size_t end = n;
    if (tz >= 0) {
        end = (size_t)tz;
        long colon3 = index_of(s, n, ':', (size_t)tz);
        if (colon3 < 0) {
            if (!trimmed_int(s + tz + 1, n - (size_t)tz - 1, &tz_hour))
                return PM_JAVA_INVALID;
        } else if (!trimmed_int(s + tz + 1, (size_t)(colon3 - tz - 1), &tz_hour) ||
                   !trimmed_int(s + colon3 + 1, n - (size_t)colon3 - 1, &tz_minute)) {
            return PM_JAVA_INVALID;
        }
    }
    int32_t hour, minute = 0, second = 0, milli = 0;
    /* Java's substring(begin, end) throws when begin > end; those are invalid too. */
    if (colon1 < 0) {
        if (!trimmed_int(s, end, &hour))
            return PM_JAVA_INVALID;
    } else {
        if (!trimmed_int(s, (size_t)colon1, &hour))
            return PM_JAVA_INVALID;
        long colon2 = index_of(s, n, ':', (size_t)colon1 + 1);
        if (colon2 < 0) {
            if ((size_t)colon1 + 1 > end ||
                !trimmed_int(s + colon1 + 1, end - (size_t)colon1 - 1, &minute))
                return PM_JAVA_INVALID;
        } else {
            if (!trimmed_int(s + colon1 + 1, (size_t)(colon2 - colon1 - 1), &minute))
                return PM_JAVA_INVALID;
            long dot = index_of(s, n, '.', (size_t)colon2);
            if (dot < 0) {
                if ((size_t)colon2 + 1 > end ||
                    !trimmed_int(s + colon2 + 1, end - (size_t)colon2 - 1, &second))
                    return PM_JAVA_INVALID;
            } else {
                if (!trimmed_int(s + colon2 + 1, (size_t)(dot - colon2 - 1), &second) ||
                    (size_t)dot + 1 > end)
                    return PM_JAVA_INVALID;
                const uint8_t *f = s + dot + 1;
                size_t fn = end - (size_t)dot - 1;
                trim(&f, &fn);
                milli = parse_fraction(f, fn);
            }
        }
    }
    hour = wrap32((int64_t)hour + (int64_t)operator_sign * tz_hour);
    minute = wrap32((int64_t)minute + (int64_t)operator_sign * tz_minute);
    *millis_out = wrap32((int64_t)wrap32((int64_t)hour * 3600000) +
                         wrap32((int64_t)minute * 60000) + wrap32((int64_t)second * 1000) + milli);
    return PM_JAVA_OK;
}

/* ---- timestamps: DateTimeUtils' formatter "yyyy-[MM][M]-[dd][d]" with an optional
 * " HH:mm:ss[.fraction]" or "'T'HH:mm[:ss[.fraction]]" part, parsed strictly and resolved
 * SMART, then completed with defaults ---- */

enum { F_YEAR, F_MONTH, F_DAY, F_HOUR, F_MINUTE, F_SECOND, F_NANO, F_COUNT };

typedef struct parsed_fields {
    int64_t v[F_COUNT];
    bool set[F_COUNT];
} parsed_fields;

typedef struct ts_parser {
    const uint8_t *s;
    size_t n;
    parsed_fields f;
} ts_parser;

/* A parsed field must agree with an earlier value of the same field. */
static long set_field(parsed_fields *f, int field, int64_t value, long pos) {
    if (f->set[field] && f->v[field] != value)
        return -1;
    f->set[field] = true;
    f->v[field] = value;
    return pos;
}

enum sign_style { SIGN_NORMAL, SIGN_NOT_NEGATIVE, SIGN_EXCEEDS_PAD };

/* DateTimeFormatterBuilder's number parser in strict mode; returns the new position or -1.
 * Values of 19 digits that do not fit are kept saturated: Java rejects them later either way. */
static long parse_number(ts_parser *p, long pos, int min_w, int max_w, enum sign_style style,
                         int field) {
    size_t at = (size_t)pos;
    if (at >= p->n)
        return -1;
    bool positive = false, negative = false;
    if (p->s[at] == '+' || p->s[at] == '-') {
        if (style == SIGN_NOT_NEGATIVE || (style == SIGN_NORMAL && p->s[at] == '+'))
            return -1;
        positive = p->s[at] == '+';
        negative = !positive;
        at++;
    }
    size_t start = at;
    if (start + (size_t)min_w > p->n)
        return -1;
    size_t max_end = start + (size_t)max_w < p->n ? start + (size_t)max_w : p->n;
    int64_t total = 0;
    while (at < max_end && is_digit(p->s[at])) {
        total = total > INT64_MAX / 100 ? total : total * 10 + (p->s[at] - '0');
        at++;
    }
    size_t len = at - start;
    if (len < (size_t)min_w)
        return -1;
    if (negative) {
        if (total == 0)
            return -1; /* "-0" is not strict */
        total = -total;
    } else if (style == SIGN_EXCEEDS_PAD) {
        if (positive ? len <= (size_t)min_w : len > (size_t)min_w)
            return -1; /* a sign exactly when the digits exceed the pad width */
    }
    return set_field(&p->f, field, total, (long)at);
}

static long parse_literal(ts_parser *p, long pos, uint8_t c) {
    return ((size_t)pos < p->n && p->s[pos] == c) ? pos + 1 : -1;
}

/* appendFraction(NANO_OF_SECOND, 0, 9, true): an optional '.' and up to nine digits. */
static long parse_fraction9(ts_parser *p, long pos) {
    size_t at = (size_t)pos;
    if (at >= p->n || p->s[at] != '.')
        return pos;
    at++;
    size_t start = at;
    int64_t total = 0;
    while (at < p->n && at - start < 9 && is_digit(p->s[at])) {
        total = total * 10 + (p->s[at] - '0');
        at++;
    }
    for (size_t k = at - start; k < 9; k++)
        total *= 10;
    return set_field(&p->f, F_NANO, total, (long)at);
}

/* [XX][X]: two digits, or else any number of digits with an optional minus sign. Each bracket
 * is an optional section: a failure restores the fields and the position. */
static long parse_two_forms(ts_parser *p, long pos, int field) {
    parsed_fields saved = p->f;
    long r = parse_number(p, pos, 2, 2, SIGN_NOT_NEGATIVE, field);
    if (r < 0)
        p->f = saved;
    else
        pos = r;
    saved = p->f;
    r = parse_number(p, pos, 1, 19, SIGN_NORMAL, field);
    if (r < 0)
        p->f = saved;
    else
        pos = r;
    return pos;
}

/* " [HH][H]:[mm][m]:[ss][s]" + fraction. */
static long parse_space_time(ts_parser *p, long pos) {
    pos = parse_literal(p, pos, ' ');
    if (pos < 0)
        return -1;
    pos = parse_two_forms(p, pos, F_HOUR);
    if ((pos = parse_literal(p, pos, ':')) < 0)
        return -1;
    pos = parse_two_forms(p, pos, F_MINUTE);
    if ((pos = parse_literal(p, pos, ':')) < 0)
        return -1;
    pos = parse_two_forms(p, pos, F_SECOND);
    return parse_fraction9(p, pos);
}

/* "'T'[HH][H]:[mm][m]" + optional(":[ss][s]" + fraction). */
static long parse_t_time(ts_parser *p, long pos) {
    if ((pos = parse_literal(p, pos, 'T')) < 0)
        return -1;
    pos = parse_two_forms(p, pos, F_HOUR);
    if ((pos = parse_literal(p, pos, ':')) < 0)
        return -1;
    pos = parse_two_forms(p, pos, F_MINUTE);
    parsed_fields saved = p->f;
    long r = parse_literal(p, pos, ':');
    if (r >= 0) {
        r = parse_two_forms(p, r, F_SECOND);
        r = parse_fraction9(p, r);
    }
    if (r < 0) {
        p->f = saved;
        return pos;
    }
    return r;
}

static long optional_section(ts_parser *p, long pos, long (*section)(ts_parser *, long)) {
    parsed_fields saved = p->f;
    long r = section(p, pos);
    if (r < 0) {
        p->f = saved;
        return pos;
    }
    return r;
}

static bool field_in(const parsed_fields *f, int field, int64_t lo, int64_t hi) {
    return !f->set[field] || (f->v[field] >= lo && f->v[field] <= hi);
}

static int64_t field_or(const parsed_fields *f, int field, int64_t fallback) {
    return f->set[field] ? f->v[field] : fallback;
}

static int days_in_month(int64_t year, int64_t month) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

/* SMART resolution and LocalDateTime completion (missing fields default to 1970-01-01
 * 00:00:00), as DateTimeUtils.fromTemporalAccessor reads them. */
static bool resolve_local(const parsed_fields *pf, int64_t *epoch_day, int64_t *nano_of_day) {
    parsed_fields f = *pf;
    /* yyyy is YEAR_OF_ERA: 1..999999999, taken as the year when no era is given */
    if (!field_in(&f, F_YEAR, 1, 999999999))
        return false;
    bool date_resolved = f.set[F_YEAR] && f.set[F_MONTH] && f.set[F_DAY];
    if (date_resolved) {
        if (!field_in(&f, F_MONTH, 1, 12) || !field_in(&f, F_DAY, 1, 31))
            return false;
        int dim = days_in_month(f.v[F_YEAR], f.v[F_MONTH]);
        if (f.v[F_DAY] > dim)
            f.v[F_DAY] = dim; /* SMART: the last valid day of the month */
    }
    int64_t excess_days = 0;
    bool time_resolved = false;
    if (f.set[F_HOUR]) {
        bool bad_combination = (!f.set[F_MINUTE] && (f.set[F_SECOND] || f.set[F_NANO])) ||
                               (f.set[F_MINUTE] && !f.set[F_SECOND] && f.set[F_NANO]);
        if (!bad_combination) {
            int64_t h = f.v[F_HOUR], mi = field_or(&f, F_MINUTE, 0), se = field_or(&f, F_SECOND, 0),
                    na = field_or(&f, F_NANO, 0);
            if (mi < 0 || mi > 59 || na < 0 || na > 999999999)
                return false;
            if (h == 24 && mi == 0 && se == 0 && na == 0) {
                h = 0; /* 24:00 is the midnight that ends the day */
                excess_days = 1;
            } else if (h < 0 || h > 23 || se < 0 || se > 59) {
                return false;
            }
            f.v[F_HOUR] = h;
            f.v[F_MINUTE] = mi;
            f.v[F_SECOND] = se;
            f.v[F_NANO] = na;
            f.set[F_MINUTE] = f.set[F_SECOND] = f.set[F_NANO] = true;
            time_resolved = true;
        }
    }
    /* Fields left unresolved are range-checked when read. */
    if (!field_in(&f, F_MONTH, 1, 12) || !field_in(&f, F_DAY, 1, 31) ||
        !field_in(&f, F_HOUR, 0, 23) || !field_in(&f, F_MINUTE, 0, 59) ||
        !field_in(&f, F_SECOND, 0, 59) || !field_in(&f, F_NANO, 0, 999999999))
        return false;
    int64_t year = field_or(&f, F_YEAR, 1970), month = field_or(&f, F_MONTH, 1),
            day = field_or(&f, F_DAY, 1);
    if (day > days_in_month(year, month))
        return false; /* LocalDate.of rejects it */
    *epoch_day = pm_days_from_civil(year, (unsigned)month, (unsigned)day);
    if (date_resolved && time_resolved)
        *epoch_day += excess_days;
    *nano_of_day = ((field_or(&f, F_HOUR, 0) * 60 + field_or(&f, F_MINUTE, 0)) * 60 +
                    field_or(&f, F_SECOND, 0)) * 1000000000LL +
                   field_or(&f, F_NANO, 0);
    return true;
}

/* BinaryStringUtils.fromMillisToTimestamp: the epoch in the unit of the precision. */
static pm_java_parse epoch_to_timestamp(int64_t epoch, int precision, pm_timestamp *out) {
    int64_t millis;
    int64_t nanos;
    switch (precision) {
    case 0:
        millis = (int64_t)((uint64_t)epoch * 1000u);
        nanos = 0;
        break;
    case 3:
        millis = epoch;
        nanos = 0;
        break;
    case 6:
        millis = epoch / 1000;
        nanos = epoch % 1000 * 1000;
        break;
    case 9:
        millis = epoch / 1000000;
        nanos = epoch % 1000000;
        break;
    default: return PM_JAVA_INVALID; /* "Unsupported precision" */
    }
    if (nanos < 0) {
        nanos += 1000000;
        millis -= 1;
    }
    out->millis = millis;
    out->nanos = (int32_t)nanos;
    return PM_JAVA_OK;
}

pm_java_parse pm_java_parse_timestamp(const uint8_t *s, size_t n, int precision,
                                      bool numeric_epoch, pm_timestamp *out) {
    if (numeric_epoch && is_numeric(s, n)) {
        int64_t epoch;
        pm_java_parse rc = pm_java_parse_long(s, n, &epoch);
        return rc != PM_JAVA_OK ? rc : epoch_to_timestamp(epoch, precision, out);
    }
    ts_parser p;
    memset(&p, 0, sizeof p);
    p.s = s;
    p.n = n;
    long pos = parse_number(&p, 0, 4, 19, SIGN_EXCEEDS_PAD, F_YEAR);
    if (pos < 0 || (pos = parse_literal(&p, pos, '-')) < 0)
        return PM_JAVA_INVALID;
    pos = parse_two_forms(&p, pos, F_MONTH);
    if ((pos = parse_literal(&p, pos, '-')) < 0)
        return PM_JAVA_INVALID;
    pos = parse_two_forms(&p, pos, F_DAY);
    pos = optional_section(&p, pos, parse_space_time);
    pos = optional_section(&p, pos, parse_t_time);
    if ((size_t)pos != n)
        return PM_JAVA_INVALID; /* unparsed text */
    int64_t epoch_day, nano_of_day;
    if (!resolve_local(&p.f, &epoch_day, &nano_of_day))
        return PM_JAVA_INVALID;
    if (precision == 0) {
        nano_of_day -= nano_of_day % 1000000000;
    } else if (precision < 9) {
        int64_t unit = 1;
        for (int k = precision; k < 9; k++)
            unit *= 10;
        nano_of_day -= nano_of_day % unit;
    }
    /* Timestamp.fromLocalDateTime; the multiplication wraps for far years, as in Java */
    out->millis = (int64_t)((uint64_t)epoch_day * 86400000u + (uint64_t)(nano_of_day / 1000000));
    out->nanos = (int32_t)(nano_of_day % 1000000);
    return PM_JAVA_OK;
}

/* ---- formatting ---- */

/* DateTimeUtils' int4/int2: fixed digit counts, each digit (value / 10^k) % 10, which for
 * negative or large values gives what Java gives (characters below '0', dropped digits). */
static size_t put_digits(char *out, int32_t v, int count) {
    int32_t div = 1;
    for (int k = 1; k < count; k++)
        div *= 10;
    for (int k = 0; k < count; k++) {
        out[k] = (char)('0' + (v / div) % 10);
        div /= 10;
    }
    return (size_t)count;
}

void pm_java_julian_ymd(int32_t days, int32_t *year, int32_t *month, int32_t *day) {
    /* Julian day number to calendar date (Fliegel & Van Flandern), in Java int arithmetic. */
    int32_t j = wrap32((int64_t)days + 2440588 + 32044);
    int32_t g = j / 146097, dg = j % 146097;
    int32_t c = (dg / 36524 + 1) * 3 / 4;
    int32_t dc = dg - c * 36524;
    int32_t b = dc / 1461, db = dc % 1461;
    int32_t a = (db / 365 + 1) * 3 / 4;
    int32_t da = db - a * 365;
    int32_t y = g * 400 + c * 100 + b * 4 + a;
    int32_t m = (da * 5 + 308) / 153 - 2;
    int32_t d = da - (m + 4) * 153 / 5 + 122;
    *year = y - 4800 + (m + 2) / 12;
    *month = (m + 2) % 12 + 1;
    *day = d + 1;
}

size_t pm_java_format_date(int32_t days, char *out) {
    int32_t y, m, d;
    pm_java_julian_ymd(days, &y, &m, &d);
    size_t p = put_digits(out, y, 4);
    out[p++] = '-';
    p += put_digits(out + p, m, 2);
    out[p++] = '-';
    p += put_digits(out + p, d, 2);
    out[p] = '\0';
    return p;
}

size_t pm_java_format_time(int32_t millis_of_day, int precision, char *out) {
    int64_t t = millis_of_day;
    while (t < 0)
        t += PM_MILLIS_PER_DAY;
    int32_t time = (int32_t)t;
    int32_t ms = time % 1000;
    size_t p = put_digits(out, time / 3600000, 2);
    out[p++] = ':';
    p += put_digits(out + p, time % 3600000 / 60000, 2);
    out[p++] = ':';
    p += put_digits(out + p, time % 60000 / 1000, 2);
    if (precision > 0) {
        /* at least one digit, then stop at the precision or when the rest is zero */
        out[p++] = '.';
        while (precision > 0) {
            out[p++] = (char)('0' + ms / 100);
            ms = ms % 100 * 10;
            if (ms == 0)
                break;
            precision--;
        }
    }
    out[p] = '\0';
    return p;
}

/* Timestamp.toLocalDateTime: the day count is taken as a Java int. */
static void local_parts(pm_timestamp ts, int32_t *epoch_day, int64_t *nano_of_day) {
    int32_t date = wrap32(ts.millis / PM_MILLIS_PER_DAY);
    int64_t time = ts.millis % PM_MILLIS_PER_DAY;
    if (time < 0) {
        date = wrap32((int64_t)date - 1);
        time += PM_MILLIS_PER_DAY;
    }
    *epoch_day = date;
    *nano_of_day = time * 1000000 + ts.nanos;
}

size_t pm_java_format_timestamp(pm_timestamp ts, int precision, char *out) {
    int32_t epoch_day;
    int64_t nod;
    local_parts(ts, &epoch_day, &nod);
    int64_t year;
    unsigned month, day;
    pm_civil_from_days(epoch_day, &year, &month, &day);
    int64_t secs = nod / 1000000000;
    size_t p = put_digits(out, (int32_t)year, 4);
    out[p++] = '-';
    p += put_digits(out + p, (int32_t)month, 2);
    out[p++] = '-';
    p += put_digits(out + p, (int32_t)day, 2);
    out[p++] = ' ';
    p += put_digits(out + p, (int32_t)(secs / 3600), 2);
    out[p++] = ':';
    p += put_digits(out + p, (int32_t)(secs / 60 % 60), 2);
    out[p++] = ':';
    p += put_digits(out + p, (int32_t)(secs % 60), 2);
    /* nine fraction digits, trailing zeros dropped down to `precision` digits */
    char frac[9];
    put_digits(frac, (int32_t)(nod % 1000000000), 9);
    int len = 9;
    while (len > precision && frac[len - 1] == '0')
        len--;
    if (len > 0) {
        out[p++] = '.';
        memcpy(out + p, frac, (size_t)len);
        p += (size_t)len;
    }
    out[p] = '\0';
    return p;
}

pm_timestamp pm_java_timestamp_via_local(pm_timestamp ts) {
    int32_t epoch_day;
    int64_t nod;
    local_parts(ts, &epoch_day, &nod);
    pm_timestamp r;
    r.millis = (int64_t)((uint64_t)(int64_t)epoch_day * 86400000u + (uint64_t)(nod / 1000000));
    r.nanos = ts.nanos;
    return r;
}

pm_timestamp pm_java_truncate_timestamp(pm_timestamp ts, int precision) {
    int64_t nano_of_second = pm_floor_mod(ts.millis, 1000) * 1000000 + ts.nanos;
    int significant = 9;
    for (int64_t v = nano_of_second; significant > 0 && v % 10 == 0; v /= 10)
        significant--;
    if (nano_of_second == 0)
        significant = 0;
    if (significant <= precision)
        return ts;
    pm_timestamp r;
    if (precision <= 3) {
        int64_t unit = precision == 0 ? 1000 : precision == 1 ? 100 : precision == 2 ? 10 : 1;
        r.millis = ts.millis / unit * unit; /* toward zero, as Java's long division */
        r.nanos = 0;
    } else {
        int32_t unit = 1;
        for (int k = precision; k < 9; k++)
            unit *= 10;
        r.millis = ts.millis;
        r.nanos = ts.nanos / unit * unit;
    }
    return r;
}

/* BinaryString.numBytesForFirstByte: the length a lead byte announces (1 for bytes that cannot
 * start a sequence); continuation bytes are not checked. */
static size_t utf8_lead_len(uint8_t b) {
    if (b < 0x80)
        return 1;
    if ((b >> 5) == 6 && (b & 0x1E) != 0)
        return 2;
    if ((b >> 4) == 14)
        return 3;
    if ((b >> 3) == 30)
        return 4;
    return 1;
}

size_t pm_java_utf8_prefix(const uint8_t *s, size_t n, int64_t chars, int64_t *char_count) {
    size_t i = 0, cut = n;
    int64_t c = 0;
    while (i < n) {
        if (c == chars)
            cut = i;
        i += utf8_lead_len(s[i]);
        c++;
    }
    if (c <= chars)
        cut = n;
    *char_count = c;
    return cut;
}
