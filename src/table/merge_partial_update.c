/*
 * merge_partial_update.c - the partial-update engine (see merge_partial_update.h).
 *
 * Per record, oldest first (Java's PartialUpdateMergeFunction.add):
 *   - a retraction first fills the whole state from its values when nothing was seen yet; then
 *     it is skipped with ignore-delete; with sequence groups it retracts the groups it is not
 *     older than; with remove-record-on-delete a -D replaces the state by its own values and
 *     marks the row deleted (-U does nothing); otherwise it is an error;
 *   - an insert without (read) groups overwrites with its non-null values; NOT NULL columns
 *     receiving null are an error;
 *   - an insert with groups: each group compares the record's sequence fields with the state's
 *     (nulls first); all-null sequence fields leave the group alone; a record not older
 *     updates the whole group (nulls included, aggregated columns through their function), an
 *     older one only reaches aggregated columns (the function's reversed form); columns in no
 *     group keep the default rule.
 * The row is returned unless the last record deleted it or no insert was seen.
 */
#include "table/merge_partial_update.h"

#include "agg/field_agg.h"
#include "util/mem.h"
#include "util/strutil.h"

#include <stdio.h>
#include <string.h>

enum { MODE_SKIP, MODE_NEWER, MODE_OLDER };
enum { RULE_PLAIN, RULE_LAST_NON_NULL, RULE_AGG };

typedef struct pu_group {
    const char *option; /* the option key (owned by the schema) */
    size_t *seq_fields; /* schema field indices, in the option's order */
    size_t seq_count;
    bool remove_on_delete; /* partial-update.remove-record-on-sequence-group names it */
    bool active;           /* one of its columns is read */
    size_t *seq_cols;      /* read columns of seq_fields (bound, active groups) */
    int mode;              /* of the record being added */
} pu_group;

typedef struct pu_column {
    long group; /* -1: in no group */
    bool is_seq;
    int rule;
    bool ignore_retract;
    bool nullable;
    const pm_type *type;
    const char *name;
    pm_field_agg *agg; /* RULE_AGG */
    /* The state of RULE_PLAIN / RULE_LAST_NON_NULL columns: the source value, or null. */
    pm_gather_ref ref;
    const struct ArrowArray *array; /* the source column of `ref` */
} pu_column;

struct pm_partial_update {
    const pm_schema *schema;
    bool ignore_delete;
    bool remove_on_delete;
    pu_group *groups;
    size_t group_count;
    long *group_of;           /* per schema field: its group, or -1 */
    bool *seq_of;             /* per schema field: a sequence field of its group */
    const char **function_of; /* per schema field: Java's aggregate function name, or NULL */
    /* Bound to the read columns. */
    pu_column *cols;
    size_t col_count;
    bool active_groups;
    bool computes;
    pm_gather_ref *refs;
    pm_col *values;
    /* The key being merged. */
    bool meet_insert; /* some insert was added */
    bool filled;      /* the state was filled (first retraction, or an insert) */
    bool deleted;     /* the last record deleted the row */
};

/* ---- options ---- */

static void free_list(char **parts, size_t count) {
    for (size_t i = 0; i < count; i++)
        pm_free(parts[i]);
    pm_free(parts);
}

/* The pieces of s[0, len) between commas, as Java's String.split(","): without a comma the
 * string is the one piece (even when empty), otherwise trailing empty pieces are dropped. Each
 * piece is a malloc'ed string in (*out)[0, *count). */
static int split_list(const char *s, size_t len, char ***out, size_t *count, paimon_error *err) {
    size_t commas = 0;
    for (size_t i = 0; i < len; i++)
        commas += s[i] == ',';
    char **parts = pm_calloc(commas + 1, sizeof *parts);
    if (parts == NULL)
        return pm_err_nomem(err);
    size_t k = 0, start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && s[i] != ',')
            continue;
        parts[k] = pm_malloc(i - start + 1);
        if (parts[k] == NULL) {
            free_list(parts, k);
            return pm_err_nomem(err);
        }
        memcpy(parts[k], s + start, i - start);
        parts[k++][i - start] = '\0';
        start = i + 1;
    }
    while (commas > 0 && k > 0 && parts[k - 1][0] == '\0')
        pm_free(parts[--k]);
    *out = parts;
    *count = k;
    return PAIMON_OK;
}

/* Schema field index of `name`, or an error naming the option. */
static int require_field(const pm_schema *s, const char *option, const char *name, size_t *out,
                         paimon_error *err) {
    long f = pm_schema_field_index(s, name);
    if (f < 0)
        return pm_err(err, PAIMON_EINVAL,
                      "option '%s': field '%s' can not be found in table schema", option, name);
    *out = (size_t)f;
    return PAIMON_OK;
}

static bool contains_blob(const pm_type *t) {
    if (t->id == PM_TYPE_BLOB)
        return true;
    if (t->element != NULL && contains_blob(t->element))
        return true;
    if (t->key != NULL && contains_blob(t->key))
        return true;
    if (t->value != NULL && contains_blob(t->value))
        return true;
    for (size_t i = 0; i < t->field_count; i++) {
        if (contains_blob(t->fields[i].type))
            return true;
    }
    return false;
}

static int check_sequence_type(const pm_schema *s, const char *option, size_t f,
                               paimon_error *err) {
    const pm_field *field = &pm_schema_fields(s)[f];
    if (contains_blob(field->type))
        return pm_err(err, PAIMON_EINVAL,
                      "field '%s' with a BLOB type cannot be used as a sequence-group ordering "
                      "field in option '%s'",
                      field->name, option);
    if (pm_type_is_nested(field->type) || field->type->id == PM_TYPE_VARIANT)
        return pm_err(err, PAIMON_EUNSUPPORTED,
                      "option '%s': ordering a sequence group by the nested column '%s' is not "
                      "supported",
                      option, field->name);
    return PAIMON_OK;
}

/* Puts schema field f in group g (as a sequence field or a member). */
static int assign(pm_partial_update *p, const char *option, size_t f, size_t g, bool seq,
                  paimon_error *err) {
    const pm_field *field = &pm_schema_fields(p->schema)[f];
    for (size_t k = 0; k < p->schema->primary_key_count; k++) {
        if (strcmp(p->schema->primary_keys[k], field->name) == 0)
            return pm_err(err, PAIMON_EINVAL,
                          "the sequence-group '%s' contains primary key field '%s', which is not "
                          "allowed",
                          option, field->name);
    }
    long prev = p->group_of[f];
    if (prev < 0) {
        p->group_of[f] = (long)g;
        p->seq_of[f] = seq;
        return PAIMON_OK;
    }
    if ((size_t)prev == g && seq) { /* a group's sequence field also listed as its member */
        p->seq_of[f] = true;
        return PAIMON_OK;
    }
    if (!seq && !p->seq_of[f]) /* (members are assigned before the group's sequence fields) */
        return pm_err(err, PAIMON_EINVAL, "field %s is defined repeatedly by multiple groups: %s",
                      field->name, option);
    return pm_err(err, PAIMON_EUNSUPPORTED,
                  "options '%s' and '%s' both use column '%s' (a sequence field of one "
                  "sequence group cannot take part in another: Java's result depends on "
                  "hash-map order)",
                  p->groups[prev].option, option, field->name);
}

static bool is_candidate(const char *key) {
    return pm_str_starts_with(key, "fields") && pm_str_ends_with(key, "sequence-group");
}

static int parse_group(pm_partial_update *p, const char *key, const char *value,
                       paimon_error *err) {
    size_t klen = strlen(key);
    const size_t prefix = strlen("fields."), suffix = strlen(".sequence-group");
    if (!pm_str_starts_with(key, "fields.") || !pm_str_ends_with(key, ".sequence-group") ||
        klen < prefix + suffix)
        return pm_err(err, PAIMON_EINVAL, "invalid sequence-group option: %s", key);
    size_t g = p->group_count++;
    pu_group *group = &p->groups[g];
    group->option = key;
    char **names = NULL;
    size_t count = 0;
    PM_TRY(split_list(key + prefix, klen - prefix - suffix, &names, &count, err));
    int rc = count == 0 ? pm_err(err, PAIMON_EINVAL, "invalid sequence-group option: %s", key)
                        : PAIMON_OK;
    group->seq_fields = pm_calloc(count ? count : 1, sizeof *group->seq_fields);
    if (rc == PAIMON_OK && group->seq_fields == NULL)
        rc = pm_err_nomem(err);
    for (size_t i = 0; i < count && rc == PAIMON_OK; i++) {
        rc = require_field(p->schema, key, names[i], &group->seq_fields[i], err);
        if (rc == PAIMON_OK)
            rc = check_sequence_type(p->schema, key, group->seq_fields[i], err);
        group->seq_count++;
    }
    free_list(names, count);
    PM_TRY(rc);
    PM_TRY(split_list(value, strlen(value), &names, &count, err));
    for (size_t i = 0; i < count && rc == PAIMON_OK; i++) {
        size_t f = 0;
        rc = require_field(p->schema, key, names[i], &f, err);
        if (rc == PAIMON_OK)
            rc = assign(p, key, f, g, false, err);
    }
    free_list(names, count);
    for (size_t i = 0; i < group->seq_count && rc == PAIMON_OK; i++)
        rc = assign(p, key, group->seq_fields[i], g, true, err);
    return rc;
}

static bool is_primary_key(const pm_schema *s, const char *name) {
    for (size_t k = 0; k < s->primary_key_count; k++) {
        if (strcmp(s->primary_keys[k], name) == 0)
            return true;
    }
    return false;
}

/* Java's getAggFuncName for every field: none for sequence fields, primary-key for keys, else
 * the column's function or the default one; functions other than last_non_null_value need the
 * column to be in a group. */
static int choose_functions(pm_partial_update *p, paimon_error *err) {
    const char *fallback = pm_schema_option(p->schema, "fields.default-aggregate-function");
    size_t n = pm_schema_field_count(p->schema);
    for (size_t f = 0; f < n; f++) {
        const char *name = pm_schema_fields(p->schema)[f].name;
        if (p->group_of[f] >= 0 && p->seq_of[f])
            continue;
        if (is_primary_key(p->schema, name)) {
            p->function_of[f] = "primary-key";
            continue;
        }
        char key[512];
        snprintf(key, sizeof key, "fields.%s.aggregate-function", name);
        const char *function = pm_schema_option(p->schema, key);
        if (function == NULL)
            function = fallback;
        if (function != NULL && strcmp(function, "last_non_null_value") != 0 && p->group_of[f] < 0)
            return pm_err(err, PAIMON_EINVAL,
                          "must use sequence group for aggregation functions but not found for "
                          "field %s ('%s' = '%s')",
                          name,
                          pm_schema_option(p->schema, key) != NULL
                              ? key
                              : "fields.default-aggregate-function",
                          function);
        p->function_of[f] = function;
    }
    return PAIMON_OK;
}

static int check_conflicts(pm_partial_update *p, paimon_error *err) {
    const char *on_group =
        pm_schema_option(p->schema, "partial-update.remove-record-on-sequence-group");
    if (p->remove_on_delete && p->ignore_delete)
        return pm_err(err, PAIMON_EINVAL,
                      "ignore-delete and partial-update.remove-record-on-delete have conflicting "
                      "behavior so should not be enabled at the same time");
    if (on_group != NULL && p->ignore_delete)
        return pm_err(err, PAIMON_EINVAL,
                      "ignore-delete and partial-update.remove-record-on-sequence-group have "
                      "conflicting behavior so should not be enabled at the same time");
    if (p->remove_on_delete && p->group_count > 0)
        return pm_err(err, PAIMON_EINVAL,
                      "sequence-group ('%s') and partial-update.remove-record-on-delete have "
                      "conflicting behavior so should not be enabled at the same time",
                      p->groups[0].option);
    if (on_group == NULL)
        return PAIMON_OK;
    char **names;
    size_t count;
    PM_TRY(split_list(on_group, strlen(on_group), &names, &count, err));
    int rc = PAIMON_OK;
    for (size_t i = 0; i < count && rc == PAIMON_OK; i++) {
        long f = pm_schema_field_index(p->schema, names[i]);
        if (f < 0 || p->group_of[f] < 0 || !p->seq_of[f])
            rc = pm_err(err, PAIMON_EINVAL,
                        "field '%s' defined in 'partial-update.remove-record-on-sequence-group' "
                        "option must be part of sequence groups",
                        on_group);
        else
            p->groups[p->group_of[f]].remove_on_delete = true;
    }
    free_list(names, count);
    return rc;
}

int pm_partial_update_new(const pm_schema *schema, bool ignore_delete, pm_partial_update **out,
                          paimon_error *err) {
    *out = NULL;
    pm_partial_update *p = pm_calloc(1, sizeof *p);
    if (p == NULL)
        return pm_err_nomem(err);
    p->schema = schema;
    p->ignore_delete = ignore_delete;
    size_t n = pm_schema_field_count(schema);
    p->group_of = pm_malloc((n ? n : 1) * sizeof *p->group_of);
    p->seq_of = pm_calloc(n ? n : 1, sizeof *p->seq_of);
    p->function_of = pm_calloc(n ? n : 1, sizeof *p->function_of);
    p->groups = pm_calloc(schema->options.count + 1, sizeof *p->groups);
    int rc =
        p->group_of && p->seq_of && p->function_of && p->groups ? PAIMON_OK : pm_err_nomem(err);
    for (size_t f = 0; f < n && rc == PAIMON_OK; f++)
        p->group_of[f] = -1;
    if (rc == PAIMON_OK)
        rc = pm_options_get_bool(&schema->options, "partial-update.remove-record-on-delete", false,
                                 &p->remove_on_delete, err);
    for (size_t i = 0; i < schema->options.count && rc == PAIMON_OK; i++) {
        if (is_candidate(schema->options.keys[i]))
            rc = parse_group(p, schema->options.keys[i], schema->options.values[i], err);
    }
    if (rc == PAIMON_OK)
        rc = choose_functions(p, err);
    if (rc == PAIMON_OK)
        rc = check_conflicts(p, err);
    if (rc != PAIMON_OK) {
        pm_partial_update_free(p);
        return rc;
    }
    *out = p;
    return PAIMON_OK;
}

void pm_partial_update_free(pm_partial_update *p) {
    if (p == NULL)
        return;
    for (size_t g = 0; g < p->group_count; g++) {
        pm_free(p->groups[g].seq_fields);
        pm_free(p->groups[g].seq_cols);
    }
    for (size_t i = 0; i < p->col_count; i++) {
        pm_field_agg_free(p->cols[i].agg);
        if (p->values != NULL)
            pm_col_dispose(&p->values[i]);
    }
    pm_free(p->groups);
    pm_free(p->group_of);
    pm_free(p->seq_of);
    pm_free(p->function_of);
    pm_free(p->cols);
    pm_free(p->refs);
    pm_free(p->values);
    pm_free(p);
}

/* ---- binding to the read columns ---- */

static long read_position(const size_t *read_fields, size_t read_count, size_t field) {
    for (size_t i = 0; i < read_count; i++) {
        if (read_fields[i] == field)
            return (long)i;
    }
    return -1;
}

void pm_partial_update_columns(const pm_partial_update *p, size_t *read_fields,
                               size_t *read_count) {
    size_t given = *read_count;
    for (size_t i = 0; i < given; i++) {
        long g = p->group_of[read_fields[i]];
        if (g < 0)
            continue;
        const pu_group *group = &p->groups[g];
        for (size_t k = 0; k < group->seq_count; k++) {
            if (read_position(read_fields, *read_count, group->seq_fields[k]) < 0)
                read_fields[(*read_count)++] = group->seq_fields[k];
        }
    }
}

static int bind_column(pm_partial_update *p, pu_column *c, size_t field, paimon_error *err) {
    const pm_field *f = &pm_schema_fields(p->schema)[field];
    c->group = p->group_of[field];
    c->is_seq = c->group >= 0 && p->seq_of[field];
    c->type = f->type;
    c->name = f->name;
    c->nullable = f->type->nullable;
    c->ref.source = PM_GATHER_NULL;
    const char *function = p->function_of[field];
    if (function == NULL)
        return PAIMON_OK;
    PM_TRY(pm_merge_ignore_retract(p->schema, f->name, &c->ignore_retract, err));
    if (strcmp(function, "primary-key") == 0 || c->group < 0) {
        /* Keys keep their (equal) values and a last_non_null_value column outside groups is
         * never retracted: both follow the default rule. */
        c->rule = RULE_PLAIN;
    } else if (strcmp(function, "last_non_null_value") == 0) {
        c->rule = RULE_LAST_NON_NULL; /* kept as references, no need to compute */
    } else {
        c->rule = RULE_AGG;
        p->computes = true;
        PM_TRY(pm_merge_new_aggregator(p->schema, f, function, &c->agg, err));
    }
    return PAIMON_OK;
}

int pm_partial_update_bind(pm_partial_update *p, const size_t *read_fields, size_t read_count,
                           paimon_error *err) {
    size_t n = read_count ? read_count : 1;
    p->cols = pm_calloc(n, sizeof *p->cols);
    p->refs = pm_calloc(n, sizeof *p->refs);
    if (p->cols == NULL || p->refs == NULL)
        return pm_err_nomem(err);
    p->col_count = read_count;
    for (size_t i = 0; i < read_count; i++) {
        PM_TRY(bind_column(p, &p->cols[i], read_fields[i], err));
        if (p->cols[i].group >= 0)
            p->groups[p->cols[i].group].active = true;
    }
    for (size_t g = 0; g < p->group_count; g++) {
        pu_group *group = &p->groups[g];
        if (!group->active)
            continue;
        p->active_groups = true;
        group->seq_cols = pm_calloc(group->seq_count, sizeof *group->seq_cols);
        if (group->seq_cols == NULL)
            return pm_err_nomem(err);
        for (size_t k = 0; k < group->seq_count; k++) {
            long col = read_position(read_fields, read_count, group->seq_fields[k]);
            if (col < 0)
                return pm_err(err, PAIMON_EINVAL, "%s: sequence field '%s' is not read",
                              group->option,
                              pm_schema_fields(p->schema)[group->seq_fields[k]].name);
            group->seq_cols[k] = (size_t)col;
        }
    }
    if (p->computes) {
        p->values = pm_calloc(n, sizeof *p->values);
        if (p->values == NULL)
            return pm_err_nomem(err);
        for (size_t i = 0; i < read_count; i++)
            PM_TRY(pm_col_init(&p->values[i], p->cols[i].type, err));
    }
    return PAIMON_OK;
}

bool pm_partial_update_computes(const pm_partial_update *p) {
    return p->computes;
}

pm_col *pm_partial_update_values(pm_partial_update *p) {
    return p->values;
}

/* ---- merging ---- */

void pm_partial_update_reset(pm_partial_update *p) {
    p->meet_insert = false;
    p->filled = false;
    p->deleted = false;
    for (size_t i = 0; i < p->col_count; i++) {
        p->cols[i].ref.source = PM_GATHER_NULL;
        if (p->cols[i].agg != NULL)
            pm_field_agg_reset(p->cols[i].agg);
    }
}

static bool present(const pm_merge_record *rec, size_t col) {
    return pm_arrow_is_valid(rec->batch->children[col], rec->row);
}

/* The state of a reference column takes the record's value (null included). */
static void take(pu_column *c, const pm_merge_record *rec, size_t col) {
    if (!present(rec, col)) {
        c->ref.source = PM_GATHER_NULL;
        return;
    }
    c->ref.source = rec->source;
    c->ref.row = rec->row;
    c->array = rec->batch->children[col];
}

static int null_error(const pu_column *c, paimon_error *err) {
    return pm_err(err, PAIMON_ECORRUPT,
                  "partial-update: column '%s' is NOT NULL but a record of the key holds null "
                  "in it",
                  c->name);
}

/* Java's initRow: the whole state becomes the record's values. */
static int init_row(pm_partial_update *p, const pm_merge_record *rec, paimon_error *err) {
    for (size_t i = 0; i < p->col_count; i++) {
        pu_column *c = &p->cols[i];
        if (!c->nullable && !present(rec, i))
            return null_error(c, err);
        if (c->agg != NULL)
            PM_TRY(pm_field_agg_set(c->agg, rec->batch->children[i], rec->row, err));
        else
            take(c, rec, i);
    }
    return PAIMON_OK;
}

static pm_datum value_at(const pu_column *c, const struct ArrowArray *array, uint32_t row) {
    if (!pm_arrow_is_valid(array, row))
        return pm_datum_null();
    return pm_arrow_get_datum(array, c->type, row);
}

/* How the record relates to the group's state: skips it (its sequence fields are all null),
 * or is newer (compares >=) or older. */
static int group_mode(const pm_partial_update *p, const pu_group *g, const pm_merge_record *rec) {
    bool all_null = true;
    for (size_t k = 0; k < g->seq_count && all_null; k++)
        all_null = !present(rec, g->seq_cols[k]);
    if (all_null)
        return MODE_SKIP;
    for (size_t k = 0; k < g->seq_count; k++) {
        const pu_column *c = &p->cols[g->seq_cols[k]];
        pm_datum a = value_at(c, rec->batch->children[g->seq_cols[k]], rec->row);
        pm_datum b =
            c->ref.source == PM_GATHER_NULL ? pm_datum_null() : value_at(c, c->array, c->ref.row);
        int cmp = pm_datum_compare(c->type, &a, &b);
        if (cmp != 0)
            return cmp > 0 ? MODE_NEWER : MODE_OLDER;
    }
    return MODE_NEWER;
}

static void set_modes(pm_partial_update *p, const pm_merge_record *rec) {
    for (size_t g = 0; g < p->group_count; g++) {
        if (p->groups[g].active)
            p->groups[g].mode = group_mode(p, &p->groups[g], rec);
    }
}

static int update_plain(pm_partial_update *p, const pm_merge_record *rec, paimon_error *err) {
    for (size_t i = 0; i < p->col_count; i++) {
        pu_column *c = &p->cols[i];
        if (present(rec, i))
            take(c, rec, i);
        else if (!c->nullable)
            return null_error(c, err);
    }
    return PAIMON_OK;
}

static int update_with_groups(pm_partial_update *p, const pm_merge_record *rec, paimon_error *err) {
    set_modes(p, rec);
    for (size_t i = 0; i < p->col_count; i++) {
        pu_column *c = &p->cols[i];
        const struct ArrowArray *input = rec->batch->children[i];
        if (c->group < 0) {
            if (present(rec, i))
                take(c, rec, i);
            continue;
        }
        int mode = p->groups[c->group].mode;
        if (mode == MODE_SKIP)
            continue;
        if (mode == MODE_NEWER) {
            if (c->rule == RULE_AGG)
                PM_TRY(pm_field_agg_add(c->agg, input, rec->row, err));
            else if (c->rule == RULE_PLAIN || present(rec, i))
                take(c, rec, i);
        } else if (c->rule == RULE_AGG) {
            PM_TRY(pm_field_agg_add_reversed(c->agg, input, rec->row, c->ignore_retract, err));
        } else if (c->rule == RULE_LAST_NON_NULL && c->ref.source == PM_GATHER_NULL) {
            take(c, rec, i); /* agg(older, state): the state unless it is null */
        }
    }
    return PAIMON_OK;
}

/* The column's function retracts the record's value. */
static int retract_value(pu_column *c, const pm_merge_record *rec, size_t col, paimon_error *err) {
    if (c->ignore_retract)
        return PAIMON_OK;
    if (c->rule == RULE_AGG)
        return pm_field_agg_retract(c->agg, rec->batch->children[col], rec->row, err);
    if (present(rec, col))
        c->ref.source = PM_GATHER_NULL; /* last_non_null_value */
    return PAIMON_OK;
}

static int retract_with_groups(pm_partial_update *p, const pm_merge_record *rec,
                               paimon_error *err) {
    set_modes(p, rec);
    for (size_t i = 0; i < p->col_count; i++) {
        pu_column *c = &p->cols[i];
        if (c->group < 0)
            continue;
        const pu_group *g = &p->groups[c->group];
        if (g->mode == MODE_SKIP)
            continue;
        if (c->is_seq) {
            if (g->mode != MODE_NEWER)
                continue;
            if (rec->kind == 3 && g->remove_on_delete) {
                p->deleted = true;
                return init_row(p, rec, err);
            }
            take(c, rec, i);
        } else if (c->rule != RULE_PLAIN) {
            PM_TRY(retract_value(c, rec, i, err));
        } else if (g->mode == MODE_NEWER) {
            c->ref.source = PM_GATHER_NULL;
        }
    }
    return PAIMON_OK;
}

int pm_partial_update_add(pm_partial_update *p, const pm_merge_record *rec, paimon_error *err) {
    p->deleted = false;
    if (rec->kind == 1 || rec->kind == 3) {
        if (!p->filled) {
            PM_TRY(init_row(p, rec, err));
            p->filled = true;
        }
        if (p->ignore_delete)
            return PAIMON_OK;
        if (p->group_count > 0)
            return retract_with_groups(p, rec, err);
        if (p->remove_on_delete) {
            if (rec->kind == 3) {
                p->deleted = true;
                return init_row(p, rec, err);
            }
            return PAIMON_OK;
        }
        return pm_err(err, PAIMON_ECORRUPT,
                      "partial-update can not accept delete records: configure 'ignore-delete', "
                      "'partial-update.remove-record-on-delete', or sequence groups (with "
                      "'partial-update.remove-record-on-sequence-group')");
    }
    PM_TRY(p->active_groups ? update_with_groups(p, rec, err) : update_plain(p, rec, err));
    p->meet_insert = true;
    p->filled = true;
    return PAIMON_OK;
}

int pm_partial_update_result(pm_partial_update *p, pm_merge_result *out, paimon_error *err) {
    out->emit = p->meet_insert && !p->deleted;
    out->computed = p->computes;
    out->refs = p->refs;
    for (size_t i = 0; out->emit && i < p->col_count; i++) {
        pu_column *c = &p->cols[i];
        if (!p->computes) {
            p->refs[i] = c->ref;
            continue;
        }
        if (c->agg != NULL) {
            PM_TRY(pm_field_agg_result(c->agg, &p->values[i], err));
            continue;
        }
        int rc = c->ref.source == PM_GATHER_NULL
                     ? pm_col_append_null(&p->values[i])
                     : pm_col_append_from(&p->values[i], c->array, c->ref.row);
        if (rc != PAIMON_OK)
            return rc == PAIMON_ENOMEM ? pm_err_nomem(err)
                                       : pm_err(err, rc,
                                                "partial-update: column '%s': cannot "
                                                "copy the value",
                                                c->name);
    }
    return PAIMON_OK;
}
