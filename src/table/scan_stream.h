/* scan_stream.h - the ArrowArrayStream returned for plans (scans and change streams). */
#ifndef PM_TABLE_SCAN_STREAM_H
#define PM_TABLE_SCAN_STREAM_H

#include "table/table_internal.h"

/* Opens a stream over `plan` (retained by the stream). */
int pm_stream_open(paimon_plan *plan, struct ArrowArrayStream *out, paimon_error *err);

#endif
