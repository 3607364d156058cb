/* predicate_parse.c - tokenizer and recursive-descent parser of filter expressions. */
#include "table/predicate.h"

#include "util/strutil.h"

#include <ctype.h>
#include <string.h>

enum tok_kind {
    TOK_END,
    TOK_IDENT, /* bare word */
    TOK_QUOTED_IDENT,
    TOK_NUMBER,
    TOK_STRING, /* 'text' (quotes removed, '' unescaped) */
    TOK_HEX,    /* X'..' */
    TOK_OP,     /* = != <> < <= > >= == */
    TOK_LPAREN,
    TOK_RPAREN,
    TOK_COMMA,
};

typedef struct token {
    int kind;
    const char *start; /* raw text for errors */
    size_t len;
    const char *value; /* decoded value (strings), arena-owned */
    size_t value_len;
} token;

typedef struct parser {
    const char *text;
    size_t pos;
    token tok;
    pm_arena *arena;
    paimon_error *err;
    int depth;
} parser;

static int fail(parser *p, const char *what) {
    return pm_err(p->err, PAIMON_EINVAL, "invalid filter \"%s\": %s at offset %zu", p->text, what,
                  (size_t)(p->tok.start - p->text));
}

static int next_token(parser *p) {
    const char *s = p->text;
    while (isspace((unsigned char)s[p->pos]))
        p->pos++;
    token *t = &p->tok;
    t->start = s + p->pos;
    t->value = NULL;
    t->value_len = 0;
    char c = s[p->pos];
    if (c == '\0') {
        t->kind = TOK_END;
        t->len = 0;
        return PAIMON_OK;
    }
    if ((c == 'x' || c == 'X') && s[p->pos + 1] == '\'') {
        size_t start = p->pos + 2, end = start;
        while (s[end] != '\0' && s[end] != '\'')
            end++;
        if (s[end] != '\'')
            return fail(p, "unterminated X'...' literal");
        t->kind = TOK_HEX;
        t->value = s + start;
        t->value_len = end - start;
        t->len = end + 1 - p->pos;
        p->pos = end + 1;
        return PAIMON_OK;
    }
    if (isalpha((unsigned char)c) || c == '_') {
        size_t start = p->pos;
        while (isalnum((unsigned char)s[p->pos]) || s[p->pos] == '_' || s[p->pos] == '.')
            p->pos++;
        t->kind = TOK_IDENT;
        t->len = p->pos - start;
        t->value = s + start;
        t->value_len = t->len;
        return PAIMON_OK;
    }
    if (c == '`' || c == '"') {
        const char *end = strchr(s + p->pos + 1, c);
        if (end == NULL)
            return fail(p, "unterminated quoted column name");
        t->kind = TOK_QUOTED_IDENT;
        t->value = s + p->pos + 1;
        t->value_len = (size_t)(end - t->value);
        t->len = t->value_len + 2;
        p->pos += t->len;
        return PAIMON_OK;
    }
    if (c == '\'') {
        /* Decode '' escapes into an arena copy. */
        size_t i = p->pos + 1, n = 0;
        char *value = pm_arena_alloc(p->arena, strlen(s + i) + 1);
        if (value == NULL)
            return pm_err_nomem(p->err);
        for (;;) {
            if (s[i] == '\0')
                return fail(p, "unterminated string literal");
            if (s[i] == '\'') {
                if (s[i + 1] == '\'') {
                    value[n++] = '\'';
                    i += 2;
                    continue;
                }
                break;
            }
            value[n++] = s[i++];
        }
        value[n] = '\0';
        t->kind = TOK_STRING;
        t->value = value;
        t->value_len = n;
        t->len = i + 1 - p->pos;
        p->pos = i + 1;
        return PAIMON_OK;
    }
    if (isdigit((unsigned char)c) ||
        ((c == '-' || c == '+' || c == '.') &&
         (isdigit((unsigned char)s[p->pos + 1]) ||
          (s[p->pos + 1] == '.' && isdigit((unsigned char)s[p->pos + 2]))))) {
        size_t start = p->pos;
        p->pos++;
        while (isalnum((unsigned char)s[p->pos]) || s[p->pos] == '.' ||
               ((s[p->pos] == '-' || s[p->pos] == '+') &&
                (s[p->pos - 1] == 'e' || s[p->pos - 1] == 'E')))
            p->pos++;
        t->kind = TOK_NUMBER;
        t->len = p->pos - start;
        t->value = s + start;
        t->value_len = t->len;
        return PAIMON_OK;
    }
    static const char *const ops[] = {"<=", ">=", "<>", "!=", "==", "=", "<", ">"};
    for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++) {
        size_t n = strlen(ops[k]);
        if (strncmp(s + p->pos, ops[k], n) == 0) {
            t->kind = TOK_OP;
            t->len = n;
            t->value = ops[k];
            t->value_len = n;
            p->pos += n;
            return PAIMON_OK;
        }
    }
    t->len = 1;
    p->pos++;
    switch (c) {
    case '(':
        t->kind = TOK_LPAREN;
        return PAIMON_OK;
    case ')':
        t->kind = TOK_RPAREN;
        return PAIMON_OK;
    case ',':
        t->kind = TOK_COMMA;
        return PAIMON_OK;
    default:
        p->pos--;
        return fail(p, "unexpected character");
    }
}

static bool is_keyword(const token *t, const char *word) {
    return t->kind == TOK_IDENT && t->len == strlen(word) && pm_strn_ieq(t->start, word, t->len);
}

static pm_pred *new_node(parser *p, pm_pred_kind kind) {
    pm_pred *n = pm_arena_calloc(p->arena, 1, sizeof *n);
    if (n != NULL)
        n->kind = kind;
    return n;
}

static int parse_or(parser *p, pm_pred **out);

/* A literal at the current token. */
static int parse_literal(parser *p, pm_literal *out) {
    token *t = &p->tok;
    out->text = t->value;
    out->len = t->value_len;
    if (t->kind == TOK_NUMBER) {
        out->kind = PM_LIT_NUMBER;
    } else if (t->kind == TOK_STRING) {
        out->kind = PM_LIT_STRING;
    } else if (t->kind == TOK_HEX) {
        out->kind = PM_LIT_HEX;
    } else if (is_keyword(t, "TRUE")) {
        out->kind = PM_LIT_TRUE;
    } else if (is_keyword(t, "FALSE")) {
        out->kind = PM_LIT_FALSE;
    } else if (is_keyword(t, "NULL")) {
        out->kind = PM_LIT_NULL;
    } else if (is_keyword(t, "DATE") || is_keyword(t, "TIMESTAMP") || is_keyword(t, "TIME")) {
        int kind = is_keyword(t, "DATE")   ? PM_LIT_DATE
                   : is_keyword(t, "TIME") ? PM_LIT_TIME
                                           : PM_LIT_TIMESTAMP;
        PM_TRY(next_token(p));
        if (p->tok.kind != TOK_STRING)
            return fail(p, "expected a quoted value after DATE/TIME/TIMESTAMP");
        out->kind = kind;
        out->text = p->tok.value;
        out->len = p->tok.value_len;
    } else {
        return fail(p, "expected a literal");
    }
    return next_token(p);
}

static int parse_cmp_op(const token *t, pm_cmp_op *op) {
    const char *v = t->value;
    if (strcmp(v, "=") == 0 || strcmp(v, "==") == 0)
        *op = PM_CMP_EQ;
    else if (strcmp(v, "!=") == 0 || strcmp(v, "<>") == 0)
        *op = PM_CMP_NE;
    else if (strcmp(v, "<") == 0)
        *op = PM_CMP_LT;
    else if (strcmp(v, "<=") == 0)
        *op = PM_CMP_LE;
    else if (strcmp(v, ">") == 0)
        *op = PM_CMP_GT;
    else
        *op = PM_CMP_GE;
    return PAIMON_OK;
}

static pm_cmp_op mirror(pm_cmp_op op) {
    switch (op) {
    case PM_CMP_LT:
        return PM_CMP_GT;
    case PM_CMP_LE:
        return PM_CMP_GE;
    case PM_CMP_GT:
        return PM_CMP_LT;
    case PM_CMP_GE:
        return PM_CMP_LE;
    default:
        return op;
    }
}

static int parse_literal_list(parser *p, pm_pred *n) {
    if (p->tok.kind != TOK_LPAREN)
        return fail(p, "expected '(' after IN");
    PM_TRY(next_token(p));
    size_t cap = 8;
    n->literals = pm_arena_calloc(p->arena, cap, sizeof *n->literals);
    if (n->literals == NULL)
        return pm_err_nomem(p->err);
    for (;;) {
        if (n->value_count == cap) {
            pm_literal *grown = pm_arena_calloc(p->arena, cap * 2, sizeof *grown);
            if (grown == NULL)
                return pm_err_nomem(p->err);
            memcpy(grown, n->literals, cap * sizeof *grown);
            n->literals = grown;
            cap *= 2;
        }
        PM_TRY(parse_literal(p, &n->literals[n->value_count++]));
        if (p->tok.kind == TOK_COMMA) {
            PM_TRY(next_token(p));
            continue;
        }
        if (p->tok.kind != TOK_RPAREN)
            return fail(p, "expected ',' or ')' in IN list");
        return next_token(p);
    }
}

static int make_cmp(parser *p, const char *column, pm_cmp_op op, const pm_literal *lit,
                    pm_pred **out) {
    pm_pred *n = new_node(p, PM_PRED_CMP);
    if (n == NULL || (n->literals = pm_arena_alloc(p->arena, sizeof *lit)) == NULL)
        return pm_err_nomem(p->err);
    n->op = op;
    n->column = column;
    n->literals[0] = *lit;
    n->value_count = 1;
    *out = n;
    return PAIMON_OK;
}

static int parse_test(parser *p, pm_pred **out) {
    token *t = &p->tok;
    if (t->kind != TOK_IDENT && t->kind != TOK_QUOTED_IDENT) {
        /* literal op column */
        pm_literal lit;
        PM_TRY(parse_literal(p, &lit));
        if (p->tok.kind != TOK_OP)
            return fail(p, "expected a comparison operator");
        pm_cmp_op op;
        parse_cmp_op(&p->tok, &op);
        PM_TRY(next_token(p));
        if (p->tok.kind != TOK_IDENT && p->tok.kind != TOK_QUOTED_IDENT)
            return fail(p, "expected a column name");
        const char *column = pm_arena_strndup(p->arena, p->tok.value, p->tok.value_len);
        if (column == NULL)
            return pm_err_nomem(p->err);
        PM_TRY(next_token(p));
        return make_cmp(p, column, mirror(op), &lit, out);
    }
    const char *column = pm_arena_strndup(p->arena, t->value, t->value_len);
    if (column == NULL)
        return pm_err_nomem(p->err);
    PM_TRY(next_token(p));
    if (p->tok.kind == TOK_OP) {
        pm_cmp_op op;
        parse_cmp_op(&p->tok, &op);
        PM_TRY(next_token(p));
        pm_literal lit;
        PM_TRY(parse_literal(p, &lit));
        return make_cmp(p, column, op, &lit, out);
    }
    if (is_keyword(&p->tok, "IS")) {
        PM_TRY(next_token(p));
        bool negated = false;
        if (is_keyword(&p->tok, "NOT")) {
            negated = true;
            PM_TRY(next_token(p));
        }
        if (!is_keyword(&p->tok, "NULL"))
            return fail(p, "expected NULL after IS");
        PM_TRY(next_token(p));
        pm_pred *n = new_node(p, negated ? PM_PRED_IS_NOT_NULL : PM_PRED_IS_NULL);
        if (n == NULL)
            return pm_err_nomem(p->err);
        n->column = column;
        *out = n;
        return PAIMON_OK;
    }
    bool negated = false;
    if (is_keyword(&p->tok, "NOT")) {
        negated = true;
        PM_TRY(next_token(p));
    }
    if (is_keyword(&p->tok, "IN")) {
        PM_TRY(next_token(p));
        pm_pred *n = new_node(p, negated ? PM_PRED_NOT_IN : PM_PRED_IN);
        if (n == NULL)
            return pm_err_nomem(p->err);
        n->column = column;
        PM_TRY(parse_literal_list(p, n));
        *out = n;
        return PAIMON_OK;
    }
    if (is_keyword(&p->tok, "BETWEEN")) {
        PM_TRY(next_token(p));
        pm_literal lo, hi;
        PM_TRY(parse_literal(p, &lo));
        if (!is_keyword(&p->tok, "AND"))
            return fail(p, "expected AND in BETWEEN");
        PM_TRY(next_token(p));
        PM_TRY(parse_literal(p, &hi));
        pm_pred *n = new_node(p, PM_PRED_AND);
        pm_pred **kids = pm_arena_calloc(p->arena, 2, sizeof *kids);
        if (n == NULL || kids == NULL)
            return pm_err_nomem(p->err);
        PM_TRY(make_cmp(p, column, PM_CMP_GE, &lo, &kids[0]));
        PM_TRY(make_cmp(p, column, PM_CMP_LE, &hi, &kids[1]));
        n->children = kids;
        n->child_count = 2;
        if (negated) {
            pm_pred *neg = new_node(p, PM_PRED_NOT);
            pm_pred **one = pm_arena_calloc(p->arena, 1, sizeof *one);
            if (neg == NULL || one == NULL)
                return pm_err_nomem(p->err);
            one[0] = n;
            neg->children = one;
            neg->child_count = 1;
            n = neg;
        }
        *out = n;
        return PAIMON_OK;
    }
    return fail(p, "expected an operator, IS, IN or BETWEEN after the column");
}

static int parse_unary(parser *p, pm_pred **out) {
    if (++p->depth > 200)
        return fail(p, "expression nested too deeply");
    int rc;
    if (is_keyword(&p->tok, "NOT")) {
        PM_TRY(next_token(p));
        pm_pred *child;
        PM_TRY(parse_unary(p, &child));
        pm_pred *n = new_node(p, PM_PRED_NOT);
        pm_pred **one = pm_arena_calloc(p->arena, 1, sizeof *one);
        if (n == NULL || one == NULL)
            return pm_err_nomem(p->err);
        one[0] = child;
        n->children = one;
        n->child_count = 1;
        *out = n;
        rc = PAIMON_OK;
    } else if (p->tok.kind == TOK_LPAREN) {
        PM_TRY(next_token(p));
        PM_TRY(parse_or(p, out));
        if (p->tok.kind != TOK_RPAREN)
            return fail(p, "expected ')'");
        rc = next_token(p);
    } else {
        rc = parse_test(p, out);
    }
    p->depth--;
    return rc;
}

/* Left-associative chains of AND / OR, flattened into one node with many children. */
static int parse_chain(parser *p, const char *keyword, pm_pred_kind kind,
                       int (*operand)(parser *, pm_pred **), pm_pred **out) {
    pm_pred *first;
    PM_TRY(operand(p, &first));
    if (!is_keyword(&p->tok, keyword)) {
        *out = first;
        return PAIMON_OK;
    }
    size_t cap = 4, count = 0;
    pm_pred **kids = pm_arena_calloc(p->arena, cap, sizeof *kids);
    if (kids == NULL)
        return pm_err_nomem(p->err);
    kids[count++] = first;
    while (is_keyword(&p->tok, keyword)) {
        PM_TRY(next_token(p));
        if (count == cap) {
            pm_pred **grown = pm_arena_calloc(p->arena, cap * 2, sizeof *grown);
            if (grown == NULL)
                return pm_err_nomem(p->err);
            memcpy(grown, kids, cap * sizeof *kids);
            kids = grown;
            cap *= 2;
        }
        PM_TRY(operand(p, &kids[count++]));
    }
    pm_pred *n = new_node(p, kind);
    if (n == NULL)
        return pm_err_nomem(p->err);
    n->children = kids;
    n->child_count = count;
    *out = n;
    return PAIMON_OK;
}

static int parse_and(parser *p, pm_pred **out) {
    return parse_chain(p, "AND", PM_PRED_AND, parse_unary, out);
}

static int parse_or(parser *p, pm_pred **out) {
    return parse_chain(p, "OR", PM_PRED_OR, parse_and, out);
}

int pm_pred_parse(const char *text, pm_arena *arena, pm_pred **out, paimon_error *err) {
    parser p = {text, 0, {0}, arena, err, 0};
    PM_TRY(next_token(&p));
    if (p.tok.kind == TOK_END)
        return pm_err(err, PAIMON_EINVAL, "invalid filter: the expression is empty");
    PM_TRY(parse_or(&p, out));
    if (p.tok.kind != TOK_END)
        return fail(&p, "unexpected text");
    return PAIMON_OK;
}
