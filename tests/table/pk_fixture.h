/*
 * pk_fixture.h - writes small primary-key tables for merge-on-read tests: one bucket, level-0
 * ORC files (one per sorted run) with the key-value layout of spec 05 (_KEY_k,
 * _SEQUENCE_NUMBER, _VALUE_KIND, k, v, s), key bounds and sequence ranges in the manifest, and
 * snapshot 1. Column s holds "s<seq>", so a read tells which record won.
 */
#ifndef PM_TEST_PK_FIXTURE_H
#define PM_TEST_PK_FIXTURE_H

#include "core/binary_row.h"
#include "core/manifest.h"
#include "core/schema.h"
#include "core/snapshot.h"
#include "format/orc/orc.h"
#include "io/fs.h"
#include "util/mem.h"

#include <stdio.h>
#include <string.h>

typedef struct pkf_rec {
    int64_t key;
    bool key_null;
    int64_t seq;
    uint8_t kind; /* 0 +I, 1 -U, 2 +U, 3 -D */
    int32_t v;
    bool v_null;
} pkf_rec;

typedef struct pkf_file {
    const pkf_rec *recs; /* sorted by (key, seq), nulls first */
    size_t count;
} pkf_file;

/* STRING keys are the number, zero-padded (so that text order is number order). */
static bool pkf_string_key(const char *key_type) { return strncmp(key_type, "STRING", 6) == 0; }

static int pkf_append_key(pm_col *c, const char *key_type, const pkf_rec *r) {
    if (r->key_null)
        return pm_col_append_null(c);
    if (pkf_string_key(key_type)) {
        char text[32];
        int n = snprintf(text, sizeof text, "%020lld", (long long)r->key);
        return pm_col_append_bytes(c, text, (size_t)n);
    }
    return pm_col_append_int(c, r->key); /* raw units for TIMESTAMP columns */
}

static int pkf_key_row(const pm_type *t, const char *key_type, const pkf_rec *r, pm_buf *out,
                       paimon_error *err) {
    char text[32];
    pm_datum d = pm_datum_null();
    if (!r->key_null && pkf_string_key(key_type)) {
        int n = snprintf(text, sizeof text, "%020lld", (long long)r->key);
        d = pm_datum_bytes(text, (size_t)n);
    } else if (!r->key_null && (t->id == PM_TYPE_TIMESTAMP || t->id == PM_TYPE_TIMESTAMP_LTZ)) {
        d.is_null = false;
        d.v.ts.millis = r->key;
        d.v.ts.nanos = 0;
    } else if (!r->key_null) {
        d = pm_datum_int(r->key);
    }
    const pm_type *types[1] = {t};
    return pm_binrow_encode(types, &d, 1, true, out, err);
}

static int pkf_write_file(pm_fs *fs, const char *path, const char *key_type, const pkf_file *f,
                          paimon_error *err) {
    static const char *const names[6] = {"_KEY_k", "_SEQUENCE_NUMBER", "_VALUE_KIND",
                                         "k",      "v",                "s"};
    const char *types[6] = {key_type, "BIGINT NOT NULL", "TINYINT NOT NULL", key_type, "INT",
                            "STRING"};
    const int32_t ids[6] = {1073741823, 2147483646, 2147483645, 0, 1, 2};
    pm_field fields[6];
    pm_col cols[6];
    memset(fields, 0, sizeof fields);
    memset(cols, 0, sizeof cols);
    int rc = PAIMON_OK;
    for (int i = 0; i < 6 && rc == PAIMON_OK; i++) {
        fields[i].id = ids[i];
        fields[i].name = pm_strdup(names[i]);
        rc = pm_type_parse(types[i], &fields[i].type, err);
        if (rc == PAIMON_OK)
            rc = pm_col_init(&cols[i], fields[i].type, err);
    }
    for (size_t r = 0; r < f->count && rc == PAIMON_OK; r++) {
        const pkf_rec *x = &f->recs[r];
        char s[32];
        int n = snprintf(s, sizeof s, "s%lld", (long long)x->seq);
        if (pkf_append_key(&cols[0], key_type, x) || pm_col_append_int(&cols[1], x->seq) ||
            pm_col_append_int(&cols[2], x->kind) || pkf_append_key(&cols[3], key_type, x) ||
            (x->v_null ? pm_col_append_null(&cols[4]) : pm_col_append_int(&cols[4], x->v)) ||
            pm_col_append_bytes(&cols[5], s, (size_t)n))
            rc = pm_err_nomem(err);
    }
    struct ArrowArray arrays[6], batch;
    int made = 0;
    for (; made < 6 && rc == PAIMON_OK; made++)
        rc = pm_col_finish(&cols[made], &arrays[made], err);
    if (rc == PAIMON_OK) {
        rc = pm_arrow_struct_from_children(arrays, 6, (int64_t)f->count, &batch, err);
    } else {
        for (int i = 0; i + 1 < made; i++)
            arrays[i].release(&arrays[i]);
    }
    pm_orc_write_options o = {PM_CODEC_ZSTD, 1, 0, 0, false, true};
    pm_orc_writer *w = NULL;
    pm_buf out = PM_BUF_INIT;
    if (rc == PAIMON_OK) {
        rc = pm_orc_writer_new(fields, 6, &o, &w, err);
        if (rc == PAIMON_OK)
            rc = pm_orc_writer_write(w, &batch, err);
        if (rc == PAIMON_OK)
            rc = pm_orc_writer_finish(w, &out, err);
        if (rc == PAIMON_OK)
            rc = pm_fs_write_file(fs, path, out.data, out.len, PM_WRITE_REPLACE, err);
        batch.release(&batch);
    }
    pm_orc_writer_free(w);
    pm_buf_dispose(&out);
    for (int i = 0; i < 6; i++) {
        pm_col_dispose(&cols[i]);
        pm_field_dispose(&fields[i]);
    }
    return rc;
}

/* Writes the table at `dir`. `key_type` is the type of key column k (e.g. "BIGINT NOT NULL");
 * `options` extra schema options as JSON members (e.g. "\"ignore-delete\":\"true\"") or "". */
static int pkf_write_table(const char *dir, const char *key_type, const char *options,
                           const pkf_file *files, size_t n, paimon_error *err) {
    pm_fs *fs;
    PM_TRY(pm_fs_local_new(&fs, err));
    pm_buf path = PM_BUF_INIT, json = PM_BUF_INIT, manifest = PM_BUF_INIT, base = PM_BUF_INIT,
           delta = PM_BUF_INIT;
    pm_buf *rows = pm_calloc(2 * n + 1, sizeof *rows);
    pm_manifest_entry *entries = pm_calloc(n + 1, sizeof *entries);
    char (*names)[32] = pm_calloc(n + 1, sizeof *names);
    pm_type *kt = NULL;
    pm_schema *schema = NULL;
    int rc = rows && entries && names ? PAIMON_OK : pm_err_nomem(err);
    if (rc == PAIMON_OK)
        rc = pm_type_parse(key_type, &kt, err);
    if (rc == PAIMON_OK) {
        pm_buf_append_fmt(&path, "%s/bucket-0", dir);
        rc = pm_fs_mkdirs(fs, pm_buf_cstr(&path), err);
    }
    static const int64_t zero[1] = {0};
    static const bool present[1] = {true};
    const pm_bytes empty = {PM_BINROW_EMPTY_SERIALIZED, sizeof PM_BINROW_EMPTY_SERIALIZED};
    int64_t records = 0;
    for (size_t i = 0; i < n && rc == PAIMON_OK; i++) {
        const pkf_file *f = &files[i];
        snprintf(names[i], sizeof names[i], "data-%zu.orc", i);
        path.len = 0;
        pm_buf_append_fmt(&path, "%s/bucket-0/%s", dir, names[i]);
        rc = pkf_write_file(fs, pm_buf_cstr(&path), key_type, f, err);
        if (rc == PAIMON_OK)
            rc = pkf_key_row(kt, key_type, &f->recs[0], &rows[2 * i], err);
        if (rc == PAIMON_OK)
            rc = pkf_key_row(kt, key_type, &f->recs[f->count - 1], &rows[2 * i + 1], err);
        pm_file_info info;
        if (rc == PAIMON_OK)
            rc = pm_fs_stat(fs, pm_buf_cstr(&path), &info, err);
        if (rc != PAIMON_OK)
            break;
        int64_t min_seq = INT64_MAX, max_seq = INT64_MIN;
        for (size_t r = 0; r < f->count; r++) {
            min_seq = f->recs[r].seq < min_seq ? f->recs[r].seq : min_seq;
            max_seq = f->recs[r].seq > max_seq ? f->recs[r].seq : max_seq;
        }
        records += (int64_t)f->count;
        pm_manifest_entry *e = &entries[i];
        e->partition = empty;
        e->total_buckets = 1;
        pm_data_file_meta *m = &e->file;
        m->file_name = names[i];
        m->file_size = (int64_t)info.size;
        m->row_count = (int64_t)f->count;
        m->min_key = (pm_bytes){rows[2 * i].data, rows[2 * i].len};
        m->max_key = (pm_bytes){rows[2 * i + 1].data, rows[2 * i + 1].len};
        m->key_stats.min_values = m->min_key;
        m->key_stats.max_values = m->max_key;
        m->key_stats.has_null_counts = true;
        m->key_stats.null_counts = zero;
        m->key_stats.null_count_present = present;
        m->key_stats.null_count_len = 1;
        m->value_stats.min_values = m->value_stats.max_values = empty;
        m->value_stats.has_null_counts = true;
        m->value_stats_cols = (pm_string_list){NULL, 0, true};
        m->min_sequence_number = min_seq;
        m->max_sequence_number = max_seq;
        m->extra_files = (pm_string_list){NULL, 0, true};
    }
    if (rc == PAIMON_OK) {
        pm_buf_append_fmt(&json,
                          "{\"version\":3,\"id\":0,\"fields\":[{\"id\":0,\"name\":\"k\",\"type\":"
                          "\"%s\"},{\"id\":1,\"name\":\"v\",\"type\":\"INT\"},{\"id\":2,\"name\":"
                          "\"s\",\"type\":\"STRING\"}],\"highestFieldId\":2,\"partitionKeys\":[],"
                          "\"primaryKeys\":[\"k\"],\"options\":{\"bucket\":\"1\",\"file.format\":"
                          "\"orc\"%s%s},\"timeMillis\":1}",
                          key_type, options[0] ? "," : "", options);
        rc = pm_schema_parse((const char *)json.data, json.len, "schema-0", &schema, err);
    }
    if (rc == PAIMON_OK)
        rc = pm_schema_commit(fs, dir, schema, err);
    if (rc == PAIMON_OK)
        rc = pm_manifest_encode(entries, n, NULL, 1, &manifest, err);
    pm_manifest_file_meta meta;
    memset(&meta, 0, sizeof meta);
    meta.file_name = "manifest-0";
    meta.file_size = (int64_t)manifest.len;
    meta.num_added_files = (int64_t)n;
    meta.partition_stats.min_values = meta.partition_stats.max_values = empty;
    meta.partition_stats.has_null_counts = true;
    if (rc == PAIMON_OK)
        rc = pm_manifest_list_encode(NULL, 0, NULL, 1, &base, err);
    if (rc == PAIMON_OK)
        rc = pm_manifest_list_encode(&meta, 1, NULL, 1, &delta, err);
    const char *meta_names[3] = {"manifest-0", "manifest-list-0", "manifest-list-1"};
    const pm_buf *meta_data[3] = {&manifest, &base, &delta};
    for (int i = 0; i < 3 && rc == PAIMON_OK; i++) {
        path.len = 0;
        pm_buf_append_fmt(&path, "%s/manifest", dir);
        rc = pm_fs_mkdirs(fs, pm_buf_cstr(&path), err);
        pm_buf_append_fmt(&path, "/%s", meta_names[i]);
        if (rc == PAIMON_OK)
            rc = pm_fs_write_file(fs, pm_buf_cstr(&path), meta_data[i]->data, meta_data[i]->len,
                                  PM_WRITE_REPLACE, err);
    }
    if (rc == PAIMON_OK) {
        pm_snapshot snap;
        memset(&snap, 0, sizeof snap);
        snap.version = 3;
        snap.id = 1;
        snap.base_manifest_list = (char *)meta_names[1];
        snap.delta_manifest_list = (char *)meta_names[2];
        snap.commit_user = (char *)"test";
        snap.commit_identifier = 1;
        snap.time_millis = 1;
        snap.has_total_record_count = true;
        snap.total_record_count = records;
        rc = pm_snapshot_commit(fs, dir, &snap, err);
    }
    for (size_t i = 0; rows != NULL && i < 2 * n; i++)
        pm_buf_dispose(&rows[i]);
    pm_free(rows);
    pm_free(entries);
    pm_free(names);
    pm_type_free(kt);
    pm_schema_free(schema);
    pm_buf_dispose(&path);
    pm_buf_dispose(&json);
    pm_buf_dispose(&manifest);
    pm_buf_dispose(&base);
    pm_buf_dispose(&delta);
    pm_fs_release(fs);
    return rc;
}

#endif
