/* arrow_ops.c - filtering, null arrays and string arrays built with pm_col. */
#include "data/arrow_ops.h"

#include "util/mem.h"

#include <string.h>

void pm_arrow_take_child(struct ArrowArray *parent, size_t i, struct ArrowArray *out) {
    pm_arrow_move(parent->children[i], out);
}

/* Fixed-width columns without nulls: gather values directly. */
static bool filter_fixed_fast(const struct ArrowArray *src, pm_col *c, const uint8_t *keep,
                              int64_t keep_count) {
    if (c->layout != PM_LAYOUT_FIXED || src->null_count != 0)
        return false;
    if (keep_count == 0)
        return true; /* nothing to copy, and the builder may own no buffer yet */
    if (pm_col_reserve(c, (size_t)keep_count) != PAIMON_OK)
        return false;
    const uint8_t *values = (const uint8_t *)src->buffers[1] + src->offset * c->width;
    uint8_t *dst = c->values.data + c->values.len;
    for (int64_t r = 0; r < src->length; r++) {
        if (keep[r]) {
            memcpy(dst, values + r * c->width, c->width);
            dst += c->width;
        }
    }
    return pm_col_advance(c, (size_t)keep_count, NULL) == PAIMON_OK;
}

int pm_arrow_filter(const struct ArrowArray *src, const pm_type *type, const uint8_t *keep,
                    int64_t keep_count, struct ArrowArray *out, paimon_error *err) {
    pm_col c;
    PM_TRY(pm_col_init(&c, type, err));
    int rc = PAIMON_OK;
    if (!filter_fixed_fast(src, &c, keep, keep_count)) {
        pm_col_clear(&c);
        for (int64_t r = 0; r < src->length && rc == PAIMON_OK; r++) {
            if (keep[r])
                rc = pm_col_append_from(&c, src, r);
        }
        if (rc != PAIMON_OK)
            rc = rc == PAIMON_ENOMEM ? pm_err_nomem(err)
                                     : pm_err(err, rc, "cannot copy rows of a %s column",
                                              pm_type_id_name(type->id));
    }
    if (rc == PAIMON_OK)
        rc = pm_col_finish(&c, out, err);
    pm_col_dispose(&c);
    return rc;
}

int pm_arrow_nulls(const pm_type *type, int64_t n, struct ArrowArray *out, paimon_error *err) {
    pm_col c;
    PM_TRY(pm_col_init(&c, type, err));
    int rc = pm_col_append_nulls(&c, (size_t)n) == PAIMON_OK ? pm_col_finish(&c, out, err)
                                                           : pm_err_nomem(err);
    pm_col_dispose(&c);
    return rc;
}

int pm_arrow_strings(const char *const *strings, int64_t n, struct ArrowArray *out,
                     paimon_error *err) {
    pm_type *t = pm_type_new(PM_TYPE_VARCHAR, false);
    if (t == NULL)
        return pm_err_nomem(err);
    pm_col c;
    int rc = pm_col_init(&c, t, err);
    if (rc == PAIMON_OK) {
        for (int64_t i = 0; i < n && rc == PAIMON_OK; i++)
            rc = pm_col_append_bytes(&c, strings[i], strlen(strings[i]));
        rc = rc == PAIMON_OK ? pm_col_finish(&c, out, err) : pm_err_nomem(err);
        pm_col_dispose(&c);
    }
    pm_type_free(t);
    return rc;
}
