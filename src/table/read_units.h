/*
 * read_units.h - a plan cut into units of work: the pieces a scan reads one after another, or
 * several threads read at once (parallel_read.h).
 *
 * Where a split's files are read one after another (append tables, primary-key reads that
 * skip level 0, change streams) every file is a unit of its own; where they are merged
 * (merge-on-read) or combined (data evolution) the split is one unit. Readers carry nothing
 * from one file to the next, so reading the units in order gives the rows, and the batches,
 * of reading the splits in order.
 *
 * For parallel reads large Parquet and ORC files are cut further into slices of their row
 * groups / stripes (format.h): workers waiting for the consumer to reach their unit could
 * otherwise decode only a few batches of a file of millions of rows.
 */
#ifndef PM_TABLE_READ_UNITS_H
#define PM_TABLE_READ_UNITS_H

#include "format/format.h"
#include "table/table_internal.h"

/* The splits of one branch's plan (a read of two branches has two parts), and the fields
 * their readers produce: the output columns, then those only the filter reads. */
typedef struct pm_scan_part {
    const paimon_plan *plan;
    size_t *needed; /* read-schema field indices */
    size_t needed_count;
    size_t *out_pos; /* per output column: its position in `needed` */
} pm_scan_part;

typedef struct pm_read_unit {
    const pm_scan_part *part;
    bool merge;         /* merge-on-read of the whole split */
    paimon_split split; /* the plan's split, or a copy of it restricted to one file */
    pm_row_range range; /* a slice of that file */
} pm_read_unit;

typedef struct pm_read_units {
    pm_scan_part parts[2];
    size_t part_count;
    pm_read_unit *units; /* in the order a single reader reads them */
    size_t count;
    bool changes;     /* a change stream: batches start with the row kind column */
    size_t out_count; /* output columns, without the row kind */
    int64_t limit;    /* no unit need produce more rows than this; < 0: no limit */
} pm_read_units;

/* Files are cut into slices of about this many batches. */
#define PM_SLICE_BATCHES 8

/* The units of `plan` (borrowed: it must outlive them); with `sliced` large Parquet and ORC
 * files are read in slices. The units point into *u, which must stay where it is until
 * disposed. */
int pm_read_units_init(pm_read_units *u, const paimon_plan *plan, bool sliced, paimon_error *err);
void pm_read_units_dispose(pm_read_units *u);

#endif
