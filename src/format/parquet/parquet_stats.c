/*
 * parquet_stats.c - row-group statistics as pm_column_stats in the requested type, for
 * skipping row groups.
 *
 * Only bounds whose order is known are used: min_value/max_value (ordered by the column's
 * type) unless the footer declares another column order, and the legacy min/max only for
 * physical types whose signed order is the type's order (not strings, binaries, unsigned
 * integers or INT96). Float bounds follow parquet.thrift's rules: a NaN bound is ignored and a
 * zero bound is widened to cover both signed zeros.
 */
#include "format/parquet/parquet_stats.h"

#include "util/endian.h"
#include "util/timeutil.h"

#include <math.h>
#include <string.h>

static bool is_unsigned(const pm_pq_schema_elem *e) {
    if (e->logical.kind == PM_PQ_LT_INTEGER)
        return !e->logical.is_signed;
    return e->converted >= PM_PQ_CT_UINT_8 && e->converted <= PM_PQ_CT_UINT_64;
}

/* Picks the bounds to trust; false when there are none. */
static bool pick_bounds(const pm_pq_file_meta *m, const pm_pq_leaf *leaf, const pm_pq_stats *s,
                        pm_pq_bytes *min, pm_pq_bytes *max) {
    if (leaf->phys == PM_PQ_INT96)
        return false;
    bool type_order = true;
    if (m->column_orders != NULL && (size_t)leaf->column < m->column_order_count)
        type_order = m->column_orders[leaf->column] == 1;
    if (s->min_value.ptr != NULL && s->max_value.ptr != NULL) {
        if (!type_order)
            return false;
        *min = s->min_value;
        *max = s->max_value;
        return true;
    }
    if (s->min.ptr == NULL || s->max.ptr == NULL)
        return false;
    switch (leaf->phys) {
    case PM_PQ_BOOLEAN:
    case PM_PQ_INT32:
    case PM_PQ_INT64:
    case PM_PQ_FLOAT:
    case PM_PQ_DOUBLE:
        if (is_unsigned(leaf->node->elem))
            return false;
        *min = s->min;
        *max = s->max;
        return true;
    default: return false;
    }
}

static int64_t unit_per_milli(int pq_unit) {
    return pq_unit == PM_PQ_UNIT_MILLIS ? 1 : pq_unit == PM_PQ_UNIT_MICROS ? 1000 : 1000000;
}

static int timestamp_unit(const pm_pq_schema_elem *e) {
    if (e->logical.kind == PM_PQ_LT_TIMESTAMP)
        return e->logical.unit;
    return e->converted == PM_PQ_CT_TIMESTAMP_MICROS ? PM_PQ_UNIT_MICROS : PM_PQ_UNIT_MILLIS;
}

/* One bound as a datum of the requested type; false when it cannot be read. `is_max` selects
 * the widening direction for float zeros. */
static bool to_datum(const pm_pq_leaf *leaf, const pm_type *t, pm_pq_bytes b, bool is_max,
                     pm_datum *out) {
    size_t w = pm_pq_phys_width(leaf);
    const uint8_t *p = b.ptr;
    *out = pm_datum_null();
    out->is_null = false;
    if (leaf->phys == PM_PQ_BOOLEAN) {
        if (b.len != 1)
            return false;
        out->v.b = p[0] != 0;
        return true;
    }
    if (leaf->phys != PM_PQ_BYTE_ARRAY && b.len != w)
        return false;
    switch (t->id) {
    case PM_TYPE_TINYINT:
    case PM_TYPE_SMALLINT:
    case PM_TYPE_INT:
    case PM_TYPE_DATE:
        out->v.i = (int32_t)pm_load_le32(p);
        return true;
    case PM_TYPE_BIGINT:
        if (leaf->phys == PM_PQ_INT64)
            out->v.i = (int64_t)pm_load_le64(p);
        else
            out->v.i = leaf->conv == PM_PQC_U32_I64 ? (int64_t)pm_load_le32(p)
                                                    : (int64_t)(int32_t)pm_load_le32(p);
        return true;
    case PM_TYPE_TIME:
        out->v.i = leaf->phys == PM_PQ_INT32
                       ? (int64_t)(int32_t)pm_load_le32(p)
                       : pm_floor_div((int64_t)pm_load_le64(p), leaf->factor);
        return true;
    case PM_TYPE_FLOAT:
    case PM_TYPE_DOUBLE: {
        double v = leaf->phys == PM_PQ_FLOAT ? (double)pm_f32_from_bits(pm_load_le32(p))
                                             : pm_f64_from_bits(pm_load_le64(p));
        if (isnan(v))
            return false;
        if (v == 0.0)
            v = is_max ? 0.0 : -0.0;
        out->v.f = v;
        return true;
    }
    case PM_TYPE_DECIMAL:
        switch (leaf->phys) {
        case PM_PQ_INT32:
            out->v.dec = leaf->conv == PM_PQC_U32_DEC ? pm_dec_from_i64((int64_t)pm_load_le32(p))
                                                      : pm_dec_from_i64((int32_t)pm_load_le32(p));
            return true;
        case PM_PQ_INT64:
            if (leaf->conv == PM_PQC_U64_DEC) {
                out->v.dec.lo = pm_load_le64(p);
                out->v.dec.hi = 0;
            } else {
                out->v.dec = pm_dec_from_i64((int64_t)pm_load_le64(p));
            }
            return true;
        default: return b.len > 0 && pm_dec_from_be_bytes(p, b.len, &out->v.dec);
        }
    case PM_TYPE_TIMESTAMP:
    case PM_TYPE_TIMESTAMP_LTZ: {
        if (leaf->phys != PM_PQ_INT64)
            return false;
        int64_t per_ms = unit_per_milli(timestamp_unit(leaf->node->elem));
        int64_t v = (int64_t)pm_load_le64(p);
        out->v.ts.millis = pm_floor_div(v, per_ms);
        out->v.ts.nanos = (int32_t)(pm_pq_mod(v, per_ms) * (1000000 / per_ms));
        return true;
    }
    case PM_TYPE_CHAR:
    case PM_TYPE_VARCHAR:
    case PM_TYPE_BINARY:
    case PM_TYPE_VARBINARY:
    case PM_TYPE_BLOB:
        out->v.bytes.ptr = p;
        out->v.bytes.len = b.len;
        return true;
    default: return false;
    }
}

void pm_pq_field_stats(const pm_pq_file_meta *m, const pm_pq_plan *plan, size_t field,
                       const pm_pq_row_group *rg, pm_column_stats *out) {
    memset(out, 0, sizeof *out);
    out->min = out->max = pm_datum_null();
    const pm_pq_rnode *n = &plan->nodes[field];
    if (n->kind == PM_PQ_RN_MISSING) {
        out->has_null_count = true;
        out->null_count = rg->num_rows;
        return;
    }
    if (n->kind != PM_PQ_RN_LEAF)
        return;
    const pm_pq_leaf *leaf = &plan->leaves[n->leaf];
    if ((size_t)leaf->column >= rg->column_count)
        return;
    const pm_pq_column_chunk *cc = &rg->columns[leaf->column];
    if (!cc->has_meta || !cc->has_stats || cc->type != leaf->phys)
        return;
    const pm_pq_stats *s = &cc->stats;
    if (s->has_null_count && s->null_count >= 0) {
        out->has_null_count = true;
        out->null_count = s->null_count;
    }
    pm_pq_bytes min, max;
    const pm_type *t = plan->fields[field].type;
    if (pick_bounds(m, leaf, s, &min, &max) && to_datum(leaf, t, min, false, &out->min) &&
        to_datum(leaf, t, max, true, &out->max)) {
        out->has_min_max = true;
    } else {
        out->min = out->max = pm_datum_null();
    }
}
