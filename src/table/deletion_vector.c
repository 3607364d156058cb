/* deletion_vector.c - parsing deletion vectors; bitmaps are CRoaring's portable format. */
#include "table/deletion_vector.h"

#include "util/crc32.h"
#include "util/endian.h"
#include "util/mem.h"

#include <roaring/roaring.h>

#define DV_MAGIC_32 1581511376u
#define DV_MAGIC_64 1681511377u
#define DV_MAX_BYTES (1u << 30)

struct pm_dv {
    size_t count;   /* number of 32-bit bitmaps */
    uint32_t *keys; /* high 32 bits of the positions of each bitmap */
    roaring_bitmap_t **bitmaps;
};

void pm_dv_free(pm_dv *dv) {
    if (dv == NULL)
        return;
    for (size_t i = 0; i < dv->count; i++)
        roaring_bitmap_free(dv->bitmaps[i]);
    pm_free(dv->keys);
    pm_free(dv->bitmaps);
    pm_free(dv);
}

static int dv_alloc(size_t count, pm_dv **out, paimon_error *err) {
    pm_dv *dv = pm_calloc(1, sizeof *dv);
    if (dv != NULL) {
        dv->keys = pm_calloc(count ? count : 1, sizeof *dv->keys);
        dv->bitmaps = pm_calloc(count ? count : 1, sizeof *dv->bitmaps);
    }
    if (dv == NULL || dv->keys == NULL || dv->bitmaps == NULL) {
        pm_dv_free(dv);
        return pm_err_nomem(err);
    }
    *out = dv;
    return PAIMON_OK;
}

/* One portable 32-bit bitmap at p (at most n bytes); returns its size through *used. */
static roaring_bitmap_t *read_bitmap(const uint8_t *p, size_t n, size_t *used) {
    size_t size = roaring_bitmap_portable_deserialize_size((const char *)p, n);
    if (size == 0 || size > n)
        return NULL;
    roaring_bitmap_t *bm = roaring_bitmap_portable_deserialize_safe((const char *)p, size);
    *used = size;
    return bm;
}

int pm_dv_parse(const uint8_t *data, size_t len, int64_t range_length, const char *source,
                pm_dv **out, paimon_error *err) {
    if (len < 8)
        return pm_err(err, PAIMON_ECORRUPT, "%s: deletion vector truncated (%zu bytes)", source,
                      len);
    uint32_t body_len = pm_load_be32(data);
    uint32_t magic_be = pm_load_be32(data + 4);
    bool is64 = magic_be != DV_MAGIC_32 && pm_load_le32(data + 4) == DV_MAGIC_64;
    if (magic_be != DV_MAGIC_32 && !is64)
        return pm_err(err, PAIMON_ECORRUPT, "%s: deletion vector has an unknown magic number %u",
                      source, magic_be);
    /* The manifest records the body length (32-bit) or the whole blob (64-bit). */
    int64_t expected = is64 ? range_length - 8 : range_length;
    if ((int64_t)body_len != expected || body_len < 4 || body_len > DV_MAX_BYTES ||
        (size_t)body_len + 8 > len)
        return pm_err(err, PAIMON_ECORRUPT,
                      "%s: deletion vector length %u does not match the index manifest (%lld)",
                      source, body_len, (long long)range_length);
    uint32_t crc = pm_crc32(0, data + 4, body_len);
    uint32_t stored = pm_load_be32(data + 4 + body_len);
    if (crc != stored)
        return pm_err(err, PAIMON_ECORRUPT, "%s: deletion vector checksum mismatch", source);
    const uint8_t *p = data + 8;
    size_t n = body_len - 4;
    if (!is64) {
        PM_TRY(dv_alloc(1, out, err));
        size_t used = 0;
        (*out)->bitmaps[0] = read_bitmap(p, n, &used);
        (*out)->count = 1;
        if ((*out)->bitmaps[0] == NULL || used != n) {
            pm_dv_free(*out);
            *out = NULL;
            return pm_err(err, PAIMON_ECORRUPT, "%s: invalid deletion bitmap", source);
        }
        return PAIMON_OK;
    }
    if (n < 8)
        return pm_err(err, PAIMON_ECORRUPT, "%s: 64-bit deletion vector truncated", source);
    uint64_t count = pm_load_le64(p);
    p += 8;
    n -= 8;
    if (count > n / 8)
        return pm_err(err, PAIMON_ECORRUPT, "%s: 64-bit deletion vector claims %llu bitmaps",
                      source, (unsigned long long)count);
    PM_TRY(dv_alloc((size_t)count, out, err));
    for (uint64_t i = 0; i < count; i++) {
        size_t used = 0;
        if (n < 4 || ((*out)->keys[i] = pm_load_le32(p), p += 4, n -= 4,
                      ((*out)->bitmaps[i] = read_bitmap(p, n, &used)) == NULL)) {
            (*out)->count = (size_t)i;
            pm_dv_free(*out);
            *out = NULL;
            return pm_err(err, PAIMON_ECORRUPT, "%s: invalid 64-bit deletion bitmap %llu", source,
                          (unsigned long long)i);
        }
        (*out)->count = (size_t)i + 1;
        p += used;
        n -= used;
    }
    return PAIMON_OK;
}

int pm_dv_load(pm_fs *fs, const char *index_path, int64_t offset, int64_t length, pm_dv **out,
               paimon_error *err) {
    if (offset < 0 || length < 0 || length > DV_MAX_BYTES)
        return pm_err(err, PAIMON_ECORRUPT, "%s: deletion vector range %lld+%lld is invalid",
                      index_path, (long long)offset, (long long)length);
    pm_file *f;
    PM_TRY(pm_fs_open(fs, index_path, &f, err));
    uint64_t size = pm_file_size(f);
    /* A 32-bit vector is followed by its CRC beyond `length`; read what the file has. */
    uint64_t want = (uint64_t)length + 8;
    if ((uint64_t)offset > size) {
        pm_file_close(f);
        return pm_err(err, PAIMON_ECORRUPT, "%s: deletion vector offset %lld beyond the file",
                      index_path, (long long)offset);
    }
    if (want > size - (uint64_t)offset)
        want = size - (uint64_t)offset;
    uint8_t *buf = pm_malloc((size_t)want + 1);
    int rc = buf ? pm_file_pread(f, (uint64_t)offset, buf, (size_t)want, err) : pm_err_nomem(err);
    pm_file_close(f);
    if (rc == PAIMON_OK)
        rc = pm_dv_parse(buf, (size_t)want, length, index_path, out, err);
    pm_free(buf);
    return rc;
}

bool pm_dv_contains(const pm_dv *dv, int64_t position) {
    if (position < 0)
        return false;
    uint32_t high = (uint32_t)((uint64_t)position >> 32);
    for (size_t i = 0; i < dv->count; i++) {
        if (dv->keys[i] == high)
            return roaring_bitmap_contains(dv->bitmaps[i], (uint32_t)position);
    }
    return false;
}

int64_t pm_dv_cardinality(const pm_dv *dv) {
    int64_t total = 0;
    for (size_t i = 0; i < dv->count; i++)
        total += (int64_t)roaring_bitmap_get_cardinality(dv->bitmaps[i]);
    return total;
}
