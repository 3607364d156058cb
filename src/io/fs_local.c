/*
 * fs_local.c - POSIX backend.
 *
 * Atomic publication writes a hidden temporary file in the target's directory, fsyncs it, and
 * then either rename(2)s it over the target (replace) or link(2)s it to the target name, which
 * fails with EEXIST when the name is taken (no-replace), before unlinking the temporary name.
 */
#include "io/fs.h"

#include "util/mem.h"
#include "util/uuid.h"
#include "util/vec.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct local_file {
    pm_file base;
    int fd;
    uint64_t size;
    char *path; /* for error messages */
} local_file;

static int errno_status(int e) {
    switch (e) {
    case ENOENT:
    case ENOTDIR: return PAIMON_ENOTFOUND;
    case EEXIST: return PAIMON_EEXISTS;
    case ENOMEM: return PAIMON_ENOMEM;
    case EINVAL:
    case ENAMETOOLONG: return PAIMON_EINVAL;
    default: return PAIMON_EIO;
    }
}

static int errno_err(paimon_error *err, const char *path, const char *what) {
    int e = errno;
    return pm_err(err, errno_status(e), "%s: %s: %s", path, what, strerror(e));
}

static int local_open(pm_fs *fs, const char *path, pm_file **out, paimon_error *err) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno_err(err, path, "cannot open");
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int rc = errno_err(err, path, "cannot stat");
        close(fd);
        return rc;
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        return pm_err(err, PAIMON_EINVAL, "%s: is a directory, expected a file", path);
    }
    local_file *f = pm_calloc(1, sizeof *f);
    char *copy = pm_strdup(path);
    if (f == NULL || copy == NULL) {
        pm_free(f);
        pm_free(copy);
        close(fd);
        return pm_err_nomem(err);
    }
    f->base.fs = fs;
    f->fd = fd;
    f->size = (uint64_t)st.st_size;
    f->path = copy;
    *out = &f->base;
    return PAIMON_OK;
}

static int local_pread(pm_file *file, uint64_t offset, void *buf, size_t n, paimon_error *err) {
    local_file *f = (local_file *)file;
    if (offset > f->size || n > f->size - offset)
        return pm_err(err, PAIMON_ECORRUPT,
                      "%s: read of %zu bytes at offset %llu runs past the end (%llu bytes)",
                      f->path, n, (unsigned long long)offset, (unsigned long long)f->size);
    uint8_t *p = buf;
    while (n > 0) {
        ssize_t got = pread(f->fd, p, n, (off_t)offset);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            return errno_err(err, f->path, "read failed");
        }
        if (got == 0)
            return pm_err(err, PAIMON_ECORRUPT, "%s: file shrank while reading", f->path);
        p += got;
        n -= (size_t)got;
        offset += (uint64_t)got;
    }
    return PAIMON_OK;
}

static uint64_t local_size(pm_file *file) { return ((local_file *)file)->size; }

static void local_close(pm_file *file) {
    local_file *f = (local_file *)file;
    close(f->fd);
    pm_free(f->path);
    pm_free(f);
}

static int local_stat(pm_fs *fs, const char *path, pm_file_info *out, paimon_error *err) {
    (void)fs;
    struct stat st;
    memset(out, 0, sizeof *out);
    if (stat(path, &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return PAIMON_OK;
        return errno_err(err, path, "cannot stat");
    }
    out->exists = true;
    out->is_dir = S_ISDIR(st.st_mode);
    out->size = (uint64_t)st.st_size;
    return PAIMON_OK;
}

static int local_list(pm_fs *fs, const char *dir, pm_dir_list *out, paimon_error *err) {
    (void)fs;
    DIR *d = opendir(dir);
    if (d == NULL)
        return errno_err(err, dir, "cannot list directory");
    int rc = PAIMON_OK;
    pm_buf path = PM_BUF_INIT;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        bool is_dir;
        if (e->d_type == DT_DIR || e->d_type == DT_REG) {
            is_dir = e->d_type == DT_DIR;
        } else {
            struct stat st;
            if (pm_path_join(&path, dir, e->d_name) != PAIMON_OK) {
                rc = pm_err_nomem(err);
                break;
            }
            is_dir = stat((const char *)path.data, &st) == 0 && S_ISDIR(st.st_mode);
        }
        pm_dirent entry = {pm_strdup(e->d_name), is_dir};
        if (entry.name == NULL ||
            pm_grow((void **)&out->entries, &out->cap, out->count + 1, sizeof *out->entries)) {
            pm_free(entry.name);
            rc = pm_err_nomem(err);
            break;
        }
        out->entries[out->count++] = entry;
    }
    closedir(d);
    pm_buf_dispose(&path);
    return rc;
}

static int write_fully(int fd, const void *data, size_t n) {
    const uint8_t *p = data;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Temporary name in the same directory: "<dir>/.<name>.<uuid>.tmp", as Java does. */
static int temp_path_for(pm_buf *tmp, const char *path, paimon_error *err) {
    char uuid[PM_UUID_STR_LEN + 1];
    PM_TRY(pm_uuid_v4(uuid, err));
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
    const char *name = path + dir_len;
    pm_buf_clear(tmp);
    if (pm_buf_append(tmp, path, dir_len) || pm_buf_append_fmt(tmp, ".%s.%s.tmp", name, uuid))
        return pm_err_nomem(err);
    return PAIMON_OK;
}

static int local_write_file(pm_fs *fs, const char *path, const void *data, size_t n, int mode,
                            paimon_error *err) {
    (void)fs;
    pm_buf tmp = PM_BUF_INIT;
    int rc = temp_path_for(&tmp, path, err);
    if (rc != PAIMON_OK)
        return rc;
    const char *tmp_path = (const char *)tmp.data;
    int fd = open(tmp_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        rc = errno_err(err, path, "cannot create temporary file");
        pm_buf_dispose(&tmp);
        return rc;
    }
    if (write_fully(fd, data, n) != 0 || fsync(fd) != 0) {
        rc = errno_err(err, path, "write failed");
        close(fd);
        unlink(tmp_path);
        pm_buf_dispose(&tmp);
        return rc;
    }
    close(fd);
    if (mode == PM_WRITE_NO_REPLACE) {
        if (link(tmp_path, path) != 0)
            rc = errno == EEXIST ? pm_err(err, PAIMON_EEXISTS, "%s: already exists", path)
                                 : errno_err(err, path, "cannot publish");
        unlink(tmp_path);
    } else if (rename(tmp_path, path) != 0) {
        rc = errno_err(err, path, "cannot publish");
        unlink(tmp_path);
    }
    pm_buf_dispose(&tmp);
    return rc;
}

static int local_mkdirs(pm_fs *fs, const char *path, paimon_error *err) {
    (void)fs;
    char *copy = pm_strdup(path);
    if (copy == NULL)
        return pm_err_nomem(err);
    int rc = PAIMON_OK;
    for (char *p = copy + 1;; p++) {
        if (*p == '/' || *p == '\0') {
            char saved = *p;
            *p = '\0';
            if (mkdir(copy, 0755) != 0 && errno != EEXIST) {
                rc = errno_err(err, copy, "cannot create directory");
                break;
            }
            *p = saved;
            if (saved == '\0')
                break;
        }
    }
    if (rc == PAIMON_OK) {
        struct stat st;
        if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
            rc = pm_err(err, PAIMON_EIO, "%s: exists and is not a directory", path);
    }
    pm_free(copy);
    return rc;
}

static int local_remove(pm_fs *fs, const char *path, paimon_error *err) {
    (void)fs;
    if (remove(path) != 0)
        return errno_err(err, path, "cannot remove");
    return PAIMON_OK;
}

static int local_rename_no_replace(pm_fs *fs, const char *from, const char *to,
                                   paimon_error *err) {
    (void)fs;
    if (link(from, to) != 0) {
        if (errno == EEXIST)
            return pm_err(err, PAIMON_EEXISTS, "%s: already exists", to);
        return errno_err(err, to, "cannot rename");
    }
    unlink(from);
    return PAIMON_OK;
}

static void local_destroy(pm_fs *fs) { pm_free(fs); }

static const pm_fs_ops local_ops = {
    PM_FS_OPS_VERSION, local_open,   local_pread,      local_size,
    local_close,       local_stat,   local_list,       local_write_file,
    local_mkdirs,      local_remove, local_rename_no_replace, local_destroy,
};

int pm_fs_local_new(pm_fs **out, paimon_error *err) {
    pm_fs *fs = pm_calloc(1, sizeof *fs);
    if (fs == NULL)
        return pm_err_nomem(err);
    fs->ops = &local_ops;
    fs->refcount = 1;
    *out = fs;
    return PAIMON_OK;
}
