/*
 * parquet_column.c - reading rows of one leaf column: walks pages across batch boundaries,
 * splits rows by repetition level, and places decoded values into their slots with the
 * validity bitmap. See parquet_column.h for the slot rule.
 */
#include "format/parquet/parquet_column.h"

#include "util/endian.h"

#include <string.h>

void pm_pq_leaf_dispose(pm_pq_leaf *leaf) {
    pm_buf_pool *pool = leaf->pool;
    pm_buf_pool_give(pool, &leaf->chunk);
    if (leaf->dict_init)
        pm_col_dispose(&leaf->dict);
    pm_buf_pool_give(pool, &leaf->page_buf);
    pm_buf_pool_give(pool, &leaf->level_buf);
    pm_buf_pool_give(pool, &leaf->views);
    pm_buf_pool_give(pool, &leaf->view_data);
    pm_buf_pool_give(pool, &leaf->bdef);
    pm_buf_pool_give(pool, &leaf->brep);
    pm_buf_pool_give(pool, &leaf->scratch);
    pm_buf_pool_give(pool, &leaf->scratch2);
}

/* Moves the dense values [0, nonnull) of this call to their slots, backwards and in place:
 * slot s >= dense index d always, so nothing is overwritten before it moved. */
static void spread(pm_col *c, const uint8_t *valid, size_t slots, size_t nonnull) {
    size_t base = (size_t)c->length;
    size_t d = nonnull;
    switch (c->layout) {
    case PM_LAYOUT_FIXED: {
        size_t w = c->width;
        uint8_t *v = c->values.data + base * w;
        for (size_t s = slots; s-- > 0;) {
            if (valid[s])
                memmove(v + s * w, v + --d * w, w);
            else
                memset(v + s * w, 0, w);
        }
        break;
    }
    case PM_LAYOUT_BOOL: {
        uint8_t *bits = c->values.data;
        for (size_t s = slots; s-- > 0;) {
            bool b = valid[s] && pm_bit_get(bits, (int64_t)(base + --d));
            if (b)
                pm_bit_set(bits, (int64_t)(base + s));
            else
                pm_bit_clear(bits, (int64_t)(base + s));
        }
        break;
    }
    case PM_LAYOUT_VARBIN: {
        /* offsets[base + 1 + i] is the end of slot i; a null slot ends where the latest
         * value before it ends. */
        uint8_t *o = c->offsets.data + (base + 1) * 4;
        for (size_t s = slots; s-- > 0;) {
            if (valid[s]) {
                d--;
                pm_store_le32(o + s * 4, pm_load_le32(o + d * 4));
            } else {
                pm_store_le32(o + s * 4, pm_load_le32(d > 0 ? o + (d - 1) * 4 : o - 4));
            }
        }
        break;
    }
    default: break;
    }
}

static int keep(pm_pq_leaf *leaf, const uint8_t *defs, const uint8_t *reps, size_t k,
                paimon_error *err) {
    if (pm_buf_reserve(&leaf->bdef, k) != PAIMON_OK || pm_buf_reserve(&leaf->brep, k) != PAIMON_OK)
        return pm_err_nomem(err);
    if (defs != NULL)
        memcpy(leaf->bdef.data + leaf->bdef.len, defs, k);
    else
        memset(leaf->bdef.data + leaf->bdef.len, leaf->max_def, k);
    if (reps != NULL)
        memcpy(leaf->brep.data + leaf->brep.len, reps, k);
    else
        memset(leaf->brep.data + leaf->brep.len, 0, k);
    leaf->bdef.len += k;
    leaf->brep.len += k;
    leaf->bn += k;
    return PAIMON_OK;
}

/* Appends level entries [start, start + k) of the current page to the column. */
static int take(pm_pq_leaf *leaf, size_t start, size_t k, paimon_error *err) {
    const uint8_t *defs = leaf->defs ? leaf->defs + start : NULL;
    const uint8_t *reps = leaf->reps ? leaf->reps + start : NULL;
    if (leaf->keep_levels)
        PM_TRY(keep(leaf, defs, reps, k, err));
    pm_col *c = leaf->col;
    if (defs == NULL) {
        if (pm_col_reserve(c, k) != PAIMON_OK)
            return pm_err_nomem(err);
        PM_TRY(pm_pq_values_decode(leaf, c, k, err));
        return pm_col_advance(c, k, NULL) == PAIMON_OK ? PAIMON_OK : pm_err_nomem(err);
    }
    const uint8_t md = (uint8_t)leaf->max_def;
    size_t nonnull = 0, slots = k;
    for (size_t i = 0; i < k; i++)
        nonnull += defs[i] == md;
    if (reps != NULL) {
        slots = 0;
        const uint8_t sr = (uint8_t)leaf->slot_rep, sd = (uint8_t)leaf->slot_def;
        for (size_t i = 0; i < k; i++)
            slots += defs[i] == md || (reps[i] <= sr && defs[i] >= sd);
    }
    if (pm_col_reserve(c, slots) != PAIMON_OK)
        return pm_err_nomem(err);
    PM_TRY(pm_pq_values_decode(leaf, c, nonnull, err));
    if (nonnull == slots)
        return pm_col_advance(c, slots, NULL) == PAIMON_OK ? PAIMON_OK : pm_err_nomem(err);
    if (pm_pq_buf_size(&leaf->scratch, slots) != PAIMON_OK)
        return pm_err_nomem(err);
    uint8_t *valid = leaf->scratch.data;
    if (reps == NULL) {
        for (size_t i = 0; i < k; i++)
            valid[i] = defs[i] == md;
    } else {
        const uint8_t sr = (uint8_t)leaf->slot_rep, sd = (uint8_t)leaf->slot_def;
        size_t s = 0;
        for (size_t i = 0; i < k; i++) {
            if (defs[i] == md)
                valid[s++] = 1;
            else if (reps[i] <= sr && defs[i] >= sd)
                valid[s++] = 0;
        }
    }
    spread(c, valid, slots, nonnull);
    return pm_col_advance(c, slots, valid) == PAIMON_OK ? PAIMON_OK : pm_err_nomem(err);
}

int pm_pq_leaf_read(pm_pq_leaf *leaf, size_t rows, pm_codec_ctx *ctx, paimon_error *err) {
    leaf->bn = 0;
    leaf->bdef.len = leaf->brep.len = 0;
    size_t rows_seen = 0;
    bool first = true;
    for (;;) {
        if (leaf->page_pos == leaf->page_n) {
            if (leaf->max_rep == 0 && rows_seen == rows)
                break;
            bool got;
            PM_TRY(pm_pq_page_next(leaf, ctx, &got, err));
            if (!got) {
                if (rows_seen == rows)
                    break;
                return pm_err(err, PAIMON_ECORRUPT,
                              "column chunk ends %zu rows short of its row group", rows - rows_seen);
            }
        }
        size_t start = leaf->page_pos, k;
        bool done = false;
        if (leaf->max_rep == 0) {
            size_t avail = leaf->page_n - start;
            k = avail < rows - rows_seen ? avail : rows - rows_seen;
            rows_seen += k;
            done = rows_seen == rows;
        } else {
            const uint8_t *reps = leaf->reps;
            if (first && reps[start] != 0)
                return pm_err(err, PAIMON_ECORRUPT, "row starts with repetition level %u",
                              reps[start]);
            size_t j = start;
            for (; j < leaf->page_n; j++) {
                if (reps[j] == 0) {
                    if (rows_seen == rows) {
                        done = true;
                        break;
                    }
                    rows_seen++;
                }
            }
            k = j - start;
        }
        first = false;
        if (k > 0)
            PM_TRY(take(leaf, start, k, err));
        leaf->page_pos += k;
        if (done)
            break;
    }
    return PAIMON_OK;
}
