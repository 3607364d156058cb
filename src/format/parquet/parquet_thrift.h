/*
 * parquet_thrift.h - the Thrift compact protocol, as far as Parquet metadata needs it.
 *
 * Parquet stores its footer and page headers as Thrift structs in the compact encoding. The
 * reader here is generic: callers walk the fields of a struct, pick the ids they know and hand
 * everything else to pm_thrift_skip, which understands every wire type, so newer writers that add
 * fields (or whole nested structs) stay readable. All reads are bounds-checked; nesting is
 * bounded by PM_THRIFT_MAX_DEPTH so a hostile footer cannot recurse us off the stack.
 */
#ifndef PM_FORMAT_PARQUET_THRIFT_H
#define PM_FORMAT_PARQUET_THRIFT_H

#include "util/cursor.h"
#include "util/error.h"

#include <stdbool.h>
#include <stdint.h>

/* Compact protocol wire types. */
enum {
    PM_TT_STOP = 0,
    PM_TT_TRUE = 1,
    PM_TT_FALSE = 2,
    PM_TT_BYTE = 3,
    PM_TT_I16 = 4,
    PM_TT_I32 = 5,
    PM_TT_I64 = 6,
    PM_TT_DOUBLE = 7,
    PM_TT_BINARY = 8,
    PM_TT_LIST = 9,
    PM_TT_SET = 10,
    PM_TT_MAP = 11,
    PM_TT_STRUCT = 12,
};

#define PM_THRIFT_MAX_DEPTH 32

typedef struct pm_thrift {
    pm_cursor cur;
    int depth;        /* structs/containers currently open */
    const char *what; /* the object being decoded, for error messages */
    paimon_error *err;
} pm_thrift;

/* One field of the struct being read: id and wire type; type PM_TT_STOP ends the struct. */
typedef struct pm_thrift_field {
    int16_t id;
    uint8_t type;
} pm_thrift_field;

void pm_thrift_init(pm_thrift *t, const void *data, size_t len, const char *what,
                    paimon_error *err);

/* Every function below returns PAIMON_OK or PAIMON_ECORRUPT (message in t->err). */

/* Struct framing: begin bumps the depth, next reads one field header (last_id tracks the delta
 * encoding of ids and must start at 0 for each struct), end drops the depth. */
int pm_thrift_struct_begin(pm_thrift *t);
int pm_thrift_next_field(pm_thrift *t, int16_t *last_id, pm_thrift_field *out);
void pm_thrift_struct_end(pm_thrift *t);

/* Skips one value of the given wire type (recursively for containers). */
int pm_thrift_skip(pm_thrift *t, uint8_t type);

/* Scalar readers; each checks that the wire type fits what the caller expects. */
int pm_thrift_bool(pm_thrift *t, uint8_t type, bool *out);
int pm_thrift_i32(pm_thrift *t, uint8_t type, int32_t *out);
int pm_thrift_i64(pm_thrift *t, uint8_t type, int64_t *out);
/* Binary/string: a view into the input buffer. */
int pm_thrift_binary(pm_thrift *t, uint8_t type, const uint8_t **ptr, size_t *len);
/* List (or set) header: element type and count. Every element takes at least one byte, so a
 * count larger than the input left is rejected before anyone allocates for it. */
int pm_thrift_list(pm_thrift *t, uint8_t type, uint8_t *elem_type, uint32_t *count);

/* Bytes consumed so far. */
static inline size_t pm_thrift_pos(const pm_thrift *t, const void *start) {
    return (size_t)(t->cur.p - (const uint8_t *)start);
}

#endif
