/*
 * binary_nested_write.c - encoding values taken from Arrow arrays into BinaryRow fields, nested
 * ROW, ARRAY, MULTISET and MAP included (spec 04 §3-5).
 *
 * Each nested value is built in its own buffer (offsets inside it are relative to its start)
 * and then copied into the parent's variable part, as Java's writers do. Null handling follows
 * Java: a row reserves the variable part of a null non-compact DECIMAL/TIMESTAMP (RowHelper),
 * an array only sets the null bit and zeroes the slot (BinaryArrayWriter's null setters).
 */
#include "core/binary_row.h"

#include "core/binary_section.h"
#include "util/endian.h"

#include <string.h>

static const pm_type MULTISET_COUNT_TYPE = {.id = PM_TYPE_INT, .nullable = false};

static int encode_value(pm_buf *sec, size_t slot_off, const pm_type *type,
                        const struct ArrowArray *a, int64_t index, int depth);

/* [start, end) of list entry `index` of a LIST/MAP array. */
static int list_range(const struct ArrowArray *a, int64_t index, int64_t *start, int64_t *count) {
    const uint8_t *offsets = a->buffers[1];
    int64_t at = a->offset + index;
    int32_t s = (int32_t)pm_load_le32(offsets + at * 4);
    int32_t e = (int32_t)pm_load_le32(offsets + at * 4 + 4);
    if (s < 0 || e < s)
        return PAIMON_EINVAL;
    *start = s;
    *count = (int64_t)e - s;
    return PAIMON_OK;
}

static int build_row(pm_buf *out, const pm_type *type, const struct ArrowArray *a, int64_t index,
                     int depth) {
    if (type->field_count > (size_t)INT32_MAX || (int64_t)type->field_count != a->n_children)
        return PAIMON_EINVAL;
    int32_t arity = (int32_t)type->field_count;
    size_t null_bytes = pm_binrow_null_bytes(arity);
    if (pm_buf_resize(out, pm_binrow_fixed_size(arity)) != PAIMON_OK)
        return PAIMON_ENOMEM;
    int64_t child_index = a->offset + index;
    for (int32_t i = 0; i < arity; i++) {
        const pm_type *ft = type->fields[i].type;
        const struct ArrowArray *child = a->children[i];
        size_t slot = null_bytes + 8 * (size_t)i;
        if (!pm_arrow_is_valid(child, child_index)) {
            size_t bit = (size_t)i + 8;
            out->data[bit >> 3] |= (uint8_t)(1u << (bit & 7));
            PM_TRY(pm_binsec_write_null_reserved(out, slot, ft));
            continue;
        }
        PM_TRY(encode_value(out, slot, ft, child, child_index, depth + 1));
    }
    return PAIMON_OK;
}

/* Elements [start, start + count) of `elems` as one BinaryArray. */
static int build_array(pm_buf *out, const pm_type *elem, const struct ArrowArray *elems,
                       int64_t start, int64_t count, int depth) {
    if (count > INT32_MAX)
        return PAIMON_ELIMIT;
    size_t n = (size_t)count, header = pm_binsec_array_header(n);
    size_t es = pm_binsec_elem_size(elem);
    size_t fixed = (header + es * n + 7) & ~(size_t)7;
    if (pm_buf_resize(out, fixed) != PAIMON_OK)
        return PAIMON_ENOMEM;
    pm_store_le32(out->data, (uint32_t)n);
    for (size_t i = 0; i < n; i++) {
        int64_t j = start + (int64_t)i;
        if (!pm_arrow_is_valid(elems, j)) {
            out->data[4 + (i >> 3)] |= (uint8_t)(1u << (i & 7));
            continue;
        }
        PM_TRY(encode_value(out, header + es * i, elem, elems, j, depth + 1));
    }
    return PAIMON_OK;
}

/* Appends a BinaryArray built in a scratch buffer to `out`. */
static int append_array(pm_buf *out, const pm_type *elem, const struct ArrowArray *elems,
                        int64_t start, int64_t count, int depth) {
    pm_buf tmp = PM_BUF_INIT;
    int rc = build_array(&tmp, elem, elems, start, count, depth);
    if (rc == PAIMON_OK && pm_buf_append(out, tmp.data, tmp.len) != PAIMON_OK)
        rc = PAIMON_ENOMEM;
    pm_buf_dispose(&tmp);
    return rc;
}

static int build_map(pm_buf *out, const pm_type *type, const struct ArrowArray *a, int64_t index,
                     int depth) {
    const pm_type *key_type = type->id == PM_TYPE_MAP ? type->key : type->element;
    const pm_type *value_type = type->id == PM_TYPE_MAP ? type->value : &MULTISET_COUNT_TYPE;
    int64_t start, count;
    if (a->n_children != 1 || a->children[0]->n_children != 2)
        return PAIMON_EINVAL;
    PM_TRY(list_range(a, index, &start, &count));
    const struct ArrowArray *entries = a->children[0];
    int64_t first = entries->offset + start; /* struct offsets apply to the children */
    if (pm_buf_append_zeros(out, 4) != PAIMON_OK)
        return PAIMON_ENOMEM;
    PM_TRY(append_array(out, key_type, entries->children[0], first, count, depth));
    size_t key_bytes = out->len - 4;
    if (key_bytes > INT32_MAX)
        return PAIMON_ELIMIT;
    pm_store_le32(out->data, (uint32_t)key_bytes);
    return append_array(out, value_type, entries->children[1], first, count, depth);
}

static int build_nested(pm_buf *out, const pm_type *type, const struct ArrowArray *a,
                        int64_t index, int depth) {
    if (depth > PM_MAX_NESTING_DEPTH)
        return PAIMON_ELIMIT;
    switch (type->id) {
    case PM_TYPE_ROW: return build_row(out, type, a, index, depth);
    case PM_TYPE_ARRAY: {
        int64_t start, count;
        if (a->n_children != 1)
            return PAIMON_EINVAL;
        PM_TRY(list_range(a, index, &start, &count));
        return build_array(out, type->element, a->children[0], start, count, depth);
    }
    case PM_TYPE_MAP:
    case PM_TYPE_MULTISET: return build_map(out, type, a, index, depth);
    default: return PAIMON_EUNSUPPORTED;
    }
}

static int encode_value(pm_buf *sec, size_t slot_off, const pm_type *type,
                        const struct ArrowArray *a, int64_t index, int depth) {
    if (type->id == PM_TYPE_VARIANT)
        return PAIMON_EUNSUPPORTED;
    if (!pm_type_is_nested(type)) {
        pm_datum d = pm_arrow_get_datum(a, type, index);
        return pm_binsec_write(sec, slot_off, type, &d);
    }
    pm_buf tmp = PM_BUF_INIT;
    int rc = build_nested(&tmp, type, a, index, depth);
    if (rc == PAIMON_OK)
        rc = pm_binsec_append_var(sec, slot_off, tmp.data, tmp.len);
    pm_buf_dispose(&tmp);
    return rc;
}

int pm_binrow_write_from_arrow(pm_binrow_writer *w, int32_t pos, const pm_type *type,
                               const struct ArrowArray *array, int64_t index) {
    PM_ASSERT(pos >= 0 && pos < w->arity);
    if (w->status != PAIMON_OK)
        return w->status;
    if (!pm_arrow_is_valid(array, index)) {
        pm_datum null = pm_datum_null();
        return pm_binrow_write(w, pos, type, &null);
    }
    size_t slot = pm_binrow_null_bytes(w->arity) + 8 * (size_t)pos;
    return encode_value(&w->row, slot, type, array, index, 0);
}
