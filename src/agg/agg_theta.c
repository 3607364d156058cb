/*
 * agg_theta.c - theta_sketch: the union of two serialized DataSketches Theta sketches, producing
 * the bytes Java Paimon's ThetaSketch.union produces (datasketches-java 4.2.0: a default Union
 * - 4096 nominal entries, seed 9001, p = 1, resize factor X8 - fed the accumulator then the
 * input with union(Memory), then getResult().toByteArray(), an ordered compact sketch).
 *
 * The result depends only on which hashes the union's internal QuickSelect sketch (the
 * "gadget") retains and on the thetas, not on its hash table layout (the output is sorted), so
 * the gadget is replayed as a set with Java's counting rules: its table starts at 2^7 slots and
 * grows 8x whenever it is more than half full, up to 2^13; past 15/16 of 2^13 it keeps the 4096
 * smallest hashes and theta becomes the 4097th ("quick select and rebuild").
 *
 * Inputs read as Java's Union.union(Memory) reads them: fewer than 16 bytes is an empty sketch
 * (ignored); serialization version 3 sketches of the Alpha, QuickSelect or Compact family, in
 * compact (ordered or not) or hash-table form, with the single-item and empty special cases.
 * Version 4 (compressed compact sketches) and the pre-2015 versions 1 and 2 are refused with
 * PAIMON_EUNSUPPORTED. A seed hash other than the default seed's is an error, as in Java.
 *
 * Compact sketch layout (little-endian): byte 0 preamble longs (low 6 bits), 1 serial version
 * (3), 2 family (3 = compact), 3-4 zero, 5 flags (2 read-only, 4 empty, 8 compact, 16 ordered,
 * 32 single item), 6-7 seed hash; with 2+ preamble longs: 8-11 retained count, 12-15 p (1.0f);
 * with 3: 16-23 theta; then the hashes. Empty: 8 bytes; one hash and theta 1: 16 bytes.
 */
#include "agg/agg_internal.h"

#include "util/endian.h"
#include "util/mem.h"

#include <stdlib.h>
#include <string.h>

#define LG_K 12
#define K (1 << LG_K)
#define SEED_HASH 0x93CC /* of the default seed 9001 */
#define THETA_MAX INT64_MAX

#define F_READ_ONLY 2
#define F_EMPTY 4
#define F_COMPACT 8
#define F_ORDERED 16
#define F_SINGLE 32

typedef struct gadget {
    uint64_t *table; /* open addressing, 0 = free; 2^14 slots hold the at most 7681 hashes */
    size_t mask;
    int32_t count;
    int lg_arr; /* Java's table size, which decides when it resizes and rebuilds */
    int64_t theta;
    bool empty;
} gadget;

typedef struct theta_union {
    gadget g;
    int64_t union_theta;
    bool union_empty;
} theta_union;

static int err_corrupt(const char *which, const char *what, paimon_error *err) {
    return pm_err(err, PAIMON_ECORRUPT, "theta_sketch: %s sketch: %s", which, what);
}

static int32_t threshold(int lg_arr) {
    return lg_arr <= LG_K ? (int32_t)1 << (lg_arr - 1) : (int32_t)((15 << lg_arr) / 16);
}

static size_t slot_of(const gadget *g, uint64_t h) {
    return (size_t)(h ^ (h >> 29)) & g->mask;
}

static bool set_insert(gadget *g, uint64_t h) {
    size_t i = slot_of(g, h);
    while (g->table[i] != 0) {
        if (g->table[i] == h)
            return false;
        i = (i + 1) & g->mask;
    }
    g->table[i] = h;
    return true;
}

static int cmp_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* The hashes below `theta`, sorted; returns their number. */
static int32_t collect(const gadget *g, int64_t theta, uint64_t *out) {
    int32_t n = 0;
    for (size_t i = 0; i <= g->mask; i++)
        if (g->table[i] != 0 && (int64_t)g->table[i] < theta)
            out[n++] = g->table[i];
    qsort(out, (size_t)n, sizeof *out, cmp_u64);
    return n;
}

/* quickSelectAndRebuild: theta becomes the (k+1)th smallest hash, which and larger ones go. */
static int rebuild(gadget *g) {
    uint64_t *all = pm_malloc((size_t)g->count * sizeof *all);
    if (all == NULL)
        return PAIMON_ENOMEM;
    int32_t n = collect(g, THETA_MAX, all);
    g->theta = (int64_t)all[K];
    memset(g->table, 0, (g->mask + 1) * sizeof *g->table);
    g->count = 0;
    for (int32_t i = 0; i < n && (int64_t)all[i] < g->theta; i++) {
        set_insert(g, all[i]);
        g->count++;
    }
    pm_free(all);
    return PAIMON_OK;
}

/* UpdateSketch.hashUpdate of the union's gadget. */
static int hash_update(theta_union *u, int64_t hash, const char *which, paimon_error *err) {
    gadget *g = &u->g;
    if (hash < 0)
        return err_corrupt(which, "negative hash", err);
    g->empty = false;
    if (hash == 0 || hash >= g->theta)
        return PAIMON_OK;
    if (!set_insert(g, (uint64_t)hash))
        return PAIMON_OK;
    if (++g->count > threshold(g->lg_arr)) {
        if (g->lg_arr <= LG_K) {
            int step = LG_K + 1 - g->lg_arr;
            g->lg_arr += step < 3 ? (step < 1 ? 1 : step) : 3;
        } else if (rebuild(g) != PAIMON_OK) {
            return pm_err_nomem(err);
        }
    }
    return PAIMON_OK;
}

static int64_t gadget_theta(const gadget *g) { return g->empty ? THETA_MAX : g->theta; }

static int64_t min64(int64_t a, int64_t b) { return a < b ? a : b; }

/* Union.union(Memory) of one serialized sketch. */
static int union_bytes(theta_union *u, const uint8_t *p, size_t n, const char *which,
                       paimon_error *err) {
    if (n < 16)
        return PAIMON_OK; /* empty (or too short to be anything else) */
    int ser_ver = p[1], fam = p[2];
    if (ser_ver == 1 || ser_ver == 2 || ser_ver == 4)
        return pm_err(err, PAIMON_EUNSUPPORTED,
                      "theta_sketch: %s sketch: serialization version %d (%s) is not supported",
                      which, ser_ver, ser_ver == 4 ? "compressed" : "pre-2015");
    if (ser_ver != 3)
        return err_corrupt(which, "unknown serialization version", err);
    if (fam < 1 || fam > 3)
        return err_corrupt(which, "family must be Alpha, QuickSelect or Compact", err);
    int pre = p[0] & 0x3F, flags = p[5];
    if (pre == 1) {
        /* a single item (flag, or the flags of one written before the flag existed) or empty */
        if ((fam == 3 && (flags & 0x1F) == 0x1A) || (flags & F_SINGLE))
            return hash_update(u, (int64_t)pm_load_le64(p + 8), which, err);
        return PAIMON_OK;
    }
    if (pm_load_le16(p + 6) != SEED_HASH)
        return pm_err(err, PAIMON_EINVAL,
                      "theta_sketch: %s sketch: seed hash 0x%04x differs from the default seed's "
                      "(0x%04x)",
                      which, pm_load_le16(p + 6), SEED_HASH);
    int32_t count = (int32_t)pm_load_le32(p + 8);
    int64_t theta_in = THETA_MAX;
    if (pre == 2) {
        if (count == 0)
            return PAIMON_OK;
    } else {
        if (n < 24)
            return err_corrupt(which, "preamble truncated", err);
        theta_in = (int64_t)pm_load_le64(p + 16);
    }
    u->union_theta = min64(min64(u->union_theta, theta_in), gadget_theta(&u->g));
    u->union_empty = false;
    size_t entries;
    bool ordered = flags & F_ORDERED;
    if (ordered || (flags & F_COMPACT)) {
        if (count < 0)
            return err_corrupt(which, "negative retained count", err);
        entries = (size_t)count;
    } else {
        if (p[4] > 26)
            return err_corrupt(which, "hash table size out of range", err);
        entries = (size_t)1 << p[4];
    }
    size_t off = (size_t)pre * 8;
    if (off > n || entries > (n - off) / 8)
        return err_corrupt(which, "hashes truncated", err);
    for (size_t i = 0; i < entries; i++) {
        int64_t h = (int64_t)pm_load_le64(p + off + 8 * i);
        if (ordered) {
            if (h >= u->union_theta)
                break; /* sorted: the rest is above theta */
        } else if (h <= 0 || h >= u->union_theta) {
            continue;
        }
        PM_TRY(hash_update(u, h, which, err));
    }
    u->union_theta = min64(u->union_theta, gadget_theta(&u->g));
    return PAIMON_OK;
}

/* Union.getResult().toByteArray(). */
static int result_bytes(theta_union *u, pm_buf *out, paimon_error *err) {
    gadget *g = &u->g;
    uint64_t *hashes = pm_malloc(((size_t)g->count + 1) * sizeof *hashes);
    if (hashes == NULL)
        return pm_err_nomem(err);
    int32_t n = collect(g, THETA_MAX, hashes);
    int64_t cur = gadget_theta(g);
    int64_t theta = min64(min64(cur, n > K ? (int64_t)hashes[K] : cur), u->union_theta);
    while (n > 0 && (int64_t)hashes[n - 1] >= theta)
        n--;
    bool empty = (g->empty && u->union_empty) || (n == 0 && theta == THETA_MAX);
    uint8_t b[24] = {0};
    int rc;
    out->len = 0;
    if (empty) {
        static const uint8_t empty_sketch[8] = {1, 3, 3, 0, 0, 0x1E, 0, 0};
        rc = pm_buf_append(out, empty_sketch, 8);
    } else if (n == 1 && theta == THETA_MAX) {
        b[0] = 1, b[1] = 3, b[2] = 3, b[5] = 0x3A;
        pm_store_le16(b + 6, SEED_HASH);
        pm_store_le64(b + 8, hashes[0]);
        rc = pm_buf_append(out, b, 16);
    } else {
        int pre = theta < THETA_MAX ? 3 : 2;
        b[0] = (uint8_t)pre, b[1] = 3, b[2] = 3;
        b[5] = F_READ_ONLY | F_COMPACT | F_ORDERED;
        pm_store_le16(b + 6, SEED_HASH);
        pm_store_le32(b + 8, (uint32_t)n);
        pm_store_le32(b + 12, 0x3F800000u); /* p = 1.0f */
        pm_store_le64(b + 16, (uint64_t)theta);
        rc = pm_buf_append(out, b, (size_t)pre * 8);
        for (int32_t i = 0; rc == PAIMON_OK && i < n; i++) {
            pm_store_le64(b, hashes[i]);
            rc = pm_buf_append(out, b, 8);
        }
    }
    pm_free(hashes);
    return rc == PAIMON_OK ? PAIMON_OK : pm_err_nomem(err);
}

int agg_theta_union(const uint8_t *acc, size_t acc_len, const uint8_t *in, size_t in_len,
                    pm_buf *out, paimon_error *err) {
    theta_union u;
    memset(&u, 0, sizeof u);
    u.g.mask = ((size_t)1 << 14) - 1;
    u.g.table = pm_calloc(u.g.mask + 1, sizeof *u.g.table);
    if (u.g.table == NULL)
        return pm_err_nomem(err);
    u.g.lg_arr = 7;
    u.g.theta = THETA_MAX;
    u.g.empty = true;
    u.union_theta = THETA_MAX;
    u.union_empty = true;
    int rc = union_bytes(&u, acc, acc_len, "accumulated", err);
    if (rc == PAIMON_OK)
        rc = union_bytes(&u, in, in_len, "input", err);
    if (rc == PAIMON_OK)
        rc = result_bytes(&u, out, err);
    pm_free(u.g.table);
    return rc;
}

static int theta_add(pm_field_agg *a, const struct ArrowArray *in, int64_t row,
                     paimon_error *err) {
    return agg_union_add(a, in, row, agg_theta_union, err);
}

const agg_ops agg_theta_ops = {theta_add, NULL};
