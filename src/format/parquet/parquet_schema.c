/*
 * parquet_schema.c - rebuilding the schema tree from the flat footer list, computing levels,
 * resolving list/map layouts (LogicalTypes.md, including the backward-compatibility rules for
 * 2-level lists) and deriving Paimon types from Parquet annotations.
 */
#include "format/parquet/parquet_schema.h"

#include "util/mem.h"

#include <string.h>

static int corrupt(paimon_error *err, const char *what, const char *name) {
    return pm_err(err, PAIMON_ECORRUPT, "schema: %s (element '%s')", what, name);
}

static int check_leaf(const pm_pq_schema_elem *e, paimon_error *err) {
    if (e->type < PM_PQ_BOOLEAN || e->type > PM_PQ_FIXED_LEN_BYTE_ARRAY)
        return corrupt(err, "unknown physical type", e->name);
    if (e->type == PM_PQ_FIXED_LEN_BYTE_ARRAY && (e->type_length <= 0 || e->type_length > (1 << 20)))
        return corrupt(err, "invalid FIXED_LEN_BYTE_ARRAY length", e->name);
    return PAIMON_OK;
}

int pm_pq_schema_build(const pm_pq_file_meta *meta, pm_pq_schema *out, paimon_error *err) {
    memset(out, 0, sizeof *out);
    pm_arena_init(&out->arena, 8192);
    size_t n = meta->schema_count;
    int rc = PAIMON_OK;
    pm_pq_node *stack[PM_MAX_NESTING_DEPTH + 1];
    size_t filled[PM_MAX_NESTING_DEPTH + 1];
    int top = 0;
    out->nodes = pm_arena_calloc(&out->arena, n, sizeof *out->nodes);
    out->leaves = pm_arena_calloc(&out->arena, n, sizeof *out->leaves);
    if (out->nodes == NULL || out->leaves == NULL) {
        rc = pm_err_nomem(err);
        goto fail;
    }
    out->node_count = n;
    for (size_t i = 0; i < n; i++) {
        const pm_pq_schema_elem *e = &meta->schema[i];
        pm_pq_node *node = &out->nodes[i];
        node->elem = e;
        node->leaf_index = -1;
        if (i > 0) {
            if (top == 0) {
                rc = corrupt(err, "more elements than the groups announce", e->name);
                goto fail;
            }
            pm_pq_node *parent = stack[top - 1];
            node->parent = parent;
            node->depth = parent->depth + 1;
            parent->children[filled[top - 1]++] = node;
            if (filled[top - 1] == parent->child_count)
                top--;
            int rep = e->repetition < 0 ? PM_PQ_REQUIRED : e->repetition;
            if (rep > PM_PQ_REPEATED) {
                rc = pm_err(err, PAIMON_EUNSUPPORTED, "schema: repetition %d of '%s'", rep,
                            e->name);
                goto fail;
            }
            node->def_level = parent->def_level + (rep != PM_PQ_REQUIRED);
            node->rep_level = parent->rep_level + (rep == PM_PQ_REPEATED);
        }
        bool group = i == 0 || e->num_children > 0 || (e->type < 0 && e->num_children >= 0);
        if (!group) {
            if (e->num_children > 0 || e->type < 0) {
                rc = corrupt(err, "element is neither a group nor a primitive", e->name);
                goto fail;
            }
            if ((rc = check_leaf(e, err)) != PAIMON_OK)
                goto fail;
            node->leaf_index = (int)out->leaf_count;
            out->leaves[out->leaf_count++] = node;
            continue;
        }
        if (e->num_children < 0 || (size_t)e->num_children > n - i - 1) {
            rc = corrupt(err, "group child count out of range", e->name);
            goto fail;
        }
        if (node->depth >= PM_MAX_NESTING_DEPTH) {
            rc = corrupt(err, "nested too deeply", e->name);
            goto fail;
        }
        node->child_count = (size_t)e->num_children;
        if (node->child_count == 0)
            continue;
        node->children = pm_arena_calloc(&out->arena, node->child_count, sizeof(pm_pq_node *));
        if (node->children == NULL) {
            rc = pm_err_nomem(err);
            goto fail;
        }
        stack[top] = node;
        filled[top] = 0;
        top++;
    }
    if (top != 0) {
        rc = corrupt(err, "fewer elements than the groups announce", meta->schema[0].name);
        goto fail;
    }
    return PAIMON_OK;
fail:
    pm_pq_schema_dispose(out);
    return rc;
}

void pm_pq_schema_dispose(pm_pq_schema *s) {
    pm_arena_dispose(&s->arena);
    memset(s, 0, sizeof *s);
}

const pm_pq_node *pm_pq_node_child(const pm_pq_node *group, const char *name) {
    for (size_t i = 0; i < group->child_count; i++) {
        if (strcmp(group->children[i]->elem->name, name) == 0)
            return group->children[i];
    }
    return NULL;
}

bool pm_pq_node_is_list(const pm_pq_node *n) {
    return !pm_pq_node_is_leaf(n) &&
           (n->elem->logical.kind == PM_PQ_LT_LIST || n->elem->converted == PM_PQ_CT_LIST);
}

bool pm_pq_node_is_map(const pm_pq_node *n) {
    return !pm_pq_node_is_leaf(n) &&
           (n->elem->logical.kind == PM_PQ_LT_MAP || n->elem->converted == PM_PQ_CT_MAP ||
            n->elem->converted == PM_PQ_CT_MAP_KEY_VALUE);
}

int pm_pq_list_parts(const pm_pq_node *group, const pm_pq_node **repeated,
                     const pm_pq_node **element, paimon_error *err) {
    if (pm_pq_node_is_leaf(group) || group->child_count != 1 ||
        !pm_pq_node_repeated(group->children[0]))
        return pm_err(err, PAIMON_ECORRUPT, "schema: list '%s' does not hold one repeated field",
                      group->elem->name);
    const pm_pq_node *r = group->children[0];
    *repeated = r;
    /* Backward-compatibility rules of LogicalTypes.md: the repeated field is itself the
     * element when it is a primitive, a group of several fields, or a one-field group named
     * "array" or "<list>_tuple"; otherwise its only child is the element (3-level). */
    if (pm_pq_node_is_leaf(r) || r->child_count != 1) {
        *element = r;
        return PAIMON_OK;
    }
    const char *rn = r->elem->name, *gn = group->elem->name;
    size_t gl = strlen(gn);
    if (strcmp(rn, "array") == 0 ||
        (strncmp(rn, gn, gl) == 0 && strcmp(rn + gl, "_tuple") == 0)) {
        *element = r;
        return PAIMON_OK;
    }
    *element = r->children[0];
    return PAIMON_OK;
}

/* ---- Paimon types ---- */

static int decimal_type(const pm_pq_schema_elem *e, pm_type **out, paimon_error *err) {
    int32_t p = e->logical.kind == PM_PQ_LT_DECIMAL ? e->logical.precision : e->precision;
    int32_t s = e->logical.kind == PM_PQ_LT_DECIMAL ? e->logical.scale : e->scale;
    if (p < 1 || p > 38 || s < 0 || s > p)
        return pm_err(err, PAIMON_EUNSUPPORTED, "column '%s': DECIMAL(%d, %d) is not supported",
                      e->name, (int)p, (int)s);
    *out = pm_type_new_decimal(p, s, true);
    return *out == NULL ? pm_err_nomem(err) : PAIMON_OK;
}

static bool is_decimal(const pm_pq_schema_elem *e) {
    return e->logical.kind == PM_PQ_LT_DECIMAL || e->converted == PM_PQ_CT_DECIMAL;
}

/* Integer annotation: bit width and signedness (0 width when absent). */
static void int_annotation(const pm_pq_schema_elem *e, int *bits, bool *is_signed) {
    *bits = 0;
    *is_signed = true;
    if (e->logical.kind == PM_PQ_LT_INTEGER) {
        *bits = e->logical.bit_width;
        *is_signed = e->logical.is_signed;
        return;
    }
    switch (e->converted) {
    case PM_PQ_CT_INT_8: *bits = 8; break;
    case PM_PQ_CT_INT_16: *bits = 16; break;
    case PM_PQ_CT_INT_32: *bits = 32; break;
    case PM_PQ_CT_INT_64: *bits = 64; break;
    case PM_PQ_CT_UINT_8: *bits = 8; *is_signed = false; break;
    case PM_PQ_CT_UINT_16: *bits = 16; *is_signed = false; break;
    case PM_PQ_CT_UINT_32: *bits = 32; *is_signed = false; break;
    case PM_PQ_CT_UINT_64: *bits = 64; *is_signed = false; break;
    default: break;
    }
}

/* Time annotation: unit (0 when absent) and isAdjustedToUTC. */
int pm_pq_time_unit(const pm_pq_schema_elem *e, bool timestamp, bool *utc) {
    int want = timestamp ? PM_PQ_LT_TIMESTAMP : PM_PQ_LT_TIME;
    if (e->logical.kind == want) {
        *utc = e->logical.utc;
        return e->logical.unit;
    }
    /* Legacy annotations imply adjusted-to-UTC (LogicalTypes.md). */
    *utc = true;
    if (timestamp && e->converted == PM_PQ_CT_TIMESTAMP_MILLIS)
        return PM_PQ_UNIT_MILLIS;
    if (timestamp && e->converted == PM_PQ_CT_TIMESTAMP_MICROS)
        return PM_PQ_UNIT_MICROS;
    if (!timestamp && e->converted == PM_PQ_CT_TIME_MILLIS)
        return PM_PQ_UNIT_MILLIS;
    if (!timestamp && e->converted == PM_PQ_CT_TIME_MICROS)
        return PM_PQ_UNIT_MICROS;
    return 0;
}

int pm_pq_unit_precision(int unit) {
    return unit == PM_PQ_UNIT_MILLIS ? 3 : unit == PM_PQ_UNIT_MICROS ? 6 : 9;
}

static int leaf_type(const pm_pq_schema_elem *e, pm_type **out, paimon_error *err) {
    int bits;
    bool sgn, utc;
    int unit;
    *out = NULL;
    switch (e->type) {
    case PM_PQ_BOOLEAN: *out = pm_type_new(PM_TYPE_BOOLEAN, true); break;
    case PM_PQ_INT32:
        int_annotation(e, &bits, &sgn);
        if (is_decimal(e))
            return decimal_type(e, out, err);
        if (e->logical.kind == PM_PQ_LT_DATE || e->converted == PM_PQ_CT_DATE)
            *out = pm_type_new(PM_TYPE_DATE, true);
        else if ((unit = pm_pq_time_unit(e, false, &utc)) != 0)
            *out = pm_type_new_sized(PM_TYPE_TIME, pm_pq_unit_precision(unit), true);
        else if (bits == 8)
            *out = pm_type_new(sgn ? PM_TYPE_TINYINT : PM_TYPE_SMALLINT, true);
        else if (bits == 16)
            *out = pm_type_new(sgn ? PM_TYPE_SMALLINT : PM_TYPE_INT, true);
        else if (bits == 32 && !sgn)
            *out = pm_type_new(PM_TYPE_BIGINT, true);
        else
            *out = pm_type_new(PM_TYPE_INT, true);
        break;
    case PM_PQ_INT64:
        int_annotation(e, &bits, &sgn);
        if (is_decimal(e))
            return decimal_type(e, out, err);
        if ((unit = pm_pq_time_unit(e, true, &utc)) != 0)
            *out = pm_type_new_sized(utc ? PM_TYPE_TIMESTAMP_LTZ : PM_TYPE_TIMESTAMP,
                                     pm_pq_unit_precision(unit), true);
        else if ((unit = pm_pq_time_unit(e, false, &utc)) != 0)
            *out = pm_type_new_sized(PM_TYPE_TIME, pm_pq_unit_precision(unit), true);
        else if (bits == 64 && !sgn)
            *out = pm_type_new_decimal(20, 0, true);
        else
            *out = pm_type_new(PM_TYPE_BIGINT, true);
        break;
    case PM_PQ_INT96: *out = pm_type_new_sized(PM_TYPE_TIMESTAMP, 9, true); break;
    case PM_PQ_FLOAT: *out = pm_type_new(PM_TYPE_FLOAT, true); break;
    case PM_PQ_DOUBLE: *out = pm_type_new(PM_TYPE_DOUBLE, true); break;
    case PM_PQ_BYTE_ARRAY:
        if (is_decimal(e))
            return decimal_type(e, out, err);
        if (e->logical.kind == PM_PQ_LT_STRING || e->logical.kind == PM_PQ_LT_ENUM ||
            e->logical.kind == PM_PQ_LT_JSON || e->converted == PM_PQ_CT_UTF8 ||
            e->converted == PM_PQ_CT_ENUM || e->converted == PM_PQ_CT_JSON)
            *out = pm_type_new_sized(PM_TYPE_VARCHAR, PM_MAX_LENGTH, true);
        else
            *out = pm_type_new_sized(PM_TYPE_VARBINARY, PM_MAX_LENGTH, true);
        break;
    case PM_PQ_FIXED_LEN_BYTE_ARRAY:
        if (is_decimal(e))
            return decimal_type(e, out, err);
        *out = pm_type_new_sized(PM_TYPE_BINARY, e->type_length, true);
        break;
    default: return corrupt(err, "unknown physical type", e->name);
    }
    return *out == NULL ? pm_err_nomem(err) : PAIMON_OK;
}

static int node_type(const pm_pq_node *n, bool as_element, pm_type **out, paimon_error *err);

static int row_type(const pm_pq_node *n, pm_type **out, paimon_error *err) {
    pm_field *fields = NULL;
    if (n->child_count > 0 && (fields = pm_calloc(n->child_count, sizeof *fields)) == NULL)
        return pm_err_nomem(err);
    for (size_t i = 0; i < n->child_count; i++) {
        const pm_pq_schema_elem *ce = n->children[i]->elem;
        fields[i].id = ce->has_field_id ? ce->field_id : (int32_t)i;
        fields[i].name = pm_strdup(ce->name);
        int rc = fields[i].name == NULL ? pm_err_nomem(err)
                                        : node_type(n->children[i], false, &fields[i].type, err);
        if (rc != PAIMON_OK) {
            pm_pq_fields_free(fields, n->child_count);
            return rc;
        }
    }
    *out = pm_type_new_row(fields, n->child_count, true);
    return *out == NULL ? pm_err_nomem(err) : PAIMON_OK;
}

static int list_type(const pm_pq_node *n, pm_type **out, paimon_error *err) {
    const pm_pq_node *rep, *elem;
    PM_TRY(pm_pq_list_parts(n, &rep, &elem, err));
    pm_type *et;
    PM_TRY(node_type(elem, elem == rep, &et, err));
    *out = pm_type_new_array(et, true);
    return *out == NULL ? pm_err_nomem(err) : PAIMON_OK;
}

static int map_type(const pm_pq_node *n, pm_type **out, paimon_error *err) {
    if (n->child_count != 1 || pm_pq_node_is_leaf(n->children[0]) ||
        !pm_pq_node_repeated(n->children[0]) || n->children[0]->child_count != 2)
        return pm_err(err, PAIMON_EUNSUPPORTED,
                      "column '%s': map is not a repeated group of key and value", n->elem->name);
    const pm_pq_node *kv = n->children[0];
    pm_type *k, *v;
    PM_TRY(node_type(kv->children[0], false, &k, err));
    int rc = node_type(kv->children[1], false, &v, err);
    if (rc != PAIMON_OK) {
        pm_type_free(k);
        return rc;
    }
    k->nullable = false;
    *out = pm_type_new_map(k, v, true);
    return *out == NULL ? pm_err_nomem(err) : PAIMON_OK;
}

/* `as_element`: the node is the repeated field of a 2-level list, so it reads as a required
 * element rather than as a list of its own. */
static int node_type(const pm_pq_node *n, bool as_element, pm_type **out, paimon_error *err) {
    pm_type *t = NULL;
    if (pm_pq_node_is_leaf(n))
        PM_TRY(leaf_type(n->elem, &t, err));
    else if (pm_pq_node_is_list(n))
        PM_TRY(list_type(n, &t, err));
    else if (pm_pq_node_is_map(n))
        PM_TRY(map_type(n, &t, err));
    else
        PM_TRY(row_type(n, &t, err));
    t->nullable = n->elem->repetition == PM_PQ_OPTIONAL;
    if (pm_pq_node_repeated(n) && !as_element) {
        /* An unannotated repeated field is a required list of required elements. */
        pm_type *list = pm_type_new_array(t, false);
        if (list == NULL)
            return pm_err_nomem(err);
        t = list;
    }
    *out = t;
    return PAIMON_OK;
}

int pm_pq_node_to_type(const pm_pq_node *n, pm_type **out, paimon_error *err) {
    return node_type(n, false, out, err);
}

int pm_pq_schema_to_fields(const pm_pq_schema *s, pm_field **out, size_t *count,
                           paimon_error *err) {
    const pm_pq_node *root = &s->nodes[0];
    *out = NULL;
    *count = 0;
    if (root->child_count == 0)
        return PAIMON_OK;
    pm_type *row;
    PM_TRY(row_type(root, &row, err));
    /* Take the fields out of the ROW wrapper. */
    *out = row->fields;
    *count = row->field_count;
    row->fields = NULL;
    row->field_count = 0;
    pm_type_free(row);
    return PAIMON_OK;
}

void pm_pq_fields_free(pm_field *fields, size_t count) {
    if (fields == NULL)
        return;
    for (size_t i = 0; i < count; i++)
        pm_field_dispose(&fields[i]);
    pm_free(fields);
}
