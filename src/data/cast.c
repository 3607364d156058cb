/*
 * cast.c - converting values between atomic Paimon types as Java Paimon's cast executors do.
 *
 * cast_value() is the per-value conversion, one branch per Java rule (cast_rules.c decides the
 * rule). pm_cast_append() runs it over an Arrow array, with bulk paths for equal types and for
 * conversions between the primitive numeric types, which schema evolution meets most (INT to
 * BIGINT, FLOAT to DOUBLE).
 */
#include "data/cast_internal.h"

#include "util/endian.h"
#include "util/mem.h"
#include "util/timeutil.h"

#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Java's primitive conversions ---- */

static int32_t java_d2i(double d) {
    if (isnan(d))
        return 0;
    if (d >= 2147483648.0)
        return INT32_MAX;
    if (d <= -2147483649.0)
        return INT32_MIN;
    return (int32_t)d;
}

static int64_t java_d2l(double d) {
    if (isnan(d))
        return 0;
    if (d >= 9223372036854775808.0)
        return INT64_MAX;
    if (d < -9223372036854775808.0)
        return INT64_MIN;
    return (int64_t)d;
}

/* (float) of a double, rounding to nearest; beyond the float range that means infinity from
 * halfway past FLT_MAX on (written out: C leaves out-of-range conversions undefined). */
static float java_d2f(double d) {
    if (isfinite(d) && fabs(d) > FLT_MAX) {
        if (fabs(d) < 0x1.ffffffp127)
            return d < 0 ? -FLT_MAX : FLT_MAX;
        return d < 0 ? -INFINITY : INFINITY;
    }
    return (float)d;
}

/* A Java int/long narrowed to the width of an integer type (two's complement wrap). */
static int64_t narrow(int64_t v, pm_type_id to) {
    switch (to) {
    case PM_TYPE_TINYINT: return (int8_t)(uint8_t)v;
    case PM_TYPE_SMALLINT: return (int16_t)(uint16_t)v;
    case PM_TYPE_INT: return (int32_t)(uint32_t)v;
    default: return v;
    }
}

static bool is_floating(pm_type_id id) { return id == PM_TYPE_FLOAT || id == PM_TYPE_DOUBLE; }

/* Number.xxxValue() of a boxed primitive into the target type. */
static pm_datum numeric_to_numeric(const pm_datum *in, pm_type_id from, pm_type_id to) {
    pm_datum out = *in;
    if (!is_floating(from)) {
        if (is_floating(to))
            out.v.f = to == PM_TYPE_FLOAT ? (double)(float)in->v.i : (double)in->v.i;
        else
            out.v.i = narrow(in->v.i, to);
        return out;
    }
    double d = in->v.f;
    switch (to) {
    case PM_TYPE_TINYINT:
    case PM_TYPE_SMALLINT: out.v.i = narrow(java_d2i(d), to); break; /* via int, as the JLS */
    case PM_TYPE_INT: out.v.i = java_d2i(d); break;
    case PM_TYPE_BIGINT: out.v.i = java_d2l(d); break;
    case PM_TYPE_FLOAT: out.v.f = java_d2f(d); break;
    default: out.v.f = d; break;
    }
    return out;
}

/* ---- decimals ---- */

/* |d| / 10^k rounded toward zero, with the sign of d (BigDecimal.setScale(0, DOWN)). */
static pm_decimal128 dec_truncate(pm_decimal128 d, int k) {
    bool negative = pm_dec_is_negative(d);
    pm_decimal128 m = negative ? pm_dec_negate(d) : d;
    uint64_t hi = (uint64_t)m.hi, lo = m.lo;
    for (; k > 0; k--) {
        uint64_t parts[4] = {hi >> 32, hi & 0xFFFFFFFFu, lo >> 32, lo & 0xFFFFFFFFu};
        uint64_t rem = 0;
        for (int i = 0; i < 4; i++) {
            uint64_t cur = (rem << 32) | parts[i];
            parts[i] = cur / 10;
            rem = cur % 10;
        }
        hi = (parts[0] << 32) | parts[1];
        lo = (parts[2] << 32) | parts[3];
    }
    pm_decimal128 r = {lo, (int64_t)hi};
    return negative ? pm_dec_negate(r) : r;
}

/* DecimalUtils.doubleValue: a division of doubles for compact decimals (precision <= 18),
 * BigDecimal.doubleValue (correctly rounded) for the others. */
static double dec_to_double(pm_decimal128 d, const pm_type *type) {
    if (pm_decimal_is_compact(type->precision)) {
        int64_t unscaled = (int64_t)d.lo;
        double p10 = 1;
        for (int i = 0; i < type->scale; i++)
            p10 *= 10;
        return (double)unscaled / p10;
    }
    char text[PM_DECIMAL_TEXT_MAX];
    pm_dec_format(d, type->scale, text);
    return strtod(text, NULL);
}

/* ---- strings ---- */

/* Copies bytes into the scratch buffer and points the datum at them. */
static int put_bytes(pm_buf *scratch, const void *p, size_t n, size_t pad_spaces, pm_datum *out,
                     paimon_error *err) {
    size_t at = scratch->len;
    if (n > 0)
        PM_TRY_MEM(err, pm_buf_append(scratch, p, n));
    for (size_t i = 0; i < pad_spaces; i++)
        PM_TRY_MEM(err, pm_buf_append_byte(scratch, ' '));
    PM_TRY_MEM(err, pm_buf_reserve(scratch, 1)); /* a non-NULL data pointer even when empty */
    out->is_null = false;
    out->v.bytes.ptr = scratch->data + at;
    out->v.bytes.len = scratch->len - at;
    return PAIMON_OK;
}

/* BinaryStringUtils.toCharacterString: longer strings are cut to the length in characters,
 * shorter ones padded with spaces for CHAR. */
static int put_character_string(pm_buf *scratch, const uint8_t *p, size_t n, const pm_type *to,
                                pm_datum *out, paimon_error *err) {
    int64_t chars;
    size_t keep = pm_java_utf8_prefix(p, n, to->length, &chars);
    size_t pad = 0;
    if (chars < to->length && to->id == PM_TYPE_CHAR)
        pad = (size_t)(to->length - chars);
    return put_bytes(scratch, p, keep, pad, out, err);
}

/* BinaryStringUtils.toBinaryString: BINARY(n) is cut or zero-padded to n bytes, VARBINARY(n)
 * only cut. */
static int put_binary_string(pm_buf *scratch, const uint8_t *p, size_t n, const pm_type *to,
                             pm_datum *out, paimon_error *err) {
    size_t length = (size_t)to->length;
    size_t keep = n < length ? n : length;
    PM_TRY(put_bytes(scratch, p, keep, 0, out, err));
    if (to->id == PM_TYPE_BINARY && keep < length) {
        size_t at = (size_t)(out->v.bytes.ptr - scratch->data);
        PM_TRY_MEM(err, pm_buf_append_zeros(scratch, length - keep));
        out->v.bytes.ptr = scratch->data + at;
        out->v.bytes.len = length;
    }
    return PAIMON_OK;
}

static size_t numeric_text(const pm_datum *in, const pm_type *from, char *buf) {
    switch (from->id) {
    case PM_TYPE_FLOAT: return pm_java_float_to_string((float)in->v.f, buf);
    case PM_TYPE_DOUBLE: return pm_java_double_to_string(in->v.f, buf);
    case PM_TYPE_DECIMAL: return pm_dec_format(in->v.dec, from->scale, buf);
    default: return (size_t)snprintf(buf, PM_JAVA_NUM_TEXT_MAX, "%" PRId64, in->v.i);
    }
}

/* BinaryString.toLowerCase compared with Java's spellings (non-ASCII never matches). */
static bool string_to_boolean(const uint8_t *p, size_t n, bool *out) {
    static const char *const yes[] = {"t", "true", "y", "yes", "1"};
    static const char *const no[] = {"f", "false", "n", "no", "0"};
    char lower[8];
    if (n == 0 || n > 5)
        return false;
    for (size_t i = 0; i < n; i++)
        lower[i] = (char)((p[i] >= 'A' && p[i] <= 'Z') ? p[i] + 32 : p[i]);
    for (size_t k = 0; k < 5; k++) {
        if (strlen(yes[k]) == n && memcmp(lower, yes[k], n) == 0) {
            *out = true;
            return true;
        }
        if (strlen(no[k]) == n && memcmp(lower, no[k], n) == 0) {
            *out = false;
            return true;
        }
    }
    return false;
}

/* ---- errors ---- */

/* The value as text for messages: strings quoted and shortened, numbers as Java prints them. */
static void describe_value(const pm_datum *in, const pm_type *from, char *out, size_t cap) {
    if (pm_type_is_string(from) || pm_type_is_binary(from)) {
        size_t n = in->v.bytes.len < 64 ? in->v.bytes.len : 64;
        size_t p = 0;
        out[p++] = '\'';
        for (size_t i = 0; i < n && p + 5 < cap; i++) {
            uint8_t c = in->v.bytes.ptr[i];
            out[p++] = (char)((c >= 0x20 && c < 0x7F) ? c : '?');
        }
        if (in->v.bytes.len > n && p + 5 < cap) {
            memcpy(out + p, "...", 3);
            p += 3;
        }
        out[p++] = '\'';
        out[p] = '\0';
        return;
    }
    char buf[PM_JAVA_TIME_TEXT_MAX + PM_JAVA_NUM_TEXT_MAX];
    switch (from->id) {
    case PM_TYPE_DATE: pm_java_format_date((int32_t)in->v.i, buf); break;
    case PM_TYPE_TIMESTAMP:
    case PM_TYPE_TIMESTAMP_LTZ: pm_java_format_timestamp(in->v.ts, 9, buf); break;
    case PM_TYPE_BOOLEAN: snprintf(buf, sizeof buf, "%s", in->v.b ? "true" : "false"); break;
    default: numeric_text(in, from, buf); break;
    }
    snprintf(out, cap, "%s", buf);
}

static int cast_failure(paimon_error *err, int code, const pm_datum *in, const pm_type *from,
                        const pm_type *to, const char *why) {
    char value[96];
    describe_value(in, from, value, sizeof value);
    pm_buf a = PM_BUF_INIT, b = PM_BUF_INIT;
    int fa = pm_type_format(from, &a), fb = pm_type_format(to, &b);
    int rc = pm_err(err, code, "cannot cast %s from %s to %s: %s", value,
                    fa == PAIMON_OK ? pm_buf_cstr(&a) : "?",
                    fb == PAIMON_OK ? pm_buf_cstr(&b) : "?",
                    why);
    pm_buf_dispose(&a);
    pm_buf_dispose(&b);
    return rc;
}

static int parse_failure(paimon_error *err, pm_java_parse rc, const pm_datum *in,
                         const pm_type *from, const pm_type *to) {
    if (rc == PM_JAVA_NOMEM)
        return pm_err_nomem(err);
    return cast_failure(err, PAIMON_EINVAL, in, from, to,
                        rc == PM_JAVA_OVERFLOW ? "out of range" : "not a valid value");
}

/* ---- the rules ---- */

static int cast_from_string(pm_cast_rule rule, const pm_datum *in, const pm_type *from,
                            const pm_type *to, pm_buf *scratch, pm_datum *out,
                            paimon_error *err) {
    const uint8_t *p = in->v.bytes.ptr;
    size_t n = in->v.bytes.len;
    pm_java_parse rc = PM_JAVA_OK;
    out->is_null = false;
    switch (rule) {
    case PM_CAST_STRING_TO_STRING: return put_character_string(scratch, p, n, to, out, err);
    case PM_CAST_STRING_TO_BINARY: return put_binary_string(scratch, p, n, to, out, err);
    case PM_CAST_STRING_TO_BOOLEAN:
        if (!string_to_boolean(p, n, &out->v.b))
            return cast_failure(err, PAIMON_EINVAL, in, from, to, "not a BOOLEAN");
        return PAIMON_OK;
    case PM_CAST_STRING_TO_DECIMAL: {
        bool is_null = false;
        rc = pm_java_parse_decimal(p, n, to->precision, to->scale, &out->v.dec, &is_null);
        out->is_null = rc == PM_JAVA_OK && is_null;
        break;
    }
    case PM_CAST_STRING_TO_NUMERIC:
        if (to->id == PM_TYPE_BIGINT) {
            rc = pm_java_parse_long(p, n, &out->v.i);
        } else if (to->id == PM_TYPE_FLOAT) {
            float f;
            rc = pm_java_parse_float(p, n, &f);
            out->v.f = f;
        } else if (to->id == PM_TYPE_DOUBLE) {
            rc = pm_java_parse_double(p, n, &out->v.f);
        } else {
            int32_t v;
            rc = pm_java_parse_int(p, n, &v);
            out->v.i = v;
            if (rc == PM_JAVA_OK && narrow(v, to->id) != v)
                rc = PM_JAVA_OVERFLOW; /* toByte/toShort refuse to wrap */
        }
        break;
    case PM_CAST_STRING_TO_DATE:
    case PM_CAST_STRING_TO_TIME: {
        int32_t v;
        rc = rule == PM_CAST_STRING_TO_DATE ? pm_java_parse_date(p, n, &v)
                                            : pm_java_parse_time(p, n, &v);
        out->v.i = v;
        break;
    }
    case PM_CAST_STRING_TO_TIMESTAMP:
        rc = pm_java_parse_timestamp(p, n, to->precision, to->id == PM_TYPE_TIMESTAMP,
                                     &out->v.ts);
        break;
    default:
        return cast_failure(err, PAIMON_EUNSUPPORTED, in, from, to,
                            "casts from strings to nested types are not implemented");
    }
    return rc == PM_JAVA_OK ? PAIMON_OK : parse_failure(err, rc, in, from, to);
}

static int cast_to_string(pm_cast_rule rule, const pm_datum *in, const pm_type *from,
                          const pm_type *to, pm_buf *scratch, pm_datum *out, paimon_error *err) {
    char buf[PM_JAVA_TIME_TEXT_MAX + PM_JAVA_NUM_TEXT_MAX];
    size_t n;
    switch (rule) {
    case PM_CAST_NUMERIC_TO_STRING:
        n = numeric_text(in, from, buf);
        return put_character_string(scratch, (const uint8_t *)buf, n, to, out, err);
    case PM_CAST_BOOLEAN_TO_STRING:
        return put_character_string(scratch, (const uint8_t *)(in->v.b ? "true" : "false"),
                                    in->v.b ? 4 : 5, to, out, err);
    /* The date and time rules exist for STRING only, which needs no cutting. */
    case PM_CAST_TIMESTAMP_TO_STRING:
        n = pm_java_format_timestamp(in->v.ts, from->precision, buf);
        return put_bytes(scratch, buf, n, 0, out, err);
    case PM_CAST_TIME_TO_STRING:
        n = pm_java_format_time((int32_t)in->v.i, from->precision, buf);
        return put_bytes(scratch, buf, n, 0, out, err);
    case PM_CAST_DATE_TO_STRING:
        n = pm_java_format_date((int32_t)in->v.i, buf);
        return put_bytes(scratch, buf, n, 0, out, err);
    case PM_CAST_BINARY_TO_STRING: /* the bytes as they are, whatever the length */
        return put_bytes(scratch, in->v.bytes.ptr, in->v.bytes.len, 0, out, err);
    default:
        return cast_failure(err, PAIMON_EUNSUPPORTED, in, from, to,
                            "casts from nested types to strings are not implemented");
    }
}

/* TIMESTAMP <-> TIMESTAMP_LTZ convert through the session time zone (UTC here: the wall clock
 * equals the instant), then a lower precision truncates. */
static pm_timestamp timestamp_to_timestamp(pm_timestamp ts, const pm_type *from,
                                           const pm_type *to) {
    if (from->id == PM_TYPE_TIMESTAMP && to->id == PM_TYPE_TIMESTAMP_LTZ)
        ts = pm_java_timestamp_via_local(ts);
    if (from->precision > to->precision)
        ts = pm_java_truncate_timestamp(ts, to->precision);
    return ts;
}

static int date_to_timestamp(const pm_datum *in, const pm_type *from, const pm_type *to,
                             pm_datum *out, paimon_error *err) {
    int64_t days = in->v.i;
    if (to->id == PM_TYPE_TIMESTAMP_LTZ) {
        /* DateTimeUtils.toLocalDate: the calendar date comes from Julian-day arithmetic */
        int32_t y, m, d;
        pm_java_julian_ymd((int32_t)in->v.i, &y, &m, &d);
        if (m < 1 || m > 12 || d < 1 || d > 31)
            return cast_failure(err, PAIMON_EINVAL, in, from, to, "not a valid date");
        days = pm_days_from_civil(y, (unsigned)m, (unsigned)d);
        int64_t yy;
        unsigned mm, dd;
        pm_civil_from_days(days, &yy, &mm, &dd);
        if (mm != (unsigned)m || dd != (unsigned)d)
            return cast_failure(err, PAIMON_EINVAL, in, from, to, "not a valid date");
    }
    out->v.ts.millis = days * PM_MILLIS_PER_DAY;
    out->v.ts.nanos = 0;
    return PAIMON_OK;
}

static int cast_value(pm_cast_rule rule, const pm_datum *in, const pm_type *from,
                      const pm_type *to, pm_buf *scratch, pm_datum *out, paimon_error *err) {
    if (in->is_null) {
        *out = pm_datum_null();
        return PAIMON_OK;
    }
    *out = *in;
    out->is_null = false;
    switch (rule) {
    case PM_CAST_IDENTITY:
        if (pm_type_is_string(from) || pm_type_is_binary(from))
            return put_bytes(scratch, in->v.bytes.ptr, in->v.bytes.len, 0, out, err);
        return PAIMON_OK;
    case PM_CAST_NUMERIC_PRIMITIVE:
        *out = numeric_to_numeric(in, from->id, to->id);
        return PAIMON_OK;
    case PM_CAST_BOOLEAN_TO_NUMERIC:
        if (to->id == PM_TYPE_DECIMAL)
            out->is_null = !pm_java_decimal_fit(pm_dec_from_i64(in->v.b), 0, to->precision,
                                                to->scale, &out->v.dec);
        else if (is_floating(to->id))
            out->v.f = in->v.b ? 1.0 : 0.0;
        else
            out->v.i = in->v.b ? 1 : 0;
        return PAIMON_OK;
    case PM_CAST_NUMERIC_TO_BOOLEAN: out->v.b = in->v.i != 0; return PAIMON_OK;
    case PM_CAST_DECIMAL_TO_DECIMAL:
        out->is_null = !pm_java_decimal_fit(in->v.dec, from->scale, to->precision, to->scale,
                                            &out->v.dec);
        return PAIMON_OK;
    case PM_CAST_NUMERIC_TO_DECIMAL: {
        if (!is_floating(from->id)) {
            out->is_null = !pm_java_decimal_fit(pm_dec_from_i64(in->v.i), 0, to->precision,
                                                to->scale, &out->v.dec);
            return PAIMON_OK;
        }
        /* BigDecimal.valueOf(double): the decimal of Double.toString (floats widened first) */
        if (!isfinite(in->v.f))
            return cast_failure(err, PAIMON_EINVAL, in, from, to, "infinite or NaN");
        char text[PM_JAVA_NUM_TEXT_MAX];
        size_t n = pm_java_double_to_string(in->v.f, text);
        bool is_null = false;
        pm_java_parse rc = pm_java_parse_decimal((const uint8_t *)text, n, to->precision,
                                                 to->scale, &out->v.dec, &is_null);
        if (rc != PM_JAVA_OK)
            return parse_failure(err, rc, in, from, to);
        out->is_null = is_null;
        return PAIMON_OK;
    }
    case PM_CAST_DECIMAL_TO_NUMERIC:
        if (is_floating(to->id)) {
            double d = dec_to_double(in->v.dec, from);
            out->v.f = to->id == PM_TYPE_FLOAT ? (double)(float)d : d;
        } else {
            pm_decimal128 t = dec_truncate(in->v.dec, from->scale);
            out->v.i = narrow((int64_t)t.lo, to->id); /* BigDecimal.longValue keeps 64 bits */
        }
        return PAIMON_OK;
    case PM_CAST_NUMERIC_TO_TIMESTAMP: /* INT/BIGINT seconds; Java's long product wraps */
        out->v.ts.millis = (int64_t)((uint64_t)in->v.i * 1000u);
        out->v.ts.nanos = 0;
        return PAIMON_OK;
    case PM_CAST_TIMESTAMP_TO_NUMERIC: {
        pm_timestamp ts = in->v.ts;
        if (from->id == PM_TYPE_TIMESTAMP_LTZ)
            ts = pm_java_timestamp_via_local(ts);
        out->v.i = narrow(ts.millis / 1000, to->id); /* toward zero */
        return PAIMON_OK;
    }
    case PM_CAST_TIMESTAMP_TO_TIMESTAMP:
        out->v.ts = timestamp_to_timestamp(in->v.ts, from, to);
        return PAIMON_OK;
    case PM_CAST_TIMESTAMP_TO_DATE:
        out->v.i = (int32_t)(uint32_t)(uint64_t)pm_floor_div(in->v.ts.millis, PM_MILLIS_PER_DAY);
        return PAIMON_OK;
    case PM_CAST_TIMESTAMP_TO_TIME:
        out->v.i = pm_floor_mod(in->v.ts.millis, PM_MILLIS_PER_DAY);
        return PAIMON_OK;
    case PM_CAST_DATE_TO_TIMESTAMP: return date_to_timestamp(in, from, to, out, err);
    case PM_CAST_TIME_TO_TIMESTAMP:
        out->v.ts.millis = in->v.i;
        out->v.ts.nanos = 0;
        return PAIMON_OK;
    case PM_CAST_BINARY_TO_BINARY:
        return put_binary_string(scratch, in->v.bytes.ptr, in->v.bytes.len, to, out, err);
    case PM_CAST_NUMERIC_TO_STRING:
    case PM_CAST_BOOLEAN_TO_STRING:
    case PM_CAST_TIMESTAMP_TO_STRING:
    case PM_CAST_TIME_TO_STRING:
    case PM_CAST_DATE_TO_STRING:
    case PM_CAST_BINARY_TO_STRING:
    case PM_CAST_ARRAY_TO_STRING:
    case PM_CAST_MAP_TO_STRING:
    case PM_CAST_ROW_TO_STRING: return cast_to_string(rule, in, from, to, scratch, out, err);
    case PM_CAST_STRING_TO_STRING:
    case PM_CAST_STRING_TO_BOOLEAN:
    case PM_CAST_STRING_TO_DECIMAL:
    case PM_CAST_STRING_TO_NUMERIC:
    case PM_CAST_STRING_TO_DATE:
    case PM_CAST_STRING_TO_TIME:
    case PM_CAST_STRING_TO_TIMESTAMP:
    case PM_CAST_STRING_TO_BINARY:
    case PM_CAST_STRING_TO_ARRAY:
    case PM_CAST_STRING_TO_MAP:
    case PM_CAST_STRING_TO_ROW:
        return cast_from_string(rule, in, from, to, scratch, out, err);
    case PM_CAST_NONE: break;
    }
    return cast_failure(err, PAIMON_EINVAL, in, from, to, "no such cast");
}

static bool implemented(pm_cast_rule rule) {
    switch (rule) {
    case PM_CAST_NONE:
    case PM_CAST_ARRAY_TO_STRING:
    case PM_CAST_MAP_TO_STRING:
    case PM_CAST_ROW_TO_STRING:
    case PM_CAST_STRING_TO_ARRAY:
    case PM_CAST_STRING_TO_MAP:
    case PM_CAST_STRING_TO_ROW: return false;
    default: return true;
    }
}

/* The rule for a pair, or an error saying why there is none. */
static int plan(const pm_type *from, const pm_type *to, pm_cast_rule *rule, paimon_error *err) {
    *rule = pm_cast_resolve(from, to);
    const char *why;
    int code = PAIMON_EUNSUPPORTED;
    if (!pm_cast_supported(from, to)) {
        code = PAIMON_EINVAL;
        why = "Java Paimon has no such cast";
    } else if (*rule == PM_CAST_NONE) {
        why = "nested types are cast part by part by the caller";
    } else if (!implemented(*rule)) {
        why = "casts between nested types and strings are not implemented";
    } else {
        return PAIMON_OK;
    }
    pm_buf a = PM_BUF_INIT, b = PM_BUF_INIT;
    int fa = pm_type_format(from, &a), fb = pm_type_format(to, &b);
    int rc = pm_err(err, code, "cannot cast from type %s to type %s: %s",
                    fa == PAIMON_OK ? pm_buf_cstr(&a) : "?",
                    fb == PAIMON_OK ? pm_buf_cstr(&b) : "?",
                    why);
    pm_buf_dispose(&a);
    pm_buf_dispose(&b);
    return rc;
}

int pm_datum_cast(const pm_datum *src, const pm_type *from, const pm_type *to, pm_buf *scratch,
                  pm_datum *out, paimon_error *err) {
    pm_cast_rule rule;
    PM_TRY(plan(from, to, &rule, err));
    return cast_value(rule, src, from, to, scratch, out, err);
}

/* ---- arrays ---- */

#define CHUNK 1024

/* Validity flags of rows [start, start + n) (1 = valid); returns the number of nulls. */
static size_t read_validity(const struct ArrowArray *src, int64_t start, size_t n,
                            uint8_t *valid) {
    size_t nulls = 0;
    for (size_t i = 0; i < n; i++) {
        valid[i] = pm_arrow_is_valid(src, start + (int64_t)i);
        nulls += !valid[i];
    }
    return nulls;
}

static int64_t load_int(const uint8_t *values, int width, int64_t at) {
    switch (width) {
    case 1: return (int8_t)values[at];
    case 2: return (int16_t)pm_load_le16(values + at * 2);
    case 4: return (int32_t)pm_load_le32(values + at * 4);
    default: return (int64_t)pm_load_le64(values + at * 8);
    }
}

static void store_int(uint8_t *out, int width, int64_t v) {
    switch (width) {
    case 1: out[0] = (uint8_t)v; break;
    case 2: pm_store_le16(out, (uint16_t)v); break;
    case 4: pm_store_le32(out, (uint32_t)v); break;
    default: pm_store_le64(out, (uint64_t)v); break;
    }
}

static int width_of(pm_type_id id) {
    switch (id) {
    case PM_TYPE_TINYINT: return 1;
    case PM_TYPE_SMALLINT: return 2;
    case PM_TYPE_INT:
    case PM_TYPE_FLOAT:
    case PM_TYPE_DATE:
    case PM_TYPE_TIME: return 4;
    case PM_TYPE_DECIMAL: return 16;
    default: return 8;
    }
}

/* Equal fixed-width types: the values are copied as they are. */
static void copy_fixed(uint8_t *dst, const struct ArrowArray *src, int width, int64_t start,
                       size_t n) {
    const uint8_t *values = src->buffers[1];
    memcpy(dst, values + (src->offset + start) * width, n * (size_t)width);
}

/* Primitive numeric types: Number.xxxValue() over the buffer. */
static void convert_numeric(uint8_t *dst, const struct ArrowArray *src, const pm_type *from,
                            const pm_type *to, int64_t start, size_t n) {
    const uint8_t *values = src->buffers[1];
    int fw = width_of(from->id), tw = width_of(to->id);
    int64_t base = src->offset + start;
    for (size_t i = 0; i < n; i++) {
        pm_datum d;
        d.is_null = false;
        int64_t at = base + (int64_t)i;
        if (from->id == PM_TYPE_FLOAT)
            d.v.f = pm_f32_from_bits(pm_load_le32(values + at * 4));
        else if (from->id == PM_TYPE_DOUBLE)
            d.v.f = pm_f64_from_bits(pm_load_le64(values + at * 8));
        else
            d.v.i = load_int(values, fw, at);
        pm_datum r = numeric_to_numeric(&d, from->id, to->id);
        uint8_t *o = dst + i * (size_t)tw;
        if (to->id == PM_TYPE_FLOAT)
            pm_store_le32(o, pm_f32_bits((float)r.v.f));
        else if (to->id == PM_TYPE_DOUBLE)
            pm_store_le64(o, pm_f64_bits(r.v.f));
        else
            store_int(o, tw, r.v.i);
    }
}

static int bulk(pm_col *dst, const struct ArrowArray *src, const pm_type *from, int64_t start,
                int64_t count, bool identity, paimon_error *err) {
    uint8_t valid[CHUNK];
    for (int64_t done = 0; done < count;) {
        size_t n = (size_t)(count - done < CHUNK ? count - done : CHUNK);
        size_t nulls = read_validity(src, start + done, n, valid);
        PM_TRY_MEM(err, pm_col_reserve(dst, n));
        uint8_t *out = dst->values.data + (size_t)dst->length * dst->width;
        if (identity)
            copy_fixed(out, src, dst->width, start + done, n);
        else
            convert_numeric(out, src, from, dst->type, start + done, n);
        PM_TRY_MEM(err, pm_col_advance(dst, n, nulls > 0 ? valid : NULL));
        done += (int64_t)n;
    }
    return PAIMON_OK;
}

/* Arrow stores TIMESTAMP(p) in milli-, micro- or nanoseconds; Java's range is wider. Returns
 * false when the value does not fit the unit. */
static bool append_timestamp(pm_col *dst, pm_timestamp ts, int *rc) {
    int64_t per_milli;
    switch (pm_timestamp_unit(dst->type->precision)) {
    case PM_UNIT_MILLI: per_milli = 1; break;
    case PM_UNIT_MICRO: per_milli = 1000; break;
    default: per_milli = 1000000; break;
    }
    int64_t extra = ts.nanos / (1000000 / per_milli);
    if (ts.millis > (INT64_MAX - extra) / per_milli || ts.millis < INT64_MIN / per_milli)
        return false;
    *rc = pm_col_append_int(dst, ts.millis * per_milli + extra);
    return true;
}

static int generic(pm_col *dst, const struct ArrowArray *src, const pm_type *from,
                   pm_cast_rule rule, int64_t start, int64_t count, paimon_error *err) {
    const pm_type *to = dst->type;
    bool timestamps = to->id == PM_TYPE_TIMESTAMP || to->id == PM_TYPE_TIMESTAMP_LTZ;
    pm_buf scratch = PM_BUF_INIT;
    int rc = PAIMON_OK;
    for (int64_t i = 0; i < count && rc == PAIMON_OK; i++) {
        pm_buf_clear(&scratch);
        pm_datum in = pm_arrow_get_datum(src, from, start + i), out;
        rc = cast_value(rule, &in, from, to, &scratch, &out, err);
        if (rc != PAIMON_OK)
            break;
        int append_rc = PAIMON_OK;
        if (!out.is_null && timestamps) {
            if (!append_timestamp(dst, out.v.ts, &append_rc))
                rc = cast_failure(err, PAIMON_ELIMIT, &in, from, to,
                                  "the result is outside the range of the Arrow timestamp unit");
        } else {
            append_rc = pm_col_append_datum(dst, &out);
        }
        if (rc == PAIMON_OK && append_rc != PAIMON_OK)
            rc = pm_err_nomem(err);
    }
    pm_buf_dispose(&scratch);
    return rc;
}

int pm_cast_append(pm_col *dst, const struct ArrowArray *src, const pm_type *from, int64_t start,
                   int64_t count, paimon_error *err) {
    const pm_type *to = dst->type;
    pm_cast_rule rule;
    PM_TRY(plan(from, to, &rule, err));
    if (start < 0 || count < 0 || start + count > src->length)
        return pm_err(err, PAIMON_EINVAL,
                      "rows %" PRId64 "..%" PRId64 " outside an array of %" PRId64, start,
                      start + count, src->length);
    if (rule == PM_CAST_IDENTITY && dst->layout == PM_LAYOUT_FIXED)
        return bulk(dst, src, from, start, count, true, err);
    if (rule == PM_CAST_NUMERIC_PRIMITIVE)
        return bulk(dst, src, from, start, count, false, err);
    if (rule == PM_CAST_IDENTITY) {
        for (int64_t i = 0; i < count; i++)
            PM_TRY_MEM(err, pm_col_append_from(dst, src, start + i));
        return PAIMON_OK;
    }
    return generic(dst, src, from, rule, start, count, err);
}

int pm_arrow_cast(const struct ArrowArray *src, const pm_type *from, const pm_type *to,
                  struct ArrowArray *out, paimon_error *err) {
    pm_col col;
    PM_TRY(pm_col_init(&col, to, err));
    int rc = pm_cast_append(&col, src, from, 0, src->length, err);
    if (rc == PAIMON_OK)
        rc = pm_col_finish(&col, out, err);
    pm_col_dispose(&col);
    return rc;
}
