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

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Digits (no point, no trailing zeros) and decimal exponent of v's shortest form. */
static void shortest_digits(double v, bool is_float, char digits[24], int *exp10) {
    char sci[40];
    int max_digits = is_float ? 9 : 17;
    for (int p = 2; p <= max_digits; p++) {
        snprintf(sci, sizeof sci, "%.*e", p - 1, v);
        bool same = is_float ? strtof(sci, NULL) == (float)v : strtod(sci, NULL) == v;
        if (same)
            break;
    }
    /* sci = "d.ddde[+-]xx" */
    size_t n = 0;
    const char *p = sci;
    for (; *p && *p != 'e'; p++) {
        if (*p >= '0' && *p <= '9')
            digits[n++] = *p;
    }
    while (n > 1 && digits[n - 1] == '0')
        n--;
    digits[n] = '\0';
    *exp10 = *p == 'e' ? atoi(p + 1) : 0;
}

static size_t format_java(double v, bool is_float, char out[PM_JAVA_TEXT_MAX]) {
    if (isnan(v))
        return (size_t)snprintf(out, PM_JAVA_TEXT_MAX, "NaN");
    if (isinf(v))
        return (size_t)snprintf(out, PM_JAVA_TEXT_MAX, v > 0 ? "Infinity" : "-Infinity");
    if (v == 0)
        return (size_t)snprintf(out, PM_JAVA_TEXT_MAX, signbit(v) ? "-0.0" : "0.0");
    char digits[24];
    int e;
    double a = fabs(v);
    shortest_digits(a, is_float, digits, &e);
    size_t nd = strlen(digits), n = 0;
    if (signbit(v))
        out[n++] = '-';
    if (a >= 1e-3 && a < 1e7) {
        if (e >= 0) {
            for (int i = 0; i <= e; i++)
                out[n++] = (size_t)i < nd ? digits[i] : '0';
            out[n++] = '.';
            if ((size_t)e + 1 >= nd)
                out[n++] = '0';
            for (size_t i = (size_t)e + 1; i < nd; i++)
                out[n++] = digits[i];
        } else {
            out[n++] = '0';
            out[n++] = '.';
            for (int i = 0; i < -e - 1; i++)
                out[n++] = '0';
            for (size_t i = 0; i < nd; i++)
                out[n++] = digits[i];
        }
        out[n] = '\0';
        return n;
    }
    out[n++] = digits[0];
    out[n++] = '.';
    if (nd == 1)
        out[n++] = '0';
    for (size_t i = 1; i < nd; i++)
        out[n++] = digits[i];
    n += (size_t)snprintf(out + n, PM_JAVA_TEXT_MAX - n, "E%d", e);
    return n;
}

size_t pm_java_double_to_string(double v, char out[PM_JAVA_TEXT_MAX]) {
    return format_java(v, false, out);
}

size_t pm_java_float_to_string(float v, char out[PM_JAVA_TEXT_MAX]) {
    return format_java((double)v, true, out);
}

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
