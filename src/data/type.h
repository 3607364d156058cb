/*
 * type.h - Paimon data types (spec 01 §3).
 *
 * A pm_type is a tree owned by whoever created it (pm_type_free releases it and its children).
 * ROW types hold pm_fields, which carry the field id that schema evolution keys on.
 *
 * The SQL type-string grammar is the one Java writes in schema files for atomic types
 * ("INT NOT NULL", "DECIMAL(10, 2)", "TIMESTAMP(3) WITH LOCAL TIME ZONE"); the parser also accepts
 * the aliases Java accepts and, for convenience, the nested forms ARRAY<T>, MULTISET<T>,
 * MAP<K, V> and ROW<`name` T, ...> that Java prints with asSQLString.
 */
#ifndef PM_DATA_TYPE_H
#define PM_DATA_TYPE_H

#include "util/buf.h"
#include "util/error.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum pm_type_id {
    PM_TYPE_BOOLEAN,
    PM_TYPE_TINYINT,
    PM_TYPE_SMALLINT,
    PM_TYPE_INT,
    PM_TYPE_BIGINT,
    PM_TYPE_FLOAT,
    PM_TYPE_DOUBLE,
    PM_TYPE_DECIMAL,       /* precision 1..38, scale 0..precision */
    PM_TYPE_CHAR,          /* length */
    PM_TYPE_VARCHAR,       /* length; STRING = VARCHAR(2147483647) */
    PM_TYPE_BINARY,        /* length */
    PM_TYPE_VARBINARY,     /* length; BYTES = VARBINARY(2147483647) */
    PM_TYPE_DATE,          /* days since 1970-01-01 */
    PM_TYPE_TIME,          /* precision 0..9; stored as millis of day */
    PM_TYPE_TIMESTAMP,     /* precision 0..9; wall clock, no zone */
    PM_TYPE_TIMESTAMP_LTZ, /* precision 0..9; an instant (UTC) */
    PM_TYPE_ARRAY,         /* element */
    PM_TYPE_MULTISET,      /* element (stored as MAP<element, INT NOT NULL>) */
    PM_TYPE_MAP,           /* key, value */
    PM_TYPE_ROW,           /* fields */
    PM_TYPE_VARIANT,
    PM_TYPE_BLOB,
} pm_type_id;

#define PM_MAX_LENGTH 2147483647
#define PM_MAX_NESTING_DEPTH 64

typedef struct pm_type pm_type;

typedef struct pm_field {
    int32_t id;
    char *name;
    pm_type *type;
    char *description;   /* NULL when absent */
    char *default_value; /* NULL when absent */
} pm_field;

struct pm_type {
    pm_type_id id;
    bool nullable;
    int32_t length;    /* CHAR, VARCHAR, BINARY, VARBINARY */
    int32_t precision; /* DECIMAL, TIME, TIMESTAMP, TIMESTAMP_LTZ */
    int32_t scale;     /* DECIMAL */
    pm_type *element;  /* ARRAY, MULTISET */
    pm_type *key;      /* MAP */
    pm_type *value;    /* MAP */
    pm_field *fields;  /* ROW */
    size_t field_count;
};

/* Construction. Every constructor returns NULL on allocation failure. Nested constructors take
 * ownership of their children (and free them on failure). */
pm_type *pm_type_new(pm_type_id id, bool nullable);
pm_type *pm_type_new_decimal(int32_t precision, int32_t scale, bool nullable);
pm_type *pm_type_new_sized(pm_type_id id, int32_t length_or_precision, bool nullable);
pm_type *pm_type_new_array(pm_type *element, bool nullable);
pm_type *pm_type_new_map(pm_type *key, pm_type *value, bool nullable);
/* Takes ownership of `fields` (an array from pm_malloc) and everything in it. */
pm_type *pm_type_new_row(pm_field *fields, size_t field_count, bool nullable);

void pm_type_free(pm_type *type);
void pm_field_dispose(pm_field *field); /* frees members, not the struct itself */
pm_type *pm_type_clone(const pm_type *type);
int pm_field_copy(pm_field *dst, const pm_field *src); /* deep copy; PAIMON_ENOMEM on failure */

/* Structural equality; `ignore_nullability` compares only the shape. Field ids and names of ROW
 * fields are compared too. */
bool pm_type_equals(const pm_type *a, const pm_type *b, bool ignore_nullability);

/* Classification. */
bool pm_type_is_nested(const pm_type *type); /* ARRAY, MULTISET, MAP, ROW */
bool pm_type_is_string(const pm_type *type); /* CHAR, VARCHAR */
bool pm_type_is_binary(const pm_type *type); /* BINARY, VARBINARY, BLOB */
bool pm_type_is_integer(const pm_type *type); /* TINYINT .. BIGINT */
/* Decimals with precision <= 18 are stored as int64 in BinaryRow ("compact"). */
static inline bool pm_decimal_is_compact(int32_t precision) { return precision <= 18; }
/* Timestamps with precision <= 3 are stored as epoch millis only ("compact"). */
static inline bool pm_timestamp_is_compact(int32_t precision) { return precision <= 3; }

const char *pm_type_id_name(pm_type_id id); /* "INT", "TIMESTAMP_LTZ", ... */

/* Parses a type string. On error, the message quotes the string. */
int pm_type_parse(const char *text, pm_type **out, paimon_error *err);

/* Appends the SQL form Java writes (asSQLString): "INT NOT NULL", "DECIMAL(10, 2)", "STRING",
 * "ARRAY<INT>", "ROW<`a` INT, `b` STRING>". */
int pm_type_format(const pm_type *type, pm_buf *out);

/* Finds a ROW field by name (exact) or by id; returns its index or -1. */
long pm_row_field_index_by_name(const pm_type *row, const char *name);
long pm_row_field_index_by_id(const pm_type *row, int32_t id);

#endif
