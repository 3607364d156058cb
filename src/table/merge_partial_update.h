/*
 * merge_partial_update.h - the partial-update merge engine (spec 07 §4) with Java Paimon's
 * exact semantics (PartialUpdateMergeFunction): non-null values overwrite, sequence groups
 * (`fields.<seq cols>.sequence-group = <cols>`), per-column aggregate functions inside groups,
 * retractions, `partial-update.remove-record-on-delete`,
 * `partial-update.remove-record-on-sequence-group` and `ignore-delete`.
 *
 * The state of a key is one value per read column: a reference to a source value (batch, row)
 * for columns without an aggregate function, an aggregator (agg/field_agg.h) for the others.
 * Without aggregators the result is a list of references, gathered by the merge reader; with
 * them every column is computed into builders (pm_partial_update_values).
 *
 * As in Java, a group takes part only when one of its columns is read (its sequence fields are
 * then read too, pm_partial_update_columns); a read of other columns ignores it.
 *
 * Option errors Java raises when the table is created or its merge function built are raised by
 * pm_partial_update_new, naming the option (PAIMON_EINVAL). Configurations whose Java result
 * depends on hash-map iteration order (a column that is a sequence field of one group and a
 * member of another) are refused with PAIMON_EUNSUPPORTED.
 */
#ifndef PM_TABLE_MERGE_PARTIAL_UPDATE_H
#define PM_TABLE_MERGE_PARTIAL_UPDATE_H

#include "table/merge_engine.h"

typedef struct pm_partial_update pm_partial_update;

int pm_partial_update_new(const pm_schema *schema, bool ignore_delete, pm_partial_update **out,
                          paimon_error *err);
void pm_partial_update_free(pm_partial_update *p);
/* Appends to the read columns the sequence fields of every group one of whose columns is read
 * (read_fields has room for every field of the schema). */
void pm_partial_update_columns(const pm_partial_update *p, size_t *read_fields, size_t *read_count);
int pm_partial_update_bind(pm_partial_update *p, const size_t *read_fields, size_t read_count,
                           paimon_error *err);
/* Whether results are computed values (some read column has an aggregate function). */
bool pm_partial_update_computes(const pm_partial_update *p);
pm_col *pm_partial_update_values(pm_partial_update *p);

void pm_partial_update_reset(pm_partial_update *p);
int pm_partial_update_add(pm_partial_update *p, const pm_merge_record *rec, paimon_error *err);
int pm_partial_update_result(pm_partial_update *p, pm_merge_result *out, paimon_error *err);

#endif
