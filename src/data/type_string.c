/*
 * type_string.c - the SQL type-string grammar: parsing (Java's DataTypeJsonParser plus the
 * nested forms) and formatting (Java's asSQLString).
 */
#include "data/type.h"

#include "util/mem.h"
#include "util/strutil.h"
#include "util/vec.h"

#include <ctype.h>
#include <string.h>

typedef struct type_parser {
    const char *text;
    size_t pos;
    int depth;
    paimon_error *err;
} type_parser;

static void skip_ws(type_parser *p) {
    while (isspace((unsigned char)p->text[p->pos]))
        p->pos++;
}

static int parse_fail(type_parser *p, const char *what) {
    return pm_err(p->err, PAIMON_EINVAL, "invalid type \"%s\": %s at offset %zu", p->text, what,
                  p->pos);
}

/* Reads an identifier into buf (upper-cased); returns false if none. */
static bool read_word(type_parser *p, char *buf, size_t cap) {
    skip_ws(p);
    size_t start = p->pos, n = 0;
    while (isalnum((unsigned char)p->text[p->pos]) || p->text[p->pos] == '_') {
        if (n + 1 < cap)
            buf[n++] = (char)toupper((unsigned char)p->text[p->pos]);
        p->pos++;
    }
    buf[n] = '\0';
    return p->pos > start && n + 1 < cap;
}

/* True (and consumes it) if the next word is `word`. */
static bool accept_word(type_parser *p, const char *word) {
    skip_ws(p);
    size_t n = strlen(word);
    if (!pm_strn_ieq(p->text + p->pos, word, n))
        return false;
    char next = p->text[p->pos + n];
    if (isalnum((unsigned char)next) || next == '_')
        return false;
    p->pos += n;
    return true;
}

static bool accept_char(type_parser *p, char c) {
    skip_ws(p);
    if (p->text[p->pos] != c)
        return false;
    p->pos++;
    return true;
}

static bool read_int(type_parser *p, int32_t *out) {
    skip_ws(p);
    size_t start = p->pos;
    while (isdigit((unsigned char)p->text[p->pos]))
        p->pos++;
    return p->pos > start && pm_parse_i32(p->text + start, p->pos - start, out);
}

/* "(n)" or "(p, s)"; absent parentheses leave the defaults. */
static int read_params(type_parser *p, int32_t *a, int32_t *b, bool *has_a, bool *has_b) {
    *has_a = *has_b = false;
    if (!accept_char(p, '('))
        return PAIMON_OK;
    if (!read_int(p, a))
        return parse_fail(p, "expected a number");
    *has_a = true;
    if (accept_char(p, ',')) {
        if (b == NULL || !read_int(p, b))
            return parse_fail(p, "unexpected parameter");
        *has_b = true;
    }
    if (!accept_char(p, ')'))
        return parse_fail(p, "expected ')'");
    return PAIMON_OK;
}

static int parse_type_at(type_parser *p, pm_type **out);

static int parse_row_fields(type_parser *p, pm_type **out) {
    pm_field *fields = NULL;
    size_t count = 0, cap = 0;
    int rc = PAIMON_OK;
    if (!accept_char(p, '<'))
        return parse_fail(p, "expected '<'");
    while (!accept_char(p, '>')) {
        if (count > 0 && !accept_char(p, ','))
            rc = parse_fail(p, "expected ',' or '>'");
        pm_field f;
        memset(&f, 0, sizeof f);
        skip_ws(p);
        if (rc == PAIMON_OK && p->text[p->pos] == '`') {
            const char *start = p->text + p->pos + 1;
            const char *end = strchr(start, '`');
            if (end == NULL)
                rc = parse_fail(p, "unterminated `name`");
            else if ((f.name = pm_strndup(start, (size_t)(end - start))) == NULL)
                rc = pm_err_nomem(p->err);
            else
                p->pos += (size_t)(end - start) + 2;
        } else if (rc == PAIMON_OK) {
            size_t start = p->pos;
            while (isalnum((unsigned char)p->text[p->pos]) || p->text[p->pos] == '_')
                p->pos++;
            if (p->pos == start)
                rc = parse_fail(p, "expected a field name");
            else if ((f.name = pm_strndup(p->text + start, p->pos - start)) == NULL)
                rc = pm_err_nomem(p->err);
        }
        if (rc == PAIMON_OK)
            rc = parse_type_at(p, &f.type);
        if (rc == PAIMON_OK && accept_char(p, '\'')) {
            const char *start = p->text + p->pos;
            const char *end = strchr(start, '\'');
            if (end == NULL)
                rc = parse_fail(p, "unterminated description");
            else if ((f.description = pm_strndup(start, (size_t)(end - start))) == NULL)
                rc = pm_err_nomem(p->err);
            else
                p->pos += (size_t)(end - start) + 1;
        }
        if (rc == PAIMON_OK) {
            f.id = (int32_t)count;
            if (pm_grow((void **)&fields, &cap, count + 1, sizeof *fields) != PAIMON_OK)
                rc = pm_err_nomem(p->err);
            else
                fields[count++] = f;
        }
        if (rc != PAIMON_OK) {
            pm_field_dispose(&f);
            break;
        }
        if (p->text[p->pos] == '\0') {
            rc = parse_fail(p, "expected '>'");
            break;
        }
    }
    if (rc != PAIMON_OK) {
        for (size_t i = 0; i < count; i++)
            pm_field_dispose(&fields[i]);
        pm_free(fields);
        return rc;
    }
    *out = pm_type_new_row(fields, count, true);
    return *out ? PAIMON_OK : pm_err_nomem(p->err);
}

static int parse_base(type_parser *p, pm_type **out) {
    char word[32];
    size_t word_at = p->pos;
    if (!read_word(p, word, sizeof word))
        return parse_fail(p, "expected a type name");
    int32_t a = 0, b = 0;
    bool has_a, has_b;
    pm_type *t = NULL;
    int rc = PAIMON_OK;
    if (strcmp(word, "BOOLEAN") == 0) {
        t = pm_type_new(PM_TYPE_BOOLEAN, true);
    } else if (strcmp(word, "TINYINT") == 0) {
        t = pm_type_new(PM_TYPE_TINYINT, true);
    } else if (strcmp(word, "SMALLINT") == 0) {
        t = pm_type_new(PM_TYPE_SMALLINT, true);
    } else if (strcmp(word, "INT") == 0 || strcmp(word, "INTEGER") == 0) {
        t = pm_type_new(PM_TYPE_INT, true);
    } else if (strcmp(word, "BIGINT") == 0) {
        t = pm_type_new(PM_TYPE_BIGINT, true);
    } else if (strcmp(word, "FLOAT") == 0) {
        t = pm_type_new(PM_TYPE_FLOAT, true);
    } else if (strcmp(word, "DOUBLE") == 0) {
        accept_word(p, "PRECISION");
        t = pm_type_new(PM_TYPE_DOUBLE, true);
    } else if (strcmp(word, "DECIMAL") == 0 || strcmp(word, "NUMERIC") == 0 ||
               strcmp(word, "DEC") == 0) {
        a = 10;
        PM_TRY(read_params(p, &a, &b, &has_a, &has_b));
        if (a < 1 || a > 38 || b < 0 || b > a)
            return parse_fail(p, "DECIMAL precision must be 1..38 and scale 0..precision");
        t = pm_type_new_decimal(a, b, true);
    } else if (strcmp(word, "CHAR") == 0 || strcmp(word, "VARCHAR") == 0 ||
               strcmp(word, "BINARY") == 0 || strcmp(word, "VARBINARY") == 0) {
        pm_type_id id = word[0] == 'C'   ? PM_TYPE_CHAR
                        : word[0] == 'B' ? PM_TYPE_BINARY
                        : word[3] == 'C' ? PM_TYPE_VARCHAR
                                         : PM_TYPE_VARBINARY;
        a = 1;
        PM_TRY(read_params(p, &a, NULL, &has_a, &has_b));
        if (a < 1)
            return parse_fail(p, "length must be at least 1");
        t = pm_type_new_sized(id, a, true);
    } else if (strcmp(word, "STRING") == 0) {
        t = pm_type_new_sized(PM_TYPE_VARCHAR, PM_MAX_LENGTH, true);
    } else if (strcmp(word, "BYTES") == 0) {
        t = pm_type_new_sized(PM_TYPE_VARBINARY, PM_MAX_LENGTH, true);
    } else if (strcmp(word, "DATE") == 0) {
        t = pm_type_new(PM_TYPE_DATE, true);
    } else if (strcmp(word, "TIME") == 0) {
        a = 0;
        PM_TRY(read_params(p, &a, NULL, &has_a, &has_b));
        if (accept_word(p, "WITHOUT") &&
            !(accept_word(p, "TIME") && accept_word(p, "ZONE")))
            return parse_fail(p, "expected WITHOUT TIME ZONE");
        if (a < 0 || a > 9)
            return parse_fail(p, "TIME precision must be 0..9");
        t = pm_type_new_sized(PM_TYPE_TIME, a, true);
    } else if (strcmp(word, "TIMESTAMP") == 0 || strcmp(word, "TIMESTAMP_LTZ") == 0) {
        pm_type_id id = word[9] == '_' ? PM_TYPE_TIMESTAMP_LTZ : PM_TYPE_TIMESTAMP;
        a = 6;
        PM_TRY(read_params(p, &a, NULL, &has_a, &has_b));
        if (id == PM_TYPE_TIMESTAMP) {
            if (accept_word(p, "WITHOUT")) {
                if (!(accept_word(p, "TIME") && accept_word(p, "ZONE")))
                    return parse_fail(p, "expected WITHOUT TIME ZONE");
            } else if (accept_word(p, "WITH")) {
                if (!(accept_word(p, "LOCAL") && accept_word(p, "TIME") && accept_word(p, "ZONE")))
                    return parse_fail(p, "expected WITH LOCAL TIME ZONE");
                id = PM_TYPE_TIMESTAMP_LTZ;
            }
        }
        if (a < 0 || a > 9)
            return parse_fail(p, "TIMESTAMP precision must be 0..9");
        t = pm_type_new_sized(id, a, true);
    } else if (strcmp(word, "VARIANT") == 0) {
        t = pm_type_new(PM_TYPE_VARIANT, true);
    } else if (strcmp(word, "BLOB") == 0) {
        t = pm_type_new(PM_TYPE_BLOB, true);
    } else if (strcmp(word, "ARRAY") == 0 || strcmp(word, "MULTISET") == 0) {
        if (!accept_char(p, '<'))
            return parse_fail(p, "expected '<'");
        pm_type *element;
        PM_TRY(parse_type_at(p, &element));
        if (!accept_char(p, '>')) {
            pm_type_free(element);
            return parse_fail(p, "expected '>'");
        }
        t = pm_type_new_array(element, true);
        if (t != NULL && word[0] == 'M')
            t->id = PM_TYPE_MULTISET;
    } else if (strcmp(word, "MAP") == 0) {
        pm_type *key = NULL, *value = NULL;
        if (!accept_char(p, '<'))
            return parse_fail(p, "expected '<'");
        rc = parse_type_at(p, &key);
        if (rc == PAIMON_OK && !accept_char(p, ','))
            rc = parse_fail(p, "expected ','");
        if (rc == PAIMON_OK)
            rc = parse_type_at(p, &value);
        if (rc == PAIMON_OK && !accept_char(p, '>'))
            rc = parse_fail(p, "expected '>'");
        if (rc != PAIMON_OK) {
            pm_type_free(key);
            pm_type_free(value);
            return rc;
        }
        t = pm_type_new_map(key, value, true);
    } else if (strcmp(word, "ROW") == 0) {
        return parse_row_fields(p, out);
    } else {
        p->pos = word_at;
        return parse_fail(p, "unknown type name");
    }
    if (t == NULL)
        return pm_err_nomem(p->err);
    *out = t;
    return PAIMON_OK;
}

static int parse_type_at(type_parser *p, pm_type **out) {
    if (++p->depth > PM_MAX_NESTING_DEPTH)
        return parse_fail(p, "types nested too deeply");
    pm_type *t;
    PM_TRY(parse_base(p, &t));
    /* Suffix forms "INT ARRAY" / "INT MULTISET" (Java's string parser), then nullability. */
    for (;;) {
        bool is_array = accept_word(p, "ARRAY");
        bool multiset = !is_array && accept_word(p, "MULTISET");
        if (is_array || multiset) {
            pm_type *wrapped = pm_type_new_array(t, true);
            if (wrapped == NULL)
                return pm_err_nomem(p->err);
            if (multiset)
                wrapped->id = PM_TYPE_MULTISET;
            t = wrapped;
            continue;
        }
        break;
    }
    if (accept_word(p, "NOT")) {
        if (!accept_word(p, "NULL")) {
            pm_type_free(t);
            return parse_fail(p, "expected NULL after NOT");
        }
        t->nullable = false;
    } else if (accept_word(p, "NULL")) {
        t->nullable = true;
    }
    p->depth--;
    *out = t;
    return PAIMON_OK;
}

int pm_type_parse(const char *text, pm_type **out, paimon_error *err) {
    type_parser p = {text, 0, 0, err};
    pm_type *t;
    PM_TRY(parse_type_at(&p, &t));
    skip_ws(&p);
    if (p.text[p.pos] != '\0') {
        pm_type_free(t);
        return parse_fail(&p, "unexpected text after the type");
    }
    *out = t;
    return PAIMON_OK;
}

static int format_at(const pm_type *t, pm_buf *out, int depth) {
    if (depth > PM_MAX_NESTING_DEPTH)
        return PAIMON_EINVAL;
    int rc = PAIMON_OK;
    switch (t->id) {
    case PM_TYPE_DECIMAL:
        rc = pm_buf_append_fmt(out, "DECIMAL(%d, %d)", t->precision, t->scale);
        break;
    case PM_TYPE_CHAR:
    case PM_TYPE_BINARY:
        rc = pm_buf_append_fmt(out, "%s(%d)", pm_type_id_name(t->id), t->length);
        break;
    case PM_TYPE_VARCHAR:
        rc = t->length == PM_MAX_LENGTH ? pm_buf_append_str(out, "STRING")
                                        : pm_buf_append_fmt(out, "VARCHAR(%d)", t->length);
        break;
    case PM_TYPE_VARBINARY:
        rc = t->length == PM_MAX_LENGTH ? pm_buf_append_str(out, "BYTES")
                                        : pm_buf_append_fmt(out, "VARBINARY(%d)", t->length);
        break;
    case PM_TYPE_TIME:
    case PM_TYPE_TIMESTAMP:
        rc = pm_buf_append_fmt(out, "%s(%d)", pm_type_id_name(t->id), t->precision);
        break;
    case PM_TYPE_TIMESTAMP_LTZ:
        rc = pm_buf_append_fmt(out, "TIMESTAMP(%d) WITH LOCAL TIME ZONE", t->precision);
        break;
    case PM_TYPE_ARRAY:
    case PM_TYPE_MULTISET:
        rc = pm_buf_append_fmt(out, "%s<", pm_type_id_name(t->id));
        if (rc == PAIMON_OK)
            rc = format_at(t->element, out, depth + 1);
        if (rc == PAIMON_OK)
            rc = pm_buf_append_byte(out, '>');
        break;
    case PM_TYPE_MAP:
        rc = pm_buf_append_str(out, "MAP<");
        if (rc == PAIMON_OK)
            rc = format_at(t->key, out, depth + 1);
        if (rc == PAIMON_OK)
            rc = pm_buf_append_str(out, ", ");
        if (rc == PAIMON_OK)
            rc = format_at(t->value, out, depth + 1);
        if (rc == PAIMON_OK)
            rc = pm_buf_append_byte(out, '>');
        break;
    case PM_TYPE_ROW:
        rc = pm_buf_append_str(out, "ROW<");
        for (size_t i = 0; rc == PAIMON_OK && i < t->field_count; i++) {
            const pm_field *f = &t->fields[i];
            rc = pm_buf_append_fmt(out, "%s`%s` ", i ? ", " : "", f->name);
            if (rc == PAIMON_OK)
                rc = format_at(f->type, out, depth + 1);
            if (rc == PAIMON_OK && f->description != NULL)
                rc = pm_buf_append_fmt(out, " '%s'", f->description);
        }
        if (rc == PAIMON_OK)
            rc = pm_buf_append_byte(out, '>');
        break;
    default:
        rc = pm_buf_append_str(out, pm_type_id_name(t->id));
        break;
    }
    if (rc == PAIMON_OK && !t->nullable)
        rc = pm_buf_append_str(out, " NOT NULL");
    return rc;
}

int pm_type_format(const pm_type *type, pm_buf *out) { return format_at(type, out, 0); }
