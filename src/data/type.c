/* type.c - construction, copying and comparison of Paimon type trees. */
#include "data/type.h"

#include "util/mem.h"

#include <string.h>

pm_type *pm_type_new(pm_type_id id, bool nullable) {
    pm_type *t = pm_calloc(1, sizeof *t);
    if (t == NULL)
        return NULL;
    t->id = id;
    t->nullable = nullable;
    switch (id) {
    case PM_TYPE_DECIMAL:
        t->precision = 10;
        break;
    case PM_TYPE_TIMESTAMP:
    case PM_TYPE_TIMESTAMP_LTZ:
        t->precision = 6;
        break;
    case PM_TYPE_CHAR:
    case PM_TYPE_BINARY:
        t->length = 1;
        break;
    case PM_TYPE_VARCHAR:
    case PM_TYPE_VARBINARY:
        t->length = PM_MAX_LENGTH;
        break;
    default:
        break;
    }
    return t;
}

pm_type *pm_type_new_decimal(int32_t precision, int32_t scale, bool nullable) {
    pm_type *t = pm_type_new(PM_TYPE_DECIMAL, nullable);
    if (t != NULL) {
        t->precision = precision;
        t->scale = scale;
    }
    return t;
}

pm_type *pm_type_new_sized(pm_type_id id, int32_t length_or_precision, bool nullable) {
    pm_type *t = pm_type_new(id, nullable);
    if (t == NULL)
        return NULL;
    if (id == PM_TYPE_TIME || id == PM_TYPE_TIMESTAMP || id == PM_TYPE_TIMESTAMP_LTZ ||
        id == PM_TYPE_DECIMAL)
        t->precision = length_or_precision;
    else
        t->length = length_or_precision;
    return t;
}

pm_type *pm_type_new_array(pm_type *element, bool nullable) {
    if (element == NULL)
        return NULL;
    pm_type *t = pm_type_new(PM_TYPE_ARRAY, nullable);
    if (t == NULL) {
        pm_type_free(element);
        return NULL;
    }
    t->element = element;
    return t;
}

pm_type *pm_type_new_map(pm_type *key, pm_type *value, bool nullable) {
    pm_type *t = (key && value) ? pm_type_new(PM_TYPE_MAP, nullable) : NULL;
    if (t == NULL) {
        pm_type_free(key);
        pm_type_free(value);
        return NULL;
    }
    t->key = key;
    t->value = value;
    return t;
}

pm_type *pm_type_new_row(pm_field *fields, size_t field_count, bool nullable) {
    pm_type *t = pm_type_new(PM_TYPE_ROW, nullable);
    if (t == NULL) {
        for (size_t i = 0; i < field_count; i++)
            pm_field_dispose(&fields[i]);
        pm_free(fields);
        return NULL;
    }
    t->fields = fields;
    t->field_count = field_count;
    return t;
}

void pm_field_dispose(pm_field *field) {
    pm_free(field->name);
    pm_free(field->description);
    pm_free(field->default_value);
    pm_type_free(field->type);
    memset(field, 0, sizeof *field);
}

void pm_type_free(pm_type *type) {
    if (type == NULL)
        return;
    pm_type_free(type->element);
    pm_type_free(type->key);
    pm_type_free(type->value);
    for (size_t i = 0; i < type->field_count; i++)
        pm_field_dispose(&type->fields[i]);
    pm_free(type->fields);
    pm_free(type);
}

static char *dup_or_null(const char *s, bool *failed) {
    if (s == NULL)
        return NULL;
    char *copy = pm_strdup(s);
    if (copy == NULL)
        *failed = true;
    return copy;
}

int pm_field_copy(pm_field *dst, const pm_field *src) {
    bool failed = false;
    memset(dst, 0, sizeof *dst);
    dst->id = src->id;
    dst->name = dup_or_null(src->name, &failed);
    dst->description = dup_or_null(src->description, &failed);
    dst->default_value = dup_or_null(src->default_value, &failed);
    dst->type = pm_type_clone(src->type);
    if (failed || (src->type != NULL && dst->type == NULL)) {
        pm_field_dispose(dst);
        return PAIMON_ENOMEM;
    }
    return PAIMON_OK;
}

pm_type *pm_type_clone(const pm_type *type) {
    if (type == NULL)
        return NULL;
    pm_type *t = pm_calloc(1, sizeof *t);
    if (t == NULL)
        return NULL;
    *t = *type;
    t->element = NULL;
    t->key = NULL;
    t->value = NULL;
    t->fields = NULL;
    t->field_count = 0;
    bool failed = false;
    if (type->element && (t->element = pm_type_clone(type->element)) == NULL)
        failed = true;
    if (type->key && (t->key = pm_type_clone(type->key)) == NULL)
        failed = true;
    if (type->value && (t->value = pm_type_clone(type->value)) == NULL)
        failed = true;
    if (!failed && type->field_count > 0) {
        t->fields = pm_calloc(type->field_count, sizeof *t->fields);
        if (t->fields == NULL) {
            failed = true;
        } else {
            for (size_t i = 0; i < type->field_count; i++) {
                if (pm_field_copy(&t->fields[i], &type->fields[i]) != PAIMON_OK) {
                    failed = true;
                    break;
                }
                t->field_count = i + 1;
            }
        }
    }
    if (failed) {
        pm_type_free(t);
        return NULL;
    }
    return t;
}

static bool str_eq_nullable(const char *a, const char *b) {
    if (a == NULL || b == NULL)
        return a == b;
    return strcmp(a, b) == 0;
}

bool pm_type_equals(const pm_type *a, const pm_type *b, bool ignore_nullability) {
    if (a == NULL || b == NULL)
        return a == b;
    if (a->id != b->id || (!ignore_nullability && a->nullable != b->nullable))
        return false;
    if (a->length != b->length || a->precision != b->precision || a->scale != b->scale)
        return false;
    if (!pm_type_equals(a->element, b->element, ignore_nullability) ||
        !pm_type_equals(a->key, b->key, ignore_nullability) ||
        !pm_type_equals(a->value, b->value, ignore_nullability))
        return false;
    if (a->field_count != b->field_count)
        return false;
    for (size_t i = 0; i < a->field_count; i++) {
        if (a->fields[i].id != b->fields[i].id ||
            !str_eq_nullable(a->fields[i].name, b->fields[i].name) ||
            !pm_type_equals(a->fields[i].type, b->fields[i].type, ignore_nullability))
            return false;
    }
    return true;
}

bool pm_type_is_nested(const pm_type *type) {
    return type->id == PM_TYPE_ARRAY || type->id == PM_TYPE_MULTISET || type->id == PM_TYPE_MAP ||
           type->id == PM_TYPE_ROW;
}

bool pm_type_is_string(const pm_type *type) {
    return type->id == PM_TYPE_CHAR || type->id == PM_TYPE_VARCHAR;
}

bool pm_type_is_binary(const pm_type *type) {
    return type->id == PM_TYPE_BINARY || type->id == PM_TYPE_VARBINARY || type->id == PM_TYPE_BLOB;
}

bool pm_type_is_integer(const pm_type *type) {
    return type->id == PM_TYPE_TINYINT || type->id == PM_TYPE_SMALLINT || type->id == PM_TYPE_INT ||
           type->id == PM_TYPE_BIGINT;
}

const char *pm_type_id_name(pm_type_id id) {
    static const char *const names[] = {
        "BOOLEAN", "TINYINT", "SMALLINT",  "INT",       "BIGINT",   "FLOAT",
        "DOUBLE",  "DECIMAL", "CHAR",      "VARCHAR",   "BINARY",   "VARBINARY",
        "DATE",    "TIME",    "TIMESTAMP", "TIMESTAMP_LTZ", "ARRAY", "MULTISET",
        "MAP",     "ROW",     "VARIANT",   "BLOB",
    };
    if ((size_t)id < sizeof names / sizeof names[0])
        return names[id];
    return "UNKNOWN";
}

long pm_row_field_index_by_name(const pm_type *row, const char *name) {
    for (size_t i = 0; i < row->field_count; i++) {
        if (strcmp(row->fields[i].name, name) == 0)
            return (long)i;
    }
    return -1;
}

long pm_row_field_index_by_id(const pm_type *row, int32_t id) {
    for (size_t i = 0; i < row->field_count; i++) {
        if (row->fields[i].id == id)
            return (long)i;
    }
    return -1;
}
