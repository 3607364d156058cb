/*
 * binary_section.h - slot-level helpers shared by BinaryRow and BinaryArray (spec 04 §3-4).
 *
 * A "section" is the bytes of one row or one array; offsets stored in its slots are relative to
 * the section's first byte. Rows and arrays differ only in where slots and null bits live, so the
 * encoding of one value into (or out of) a slot is written once here.
 *
 * Reading works on untrusted bytes: the caller guarantees only that the slot itself lies inside
 * the section; everything a slot points to is checked here.
 */
#ifndef PM_CORE_BINARY_SECTION_H
#define PM_CORE_BINARY_SECTION_H

#include "data/datum.h"
#include "data/type.h"
#include "util/buf.h"
#include "util/error.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bytes of one element slot in a BinaryArray (1, 2, 4 or 8); 0 for unsupported types. */
size_t pm_binsec_elem_size(const pm_type *type);

/* BinaryArray header: 4-byte count plus null bits rounded to 4 bytes. */
static inline size_t pm_binsec_array_header(size_t count) { return 4 + ((count + 31) / 32) * 4; }

/* Whether a type keeps a variable-length part even when null (row semantics). */
bool pm_binsec_reserves_when_null(const pm_type *type);

/* Reads the (offset << 32 | length) slot at slot_off and checks the range against the section. */
int pm_binsec_var_range(const uint8_t *base, size_t size, size_t slot_off, const uint8_t **ptr,
                        size_t *len, paimon_error *err);

/* Reads an atomic value from its slot. Strings and binaries are borrowed from `base`; for
 * nested types the datum holds the raw bytes of the nested section. */
int pm_binsec_read(const uint8_t *base, size_t size, size_t slot_off, const pm_type *type,
                   pm_datum *out, paimon_error *err);

/* Writes a non-null atomic value into the slot at slot_off of the section in `sec`, appending
 * its variable part (if any) to the end of `sec`. Returns PAIMON_OK, PAIMON_ENOMEM, PAIMON_EINVAL
 * (value does not fit the type), PAIMON_ELIMIT (section beyond 2 GiB) or PAIMON_EUNSUPPORTED. */
int pm_binsec_write(pm_buf *sec, size_t slot_off, const pm_type *type, const pm_datum *value);

/* The variable-part reservation Java makes for a null non-compact DECIMAL or TIMESTAMP in a row:
 * zero bytes appended, slot = offset << 32. No-op for other types. */
int pm_binsec_write_null_reserved(pm_buf *sec, size_t slot_off, const pm_type *type);

/* Appends `len` bytes padded to 8 and stores (offset << 32 | len) in the slot. */
int pm_binsec_append_var(pm_buf *sec, size_t slot_off, const void *data, size_t len);

#endif
