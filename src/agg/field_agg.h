/*
 * field_agg.h - the aggregate functions of the aggregation merge engine (spec 07 §5), one
 * aggregator per value column, with Java Paimon's exact semantics
 * (paimon-core/.../mergetree/compact/aggregate/Field*Agg.java and their factories).
 *
 * The merge engine feeds an aggregator the values of one key's records, oldest first: `add` for
 * +I/+U records, `retract` for -U/-D records (unless the column ignores retractions), and reads
 * the accumulated value with `result`. Values are Arrow cells (layouts in data/arrow_builder.h),
 * so nested types (collect, merge_map, nested_update) work like scalars.
 *
 * Functions (Java factory names) and what they accept:
 *   sum, product                      numeric; retract: subtract / divide
 *   max, min                          every type but ARRAY/MAP/MULTISET/ROW/VARIANT/BLOB
 *   last_value, last_non_null_value   any type; retract supported
 *   first_value, first_non_null_value (legacy first_not_null_value)   any type
 *   primary-key                       any type; add and retract keep the input
 *   listagg                           STRING; options list-agg-delimiter (","), distinct
 *   bool_and, bool_or                 BOOLEAN
 *   collect                           ARRAY; option distinct; retract supported
 *   merge_map                         MAP with atomic keys; retract supported
 *   merge_map_with_keytime            MAP<K, ROW<...>> (2+ fields); option ts-field
 *   nested_update                     ARRAY<ROW>; nested-key, nested-key-null-strategy,
 *                                     nested-sequence-field, count-limit; retract supported
 *   nested_partial_update             ARRAY<ROW>; nested-key (required), nested-key-null-strategy
 *   rbm32                             VARBINARY (portable RoaringBitmap, byte-identical union)
 *   rbm64                             VARBINARY (Roaring64Bitmap of RoaringBitmap 1.2.1,
 *                                     byte-identical union: agg_rbm64.c)
 *   theta_sketch                      VARBINARY (DataSketches 4.2.0 Theta sketches of every
 *                                     serialization version - 1, 2, 3 and compressed 4 - as
 *                                     inputs; byte-identical union: agg_theta.c)
 *   hll_sketch                        VARBINARY (DataSketches 4.2.0 HLL sketches, LIST/SET/HLL
 *                                     modes, HLL_4/6/8; byte-identical HLL_4 union: agg_hll.c)
 * rbm32, rbm64, theta_sketch and hll_sketch have no retraction (as in Java); their checks
 * against Java's bytes are tests/agg/vectors/ (GenVectors.java). The sketch unions refuse the
 * few corrupt values whose Java result would depend on bytes outside the value (their files
 * list them).
 * Refused with PAIMON_EUNSUPPORTED: any other name (Java's custom factories).
 * Integer overflow in sum/product fails with PAIMON_ELIMIT (Java's Math.*Exact); division by
 * zero and inexact DECIMAL division in product retraction fail with PAIMON_EINVAL.
 * Where Java returns a HashMap/HashSet iteration order (collect distinct, merge_map*,
 * nested_update / nested_partial_update with a nested key), the same order is returned.
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

/* Java's aggReversed, for a partial-update sequence group receiving a record older than its
 * state: the accumulator becomes agg(input, accumulator), the older value taken as the
 * accumulator and the current one as the input. collect overrides it with a plain add, unless
 * `ignore_retract` (fields.<col>.ignore-retract: Java's wrapper does not forward the override). */
int pm_field_agg_add_reversed(pm_field_agg *a, const struct ArrowArray *input, int64_t row,
                              bool ignore_retract, paimon_error *err);

/* Sets the accumulator to the input value without touching the function's other state, as Java's
 * aggregation.remove-record-on-delete does with the values of a -D record (a later add continues
 * from there; first_value stays "seen"). */
int pm_field_agg_set(pm_field_agg *a, const struct ArrowArray *input, int64_t row,
                     paimon_error *err);
/* Whether retract is implemented (false: pm_field_agg_retract fails with PAIMON_EUNSUPPORTED). */
bool pm_field_agg_supports_retract(const pm_field_agg *a);
/* The function name the aggregator was created with. */
const char *pm_field_agg_name(const pm_field_agg *a);

/* Names of every supported function (NULL-terminated), for help texts and tests. */
extern const char *const pm_field_agg_functions[];

#endif
