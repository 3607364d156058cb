/*
 * evolve.h - schema evolution on read (spec 01 §5): a column read with the type of the schema
 * the file was written with becomes a column of the read schema's type. Atomic types are cast
 * with Java's rules (data/cast.h); ROW fields are matched by field id (renamed fields keep their
 * id, added ones are null, dropped ones are ignored), recursively inside ARRAY and MAP.
 */
#ifndef PM_TABLE_EVOLVE_H
#define PM_TABLE_EVOLVE_H

#include "data/arrow_builder.h"

/* True when data of type `from` must be converted to be read as `to`. */
bool pm_evolve_needed(const pm_type *from, const pm_type *to);

/* Converts `src` (moved in: it is released) into `out`. */
int pm_evolve_array(struct ArrowArray *src, const pm_type *from, const pm_type *to,
                    struct ArrowArray *out, paimon_error *err);

#endif
