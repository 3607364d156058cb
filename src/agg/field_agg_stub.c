/* field_agg_stub.c - placeholder until the aggregate functions land (replaced at merge). */
#include "agg/field_agg.h"

const char *const pm_field_agg_functions[] = {NULL};

int pm_field_agg_new(const char *function, const char *column, const pm_type *type,
                     pm_field_agg_option_fn option, void *option_ctx, pm_field_agg **out,
                     paimon_error *err) {
    (void)type, (void)option, (void)option_ctx, (void)out;
    return pm_err(err, PAIMON_EUNSUPPORTED, "aggregate function '%s' of column %s: not built yet",
                  function, column);
}
void pm_field_agg_free(pm_field_agg *a) { (void)a; }
void pm_field_agg_reset(pm_field_agg *a) { (void)a; }
int pm_field_agg_add(pm_field_agg *a, const struct ArrowArray *input, int64_t row,
                     paimon_error *err) {
    (void)a, (void)input, (void)row;
    return pm_err(err, PAIMON_EUNSUPPORTED, "aggregation not built yet");
}
int pm_field_agg_retract(pm_field_agg *a, const struct ArrowArray *input, int64_t row,
                         paimon_error *err) {
    (void)a, (void)input, (void)row;
    return pm_err(err, PAIMON_EUNSUPPORTED, "aggregation not built yet");
}
int pm_field_agg_result(pm_field_agg *a, pm_col *out, paimon_error *err) {
    (void)a, (void)out;
    return pm_err(err, PAIMON_EUNSUPPORTED, "aggregation not built yet");
}
