/*
 * cast_internal.h - pieces shared by the cast_*.c files: the rule Java's CastExecutors would pick
 * for a pair of types, and Java's text forms of numbers, dates and times. Nothing outside
 * src/data/cast*.c and its tests should need this header.
 */
#ifndef PM_DATA_CAST_INTERNAL_H
#define PM_DATA_CAST_INTERNAL_H

#include "data/cast.h"
#include "data/java_number.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The cast rules of paimon-common's CastExecutors, one per Java rule class. */
typedef enum pm_cast_rule {
    PM_CAST_NONE = 0, /* no rule, or a rule whose executor Java creates as null */
    PM_CAST_IDENTITY, /* equal types ignoring nullability: Java casts nothing */
    PM_CAST_DECIMAL_TO_DECIMAL,
    PM_CAST_NUMERIC_TO_DECIMAL,
    PM_CAST_DECIMAL_TO_NUMERIC,
    PM_CAST_NUMERIC_PRIMITIVE,
    PM_CAST_NUMERIC_TO_TIMESTAMP,
    PM_CAST_BOOLEAN_TO_NUMERIC,
    PM_CAST_NUMERIC_TO_BOOLEAN,
    PM_CAST_NUMERIC_TO_STRING,
    PM_CAST_BOOLEAN_TO_STRING,
    PM_CAST_TIMESTAMP_TO_STRING,
    PM_CAST_TIME_TO_STRING,
    PM_CAST_DATE_TO_STRING,
    PM_CAST_STRING_TO_STRING,
    PM_CAST_ARRAY_TO_STRING,
    PM_CAST_MAP_TO_STRING,
    PM_CAST_ROW_TO_STRING,
    PM_CAST_STRING_TO_BOOLEAN,
    PM_CAST_STRING_TO_DECIMAL,
    PM_CAST_STRING_TO_NUMERIC,
    PM_CAST_STRING_TO_DATE,
    PM_CAST_STRING_TO_TIME,
    PM_CAST_STRING_TO_TIMESTAMP,
    PM_CAST_STRING_TO_BINARY,
    PM_CAST_STRING_TO_ARRAY,
    PM_CAST_STRING_TO_MAP,
    PM_CAST_STRING_TO_ROW,
    PM_CAST_TIMESTAMP_TO_TIMESTAMP,
    PM_CAST_TIMESTAMP_TO_DATE,
    PM_CAST_TIMESTAMP_TO_TIME,
    PM_CAST_DATE_TO_TIMESTAMP,
    PM_CAST_TIME_TO_TIMESTAMP,
    PM_CAST_TIMESTAMP_TO_NUMERIC,
    PM_CAST_BINARY_TO_BINARY,
    PM_CAST_BINARY_TO_STRING,
} pm_cast_rule;

/* The rule CastExecutors.resolve(from, to) uses, PM_CAST_IDENTITY for types equal up to
 * nullability, or PM_CAST_NONE when Java has no executor for the pair. */
pm_cast_rule pm_cast_resolve(const pm_type *from, const pm_type *to);

/* ---- Java text forms (cast_dtoa.c, cast_text.c) ---- */

/* Double.toString / Float.toString: data/java_number.h (implemented in cast_dtoa.c). */

/* The outcome of parsing text the way a Java method does. */
typedef enum pm_java_parse {
    PM_JAVA_OK = 0,
    PM_JAVA_INVALID,  /* Java throws (NumberFormatException, DateTimeException, ...) */
    PM_JAVA_OVERFLOW, /* Java throws because the value does not fit */
    PM_JAVA_NOMEM,    /* an allocation failed (long inputs) */
} pm_java_parse;

/* BinaryStringUtils.toLong / toInt: optional sign, digits, an optional '.' followed by digits
 * that are dropped. */
pm_java_parse pm_java_parse_long(const uint8_t *s, size_t n, int64_t *out);
pm_java_parse pm_java_parse_int(const uint8_t *s, size_t n, int32_t *out);
/* Double.parseDouble / Float.parseFloat (trims, accepts NaN, Infinity, hex and f/d suffixes). */
pm_java_parse pm_java_parse_double(const uint8_t *s, size_t n, double *out);
pm_java_parse pm_java_parse_float(const uint8_t *s, size_t n, float *out);
/* new BigDecimal(s) brought to DECIMAL(precision, scale) as Decimal.fromBigDecimal does
 * (HALF_UP); *is_null is set when the value needs more than `precision` digits. */
pm_java_parse pm_java_parse_decimal(const uint8_t *s, size_t n, int precision, int scale,
                                    pm_decimal128 *out, bool *is_null);
/* Decimal.fromBigDecimal for an unscaled value at `from_scale`: false when the result needs
 * more than `precision` digits (Java returns null). */
bool pm_java_decimal_fit(pm_decimal128 unscaled, int from_scale, int precision, int scale,
                         pm_decimal128 *out);

/* BinaryStringUtils.toDate / toTime / toTimestamp. */
pm_java_parse pm_java_parse_date(const uint8_t *s, size_t n, int32_t *days_out);
pm_java_parse pm_java_parse_time(const uint8_t *s, size_t n, int32_t *millis_out);
/* `numeric_epoch`: the TIMESTAMP (not LTZ) rule also reads "[-]digits" as an epoch in the
 * unit of the precision. */
pm_java_parse pm_java_parse_timestamp(const uint8_t *s, size_t n, int precision,
                                      bool numeric_epoch, pm_timestamp *out);

/* DateTimeUtils.formatDate / formatTimestampMillis (TIME) / formatTimestamp; the buffers need
 * PM_JAVA_TIME_TEXT_MAX bytes. */
#define PM_JAVA_TIME_TEXT_MAX 48
size_t pm_java_format_date(int32_t days, char *out);
size_t pm_java_format_time(int32_t millis_of_day, int precision, char *out);
size_t pm_java_format_timestamp(pm_timestamp ts, int precision, char *out);
/* DateTimeUtils.toLocalDate's Julian-day arithmetic in 32-bit integers (proleptic Gregorian
 * within about 4800 BC .. 5.8 million AD, something else beyond). */
void pm_java_julian_ymd(int32_t days, int32_t *year, int32_t *month, int32_t *day);
/* Timestamp.fromLocalDateTime(ts.toLocalDateTime()): the identity, except that the day count
 * passes through a Java int. */
pm_timestamp pm_java_timestamp_via_local(pm_timestamp ts);
/* DateTimeUtils.truncate. */
pm_timestamp pm_java_truncate_timestamp(pm_timestamp ts, int precision);

/* BinaryStringUtils.toCharacterString: the byte length of the first `chars` characters
 * (characters counted as BinaryString does) or the whole string; *char_count receives the
 * number of characters of the whole string. */
size_t pm_java_utf8_prefix(const uint8_t *s, size_t n, int64_t chars, int64_t *char_count);

#endif
