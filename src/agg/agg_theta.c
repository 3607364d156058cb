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
 * compact (ordered or not) or hash-table form, with the single-item and empty special cases;
 * version 4 (compressed ordered compact sketches: bit-packed deltas); the pre-2015 versions 2
 * (compact, ordered, with a seed hash) and 1 (3 preamble longs, no seed hash, so sketches of any
 * seed are taken). A seed hash other than the default seed's is an error, as in Java; so is
 * anything Java rejects (a truncated sketch, a family or preamble size a version does not have,
 * a negative count, a compressed entry width Java cannot unpack). Refused although Java may not
 * fail: a sketch whose preamble, hashes or version 4 entry count bytes extend past the value
 * where Java reads them (Java's single-long reads are not bounds-checked, so its result would
 * depend on the bytes after the value).
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
    uint64_t *table; /* open addressing, 0 = free; at most half full (7681 hashes: 2^14) */
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

/* Makes room for one more hash: the table doubles when it would be more than half full (its
 * layout is ours; only Java's lg_arr decides the gadget's behaviour). */
static int reserve(gadget *g) {
    size_t slots = g->mask + 1;
    if (((size_t)g->count + 1) * 2 <= slots)
        return PAIMON_OK;
    uint64_t *old = g->table;
    g->table = pm_calloc(slots * 2, sizeof *g->table);
    if (g->table == NULL) {
        g->table = old;
        return PAIMON_ENOMEM;
    }
    g->mask = slots * 2 - 1;
    for (size_t i = 0; i < slots; i++)
        if (old[i] != 0)
            set_insert(g, old[i]);
    pm_free(old);
    return PAIMON_OK;
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
    if (reserve(g) != PAIMON_OK)
        return pm_err_nomem(err);
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

/* Union.union(Sketch) of a heap compact ordered sketch (what versions 1, 2 and 4 are read
 * into): `count` hashes read by `next`, stopping at the first at or above the union's theta. */
typedef struct hash_reader {
    const uint8_t *p; /* v1, v2, v3: little-endian longs; v4: the bit-packed deltas */
    size_t bit;
    int bits;         /* v4 entry width, 0 for plain longs */
    uint64_t sum;     /* v4 running sum of the deltas */
    size_t available; /* entries present */
} hash_reader;

static int64_t next_hash(hash_reader *r) {
    if (r->bits == 0) {
        int64_t h = (int64_t)pm_load_le64(r->p + r->bit / 8);
        r->bit += 64;
        return h;
    }
    /* most significant bit first; entries wider than 64 bits keep their low 64 (as Java does) */
    uint64_t v = 0;
    for (int left = r->bits; left > 0;) {
        int avail = 8 - (int)(r->bit & 7), take = avail < left ? avail : left;
        v = v << take | (uint64_t)((r->p[r->bit >> 3] >> (avail - take)) & ((1u << take) - 1));
        r->bit += (size_t)take;
        left -= take;
    }
    r->sum += v;
    return (int64_t)r->sum;
}

static int union_ordered(theta_union *u, int64_t theta_in, int32_t count, hash_reader *r,
                         const char *which, paimon_error *err) {
    u->union_theta = min64(min64(u->union_theta, theta_in), gadget_theta(&u->g));
    u->union_empty = false;
    for (int32_t i = 0; i < count; i++) {
        if ((size_t)i >= r->available) /* v3 is read up to the early stop only */
            return err_corrupt(which, "hashes truncated", err);
        int64_t h = next_hash(r);
        if (h >= u->union_theta)
            break;
        PM_TRY(hash_update(u, h, which, err));
    }
    u->union_theta = min64(u->union_theta, gadget_theta(&u->g));
    return PAIMON_OK;
}

static int check_seed_hash(const uint8_t *p, const char *which, paimon_error *err) {
    if (pm_load_le16(p + 6) == SEED_HASH)
        return PAIMON_OK;
    return pm_err(err, PAIMON_EINVAL,
                  "theta_sketch: %s sketch: seed hash 0x%04x differs from the default seed's "
                  "(0x%04x)",
                  which, pm_load_le16(p + 6), SEED_HASH);
}

/* `count` longs from byte `off`: present, and a count Java can allocate. */
static int check_longs(int32_t count, size_t off, size_t n, const char *which,
                       paimon_error *err) {
    if (count < 0)
        return err_corrupt(which, "negative retained count", err);
    if (off > n || (size_t)count > (n - off) / 8)
        return err_corrupt(which, "hashes truncated", err);
    return PAIMON_OK;
}

/* Serialization version 1 (2014-15): always 3 preamble longs, no seed hash; empty when it has
 * no hashes and theta 1, or is at most 24 bytes. */
static int union_v1(theta_union *u, const uint8_t *p, size_t n, const char *which,
                    paimon_error *err) {
    if ((p[0] & 0x3F) != 3)
        return err_corrupt(which, "serialization version 1 needs 3 preamble longs", err);
    if (p[2] < 1 || p[2] > 3)
        return err_corrupt(which, "family must be Alpha, QuickSelect or Compact", err);
    if (n <= 24)
        return PAIMON_OK;
    int32_t count = (int32_t)pm_load_le32(p + 8);
    int64_t theta = (int64_t)pm_load_le64(p + 16);
    if (count == 0 && theta == THETA_MAX)
        return PAIMON_OK;
    PM_TRY(check_longs(count, 24, n, which, err));
    hash_reader r = {p + 24, 0, 0, 0, (size_t)count};
    if (count == 1 && theta == THETA_MAX)
        return hash_update(u, next_hash(&r), which, err);
    return union_ordered(u, theta, count, &r, which, err);
}

/* Serialization version 2 (2015): compact and ordered, 1 (empty), 2 (theta 1) or 3 preamble
 * longs, a seed hash. */
static int union_v2(theta_union *u, const uint8_t *p, size_t n, const char *which,
                    paimon_error *err) {
    PM_TRY(check_seed_hash(p, which, err));
    if (p[2] < 1 || p[2] > 4)
        return err_corrupt(which, "family must be 1 to 4", err);
    int pre = p[0] & 0x3F;
    if (pre == 1)
        return PAIMON_OK;
    if (pre != 2 && pre != 3)
        return err_corrupt(which, "serialization version 2 needs 1 to 3 preamble longs", err);
    if ((size_t)pre * 8 > n)
        return err_corrupt(which, "preamble truncated", err);
    int32_t count = (int32_t)pm_load_le32(p + 8);
    int64_t theta = pre == 3 ? (int64_t)pm_load_le64(p + 16) : THETA_MAX;
    if (count == 0 && theta == THETA_MAX)
        return PAIMON_OK;
    PM_TRY(check_longs(count, (size_t)pre * 8, n, which, err));
    hash_reader r = {p + pre * 8, 0, 0, 0, (size_t)count};
    if (count == 1 && theta == THETA_MAX)
        return hash_update(u, next_hash(&r), which, err);
    return union_ordered(u, theta, count, &r, which, err);
}

/* Serialization version 4: a compressed ordered compact sketch. Byte 0 preamble longs (2: a
 * theta follows at 8), 2 family (3), 3 bits per entry, 4 bytes of the entry count, 5 flags,
 * 6-7 seed hash; then the count (little-endian), then the deltas between successive hashes
 * (the first from 0), most significant bit first, in blocks of 8 entries. */
static int union_v4(theta_union *u, const uint8_t *p, size_t n, const char *which,
                    paimon_error *err) {
    PM_TRY(check_seed_hash(p, which, err));
    if (p[2] != 3)
        return err_corrupt(which, "compressed sketch is not of the Compact family", err);
    int bits = p[3], count_bytes = p[4];
    bool empty = p[5] & F_EMPTY;
    size_t off = 8;
    int64_t theta = THETA_MAX;
    if ((p[0] & 0x3F) > 1) {
        theta = (int64_t)pm_load_le64(p + 8);
        off = 16;
    }
    if ((size_t)count_bytes > n - off)
        return err_corrupt(which, "entry count truncated", err);
    uint32_t count = 0;
    for (int i = 0; i < count_bytes; i++)
        count |= (uint32_t)p[off++] << ((i * 8) & 31);
    if ((int32_t)count < 0)
        return err_corrupt(which, "negative retained count", err);
    /* whole blocks of 8 entries take `bits` bytes (1..63 bits: Java has no block code for 0 or
     * 64+); the rest takes whole bytes */
    size_t blocks = count / 8, rest = count % 8;
    if (count > 0 && (bits == 0 || (blocks > 0 && bits > 63)))
        return err_corrupt(which, "compressed entry width out of range", err);
    size_t need = blocks * (size_t)bits + (rest * (size_t)bits + 7) / 8;
    if (need > n - off)
        return err_corrupt(which, "compressed entries truncated", err);
    if (empty && count != 0)
        return err_corrupt(which, "empty flag set but entries present", err);
    if (empty)
        return PAIMON_OK;
    hash_reader r = {p + off, 0, bits, 0, count};
    return union_ordered(u, theta, (int32_t)count, &r, which, err);
}

/* Union.union(Memory) of one serialized sketch. */
static int union_bytes(theta_union *u, const uint8_t *p, size_t n, const char *which,
                       paimon_error *err) {
    if (n < 16)
        return PAIMON_OK; /* empty (or too short to be anything else) */
    int ser_ver = p[1], fam = p[2];
    if (ser_ver == 4)
        return union_v4(u, p, n, which, err);
    if (ser_ver == 2)
        return union_v2(u, p, n, which, err);
    if (ser_ver == 1)
        return union_v1(u, p, n, which, err);
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
    PM_TRY(check_seed_hash(p, which, err));
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
    size_t off = (size_t)pre * 8, present = off <= n ? (n - off) / 8 : 0;
    if (flags & F_ORDERED) {
        hash_reader r = {p + off, 0, 0, 0, present};
        return union_ordered(u, theta_in, count, &r, which, err);
    }
    /* unordered: every entry of the compact list or the hash table (of 1 << lgArr entries, an
     * int shift as in Java: none when that is negative) */
    int32_t entries = (flags & F_COMPACT) ? count : (int32_t)(1u << (p[4] & 31));
    if (entries > 0 && (size_t)entries > present)
        return err_corrupt(which, "hashes truncated", err);
    u->union_theta = min64(min64(u->union_theta, theta_in), gadget_theta(&u->g));
    u->union_empty = false;
    for (int32_t i = 0; i < entries; i++) {
        int64_t h = (int64_t)pm_load_le64(p + off + 8 * (size_t)i);
        if (h <= 0 || h >= u->union_theta)
            continue;
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
    if (theta < 0) {
        /* a corrupt input's negative theta: Java counts the hashes to keep with a test that
         * wraps around (theta - hash - 1 >= 0), keeps none, and fails if it counted any */
        for (int32_t i = 0; i < g->count; i++) {
            if ((int64_t)((uint64_t)theta - hashes[i] - 1) >= 0) {
                pm_free(hashes);
                return pm_err(err, PAIMON_ECORRUPT,
                              "theta_sketch: the union's theta is negative (a corrupt input)");
            }
        }
    }
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
    u.g.mask = ((size_t)1 << 6) - 1;
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
