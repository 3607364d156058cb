/* meta_files.c - listing versioned metadata files (FileUtils.listVersionedFiles). */
#include "core/meta_files.h"

#include "util/mem.h"
#include "util/strutil.h"
#include "util/vec.h"

#include <stdlib.h>
#include <string.h>

static int cmp_i64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

int pm_meta_list_versioned(pm_fs *fs, const char *dir, const char *prefix, int64_t **ids_out,
                           size_t *count_out, paimon_error *err) {
    pm_dir_list list = {NULL, 0, 0};
    *ids_out = NULL;
    *count_out = 0;
    int rc = pm_fs_list(fs, dir, &list, err);
    if (rc == PAIMON_ENOTFOUND)
        return PAIMON_OK;
    if (rc != PAIMON_OK)
        return rc;
    int64_t *ids = NULL;
    size_t count = 0, cap = 0, plen = strlen(prefix);
    for (size_t i = 0; i < list.count; i++) {
        const char *name = list.entries[i].name;
        int64_t id;
        if (list.entries[i].is_dir || strncmp(name, prefix, plen) != 0 ||
            !pm_parse_i64(name + plen, strlen(name + plen), &id))
            continue;
        if (pm_grow((void **)&ids, &cap, count + 1, sizeof *ids) != PAIMON_OK) {
            pm_free(ids);
            pm_dir_list_dispose(&list);
            return pm_err_nomem(err);
        }
        ids[count++] = id;
    }
    pm_dir_list_dispose(&list);
    if (count > 1)
        qsort(ids, count, sizeof *ids, cmp_i64);
    *ids_out = ids;
    *count_out = count;
    return PAIMON_OK;
}

int pm_meta_path(pm_buf *out, const char *table_path, const char *sub, const char *prefix,
                 int64_t id) {
    pm_buf_clear(out);
    size_t n = strlen(table_path);
    while (n > 1 && table_path[n - 1] == '/')
        n--;
    if (pm_buf_append(out, table_path, n) != PAIMON_OK)
        return PAIMON_ENOMEM;
    if (pm_buf_append_fmt(out, "/%s/%s%lld", sub, prefix, (long long)id) != PAIMON_OK ||
        pm_buf_cstr(out) == NULL)
        return PAIMON_ENOMEM;
    return PAIMON_OK;
}

int pm_meta_exists(pm_fs *fs, const char *path, bool *out, paimon_error *err) {
    return pm_fs_exists(fs, path, out, err);
}
