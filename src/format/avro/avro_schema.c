/* avro_schema.c - parses Avro schema JSON into pm_avro_schema trees (named types, unions,
 * logical types), rejecting malformed schemas with a message that says where. */
#include "format/avro/avro_schema.h"

#include "data/type.h"
#include "util/mem.h"

#include <jansson.h>
#include <string.h>

typedef struct named_type {
    const char *full_name;
    pm_avro_schema *schema;
    struct named_type *next;
} named_type;

typedef struct parser {
    pm_arena *arena;
    named_type *names; /* every record, enum and fixed defined so far */
    paimon_error *err;
} parser;

static const struct {
    const char *name;
    pm_avro_kind kind;
    size_t min_size;
} PRIMITIVES[] = {
    {"null", PM_AVRO_NULL, 0},   {"boolean", PM_AVRO_BOOLEAN, 1}, {"int", PM_AVRO_INT, 1},
    {"long", PM_AVRO_LONG, 1},   {"float", PM_AVRO_FLOAT, 4},     {"double", PM_AVRO_DOUBLE, 8},
    {"bytes", PM_AVRO_BYTES, 1}, {"string", PM_AVRO_STRING, 1},
};

#define MIN_SIZE_CAP ((size_t)1 << 40) /* saturate: only used as a lower bound */

static size_t add_min_size(size_t a, size_t b) {
    size_t s = a + b;
    return s > MIN_SIZE_CAP ? MIN_SIZE_CAP : s;
}

const char *pm_avro_kind_name(pm_avro_kind kind) {
    switch (kind) {
    case PM_AVRO_NULL:
        return "null";
    case PM_AVRO_BOOLEAN:
        return "boolean";
    case PM_AVRO_INT:
        return "int";
    case PM_AVRO_LONG:
        return "long";
    case PM_AVRO_FLOAT:
        return "float";
    case PM_AVRO_DOUBLE:
        return "double";
    case PM_AVRO_BYTES:
        return "bytes";
    case PM_AVRO_STRING:
        return "string";
    case PM_AVRO_RECORD:
        return "record";
    case PM_AVRO_ENUM:
        return "enum";
    case PM_AVRO_ARRAY:
        return "array";
    case PM_AVRO_MAP:
        return "map";
    case PM_AVRO_UNION:
        return "union";
    case PM_AVRO_FIXED:
        return "fixed";
    }
    return "?";
}

static pm_avro_schema *new_node(parser *p, pm_avro_kind kind, size_t min_size) {
    pm_avro_schema *s = pm_arena_calloc(p->arena, 1, sizeof *s);
    if (s != NULL) {
        s->kind = kind;
        s->min_size = min_size;
    }
    return s;
}

static int primitive_index(const char *name) {
    for (size_t i = 0; i < sizeof PRIMITIVES / sizeof PRIMITIVES[0]; i++) {
        if (strcmp(PRIMITIVES[i].name, name) == 0)
            return (int)i;
    }
    return -1;
}

static pm_avro_schema *find_name(const parser *p, const char *full_name) {
    for (const named_type *n = p->names; n != NULL; n = n->next) {
        if (strcmp(n->full_name, full_name) == 0)
            return n->schema;
    }
    return NULL;
}

/* A reference is resolved in the enclosing namespace first, then as written (Avro Java does the
 * same fallback to the null namespace). */
static pm_avro_schema *resolve_reference(parser *p, const char *ref, const char *ns) {
    if (strchr(ref, '.') == NULL && ns[0] != '\0') {
        size_t nl = strlen(ns), rl = strlen(ref);
        char *full = pm_arena_alloc(p->arena, nl + rl + 2);
        if (full == NULL)
            return NULL;
        memcpy(full, ns, nl);
        full[nl] = '.';
        memcpy(full + nl + 1, ref, rl + 1);
        pm_avro_schema *s = find_name(p, full);
        if (s != NULL)
            return s;
    }
    return find_name(p, ref);
}

static const char *string_member(json_t *obj, const char *key) {
    json_t *v = json_object_get(obj, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Computes the full name and namespace of a named type and registers it, so that the type can
 * refer to itself (recursive records). */
static int define_name(parser *p, json_t *obj, const char *enclosing_ns, pm_avro_schema *node,
                       const char **ns_out) {
    const char *name = string_member(obj, "name");
    if (name == NULL || name[0] == '\0')
        return pm_err(p->err, PAIMON_ECORRUPT, "%s without a \"name\"",
                      pm_avro_kind_name(node->kind));
    json_t *ns_json = json_object_get(obj, "namespace");
    const char *ns = json_is_string(ns_json) ? json_string_value(ns_json) : enclosing_ns;
    const char *full;
    const char *dot = strrchr(name, '.');
    if (dot != NULL) {
        full = pm_arena_strdup(p->arena, name);
        ns = pm_arena_strndup(p->arena, name, (size_t)(dot - name));
    } else if (ns[0] != '\0') {
        size_t nl = strlen(ns), rl = strlen(name);
        char *buf = pm_arena_alloc(p->arena, nl + rl + 2);
        if (buf != NULL) {
            memcpy(buf, ns, nl);
            buf[nl] = '.';
            memcpy(buf + nl + 1, name, rl + 1);
        }
        full = buf;
        ns = pm_arena_strdup(p->arena, ns);
    } else {
        full = pm_arena_strdup(p->arena, name);
        ns = "";
    }
    if (full == NULL || ns == NULL)
        return pm_err_nomem(p->err);
    if (find_name(p, full) != NULL || primitive_index(full) >= 0)
        return pm_err(p->err, PAIMON_ECORRUPT, "type \"%s\" is defined twice", full);
    named_type *entry = pm_arena_alloc(p->arena, sizeof *entry);
    if (entry == NULL)
        return pm_err_nomem(p->err);
    entry->full_name = full;
    entry->schema = node;
    entry->next = p->names;
    p->names = entry;
    node->name = full;
    *ns_out = ns;
    return PAIMON_OK;
}

static bool json_int_in(json_t *v, long long lo, long long hi, int32_t *out) {
    if (!json_is_integer(v))
        return false;
    json_int_t x = json_integer_value(v);
    if (x < lo || x > hi)
        return false;
    *out = (int32_t)x;
    return true;
}

/* Attaches a logical type when it fits the underlying type; ignores it otherwise. */
static void apply_logical_type(pm_avro_schema *s, json_t *obj) {
    const char *lt = string_member(obj, "logicalType");
    if (lt == NULL)
        return;
    static const struct {
        const char *name;
        pm_avro_kind kind;
        pm_avro_logical logical;
    } simple[] = {
        {"date", PM_AVRO_INT, PM_AVRO_LOGICAL_DATE},
        {"time-millis", PM_AVRO_INT, PM_AVRO_LOGICAL_TIME_MILLIS},
        {"time-micros", PM_AVRO_LONG, PM_AVRO_LOGICAL_TIME_MICROS},
        {"timestamp-millis", PM_AVRO_LONG, PM_AVRO_LOGICAL_TIMESTAMP_MILLIS},
        {"timestamp-micros", PM_AVRO_LONG, PM_AVRO_LOGICAL_TIMESTAMP_MICROS},
        {"timestamp-nanos", PM_AVRO_LONG, PM_AVRO_LOGICAL_TIMESTAMP_NANOS},
        {"local-timestamp-millis", PM_AVRO_LONG, PM_AVRO_LOGICAL_LOCAL_TIMESTAMP_MILLIS},
        {"local-timestamp-micros", PM_AVRO_LONG, PM_AVRO_LOGICAL_LOCAL_TIMESTAMP_MICROS},
        {"local-timestamp-nanos", PM_AVRO_LONG, PM_AVRO_LOGICAL_LOCAL_TIMESTAMP_NANOS},
        {"uuid", PM_AVRO_STRING, PM_AVRO_LOGICAL_UUID},
        {"map", PM_AVRO_ARRAY, PM_AVRO_LOGICAL_MAP},
    };
    for (size_t i = 0; i < sizeof simple / sizeof simple[0]; i++) {
        if (strcmp(lt, simple[i].name) == 0) {
            if (s->kind == simple[i].kind)
                s->logical = simple[i].logical;
            return;
        }
    }
    if (strcmp(lt, "decimal") == 0 && (s->kind == PM_AVRO_BYTES || s->kind == PM_AVRO_FIXED)) {
        int32_t precision, scale = 0;
        if (!json_int_in(json_object_get(obj, "precision"), 1, INT32_MAX, &precision))
            return;
        json_t *scale_json = json_object_get(obj, "scale");
        if (scale_json != NULL && !json_int_in(scale_json, 0, precision, &scale))
            return;
        s->logical = PM_AVRO_LOGICAL_DECIMAL;
        s->precision = precision;
        s->scale = scale;
    }
}

static int parse_node(parser *p, json_t *j, const char *ns, int depth, pm_avro_schema **out);

static int parse_record(parser *p, json_t *j, const char *ns, int depth, pm_avro_schema **out) {
    pm_avro_schema *node = new_node(p, PM_AVRO_RECORD, 0);
    if (node == NULL)
        return pm_err_nomem(p->err);
    const char *record_ns;
    PM_TRY(define_name(p, j, ns, node, &record_ns));
    json_t *fields = json_object_get(j, "fields");
    if (!json_is_array(fields))
        return pm_err(p->err, PAIMON_ECORRUPT, "record \"%s\" without a \"fields\" array",
                      node->name);
    size_t n = json_array_size(fields);
    node->fields = pm_arena_calloc(p->arena, n, sizeof *node->fields);
    if (node->fields == NULL && n > 0)
        return pm_err_nomem(p->err);
    size_t min_size = 0;
    for (size_t i = 0; i < n; i++) {
        json_t *f = json_array_get(fields, i);
        const char *name = json_is_object(f) ? string_member(f, "name") : NULL;
        if (name == NULL)
            return pm_err(p->err, PAIMON_ECORRUPT, "record \"%s\": field %zu has no \"name\"",
                          node->name, i);
        for (size_t k = 0; k < i; k++) {
            if (strcmp(node->fields[k].name, name) == 0)
                return pm_err(p->err, PAIMON_ECORRUPT, "record \"%s\": field \"%s\" appears twice",
                              node->name, name);
        }
        json_t *type = json_object_get(f, "type");
        if (type == NULL)
            return pm_err(p->err, PAIMON_ECORRUPT, "record \"%s\": field \"%s\" has no \"type\"",
                          node->name, name);
        pm_avro_schema *ft;
        int rc = parse_node(p, type, record_ns, depth + 1, &ft);
        if (rc != PAIMON_OK) {
            pm_err_prefix(p->err, "field \"%s\": ", name);
            return rc;
        }
        node->fields[i].name = pm_arena_strdup(p->arena, name);
        if (node->fields[i].name == NULL)
            return pm_err_nomem(p->err);
        node->fields[i].type = ft;
        node->fields[i].has_default = json_object_get(f, "default") != NULL;
        /* Fields are parsed one by one, so counting them as we go keeps the loop above
         * comparing only names that are set. */
        node->field_count = i + 1;
        min_size = add_min_size(min_size, ft->min_size);
    }
    node->min_size = min_size;
    *out = node;
    return PAIMON_OK;
}

static int parse_enum(parser *p, json_t *j, const char *ns, pm_avro_schema **out) {
    pm_avro_schema *node = new_node(p, PM_AVRO_ENUM, 1);
    if (node == NULL)
        return pm_err_nomem(p->err);
    const char *enum_ns;
    PM_TRY(define_name(p, j, ns, node, &enum_ns));
    json_t *symbols = json_object_get(j, "symbols");
    if (!json_is_array(symbols) || json_array_size(symbols) == 0)
        return pm_err(p->err, PAIMON_ECORRUPT, "enum \"%s\" without \"symbols\"", node->name);
    size_t n = json_array_size(symbols);
    node->symbols = pm_arena_calloc(p->arena, n, sizeof *node->symbols);
    if (node->symbols == NULL)
        return pm_err_nomem(p->err);
    for (size_t i = 0; i < n; i++) {
        json_t *s = json_array_get(symbols, i);
        if (!json_is_string(s))
            return pm_err(p->err, PAIMON_ECORRUPT, "enum \"%s\": symbol %zu is not a string",
                          node->name, i);
        for (size_t k = 0; k < i; k++) {
            if (strcmp(node->symbols[k], json_string_value(s)) == 0)
                return pm_err(p->err, PAIMON_ECORRUPT, "enum \"%s\": symbol \"%s\" appears twice",
                              node->name, json_string_value(s));
        }
        node->symbols[i] = pm_arena_strdup(p->arena, json_string_value(s));
        if (node->symbols[i] == NULL)
            return pm_err_nomem(p->err);
    }
    node->symbol_count = n;
    *out = node;
    return PAIMON_OK;
}

static int parse_fixed(parser *p, json_t *j, const char *ns, pm_avro_schema **out) {
    pm_avro_schema *node = new_node(p, PM_AVRO_FIXED, 0);
    if (node == NULL)
        return pm_err_nomem(p->err);
    const char *fixed_ns;
    PM_TRY(define_name(p, j, ns, node, &fixed_ns));
    int32_t size;
    if (!json_int_in(json_object_get(j, "size"), 0, INT32_MAX, &size))
        return pm_err(p->err, PAIMON_ECORRUPT, "fixed \"%s\" without a valid \"size\"", node->name);
    node->fixed_size = (size_t)size;
    node->min_size = (size_t)size;
    apply_logical_type(node, j);
    *out = node;
    return PAIMON_OK;
}

static int parse_container(parser *p, json_t *j, const char *ns, int depth, pm_avro_kind kind,
                           pm_avro_schema **out) {
    const char *key = kind == PM_AVRO_ARRAY ? "items" : "values";
    json_t *inner = json_object_get(j, key);
    if (inner == NULL)
        return pm_err(p->err, PAIMON_ECORRUPT, "%s without \"%s\"", pm_avro_kind_name(kind), key);
    pm_avro_schema *node = new_node(p, kind, 1);
    if (node == NULL)
        return pm_err_nomem(p->err);
    pm_avro_schema *inner_schema;
    int rc = parse_node(p, inner, ns, depth + 1, &inner_schema);
    if (rc != PAIMON_OK) {
        pm_err_prefix(p->err, "%s: ", key);
        return rc;
    }
    if (kind == PM_AVRO_ARRAY)
        node->items = inner_schema;
    else
        node->values = inner_schema;
    apply_logical_type(node, j);
    *out = node;
    return PAIMON_OK;
}

static bool same_branch_type(const pm_avro_schema *a, const pm_avro_schema *b) {
    if (a->kind != b->kind)
        return false;
    if (a->name != NULL && b->name != NULL)
        return strcmp(a->name, b->name) == 0;
    return true;
}

static int parse_union(parser *p, json_t *j, const char *ns, int depth, pm_avro_schema **out) {
    size_t n = json_array_size(j);
    if (n == 0)
        return pm_err(p->err, PAIMON_ECORRUPT, "empty union");
    pm_avro_schema *node = new_node(p, PM_AVRO_UNION, 1);
    if (node == NULL)
        return pm_err_nomem(p->err);
    node->branches = pm_arena_calloc(p->arena, n, sizeof *node->branches);
    if (node->branches == NULL)
        return pm_err_nomem(p->err);
    size_t min_branch = MIN_SIZE_CAP;
    for (size_t i = 0; i < n; i++) {
        pm_avro_schema *b;
        int rc = parse_node(p, json_array_get(j, i), ns, depth + 1, &b);
        if (rc != PAIMON_OK) {
            pm_err_prefix(p->err, "union branch %zu: ", i);
            return rc;
        }
        if (b->kind == PM_AVRO_UNION)
            return pm_err(p->err, PAIMON_ECORRUPT, "union branch %zu is itself a union", i);
        for (size_t k = 0; k < i; k++) {
            if (same_branch_type(node->branches[k], b))
                return pm_err(p->err, PAIMON_ECORRUPT, "union has two %s branches",
                              b->name ? b->name : pm_avro_kind_name(b->kind));
        }
        node->branches[i] = b;
        node->branch_count = i + 1;
        if (b->min_size < min_branch)
            min_branch = b->min_size;
    }
    node->min_size = add_min_size(1, min_branch);
    *out = node;
    return PAIMON_OK;
}

static int parse_named_or_primitive(parser *p, const char *name, const char *ns, json_t *attrs,
                                    pm_avro_schema **out) {
    int prim = primitive_index(name);
    if (prim >= 0) {
        pm_avro_schema *node = new_node(p, PRIMITIVES[prim].kind, PRIMITIVES[prim].min_size);
        if (node == NULL)
            return pm_err_nomem(p->err);
        if (attrs != NULL)
            apply_logical_type(node, attrs);
        *out = node;
        return PAIMON_OK;
    }
    pm_avro_schema *ref = resolve_reference(p, name, ns);
    if (ref == NULL)
        return pm_err(p->err, PAIMON_ECORRUPT, "unknown type \"%s\"", name);
    *out = ref;
    return PAIMON_OK;
}

static int parse_node(parser *p, json_t *j, const char *ns, int depth, pm_avro_schema **out) {
    if (depth > PM_MAX_NESTING_DEPTH)
        return pm_err(p->err, PAIMON_ELIMIT, "nested deeper than %d levels", PM_MAX_NESTING_DEPTH);
    if (json_is_string(j))
        return parse_named_or_primitive(p, json_string_value(j), ns, NULL, out);
    if (json_is_array(j))
        return parse_union(p, j, ns, depth, out);
    if (!json_is_object(j))
        return pm_err(p->err, PAIMON_ECORRUPT, "a type must be a JSON string, object or array");
    json_t *type = json_object_get(j, "type");
    if (type == NULL)
        return pm_err(p->err, PAIMON_ECORRUPT, "type object without \"type\"");
    if (!json_is_string(type)) {
        /* {"type": {...}} or {"type": [...]}: the inner value is the schema. */
        return parse_node(p, type, ns, depth + 1, out);
    }
    const char *t = json_string_value(type);
    if (strcmp(t, "record") == 0 || strcmp(t, "error") == 0)
        return parse_record(p, j, ns, depth, out);
    if (strcmp(t, "enum") == 0)
        return parse_enum(p, j, ns, out);
    if (strcmp(t, "fixed") == 0)
        return parse_fixed(p, j, ns, out);
    if (strcmp(t, "array") == 0)
        return parse_container(p, j, ns, depth, PM_AVRO_ARRAY, out);
    if (strcmp(t, "map") == 0)
        return parse_container(p, j, ns, depth, PM_AVRO_MAP, out);
    return parse_named_or_primitive(p, t, ns, j, out);
}

int pm_avro_schema_parse(const char *json, size_t len, pm_arena *arena, const pm_avro_schema **out,
                         paimon_error *err) {
    json_error_t jerr;
    json_t *root = json_loadb(json, len, JSON_DECODE_ANY, &jerr);
    if (root == NULL)
        return pm_err(err, PAIMON_ECORRUPT, "avro schema: invalid JSON at line %d column %d: %s",
                      jerr.line, jerr.column, jerr.text);
    parser p = {arena, NULL, err};
    pm_avro_schema *schema = NULL;
    int rc = parse_node(&p, root, "", 0, &schema);
    json_decref(root);
    if (rc != PAIMON_OK) {
        pm_err_prefix(err, "avro schema: ");
        return rc;
    }
    *out = schema;
    return PAIMON_OK;
}

long pm_avro_schema_field_index(const pm_avro_schema *record, const char *name) {
    if (record == NULL || record->kind != PM_AVRO_RECORD)
        return -1;
    for (size_t i = 0; i < record->field_count; i++) {
        if (strcmp(record->fields[i].name, name) == 0)
            return (long)i;
    }
    return -1;
}

const pm_avro_schema *pm_avro_schema_unwrap_nullable(const pm_avro_schema *s, int *null_index,
                                                     int *value_index) {
    *null_index = -1;
    *value_index = -1;
    if (s->kind != PM_AVRO_UNION || s->branch_count != 2)
        return s;
    int n = s->branches[0]->kind == PM_AVRO_NULL   ? 0
            : s->branches[1]->kind == PM_AVRO_NULL ? 1
                                                   : -1;
    if (n < 0)
        return s;
    *null_index = n;
    *value_index = 1 - n;
    return s->branches[1 - n];
}
