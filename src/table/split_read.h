/*
 * split_read.h - reading the files of one split without merging: append tables, primary-key
 * tables whose batch reads need no merge (deletion vectors, first-row), and change streams.
 *
 * Batches come out as struct arrays whose columns are `fields` (indices into the read schema).
 * Optionally the row kind of every row is reported, retractions (-U/-D) are dropped, and
 * deletion vectors applied.
 */
#ifndef PM_TABLE_SPLIT_READ_H
#define PM_TABLE_SPLIT_READ_H

#include "format/format.h"
#include "table/table_internal.h"

typedef struct pm_split_read_spec {
    paimon_table *table;
    const pm_schema *read_schema;
    const size_t *fields; /* read-schema field indices to produce, in order */
    size_t field_count;
    size_t batch_rows;
    bool primary_key;      /* files carry _SEQUENCE_NUMBER / _VALUE_KIND */
    bool with_row_kind;    /* report kinds (append rows are +I) */
    bool drop_retractions; /* skip -U and -D rows */
    bool apply_deletion_vectors;
    bool data_evolution; /* combine files holding different columns of the same rows */
    pm_buf_pool *pool;   /* optional: buffers shared by the readers of one scan */
    pm_row_range range;  /* optional: one slice of every file (Parquet and ORC only) */
} pm_split_read_spec;

typedef struct pm_split_reader pm_split_reader;

int pm_split_reader_open(const pm_split_read_spec *spec, const paimon_split *split,
                         pm_split_reader **out, paimon_error *err);
/* The next batch; at the end out->release is NULL. *kinds_out points to one kind byte per row
 * (0 +I, 1 -U, 2 +U, 3 -D), valid until the next call. */
int pm_split_reader_next(pm_split_reader *r, struct ArrowArray *out, const uint8_t **kinds_out,
                         paimon_error *err);
void pm_split_reader_close(pm_split_reader *r);

#endif
