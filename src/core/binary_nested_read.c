/*
 * binary_nested_read.c - decoding BinaryRow fields of any type, nested ROW, ARRAY, MULTISET and
 * MAP included, into Arrow column builders (spec 04 §3-5).
 *
 * The recursion follows the type, so its depth is the type's depth (checked against
 * PM_MAX_NESTING_DEPTH). Offsets come from the data, so two slots could point at the same
 * nested section and make the decoded size explode; honest rows never share bytes, hence the
 * number of values decoded is capped by the row's byte size.
 */
#include "core/binary_row.h"

#include "core/binary_section.h"
#include "util/endian.h"

typedef struct nested_reader {
    size_t budget; /* values that may still be decoded */
    int depth;
    paimon_error *err;
} nested_reader;

typedef struct array_view {
    const uint8_t *data;
    size_t size;
    size_t count;
    size_t header;
    size_t elem_size;
} array_view;

static int col_fail(paimon_error *err, int rc) {
    if (rc == PAIMON_ENOMEM)
        return pm_err_nomem(err);
    return pm_err(err, rc, "nested value does not fit an Arrow column");
}

static int spend(nested_reader *r) {
    if (r->budget == 0)
        return PM_CORRUPT(r->err, "nested values overlap (more values than the row has bytes)");
    r->budget--;
    return PAIMON_OK;
}

static int append_value(nested_reader *r, const uint8_t *base, size_t size, size_t slot_off,
                        const pm_type *type, pm_col *col);

static int array_open(nested_reader *r, const uint8_t *data, size_t size, const pm_type *elem,
                      array_view *out) {
    if (size < 4)
        return PM_CORRUPT(r->err, "binary array of %zu bytes has no element count", size);
    int32_t count = (int32_t)pm_load_le32(data);
    if (count < 0)
        return PM_CORRUPT(r->err, "binary array with negative element count %d", count);
    out->data = data;
    out->size = size;
    out->count = (size_t)count;
    out->header = pm_binsec_array_header(out->count);
    out->elem_size = pm_binsec_elem_size(elem);
    /* count <= INT32_MAX and elem_size <= 8: no overflow in size_t. */
    if (out->header > size || out->elem_size * out->count > size - out->header)
        return PM_CORRUPT(r->err, "binary array of %d elements does not fit its %zu bytes", count,
                          size);
    return PAIMON_OK;
}

static int array_append(nested_reader *r, const array_view *a, size_t i, const pm_type *elem,
                        pm_col *col) {
    if ((a->data[4 + (i >> 3)] >> (i & 7)) & 1) {
        PM_TRY(spend(r));
        int rc = pm_col_append_null(col);
        return rc == PAIMON_OK ? rc : col_fail(r->err, rc);
    }
    return append_value(r, a->data, a->size, a->header + a->elem_size * i, elem, col);
}

static int decode_row(nested_reader *r, const uint8_t *data, size_t size, const pm_type *type,
                      pm_col *col) {
    pm_binrow row;
    if (type->field_count > (size_t)INT32_MAX)
        return pm_err(r->err, PAIMON_EUNSUPPORTED, "ROW of %zu fields", type->field_count);
    PM_TRY(pm_binrow_wrap(data, size, (int32_t)type->field_count, &row, r->err));
    for (size_t i = 0; i < type->field_count; i++) {
        pm_col *child = &col->children[i];
        if (pm_binrow_is_null(&row, (int32_t)i)) {
            PM_TRY(spend(r));
            int rc = pm_col_append_null(child);
            if (rc != PAIMON_OK)
                return col_fail(r->err, rc);
            continue;
        }
        size_t slot = pm_binrow_null_bytes(row.arity) + 8 * i;
        PM_TRY(append_value(r, data, size, slot, type->fields[i].type, child));
    }
    int rc = pm_col_struct_close(col);
    return rc == PAIMON_OK ? rc : col_fail(r->err, rc);
}

static int decode_array(nested_reader *r, const uint8_t *data, size_t size, const pm_type *type,
                        pm_col *col) {
    array_view a;
    PM_TRY(array_open(r, data, size, type->element, &a));
    for (size_t i = 0; i < a.count; i++)
        PM_TRY(array_append(r, &a, i, type->element, &col->children[0]));
    int rc = pm_col_list_close(col);
    return rc == PAIMON_OK ? rc : col_fail(r->err, rc);
}

/* MAP and MULTISET: int32 key-array size, key array, value array (MULTISET values are INT). */
static int decode_map(nested_reader *r, const uint8_t *data, size_t size, pm_col *col) {
    if (size < 4)
        return PM_CORRUPT(r->err, "binary map of %zu bytes has no key array size", size);
    int32_t key_bytes = (int32_t)pm_load_le32(data);
    if (key_bytes < 0 || (size_t)key_bytes > size - 4)
        return PM_CORRUPT(r->err, "binary map key array of %d bytes in a %zu-byte map", key_bytes,
                          size);
    pm_col *entries = &col->children[0];
    const pm_type *key_type = entries->type->fields[0].type;
    const pm_type *value_type = entries->type->fields[1].type;
    array_view keys, values;
    PM_TRY(array_open(r, data + 4, (size_t)key_bytes, key_type, &keys));
    PM_TRY(array_open(r, data + 4 + key_bytes, size - 4 - (size_t)key_bytes, value_type, &values));
    if (keys.count != values.count)
        return PM_CORRUPT(r->err, "binary map with %zu keys but %zu values", keys.count,
                          values.count);
    for (size_t i = 0; i < keys.count; i++) {
        PM_TRY(spend(r));
        PM_TRY(array_append(r, &keys, i, key_type, &entries->children[0]));
        PM_TRY(array_append(r, &values, i, value_type, &entries->children[1]));
        int rc = pm_col_struct_close(entries);
        if (rc != PAIMON_OK)
            return col_fail(r->err, rc);
    }
    int rc = pm_col_list_close(col);
    return rc == PAIMON_OK ? rc : col_fail(r->err, rc);
}

static int append_nested(nested_reader *r, const uint8_t *data, size_t size, const pm_type *type,
                         pm_col *col) {
    if (r->depth >= PM_MAX_NESTING_DEPTH)
        return pm_err(r->err, PAIMON_ELIMIT, "binary row nested deeper than %d levels",
                      PM_MAX_NESTING_DEPTH);
    r->depth++;
    int rc;
    switch (type->id) {
    case PM_TYPE_ROW: rc = decode_row(r, data, size, type, col); break;
    case PM_TYPE_ARRAY: rc = decode_array(r, data, size, type, col); break;
    default: rc = decode_map(r, data, size, col); break;
    }
    r->depth--;
    return rc;
}

/* Arrow keeps TIMESTAMP(4..9) as int64 micro- or nanoseconds, a narrower range than Paimon's
 * epoch milliseconds plus nanos: refuse what would overflow. */
static int check_timestamp_range(const pm_type *type, const pm_datum *d, paimon_error *err) {
    if ((type->id != PM_TYPE_TIMESTAMP && type->id != PM_TYPE_TIMESTAMP_LTZ) ||
        pm_timestamp_is_compact(type->precision))
        return PAIMON_OK;
    int64_t limit = pm_timestamp_unit(type->precision) == PM_UNIT_MICRO ? INT64_MAX / 1000 - 1
                                                                        : INT64_MAX / 1000000 - 1;
    if (d->v.ts.millis > limit || d->v.ts.millis < -limit)
        return pm_err(err, PAIMON_ELIMIT,
                      "TIMESTAMP(%d) of %lld ms since the epoch does not fit an Arrow column",
                      type->precision, (long long)d->v.ts.millis);
    return PAIMON_OK;
}

static int append_value(nested_reader *r, const uint8_t *base, size_t size, size_t slot_off,
                        const pm_type *type, pm_col *col) {
    PM_TRY(spend(r));
    pm_datum d;
    PM_TRY(pm_binsec_read(base, size, slot_off, type, &d, r->err));
    if (pm_type_is_nested(type))
        return append_nested(r, d.v.bytes.ptr, d.v.bytes.len, type, col);
    if (type->id == PM_TYPE_VARIANT)
        return pm_err(r->err, PAIMON_EUNSUPPORTED, "VARIANT values in binary rows");
    PM_TRY(check_timestamp_range(type, &d, r->err));
    int rc = pm_col_append_datum(col, &d);
    return rc == PAIMON_OK ? rc : col_fail(r->err, rc);
}

int pm_binrow_append_to_col(const pm_binrow *row, int32_t pos, const pm_type *type, pm_col *col,
                            paimon_error *err) {
    if (pos < 0 || pos >= row->arity)
        return pm_err(err, PAIMON_EINVAL, "field %d of a binary row of arity %d", pos,
                      row->arity);
    if (pm_binrow_is_null(row, pos)) {
        int rc = pm_col_append_null(col);
        return rc == PAIMON_OK ? rc : col_fail(err, rc);
    }
    nested_reader r = {row->size + 16, 0, err};
    size_t slot = pm_binrow_null_bytes(row->arity) + 8 * (size_t)pos;
    int rc = append_value(&r, row->data, row->size, slot, type, col);
    if (rc != PAIMON_OK && err != NULL)
        pm_err_prefix(err, "field %d: ", pos);
    return rc;
}
