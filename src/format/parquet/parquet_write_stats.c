/*
 * parquet_write_stats.c - column statistics of the Parquet writer: bounds kept per page, merged
 * into the chunk and the file, written as parquet.thrift Statistics and handed to Paimon.
 *
 * Orders follow parquet.thrift's type-defined orders: signed integers, numeric floats (a NaN is
 * never a bound, a zero bound is written as -0.0 for min and +0.0 for max), unsigned bytewise
 * byte arrays, signed big-endian decimals; INT96 has none. The legacy min/max fields hold
 * signed-order bounds only, so parquet-mr writes them only for types whose order is signed (or
 * when min equals max); the same is done here. INT96 has no order at all: its bounds appear
 * (in both places) only when every value is the same.
 */
#include "format/parquet/parquet_write.h"

#include "util/endian.h"
#include "util/timeutil.h"

#include <string.h>

void pm_pqw_stats_reset(pm_pqw_stats *s) {
    s->nulls = 0;
    s->has = false;
    s->bmin.len = s->bmax.len = 0;
}

void pm_pqw_stats_dispose(pm_pqw_stats *s) {
    pm_buf_dispose(&s->bmin);
    pm_buf_dispose(&s->bmax);
    memset(s, 0, sizeof *s);
}

static int compare_bytes(pm_pqw_order order, const uint8_t *a, size_t an, const uint8_t *b,
                         size_t bn) {
    if (order == PM_PQW_ORDER_SIGNED_BE && an > 0 && bn > 0 && an == bn &&
        (a[0] ^ b[0]) & 0x80)
        return (a[0] & 0x80) ? -1 : 1; /* signs differ: the negative one is smaller */
    size_t n = an < bn ? an : bn;
    int c = n > 0 ? memcmp(a, b, n) : 0;
    if (c != 0)
        return c;
    return an < bn ? -1 : an > bn;
}

static int set_bytes(pm_buf *b, const uint8_t *p, size_t n) {
    b->len = 0;
    return n > 0 ? pm_buf_append(b, p, n) : pm_buf_reserve(b, 1);
}

int pm_pqw_stats_bytes(pm_pqw_stats *s, pm_pqw_order order, const uint8_t *p, size_t n) {
    if (!s->has) {
        PM_TRY(set_bytes(&s->bmin, p, n));
        PM_TRY(set_bytes(&s->bmax, p, n));
        s->has = true;
        return PAIMON_OK;
    }
    if (compare_bytes(order, p, n, s->bmin.data, s->bmin.len) < 0)
        return set_bytes(&s->bmin, p, n);
    if (compare_bytes(order, p, n, s->bmax.data, s->bmax.len) > 0)
        return set_bytes(&s->bmax, p, n);
    return PAIMON_OK;
}

int pm_pqw_stats_merge(pm_pqw_stats *dst, const pm_pqw_stats *src, pm_pqw_order order) {
    dst->nulls += src->nulls;
    if (!src->has)
        return PAIMON_OK;
    switch (order) {
    case PM_PQW_ORDER_BOOL:
    case PM_PQW_ORDER_INT:
        pm_pqw_stats_int(dst, src->imin);
        pm_pqw_stats_int(dst, src->imax);
        return PAIMON_OK;
    case PM_PQW_ORDER_FLOAT:
        pm_pqw_stats_float(dst, src->dmin);
        pm_pqw_stats_float(dst, src->dmax);
        return PAIMON_OK;
    default:
        PM_TRY(pm_pqw_stats_bytes(dst, order, src->bmin.data, src->bmin.len));
        return pm_pqw_stats_bytes(dst, order, src->bmax.data, src->bmax.len);
    }
}

bool pm_pqw_stats_bounds(const pm_pqw_stats *s, pm_pqw_order order, int phys,
                         uint8_t *tmp_min, uint8_t *tmp_max, const uint8_t **min, size_t *min_len,
                         const uint8_t **max, size_t *max_len) {
    if (!s->has)
        return false;
    *min = tmp_min;
    *max = tmp_max;
    switch (order) {
    case PM_PQW_ORDER_BOOL:
        tmp_min[0] = (uint8_t)(s->imin != 0);
        tmp_max[0] = (uint8_t)(s->imax != 0);
        *min_len = *max_len = 1;
        return true;
    case PM_PQW_ORDER_INT:
        if (phys == PM_PQ_INT32) {
            pm_store_le32(tmp_min, (uint32_t)(int32_t)s->imin);
            pm_store_le32(tmp_max, (uint32_t)(int32_t)s->imax);
            *min_len = *max_len = 4;
        } else {
            pm_store_le64(tmp_min, (uint64_t)s->imin);
            pm_store_le64(tmp_max, (uint64_t)s->imax);
            *min_len = *max_len = 8;
        }
        return true;
    case PM_PQW_ORDER_FLOAT: {
        double lo = s->dmin == 0.0 ? -0.0 : s->dmin, hi = s->dmax == 0.0 ? 0.0 : s->dmax;
        if (phys == PM_PQ_FLOAT) {
            pm_store_le32(tmp_min, pm_f32_bits((float)lo));
            pm_store_le32(tmp_max, pm_f32_bits((float)hi));
            *min_len = *max_len = 4;
        } else {
            pm_store_le64(tmp_min, pm_f64_bits(lo));
            pm_store_le64(tmp_max, pm_f64_bits(hi));
            *min_len = *max_len = 8;
        }
        return true;
    }
    default:
        *min = s->bmin.data;
        *min_len = s->bmin.len;
        *max = s->bmax.data;
        *max_len = s->bmax.len;
        return true;
    }
}

void pm_pqw_stats_write(pm_tw *tw, int16_t id, const pm_pqw_stats *s, pm_pqw_order order,
                        int phys, bool legacy_ok) {
    uint8_t tmin[8], tmax[8];
    const uint8_t *min, *max;
    size_t min_len, max_len;
    pm_tw_struct(tw, id);
    bool bounds = pm_pqw_stats_bounds(s, order, phys, tmin, tmax, &min, &min_len, &max, &max_len);
    bool equal = bounds && min_len == max_len && memcmp(min, max, min_len) == 0;
    if (order == PM_PQW_ORDER_NONE)
        bounds = equal;
    if (bounds && (legacy_ok || equal)) {
        pm_tw_binary(tw, 1, max, max_len);
        pm_tw_binary(tw, 2, min, min_len);
    }
    pm_tw_i64(tw, 3, s->nulls);
    if (bounds) {
        pm_tw_binary(tw, 5, max, max_len);
        pm_tw_binary(tw, 6, min, min_len);
    }
    pm_tw_end(tw);
}

/* One bound as a datum of the leaf's Paimon type. */
static pm_datum to_datum(const pm_pqw_stats *s, const pm_type *t, bool is_max) {
    pm_datum d = pm_datum_int(is_max ? s->imax : s->imin);
    const pm_buf *b = is_max ? &s->bmax : &s->bmin;
    switch (t->id) {
    case PM_TYPE_BOOLEAN: d.v.b = (is_max ? s->imax : s->imin) != 0; break;
    case PM_TYPE_FLOAT:
    case PM_TYPE_DOUBLE: d.v.f = is_max ? s->dmax : s->dmin; break;
    case PM_TYPE_DECIMAL:
        if (t->precision <= 18)
            d.v.dec = pm_dec_from_i64(is_max ? s->imax : s->imin);
        else if (!pm_dec_from_be_bytes(b->data, b->len, &d.v.dec))
            d.is_null = true;
        break;
    case PM_TYPE_TIMESTAMP:
    case PM_TYPE_TIMESTAMP_LTZ: {
        int64_t v = is_max ? s->imax : s->imin, per_ms = t->precision <= 3 ? 1 : 1000;
        d.v.ts.millis = pm_floor_div(v, per_ms);
        d.v.ts.nanos = (int32_t)((v - d.v.ts.millis * per_ms) * (1000000 / per_ms));
        break;
    }
    case PM_TYPE_CHAR:
    case PM_TYPE_VARCHAR:
    case PM_TYPE_BINARY:
    case PM_TYPE_VARBINARY:
    case PM_TYPE_BLOB: d = pm_datum_bytes(b->data, b->len); break;
    default: break;
    }
    return d;
}

void pm_pqw_stats_to_column(const pm_pqw_stats *s, pm_pqw_order order, const pm_type *type,
                            pm_column_stats *out) {
    memset(out, 0, sizeof *out);
    out->min = out->max = pm_datum_null();
    out->has_null_count = true;
    out->null_count = s->nulls;
    if (!s->has || order == PM_PQW_ORDER_NONE)
        return;
    out->min = to_datum(s, type, false);
    out->max = to_datum(s, type, true);
    out->has_min_max = !out->min.is_null && !out->max.is_null;
    if (!out->has_min_max)
        out->min = out->max = pm_datum_null();
}
