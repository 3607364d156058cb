/*
 * binary_row.h - Paimon's BinaryRow, BinaryArray and BinaryMap encodings (spec 04).
 *
 * BinaryRow appears on disk in manifests (partitions, key bounds, statistics) and is the input of
 * the bucket hash, so encoding must be bit-exact. Decoding works on untrusted bytes: every
 * offset and length is checked against the row's size, and corruption is PAIMON_ECORRUPT.
 *
 * The serialized form used in manifests ("with arity prefix") is a 4-byte big-endian arity
 * followed by the row bytes.
 */
#ifndef PM_CORE_BINARY_ROW_H
#define PM_CORE_BINARY_ROW_H

#include "data/arrow_builder.h"
#include "data/datum.h"
#include "data/type.h"
#include "util/buf.h"
#include "util/error.h"

#include <stdbool.h>
#include <stdint.h>

/* A borrowed view over the bytes of one row (without the arity prefix). */
typedef struct pm_binrow {
    const uint8_t *data;
    size_t size;
    int32_t arity;
} pm_binrow;

/* Null-bit-set width in bytes for a row of `arity` fields. */
size_t pm_binrow_null_bytes(int32_t arity);
/* Size of the fixed part (header + null bits + 8-byte slots). */
size_t pm_binrow_fixed_size(int32_t arity);

/* Parses the manifest form (4-byte BE arity + row). Checks that the fixed part fits. */
int pm_binrow_from_serialized(const uint8_t *bytes, size_t len, pm_binrow *out,
                              paimon_error *err);
/* A row without the prefix whose arity is known from the schema. */
int pm_binrow_wrap(const uint8_t *bytes, size_t len, int32_t arity, pm_binrow *out,
                   paimon_error *err);

static inline uint8_t pm_binrow_kind(const pm_binrow *row) { return row->data[0]; }
bool pm_binrow_is_null(const pm_binrow *row, int32_t pos);

/* Reads an atomic field as a datum (strings/binaries borrowed from the row). */
int pm_binrow_get(const pm_binrow *row, int32_t pos, const pm_type *type, pm_datum *out,
                  paimon_error *err);
/* Reads any field, nested ones included, appending it to a column builder of `type`.
 * Nested values are bounded by the type's depth, and the number of values decoded by the row's
 * size (honest rows never share bytes between values), so hostile offsets cannot blow up. */
int pm_binrow_append_to_col(const pm_binrow *row, int32_t pos, const pm_type *type, pm_col *col,
                            paimon_error *err);

/* Writing. The writer produces the row bytes; finish appends them to `out`, optionally with
 * the arity prefix. Fields must be written in position order (variable-length parts are
 * appended in the order written, as Java does). */
typedef struct pm_binrow_writer {
    pm_buf row;
    int32_t arity;
    int status; /* sticky: the first failure (e.g. ENOMEM in reset), returned by later calls */
} pm_binrow_writer;

int pm_binrow_writer_init(pm_binrow_writer *w, int32_t arity);
void pm_binrow_writer_reset(pm_binrow_writer *w, int32_t arity); /* reuse for the next row */
void pm_binrow_writer_dispose(pm_binrow_writer *w);
void pm_binrow_writer_set_kind(pm_binrow_writer *w, uint8_t row_kind);
/* Writes an atomic value (a null datum sets the null bit, reserving variable space for
 * non-compact DECIMAL and TIMESTAMP exactly as Java does). For nested types the datum holds an
 * already encoded section (as pm_binrow_get returns it). The writers return a bare status, no
 * message: PAIMON_ENOMEM, PAIMON_EINVAL (a value outside its type: a compact DECIMAL beyond
 * int64, nanos beyond 999999, malformed Arrow offsets), PAIMON_ELIMIT (a row beyond 2 GiB),
 * PAIMON_EUNSUPPORTED (VARIANT from Arrow). */
int pm_binrow_write(pm_binrow_writer *w, int32_t pos, const pm_type *type, const pm_datum *value);
/* Writes any value, nested ones included, taken from row `index` of an Arrow array of `type`
 * (the layouts of data/arrow_builder.h). Arrays do not reserve space for null elements, rows
 * (top-level and nested) do, as Java's BinaryArrayWriter and RowHelper. */
int pm_binrow_write_from_arrow(pm_binrow_writer *w, int32_t pos, const pm_type *type,
                               const struct ArrowArray *array, int64_t index);
int pm_binrow_writer_finish(pm_binrow_writer *w, bool with_arity_prefix, pm_buf *out);

/* Encodes n atomic values as one row (manifest form when with_arity_prefix). */
int pm_binrow_encode(const pm_type *const *types, const pm_datum *values, int32_t n,
                     bool with_arity_prefix, pm_buf *out, paimon_error *err);

/* BinaryRow.hashCode(): murmur over the row bytes (no prefix), seed 42. */
int32_t pm_binrow_hash(const uint8_t *row, size_t size);

/* The empty row (arity 0) in manifest form: 00000000 0000000000000000. */
extern const uint8_t PM_BINROW_EMPTY_SERIALIZED[12];

#endif
