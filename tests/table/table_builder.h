/*
 * table_builder.h - builds tables with several snapshots, partitions, buckets, branches and tags
 * for tests, with our own writers (extends pk_table_builder.h: its columns, row literals and
 * Avro data files).
 *
 * A table has columns (tb_column), optionally one partition column, and is either an append
 * table or a primary-key table whose key is the first column (plus the partition column, as
 * Paimon requires). Each commit writes its data files into the table directory
 * (<partition>/bucket-<n>/), a delta manifest and a base manifest listing the files live before
 * it, and snapshot-<id> into the snapshot/ folder of its branch: the table directory for main,
 * branch/branch-<name>/ otherwise, as Java lays branches out (spec 00). Schemas and tags also go
 * to the branch's folder.
 *
 * Header-only (static functions); every function returns 0 on success.
 */
#ifndef PM_TEST_TABLE_BUILDER_H
#define PM_TEST_TABLE_BUILDER_H

#include "pk_table_builder.h"

#define BT_MAX_BRANCHES 4

typedef struct bt_file {
    const char *partition; /* literal of the partition column; NULL when unpartitioned */
    int32_t bucket;
    int32_t level;
    const tb_xrow *rows; /* all columns; primary-key tables: sorted by key */
    size_t count;
    int64_t creation_millis; /* wall clock (as if UTC); 0: 1000 */
    int32_t file_source;     /* 0 APPEND (default), 1 COMPACT, -1 not recorded */
} bt_file;

typedef struct bt_branch {
    char name[64];
    int64_t snapshots; /* committed so far */
    int64_t schema_id; /* the latest schema written */
    pm_manifest_entry *live;
    size_t live_count;
} bt_branch;

typedef struct bt_table {
    char dir[2048];
    char prefix[16]; /* of file names: two builders may write one table (e.g. an append main
                        branch and a primary-key branch) */
    tb_table t;
    long partition; /* column index, or -1 */
    bool primary_key;
    size_t orc_stripe_rows; /* 0: Avro data files; else ORC with stripes of this many rows */
    int files_written;
    int lists_written;
    bt_branch branches[BT_MAX_BRANCHES];
    size_t branch_count;
    pm_arena arena; /* entries, names, partition rows */
} bt_table;

static TB_UNUSED void bt_dispose(bt_table *b) {
    for (size_t i = 0; b->t.types != NULL && i < b->t.count; i++)
        pm_type_free(b->t.types[i]);
    free(b->t.types);
    for (size_t i = 0; i < b->branch_count; i++)
        free(b->branches[i].live);
    pm_arena_dispose(&b->arena);
    memset(b, 0, sizeof *b);
}

static TB_UNUSED int bt_init(bt_table *b, const char *dir, const tb_column *columns,
                             size_t ncolumns, const char *partition, bool primary_key) {
    memset(b, 0, sizeof *b);
    snprintf(b->dir, sizeof b->dir, "%s", dir);
    snprintf(b->prefix, sizeof b->prefix, "bt");
    pm_arena_init(&b->arena, 1 << 14);
    b->t.columns = columns;
    b->t.count = ncolumns;
    b->t.types = calloc(ncolumns, sizeof(pm_type *));
    b->partition = -1;
    b->primary_key = primary_key;
    int rc = b->t.types != NULL ? 0 : -1;
    for (size_t i = 0; i < ncolumns && rc == 0; i++) {
        paimon_error err = {0};
        rc = pm_type_parse(columns[i].type, &b->t.types[i], &err);
        if (partition != NULL && strcmp(columns[i].name, partition) == 0)
            b->partition = (long)i;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/manifest", dir);
    mkdir(path, 0755);
    return rc;
}

/* The folder of a branch's metadata (NULL or "main": the table directory). */
static void bt_branch_dir(const bt_table *b, const char *branch, char *out, size_t cap) {
    if (branch == NULL || strcmp(branch, "main") == 0)
        snprintf(out, cap, "%s", b->dir);
    else
        snprintf(out, cap, "%s/branch/branch-%s", b->dir, branch);
}

static bt_branch *bt_branch_of(bt_table *b, const char *branch) {
    const char *name = branch != NULL ? branch : "main";
    for (size_t i = 0; i < b->branch_count; i++) {
        if (strcmp(b->branches[i].name, name) == 0)
            return &b->branches[i];
    }
    if (b->branch_count >= BT_MAX_BRANCHES)
        return NULL;
    bt_branch *br = &b->branches[b->branch_count++];
    memset(br, 0, sizeof *br);
    snprintf(br->name, sizeof br->name, "%s", name);
    return br;
}

static void bt_mkdirs(const char *path) {
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s", path);
    for (char *p = tmp + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            mkdir(tmp, 0755);
            *p = '/';
        }
    }
    mkdir(tmp, 0755);
}

/* Writes schema-<id> of `branch` with the table's columns and `options` (JSON members, e.g.
 * "\"bucket\" : \"2\"", or ""). */
static TB_UNUSED int bt_schema(bt_table *b, const char *branch, int64_t id, const char *options) {
    bt_branch *br = bt_branch_of(b, branch);
    if (br == NULL)
        return -1;
    char dir[4096], path[4200], fields[4096] = "", keys[256] = "", pks[256] = "";
    bt_branch_dir(b, branch, dir, sizeof dir);
    snprintf(path, sizeof path, "%s/schema", dir);
    bt_mkdirs(path);
    for (size_t i = 0; i < b->t.count; i++) {
        size_t at = strlen(fields);
        snprintf(fields + at, sizeof fields - at,
                 "%s{ \"id\" : %zu, \"name\" : \"%s\", \"type\" : \"%s\" }", i ? ", " : "", i,
                 b->t.columns[i].name, b->t.columns[i].type);
    }
    if (b->partition >= 0)
        snprintf(keys, sizeof keys, "\"%s\"", b->t.columns[b->partition].name);
    if (b->primary_key && b->partition >= 0)
        snprintf(pks, sizeof pks, "\"%s\", \"%s\"", b->t.columns[b->partition].name,
                 b->t.columns[0].name);
    else if (b->primary_key)
        snprintf(pks, sizeof pks, "\"%s\"", b->t.columns[0].name);
    char schema[8192];
    snprintf(schema, sizeof schema,
             "{\n  \"version\" : 3,\n  \"id\" : %lld,\n  \"fields\" : [ %s ],\n"
             "  \"highestFieldId\" : %zu,\n  \"partitionKeys\" : [ %s ],\n"
             "  \"primaryKeys\" : [ %s ],\n  \"options\" : { \"file.format\" : \"avro\"%s%s },\n"
             "  \"timeMillis\" : 0\n}",
             (long long)id, fields, b->t.count - 1, keys, pks, options[0] ? ", " : "", options);
    snprintf(path, sizeof path, "%s/schema/schema-%lld", dir, (long long)id);
    if (id > br->schema_id)
        br->schema_id = id;
    return tb_write_text(path, schema);
}

/* The serialized BinaryRow of a file's partition (arena) and its folder name. */
static int bt_partition(bt_table *b, const char *literal, pm_bytes *row, char *folder,
                        size_t cap) {
    folder[0] = '\0';
    if (b->partition < 0) {
        *row = (pm_bytes){PM_BINROW_EMPTY_SERIALIZED, 12};
        return 0;
    }
    const pm_type *type = b->t.types[b->partition];
    pm_datum d = pm_datum_null();
    int64_t v = 0;
    if (type->id == PM_TYPE_VARCHAR || type->id == PM_TYPE_CHAR)
        d = pm_datum_bytes(literal, strlen(literal));
    else if (pm_parse_i64(literal, strlen(literal), &v))
        d = pm_datum_int(v);
    else
        return -1;
    pm_buf buf = PM_BUF_INIT;
    const pm_type *types[1] = {type};
    int rc = pm_binrow_encode(types, &d, 1, true, &buf, NULL);
    row->data = pm_arena_memdup(&b->arena, buf.data, buf.len);
    row->len = buf.len;
    pm_buf_dispose(&buf);
    snprintf(folder, cap, "%s=%s/", b->t.columns[b->partition].name, literal);
    return rc == PAIMON_OK && row->data != NULL ? 0 : -1;
}

/* Writes a data file and fills its manifest entry. */
static int bt_write_file(bt_table *b, const bt_file *f, pm_manifest_entry *e) {
    char folder[512], name[128], path[4096];
    memset(e, 0, sizeof *e);
    if (bt_partition(b, f->partition, &e->partition, folder, sizeof folder) != 0)
        return -1;
    if (f->bucket == -2)
        snprintf(path, sizeof path, "%s/%sbucket-postpone", b->dir, folder);
    else
        snprintf(path, sizeof path, "%s/%sbucket-%d", b->dir, folder, f->bucket);
    bt_mkdirs(path);
    snprintf(name, sizeof name, "data-%s%06d-0000-0000-0000-000000000000-0.%s", b->prefix,
             b->files_written++, b->orc_stripe_rows > 0 ? "orc" : "avro");
    snprintf(path + strlen(path), sizeof path - strlen(path), "/%s", name);
    tb_xfile xf = {f->rows, f->count, f->level};
    size_t size = 0;
    if (tb_data_file_of(&b->t, !b->primary_key, &xf, path, b->orc_stripe_rows, &size) != 0)
        return -1;
    e->kind = PM_FILE_KIND_ADD;
    e->bucket = f->bucket;
    e->total_buckets = f->bucket >= 0 ? f->bucket + 1 : f->bucket;
    pm_data_file_meta *m = &e->file;
    m->file_name = pm_arena_strdup(&b->arena, name);
    m->file_size = (int64_t)size;
    m->row_count = (int64_t)f->count;
    pm_bytes empty = {PM_BINROW_EMPTY_SERIALIZED, 12};
    m->min_key = m->max_key = empty;
    if (b->primary_key && f->count > 0) {
        m->min_key = tb_key_row(&b->arena, b->t.types[0], tb_key_of(f->rows[0].values));
        m->max_key = tb_key_row(&b->arena, b->t.types[0], tb_key_of(f->rows[f->count - 1].values));
    }
    m->key_stats.min_values = m->key_stats.max_values = empty;
    m->value_stats.min_values = m->value_stats.max_values = empty;
    m->min_sequence_number = m->max_sequence_number = 0;
    for (size_t r = 0; r < f->count; r++) {
        if (r == 0 || f->rows[r].seq < m->min_sequence_number)
            m->min_sequence_number = f->rows[r].seq;
        if (r == 0 || f->rows[r].seq > m->max_sequence_number)
            m->max_sequence_number = f->rows[r].seq;
    }
    m->level = f->level;
    m->extra_files.present = true;
    m->has_creation_time = true;
    m->creation_time_millis = f->creation_millis != 0 ? f->creation_millis : 1000;
    m->has_file_source = f->file_source >= 0;
    m->file_source = f->file_source >= 0 ? f->file_source : 0;
    return 0;
}

/* Writes one manifest holding `entries` and a manifest list pointing to it; `name_out` receives
 * the list's name. */
static int bt_write_list(bt_table *b, const pm_manifest_entry *entries, size_t n, char *name_out,
                         size_t cap) {
    char manifest[64];
    int id = b->lists_written++;
    snprintf(manifest, sizeof manifest, "manifest-%s-%d", b->prefix, id);
    snprintf(name_out, cap, "manifest-list-%s-%d", b->prefix, id);
    return tb_write_manifest_list(b->dir, entries, n, manifest, name_out);
}

/* Commits snapshot <n+1> of `branch`: `kind` "APPEND" adds the files; "OVERWRITE" and "COMPACT"
 * replace every live file of the branch by them. `extra` holds more snapshot members (e.g.
 * "\"watermark\" : 7,\n") or is NULL. */
static TB_UNUSED int bt_commit(bt_table *b, const char *branch, const char *kind,
                               int64_t time_millis, const bt_file *files, size_t n,
                               const char *extra) {
    bt_branch *br = bt_branch_of(b, branch);
    if (br == NULL)
        return -1;
    bool replace = strcmp(kind, "APPEND") != 0;
    size_t ndelta = n + (replace ? br->live_count : 0);
    pm_manifest_entry *delta = calloc(ndelta ? ndelta : 1, sizeof *delta);
    if (delta == NULL)
        return -1;
    int rc = 0;
    size_t k = 0;
    if (replace) {
        for (size_t i = 0; i < br->live_count; i++) {
            delta[k] = br->live[i];
            delta[k++].kind = PM_FILE_KIND_DELETE;
        }
    }
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = bt_write_file(b, &files[i], &delta[k++]);
    char base_list[64], delta_list[64];
    if (rc == 0)
        rc = bt_write_list(b, br->live, br->live_count, base_list, sizeof base_list);
    if (rc == 0)
        rc = bt_write_list(b, delta, ndelta, delta_list, sizeof delta_list);
    /* The live files after the commit. */
    size_t live = (replace ? 0 : br->live_count) + n;
    pm_manifest_entry *next = calloc(live ? live : 1, sizeof *next);
    if (next == NULL)
        rc = -1;
    int64_t rows = 0;
    for (size_t i = 0; rc == 0 && !replace && i < br->live_count; i++)
        next[i] = br->live[i];
    for (size_t i = 0; rc == 0 && i < n; i++) {
        next[live - n + i] = delta[ndelta - n + i];
        rows += delta[ndelta - n + i].file.row_count;
    }
    free(delta);
    if (rc != 0) {
        free(next);
        return rc;
    }
    free(br->live);
    br->live = next;
    br->live_count = live;
    int64_t id = ++br->snapshots;
    char dir[4096], path[4200], snapshot[4096];
    bt_branch_dir(b, branch, dir, sizeof dir);
    snprintf(path, sizeof path, "%s/snapshot", dir);
    bt_mkdirs(path);
    snprintf(snapshot, sizeof snapshot,
             "{\n  \"version\" : 3,\n  \"id\" : %lld,\n  \"schemaId\" : %lld,\n"
             "  \"baseManifestList\" : \"%s\",\n  \"deltaManifestList\" : \"%s\",\n"
             "  \"commitUser\" : \"test\",\n  \"commitIdentifier\" : %lld,\n"
             "  \"commitKind\" : \"%s\",\n  \"timeMillis\" : %lld,\n%s"
             "  \"totalRecordCount\" : %lld,\n  \"deltaRecordCount\" : %lld\n}",
             (long long)id, (long long)br->schema_id, base_list, delta_list, (long long)id, kind,
             (long long)time_millis, extra ? extra : "", (long long)rows, (long long)rows);
    snprintf(path, sizeof path, "%s/snapshot/snapshot-%lld", dir, (long long)id);
    if (tb_write_text(path, snapshot) != 0)
        return -1;
    char latest[32];
    snprintf(latest, sizeof latest, "%lld", (long long)id);
    snprintf(path, sizeof path, "%s/snapshot/LATEST", dir);
    return tb_write_text(path, latest);
}

/* Tags snapshot `id` of `branch` as `tag` (a copy of the snapshot file in its tag/ folder). */
static TB_UNUSED int bt_tag(bt_table *b, const char *branch, const char *tag, int64_t id) {
    char dir[4096], path[4200];
    bt_branch_dir(b, branch, dir, sizeof dir);
    snprintf(path, sizeof path, "%s/snapshot/snapshot-%lld", dir, (long long)id);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return -1;
    uint8_t text[8192];
    size_t len = fread(text, 1, sizeof text, f);
    fclose(f);
    snprintf(path, sizeof path, "%s/tag", dir);
    bt_mkdirs(path);
    snprintf(path, sizeof path, "%s/tag/tag-%s", dir, tag);
    return tb_write_bytes(path, text, len);
}

/* One row of an append table (row kind +I, sequence number `seq`). */
#define BT_ROW(seq, values) {0, seq, values}

/* Checks that a read failed with a message containing `part` (frees the result). */
#define CHECK_READ_FAILS(actual, part)                                                             \
    do {                                                                                           \
        char *got_ = (actual);                                                                     \
        if (strncmp(got_, "ERROR: ", 7) != 0 || strstr(got_, (part)) == NULL) {                    \
            pm_test_fail(__FILE__, __LINE__, "read gave\n%s\nexpected an error with \"%s\"",      \
                         got_, (part));                                                         \
            free(got_);                                                                            \
            return;                                                                                \
        }                                                                                          \
        free(got_);                                                                                \
    } while (0)

#endif
