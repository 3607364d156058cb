/* orc_memfile.c - a read-only pm_file over borrowed bytes, so that ORC manifests decoded from
 * memory go through the same reader as data files. */
#include "format/orc/orc.h"

#include "util/mem.h"

#include <string.h>

typedef struct mem_file {
    pm_file base;
    const uint8_t *data;
    size_t len;
} mem_file;

static int mem_pread(pm_file *f, uint64_t offset, void *buf, size_t n, paimon_error *err) {
    mem_file *m = (mem_file *)f;
    if (offset > m->len || n > m->len - offset)
        return PM_CORRUPT(err, "read of %zu bytes at %llu past the end (%zu bytes)", n,
                          (unsigned long long)offset, m->len);
    memcpy(buf, m->data + offset, n);
    return PAIMON_OK;
}

static uint64_t mem_size(pm_file *f) { return ((mem_file *)f)->len; }

static void mem_close(pm_file *f) { pm_free(f); }

static const pm_fs_ops mem_file_ops = {
    .version = PM_FS_OPS_VERSION,
    .pread = mem_pread,
    .size = mem_size,
    .close = mem_close,
};

/* Only the file operations are reachable through this fs; it is never retained or released. */
static pm_fs mem_file_fs = {&mem_file_ops, 1};

int pm_orc_mem_file_new(const uint8_t *data, size_t len, pm_file **out, paimon_error *err) {
    mem_file *m = pm_calloc(1, sizeof *m);
    if (m == NULL)
        return pm_err_nomem(err);
    m->base.fs = &mem_file_fs;
    m->data = data;
    m->len = len;
    *out = &m->base;
    return PAIMON_OK;
}
