/*
 * schema.h - table schemas, the `schema/schema-<id>` JSON files (spec 01).
 *
 * Parsing keeps the whole JSON document, so writing a schema back preserves keys this version
 * does not know about. Options are an ordered list of string pairs.
 */
#ifndef PM_CORE_SCHEMA_H
#define PM_CORE_SCHEMA_H

#include "data/type.h"
#include "io/fs.h"
#include "util/buf.h"
#include "util/error.h"

#include <stdbool.h>
#include <stdint.h>

struct json_t; /* jansson */

typedef struct pm_options {
    char **keys;
    char **values;
    size_t count;
    size_t cap;
} pm_options;

const char *pm_options_get(const pm_options *o, const char *key); /* NULL if absent */
int pm_options_set(pm_options *o, const char *key, const char *value); /* replaces */
void pm_options_dispose(pm_options *o);
/* Typed getters: return `fallback` when absent; PAIMON_EINVAL naming the key when malformed. */
int pm_options_get_bool(const pm_options *o, const char *key, bool fallback, bool *out,
                        paimon_error *err);
int pm_options_get_int(const pm_options *o, const char *key, int64_t fallback, int64_t *out,
                       paimon_error *err);
/* "256 mb", "1 gb", "1024" (bytes). */
int pm_options_get_memory(const pm_options *o, const char *key, int64_t fallback, int64_t *out,
                          paimon_error *err);
/* "1 h", "10 s", "500" (ms). */
int pm_options_get_duration_ms(const pm_options *o, const char *key, int64_t fallback,
                               int64_t *out, paimon_error *err);

typedef struct pm_schema {
    int32_t version; /* 1 when absent */
    int64_t id;
    /* The schema whose options (and version) these are: `id`, except in the composite a time
     * travel reads with (pm_table_travel_schema): the old fields under the latest options. */
    int64_t options_id;
    pm_type *row_type; /* ROW of the top-level fields (with their ids) */
    int32_t highest_field_id;
    char **partition_keys;
    size_t partition_key_count;
    char **primary_keys;
    size_t primary_key_count;
    pm_options options;
    char *comment;       /* NULL when absent */
    int64_t time_millis; /* 0 when absent */
    struct json_t *json; /* the parsed document, for lossless rewriting */
} pm_schema;

static inline const pm_field *pm_schema_fields(const pm_schema *s) { return s->row_type->fields; }
static inline size_t pm_schema_field_count(const pm_schema *s) { return s->row_type->field_count; }

/* Parses schema JSON. `source` (a file name) is used in error messages. */
int pm_schema_parse(const char *json_text, size_t len, const char *source, pm_schema **out,
                    paimon_error *err);
/* Serializes in Java's layout (pretty-printed, "key" : value), unknown keys preserved. */
int pm_schema_to_json(const pm_schema *s, pm_buf *out, paimon_error *err);
void pm_schema_free(pm_schema *s);

/* Effective options with the legacy defaults of old schema versions applied (spec 01 §2):
 * version <= 1 without `bucket` -> "1"; version <= 2 without `file.format` -> "orc". */
const char *pm_schema_option(const pm_schema *s, const char *key);

/* The trimmed primary key: primary key columns that are not partition columns, in order. */
size_t pm_schema_trimmed_pk(const pm_schema *s, const char **out_names, size_t cap);
long pm_schema_field_index(const pm_schema *s, const char *name);

/* The schema/ folder of a table (or branch). */
int pm_schema_load(pm_fs *fs, const char *table_path, int64_t schema_id, pm_schema **out,
                   paimon_error *err);
/* Largest schema id present; PAIMON_ENOTFOUND when there is none. */
int pm_schema_latest_id(pm_fs *fs, const char *table_path, int64_t *out, paimon_error *err);
/* Writes schema-<id> atomically; PAIMON_EEXISTS when another writer created it first. */
int pm_schema_commit(pm_fs *fs, const char *table_path, const pm_schema *s, paimon_error *err);

#endif
