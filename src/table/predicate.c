/* predicate.c - binding filters to columns and evaluating them on rows and on statistics. */
#include "table/predicate.h"

#include "data/arrow_builder.h"
#include "util/mem.h"
#include "util/strutil.h"
#include "util/timeutil.h"

#include <string.h>

static const char *lit_text(const pm_literal *l, char *buf, size_t cap) {
    size_t n = l->len < cap - 1 ? l->len : cap - 1;
    memcpy(buf, l->text, n);
    buf[n] = '\0';
    return buf;
}

static int bad_literal(const pm_pred *p, const pm_literal *l, const char *why, paimon_error *err) {
    char text[64];
    pm_buf type = PM_BUF_INIT;
    pm_type_format(p->type, &type);
    int rc = pm_err(err, PAIMON_EINVAL, "filter: literal '%s' for column %s %s: %s",
                    lit_text(l, text, sizeof text), p->column, type.data ? pm_buf_cstr(&type) : "?",
                    why);
    pm_buf_dispose(&type);
    return rc;
}

/* Converts one literal to a datum of the bound column's type. */
static int convert_literal(const pm_pred *p, const pm_literal *l, pm_arena *arena, pm_datum *out,
                           paimon_error *err) {
    const pm_type *t = p->type;
    *out = pm_datum_null();
    if (l->kind == PM_LIT_NULL)
        return PAIMON_OK;
    out->is_null = false;
    bool textual = l->kind == PM_LIT_STRING || l->kind == PM_LIT_NUMBER;
    switch (t->id) {
    case PM_TYPE_BOOLEAN:
        if (l->kind == PM_LIT_TRUE || (textual && l->len == 4 && pm_strn_ieq(l->text, "true", 4)))
            out->v.b = true;
        else if (l->kind == PM_LIT_FALSE ||
                 (textual && l->len == 5 && pm_strn_ieq(l->text, "false", 5)))
            out->v.b = false;
        else
            return bad_literal(p, l, "expected TRUE or FALSE", err);
        return PAIMON_OK;
    case PM_TYPE_TINYINT:
    case PM_TYPE_SMALLINT:
    case PM_TYPE_INT:
    case PM_TYPE_BIGINT: {
        static const int64_t limits[] = {127, 32767, 2147483647};
        if (!textual || !pm_parse_i64(l->text, l->len, &out->v.i))
            return bad_literal(p, l, "expected an integer", err);
        if (t->id != PM_TYPE_BIGINT) {
            int64_t max = limits[t->id - PM_TYPE_TINYINT];
            if (out->v.i > max || out->v.i < -max - 1)
                return bad_literal(p, l, "out of the column's range", err);
        }
        return PAIMON_OK;
    }
    case PM_TYPE_FLOAT:
    case PM_TYPE_DOUBLE:
        if (!textual || !pm_parse_double(l->text, l->len, &out->v.f))
            return bad_literal(p, l, "expected a number", err);
        if (t->id == PM_TYPE_FLOAT)
            out->v.f = (double)(float)out->v.f;
        return PAIMON_OK;
    case PM_TYPE_DECIMAL:
        if (!textual || !pm_dec_parse(l->text, l->len, t->scale, &out->v.dec) ||
            pm_dec_digits(out->v.dec) > t->precision)
            return bad_literal(p, l, "expected a decimal number that fits the column", err);
        return PAIMON_OK;
    case PM_TYPE_CHAR:
    case PM_TYPE_VARCHAR:
        if (!textual)
            return bad_literal(p, l, "expected a quoted string", err);
        out->v.bytes.ptr = (const uint8_t *)l->text;
        out->v.bytes.len = l->len;
        return PAIMON_OK;
    case PM_TYPE_BINARY:
    case PM_TYPE_VARBINARY:
    case PM_TYPE_BLOB:
        if (l->kind == PM_LIT_STRING) {
            out->v.bytes.ptr = (const uint8_t *)l->text;
            out->v.bytes.len = l->len;
            return PAIMON_OK;
        }
        if (l->kind == PM_LIT_HEX && l->len % 2 == 0) {
            uint8_t *bytes = pm_arena_alloc(arena, l->len / 2 + 1);
            if (bytes == NULL)
                return pm_err_nomem(err);
            for (size_t i = 0; i < l->len / 2; i++) {
                int hi = pm_hex_digit(l->text[2 * i]), lo = pm_hex_digit(l->text[2 * i + 1]);
                if (hi < 0 || lo < 0)
                    return bad_literal(p, l, "invalid hex digits", err);
                bytes[i] = (uint8_t)(hi * 16 + lo);
            }
            out->v.bytes.ptr = bytes;
            out->v.bytes.len = l->len / 2;
            return PAIMON_OK;
        }
        return bad_literal(p, l, "expected 'text' or X'hex'", err);
    case PM_TYPE_DATE:
        if ((l->kind == PM_LIT_STRING || l->kind == PM_LIT_DATE) &&
            pm_parse_date(l->text, l->len, &out->v.i))
            return PAIMON_OK;
        return bad_literal(p, l, "expected a date 'yyyy-mm-dd'", err);
    case PM_TYPE_TIME: {
        int32_t nanos;
        if ((l->kind == PM_LIT_STRING || l->kind == PM_LIT_TIME) &&
            pm_parse_time(l->text, l->len, &out->v.i, &nanos))
            return PAIMON_OK;
        return bad_literal(p, l, "expected a time 'hh:mm:ss'", err);
    }
    case PM_TYPE_TIMESTAMP:
    case PM_TYPE_TIMESTAMP_LTZ:
        if ((l->kind == PM_LIT_STRING || l->kind == PM_LIT_TIMESTAMP || l->kind == PM_LIT_DATE) &&
            pm_parse_timestamp(l->text, l->len, &out->v.ts.millis, &out->v.ts.nanos))
            return PAIMON_OK;
        return bad_literal(p, l, "expected a timestamp 'yyyy-mm-dd hh:mm:ss[.fff]'", err);
    default:
        return bad_literal(p, l, "columns of this type can only be tested with IS [NOT] NULL", err);
    }
}

static pm_cmp_op negate_op(pm_cmp_op op) {
    switch (op) {
    case PM_CMP_EQ:
        return PM_CMP_NE;
    case PM_CMP_NE:
        return PM_CMP_EQ;
    case PM_CMP_LT:
        return PM_CMP_GE;
    case PM_CMP_LE:
        return PM_CMP_GT;
    case PM_CMP_GT:
        return PM_CMP_LE;
    default:
        return PM_CMP_LT;
    }
}

static int bind_node(const pm_pred *p, bool negate, const pm_field *fields, size_t field_count,
                     pm_arena *arena, pm_pred **out, paimon_error *err) {
    if (p->kind == PM_PRED_NOT)
        return bind_node(p->children[0], !negate, fields, field_count, arena, out, err);
    pm_pred *n = pm_arena_calloc(arena, 1, sizeof *n);
    if (n == NULL)
        return pm_err_nomem(err);
    *n = *p;
    if (p->kind == PM_PRED_AND || p->kind == PM_PRED_OR) {
        n->kind = (p->kind == PM_PRED_AND) != negate ? PM_PRED_AND : PM_PRED_OR;
        n->children = pm_arena_calloc(arena, p->child_count, sizeof *n->children);
        if (n->children == NULL)
            return pm_err_nomem(err);
        for (size_t i = 0; i < p->child_count; i++)
            PM_TRY(bind_node(p->children[i], negate, fields, field_count, arena, &n->children[i],
                             err));
        *out = n;
        return PAIMON_OK;
    }
    if (p->kind == PM_PRED_CONST) {
        if (negate && p->constant != PM_UNKNOWN)
            n->constant = p->constant == PM_TRUE ? PM_FALSE : PM_TRUE;
        *out = n;
        return PAIMON_OK;
    }
    /* A leaf on a column. */
    size_t index = field_count;
    for (size_t i = 0; i < field_count; i++) {
        if (strcmp(fields[i].name, p->column) == 0) {
            index = i;
            break;
        }
    }
    if (index == field_count)
        return pm_err(err, PAIMON_EINVAL, "filter: unknown column '%s'", p->column);
    n->field_index = index;
    n->type = fields[index].type;
    if (negate) {
        if (n->kind == PM_PRED_CMP)
            n->op = negate_op(n->op);
        else if (n->kind == PM_PRED_IS_NULL)
            n->kind = PM_PRED_IS_NOT_NULL;
        else if (n->kind == PM_PRED_IS_NOT_NULL)
            n->kind = PM_PRED_IS_NULL;
        else if (n->kind == PM_PRED_IN)
            n->kind = PM_PRED_NOT_IN;
        else if (n->kind == PM_PRED_NOT_IN)
            n->kind = PM_PRED_IN;
    }
    if (n->value_count > 0) {
        n->values = pm_arena_calloc(arena, n->value_count, sizeof *n->values);
        if (n->values == NULL)
            return pm_err_nomem(err);
        for (size_t i = 0; i < n->value_count; i++)
            PM_TRY(convert_literal(n, &n->literals[i], arena, &n->values[i], err));
    }
    /* A comparison with NULL is never true nor false. */
    if (n->kind == PM_PRED_CMP && n->values[0].is_null) {
        n->kind = PM_PRED_CONST;
        n->constant = PM_UNKNOWN;
    }
    *out = n;
    return PAIMON_OK;
}

int pm_pred_bind(const pm_pred *p, const pm_field *fields, size_t field_count, pm_arena *arena,
                 pm_pred **out, paimon_error *err) {
    return bind_node(p, false, fields, field_count, arena, out, err);
}

void pm_pred_collect_fields(const pm_pred *p, bool *used) {
    if (p->kind == PM_PRED_AND || p->kind == PM_PRED_OR) {
        for (size_t i = 0; i < p->child_count; i++)
            pm_pred_collect_fields(p->children[i], used);
    } else if (p->kind != PM_PRED_CONST) {
        used[p->field_index] = true;
    }
}

static bool cmp_holds(pm_cmp_op op, int c) {
    switch (op) {
    case PM_CMP_EQ:
        return c == 0;
    case PM_CMP_NE:
        return c != 0;
    case PM_CMP_LT:
        return c < 0;
    case PM_CMP_LE:
        return c <= 0;
    case PM_CMP_GT:
        return c > 0;
    default:
        return c >= 0;
    }
}

/* Truth of a leaf for one value of its column. */
static int eval_leaf(const pm_pred *p, const pm_datum *v) {
    switch (p->kind) {
    case PM_PRED_IS_NULL:
        return v->is_null ? PM_TRUE : PM_FALSE;
    case PM_PRED_IS_NOT_NULL:
        return v->is_null ? PM_FALSE : PM_TRUE;
    case PM_PRED_CMP:
        if (v->is_null)
            return PM_UNKNOWN;
        return cmp_holds(p->op, pm_datum_compare(p->type, v, &p->values[0])) ? PM_TRUE : PM_FALSE;
    case PM_PRED_IN:
    case PM_PRED_NOT_IN: {
        if (v->is_null)
            return PM_UNKNOWN;
        bool saw_null = false;
        for (size_t i = 0; i < p->value_count; i++) {
            if (p->values[i].is_null) {
                saw_null = true;
            } else if (pm_datum_compare(p->type, v, &p->values[i]) == 0) {
                return p->kind == PM_PRED_IN ? PM_TRUE : PM_FALSE;
            }
        }
        if (saw_null)
            return PM_UNKNOWN;
        return p->kind == PM_PRED_IN ? PM_FALSE : PM_TRUE;
    }
    default:
        return PM_UNKNOWN;
    }
}

static int combine(pm_pred_kind kind, int a, int b) {
    if (kind == PM_PRED_AND) {
        if (a == PM_FALSE || b == PM_FALSE)
            return PM_FALSE;
        return (a == PM_UNKNOWN || b == PM_UNKNOWN) ? PM_UNKNOWN : PM_TRUE;
    }
    if (a == PM_TRUE || b == PM_TRUE)
        return PM_TRUE;
    return (a == PM_UNKNOWN || b == PM_UNKNOWN) ? PM_UNKNOWN : PM_FALSE;
}

int pm_pred_eval_datums(const pm_pred *p, const pm_datum *values) {
    if (p->kind == PM_PRED_CONST)
        return p->constant;
    if (p->kind == PM_PRED_AND || p->kind == PM_PRED_OR) {
        int acc = p->kind == PM_PRED_AND ? PM_TRUE : PM_FALSE;
        for (size_t i = 0; i < p->child_count; i++)
            acc = combine(p->kind, acc, pm_pred_eval_datums(p->children[i], values));
        return acc;
    }
    return eval_leaf(p, &values[p->field_index]);
}

static int eval_node(const pm_pred *p, const struct ArrowArray *const *columns, int64_t length,
                     uint8_t *truth, paimon_error *err) {
    if (p->kind == PM_PRED_CONST) {
        memset(truth, p->constant, (size_t)length);
        return PAIMON_OK;
    }
    if (p->kind == PM_PRED_AND || p->kind == PM_PRED_OR) {
        PM_TRY(eval_node(p->children[0], columns, length, truth, err));
        if (p->child_count == 1)
            return PAIMON_OK;
        uint8_t *tmp = pm_malloc((size_t)length);
        if (tmp == NULL)
            return pm_err_nomem(err);
        int rc = PAIMON_OK;
        for (size_t c = 1; rc == PAIMON_OK && c < p->child_count; c++) {
            rc = eval_node(p->children[c], columns, length, tmp, err);
            for (int64_t r = 0; rc == PAIMON_OK && r < length; r++)
                truth[r] = (uint8_t)combine(p->kind, truth[r], tmp[r]);
        }
        pm_free(tmp);
        return rc;
    }
    const struct ArrowArray *col = columns[p->field_index];
    if (p->kind == PM_PRED_IS_NULL || p->kind == PM_PRED_IS_NOT_NULL) {
        for (int64_t r = 0; r < length; r++) {
            bool valid = pm_arrow_is_valid(col, r);
            truth[r] = (uint8_t)(valid == (p->kind == PM_PRED_IS_NOT_NULL) ? PM_TRUE : PM_FALSE);
        }
        return PAIMON_OK;
    }
    for (int64_t r = 0; r < length; r++) {
        pm_datum v = pm_arrow_get_datum(col, p->type, r);
        truth[r] = (uint8_t)eval_leaf(p, &v);
    }
    return PAIMON_OK;
}

int pm_pred_eval_batch(const pm_pred *p, const struct ArrowArray *const *columns, int64_t length,
                       uint8_t *keep, paimon_error *err) {
    if (length == 0)
        return PAIMON_OK;
    PM_TRY(eval_node(p, columns, length, keep, err));
    for (int64_t r = 0; r < length; r++)
        keep[r] = keep[r] == PM_TRUE;
    return PAIMON_OK;
}

/* Floating-point statistics may leave out NaN, which orders above every number, so they are
 * not used to rule out ranges. */
static bool usable_min_max(const pm_pred *p, const pm_pred_stats *s) {
    return s->has_min_max && !s->min.is_null && !s->max.is_null && p->type->id != PM_TYPE_FLOAT &&
           p->type->id != PM_TYPE_DOUBLE;
}

static bool leaf_may_match(const pm_pred *p, const pm_pred_stats *s, int64_t row_count) {
    bool all_null = s->has_null_count && s->null_count >= row_count && row_count > 0;
    switch (p->kind) {
    case PM_PRED_IS_NULL:
        return !s->has_null_count || s->null_count > 0;
    case PM_PRED_IS_NOT_NULL:
        return !all_null;
    case PM_PRED_NOT_IN:
        return !all_null;
    case PM_PRED_CMP:
    case PM_PRED_IN: {
        if (all_null)
            return false;
        if (!usable_min_max(p, s))
            return true;
        for (size_t i = 0; i < p->value_count; i++) {
            const pm_datum *v = &p->values[i];
            if (v->is_null)
                continue;
            int lo = pm_datum_compare(p->type, &s->min, v); /* min vs v */
            int hi = pm_datum_compare(p->type, &s->max, v); /* max vs v */
            bool may;
            switch (p->kind == PM_PRED_IN ? PM_CMP_EQ : p->op) {
            case PM_CMP_EQ:
                may = lo <= 0 && hi >= 0;
                break;
            case PM_CMP_NE:
                may = !(lo == 0 && hi == 0);
                break;
            case PM_CMP_LT:
                may = lo < 0;
                break;
            case PM_CMP_LE:
                may = lo <= 0;
                break;
            case PM_CMP_GT:
                may = hi > 0;
                break;
            default:
                may = hi >= 0;
                break;
            }
            if (may)
                return true;
        }
        return false;
    }
    default:
        return true;
    }
}

bool pm_pred_may_match(const pm_pred *p, pm_pred_stats_fn stats, void *ctx, int64_t row_count) {
    switch (p->kind) {
    case PM_PRED_CONST:
        return p->constant == PM_TRUE;
    case PM_PRED_AND:
        for (size_t i = 0; i < p->child_count; i++) {
            if (!pm_pred_may_match(p->children[i], stats, ctx, row_count))
                return false;
        }
        return true;
    case PM_PRED_OR:
        for (size_t i = 0; i < p->child_count; i++) {
            if (pm_pred_may_match(p->children[i], stats, ctx, row_count))
                return true;
        }
        return false;
    default: {
        pm_pred_stats s;
        memset(&s, 0, sizeof s);
        if (!stats(ctx, p->field_index, &s))
            return true;
        return leaf_may_match(p, &s, row_count);
    }
    }
}
