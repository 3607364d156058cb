/*
 * agg_bitmap.c - rbm32: the union of two 32-bit RoaringBitmaps in the portable serialization
 * format, producing the bytes Java's RoaringBitmap32 produces (deserialize both, or(), then
 * runOptimize() and serialize()).
 *
 * The values of the union do not depend on the library, but the container chosen for each
 * 16-bit key does: it is the container type left by Java's Container.ior for the two input
 * types, then runOptimize's choice for that type. Both rules are replayed here, so the output
 * is byte-identical. (CRoaring's run_optimize breaks ties differently, which is why it is not
 * used.)
 *
 * The container rules are shared with rbm64 (agg_rbm64.c) through agg_roaring.h.
 */
#include "agg/agg_roaring.h"

#include "util/endian.h"
#include "util/mem.h"
#include "util/vec.h"

#include <string.h>

#define SERIAL_COOKIE_NO_RUN 12346
#define SERIAL_COOKIE 12347
#define NO_OFFSET_THRESHOLD 4

typedef struct rb_bitmap {
    rb_container *c;
    size_t count, cap;
} rb_bitmap;

typedef struct rb_scratch {
    uint64_t words[WORDS];
    rb_bitmap x, y;
    pm_buf out;
} rb_scratch;

void agg_bitmap_free(pm_field_agg *a) {
    rb_scratch *s = a->bitmap;
    if (s == NULL)
        return;
    pm_free(s->x.c);
    pm_free(s->y.c);
    pm_buf_dispose(&s->out);
    pm_free(s);
    a->bitmap = NULL;
}

static int corrupt(const char *which, const char *what, paimon_error *err) {
    return pm_err(err, PAIMON_ECORRUPT, "rbm32: %s bitmap: %s", which, what);
}

static int corrupt_fn(const char *fn, const char *which, const char *what, paimon_error *err) {
    return pm_err(err, PAIMON_ECORRUPT, "%s: %s bitmap: %s", fn, which, what);
}

/* Parses the portable format (RoaringFormatSpec) far enough to locate every container. */
static int rb_parse(const uint8_t *p, size_t n, const char *which, rb_bitmap *bm,
                    paimon_error *err) {
    bm->count = 0;
    if (n < 4)
        return corrupt(which, "shorter than its cookie", err);
    uint32_t cookie = pm_load_le32(p);
    size_t pos, size;
    const uint8_t *run_bits = NULL;
    bool has_run = (cookie & 0xFFFF) == SERIAL_COOKIE;
    if (has_run) {
        size = (cookie >> 16) + 1;
        pos = 4 + (size + 7) / 8;
        if (pos > n)
            return corrupt(which, "run bitmap truncated", err);
        run_bits = p + 4;
    } else if (cookie == SERIAL_COOKIE_NO_RUN) {
        if (n < 8)
            return corrupt(which, "container count truncated", err);
        size = pm_load_le32(p + 4);
        if (size > 65536)
            return corrupt(which, "more than 65536 containers", err);
        pos = 8;
    } else {
        return corrupt(which, "unknown cookie", err);
    }
    if (size * 4 > n - pos)
        return corrupt(which, "container headers truncated", err);
    const uint8_t *header = p + pos;
    pos += size * 4;
    if (!has_run || size >= NO_OFFSET_THRESHOLD) {
        if (size * 4 > n - pos)
            return corrupt(which, "container offsets truncated", err);
        pos += size * 4;
    }
    if (pm_grow((void **)&bm->c, &bm->cap, size, sizeof *bm->c) != PAIMON_OK)
        return pm_err_nomem(err);
    for (size_t k = 0; k < size; k++) {
        rb_container *c = &bm->c[k];
        c->key = pm_load_le16(header + 4 * k);
        c->card = (uint32_t)pm_load_le16(header + 4 * k + 2) + 1;
        if (k > 0 && c->key <= bm->c[k - 1].key)
            return corrupt(which, "container keys out of order", err);
        size_t bytes;
        if (run_bits != NULL && (run_bits[k / 8] >> (k % 8)) & 1) {
            c->type = T_RUN;
            if (n - pos < 2)
                return corrupt(which, "run container truncated", err);
            c->runs = pm_load_le16(p + pos);
            pos += 2;
            bytes = (size_t)c->runs * 4;
        } else if (c->card > ARRAY_MAX) {
            c->type = T_BITMAP;
            bytes = WORDS * 8;
        } else {
            c->type = T_ARRAY;
            bytes = (size_t)c->card * 2;
        }
        if (bytes > n - pos)
            return corrupt(which, "container truncated", err);
        c->data = p + pos;
        pos += bytes;
    }
    bm->count = size;
    return PAIMON_OK;
}

/* ORs a container's values into the word set. A container that contradicts its header
 * (cardinality, order) is corrupt: Java would carry the contradiction into its output. */
int agg_rb_fill(uint64_t *words, const rb_container *c, const char *fn, const char *which,
                paimon_error *err) {
    switch (c->type) {
    case T_ARRAY: {
        int32_t prev = -1;
        for (uint32_t i = 0; i < c->card; i++) {
            uint16_t v = pm_load_le16(c->data + 2 * i);
            if ((int32_t)v <= prev)
                return corrupt_fn(fn, which, "array container not strictly increasing", err);
            prev = v;
            words[v >> 6] |= (uint64_t)1 << (v & 63);
        }
        break;
    }
    case T_BITMAP: {
        uint32_t card = 0;
        for (int i = 0; i < WORDS; i++) {
            uint64_t w = pm_load_le64(c->data + 8 * i);
            card += (uint32_t)__builtin_popcountll(w);
            words[i] |= w;
        }
        if (card != c->card)
            return corrupt_fn(fn, which, "bitmap container cardinality differs from its header", err);
        break;
    }
    default: {
        int64_t prev_end = -2;
        uint32_t card = 0;
        for (uint32_t r = 0; r < c->runs; r++) {
            uint32_t start = pm_load_le16(c->data + 4 * r);
            uint32_t end = start + pm_load_le16(c->data + 4 * r + 2); /* inclusive */
            if (end > 0xFFFF)
                return corrupt_fn(fn, which, "run past the end of its container", err);
            if ((int64_t)start <= prev_end + 1)
                return corrupt_fn(fn, which, "runs out of order, overlapping or adjacent", err);
            prev_end = end;
            card += end - start + 1;
            for (uint32_t v = start; v <= end;) {
                if ((v & 63) == 0 && end - v >= 63) {
                    words[v >> 6] = ~(uint64_t)0;
                    v += 64;
                } else {
                    words[v >> 6] |= (uint64_t)1 << (v & 63);
                    v++;
                }
            }
        }
        if (card != c->card)
            return corrupt_fn(fn, which, "run container cardinality differs from its header", err);
        break;
    }
    }
    return PAIMON_OK;
}

void agg_rb_measure(const uint64_t *words, uint32_t *card, uint32_t *runs) {
    uint32_t c = 0, r = 0;
    uint64_t carry = 0;
    for (int i = 0; i < WORDS; i++) {
        uint64_t w = words[i];
        c += (uint32_t)__builtin_popcountll(w);
        r += (uint32_t)__builtin_popcountll(w & ~((w << 1) | carry));
        carry = w >> 63;
    }
    *card = c;
    *runs = r;
}

static uint32_t run_size(uint32_t runs) { return 2 + 4 * runs; }

/* RunContainer.toEfficientContainer. */
static uint8_t efficient(uint32_t card, uint32_t runs) {
    uint32_t array_size = 2 * card + 2, bitmap_size = WORDS * 8;
    uint32_t smallest = array_size < bitmap_size ? array_size : bitmap_size;
    if (run_size(runs) <= smallest)
        return T_RUN;
    return card <= ARRAY_MAX ? T_ARRAY : T_BITMAP;
}

/* The type Container.ior leaves for acc.ior(in) with union cardinality `card`. */
uint8_t agg_rb_ior_type(uint8_t acc, const rb_container *acc_c, uint8_t in, uint32_t card,
                        uint32_t runs) {
    bool full = card == 65536;
    switch (acc) {
    case T_ARRAY:
        if (in == T_ARRAY)
            return full ? T_RUN : (card <= ARRAY_MAX ? T_ARRAY : T_BITMAP);
        if (in == T_BITMAP)
            return full ? T_RUN : T_BITMAP;
        return full ? T_RUN : efficient(card, runs);
    case T_BITMAP:
        if (in == T_ARRAY)
            return T_BITMAP; /* BitmapContainer.ior(ArrayContainer) never converts */
        return full ? T_RUN : T_BITMAP;
    default:
        if (acc_c->card == 65536)
            return T_RUN;
        if (in == T_BITMAP)
            return full ? T_RUN : T_BITMAP;
        return full ? T_RUN : efficient(card, runs);
    }
}

/* Container.runOptimize for a container of type `t`. */
uint8_t agg_rb_run_optimize(uint8_t t, uint32_t card, uint32_t runs) {
    switch (t) {
    case T_ARRAY: return 2 * card > run_size(runs) ? T_RUN : T_ARRAY;
    case T_BITMAP: return WORDS * 8 > run_size(runs) ? T_RUN : T_BITMAP;
    default: return efficient(card, runs);
    }
}

int agg_rb_write_container(pm_buf *out, const uint64_t *words, const rb_out *o) {
    uint8_t tmp[4];
    switch (o->type) {
    case T_ARRAY:
        for (uint32_t i = 0; i < WORDS; i++) {
            for (uint64_t w = words[i]; w != 0; w &= w - 1) {
                pm_store_le16(tmp, (uint16_t)(i * 64 + (uint32_t)__builtin_ctzll(w)));
                PM_TRY(pm_buf_append(out, tmp, 2));
            }
        }
        return PAIMON_OK;
    case T_BITMAP:
        for (int i = 0; i < WORDS; i++) {
            uint8_t w[8];
            pm_store_le64(w, words[i]);
            PM_TRY(pm_buf_append(out, w, 8));
        }
        return PAIMON_OK;
    default: {
        pm_store_le16(tmp, (uint16_t)o->runs);
        PM_TRY(pm_buf_append(out, tmp, 2));
        /* runs found a word at a time: the next set bit starts a run, the next clear bit
         * after it ends the run */
        uint32_t v = 0;
        while (v < 65536) {
            uint32_t i = v >> 6;
            uint64_t w = words[i] & (~(uint64_t)0 << (v & 63));
            while (w == 0 && ++i < WORDS)
                w = words[i];
            if (w == 0)
                break;
            uint32_t start = i * 64 + (uint32_t)__builtin_ctzll(w);
            w = ~words[i] & (~(uint64_t)0 << (start & 63));
            while (w == 0 && ++i < WORDS)
                w = ~words[i];
            v = w == 0 ? 65536 : i * 64 + (uint32_t)__builtin_ctzll(w);
            pm_store_le16(tmp, (uint16_t)start);
            pm_store_le16(tmp + 2, (uint16_t)(v - 1 - start));
            PM_TRY(pm_buf_append(out, tmp, 4));
        }
        return PAIMON_OK;
    }
    }
}

uint32_t agg_rb_container_bytes(const rb_out *o) {
    switch (o->type) {
    case T_ARRAY: return 2 * o->card;
    case T_BITMAP: return WORDS * 8;
    default: return run_size(o->runs);
    }
}

/* Serializes the union: first pass decides every container, second writes them. */
static int rb_union(rb_scratch *s, paimon_error *err) {
    rb_out *outs = NULL;
    size_t out_count = 0, out_cap = 0;
    int rc = PAIMON_OK;
    size_t i = 0, j = 0;
    bool has_run = false;
    for (int pass = 0; pass < 2 && rc == PAIMON_OK; pass++) {
        if (pass == 1) {
            uint8_t head[8];
            size_t size = out_count;
            s->out.len = 0;
            uint32_t offset;
            size_t run_bytes = (size + 7) / 8;
            if (has_run) {
                pm_store_le32(head, SERIAL_COOKIE | (uint32_t)((size - 1) << 16));
                rc = pm_buf_append(&s->out, head, 4);
                for (size_t b = 0; rc == PAIMON_OK && b < run_bytes; b++) {
                    uint8_t bits = 0;
                    for (size_t k = b * 8; k < size && k < b * 8 + 8; k++)
                        bits |= (uint8_t)((outs[k].type == T_RUN) << (k % 8));
                    rc = pm_buf_append_byte(&s->out, bits);
                }
                offset = (uint32_t)(4 + (size < NO_OFFSET_THRESHOLD ? 4 : 8) * size + run_bytes);
            } else {
                pm_store_le32(head, SERIAL_COOKIE_NO_RUN);
                pm_store_le32(head + 4, (uint32_t)size);
                rc = pm_buf_append(&s->out, head, 8);
                offset = (uint32_t)(8 + 8 * size);
            }
            for (size_t k = 0; rc == PAIMON_OK && k < size; k++) {
                pm_store_le16(head, outs[k].key);
                pm_store_le16(head + 2, (uint16_t)(outs[k].card - 1));
                rc = pm_buf_append(&s->out, head, 4);
            }
            if (!has_run || size >= NO_OFFSET_THRESHOLD) {
                for (size_t k = 0; rc == PAIMON_OK && k < size; k++) {
                    pm_store_le32(head, offset);
                    offset += agg_rb_container_bytes(&outs[k]);
                    rc = pm_buf_append(&s->out, head, 4);
                }
            }
            if (rc != PAIMON_OK)
                break;
        }
        i = j = 0;
        size_t k = 0;
        while (rc == PAIMON_OK && (i < s->x.count || j < s->y.count)) {
            const rb_container *cx = i < s->x.count ? &s->x.c[i] : NULL;
            const rb_container *cy = j < s->y.count ? &s->y.c[j] : NULL;
            memset(s->words, 0, sizeof s->words);
            rb_out o;
            uint8_t after;
            if (cy == NULL || (cx != NULL && cx->key < cy->key)) {
                rc = agg_rb_fill(s->words, cx, "rbm32", "accumulated", err);
                o.key = cx->key;
                after = cx->type;
                i++;
            } else if (cx == NULL || cy->key < cx->key) {
                rc = agg_rb_fill(s->words, cy, "rbm32", "input", err);
                o.key = cy->key;
                after = cy->type;
                j++;
            } else {
                rc = agg_rb_fill(s->words, cx, "rbm32", "accumulated", err);
                if (rc == PAIMON_OK)
                    rc = agg_rb_fill(s->words, cy, "rbm32", "input", err);
                o.key = cx->key;
                after = T_ARRAY; /* set below, once the union is measured */
                i++;
                j++;
            }
            if (rc != PAIMON_OK)
                break;
            agg_rb_measure(s->words, &o.card, &o.runs);
            if (cx != NULL && cy != NULL && cx->key == cy->key)
                after = agg_rb_ior_type(cx->type, cx, cy->type, o.card, o.runs);
            o.type = agg_rb_run_optimize(after, o.card, o.runs);
            if (pass == 0) {
                if (pm_grow((void **)&outs, &out_cap, out_count + 1, sizeof *outs) != PAIMON_OK) {
                    rc = PAIMON_ENOMEM;
                    break;
                }
                outs[out_count++] = o;
                has_run |= o.type == T_RUN;
            } else {
                rc = agg_rb_write_container(&s->out, s->words, &outs[k++]);
            }
        }
    }
    pm_free(outs);
    if (rc == PAIMON_ENOMEM)
        return pm_err_nomem(err);
    return rc;
}

static int rbm32_add(pm_field_agg *a, const struct ArrowArray *in, int64_t row,
                     paimon_error *err) {
    if (!pm_arrow_is_valid(in, row))
        return PAIMON_OK;
    if (a->is_null)
        return agg_keep(a, in, row, err);
    rb_scratch *s = a->bitmap;
    if (s == NULL) {
        s = a->bitmap = pm_calloc(1, sizeof *s);
        if (s == NULL)
            return pm_err_nomem(err);
    }
    pm_datum d = pm_arrow_get_datum(in, a->type, row);
    PM_TRY(rb_parse(a->acc_bytes.data, a->acc_bytes.len, "accumulated", &s->x, err));
    PM_TRY(rb_parse(d.v.bytes.ptr, d.v.bytes.len, "input", &s->y, err));
    PM_TRY(rb_union(s, err));
    pm_buf tmp = a->acc_bytes;
    a->acc_bytes = s->out;
    s->out = tmp;
    a->acc.v.bytes.ptr = a->acc_bytes.data;
    a->acc.v.bytes.len = a->acc_bytes.len;
    return PAIMON_OK;
}

const agg_ops agg_rbm32_ops = {rbm32_add, NULL};
