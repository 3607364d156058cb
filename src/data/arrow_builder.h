/*
 * arrow_builder.h - building Arrow C Data Interface arrays for Paimon types.
 *
 * Every reader (Parquet, ORC, Avro) decodes into a pm_col, and pm_col_finish hands the buffers
 * to an ArrowArray without copying. The layouts, one per Paimon type:
 *
 *   BOOLEAN                 "b"      bit-packed values
 *   TINYINT / SMALLINT      "c" / "s"
 *   INT / BIGINT            "i" / "l"
 *   FLOAT / DOUBLE          "f" / "g"
 *   DECIMAL(p, s)           "d:p,s"  decimal128: 16 bytes little-endian two's complement
 *   CHAR / VARCHAR          "u"      int32 offsets + UTF-8 bytes
 *   BINARY / VARBINARY/BLOB "z"      int32 offsets + bytes
 *   DATE                    "tdD"    int32 days since epoch
 *   TIME(p)                 "ttm"    int32 milliseconds of day (Paimon stores TIME as millis)
 *   TIMESTAMP(p)            "tsm:" (p <= 3), "tsu:" (p <= 6), "tsn:" (p <= 9), int64
 *   TIMESTAMP(p) WITH LOCAL TIME ZONE   the same with time zone "UTC"
 *   ARRAY<T>                "+l"     int32 offsets, one child "element"
 *   MAP<K, V>               "+m"     int32 offsets, child "entries" = "+s" {key, value}
 *   MULTISET<T>             "+m"     as MAP<T, INT NOT NULL>
 *   ROW<...>                "+s"     one child per field
 *
 * Field metadata of exported schemas carries "paimon.type" (the SQL type string, so consumers
 * can tell CHAR(3) from STRING or a TIMESTAMP's precision) and "paimon.id" (the field id).
 *
 * Buffers are public so that decoders can write values in bulk: reserve, write at
 * `values.data + length * width`, then account with pm_col_advance(). The validity bitmap is
 * materialised only when the first null arrives.
 */
#ifndef PM_DATA_ARROW_BUILDER_H
#define PM_DATA_ARROW_BUILDER_H

#include "data/datum.h"
#include "data/type.h"
#include "paimon.h"
#include "util/buf.h"
#include "util/buf_pool.h"

typedef enum pm_layout {
    PM_LAYOUT_BOOL,   /* bit-packed values */
    PM_LAYOUT_FIXED,  /* `width` bytes per value */
    PM_LAYOUT_VARBIN, /* offsets + bytes */
    PM_LAYOUT_LIST,   /* offsets + one child (ARRAY; MAP/MULTISET with a struct child) */
    PM_LAYOUT_STRUCT, /* children, no own values */
} pm_layout;

typedef enum pm_time_unit {
    PM_UNIT_MILLI,
    PM_UNIT_MICRO,
    PM_UNIT_NANO,
} pm_time_unit;

typedef struct pm_col pm_col;

struct pm_col {
    const pm_type *type; /* borrowed (or owned_type for synthesized MAP entries) */
    pm_layout layout;
    uint8_t width;       /* bytes per value for PM_LAYOUT_FIXED */
    int64_t length;
    int64_t null_count;
    pm_buf validity;     /* empty while all slots are valid */
    pm_buf offsets;      /* int32 x (length + 1) for VARBIN and LIST */
    pm_buf values;       /* FIXED values, BOOL bits, VARBIN bytes */
    pm_col *children;
    size_t child_count;
    pm_type *owned_type; /* MAP/MULTISET: the synthesized entries ROW<key, value> */
    pm_buf_pool *pool;   /* borrowed; NULL = plain malloc (see pm_col_set_pool) */
};

/* Time unit used for TIMESTAMP columns of a given precision. */
pm_time_unit pm_timestamp_unit(int32_t precision);

int pm_col_init(pm_col *c, const pm_type *type, paimon_error *err);
void pm_col_dispose(pm_col *c);
/* Lets the builder (and its children) take buffers from `pool` after each finish and give
 * them back on dispose; arrays it exports return their buffers there when released. The pool
 * must outlive the builder (exported arrays hold their own reference). */
void pm_col_set_pool(pm_col *c, pm_buf_pool *pool);
/* Drops the content (recursively), keeps the allocated capacity. */
void pm_col_clear(pm_col *c);

/* Room for n more slots in validity, offsets and fixed-width values (not children, not VARBIN
 * bytes). Returns PAIMON_OK or PAIMON_ENOMEM. */
int pm_col_reserve(pm_col *c, size_t n);

/* Bulk path: the caller wrote n values (and offsets) past `length`; `valid` holds n flags
 * (1 = valid) or is NULL when all n are valid. Updates length, validity and null_count. */
int pm_col_advance(pm_col *c, size_t n, const uint8_t *valid);

/* Row-at-a-time appends. Each returns PAIMON_OK or PAIMON_ENOMEM. For STRUCT columns a null
 * also appends a null to every child (Arrow requires equal lengths). */
int pm_col_append_null(pm_col *c);
int pm_col_append_nulls(pm_col *c, size_t n);
int pm_col_append_bool(pm_col *c, bool v);
int pm_col_append_int(pm_col *c, int64_t v); /* TINYINT..BIGINT, DATE, TIME, raw TIMESTAMP units */
int pm_col_append_double(pm_col *c, double v); /* FLOAT, DOUBLE */
int pm_col_append_decimal(pm_col *c, pm_decimal128 v);
int pm_col_append_timestamp(pm_col *c, pm_timestamp ts); /* converted to the column's unit */
int pm_col_append_bytes(pm_col *c, const void *data, size_t n);
/* Any atomic type, converted by the column's type; a null datum appends a null. */
int pm_col_append_datum(pm_col *c, const pm_datum *d);
/* LIST: after appending this entry's elements to children[0], closes the entry. */
int pm_col_list_close(pm_col *c);
/* STRUCT: after appending one value to every child, marks the row valid. */
int pm_col_struct_close(pm_col *c);
/* Copies row `index` of a finished array of the same type (any layout, nested included). */
int pm_col_append_from(pm_col *c, const struct ArrowArray *src, int64_t index);

/* Moves the content into `out` (released by out->release); the builder is left empty and
 * reusable. */
int pm_col_finish(pm_col *c, struct ArrowArray *out, paimon_error *err);

/* ArrowSchema of one field (with metadata) or of a struct of fields (a record batch). */
int pm_arrow_schema_for_field(const pm_field *field, struct ArrowSchema *out, paimon_error *err);
int pm_arrow_schema_for_fields(const pm_field *fields, size_t count, struct ArrowSchema *out,
                               paimon_error *err);

/* Builds a struct ArrowArray (a record batch) from finished child arrays, taking ownership of
 * them (their release callbacks are moved). `length` is the row count. */
int pm_arrow_struct_from_children(struct ArrowArray *children, size_t count, int64_t length,
                                  struct ArrowArray *out, paimon_error *err);

/* Reading finished arrays (offsets honoured). */
bool pm_arrow_is_valid(const struct ArrowArray *a, int64_t i);
/* Reads an atomic value; strings and binaries are borrowed from the array. */
pm_datum pm_arrow_get_datum(const struct ArrowArray *a, const pm_type *type, int64_t i);

/* Bit helpers for validity bitmaps (LSB first, as Arrow). */
static inline bool pm_bit_get(const uint8_t *bits, int64_t i) {
    return (bits[i >> 3] >> (i & 7)) & 1;
}
static inline void pm_bit_set(uint8_t *bits, int64_t i) { bits[i >> 3] |= (uint8_t)(1u << (i & 7)); }
static inline void pm_bit_clear(uint8_t *bits, int64_t i) {
    bits[i >> 3] &= (uint8_t)~(1u << (i & 7));
}

#endif
