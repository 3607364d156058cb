/*
 * agg_hll.c - hll_sketch: the union of two serialized DataSketches HLL sketches, producing the
 * bytes Java Paimon's HllSketchUtil.union produces (datasketches-java 4.2.0):
 *
 *     HllSketch.heapify(acc)              the accumulator, read as a sketch
 *     Union.heapify(input)                a union of the input's lgK (an HLL_8 "gadget") fed the
 *                                         input
 *     union.update(accumulator sketch)
 *     union.getResult(HLL_4).toCompactByteArray()
 *
 * The result is a function of far more than the set of registers, so the union is replayed step
 * by step with the library's data structures and arithmetic:
 *   - LIST and SET modes keep 32-bit coupons (value << 26 | 26-bit key) in an int table: LIST is
 *     filled front to back (8 ints), SET is open addressing (start at key & mask, stride
 *     (key >> lgArr) | 1) that grows past 3/4 load. Compact images list the coupons in table
 *     order, so the probe sequence, growth and the order coupons arrive in all reach the bytes.
 *     LIST becomes SET at 8 coupons (HLL directly when lgK < 8); SET becomes HLL when it would
 *     grow past 2^(lgK-3) ints.
 *   - HLL mode keeps a register per slot; the gadget is always HLL_8 (a byte per register, merged
 *     with Java's signed byte comparisons). Inputs of HLL_4 (nibbles above curMin, values 15+
 *     above it in an "aux" exception table with its own open addressing) and HLL_6 (6-bit packed)
 *     are read register by register.
 *   - The union's case analysis on (gadget mode, source lgK vs gadget lgK vs the union's lgK):
 *     copy, down-sample (re-insert registers into a smaller array), or merge registers (marking
 *     the result out of order, which zeroes the HIP accumulator).
 *   - The double-precision estimator fields written into the bytes: the HIP accumulator (each
 *     register increase through a coupon adds K / (kxq0 + kxq1) before kxq0 / kxq1 change; a
 *     LIST/SET promoted to HLL starts from the cubic-interpolated coupon-count estimate), and
 *     kxq0 / kxq1 recomputed in slot order when the HLL_8 gadget becomes HLL_4. A heapified
 *     HLL_8 accumulator whose "rebuild" flag is set has kxq0 / kxq1 recomputed first, with the
 *     library's own summation (adding 2^-v - 1 per non-zero register).
 *   - The HLL_4 result: curMin and the count at curMin over all registers, nibbles, and the aux
 *     table filled in slot order and written in table order.
 * Doubles are computed in IEEE double precision without contraction (-ffp-contract=off for this
 * file), as Java computes them.
 *
 * Inputs are bounds-checked; anything Java rejects fails here too (a corrupt sketch, as
 * PAIMON_ECORRUPT naming the sketch and the problem). Inputs Java reads deterministically however
 * odd are reproduced too: updatable images whose counts disagree with their tables, table size
 * bytes Java shifts by modulo 32, HLL_8 registers with their high bits set (compared as signed
 * bytes), HLL_4 curMin + nibble past 63, NaN estimator fields, an accumulator of lgK 1-3.
 * Refused although Java may not fail - never for a sketch any DataSketches version writes:
 *   - an accumulated HLL-mode sketch of lgK 27 or more, PAIMON_EUNSUPPORTED (Java checks only the
 *     input's lgK; past 26 its tables index out of range or its shifts wrap, and such an image
 *     holds at least 64 MB of registers);
 *   - a compact SET, or an HLL_4 exception table, whose entries extend past the value's end (Java
 *     reads single ints without bounds checks, so its result would depend on the bytes after the
 *     value);
 *   - a coupon table that would have to grow past 2^18 ints, PAIMON_ELIMIT (the most a legal SET
 *     holds; only an updatable SET image whose table size or count disagrees with its lgK gets
 *     there, and a corrupt count makes Java double the table on every insertion);
 *   - a result whose coupon count is negative or smaller than the number of coupons it holds
 *     (Java sizes its output by the count and writes the coupons past its end).
 *
 * Layout (little-endian): byte 0 preamble ints (2 LIST, 3 SET, 10 HLL), 1 serial version (1),
 * 2 family (7), 3 lgK, 4 lgArr (LIST/SET table, HLL_4 aux table), 5 flags (4 empty, 8 compact,
 * 16 out of order, 32 rebuild kxq), 6 LIST count / HLL curMin, 7 mode (cur mode | type << 2).
 * LIST: coupons from byte 8. SET: count at 8, coupons from 12. HLL: HIP accumulator (8), kxq0
 * (16), kxq1 (24) as doubles, count at curMin (32), aux count (36), registers from 40, then the
 * HLL_4 aux table.
 */
#include "agg/agg_internal.h"

#include "util/endian.h"
#include "util/mem.h"

#include <math.h>
#include <string.h>

#define MIN_LG_K 4
#define MAX_LG_K 21
#define KEY_BITS 26
#define KEY_MASK ((1u << KEY_BITS) - 1)
#define AUX_TOKEN 15
#define LG_LIST 3
#define LG_SET_INIT 5
#define LG_TABLE_MAX 18 /* the largest coupon table a legal sketch has: a SET of lgK 21 */
#define LG_IMAGE_MAX 30

#define HEADER_BYTES 40
#define F_EMPTY 4
#define F_COMPACT 8
#define F_OUT_OF_ORDER 16
#define F_REBUILD 32

enum { MODE_LIST = 0, MODE_SET = 1, MODE_HLL = 2 };
enum { TYPE_HLL4 = 0, TYPE_HLL6 = 1, TYPE_HLL8 = 2 };

/* An accumulated HLL-mode sketch is read with any lgK up to this (Java checks only the input's
 * lgK; 1-3 and 22-26 work there as everywhere else, 0 fails when the result is made). */
#define MAX_LG_K_ACC 26

/* Initial aux table size (log2) per lgK. */
static const uint8_t LG_AUX_INIT[MAX_LG_K_ACC + 1] = {0,  2,  2,  2,  2,  2,  2,  3,  3,
                                                     3,  4,  4,  5,  5,  6,  7,  8,  9,
                                                     10, 11, 12, 13, 14, 15, 16, 17, 18};

/* ---- int tables: coupon lists and sets, aux exception maps ---- */

typedef struct itable {
    uint32_t *v;   /* table_len() ints, 0 = free */
    int lg;        /* Java's lgArr, as stored (an image may hold any byte there) */
    int32_t count; /* as Java keeps it (a SET image may state any count) */
} itable;

/* Java's shifts by lgArr use its low 5 bits. */
static int lg_bits(int lg) { return lg & 31; }

static int table_alloc(itable *t, int lg) {
    t->v = pm_calloc((size_t)1 << lg_bits(lg), sizeof *t->v);
    t->lg = lg;
    t->count = 0;
    return t->v != NULL ? PAIMON_OK : PAIMON_ENOMEM;
}

static void table_free(itable *t) {
    pm_free(t->v);
    t->v = NULL;
}

static size_t table_len(const itable *t) { return (size_t)1 << lg_bits(t->lg); }

/* Java's int arithmetic where a corrupt count can overflow it. */
static int32_t wrap32(uint32_t v) { return (int32_t)v; }

static bool over_load(const itable *t) {
    return wrap32(4u * (uint32_t)t->count) > wrap32(3u * (uint32_t)table_len(t));
}

typedef enum { FIND_EMPTY, FIND_FOUND, FIND_FULL } find_result;

/* Probe of a coupon set for `coupon`: its slot or the first free one on its sequence. */
static find_result coupon_find(const itable *t, uint32_t coupon, size_t *at) {
    size_t mask = table_len(t) - 1, probe = coupon & mask, start = probe;
    do {
        uint32_t v = t->v[probe];
        if (v == 0) {
            *at = probe;
            return FIND_EMPTY;
        }
        if (v == coupon) {
            *at = probe;
            return FIND_FOUND;
        }
        probe = (probe + (((coupon & KEY_MASK) >> lg_bits(t->lg)) | 1)) & mask;
    } while (probe != start);
    return FIND_FULL;
}

/* Probe of an aux table for register `slot` (entries compare on their slot bits only). */
static find_result aux_find(const itable *t, int lg_k, uint32_t slot, size_t *at) {
    size_t mask = table_len(t) - 1, probe = slot & mask, start = probe;
    uint32_t kmask = (1u << lg_k) - 1;
    do {
        uint32_t v = t->v[probe];
        if (v == 0) {
            *at = probe;
            return FIND_EMPTY;
        }
        if ((v & kmask) == slot) {
            *at = probe;
            return FIND_FOUND;
        }
        probe = (probe + ((slot >> lg_bits(t->lg)) | 1)) & mask;
    } while (probe != start);
    return FIND_FULL;
}

static int err_corrupt(const char *which, const char *what, paimon_error *err) {
    return pm_err(err, PAIMON_ECORRUPT, "hll_sketch: %s sketch: %s", which, what);
}

/* Rehashes `t` into a table of 2^lg ints, visiting the old table in order. `lg_k` >= 0 selects
 * the aux probe (by slot), -1 the coupon probe. */
static int table_grow(itable *t, int lg, int lg_k, const char *which, paimon_error *err) {
    itable n;
    if (table_alloc(&n, lg) != PAIMON_OK)
        return pm_err_nomem(err);
    n.count = t->count;
    uint32_t kmask = lg_k >= 0 ? (1u << lg_k) - 1 : 0;
    for (size_t i = 0; i < table_len(t); i++) {
        uint32_t v = t->v[i];
        if (v == 0)
            continue;
        size_t at;
        find_result f = lg_k >= 0 ? aux_find(&n, lg_k, v & kmask, &at) : coupon_find(&n, v, &at);
        if (f != FIND_EMPTY) {
            table_free(&n);
            return err_corrupt(which, "a coupon appears twice in its hash table", err);
        }
        n.v[at] = v;
    }
    table_free(t);
    *t = n;
    return PAIMON_OK;
}

/* CouponHashSet.couponUpdate: inserts a coupon; *promote says the set wants to become HLL (it
 * is full at its largest size). */
static int set_update(itable *t, int lg_k, uint32_t coupon, bool *promote, const char *which,
                      paimon_error *err) {
    size_t at;
    *promote = false;
    find_result f = coupon_find(t, coupon, &at);
    if (f == FIND_FOUND)
        return PAIMON_OK;
    if (f == FIND_FULL)
        return err_corrupt(which, "coupon hash table is full", err);
    t->v[at] = coupon;
    t->count = wrap32((uint32_t)t->count + 1);
    if (!over_load(t))
        return PAIMON_OK;
    if (t->lg == lg_k - 3) {
        *promote = true;
        return PAIMON_OK;
    }
    if (lg_bits(t->lg + 1) > LG_TABLE_MAX)
        return pm_err(err, PAIMON_ELIMIT,
                      "hll_sketch: %s sketch: coupon table would grow past 2^%d ints (the coupon "
                      "count is inconsistent)",
                      which, LG_TABLE_MAX);
    return table_grow(t, t->lg + 1, -1, which, err);
}

/* HeapAuxHashMap.mustAdd. */
static int aux_add(itable *t, int lg_k, uint32_t slot, uint32_t value, const char *which,
                   paimon_error *err) {
    size_t at;
    find_result f = aux_find(t, lg_k, slot, &at);
    if (f == FIND_FOUND)
        return err_corrupt(which, "HLL_4 exception table lists a register twice", err);
    if (f == FIND_FULL)
        return err_corrupt(which, "HLL_4 exception table is full", err);
    t->v[at] = value << KEY_BITS | slot;
    t->count++;
    if (over_load(t))
        return table_grow(t, t->lg + 1, lg_k, which, err);
    return PAIMON_OK;
}

/* ---- registers ---- */

/* The registers of an HLL-mode sketch as Java reads them: the value of a slot (getSlotValue /
 * the pair iterator) and, for merges, the raw bytes. */
typedef struct regs {
    int lg_k, type;
    const uint8_t *b;
    int cur_min;       /* HLL_4 */
    const itable *aux; /* HLL_4, NULL without exceptions */
} regs;

static size_t reg_bytes(int type, int lg_k) {
    size_t k = (size_t)1 << lg_k;
    return type == TYPE_HLL4 ? k / 2 : type == TYPE_HLL6 ? k * 3 / 4 + 1 : k;
}

/* Java's int value of register i; false when an HLL_4 exception has no aux entry. */
static bool reg_value(const regs *r, uint32_t i, int32_t *v) {
    switch (r->type) {
    case TYPE_HLL8: *v = r->b[i] & 0x3F; return true;
    case TYPE_HLL6: {
        uint32_t bit = i * 6;
        uint32_t s = r->b[bit >> 3] | (uint32_t)r->b[(bit >> 3) + 1] << 8;
        *v = (int32_t)((s >> (bit & 7)) & 0x3F);
        return true;
    }
    default: {
        int nib = (r->b[i >> 1] >> ((i & 1) * 4)) & 0xF;
        if (nib != AUX_TOKEN) {
            *v = nib + r->cur_min;
            return true;
        }
        size_t at;
        if (r->aux == NULL || aux_find(r->aux, r->lg_k, i, &at) != FIND_FOUND)
            return false;
        *v = (int32_t)(r->aux->v[at] >> KEY_BITS);
        return true;
    }
    }
}

static int err_no_exception(const char *which, paimon_error *err) {
    return err_corrupt(which, "HLL_4 register marked as an exception has no exception entry", err);
}

/* A heap HLL_8 array: the gadget in HLL mode. */
typedef struct hll8 {
    int lg_k;
    int8_t *r;
    double hip, kxq0, kxq1;
    bool ooo;
} hll8;

static int hll8_new(hll8 *h, int lg_k, paimon_error *err) {
    h->lg_k = lg_k;
    h->r = pm_calloc((size_t)1 << lg_k, 1);
    h->hip = 0;
    h->kxq0 = (double)(1 << lg_k);
    h->kxq1 = 0;
    h->ooo = false;
    return h->r != NULL ? PAIMON_OK : pm_err_nomem(err);
}

static void hll8_free(hll8 *h) {
    pm_free(h->r);
    h->r = NULL;
}

static regs hll8_regs(const hll8 *h) {
    regs r = {h->lg_k, TYPE_HLL8, (const uint8_t *)h->r, 0, NULL};
    return r;
}

static double inv_pow2(int e) { return ldexp(1.0, -e); }

/* Hll8Array.couponUpdate: raises the coupon's slot, adding to the HIP accumulator with the
 * kxq registers as they were, then moving the slot's old and new terms between kxq0 / kxq1. */
static void hll8_coupon(hll8 *h, uint32_t coupon) {
    int v = (int)(coupon >> KEY_BITS);
    uint32_t slot = coupon & ((1u << h->lg_k) - 1);
    int old = h->r[slot] & 0x3F;
    if (v <= old)
        return;
    h->r[slot] = (int8_t)v;
    double k0 = h->kxq0, k1 = h->kxq1;
    h->hip += (double)(1 << h->lg_k) / (k0 + k1);
    if (old < 32)
        h->kxq0 = k0 -= inv_pow2(old);
    else
        h->kxq1 = k1 -= inv_pow2(old);
    if (v < 32)
        h->kxq0 = k0 + inv_pow2(v);
    else
        h->kxq1 = k1 + inv_pow2(v);
}

/* The coupon Java's pair iterator makes of register i with value v (v << 26 overflows an int
 * for values of 64 and more, as in Java). */
static uint32_t reg_pair(uint32_t i, int32_t v) { return (uint32_t)v << KEY_BITS | (i & KEY_MASK); }

/* Re-inserts every non-zero register of `src` into a new HLL_8 array of lgK `lg_k` (Union's
 * downsample, and the conversion of HLL_4/6 to HLL_8 when lg_k is the source's). */
static int hll8_rebuild(const regs *src, int lg_k, hll8 *out, const char *which,
                        paimon_error *err) {
    PM_TRY(hll8_new(out, lg_k, err));
    uint32_t k = 1u << src->lg_k;
    for (uint32_t i = 0; i < k; i++) {
        int32_t v;
        if (!reg_value(src, i, &v)) {
            hll8_free(out);
            return err_no_exception(which, err);
        }
        if (v != 0)
            hll8_coupon(out, reg_pair(i, v));
    }
    return PAIMON_OK;
}

/* mergeHlltoHLLmode: registers of `src` into `tgt` (folding slots when src is larger), as
 * maxima of signed bytes for an HLL_8 source, else of the source value and the 6-bit target. */
static int hll8_merge(const regs *src, hll8 *tgt, const char *which, paimon_error *err) {
    uint32_t k = 1u << src->lg_k, mask = (1u << tgt->lg_k) - 1;
    for (uint32_t i = 0; i < k; i++) {
        int8_t *t = &tgt->r[i & mask];
        if (src->type == TYPE_HLL8) {
            int8_t s = (int8_t)src->b[i];
            *t = s > *t ? s : *t;
            continue;
        }
        int32_t v;
        if (!reg_value(src, i, &v))
            return err_no_exception(which, err);
        int32_t old = *t & 0x3F;
        *t = (int8_t)(uint8_t)((v > old ? v : old) & 0xFF);
    }
    return PAIMON_OK;
}

/* ---- sketches read from bytes (HllSketch.heapify) ---- */

typedef struct sketch {
    const char *which;
    int lg_k, mode, type;
    itable c; /* LIST / SET coupons */
    regs r;   /* HLL */
    itable aux;
    bool has_aux;
    double hip, kxq0, kxq1;
    bool ooo;
} sketch;

static void sketch_free(sketch *s) {
    table_free(&s->c);
    table_free(&s->aux);
}

static double load_f64(const uint8_t *p) { return pm_f64_from_bits(pm_load_le64(p)); }

/* computeLgArr: the table size an image without one gets (SET: at least 2^5, HLL_4 aux: at
 * least the lgK's initial size), from Java's int arithmetic. -1 where Java fails. */
static int computed_lg(int32_t count, int min_lg) {
    int64_t ceil_pow2 = 1;
    if (count >= 1 << 30)
        ceil_pow2 = (int64_t)1 << 30;
    else
        while (ceil_pow2 < count)
            ceil_pow2 <<= 1;
    if (wrap32(4u * (uint32_t)count) > wrap32(3u * (uint32_t)ceil_pow2))
        ceil_pow2 <<= 1;
    if (ceil_pow2 > INT32_MAX)
        return -1;
    int lg = 0;
    while (((int64_t)1 << lg) < ceil_pow2)
        lg++;
    return lg > min_lg ? lg : min_lg;
}

static int parse_coupons(sketch *s, const uint8_t *p, size_t n, paimon_error *err) {
    const char *which = s->which;
    if (s->mode == MODE_LIST) {
        size_t count = p[6];
        if (count > ((size_t)1 << LG_LIST))
            return err_corrupt(which, "LIST holds more than 8 coupons", err);
        if (8 + 4 * count > n)
            return err_corrupt(which, "coupons truncated", err);
        if (table_alloc(&s->c, LG_LIST) != PAIMON_OK)
            return pm_err_nomem(err);
        for (size_t i = 0; i < count; i++)
            s->c.v[i] = pm_load_le32(p + 8 + 4 * i);
        s->c.count = (int32_t)count;
        return PAIMON_OK;
    }
    int32_t count = (int32_t)pm_load_le32(p + 8);
    int lg = p[4];
    if (lg < LG_SET_INIT) {
        lg = computed_lg(count, LG_SET_INIT);
        if (lg < 0)
            return err_corrupt(which, "coupon count out of range", err);
    }
    if (p[5] & F_COMPACT) {
        if (count > 0 && (size_t)count > (n - 12) / 4)
            return err_corrupt(which, "coupons truncated", err);
        if (table_alloc(&s->c, LG_SET_INIT) != PAIMON_OK)
            return pm_err_nomem(err);
        for (int32_t i = 0; i < count; i++) {
            bool promote; /* heapify ignores the set's wish to become HLL */
            PM_TRY(set_update(&s->c, s->lg_k, pm_load_le32(p + 12 + 4 * (size_t)i), &promote,
                              which, err));
        }
        return PAIMON_OK;
    }
    if (lg_bits(lg) > LG_IMAGE_MAX) /* Java: a negative array size */
        return err_corrupt(which, "coupon table size out of range", err);
    if (((size_t)4 << lg_bits(lg)) > n - 12)
        return err_corrupt(which, "coupon table truncated", err);
    if (table_alloc(&s->c, lg) != PAIMON_OK)
        return pm_err_nomem(err);
    for (size_t i = 0; i < table_len(&s->c); i++)
        s->c.v[i] = pm_load_le32(p + 12 + 4 * i);
    s->c.count = count;
    return PAIMON_OK;
}

static int parse_aux(sketch *s, const uint8_t *p, size_t n, paimon_error *err) {
    const char *which = s->which;
    int32_t count = (int32_t)pm_load_le32(p + 36);
    if (count <= 0)
        return PAIMON_OK;
    size_t start = HEADER_BYTES + reg_bytes(TYPE_HLL4, s->lg_k);
    uint32_t kmask = (1u << s->lg_k) - 1;
    bool compact = p[5] & F_COMPACT;
    size_t entries;
    int lg;
    if (compact) {
        if ((size_t)count > (n - start) / 4)
            return err_corrupt(which, "HLL_4 exception table truncated", err);
        entries = (size_t)count;
        lg = computed_lg(count, LG_AUX_INIT[s->lg_k]);
    } else {
        lg = p[4];
        if (lg_bits(lg) > LG_IMAGE_MAX) /* Java: a negative array size */
            return err_corrupt(which, "HLL_4 exception table size out of range", err);
        if (((size_t)4 << lg_bits(lg)) > n - start)
            return err_corrupt(which, "HLL_4 exception table truncated", err);
        entries = (size_t)1 << lg_bits(lg);
    }
    if (table_alloc(&s->aux, lg) != PAIMON_OK)
        return pm_err_nomem(err);
    s->has_aux = true;
    for (size_t i = 0; i < entries; i++) {
        uint32_t pair = pm_load_le32(p + start + 4 * i);
        if (!compact && pair == 0)
            continue;
        PM_TRY(aux_add(&s->aux, s->lg_k, pair & KEY_MASK & kmask, pair >> KEY_BITS, which, err));
    }
    return PAIMON_OK;
}

/* checkRebuildCurMinNumKxQ's kxq sums (the accumulator is heapified with it). */
static void rebuild_kxq(sketch *s) {
    double k0 = (double)(1 << s->lg_k), k1 = 0;
    for (uint32_t i = 0; i < 1u << s->lg_k; i++) {
        int v = s->r.b[i] & 0x3F;
        if (v == 0)
            continue;
        if (v < 32)
            k0 += inv_pow2(v) - 1.0;
        else
            k1 += inv_pow2(v) - 1.0;
    }
    s->kxq0 = k0;
    s->kxq1 = k1;
}

static int parse(sketch *s, const uint8_t *p, size_t n, const char *which, bool accumulator,
                 paimon_error *err) {
    memset(s, 0, sizeof *s);
    s->which = which;
    if (n < 8)
        return err_corrupt(which, "shorter than the 8-byte preamble", err);
    int pre = p[0] & 0x3F;
    s->lg_k = p[3];
    s->mode = p[7] & 3;
    s->type = (p[7] >> 2) & 3;
    if (!accumulator && (s->lg_k < MIN_LG_K || s->lg_k > MAX_LG_K))
        return pm_err(err, PAIMON_ECORRUPT, "hll_sketch: %s sketch: lgK %d is not in 4..21",
                      which, s->lg_k);
    if ((size_t)pre * 4 > n)
        return err_corrupt(which, "preamble truncated", err);
    if (p[2] != 7)
        return err_corrupt(which, "family is not HLL", err);
    if (p[1] != 1)
        return pm_err(err, PAIMON_ECORRUPT,
                      "hll_sketch: %s sketch: serialization version %d is not 1", which, p[1]);
    int pre_wanted = s->mode == MODE_LIST ? 2 : s->mode == MODE_SET ? 3 : 10;
    if (s->mode == 3 || s->type == 3 || pre != pre_wanted)
        return err_corrupt(which, "invalid preamble (mode, type and size disagree)", err);
    if (s->mode != MODE_HLL)
        return parse_coupons(s, p, n, err); /* the lgK of an accumulated LIST / SET is free */
    if (s->lg_k == 0)
        return err_corrupt(which, "lgK 0 (no HLL_4 result can be made of it)", err);
    if (s->lg_k > MAX_LG_K_ACC)
        return pm_err(err, PAIMON_EUNSUPPORTED,
                      "hll_sketch: %s sketch: lgK %d is not supported (at most %d; no DataSketches "
                      "version writes more than 21)",
                      which, s->lg_k, MAX_LG_K_ACC);
    size_t bytes = reg_bytes(s->type, s->lg_k);
    if (HEADER_BYTES + bytes > n)
        return err_corrupt(which, "registers truncated", err);
    s->r.lg_k = s->lg_k;
    s->r.type = s->type;
    s->r.b = p + HEADER_BYTES;
    s->r.cur_min = p[6];
    s->hip = load_f64(p + 8);
    s->kxq0 = load_f64(p + 16);
    s->kxq1 = load_f64(p + 24);
    s->ooo = p[5] & F_OUT_OF_ORDER;
    if (s->type == TYPE_HLL4) {
        PM_TRY(parse_aux(s, p, n, err));
        s->r.aux = s->has_aux ? &s->aux : NULL;
    }
    if (accumulator && s->type == TYPE_HLL8 && (p[5] & F_REBUILD))
        rebuild_kxq(s);
    return PAIMON_OK;
}

/* ---- the union ---- */

typedef struct gadget {
    int lg_max; /* the union's lgK: the input's */
    int lg_k, mode;
    itable c; /* LIST / SET */
    hll8 h;   /* HLL */
} gadget;

static const char *const UNION = "union's";

/* CubicInterpolation.usingXAndYTables over CouponMapping: the estimate of a LIST/SET sketch
 * with `count` coupons, which becomes the HIP accumulator when it turns into HLL. */
static const double COUPON_X[40] = {
    0.0,       1.0,       20.0,      400.0,     8000.0,    160000.0,  300000.0,  600000.0,
    900000.0,  1200000.0, 1500000.0, 1800000.0, 2100000.0, 2400000.0, 2700000.0, 3000000.0,
    3300000.0, 3600000.0, 3900000.0, 4200000.0, 4500000.0, 4800000.0, 5100000.0, 5400000.0,
    5700000.0, 6000000.0, 6300000.0, 6600000.0, 6900000.0, 7200000.0, 7500000.0, 7800000.0,
    8100000.0, 8400000.0, 8700000.0, 9000000.0, 9300000.0, 9600000.0, 9900000.0, 10200000.0};
static const double COUPON_Y[40] = {
    0.0000000000000000,        1.0000000000000000,        20.0000009437402611,
    400.0003963713384110,      8000.1589294602090376,     160063.6067763759638183,
    300223.7071597663452849,   600895.5933856170158833,   902016.8065120954997838,
    1203588.4983199508860707,  1505611.8245524743106216,  1808087.9449319066479802,
    2111018.0231759352609515,  2414403.2270142501220107,  2718244.7282051891088486,
    3022543.7025524540804327,  3327301.3299219091422856,  3632518.7942584538832307,
    3938197.2836029687896371,  4244337.9901093561202288,  4550942.1100616492331028,
    4858010.8438911894336343,  5165545.3961938973516226,  5473546.9757476449012756,
    5782016.7955296505242586,  6090956.0727340159937739,  6400366.0287892958149314,
    6710247.8893762007355690,  7020602.8844453142955899,  7331432.2482349723577499,
    7642737.2192891482263803,  7954519.0404754765331745,  8266778.9590033423155546,
    8579518.2264420464634895,  8892738.0987390466034412,  9206439.8362383283674717,
    9520624.7036988288164139,  9835293.9703129194676876,  10150448.9097250290215015,
    10466090.8000503256917000};

/* Lagrange form of the cubic through four points, evaluated in the library's operation order. */
static double lagrange4(const double *x, const double *y, double at) {
    double n0 = (at - x[1]) * (at - x[2]) * (at - x[3]);
    double n1 = (at - x[0]) * (at - x[2]) * (at - x[3]);
    double n2 = (at - x[0]) * (at - x[1]) * (at - x[3]);
    double n3 = (at - x[0]) * (at - x[1]) * (at - x[2]);
    double d0 = (x[0] - x[1]) * (x[0] - x[2]) * (x[0] - x[3]);
    double d1 = (x[1] - x[0]) * (x[1] - x[2]) * (x[1] - x[3]);
    double d2 = (x[2] - x[0]) * (x[2] - x[1]) * (x[2] - x[3]);
    double d3 = (x[3] - x[0]) * (x[3] - x[1]) * (x[3] - x[2]);
    return (y[0] * n0) / d0 + (y[1] * n1) / d1 + (y[2] * n2) / d2 + (y[3] * n3) / d3;
}

static int coupon_estimate(int32_t count, double *out, paimon_error *err) {
    const int last = 39;
    double x = (double)count;
    if (x < COUPON_X[0] || x > COUPON_X[last])
        return pm_err(err, PAIMON_ECORRUPT,
                      "hll_sketch: coupon count %d is out of the estimator's range", (int)count);
    double est;
    if (x == COUPON_X[last]) {
        est = COUPON_Y[last];
    } else {
        int lo = 0, hi = last; /* xs[lo] <= x < xs[hi] */
        while (lo + 1 != hi) {
            int mid = lo + (hi - lo) / 2;
            if (COUPON_X[mid] <= x)
                lo = mid;
            else
                hi = mid;
        }
        int first = lo == 0 ? 0 : lo == last - 1 ? lo - 2 : lo - 1;
        est = lagrange4(COUPON_X + first, COUPON_Y + first, x);
    }
    *out = est > x ? est : x;
    return PAIMON_OK;
}

/* promoteHeapListOrSetToHll. */
static int gadget_to_hll(gadget *g, paimon_error *err) {
    hll8 h;
    PM_TRY(hll8_new(&h, g->lg_k, err));
    for (size_t i = 0; i < table_len(&g->c); i++)
        if (g->c.v[i] != 0)
            hll8_coupon(&h, g->c.v[i]);
    int rc = coupon_estimate(g->c.count, &h.hip, err);
    if (rc != PAIMON_OK) {
        hll8_free(&h);
        return rc;
    }
    table_free(&g->c);
    g->h = h;
    g->mode = MODE_HLL;
    return PAIMON_OK;
}

/* promoteHeapListToSet. */
static int gadget_to_set(gadget *g, paimon_error *err) {
    itable set;
    if (table_alloc(&set, LG_SET_INIT) != PAIMON_OK)
        return pm_err_nomem(err);
    for (int32_t i = 0; i < g->c.count; i++) {
        bool promote;
        int rc = set_update(&set, g->lg_k, g->c.v[i], &promote, UNION, err);
        if (rc != PAIMON_OK) {
            table_free(&set);
            return rc;
        }
    }
    table_free(&g->c);
    g->c = set;
    g->mode = MODE_SET;
    return PAIMON_OK;
}

/* HllSketch.couponUpdate of the gadget. */
static int gadget_coupon(gadget *g, uint32_t coupon, paimon_error *err) {
    if (coupon >> KEY_BITS == 0)
        return PAIMON_OK;
    if (g->mode == MODE_HLL) {
        hll8_coupon(&g->h, coupon);
        return PAIMON_OK;
    }
    if (g->mode == MODE_SET) {
        bool promote;
        PM_TRY(set_update(&g->c, g->lg_k, coupon, &promote, UNION, err));
        return promote ? gadget_to_hll(g, err) : PAIMON_OK;
    }
    size_t len = table_len(&g->c);
    for (size_t i = 0; i < len; i++) {
        if (g->c.v[i] == coupon)
            return PAIMON_OK;
        if (g->c.v[i] == 0) {
            g->c.v[i] = coupon;
            if ((size_t)++g->c.count < len)
                return PAIMON_OK;
            return g->lg_k < 8 ? gadget_to_hll(g, err) : gadget_to_set(g, err);
        }
    }
    return err_corrupt(UNION, "coupon list is full", err);
}

/* source.copyAs(HLL_8) of an HLL-mode sketch. */
static int sketch_to_hll8(const sketch *s, hll8 *out, paimon_error *err) {
    if (s->type != TYPE_HLL8) {
        PM_TRY(hll8_rebuild(&s->r, s->lg_k, out, s->which, err));
    } else {
        PM_TRY(hll8_new(out, s->lg_k, err));
        memcpy(out->r, s->r.b, (size_t)1 << s->lg_k);
        out->kxq0 = s->kxq0;
        out->kxq1 = s->kxq1;
    }
    out->hip = s->hip;
    out->ooo = s->ooo;
    return PAIMON_OK;
}

/* Union's downsample: carries the HIP accumulator and the out-of-order flag (which zeroes it). */
static int downsample(const regs *src, double hip, bool ooo, int lg_k, hll8 *out,
                      const char *which, paimon_error *err) {
    PM_TRY(hll8_rebuild(src, lg_k, out, which, err));
    out->hip = ooo ? 0 : hip;
    out->ooo = ooo;
    return PAIMON_OK;
}

/* Union.update(sketch): unionImpl for a heap HLL_8 gadget. */
static int gadget_update(gadget *g, const sketch *s, paimon_error *err) {
    if (s->mode != MODE_HLL) {
        if (s->c.count == 0)
            return PAIMON_OK; /* empty */
        if (s->mode == MODE_SET && g->mode != MODE_HLL && g->c.count == 0 && s->lg_k == g->lg_k) {
            itable copy;
            if (table_alloc(&copy, s->c.lg) != PAIMON_OK)
                return pm_err_nomem(err);
            memcpy(copy.v, s->c.v, table_len(&copy) * sizeof *copy.v);
            copy.count = s->c.count;
            table_free(&g->c);
            g->c = copy;
            g->mode = MODE_SET;
            return PAIMON_OK;
        }
        for (size_t i = 0; i < table_len(&s->c); i++)
            if (s->c.v[i] != 0)
                PM_TRY(gadget_coupon(g, s->c.v[i], err));
        return PAIMON_OK;
    }
    hll8 t;
    if (g->mode != MODE_HLL) {
        /* copy or down-sample the source, then replay the gadget's coupons into it */
        if (s->lg_k > g->lg_max)
            PM_TRY(downsample(&s->r, s->hip, s->ooo, g->lg_max, &t, s->which, err));
        else
            PM_TRY(sketch_to_hll8(s, &t, err));
        for (size_t i = 0; g->c.count != 0 && i < table_len(&g->c); i++) /* unless empty */
            if (g->c.v[i] >> KEY_BITS != 0)
                hll8_coupon(&t, g->c.v[i]);
        table_free(&g->c);
    } else if (s->lg_k >= g->lg_k) {
        PM_TRY(hll8_merge(&s->r, &g->h, s->which, err));
        g->h.ooo = true;
        g->h.hip = 0;
        return PAIMON_OK;
    } else {
        regs gr = hll8_regs(&g->h);
        PM_TRY(downsample(&gr, g->h.hip, g->h.ooo, s->lg_k, &t, UNION, err));
        int rc = hll8_merge(&s->r, &t, s->which, err);
        if (rc != PAIMON_OK) {
            hll8_free(&t);
            return rc;
        }
        t.ooo = true;
        t.hip = 0;
        hll8_free(&g->h);
    }
    g->h = t;
    g->lg_k = t.lg_k;
    g->mode = MODE_HLL;
    return PAIMON_OK;
}

/* ---- the result: getResult(HLL_4).toCompactByteArray() ---- */

static void put_f64(uint8_t *p, double d) { pm_store_le64(p, pm_f64_bits(d)); }

static int write_coupons(const gadget *g, pm_buf *out, paimon_error *err) {
    bool list = g->mode == MODE_LIST;
    int32_t count = g->c.count;
    size_t start = list ? 8 : 12, held = 0;
    for (size_t i = 0; i < table_len(&g->c); i++)
        held += g->c.v[i] != 0;
    if (count < 0 || held > (size_t)count)
        return err_corrupt(UNION, "coupon count disagrees with the coupons held", err);
    size_t total = start + 4 * (size_t)count;
    if (pm_buf_reserve(out, total) != PAIMON_OK)
        return pm_err_nomem(err);
    uint8_t *b = out->data;
    memset(b, 0, total);
    b[0] = list ? 2 : 3;
    b[1] = 1;
    b[2] = 7;
    b[3] = (uint8_t)g->lg_k;
    b[4] = (uint8_t)g->c.lg;
    b[5] = F_COMPACT | (count == 0 ? F_EMPTY : 0);
    b[6] = list ? (uint8_t)count : 0;
    b[7] = (uint8_t)g->mode; /* type HLL_4 = 0 */
    if (!list)
        pm_store_le32(b + 8, (uint32_t)count);
    size_t at = start;
    for (size_t i = 0; i < table_len(&g->c); i++) {
        if (g->c.v[i] != 0) {
            pm_store_le32(b + at, g->c.v[i]);
            at += 4;
        }
    }
    out->len = total;
    return PAIMON_OK;
}

/* Conversions.convertToHll4 of the gadget, serialized compact. */
static int write_hll4(const hll8 *h, pm_buf *out, paimon_error *err) {
    uint32_t k = 1u << h->lg_k;
    int cur_min = 64;
    int32_t at_min = 0;
    for (uint32_t i = 0; i < k; i++) {
        int v = h->r[i] & 0x3F;
        if (v < cur_min) {
            cur_min = v;
            at_min = 1;
        } else if (v == cur_min) {
            at_min++;
        }
    }
    size_t nib_bytes = k / 2;
    uint8_t *nibs = pm_calloc(nib_bytes, 1);
    itable aux = {0};
    if (nibs == NULL)
        return pm_err_nomem(err);
    double k0 = (double)k, k1 = 0;
    int rc = PAIMON_OK;
    for (uint32_t i = 0; i < k && rc == PAIMON_OK; i++) {
        int v = h->r[i] & 0x3F;
        if (v == 0)
            continue;
        k0 -= 1.0;
        if (v < 32)
            k0 += inv_pow2(v);
        else
            k1 += inv_pow2(v);
        int nib = v - cur_min;
        if (v >= cur_min + AUX_TOKEN) {
            nib = AUX_TOKEN;
            if (aux.v == NULL && table_alloc(&aux, LG_AUX_INIT[h->lg_k]) != PAIMON_OK)
                rc = pm_err_nomem(err);
            else
                rc = aux_add(&aux, h->lg_k, i, (uint32_t)v, UNION, err);
        }
        nibs[i >> 1] |= (uint8_t)(nib << ((i & 1) * 4));
    }
    size_t total = HEADER_BYTES + nib_bytes + 4 * (size_t)aux.count;
    if (rc == PAIMON_OK && pm_buf_reserve(out, total) != PAIMON_OK)
        rc = pm_err_nomem(err);
    if (rc == PAIMON_OK) {
        uint8_t *b = out->data;
        memset(b, 0, HEADER_BYTES);
        b[0] = 10;
        b[1] = 1;
        b[2] = 7;
        b[3] = (uint8_t)h->lg_k;
        b[4] = aux.v != NULL ? (uint8_t)aux.lg : 0;
        b[5] = F_COMPACT | (h->ooo ? F_OUT_OF_ORDER : 0);
        b[6] = (uint8_t)cur_min;
        b[7] = MODE_HLL; /* type HLL_4 = 0 */
        put_f64(b + 8, h->hip);
        put_f64(b + 16, k0);
        put_f64(b + 24, k1);
        pm_store_le32(b + 32, (uint32_t)at_min);
        pm_store_le32(b + 36, (uint32_t)aux.count);
        memcpy(b + HEADER_BYTES, nibs, nib_bytes);
        size_t at = HEADER_BYTES + nib_bytes;
        for (size_t i = 0; aux.v != NULL && i < table_len(&aux); i++) {
            if (aux.v[i] != 0) {
                pm_store_le32(b + at, aux.v[i]);
                at += 4;
            }
        }
        out->len = total;
    }
    table_free(&aux);
    pm_free(nibs);
    return rc;
}

int agg_hll_union(const uint8_t *acc, size_t acc_len, const uint8_t *in, size_t in_len,
                  pm_buf *out, paimon_error *err) {
    sketch a, b;
    gadget g;
    memset(&g, 0, sizeof g);
    out->len = 0;
    int rc = parse(&a, acc, acc_len, "accumulated", true, err);
    if (rc == PAIMON_OK)
        rc = parse(&b, in, in_len, "input", false, err);
    else
        memset(&b, 0, sizeof b);
    if (rc == PAIMON_OK) {
        g.lg_max = g.lg_k = b.lg_k;
        g.mode = MODE_LIST;
        if (table_alloc(&g.c, LG_LIST) != PAIMON_OK)
            rc = pm_err_nomem(err);
    }
    if (rc == PAIMON_OK)
        rc = gadget_update(&g, &b, err);
    if (rc == PAIMON_OK)
        rc = gadget_update(&g, &a, err);
    if (rc == PAIMON_OK)
        rc = g.mode == MODE_HLL ? write_hll4(&g.h, out, err) : write_coupons(&g, out, err);
    if (g.mode == MODE_HLL)
        hll8_free(&g.h);
    else
        table_free(&g.c);
    sketch_free(&a);
    sketch_free(&b);
    return rc;
}

static int hll_add(pm_field_agg *a, const struct ArrowArray *in, int64_t row, paimon_error *err) {
    return agg_union_add(a, in, row, agg_hll_union, err);
}

const agg_ops agg_hll_ops = {hll_add, NULL};
