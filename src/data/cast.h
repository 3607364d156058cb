/*
 * cast.h - value casts between atomic Paimon types, with Java Paimon's semantics
 * (paimon-common/.../casting/CastExecutors and its rules). Schema evolution uses them to read old
 * data files after ALTER TABLE ... MODIFY COLUMN ... TYPE.
 *
 * Casts operate on whole Arrow arrays (layouts in data/arrow_builder.h). Nested types are handled
 * by the caller (schema evolution maps ROW fields by id and recurses); this module casts atomic
 * types only.
 */
#ifndef PM_DATA_CAST_H
#define PM_DATA_CAST_H

#include "data/arrow_builder.h"
#include "data/type.h"

/* True when Java Paimon can cast `from` to `to` (implicitly or explicitly). */
bool pm_cast_supported(const pm_type *from, const pm_type *to);

/* Casts every value of `src` (an array of type `from`) to `to`, into a new array `out`.
 * Values Java cannot convert (e.g. the string "abc" to INT) follow Java's behaviour (an error
 * naming the value, or null where Java yields null). */
int pm_arrow_cast(const struct ArrowArray *src, const pm_type *from, const pm_type *to,
                  struct ArrowArray *out, paimon_error *err);

/* The same for one scalar; string payloads of the result are appended to `scratch` (and point
 * into it, so keep it alive and do not append to it while the result is in use). */
int pm_datum_cast(const pm_datum *src, const pm_type *from, const pm_type *to, pm_buf *scratch,
                  pm_datum *out, paimon_error *err);

#endif
