/* parquet_stats.h - row-group statistics of requested columns (see parquet_stats.c). */
#ifndef PM_FORMAT_PARQUET_STATS_H
#define PM_FORMAT_PARQUET_STATS_H

#include "format/format.h"
#include "format/parquet/parquet_assemble.h"

/* Statistics of requested field `field` over row group `rg`. Byte bounds borrow from the
 * footer buffer. Missing columns report all rows null; nested columns report nothing. */
void pm_pq_field_stats(const pm_pq_file_meta *m, const pm_pq_plan *plan, size_t field,
                       const pm_pq_row_group *rg, pm_column_stats *out);

#endif
