/*
 * arrow_gather.h - building a column from rows picked out of several arrays of the same type
 * (the output of a k-way merge). Fixed-width and string columns are copied with tight loops;
 * nested columns fall back to row-by-row copies.
 */
#ifndef PM_DATA_ARROW_GATHER_H
#define PM_DATA_ARROW_GATHER_H

#include "data/arrow_builder.h"

/* One picked row: source array `source` (an index into the sources), row `row`; a source of
 * UINT32_MAX appends a null. */
typedef struct pm_gather_ref {
    uint32_t source;
    uint32_t row;
} pm_gather_ref;

#define PM_GATHER_NULL UINT32_MAX

/* Appends the n referenced rows to `c` (whose type matches the sources). `sources` has
 * `source_count` arrays; every reference's source is below that or PM_GATHER_NULL. */
int pm_col_gather(pm_col *c, const struct ArrowArray *const *sources, size_t source_count,
                  const pm_gather_ref *refs, size_t n);

#endif
