/*
 * fs.h - the storage abstraction. Everything in the library reaches files through a pm_fs, a
 * table of function pointers with one implementation per backend (fs_local.c for POSIX paths,
 * fs_mem.c for an in-memory tree that tests use to inject failures). The wrappers below are the
 * only callers of the table, so tracing and fault injection have one place to live.
 *
 * Paths are '/'-separated strings. Backends report errors with the path in the message.
 *
 * Atomicity: pm_fs_write_file(..., PM_WRITE_NO_REPLACE) publishes a complete file under its name
 * or fails with PAIMON_EEXISTS if the name is taken; readers never see a partial file. This is
 * the primitive the snapshot commit protocol relies on (spec 02 §4).
 */
#ifndef PM_IO_FS_H
#define PM_IO_FS_H

#include "util/buf.h"
#include "util/error.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct pm_fs pm_fs;
typedef struct pm_file pm_file;

typedef struct pm_dirent {
    char *name; /* owned by the pm_dir_list */
    bool is_dir;
} pm_dirent;

typedef struct pm_dir_list {
    pm_dirent *entries;
    size_t count;
    size_t cap;
} pm_dir_list;

typedef struct pm_file_info {
    bool exists;
    bool is_dir;
    uint64_t size;
} pm_file_info;

enum pm_write_mode {
    PM_WRITE_REPLACE = 0,    /* create or atomically replace */
    PM_WRITE_NO_REPLACE = 1, /* create; PAIMON_EEXISTS if the name exists */
};

typedef struct pm_fs_ops {
    uint32_t version; /* PM_FS_OPS_VERSION */
    int (*open)(pm_fs *fs, const char *path, pm_file **out, paimon_error *err);
    /* Reads exactly n bytes at offset; a short file is PAIMON_ECORRUPT. */
    int (*pread)(pm_file *f, uint64_t offset, void *buf, size_t n, paimon_error *err);
    uint64_t (*size)(pm_file *f);
    void (*close)(pm_file *f);
    int (*stat)(pm_fs *fs, const char *path, pm_file_info *out, paimon_error *err);
    /* Lists names directly under dir (no "." / ".."). A missing dir is PAIMON_ENOTFOUND. */
    int (*list)(pm_fs *fs, const char *dir, pm_dir_list *out, paimon_error *err);
    int (*write_file)(pm_fs *fs, const char *path, const void *data, size_t n, int mode,
                      paimon_error *err);
    int (*mkdirs)(pm_fs *fs, const char *path, paimon_error *err);
    /* Removes a file or an empty directory; a missing path is PAIMON_ENOTFOUND. */
    int (*remove)(pm_fs *fs, const char *path, paimon_error *err);
    /* Atomically renames; fails with PAIMON_EEXISTS when `to` exists. */
    int (*rename_no_replace)(pm_fs *fs, const char *from, const char *to, paimon_error *err);
    void (*destroy)(pm_fs *fs);
} pm_fs_ops;

#define PM_FS_OPS_VERSION 1

struct pm_fs {
    const pm_fs_ops *ops;
    atomic_int refcount; /* tables share a filesystem; the last release destroys it */
};

struct pm_file {
    pm_fs *fs;
    bool holds_fs; /* set by pm_fs_open: the file keeps a reference to fs until closed */
};

/* Backends. */
int pm_fs_local_new(pm_fs **out, paimon_error *err);
int pm_fs_mem_new(pm_fs **out, paimon_error *err);

/* Reference counting. */
pm_fs *pm_fs_retain(pm_fs *fs);
void pm_fs_release(pm_fs *fs);

/* Wrappers (the only callers of ops). An open pm_file holds a reference to its filesystem. */
int pm_fs_open(pm_fs *fs, const char *path, pm_file **out, paimon_error *err);
int pm_file_pread(pm_file *f, uint64_t offset, void *buf, size_t n, paimon_error *err);
uint64_t pm_file_size(pm_file *f);
void pm_file_close(pm_file *f);
int pm_fs_stat(pm_fs *fs, const char *path, pm_file_info *out, paimon_error *err);
int pm_fs_exists(pm_fs *fs, const char *path, bool *out, paimon_error *err);
int pm_fs_list(pm_fs *fs, const char *dir, pm_dir_list *out, paimon_error *err);
void pm_dir_list_dispose(pm_dir_list *list);
int pm_fs_write_file(pm_fs *fs, const char *path, const void *data, size_t n, int mode,
                     paimon_error *err);
int pm_fs_mkdirs(pm_fs *fs, const char *path, paimon_error *err);
int pm_fs_remove(pm_fs *fs, const char *path, paimon_error *err);
int pm_fs_rename_no_replace(pm_fs *fs, const char *from, const char *to, paimon_error *err);

/* Reads a whole file into out (replacing its content). `limit_bytes` bounds the size accepted
 * (0 = no limit); a larger file is PAIMON_ELIMIT. */
int pm_fs_read_all(pm_fs *fs, const char *path, pm_buf *out, uint64_t limit_bytes,
                   paimon_error *err);

/* Joins two path pieces with exactly one '/' into out (replacing its content). */
int pm_path_join(pm_buf *out, const char *a, const char *b);

/* In-memory backend fault injection: the n-th (0-based) operation from now fails with
 * PAIMON_EIO, and with `sticky` so does every later one. n < 0 disables. */
void pm_fs_mem_fail_at(pm_fs *fs, long n, bool sticky);
/* Number of operations the in-memory backend has performed. */
long pm_fs_mem_op_count(pm_fs *fs);

#endif
