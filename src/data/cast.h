/*
 * cast.h - value casts between atomic Paimon types, with Java Paimon's semantics
 * (paimon-common/.../casting/CastExecutors and its rules). Schema evolution uses them to read old
 * data files after ALTER TABLE ... MODIFY COLUMN ... TYPE.
 *
 * Casts operate on whole Arrow arrays (layouts in data/arrow_builder.h). Nested types are handled
 * by the caller (schema evolution maps ROW fields by id and recurses); this module casts atomic
 * types only.
 *
 * Semantics follow Java exactly: narrowing integer casts wrap, FLOAT/DOUBLE to integers truncate
 * and saturate (NaN gives 0), decimals round HALF_UP and become null when the value needs more
 * digits than the target precision, numbers print as Java's toString, strings parse as
 * BinaryStringUtils does, CHAR pads and CHAR/VARCHAR truncate to their length. Two deliberate
 * limits:
 *  - TIMESTAMP_LTZ conversions use the JVM's default time zone in Java; here it is UTC (the zone
 *    the compatibility corpus renders LTZ in).
 *  - A timestamp outside the range of its Arrow unit (int64 micro- or nanoseconds) cannot be
 *    stored in an array: pm_arrow_cast fails with PAIMON_ELIMIT; pm_datum_cast has no limit.
 * Values Java cannot convert fail with PAIMON_EINVAL naming the value; casts Java supports but
 * this module does not implement (ARRAY/MAP/ROW to and from strings) fail with
 * PAIMON_EUNSUPPORTED.
 */
#ifndef PM_DATA_CAST_H
#define PM_DATA_CAST_H

#include "data/arrow_builder.h"
#include "data/type.h"

/* True when Java Paimon can cast `from` to `to` (implicitly or explicitly): DataTypeCasts allows
 * it and CastExecutors has an executor for it (what ALTER TABLE ... MODIFY COLUMN requires), or
 * the types are equal up to nullability. For two nested types of the same kind the answer is
 * about casting them part by part, as schema evolution does. */
bool pm_cast_supported(const pm_type *from, const pm_type *to);

/* DataTypeCasts.supportsCast: the SQL cast matrix alone. With allow_explicit false only implicit
 * (widening) casts count, and a nullable type does not cast to a NOT NULL one. */
bool pm_cast_allowed(const pm_type *from, const pm_type *to, bool allow_explicit);

/* DataTypeCasts.supportsCompatibleCast: both types share a storage layout (CHAR/VARCHAR,
 * BINARY/VARBINARY, INT/DATE/TIME). */
bool pm_cast_compatible(const pm_type *from, const pm_type *to);

/* Casts every value of `src` (an array of type `from`) to `to`, into a new array `out`.
 * Values Java cannot convert (e.g. the string "abc" to INT) follow Java's behaviour (an error
 * naming the value, or null where Java yields null). */
int pm_arrow_cast(const struct ArrowArray *src, const pm_type *from, const pm_type *to,
                  struct ArrowArray *out, paimon_error *err);

/* The same for one scalar; string payloads of the result are appended to `scratch` (and point
 * into it, so keep it alive and do not append to it while the result is in use). A null result
 * where Java yields null (decimal overflow) has out->is_null set. */
int pm_datum_cast(const pm_datum *src, const pm_type *from, const pm_type *to, pm_buf *scratch,
                  pm_datum *out, paimon_error *err);

/* Appends rows [start, start + count) of `src` (type `from`), cast to the builder's type, to
 * `dst`: the building block of pm_arrow_cast for callers that assemble batches themselves. */
int pm_cast_append(pm_col *dst, const struct ArrowArray *src, const pm_type *from, int64_t start,
                   int64_t count, paimon_error *err);

#endif
