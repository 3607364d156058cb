/*
 * java_text.h - Java's text forms of values, where Paimon's on-disk names depend on them:
 * Double.toString / Float.toString (shortest repr, "1.0E10" style), LocalDateTime.toString,
 * and the SQL CAST(... AS STRING) form of timestamps.
 */
#ifndef PM_CORE_JAVA_TEXT_H
#define PM_CORE_JAVA_TEXT_H

#include <stddef.h>
#include <stdint.h>

#define PM_JAVA_TEXT_MAX 64

/* Double.toString (JDK 19+ shortest representation): "0.1", "1.0E10", "-0.0", "NaN",
 * "Infinity". Returns the length. */
size_t pm_java_double_to_string(double v, char out[PM_JAVA_TEXT_MAX]);
/* Float.toString of a float value. */
size_t pm_java_float_to_string(float v, char out[PM_JAVA_TEXT_MAX]);

/* LocalDateTime.toString of an epoch-based wall clock: "2024-01-01T12:30", seconds only when
 * non-zero, fraction in groups of 3 digits ("…T12:30:00.100", ".000123", ".000000001"). */
size_t pm_java_local_datetime(int64_t epoch_millis, int32_t nanos_of_milli,
                              char out[PM_JAVA_TEXT_MAX]);

/* Paimon's CAST(timestamp AS STRING): "2024-01-01 12:30:00" plus the nanosecond fraction with
 * trailing zeros dropped, but never fewer than `precision` digits. */
size_t pm_java_timestamp_cast(int64_t epoch_millis, int32_t nanos_of_milli, int precision,
                              char out[PM_JAVA_TEXT_MAX]);

#endif
