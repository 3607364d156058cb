/*
 * parquet_thrift_write.h - encoding Thrift structs in the compact protocol (the writer's half of
 * parquet_thrift.h).
 *
 * Fields are written in increasing id order, each with a header that carries the id as a delta
 * from the previous field of the same struct. The writer keeps one "last id" per open struct.
 * Allocation failures are sticky: every call after the first failure does nothing and
 * pm_tw_status reports PAIMON_ENOMEM, so encoders check once at the end.
 */
#ifndef PM_FORMAT_PARQUET_THRIFT_WRITE_H
#define PM_FORMAT_PARQUET_THRIFT_WRITE_H

#include "format/parquet/parquet_thrift.h"
#include "util/buf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct pm_tw {
    pm_buf *out;
    int16_t last[PM_THRIFT_MAX_DEPTH + 1];
    int depth;
    int rc;
} pm_tw;

/* Starts writing the fields of a top-level struct at the end of `out`. */
void pm_tw_init(pm_tw *w, pm_buf *out);
/* PAIMON_OK, or PAIMON_ENOMEM if any write failed. */
static inline int pm_tw_status(const pm_tw *w) { return w->rc; }

void pm_tw_i8(pm_tw *w, int16_t id, int8_t v);
void pm_tw_i16(pm_tw *w, int16_t id, int16_t v);
void pm_tw_i32(pm_tw *w, int16_t id, int32_t v);
void pm_tw_i64(pm_tw *w, int16_t id, int64_t v);
void pm_tw_bool(pm_tw *w, int16_t id, bool v);
void pm_tw_binary(pm_tw *w, int16_t id, const void *p, size_t n);
void pm_tw_string(pm_tw *w, int16_t id, const char *s);

/* A struct-valued field: its fields follow, pm_tw_end closes it. */
void pm_tw_struct(pm_tw *w, int16_t id);
/* Closes the innermost struct (or, at depth 0, ends the top-level struct). */
void pm_tw_end(pm_tw *w);
/* An empty struct-valued field (a union member without fields, e.g. LogicalType STRING). */
void pm_tw_empty_struct(pm_tw *w, int16_t id);

/* A list field of `count` elements of wire type `elem_type`; the elements follow. */
void pm_tw_list(pm_tw *w, int16_t id, uint8_t elem_type, size_t count);
/* List elements. A struct element is opened with pm_tw_elem_struct and closed with pm_tw_end. */
void pm_tw_elem_struct(pm_tw *w);
void pm_tw_elem_i32(pm_tw *w, int32_t v);
void pm_tw_elem_i64(pm_tw *w, int64_t v);
void pm_tw_elem_bool(pm_tw *w, bool v);
void pm_tw_elem_binary(pm_tw *w, const void *p, size_t n);
void pm_tw_elem_string(pm_tw *w, const char *s);

/* Appends bytes already encoded as one or more complete list elements. */
void pm_tw_raw(pm_tw *w, const void *p, size_t n);

#endif
