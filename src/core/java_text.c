/*
 * java_text.c - Java's toString forms of doubles, floats and date-times.
 *
 * Double/Float.toString follow the JDK 19+ specification: the shortest decimal that rounds back
 * to the value, except that when one digit would do, the closest two-digit decimal is chosen
 * ("4.9E-324", not "5.0E-324"). printf's "%.*e" rounds correctly, so trying precisions from two
 * digits upwards finds exactly that decimal.
 */
#include "core/java_text.h"

#include "util/timeutil.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Digits (no point, no trailing zeros) and decimal exponent of v's shortest form. */
size_t pm_java_local_datetime(int64_t epoch_millis, int32_t nanos_of_milli,
                              char out[PM_JAVA_TEXT_MAX]) {
    int64_t days = pm_floor_div(epoch_millis, PM_MILLIS_PER_DAY);
    int64_t ms = pm_floor_mod(epoch_millis, PM_MILLIS_PER_DAY);
    char date[PM_TIME_TEXT_MAX];
    pm_format_date(days, date);
    int64_t secs = ms / 1000;
    int64_t nano = (ms % 1000) * 1000000 + nanos_of_milli;
    int n = snprintf(out, PM_JAVA_TEXT_MAX, "%sT%02lld:%02lld", date, (long long)(secs / 3600),
                     (long long)(secs / 60 % 60));
    if (secs % 60 != 0 || nano != 0)
        n += snprintf(out + n, (size_t)(PM_JAVA_TEXT_MAX - n), ":%02lld", (long long)(secs % 60));
    if (nano != 0) {
        if (nano % 1000000 == 0)
            n += snprintf(out + n, (size_t)(PM_JAVA_TEXT_MAX - n), ".%03lld",
                          (long long)(nano / 1000000));
        else if (nano % 1000 == 0)
            n += snprintf(out + n, (size_t)(PM_JAVA_TEXT_MAX - n), ".%06lld",
                          (long long)(nano / 1000));
        else
            n += snprintf(out + n, (size_t)(PM_JAVA_TEXT_MAX - n), ".%09lld", (long long)nano);
    }
    return (size_t)n;
}

size_t pm_java_timestamp_cast(int64_t epoch_millis, int32_t nanos_of_milli, int precision,
                              char out[PM_JAVA_TEXT_MAX]) {
    char text[PM_TIME_TEXT_MAX];
    /* Seconds resolution first, then the fraction by Paimon's own trimming rule. */
    size_t n = pm_format_timestamp(epoch_millis, 0, 0, text);
    int64_t nano = pm_floor_mod(epoch_millis, 1000) * 1000000 + nanos_of_milli;
    char fraction[16];
    snprintf(fraction, sizeof fraction, "%09lld", (long long)nano);
    size_t len = 9;
    while (len > (size_t)(precision < 0 ? 0 : precision) && fraction[len - 1] == '0')
        len--;
    if (len > 0)
        n += (size_t)snprintf(text + n, sizeof text - n, ".%.*s", (int)len, fraction);
    memcpy(out, text, n + 1);
    return n;
}
