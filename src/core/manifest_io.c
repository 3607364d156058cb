/*
 * manifest_io.c - the entry points of manifest.h: detect the format of a metadata file from its
 * first bytes (Avro "Obj\1" or ORC "ORC"), dispatch, name the file in errors, read files through
 * pm_fs, and release results.
 */
#include "core/manifest.h"

#include "core/manifest_avro.h"
#include "core/manifest_orc.h"

#include <string.h>

/* Manifests roll at 8 MiB by default; anything near this bound is not a manifest. */
#define MAX_MANIFEST_FILE_BYTES ((uint64_t)1 << 30)

typedef enum { FORMAT_AVRO, FORMAT_ORC, FORMAT_UNKNOWN } meta_format;

static meta_format sniff(const uint8_t *data, size_t len) {
    if (len >= 4 && memcmp(data, "Obj\x01", 4) == 0)
        return FORMAT_AVRO;
    if (len >= 3 && memcmp(data, "ORC", 3) == 0)
        return FORMAT_ORC;
    return FORMAT_UNKNOWN;
}

static int unknown_format(const uint8_t *data, size_t len, const char *source, paimon_error *err) {
    if (len == 0)
        return pm_err(err, PAIMON_ECORRUPT, "%s: empty file", source);
    char hex[16] = "";
    for (size_t i = 0; i < len && i < 4; i++) {
        static const char digits[] = "0123456789abcdef";
        hex[i * 3] = digits[data[i] >> 4];
        hex[i * 3 + 1] = digits[data[i] & 15];
        hex[i * 3 + 2] = ' ';
        hex[i * 3 + 3] = '\0';
    }
    return pm_err(err, PAIMON_ECORRUPT, "%s: neither an Avro nor an ORC file (starts with %s)",
                  source, hex);
}

static int with_source(int rc, const char *source, paimon_error *err) {
    if (rc != PAIMON_OK)
        pm_err_prefix(err, "%s: ", source);
    return rc;
}

int pm_manifest_list_decode(const uint8_t *data, size_t len, const char *source,
                            pm_manifest_list *out, paimon_error *err) {
    memset(out, 0, sizeof *out);
    switch (sniff(data, len)) {
    case FORMAT_AVRO:
        return with_source(pm_manifest_list_decode_avro(data, len, out, err), source, err);
    case FORMAT_ORC:
        return pm_manifest_list_decode_orc(data, len, source, out, err);
    default:
        return unknown_format(data, len, source, err);
    }
}

int pm_manifest_decode(const uint8_t *data, size_t len, const char *source, pm_manifest *out,
                       paimon_error *err) {
    memset(out, 0, sizeof *out);
    switch (sniff(data, len)) {
    case FORMAT_AVRO:
        return with_source(pm_manifest_decode_avro(data, len, out, err), source, err);
    case FORMAT_ORC:
        return pm_manifest_decode_orc(data, len, source, out, err);
    default:
        return unknown_format(data, len, source, err);
    }
}

int pm_index_manifest_decode(const uint8_t *data, size_t len, const char *source,
                             pm_index_manifest *out, paimon_error *err) {
    memset(out, 0, sizeof *out);
    switch (sniff(data, len)) {
    case FORMAT_AVRO:
        return with_source(pm_index_manifest_decode_avro(data, len, out, err), source, err);
    case FORMAT_ORC:
        return pm_index_manifest_decode_orc(data, len, source, out, err);
    default:
        return unknown_format(data, len, source, err);
    }
}

typedef int (*decode_fn)(const uint8_t *data, size_t len, const char *source, void *out,
                         paimon_error *err);

static int read_and_decode(pm_fs *fs, const char *table_path, const char *name, decode_fn decode,
                           void *out, paimon_error *err) {
    pm_buf path = PM_BUF_INIT, dir = PM_BUF_INIT, bytes = PM_BUF_INIT;
    int rc = PAIMON_OK;
    if (pm_path_join(&dir, table_path, "manifest") != PAIMON_OK ||
        pm_path_join(&path, pm_buf_cstr(&dir), name) != PAIMON_OK || pm_buf_cstr(&path) == NULL)
        rc = pm_err_nomem(err);
    if (rc == PAIMON_OK)
        rc = pm_fs_read_all(fs, (const char *)path.data, &bytes, MAX_MANIFEST_FILE_BYTES, err);
    if (rc == PAIMON_OK)
        rc = decode(bytes.data, bytes.len, (const char *)path.data, out, err);
    pm_buf_dispose(&path);
    pm_buf_dispose(&dir);
    pm_buf_dispose(&bytes);
    return rc;
}

static int decode_list_any(const uint8_t *d, size_t n, const char *s, void *o, paimon_error *e) {
    return pm_manifest_list_decode(d, n, s, o, e);
}
static int decode_manifest_any(const uint8_t *d, size_t n, const char *s, void *o,
                               paimon_error *e) {
    return pm_manifest_decode(d, n, s, o, e);
}
static int decode_index_any(const uint8_t *d, size_t n, const char *s, void *o, paimon_error *e) {
    return pm_index_manifest_decode(d, n, s, o, e);
}

int pm_manifest_list_read(pm_fs *fs, const char *table_path, const char *name,
                          pm_manifest_list *out, paimon_error *err) {
    memset(out, 0, sizeof *out);
    return read_and_decode(fs, table_path, name, decode_list_any, out, err);
}

int pm_manifest_read(pm_fs *fs, const char *table_path, const char *name, pm_manifest *out,
                     paimon_error *err) {
    memset(out, 0, sizeof *out);
    return read_and_decode(fs, table_path, name, decode_manifest_any, out, err);
}

int pm_index_manifest_read(pm_fs *fs, const char *table_path, const char *name,
                           pm_index_manifest *out, paimon_error *err) {
    memset(out, 0, sizeof *out);
    return read_and_decode(fs, table_path, name, decode_index_any, out, err);
}

void pm_manifest_list_dispose(pm_manifest_list *l) {
    pm_arena_dispose(&l->arena);
    l->items = NULL;
    l->count = 0;
}

void pm_manifest_dispose(pm_manifest *m) {
    pm_arena_dispose(&m->arena);
    m->items = NULL;
    m->count = 0;
}

void pm_index_manifest_dispose(pm_index_manifest *m) {
    pm_arena_dispose(&m->arena);
    m->items = NULL;
    m->count = 0;
}
