/*
 * manifest_avro_fields.h - typed, name-resolved access to the fields of generic Avro records,
 * for the manifest decoders.
 *
 * A pm_mfield_map names the fields of one record type (e.g. `_FILE`). Their positions in the
 * writer schema are resolved on first use and again only when a record of another schema comes
 * by, so lookups cost an array index per record. Accessors accept the Avro promotions Java
 * applies (int for long, bytes for string), treat an absent field like a null one, and fail
 * with "record 3: _FILE._LEVEL: expected int, found string" style messages. Strings, bytes and
 * arrays are copied into the result's arena.
 */
#ifndef PM_CORE_MANIFEST_AVRO_FIELDS_H
#define PM_CORE_MANIFEST_AVRO_FIELDS_H

#include "core/manifest.h"
#include "format/avro/avro_value.h"

#define PM_MFIELD_MAX 24

typedef struct pm_mfield_map {
    const char *prefix; /* for messages: "", "_FILE.", "_FILE._KEY_STATS." */
    const char *const *names;
    size_t count;
    const pm_avro_schema *schema; /* the writer record schema `index` was computed for */
    int32_t index[PM_MFIELD_MAX];
} pm_mfield_map;

typedef struct pm_mfield_ctx {
    pm_arena *arena; /* the result's */
    int64_t record;  /* index of the record being decoded, for messages */
    paimon_error *err;
} pm_mfield_ctx;

/* The fields of a SimpleStats record, for pm_mfield_stats. */
extern const char *const PM_MFIELD_STATS_NAMES[3];

void pm_mfield_map_init(pm_mfield_map *m, const char *prefix, const char *const *names,
                        size_t count);

/* Fails with "record N: <prefix><field>: <message>". */
int pm_mfield_error(pm_mfield_ctx *d, const pm_mfield_map *m, int f, int code, const char *fmt, ...)
    PM_PRINTF(5, 6);

/* Field `f` of record `rec`. `required` fields that are absent or null are errors; optional
 * ones set *present = false (or the output to NULL / absent). */
int pm_mfield_long(pm_mfield_ctx *d, pm_mfield_map *m, const pm_avro_value *rec, int f,
                   bool required, bool *present, int64_t *out);
int pm_mfield_int(pm_mfield_ctx *d, pm_mfield_map *m, const pm_avro_value *rec, int f,
                  bool required, bool *present, int32_t *out);
int pm_mfield_required_long(pm_mfield_ctx *d, pm_mfield_map *m, const pm_avro_value *rec, int f,
                            int64_t *out);
int pm_mfield_required_int(pm_mfield_ctx *d, pm_mfield_map *m, const pm_avro_value *rec, int f,
                           int32_t *out);
int pm_mfield_string(pm_mfield_ctx *d, pm_mfield_map *m, const pm_avro_value *rec, int f,
                     bool required, const char **out);
int pm_mfield_bytes(pm_mfield_ctx *d, pm_mfield_map *m, const pm_avro_value *rec, int f,
                    bool required, pm_bytes *out);
/* The value itself, checked to be of `kind` (NULL when absent or null and not required). */
int pm_mfield_typed(pm_mfield_ctx *d, pm_mfield_map *m, const pm_avro_value *rec, int f,
                    bool required, pm_avro_kind kind, const pm_avro_value **out);
int pm_mfield_string_list(pm_mfield_ctx *d, pm_mfield_map *m, const pm_avro_value *rec, int f,
                          bool required, pm_string_list *out);
/* An optional array of longs. With `present` the items may be null (per-item flags);
 * without, a null item is an error. */
int pm_mfield_long_array(pm_mfield_ctx *d, pm_mfield_map *m, const pm_avro_value *rec, int f,
                         const int64_t **items, bool **present, size_t *count, bool *has);
/* A SimpleStats record (`m` maps PM_MFIELD_STATS_NAMES). */
int pm_mfield_stats(pm_mfield_ctx *d, pm_mfield_map *m, const pm_avro_value *rec,
                    pm_simple_stats *out);

/* Copies bytes into the arena; zero bytes still give a non-NULL (present) pointer. */
int pm_mfield_copy_bytes(pm_mfield_ctx *d, const uint8_t *data, size_t len, pm_bytes *out);

#endif
