/* arrow_schema.c - ArrowSchema descriptions of Paimon fields (layouts in arrow_builder.h). */
#include "data/arrow_builder.h"

#include "util/endian.h"
#include "util/mem.h"

#include <stdio.h>
#include <string.h>

typedef struct exported_schema {
    char *format;
    char *name;
    char *metadata;
    struct ArrowSchema *children;
    struct ArrowSchema **child_ptrs;
} exported_schema;

static void exported_schema_release(struct ArrowSchema *s) {
    if (s->release == NULL)
        return;
    exported_schema *e = s->private_data;
    for (int64_t i = 0; i < s->n_children; i++) {
        if (e->children[i].release != NULL)
            e->children[i].release(&e->children[i]);
    }
    pm_free(e->children);
    pm_free(e->child_ptrs);
    pm_free(e->format);
    pm_free(e->name);
    pm_free(e->metadata);
    pm_free(e);
    s->release = NULL;
}

static int format_string(const pm_type *t, char *buf, size_t cap) {
    const char *f = NULL;
    switch (t->id) {
    case PM_TYPE_BOOLEAN: f = "b"; break;
    case PM_TYPE_TINYINT: f = "c"; break;
    case PM_TYPE_SMALLINT: f = "s"; break;
    case PM_TYPE_INT: f = "i"; break;
    case PM_TYPE_BIGINT: f = "l"; break;
    case PM_TYPE_FLOAT: f = "f"; break;
    case PM_TYPE_DOUBLE: f = "g"; break;
    case PM_TYPE_DECIMAL: snprintf(buf, cap, "d:%d,%d", t->precision, t->scale); return PAIMON_OK;
    case PM_TYPE_CHAR:
    case PM_TYPE_VARCHAR: f = "u"; break;
    case PM_TYPE_BINARY:
    case PM_TYPE_VARBINARY:
    case PM_TYPE_BLOB: f = "z"; break;
    case PM_TYPE_DATE: f = "tdD"; break;
    case PM_TYPE_TIME: f = "ttm"; break;
    case PM_TYPE_TIMESTAMP:
    case PM_TYPE_TIMESTAMP_LTZ: {
        static const char units[] = {'m', 'u', 'n'};
        snprintf(buf, cap, "ts%c:%s", units[pm_timestamp_unit(t->precision)],
                 t->id == PM_TYPE_TIMESTAMP_LTZ ? "UTC" : "");
        return PAIMON_OK;
    }
    case PM_TYPE_ARRAY: f = "+l"; break;
    case PM_TYPE_MAP:
    case PM_TYPE_MULTISET: f = "+m"; break;
    case PM_TYPE_ROW: f = "+s"; break;
    case PM_TYPE_VARIANT: return PAIMON_EUNSUPPORTED;
    }
    snprintf(buf, cap, "%s", f);
    return PAIMON_OK;
}

/* Arrow metadata encoding: int32 pair count, then (int32 length, bytes) for each key and value,
 * native byte order (little-endian on every platform we build for). */
static char *encode_metadata(const char *type_text, int32_t field_id, bool with_id) {
    char id_text[16];
    snprintf(id_text, sizeof id_text, "%d", field_id);
    const char *keys[2] = {"paimon.type", "paimon.id"};
    const char *vals[2] = {type_text, id_text};
    int pairs = with_id ? 2 : 1;
    pm_buf b = PM_BUF_INIT;
    uint8_t raw[4];
    pm_store_le32(raw, (uint32_t)pairs);
    int rc = pm_buf_append(&b, raw, 4);
    for (int i = 0; rc == PAIMON_OK && i < pairs; i++) {
        pm_store_le32(raw, (uint32_t)strlen(keys[i]));
        rc = pm_buf_append(&b, raw, 4);
        if (rc == PAIMON_OK)
            rc = pm_buf_append_str(&b, keys[i]);
        pm_store_le32(raw, (uint32_t)strlen(vals[i]));
        if (rc == PAIMON_OK)
            rc = pm_buf_append(&b, raw, 4);
        if (rc == PAIMON_OK)
            rc = pm_buf_append_str(&b, vals[i]);
    }
    if (rc != PAIMON_OK) {
        pm_buf_dispose(&b);
        return NULL;
    }
    return pm_buf_detach(&b);
}

static int schema_for_type(const char *name, const pm_type *t, int32_t field_id, bool with_id,
                           struct ArrowSchema *out, int depth, paimon_error *err);

static int init_schema(struct ArrowSchema *out, size_t child_count, exported_schema **e_out) {
    memset(out, 0, sizeof *out);
    exported_schema *e = pm_calloc(1, sizeof *e);
    if (e == NULL)
        return PAIMON_ENOMEM;
    out->private_data = e;
    out->release = exported_schema_release;
    if (child_count > 0) {
        e->children = pm_calloc(child_count, sizeof *e->children);
        e->child_ptrs = pm_calloc(child_count, sizeof *e->child_ptrs);
        if (e->children == NULL || e->child_ptrs == NULL)
            return PAIMON_ENOMEM;
        for (size_t i = 0; i < child_count; i++)
            e->child_ptrs[i] = &e->children[i];
        out->children = e->child_ptrs;
    }
    *e_out = e;
    return PAIMON_OK;
}

static int schema_for_type(const char *name, const pm_type *t, int32_t field_id, bool with_id,
                           struct ArrowSchema *out, int depth, paimon_error *err) {
    if (depth > PM_MAX_NESTING_DEPTH)
        return pm_err(err, PAIMON_ELIMIT, "type nested too deeply");
    size_t child_count = t->id == PM_TYPE_ROW ? t->field_count : (pm_type_is_nested(t) ? 1 : 0);
    exported_schema *e = NULL;
    int rc = init_schema(out, child_count, &e);
    char format[32];
    pm_buf text = PM_BUF_INIT;
    if (rc == PAIMON_OK && format_string(t, format, sizeof format) != PAIMON_OK) {
        exported_schema_release(out);
        return pm_err(err, PAIMON_EUNSUPPORTED, "type %s has no Arrow mapping yet",
                      pm_type_id_name(t->id));
    }
    if (rc == PAIMON_OK && pm_type_format(t, &text) != PAIMON_OK)
        rc = PAIMON_ENOMEM;
    if (rc == PAIMON_OK) {
        e->format = pm_strdup(format);
        e->name = pm_strdup(name);
        e->metadata = encode_metadata(pm_buf_cstr(&text), field_id, with_id);
        if (e->format == NULL || e->name == NULL || e->metadata == NULL)
            rc = PAIMON_ENOMEM;
    }
    pm_buf_dispose(&text);
    if (rc != PAIMON_OK) {
        if (out->release)
            exported_schema_release(out);
        return pm_err_nomem(err);
    }
    out->format = e->format;
    out->name = e->name;
    out->metadata = e->metadata;
    out->flags = t->nullable ? ARROW_FLAG_NULLABLE : 0;
    out->n_children = (int64_t)child_count;
    if (t->id == PM_TYPE_ROW) {
        for (size_t i = 0; rc == PAIMON_OK && i < t->field_count; i++)
            rc = schema_for_type(t->fields[i].name, t->fields[i].type, t->fields[i].id, true,
                                 &e->children[i], depth + 1, err);
    } else if (t->id == PM_TYPE_ARRAY) {
        rc = schema_for_type("element", t->element, 0, false, &e->children[0], depth + 1, err);
    } else if (t->id == PM_TYPE_MAP || t->id == PM_TYPE_MULTISET) {
        /* entries: a non-null struct of a non-null key and the value. */
        exported_schema *entries = NULL;
        struct ArrowSchema *es = &e->children[0];
        rc = init_schema(es, 2, &entries);
        if (rc == PAIMON_OK) {
            entries->format = pm_strdup("+s");
            entries->name = pm_strdup("entries");
            if (entries->format == NULL || entries->name == NULL)
                rc = PAIMON_ENOMEM;
            es->format = entries->format;
            es->name = entries->name;
            es->n_children = 2;
        }
        if (rc != PAIMON_OK) {
            out->n_children = es->release ? 1 : 0;
            exported_schema_release(out);
            return pm_err_nomem(err);
        }
        pm_type *key = pm_type_clone(t->id == PM_TYPE_MAP ? t->key : t->element);
        pm_type *value = t->id == PM_TYPE_MAP ? pm_type_clone(t->value)
                                              : pm_type_new(PM_TYPE_INT, false);
        if (key == NULL || value == NULL) {
            rc = pm_err_nomem(err);
        } else {
            key->nullable = false;
            rc = schema_for_type("key", key, 0, false, &entries->children[0], depth + 1, err);
            if (rc == PAIMON_OK)
                rc = schema_for_type("value", value, 0, false, &entries->children[1], depth + 1,
                                     err);
        }
        pm_type_free(key);
        pm_type_free(value);
    }
    if (rc != PAIMON_OK)
        exported_schema_release(out);
    return rc;
}

int pm_arrow_schema_for_field(const pm_field *field, struct ArrowSchema *out, paimon_error *err) {
    return schema_for_type(field->name, field->type, field->id, true, out, 0, err);
}

int pm_arrow_schema_for_fields(const pm_field *fields, size_t count, struct ArrowSchema *out,
                               paimon_error *err) {
    exported_schema *e = NULL;
    if (init_schema(out, count, &e) != PAIMON_OK || (e->format = pm_strdup("+s")) == NULL ||
        (e->name = pm_strdup("")) == NULL) {
        if (out->release)
            exported_schema_release(out);
        return pm_err_nomem(err);
    }
    out->format = e->format;
    out->name = e->name;
    out->n_children = (int64_t)count;
    for (size_t i = 0; i < count; i++) {
        int rc = pm_arrow_schema_for_field(&fields[i], &e->children[i], err);
        if (rc != PAIMON_OK) {
            exported_schema_release(out);
            return rc;
        }
    }
    return PAIMON_OK;
}
