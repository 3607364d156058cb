/*
 * agg_test_util.h - drives aggregators from text: values are written as literals of the column's
 * type and results are compared as text.
 *
 * Literals: `null`; numbers and decimals as usual; booleans true/false; strings and binaries as
 * raw text (binary may be written 0x<hex>); timestamps as epoch millis with an optional
 * ".nanos" part (nanos of millisecond); ARRAY `[a,b]`, MAP `{k=v,k2=v2}`, ROW `(a,b)`.
 * A string element containing , ] } ) or = cannot be written (none of the tests needs one).
 *
 * A case is a sequence of steps "+v" (add), "-v" (retract), "=v" (set), "<v" (add reversed: an
 * older record), "^v" (add reversed with ignore-retract), "R" (reset), ending in the expected
 * result, or the expected error.
 */
#ifndef PM_AGG_TEST_UTIL_H
#define PM_AGG_TEST_UTIL_H

#include "util/strutil.h"
#include "agg/field_agg.h"
#include "data/decimal.h"
#include "test.h"
#include "util/buf.h"
#include "util/endian.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AGG_UNUSED __attribute__((unused))

typedef struct agg_opts {
    const char *kv[16]; /* "suffix", "value" pairs, NULL-terminated */
} agg_opts;

static AGG_UNUSED const char *agg_test_option(void *ctx, const char *suffix) {
    const agg_opts *o = ctx;
    if (o == NULL)
        return NULL;
    for (int i = 0; i < 16 && o->kv[i] != NULL; i += 2) {
        if (strcmp(o->kv[i], suffix) == 0)
            return o->kv[i + 1];
    }
    return NULL;
}

/* ---- parsing literals into a builder ---- */

static const char *lit_token(const char **s, size_t *len) {
    const char *p = *s;
    while (*p == ' ')
        p++;
    const char *start = p;
    while (*p && *p != ',' && *p != ']' && *p != '}' && *p != ')' && *p != '=')
        p++;
    *len = (size_t)(p - start);
    *s = p;
    return start;
}

static AGG_UNUSED int lit_append(pm_col *c, const pm_type *t, const char **s) {
    while (**s == ' ')
        (*s)++;
    if (strncmp(*s, "null", 4) == 0 && t->id != PM_TYPE_VARCHAR && t->id != PM_TYPE_CHAR) {
        *s += 4;
        return pm_col_append_null(c);
    }
    if (strncmp(*s, "null", 4) == 0 &&
        ((*s)[4] == 0 || (*s)[4] == ',' || (*s)[4] == ']' || (*s)[4] == '}' || (*s)[4] == ')')) {
        *s += 4;
        return pm_col_append_null(c);
    }
    switch (t->id) {
    case PM_TYPE_ARRAY:
    case PM_TYPE_MAP:
    case PM_TYPE_MULTISET: {
        char close = t->id == PM_TYPE_ARRAY ? ']' : '}';
        (*s)++; /* [ or { */
        pm_col *child = &c->children[0];
        while (**s != close) {
            if (t->id == PM_TYPE_ARRAY) {
                if (lit_append(child, t->element, s) != 0)
                    return -1;
            } else {
                const pm_type *kt = t->id == PM_TYPE_MAP ? t->key : t->element;
                if (lit_append(&child->children[0], kt, s) != 0)
                    return -1;
                if (**s != '=')
                    return -1;
                (*s)++;
                if (t->id == PM_TYPE_MAP) {
                    if (lit_append(&child->children[1], t->value, s) != 0)
                        return -1;
                } else {
                    size_t n;
                    const char *tok = lit_token(s, &n);
                    if (pm_col_append_int(&child->children[1], strtoll(tok, NULL, 10)) != 0)
                        return -1;
                }
                if (pm_col_struct_close(child) != 0)
                    return -1;
            }
            if (**s == ',')
                (*s)++;
        }
        (*s)++;
        return pm_col_list_close(c);
    }
    case PM_TYPE_ROW: {
        (*s)++; /* ( */
        for (size_t i = 0; i < t->field_count; i++) {
            if (lit_append(&c->children[i], t->fields[i].type, s) != 0)
                return -1;
            if (**s == ',')
                (*s)++;
        }
        if (**s != ')')
            return -1;
        (*s)++;
        return pm_col_struct_close(c);
    }
    default: break;
    }
    size_t n;
    const char *tok = lit_token(s, &n);
    char buf[256];
    if (n >= sizeof buf)
        return -1;
    memcpy(buf, tok, n);
    buf[n] = 0;
    switch (t->id) {
    case PM_TYPE_BOOLEAN: return pm_col_append_bool(c, strcmp(buf, "true") == 0);
    case PM_TYPE_TINYINT:
    case PM_TYPE_SMALLINT:
    case PM_TYPE_INT:
    case PM_TYPE_BIGINT:
    case PM_TYPE_DATE:
    case PM_TYPE_TIME: return pm_col_append_int(c, strtoll(buf, NULL, 10));
    case PM_TYPE_FLOAT:
    case PM_TYPE_DOUBLE: return pm_col_append_double(c, strtod(buf, NULL));
    case PM_TYPE_DECIMAL: {
        pm_decimal128 d;
        if (!pm_dec_parse(buf, n, t->scale, &d))
            return -1;
        return pm_col_append_decimal(c, d);
    }
    case PM_TYPE_TIMESTAMP:
    case PM_TYPE_TIMESTAMP_LTZ: {
        pm_timestamp ts = {0, 0};
        char *dot = strchr(buf, '.');
        ts.millis = strtoll(buf, NULL, 10);
        if (dot)
            ts.nanos = (int32_t)strtol(dot + 1, NULL, 10);
        return pm_col_append_timestamp(c, ts);
    }
    case PM_TYPE_BINARY:
    case PM_TYPE_VARBINARY:
    case PM_TYPE_BLOB:
        if (n >= 2 && buf[0] == '0' && buf[1] == 'x') {
            uint8_t bytes[128];
            size_t m = 0;
            for (size_t i = 2; i + 1 < n; i += 2)
                bytes[m++] = (uint8_t)(pm_hex_digit(buf[i]) * 16 + pm_hex_digit(buf[i + 1]));
            return pm_col_append_bytes(c, bytes, m);
        }
        return pm_col_append_bytes(c, buf, n);
    default: return pm_col_append_bytes(c, buf, n);
    }
}

/* ---- formatting results ---- */

static AGG_UNUSED void fmt_cell(pm_buf *out, const pm_type *t, const struct ArrowArray *a,
                                int64_t i) {
    if (!pm_arrow_is_valid(a, i)) {
        pm_buf_append_str(out, "null");
        return;
    }
    switch (t->id) {
    case PM_TYPE_ARRAY:
    case PM_TYPE_MAP:
    case PM_TYPE_MULTISET: {
        const uint8_t *offs = a->buffers[1];
        int32_t s = (int32_t)pm_load_le32(offs + (a->offset + i) * 4);
        int32_t e = (int32_t)pm_load_le32(offs + (a->offset + i) * 4 + 4);
        pm_buf_append_str(out, t->id == PM_TYPE_ARRAY ? "[" : "{");
        for (int32_t j = s; j < e; j++) {
            if (j > s)
                pm_buf_append_str(out, ",");
            if (t->id == PM_TYPE_ARRAY) {
                fmt_cell(out, t->element, a->children[0], j);
            } else {
                const struct ArrowArray *entries = a->children[0];
                int64_t at = entries->offset + j;
                fmt_cell(out, t->id == PM_TYPE_MAP ? t->key : t->element, entries->children[0],
                         at);
                pm_buf_append_str(out, "=");
                if (t->id == PM_TYPE_MAP) {
                    fmt_cell(out, t->value, entries->children[1], at);
                } else {
                    pm_type it = {0};
                    it.id = PM_TYPE_INT;
                    fmt_cell(out, &it, entries->children[1], at);
                }
            }
        }
        pm_buf_append_str(out, t->id == PM_TYPE_ARRAY ? "]" : "}");
        return;
    }
    case PM_TYPE_ROW:
        pm_buf_append_str(out, "(");
        for (size_t k = 0; k < t->field_count; k++) {
            if (k > 0)
                pm_buf_append_str(out, ",");
            fmt_cell(out, t->fields[k].type, a->children[k], a->offset + i);
        }
        pm_buf_append_str(out, ")");
        return;
    default: break;
    }
    pm_datum d = pm_arrow_get_datum(a, t, i);
    switch (t->id) {
    case PM_TYPE_BOOLEAN: pm_buf_append_str(out, d.v.b ? "true" : "false"); break;
    case PM_TYPE_TINYINT:
    case PM_TYPE_SMALLINT:
    case PM_TYPE_INT:
    case PM_TYPE_BIGINT:
    case PM_TYPE_DATE:
    case PM_TYPE_TIME: pm_buf_append_fmt(out, "%lld", (long long)d.v.i); break;
    case PM_TYPE_FLOAT: pm_buf_append_fmt(out, "%.9g", d.v.f); break;
    case PM_TYPE_DOUBLE: pm_buf_append_fmt(out, "%.17g", d.v.f); break;
    case PM_TYPE_DECIMAL: {
        char text[PM_DECIMAL_TEXT_MAX];
        size_t n = pm_dec_format(d.v.dec, t->scale, text);
        pm_buf_append(out, text, n);
        break;
    }
    case PM_TYPE_TIMESTAMP:
    case PM_TYPE_TIMESTAMP_LTZ:
        pm_buf_append_fmt(out, "%lld", (long long)d.v.ts.millis);
        if (d.v.ts.nanos)
            pm_buf_append_fmt(out, ".%d", (int)d.v.ts.nanos);
        break;
    case PM_TYPE_BINARY:
    case PM_TYPE_VARBINARY:
    case PM_TYPE_BLOB:
        pm_buf_append_str(out, "0x");
        for (size_t k = 0; k < d.v.bytes.len; k++)
            pm_buf_append_fmt(out, "%02x", d.v.bytes.ptr[k]);
        break;
    default: pm_buf_append(out, d.v.bytes.ptr, d.v.bytes.len); break;
    }
}

/* ---- running a case ---- */

typedef struct agg_run {
    pm_type *type;
    pm_field_agg *agg;
    paimon_error err;
    char result[4096];
    int rc; /* status of the failing step, PAIMON_OK when every step passed */
} agg_run;

/* Builds a one-row array from a literal. */
static AGG_UNUSED int agg_array_of(const pm_type *t, const char *lit, struct ArrowArray *out) {
    pm_col c;
    if (pm_col_init(&c, t, NULL) != 0)
        return -1;
    const char *s = lit;
    int rc;
    /* Top-level strings are taken raw, so they may hold spaces and separators. */
    if ((t->id == PM_TYPE_VARCHAR || t->id == PM_TYPE_CHAR) && strcmp(lit, "null") != 0) {
        rc = pm_col_append_bytes(&c, lit, strlen(lit));
        s = "";
    } else {
        rc = lit_append(&c, t, &s);
    }
    if (rc == 0 && *s != 0)
        rc = -1;
    if (rc == 0)
        rc = pm_col_finish(&c, out, NULL);
    pm_col_dispose(&c);
    return rc;
}

/* Runs the steps (NULL-terminated) against a fresh aggregator; fills run->result with the text of
 * the final result, or stops at the first failing step (run->rc). Returns false when the setup
 * itself fails (bad type, bad literal, creation error: rc and err tell). */
static AGG_UNUSED bool agg_run_case(agg_run *run, const char *function, const char *type_text,
                                    agg_opts *opts, const char *const *steps) {
    memset(run, 0, sizeof *run);
    if (pm_type_parse(type_text, &run->type, &run->err) != 0)
        return false;
    run->rc = pm_field_agg_new(function, "c", run->type, agg_test_option, opts, &run->agg,
                               &run->err);
    if (run->rc != 0)
        return false;
    for (int i = 0; steps[i] != NULL; i++) {
        const char *st = steps[i];
        if (st[0] == 'R') {
            pm_field_agg_reset(run->agg);
            continue;
        }
        struct ArrowArray arr;
        if (agg_array_of(run->type, st + 1, &arr) != 0) {
            snprintf(run->err.message, sizeof run->err.message, "bad literal %s", st);
            run->rc = PAIMON_EINVAL;
            return false;
        }
        int rc;
        if (st[0] == '+')
            rc = pm_field_agg_add(run->agg, &arr, 0, &run->err);
        else if (st[0] == '-')
            rc = pm_field_agg_retract(run->agg, &arr, 0, &run->err);
        else if (st[0] == '<' || st[0] == '^')
            rc = pm_field_agg_add_reversed(run->agg, &arr, 0, st[0] == '^', &run->err);
        else
            rc = pm_field_agg_set(run->agg, &arr, 0, &run->err);
        arr.release(&arr);
        if (rc != 0) {
            run->rc = rc;
            return true;
        }
    }
    pm_col out;
    if (pm_col_init(&out, run->type, &run->err) != 0)
        return false;
    int rc = pm_field_agg_result(run->agg, &out, &run->err);
    struct ArrowArray res;
    if (rc == 0)
        rc = pm_col_finish(&out, &res, &run->err);
    pm_col_dispose(&out);
    if (rc != 0) {
        run->rc = rc;
        return true;
    }
    pm_buf text = PM_BUF_INIT;
    fmt_cell(&text, run->type, &res, 0);
    snprintf(run->result, sizeof run->result, "%s", pm_buf_cstr(&text));
    pm_buf_dispose(&text);
    res.release(&res);
    return true;
}

static AGG_UNUSED void agg_run_dispose(agg_run *run) {
    pm_field_agg_free(run->agg);
    pm_type_free(run->type);
    run->agg = NULL;
    run->type = NULL;
}

/* One table row: steps, then the expected result text, or an expected error status. */
typedef struct agg_case {
    const char *function;
    const char *type;
    const char *steps[24];
    const char *expected; /* NULL when `error` is expected */
    int error;
    agg_opts opts;
} agg_case;

/* Runs every case; reports the first mismatch through the harness. */
#define RUN_CASES(cases)                                                                           \
    do {                                                                                           \
        for (size_t ci_ = 0; ci_ < sizeof(cases) / sizeof((cases)[0]); ci_++) {                    \
            const agg_case *c_ = &(cases)[ci_];                                                    \
            agg_run run_;                                                                          \
            agg_opts opts_ = c_->opts;                                                             \
            bool ok_ = agg_run_case(&run_, c_->function, c_->type, &opts_, c_->steps);             \
            int rc_ = run_.rc;                                                                     \
            char res_[4096];                                                                       \
            snprintf(res_, sizeof res_, "%s", run_.result);                                        \
            char msg_[PAIMON_ERROR_MESSAGE_SIZE];                                                  \
            snprintf(msg_, sizeof msg_, "%s", run_.err.message);                                   \
            agg_run_dispose(&run_);                                                                \
            if (c_->expected == NULL) {                                                            \
                if (rc_ != c_->error) {                                                            \
                    pm_test_fail(__FILE__, __LINE__, "case %zu (%s %s): status %d, expected %d: %s", \
                                 ci_, c_->function, c_->type, rc_, c_->error, msg_);               \
                    return;                                                                        \
                }                                                                                  \
                continue;                                                                          \
            }                                                                                      \
            if (!ok_ || rc_ != 0) {                                                                \
                pm_test_fail(__FILE__, __LINE__, "case %zu (%s %s): failed with %d: %s", ci_,      \
                             c_->function, c_->type, rc_, msg_);                                   \
                return;                                                                            \
            }                                                                                      \
            if (strcmp(res_, c_->expected) != 0) {                                                 \
                pm_test_fail(__FILE__, __LINE__, "case %zu (%s %s): got %s, expected %s", ci_,     \
                             c_->function, c_->type, res_, c_->expected);                          \
                return;                                                                            \
            }                                                                                      \
        }                                                                                          \
    } while (0)

#endif
