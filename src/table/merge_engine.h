/*
 * merge_engine.h - the merge engines of primary-key tables (spec 07): given the records of one
 * key, oldest first, decide the key's result. The result is expressed as references to source
 * values (batch, row) per column, so the merge reader can gather the output column by column.
 *
 * Options an engine does not implement are refused when the engine is created, naming the
 * option: returning rows computed without them would be wrong data.
 */
#ifndef PM_TABLE_MERGE_ENGINE_H
#define PM_TABLE_MERGE_ENGINE_H

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
/* Adds the columns the engine needs (sequence fields) to the read columns and describes the
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
/* Engines that compute values (aggregation) append each emitted key's values here, one builder
 * per read column; the merge reader finishes them into output columns. */
pm_col *pm_merge_engine_values(pm_merge_engine *e);
/* Whether this is the deduplicate engine, whose result the merge reader computes inline
 * (see merge_read.c); *ignore_delete receives its ignore-delete option. */
bool pm_merge_engine_is_dedup(const pm_merge_engine *e, bool *ignore_delete);

#endif
