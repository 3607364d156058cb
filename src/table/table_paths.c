/* table_paths.c - where a table's data files live, and partition values as JSON. */
#include "table/table_internal.h"

#include "core/binary_row.h"
#include "core/partition.h"
#include "table/value_format.h"
#include "util/strutil.h"

#include <string.h>

static const pm_field *partition_field(const pm_schema *s, size_t k) {
    long at = pm_schema_field_index(s, s->partition_keys[k]);
    return at < 0 ? NULL : &pm_schema_fields(s)[at];
}

int pm_check_file_name(const char *name, const char *what, const char *source, paimon_error *err) {
    if (name == NULL || name[0] == '\0' || strcmp(name, ".") == 0 || strcmp(name, "..") == 0 ||
        strchr(name, '/') != NULL || strchr(name, '\\') != NULL)
        return pm_err(err, PAIMON_ECORRUPT, "%s: invalid %s name '%s' (must be a plain file name)",
                      source, what, name ? name : "");
    return PAIMON_OK;
}

int pm_local_path(const char *uri, pm_buf *out, paimon_error *err) {
    const char *p = uri;
    if (pm_strn_ieq(p, "file:", 5)) {
        p += 5;
        if (p[0] == '/' && p[1] == '/')
            p += 2; /* file:///x: an empty authority */
    } else {
        const char *colon = strchr(p, ':');
        const char *slash = strchr(p, '/');
        if (colon != NULL && (slash == NULL || colon < slash))
            return pm_err(err, PAIMON_EUNSUPPORTED,
                          "%s: external paths on other file systems than the local one are not "
                          "supported yet",
                          uri);
    }
    PM_TRY_MEM(err, pm_buf_append_str(out, p));
    return PAIMON_OK;
}

int pm_plan_file_path(paimon_plan *p, const pm_manifest_entry *e, const char *source,
                      const char **out, paimon_error *err) {
    pm_buf path = PM_BUF_INIT;
    int rc;
    if (e->file.external_path != NULL) {
        rc = pm_local_path(e->file.external_path, &path, err);
    } else {
        rc = pm_check_file_name(e->file.file_name, "data file", source, err);
        if (rc == PAIMON_OK)
            rc = pm_bucket_dir(p->table, p->schema, &p->namer, e->partition, e->bucket, &path,
                               err);
        if (rc == PAIMON_OK &&
            (pm_buf_append_byte(&path, '/') || pm_buf_append_str(&path, e->file.file_name)))
            rc = pm_err_nomem(err);
    }
    if (rc == PAIMON_OK && (*out = pm_arena_strndup(&p->arena, (const char *)pm_buf_cstr(&path),
                                                    path.len)) == NULL)
        rc = pm_err_nomem(err);
    pm_buf_dispose(&path);
    return rc;
}

int pm_bucket_dir(const paimon_table *t, const pm_schema *s, const pm_partition_namer *namer,
                  pm_bytes partition, int32_t bucket, pm_buf *out, paimon_error *err) {
    pm_buf_clear(out);
    PM_TRY_MEM(err, pm_buf_append_str(out, t->path));
    const char *data_dir = pm_schema_option(s, "data-file.path-directory");
    if (data_dir != NULL && data_dir[0] != '\0')
        PM_TRY_MEM(err, pm_buf_append_fmt(out, "/%s", data_dir));
    if (s->partition_key_count > 0) {
        pm_binrow row;
        PM_TRY(pm_binrow_from_serialized(partition.data, partition.len, &row, err));
        pm_buf part = PM_BUF_INIT;
        int rc = pm_partition_path(namer, &row, &part, err);
        if (rc == PAIMON_OK && part.len > 0)
            rc = pm_buf_append_byte(out, '/') || pm_buf_append(out, part.data, part.len)
                     ? pm_err_nomem(err)
                     : PAIMON_OK;
        pm_buf_dispose(&part);
        PM_TRY(rc);
    }
    PM_TRY_MEM(err, pm_buf_append_byte(out, '/'));
    PM_TRY_MEM(err, pm_bucket_dir_name(bucket, out));
    if (pm_buf_cstr(out) == NULL)
        return pm_err_nomem(err);
    return PAIMON_OK;
}

int pm_partition_json(const pm_schema *s, pm_bytes partition, pm_buf *out, paimon_error *err) {
    pm_buf_clear(out);
    PM_TRY_MEM(err, pm_buf_append_byte(out, '{'));
    if (s->partition_key_count > 0) {
        pm_binrow row;
        PM_TRY(pm_binrow_from_serialized(partition.data, partition.len, &row, err));
        for (size_t k = 0; k < s->partition_key_count; k++) {
            const pm_field *f = partition_field(s, k);
            if (f == NULL || (int32_t)k >= row.arity)
                return pm_err(err, PAIMON_ECORRUPT,
                              "partition row has %d fields, the schema has %zu partition keys",
                              row.arity, s->partition_key_count);
            pm_datum d;
            PM_TRY(pm_binrow_get(&row, (int32_t)k, f->type, &d, err));
            if (k > 0)
                PM_TRY_MEM(err, pm_buf_append_byte(out, ','));
            PM_TRY_MEM(err,
                       pm_json_append_string(out, (const uint8_t *)f->name, strlen(f->name), true));
            PM_TRY_MEM(err, pm_buf_append_byte(out, ':'));
            PM_TRY_MEM(err, pm_value_append_datum(out, f->type, &d, true));
        }
    }
    PM_TRY_MEM(err, pm_buf_append_byte(out, '}'));
    if (pm_buf_cstr(out) == NULL)
        return pm_err_nomem(err);
    return PAIMON_OK;
}
