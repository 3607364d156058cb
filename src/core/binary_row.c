/*
 * binary_row.c - BinaryRow layout, reading atomic fields, the row writer and the row hash.
 *
 * Nested values (ARRAY, MAP, MULTISET, ROW) are decoded in binary_nested_read.c and encoded in
 * binary_nested_write.c; the per-slot encodings live in binary_section.c.
 */
#include "core/binary_row.h"

#include "core/binary_section.h"
#include "util/endian.h"
#include "util/murmur.h"

#include <string.h>

const uint8_t PM_BINROW_EMPTY_SERIALIZED[12] = {0};

size_t pm_binrow_null_bytes(int32_t arity) {
    return (((size_t)arity + 63 + 8) / 64) * 8;
}

size_t pm_binrow_fixed_size(int32_t arity) {
    return pm_binrow_null_bytes(arity) + 8 * (size_t)arity;
}

int pm_binrow_wrap(const uint8_t *bytes, size_t len, int32_t arity, pm_binrow *out,
                   paimon_error *err) {
    if (arity < 0)
        return PM_CORRUPT(err, "binary row with negative arity %d", arity);
    size_t fixed = pm_binrow_fixed_size(arity);
    if (len < fixed)
        return PM_CORRUPT(err, "binary row of arity %d needs at least %zu bytes, has %zu", arity,
                          fixed, len);
    out->data = bytes;
    out->size = len;
    out->arity = arity;
    return PAIMON_OK;
}

int pm_binrow_from_serialized(const uint8_t *bytes, size_t len, pm_binrow *out,
                              paimon_error *err) {
    if (len < 4)
        return PM_CORRUPT(err, "serialized binary row of %zu bytes has no arity", len);
    int32_t arity = (int32_t)pm_load_be32(bytes);
    return pm_binrow_wrap(bytes + 4, len - 4, arity, out, err);
}

bool pm_binrow_is_null(const pm_binrow *row, int32_t pos) {
    PM_ASSERT(pos >= 0 && pos < row->arity);
    size_t bit = (size_t)pos + 8;
    return (row->data[bit >> 3] >> (bit & 7)) & 1;
}

static size_t slot_offset(int32_t arity, int32_t pos) {
    return pm_binrow_null_bytes(arity) + 8 * (size_t)pos;
}

int pm_binrow_get(const pm_binrow *row, int32_t pos, const pm_type *type, pm_datum *out,
                  paimon_error *err) {
    if (pos < 0 || pos >= row->arity)
        return pm_err(err, PAIMON_EINVAL, "field %d of a binary row of arity %d", pos,
                      row->arity);
    if (pm_binrow_is_null(row, pos)) {
        *out = pm_datum_null();
        return PAIMON_OK;
    }
    int rc = pm_binsec_read(row->data, row->size, slot_offset(row->arity, pos), type, out, err);
    if (rc != PAIMON_OK && err != NULL)
        pm_err_prefix(err, "field %d: ", pos);
    return rc;
}

int32_t pm_binrow_hash(const uint8_t *row, size_t size) {
    return pm_murmur_hash_words(row, size, PM_MURMUR_DEFAULT_SEED);
}

/* ---- writer ---- */

static int writer_prepare(pm_binrow_writer *w, int32_t arity) {
    PM_ASSERT(arity >= 0);
    w->arity = arity;
    w->row.len = 0;
    w->status = pm_buf_resize(&w->row, pm_binrow_fixed_size(arity));
    return w->status;
}

int pm_binrow_writer_init(pm_binrow_writer *w, int32_t arity) {
    pm_buf_init(&w->row);
    return writer_prepare(w, arity);
}

void pm_binrow_writer_reset(pm_binrow_writer *w, int32_t arity) { writer_prepare(w, arity); }

void pm_binrow_writer_dispose(pm_binrow_writer *w) {
    pm_buf_dispose(&w->row);
    w->arity = 0;
    w->status = PAIMON_OK;
}

void pm_binrow_writer_set_kind(pm_binrow_writer *w, uint8_t row_kind) {
    if (w->status == PAIMON_OK)
        w->row.data[0] = row_kind;
}

/* Marks a field null: null bit set and the slot zeroed (Java's setNullAt). */
static void set_null_bit(pm_binrow_writer *w, int32_t pos) {
    size_t bit = (size_t)pos + 8;
    w->row.data[bit >> 3] |= (uint8_t)(1u << (bit & 7));
    memset(w->row.data + slot_offset(w->arity, pos), 0, 8);
}

int pm_binrow_write(pm_binrow_writer *w, int32_t pos, const pm_type *type, const pm_datum *value) {
    PM_ASSERT(pos >= 0 && pos < w->arity);
    if (w->status != PAIMON_OK)
        return w->status;
    size_t slot = slot_offset(w->arity, pos);
    if (value->is_null) {
        set_null_bit(w, pos);
        return pm_binsec_write_null_reserved(&w->row, slot, type);
    }
    return pm_binsec_write(&w->row, slot, type, value);
}

int pm_binrow_writer_finish(pm_binrow_writer *w, bool with_arity_prefix, pm_buf *out) {
    if (w->status != PAIMON_OK)
        return w->status;
    if (with_arity_prefix) {
        uint8_t prefix[4];
        pm_store_be32(prefix, (uint32_t)w->arity);
        if (pm_buf_append(out, prefix, 4) != PAIMON_OK)
            return PAIMON_ENOMEM;
    }
    return pm_buf_append(out, w->row.data, w->row.len) != PAIMON_OK ? PAIMON_ENOMEM : PAIMON_OK;
}

int pm_binrow_encode(const pm_type *const *types, const pm_datum *values, int32_t n,
                     bool with_arity_prefix, pm_buf *out, paimon_error *err) {
    pm_binrow_writer w;
    int rc = pm_binrow_writer_init(&w, n);
    for (int32_t i = 0; rc == PAIMON_OK && i < n; i++) {
        rc = pm_binrow_write(&w, i, types[i], &values[i]);
        if (rc != PAIMON_OK && rc != PAIMON_ENOMEM) {
            pm_binrow_writer_dispose(&w);
            return pm_err(err, rc, "binary row field %d (%s): value cannot be encoded", i,
                          pm_type_id_name(types[i]->id));
        }
    }
    if (rc == PAIMON_OK)
        rc = pm_binrow_writer_finish(&w, with_arity_prefix, out);
    pm_binrow_writer_dispose(&w);
    if (rc == PAIMON_ENOMEM)
        return pm_err_nomem(err);
    if (rc != PAIMON_OK)
        return pm_err(err, rc, "binary row of %d fields cannot be encoded", n);
    return PAIMON_OK;
}
