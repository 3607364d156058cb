/* agg_nested.c - placeholder */
#include "agg/agg_internal.h"
#include <string.h>
static int nyi(pm_field_agg *a, const struct ArrowArray *in, int64_t row, paimon_error *err) {
    (void)in, (void)row;
    return pm_err(err, PAIMON_EUNSUPPORTED, "%s: not yet", a->function);
}
const agg_ops agg_collect_ops = {nyi, nyi}, agg_merge_map_ops = {nyi, nyi},
              agg_merge_map_keytime_ops = {nyi, NULL}, agg_nested_update_ops = {nyi, nyi},
              agg_nested_partial_update_ops = {nyi, NULL};
const agg_ops agg_rbm32_ops = {nyi, NULL}, agg_rbm64_ops = {nyi, NULL};
void agg_bitmap_free(pm_field_agg *a) { (void)a; }
void jhm_init(jhm *m, const jhm_key_ops *ops) { memset(m, 0, sizeof *m); m->ops = ops; }
void jhm_dispose(jhm *m) { (void)m; }
bool agg_binrow_supports(const pm_type *type) { (void)type; return true; }
