/* orc_schema.c - an ORC file's type tree as Paimon fields (for tools, tests and fuzzing). */
#include "format/orc/orc.h"

#include "format/orc/orc_footer.h"
#include "util/mem.h"

#include <stdio.h>
#include <string.h>

static int type_of(const pm_orc_tail *t, uint32_t id, int depth, pm_type **out,
                   paimon_error *err);

static int32_t field_id_of(const pm_orc_type *ty, size_t position) {
    return ty->has_field_id ? ty->field_id : (int32_t)position;
}

static int row_of(const pm_orc_tail *t, uint32_t id, int depth, pm_type **out,
                  paimon_error *err) {
    const pm_orc_type *ty = &t->types[id];
    size_t n = ty->subtype_count;
    pm_field *fields = pm_calloc(n ? n : 1, sizeof *fields);
    if (fields == NULL)
        return pm_err_nomem(err);
    int rc = PAIMON_OK;
    for (size_t i = 0; i < n && rc == PAIMON_OK; i++) {
        uint32_t cid = ty->subtypes[i];
        fields[i].id = field_id_of(&t->types[cid], i);
        fields[i].name = pm_strdup(ty->field_names[i]);
        if (fields[i].name == NULL)
            rc = pm_err_nomem(err);
        else
            rc = type_of(t, cid, depth + 1, &fields[i].type, err);
    }
    if (rc != PAIMON_OK) {
        for (size_t i = 0; i < n; i++)
            pm_field_dispose(&fields[i]);
        pm_free(fields);
        return rc;
    }
    *out = pm_type_new_row(fields, n, true);
    return *out == NULL ? pm_err_nomem(err) : PAIMON_OK;
}

static int type_of(const pm_orc_tail *t, uint32_t id, int depth, pm_type **out,
                   paimon_error *err) {
    *out = NULL;
    if (depth > PM_MAX_NESTING_DEPTH)
        return pm_err(err, PAIMON_ELIMIT, "types nested deeper than %d", PM_MAX_NESTING_DEPTH);
    const pm_orc_type *ty = &t->types[id];
    pm_type *r = NULL;
    switch (ty->kind) {
    case PM_ORC_BOOLEAN: r = pm_type_new(PM_TYPE_BOOLEAN, true); break;
    case PM_ORC_BYTE: r = pm_type_new(PM_TYPE_TINYINT, true); break;
    case PM_ORC_SHORT: r = pm_type_new(PM_TYPE_SMALLINT, true); break;
    case PM_ORC_INT: r = pm_type_new(PM_TYPE_INT, true); break;
    case PM_ORC_LONG: r = pm_type_new(PM_TYPE_BIGINT, true); break;
    case PM_ORC_FLOAT: r = pm_type_new(PM_TYPE_FLOAT, true); break;
    case PM_ORC_DOUBLE: r = pm_type_new(PM_TYPE_DOUBLE, true); break;
    case PM_ORC_STRING: r = pm_type_new_sized(PM_TYPE_VARCHAR, PM_MAX_LENGTH, true); break;
    case PM_ORC_VARCHAR:
        r = pm_type_new_sized(PM_TYPE_VARCHAR,
                              ty->max_length == 0 || ty->max_length > PM_MAX_LENGTH
                                  ? PM_MAX_LENGTH
                                  : (int32_t)ty->max_length,
                              true);
        break;
    case PM_ORC_CHAR:
        r = pm_type_new_sized(PM_TYPE_CHAR,
                              ty->max_length == 0 || ty->max_length > 255 ? 255
                                                                          : (int32_t)ty->max_length,
                              true);
        break;
    case PM_ORC_BINARY: r = pm_type_new_sized(PM_TYPE_VARBINARY, PM_MAX_LENGTH, true); break;
    case PM_ORC_DATE: r = pm_type_new(PM_TYPE_DATE, true); break;
    case PM_ORC_TIMESTAMP: r = pm_type_new_sized(PM_TYPE_TIMESTAMP, 9, true); break;
    case PM_ORC_TIMESTAMP_INSTANT: r = pm_type_new_sized(PM_TYPE_TIMESTAMP_LTZ, 9, true); break;
    case PM_ORC_DECIMAL:
        r = pm_type_new_decimal((int32_t)ty->precision, (int32_t)ty->scale, true);
        break;
    case PM_ORC_LIST: {
        pm_type *e;
        PM_TRY(type_of(t, ty->subtypes[0], depth + 1, &e, err));
        r = pm_type_new_array(e, true);
        break;
    }
    case PM_ORC_MAP: {
        pm_type *k, *v;
        PM_TRY(type_of(t, ty->subtypes[0], depth + 1, &k, err));
        int rc = type_of(t, ty->subtypes[1], depth + 1, &v, err);
        if (rc != PAIMON_OK) {
            pm_type_free(k);
            return rc;
        }
        r = pm_type_new_map(k, v, true);
        break;
    }
    case PM_ORC_STRUCT: return row_of(t, id, depth, out, err);
    default:
        return pm_err(err, PAIMON_EUNSUPPORTED, "ORC %s columns are not supported",
                      pm_orc_kind_name(ty->kind));
    }
    if (r == NULL)
        return pm_err_nomem(err);
    *out = r;
    return PAIMON_OK;
}

int pm_orc_file_fields(pm_file *file, const char *path, pm_field **fields_out, size_t *count_out,
                       paimon_error *err) {
    *fields_out = NULL;
    *count_out = 0;
    pm_codec_ctx *ctx = NULL;
    pm_orc_tail tail;
    memset(&tail, 0, sizeof tail);
    pm_type *row = NULL;
    int rc = pm_codec_ctx_new(&ctx, err);
    if (rc == PAIMON_OK)
        rc = pm_orc_tail_read(file, ctx, &tail, err);
    if (rc == PAIMON_OK)
        rc = type_of(&tail, 0, 0, &row, err);
    if (rc == PAIMON_OK) {
        /* Hand over the row's fields and free the shell. */
        *fields_out = row->fields;
        *count_out = row->field_count;
        row->fields = NULL;
        row->field_count = 0;
        pm_type_free(row);
    }
    pm_orc_tail_dispose(&tail);
    pm_codec_ctx_free(ctx);
    if (rc != PAIMON_OK)
        pm_err_prefix(err, "%s: ", path);
    return rc;
}
