/*
 * field_agg.h - the aggregate functions of the aggregation merge engine (spec 07 §5), one
 * aggregator per value column, with Java Paimon's exact semantics
 * (paimon-core/.../mergetree/compact/aggregate/Field*Agg.java and their factories).
 *
 * The merge engine feeds an aggregator the values of one key's records, oldest first: `add` for
 * +I/+U records, `retract` for -U/-D records (unless the column ignores retractions), and reads
 * the accumulated value with `result`. Values are Arrow cells (layouts in data/arrow_builder.h),
 * so nested types (collect, merge_map, nested_update) work like scalars.
 */
#ifndef PM_AGG_FIELD_AGG_H
#define PM_AGG_FIELD_AGG_H

#include "data/arrow_builder.h"
#include "data/type.h"

typedef struct pm_field_agg pm_field_agg;

/* Options an aggregator reads, from the table options: `fields.<name>.list-agg-delimiter`,
 * `fields.<name>.distinct`, `fields.<name>.nested-key`, `fields.<name>.count-limit`, ... are
 * given as the value of `option(ctx, suffix)` for this column ("list-agg-delimiter", ...), NULL
 * when unset. */
typedef const char *(*pm_field_agg_option_fn)(void *ctx, const char *suffix);

/* Creates the aggregator `function` ("sum", "max", "last_non_null_value", ...) for a column of
 * `type`. An unknown function, or one that does not apply to the type, is PAIMON_EUNSUPPORTED /
 * PAIMON_EINVAL with a message naming the function, the column and the type. */
int pm_field_agg_new(const char *function, const char *column, const pm_type *type,
                     pm_field_agg_option_fn option, void *option_ctx, pm_field_agg **out,
                     paimon_error *err);
void pm_field_agg_free(pm_field_agg *a);

/* Starts a new key: the accumulator becomes null. */
void pm_field_agg_reset(pm_field_agg *a);
/* Aggregates the input value at `row` of `input` (which may be null). */
int pm_field_agg_add(pm_field_agg *a, const struct ArrowArray *input, int64_t row,
                     paimon_error *err);
/* Retracts the input value. Functions without a retraction fail with PAIMON_EUNSUPPORTED naming
 * the function (the engine skips the call when fields.<col>.ignore-retract is true). */
int pm_field_agg_retract(pm_field_agg *a, const struct ArrowArray *input, int64_t row,
                         paimon_error *err);
/* Appends the accumulated value (null when nothing was accumulated) to `out`, a builder of the
 * column's type. */
int pm_field_agg_result(pm_field_agg *a, pm_col *out, paimon_error *err);

/* Names of every supported function (NULL-terminated), for help texts and tests. */
extern const char *const pm_field_agg_functions[];

#endif
