/*
 * type_json.c - reading and writing types and fields as Java's SchemaSerializer does
 * (DataTypeJsonParser / DataType.serializeJson).
 *
 * Recursion follows the JSON nesting of types and is bounded by PM_MAX_NESTING_DEPTH.
 */
#include "core/type_json.h"

#include "core/json_java.h"
#include "util/mem.h"
#include "util/vec.h"

#include <stdlib.h>
#include <string.h>

typedef struct id_list {
    int32_t *items;
    size_t count, cap;
} id_list;

static int parse_fields(const json_t *arr, int depth, id_list *ids, pm_type **out,
                        paimon_error *err);

/* Whether a type parsed from a string contains ROW or MAP (depth bounded by the parser). */
static bool has_row_or_map(const pm_type *t) {
    for (; t != NULL; t = t->element) {
        if (t->id == PM_TYPE_ROW || t->id == PM_TYPE_MAP)
            return true;
    }
    return false;
}

static int parse_type(const json_t *j, int depth, id_list *ids, pm_type **out,
                      paimon_error *err) {
    if (depth > PM_MAX_NESTING_DEPTH)
        return PM_CORRUPT(err, "types nested deeper than %d levels", PM_MAX_NESTING_DEPTH);
    if (json_is_string(j)) {
        int rc = pm_type_parse(json_string_value(j), out, err);
        if (rc == PAIMON_EINVAL) {
            /* A bad type string in a file is corruption of that file. */
            rc = PAIMON_ECORRUPT;
            if (err != NULL)
                err->code = rc;
        }
        if (rc == PAIMON_OK && has_row_or_map(*out)) {
            /* Java's string parser knows no ROW/MAP; their fields need ids from an object. */
            pm_type_free(*out);
            return PM_CORRUPT(err, "nested type \"%s\" must be written as a JSON object",
                              json_string_value(j));
        }
        return rc;
    }
    if (!json_is_object(j))
        return PM_CORRUPT(err, "type must be a string or an object, not %s", pm_json_kind(j));
    const char *kind;
    PM_TRY(pm_json_req_str(j, "type", &kind, err));
    bool nullable = strstr(kind, "NOT NULL") == NULL;
    pm_type *t = NULL;
    if (strncmp(kind, "ARRAY", 5) == 0 || strncmp(kind, "MULTISET", 8) == 0) {
        json_t *element = json_object_get(j, "element");
        pm_type *et;
        if (element == NULL)
            return PM_CORRUPT(err, "%s type without \"element\"", kind);
        PM_TRY(parse_type(element, depth + 1, ids, &et, err));
        t = pm_type_new_array(et, nullable);
        if (t != NULL && kind[0] == 'M')
            t->id = PM_TYPE_MULTISET;
    } else if (strncmp(kind, "MAP", 3) == 0) {
        json_t *kj = json_object_get(j, "key"), *vj = json_object_get(j, "value");
        if (kj == NULL || vj == NULL)
            return PM_CORRUPT(err, "MAP type without \"%s\"", kj == NULL ? "key" : "value");
        pm_type *kt, *vt;
        PM_TRY(parse_type(kj, depth + 1, ids, &kt, err));
        int rc = parse_type(vj, depth + 1, ids, &vt, err);
        if (rc != PAIMON_OK) {
            pm_type_free(kt);
            return rc;
        }
        t = pm_type_new_map(kt, vt, nullable);
    } else if (strncmp(kind, "ROW", 3) == 0) {
        json_t *fields;
        PM_TRY(pm_json_req_member(j, "fields", JSON_ARRAY, &fields, err));
        PM_TRY(parse_fields(fields, depth + 1, ids, &t, err));
        t->nullable = nullable;
        *out = t;
        return PAIMON_OK;
    } else if (strncmp(kind, "VECTOR", 6) == 0) {
        return pm_err(err, PAIMON_EUNSUPPORTED, "VECTOR types are not supported");
    } else {
        return PM_CORRUPT(err, "unknown nested type \"%s\"", kind);
    }
    if (t == NULL)
        return pm_err_nomem(err);
    *out = t;
    return PAIMON_OK;
}

/* description / defaultValue: a string, or absent/null. */
static int opt_text(const json_t *obj, const char *key, char **out, paimon_error *err) {
    const char *s;
    *out = NULL;
    PM_TRY(pm_json_opt_str(obj, key, &s, err));
    if (s != NULL && (*out = pm_strdup(s)) == NULL)
        return pm_err_nomem(err);
    return PAIMON_OK;
}

static int parse_field(const json_t *j, int depth, id_list *ids, pm_field *f, paimon_error *err) {
    memset(f, 0, sizeof *f);
    if (!json_is_object(j))
        return PM_CORRUPT(err, "field must be an object, not %s", pm_json_kind(j));
    const char *name;
    int64_t id;
    PM_TRY(pm_json_req_str(j, "name", &name, err));
    int rc = pm_json_req_int(j, "id", &id, err);
    if (rc == PAIMON_OK && (id < INT32_MIN || id > INT32_MAX))
        rc = PM_CORRUPT(err, "field id %lld out of range", (long long)id);
    if (rc == PAIMON_OK) {
        f->id = (int32_t)id;
        if (pm_grow((void **)&ids->items, &ids->cap, ids->count + 1, sizeof *ids->items))
            rc = pm_err_nomem(err);
        else
            ids->items[ids->count++] = f->id;
    }
    if (rc == PAIMON_OK && (f->name = pm_strdup(name)) == NULL)
        rc = pm_err_nomem(err);
    json_t *type = json_object_get(j, "type");
    if (rc == PAIMON_OK && type == NULL)
        rc = PM_CORRUPT(err, "missing required member \"type\"");
    if (rc == PAIMON_OK)
        rc = parse_type(type, depth, ids, &f->type, err);
    if (rc == PAIMON_OK)
        rc = opt_text(j, "description", &f->description, err);
    if (rc == PAIMON_OK)
        rc = opt_text(j, "defaultValue", &f->default_value, err);
    if (rc != PAIMON_OK) {
        if (err != NULL)
            pm_err_prefix(err, "field '%s': ", name);
        pm_field_dispose(f);
    }
    return rc;
}

static int parse_fields(const json_t *arr, int depth, id_list *ids, pm_type **out,
                        paimon_error *err) {
    size_t n = json_array_size(arr);
    pm_field *fields = pm_calloc(n ? n : 1, sizeof *fields);
    if (fields == NULL)
        return pm_err_nomem(err);
    int rc = PAIMON_OK;
    for (size_t i = 0; rc == PAIMON_OK && i < n; i++) {
        rc = parse_field(json_array_get(arr, i), depth, ids, &fields[i], err);
        for (size_t k = 0; rc == PAIMON_OK && k < i; k++) {
            if (strcmp(fields[k].name, fields[i].name) == 0)
                rc = PM_CORRUPT(err, "duplicate field name '%s'", fields[i].name);
        }
    }
    if (rc != PAIMON_OK) {
        /* Fields not (or no longer) filled are zeroed; disposing them is a no-op. */
        for (size_t k = 0; k < n; k++)
            pm_field_dispose(&fields[k]);
        pm_free(fields);
        return rc;
    }
    pm_type *row = pm_type_new_row(fields, n, true);
    if (row == NULL)
        return pm_err_nomem(err);
    *out = row;
    return PAIMON_OK;
}

static int cmp_id(const void *a, const void *b) {
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

int pm_row_type_from_json(const json_t *fields, pm_type **out, paimon_error *err) {
    if (!json_is_array(fields))
        return PM_CORRUPT(err, "fields must be an array, not %s", pm_json_kind(fields));
    id_list ids = {NULL, 0, 0};
    pm_type *row;
    int rc = parse_fields(fields, 0, &ids, &row, err);
    if (rc == PAIMON_OK && ids.count > 1) {
        qsort(ids.items, ids.count, sizeof *ids.items, cmp_id);
        for (size_t i = 1; rc == PAIMON_OK && i < ids.count; i++) {
            if (ids.items[i] == ids.items[i - 1])
                rc = PM_CORRUPT(err, "duplicate field id %d", ids.items[i]);
        }
        if (rc != PAIMON_OK)
            pm_type_free(row);
    }
    pm_free(ids.items);
    if (rc == PAIMON_OK)
        *out = row;
    return rc;
}

int pm_type_from_json(const json_t *j, int depth, pm_type **out, paimon_error *err) {
    id_list ids = {NULL, 0, 0};
    int rc = parse_type(j, depth, &ids, out, err);
    pm_free(ids.items);
    return rc;
}

/* ---- writing ---- */

static json_t *field_to_json(const pm_field *f, const json_t *original, int depth);

static const json_t *find_field(const json_t *fields, int32_t id) {
    size_t i;
    json_t *f;
    json_array_foreach(fields, i, f) {
        json_t *jid = json_object_get(f, "id");
        if (json_is_integer(jid) && json_integer_value(jid) == id)
            return f;
    }
    return NULL;
}

static json_t *fields_to_json(const pm_type *row, const json_t *original, int depth) {
    json_t *arr = json_array();
    for (size_t i = 0; arr != NULL && i < row->field_count; i++) {
        const pm_field *f = &row->fields[i];
        const json_t *orig = json_is_array(original) ? find_field(original, f->id) : NULL;
        if (json_array_append_new(arr, field_to_json(f, orig, depth)) != 0) {
            json_decref(arr);
            arr = NULL;
        }
    }
    return arr;
}

static json_t *nested_kind(const char *kind, bool nullable) {
    char text[32];
    strcpy(text, kind);
    if (!nullable)
        strcat(text, " NOT NULL");
    return json_string(text);
}

static json_t *type_to_json(const pm_type *t, const json_t *original, int depth) {
    if (depth > PM_MAX_NESTING_DEPTH)
        return NULL;
    if (!pm_type_is_nested(t)) {
        pm_buf text = PM_BUF_INIT;
        json_t *s = pm_type_format(t, &text) == PAIMON_OK && pm_buf_cstr(&text) != NULL
                        ? json_stringn((const char *)text.data, text.len)
                        : NULL;
        pm_buf_dispose(&text);
        return s;
    }
    json_t *obj = json_object();
    if (obj == NULL)
        return NULL;
    const json_t *orig = json_is_object(original) ? original : NULL;
    int rc;
    switch (t->id) {
    case PM_TYPE_ARRAY:
    case PM_TYPE_MULTISET:
        rc = pm_json_set(obj, "type", nested_kind(t->id == PM_TYPE_ARRAY ? "ARRAY" : "MULTISET",
                                                  t->nullable));
        if (rc == PAIMON_OK)
            rc = pm_json_set(obj, "element",
                             type_to_json(t->element, json_object_get(orig, "element"), depth + 1));
        break;
    case PM_TYPE_MAP:
        rc = pm_json_set(obj, "type", nested_kind("MAP", t->nullable));
        if (rc == PAIMON_OK)
            rc = pm_json_set(obj, "key", type_to_json(t->key, json_object_get(orig, "key"),
                                                      depth + 1));
        if (rc == PAIMON_OK)
            rc = pm_json_set(obj, "value", type_to_json(t->value, json_object_get(orig, "value"),
                                                        depth + 1));
        break;
    default:
        rc = pm_json_set(obj, "type", nested_kind("ROW", t->nullable));
        if (rc == PAIMON_OK)
            rc = pm_json_set(obj, "fields",
                             fields_to_json(t, json_object_get(orig, "fields"), depth + 1));
        break;
    }
    if (rc != PAIMON_OK) {
        json_decref(obj);
        return NULL;
    }
    return obj;
}

static bool is_known_field_key(const char *key) {
    return strcmp(key, "id") == 0 || strcmp(key, "name") == 0 || strcmp(key, "type") == 0 ||
           strcmp(key, "description") == 0 || strcmp(key, "defaultValue") == 0;
}

static json_t *field_to_json(const pm_field *f, const json_t *original, int depth) {
    json_t *obj = json_object();
    if (obj == NULL)
        return NULL;
    int rc = pm_json_set(obj, "id", json_integer(f->id));
    if (rc == PAIMON_OK)
        rc = pm_json_set(obj, "name", json_string(f->name));
    if (rc == PAIMON_OK)
        rc = pm_json_set(obj, "type",
                         type_to_json(f->type, json_object_get(original, "type"), depth + 1));
    if (rc == PAIMON_OK && f->description != NULL)
        rc = pm_json_set(obj, "description", json_string(f->description));
    if (rc == PAIMON_OK && f->default_value != NULL)
        rc = pm_json_set(obj, "defaultValue", json_string(f->default_value));
    const char *key;
    json_t *value;
    if (json_is_object(original)) {
        json_object_foreach((json_t *)original, key, value) {
            if (rc == PAIMON_OK && !is_known_field_key(key))
                rc = pm_json_set(obj, key, json_incref(value));
        }
    }
    if (rc != PAIMON_OK) {
        json_decref(obj);
        return NULL;
    }
    return obj;
}

json_t *pm_type_to_json(const pm_type *t, const json_t *original) {
    return type_to_json(t, original, 0);
}

json_t *pm_fields_to_json(const pm_type *row, const json_t *original_fields) {
    return fields_to_json(row, original_fields, 0);
}
