/*
 * pk_table_builder.h - builds small primary-key tables on disk for merge tests, with our own
 * writers: schema-0, Avro data files (the primary-key layout of spec 05 §1), a manifest, a
 * manifest list and snapshot-1. Schema: key BIGINT NOT NULL (primary key), v STRING, n INT,
 * one bucket, file.format avro, plus the options a test passes.
 *
 * Header-only: include it in one test file.
 */
#ifndef PM_TEST_PK_TABLE_BUILDER_H
#define PM_TEST_PK_TABLE_BUILDER_H

#include "core/binary_row.h"
#include "core/manifest.h"
#include "format/avro/avro_data_writer.h"
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct tb_row {
    int64_t key;
    uint8_t kind; /* 0 +I, 1 -U, 2 +U, 3 -D */
    int64_t seq;
    const char *v; /* NULL = null */
    int32_t n;
    bool n_null;
} tb_row;

typedef struct tb_file {
    const tb_row *rows; /* sorted by key, one row per key within a file */
    size_t count;
    int32_t level;
} tb_file;

static int tb_write_text(const char *path, const char *text) {
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return -1;
    fputs(text, f);
    return fclose(f);
}

static int tb_write_bytes(const char *path, const uint8_t *data, size_t n) {
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return -1;
    size_t w = fwrite(data, 1, n, f);
    return fclose(f) == 0 && w == n ? 0 : -1;
}

/* The data file layout: _KEY_key, _SEQUENCE_NUMBER, _VALUE_KIND, key, v, n. */
static pm_field *tb_file_fields(void) {
    static pm_field fields[6];
    static bool init;
    if (!init) {
        const char *names[] = {"_KEY_key", "_SEQUENCE_NUMBER", "_VALUE_KIND", "key", "v", "n"};
        int32_t ids[] = {1073741823, 2147483646, 2147483645, 0, 1, 2};
        pm_type *types[] = {pm_type_new(PM_TYPE_BIGINT, false), pm_type_new(PM_TYPE_BIGINT, false),
                            pm_type_new(PM_TYPE_TINYINT, false), pm_type_new(PM_TYPE_BIGINT, false),
                            pm_type_new(PM_TYPE_VARCHAR, true), pm_type_new(PM_TYPE_INT, true)};
        for (int i = 0; i < 6; i++) {
            fields[i].id = ids[i];
            fields[i].name = (char *)names[i];
            fields[i].type = types[i];
        }
        init = true; /* kept for the life of the test process */
    }
    return fields;
}

static int tb_data_file(const tb_file *tf, const char *path, size_t *size_out) {
    paimon_error err = {0};
    pm_field *fields = tb_file_fields();
    pm_col cols[6];
    for (int i = 0; i < 6; i++)
        if (pm_col_init(&cols[i], fields[i].type, &err) != PAIMON_OK)
            return -1;
    for (size_t r = 0; r < tf->count; r++) {
        const tb_row *row = &tf->rows[r];
        pm_col_append_int(&cols[0], row->key);
        pm_col_append_int(&cols[1], row->seq);
        pm_col_append_int(&cols[2], row->kind);
        pm_col_append_int(&cols[3], row->key);
        if (row->v)
            pm_col_append_bytes(&cols[4], row->v, strlen(row->v));
        else
            pm_col_append_null(&cols[4]);
        if (row->n_null)
            pm_col_append_null(&cols[5]);
        else
            pm_col_append_int(&cols[5], row->n);
    }
    struct ArrowArray arrays[6], batch;
    for (int i = 0; i < 6; i++)
        pm_col_finish(&cols[i], &arrays[i], &err);
    pm_arrow_struct_from_children(arrays, 6, (int64_t)tf->count, &batch, &err);
    pm_avro_data_writer *w;
    pm_buf out = PM_BUF_INIT;
    int rc = pm_avro_data_writer_new(fields, 6, "zstd", 1, &w, &err);
    if (rc == PAIMON_OK)
        rc = pm_avro_data_writer_write(w, &batch, &err);
    if (rc == PAIMON_OK)
        rc = pm_avro_data_writer_finish(w, &out, &err);
    pm_avro_data_writer_free(w);
    batch.release(&batch);
    for (int i = 0; i < 6; i++)
        pm_col_dispose(&cols[i]);
    if (rc == PAIMON_OK)
        rc = tb_write_bytes(path, out.data, out.len);
    *size_out = out.len;
    pm_buf_dispose(&out);
    if (rc != PAIMON_OK)
        fprintf(stderr, "  data file: %s\n", err.message);
    return rc;
}

/* Serialized BinaryRow of one BIGINT key, allocated in the arena. */
static pm_bytes tb_key_row(pm_arena *arena, int64_t key) {
    pm_type *t = pm_type_new(PM_TYPE_BIGINT, false);
    const pm_type *types[1] = {t};
    pm_datum d = pm_datum_int(key);
    pm_buf b = PM_BUF_INIT;
    pm_binrow_encode(types, &d, 1, true, &b, NULL);
    pm_bytes out = {pm_arena_memdup(arena, b.data, b.len), b.len};
    pm_buf_dispose(&b);
    pm_type_free(t);
    return out;
}

/* Writes the files (named <prefix>-...-<i>.avro in bucket-0/), one manifest listing them and a
 * manifest list <list_name> pointing to it. */
static int tb_write_files(const char *dir, const char *prefix, const tb_file *files, size_t nfiles,
                          const char *list_name, int64_t *rows_out) {
    char path[4096];
    pm_arena arena;
    pm_arena_init(&arena, 4096);
    pm_manifest_entry *entries = calloc(nfiles ? nfiles : 1, sizeof *entries);
    int64_t total_rows = 0;
    int rc = PAIMON_OK;
    for (size_t f = 0; f < nfiles && rc == PAIMON_OK; f++) {
        char name[96];
        snprintf(name, sizeof name, "%s-00000000-0000-0000-0000-000000000000-%zu.avro", prefix, f);
        snprintf(path, sizeof path, "%s/bucket-0/%s", dir, name);
        size_t size = 0;
        if (tb_data_file(&files[f], path, &size) != 0) {
            rc = -1;
            break;
        }
        pm_manifest_entry *e = &entries[f];
        e->kind = PM_FILE_KIND_ADD;
        e->partition.data = PM_BINROW_EMPTY_SERIALIZED;
        e->partition.len = 12;
        e->bucket = 0;
        e->total_buckets = 1;
        pm_data_file_meta *m = &e->file;
        m->file_name = pm_arena_strdup(&arena, name);
        m->file_size = (int64_t)size;
        m->row_count = (int64_t)files[f].count;
        m->min_key = tb_key_row(&arena, files[f].rows[0].key);
        m->max_key = tb_key_row(&arena, files[f].rows[files[f].count - 1].key);
        pm_bytes empty = {PM_BINROW_EMPTY_SERIALIZED, 12};
        m->key_stats.min_values = m->key_stats.max_values = empty;
        m->value_stats.min_values = m->value_stats.max_values = empty;
        m->min_sequence_number = INT64_MAX;
        m->max_sequence_number = INT64_MIN;
        for (size_t r = 0; r < files[f].count; r++) {
            if (files[f].rows[r].seq < m->min_sequence_number)
                m->min_sequence_number = files[f].rows[r].seq;
            if (files[f].rows[r].seq > m->max_sequence_number)
                m->max_sequence_number = files[f].rows[r].seq;
        }
        m->level = files[f].level;
        m->extra_files.present = true;
        total_rows += m->row_count;
    }
    char manifest_name[128];
    snprintf(manifest_name, sizeof manifest_name, "manifest-%s", list_name);
    pm_buf buf = PM_BUF_INIT;
    if (rc == PAIMON_OK)
        rc = pm_manifest_encode(entries, nfiles, "zstd", 1, &buf, NULL);
    snprintf(path, sizeof path, "%s/manifest/%s", dir, manifest_name);
    if (rc == PAIMON_OK)
        rc = tb_write_bytes(path, buf.data, buf.len);
    pm_manifest_file_meta meta;
    memset(&meta, 0, sizeof meta);
    meta.file_name = manifest_name;
    meta.file_size = (int64_t)buf.len;
    meta.num_added_files = (int64_t)nfiles;
    pm_bytes empty = {PM_BINROW_EMPTY_SERIALIZED, 12};
    meta.partition_stats.min_values = meta.partition_stats.max_values = empty;
    pm_buf_clear(&buf);
    if (rc == PAIMON_OK)
        rc = pm_manifest_list_encode(&meta, 1, "zstd", 1, &buf, NULL);
    snprintf(path, sizeof path, "%s/manifest/%s", dir, list_name);
    if (rc == PAIMON_OK)
        rc = tb_write_bytes(path, buf.data, buf.len);
    pm_buf_dispose(&buf);
    free(entries);
    pm_arena_dispose(&arena);
    *rows_out = total_rows;
    return rc;
}

/* Creates the table in `dir` with `options` (extra JSON members, e.g. "\"merge-engine\" :
 * \"partial-update\"", or "") and one APPEND snapshot holding `files`, plus, when `changelog`
 * is not NULL, changelog files registered in the snapshot's changelog manifest list. Returns 0
 * on success. */
static int tb_create_with_changelog(const char *dir, const char *options, const tb_file *files,
                                    size_t nfiles, const tb_file *changelog, size_t nchangelog) {
    char path[4096];
    const char *subdirs[] = {"schema", "snapshot", "manifest", "bucket-0"};
    for (int i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, subdirs[i]);
        mkdir(path, 0755);
    }
    char schema[4096];
    snprintf(schema, sizeof schema,
             "{\n  \"version\" : 3,\n  \"id\" : 0,\n  \"fields\" : [ "
             "{ \"id\" : 0, \"name\" : \"key\", \"type\" : \"BIGINT NOT NULL\" }, "
             "{ \"id\" : 1, \"name\" : \"v\", \"type\" : \"STRING\" }, "
             "{ \"id\" : 2, \"name\" : \"n\", \"type\" : \"INT\" } ],\n"
             "  \"highestFieldId\" : 2,\n  \"partitionKeys\" : [ ],\n"
             "  \"primaryKeys\" : [ \"key\" ],\n  \"options\" : { \"bucket\" : \"1\", "
             "\"file.format\" : \"avro\"%s%s },\n  \"timeMillis\" : 0\n}",
             options[0] ? ", " : "", options);
    snprintf(path, sizeof path, "%s/schema/schema-0", dir);
    if (tb_write_text(path, schema) != 0)
        return -1;
    int64_t rows = 0, changelog_rows = 0;
    if (tb_write_files(dir, "data", files, nfiles, "manifest-list-tb-delta", &rows) != 0 ||
        tb_write_files(dir, "data", NULL, 0, "manifest-list-tb-base", &changelog_rows) != 0)
        return -1;
    char changelog_member[256] = "";
    if (changelog != NULL) {
        if (tb_write_files(dir, "changelog", changelog, nchangelog, "manifest-list-tb-changelog",
                           &changelog_rows) != 0)
            return -1;
        snprintf(changelog_member, sizeof changelog_member,
                 "  \"changelogManifestList\" : \"manifest-list-tb-changelog\",\n"
                 "  \"changelogRecordCount\" : %lld,\n",
                 (long long)changelog_rows);
    }
    char snapshot[2048];
    snprintf(snapshot, sizeof snapshot,
             "{\n  \"version\" : 3,\n  \"id\" : 1,\n  \"schemaId\" : 0,\n"
             "  \"baseManifestList\" : \"manifest-list-tb-base\",\n"
             "  \"deltaManifestList\" : \"manifest-list-tb-delta\",\n%s"
             "  \"commitUser\" : \"test\",\n  \"commitIdentifier\" : 1,\n"
             "  \"commitKind\" : \"APPEND\",\n  \"timeMillis\" : 1,\n"
             "  \"totalRecordCount\" : %lld,\n  \"deltaRecordCount\" : %lld\n}",
             changelog_member, (long long)rows, (long long)rows);
    snprintf(path, sizeof path, "%s/snapshot/snapshot-1", dir);
    if (tb_write_text(path, snapshot) != 0)
        return -1;
    snprintf(path, sizeof path, "%s/snapshot/LATEST", dir);
    return tb_write_text(path, "1");
}

static int tb_create(const char *dir, const char *options, const tb_file *files, size_t nfiles) {
    return tb_create_with_changelog(dir, options, files, nfiles, NULL, 0);
}

/* Reads the table (a scan, or the changes of all snapshots) and renders its rows as sorted JSON
 * lines joined by '\n' (malloc'ed), or "ERROR: <message>". */
static char *tb_read(const char *dir, const char *filter, bool changes) {
    paimon_error err = {0};
    paimon_table *t;
    char *result = NULL;
    if (paimon_table_open(&t, dir, &err) != PAIMON_OK)
        goto failed;
    paimon_scan_options o = PAIMON_SCAN_OPTIONS_INIT;
    o.filter = filter;
    o.batch_rows = 2; /* several output batches even for tiny tables */
    paimon_changes_options co = PAIMON_CHANGES_OPTIONS_INIT;
    co.filter = filter;
    co.batch_rows = 2;
    struct ArrowArrayStream s;
    if ((changes ? paimon_table_changes(t, &co, &s, &err) : paimon_table_scan(t, &o, &s, &err)) !=
        PAIMON_OK) {
        paimon_table_free(t);
        goto failed;
    }
    struct ArrowSchema schema;
    s.get_schema(&s, &schema);
    paimon_row_formatter *f;
    paimon_row_formatter_new(&schema, PAIMON_STYLE_JSON, &f, &err);
    char **rows = NULL;
    size_t n = 0;
    for (;;) {
        struct ArrowArray b;
        if (s.get_next(&s, &b) != 0) {
            snprintf(err.message, sizeof err.message, "%s", s.get_last_error(&s));
            for (size_t i = 0; i < n; i++)
                free(rows[i]);
            free(rows);
            rows = NULL;
            n = (size_t)-1;
            break;
        }
        if (b.release == NULL)
            break;
        for (int64_t r = 0; r < b.length; r++) {
            rows = realloc(rows, (n + 1) * sizeof *rows);
            rows[n++] = strdup(paimon_row_formatter_row_json(f, &b, r, NULL));
        }
        b.release(&b);
    }
    paimon_row_formatter_free(f);
    schema.release(&schema);
    s.release(&s);
    paimon_table_free(t);
    if (n == (size_t)-1)
        goto failed;
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(rows[i]) + 1;
    result = calloc(1, len);
    for (size_t i = 0; i < n; i++) {
        for (size_t j = i + 1; j < n; j++) {
            if (strcmp(rows[j], rows[i]) < 0) {
                char *tmp = rows[i];
                rows[i] = rows[j];
                rows[j] = tmp;
            }
        }
        strcat(result, rows[i]);
        if (i + 1 < n)
            strcat(result, "\n");
        free(rows[i]);
    }
    free(rows);
    return result;
failed:
    result = malloc(strlen(err.message) + 8);
    sprintf(result, "ERROR: %s", err.message);
    return result;
}

static char *tb_scan(const char *dir, const char *filter) { return tb_read(dir, filter, false); }
static char *tb_changes(const char *dir) { return tb_read(dir, NULL, true); }

#endif
