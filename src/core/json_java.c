/* json_java.c - jansson parsing with clear messages, and Jackson's pretty-printed output. */
#include "core/json_java.h"

#include "core/java_text.h"

#include <stdio.h>
#include <string.h>

/* jansson refuses documents nested deeper than 2048; anything we print came from it or from
 * our own builders, so a bound just above that never rejects a parsed document. */
#define WRITE_MAX_DEPTH 2100

int pm_json_parse_object(const char *text, size_t len, json_t **out, paimon_error *err) {
    json_error_t jerr;
    json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);
    if (doc == NULL)
        return PM_CORRUPT(err, "malformed JSON at line %d, column %d: %s", jerr.line, jerr.column,
                          jerr.text);
    if (!json_is_object(doc)) {
        const char *kind = pm_json_kind(doc);
        json_decref(doc);
        return PM_CORRUPT(err, "expected a JSON object, found %s", kind);
    }
    *out = doc;
    return PAIMON_OK;
}

static const char *kind_name(json_type type) {
    switch (type) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a real number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "an unknown value";
}

const char *pm_json_kind(const json_t *v) { return kind_name(json_typeof(v)); }

int pm_json_req_member(const json_t *obj, const char *key, json_type type, json_t **out,
                       paimon_error *err) {
    json_t *v = json_object_get(obj, key);
    if (v == NULL)
        return PM_CORRUPT(err, "missing required member \"%s\"", key);
    if (json_typeof(v) != type)
        return PM_CORRUPT(err, "member \"%s\" must be %s, not %s", key, kind_name(type),
                          pm_json_kind(v));
    *out = v;
    return PAIMON_OK;
}

int pm_json_req_int(const json_t *obj, const char *key, int64_t *out, paimon_error *err) {
    json_t *v = NULL;
    PM_TRY(pm_json_req_member(obj, key, JSON_INTEGER, &v, err));
    *out = (int64_t)json_integer_value(v);
    return PAIMON_OK;
}

int pm_json_opt_int(const json_t *obj, const char *key, bool *present, int64_t *out,
                    paimon_error *err) {
    json_t *v = json_object_get(obj, key);
    *present = false;
    if (v == NULL || json_is_null(v))
        return PAIMON_OK;
    if (!json_is_integer(v))
        return PM_CORRUPT(err, "member \"%s\" must be an integer, not %s", key, pm_json_kind(v));
    *present = true;
    *out = (int64_t)json_integer_value(v);
    return PAIMON_OK;
}

int pm_json_req_str(const json_t *obj, const char *key, const char **out, paimon_error *err) {
    json_t *v = NULL;
    PM_TRY(pm_json_req_member(obj, key, JSON_STRING, &v, err));
    *out = json_string_value(v);
    return PAIMON_OK;
}

int pm_json_opt_str(const json_t *obj, const char *key, const char **out, paimon_error *err) {
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (v == NULL || json_is_null(v))
        return PAIMON_OK;
    if (!json_is_string(v))
        return PM_CORRUPT(err, "member \"%s\" must be a string, not %s", key, pm_json_kind(v));
    *out = json_string_value(v);
    return PAIMON_OK;
}

int pm_json_set(json_t *obj, const char *key, json_t *value) {
    /* json_object_set_new releases `value` on failure too. */
    return value != NULL && json_object_set_new(obj, key, value) == 0 ? PAIMON_OK : PAIMON_ENOMEM;
}

/* ---- writing ---- */

/* Jackson escapes '"', '\\' and control characters (short forms where they exist). */
static int write_string(pm_buf *out, const char *s, size_t n) {
    if (pm_buf_append_byte(out, '"') != PAIMON_OK)
        return PAIMON_ENOMEM;
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = NULL;
        char ubuf[8];
        switch (c) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        default:
            if (c < 0x20) {
                snprintf(ubuf, sizeof ubuf, "\\u%04X", c);
                esc = ubuf;
            }
        }
        if (esc == NULL)
            continue;
        if (pm_buf_append(out, s + run, i - run) != PAIMON_OK ||
            pm_buf_append_str(out, esc) != PAIMON_OK)
            return PAIMON_ENOMEM;
        run = i + 1;
    }
    if (pm_buf_append(out, s + run, n - run) != PAIMON_OK || pm_buf_append_byte(out, '"'))
        return PAIMON_ENOMEM;
    return PAIMON_OK;
}

static int indent(pm_buf *out, int level) {
    if (pm_buf_append_byte(out, '\n') != PAIMON_OK)
        return PAIMON_ENOMEM;
    return pm_buf_append_fmt(out, "%*s", level * 2, "");
}

static int write_value(const json_t *v, pm_buf *out, int level, int depth);

static int write_object(const json_t *v, pm_buf *out, int level, int depth) {
    if (json_object_size(v) == 0)
        return pm_buf_append_str(out, "{ }");
    PM_TRY(pm_buf_append_byte(out, '{'));
    const char *key;
    json_t *member;
    size_t i = 0;
    json_object_foreach((json_t *)v, key, member) {
        if (i++ > 0)
            PM_TRY(pm_buf_append_byte(out, ','));
        PM_TRY(indent(out, level + 1));
        PM_TRY(write_string(out, key, strlen(key)));
        PM_TRY(pm_buf_append_str(out, " : "));
        PM_TRY(write_value(member, out, level + 1, depth + 1));
    }
    PM_TRY(indent(out, level));
    return pm_buf_append_byte(out, '}');
}

/* Arrays stay on one line and do not add an indentation level. */
static int write_array(const json_t *v, pm_buf *out, int level, int depth) {
    size_t n = json_array_size(v);
    if (n == 0)
        return pm_buf_append_str(out, "[ ]");
    PM_TRY(pm_buf_append_str(out, "[ "));
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            PM_TRY(pm_buf_append_str(out, ", "));
        PM_TRY(write_value(json_array_get(v, i), out, level, depth + 1));
    }
    return pm_buf_append_str(out, " ]");
}

static int write_value(const json_t *v, pm_buf *out, int level, int depth) {
    if (depth > WRITE_MAX_DEPTH)
        return PAIMON_ELIMIT;
    char text[PM_JAVA_TEXT_MAX];
    switch (json_typeof(v)) {
    case JSON_OBJECT: return write_object(v, out, level, depth);
    case JSON_ARRAY: return write_array(v, out, level, depth);
    case JSON_STRING: return write_string(out, json_string_value(v), json_string_length(v));
    case JSON_INTEGER:
        return pm_buf_append_fmt(out, "%lld", (long long)json_integer_value(v));
    case JSON_REAL:
        pm_java_double_to_string(json_real_value(v), text);
        return pm_buf_append_str(out, text);
    case JSON_TRUE: return pm_buf_append_str(out, "true");
    case JSON_FALSE: return pm_buf_append_str(out, "false");
    case JSON_NULL: return pm_buf_append_str(out, "null");
    }
    return PAIMON_EINVAL;
}

int pm_json_write_java(const json_t *v, pm_buf *out) { return write_value(v, out, 0, 0); }
