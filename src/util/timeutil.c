/* timeutil.c - civil calendar conversions and date/time text. */
#include "util/timeutil.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* The algorithm counts 400-year eras starting at 0000-03-01, so that leap days fall at the end
 * of each shifted year; this keeps the month arithmetic free of special cases. */
int64_t pm_days_from_civil(int64_t year, unsigned month, unsigned day) {
    year -= month <= 2;
    int64_t era = (year >= 0 ? year : year - 399) / 400;
    int64_t year_of_era = year - era * 400;                                      /* [0, 399] */
    int64_t day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

void pm_civil_from_days(int64_t days, int64_t *year, unsigned *month, unsigned *day) {
    days += 719468;
    int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    int64_t day_of_era = days - era * 146097;                                    /* [0, 146096] */
    int64_t year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    int64_t y = year_of_era + era * 400;
    int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    int64_t mp = (5 * day_of_year + 2) / 153;
    *day = (unsigned)(day_of_year - (153 * mp + 2) / 5 + 1);
    *month = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
    *year = y + (*month <= 2);
}

size_t pm_format_date(int64_t days, char *out) {
    int64_t y;
    unsigned m, d;
    pm_civil_from_days(days, &y, &m, &d);
    int n;
    if (y >= 0 && y <= 9999)
        n = snprintf(out, PM_TIME_TEXT_MAX, "%04lld-%02u-%02u", (long long)y, m, d);
    else if (y > 9999)
        n = snprintf(out, PM_TIME_TEXT_MAX, "+%lld-%02u-%02u", (long long)y, m, d);
    else
        n = snprintf(out, PM_TIME_TEXT_MAX, "-%04lld-%02u-%02u", (long long)-y, m, d);
    return n < 0 ? 0 : (size_t)n;
}

static size_t format_fraction(int64_t nanos_of_second, int precision, char *out) {
    if (precision <= 0)
        return 0;
    if (precision > 9)
        precision = 9;
    char digits[24];
    snprintf(digits, sizeof digits, "%09lld", (long long)(nanos_of_second % 1000000000));
    out[0] = '.';
    memcpy(out + 1, digits, (size_t)precision);
    out[precision + 1] = '\0';
    return (size_t)precision + 1;
}

size_t pm_format_time(int64_t millis_of_day, int32_t nanos_of_milli, int precision, char *out) {
    int64_t ms = pm_floor_mod(millis_of_day, PM_MILLIS_PER_DAY);
    int64_t secs = ms / 1000;
    int n = snprintf(out, PM_TIME_TEXT_MAX, "%02lld:%02lld:%02lld", (long long)(secs / 3600),
                     (long long)(secs / 60 % 60), (long long)(secs % 60));
    if (n < 0)
        return 0;
    int64_t nanos = (ms % 1000) * 1000000 + nanos_of_milli;
    return (size_t)n + format_fraction(nanos, precision, out + n);
}

size_t pm_format_timestamp(int64_t epoch_millis, int32_t nanos_of_milli, int precision,
                           char *out) {
    int64_t days = pm_floor_div(epoch_millis, PM_MILLIS_PER_DAY);
    int64_t ms_of_day = pm_floor_mod(epoch_millis, PM_MILLIS_PER_DAY);
    size_t n = pm_format_date(days, out);
    out[n++] = ' ';
    return n + pm_format_time(ms_of_day, nanos_of_milli, precision, out + n);
}

/* Reads exactly `width` decimal digits at s[*pos]. */
static bool read_digits(const char *s, size_t n, size_t *pos, int width, int64_t *out) {
    int64_t v = 0;
    for (int i = 0; i < width; i++) {
        if (*pos >= n || s[*pos] < '0' || s[*pos] > '9')
            return false;
        v = v * 10 + (s[*pos] - '0');
        (*pos)++;
    }
    *out = v;
    return true;
}

static bool parse_date_at(const char *s, size_t n, size_t *pos, int64_t *days_out) {
    int64_t y, m, d;
    bool negative = false;
    if (*pos < n && (s[*pos] == '-' || s[*pos] == '+')) {
        negative = s[*pos] == '-';
        (*pos)++;
    }
    if (!read_digits(s, n, pos, 4, &y))
        return false;
    if (*pos >= n || s[*pos] != '-')
        return false;
    (*pos)++;
    if (!read_digits(s, n, pos, 2, &m) || *pos >= n || s[*pos] != '-')
        return false;
    (*pos)++;
    if (!read_digits(s, n, pos, 2, &d))
        return false;
    if (m < 1 || m > 12 || d < 1 || d > 31)
        return false;
    if (negative)
        y = -y;
    int64_t days = pm_days_from_civil(y, (unsigned)m, (unsigned)d);
    /* Reject impossible dates such as 2023-02-30 by round-tripping. */
    int64_t yy;
    unsigned mm, dd;
    pm_civil_from_days(days, &yy, &mm, &dd);
    if (yy != y || mm != m || dd != d)
        return false;
    *days_out = days;
    return true;
}

static bool parse_time_at(const char *s, size_t n, size_t *pos, int64_t *ms_out,
                          int32_t *nanos_out) {
    int64_t h, mi, sec = 0, frac_nanos = 0;
    if (!read_digits(s, n, pos, 2, &h) || *pos >= n || s[*pos] != ':')
        return false;
    (*pos)++;
    if (!read_digits(s, n, pos, 2, &mi))
        return false;
    if (*pos < n && s[*pos] == ':') {
        (*pos)++;
        if (!read_digits(s, n, pos, 2, &sec))
            return false;
        if (*pos < n && s[*pos] == '.') {
            (*pos)++;
            int digits = 0;
            while (*pos < n && s[*pos] >= '0' && s[*pos] <= '9' && digits < 9) {
                frac_nanos = frac_nanos * 10 + (s[*pos] - '0');
                (*pos)++;
                digits++;
            }
            if (digits == 0)
                return false;
            for (; digits < 9; digits++)
                frac_nanos *= 10;
        }
    }
    if (h > 23 || mi > 59 || sec > 59)
        return false;
    *ms_out = ((h * 60 + mi) * 60 + sec) * 1000 + frac_nanos / 1000000;
    *nanos_out = (int32_t)(frac_nanos % 1000000);
    return true;
}

bool pm_parse_date(const char *s, size_t n, int64_t *days_out) {
    size_t pos = 0;
    return parse_date_at(s, n, &pos, days_out) && pos == n;
}

bool pm_parse_time(const char *s, size_t n, int64_t *millis_of_day_out, int32_t *nanos_out) {
    size_t pos = 0;
    return parse_time_at(s, n, &pos, millis_of_day_out, nanos_out) && pos == n;
}

bool pm_parse_timestamp(const char *s, size_t n, int64_t *epoch_millis_out,
                        int32_t *nanos_of_milli_out) {
    size_t pos = 0;
    int64_t days, ms = 0;
    int32_t nanos = 0;
    if (!parse_date_at(s, n, &pos, &days))
        return false;
    if (pos < n) {
        if (s[pos] != ' ' && s[pos] != 'T')
            return false;
        pos++;
        if (!parse_time_at(s, n, &pos, &ms, &nanos))
            return false;
    }
    if (pos != n)
        return false;
    *epoch_millis_out = days * PM_MILLIS_PER_DAY + ms;
    *nanos_of_milli_out = nanos;
    return true;
}

int64_t pm_now_millis(void) {
    struct timespec ts;
    timespec_get(&ts, TIME_UTC);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

bool pm_local_wall_to_epoch_millis(int64_t wall_millis, int64_t *out) {
    int64_t days = pm_floor_div(wall_millis, PM_MILLIS_PER_DAY);
    int64_t ms = pm_floor_mod(wall_millis, PM_MILLIS_PER_DAY);
    int64_t year;
    unsigned month, day;
    pm_civil_from_days(days, &year, &month, &day);
    if (year < -100000 || year > 100000)
        return false;
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = (int)(year - 1900);
    tm.tm_mon = (int)month - 1;
    tm.tm_mday = (int)day;
    tm.tm_hour = (int)(ms / 3600000);
    tm.tm_min = (int)(ms / 60000 % 60);
    tm.tm_sec = (int)(ms / 1000 % 60);
    tm.tm_isdst = -1; /* let the zone rules decide, as java.time does for a LocalDateTime */
    time_t t = mktime(&tm);
    if (t == (time_t)-1 && !(tm.tm_year == 69 && tm.tm_mon == 11 && tm.tm_mday == 31))
        return false;
    *out = (int64_t)t * 1000 + ms % 1000;
    return true;
}
