/*
 * agg_binrow.c - the BinaryRow that Java's nested_update / nested_partial_update project a
 * nested row's key fields into. Its bytes decide key equality and its word-wise murmur hash
 * decides the HashMap order of the result, so the encoding is core's (verified against Java).
 * Only atomic key fields are supported.
 */
#include "agg/agg_internal.h"

#include "core/binary_row.h"

bool agg_binrow_supports(const pm_type *type) {
    return !pm_type_is_nested(type) && type->id != PM_TYPE_VARIANT;
}

int agg_binrow_project(const pm_type *row_type, const struct ArrowArray *rows, int64_t idx,
                       const int32_t *fields, size_t field_count, pm_buf *out) {
    pm_binrow_writer w;
    if (field_count > INT32_MAX || pm_binrow_writer_init(&w, (int32_t)field_count) != PAIMON_OK)
        return PAIMON_ENOMEM;
    int rc = PAIMON_OK;
    for (size_t i = 0; i < field_count && rc == PAIMON_OK; i++) {
        const pm_type *t = row_type->fields[fields[i]].type;
        pm_datum d = pm_arrow_get_datum(rows->children[fields[i]], t, rows->offset + idx);
        rc = pm_binrow_write(&w, (int32_t)i, t, &d);
    }
    if (rc == PAIMON_OK)
        rc = pm_binrow_writer_finish(&w, false, out);
    pm_binrow_writer_dispose(&w);
    return rc;
}
