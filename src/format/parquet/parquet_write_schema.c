/*
 * parquet_write_schema.c - the Parquet schema of a Paimon row, as Java's ParquetSchemaConverter
 * builds it (spec 05 §3), and the writer's shredding tree over it.
 *
 * Field ids: every Paimon field carries its own id. The element of an ARRAY gets
 * 536870911 + 1024 * owner + depth, a map key 536870911 - 1024 * owner - depth and a map value
 * 536870911 + 1024 * owner + depth, where the owner is the nearest enclosing field and depth
 * counts the ARRAY/MAP levels from it (Java's int arithmetic, so it wraps for large ids). The
 * repeated "list" and "key_value" groups have no id. Map keys are always REQUIRED.
 */
#include "format/parquet/parquet_write.h"

#include "util/mem.h"
#include "util/vec.h"

#include <string.h>

#define ID_BASE 536870911u
#define ID_DEPTH_LIMIT 1024u

static int32_t element_id(int32_t owner, int depth) {
    return (int32_t)(ID_BASE + (uint32_t)owner * ID_DEPTH_LIMIT + (uint32_t)depth);
}

static int32_t key_id(int32_t owner, int depth) {
    return (int32_t)(ID_BASE - (uint32_t)owner * ID_DEPTH_LIMIT - (uint32_t)depth);
}

/* Bytes of a FIXED_LEN_BYTE_ARRAY decimal: the smallest n with 2^(8n-1) >= 10^p. */
static const uint8_t decimal_bytes[39] = {0,  1,  1,  2,  2,  3,  3,  4,  4,  4,  5,  5,  6,
                                          6,  6,  7,  7,  8,  8,  9,  9,  9,  10, 10, 11, 11,
                                          11, 12, 12, 13, 13, 13, 14, 14, 15, 15, 16, 16, 16};

static const pm_type multiset_count = {.id = PM_TYPE_INT, .nullable = false};

/* Where a node sits: its levels, its path in the schema and its dotted Paimon name. */
typedef struct pos {
    int def, rep;
    const char **path;
    size_t path_len;
    const char *dotted;
} pos;

typedef struct ctx {
    pm_pqw_schema *s;
    bool field_ids;
    bool dictionary;
    paimon_error *err;
} ctx;

static int new_elem(ctx *c, const char *name, int repetition, bool has_id, int32_t id,
                    size_t *index) {
    pm_pqw_schema *s = c->s;
    if (pm_grow((void **)&s->elems, &s->elem_cap, s->elem_count + 1, sizeof *s->elems) !=
        PAIMON_OK)
        return pm_err_nomem(c->err);
    pm_pq_schema_elem *e = &s->elems[s->elem_count];
    memset(e, 0, sizeof *e);
    e->type = -1;
    e->repetition = repetition;
    e->name = name;
    e->num_children = -1;
    e->converted = -1;
    e->has_field_id = has_id && c->field_ids;
    e->field_id = id;
    *index = s->elem_count++;
    return PAIMON_OK;
}

/* The position of a child named `name` (Parquet name) / `dotted` (for messages). */
static int child_pos(ctx *c, const pos *parent, const char *name, const char *dotted_tail,
                     bool optional, bool repeated, pos *out) {
    out->def = parent->def + (optional || repeated ? 1 : 0);
    out->rep = parent->rep + (repeated ? 1 : 0);
    out->path_len = parent->path_len + 1;
    out->path = pm_arena_calloc(&c->s->arena, out->path_len, sizeof *out->path);
    if (out->path == NULL)
        return pm_err_nomem(c->err);
    if (parent->path_len > 0)
        memcpy(out->path, parent->path, parent->path_len * sizeof *out->path);
    out->path[parent->path_len] = name;
    if (dotted_tail == NULL) {
        out->dotted = parent->dotted;
        return PAIMON_OK;
    }
    size_t a = parent->dotted ? strlen(parent->dotted) : 0, b = strlen(dotted_tail);
    char *d = pm_arena_alloc(&c->s->arena, a + b + 2);
    if (d == NULL)
        return pm_err_nomem(c->err);
    if (a > 0) {
        memcpy(d, parent->dotted, a);
        d[a++] = '.';
    }
    memcpy(d + a, dotted_tail, b + 1);
    out->dotted = d;
    return PAIMON_OK;
}

/* Fills the physical layout of a leaf element and its column. */
static int leaf_layout(ctx *c, const pm_type *t, pm_pq_schema_elem *e, pm_pqw_column *col) {
    col->order = PM_PQW_ORDER_INT;
    col->legacy_stats = true;
    switch (t->id) {
    case PM_TYPE_BOOLEAN:
        e->type = PM_PQ_BOOLEAN;
        col->source = PM_PQW_SRC_BOOL;
        col->order = PM_PQW_ORDER_BOOL;
        break;
    case PM_TYPE_TINYINT:
    case PM_TYPE_SMALLINT:
        e->type = PM_PQ_INT32;
        e->converted = t->id == PM_TYPE_TINYINT ? PM_PQ_CT_INT_8 : PM_PQ_CT_INT_16;
        e->logical.kind = PM_PQ_LT_INTEGER;
        e->logical.bit_width = t->id == PM_TYPE_TINYINT ? 8 : 16;
        e->logical.is_signed = true;
        col->source = t->id == PM_TYPE_TINYINT ? PM_PQW_SRC_I8 : PM_PQW_SRC_I16;
        break;
    case PM_TYPE_INT:
        e->type = PM_PQ_INT32;
        col->source = PM_PQW_SRC_I32;
        break;
    case PM_TYPE_DATE:
        e->type = PM_PQ_INT32;
        e->converted = PM_PQ_CT_DATE;
        e->logical.kind = PM_PQ_LT_DATE;
        col->source = PM_PQW_SRC_I32;
        break;
    case PM_TYPE_TIME:
        e->type = PM_PQ_INT32;
        e->converted = PM_PQ_CT_TIME_MILLIS;
        e->logical.kind = PM_PQ_LT_TIME;
        e->logical.utc = true;
        e->logical.unit = PM_PQ_UNIT_MILLIS;
        col->source = PM_PQW_SRC_I32;
        break;
    case PM_TYPE_BIGINT:
        e->type = PM_PQ_INT64;
        col->source = PM_PQW_SRC_I64;
        break;
    case PM_TYPE_FLOAT:
    case PM_TYPE_DOUBLE:
        e->type = t->id == PM_TYPE_FLOAT ? PM_PQ_FLOAT : PM_PQ_DOUBLE;
        col->source = t->id == PM_TYPE_FLOAT ? PM_PQW_SRC_F32 : PM_PQW_SRC_F64;
        col->order = PM_PQW_ORDER_FLOAT;
        break;
    case PM_TYPE_DECIMAL:
        if (t->precision < 1 || t->precision > 38)
            return pm_err(c->err, PAIMON_EINVAL, "Parquet writer: DECIMAL precision %d",
                          (int)t->precision);
        e->converted = PM_PQ_CT_DECIMAL;
        e->scale = t->scale;
        e->precision = t->precision;
        e->logical.kind = PM_PQ_LT_DECIMAL;
        e->logical.scale = t->scale;
        e->logical.precision = t->precision;
        col->source = PM_PQW_SRC_DEC;
        col->legacy_stats = false; /* parquet-mr: decimals have no known legacy order */
        if (t->precision <= 9) {
            e->type = PM_PQ_INT32;
        } else if (t->precision <= 18) {
            e->type = PM_PQ_INT64;
        } else {
            e->type = PM_PQ_FIXED_LEN_BYTE_ARRAY;
            e->type_length = decimal_bytes[t->precision];
            col->order = PM_PQW_ORDER_SIGNED_BE;
        }
        break;
    case PM_TYPE_CHAR:
    case PM_TYPE_VARCHAR:
        e->converted = PM_PQ_CT_UTF8;
        e->logical.kind = PM_PQ_LT_STRING;
        /* fall through */
    case PM_TYPE_BINARY:
    case PM_TYPE_VARBINARY:
    case PM_TYPE_BLOB:
        e->type = PM_PQ_BYTE_ARRAY;
        col->source = PM_PQW_SRC_BYTES;
        col->order = PM_PQW_ORDER_BYTES;
        col->legacy_stats = false;
        break;
    case PM_TYPE_TIMESTAMP:
    case PM_TYPE_TIMESTAMP_LTZ:
        if (t->precision > 6) {
            e->type = PM_PQ_INT96;
            col->source = PM_PQW_SRC_NANOS;
            col->order = PM_PQW_ORDER_NONE;
            col->legacy_stats = false;
            break;
        }
        e->type = PM_PQ_INT64;
        e->converted = t->precision <= 3 ? PM_PQ_CT_TIMESTAMP_MILLIS : PM_PQ_CT_TIMESTAMP_MICROS;
        e->logical.kind = PM_PQ_LT_TIMESTAMP;
        e->logical.utc = t->id == PM_TYPE_TIMESTAMP_LTZ;
        e->logical.unit = t->precision <= 3 ? PM_PQ_UNIT_MILLIS : PM_PQ_UNIT_MICROS;
        col->source = PM_PQW_SRC_I64;
        break;
    default:
        return pm_err(c->err, PAIMON_EUNSUPPORTED, "Parquet writer: type %s is not supported",
                      pm_type_id_name(t->id));
    }
    col->phys = e->type;
    col->type_length = e->type_length;
    switch (e->type) {
    case PM_PQ_INT32:
    case PM_PQ_FLOAT: col->width = 4; break;
    case PM_PQ_INT64:
    case PM_PQ_DOUBLE: col->width = 8; break;
    case PM_PQ_INT96: col->width = 12; break;
    case PM_PQ_FIXED_LEN_BYTE_ARRAY: col->width = (size_t)e->type_length; break;
    default: col->width = 0; break;
    }
    /* parquet-mr's v1 writer dictionary-encodes every type but BOOLEAN and
     * FIXED_LEN_BYTE_ARRAY. */
    col->use_dict = c->dictionary && e->type != PM_PQ_BOOLEAN &&
                    e->type != PM_PQ_FIXED_LEN_BYTE_ARRAY;
    return PAIMON_OK;
}

static int convert(ctx *c, pm_pqw_node *n, const pm_type *t, bool nullable, const char *name,
                   int32_t id, int32_t owner, int depth, const pos *at, int nesting);

static int new_children(ctx *c, pm_pqw_node *n, size_t count) {
    n->children = pm_arena_calloc(&c->s->arena, count, sizeof *n->children);
    if (n->children == NULL)
        return pm_err_nomem(c->err);
    n->child_count = count;
    return PAIMON_OK;
}

/* LIST or MAP: the annotated group, the repeated group, then the element or key and value. */
static int convert_repeated(ctx *c, pm_pqw_node *n, const pm_type *t, size_t group,
                            int32_t owner, int depth, const pos *at, int nesting) {
    bool is_list = t->id == PM_TYPE_ARRAY;
    pm_pq_schema_elem *g = &c->s->elems[group];
    g->num_children = 1;
    g->converted = is_list ? PM_PQ_CT_LIST : PM_PQ_CT_MAP;
    g->logical.kind = is_list ? PM_PQ_LT_LIST : PM_PQ_LT_MAP;
    n->kind = is_list ? PM_PQW_LIST : PM_PQW_MAP;
    n->rep = at->rep + 1;
    size_t inner = 0;
    const char *inner_name = is_list ? "list" : "key_value";
    PM_TRY(new_elem(c, inner_name, PM_PQ_REPEATED, false, 0, &inner));
    c->s->elems[inner].num_children = is_list ? 1 : 2;
    if (!is_list)
        c->s->elems[inner].converted = PM_PQ_CT_MAP_KEY_VALUE;
    pos rpos;
    PM_TRY(child_pos(c, at, inner_name, NULL, false, true, &rpos));
    PM_TRY(new_children(c, n, is_list ? 1 : 2));
    if (is_list)
        return convert(c, &n->children[0], t->element, t->element->nullable, "element",
                       element_id(owner, depth + 1), owner, depth + 1, &rpos, nesting + 1);
    const pm_type *key = t->id == PM_TYPE_MAP ? t->key : t->element;
    const pm_type *value = t->id == PM_TYPE_MAP ? t->value : &multiset_count;
    PM_TRY(convert(c, &n->children[0], key, false, "key", key_id(owner, depth + 1), owner,
                   depth + 1, &rpos, nesting + 1));
    return convert(c, &n->children[1], value, value->nullable, "value",
                   element_id(owner, depth + 1), owner, depth + 1, &rpos, nesting + 1);
}

static int convert(ctx *c, pm_pqw_node *n, const pm_type *t, bool nullable, const char *name,
                   int32_t id, int32_t owner, int depth, const pos *parent, int nesting) {
    if (nesting > PM_MAX_NESTING_DEPTH)
        return pm_err(c->err, PAIMON_ELIMIT, "Parquet writer: types nested too deeply");
    pos at;
    PM_TRY(child_pos(c, parent, name, name, nullable, false, &at));
    size_t e = 0;
    PM_TRY(new_elem(c, name, nullable ? PM_PQ_OPTIONAL : PM_PQ_REQUIRED, true, id, &e));
    n->name = at.dotted;
    n->nullable = nullable;
    n->def = at.def;
    n->first_leaf = c->s->column_count;
    switch (t->id) {
    case PM_TYPE_ROW:
        n->kind = PM_PQW_ROW;
        c->s->elems[e].num_children = (int32_t)t->field_count;
        PM_TRY(new_children(c, n, t->field_count));
        for (size_t i = 0; i < t->field_count; i++) {
            const pm_field *f = &t->fields[i];
            PM_TRY(convert(c, &n->children[i], f->type, f->type->nullable, f->name, f->id,
                           f->id, 0, &at, nesting + 1));
        }
        break;
    case PM_TYPE_ARRAY:
    case PM_TYPE_MAP:
    case PM_TYPE_MULTISET:
        PM_TRY(convert_repeated(c, n, t, e, owner, depth, &at, nesting));
        break;
    case PM_TYPE_VARIANT:
        return pm_err(c->err, PAIMON_EUNSUPPORTED,
                      "Parquet writer: column '%s': VARIANT is not supported", at.dotted);
    default: {
        n->kind = PM_PQW_LEAF;
        pm_pqw_schema *s = c->s;
        if (pm_grow((void **)&s->columns, &s->column_cap, s->column_count + 1,
                    sizeof *s->columns) != PAIMON_OK)
            return pm_err_nomem(c->err);
        pm_pqw_column *col = &s->columns[s->column_count];
        memset(col, 0, sizeof *col);
        col->type = t;
        col->name = at.dotted;
        col->path = at.path;
        col->path_len = at.path_len;
        col->max_def = at.def;
        col->max_rep = at.rep;
        PM_TRY(leaf_layout(c, t, &s->elems[e], col));
        pm_pq_dict_init(&col->dict, col->width);
        col->dict_active = col->use_dict;
        col->first_page = true;
        s->column_count++;
        break;
    }
    }
    n->leaf_count = c->s->column_count - n->first_leaf;
    return PAIMON_OK;
}

int pm_pqw_schema_build(pm_pqw_schema *s, const pm_field *fields, size_t count, bool field_ids,
                        bool dictionary, paimon_error *err) {
    memset(s, 0, sizeof *s);
    pm_arena_init(&s->arena, 4096);
    ctx c = {s, field_ids, dictionary, err};
    size_t root = 0;
    PM_TRY(new_elem(&c, "paimon_schema", -1, false, 0, &root));
    s->elems[root].num_children = (int32_t)count;
    s->roots = pm_arena_calloc(&s->arena, count ? count : 1, sizeof *s->roots);
    if (s->roots == NULL)
        return pm_err_nomem(err);
    s->root_count = count;
    pos top = {0, 0, NULL, 0, NULL};
    for (size_t i = 0; i < count; i++) {
        const pm_field *f = &fields[i];
        PM_TRY(convert(&c, &s->roots[i], f->type, f->type->nullable, f->name, f->id, f->id, 0,
                       &top, 1));
    }
    return PAIMON_OK;
}

void pm_pqw_schema_dispose(pm_pqw_schema *s) {
    for (size_t i = 0; i < s->column_count; i++)
        pm_pqw_column_dispose(&s->columns[i]);
    pm_free(s->columns);
    pm_free(s->elems);
    pm_arena_dispose(&s->arena);
    memset(s, 0, sizeof *s);
}

static void write_logical(pm_tw *tw, const pm_pq_logical *l) {
    if (l->kind == PM_PQ_LT_NONE)
        return;
    pm_tw_struct(tw, 10);
    switch (l->kind) {
    case PM_PQ_LT_DECIMAL:
        pm_tw_struct(tw, PM_PQ_LT_DECIMAL);
        pm_tw_i32(tw, 1, l->scale);
        pm_tw_i32(tw, 2, l->precision);
        pm_tw_end(tw);
        break;
    case PM_PQ_LT_TIME:
    case PM_PQ_LT_TIMESTAMP:
        pm_tw_struct(tw, (int16_t)l->kind);
        pm_tw_bool(tw, 1, l->utc);
        pm_tw_struct(tw, 2);
        pm_tw_empty_struct(tw, (int16_t)l->unit);
        pm_tw_end(tw);
        pm_tw_end(tw);
        break;
    case PM_PQ_LT_INTEGER:
        pm_tw_struct(tw, PM_PQ_LT_INTEGER);
        pm_tw_i8(tw, 1, (int8_t)l->bit_width);
        pm_tw_bool(tw, 2, l->is_signed);
        pm_tw_end(tw);
        break;
    default: pm_tw_empty_struct(tw, (int16_t)l->kind); break;
    }
    pm_tw_end(tw);
}

void pm_pqw_schema_write(pm_tw *tw, const pm_pqw_schema *s) {
    pm_tw_list(tw, 2, PM_TT_STRUCT, s->elem_count);
    for (size_t i = 0; i < s->elem_count; i++) {
        const pm_pq_schema_elem *e = &s->elems[i];
        pm_tw_elem_struct(tw);
        if (e->type >= 0)
            pm_tw_i32(tw, 1, e->type);
        if (e->type == PM_PQ_FIXED_LEN_BYTE_ARRAY)
            pm_tw_i32(tw, 2, e->type_length);
        if (e->repetition >= 0)
            pm_tw_i32(tw, 3, e->repetition);
        pm_tw_string(tw, 4, e->name);
        if (e->num_children >= 0)
            pm_tw_i32(tw, 5, e->num_children);
        if (e->converted >= 0)
            pm_tw_i32(tw, 6, e->converted);
        if (e->converted == PM_PQ_CT_DECIMAL) {
            pm_tw_i32(tw, 7, e->scale);
            pm_tw_i32(tw, 8, e->precision);
        }
        if (e->has_field_id)
            pm_tw_i32(tw, 9, e->field_id);
        write_logical(tw, &e->logical);
        pm_tw_end(tw);
    }
}
