/*
 * merge_engine.c - deduplicate and first-row (spec 07 §2-3), expressed as references to the
 * source values that make up each key's result, aggregation (§5), which computes values with
 * one aggregator per column, and the dispatch to partial-update (§4, merge_partial_update.c).
 * Around all but deduplicate, Java's reducer: a key with one record is that record.
 */
#include "table/merge_engine.h"

#include "table/merge_partial_update.h"
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
    /* The reducer: records of the current key, and the first one until a second arrives. */
    size_t record_count;
    pm_merge_record held;
    bool has_value; /* some record was accepted */
    bool deleted;   /* the last record deleted the row */
    pm_merge_record last;
    pm_merge_record first;
    bool has_first;
    /* Aggregation. */
    const size_t *read_fields;
    pm_field_agg **aggs;
    bool *ignore_retract;
    pm_col *values;
    /* Partial-update. */
    pm_partial_update *partial;
};

/* ignore-delete, or the first of its legacy keys that is set (Java's fallback keys). */
static int ignore_delete_option(const pm_schema *s, bool *out, paimon_error *err) {
    static const char *const keys[] = {"ignore-delete", "first-row.ignore-delete",
                                       "deduplicate.ignore-delete", "partial-update.ignore-delete"};
    *out = false;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        if (pm_schema_option(s, keys[i]) != NULL)
            return pm_options_get_bool(&s->options, keys[i], false, out, err);
    }
    return PAIMON_OK;
}

int pm_merge_engine_new(const pm_schema *schema, const pm_table_kind *kind, pm_merge_engine **out,
                        paimon_error *err) {
    *out = NULL;
    pm_merge_engine *e = pm_calloc(1, sizeof *e);
    if (e == NULL)
        return pm_err_nomem(err);
    e->id = kind->merge_engine;
    e->schema = schema;
    int rc = ignore_delete_option(schema, &e->ignore_delete, err);
    /* (Java's aggregation ignores ignore-delete when merging; sequence groups mean nothing to
     * it either.) */
    if (rc == PAIMON_OK && e->id == PM_MERGE_AGGREGATION)
        rc = pm_options_get_bool(&schema->options, "aggregation.remove-record-on-delete", false,
                                 &e->remove_record_on_delete, err);
    if (rc == PAIMON_OK && e->id == PM_MERGE_PARTIAL_UPDATE)
        rc = pm_partial_update_new(schema, e->ignore_delete, &e->partial, err);
    if (rc != PAIMON_OK) {
        pm_merge_engine_free(e);
        return rc;
    }
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
    pm_partial_update_free(e->partial);
    pm_free(e);
}

pm_col *pm_merge_engine_values(pm_merge_engine *e) {
    return e->partial != NULL ? pm_partial_update_values(e->partial) : e->values;
}

bool pm_merge_engine_is_dedup(const pm_merge_engine *e, bool *ignore_delete) {
    *ignore_delete = e->ignore_delete;
    return e->id == PM_MERGE_DEDUPLICATE;
}

/* ---- aggregators ---- */

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

int pm_merge_ignore_retract(const pm_schema *schema, const char *column, bool *out,
                            paimon_error *err) {
    char key[512];
    snprintf(key, sizeof key, "fields.%s.ignore-retract", column);
    bool remove_on_delete = false;
    PM_TRY(pm_options_get_bool(&schema->options, key, false, out, err));
    PM_TRY(pm_options_get_bool(&schema->options, "aggregation.remove-record-on-delete", false,
                               &remove_on_delete, err));
    if (*out && remove_on_delete)
        return pm_err(err, PAIMON_EINVAL,
                      "aggregation.remove-record-on-delete and %s have conflicting behavior so "
                      "should not be enabled at the same time",
                      key);
    return PAIMON_OK;
}

int pm_merge_new_aggregator(const pm_schema *schema, const pm_field *field, const char *function,
                            pm_field_agg **out, paimon_error *err) {
    column_options co;
    co.schema = schema;
    co.column = field->name;
    return pm_field_agg_new(function, field->name, field->type, column_option, &co, out, err);
}

static bool is_primary_key(const pm_schema *s, const char *name) {
    for (size_t k = 0; k < s->primary_key_count; k++) {
        if (strcmp(s->primary_keys[k], name) == 0)
            return true;
    }
    return false;
}

/* Whether `name` is one of the sequence.field columns. */
static bool is_sequence_field(const pm_schema *s, const char *name) {
    const char *spec = pm_schema_option(s, "sequence.field");
    size_t n = strlen(name);
    for (const char *p = spec; p != NULL && *p;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        while (len > 0 && *p == ' ') {
            p++;
            len--;
        }
        while (len > 0 && p[len - 1] == ' ')
            len--;
        if (len == n && memcmp(p, name, n) == 0)
            return true;
        p = comma ? comma + 1 : p + strlen(p);
    }
    return false;
}

/* One aggregator per read column (spec 07 §5: sequence.field columns last_value, primary-key
 * columns keep their value, else the column's function, else the default one, else
 * last_non_null_value). */
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
        char key[512];
        snprintf(key, sizeof key, "fields.%s.aggregate-function", f->name);
        const char *function = pm_schema_option(e->schema, key);
        if (is_sequence_field(e->schema, f->name))
            function = "last_value";
        else if (is_primary_key(e->schema, f->name))
            function = "primary-key";
        else if (function == NULL)
            function = fallback != NULL ? fallback : "last_non_null_value";
        PM_TRY(pm_merge_ignore_retract(e->schema, f->name, &e->ignore_retract[i], err));
        PM_TRY(pm_col_init(&e->values[i], f->type, err));
        PM_TRY(pm_merge_new_aggregator(e->schema, f, function, &e->aggs[i], err));
    }
    return PAIMON_OK;
}

/* ---- columns ---- */

int pm_merge_engine_columns(pm_merge_engine *e, const pm_schema *schema, size_t *read_fields,
                            size_t *read_count, pm_key_column *seq_cols, size_t *seq_count,
                            paimon_error *err) {
    *seq_count = 0;
    const char *spec = pm_schema_option(schema, "sequence.field");
    const char *order = pm_schema_option(schema, "sequence.field.sort-order");
    bool descending = order != NULL && pm_str_ieq(order, "descending");
    const char *p = spec != NULL ? spec : "";
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
    if (e->partial != NULL)
        pm_partial_update_columns(e->partial, read_fields, read_count);
    return PAIMON_OK;
}

int pm_merge_engine_bind(pm_merge_engine *e, const size_t *read_fields, size_t read_count,
                         paimon_error *err) {
    e->read_fields = read_fields;
    e->column_count = read_count;
    e->refs = pm_calloc(read_count ? read_count : 1, sizeof *e->refs);
    if (e->refs == NULL)
        return pm_err_nomem(err);
    if (e->partial != NULL)
        return pm_partial_update_bind(e->partial, read_fields, read_count, err);
    return e->id == PM_MERGE_AGGREGATION ? bind_aggregators(e, err) : PAIMON_OK;
}

/* ---- merging ---- */

void pm_merge_engine_reset(pm_merge_engine *e) {
    e->record_count = 0;
    e->has_value = false;
    e->deleted = false;
    e->has_first = false;
    if (e->partial != NULL)
        pm_partial_update_reset(e->partial);
    if (e->id == PM_MERGE_AGGREGATION) {
        for (size_t i = 0; i < e->column_count; i++)
            pm_field_agg_reset(e->aggs[i]);
    }
}

static bool is_retraction(uint8_t kind) {
    return kind == 1 || kind == 3;
}

/* Java's AggregateMergeFunction.add. */
static int aggregate(pm_merge_engine *e, const pm_merge_record *rec, paimon_error *err) {
    e->has_value = true;
    e->deleted = e->remove_record_on_delete && rec->kind == 3;
    if (e->deleted) { /* the row becomes the -D record's values */
        for (size_t i = 0; i < e->column_count; i++) {
            const pm_field *f = &pm_schema_fields(e->schema)[e->read_fields[i]];
            const struct ArrowArray *input = rec->batch->children[i];
            if (!f->type->nullable && !pm_arrow_is_valid(input, rec->row))
                return pm_err(err, PAIMON_ECORRUPT,
                              "aggregation: column '%s' is NOT NULL but a delete record of the "
                              "key holds null in it",
                              f->name);
            PM_TRY(pm_field_agg_set(e->aggs[i], input, rec->row, err));
        }
        return PAIMON_OK;
    }
    bool retract = is_retraction(rec->kind);
    for (size_t i = 0; i < e->column_count; i++) {
        const struct ArrowArray *input = rec->batch->children[i];
        if (!retract)
            PM_TRY(pm_field_agg_add(e->aggs[i], input, rec->row, err));
        else if (!e->ignore_retract[i])
            PM_TRY(pm_field_agg_retract(e->aggs[i], input, rec->row, err));
    }
    return PAIMON_OK;
}

/* One record through the engine (the reducer decided it must be merged). */
static int merge_record(pm_merge_engine *e, const pm_merge_record *rec, paimon_error *err) {
    switch (e->id) {
    case PM_MERGE_DEDUPLICATE:
        if (is_retraction(rec->kind) && e->ignore_delete)
            return PAIMON_OK;
        e->last = *rec;
        e->has_value = true;
        return PAIMON_OK;
    case PM_MERGE_FIRST_ROW:
        if (is_retraction(rec->kind)) {
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
        return pm_partial_update_add(e->partial, rec, err);
    case PM_MERGE_AGGREGATION:
        return aggregate(e, rec, err);
    }
    return pm_err(err, PAIMON_EUNSUPPORTED, "merge engine not supported");
}

int pm_merge_engine_add(pm_merge_engine *e, const pm_merge_record *rec, paimon_error *err) {
    if (e->id == PM_MERGE_DEDUPLICATE) /* (the reducer would change nothing) */
        return merge_record(e, rec, err);
    if (e->record_count++ == 0) {
        e->held = *rec;
        return PAIMON_OK;
    }
    if (e->record_count == 2)
        PM_TRY(merge_record(e, &e->held, err));
    return merge_record(e, rec, err);
}

static bool computes(const pm_merge_engine *e) {
    return e->id == PM_MERGE_AGGREGATION ||
           (e->partial != NULL && pm_partial_update_computes(e->partial));
}

/* The result of a key with one record: the record, unless it is a retraction. */
static int single_record(pm_merge_engine *e, pm_merge_result *out, paimon_error *err) {
    const pm_merge_record *rec = &e->held;
    out->emit = !is_retraction(rec->kind);
    out->computed = computes(e);
    out->refs = e->refs;
    pm_col *values = pm_merge_engine_values(e);
    for (size_t i = 0; out->emit && i < e->column_count; i++) {
        if (!out->computed) {
            e->refs[i].source = rec->source;
            e->refs[i].row = rec->row;
            continue;
        }
        int rc = pm_col_append_from(&values[i], rec->batch->children[i], rec->row);
        if (rc != PAIMON_OK)
            return rc == PAIMON_ENOMEM ? pm_err_nomem(err)
                                       : pm_err(err, rc, "merge: cannot copy a value");
    }
    return PAIMON_OK;
}

int pm_merge_engine_result(pm_merge_engine *e, pm_merge_result *out, paimon_error *err) {
    out->refs = e->refs;
    out->computed = false;
    if (e->id != PM_MERGE_DEDUPLICATE && e->record_count == 1)
        return single_record(e, out, err);
    const pm_merge_record *pick = NULL;
    switch (e->id) {
    case PM_MERGE_AGGREGATION:
        out->emit = e->has_value && !e->deleted;
        out->computed = true;
        for (size_t i = 0; out->emit && i < e->column_count; i++)
            PM_TRY(pm_field_agg_result(e->aggs[i], &e->values[i], err));
        return PAIMON_OK;
    case PM_MERGE_PARTIAL_UPDATE:
        return pm_partial_update_result(e->partial, out, err);
    case PM_MERGE_DEDUPLICATE:
        /* A winning retraction removes the key from batch reads. */
        pick = e->has_value && !is_retraction(e->last.kind) ? &e->last : NULL;
        break;
    case PM_MERGE_FIRST_ROW:
        pick = e->has_first ? &e->first : NULL;
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
