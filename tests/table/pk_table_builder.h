/*
 * pk_table_builder.h - builds small primary-key tables on disk for merge tests, with our own
 * writers: schema-0, Avro data files (the primary-key layout of spec 05 §1), a manifest, a
 * manifest list and snapshot-1. One bucket, file.format avro, plus the options a test passes.
 *
 * Two ways to describe a table:
 *   - tb_create / tb_row: the schema key BIGINT NOT NULL (primary key), v STRING, n INT;
 *   - tb_create_table / tb_xrow: any columns (tb_column: a name and a type as schema JSON writes
 *     it, INT, BIGINT, STRING, ... with NOT NULL), the first one the primary key (INT or
 *     BIGINT); row values as text, comma-separated: `null`, a number, or the raw text of a
 *     STRING value (which cannot contain a comma); BYTES / BINARY values as raw text or, written
 *     `0x` and hex digits, as the bytes they spell.
 *
 * Header-only (static functions).
 */
#ifndef PM_TEST_PK_TABLE_BUILDER_H
#define PM_TEST_PK_TABLE_BUILDER_H

#include "core/binary_row.h"
#include "core/manifest.h"
#include "format/avro/avro_data_writer.h"
#include "format/orc/orc.h"
#include "test.h"
#include "util/strutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define TB_UNUSED __attribute__((unused))

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

typedef struct tb_column {
    const char *name;
    const char *type; /* "INT", "BIGINT NOT NULL", "STRING", ... */
} tb_column;

typedef struct tb_xrow {
    uint8_t kind; /* 0 +I, 1 -U, 2 +U, 3 -D */
    int64_t seq;
    const char *values; /* one literal per column, the key first */
} tb_xrow;

typedef struct tb_xfile {
    const tb_xrow *rows; /* sorted by key, one row per key within a file */
    size_t count;
    int32_t level;
} tb_xfile;

/* The columns of a table and their parsed types. */
typedef struct tb_table {
    const tb_column *columns;
    size_t count;
    pm_type **types;
} tb_table;

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

/* The literal of column `i` in `values` (points into it; *len its length, spaces trimmed). */
static const char *tb_literal(const char *values, size_t i, size_t *len) {
    const char *p = values;
    for (size_t k = 0; k < i && p != NULL; k++) {
        p = strchr(p, ',');
        if (p != NULL)
            p++;
    }
    if (p == NULL) {
        *len = 0;
        return "null";
    }
    while (*p == ' ')
        p++;
    const char *end = strchr(p, ',');
    size_t n = end ? (size_t)(end - p) : strlen(p);
    while (n > 0 && p[n - 1] == ' ')
        n--;
    *len = n;
    return p;
}

static int64_t tb_key_of(const char *values) {
    size_t len;
    const char *p = tb_literal(values, 0, &len);
    return strtoll(p, NULL, 10);
}

static int tb_append_literal(pm_col *c, const pm_type *t, const char *p, size_t len) {
    if (len == 4 && memcmp(p, "null", 4) == 0)
        return pm_col_append_null(c);
    bool binary = t->id == PM_TYPE_VARBINARY || t->id == PM_TYPE_BINARY;
    if (binary && len >= 2 && p[0] == '0' && p[1] == 'x') {
        size_t n = (len - 2) / 2;
        uint8_t *b = malloc(n ? n : 1);
        for (size_t i = 0; b != NULL && i < n; i++) {
            char hex[3] = {p[2 + 2 * i], p[3 + 2 * i], 0};
            b[i] = (uint8_t)strtoul(hex, NULL, 16);
        }
        int rc = b != NULL && len % 2 == 0 ? pm_col_append_bytes(c, b, n) : -1;
        free(b);
        return rc;
    }
    if (t->id == PM_TYPE_VARCHAR || t->id == PM_TYPE_CHAR || binary)
        return pm_col_append_bytes(c, p, len);
    if (t->id == PM_TYPE_BOOLEAN)
        return pm_col_append_int(c, len == 4 && memcmp(p, "true", 4) == 0);
    int64_t v;
    if (!pm_parse_i64(p, len, &v))
        return -1;
    return pm_col_append_int(c, v);
}

/* The data file layout: _KEY_<key>, _SEQUENCE_NUMBER, _VALUE_KIND, the columns; for append
 * tables (`append`) the columns alone. Returns the number of system columns. */
static int tb_file_fields(const tb_table *t, bool append, pm_field *fields, char *key_name,
                          size_t cap) {
    if (append) {
        for (size_t i = 0; i < t->count; i++) {
            pm_type *type = pm_type_clone(t->types[i]);
            if (type == NULL)
                return -1;
            type->nullable = true;
            fields[i] = (pm_field){(int32_t)i, (char *)t->columns[i].name, type, NULL, NULL};
        }
        return 0;
    }
    snprintf(key_name, cap, "_KEY_%s", t->columns[0].name);
    pm_type *key = pm_type_clone(t->types[0]);
    if (key == NULL)
        return -1;
    key->nullable = false;
    fields[0] = (pm_field){1073741823, key_name, key, NULL, NULL};
    fields[1] = (pm_field){2147483646, (char *)"_SEQUENCE_NUMBER",
                           pm_type_new(PM_TYPE_BIGINT, false), NULL, NULL};
    fields[2] = (pm_field){2147483645, (char *)"_VALUE_KIND", pm_type_new(PM_TYPE_TINYINT, false),
                           NULL, NULL};
    /* Value columns are written nullable, so that tests can store nulls in NOT NULL columns
     * (files are not trusted to respect the schema). */
    for (size_t i = 0; i < t->count; i++) {
        pm_type *type = pm_type_clone(t->types[i]);
        if (type == NULL)
            return -1;
        type->nullable = true;
        fields[3 + i] = (pm_field){(int32_t)i, (char *)t->columns[i].name, type, NULL, NULL};
    }
    return 3;
}

/* Writes the data file of `batch` into `out`: Avro, or ORC with stripes of `orc_stripe_rows`
 * rows when that is not 0. */
static int tb_encode_data_file(const pm_field *fields, size_t n, const struct ArrowArray *batch,
                               size_t orc_stripe_rows, pm_buf *out, paimon_error *err) {
    if (orc_stripe_rows > 0) {
        pm_orc_write_options wo = {PM_CODEC_ZSTD, 1, 0, orc_stripe_rows, false, true};
        pm_orc_writer *w = NULL;
        int rc = pm_orc_writer_new(fields, n, &wo, &w, err);
        if (rc == PAIMON_OK)
            rc = pm_orc_writer_write(w, batch, err);
        if (rc == PAIMON_OK)
            rc = pm_orc_writer_finish(w, out, err);
        pm_orc_writer_free(w);
        return rc;
    }
    pm_avro_data_writer *w = NULL;
    int rc = pm_avro_data_writer_new(fields, n, "zstd", 1, &w, err);
    if (rc == PAIMON_OK)
        rc = pm_avro_data_writer_write(w, batch, err);
    if (rc == PAIMON_OK)
        rc = pm_avro_data_writer_finish(w, out, err);
    pm_avro_data_writer_free(w);
    return rc;
}

/* Writes one data file of `tf`'s rows (primary-key layout, or plain columns when `append`):
 * Avro, or ORC when `orc_stripe_rows` is not 0. */
static int tb_data_file_of(const tb_table *t, bool append, const tb_xfile *tf, const char *path,
                           size_t orc_stripe_rows, size_t *size_out) {
    paimon_error err = {0};
    size_t sys = append ? 0 : 3;
    size_t n = sys + t->count;
    pm_field *fields = calloc(n, sizeof *fields);
    pm_col *cols = calloc(n, sizeof *cols);
    struct ArrowArray *arrays = calloc(n, sizeof *arrays);
    char key_name[256];
    int rc = fields && cols && arrays
                 ? (tb_file_fields(t, append, fields, key_name, sizeof key_name) < 0 ? -1 : 0)
                 : -1;
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = pm_col_init(&cols[i], fields[i].type, &err);
    for (size_t r = 0; r < tf->count && rc == 0; r++) {
        const tb_xrow *row = &tf->rows[r];
        if (!append) {
            pm_col_append_int(&cols[0], tb_key_of(row->values));
            pm_col_append_int(&cols[1], row->seq);
            pm_col_append_int(&cols[2], row->kind);
        }
        for (size_t i = 0; i < t->count && rc == 0; i++) {
            size_t len;
            const char *p = tb_literal(row->values, i, &len);
            rc = tb_append_literal(&cols[sys + i], t->types[i], p, len);
            if (rc != 0)
                fprintf(stderr, "  bad literal in '%s'\n", row->values);
        }
    }
    struct ArrowArray batch;
    batch.release = NULL;
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = pm_col_finish(&cols[i], &arrays[i], &err);
    if (rc == 0)
        rc = pm_arrow_struct_from_children(arrays, n, (int64_t)tf->count, &batch, &err);
    pm_buf out = PM_BUF_INIT;
    if (rc == PAIMON_OK)
        rc = tb_encode_data_file(fields, n, &batch, orc_stripe_rows, &out, &err);
    if (batch.release != NULL)
        batch.release(&batch);
    for (size_t i = 0; cols != NULL && i < n; i++)
        pm_col_dispose(&cols[i]);
    for (size_t i = 0; fields != NULL && i < n; i++)
        pm_type_free(fields[i].type);
    free(fields);
    free(cols);
    free(arrays);
    if (rc == PAIMON_OK)
        rc = tb_write_bytes(path, out.data, out.len);
    *size_out = out.len;
    pm_buf_dispose(&out);
    if (rc != PAIMON_OK)
        fprintf(stderr, "  data file: %s\n", err.message);
    return rc;
}

static int tb_data_file(const tb_table *t, const tb_xfile *tf, const char *path, size_t *size_out) {
    return tb_data_file_of(t, false, tf, path, 0, size_out);
}

/* Serialized BinaryRow of one integer key, allocated in the arena. */
static pm_bytes tb_key_row(pm_arena *arena, const pm_type *type, int64_t key) {
    const pm_type *types[1] = {type};
    pm_datum d = pm_datum_int(key);
    pm_buf b = PM_BUF_INIT;
    pm_binrow_encode(types, &d, 1, true, &b, NULL);
    pm_bytes out = {pm_arena_memdup(arena, b.data, b.len), b.len};
    pm_buf_dispose(&b);
    return out;
}

/* Writes manifest/<manifest_name> holding `entries` and manifest/<list_name> listing it. */
static int tb_write_manifest_list(const char *dir, const pm_manifest_entry *entries, size_t n,
                                  const char *manifest_name, const char *list_name) {
    char path[4096];
    pm_buf buf = PM_BUF_INIT;
    int rc = pm_manifest_encode(entries, n, "zstd", 1, &buf, NULL);
    snprintf(path, sizeof path, "%s/manifest/%s", dir, manifest_name);
    if (rc == PAIMON_OK)
        rc = tb_write_bytes(path, buf.data, buf.len);
    pm_manifest_file_meta meta;
    memset(&meta, 0, sizeof meta);
    meta.file_name = manifest_name;
    meta.file_size = (int64_t)buf.len;
    for (size_t i = 0; i < n; i++) {
        if (entries[i].kind == PM_FILE_KIND_ADD)
            meta.num_added_files++;
        else
            meta.num_deleted_files++;
    }
    pm_bytes empty = {PM_BINROW_EMPTY_SERIALIZED, 12};
    meta.partition_stats.min_values = meta.partition_stats.max_values = empty;
    pm_buf_clear(&buf);
    if (rc == PAIMON_OK)
        rc = pm_manifest_list_encode(&meta, 1, "zstd", 1, &buf, NULL);
    snprintf(path, sizeof path, "%s/manifest/%s", dir, list_name);
    if (rc == PAIMON_OK)
        rc = tb_write_bytes(path, buf.data, buf.len);
    pm_buf_dispose(&buf);
    return rc;
}

/* Writes the files (named <prefix>-...-<i>.avro in bucket-0/), one manifest listing them and a
 * manifest list <list_name> pointing to it. */
static int tb_write_files(const char *dir, const tb_table *t, const char *prefix,
                          const tb_xfile *files, size_t nfiles, const char *list_name,
                          int64_t *rows_out) {
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
        if (tb_data_file(t, &files[f], path, &size) != 0) {
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
        m->min_key = tb_key_row(&arena, t->types[0], tb_key_of(files[f].rows[0].values));
        m->max_key =
            tb_key_row(&arena, t->types[0], tb_key_of(files[f].rows[files[f].count - 1].values));
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
    if (rc == PAIMON_OK)
        rc = tb_write_manifest_list(dir, entries, nfiles, manifest_name, list_name);
    free(entries);
    pm_arena_dispose(&arena);
    *rows_out = total_rows;
    return rc;
}

static int tb_write_table(const char *dir, const tb_table *t, const char *options,
                          const tb_xfile *files, size_t nfiles, const tb_xfile *changelog,
                          size_t nchangelog) {
    char path[4096];
    const char *subdirs[] = {"schema", "snapshot", "manifest", "bucket-0"};
    for (int i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, subdirs[i]);
        mkdir(path, 0755);
    }
    char fields[4096] = "";
    for (size_t i = 0; i < t->count; i++) {
        size_t at = strlen(fields);
        snprintf(fields + at, sizeof fields - at,
                 "%s{ \"id\" : %zu, \"name\" : \"%s\", \"type\" : \"%s\" }", i ? ", " : "", i,
                 t->columns[i].name, t->columns[i].type);
    }
    char schema[8192];
    snprintf(schema, sizeof schema,
             "{\n  \"version\" : 3,\n  \"id\" : 0,\n  \"fields\" : [ %s ],\n"
             "  \"highestFieldId\" : %zu,\n  \"partitionKeys\" : [ ],\n"
             "  \"primaryKeys\" : [ \"%s\" ],\n  \"options\" : { \"bucket\" : \"1\", "
             "\"file.format\" : \"avro\"%s%s },\n  \"timeMillis\" : 0\n}",
             fields, t->count - 1, t->columns[0].name, options[0] ? ", " : "", options);
    snprintf(path, sizeof path, "%s/schema/schema-0", dir);
    if (tb_write_text(path, schema) != 0)
        return -1;
    int64_t rows = 0, changelog_rows = 0;
    if (tb_write_files(dir, t, "data", files, nfiles, "manifest-list-tb-delta", &rows) != 0 ||
        tb_write_files(dir, t, "data", NULL, 0, "manifest-list-tb-base", &changelog_rows) != 0)
        return -1;
    char changelog_member[256] = "";
    if (changelog != NULL) {
        if (tb_write_files(dir, t, "changelog", changelog, nchangelog, "manifest-list-tb-changelog",
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

/* Creates the table in `dir` with `columns` (the first the primary key), `options` (extra JSON
 * members, e.g. "\"merge-engine\" : \"partial-update\"", or "") and one APPEND snapshot
 * holding `files`, plus, when `changelog` is not NULL, changelog files registered in the
 * snapshot's changelog manifest list. Returns 0 on success. */
static TB_UNUSED int tb_create_table_with_changelog(const char *dir, const tb_column *columns,
                                                    size_t ncolumns, const char *options,
                                                    const tb_xfile *files, size_t nfiles,
                                                    const tb_xfile *changelog, size_t nchangelog) {
    tb_table t = {columns, ncolumns, calloc(ncolumns, sizeof(pm_type *))};
    int rc = t.types != NULL ? 0 : -1;
    for (size_t i = 0; i < ncolumns && rc == 0; i++) {
        paimon_error err = {0};
        rc = pm_type_parse(columns[i].type, &t.types[i], &err);
    }
    if (rc == 0)
        rc = tb_write_table(dir, &t, options, files, nfiles, changelog, nchangelog);
    for (size_t i = 0; t.types != NULL && i < ncolumns; i++)
        pm_type_free(t.types[i]);
    free(t.types);
    return rc;
}

static TB_UNUSED int tb_create_table(const char *dir, const tb_column *columns, size_t ncolumns,
                                     const char *options, const tb_xfile *files, size_t nfiles) {
    return tb_create_table_with_changelog(dir, columns, ncolumns, options, files, nfiles, NULL, 0);
}

/* tb_file (key, v, n) as tb_xfile; free with tb_free_xfiles. */
static tb_xfile *tb_to_xfiles(const tb_file *files, size_t n) {
    tb_xfile *out = calloc(n ? n : 1, sizeof *out);
    for (size_t f = 0; out != NULL && f < n; f++) {
        tb_xrow *rows = calloc(files[f].count ? files[f].count : 1, sizeof *rows);
        for (size_t r = 0; rows != NULL && r < files[f].count; r++) {
            const tb_row *src = &files[f].rows[r];
            char text[512], num[16] = "null";
            if (!src->n_null)
                snprintf(num, sizeof num, "%d", (int)src->n);
            snprintf(text, sizeof text, "%lld,%s,%s", (long long)src->key, src->v ? src->v : "null",
                     num);
            rows[r] = (tb_xrow){src->kind, src->seq, strdup(text)};
        }
        out[f] = (tb_xfile){rows, files[f].count, files[f].level};
    }
    return out;
}

static void tb_free_xfiles(tb_xfile *files, size_t n) {
    for (size_t f = 0; files != NULL && f < n; f++) {
        for (size_t r = 0; files[f].rows != NULL && r < files[f].count; r++)
            free((char *)files[f].rows[r].values);
        free((tb_xrow *)files[f].rows);
    }
    free(files);
}

static const tb_column tb_kvn_columns[] = {
    {"key", "BIGINT NOT NULL"}, {"v", "STRING"}, {"n", "INT"}};

/* The (key, v, n) table; see tb_create_table_with_changelog. */
static TB_UNUSED int tb_create_with_changelog(const char *dir, const char *options,
                                              const tb_file *files, size_t nfiles,
                                              const tb_file *changelog, size_t nchangelog) {
    tb_xfile *x = tb_to_xfiles(files, nfiles);
    tb_xfile *xc = changelog != NULL ? tb_to_xfiles(changelog, nchangelog) : NULL;
    int rc =
        tb_create_table_with_changelog(dir, tb_kvn_columns, 3, options, x, nfiles, xc, nchangelog);
    tb_free_xfiles(x, nfiles);
    tb_free_xfiles(xc, nchangelog);
    return rc;
}

static TB_UNUSED int tb_create(const char *dir, const char *options, const tb_file *files,
                               size_t nfiles) {
    return tb_create_with_changelog(dir, options, files, nfiles, NULL, 0);
}

/* Checks the rows a tb_read-style call returns (frees them). */
#define CHECK_ROWS(actual, expected)                                                               \
    do {                                                                                           \
        char *got_ = (actual);                                                                     \
        if (strcmp(got_, (expected)) != 0) {                                                       \
            pm_test_fail(__FILE__, __LINE__, "read gave\n%s\nexpected\n%s", got_, (expected));     \
            free(got_);                                                                            \
            return;                                                                                \
        }                                                                                          \
        free(got_);                                                                                \
    } while (0)

/* Reads the table at `dir` on `branch` (NULL: main) with a scan (`co` NULL) or the changes of
 * `co`, and renders its rows as sorted JSON lines joined by '\n' (malloc'ed), or
 * "ERROR: <message>". */
static TB_UNUSED char *tb_read_with(const char *dir, const char *branch,
                                    const paimon_scan_options *so,
                                    const paimon_changes_options *co) {
    paimon_error err = {0};
    paimon_table *t;
    char *result = NULL;
    paimon_open_options oo = PAIMON_OPEN_OPTIONS_INIT;
    oo.branch = branch;
    if (paimon_table_open_with(&t, dir, &oo, &err) != PAIMON_OK)
        goto failed;
    struct ArrowArrayStream s;
    if ((co != NULL ? paimon_table_changes(t, co, &s, &err) : paimon_table_scan(t, so, &s, &err)) !=
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

/* Reads the table (a scan, or the changes of all snapshots; `select`: comma-separated columns,
 * NULL for all) as tb_read_with does. */
static TB_UNUSED char *tb_read(const char *dir, const char *filter, const char *select,
                               bool changes) {
    paimon_scan_options o = PAIMON_SCAN_OPTIONS_INIT;
    o.filter = filter;
    o.batch_rows = 2; /* several output batches even for tiny tables */
    char names_text[512];
    const char *names[32];
    if (select != NULL) {
        snprintf(names_text, sizeof names_text, "%s", select);
        for (char *p = strtok(names_text, ","); p != NULL && o.column_count < 32;
             p = strtok(NULL, ","))
            names[o.column_count++] = p;
        o.columns = names;
    }
    paimon_changes_options co = PAIMON_CHANGES_OPTIONS_INIT;
    co.filter = filter;
    co.batch_rows = 2;
    return tb_read_with(dir, NULL, &o, changes ? &co : NULL);
}

static TB_UNUSED char *tb_scan(const char *dir, const char *filter) {
    return tb_read(dir, filter, NULL, false);
}
/* Only the columns of `select` (comma-separated names). */
static TB_UNUSED char *tb_scan_select(const char *dir, const char *select) {
    return tb_read(dir, NULL, select, false);
}
static TB_UNUSED char *tb_changes(const char *dir) {
    return tb_read(dir, NULL, NULL, true);
}

#endif
