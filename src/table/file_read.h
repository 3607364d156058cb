/*
 * file_read.h - reading one data file in the terms of the read schema: the requested read-schema
 * fields (matched by field id in the file's own schema, converted to the read types, null when
 * the file predates them), optionally followed by the system columns _SEQUENCE_NUMBER and
 * _VALUE_KIND of primary-key files, with deletion-vector rows removed.
 */
#ifndef PM_TABLE_FILE_READ_H
#define PM_TABLE_FILE_READ_H

#include "format/format.h"
#include "table/table_internal.h"

#define PM_SEQUENCE_NUMBER_FIELD_ID 2147483646
#define PM_VALUE_KIND_FIELD_ID 2147483645

typedef struct pm_file_read_spec {
    paimon_table *table;
    const pm_schema *read_schema;
    const size_t *fields; /* read-schema field indices, in output order */
    size_t field_count;
    size_t batch_rows;
    bool with_sequence_number; /* append a BIGINT _SEQUENCE_NUMBER column */
    bool with_value_kind;      /* append a TINYINT _VALUE_KIND column */
    bool apply_deletion_vector;
    /* sequence.snapshot-ordering: the records of a file the commit stamped (file source APPEND)
     * take the file's minimum sequence number, its commit snapshot id */
    bool snapshot_sequence;
    pm_buf_pool *pool;  /* optional: buffers shared by the readers of one scan */
    pm_row_range range; /* optional: one slice of a Parquet or ORC file (format.h) */
} pm_file_read_spec;

typedef struct pm_file_reader pm_file_reader;

int pm_file_reader_open(const pm_file_read_spec *spec, const paimon_data_file *file,
                        pm_file_reader **out, paimon_error *err);
/* Batches with spec->field_count columns (+ the system columns requested); out->release is
 * NULL at the end. Rows removed by the deletion vector never appear. */
int pm_file_reader_next(pm_file_reader *r, struct ArrowArray *out, paimon_error *err);
void pm_file_reader_close(pm_file_reader *r);

/* Opens the format reader for a data file by its extension, with `opts` (the fields borrowed). */
int pm_open_data_file(paimon_table *t, const char *path, const pm_read_options *opts,
                      pm_format_reader **out, paimon_error *err);

#endif
