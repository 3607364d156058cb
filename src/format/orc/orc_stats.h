/* orc_stats.h - ORC column statistics as pm_column_stats of a requested Paimon type. */
#ifndef PM_FORMAT_ORC_STATS_H
#define PM_FORMAT_ORC_STATS_H

#include "format/format.h"
#include "format/orc/orc_footer.h"

/* Converts the statistics of a top-level column over `row_count` rows. Bounds are given only
 * when they are exact in the requested type; timestamps (whose ORC statistics are in the
 * writer's zone and truncated to millis) never give bounds. */
void pm_orc_stats_convert(const pm_orc_stats *s, const pm_orc_type *otype, const pm_type *target,
                          uint64_t row_count, pm_column_stats *out);

#endif
