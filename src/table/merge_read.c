/* merge_read.c - merge-on-read of primary-key tables (not implemented yet: refused clearly). */
#include "table/merge_read.h"

int pm_merge_reader_open(const pm_merge_read_spec *spec, const paimon_split *split,
                         pm_merge_reader **out, paimon_error *err) {
    (void)split;
    *out = NULL;
    return pm_err(err, PAIMON_EUNSUPPORTED,
                  "%s: merge-on-read of primary-key tables is not supported yet",
                  spec->table->path);
}

int pm_merge_reader_next(pm_merge_reader *r, struct ArrowArray *out, const uint8_t **kinds_out,
                         paimon_error *err) {
    (void)r;
    (void)kinds_out;
    out->release = NULL;
    return pm_err(err, PAIMON_EUNSUPPORTED, "merge-on-read is not supported yet");
}

void pm_merge_reader_close(pm_merge_reader *r) { (void)r; }
