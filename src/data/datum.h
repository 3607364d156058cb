/*
 * datum.h - one scalar value of an atomic Paimon type: partition values, key bounds, statistics,
 * predicate literals. The type lives beside the datum (it is not stored in it). String and
 * binary payloads are borrowed: they point into a buffer owned by someone else.
 */
#ifndef PM_DATA_DATUM_H
#define PM_DATA_DATUM_H

#include "data/decimal.h"
#include "data/type.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct pm_timestamp {
    int64_t millis; /* epoch milliseconds (wall clock as UTC for TIMESTAMP, instant for LTZ) */
    int32_t nanos;  /* 0..999999 within the millisecond */
} pm_timestamp;

typedef struct pm_datum {
    bool is_null;
    union {
        bool b;            /* BOOLEAN */
        int64_t i;         /* TINYINT..BIGINT, DATE (days), TIME (millis of day) */
        double f;          /* FLOAT, DOUBLE */
        pm_decimal128 dec; /* DECIMAL: unscaled value, scale from the type */
        pm_timestamp ts;   /* TIMESTAMP, TIMESTAMP_LTZ */
        struct {
            const uint8_t *ptr;
            size_t len;
        } bytes; /* CHAR, VARCHAR, BINARY, VARBINARY, BLOB; raw encoding for nested types */
    } v;
} pm_datum;

static inline pm_datum pm_datum_null(void) {
    pm_datum d;
    d.is_null = true;
    d.v.i = 0;
    return d;
}
static inline pm_datum pm_datum_int(int64_t i) {
    pm_datum d;
    d.is_null = false;
    d.v.i = i;
    return d;
}
static inline pm_datum pm_datum_double(double f) {
    pm_datum d;
    d.is_null = false;
    d.v.f = f;
    return d;
}
static inline pm_datum pm_datum_bytes(const void *ptr, size_t len) {
    pm_datum d;
    d.is_null = false;
    d.v.bytes.ptr = ptr;
    d.v.bytes.len = len;
    return d;
}

/* Total order of values of one atomic type, as Java's key comparator: nulls first; strings and
 * binaries as unsigned bytes; floats as Float/Double.compare (-0.0 < 0.0, NaN largest). */
int pm_datum_compare(const pm_type *type, const pm_datum *a, const pm_datum *b);

/* Java's Double.compare. */
int pm_double_compare(double a, double b);

#endif
