/* schema_manager.c - schema files of a table: load by id, find the latest, commit a new one. */
#include "core/meta_files.h"
#include "core/schema.h"

#include "util/mem.h"

#include <string.h>

int pm_schema_load(pm_fs *fs, const char *table_path, int64_t schema_id, pm_schema **out,
                   paimon_error *err) {
    pm_buf path = PM_BUF_INIT, text = PM_BUF_INIT;
    if (pm_meta_path(&path, table_path, "schema", "schema-", schema_id) != PAIMON_OK)
        return pm_err_nomem(err);
    const char *p = (const char *)path.data;
    int rc = pm_fs_read_all(fs, p, &text, PM_META_FILE_LIMIT, err);
    if (rc == PAIMON_OK)
        rc = pm_schema_parse((const char *)text.data, text.len, p, out, err);
    if (rc == PAIMON_OK && (*out)->id != schema_id) {
        rc = PM_CORRUPT(err, "%s: holds schema id %lld", p, (long long)(*out)->id);
        pm_schema_free(*out);
        *out = NULL;
    }
    pm_buf_dispose(&path);
    pm_buf_dispose(&text);
    return rc;
}

int pm_schema_latest_id(pm_fs *fs, const char *table_path, int64_t *out, paimon_error *err) {
    pm_buf dir = PM_BUF_INIT;
    if (pm_path_join(&dir, table_path, "schema") != PAIMON_OK || pm_buf_cstr(&dir) == NULL)
        return pm_err_nomem(err);
    int64_t *ids;
    size_t n;
    int rc = pm_meta_list_versioned(fs, (const char *)dir.data, "schema-", &ids, &n, err);
    if (rc == PAIMON_OK && n == 0)
        rc = pm_err(err, PAIMON_ENOTFOUND, "%s: no schema files", (const char *)dir.data);
    if (rc == PAIMON_OK)
        *out = ids[n - 1];
    pm_free(ids);
    pm_buf_dispose(&dir);
    return rc;
}

int pm_schema_commit(pm_fs *fs, const char *table_path, const pm_schema *s, paimon_error *err) {
    pm_buf path = PM_BUF_INIT, json = PM_BUF_INIT;
    int rc = pm_path_join(&path, table_path, "schema") == PAIMON_OK && pm_buf_cstr(&path)
                 ? PAIMON_OK
                 : pm_err_nomem(err);
    if (rc == PAIMON_OK)
        rc = pm_fs_mkdirs(fs, (const char *)path.data, err);
    if (rc == PAIMON_OK)
        rc = pm_schema_to_json(s, &json, err);
    if (rc == PAIMON_OK && pm_meta_path(&path, table_path, "schema", "schema-", s->id))
        rc = pm_err_nomem(err);
    if (rc == PAIMON_OK)
        rc = pm_fs_write_file(fs, (const char *)path.data, json.data, json.len,
                              PM_WRITE_NO_REPLACE, err);
    pm_buf_dispose(&path);
    pm_buf_dispose(&json);
    return rc;
}
