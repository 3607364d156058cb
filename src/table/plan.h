/* plan.h - building scan plans (the objects are in table_internal.h). */
#ifndef PM_TABLE_PLAN_H
#define PM_TABLE_PLAN_H

#include "table/table_internal.h"
#include "util/hashmap.h"

/* The partitions a two-branch read takes from the first branch (serialized BinaryRows ->
 * non-NULL). */
typedef struct pm_plan_scope {
    pm_hashmap *listed_out;      /* filled: partitions with files a batch read would take */
    const pm_hashmap *exclude;   /* partitions whose files are not planned */
} pm_plan_scope;

/* Plans a scan of one branch; `scope` may be NULL. */
int pm_plan_create(paimon_table *table, const paimon_scan_options *options,
                   const pm_plan_scope *scope, paimon_plan **out, paimon_error *err);

/* Plans a scan, reading a second branch when the table options ask for it
 * (scan.fallback-branch, scan.primary-branch; fallback_read.c). */
int pm_plan_build(paimon_table *table, const paimon_scan_options *options, paimon_plan **out,
                  paimon_error *err);

/* Where the scan starts and which files it takes (scan_start.c): sets the plan's snapshot (NULL
 * for an empty table), read schema and file filters. */
int pm_scan_start(paimon_plan *p, const paimon_scan_options *options, paimon_error *err);

#endif
