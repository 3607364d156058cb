/* fs.c - wrappers over the backend table, shared helpers. */
#include "io/fs.h"

#include "util/mem.h"

pm_fs *pm_fs_retain(pm_fs *fs) {
    if (fs != NULL)
        atomic_fetch_add_explicit(&fs->refcount, 1, memory_order_relaxed);
    return fs;
}

void pm_fs_release(pm_fs *fs) {
    if (fs == NULL)
        return;
    if (atomic_fetch_sub_explicit(&fs->refcount, 1, memory_order_acq_rel) == 1)
        fs->ops->destroy(fs);
}

int pm_fs_open(pm_fs *fs, const char *path, pm_file **out, paimon_error *err) {
    PM_TRY(fs->ops->open(fs, path, out, err));
    /* An open file keeps its filesystem alive, whoever releases the filesystem first. (Files
     * made by other means, such as views of memory, hold no reference.) */
    (*out)->holds_fs = true;
    pm_fs_retain(fs);
    return PAIMON_OK;
}

int pm_file_pread(pm_file *f, uint64_t offset, void *buf, size_t n, paimon_error *err) {
    if (n == 0)
        return PAIMON_OK;
    return f->fs->ops->pread(f, offset, buf, n, err);
}

uint64_t pm_file_size(pm_file *f) { return f->fs->ops->size(f); }

void pm_file_close(pm_file *f) {
    if (f == NULL)
        return;
    pm_fs *fs = f->fs;
    bool holds = f->holds_fs;
    fs->ops->close(f);
    if (holds)
        pm_fs_release(fs);
}

int pm_fs_stat(pm_fs *fs, const char *path, pm_file_info *out, paimon_error *err) {
    return fs->ops->stat(fs, path, out, err);
}

int pm_fs_exists(pm_fs *fs, const char *path, bool *out, paimon_error *err) {
    pm_file_info info;
    PM_TRY(pm_fs_stat(fs, path, &info, err));
    *out = info.exists;
    return PAIMON_OK;
}

int pm_fs_list(pm_fs *fs, const char *dir, pm_dir_list *out, paimon_error *err) {
    out->entries = NULL;
    out->count = 0;
    out->cap = 0;
    int rc = fs->ops->list(fs, dir, out, err);
    if (rc != PAIMON_OK)
        pm_dir_list_dispose(out);
    return rc;
}

void pm_dir_list_dispose(pm_dir_list *list) {
    for (size_t i = 0; i < list->count; i++)
        pm_free(list->entries[i].name);
    pm_free(list->entries);
    list->entries = NULL;
    list->count = 0;
    list->cap = 0;
}

int pm_fs_write_file(pm_fs *fs, const char *path, const void *data, size_t n, int mode,
                     paimon_error *err) {
    return fs->ops->write_file(fs, path, data, n, mode, err);
}

int pm_fs_mkdirs(pm_fs *fs, const char *path, paimon_error *err) {
    return fs->ops->mkdirs(fs, path, err);
}

int pm_fs_remove(pm_fs *fs, const char *path, paimon_error *err) {
    return fs->ops->remove(fs, path, err);
}

int pm_fs_rename_no_replace(pm_fs *fs, const char *from, const char *to, paimon_error *err) {
    return fs->ops->rename_no_replace(fs, from, to, err);
}

int pm_fs_read_all(pm_fs *fs, const char *path, pm_buf *out, uint64_t limit_bytes,
                   paimon_error *err) {
    pm_file *f;
    PM_TRY(pm_fs_open(fs, path, &f, err));
    uint64_t size = pm_file_size(f);
    int rc = PAIMON_OK;
    if (limit_bytes != 0 && size > limit_bytes) {
        rc = pm_err(err, PAIMON_ELIMIT, "%s: file of %llu bytes exceeds the limit of %llu", path,
                    (unsigned long long)size, (unsigned long long)limit_bytes);
    } else if (size > (uint64_t)SIZE_MAX - 1) {
        rc = pm_err(err, PAIMON_ELIMIT, "%s: file too large", path);
    } else {
        pm_buf_clear(out);
        if (pm_buf_reserve(out, (size_t)size + 1) != PAIMON_OK)
            rc = pm_err_nomem(err);
        else
            rc = pm_file_pread(f, 0, out->data, (size_t)size, err);
        if (rc == PAIMON_OK) {
            out->len = (size_t)size;
            out->data[out->len] = '\0'; /* convenient for text files; not counted in len */
        }
    }
    pm_file_close(f);
    return rc;
}

int pm_path_join(pm_buf *out, const char *a, const char *b) {
    pm_buf_clear(out);
    size_t la = strlen(a);
    while (la > 1 && a[la - 1] == '/')
        la--;
    while (*b == '/')
        b++;
    if (pm_buf_append(out, a, la) != PAIMON_OK)
        return PAIMON_ENOMEM;
    if (la > 0 && a[la - 1] != '/' && *b != '\0' && pm_buf_append_byte(out, '/') != PAIMON_OK)
        return PAIMON_ENOMEM;
    if (pm_buf_append_str(out, b) != PAIMON_OK || pm_buf_cstr(out) == NULL)
        return PAIMON_ENOMEM;
    return PAIMON_OK;
}
