/*
 * bench_table.c - the metadata of a benchmark table (see bench_table.h). Statistics follow
 * `metadata.stats-mode = none`: value statistics cover no column (`_VALUE_STATS_COLS = []`);
 * primary-key files carry their key bounds, key statistics and sequence ranges as Java writes
 * them for level-0 files.
 */
#include "bench_table.h"

#include "core/binary_row.h"
#include "core/manifest.h"
#include "core/schema.h"
#include "core/snapshot.h"
#include "io/fs.h"
#include "util/buf.h"
#include "util/mem.h"
#include "util/uuid.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static char file_uuid[PM_UUID_STR_LEN + 1];

int bench_data_file_name(char *out, size_t cap, int index, const char *format,
                         paimon_error *err) {
    if (file_uuid[0] == '\0')
        PM_TRY(pm_uuid_v4(file_uuid, err));
    snprintf(out, cap, "data-%s-%d.%s", file_uuid, index, format);
    return PAIMON_OK;
}

static int64_t now_millis(void) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int write_schema(pm_fs *fs, const bench_table_spec *spec, paimon_error *err) {
    pm_buf json = PM_BUF_INIT;
    int rc = pm_buf_append_fmt(
        &json,
        "{\"version\":3,\"id\":0,\"fields\":%s,\"highestFieldId\":%d,\"partitionKeys\":[],"
        "\"primaryKeys\":[%s%s%s],\"options\":{\"bucket\":\"%s\",\"file.format\":\"%s\","
        "\"file.compression\":\"zstd\",\"metadata.stats-mode\":\"none\"},\"timeMillis\":%lld}",
        spec->fields_json, spec->highest_field_id, spec->primary_key ? "\"" : "",
        spec->primary_key ? spec->primary_key : "", spec->primary_key ? "\"" : "",
        spec->primary_key ? "1" : "-1", spec->format, (long long)now_millis());
    if (rc != PAIMON_OK)
        return pm_err_nomem(err);
    pm_schema *s;
    rc = pm_schema_parse((const char *)json.data, json.len, "schema-0", &s, err);
    pm_buf_dispose(&json);
    PM_TRY(rc);
    rc = pm_schema_commit(fs, spec->path, s, err);
    pm_schema_free(s);
    return rc;
}

/* A one-field BinaryRow (manifest form) holding a BIGINT. */
static int key_row(int64_t v, pm_buf *out, paimon_error *err) {
    pm_type *t = pm_type_new(PM_TYPE_BIGINT, false);
    if (t == NULL)
        return pm_err_nomem(err);
    pm_datum d = pm_datum_null();
    d.is_null = false;
    d.v.i = v;
    const pm_type *types[1] = {t};
    int rc = pm_binrow_encode(types, &d, 1, true, out, err);
    pm_type_free(t);
    return rc;
}

static int write_meta_file(pm_fs *fs, const char *table, const char *name, const pm_buf *data,
                           paimon_error *err) {
    pm_buf path = PM_BUF_INIT;
    int rc = pm_buf_append_fmt(&path, "%s/manifest", table) == PAIMON_OK ? PAIMON_OK
                                                                         : pm_err_nomem(err);
    if (rc == PAIMON_OK)
        rc = pm_fs_mkdirs(fs, pm_buf_cstr(&path), err);
    if (rc == PAIMON_OK)
        rc = pm_buf_append_fmt(&path, "/%s", name) == PAIMON_OK ? PAIMON_OK : pm_err_nomem(err);
    if (rc == PAIMON_OK)
        rc = pm_fs_write_file(fs, pm_buf_cstr(&path), data->data, data->len,
                              PM_WRITE_NO_REPLACE, err);
    pm_buf_dispose(&path);
    return rc;
}

typedef struct entries {
    pm_manifest_entry *items;
    pm_buf *rows; /* per file: min key, max key (PK tables) */
} entries;

static int build_entries(const bench_table_spec *spec, const bench_file *files, size_t count,
                         entries *e, paimon_error *err) {
    static const int64_t zero_count[1] = {0};
    static const bool present[1] = {true};
    static const char *no_cols[1] = {NULL};
    e->items = pm_calloc(count ? count : 1, sizeof *e->items);
    e->rows = pm_calloc(2 * count + 1, sizeof *e->rows);
    if (e->items == NULL || e->rows == NULL)
        return pm_err_nomem(err);
    const pm_bytes empty = {PM_BINROW_EMPTY_SERIALIZED, sizeof PM_BINROW_EMPTY_SERIALIZED};
    int64_t created = now_millis() + 0; /* local wall clock as UTC, UTC here */
    int64_t seq = 0;
    for (size_t i = 0; i < count; i++) {
        pm_manifest_entry *m = &e->items[i];
        pm_data_file_meta *f = &m->file;
        m->kind = PM_FILE_KIND_ADD;
        m->partition = empty;
        m->bucket = 0;
        m->total_buckets = spec->primary_key ? 1 : -1;
        f->file_name = files[i].name;
        f->file_size = files[i].size_bytes;
        f->row_count = files[i].row_count;
        f->min_key = f->max_key = empty;
        f->key_stats.min_values = f->key_stats.max_values = empty;
        f->key_stats.has_null_counts = true;
        f->value_stats.min_values = f->value_stats.max_values = empty;
        f->value_stats.has_null_counts = true;
        f->value_stats_cols = (pm_string_list){no_cols, 0, true};
        if (spec->primary_key != NULL) {
            PM_TRY(key_row(files[i].min_key, &e->rows[2 * i], err));
            PM_TRY(key_row(files[i].max_key, &e->rows[2 * i + 1], err));
            f->min_key = (pm_bytes){e->rows[2 * i].data, e->rows[2 * i].len};
            f->max_key = (pm_bytes){e->rows[2 * i + 1].data, e->rows[2 * i + 1].len};
            f->key_stats.min_values = f->min_key;
            f->key_stats.max_values = f->max_key;
            f->key_stats.null_counts = zero_count;
            f->key_stats.null_count_present = present;
            f->key_stats.null_count_len = 1;
            f->min_sequence_number = files[i].min_seq;
            f->max_sequence_number = files[i].max_seq;
        } else {
            f->min_sequence_number = seq;
            f->max_sequence_number = seq + files[i].row_count - 1;
            seq += files[i].row_count;
        }
        f->schema_id = 0;
        f->level = 0;
        f->extra_files = (pm_string_list){NULL, 0, true};
        f->has_creation_time = true;
        f->creation_time_millis = created;
        f->has_delete_row_count = true;
        f->delete_row_count = 0;
        f->has_file_source = true;
        f->file_source = PM_FILE_SOURCE_APPEND;
    }
    return PAIMON_OK;
}

static void entries_dispose(entries *e, size_t count) {
    for (size_t i = 0; e->rows != NULL && i < 2 * count; i++)
        pm_buf_dispose(&e->rows[i]);
    pm_free(e->rows);
    pm_free(e->items);
}

static int write_manifests(pm_fs *fs, const bench_table_spec *spec, const bench_file *files,
                           size_t count, pm_snapshot *snap, paimon_error *err) {
    char uuid[PM_UUID_STR_LEN + 1], list_uuid[PM_UUID_STR_LEN + 1];
    PM_TRY(pm_uuid_v4(uuid, err));
    PM_TRY(pm_uuid_v4(list_uuid, err));
    char manifest_name[80], base_name[96], delta_name[96];
    snprintf(manifest_name, sizeof manifest_name, "manifest-%s-0", uuid);
    snprintf(base_name, sizeof base_name, "manifest-list-%s-0", list_uuid);
    snprintf(delta_name, sizeof delta_name, "manifest-list-%s-1", list_uuid);
    entries e = {NULL, NULL};
    pm_buf manifest = PM_BUF_INIT, base = PM_BUF_INIT, delta = PM_BUF_INIT;
    int rc = build_entries(spec, files, count, &e, err);
    if (rc == PAIMON_OK)
        rc = pm_manifest_encode(e.items, count, "zstd", 1, &manifest, err);
    if (rc == PAIMON_OK)
        rc = write_meta_file(fs, spec->path, manifest_name, &manifest, err);
    pm_manifest_file_meta meta;
    memset(&meta, 0, sizeof meta);
    meta.file_name = manifest_name;
    meta.file_size = (int64_t)manifest.len;
    meta.num_added_files = (int64_t)count;
    meta.partition_stats.min_values = meta.partition_stats.max_values =
        (pm_bytes){PM_BINROW_EMPTY_SERIALIZED, sizeof PM_BINROW_EMPTY_SERIALIZED};
    meta.partition_stats.has_null_counts = true;
    meta.has_bucket_range = meta.has_level_range = true;
    if (rc == PAIMON_OK)
        rc = pm_manifest_list_encode(NULL, 0, "zstd", 1, &base, err);
    if (rc == PAIMON_OK)
        rc = write_meta_file(fs, spec->path, base_name, &base, err);
    if (rc == PAIMON_OK)
        rc = pm_manifest_list_encode(&meta, 1, "zstd", 1, &delta, err);
    if (rc == PAIMON_OK)
        rc = write_meta_file(fs, spec->path, delta_name, &delta, err);
    if (rc == PAIMON_OK) {
        snap->base_manifest_list = pm_strdup(base_name);
        snap->delta_manifest_list = pm_strdup(delta_name);
        snap->has_base_manifest_list_size = snap->has_delta_manifest_list_size = true;
        snap->base_manifest_list_size = (int64_t)base.len;
        snap->delta_manifest_list_size = (int64_t)delta.len;
        if (snap->base_manifest_list == NULL || snap->delta_manifest_list == NULL)
            rc = pm_err_nomem(err);
    }
    entries_dispose(&e, count);
    pm_buf_dispose(&manifest);
    pm_buf_dispose(&base);
    pm_buf_dispose(&delta);
    return rc;
}

int bench_table_commit(const bench_table_spec *spec, const bench_file *files, size_t count,
                       paimon_error *err) {
    pm_fs *fs;
    PM_TRY(pm_fs_local_new(&fs, err));
    pm_snapshot *snap = pm_calloc(1, sizeof *snap);
    char user[PM_UUID_STR_LEN + 1];
    int rc = snap != NULL ? PAIMON_OK : pm_err_nomem(err);
    if (rc == PAIMON_OK)
        rc = write_schema(fs, spec, err);
    if (rc == PAIMON_OK)
        rc = write_manifests(fs, spec, files, count, snap, err);
    if (rc == PAIMON_OK)
        rc = pm_uuid_v4(user, err);
    if (rc == PAIMON_OK) {
        int64_t rows = 0;
        for (size_t i = 0; i < count; i++)
            rows += files[i].row_count;
        snap->version = 3;
        snap->id = 1;
        snap->schema_id = 0;
        snap->commit_user = pm_strdup(user);
        snap->commit_identifier = INT64_MAX; /* a batch commit, as Java's batch writes */
        snap->commit_kind = PM_COMMIT_APPEND;
        snap->time_millis = now_millis();
        snap->has_total_record_count = snap->has_delta_record_count = true;
        snap->has_changelog_record_count = true;
        snap->total_record_count = snap->delta_record_count = rows;
        snap->changelog_record_count = 0;
        rc = snap->commit_user != NULL ? pm_snapshot_commit(fs, spec->path, snap, err)
                                       : pm_err_nomem(err);
    }
    pm_snapshot_free(snap);
    pm_fs_release(fs);
    return rc;
}
