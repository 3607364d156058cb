/*
 * value_format.c - text rendering of values: the JSON encoding of the compat contract (spec'd in
 * include/paimon.h) for Arrow cells and for scalar datums (partition values).
 */
#include "table/value_format.h"

#include "data/decimal.h"
#include "data/shortest_decimal.h"
#include "util/base64.h"
#include "util/endian.h"
#include "util/mem.h"
#include "util/strutil.h"
#include "util/timeutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Appends a JSON string literal; invalid UTF-8 becomes U+FFFD so the output is always valid. */
int pm_json_append_string(pm_buf *out, const uint8_t *s, size_t n, bool quoted) {
    if (quoted && pm_buf_append_byte(out, '"'))
        return PAIMON_ENOMEM;
    size_t i = 0;
    while (i < n) {
        uint8_t c = s[i];
        size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        bool valid = len > 0 && i + len <= n;
        for (size_t k = 1; valid && k < len; k++)
            valid = (s[i + k] & 0xC0) == 0x80;
        if (valid && len == 2)
            valid = c >= 0xC2;
        if (valid && len == 3) {
            uint32_t cp = ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(s[i + 1] & 0x3F) << 6) |
                          (s[i + 2] & 0x3F);
            valid = cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF);
        }
        if (valid && len == 4) {
            uint32_t cp = ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(s[i + 1] & 0x3F) << 12) |
                          ((uint32_t)(s[i + 2] & 0x3F) << 6) | (s[i + 3] & 0x3F);
            valid = cp >= 0x10000 && cp <= 0x10FFFF;
        }
        int rc;
        if (!valid) {
            rc = pm_buf_append(out, "\xEF\xBF\xBD", 3);
            i++;
        } else if (len > 1) {
            rc = pm_buf_append(out, s + i, len);
            i += len;
        } else {
            i++;
            if (!quoted) {
                rc = pm_buf_append_byte(out, c);
            } else if (c == '"' || c == '\\') {
                char esc[2] = {'\\', (char)c};
                rc = pm_buf_append(out, esc, 2);
            } else if (c == '\n') {
                rc = pm_buf_append(out, "\\n", 2);
            } else if (c == '\t') {
                rc = pm_buf_append(out, "\\t", 2);
            } else if (c == '\r') {
                rc = pm_buf_append(out, "\\r", 2);
            } else if (c < 0x20 || c == 0x7F) {
                rc = pm_buf_append_fmt(out, "\\u%04x", c);
            } else {
                rc = pm_buf_append_byte(out, c);
            }
        }
        if (rc != PAIMON_OK)
            return PAIMON_ENOMEM;
    }
    if (quoted && pm_buf_append_byte(out, '"'))
        return PAIMON_ENOMEM;
    return PAIMON_OK;
}

/* Decimal digits of an integer, with a sign when negative. */
static int append_integer(pm_buf *out, int64_t v) {
    char text[24];
    char *end = text + sizeof text, *p = end;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u != 0);
    if (v < 0)
        *--p = '-';
    return pm_buf_append(out, p, (size_t)(end - p));
}

/* The text "%.{P}g" prints for digits * 10^exp10 (no trailing zeros in digits), where P, the
 * precision the printf search below would settle on, is the digit count but at least `min`. */
static size_t g_style_text(bool negative, uint64_t digits, int exp10, int min, char text[40]) {
    char d[24];
    int nd = 0;
    for (uint64_t x = digits; x != 0; x /= 10)
        d[nd++] = (char)('0' + x % 10);
    for (int i = 0; i < nd / 2; i++) { /* most significant digit first */
        char t = d[i];
        d[i] = d[nd - 1 - i];
        d[nd - 1 - i] = t;
    }
    int precision = nd > min ? nd : min;
    int point = nd - 1 + exp10; /* the decimal exponent of the first digit */
    size_t n = 0;
    if (negative)
        text[n++] = '-';
    if (point < -4 || point >= precision) { /* d.ddde+XX */
        text[n++] = d[0];
        if (nd > 1) {
            text[n++] = '.';
            memcpy(text + n, d + 1, (size_t)nd - 1);
            n += (size_t)nd - 1;
        }
        n += (size_t)snprintf(text + n, 40 - n, "e%c%02d", point < 0 ? '-' : '+',
                              point < 0 ? -point : point);
        return n;
    }
    if (point < 0) {
        text[n++] = '0';
        text[n++] = '.';
        for (int i = -1; i > point; i--)
            text[n++] = '0';
        memcpy(text + n, d, (size_t)nd);
        n += (size_t)nd;
    } else {
        for (int i = 0; i < nd || i <= point; i++) {
            if (i == point + 1)
                text[n++] = '.';
            text[n++] = i < nd ? d[i] : '0';
        }
    }
    text[n] = '\0';
    return n;
}

/* Shortest decimal text that reads back as the same value ("%g" style, at least 15 digits
 * for DOUBLE and 6 for FLOAT when they are needed, ".0" added to integral values). */
static int append_floating(pm_buf *out, double v, bool single, bool json) {
    if (isnan(v))
        return pm_buf_append_str(out, json ? "\"NaN\"" : "NaN");
    if (isinf(v))
        return pm_buf_append_str(out, v > 0 ? (json ? "\"Infinity\"" : "Infinity")
                                            : (json ? "\"-Infinity\"" : "-Infinity"));
    char text[40];
    uint64_t digits;
    int exp10;
    if (pm_shortest_decimal(fabs(v), single, &digits, &exp10)) {
        g_style_text(v < 0, digits, exp10, single ? 6 : 15, text);
    } else {
        for (int precision = single ? 6 : 15; precision <= 17; precision++) {
            snprintf(text, sizeof text, "%.*g", precision, v);
            if (single ? strtof(text, NULL) == (float)v : strtod(text, NULL) == v)
                break;
        }
    }
    if (strpbrk(text, ".eEn") == NULL)
        strcat(text, ".0");
    return pm_buf_append_str(out, text);
}

int pm_value_append_datum(pm_buf *out, const pm_type *type, const pm_datum *d, bool json) {
    if (d->is_null)
        return json ? pm_buf_append_str(out, "null") : PAIMON_OK;
    char text[PM_TIME_TEXT_MAX > PM_DECIMAL_TEXT_MAX ? PM_TIME_TEXT_MAX : PM_DECIMAL_TEXT_MAX];
    size_t n;
    switch (type->id) {
    case PM_TYPE_BOOLEAN:
        return pm_buf_append_str(out, d->v.b ? "true" : "false");
    case PM_TYPE_TINYINT:
    case PM_TYPE_SMALLINT:
    case PM_TYPE_INT:
    case PM_TYPE_BIGINT:
        return append_integer(out, d->v.i);
    case PM_TYPE_FLOAT:
    case PM_TYPE_DOUBLE:
        return append_floating(out, d->v.f, type->id == PM_TYPE_FLOAT, json);
    case PM_TYPE_DECIMAL:
        n = pm_dec_format(d->v.dec, type->scale, text);
        break;
    case PM_TYPE_DATE:
        n = pm_format_date(d->v.i, text);
        break;
    case PM_TYPE_TIME: {
        /* Paimon keeps TIME in milliseconds: print the fraction only when it is not zero. */
        int digits = type->precision > 3 ? 3 : type->precision;
        n = pm_format_time(d->v.i, 0, d->v.i % 1000 != 0 ? digits : 0, text);
        break;
    }
    case PM_TYPE_TIMESTAMP:
    case PM_TYPE_TIMESTAMP_LTZ:
        n = pm_format_timestamp(d->v.ts.millis, d->v.ts.nanos, type->precision, text);
        break;
    case PM_TYPE_CHAR:
    case PM_TYPE_VARCHAR:
        return pm_json_append_string(out, d->v.bytes.ptr, d->v.bytes.len, json);
    case PM_TYPE_BINARY:
    case PM_TYPE_VARBINARY:
    case PM_TYPE_BLOB: {
        if (json && pm_buf_append_byte(out, '"'))
            return PAIMON_ENOMEM;
        if (pm_base64_append(out, d->v.bytes.ptr, d->v.bytes.len) != PAIMON_OK)
            return PAIMON_ENOMEM;
        return json ? pm_buf_append_byte(out, '"') : PAIMON_OK;
    }
    default:
        return pm_buf_append_str(out, json ? "null" : "");
    }
    if (json && pm_buf_append_byte(out, '"'))
        return PAIMON_ENOMEM;
    if (pm_buf_append(out, text, n))
        return PAIMON_ENOMEM;
    return json ? pm_buf_append_byte(out, '"') : PAIMON_OK;
}

static int32_t offset_at(const struct ArrowArray *a, int64_t i) {
    return (int32_t)pm_load_le32((const uint8_t *)a->buffers[1] + (a->offset + i) * 4);
}

int pm_value_append_cell(pm_buf *out, const pm_type *type, const struct ArrowArray *a, int64_t i,
                         bool json, int depth) {
    if (!pm_arrow_is_valid(a, i))
        return json ? pm_buf_append_str(out, "null") : PAIMON_OK;
    if (depth > PM_MAX_NESTING_DEPTH)
        return PAIMON_ELIMIT;
    if (!pm_type_is_nested(type)) {
        pm_datum d = pm_arrow_get_datum(a, type, i);
        return pm_value_append_datum(out, type, &d, json);
    }
    /* Nested values are JSON even in text style (there is no other faithful text form). */
    if (pm_buf_append_byte(out, '['))
        return PAIMON_ENOMEM;
    int rc = PAIMON_OK;
    if (type->id == PM_TYPE_ROW) {
        for (size_t k = 0; rc == PAIMON_OK && k < type->field_count; k++) {
            if (k > 0 && pm_buf_append_byte(out, ','))
                return PAIMON_ENOMEM;
            rc = pm_value_append_cell(out, type->fields[k].type, a->children[k], a->offset + i,
                                      true, depth + 1);
        }
    } else {
        int32_t start = offset_at(a, i), end = offset_at(a, i + 1);
        const struct ArrowArray *child = a->children[0];
        for (int32_t j = start; rc == PAIMON_OK && j < end; j++) {
            if (j > start && pm_buf_append_byte(out, ','))
                return PAIMON_ENOMEM;
            if (type->id == PM_TYPE_ARRAY) {
                rc = pm_value_append_cell(out, type->element, child, j, true, depth + 1);
                continue;
            }
            /* MAP / MULTISET entries: [key, value]. */
            const pm_type *kt = type->id == PM_TYPE_MAP ? type->key : type->element;
            pm_type count_type = {PM_TYPE_INT, false, 0, 0, 0, NULL, NULL, NULL, NULL, 0};
            const pm_type *vt = type->id == PM_TYPE_MAP ? type->value : &count_type;
            int64_t at = child->offset + j;
            rc = pm_buf_append_byte(out, '[');
            if (rc == PAIMON_OK)
                rc = pm_value_append_cell(out, kt, child->children[0], at, true, depth + 1);
            if (rc == PAIMON_OK)
                rc = pm_buf_append_byte(out, ',');
            if (rc == PAIMON_OK)
                rc = pm_value_append_cell(out, vt, child->children[1], at, true, depth + 1);
            if (rc == PAIMON_OK)
                rc = pm_buf_append_byte(out, ']');
        }
    }
    if (rc == PAIMON_OK)
        rc = pm_buf_append_byte(out, ']');
    return rc;
}

/* ---- Paimon types of Arrow columns ---- */

/* Reads the "paimon.type" entry of Arrow metadata (int32 count, then length-prefixed pairs). */
static bool metadata_type(const char *metadata, char *out, size_t cap) {
    if (metadata == NULL)
        return false;
    const uint8_t *p = (const uint8_t *)metadata;
    int32_t pairs = (int32_t)pm_load_le32(p);
    p += 4;
    for (int32_t i = 0; i < pairs && i < 64; i++) {
        int32_t klen = (int32_t)pm_load_le32(p);
        const char *key = (const char *)p + 4;
        p += 4 + klen;
        int32_t vlen = (int32_t)pm_load_le32(p);
        const char *value = (const char *)p + 4;
        p += 4 + vlen;
        if (klen == 11 && memcmp(key, "paimon.type", 11) == 0 && vlen >= 0 && (size_t)vlen < cap) {
            memcpy(out, value, (size_t)vlen);
            out[vlen] = '\0';
            return true;
        }
    }
    return false;
}

static int type_from_arrow(const struct ArrowSchema *s, pm_type **out, int depth,
                           paimon_error *err) {
    char text[1024];
    if (metadata_type(s->metadata, text, sizeof text))
        return pm_type_parse(text, out, err);
    if (depth > PM_MAX_NESTING_DEPTH)
        return pm_err(err, PAIMON_ELIMIT, "Arrow schema nested too deeply");
    const char *f = s->format;
    bool nullable = (s->flags & ARROW_FLAG_NULLABLE) != 0;
    pm_type *t = NULL;
    struct {
        const char *format;
        pm_type_id id;
    } simple[] = {{"b", PM_TYPE_BOOLEAN}, {"c", PM_TYPE_TINYINT}, {"s", PM_TYPE_SMALLINT},
                  {"i", PM_TYPE_INT},     {"l", PM_TYPE_BIGINT},  {"f", PM_TYPE_FLOAT},
                  {"g", PM_TYPE_DOUBLE},  {"u", PM_TYPE_VARCHAR}, {"z", PM_TYPE_VARBINARY},
                  {"tdD", PM_TYPE_DATE}};
    for (size_t k = 0; k < sizeof simple / sizeof simple[0]; k++) {
        if (strcmp(f, simple[k].format) == 0)
            t = pm_type_new(simple[k].id, nullable);
    }
    int precision, scale;
    if (t == NULL && sscanf(f, "d:%d,%d", &precision, &scale) == 2 && precision >= 1 &&
        precision <= 38 && scale >= 0 && scale <= precision) {
        t = pm_type_new_decimal(precision, scale, nullable);
    } else if (t == NULL && strcmp(f, "ttm") == 0) {
        t = pm_type_new_sized(PM_TYPE_TIME, 3, nullable);
    } else if (t == NULL && strncmp(f, "ts", 2) == 0 && f[2] != '\0' && f[3] == ':' &&
               strchr("mun", f[2]) != NULL) {
        int p = f[2] == 'm' ? 3 : f[2] == 'u' ? 6 : 9;
        t = pm_type_new_sized(f[4] ? PM_TYPE_TIMESTAMP_LTZ : PM_TYPE_TIMESTAMP, p, nullable);
    } else if (t == NULL && (strcmp(f, "+l") == 0 || strcmp(f, "+m") == 0) && s->n_children == 1) {
        if (f[1] == 'l') {
            pm_type *element;
            PM_TRY(type_from_arrow(s->children[0], &element, depth + 1, err));
            t = pm_type_new_array(element, nullable);
        } else {
            const struct ArrowSchema *entries = s->children[0];
            if (entries->n_children != 2)
                return pm_err(err, PAIMON_EUNSUPPORTED, "map column '%s' without key and value",
                              s->name ? s->name : "");
            pm_type *k = NULL, *v = NULL;
            int rc = type_from_arrow(entries->children[0], &k, depth + 1, err);
            if (rc == PAIMON_OK)
                rc = type_from_arrow(entries->children[1], &v, depth + 1, err);
            if (rc != PAIMON_OK) {
                pm_type_free(k);
                return rc;
            }
            t = pm_type_new_map(k, v, nullable);
        }
    } else if (t == NULL && strcmp(f, "+s") == 0) {
        size_t n = (size_t)s->n_children;
        pm_field *fields = pm_calloc(n ? n : 1, sizeof *fields);
        if (fields == NULL)
            return pm_err_nomem(err);
        for (size_t k = 0; k < n; k++) {
            fields[k].id = (int32_t)k;
            fields[k].name = pm_strdup(s->children[k]->name ? s->children[k]->name : "");
            int rc = fields[k].name
                         ? type_from_arrow(s->children[k], &fields[k].type, depth + 1, err)
                         : pm_err_nomem(err);
            if (rc != PAIMON_OK) {
                for (size_t j = 0; j <= k; j++)
                    pm_field_dispose(&fields[j]);
                pm_free(fields);
                return rc;
            }
        }
        t = pm_type_new_row(fields, n, nullable);
    } else if (t == NULL) {
        return pm_err(err, PAIMON_EUNSUPPORTED, "Arrow type '%s' of column '%s' cannot be rendered",
                      f, s->name ? s->name : "");
    }
    if (t == NULL)
        return pm_err_nomem(err);
    *out = t;
    return PAIMON_OK;
}

struct paimon_row_formatter {
    pm_type **types;
    size_t count;
    int style;
    pm_buf text;
};

int paimon_row_formatter_new(const struct ArrowSchema *schema, int style,
                             paimon_row_formatter **out, paimon_error *err) {
    if (schema == NULL || out == NULL || strcmp(schema->format, "+s") != 0)
        return pm_err(err, PAIMON_EINVAL, "paimon_row_formatter_new: a struct schema is required");
    paimon_row_formatter *f = pm_calloc(1, sizeof *f);
    size_t n = (size_t)schema->n_children;
    if (f != NULL)
        f->types = pm_calloc(n ? n : 1, sizeof *f->types);
    if (f == NULL || f->types == NULL) {
        pm_free(f);
        return pm_err_nomem(err);
    }
    f->style = style;
    for (size_t i = 0; i < n; i++) {
        int rc = type_from_arrow(schema->children[i], &f->types[i], 0, err);
        if (rc != PAIMON_OK) {
            f->count = i;
            paimon_row_formatter_free(f);
            return rc;
        }
    }
    f->count = n;
    *out = f;
    return PAIMON_OK;
}

void paimon_row_formatter_free(paimon_row_formatter *f) {
    if (f == NULL)
        return;
    for (size_t i = 0; i < f->count; i++)
        pm_type_free(f->types[i]);
    pm_free(f->types);
    pm_buf_dispose(&f->text);
    pm_free(f);
}

const char *paimon_row_formatter_cell(paimon_row_formatter *f, const struct ArrowArray *batch,
                                      int64_t row, size_t column, size_t *len_out) {
    pm_buf_clear(&f->text);
    if (column >= f->count || column >= (size_t)batch->n_children ||
        pm_value_append_cell(&f->text, f->types[column], batch->children[column],
                             batch->offset + row, f->style == PAIMON_STYLE_JSON, 0) != PAIMON_OK)
        pm_buf_clear(&f->text);
    if (len_out != NULL)
        *len_out = f->text.len;
    const char *s = pm_buf_cstr(&f->text);
    return s ? s : "";
}

const char *paimon_row_formatter_row_json(paimon_row_formatter *f, const struct ArrowArray *batch,
                                          int64_t row, size_t *len_out) {
    pm_buf_clear(&f->text);
    int rc = pm_buf_append_byte(&f->text, '[');
    for (size_t c = 0; rc == PAIMON_OK && c < f->count && c < (size_t)batch->n_children; c++) {
        if (c > 0)
            rc = pm_buf_append_byte(&f->text, ',');
        if (rc == PAIMON_OK)
            rc = pm_value_append_cell(&f->text, f->types[c], batch->children[c],
                                      batch->offset + row, true, 0);
    }
    if (rc == PAIMON_OK)
        rc = pm_buf_append_byte(&f->text, ']');
    if (rc != PAIMON_OK)
        pm_buf_clear(&f->text);
    if (len_out != NULL)
        *len_out = f->text.len;
    const char *s = pm_buf_cstr(&f->text);
    return s ? s : "";
}

size_t paimon_decimal128_format(const uint8_t value[16], int32_t scale, char *out, size_t cap) {
    char text[PM_DECIMAL_TEXT_MAX];
    size_t n = pm_dec_format(pm_dec_load_le(value), scale < 0 ? 0 : scale > 38 ? 38 : scale, text);
    if (cap > 0) {
        size_t copy = n < cap - 1 ? n : cap - 1;
        memcpy(out, text, copy);
        out[copy] = '\0';
    }
    return n;
}
