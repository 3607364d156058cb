/* arrow_ops.h - operations on finished Arrow arrays: filtering rows, null columns, moving. */
#ifndef PM_DATA_ARROW_OPS_H
#define PM_DATA_ARROW_OPS_H

#include "data/arrow_builder.h"

/* Moves *src into *out (src is left released-looking: release == NULL). */
static inline void pm_arrow_move(struct ArrowArray *src, struct ArrowArray *out) {
    *out = *src;
    src->release = NULL;
}

static inline void pm_arrow_release(struct ArrowArray *a) {
    if (a != NULL && a->release != NULL)
        a->release(a);
}

/* Moves child i out of a struct array we own (the parent no longer releases it). */
void pm_arrow_take_child(struct ArrowArray *parent, size_t i, struct ArrowArray *out);

/* A new array of `type` with `keep_count` rows: the rows of src whose keep flag is non-zero. */
int pm_arrow_filter(const struct ArrowArray *src, const pm_type *type, const uint8_t *keep,
                    int64_t keep_count, struct ArrowArray *out, paimon_error *err);

/* A new all-null array of `type` with n rows. */
int pm_arrow_nulls(const pm_type *type, int64_t n, struct ArrowArray *out, paimon_error *err);

/* A new utf8 array holding the same string in every row... of n rows with values[i] from
 * `strings` (an array of n pointers to NUL-terminated text). */
int pm_arrow_strings(const char *const *strings, int64_t n, struct ArrowArray *out,
                     paimon_error *err);

#endif
