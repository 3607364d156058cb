/*
 * split_serde.c - splits as self-contained JSON documents (docs/split-format.md), so that one
 * process plans and others read. The files travel as a Paimon manifest (Avro), the format every
 * Paimon implementation already reads.
 */
#include "table/plan.h"

#include "util/base64.h"
#include "util/mem.h"

#include <jansson.h>
#include <string.h>

#define SPLIT_FORMAT "paimon-c split"
/* Version 2 adds "branch"; splits of the main branch are written as version 1, which readers
 * that predate branches accept. */
#define SPLIT_VERSION 1
#define SPLIT_VERSION_BRANCH 2
#define SPLIT_VERSION_OPTIONS 3 /* carries optionsSchemaId (and branch when not main) */

static json_t *base64_string(const uint8_t *data, size_t n) {
    pm_buf b = PM_BUF_INIT;
    json_t *s = NULL;
    if (pm_base64_append(&b, data, n) == PAIMON_OK && pm_buf_cstr(&b) != NULL)
        s = json_stringn((const char *)b.data, b.len);
    pm_buf_dispose(&b);
    return s;
}

/* The index file relative to the table directory when it lies inside it. */
static const char *relative_to_table(const paimon_plan *p, const char *path) {
    size_t n = strlen(p->table->path);
    if (strncmp(path, p->table->path, n) == 0 && path[n] == '/')
        return path + n + 1;
    return path;
}

static int add_files(const paimon_plan *p, const paimon_split *split, json_t *doc,
                     paimon_error *err) {
    pm_manifest_entry *entries =
        pm_calloc(split->file_count ? split->file_count : 1, sizeof *entries);
    if (entries == NULL)
        return pm_err_nomem(err);
    for (size_t i = 0; i < split->file_count; i++) {
        entries[i] = *split->files[i].entry;
        entries[i].kind = PM_FILE_KIND_ADD;
    }
    pm_buf avro = PM_BUF_INIT;
    int rc = pm_manifest_encode(entries, split->file_count, "zstd", 1, &avro, err);
    pm_free(entries);
    json_t *dvs = json_array();
    if (rc == PAIMON_OK &&
        (dvs == NULL || json_object_set_new(doc, "manifest", base64_string(avro.data, avro.len))))
        rc = pm_err_nomem(err);
    pm_buf_dispose(&avro);
    for (size_t i = 0; i < split->file_count && rc == PAIMON_OK; i++) {
        const paimon_data_file *f = &split->files[i];
        if (!f->has_dv)
            continue;
        json_t *dv = json_pack("{s:s, s:s, s:I, s:I, s:I}", "file", f->entry->file.file_name,
                               "indexFile", relative_to_table(p, f->dv.index_path), "offset",
                               (json_int_t)f->dv.offset, "length", (json_int_t)f->dv.length,
                               "cardinality", (json_int_t)f->dv.cardinality);
        if (dv == NULL || json_array_append_new(dvs, dv))
            rc = pm_err_nomem(err);
    }
    if (rc == PAIMON_OK && json_object_set_new(doc, "deletionVectors", dvs))
        rc = pm_err_nomem(err);
    else if (rc != PAIMON_OK)
        json_decref(dvs);
    return rc;
}

int paimon_plan_split_serialize(const paimon_plan *plan, size_t i, char **json_out,
                                size_t *len_out, paimon_error *err) {
    size_t at = 0;
    const paimon_plan *p = plan != NULL ? pm_plan_part(plan, i, &at) : NULL;
    if (p == NULL || json_out == NULL)
        return pm_err(err, PAIMON_EINVAL, "paimon_plan_split_serialize: no split %zu", i);
    const paimon_split *split = &p->splits[at];
    bool on_main = strcmp(p->table->branch, "main") == 0;
    bool other_options = p->schema->options_id != p->schema->id; /* a time travel */
    int version = other_options ? SPLIT_VERSION_OPTIONS
                  : on_main     ? SPLIT_VERSION
                                : SPLIT_VERSION_BRANCH;
    json_t *doc = json_object();
    json_t *columns = json_array();
    int rc = (doc && columns) ? PAIMON_OK : pm_err_nomem(err);
    for (size_t c = 0; c < p->out_count && rc == PAIMON_OK; c++) {
        int32_t id = pm_schema_fields(p->schema)[p->out_fields[c]].id;
        if (json_array_append_new(columns, json_integer(id)))
            rc = pm_err_nomem(err);
    }
    if (rc == PAIMON_OK &&
        (json_object_set_new(doc, "format", json_string(SPLIT_FORMAT)) ||
         json_object_set_new(doc, "version", json_integer(version)) ||
         (!on_main && json_object_set_new(doc, "branch", json_string(p->table->branch))) ||
         json_object_set_new(doc, "snapshot", json_integer(paimon_plan_snapshot_id(p))) ||
         json_object_set_new(doc, "schemaId", json_integer(p->schema->id)) ||
         (other_options &&
          json_object_set_new(doc, "optionsSchemaId", json_integer(p->schema->options_id))) ||
         json_object_set_new(doc, "columns", columns) ||
         json_object_set_new(doc, "filter",
                             p->filter_text ? json_string(p->filter_text) : json_null()) ||
         json_object_set_new(doc, "limit", json_integer(p->limit)) ||
         json_object_set_new(doc, "partition",
                             base64_string(split->partition.data, split->partition.len)) ||
         json_object_set_new(doc, "bucket", json_integer(split->bucket)) ||
         json_object_set_new(doc, "totalBuckets", json_integer(split->total_buckets))))
        rc = pm_err_nomem(err);
    else if (rc != PAIMON_OK)
        json_decref(columns);
    if (rc == PAIMON_OK)
        rc = add_files(p, split, doc, err);
    char *text = rc == PAIMON_OK ? json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(doc);
    if (rc == PAIMON_OK && text == NULL)
        rc = pm_err_nomem(err);
    if (rc == PAIMON_OK) {
        size_t n = strlen(text);
        *json_out = pm_strndup(text, n);
        if (*json_out == NULL)
            rc = pm_err_nomem(err);
        else if (len_out != NULL)
            *len_out = n;
    }
    free(text); /* allocated by jansson */
    return rc;
}

/* ---- reading back ---- */

static int bad(paimon_error *err, const char *what) {
    return pm_err(err, PAIMON_EINVAL, "serialized split: %s", what);
}

static int decode_b64(const json_t *v, pm_buf *out, const char *what, paimon_error *err) {
    if (!json_is_string(v))
        return bad(err, what);
    int rc = pm_base64_decode_append(out, json_string_value(v), json_string_length(v));
    return rc == PAIMON_OK ? PAIMON_OK : rc == PAIMON_ENOMEM ? pm_err_nomem(err) : bad(err, what);
}

static int read_header(paimon_plan *p, const json_t *doc, paimon_error *err) {
    const json_t *format = json_object_get(doc, "format");
    const json_t *version = json_object_get(doc, "version");
    if (!json_is_string(format) || strcmp(json_string_value(format), SPLIT_FORMAT) != 0)
        return bad(err, "not a paimon-c split document");
    if (!json_is_integer(version) || json_integer_value(version) < SPLIT_VERSION ||
        json_integer_value(version) > SPLIT_VERSION_OPTIONS)
        return bad(err, "unsupported version");
    const json_t *snapshot = json_object_get(doc, "snapshot");
    const json_t *schema = json_object_get(doc, "schemaId");
    const json_t *limit = json_object_get(doc, "limit");
    if (!json_is_integer(snapshot) || !json_is_integer(schema) || !json_is_integer(limit))
        return bad(err, "snapshot, schemaId and limit must be integers");
    p->snapshot_id = json_integer_value(snapshot);
    p->limit = json_integer_value(limit);
    p->splits[0].branch = p->table->branch;
    p->splits[0].snapshot_id = p->snapshot_id;
    const json_t *options = json_object_get(doc, "optionsSchemaId");
    if (options != NULL && (!json_is_integer(options) || json_integer_value(version) < 3))
        return bad(err, "optionsSchemaId must be an integer, in version 3 documents only");
    int64_t fields_id = json_integer_value(schema);
    PM_TRY(pm_table_travel_schema(p->table, fields_id,
                                  options ? json_integer_value(options) : fields_id, &p->schema,
                                  err));
    PM_TRY(pm_table_kind_of(p->schema, &p->kind, err));
    PM_TRY(pm_partition_namer_init(&p->namer, p->schema, err));
    const json_t *columns = json_object_get(doc, "columns");
    if (!json_is_array(columns))
        return bad(err, "columns must be an array of field ids");
    p->out_count = json_array_size(columns);
    p->out_fields = pm_calloc(p->out_count + 1, sizeof *p->out_fields);
    if (p->out_fields == NULL)
        return pm_err_nomem(err);
    for (size_t i = 0; i < p->out_count; i++) {
        const json_t *id = json_array_get(columns, i);
        long at = json_is_integer(id) ? pm_row_field_index_by_id(p->schema->row_type,
                                                                 (int32_t)json_integer_value(id))
                                      : -1;
        if (at < 0)
            return bad(err, "a column id is not in the schema");
        p->out_fields[i] = (size_t)at;
    }
    const json_t *filter = json_object_get(doc, "filter");
    if (json_is_string(filter)) {
        p->filter_text = pm_arena_strdup(&p->arena, json_string_value(filter));
        pm_pred *parsed;
        if (p->filter_text == NULL)
            return pm_err_nomem(err);
        PM_TRY(pm_pred_parse(p->filter_text, &p->arena, &parsed, err));
        PM_TRY(pm_pred_bind(parsed, pm_schema_fields(p->schema), pm_schema_field_count(p->schema),
                            &p->arena, &p->filter, err));
    } else if (filter != NULL && !json_is_null(filter)) {
        return bad(err, "filter must be a string or null");
    }
    return PAIMON_OK;
}

static int read_split(paimon_plan *p, const json_t *doc, paimon_error *err) {
    paimon_split *s = &p->splits[0];
    pm_buf bytes = PM_BUF_INIT;
    int rc = decode_b64(json_object_get(doc, "partition"), &bytes, "bad partition", err);
    if (rc == PAIMON_OK) {
        s->partition.len = bytes.len;
        s->partition.data =
            pm_arena_memdup(&p->arena, bytes.data ? bytes.data : (uint8_t *)"", bytes.len);
        if (s->partition.data == NULL)
            rc = pm_err_nomem(err);
    }
    const json_t *bucket = json_object_get(doc, "bucket");
    const json_t *total = json_object_get(doc, "totalBuckets");
    if (rc == PAIMON_OK && (!json_is_integer(bucket) || !json_is_integer(total)))
        rc = bad(err, "bucket and totalBuckets must be integers");
    if (rc == PAIMON_OK) {
        s->bucket = (int32_t)json_integer_value(bucket);
        s->total_buckets = (int32_t)json_integer_value(total);
        pm_buf_clear(&bytes);
        rc = decode_b64(json_object_get(doc, "manifest"), &bytes, "bad manifest", err);
    }
    if (rc == PAIMON_OK)
        rc = pm_manifest_decode(bytes.data, bytes.len, "serialized split", &p->manifests[0], err);
    if (rc == PAIMON_OK)
        p->manifest_count = 1;
    pm_buf_dispose(&bytes);
    PM_TRY(rc);
    pm_manifest *m = &p->manifests[0];
    s->files = pm_arena_calloc(&p->arena, m->count ? m->count : 1, sizeof *s->files);
    if (s->files == NULL)
        return pm_err_nomem(err);
    for (size_t i = 0; i < m->count && rc == PAIMON_OK; i++) {
        paimon_data_file *f = &s->files[s->file_count];
        f->entry = &m->items[i];
        rc = pm_plan_file_path(p, f->entry, "serialized split", &f->path, err);
        s->file_count++;
    }
    p->split_count = 1;
    return rc;
}

static int read_deletion_vectors(paimon_plan *p, const json_t *doc, paimon_error *err) {
    const json_t *dvs = json_object_get(doc, "deletionVectors");
    if (dvs == NULL)
        return PAIMON_OK;
    if (!json_is_array(dvs))
        return bad(err, "deletionVectors must be an array");
    paimon_split *s = &p->splits[0];
    for (size_t i = 0; i < json_array_size(dvs); i++) {
        const json_t *dv = json_array_get(dvs, i);
        const json_t *file = json_object_get(dv, "file");
        const json_t *index = json_object_get(dv, "indexFile");
        const json_t *offset = json_object_get(dv, "offset");
        const json_t *length = json_object_get(dv, "length");
        const json_t *card = json_object_get(dv, "cardinality");
        if (!json_is_string(file) || !json_is_string(index) || !json_is_integer(offset) ||
            !json_is_integer(length) || !json_is_integer(card))
            return bad(err, "a deletion vector lacks file, indexFile, offset, length or "
                            "cardinality");
        const char *rel = json_string_value(index);
        pm_buf path = PM_BUF_INIT;
        int rc = rel[0] == '/' ? pm_buf_append_str(&path, rel)
                               : pm_buf_append_fmt(&path, "%s/%s", p->table->path, rel);
        const char *stored = rc == PAIMON_OK && pm_buf_cstr(&path)
                                 ? pm_arena_strndup(&p->arena, (const char *)path.data, path.len)
                                 : NULL;
        pm_buf_dispose(&path);
        if (stored == NULL)
            return pm_err_nomem(err);
        if (strstr(rel, "..") != NULL)
            return bad(err, "a deletion vector's index file leaves the table directory");
        for (size_t f = 0; f < s->file_count; f++) {
            paimon_data_file *df = &s->files[f];
            if (strcmp(df->entry->file.file_name, json_string_value(file)) != 0)
                continue;
            df->has_dv = true;
            df->dv.index_path = stored;
            df->dv.offset = json_integer_value(offset);
            df->dv.length = json_integer_value(length);
            df->dv.cardinality = json_integer_value(card);
        }
    }
    return PAIMON_OK;
}

int paimon_plan_split_deserialize(paimon_table *table, const char *json, size_t len,
                                  paimon_plan **out, paimon_error *err) {
    if (table == NULL || json == NULL || out == NULL)
        return pm_err(err, PAIMON_EINVAL, "paimon_plan_split_deserialize: NULL argument");
    *out = NULL;
    json_error_t jerr;
    json_t *doc = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
    if (doc == NULL || !json_is_object(doc)) {
        json_decref(doc);
        return pm_err(err, PAIMON_EINVAL, "serialized split: invalid JSON: %s", jerr.text);
    }
    paimon_plan *p = pm_calloc(1, sizeof *p);
    if (p == NULL) {
        json_decref(doc);
        return pm_err_nomem(err);
    }
    p->refcount = 1;
    pm_arena_init(&p->arena, 1 << 14);
    /* A split of another branch is read with that branch's schemas (version 1: main). */
    const json_t *branch = json_object_get(doc, "branch");
    const char *name = json_is_string(branch) ? json_string_value(branch) : "main";
    int rc = PAIMON_OK;
    if (branch != NULL && !json_is_string(branch))
        rc = bad(err, "branch must be a string");
    else if (strcmp(name, table->branch) != 0)
        rc = pm_table_open_branch(table, name, &p->table, err);
    else
        p->table = pm_table_retain(table);
    if (rc == PAIMON_OK) {
        p->splits = pm_arena_calloc(&p->arena, 1, sizeof *p->splits);
        p->manifests = pm_calloc(1, sizeof *p->manifests);
        if (p->splits == NULL || p->manifests == NULL)
            rc = pm_err_nomem(err);
    }
    if (rc == PAIMON_OK)
        rc = read_header(p, doc, err);
    if (rc == PAIMON_OK)
        rc = read_split(p, doc, err);
    if (rc == PAIMON_OK)
        rc = read_deletion_vectors(p, doc, err);
    json_decref(doc);
    if (rc != PAIMON_OK) {
        pm_plan_release(p);
        return rc;
    }
    *out = p;
    return PAIMON_OK;
}
