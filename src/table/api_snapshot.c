/* api_snapshot.c - public snapshot and schema objects: thin wrappers over core/. */
#include "table/table_internal.h"

#include "data/arrow_builder.h"
#include "util/mem.h"

#include <string.h>

int paimon_table_snapshot_ids(paimon_table *table, int64_t **ids_out, size_t *count_out,
                              paimon_error *err) {
    if (table == NULL || ids_out == NULL || count_out == NULL)
        return pm_err(err, PAIMON_EINVAL, "paimon_table_snapshot_ids: NULL argument");
    return pm_snapshot_list_ids(table->fs, table->meta_path, ids_out, count_out, err);
}

static int wrap_snapshot(pm_snapshot *s, paimon_snapshot **out, paimon_error *err) {
    paimon_snapshot *w = pm_calloc(1, sizeof *w);
    if (w == NULL) {
        pm_snapshot_free(s);
        return pm_err_nomem(err);
    }
    w->snapshot = s;
    *out = w;
    return PAIMON_OK;
}

int paimon_table_snapshot(paimon_table *table, int64_t id, paimon_snapshot **out,
                          paimon_error *err) {
    if (table == NULL || out == NULL)
        return pm_err(err, PAIMON_EINVAL, "paimon_table_snapshot: NULL argument");
    *out = NULL;
    if (id <= 0) {
        bool found;
        PM_TRY(pm_snapshot_latest_id(table->fs, table->meta_path, &id, &found, err));
        if (!found)
            return pm_err(err, PAIMON_ENOTFOUND, "%s: the table has no snapshot yet", table->name);
    }
    pm_snapshot *s;
    PM_TRY(pm_snapshot_load(table->fs, table->meta_path, id, &s, err));
    return wrap_snapshot(s, out, err);
}

int paimon_table_tag(paimon_table *table, const char *name, paimon_snapshot **out,
                     paimon_error *err) {
    if (table == NULL || name == NULL || out == NULL)
        return pm_err(err, PAIMON_EINVAL, "paimon_table_tag: NULL argument");
    *out = NULL;
    pm_snapshot *s;
    PM_TRY(pm_tag_load(table->fs, table->meta_path, name, &s, err));
    return wrap_snapshot(s, out, err);
}

void paimon_snapshot_free(paimon_snapshot *snapshot) {
    if (snapshot == NULL)
        return;
    pm_snapshot_free(snapshot->snapshot);
    pm_free(snapshot);
}

int64_t paimon_snapshot_id(const paimon_snapshot *s) {
    return s->snapshot->id;
}
int64_t paimon_snapshot_schema_id(const paimon_snapshot *s) {
    return s->snapshot->schema_id;
}
int64_t paimon_snapshot_time_millis(const paimon_snapshot *s) {
    return s->snapshot->time_millis;
}
const char *paimon_snapshot_commit_kind(const paimon_snapshot *s) {
    return pm_commit_kind_name(s->snapshot->commit_kind);
}
const char *paimon_snapshot_commit_user(const paimon_snapshot *s) {
    return s->snapshot->commit_user;
}
int64_t paimon_snapshot_commit_identifier(const paimon_snapshot *s) {
    return s->snapshot->commit_identifier;
}
int64_t paimon_snapshot_total_record_count(const paimon_snapshot *s) {
    return s->snapshot->has_total_record_count ? s->snapshot->total_record_count : -1;
}
int64_t paimon_snapshot_delta_record_count(const paimon_snapshot *s) {
    return s->snapshot->has_delta_record_count ? s->snapshot->delta_record_count : -1;
}
int64_t paimon_snapshot_changelog_record_count(const paimon_snapshot *s) {
    return s->snapshot->has_changelog_record_count ? s->snapshot->changelog_record_count : -1;
}
bool paimon_snapshot_watermark(const paimon_snapshot *s, int64_t *out) {
    if (s->snapshot->has_watermark && out != NULL)
        *out = s->snapshot->watermark;
    return s->snapshot->has_watermark;
}

/* ---- schemas ---- */

int paimon_table_schema(paimon_table *table, int64_t schema_id, paimon_schema **out,
                        paimon_error *err) {
    if (table == NULL || out == NULL)
        return pm_err(err, PAIMON_EINVAL, "paimon_table_schema: NULL argument");
    *out = NULL;
    if (schema_id < 0)
        PM_TRY(pm_schema_latest_id(table->fs, table->meta_path, &schema_id, err));
    pm_schema *s;
    PM_TRY(pm_schema_load(table->fs, table->meta_path, schema_id, &s, err));
    paimon_schema *w = pm_calloc(1, sizeof *w);
    size_t n = pm_schema_field_count(s);
    if (w != NULL)
        w->type_strings = pm_calloc(n ? n : 1, sizeof *w->type_strings);
    if (w == NULL || w->type_strings == NULL) {
        pm_free(w);
        pm_schema_free(s);
        return pm_err_nomem(err);
    }
    w->schema = s;
    for (size_t i = 0; i < n; i++) {
        pm_buf text = PM_BUF_INIT;
        if (pm_type_format(pm_schema_fields(s)[i].type, &text) != PAIMON_OK ||
            (w->type_strings[i] = pm_buf_detach(&text)) == NULL) {
            pm_buf_dispose(&text);
            paimon_schema_free(w);
            return pm_err_nomem(err);
        }
    }
    *out = w;
    return PAIMON_OK;
}

void paimon_schema_free(paimon_schema *schema) {
    if (schema == NULL)
        return;
    if (schema->type_strings != NULL) {
        for (size_t i = 0; i < pm_schema_field_count(schema->schema); i++)
            pm_free(schema->type_strings[i]);
    }
    pm_free(schema->type_strings);
    pm_schema_free(schema->schema);
    pm_free(schema);
}

int64_t paimon_schema_id(const paimon_schema *s) {
    return s->schema->id;
}
size_t paimon_schema_field_count(const paimon_schema *s) {
    return pm_schema_field_count(s->schema);
}
const char *paimon_schema_field_name(const paimon_schema *s, size_t i) {
    return i < paimon_schema_field_count(s) ? pm_schema_fields(s->schema)[i].name : NULL;
}
int32_t paimon_schema_field_id(const paimon_schema *s, size_t i) {
    return i < paimon_schema_field_count(s) ? pm_schema_fields(s->schema)[i].id : -1;
}
const char *paimon_schema_field_type(const paimon_schema *s, size_t i) {
    return i < paimon_schema_field_count(s) ? s->type_strings[i] : NULL;
}
const char *paimon_schema_field_description(const paimon_schema *s, size_t i) {
    return i < paimon_schema_field_count(s) ? pm_schema_fields(s->schema)[i].description : NULL;
}
size_t paimon_schema_partition_key_count(const paimon_schema *s) {
    return s->schema->partition_key_count;
}
const char *paimon_schema_partition_key(const paimon_schema *s, size_t i) {
    return i < s->schema->partition_key_count ? s->schema->partition_keys[i] : NULL;
}
size_t paimon_schema_primary_key_count(const paimon_schema *s) {
    return s->schema->primary_key_count;
}
const char *paimon_schema_primary_key(const paimon_schema *s, size_t i) {
    return i < s->schema->primary_key_count ? s->schema->primary_keys[i] : NULL;
}
size_t paimon_schema_option_count(const paimon_schema *s) {
    return s->schema->options.count;
}
const char *paimon_schema_option_key(const paimon_schema *s, size_t i) {
    return i < s->schema->options.count ? s->schema->options.keys[i] : NULL;
}
const char *paimon_schema_option_value(const paimon_schema *s, size_t i) {
    return i < s->schema->options.count ? s->schema->options.values[i] : NULL;
}
const char *paimon_schema_option(const paimon_schema *s, const char *key) {
    return pm_options_get(&s->schema->options, key);
}
const char *paimon_schema_comment(const paimon_schema *s) {
    return s->schema->comment;
}

int paimon_schema_to_arrow(const paimon_schema *schema, struct ArrowSchema *out,
                           paimon_error *err) {
    if (schema == NULL || out == NULL)
        return pm_err(err, PAIMON_EINVAL, "paimon_schema_to_arrow: NULL argument");
    return pm_arrow_schema_for_fields(pm_schema_fields(schema->schema),
                                      pm_schema_field_count(schema->schema), out, err);
}

int paimon_schema_to_json(const paimon_schema *schema, char **json_out, paimon_error *err) {
    if (schema == NULL || json_out == NULL)
        return pm_err(err, PAIMON_EINVAL, "paimon_schema_to_json: NULL argument");
    pm_buf text = PM_BUF_INIT;
    int rc = pm_schema_to_json(schema->schema, &text, err);
    if (rc == PAIMON_OK && (*json_out = pm_buf_detach(&text)) == NULL)
        rc = pm_err_nomem(err);
    pm_buf_dispose(&text);
    return rc;
}
