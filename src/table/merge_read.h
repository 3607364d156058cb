/*
 * merge_read.h - merge-on-read of one bucket of a primary-key table (spec 06 §6, 07): k-way
 * merge of its sorted runs by key and sequence number, through the table's merge engine.
 */
#ifndef PM_TABLE_MERGE_READ_H
#define PM_TABLE_MERGE_READ_H

#include "table/table_internal.h"

typedef struct pm_merge_read_spec {
    paimon_table *table;
    const pm_schema *read_schema;
    const pm_table_kind *kind;
    const size_t *fields; /* read-schema field indices to produce, in order */
    size_t field_count;
    size_t batch_rows;
    pm_buf_pool *pool; /* optional: buffers shared by the readers of one scan */
} pm_merge_read_spec;

typedef struct pm_merge_reader pm_merge_reader;

int pm_merge_reader_open(const pm_merge_read_spec *spec, const paimon_split *split,
                         pm_merge_reader **out, paimon_error *err);
/* Like pm_split_reader_next: batches of merged rows (retractions removed), kinds all +I. */
int pm_merge_reader_next(pm_merge_reader *r, struct ArrowArray *out, const uint8_t **kinds_out,
                         paimon_error *err);
void pm_merge_reader_close(pm_merge_reader *r);

/* Tests: merge every key through the byte encoding, also where the int64 fast path applies
 * (merge_keys.h), so both can be compared. Affects readers opened afterwards. */
void pm_merge_read_force_general_keys(bool on);

#endif
