/*
 * java_text.h - Java's text forms of values, where Paimon's on-disk names depend on them:
 * LocalDateTime.toString (Double/Float.toString are in data/java_number.h),
 * and the SQL CAST(... AS STRING) form of timestamps.
 */
#ifndef PM_CORE_JAVA_TEXT_H
#define PM_CORE_JAVA_TEXT_H

#include "data/java_number.h"

#include <stddef.h>
#include <stdint.h>

#define PM_JAVA_TEXT_MAX 64

/* LocalDateTime.toString of an epoch-based wall clock: "2024-01-01T12:30", seconds only when
 * non-zero, fraction in groups of 3 digits ("…T12:30:00.100", ".000123", ".000000001"). */
size_t pm_java_local_datetime(int64_t epoch_millis, int32_t nanos_of_milli,
                              char out[PM_JAVA_TEXT_MAX]);

/* Paimon's CAST(timestamp AS STRING): "2024-01-01 12:30:00" plus the nanosecond fraction with
 * trailing zeros dropped, but never fewer than `precision` digits. */
size_t pm_java_timestamp_cast(int64_t epoch_millis, int32_t nanos_of_milli, int precision,
                              char out[PM_JAVA_TEXT_MAX]);

#endif
