/*
 * fs_mem.c - in-memory backend for tests.
 *
 * Files live in a flat list keyed by full path; directories are implicit (a path is a directory
 * if it was created by mkdirs or some file lives below it), as on object stores. Every operation
 * counts, and pm_fs_mem_fail_at() makes a chosen operation fail with PAIMON_EIO, so tests can
 * walk an I/O failure through every step of a read or a commit.
 */
#include "io/fs.h"

#include "util/mem.h"
#include "util/vec.h"

#include <string.h>

typedef struct mem_node {
    char *path;
    bool is_dir;
    pm_buf data;
} mem_node;

typedef struct mem_fs {
    pm_fs base;
    mem_node *nodes;
    size_t count;
    size_t cap;
    long ops;
    long fail_at;
    bool fail_sticky;
} mem_fs;

typedef struct mem_file {
    pm_file base;
    pm_buf data; /* a private copy: later writes do not change an open file */
    char *path;
} mem_file;

static int mem_tick(mem_fs *m, const char *path, paimon_error *err) {
    long op = m->ops++;
    if (m->fail_at >= 0 && (op == m->fail_at || (m->fail_sticky && op > m->fail_at)))
        return pm_err(err, PAIMON_EIO, "%s: injected I/O failure (operation %ld)", path, op);
    return PAIMON_OK;
}

static mem_node *mem_find(mem_fs *m, const char *path) {
    for (size_t i = 0; i < m->count; i++) {
        if (strcmp(m->nodes[i].path, path) == 0)
            return &m->nodes[i];
    }
    return NULL;
}

static bool mem_has_children(mem_fs *m, const char *dir) {
    size_t n = strlen(dir);
    for (size_t i = 0; i < m->count; i++) {
        if (strncmp(m->nodes[i].path, dir, n) == 0 && m->nodes[i].path[n] == '/')
            return true;
    }
    return false;
}

static int mem_open(pm_fs *fs, const char *path, pm_file **out, paimon_error *err) {
    mem_fs *m = (mem_fs *)fs;
    PM_TRY(mem_tick(m, path, err));
    mem_node *node = mem_find(m, path);
    if (node == NULL || node->is_dir)
        return pm_err(err, node ? PAIMON_EINVAL : PAIMON_ENOTFOUND, "%s: %s", path,
                      node ? "is a directory, expected a file" : "cannot open: no such file");
    mem_file *f = pm_calloc(1, sizeof *f);
    if (f == NULL)
        return pm_err_nomem(err);
    f->base.fs = fs;
    f->path = pm_strdup(path);
    if (f->path == NULL || pm_buf_append(&f->data, node->data.data, node->data.len)) {
        pm_free(f->path);
        pm_buf_dispose(&f->data);
        pm_free(f);
        return pm_err_nomem(err);
    }
    *out = &f->base;
    return PAIMON_OK;
}

static int mem_pread(pm_file *file, uint64_t offset, void *buf, size_t n, paimon_error *err) {
    mem_file *f = (mem_file *)file;
    PM_TRY(mem_tick((mem_fs *)file->fs, f->path, err));
    if (offset > f->data.len || n > f->data.len - offset)
        return pm_err(err, PAIMON_ECORRUPT,
                      "%s: read of %zu bytes at offset %llu runs past the end (%zu bytes)",
                      f->path, n, (unsigned long long)offset, f->data.len);
    memcpy(buf, f->data.data + offset, n);
    return PAIMON_OK;
}

static uint64_t mem_size(pm_file *file) { return ((mem_file *)file)->data.len; }

static void mem_close(pm_file *file) {
    mem_file *f = (mem_file *)file;
    pm_buf_dispose(&f->data);
    pm_free(f->path);
    pm_free(f);
}

static int mem_stat(pm_fs *fs, const char *path, pm_file_info *out, paimon_error *err) {
    mem_fs *m = (mem_fs *)fs;
    PM_TRY(mem_tick(m, path, err));
    memset(out, 0, sizeof *out);
    mem_node *node = mem_find(m, path);
    if (node != NULL) {
        out->exists = true;
        out->is_dir = node->is_dir;
        out->size = node->is_dir ? 0 : node->data.len;
    } else if (mem_has_children(m, path)) {
        out->exists = true;
        out->is_dir = true;
    }
    return PAIMON_OK;
}

static int mem_list(pm_fs *fs, const char *dir, pm_dir_list *out, paimon_error *err) {
    mem_fs *m = (mem_fs *)fs;
    PM_TRY(mem_tick(m, dir, err));
    size_t n = strlen(dir);
    mem_node *self = mem_find(m, dir);
    if ((self == NULL || !self->is_dir) && !mem_has_children(m, dir))
        return pm_err(err, PAIMON_ENOTFOUND, "%s: cannot list directory: no such directory", dir);
    for (size_t i = 0; i < m->count; i++) {
        const char *p = m->nodes[i].path;
        if (strncmp(p, dir, n) != 0 || p[n] != '/')
            continue;
        const char *rest = p + n + 1;
        const char *slash = strchr(rest, '/');
        size_t len = slash ? (size_t)(slash - rest) : strlen(rest);
        bool is_dir = slash != NULL || m->nodes[i].is_dir;
        bool seen = false;
        for (size_t j = 0; j < out->count; j++) {
            if (strlen(out->entries[j].name) == len && memcmp(out->entries[j].name, rest, len) == 0)
                seen = true;
        }
        if (seen)
            continue;
        pm_dirent e = {pm_strndup(rest, len), is_dir};
        if (e.name == NULL ||
            pm_grow((void **)&out->entries, &out->cap, out->count + 1, sizeof *out->entries)) {
            pm_free(e.name);
            return pm_err_nomem(err);
        }
        out->entries[out->count++] = e;
    }
    return PAIMON_OK;
}

static int mem_add_node(mem_fs *m, const char *path, bool is_dir, mem_node **out,
                        paimon_error *err) {
    if (pm_grow((void **)&m->nodes, &m->cap, m->count + 1, sizeof *m->nodes) != PAIMON_OK)
        return pm_err_nomem(err);
    mem_node *node = &m->nodes[m->count];
    node->path = pm_strdup(path);
    if (node->path == NULL)
        return pm_err_nomem(err);
    node->is_dir = is_dir;
    pm_buf_init(&node->data);
    m->count++;
    *out = node;
    return PAIMON_OK;
}

static int mem_write_file(pm_fs *fs, const char *path, const void *data, size_t n, int mode,
                          paimon_error *err) {
    mem_fs *m = (mem_fs *)fs;
    PM_TRY(mem_tick(m, path, err));
    mem_node *node = mem_find(m, path);
    if (node != NULL && node->is_dir)
        return pm_err(err, PAIMON_EIO, "%s: is a directory", path);
    if (node != NULL && mode == PM_WRITE_NO_REPLACE)
        return pm_err(err, PAIMON_EEXISTS, "%s: already exists", path);
    pm_buf fresh = PM_BUF_INIT;
    if (pm_buf_append(&fresh, data, n) != PAIMON_OK)
        return pm_err_nomem(err);
    if (node == NULL) {
        int rc = mem_add_node(m, path, false, &node, err);
        if (rc != PAIMON_OK) {
            pm_buf_dispose(&fresh);
            return rc;
        }
    }
    pm_buf_dispose(&node->data);
    node->data = fresh;
    return PAIMON_OK;
}

static int mem_mkdirs(pm_fs *fs, const char *path, paimon_error *err) {
    mem_fs *m = (mem_fs *)fs;
    PM_TRY(mem_tick(m, path, err));
    mem_node *node = mem_find(m, path);
    if (node != NULL)
        return node->is_dir ? PAIMON_OK
                            : pm_err(err, PAIMON_EIO, "%s: exists and is not a directory", path);
    return mem_add_node(m, path, true, &node, err);
}

static void mem_drop(mem_fs *m, mem_node *node) {
    pm_free(node->path);
    pm_buf_dispose(&node->data);
    *node = m->nodes[--m->count];
}

static int mem_remove(pm_fs *fs, const char *path, paimon_error *err) {
    mem_fs *m = (mem_fs *)fs;
    PM_TRY(mem_tick(m, path, err));
    mem_node *node = mem_find(m, path);
    if (node == NULL)
        return pm_err(err, PAIMON_ENOTFOUND, "%s: cannot remove: no such file", path);
    if (node->is_dir && mem_has_children(m, path))
        return pm_err(err, PAIMON_EIO, "%s: cannot remove: directory not empty", path);
    mem_drop(m, node);
    return PAIMON_OK;
}

static int mem_rename_no_replace(pm_fs *fs, const char *from, const char *to,
                                 paimon_error *err) {
    mem_fs *m = (mem_fs *)fs;
    PM_TRY(mem_tick(m, to, err));
    if (mem_find(m, to) != NULL)
        return pm_err(err, PAIMON_EEXISTS, "%s: already exists", to);
    mem_node *node = mem_find(m, from);
    if (node == NULL)
        return pm_err(err, PAIMON_ENOTFOUND, "%s: cannot rename: no such file", from);
    char *copy = pm_strdup(to);
    if (copy == NULL)
        return pm_err_nomem(err);
    pm_free(node->path);
    node->path = copy;
    return PAIMON_OK;
}

static void mem_destroy(pm_fs *fs) {
    mem_fs *m = (mem_fs *)fs;
    for (size_t i = 0; i < m->count; i++) {
        pm_free(m->nodes[i].path);
        pm_buf_dispose(&m->nodes[i].data);
    }
    pm_free(m->nodes);
    pm_free(m);
}

static const pm_fs_ops mem_ops = {
    PM_FS_OPS_VERSION, mem_open,   mem_pread,      mem_size,
    mem_close,         mem_stat,   mem_list,       mem_write_file,
    mem_mkdirs,        mem_remove, mem_rename_no_replace, mem_destroy,
};

int pm_fs_mem_new(pm_fs **out, paimon_error *err) {
    mem_fs *m = pm_calloc(1, sizeof *m);
    if (m == NULL)
        return pm_err_nomem(err);
    m->base.ops = &mem_ops;
    m->base.refcount = 1;
    m->fail_at = -1;
    *out = &m->base;
    return PAIMON_OK;
}

void pm_fs_mem_fail_at(pm_fs *fs, long n, bool sticky) {
    mem_fs *m = (mem_fs *)fs;
    PM_ASSERT(fs->ops == &mem_ops);
    m->fail_at = n < 0 ? -1 : m->ops + n;
    m->fail_sticky = sticky;
}

long pm_fs_mem_op_count(pm_fs *fs) {
    PM_ASSERT(fs->ops == &mem_ops);
    return ((mem_fs *)fs)->ops;
}
