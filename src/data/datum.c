/* datum.c - ordering of scalar values. */
#include "data/datum.h"

#include <math.h>
#include <string.h>

int pm_double_compare(double a, double b) {
    if (a < b)
        return -1;
    if (a > b)
        return 1;
    /* Equal or unordered: order by the bits Java uses (NaN largest, -0.0 < 0.0). */
    bool na = isnan(a), nb = isnan(b);
    if (na || nb)
        return na == nb ? 0 : (na ? 1 : -1);
    bool sa = signbit(a) != 0, sb = signbit(b) != 0;
    return sa == sb ? 0 : (sa ? -1 : 1);
}

static int compare_bytes(const uint8_t *a, size_t la, const uint8_t *b, size_t lb) {
    size_t n = la < lb ? la : lb;
    int c = n ? memcmp(a, b, n) : 0;
    if (c != 0)
        return c < 0 ? -1 : 1;
    return la < lb ? -1 : (la > lb ? 1 : 0);
}

int pm_datum_compare(const pm_type *type, const pm_datum *a, const pm_datum *b) {
    if (a->is_null || b->is_null)
        return a->is_null == b->is_null ? 0 : (a->is_null ? -1 : 1);
    switch (type->id) {
    case PM_TYPE_BOOLEAN:
        return a->v.b == b->v.b ? 0 : (a->v.b ? 1 : -1);
    case PM_TYPE_TINYINT:
    case PM_TYPE_SMALLINT:
    case PM_TYPE_INT:
    case PM_TYPE_BIGINT:
    case PM_TYPE_DATE:
    case PM_TYPE_TIME:
        return a->v.i < b->v.i ? -1 : (a->v.i > b->v.i ? 1 : 0);
    case PM_TYPE_FLOAT:
    case PM_TYPE_DOUBLE:
        return pm_double_compare(a->v.f, b->v.f);
    case PM_TYPE_DECIMAL:
        return pm_dec_compare(a->v.dec, b->v.dec);
    case PM_TYPE_TIMESTAMP:
    case PM_TYPE_TIMESTAMP_LTZ:
        if (a->v.ts.millis != b->v.ts.millis)
            return a->v.ts.millis < b->v.ts.millis ? -1 : 1;
        return a->v.ts.nanos < b->v.ts.nanos ? -1 : (a->v.ts.nanos > b->v.ts.nanos ? 1 : 0);
    default:
        return compare_bytes(a->v.bytes.ptr, a->v.bytes.len, b->v.bytes.ptr, b->v.bytes.len);
    }
}
