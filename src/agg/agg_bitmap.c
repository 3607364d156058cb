/* agg_bitmap.c - rbm32 / rbm64 (placeholder until the Roaring formats are implemented). */
#include "agg/agg_internal.h"

static int not_yet(pm_field_agg *a, const struct ArrowArray *in, int64_t row, paimon_error *err) {
    (void)in, (void)row;
    return pm_err(err, PAIMON_EUNSUPPORTED, "aggregate function '%s' is not implemented yet",
                  a->function);
}

const agg_ops agg_rbm32_ops = {not_yet, NULL};
const agg_ops agg_rbm64_ops = {not_yet, NULL};

void agg_bitmap_free(pm_field_agg *a) { (void)a; }
