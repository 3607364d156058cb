/*
 * timeutil.h - calendar arithmetic (proleptic Gregorian, UTC) and the text forms Paimon uses:
 * dates "YYYY-MM-DD", times "HH:MM:SS[.f]", timestamps "YYYY-MM-DD HH:MM:SS[.f]".
 */
#ifndef PM_UTIL_TIMEUTIL_H
#define PM_UTIL_TIMEUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PM_MILLIS_PER_DAY 86400000LL

/* Days since 1970-01-01 <-> civil date. Valid for any year that fits an int. */
int64_t pm_days_from_civil(int64_t year, unsigned month, unsigned day);
void pm_civil_from_days(int64_t days, int64_t *year, unsigned *month, unsigned *day);

/* Floor division and modulo for time splitting (the result of mod is in [0, d)). */
static inline int64_t pm_floor_div(int64_t a, int64_t d) {
    int64_t q = a / d;
    return (a % d != 0 && ((a < 0) != (d < 0))) ? q - 1 : q;
}
/* From the remainder rather than a - floor_div(a, d) * d, whose product overflows near
 * INT64_MIN (found by fuzz_cast: a timestamp of -2^63 milliseconds cast to TIME). */
static inline int64_t pm_floor_mod(int64_t a, int64_t d) {
    int64_t r = a % d;
    return (r != 0 && ((r < 0) != (d < 0))) ? r + d : r;
}

/* Formatting; each returns the number of characters written (excluding NUL). `out` must hold
 * at least PM_TIME_TEXT_MAX bytes. */
#define PM_TIME_TEXT_MAX 48
size_t pm_format_date(int64_t days, char *out);
/* millis of day plus extra nanoseconds within the millisecond; fraction printed with
 * `precision` digits (0..9) when precision > 0. */
size_t pm_format_time(int64_t millis_of_day, int32_t nanos_of_milli, int precision, char *out);
/* Epoch milliseconds plus nanos within the millisecond (0..999999). */
size_t pm_format_timestamp(int64_t epoch_millis, int32_t nanos_of_milli, int precision, char *out);

/* Parsing (strict). Timestamp accepts "YYYY-MM-DD", "YYYY-MM-DD HH:MM[:SS[.f{1,9}]]" and the
 * same with 'T' as separator. Returns false on malformed input. */
bool pm_parse_date(const char *s, size_t n, int64_t *days_out);
bool pm_parse_time(const char *s, size_t n, int64_t *millis_of_day_out, int32_t *nanos_out);
bool pm_parse_timestamp(const char *s, size_t n, int64_t *epoch_millis_out,
                        int32_t *nanos_of_milli_out);

/* A wall-clock date-time (given as epoch milliseconds as if it were UTC) in the process's local
 * time zone (TZ), as epoch milliseconds: what Java's LocalDateTime.atZone(systemDefault()) gives.
 * False when the C library cannot represent it. */
bool pm_local_wall_to_epoch_millis(int64_t wall_millis, int64_t *out);

/* Wall clock, epoch milliseconds (UTC). */
int64_t pm_now_millis(void);

#endif
