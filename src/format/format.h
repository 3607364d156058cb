/*
 * format.h - the interface every data-file reader implements (Parquet, ORC, Avro).
 *
 * The table layer opens a file, describes the columns it wants (pm_read_options) and pulls
 * record batches. A batch is a struct ArrowArray whose children are the requested columns, in
 * request order, each laid out for the requested Paimon type (data/arrow_builder.h).
 *
 * Column matching: a requested field is found in the file by name (the names of the schema the
 * file was written with, as Java's readers do); nested ROW fields likewise by name. A requested
 * column the file does not have is returned as all nulls. The reader converts the file's
 * physical encoding to the requested type (e.g. Parquet INT96 or INT64 micros to TIMESTAMP(p),
 * ORC decimal to DECIMAL(p, s)); an impossible conversion is PAIMON_EUNSUPPORTED naming the column.
 *
 * Row positions: `first_row_out` of each batch is the position in the file of the batch's first
 * row, counting every row physically in the file. Batches never span a skipped row group or
 * stripe, so row i of a batch is at file position first_row + i; deletion vectors rely on this.
 *
 * Pruning: when `skip` is set, the reader calls it once per row group / stripe with the
 * statistics of the requested columns (in request order) and skips the group if it returns true.
 *
 * Slices: with a row range the Parquet and ORC readers read only the row groups / stripes whose
 * first row lies in the range, so readers given ranges that partition the positions read every
 * group once between them, in the batches a reader of the whole file returns (batches never
 * span two groups). The Avro reader has no groups and ignores the range: never slice Avro.
 */
#ifndef PM_FORMAT_FORMAT_H
#define PM_FORMAT_FORMAT_H

#include "data/arrow_builder.h"
#include "data/datum.h"
#include "data/type.h"
#include "io/fs.h"
#include "paimon.h"

#include <stdbool.h>
#include <stdint.h>

/* Statistics of one column over one row group or stripe. Byte payloads are borrowed and valid
 * only during the skip call. */
typedef struct pm_column_stats {
    bool has_min_max;    /* min and max are exact bounds in the requested type */
    pm_datum min;
    pm_datum max;
    bool has_null_count;
    int64_t null_count;
} pm_column_stats;

/* Returns true to skip the group. `stats` has one entry per requested field. */
typedef bool (*pm_skip_fn)(void *ctx, const pm_column_stats *stats, size_t field_count,
                           int64_t row_count);

/* Row positions [begin, end) of a file, as first_row_out counts them; !on: the whole file. */
typedef struct pm_row_range {
    bool on;
    int64_t begin;
    int64_t end;
} pm_row_range;

/* Whether a group whose first row is at `first_row` belongs to the range. */
static inline bool pm_row_range_takes(const pm_row_range *r, int64_t first_row) {
    return !r->on || (first_row >= r->begin && first_row < r->end);
}

typedef struct pm_read_options {
    const pm_field *fields; /* the columns to read, in output order (borrowed) */
    size_t field_count;
    size_t batch_rows;      /* maximum rows per batch; 0 = PM_DEFAULT_BATCH_ROWS */
    pm_skip_fn skip;        /* optional */
    void *skip_ctx;
    pm_buf_pool *pool;      /* optional: buffers for batches and decoding (util/buf_pool.h) */
    pm_row_range range;     /* optional: the row groups / stripes of one slice (see above) */
} pm_read_options;

#define PM_DEFAULT_BATCH_ROWS 16384

typedef struct pm_format_reader pm_format_reader;

typedef struct pm_format_reader_ops {
    /* Produces the next batch into *out; at the end, sets out->release = NULL and returns
     * PAIMON_OK. */
    int (*next)(pm_format_reader *r, struct ArrowArray *out, int64_t *first_row_out,
                paimon_error *err);
    /* Total number of rows in the file (from its footer). */
    int64_t (*row_count)(pm_format_reader *r);
    void (*close)(pm_format_reader *r);
} pm_format_reader_ops;

struct pm_format_reader {
    const pm_format_reader_ops *ops;
};

/* Openers. The reader takes ownership of `file` (closed by close, also on failure). `path` is
 * used in error messages only. */
int pm_parquet_reader_open(pm_file *file, const char *path, const pm_read_options *opts,
                           pm_format_reader **out, paimon_error *err);
int pm_orc_reader_open(pm_file *file, const char *path, const pm_read_options *opts,
                       pm_format_reader **out, paimon_error *err);
int pm_avro_data_reader_open(pm_file *file, const char *path, const pm_read_options *opts,
                             pm_format_reader **out, paimon_error *err);

static inline int pm_format_reader_next(pm_format_reader *r, struct ArrowArray *out,
                                        int64_t *first_row_out, paimon_error *err) {
    return r->ops->next(r, out, first_row_out, err);
}
static inline void pm_format_reader_close(pm_format_reader *r) {
    if (r != NULL)
        r->ops->close(r);
}

#endif
