/*
 * field_agg.c - the aggregator factory (function names, accepted types, per-column options, as
 * the Java factories in mergetree/compact/aggregate/factory check them) and the parts every
 * function shares: the accumulator, reset, result, and read-only views of builders.
 */
#include "agg/agg_internal.h"

#include "util/endian.h"
#include "util/mem.h"
#include "util/strutil.h"
#include "util/vec.h"

#include <string.h>

const char *const pm_field_agg_functions[] = {
    "sum",
    "product",
    "max",
    "min",
    "last_value",
    "last_non_null_value",
    "first_value",
    "first_non_null_value",
    "first_not_null_value",
    "listagg",
    "bool_and",
    "bool_or",
    "collect",
    "merge_map",
    "merge_map_with_keytime",
    "nested_update",
    "nested_partial_update",
    "primary-key",
    "rbm32",
    "rbm64",
    "theta_sketch",
    "hll_sketch",
    NULL,
};

/* ---- views ---- */

static void view_release(struct ArrowArray *arr) { (void)arr; }

static const uint8_t empty_buffer[16];

int agg_view_init(agg_view *v, const pm_col *shape) {
    memset(v, 0, sizeof *v);
    v->child_count = shape->child_count;
    if (v->child_count == 0)
        return PAIMON_OK;
    v->children = pm_calloc(v->child_count, sizeof *v->children);
    v->child_ptrs = pm_calloc(v->child_count, sizeof *v->child_ptrs);
    if (v->children == NULL || v->child_ptrs == NULL)
        return PAIMON_ENOMEM;
    for (size_t i = 0; i < v->child_count; i++) {
        v->child_ptrs[i] = &v->children[i].arr;
        PM_TRY(agg_view_init(&v->children[i], &shape->children[i]));
    }
    return PAIMON_OK;
}

void agg_view_dispose(agg_view *v) {
    if (v->children != NULL) {
        for (size_t i = 0; i < v->child_count; i++)
            agg_view_dispose(&v->children[i]);
    }
    pm_free(v->children);
    pm_free(v->child_ptrs);
    memset(v, 0, sizeof *v);
}

static const void *data_or_empty(const pm_buf *b) {
    return b->data != NULL ? (const void *)b->data : (const void *)empty_buffer;
}

const struct ArrowArray *agg_view_of(agg_view *v, const pm_col *c) {
    struct ArrowArray *arr = &v->arr;
    arr->length = c->length;
    arr->null_count = c->null_count;
    arr->offset = 0;
    arr->buffers = v->bufs;
    arr->n_children = (int64_t)v->child_count;
    arr->children = v->child_ptrs;
    arr->dictionary = NULL;
    arr->release = view_release;
    arr->private_data = NULL;
    v->bufs[0] = c->null_count > 0 ? c->validity.data : NULL;
    switch (c->layout) {
    case PM_LAYOUT_BOOL:
    case PM_LAYOUT_FIXED:
        arr->n_buffers = 2;
        v->bufs[1] = data_or_empty(&c->values);
        break;
    case PM_LAYOUT_VARBIN:
        arr->n_buffers = 3;
        v->bufs[1] = data_or_empty(&c->offsets);
        v->bufs[2] = data_or_empty(&c->values);
        break;
    case PM_LAYOUT_LIST:
        arr->n_buffers = 2;
        v->bufs[1] = data_or_empty(&c->offsets);
        break;
    case PM_LAYOUT_STRUCT: arr->n_buffers = 1; break;
    }
    for (size_t i = 0; i < v->child_count; i++)
        agg_view_of(&v->children[i], &c->children[i]);
    return arr;
}

void agg_list_range(const struct ArrowArray *a, int64_t row, int64_t *start, int64_t *end) {
    const uint8_t *offsets = a->buffers[1];
    int64_t at = a->offset + row;
    *start = (int32_t)pm_load_le32(offsets + at * 4);
    *end = (int32_t)pm_load_le32(offsets + at * 4 + 4);
}

/* ---- the accumulator ---- */

void agg_set_null(pm_field_agg *a) {
    a->is_null = true;
    a->acc = pm_datum_null();
}

int agg_keep_bytes(pm_field_agg *a, const uint8_t *data, size_t len, paimon_error *err) {
    a->acc_bytes.len = 0;
    PM_TRY_MEM(err, pm_buf_append(&a->acc_bytes, data, len));
    a->is_null = false;
    a->acc.is_null = false;
    a->acc.v.bytes.ptr = a->acc_bytes.data;
    a->acc.v.bytes.len = len;
    return PAIMON_OK;
}

int agg_keep(pm_field_agg *a, const struct ArrowArray *in, int64_t row, paimon_error *err) {
    if (!pm_arrow_is_valid(in, row)) {
        agg_set_null(a);
        return PAIMON_OK;
    }
    if (a->nested) {
        pm_col_clear(&a->cur);
        PM_TRY_MEM(err, pm_col_append_from(&a->cur, in, row));
        a->is_null = false;
        return PAIMON_OK;
    }
    pm_datum d = pm_arrow_get_datum(in, a->type, row);
    switch (a->type->id) {
    case PM_TYPE_CHAR:
    case PM_TYPE_VARCHAR:
    case PM_TYPE_BINARY:
    case PM_TYPE_VARBINARY:
    case PM_TYPE_BLOB: return agg_keep_bytes(a, d.v.bytes.ptr, d.v.bytes.len, err);
    default: break;
    }
    a->acc = d;
    a->is_null = false;
    return PAIMON_OK;
}

const struct ArrowArray *agg_cur(pm_field_agg *a) { return agg_view_of(&a->cur_view, &a->cur); }

void agg_swap_next(pm_field_agg *a) {
    pm_col tmp = a->cur;
    a->cur = a->next;
    a->next = tmp;
    pm_col_clear(&a->next);
    a->is_null = false;
}

int agg_union_add(pm_field_agg *a, const struct ArrowArray *in, int64_t row, agg_union_fn fn,
                  paimon_error *err) {
    if (!pm_arrow_is_valid(in, row))
        return PAIMON_OK;
    if (a->is_null)
        return agg_keep(a, in, row, err);
    pm_datum d = pm_arrow_get_datum(in, a->type, row);
    pm_buf out;
    pm_buf_init(&out);
    int rc = fn(a->acc_bytes.data, a->acc_bytes.len, d.v.bytes.ptr, d.v.bytes.len, &out, err);
    if (rc == PAIMON_OK)
        rc = agg_keep_bytes(a, out.data, out.len, err);
    pm_buf_dispose(&out);
    return rc;
}

int agg_err_retract(const pm_field_agg *a, paimon_error *err) {
    return pm_err(err, PAIMON_EUNSUPPORTED,
                  "aggregate function '%s' of column '%s' does not support retraction; set "
                  "'fields.%s.ignore-retract' = 'true' to ignore retraction messages",
                  a->function, a->column, a->column);
}

int agg_cells_reserve(pm_field_agg *a, size_t n, paimon_error *err) {
    if (pm_grow((void **)&a->cells, &a->cell_cap, n, sizeof *a->cells) != PAIMON_OK ||
        pm_grow((void **)&a->hashes, &a->hash_cap, n, sizeof *a->hashes) != PAIMON_OK)
        return pm_err_nomem(err);
    return PAIMON_OK;
}

/* ---- public entry points ---- */

void pm_field_agg_reset(pm_field_agg *a) {
    agg_set_null(a);
    a->initialized = false;
    if (a->nested)
        pm_col_clear(&a->cur);
}

int pm_field_agg_add(pm_field_agg *a, const struct ArrowArray *input, int64_t row,
                     paimon_error *err) {
    int rc = a->ops->add(a, input, row, err);
    if (rc != PAIMON_OK && rc != PAIMON_ENOMEM)
        pm_err_prefix(err, "column '%s': ", a->column);
    return rc;
}

int pm_field_agg_retract(pm_field_agg *a, const struct ArrowArray *input, int64_t row,
                         paimon_error *err) {
    if (a->ops->retract == NULL)
        return agg_err_retract(a, err);
    int rc = a->ops->retract(a, input, row, err);
    if (rc != PAIMON_OK && rc != PAIMON_ENOMEM)
        pm_err_prefix(err, "column '%s': ", a->column);
    return rc;
}

int pm_field_agg_add_reversed(pm_field_agg *a, const struct ArrowArray *input, int64_t row,
                              bool ignore_retract, paimon_error *err) {
    if (a->ops == &agg_collect_ops && !ignore_retract)
        return pm_field_agg_add(a, input, row, err);
    if (!a->prev_ready) {
        PM_TRY(pm_col_init(&a->prev, a->type, err));
        a->prev_ready = true;
        if (agg_view_init(&a->prev_view, &a->prev) != PAIMON_OK)
            return pm_err_nomem(err);
    }
    pm_col_clear(&a->prev);
    PM_TRY(pm_field_agg_result(a, &a->prev, err));
    PM_TRY(agg_keep(a, input, row, err));
    return pm_field_agg_add(a, agg_view_of(&a->prev_view, &a->prev), 0, err);
}

bool pm_field_agg_supports_retract(const pm_field_agg *a) { return a->ops->retract != NULL; }

const char *pm_field_agg_name(const pm_field_agg *a) { return a->function; }

int pm_field_agg_set(pm_field_agg *a, const struct ArrowArray *input, int64_t row,
                     paimon_error *err) {
    return agg_keep(a, input, row, err);
}

int pm_field_agg_result(pm_field_agg *a, pm_col *out, paimon_error *err) {
    int rc;
    if (a->is_null)
        rc = pm_col_append_null(out);
    else if (a->nested)
        rc = pm_col_append_from(out, agg_cur(a), 0);
    else
        rc = pm_col_append_datum(out, &a->acc);
    if (rc != PAIMON_OK)
        return rc == PAIMON_ENOMEM ? pm_err_nomem(err)
                                   : pm_err(err, rc, "column '%s': cannot append the result",
                                            a->column);
    return PAIMON_OK;
}

void pm_field_agg_free(pm_field_agg *a) {
    if (a == NULL)
        return;
    agg_bitmap_free(a);
    pm_free(a->function);
    pm_free(a->column);
    pm_buf_dispose(&a->acc_bytes);
    pm_buf_dispose(&a->delimiter);
    pm_buf_dispose(&a->scratch);
    pm_buf_dispose(&a->keys);
    if (a->nested) {
        pm_col_dispose(&a->cur);
        pm_col_dispose(&a->next);
        agg_view_dispose(&a->cur_view);
    }
    if (a->prev_ready) {
        pm_col_dispose(&a->prev);
        agg_view_dispose(&a->prev_view);
    }
    pm_free(a->nested_key);
    pm_free(a->nested_seq);
    pm_free(a->cells);
    pm_free(a->hashes);
    pm_free(a->key_offs);
    pm_free(a->marks);
    pm_free(a->tokens);
    jhm_dispose(&a->map);
    pm_type_free(a->type);
    pm_free(a);
}

/* ---- the factory ---- */

typedef enum accepts {
    ANY,
    NUMERIC,
    COMPARABLE,
    BOOLEAN,
    STRING,
    VARBINARY,
    ARRAY,
    ARRAY_OF_ROW,
    MAP,
} accepts;

typedef struct function_def {
    const char *name;
    const agg_ops *ops;
    accepts types;
} function_def;

static const function_def functions[] = {
    {"sum", &agg_sum_ops, NUMERIC},
    {"product", &agg_product_ops, NUMERIC},
    {"max", &agg_max_ops, COMPARABLE},
    {"min", &agg_min_ops, COMPARABLE},
    {"last_value", &agg_last_value_ops, ANY},
    {"last_non_null_value", &agg_last_non_null_ops, ANY},
    {"first_value", &agg_first_value_ops, ANY},
    {"first_non_null_value", &agg_first_non_null_ops, ANY},
    {"first_not_null_value", &agg_first_non_null_ops, ANY},
    {"listagg", &agg_listagg_ops, STRING},
    {"bool_and", &agg_bool_and_ops, BOOLEAN},
    {"bool_or", &agg_bool_or_ops, BOOLEAN},
    {"collect", &agg_collect_ops, ARRAY},
    {"merge_map", &agg_merge_map_ops, MAP},
    {"merge_map_with_keytime", &agg_merge_map_keytime_ops, MAP},
    {"nested_update", &agg_nested_update_ops, ARRAY_OF_ROW},
    {"nested_partial_update", &agg_nested_partial_update_ops, ARRAY_OF_ROW},
    {"primary-key", &agg_primary_key_ops, ANY},
    {"rbm32", &agg_rbm32_ops, VARBINARY},
    {"rbm64", &agg_rbm64_ops, VARBINARY},
    {"hll_sketch", &agg_hll_ops, VARBINARY},
    {"theta_sketch", &agg_theta_ops, VARBINARY},
};

static bool type_accepted(accepts what, const pm_type *t) {
    switch (what) {
    case ANY: return true;
    case NUMERIC:
        return pm_type_is_integer(t) || t->id == PM_TYPE_FLOAT || t->id == PM_TYPE_DOUBLE ||
               t->id == PM_TYPE_DECIMAL;
    case COMPARABLE:
        return !pm_type_is_nested(t) && t->id != PM_TYPE_VARIANT && t->id != PM_TYPE_BLOB;
    case BOOLEAN: return t->id == PM_TYPE_BOOLEAN;
    case STRING: return t->id == PM_TYPE_VARCHAR && t->length == PM_MAX_LENGTH;
    case VARBINARY: return t->id == PM_TYPE_VARBINARY;
    case ARRAY: return t->id == PM_TYPE_ARRAY;
    case ARRAY_OF_ROW: return t->id == PM_TYPE_ARRAY && t->element->id == PM_TYPE_ROW;
    case MAP: return t->id == PM_TYPE_MAP;
    }
    return false;
}

static const char *type_wanted(accepts what) {
    switch (what) {
    case ANY: return "any type";
    case NUMERIC: return "a numeric type";
    case COMPARABLE: return "a comparable type";
    case BOOLEAN: return "BOOLEAN";
    case STRING: return "STRING (unbounded VARCHAR)";
    case VARBINARY: return "VARBINARY";
    case ARRAY: return "ARRAY";
    case ARRAY_OF_ROW: return "ARRAY<ROW>";
    case MAP: return "MAP";
    }
    return "?";
}

typedef struct factory {
    const char *function;
    const char *column;
    pm_field_agg_option_fn option;
    void *ctx;
    paimon_error *err;
    pm_buf type_text;
} factory;

static const char *opt(factory *f, const char *suffix) {
    return f->option != NULL ? f->option(f->ctx, suffix) : NULL;
}

static const char *type_text(factory *f, const pm_type *t) {
    f->type_text.len = 0;
    if (pm_type_format(t, &f->type_text) != PAIMON_OK)
        return pm_type_id_name(t->id);
    return pm_buf_cstr(&f->type_text);
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static int parse_bool_option(factory *f, const char *suffix, bool *out) {
    const char *v = opt(f, suffix);
    *out = false;
    if (v == NULL)
        return PAIMON_OK;
    if (pm_str_ieq(v, "true"))
        *out = true;
    else if (!pm_str_ieq(v, "false"))
        return pm_err(f->err, PAIMON_EINVAL, "option 'fields.%s.%s' must be true or false, not '%s'",
                      f->column, suffix, v);
    return PAIMON_OK;
}

static int parse_int_option(factory *f, const char *suffix, int32_t def, int32_t *out) {
    const char *v = opt(f, suffix);
    *out = def;
    if (v == NULL)
        return PAIMON_OK;
    size_t s = 0, e = strlen(v);
    while (s < e && is_space(v[s]))
        s++;
    while (e > s && is_space(v[e - 1]))
        e--;
    if (!pm_parse_i32(v + s, e - s, out))
        return pm_err(f->err, PAIMON_EINVAL, "option 'fields.%s.%s' must be an INT, not '%s'",
                      f->column, suffix, v);
    return PAIMON_OK;
}

/* A comma-separated list of field names of the nested row (Java trims each). */
static int parse_field_list(factory *f, const char *suffix, const pm_type *row, int32_t **out,
                            size_t *count) {
    const char *v = opt(f, suffix);
    *out = NULL;
    *count = 0;
    if (v == NULL)
        return PAIMON_OK;
    size_t n = 1;
    for (const char *p = v; *p; p++)
        n += *p == ',';
    *out = pm_calloc(n, sizeof **out);
    if (*out == NULL)
        return pm_err_nomem(f->err);
    const char *p = v;
    for (size_t i = 0; i < n; i++) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        size_t s = 0, e = len;
        while (s < e && (unsigned char)p[s] <= ' ')
            s++;
        while (e > s && (unsigned char)p[e - 1] <= ' ')
            e--;
        long idx = -1;
        for (size_t k = 0; k < row->field_count; k++) {
            if (strlen(row->fields[k].name) == e - s &&
                memcmp(row->fields[k].name, p + s, e - s) == 0) {
                idx = (long)k;
                break;
            }
        }
        if (idx < 0)
            return pm_err(f->err, PAIMON_EINVAL,
                          "option 'fields.%s.%s': field '%.*s' is not a field of the nested row",
                          f->column, suffix, (int)(e - s), p + s);
        (*out)[i] = (int32_t)idx;
        p = end ? end + 1 : p + len;
    }
    *count = n;
    return PAIMON_OK;
}

static int configure_nested(factory *f, pm_field_agg *a, bool partial) {
    const pm_type *row = a->type->element;
    PM_TRY(parse_field_list(f, "nested-key", row, &a->nested_key, &a->nested_key_count));
    const char *strategy = opt(f, "nested-key-null-strategy");
    a->null_strategy = AGG_NESTED_NULL_MERGE;
    if (strategy != NULL) {
        if (pm_str_ieq(strategy, "merge"))
            a->null_strategy = AGG_NESTED_NULL_MERGE;
        else if (pm_str_ieq(strategy, "ignore"))
            a->null_strategy = AGG_NESTED_NULL_IGNORE;
        else if (pm_str_ieq(strategy, "error"))
            a->null_strategy = AGG_NESTED_NULL_ERROR;
        else
            return pm_err(f->err, PAIMON_EINVAL,
                          "option 'fields.%s.nested-key-null-strategy' must be merge, ignore or "
                          "error, not '%s'",
                          f->column, strategy);
    }
    if (partial) {
        if (a->nested_key_count == 0)
            return pm_err(f->err, PAIMON_EINVAL,
                          "nested_partial_update of column '%s' needs 'fields.%s.nested-key'",
                          f->column, f->column);
    } else {
        if (strategy != NULL && a->nested_key_count == 0)
            return pm_err(f->err, PAIMON_EINVAL,
                          "option 'fields.%s.nested-key-null-strategy' requires "
                          "'fields.%s.nested-key' to be configured",
                          f->column, f->column);
        PM_TRY(parse_field_list(f, "nested-sequence-field", row, &a->nested_seq,
                                &a->nested_seq_count));
        if (a->nested_seq_count > 0 && a->nested_key_count == 0)
            return pm_err(f->err, PAIMON_EINVAL,
                          "option 'fields.%s.nested-sequence-field' requires "
                          "'fields.%s.nested-key' to be configured",
                          f->column, f->column);
        PM_TRY(parse_int_option(f, "count-limit", INT32_MAX, &a->count_limit));
    }
    for (size_t i = 0; i < a->nested_key_count; i++) {
        const pm_type *t = row->fields[a->nested_key[i]].type;
        if (!agg_binrow_supports(t))
            return pm_err(f->err, PAIMON_EUNSUPPORTED,
                          "%s of column '%s': nested-key field '%s' of type %s is not supported",
                          a->function, f->column, row->fields[a->nested_key[i]].name,
                          type_text(f, t));
    }
    for (size_t i = 0; i < a->nested_seq_count; i++) {
        const pm_type *t = row->fields[a->nested_seq[i]].type;
        if (pm_type_is_nested(t) || t->id == PM_TYPE_VARIANT || t->id == PM_TYPE_BLOB)
            return pm_err(f->err, PAIMON_EUNSUPPORTED,
                          "nested_update of column '%s': nested-sequence-field '%s' of type %s "
                          "is not supported",
                          f->column, row->fields[a->nested_seq[i]].name, type_text(f, t));
    }
    return PAIMON_OK;
}

static int configure_keytime(factory *f, pm_field_agg *a) {
    const pm_type *value = a->type->value;
    if (value->id != PM_TYPE_ROW)
        return pm_err(f->err, PAIMON_EINVAL,
                      "merge_map_with_keytime of column '%s': the MAP value must be a ROW, not %s",
                      f->column, type_text(f, value));
    if (value->field_count < 2)
        return pm_err(f->err, PAIMON_EINVAL,
                      "merge_map_with_keytime of column '%s': the ROW value must have at least 2 "
                      "fields, but has %zu",
                      f->column, value->field_count);
    const char *ts = opt(f, "ts-field");
    if (ts == NULL) {
        a->ts_field = (int32_t)value->field_count - 1;
    } else {
        long idx = pm_row_field_index_by_name(value, ts);
        if (idx < 0)
            return pm_err(f->err, PAIMON_EINVAL,
                          "merge_map_with_keytime of column '%s': timestamp field '%s' is not a "
                          "field of the ROW value",
                          f->column, ts);
        a->ts_field = (int32_t)idx;
    }
    return PAIMON_OK;
}

static int configure(factory *f, pm_field_agg *a) {
    const pm_type *t = a->type;
    const agg_ops *ops = a->ops;
    if (ops == &agg_listagg_ops) {
        PM_TRY(parse_bool_option(f, "distinct", &a->distinct));
        const char *d = opt(f, "list-agg-delimiter");
        PM_TRY_MEM(f->err, pm_buf_append_str(&a->delimiter, d != NULL ? d : ","));
    } else if (ops == &agg_collect_ops) {
        PM_TRY(parse_bool_option(f, "distinct", &a->distinct));
    } else if (ops == &agg_merge_map_ops || ops == &agg_merge_map_keytime_ops) {
        if (pm_type_is_nested(t->key) || t->key->id == PM_TYPE_VARIANT)
            return pm_err(f->err, PAIMON_EUNSUPPORTED,
                          "%s of column '%s': MAP keys of type %s are not supported (Java compares "
                          "them by identity)",
                          a->function, f->column, type_text(f, t->key));
        if (ops == &agg_merge_map_keytime_ops)
            PM_TRY(configure_keytime(f, a));
    } else if (ops == &agg_nested_update_ops) {
        PM_TRY(configure_nested(f, a, false));
    } else if (ops == &agg_nested_partial_update_ops) {
        PM_TRY(configure_nested(f, a, true));
    }
    return PAIMON_OK;
}

static int create(factory *f, const function_def *def, const pm_type *type, pm_field_agg **out) {
    pm_field_agg *a = pm_calloc(1, sizeof *a);
    if (a == NULL)
        return pm_err_nomem(f->err);
    a->ops = def->ops;
    a->function = pm_strdup(f->function);
    a->column = pm_strdup(f->column);
    a->type = pm_type_clone(type);
    a->count_limit = INT32_MAX;
    if (a->function == NULL || a->column == NULL || a->type == NULL) {
        pm_field_agg_free(a);
        return pm_err_nomem(f->err);
    }
    jhm_init(&a->map, NULL);
    agg_set_null(a);
    a->nested = pm_type_is_nested(type);
    int rc = PAIMON_OK;
    if (a->nested) {
        rc = pm_col_init(&a->cur, a->type, f->err);
        if (rc == PAIMON_OK)
            rc = pm_col_init(&a->next, a->type, f->err);
        if (rc == PAIMON_OK && agg_view_init(&a->cur_view, &a->cur) != PAIMON_OK)
            rc = pm_err_nomem(f->err);
    }
    if (rc == PAIMON_OK)
        rc = configure(f, a);
    if (rc != PAIMON_OK) {
        pm_field_agg_free(a);
        return rc;
    }
    *out = a;
    return PAIMON_OK;
}

int pm_field_agg_new(const char *function, const char *column, const pm_type *type,
                     pm_field_agg_option_fn option, void *option_ctx, pm_field_agg **out,
                     paimon_error *err) {
    *out = NULL;
    factory f = {function, column, option, option_ctx, err, PM_BUF_INIT};
    const function_def *def = NULL;
    for (size_t i = 0; i < sizeof functions / sizeof functions[0]; i++) {
        if (strcmp(functions[i].name, function) == 0) {
            def = &functions[i];
            break;
        }
    }
    int rc;
    if (def == NULL) {
        rc = pm_err(err, PAIMON_EUNSUPPORTED,
                    "column '%s': unsupported aggregate function '%s' (not a Paimon built-in "
                    "function, or misspelled)",
                    column, function);
    } else if (!type_accepted(def->types, type)) {
        rc = pm_err(err, PAIMON_EINVAL,
                    "aggregate function '%s' of column '%s' needs %s, but the column is %s",
                    function, column, type_wanted(def->types), type_text(&f, type));
    } else if (type->id == PM_TYPE_VARIANT) {
        rc = pm_err(err, PAIMON_EUNSUPPORTED,
                    "aggregate function '%s' of column '%s': VARIANT columns are not supported",
                    function, column);
    } else {
        rc = create(&f, def, type, out);
    }
    pm_buf_dispose(&f.type_text);
    return rc;
}
