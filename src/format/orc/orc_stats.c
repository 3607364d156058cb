/*
 * orc_stats.c - turning ORC ColumnStatistics into the pm_column_stats used for stripe skipping.
 * When in doubt a bound is left out: skipping on a wrong bound loses rows, while a missing
 * bound only costs a read.
 */
#include "format/orc/orc_stats.h"

#include "data/decimal.h"

#include <math.h>
#include <string.h>

static bool int_target(const pm_type *t) {
    return pm_type_is_integer(t) || t->id == PM_TYPE_TIME;
}

/* A plain decimal text ("-12.340") whose significant fraction digits fit `scale`, so parsing
 * it at that scale does not round. */
static bool fits_scale(const uint8_t *p, size_t n, int32_t scale) {
    size_t i = 0, digits = 0;
    if (i < n && (p[i] == '-' || p[i] == '+'))
        i++;
    while (i < n && p[i] >= '0' && p[i] <= '9')
        i++;
    if (i < n && p[i] == '.') {
        i++;
        size_t last_nonzero = 0, count = 0;
        while (i < n && p[i] >= '0' && p[i] <= '9') {
            count++;
            if (p[i] != '0')
                last_nonzero = count;
            i++;
        }
        digits = last_nonzero;
    }
    return i == n && n > 0 && digits <= (size_t)scale;
}

void pm_orc_stats_convert(const pm_orc_stats *s, const pm_orc_type *otype, const pm_type *target,
                          uint64_t row_count, pm_column_stats *out) {
    memset(out, 0, sizeof *out);
    out->min = pm_datum_null();
    out->max = pm_datum_null();
    if (s->has_value_count && s->value_count <= row_count) {
        out->has_null_count = true;
        out->null_count = (int64_t)(row_count - s->value_count);
    }
    bool both = s->has_min && s->has_max;
    if (!both && s->kind != PM_ORC_STATS_BUCKET)
        return;
    switch (s->kind) {
    case PM_ORC_STATS_INT:
        if (int_target(target) || (target->id == PM_TYPE_DATE && otype->kind == PM_ORC_DATE)) {
            out->min = pm_datum_int(s->int_min);
            out->max = pm_datum_int(s->int_max);
            out->has_min_max = true;
        }
        break;
    case PM_ORC_STATS_DATE:
        if (target->id == PM_TYPE_DATE) {
            out->min = pm_datum_int(s->int_min);
            out->max = pm_datum_int(s->int_max);
            out->has_min_max = true;
        }
        break;
    case PM_ORC_STATS_DOUBLE:
        /* Float columns keep their statistics as doubles of the float values: exact. */
        if ((target->id == PM_TYPE_DOUBLE || target->id == PM_TYPE_FLOAT) && !isnan(s->dbl_min) &&
            !isnan(s->dbl_max)) {
            out->min = pm_datum_double(s->dbl_min);
            out->max = pm_datum_double(s->dbl_max);
            out->has_min_max = true;
        }
        break;
    case PM_ORC_STATS_STRING:
        if (pm_type_is_string(target)) {
            out->min = pm_datum_bytes(s->str_min, s->str_min_len);
            out->max = pm_datum_bytes(s->str_max, s->str_max_len);
            out->has_min_max = true;
        }
        break;
    case PM_ORC_STATS_DECIMAL:
        if (target->id == PM_TYPE_DECIMAL &&
            fits_scale(s->str_min, s->str_min_len, target->scale) &&
            fits_scale(s->str_max, s->str_max_len, target->scale) &&
            pm_dec_parse((const char *)s->str_min, s->str_min_len, target->scale, &out->min.v.dec) &&
            pm_dec_parse((const char *)s->str_max, s->str_max_len, target->scale, &out->max.v.dec)) {
            out->min.is_null = false;
            out->max.is_null = false;
            out->has_min_max = true;
        }
        break;
    case PM_ORC_STATS_BUCKET:
        if (target->id == PM_TYPE_BOOLEAN && s->has_sum && s->has_value_count &&
            s->true_count <= s->value_count && s->value_count > 0) {
            out->min.is_null = false;
            out->min.v.b = s->true_count == s->value_count;
            out->max.is_null = false;
            out->max.v.b = s->true_count > 0;
            out->has_min_max = true;
        }
        break;
    default: break;
    }
}
