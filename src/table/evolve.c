/* evolve.c - converting columns of old data files to the read schema. */
#include "table/evolve.h"

#include "data/arrow_ops.h"
#include "data/cast.h"
#include "util/endian.h"

#include <string.h>

bool pm_evolve_needed(const pm_type *from, const pm_type *to) {
    return !pm_type_equals(from, to, true);
}

static int append_evolved(pm_col *dst, const pm_type *to, const struct ArrowArray *src,
                          const pm_type *from, int64_t i, pm_buf *scratch, int depth,
                          paimon_error *err);

static int append_row(pm_col *dst, const pm_type *to, const struct ArrowArray *src,
                      const pm_type *from, int64_t i, pm_buf *scratch, int depth,
                      paimon_error *err) {
    for (size_t k = 0; k < to->field_count; k++) {
        const pm_field *tf = &to->fields[k];
        long from_index = pm_row_field_index_by_id(from, tf->id);
        int rc;
        if (from_index < 0)
            rc = pm_col_append_null(&dst->children[k]) ? pm_err_nomem(err) : PAIMON_OK;
        else
            rc = append_evolved(&dst->children[k], tf->type, src->children[from_index],
                                from->fields[from_index].type, src->offset + i, scratch, depth + 1,
                                err);
        PM_TRY(rc);
    }
    return pm_col_struct_close(dst) ? pm_err_nomem(err) : PAIMON_OK;
}

static int append_list(pm_col *dst, const pm_type *to, const struct ArrowArray *src,
                       const pm_type *from, int64_t i, pm_buf *scratch, int depth,
                       paimon_error *err) {
    const uint8_t *offsets = src->buffers[1];
    int64_t at = src->offset + i;
    int32_t start = (int32_t)pm_load_le32(offsets + at * 4);
    int32_t end = (int32_t)pm_load_le32(offsets + at * 4 + 4);
    const struct ArrowArray *child = src->children[0];
    pm_col *dchild = &dst->children[0];
    for (int32_t j = start; j < end; j++) {
        if (to->id == PM_TYPE_ARRAY) {
            PM_TRY(append_evolved(dchild, to->element, child, from->element, j, scratch, depth + 1,
                                  err));
            continue;
        }
        /* MAP / MULTISET: one entry struct of key and value. */
        const pm_type *fk = from->id == PM_TYPE_MAP ? from->key : from->element;
        const pm_type *tk = to->id == PM_TYPE_MAP ? to->key : to->element;
        PM_TRY(append_evolved(&dchild->children[0], tk, child->children[0], fk, child->offset + j,
                              scratch, depth + 1, err));
        if (to->id == PM_TYPE_MAP && from->id == PM_TYPE_MAP)
            PM_TRY(append_evolved(&dchild->children[1], to->value, child->children[1], from->value,
                                  child->offset + j, scratch, depth + 1, err));
        else if (pm_col_append_from(&dchild->children[1], child->children[1], child->offset + j))
            return pm_err_nomem(err);
        if (pm_col_struct_close(dchild))
            return pm_err_nomem(err);
    }
    return pm_col_list_close(dst) ? pm_err_nomem(err) : PAIMON_OK;
}

static int append_evolved(pm_col *dst, const pm_type *to, const struct ArrowArray *src,
                          const pm_type *from, int64_t i, pm_buf *scratch, int depth,
                          paimon_error *err) {
    if (depth > PM_MAX_NESTING_DEPTH)
        return pm_err(err, PAIMON_ELIMIT, "types nested too deeply");
    if (!pm_arrow_is_valid(src, i))
        return pm_col_append_null(dst) ? pm_err_nomem(err) : PAIMON_OK;
    if (!pm_evolve_needed(from, to))
        return pm_col_append_from(dst, src, i) ? pm_err_nomem(err) : PAIMON_OK;
    if (to->id == PM_TYPE_ROW && from->id == PM_TYPE_ROW)
        return append_row(dst, to, src, from, i, scratch, depth, err);
    if ((to->id == PM_TYPE_ARRAY && from->id == PM_TYPE_ARRAY) ||
        ((to->id == PM_TYPE_MAP || to->id == PM_TYPE_MULTISET) && from->id == to->id))
        return append_list(dst, to, src, from, i, scratch, depth, err);
    if (pm_type_is_nested(to) || pm_type_is_nested(from))
        return pm_err(err, PAIMON_EUNSUPPORTED, "cannot read a %s column as %s",
                      pm_type_id_name(from->id), pm_type_id_name(to->id));
    pm_datum in = pm_arrow_get_datum(src, from, i), out;
    pm_buf_clear(scratch);
    PM_TRY(pm_datum_cast(&in, from, to, scratch, &out, err));
    return pm_col_append_datum(dst, &out) ? pm_err_nomem(err) : PAIMON_OK;
}

int pm_evolve_array(struct ArrowArray *src, const pm_type *from, const pm_type *to,
                    struct ArrowArray *out, paimon_error *err) {
    if (!pm_evolve_needed(from, to)) {
        pm_arrow_move(src, out);
        return PAIMON_OK;
    }
    int rc;
    if (!pm_type_is_nested(from) && !pm_type_is_nested(to)) {
        if (!pm_cast_supported(from, to))
            rc = pm_err(err, PAIMON_EUNSUPPORTED, "cannot read a %s column as %s",
                        pm_type_id_name(from->id), pm_type_id_name(to->id));
        else
            rc = pm_arrow_cast(src, from, to, out, err);
    } else {
        pm_col c;
        pm_buf scratch = PM_BUF_INIT;
        rc = pm_col_init(&c, to, err);
        if (rc == PAIMON_OK) {
            for (int64_t i = 0; i < src->length && rc == PAIMON_OK; i++)
                rc = append_evolved(&c, to, src, from, i, &scratch, 0, err);
            if (rc == PAIMON_OK)
                rc = pm_col_finish(&c, out, err);
            pm_col_dispose(&c);
        }
        pm_buf_dispose(&scratch);
    }
    pm_arrow_release(src);
    return rc;
}
