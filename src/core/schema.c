/*
 * schema.c - the `schema-<id>` JSON document: parsing with clear errors, and writing it back in
 * Java's exact layout (SchemaSerializer member order, Jackson's pretty printer) while keeping
 * members this version does not know.
 */
#include "core/schema.h"

#include "core/json_java.h"
#include "core/type_json.h"
#include "util/mem.h"

#include <stdio.h>
#include <string.h>

static const char *const KNOWN_KEYS[] = {
    "version", "id", "fields", "highestFieldId", "partitionKeys", "primaryKeys", "options",
    "comment", "timeMillis", NULL,
};

void pm_schema_free(pm_schema *s) {
    if (s == NULL)
        return;
    pm_type_free(s->row_type);
    for (size_t i = 0; i < s->partition_key_count; i++)
        pm_free(s->partition_keys[i]);
    pm_free(s->partition_keys);
    for (size_t i = 0; i < s->primary_key_count; i++)
        pm_free(s->primary_keys[i]);
    pm_free(s->primary_keys);
    pm_options_dispose(&s->options);
    pm_free(s->comment);
    json_decref(s->json);
    pm_free(s);
}

static int read_int32(const json_t *doc, const char *key, bool required, int32_t fallback,
                      int32_t *out, paimon_error *err) {
    int64_t v = fallback;
    bool present = true;
    if (required)
        PM_TRY(pm_json_req_int(doc, key, &v, err));
    else
        PM_TRY(pm_json_opt_int(doc, key, &present, &v, err));
    if (v < INT32_MIN || v > INT32_MAX)
        return PM_CORRUPT(err, "member \"%s\" out of range: %lld", key, (long long)v);
    *out = present ? (int32_t)v : fallback;
    return PAIMON_OK;
}

static int read_names(const json_t *doc, const char *key, const pm_type *row, char ***out,
                      size_t *count_out, paimon_error *err) {
    json_t *arr;
    PM_TRY(pm_json_req_member(doc, key, JSON_ARRAY, &arr, err));
    size_t n = json_array_size(arr);
    char **names = pm_calloc(n ? n : 1, sizeof *names);
    if (names == NULL)
        return pm_err_nomem(err);
    *out = names;
    for (size_t i = 0; i < n; i++) {
        json_t *v = json_array_get(arr, i);
        if (!json_is_string(v))
            return PM_CORRUPT(err, "%s[%zu] must be a string, not %s", key, i, pm_json_kind(v));
        if (pm_row_field_index_by_name(row, json_string_value(v)) < 0)
            return PM_CORRUPT(err, "%s names '%s', which is not a field", key,
                              json_string_value(v));
        if ((names[i] = pm_strdup(json_string_value(v))) == NULL)
            return pm_err_nomem(err);
        *count_out = i + 1;
    }
    return PAIMON_OK;
}

static int read_options(const json_t *doc, pm_options *o, paimon_error *err) {
    json_t *obj;
    PM_TRY(pm_json_req_member(doc, "options", JSON_OBJECT, &obj, err));
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        char num[32];
        const char *text;
        /* Java reads option values with asText(), so scalars other than strings pass. */
        if (json_is_string(v))
            text = json_string_value(v);
        else if (json_is_integer(v)) {
            snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
            text = num;
        } else if (json_is_boolean(v))
            text = json_is_true(v) ? "true" : "false";
        else
            return PM_CORRUPT(err, "option \"%s\" must be a string, not %s", key,
                              pm_json_kind(v));
        if (pm_options_set(o, key, text) != PAIMON_OK)
            return pm_err_nomem(err);
    }
    return PAIMON_OK;
}

static int parse_doc(json_t *doc, pm_schema *s, paimon_error *err) {
    PM_TRY(read_int32(doc, "version", false, 1, &s->version, err));
    PM_TRY(pm_json_req_int(doc, "id", &s->id, err));
    s->options_id = s->id;
    json_t *fields;
    PM_TRY(pm_json_req_member(doc, "fields", JSON_ARRAY, &fields, err));
    PM_TRY(pm_row_type_from_json(fields, &s->row_type, err));
    s->row_type->nullable = false;
    PM_TRY(read_int32(doc, "highestFieldId", true, 0, &s->highest_field_id, err));
    PM_TRY(read_names(doc, "partitionKeys", s->row_type, &s->partition_keys,
                      &s->partition_key_count, err));
    PM_TRY(read_names(doc, "primaryKeys", s->row_type, &s->primary_keys, &s->primary_key_count,
                      err));
    PM_TRY(read_options(doc, &s->options, err));
    const char *comment;
    PM_TRY(pm_json_opt_str(doc, "comment", &comment, err));
    if (comment != NULL && (s->comment = pm_strdup(comment)) == NULL)
        return pm_err_nomem(err);
    bool has_time;
    PM_TRY(pm_json_opt_int(doc, "timeMillis", &has_time, &s->time_millis, err));
    if (!has_time)
        s->time_millis = 0;
    return PAIMON_OK;
}

int pm_schema_parse(const char *json_text, size_t len, const char *source, pm_schema **out,
                    paimon_error *err) {
    json_t *doc;
    int rc = pm_json_parse_object(json_text, len, &doc, err);
    pm_schema *s = NULL;
    if (rc == PAIMON_OK) {
        s = pm_calloc(1, sizeof *s);
        if (s == NULL) {
            json_decref(doc);
            rc = pm_err_nomem(err);
        } else {
            s->json = doc;
            rc = parse_doc(doc, s, err);
        }
    }
    if (rc != PAIMON_OK) {
        pm_schema_free(s);
        if (err != NULL && source != NULL)
            pm_err_prefix(err, "%s: ", source);
        return rc;
    }
    *out = s;
    return PAIMON_OK;
}

/* ---- writing ---- */

static json_t *string_array(char *const *items, size_t n) {
    json_t *arr = json_array();
    for (size_t i = 0; arr != NULL && i < n; i++) {
        if (json_array_append_new(arr, json_string(items[i])) != 0) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

static json_t *options_object(const pm_options *o) {
    json_t *obj = json_object();
    for (size_t i = 0; obj != NULL && i < o->count; i++) {
        if (pm_json_set(obj, o->keys[i], json_string(o->values[i])) != PAIMON_OK) {
            json_decref(obj);
            return NULL;
        }
    }
    return obj;
}

static bool is_known(const char *key, const char *const *known) {
    for (; *known != NULL; known++) {
        if (strcmp(*known, key) == 0)
            return true;
    }
    return false;
}

static int build_doc(const pm_schema *s, json_t *doc) {
    json_t *orig_fields = s->json ? json_object_get(s->json, "fields") : NULL;
    PM_TRY(pm_json_set(doc, "version", json_integer(s->version)));
    PM_TRY(pm_json_set(doc, "id", json_integer(s->id)));
    PM_TRY(pm_json_set(doc, "fields", pm_fields_to_json(s->row_type, orig_fields)));
    PM_TRY(pm_json_set(doc, "highestFieldId", json_integer(s->highest_field_id)));
    PM_TRY(pm_json_set(doc, "partitionKeys",
                       string_array(s->partition_keys, s->partition_key_count)));
    PM_TRY(pm_json_set(doc, "primaryKeys", string_array(s->primary_keys, s->primary_key_count)));
    PM_TRY(pm_json_set(doc, "options", options_object(&s->options)));
    if (s->comment != NULL)
        PM_TRY(pm_json_set(doc, "comment", json_string(s->comment)));
    PM_TRY(pm_json_set(doc, "timeMillis", json_integer(s->time_millis)));
    if (s->json != NULL) {
        const char *key;
        json_t *v;
        json_object_foreach(s->json, key, v) {
            if (!is_known(key, KNOWN_KEYS))
                PM_TRY(pm_json_set(doc, key, json_incref(v)));
        }
    }
    return PAIMON_OK;
}

int pm_schema_to_json(const pm_schema *s, pm_buf *out, paimon_error *err) {
    json_t *doc = json_object();
    if (doc == NULL)
        return pm_err_nomem(err);
    int rc = build_doc(s, doc);
    if (rc == PAIMON_OK)
        rc = pm_json_write_java(doc, out);
    json_decref(doc);
    if (rc == PAIMON_ENOMEM)
        return pm_err_nomem(err);
    if (rc != PAIMON_OK)
        return pm_err(err, rc, "schema %lld cannot be written as JSON", (long long)s->id);
    return PAIMON_OK;
}

/* ---- queries ---- */

const char *pm_schema_option(const pm_schema *s, const char *key) {
    const char *v = pm_options_get(&s->options, key);
    if (v != NULL)
        return v;
    if (s->version <= 1 && strcmp(key, "bucket") == 0)
        return "1";
    if (s->version <= 2 && strcmp(key, "file.format") == 0)
        return "orc";
    return NULL;
}

size_t pm_schema_trimmed_pk(const pm_schema *s, const char **out_names, size_t cap) {
    size_t n = 0;
    for (size_t i = 0; i < s->primary_key_count; i++) {
        bool is_partition = false;
        for (size_t k = 0; k < s->partition_key_count; k++)
            is_partition = is_partition || strcmp(s->primary_keys[i], s->partition_keys[k]) == 0;
        if (is_partition)
            continue;
        if (n < cap)
            out_names[n] = s->primary_keys[i];
        n++;
    }
    return n;
}

long pm_schema_field_index(const pm_schema *s, const char *name) {
    return pm_row_field_index_by_name(s->row_type, name);
}
