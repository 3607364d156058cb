/*
 * manifest.h - manifest lists, manifests and index manifests (spec 03, 05 §2).
 *
 * Readers resolve fields by name against the writer schema stored in each file, so every
 * historical layout (0.8 nullable records, 0.9, 1.0, 1.3, master) decodes into the same structs;
 * absent fields read as "absent" (has_ flags, NULL pointers). The format of a metadata file is
 * detected from its first bytes: Avro ("Obj\1") or ORC ("ORC", manifest.format = orc in old
 * tables).
 *
 * A list owns all its memory in an arena; strings and byte payloads point into it.
 */
#ifndef PM_CORE_MANIFEST_H
#define PM_CORE_MANIFEST_H

#include "io/fs.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/error.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct pm_bytes {
    const uint8_t *data; /* NULL when absent */
    size_t len;
} pm_bytes;

typedef struct pm_string_list {
    const char **items;
    size_t count;
    bool present; /* false: the field was absent or null */
} pm_string_list;

/* SimpleStats: min/max rows are serialized BinaryRows (with arity prefix). */
typedef struct pm_simple_stats {
    pm_bytes min_values;
    pm_bytes max_values;
    const int64_t *null_counts;     /* one per stats column */
    const bool *null_count_present; /* false where the count is null (unknown) */
    size_t null_count_len;
    bool has_null_counts;           /* false when the whole array is null */
} pm_simple_stats;

enum { PM_FILE_KIND_ADD = 0, PM_FILE_KIND_DELETE = 1 };
enum { PM_FILE_SOURCE_APPEND = 0, PM_FILE_SOURCE_COMPACT = 1 };

typedef struct pm_data_file_meta {
    const char *file_name;
    int64_t file_size;
    int64_t row_count;
    pm_bytes min_key; /* serialized BinaryRow of the trimmed primary key */
    pm_bytes max_key;
    pm_simple_stats key_stats;
    pm_simple_stats value_stats;
    int64_t min_sequence_number;
    int64_t max_sequence_number;
    int64_t schema_id;
    int32_t level;
    pm_string_list extra_files;
    bool has_creation_time;
    int64_t creation_time_millis;
    bool has_delete_row_count;
    int64_t delete_row_count;
    pm_bytes embedded_index;
    bool has_file_source;
    int32_t file_source;
    pm_string_list value_stats_cols;
    const char *external_path; /* NULL when absent */
    bool has_first_row_id;
    int64_t first_row_id;
    pm_string_list write_cols;
    const int64_t *write_cols_sequences;
    size_t write_cols_sequence_count;
    bool has_write_cols_sequences;
} pm_data_file_meta;

typedef struct pm_manifest_entry {
    int32_t kind; /* PM_FILE_KIND_* */
    pm_bytes partition;
    int32_t bucket;
    int32_t total_buckets;
    pm_data_file_meta file;
} pm_manifest_entry;

typedef struct pm_manifest_file_meta {
    const char *file_name;
    int64_t file_size;
    int64_t num_added_files;
    int64_t num_deleted_files;
    pm_simple_stats partition_stats;
    int64_t schema_id;
    bool has_bucket_range;
    int32_t min_bucket;
    int32_t max_bucket;
    bool has_level_range;
    int32_t min_level;
    int32_t max_level;
    bool has_row_id_range;
    int64_t min_row_id;
    int64_t max_row_id;
} pm_manifest_file_meta;

typedef struct pm_dv_range {
    const char *data_file;
    int32_t offset;
    int32_t length;
    bool has_cardinality;
    int64_t cardinality;
} pm_dv_range;

typedef struct pm_index_manifest_entry {
    int32_t kind;
    pm_bytes partition;
    int32_t bucket;
    const char *index_type; /* "DELETION_VECTORS", "HASH", ... */
    const char *file_name;
    int64_t file_size;
    int64_t row_count;
    const pm_dv_range *dv_ranges;
    size_t dv_range_count;
    bool has_dv_ranges;
    const char *external_path;
    /* raw encoding when present; not interpreted: one Avro datum of the current
     * record__GLOBAL_INDEX layout (PM_GLOBAL_INDEX_AVRO_SCHEMA in manifest_avro.h), whatever
     * layout the file used */
    pm_bytes global_index;
} pm_index_manifest_entry;

typedef struct pm_manifest_list {
    pm_arena arena;
    pm_manifest_file_meta *items;
    size_t count;
} pm_manifest_list;

typedef struct pm_manifest {
    pm_arena arena;
    pm_manifest_entry *items;
    size_t count;
} pm_manifest;

typedef struct pm_index_manifest {
    pm_arena arena;
    pm_index_manifest_entry *items;
    size_t count;
} pm_index_manifest;

/* Decoding from bytes (the whole file). `source` names the file in error messages. */
int pm_manifest_list_decode(const uint8_t *data, size_t len, const char *source,
                            pm_manifest_list *out, paimon_error *err);
int pm_manifest_decode(const uint8_t *data, size_t len, const char *source, pm_manifest *out,
                       paimon_error *err);
int pm_index_manifest_decode(const uint8_t *data, size_t len, const char *source,
                             pm_index_manifest *out, paimon_error *err);

/* Reading `<table>/manifest/<name>`. */
int pm_manifest_list_read(pm_fs *fs, const char *table_path, const char *name,
                          pm_manifest_list *out, paimon_error *err);
int pm_manifest_read(pm_fs *fs, const char *table_path, const char *name, pm_manifest *out,
                     paimon_error *err);
int pm_index_manifest_read(pm_fs *fs, const char *table_path, const char *name,
                           pm_index_manifest *out, paimon_error *err);

void pm_manifest_list_dispose(pm_manifest_list *l);
void pm_manifest_dispose(pm_manifest *m);
void pm_index_manifest_dispose(pm_index_manifest *m);

/* Encoding in the current Avro layout (spec 03 §3), codec zstandard unless `codec` says
 * otherwise ("null", "deflate", "snappy", "zstd"). */
int pm_manifest_encode(const pm_manifest_entry *entries, size_t count, const char *codec,
                       int zstd_level, pm_buf *out, paimon_error *err);
int pm_manifest_list_encode(const pm_manifest_file_meta *metas, size_t count, const char *codec,
                            int zstd_level, pm_buf *out, paimon_error *err);
int pm_index_manifest_encode(const pm_index_manifest_entry *entries, size_t count,
                             const char *codec, int zstd_level, pm_buf *out, paimon_error *err);

#endif
