/*
 * avro_schema.h - Avro schemas (Avro 1.x specification, "Schema Declaration") parsed from their
 * JSON form into a tree.
 *
 * Every Avro object container file carries its writer schema as JSON; readers resolve what they
 * need against it by name. The tree lives in a caller-supplied arena. Named types (record, enum,
 * fixed) referenced again by name point to the same node, so a recursive record is a graph:
 * every walk over a schema is bounded by PM_MAX_NESTING_DEPTH.
 *
 * Logical types are kept as attributes of the underlying type. A logical type that does not fit
 * its underlying type (or is unknown) is ignored, as the Avro specification requires. Paimon's
 * `"logicalType":"map"` marks an array of {key, value} records that stands for a map whose keys
 * are not strings (AvroSchemaConverter).
 */
#ifndef PM_FORMAT_AVRO_SCHEMA_H
#define PM_FORMAT_AVRO_SCHEMA_H

#include "util/arena.h"
#include "util/error.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum pm_avro_kind {
    PM_AVRO_NULL,
    PM_AVRO_BOOLEAN,
    PM_AVRO_INT,
    PM_AVRO_LONG,
    PM_AVRO_FLOAT,
    PM_AVRO_DOUBLE,
    PM_AVRO_BYTES,
    PM_AVRO_STRING,
    PM_AVRO_RECORD,
    PM_AVRO_ENUM,
    PM_AVRO_ARRAY,
    PM_AVRO_MAP,
    PM_AVRO_UNION,
    PM_AVRO_FIXED,
} pm_avro_kind;

typedef enum pm_avro_logical {
    PM_AVRO_LOGICAL_NONE,
    PM_AVRO_LOGICAL_DECIMAL,                /* bytes or fixed: precision, scale */
    PM_AVRO_LOGICAL_DATE,                   /* int: days since epoch */
    PM_AVRO_LOGICAL_TIME_MILLIS,            /* int */
    PM_AVRO_LOGICAL_TIME_MICROS,            /* long */
    PM_AVRO_LOGICAL_TIMESTAMP_MILLIS,       /* long */
    PM_AVRO_LOGICAL_TIMESTAMP_MICROS,       /* long */
    PM_AVRO_LOGICAL_TIMESTAMP_NANOS,        /* long */
    PM_AVRO_LOGICAL_LOCAL_TIMESTAMP_MILLIS, /* long */
    PM_AVRO_LOGICAL_LOCAL_TIMESTAMP_MICROS, /* long */
    PM_AVRO_LOGICAL_LOCAL_TIMESTAMP_NANOS,  /* long */
    PM_AVRO_LOGICAL_UUID,                   /* string */
    PM_AVRO_LOGICAL_MAP,                    /* Paimon: array of {key, value} records */
} pm_avro_logical;

typedef struct pm_avro_schema pm_avro_schema;

typedef struct pm_avro_field {
    const char *name;
    const pm_avro_schema *type;
    bool has_default; /* the field declares a "default" (any value, null included) */
} pm_avro_field;

struct pm_avro_schema {
    pm_avro_kind kind;
    pm_avro_logical logical;
    int32_t precision;     /* DECIMAL */
    int32_t scale;         /* DECIMAL */
    const char *name;      /* full name of a record, enum or fixed; NULL for other kinds */
    pm_avro_field *fields; /* RECORD */
    size_t field_count;
    const char **symbols; /* ENUM */
    size_t symbol_count;
    const pm_avro_schema *items;     /* ARRAY */
    const pm_avro_schema *values;    /* MAP */
    const pm_avro_schema **branches; /* UNION */
    size_t branch_count;
    size_t fixed_size; /* FIXED */
    /* The fewest bytes one value can encode to. Readers use it to reject item counts that
     * cannot fit in the bytes left before allocating for them. */
    size_t min_size;
};

/* Parses a schema from JSON text (`len` bytes, need not be NUL-terminated). Nodes and names are
 * allocated in `arena`. Errors name the offending part: "avro schema: field 3 of record x: ...". */
int pm_avro_schema_parse(const char *json, size_t len, pm_arena *arena, const pm_avro_schema **out,
                         paimon_error *err);

/* Index of a record field by exact name, or -1. */
long pm_avro_schema_field_index(const pm_avro_schema *record, const char *name);

/* For a union of "null" and exactly one other branch: that branch, with the branch indexes in
 * *null_index and *value_index. For anything else: `s` itself and both indexes -1. */
const pm_avro_schema *pm_avro_schema_unwrap_nullable(const pm_avro_schema *s, int *null_index,
                                                     int *value_index);

/* "int", "record", ... */
const char *pm_avro_kind_name(pm_avro_kind kind);

#endif
