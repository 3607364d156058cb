/*
 * avro_data_plan.h - how the values of an Avro data file become columns of requested Paimon
 * types: a tree that pairs each writer schema node with a target type and a conversion.
 *
 * Built once per file from its writer schema (fields matched by name, as Java's RowReader
 * does) and the requested fields, then followed for every record. Impossible conversions are
 * refused while building, naming the column.
 */
#ifndef PM_FORMAT_AVRO_DATA_PLAN_H
#define PM_FORMAT_AVRO_DATA_PLAN_H

#include "data/type.h"
#include "format/avro/avro_schema.h"
#include "util/arena.h"
#include "util/error.h"

typedef enum pm_avro_op {
    PM_AVRO_OP_NULL, /* the writer only ever stores null */
    PM_AVRO_OP_BOOLEAN,
    PM_AVRO_OP_INTEGER,   /* int/long -> TINYINT..BIGINT (narrowing truncates, as Java) */
    PM_AVRO_OP_FLOAT,     /* float -> FLOAT */
    PM_AVRO_OP_DOUBLE,    /* float/double -> DOUBLE */
    PM_AVRO_OP_BYTES,     /* string/bytes -> CHAR..BLOB */
    PM_AVRO_OP_FIXED,     /* fixed -> BINARY..BLOB */
    PM_AVRO_OP_ENUM,      /* enum -> its symbol */
    PM_AVRO_OP_DECIMAL,   /* big-endian two's complement bytes or fixed -> DECIMAL */
    PM_AVRO_OP_DATE,      /* int days -> DATE */
    PM_AVRO_OP_TIME,      /* int millis / long micros -> TIME (millis) */
    PM_AVRO_OP_TIMESTAMP, /* long in `unit` -> TIMESTAMP(_LTZ) in the column's unit */
    PM_AVRO_OP_ARRAY,     /* array -> ARRAY, or array of {key, value} records -> MAP/MULTISET */
    PM_AVRO_OP_MAP,       /* map (string keys) -> MAP/MULTISET */
    PM_AVRO_OP_RECORD,    /* record -> ROW (fields by name) */
} pm_avro_op;

typedef enum pm_avro_unit { PM_AVRO_MILLIS, PM_AVRO_MICROS, PM_AVRO_NANOS } pm_avro_unit;

typedef struct pm_avro_plan pm_avro_plan;

struct pm_avro_plan {
    pm_avro_op op;
    const pm_avro_schema *schema; /* the writer's value schema (union resolved) */
    bool in_union;                /* the writer stored a union: a branch index precedes the value */
    int32_t null_branch;          /* the union's null branch, or -1 */
    int32_t value_branch;
    pm_avro_unit unit; /* TIME, TIMESTAMP: unit of the stored value */
    int32_t scale;     /* DECIMAL: scale of the stored value */
    /* ARRAY: [0] the element; MAP: [0] the value (keys are strings); RECORD: one per writer
     * field (op of fields nobody asked for is unused: they are skipped). */
    pm_avro_plan *children;
    size_t child_count;
    /* RECORD: for each writer field, the target child column, or -1 to skip the value. */
    int32_t *target;
    /* RECORD: target columns the writer does not have; they read as null. */
    size_t *missing;
    size_t missing_count;
};

/* Plans reading a top-level record `writer` (possibly a nullable union) into `count` columns
 * of the given fields. Nodes are allocated in `arena`. */
int pm_avro_plan_build(const pm_avro_schema *writer, const pm_field *fields, size_t count,
                       pm_arena *arena, pm_avro_plan *out, paimon_error *err);

#endif
