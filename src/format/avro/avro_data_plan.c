/* avro_data_plan.c - matches an Avro writer schema against requested Paimon fields (by name)
 * and picks the conversion of every value; refuses impossible ones naming the column. */
#include "format/avro/avro_data_plan.h"

#include "util/buf.h"

#include <stdio.h>
#include <string.h>

/* MULTISET<T> values are counts: INT NOT NULL. */
static const pm_type MULTISET_COUNT_TYPE = {.id = PM_TYPE_INT, .nullable = false};

static int unsupported(paimon_error *err, const char *column, const pm_avro_schema *ws,
                       const pm_type *t) {
    pm_buf text = PM_BUF_INIT;
    const char *type_text = pm_type_format(t, &text) == PAIMON_OK ? pm_buf_cstr(&text) : NULL;
    int rc = pm_err(err, PAIMON_EUNSUPPORTED, "column %s: cannot read Avro %s%s as %s", column,
                    pm_avro_kind_name(ws->kind),
                    ws->logical != PM_AVRO_LOGICAL_NONE ? " (with a logical type)" : "",
                    type_text ? type_text : pm_type_id_name(t->id));
    pm_buf_dispose(&text);
    return rc;
}

static int build_node(const pm_avro_schema *ws, const pm_type *t, pm_arena *a, int depth,
                      const char *column, pm_avro_plan *out, paimon_error *err);

static void child_column(char *buf, size_t cap, const char *parent, const char *child) {
    if (parent[0] == '\0')
        snprintf(buf, cap, "%s", child);
    else
        snprintf(buf, cap, "%s.%s", parent, child);
}

static int build_record(const pm_avro_schema *ws, const pm_field *fields, size_t count, pm_arena *a,
                        int depth, const char *column, pm_avro_plan *out, paimon_error *err) {
    out->op = PM_AVRO_OP_RECORD;
    out->child_count = ws->field_count;
    out->children =
        pm_arena_calloc(a, ws->field_count ? ws->field_count : 1, sizeof *out->children);
    out->target = pm_arena_alloc(a, (ws->field_count ? ws->field_count : 1) * sizeof(int32_t));
    out->missing = pm_arena_alloc(a, (count ? count : 1) * sizeof(size_t));
    if (out->children == NULL || out->target == NULL || out->missing == NULL)
        return pm_err_nomem(err);
    for (size_t i = 0; i < ws->field_count; i++)
        out->target[i] = -1;
    for (size_t j = 0; j < count; j++) {
        char name[512];
        child_column(name, sizeof name, column, fields[j].name);
        long i = pm_avro_schema_field_index(ws, fields[j].name);
        if (i < 0) {
            out->missing[out->missing_count++] = j;
            continue;
        }
        if (out->target[i] >= 0)
            return pm_err(err, PAIMON_EINVAL, "column %s is requested twice", name);
        out->target[i] = (int32_t)j;
        PM_TRY(build_node(ws->fields[i].type, fields[j].type, a, depth + 1, name, &out->children[i],
                          err));
    }
    return PAIMON_OK;
}

/* MAP<K, V> / MULTISET<T> stored as an array of {key, value} records (non-string keys). */
static int build_array_map(const pm_avro_schema *ws, const pm_type *t, pm_arena *a, int depth,
                           const char *column, pm_avro_plan *out, paimon_error *err) {
    pm_field *fields = pm_arena_calloc(a, 2, sizeof *fields);
    pm_type *entry = pm_arena_calloc(a, 1, sizeof *entry);
    out->children = pm_arena_calloc(a, 1, sizeof *out->children);
    if (fields == NULL || entry == NULL || out->children == NULL)
        return pm_err_nomem(err);
    fields[0].name = (char *)"key";
    fields[0].type = t->id == PM_TYPE_MAP ? t->key : t->element;
    fields[1].name = (char *)"value";
    fields[1].type = t->id == PM_TYPE_MAP ? t->value : (pm_type *)&MULTISET_COUNT_TYPE;
    entry->id = PM_TYPE_ROW;
    entry->fields = fields;
    entry->field_count = 2;
    out->op = PM_AVRO_OP_ARRAY;
    out->child_count = 1;
    return build_node(ws->items, entry, a, depth + 1, column, &out->children[0], err);
}

static int build_map(const pm_avro_schema *ws, const pm_type *t, pm_arena *a, int depth,
                     const char *column, pm_avro_plan *out, paimon_error *err) {
    if (ws->kind == PM_AVRO_ARRAY) {
        int n, v;
        const pm_avro_schema *item = pm_avro_schema_unwrap_nullable(ws->items, &n, &v);
        if (item->kind != PM_AVRO_RECORD || pm_avro_schema_field_index(item, "key") < 0)
            return unsupported(err, column, ws, t);
        return build_array_map(ws, t, a, depth, column, out, err);
    }
    if (ws->kind != PM_AVRO_MAP)
        return unsupported(err, column, ws, t);
    const pm_type *key = t->id == PM_TYPE_MAP ? t->key : t->element;
    if (!pm_type_is_string(key))
        return unsupported(err, column, ws, t);
    out->op = PM_AVRO_OP_MAP;
    out->child_count = 1;
    out->children = pm_arena_calloc(a, 1, sizeof *out->children);
    if (out->children == NULL)
        return pm_err_nomem(err);
    const pm_type *value = t->id == PM_TYPE_MAP ? t->value : &MULTISET_COUNT_TYPE;
    return build_node(ws->values, value, a, depth + 1, column, &out->children[0], err);
}

static pm_avro_unit timestamp_unit(pm_avro_logical logical) {
    switch (logical) {
    case PM_AVRO_LOGICAL_TIMESTAMP_MICROS:
    case PM_AVRO_LOGICAL_LOCAL_TIMESTAMP_MICROS:
    case PM_AVRO_LOGICAL_TIME_MICROS:
        return PM_AVRO_MICROS;
    case PM_AVRO_LOGICAL_TIMESTAMP_NANOS:
    case PM_AVRO_LOGICAL_LOCAL_TIMESTAMP_NANOS:
        return PM_AVRO_NANOS;
    default:
        return PM_AVRO_MILLIS; /* timestamp-millis, local-timestamp-millis, plain long */
    }
}

/* Scalars: the op is chosen by the requested type and checked against the stored kind. */
static int build_scalar(const pm_avro_schema *ws, const pm_type *t, const char *column,
                        pm_avro_plan *out, paimon_error *err) {
    pm_avro_kind k = ws->kind;
    switch (t->id) {
    case PM_TYPE_BOOLEAN:
        out->op = PM_AVRO_OP_BOOLEAN;
        return k == PM_AVRO_BOOLEAN ? PAIMON_OK : unsupported(err, column, ws, t);
    case PM_TYPE_TINYINT:
    case PM_TYPE_SMALLINT:
    case PM_TYPE_INT:
        out->op = PM_AVRO_OP_INTEGER;
        return k == PM_AVRO_INT ? PAIMON_OK : unsupported(err, column, ws, t);
    case PM_TYPE_BIGINT:
        out->op = PM_AVRO_OP_INTEGER;
        return k == PM_AVRO_INT || k == PM_AVRO_LONG ? PAIMON_OK : unsupported(err, column, ws, t);
    case PM_TYPE_FLOAT:
        out->op = PM_AVRO_OP_FLOAT;
        return k == PM_AVRO_FLOAT ? PAIMON_OK : unsupported(err, column, ws, t);
    case PM_TYPE_DOUBLE:
        out->op = PM_AVRO_OP_DOUBLE;
        return k == PM_AVRO_FLOAT || k == PM_AVRO_DOUBLE ? PAIMON_OK
                                                         : unsupported(err, column, ws, t);
    case PM_TYPE_DECIMAL:
        out->op = PM_AVRO_OP_DECIMAL;
        out->scale = ws->logical == PM_AVRO_LOGICAL_DECIMAL ? ws->scale : t->scale;
        return k == PM_AVRO_BYTES || k == PM_AVRO_FIXED ? PAIMON_OK
                                                        : unsupported(err, column, ws, t);
    case PM_TYPE_CHAR:
    case PM_TYPE_VARCHAR:
        out->op = k == PM_AVRO_ENUM ? PM_AVRO_OP_ENUM : PM_AVRO_OP_BYTES;
        return k == PM_AVRO_STRING || k == PM_AVRO_BYTES || k == PM_AVRO_ENUM
                   ? PAIMON_OK
                   : unsupported(err, column, ws, t);
    case PM_TYPE_BINARY:
    case PM_TYPE_VARBINARY:
    case PM_TYPE_BLOB:
        out->op = k == PM_AVRO_FIXED ? PM_AVRO_OP_FIXED : PM_AVRO_OP_BYTES;
        return k == PM_AVRO_STRING || k == PM_AVRO_BYTES || k == PM_AVRO_FIXED
                   ? PAIMON_OK
                   : unsupported(err, column, ws, t);
    case PM_TYPE_DATE:
        out->op = PM_AVRO_OP_DATE;
        return k == PM_AVRO_INT ? PAIMON_OK : unsupported(err, column, ws, t);
    case PM_TYPE_TIME:
        out->op = PM_AVRO_OP_TIME;
        out->unit = k == PM_AVRO_LONG ? PM_AVRO_MICROS : PM_AVRO_MILLIS;
        if (k == PM_AVRO_INT || (k == PM_AVRO_LONG && ws->logical == PM_AVRO_LOGICAL_TIME_MICROS))
            return PAIMON_OK;
        return unsupported(err, column, ws, t);
    case PM_TYPE_TIMESTAMP:
    case PM_TYPE_TIMESTAMP_LTZ:
        out->op = PM_AVRO_OP_TIMESTAMP;
        out->unit = timestamp_unit(ws->logical);
        return k == PM_AVRO_LONG ? PAIMON_OK : unsupported(err, column, ws, t);
    default:
        return unsupported(err, column, ws, t);
    }
}

static int build_node(const pm_avro_schema *ws, const pm_type *t, pm_arena *a, int depth,
                      const char *column, pm_avro_plan *out, paimon_error *err) {
    if (depth > PM_MAX_NESTING_DEPTH)
        return pm_err(err, PAIMON_ELIMIT, "column %s: nested deeper than %d levels", column,
                      PM_MAX_NESTING_DEPTH);
    memset(out, 0, sizeof *out);
    out->null_branch = -1;
    out->value_branch = -1;
    if (ws->kind == PM_AVRO_UNION) {
        size_t non_null = 0;
        out->in_union = true;
        for (size_t i = 0; i < ws->branch_count; i++) {
            if (ws->branches[i]->kind == PM_AVRO_NULL) {
                out->null_branch = (int32_t)i;
            } else {
                out->value_branch = (int32_t)i;
                non_null++;
            }
        }
        if (non_null > 1)
            return pm_err(err, PAIMON_EUNSUPPORTED,
                          "column %s: Avro unions of several non-null types are not supported",
                          column);
        if (non_null == 0) {
            out->op = PM_AVRO_OP_NULL;
            out->schema = ws->branches[out->null_branch];
            return PAIMON_OK;
        }
        ws = ws->branches[out->value_branch];
    }
    out->schema = ws;
    if (ws->kind == PM_AVRO_NULL) {
        out->op = PM_AVRO_OP_NULL;
        return PAIMON_OK;
    }
    switch (t->id) {
    case PM_TYPE_ARRAY:
        if (ws->kind != PM_AVRO_ARRAY)
            return unsupported(err, column, ws, t);
        out->op = PM_AVRO_OP_ARRAY;
        out->child_count = 1;
        out->children = pm_arena_calloc(a, 1, sizeof *out->children);
        if (out->children == NULL)
            return pm_err_nomem(err);
        return build_node(ws->items, t->element, a, depth + 1, column, &out->children[0], err);
    case PM_TYPE_MAP:
    case PM_TYPE_MULTISET:
        return build_map(ws, t, a, depth, column, out, err);
    case PM_TYPE_ROW:
        if (ws->kind != PM_AVRO_RECORD)
            return unsupported(err, column, ws, t);
        return build_record(ws, t->fields, t->field_count, a, depth, column, out, err);
    default:
        return build_scalar(ws, t, column, out, err);
    }
}

int pm_avro_plan_build(const pm_avro_schema *writer, const pm_field *fields, size_t count,
                       pm_arena *arena, pm_avro_plan *out, paimon_error *err) {
    memset(out, 0, sizeof *out);
    out->null_branch = -1;
    out->value_branch = -1;
    const pm_avro_schema *record = writer;
    if (writer->kind == PM_AVRO_UNION) {
        record = pm_avro_schema_unwrap_nullable(writer, &out->null_branch, &out->value_branch);
        out->in_union = true;
    }
    if (record->kind != PM_AVRO_RECORD)
        return pm_err(err, PAIMON_EUNSUPPORTED, "the file's schema is a %s, not a record",
                      pm_avro_kind_name(writer->kind));
    out->schema = record;
    return build_record(record, fields, count, arena, 0, "", out, err);
}
