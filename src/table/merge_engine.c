/*
 * merge_engine.c - deduplicate, first-row and partial-update (spec 07 §2-4), expressed as
 * references to the source values that make up each key's result.
 */
#include "table/merge_engine.h"

#include "util/mem.h"
#include "util/strutil.h"

#include <string.h>

struct pm_merge_engine {
    pm_merge_engine_kind id;
    bool ignore_delete;
    bool remove_record_on_delete;
    const pm_schema *schema;
    size_t column_count; /* read columns (bound) */
    pm_gather_ref *refs;
    bool has_value; /* some record was accepted */
    bool deleted;   /* partial-update: the last accepted event was a delete */
    pm_merge_record last;
    pm_merge_record first;
    bool has_first;
    char error_context[256];
};

static bool option_true(const pm_schema *s, const char *key) {
    const char *v = pm_schema_option(s, key);
    return v != NULL && pm_str_ieq(v, "true");
}

/* Keys of the form fields.<...>.<suffix>. */
static const char *find_field_option(const pm_schema *s, const char *suffix) {
    size_t n = strlen(suffix);
    for (size_t i = 0; i < s->options.count; i++) {
        const char *k = s->options.keys[i];
        size_t len = strlen(k);
        if (pm_str_starts_with(k, "fields.") && len > n && strcmp(k + len - n, suffix) == 0)
            return k;
    }
    return NULL;
}

int pm_merge_engine_new(const pm_schema *schema, const pm_table_kind *kind, pm_merge_engine **out,
                        paimon_error *err) {
    const char *unsupported = NULL;
    switch (kind->merge_engine) {
    case PM_MERGE_PARTIAL_UPDATE:
        if ((unsupported = find_field_option(schema, ".sequence-group")) == NULL &&
            pm_schema_option(schema, "partial-update.remove-record-on-sequence-group") != NULL)
            unsupported = "partial-update.remove-record-on-sequence-group";
        if (unsupported == NULL)
            unsupported = find_field_option(schema, ".aggregate-function");
        break;
    case PM_MERGE_AGGREGATION:
        unsupported = "merge-engine = aggregation";
        break;
    default:
        break;
    }
    if (unsupported != NULL)
        return pm_err(err, PAIMON_EUNSUPPORTED,
                      "merge-on-read with option '%s' is not supported yet: refusing to return "
                      "rows that would differ from Java Paimon",
                      unsupported);
    pm_merge_engine *e = pm_calloc(1, sizeof *e);
    if (e == NULL)
        return pm_err_nomem(err);
    e->id = kind->merge_engine;
    e->schema = schema;
    e->ignore_delete = option_true(schema, "ignore-delete") ||
                       option_true(schema, "first-row.ignore-delete") ||
                       option_true(schema, "deduplicate.ignore-delete") ||
                       option_true(schema, "partial-update.ignore-delete");
    e->remove_record_on_delete = option_true(schema, "partial-update.remove-record-on-delete");
    *out = e;
    return PAIMON_OK;
}

void pm_merge_engine_free(pm_merge_engine *e) {
    if (e == NULL)
        return;
    pm_free(e->refs);
    pm_free(e);
}

int pm_merge_engine_columns(pm_merge_engine *e, const pm_schema *schema, size_t *read_fields,
                            size_t *read_count, pm_key_column *seq_cols, size_t *seq_count,
                            paimon_error *err) {
    (void)e;
    *seq_count = 0;
    const char *spec = pm_schema_option(schema, "sequence.field");
    if (spec == NULL || spec[0] == '\0')
        return PAIMON_OK;
    const char *order = pm_schema_option(schema, "sequence.field.sort-order");
    bool descending = order != NULL && pm_str_ieq(order, "descending");
    const char *p = spec;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        char name[256];
        while (len > 0 && *p == ' ') {
            p++;
            len--;
        }
        while (len > 0 && p[len - 1] == ' ')
            len--;
        if (len == 0 || len >= sizeof name)
            return pm_err(err, PAIMON_EINVAL, "invalid sequence.field '%s'", spec);
        memcpy(name, p, len);
        name[len] = '\0';
        long f = pm_schema_field_index(schema, name);
        if (f < 0)
            return pm_err(err, PAIMON_EINVAL, "sequence.field '%s' is not a column", name);
        size_t col = *read_count;
        for (size_t i = 0; i < *read_count; i++) {
            if (read_fields[i] == (size_t)f)
                col = i;
        }
        if (col == *read_count)
            read_fields[(*read_count)++] = (size_t)f;
        pm_key_column kc = {col, pm_schema_fields(schema)[f].type, descending};
        seq_cols[(*seq_count)++] = kc;
        p = comma ? comma + 1 : p + strlen(p);
    }
    return PAIMON_OK;
}

int pm_merge_engine_bind(pm_merge_engine *e, const size_t *read_fields, size_t read_count,
                         paimon_error *err) {
    (void)read_fields;
    e->column_count = read_count;
    e->refs = pm_calloc(read_count ? read_count : 1, sizeof *e->refs);
    return e->refs ? PAIMON_OK : pm_err_nomem(err);
}

void pm_merge_engine_reset(pm_merge_engine *e) {
    e->has_value = false;
    e->deleted = false;
    e->has_first = false;
    if (e->id == PM_MERGE_PARTIAL_UPDATE) {
        for (size_t i = 0; i < e->column_count; i++)
            e->refs[i].source = PM_GATHER_NULL;
    }
}

static bool is_retraction(uint8_t kind) {
    return kind == 1 || kind == 3;
}

static bool value_present(const pm_merge_record *rec, size_t column) {
    return pm_arrow_is_valid(rec->batch->children[column], rec->row);
}

int pm_merge_engine_add(pm_merge_engine *e, const pm_merge_record *rec, paimon_error *err) {
    bool retract = is_retraction(rec->kind);
    switch (e->id) {
    case PM_MERGE_DEDUPLICATE:
        if (retract && e->ignore_delete)
            return PAIMON_OK;
        e->last = *rec;
        e->has_value = true;
        return PAIMON_OK;
    case PM_MERGE_FIRST_ROW:
        if (retract) {
            if (e->ignore_delete)
                return PAIMON_OK;
            return pm_err(err, PAIMON_ECORRUPT,
                          "first-row merge engine can not accept DELETE/UPDATE_BEFORE records "
                          "(set ignore-delete = true to skip them)");
        }
        if (!e->has_first) {
            e->first = *rec;
            e->has_first = true;
        }
        return PAIMON_OK;
    case PM_MERGE_PARTIAL_UPDATE:
        if (retract) {
            if (e->ignore_delete)
                return PAIMON_OK;
            if (e->remove_record_on_delete) {
                if (rec->kind == 3) {
                    for (size_t i = 0; i < e->column_count; i++)
                        e->refs[i].source = PM_GATHER_NULL;
                    e->deleted = true;
                    e->has_value = false;
                }
                return PAIMON_OK;
            }
            return pm_err(err, PAIMON_ECORRUPT,
                          "partial-update can not accept delete records: configure "
                          "'ignore-delete' or 'partial-update.remove-record-on-delete'");
        }
        for (size_t i = 0; i < e->column_count; i++) {
            if (value_present(rec, i)) {
                e->refs[i].source = rec->source;
                e->refs[i].row = rec->row;
            }
        }
        e->has_value = true;
        e->deleted = false;
        return PAIMON_OK;
    case PM_MERGE_AGGREGATION:
        break;
    }
    return pm_err(err, PAIMON_EUNSUPPORTED, "merge engine not supported");
}

int pm_merge_engine_result(pm_merge_engine *e, pm_merge_result *out, paimon_error *err) {
    (void)err;
    out->refs = e->refs;
    const pm_merge_record *pick = NULL;
    switch (e->id) {
    case PM_MERGE_DEDUPLICATE:
        /* A winning retraction removes the key from batch reads. */
        pick = e->has_value && !is_retraction(e->last.kind) ? &e->last : NULL;
        break;
    case PM_MERGE_FIRST_ROW:
        pick = e->has_first ? &e->first : NULL;
        break;
    case PM_MERGE_PARTIAL_UPDATE:
        out->emit = e->has_value && !e->deleted;
        return PAIMON_OK;
    case PM_MERGE_AGGREGATION:
        break;
    }
    out->emit = pick != NULL;
    if (pick != NULL) {
        for (size_t i = 0; i < e->column_count; i++) {
            e->refs[i].source = pick->source;
            e->refs[i].row = pick->row;
        }
    }
    return PAIMON_OK;
}
