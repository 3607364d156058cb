/* partition.h - placeholder declaration until the core branch lands (resolved at merge). */
#ifndef PM_CORE_PARTITION_H
#define PM_CORE_PARTITION_H
#include "core/binary_row.h"
#include "core/schema.h"
int pm_partition_path(const pm_schema *s, const pm_binrow *row, pm_buf *out, paimon_error *err);
#endif
