/* avro_data_schema.c - the Avro writer schema of a Paimon row type, spelled as Java's
 * AvroSchemaConverter and Avro's Schema.toString spell it (compact JSON, same key order). */
#include "format/avro/avro_data_writer.h"

#include <stdio.h>
#include <string.h>

#define NAMESPACE "org.apache.paimon.avro.generated"

typedef struct schema_writer {
    pm_buf *out;
    int rc; /* sticky: the first failure */
    paimon_error *err;
} schema_writer;

static void put(schema_writer *w, const char *s) {
    if (w->rc == PAIMON_OK && pm_buf_append_str(w->out, s) != PAIMON_OK)
        w->rc = pm_err_nomem(w->err);
}

/* A JSON string literal (quotes, backslashes and control characters escaped). */
static void put_json_string(schema_writer *w, const char *s) {
    put(w, "\"");
    for (const unsigned char *p = (const unsigned char *)s; *p && w->rc == PAIMON_OK; p++) {
        char esc[8];
        if (*p == '"' || *p == '\\') {
            esc[0] = '\\';
            esc[1] = (char)*p;
            esc[2] = '\0';
        } else if (*p < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04x", *p);
        } else {
            esc[0] = (char)*p;
            esc[1] = '\0';
        }
        put(w, esc);
    }
    put(w, "\"");
}

static void put_type(schema_writer *w, const pm_type *t, const char *row_name, int depth);

static void put_logical(schema_writer *w, const char *base, const char *logical) {
    put(w, "{\"type\":\"");
    put(w, base);
    put(w, "\",\"logicalType\":\"");
    put(w, logical);
    put(w, "\"}");
}

static void put_field(schema_writer *w, const char *name, const pm_type *t, const char *row_name,
                      int depth) {
    put(w, "{\"name\":");
    put_json_string(w, name);
    put(w, ",\"type\":");
    put_type(w, t, row_name, depth + 1);
    if (t->nullable)
        put(w, ",\"default\":null");
    put(w, "}");
}

/* A record named `name`; its nested rows are named <name>_<field>. */
static void put_record(schema_writer *w, const pm_field *fields, size_t count, const char *name,
                       bool top, int depth) {
    put(w, "{\"type\":\"record\",\"name\":");
    put_json_string(w, name);
    if (top)
        put(w, ",\"namespace\":\"" NAMESPACE "\"");
    put(w, ",\"fields\":[");
    pm_buf child = PM_BUF_INIT;
    for (size_t i = 0; i < count && w->rc == PAIMON_OK; i++) {
        pm_buf_clear(&child);
        if (pm_buf_append_fmt(&child, "%s_%s", name, fields[i].name) != PAIMON_OK) {
            w->rc = pm_err_nomem(w->err);
            break;
        }
        if (i > 0)
            put(w, ",");
        put_field(w, fields[i].name, fields[i].type, pm_buf_cstr(&child), depth);
    }
    pm_buf_dispose(&child);
    put(w, "]}");
}

static void put_map(schema_writer *w, const pm_type *t, const char *row_name, int depth) {
    static const pm_type count_type = {.id = PM_TYPE_INT, .nullable = false};
    const pm_type *key = t->id == PM_TYPE_MAP ? t->key : t->element;
    const pm_type *value = t->id == PM_TYPE_MAP ? t->value : &count_type;
    if (pm_type_is_string(key)) {
        put(w, "{\"type\":\"map\",\"values\":");
        put_type(w, value, row_name, depth + 1);
        put(w, "}");
        return;
    }
    /* Other keys: an array of {key, value} records named after the field. */
    pm_buf names = PM_BUF_INIT;
    if (pm_buf_append_fmt(&names, "%s_key", row_name) != PAIMON_OK ||
        pm_buf_append_byte(&names, 0) != PAIMON_OK ||
        pm_buf_append_fmt(&names, "%s_value", row_name) != PAIMON_OK ||
        pm_buf_cstr(&names) == NULL) {
        w->rc = pm_err_nomem(w->err);
        pm_buf_dispose(&names);
        return;
    }
    const char *key_name = (const char *)names.data;
    const char *value_name = key_name + strlen(key_name) + 1;
    put(w, "{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":");
    put_json_string(w, row_name);
    put(w, ",\"fields\":[{\"name\":\"key\",\"type\":");
    put_type(w, key, key_name, depth + 1);
    put(w, "},");
    put_field(w, "value", value, value_name, depth);
    put(w, "]},\"logicalType\":\"map\"}");
    pm_buf_dispose(&names);
}

static void unsupported(schema_writer *w, const pm_type *t, const char *why) {
    if (w->rc == PAIMON_OK)
        w->rc = pm_err(w->err, PAIMON_EUNSUPPORTED, "%s cannot be written to Avro files%s",
                       pm_type_id_name(t->id), why);
}

static void put_type(schema_writer *w, const pm_type *t, const char *row_name, int depth) {
    if (depth > PM_MAX_NESTING_DEPTH) {
        if (w->rc == PAIMON_OK)
            w->rc = pm_err(w->err, PAIMON_ELIMIT, "type nested deeper than %d levels",
                           PM_MAX_NESTING_DEPTH);
        return;
    }
    if (t->nullable)
        put(w, "[\"null\",");
    switch (t->id) {
    case PM_TYPE_BOOLEAN:
        put(w, "\"boolean\"");
        break;
    case PM_TYPE_TINYINT:
    case PM_TYPE_SMALLINT:
    case PM_TYPE_INT:
        put(w, "\"int\"");
        break;
    case PM_TYPE_BIGINT:
        put(w, "\"long\"");
        break;
    case PM_TYPE_FLOAT:
        put(w, "\"float\"");
        break;
    case PM_TYPE_DOUBLE:
        put(w, "\"double\"");
        break;
    case PM_TYPE_CHAR:
    case PM_TYPE_VARCHAR:
        put(w, "\"string\"");
        break;
    case PM_TYPE_BINARY:
    case PM_TYPE_VARBINARY:
    case PM_TYPE_BLOB:
        put(w, "\"bytes\"");
        break;
    case PM_TYPE_DATE:
        put_logical(w, "int", "date");
        break;
    case PM_TYPE_TIME:
        if (t->precision > 3)
            unsupported(w, t, " with a precision above 3");
        put_logical(w, "int", "time-millis");
        break;
    case PM_TYPE_TIMESTAMP:
    case PM_TYPE_TIMESTAMP_LTZ: {
        if (t->precision > 6)
            unsupported(w, t, " with a precision above 6");
        bool ltz = t->id == PM_TYPE_TIMESTAMP_LTZ;
        bool millis = t->precision <= 3;
        put_logical(w, "long",
                    ltz ? (millis ? "local-timestamp-millis" : "local-timestamp-micros")
                        : (millis ? "timestamp-millis" : "timestamp-micros"));
        break;
    }
    case PM_TYPE_DECIMAL: {
        char text[96];
        snprintf(text, sizeof text,
                 "{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":%d,\"scale\":%d}",
                 (int)t->precision, (int)t->scale);
        put(w, text);
        break;
    }
    case PM_TYPE_ARRAY:
        put(w, "{\"type\":\"array\",\"items\":");
        put_type(w, t->element, row_name, depth + 1);
        put(w, "}");
        break;
    case PM_TYPE_MAP:
    case PM_TYPE_MULTISET:
        put_map(w, t, row_name, depth);
        break;
    case PM_TYPE_ROW:
        put_record(w, t->fields, t->field_count, row_name, false, depth);
        break;
    case PM_TYPE_VARIANT:
        unsupported(w, t, "");
        break;
    }
    if (t->nullable)
        put(w, "]");
}

int pm_avro_schema_json_for_fields(const pm_field *fields, size_t count, pm_buf *out,
                                   paimon_error *err) {
    schema_writer w = {out, PAIMON_OK, err};
    size_t start = out->len;
    put_record(&w, fields, count, "record", true, 0);
    if (w.rc != PAIMON_OK)
        out->len = start;
    return w.rc;
}
