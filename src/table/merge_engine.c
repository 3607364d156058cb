/*
 * merge_engine.c - deduplicate, first-row and partial-update (spec 07 §2-4), expressed as
 * references to the source values that make up each key's result, and aggregation (§5), which
 * computes values with one aggregator per column.
 */
#include "table/merge_engine.h"

#include "agg/field_agg.h"

#include "util/mem.h"
#include "util/strutil.h"

#include <stdio.h>
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
    /* Aggregation. */
    const size_t *read_fields;
    pm_field_agg **aggs;
    bool *ignore_retract;
    pm_col *values;
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
        unsupported = find_field_option(schema, ".sequence-group");
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
    e->remove_record_on_delete =
        option_true(schema, kind->merge_engine == PM_MERGE_AGGREGATION
                                ? "aggregation.remove-record-on-delete"
                                : "partial-update.remove-record-on-delete");
    *out = e;
    return PAIMON_OK;
}

void pm_merge_engine_free(pm_merge_engine *e) {
    if (e == NULL)
        return;
    for (size_t i = 0; i < e->column_count; i++) {
        if (e->aggs != NULL)
            pm_field_agg_free(e->aggs[i]);
        if (e->values != NULL)
            pm_col_dispose(&e->values[i]);
    }
    pm_free(e->aggs);
    pm_free(e->values);
    pm_free(e->ignore_retract);
    pm_free(e->refs);
    pm_free(e);
}

pm_col *pm_merge_engine_values(pm_merge_engine *e) {
    return e->values;
}

bool pm_merge_engine_is_dedup(const pm_merge_engine *e, bool *ignore_delete) {
    *ignore_delete = e->ignore_delete;
    return e->id == PM_MERGE_DEDUPLICATE;
}

typedef struct column_options {
    const pm_schema *schema;
    const char *column;
    char key[512];
} column_options;

/* fields.<column>.<suffix> of the table options. */
static const char *column_option(void *ctx, const char *suffix) {
    column_options *co = ctx;
    snprintf(co->key, sizeof co->key, "fields.%s.%s", co->column, suffix);
    return pm_schema_option(co->schema, co->key);
}

static bool is_primary_key(const pm_schema *s, const char *name) {
    for (size_t k = 0; k < s->primary_key_count; k++) {
        if (strcmp(s->primary_keys[k], name) == 0)
            return true;
    }
    return false;
}

/* One aggregator per read column (spec 07 §5: the column's function, else the default one,
 * else last_non_null_value; primary-key columns keep their value). */
static int bind_aggregators(pm_merge_engine *e, paimon_error *err) {
    size_t n = e->column_count;
    e->aggs = pm_calloc(n ? n : 1, sizeof *e->aggs);
    e->values = pm_calloc(n ? n : 1, sizeof *e->values);
    e->ignore_retract = pm_calloc(n ? n : 1, sizeof *e->ignore_retract);
    if (e->aggs == NULL || e->values == NULL || e->ignore_retract == NULL)
        return pm_err_nomem(err);
    const char *fallback = pm_schema_option(e->schema, "fields.default-aggregate-function");
    for (size_t i = 0; i < n; i++) {
        const pm_field *f = &pm_schema_fields(e->schema)[e->read_fields[i]];
        column_options co;
        co.schema = e->schema;
        co.column = f->name;
        const char *function = column_option(&co, "aggregate-function");
        if (is_primary_key(e->schema, f->name))
            function = "primary-key";
        else if (function == NULL)
            function = fallback != NULL ? fallback : "last_non_null_value";
        char chosen[128];
        snprintf(chosen, sizeof chosen, "%s", function);
        const char *ignore = column_option(&co, "ignore-retract");
        e->ignore_retract[i] = ignore != NULL && pm_str_ieq(ignore, "true");
        PM_TRY(pm_col_init(&e->values[i], f->type, err));
        PM_TRY(pm_field_agg_new(chosen, f->name, f->type, column_option, &co, &e->aggs[i], err));
    }
    return PAIMON_OK;
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
    e->read_fields = read_fields;
    e->column_count = read_count;
    e->refs = pm_calloc(read_count ? read_count : 1, sizeof *e->refs);
    if (e->refs == NULL)
        return pm_err_nomem(err);
    return e->id == PM_MERGE_AGGREGATION ? bind_aggregators(e, err) : PAIMON_OK;
}

void pm_merge_engine_reset(pm_merge_engine *e) {
    e->has_value = false;
    e->deleted = false;
    e->has_first = false;
    if (e->id == PM_MERGE_PARTIAL_UPDATE) {
        for (size_t i = 0; i < e->column_count; i++)
            e->refs[i].source = PM_GATHER_NULL;
    }
    if (e->id == PM_MERGE_AGGREGATION) {
        for (size_t i = 0; i < e->column_count; i++)
            pm_field_agg_reset(e->aggs[i]);
    }
}

static int aggregate(pm_merge_engine *e, const pm_merge_record *rec, bool retract,
                     paimon_error *err) {
    if (retract && e->ignore_delete)
        return PAIMON_OK;
    if (retract && rec->kind == 3 && e->remove_record_on_delete) {
        for (size_t i = 0; i < e->column_count; i++)
            pm_field_agg_reset(e->aggs[i]);
        e->deleted = true;
        return PAIMON_OK;
    }
    e->deleted = false;
    e->has_value = true;
    for (size_t i = 0; i < e->column_count; i++) {
        const struct ArrowArray *input = rec->batch->children[i];
        if (!retract)
            PM_TRY(pm_field_agg_add(e->aggs[i], input, rec->row, err));
        else if (!e->ignore_retract[i])
            PM_TRY(pm_field_agg_retract(e->aggs[i], input, rec->row, err));
    }
    return PAIMON_OK;
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
        return aggregate(e, rec, retract, err);
    }
    return pm_err(err, PAIMON_EUNSUPPORTED, "merge engine not supported");
}

int pm_merge_engine_result(pm_merge_engine *e, pm_merge_result *out, paimon_error *err) {
    out->refs = e->refs;
    out->computed = false;
    if (e->id == PM_MERGE_AGGREGATION) {
        out->emit = e->has_value && !e->deleted;
        out->computed = true;
        for (size_t i = 0; out->emit && i < e->column_count; i++)
            PM_TRY(pm_field_agg_result(e->aggs[i], &e->values[i], err));
        return PAIMON_OK;
    }
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
