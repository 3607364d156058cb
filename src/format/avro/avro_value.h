/*
 * avro_value.h - generic Avro values: any datum decoded into a tree that mirrors its writer
 * schema, for readers that resolve fields by name (the manifest layer).
 *
 * Nodes are allocated in a caller-supplied arena; bytes and strings are borrowed from the
 * decoded buffer (so they live as long as that buffer). Unions are resolved while decoding: a
 * value's `schema` is the branch that was taken (a null value has kind PM_AVRO_NULL) and
 * `branch` records its index.
 */
#ifndef PM_FORMAT_AVRO_VALUE_H
#define PM_FORMAT_AVRO_VALUE_H

#include "format/avro/avro_schema.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/cursor.h"
#include "util/error.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Values that encode to zero bytes (null, records of nulls) cannot be bounded by the input
 * size. Decoders charge them, and the fields of such records, to a budget that everything read
 * from one file shares, so that no input can make decoding work or memory explode. */
#define PM_AVRO_EMPTY_BUDGET ((int64_t)1 << 16)

typedef struct pm_avro_value pm_avro_value;
typedef struct pm_avro_map_entry pm_avro_map_entry;

struct pm_avro_value {
    const pm_avro_schema *schema; /* never a union */
    int32_t branch;               /* union branch taken, -1 when not read through a union */
    union {
        bool boolean;
        int64_t integer; /* int, long; enum: symbol index */
        float f32;
        double f64;
        struct {
            const uint8_t *data;
            size_t len;
        } bytes; /* bytes, string, fixed */
        struct {
            pm_avro_value *items;
            size_t count;
        } array;
        struct {
            pm_avro_map_entry *entries;
            size_t count;
        } map;
        pm_avro_value *fields; /* record: one per schema field, in writer order */
    } u;
};

struct pm_avro_map_entry {
    const uint8_t *key;
    size_t key_len;
    pm_avro_value value;
};

/* Decodes one datum of `schema` at the cursor. `empty_budget` is the caller's budget of
 * zero-byte values (NULL: a fresh PM_AVRO_EMPTY_BUDGET for this datum). */
int pm_avro_value_read(pm_cursor *c, const pm_avro_schema *schema, pm_arena *arena,
                       int64_t *empty_budget, pm_avro_value *out, paimon_error *err);

/* Skips one datum of `schema` (validating its framing, not allocating). */
int pm_avro_skip(pm_cursor *c, const pm_avro_schema *schema, int64_t *empty_budget,
                 paimon_error *err);

/* Charges `n` zero-byte values to *budget; PAIMON_ELIMIT once it is spent. */
int pm_avro_charge_empty(int64_t *budget, int64_t n, paimon_error *err);

/* Encodes `v` as a datum of `schema` (the schema it was read with, unions included). */
int pm_avro_value_write(pm_buf *out, const pm_avro_value *v, const pm_avro_schema *schema,
                        paimon_error *err);

/* A record's field by name; NULL when `record` is not a record or has no such field. */
const pm_avro_value *pm_avro_value_field(const pm_avro_value *record, const char *name);

static inline bool pm_avro_value_is_null(const pm_avro_value *v) {
    return v == NULL || v->schema->kind == PM_AVRO_NULL;
}

#endif
