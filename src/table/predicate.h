/*
 * predicate.h - row filters: parsed from text, bound to a schema, evaluated on batches (SQL
 * three-valued logic) and on statistics (to skip partitions, files and row groups).
 *
 * Grammar (keywords are case-insensitive):
 *   expr    := and (OR and)*
 *   and     := unary (AND unary)*
 *   unary   := NOT unary | '(' expr ')' | test
 *   test    := column op literal | literal op column
 *            | column IS [NOT] NULL
 *            | column [NOT] IN '(' literal (',' literal)* ')'
 *            | column [NOT] BETWEEN literal AND literal
 *   op      := = | == | != | <> | < | <= | > | >=
 *   literal := number | 'text' ('' escapes a quote) | TRUE | FALSE | NULL
 *            | DATE 'yyyy-mm-dd' | TIMESTAMP 'yyyy-mm-dd hh:mm:ss[.f]' | TIME 'hh:mm:ss' | X'hex'
 *   column  := name | `quoted name` | "quoted name"
 * Literals are converted to the column's type when binding ('2024-01-01' works for a DATE
 * column); a literal that does not fit is an error naming the column.
 *
 * Binding also removes NOT by pushing it to the leaves (a > 1 becomes a <= 1, IS NULL becomes
 * IS NOT NULL, IN becomes NOT IN), which is exact under three-valued logic and lets statistics
 * pruning handle every node.
 */
#ifndef PM_TABLE_PREDICATE_H
#define PM_TABLE_PREDICATE_H

#include "data/datum.h"
#include "data/type.h"
#include "paimon.h"
#include "util/arena.h"

#include <stdbool.h>
#include <stdint.h>

typedef enum pm_pred_kind {
    PM_PRED_AND,
    PM_PRED_OR,
    PM_PRED_NOT, /* only before binding */
    PM_PRED_CMP,
    PM_PRED_IS_NULL,
    PM_PRED_IS_NOT_NULL,
    PM_PRED_IN,
    PM_PRED_NOT_IN,
    PM_PRED_CONST, /* always `constant` (e.g. a comparison with NULL is always unknown) */
} pm_pred_kind;

typedef enum pm_cmp_op {
    PM_CMP_EQ,
    PM_CMP_NE,
    PM_CMP_LT,
    PM_CMP_LE,
    PM_CMP_GT,
    PM_CMP_GE
} pm_cmp_op;

/* Tri-state truth values. */
enum { PM_FALSE = 0, PM_TRUE = 1, PM_UNKNOWN = 2 };

/* Kinds of literal text. */
enum {
    PM_LIT_NUMBER,
    PM_LIT_STRING,
    PM_LIT_TRUE,
    PM_LIT_FALSE,
    PM_LIT_NULL,
    PM_LIT_DATE,
    PM_LIT_TIMESTAMP,
    PM_LIT_TIME,
    PM_LIT_HEX,
};

typedef struct pm_literal {
    int kind; /* PM_LIT_* */
    const char *text;
    size_t len;
} pm_literal;

typedef struct pm_pred pm_pred;
struct pm_pred {
    pm_pred_kind kind;
    pm_cmp_op op;
    const char *column;  /* as written */
    size_t field_index;  /* after binding: index into the bound fields */
    const pm_type *type; /* after binding: the column's type */
    pm_literal *literals;
    pm_datum *values; /* after binding: literal values in the column's type */
    size_t value_count;
    pm_pred **children;
    size_t child_count;
    uint8_t constant; /* PM_CONST: PM_FALSE / PM_TRUE / PM_UNKNOWN */
};

/* Parses `text`; all memory comes from `arena`. */
int pm_pred_parse(const char *text, pm_arena *arena, pm_pred **out, paimon_error *err);

/* Resolves columns against `fields` and converts literals; returns a new, NOT-free tree. */
int pm_pred_bind(const pm_pred *p, const pm_field *fields, size_t field_count, pm_arena *arena,
                 pm_pred **out, paimon_error *err);

/* Marks in `used` (field_count flags) the fields a bound predicate reads. */
void pm_pred_collect_fields(const pm_pred *p, bool *used);

/* Evaluates a bound predicate on `length` rows. `columns[i]` is the array of bound field i (only
 * the used ones are read). `keep[r]` becomes 1 where the predicate is TRUE. */
int pm_pred_eval_batch(const pm_pred *p, const struct ArrowArray *const *columns, int64_t length,
                       uint8_t *keep, paimon_error *err);

/* Statistics of one field over a group of rows. */
typedef struct pm_pred_stats {
    bool has_min_max;
    pm_datum min;
    pm_datum max;
    bool has_null_count;
    int64_t null_count;
} pm_pred_stats;

/* Fills the statistics of bound field `field_index`; returns false when unknown. */
typedef bool (*pm_pred_stats_fn)(void *ctx, size_t field_index, pm_pred_stats *out);

/* False only when no row of the group can satisfy the predicate. */
bool pm_pred_may_match(const pm_pred *p, pm_pred_stats_fn stats, void *ctx, int64_t row_count);

/* Evaluates on a single row of datums (one per bound field); returns PM_TRUE/FALSE/UNKNOWN. */
int pm_pred_eval_datums(const pm_pred *p, const pm_datum *values);

#endif
