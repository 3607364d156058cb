/* plan.h - building scan plans (the objects are in table_internal.h). */
#ifndef PM_TABLE_PLAN_H
#define PM_TABLE_PLAN_H

#include "table/table_internal.h"

int pm_plan_create(paimon_table *table, const paimon_scan_options *options, paimon_plan **out,
                   paimon_error *err);

#endif
