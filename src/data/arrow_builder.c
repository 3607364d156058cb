/* arrow_builder.c - column builders and their export as Arrow C Data Interface arrays. */
#include "data/arrow_builder.h"

#include "util/endian.h"
#include "util/mem.h"

#include <string.h>

pm_time_unit pm_timestamp_unit(int32_t precision) {
    if (precision <= 3)
        return PM_UNIT_MILLI;
    if (precision <= 6)
        return PM_UNIT_MICRO;
    return PM_UNIT_NANO;
}

static int layout_of(const pm_type *t, pm_layout *layout, uint8_t *width) {
    *width = 0;
    switch (t->id) {
    case PM_TYPE_BOOLEAN: *layout = PM_LAYOUT_BOOL; return PAIMON_OK;
    case PM_TYPE_TINYINT: *layout = PM_LAYOUT_FIXED; *width = 1; return PAIMON_OK;
    case PM_TYPE_SMALLINT: *layout = PM_LAYOUT_FIXED; *width = 2; return PAIMON_OK;
    case PM_TYPE_INT:
    case PM_TYPE_DATE:
    case PM_TYPE_TIME:
    case PM_TYPE_FLOAT: *layout = PM_LAYOUT_FIXED; *width = 4; return PAIMON_OK;
    case PM_TYPE_BIGINT:
    case PM_TYPE_DOUBLE:
    case PM_TYPE_TIMESTAMP:
    case PM_TYPE_TIMESTAMP_LTZ: *layout = PM_LAYOUT_FIXED; *width = 8; return PAIMON_OK;
    case PM_TYPE_DECIMAL: *layout = PM_LAYOUT_FIXED; *width = 16; return PAIMON_OK;
    case PM_TYPE_CHAR:
    case PM_TYPE_VARCHAR:
    case PM_TYPE_BINARY:
    case PM_TYPE_VARBINARY:
    case PM_TYPE_BLOB: *layout = PM_LAYOUT_VARBIN; return PAIMON_OK;
    case PM_TYPE_ARRAY:
    case PM_TYPE_MAP:
    case PM_TYPE_MULTISET: *layout = PM_LAYOUT_LIST; return PAIMON_OK;
    case PM_TYPE_ROW: *layout = PM_LAYOUT_STRUCT; return PAIMON_OK;
    case PM_TYPE_VARIANT: break;
    }
    return PAIMON_EUNSUPPORTED;
}

/* MAP<K, V> and MULTISET<T> become a list of ROW<key K NOT NULL, value V>. */
static pm_type *map_entries_type(const pm_type *t) {
    pm_field *fields = pm_calloc(2, sizeof *fields);
    if (fields == NULL)
        return NULL;
    fields[0].name = pm_strdup("key");
    fields[1].name = pm_strdup("value");
    fields[0].type = pm_type_clone(t->id == PM_TYPE_MAP ? t->key : t->element);
    fields[1].type = t->id == PM_TYPE_MAP ? pm_type_clone(t->value) : pm_type_new(PM_TYPE_INT, false);
    if (fields[0].type != NULL)
        fields[0].type->nullable = false;
    pm_type *row = pm_type_new_row(fields, 2, false);
    if (row != NULL && (!fields[0].name || !fields[1].name || !fields[0].type || !fields[1].type)) {
        pm_type_free(row);
        return NULL;
    }
    return row;
}

int pm_col_init(pm_col *c, const pm_type *type, paimon_error *err) {
    memset(c, 0, sizeof *c);
    c->type = type;
    if (layout_of(type, &c->layout, &c->width) != PAIMON_OK)
        return pm_err(err, PAIMON_EUNSUPPORTED, "type %s cannot be read into Arrow arrays yet",
                      pm_type_id_name(type->id));
    if (c->layout == PM_LAYOUT_VARBIN || c->layout == PM_LAYOUT_LIST) {
        if (pm_buf_append_zeros(&c->offsets, 4) != PAIMON_OK)
            return pm_err_nomem(err);
    }
    const pm_type *child_types[1];
    const pm_type *const *children = NULL;
    if (c->layout == PM_LAYOUT_LIST) {
        if (type->id == PM_TYPE_ARRAY) {
            child_types[0] = type->element;
        } else {
            c->owned_type = map_entries_type(type);
            if (c->owned_type == NULL) {
                pm_col_dispose(c);
                return pm_err_nomem(err);
            }
            child_types[0] = c->owned_type;
        }
        children = child_types;
        c->child_count = 1;
    } else if (c->layout == PM_LAYOUT_STRUCT) {
        c->child_count = type->field_count;
    }
    if (c->child_count > 0) {
        c->children = pm_calloc(c->child_count, sizeof *c->children);
        if (c->children == NULL) {
            pm_col_dispose(c);
            return pm_err_nomem(err);
        }
        for (size_t i = 0; i < c->child_count; i++) {
            const pm_type *ct = children ? children[i] : type->fields[i].type;
            int rc = pm_col_init(&c->children[i], ct, err);
            if (rc != PAIMON_OK) {
                pm_col_dispose(c);
                return rc;
            }
        }
    }
    return PAIMON_OK;
}

void pm_col_dispose(pm_col *c) {
    for (size_t i = 0; i < c->child_count; i++) {
        if (c->children != NULL)
            pm_col_dispose(&c->children[i]);
    }
    pm_free(c->children);
    pm_buf_pool_give(c->pool, &c->validity);
    pm_buf_pool_give(c->pool, &c->offsets);
    pm_buf_pool_give(c->pool, &c->values);
    pm_type_free(c->owned_type);
    memset(c, 0, sizeof *c);
}

void pm_col_set_pool(pm_col *c, pm_buf_pool *pool) {
    c->pool = pool;
    for (size_t i = 0; i < c->child_count; i++)
        pm_col_set_pool(&c->children[i], pool);
}

void pm_col_clear(pm_col *c) {
    c->length = 0;
    c->null_count = 0;
    c->validity.len = 0;
    c->values.len = 0;
    if (c->layout == PM_LAYOUT_VARBIN || c->layout == PM_LAYOUT_LIST) {
        c->offsets.len = 4;
        pm_store_le32(c->offsets.data, 0);
    }
    for (size_t i = 0; i < c->child_count; i++)
        pm_col_clear(&c->children[i]);
}

static inline size_t bitmap_bytes(int64_t bits) { return (size_t)((bits + 7) / 8); }

int pm_col_reserve(pm_col *c, size_t n) {
    size_t slots = (size_t)c->length + n;
    if (c->validity.len > 0 || c->null_count > 0) {
        if (pm_buf_reserve(&c->validity, bitmap_bytes((int64_t)slots) - c->validity.len))
            return PAIMON_ENOMEM;
    }
    switch (c->layout) {
    case PM_LAYOUT_BOOL:
        return pm_buf_reserve(&c->values, bitmap_bytes((int64_t)slots) - c->values.len);
    case PM_LAYOUT_FIXED: {
        size_t bytes;
        if (pm_mul_overflow(n, c->width, &bytes))
            return PAIMON_ENOMEM;
        if (c->values.data == NULL) /* a new builder: a released buffer beats fresh pages */
            pm_buf_pool_take(c->pool, bytes, &c->values);
        return pm_buf_reserve(&c->values, bytes);
    }
    case PM_LAYOUT_VARBIN:
    case PM_LAYOUT_LIST: return pm_buf_reserve(&c->offsets, n * 4);
    case PM_LAYOUT_STRUCT: return PAIMON_OK;
    }
    return PAIMON_OK;
}

/* Creates the validity bitmap with every existing slot valid. */
static int materialize_validity(pm_col *c, size_t extra_slots) {
    size_t bytes = bitmap_bytes(c->length + (int64_t)extra_slots);
    if (pm_buf_reserve(&c->validity, bytes) != PAIMON_OK)
        return PAIMON_ENOMEM;
    size_t full = (size_t)(c->length / 8);
    memset(c->validity.data, 0xFF, full);
    if (c->length % 8)
        c->validity.data[full] = (uint8_t)((1u << (c->length % 8)) - 1);
    c->validity.len = bitmap_bytes(c->length);
    return PAIMON_OK;
}

/* Sets validity for the slot at `length` (before length is incremented). */
static int push_validity(pm_col *c, bool valid) {
    if (valid && c->validity.len == 0 && c->null_count == 0)
        return PAIMON_OK;
    if (c->validity.len == 0 && c->null_count == 0 && materialize_validity(c, 1) != PAIMON_OK)
        return PAIMON_ENOMEM;
    size_t need = bitmap_bytes(c->length + 1);
    if (need > c->validity.len) {
        if (pm_buf_append_byte(&c->validity, 0) != PAIMON_OK)
            return PAIMON_ENOMEM;
    }
    if (valid)
        pm_bit_set(c->validity.data, c->length);
    else
        pm_bit_clear(c->validity.data, c->length);
    if (!valid)
        c->null_count++;
    return PAIMON_OK;
}

int pm_col_advance(pm_col *c, size_t n, const uint8_t *valid) {
    size_t nulls = 0;
    if (valid != NULL) {
        for (size_t i = 0; i < n; i++)
            nulls += valid[i] == 0;
    }
    bool has_bitmap = c->validity.len > 0 || c->null_count > 0;
    if (nulls > 0 && !has_bitmap) {
        if (materialize_validity(c, n) != PAIMON_OK)
            return PAIMON_ENOMEM;
        has_bitmap = true;
    }
    if (has_bitmap) {
        size_t need = bitmap_bytes(c->length + (int64_t)n);
        if (need > c->validity.len && pm_buf_resize(&c->validity, need) != PAIMON_OK)
            return PAIMON_ENOMEM;
        for (size_t i = 0; i < n; i++) {
            if (valid == NULL || valid[i])
                pm_bit_set(c->validity.data, c->length + (int64_t)i);
            else
                pm_bit_clear(c->validity.data, c->length + (int64_t)i);
        }
    }
    c->length += (int64_t)n;
    c->null_count += (int64_t)nulls;
    if (c->layout == PM_LAYOUT_FIXED)
        c->values.len = (size_t)c->length * c->width;
    else if (c->layout == PM_LAYOUT_BOOL)
        c->values.len = bitmap_bytes(c->length);
    else if (c->layout == PM_LAYOUT_VARBIN || c->layout == PM_LAYOUT_LIST)
        c->offsets.len = ((size_t)c->length + 1) * 4;
    return PAIMON_OK;
}

static inline int32_t last_offset(const pm_col *c) {
    return (int32_t)pm_load_le32(c->offsets.data + c->offsets.len - 4);
}

static int push_offset(pm_col *c, size_t end) {
    if (end > INT32_MAX)
        return PAIMON_ELIMIT;
    uint8_t raw[4];
    pm_store_le32(raw, (uint32_t)end);
    return pm_buf_append(&c->offsets, raw, 4);
}

int pm_col_append_null(pm_col *c) {
    if (push_validity(c, false) != PAIMON_OK)
        return PAIMON_ENOMEM;
    int rc = PAIMON_OK;
    switch (c->layout) {
    case PM_LAYOUT_BOOL:
        if (bitmap_bytes(c->length + 1) > c->values.len)
            rc = pm_buf_append_byte(&c->values, 0);
        break;
    case PM_LAYOUT_FIXED: rc = pm_buf_append_zeros(&c->values, c->width); break;
    case PM_LAYOUT_VARBIN:
    case PM_LAYOUT_LIST: rc = push_offset(c, (size_t)last_offset(c)); break;
    case PM_LAYOUT_STRUCT:
        for (size_t i = 0; rc == PAIMON_OK && i < c->child_count; i++)
            rc = pm_col_append_null(&c->children[i]);
        break;
    }
    if (rc != PAIMON_OK)
        return rc;
    c->length++;
    return PAIMON_OK;
}

int pm_col_append_nulls(pm_col *c, size_t n) {
    for (size_t i = 0; i < n; i++)
        PM_TRY(pm_col_append_null(c));
    return PAIMON_OK;
}

int pm_col_append_bool(pm_col *c, bool v) {
    PM_ASSERT(c->layout == PM_LAYOUT_BOOL);
    if (push_validity(c, true) != PAIMON_OK)
        return PAIMON_ENOMEM;
    if (bitmap_bytes(c->length + 1) > c->values.len && pm_buf_append_byte(&c->values, 0))
        return PAIMON_ENOMEM;
    if (v)
        pm_bit_set(c->values.data, c->length);
    c->length++;
    return PAIMON_OK;
}

int pm_col_append_int(pm_col *c, int64_t v) {
    PM_ASSERT(c->layout == PM_LAYOUT_FIXED && c->width <= 8);
    if (push_validity(c, true) != PAIMON_OK || pm_buf_reserve(&c->values, 8) != PAIMON_OK)
        return PAIMON_ENOMEM;
    uint8_t *p = c->values.data + c->values.len;
    switch (c->width) {
    case 1: p[0] = (uint8_t)v; break;
    case 2: pm_store_le16(p, (uint16_t)v); break;
    case 4: pm_store_le32(p, (uint32_t)v); break;
    default: pm_store_le64(p, (uint64_t)v); break;
    }
    c->values.len += c->width;
    c->length++;
    return PAIMON_OK;
}

int pm_col_append_double(pm_col *c, double v) {
    PM_ASSERT(c->layout == PM_LAYOUT_FIXED);
    if (push_validity(c, true) != PAIMON_OK || pm_buf_reserve(&c->values, 8) != PAIMON_OK)
        return PAIMON_ENOMEM;
    uint8_t *p = c->values.data + c->values.len;
    if (c->width == 4)
        pm_store_le32(p, pm_f32_bits((float)v));
    else
        pm_store_le64(p, pm_f64_bits(v));
    c->values.len += c->width;
    c->length++;
    return PAIMON_OK;
}

int pm_col_append_decimal(pm_col *c, pm_decimal128 v) {
    PM_ASSERT(c->layout == PM_LAYOUT_FIXED && c->width == 16);
    if (push_validity(c, true) != PAIMON_OK || pm_buf_reserve(&c->values, 16) != PAIMON_OK)
        return PAIMON_ENOMEM;
    pm_dec_store_le(v, c->values.data + c->values.len);
    c->values.len += 16;
    c->length++;
    return PAIMON_OK;
}

int pm_col_append_timestamp(pm_col *c, pm_timestamp ts) {
    int64_t v;
    switch (pm_timestamp_unit(c->type->precision)) {
    case PM_UNIT_MILLI: v = ts.millis; break;
    case PM_UNIT_MICRO: v = ts.millis * 1000 + ts.nanos / 1000; break;
    default: v = ts.millis * 1000000 + ts.nanos; break;
    }
    return pm_col_append_int(c, v);
}

int pm_col_append_bytes(pm_col *c, const void *data, size_t n) {
    PM_ASSERT(c->layout == PM_LAYOUT_VARBIN);
    if (push_validity(c, true) != PAIMON_OK || pm_buf_append(&c->values, data, n) != PAIMON_OK)
        return PAIMON_ENOMEM;
    PM_TRY(push_offset(c, c->values.len));
    c->length++;
    return PAIMON_OK;
}

int pm_col_append_datum(pm_col *c, const pm_datum *d) {
    if (d->is_null)
        return pm_col_append_null(c);
    switch (c->type->id) {
    case PM_TYPE_BOOLEAN: return pm_col_append_bool(c, d->v.b);
    case PM_TYPE_TINYINT:
    case PM_TYPE_SMALLINT:
    case PM_TYPE_INT:
    case PM_TYPE_BIGINT:
    case PM_TYPE_DATE:
    case PM_TYPE_TIME: return pm_col_append_int(c, d->v.i);
    case PM_TYPE_FLOAT:
    case PM_TYPE_DOUBLE: return pm_col_append_double(c, d->v.f);
    case PM_TYPE_DECIMAL: return pm_col_append_decimal(c, d->v.dec);
    case PM_TYPE_TIMESTAMP:
    case PM_TYPE_TIMESTAMP_LTZ: return pm_col_append_timestamp(c, d->v.ts);
    case PM_TYPE_CHAR:
    case PM_TYPE_VARCHAR:
    case PM_TYPE_BINARY:
    case PM_TYPE_VARBINARY:
    case PM_TYPE_BLOB: return pm_col_append_bytes(c, d->v.bytes.ptr, d->v.bytes.len);
    default: return PAIMON_EUNSUPPORTED;
    }
}

int pm_col_list_close(pm_col *c) {
    PM_ASSERT(c->layout == PM_LAYOUT_LIST);
    if (push_validity(c, true) != PAIMON_OK)
        return PAIMON_ENOMEM;
    PM_TRY(push_offset(c, (size_t)c->children[0].length));
    c->length++;
    return PAIMON_OK;
}

int pm_col_struct_close(pm_col *c) {
    PM_ASSERT(c->layout == PM_LAYOUT_STRUCT);
    if (push_validity(c, true) != PAIMON_OK)
        return PAIMON_ENOMEM;
    c->length++;
    return PAIMON_OK;
}

bool pm_arrow_is_valid(const struct ArrowArray *a, int64_t i) {
    const uint8_t *bits = a->n_buffers > 0 ? a->buffers[0] : NULL;
    if (bits == NULL || a->null_count == 0)
        return true;
    return pm_bit_get(bits, a->offset + i);
}

static int64_t timestamp_to_parts(int64_t v, pm_time_unit unit, int32_t *nanos) {
    switch (unit) {
    case PM_UNIT_MILLI: *nanos = 0; return v;
    case PM_UNIT_MICRO:
    default: {
        /* floor division; the remainder is taken first so that values near INT64_MIN do not
         * overflow when multiplied back */
        int64_t per_milli = unit == PM_UNIT_MICRO ? 1000 : 1000000;
        int64_t millis = v / per_milli, rem = v % per_milli;
        if (rem < 0) {
            rem += per_milli;
            millis -= 1;
        }
        *nanos = (int32_t)(rem * (1000000 / per_milli));
        return millis;
    }
    }
}

pm_datum pm_arrow_get_datum(const struct ArrowArray *a, const pm_type *type, int64_t i) {
    pm_datum d = pm_datum_null();
    if (!pm_arrow_is_valid(a, i))
        return d;
    d.is_null = false;
    int64_t at = a->offset + i;
    const uint8_t *values = a->buffers[1];
    switch (type->id) {
    case PM_TYPE_BOOLEAN: d.v.b = pm_bit_get(values, at); break;
    case PM_TYPE_TINYINT: d.v.i = (int8_t)values[at]; break;
    case PM_TYPE_SMALLINT: d.v.i = (int16_t)pm_load_le16(values + at * 2); break;
    case PM_TYPE_INT:
    case PM_TYPE_DATE:
    case PM_TYPE_TIME: d.v.i = (int32_t)pm_load_le32(values + at * 4); break;
    case PM_TYPE_BIGINT: d.v.i = (int64_t)pm_load_le64(values + at * 8); break;
    case PM_TYPE_FLOAT: d.v.f = pm_f32_from_bits(pm_load_le32(values + at * 4)); break;
    case PM_TYPE_DOUBLE: d.v.f = pm_f64_from_bits(pm_load_le64(values + at * 8)); break;
    case PM_TYPE_DECIMAL: d.v.dec = pm_dec_load_le(values + at * 16); break;
    case PM_TYPE_TIMESTAMP:
    case PM_TYPE_TIMESTAMP_LTZ:
        d.v.ts.millis = timestamp_to_parts((int64_t)pm_load_le64(values + at * 8),
                                           pm_timestamp_unit(type->precision), &d.v.ts.nanos);
        break;
    case PM_TYPE_CHAR:
    case PM_TYPE_VARCHAR:
    case PM_TYPE_BINARY:
    case PM_TYPE_VARBINARY:
    case PM_TYPE_BLOB: {
        const uint8_t *offsets = a->buffers[1];
        int32_t start = (int32_t)pm_load_le32(offsets + at * 4);
        int32_t end = (int32_t)pm_load_le32(offsets + at * 4 + 4);
        d.v.bytes.ptr = (const uint8_t *)a->buffers[2] + start;
        d.v.bytes.len = (size_t)(end - start);
        break;
    }
    default: d.is_null = true; break;
    }
    return d;
}

int pm_col_append_from(pm_col *c, const struct ArrowArray *src, int64_t index) {
    if (!pm_arrow_is_valid(src, index))
        return pm_col_append_null(c);
    switch (c->layout) {
    case PM_LAYOUT_BOOL:
    case PM_LAYOUT_FIXED:
    case PM_LAYOUT_VARBIN: {
        pm_datum d = pm_arrow_get_datum(src, c->type, index);
        if ((c->type->id == PM_TYPE_TIMESTAMP || c->type->id == PM_TYPE_TIMESTAMP_LTZ)) {
            /* Same type on both sides: copy the raw unit value. */
            const uint8_t *values = src->buffers[1];
            return pm_col_append_int(c, (int64_t)pm_load_le64(values + (src->offset + index) * 8));
        }
        return pm_col_append_datum(c, &d);
    }
    case PM_LAYOUT_LIST: {
        const uint8_t *offsets = src->buffers[1];
        int64_t at = src->offset + index;
        int32_t start = (int32_t)pm_load_le32(offsets + at * 4);
        int32_t end = (int32_t)pm_load_le32(offsets + at * 4 + 4);
        for (int32_t j = start; j < end; j++)
            PM_TRY(pm_col_append_from(&c->children[0], src->children[0], j));
        return pm_col_list_close(c);
    }
    case PM_LAYOUT_STRUCT:
        for (size_t k = 0; k < c->child_count; k++)
            PM_TRY(pm_col_append_from(&c->children[k], src->children[k], src->offset + index));
        return pm_col_struct_close(c);
    }
    return PAIMON_EUNSUPPORTED;
}

/* ---- export ---- */

typedef struct exported_array {
    pm_buf_pool *pool; /* a reference, or NULL */
    pm_buf validity;
    pm_buf offsets;
    pm_buf values;
    const void *buffers[3];
    struct ArrowArray *children; /* the child structs themselves */
    struct ArrowArray **child_ptrs;
} exported_array;

static void exported_array_release(struct ArrowArray *a) {
    if (a->release == NULL)
        return;
    exported_array *e = a->private_data;
    /* children is NULL when allocating it failed (n_children is already set then). */
    for (int64_t i = 0; e->children != NULL && i < a->n_children; i++) {
        if (e->children[i].release != NULL)
            e->children[i].release(&e->children[i]);
    }
    pm_free(e->children);
    pm_free(e->child_ptrs);
    pm_buf_pool_give(e->pool, &e->validity);
    pm_buf_pool_give(e->pool, &e->offsets);
    pm_buf_pool_give(e->pool, &e->values);
    pm_buf_pool_release(e->pool);
    pm_free(e);
    a->release = NULL;
}

static int export_children(exported_array *e, size_t count, struct ArrowArray *out) {
    out->n_children = (int64_t)count;
    out->children = NULL;
    if (count == 0)
        return PAIMON_OK;
    e->children = pm_calloc(count, sizeof *e->children);
    e->child_ptrs = pm_calloc(count, sizeof *e->child_ptrs);
    if (e->children == NULL || e->child_ptrs == NULL)
        return PAIMON_ENOMEM;
    for (size_t i = 0; i < count; i++)
        e->child_ptrs[i] = &e->children[i];
    out->children = e->child_ptrs;
    return PAIMON_OK;
}

int pm_col_finish(pm_col *c, struct ArrowArray *out, paimon_error *err) {
    memset(out, 0, sizeof *out);
    exported_array *e = pm_calloc(1, sizeof *e);
    if (e == NULL)
        return pm_err_nomem(err);
    e->pool = pm_buf_pool_retain(c->pool);
    out->length = c->length;
    out->null_count = c->null_count;
    out->offset = 0;
    out->private_data = e;
    out->release = exported_array_release;
    if (export_children(e, c->child_count, out) != PAIMON_OK) {
        exported_array_release(out);
        return pm_err_nomem(err);
    }
    for (size_t i = 0; i < c->child_count; i++) {
        int rc = pm_col_finish(&c->children[i], &e->children[i], err);
        if (rc != PAIMON_OK) {
            exported_array_release(out);
            return rc;
        }
    }
    /* Move the buffers; the builder starts over with fresh ones, from the pool when it holds
     * buffers as large as these (released by the consumer of an earlier batch). */
    if (c->null_count > 0) {
        e->validity = c->validity;
        pm_buf_init(&c->validity);
        pm_buf_pool_take(c->pool, e->validity.len, &c->validity);
    } else {
        c->validity.len = 0;
    }
    e->values = c->values;
    pm_buf_init(&c->values);
    /* Batches repeat their row counts; string bytes vary, so those get some headroom. */
    size_t hint = e->values.len;
    if (c->layout == PM_LAYOUT_VARBIN)
        hint += hint / 4;
    pm_buf_pool_take(c->pool, hint, &c->values);
    e->buffers[0] = c->null_count > 0 ? e->validity.data : NULL;
    switch (c->layout) {
    case PM_LAYOUT_BOOL:
    case PM_LAYOUT_FIXED:
        out->n_buffers = 2;
        /* Consumers dereference the values buffer even for empty arrays; never hand out NULL. */
        if (e->values.data == NULL && pm_buf_reserve(&e->values, 8) != PAIMON_OK) {
            exported_array_release(out);
            return pm_err_nomem(err);
        }
        e->buffers[1] = e->values.data;
        break;
    case PM_LAYOUT_VARBIN:
    case PM_LAYOUT_LIST: {
        /* The builder's next offsets buffer is allocated before the current one is handed
         * over, so that a failure leaves the builder usable. */
        pm_buf fresh = PM_BUF_INIT;
        pm_buf_pool_take(c->pool, c->offsets.len, &fresh);
        if (pm_buf_append_zeros(&fresh, 4) != PAIMON_OK ||
            (e->values.data == NULL && pm_buf_reserve(&e->values, 8) != PAIMON_OK)) {
            pm_buf_pool_give(c->pool, &fresh);
            exported_array_release(out); /* frees the values already handed over */
            /* The content is lost; leave the builder empty and consistent. */
            c->length = 0;
            c->null_count = 0;
            c->offsets.len = 4;
            pm_store_le32(c->offsets.data, 0);
            return pm_err_nomem(err);
        }
        e->offsets = c->offsets;
        c->offsets = fresh;
        e->buffers[1] = e->offsets.data;
        e->buffers[2] = e->values.data;
        out->n_buffers = c->layout == PM_LAYOUT_VARBIN ? 3 : 2;
        break;
    }
    case PM_LAYOUT_STRUCT: out->n_buffers = 1; break;
    }
    out->buffers = e->buffers;
    c->length = 0;
    c->null_count = 0;
    return PAIMON_OK;
}

typedef struct struct_batch {
    struct ArrowArray *children;
    struct ArrowArray **child_ptrs;
    const void *buffers[1];
} struct_batch;

static void struct_batch_release(struct ArrowArray *a) {
    if (a->release == NULL)
        return;
    struct_batch *b = a->private_data;
    for (int64_t i = 0; i < a->n_children; i++) {
        if (b->children[i].release != NULL)
            b->children[i].release(&b->children[i]);
    }
    pm_free(b->children);
    pm_free(b->child_ptrs);
    pm_free(b);
    a->release = NULL;
}

int pm_arrow_struct_from_children(struct ArrowArray *children, size_t count, int64_t length,
                                  struct ArrowArray *out, paimon_error *err) {
    memset(out, 0, sizeof *out);
    struct_batch *b = pm_calloc(1, sizeof *b);
    if (b != NULL) {
        b->children = pm_calloc(count ? count : 1, sizeof *b->children);
        b->child_ptrs = pm_calloc(count ? count : 1, sizeof *b->child_ptrs);
    }
    if (b == NULL || b->children == NULL || b->child_ptrs == NULL) {
        if (b != NULL) {
            pm_free(b->children);
            pm_free(b->child_ptrs);
        }
        pm_free(b);
        for (size_t i = 0; i < count; i++) {
            if (children[i].release)
                children[i].release(&children[i]);
        }
        return pm_err_nomem(err);
    }
    for (size_t i = 0; i < count; i++) {
        b->children[i] = children[i];
        children[i].release = NULL; /* moved */
        b->child_ptrs[i] = &b->children[i];
    }
    b->buffers[0] = NULL;
    out->length = length;
    out->null_count = 0;
    out->offset = 0;
    out->n_buffers = 1;
    out->buffers = b->buffers;
    out->n_children = (int64_t)count;
    out->children = b->child_ptrs;
    out->private_data = b;
    out->release = struct_batch_release;
    return PAIMON_OK;
}
