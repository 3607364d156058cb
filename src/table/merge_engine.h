/*
 * merge_engine.h - the merge engines of primary-key tables (spec 07): given the records of one
 * key, oldest first, decide the key's result. The result is expressed as references to source
 * values (batch, row) per column, so the merge reader can gather the output column by column,
 * or, for engines that compute values (aggregation, partial-update with aggregate functions),
 * as one value per column appended to builders.
 *
 * As Java's read path (ReducerMergeFunctionWrapper), a key with a single record is that record
 * unchanged: the engine only runs from the second record on. A result that is a retraction is
 * not returned.
 *
 * Options an engine does not implement are refused when the engine is created, naming the
 * option: returning rows computed without them would be wrong data. So are option
 * combinations Java refuses.
 */
#ifndef PM_TABLE_MERGE_ENGINE_H
#define PM_TABLE_MERGE_ENGINE_H

#include "agg/field_agg.h"
#include "data/arrow_gather.h"
#include "table/merge_keys.h"
#include "table/table_internal.h"

typedef struct pm_merge_record {
    const struct ArrowArray *batch; /* struct: read columns..., _SEQUENCE_NUMBER, _VALUE_KIND */
    uint32_t source;                /* the batch's number, used in result references */
    uint32_t row;
    uint8_t kind; /* 0 +I, 1 -U, 2 +U, 3 -D */
} pm_merge_record;

typedef struct pm_merge_result {
    bool emit;                 /* false: the key disappears from a batch read */
    bool computed;             /* the values were appended to pm_merge_engine_values() */
    const pm_gather_ref *refs; /* otherwise: one reference per read column */
} pm_merge_result;

typedef struct pm_merge_engine pm_merge_engine;

int pm_merge_engine_new(const pm_schema *schema, const pm_table_kind *kind, pm_merge_engine **out,
                        paimon_error *err);
void pm_merge_engine_free(pm_merge_engine *e);
/* Adds the columns the engine needs (sequence.field, the sequence fields of partial-update
 * groups one of whose columns is read) to the read columns and describes the
 * user sequence ordering in seq_cols (column positions in the read columns). */
int pm_merge_engine_columns(pm_merge_engine *e, const pm_schema *schema, size_t *read_fields,
                            size_t *read_count, pm_key_column *seq_cols, size_t *seq_count,
                            paimon_error *err);
/* Fixes the read columns (after all columns were added). */
int pm_merge_engine_bind(pm_merge_engine *e, const size_t *read_fields, size_t read_count,
                         paimon_error *err);
void pm_merge_engine_reset(pm_merge_engine *e);
int pm_merge_engine_add(pm_merge_engine *e, const pm_merge_record *rec, paimon_error *err);
int pm_merge_engine_result(pm_merge_engine *e, pm_merge_result *out, paimon_error *err);
/* Engines that compute values (aggregation, partial-update with aggregate functions) append each
 * emitted key's values here, one builder per read column; the merge reader finishes them into
 * output columns. */
pm_col *pm_merge_engine_values(pm_merge_engine *e);
/* Whether this is the deduplicate engine, whose result the merge reader computes inline
 * (see merge_read.c); *ignore_delete receives its ignore-delete option. */
bool pm_merge_engine_is_dedup(const pm_merge_engine *e, bool *ignore_delete);

/* Helpers of the engines that aggregate. fields.<column>.ignore-retract (PAIMON_EINVAL when it
 * is not a boolean, or is set together with aggregation.remove-record-on-delete, as Java). */
int pm_merge_ignore_retract(const pm_schema *schema, const char *column, bool *out,
                            paimon_error *err);
/* The aggregator `function` of a column, with the column's fields.<column>.* options. */
int pm_merge_new_aggregator(const pm_schema *schema, const pm_field *field, const char *function,
                            pm_field_agg **out, paimon_error *err);

#endif
