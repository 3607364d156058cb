/*
 * orc_tz.h - UTC offsets of the writer time zone named in ORC stripe footers.
 *
 * ORC stores plain TIMESTAMP values as seconds since 2015-01-01 00:00:00 *in the writer's time
 * zone*; to recover the wall-clock value Java wrote we need that zone's offset at the instant.
 * Offsets come from the system's compiled tz database (TZif files under /usr/share/zoneinfo);
 * UTC and GMT need no file.
 */
#ifndef PM_FORMAT_ORC_TZ_H
#define PM_FORMAT_ORC_TZ_H

#include "util/error.h"

#include <stddef.h>
#include <stdint.h>

typedef struct pm_orc_tz {
    char name[64];
    int64_t *times;      /* transition instants (UTC seconds), ascending */
    int32_t *offsets;    /* offset in seconds from each transition on */
    size_t count;
    int32_t initial;     /* offset before the first transition */
} pm_orc_tz;

/* Loads a zone by name. An unknown or invalid name is PAIMON_EUNSUPPORTED. */
int pm_orc_tz_load(const char *name, pm_orc_tz *out, paimon_error *err);
/* Parses TZif bytes (exposed for tests). */
int pm_orc_tz_parse(const uint8_t *data, size_t len, pm_orc_tz *out, paimon_error *err);
void pm_orc_tz_dispose(pm_orc_tz *tz);

/* Offset (seconds east of UTC) in force at the UTC instant `utc_seconds`. */
int32_t pm_orc_tz_offset(const pm_orc_tz *tz, int64_t utc_seconds);

/* Seconds since the epoch of 2015-01-01 00:00:00 local time in the zone. */
int64_t pm_orc_tz_base(const pm_orc_tz *tz);

#endif
