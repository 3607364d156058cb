/*
 * agg_nested.c - the aggregate functions over nested values: collect, merge_map,
 * merge_map_with_keytime, nested_update and nested_partial_update.
 *
 * Each step gathers the cells of the accumulator and of the input (references into the
 * accumulator's builder view and into the input array), decides which survive and in which
 * order, and builds the new value in `next`. Where Java iterates a HashMap or HashSet, the
 * order comes from the HashMap emulation in agg_java.c.
 */
#include "agg/agg_internal.h"

#include "util/endian.h"
#include "util/murmur.h"
#include "util/vec.h"

#include <string.h>

/* ---- cells and keys ---- */

static int push_cell(pm_field_agg *a, const struct ArrowArray *arr, int64_t idx, uint32_t *id,
                     paimon_error *err) {
    PM_TRY(agg_cells_reserve(a, a->cell_count + 1, err));
    a->cells[a->cell_count].arr = arr;
    a->cells[a->cell_count].idx = idx;
    *id = (uint32_t)a->cell_count++;
    return PAIMON_OK;
}

/* Keys compared as Java objects of a->key_type. */
static bool cell_eq(void *ctx, uint32_t x, uint32_t y) {
    pm_field_agg *a = ctx;
    return agg_cell_equals(a->key_type, a->cells[x], a->cells[y]);
}

static bool cell_is_null(void *ctx, uint32_t x) {
    pm_field_agg *a = ctx;
    return !pm_arrow_is_valid(a->cells[x].arr, a->cells[x].idx);
}

static int cell_cmp(void *ctx, uint32_t x, uint32_t y) {
    pm_field_agg *a = ctx;
    pm_datum dx = pm_arrow_get_datum(a->cells[x].arr, a->key_type, a->cells[x].idx);
    pm_datum dy = pm_arrow_get_datum(a->cells[y].arr, a->key_type, a->cells[y].idx);
    return pm_datum_compare(a->key_type, &dx, &dy);
}

static int cell_tiebreak(void *ctx, uint32_t x, uint32_t y) {
    int c = cell_cmp(ctx, x, y);
    return c != 0 ? c : 1;
}

static const jhm_key_ops cell_keys = {cell_eq, cell_is_null, cell_cmp, cell_tiebreak};

/* Keys that are projected BinaryRows: key id i is the byte range keys[key_offs[i]..]. */
static const uint8_t *key_bytes(const pm_field_agg *a, uint32_t id, size_t *len) {
    *len = a->key_offs[id + 1] - a->key_offs[id];
    return a->keys.data + a->key_offs[id];
}

static bool row_eq(void *ctx, uint32_t x, uint32_t y) {
    size_t lx, ly;
    const uint8_t *px = key_bytes(ctx, x, &lx), *py = key_bytes(ctx, y, &ly);
    return lx == ly && memcmp(px, py, lx) == 0;
}

static bool row_is_null(void *ctx, uint32_t x) {
    (void)ctx, (void)x;
    return false;
}

static int row_tiebreak(void *ctx, uint32_t x, uint32_t y) {
    size_t lx, ly;
    const uint8_t *px = key_bytes(ctx, x, &lx), *py = key_bytes(ctx, y, &ly);
    int c = memcmp(px, py, lx < ly ? lx : ly);
    return c != 0 ? c : (lx < ly ? -1 : 1);
}

/* BinaryRow is not Comparable: equal hashes fall back to identity order in Java. */
static const jhm_key_ops row_keys = {row_eq, row_is_null, NULL, row_tiebreak};

static void map_reset(pm_field_agg *a, const jhm_key_ops *ops) {
    a->map.ops = ops;
    jhm_clear(&a->map, a);
}

static int map_put(pm_field_agg *a, int32_t h, uint32_t key, uint32_t val, paimon_error *err) {
    PM_TRY_MEM(err, jhm_put(&a->map, h, key, val));
    return PAIMON_OK;
}

static int mark_reserve(pm_field_agg *a, size_t n, paimon_error *err) {
    if (pm_grow((void **)&a->marks, &a->mark_cap, n, sizeof *a->marks) != PAIMON_OK)
        return pm_err_nomem(err);
    return PAIMON_OK;
}

/* Element range of the accumulator (a list of one row). */
static const struct ArrowArray *acc_elements(pm_field_agg *a, int64_t *start, int64_t *end) {
    const struct ArrowArray *acc = agg_cur(a);
    agg_list_range(acc, 0, start, end);
    return acc->children[0];
}

static int finish_list(pm_field_agg *a, paimon_error *err) {
    PM_TRY_MEM(err, pm_col_list_close(&a->next));
    agg_swap_next(a);
    return PAIMON_OK;
}

static int append_cell(pm_col *c, agg_cell cell, paimon_error *err) {
    PM_TRY_MEM(err, pm_col_append_from(c, cell.arr, cell.idx));
    return PAIMON_OK;
}

/* ---- collect ---- */

static int collect_add(pm_field_agg *a, const struct ArrowArray *in, int64_t row,
                       paimon_error *err) {
    bool valid = pm_arrow_is_valid(in, row);
    if (!valid && (a->is_null || !a->distinct))
        return PAIMON_OK;
    if (!a->distinct) {
        if (a->is_null)
            return agg_keep(a, in, row, err);
        /* Concatenate in place: the accumulator is a list of one row. */
        int64_t s, e;
        agg_list_range(in, row, &s, &e);
        pm_col *elements = &a->cur.children[0];
        for (int64_t j = s; j < e; j++)
            PM_TRY_MEM(err, pm_col_append_from(elements, in->children[0], j));
        if (elements->length > INT32_MAX)
            return pm_err(err, PAIMON_ELIMIT, "collect: more than 2^31 elements");
        pm_store_le32(a->cur.offsets.data + 4, (uint32_t)elements->length);
        return PAIMON_OK;
    }
    const pm_type *et = a->type->element;
    a->key_type = et;
    a->cell_count = 0;
    uint32_t id;
    if (!a->is_null) {
        int64_t s, e;
        const struct ArrowArray *el = acc_elements(a, &s, &e);
        for (int64_t j = s; j < e; j++)
            PM_TRY(push_cell(a, el, j, &id, err));
    }
    size_t acc_count = a->cell_count;
    if (valid) {
        int64_t s, e;
        agg_list_range(in, row, &s, &e);
        for (int64_t j = s; j < e; j++)
            PM_TRY(push_cell(a, in->children[0], j, &id, err));
    }
    pm_col *out = &a->next.children[0];
    if (agg_java_hashable(et)) {
        /* new HashSet<>(): accumulator elements, then the input's */
        map_reset(a, &cell_keys);
        for (uint32_t i = 0; i < a->cell_count; i++)
            PM_TRY(map_put(a, agg_java_hash(et, a->cells[i]), i, i, err));
        for (int32_t n = jhm_first(&a->map); n >= 0; n = jhm_next(&a->map, n))
            PM_TRY(append_cell(out, a->cells[a->map.nodes[n].key], err));
    } else {
        /* The equaliser path keeps a list: the accumulator as it is, then new input elements. */
        PM_TRY(mark_reserve(a, a->cell_count, err));
        size_t kept = 0;
        for (size_t i = 0; i < a->cell_count; i++) {
            bool seen = false;
            for (size_t k = 0; i >= acc_count && k < kept && !seen; k++)
                seen = agg_cell_equals(et, a->cells[a->marks[k]], a->cells[i]);
            if (!seen)
                a->marks[kept++] = (int32_t)i;
        }
        for (size_t k = 0; k < kept; k++)
            PM_TRY(append_cell(out, a->cells[a->marks[k]], err));
    }
    return finish_list(a, err);
}

static int collect_retract(pm_field_agg *a, const struct ArrowArray *in, int64_t row,
                           paimon_error *err) {
    if (a->is_null || !pm_arrow_is_valid(in, row))
        return PAIMON_OK;
    int64_t rs, re;
    agg_list_range(in, row, &rs, &re);
    if (rs == re)
        return PAIMON_OK;
    const pm_type *et = a->type->element;
    PM_TRY(mark_reserve(a, (size_t)(re - rs), err));
    for (int64_t j = 0; j < re - rs; j++)
        a->marks[j] = 0; /* 1 once used */
    int64_t s, e;
    const struct ArrowArray *el = acc_elements(a, &s, &e);
    pm_col *out = &a->next.children[0];
    for (int64_t i = s; i < e; i++) {
        agg_cell cand = {el, i};
        bool removed = false;
        for (int64_t j = 0; j < re - rs && !removed; j++) {
            agg_cell r = {in->children[0], rs + j};
            if (!a->marks[j] && agg_cell_equals(et, r, cand)) {
                a->marks[j] = 1;
                removed = true;
            }
        }
        if (!removed)
            PM_TRY(append_cell(out, cand, err));
    }
    return finish_list(a, err);
}

const agg_ops agg_collect_ops = {collect_add, collect_retract};

/* ---- merge_map ---- */

/* Adds the entries of a map value to the cell table: key cell, then value cell. */
static int push_entries(pm_field_agg *a, const struct ArrowArray *map, int64_t row,
                        paimon_error *err) {
    int64_t s, e;
    agg_list_range(map, row, &s, &e);
    const struct ArrowArray *entries = map->children[0];
    uint32_t id;
    for (int64_t j = s; j < e; j++) {
        PM_TRY(push_cell(a, entries->children[0], entries->offset + j, &id, err));
        PM_TRY(push_cell(a, entries->children[1], entries->offset + j, &id, err));
    }
    return PAIMON_OK;
}

static int build_map_from(pm_field_agg *a, paimon_error *err) {
    pm_col *entries = &a->next.children[0];
    for (int32_t n = jhm_first(&a->map); n >= 0; n = jhm_next(&a->map, n)) {
        PM_TRY(append_cell(&entries->children[0], a->cells[a->map.nodes[n].key], err));
        PM_TRY(append_cell(&entries->children[1], a->cells[a->map.nodes[n].val], err));
        PM_TRY_MEM(err, pm_col_struct_close(entries));
    }
    return finish_list(a, err);
}

static int merge_map_add(pm_field_agg *a, const struct ArrowArray *in, int64_t row,
                         paimon_error *err) {
    if (!pm_arrow_is_valid(in, row))
        return PAIMON_OK;
    if (a->is_null)
        return agg_keep(a, in, row, err);
    const pm_type *kt = a->type->key;
    a->key_type = kt;
    a->cell_count = 0;
    PM_TRY(push_entries(a, agg_cur(a), 0, err));
    PM_TRY(push_entries(a, in, row, err));
    map_reset(a, &cell_keys);
    for (uint32_t i = 0; i < a->cell_count; i += 2)
        PM_TRY(map_put(a, agg_java_hash(kt, a->cells[i]), i, i + 1, err));
    return build_map_from(a, err);
}

static int merge_map_retract(pm_field_agg *a, const struct ArrowArray *in, int64_t row,
                             paimon_error *err) {
    if (a->is_null || !pm_arrow_is_valid(in, row))
        return PAIMON_OK;
    int64_t rs, re;
    agg_list_range(in, row, &rs, &re);
    if (rs == re)
        return PAIMON_OK;
    const pm_type *kt = a->type->key;
    a->key_type = kt;
    a->cell_count = 0;
    PM_TRY(push_entries(a, agg_cur(a), 0, err));
    size_t acc_cells = a->cell_count;
    PM_TRY(push_entries(a, in, row, err));
    /* The retracted keys, then the accumulator's entries whose key is not among them. */
    map_reset(a, &cell_keys);
    for (uint32_t i = (uint32_t)acc_cells; i < a->cell_count; i += 2)
        PM_TRY(map_put(a, agg_java_hash(kt, a->cells[i]), i, i + 1, err));
    PM_TRY(mark_reserve(a, acc_cells / 2, err));
    size_t kept = 0;
    for (uint32_t i = 0; i < acc_cells; i += 2) {
        if (jhm_find(&a->map, agg_java_hash(kt, a->cells[i]), i) < 0)
            a->marks[kept++] = (int32_t)i;
    }
    map_reset(a, &cell_keys);
    for (size_t k = 0; k < kept; k++) {
        uint32_t i = (uint32_t)a->marks[k];
        PM_TRY(map_put(a, agg_java_hash(kt, a->cells[i]), i, i + 1, err));
    }
    return build_map_from(a, err);
}

const agg_ops agg_merge_map_ops = {merge_map_add, merge_map_retract};

/* ---- merge_map_with_keytime ---- */

/* The next UTF-16 unit of a UTF-8 string, as Java's String holds it (malformed bytes decode to
 * U+FFFD). `pending` carries a low surrogate. Returns -1 at the end. */
static int32_t next_utf16(const uint8_t *s, size_t n, size_t *i, int32_t *pending) {
    if (*pending >= 0) {
        int32_t u = *pending;
        *pending = -1;
        return u;
    }
    if (*i >= n)
        return -1;
    uint8_t c = s[*i];
    uint32_t cp;
    size_t len;
    if (c < 0x80) {
        cp = c;
        len = 1;
    } else if (c >= 0xC2 && c < 0xE0) {
        cp = c & 0x1F;
        len = 2;
    } else if (c >= 0xE0 && c < 0xF0) {
        cp = c & 0x0F;
        len = 3;
    } else if (c >= 0xF0 && c < 0xF5) {
        cp = c & 0x07;
        len = 4;
    } else {
        (*i)++;
        return 0xFFFD;
    }
    if (n - *i < len) {
        (*i)++;
        return 0xFFFD;
    }
    for (size_t k = 1; k < len; k++) {
        if ((s[*i + k] & 0xC0) != 0x80) {
            (*i)++;
            return 0xFFFD;
        }
        cp = (cp << 6) | (s[*i + k] & 0x3F);
    }
    static const uint32_t min_cp[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min_cp[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        (*i)++;
        return 0xFFFD;
    }
    *i += len;
    if (cp >= 0x10000) {
        cp -= 0x10000;
        *pending = (int32_t)(0xDC00 + (cp & 0x3FF));
        return (int32_t)(0xD800 + (cp >> 10));
    }
    return (int32_t)cp;
}

/* String.compareTo of the decoded strings. */
static int java_string_compare(pm_datum x, pm_datum y) {
    size_t i = 0, j = 0;
    int32_t px = -1, py = -1;
    for (;;) {
        int32_t ux = next_utf16(x.v.bytes.ptr, x.v.bytes.len, &i, &px);
        int32_t uy = next_utf16(y.v.bytes.ptr, y.v.bytes.len, &j, &py);
        if (ux < 0 || uy < 0)
            return ux < 0 ? (uy < 0 ? 0 : -1) : 1;
        if (ux != uy)
            return ux < uy ? -1 : 1;
    }
}

static int keytime_add(pm_field_agg *a, const struct ArrowArray *in, int64_t row,
                       paimon_error *err) {
    if (a->is_null)
        return pm_arrow_is_valid(in, row) ? agg_keep(a, in, row, err) : PAIMON_OK;
    if (!pm_arrow_is_valid(in, row))
        return PAIMON_OK;
    const pm_type *kt = a->type->key;
    const pm_type *vt = a->type->value;
    const pm_type *tst = vt->fields[a->ts_field].type;
    a->key_type = kt;
    a->cell_count = 0;
    PM_TRY(push_entries(a, agg_cur(a), 0, err));
    size_t acc_cells = a->cell_count;
    PM_TRY(push_entries(a, in, row, err));
    map_reset(a, &cell_keys);
    for (uint32_t i = 0; i < acc_cells; i += 2)
        PM_TRY(map_put(a, agg_java_hash(kt, a->cells[i]), i, i + 1, err));
    for (uint32_t i = (uint32_t)acc_cells; i < a->cell_count; i += 2) {
        int32_t h = agg_java_hash(kt, a->cells[i]);
        agg_cell v = a->cells[i + 1];
        if (!pm_arrow_is_valid(v.arr, v.idx)) {
            jhm_remove(&a->map, h, i);
            continue;
        }
        const struct ArrowArray *ts_col = v.arr->children[a->ts_field];
        int64_t ts_at = v.arr->offset + v.idx;
        if (!pm_arrow_is_valid(ts_col, ts_at))
            continue;
        int32_t n = jhm_find(&a->map, h, i);
        bool replace = true;
        if (n >= 0) {
            agg_cell old = a->cells[a->map.nodes[n].val];
            const struct ArrowArray *old_ts = old.arr->children[a->ts_field];
            int64_t old_at = old.arr->offset + old.idx;
            if (pm_arrow_is_valid(old.arr, old.idx) && pm_arrow_is_valid(old_ts, old_at)) {
                if (tst->id != PM_TYPE_VARCHAR && tst->id != PM_TYPE_CHAR)
                    return pm_err(err, PAIMON_EINVAL,
                                  "merge_map_with_keytime: the timestamp field '%s' must be a "
                                  "string, not %s",
                                  vt->fields[a->ts_field].name, pm_type_id_name(tst->id));
                pm_datum nd = pm_arrow_get_datum(ts_col, tst, ts_at);
                pm_datum od = pm_arrow_get_datum(old_ts, tst, old_at);
                replace = java_string_compare(nd, od) > 0;
            }
        }
        if (replace)
            PM_TRY(map_put(a, h, i, i + 1, err));
    }
    return build_map_from(a, err);
}

const agg_ops agg_merge_map_keytime_ops = {keytime_add, NULL};

/* ---- nested_update / nested_partial_update ---- */

typedef struct nested_rows {
    const struct ArrowArray *rows; /* the struct array of elements */
    int64_t start, end;
} nested_rows;

/* Pushes the non-null rows of a value as cells (up to `limit` of them). */
static int push_rows(pm_field_agg *a, const struct ArrowArray *list, int64_t row, size_t limit,
                     paimon_error *err) {
    int64_t s, e;
    agg_list_range(list, row, &s, &e);
    size_t count = 0;
    uint32_t id;
    for (int64_t j = s; j < e && count < limit; j++) {
        if (!pm_arrow_is_valid(list->children[0], j))
            continue;
        PM_TRY(push_cell(a, list->children[0], j, &id, err));
        count++;
    }
    return PAIMON_OK;
}

/* Projects the nested key of cell `id`; key id == cell id. *use is false when the null
 * strategy drops the row. */
static int project_key(pm_field_agg *a, uint32_t id, bool *use, paimon_error *err) {
    const pm_type *rt = a->type->element;
    agg_cell c = a->cells[id];
    if (pm_grow((void **)&a->key_offs, &a->key_offs_cap, (size_t)id + 2, sizeof *a->key_offs) !=
        PAIMON_OK)
        return pm_err_nomem(err);
    if (id == 0) {
        a->keys.len = 0;
        a->key_offs[0] = 0;
    }
    int rc = agg_binrow_project(rt, c.arr, c.idx, a->nested_key, a->nested_key_count, &a->keys);
    if (rc != PAIMON_OK)
        return rc == PAIMON_ENOMEM ? pm_err_nomem(err)
                                   : pm_err(err, rc, "%s: nested key too large", a->function);
    a->key_offs[id + 1] = a->keys.len;
    *use = true;
    bool any_null = false;
    for (size_t k = 0; k < a->nested_key_count; k++)
        any_null |= !pm_arrow_is_valid(c.arr->children[a->nested_key[k]], c.arr->offset + c.idx);
    if (!any_null)
        return PAIMON_OK;
    switch (a->null_strategy) {
    case AGG_NESTED_NULL_MERGE: return PAIMON_OK;
    case AGG_NESTED_NULL_IGNORE: *use = false; return PAIMON_OK;
    case AGG_NESTED_NULL_ERROR: break;
    }
    return pm_err(err, PAIMON_EINVAL,
                  "%s: nested key contains null values; primary key fields must not be null",
                  a->function);
}

static int32_t key_hash(const pm_field_agg *a, uint32_t id) {
    size_t len;
    const uint8_t *p = key_bytes(a, id, &len);
    return pm_murmur_hash_words(p, len, PM_MURMUR_DEFAULT_SEED);
}

/* Compares the nested-sequence-field values of two rows (nulls first). */
static int compare_sequence(const pm_field_agg *a, agg_cell x, agg_cell y) {
    const pm_type *rt = a->type->element;
    for (size_t k = 0; k < a->nested_seq_count; k++) {
        int32_t f = a->nested_seq[k];
        const pm_type *t = rt->fields[f].type;
        pm_datum dx = pm_arrow_get_datum(x.arr->children[f], t, x.arr->offset + x.idx);
        pm_datum dy = pm_arrow_get_datum(y.arr->children[f], t, y.arr->offset + y.idx);
        int c = pm_datum_compare(t, &dx, &dy);
        if (c != 0)
            return c;
    }
    return 0;
}

/* addNestedRows over cells [from, to). */
static int add_nested_rows(pm_field_agg *a, uint32_t from, uint32_t to, bool limit_new_keys,
                           paimon_error *err) {
    for (uint32_t i = from; i < to; i++) {
        bool use;
        PM_TRY(project_key(a, i, &use, err));
        if (!use)
            continue;
        int32_t h = key_hash(a, i);
        int32_t n = jhm_find(&a->map, h, i);
        if (n >= 0) {
            agg_cell existing = a->cells[a->map.nodes[n].val];
            if (a->nested_seq_count == 0 || compare_sequence(a, a->cells[i], existing) >= 0)
                a->map.nodes[n].val = i;
        } else if (!limit_new_keys || (int64_t)a->map.size < a->count_limit) {
            PM_TRY(map_put(a, h, i, i, err));
        }
    }
    return PAIMON_OK;
}

static int build_rows_from_map(pm_field_agg *a, paimon_error *err) {
    pm_col *out = &a->next.children[0];
    for (int32_t n = jhm_first(&a->map); n >= 0; n = jhm_next(&a->map, n))
        PM_TRY(append_cell(out, a->cells[a->map.nodes[n].val], err));
    return finish_list(a, err);
}

static int build_rows_from_cells(pm_field_agg *a, paimon_error *err) {
    pm_col *out = &a->next.children[0];
    for (size_t i = 0; i < a->cell_count; i++)
        PM_TRY(append_cell(out, a->cells[i], err));
    return finish_list(a, err);
}

static int nested_update_add(pm_field_agg *a, const struct ArrowArray *in, int64_t row,
                             paimon_error *err) {
    if (!pm_arrow_is_valid(in, row))
        return PAIMON_OK;
    a->cell_count = 0;
    int64_t limit = a->count_limit;
    if (a->nested_key_count == 0) {
        if (!a->is_null) {
            int64_t s, e;
            acc_elements(a, &s, &e);
            if (e - s >= limit)
                return PAIMON_OK;
            limit -= e - s;
            PM_TRY(push_rows(a, agg_cur(a), 0, SIZE_MAX, err));
        }
        PM_TRY(push_rows(a, in, row, limit > 0 ? (size_t)limit : 0, err));
        return build_rows_from_cells(a, err);
    }
    if (!a->is_null)
        PM_TRY(push_rows(a, agg_cur(a), 0, SIZE_MAX, err));
    uint32_t acc_cells = (uint32_t)a->cell_count;
    PM_TRY(push_rows(a, in, row, SIZE_MAX, err));
    map_reset(a, &row_keys);
    PM_TRY(add_nested_rows(a, 0, acc_cells, false, err));
    PM_TRY(add_nested_rows(a, acc_cells, (uint32_t)a->cell_count, true, err));
    return build_rows_from_map(a, err);
}

static int nested_update_retract(pm_field_agg *a, const struct ArrowArray *in, int64_t row,
                                 paimon_error *err) {
    if (a->is_null || !pm_arrow_is_valid(in, row))
        return PAIMON_OK;
    a->cell_count = 0;
    PM_TRY(push_rows(a, agg_cur(a), 0, SIZE_MAX, err));
    uint32_t acc_cells = (uint32_t)a->cell_count;
    PM_TRY(push_rows(a, in, row, SIZE_MAX, err));
    if (a->nested_key_count == 0) {
        /* Every accumulated row equal to a retracted row goes. */
        const pm_type *rt = a->type->element;
        pm_col *out = &a->next.children[0];
        for (uint32_t i = 0; i < acc_cells; i++) {
            bool removed = false;
            for (uint32_t j = acc_cells; j < a->cell_count && !removed; j++)
                removed = agg_cell_equals(rt, a->cells[j], a->cells[i]);
            if (!removed)
                PM_TRY(append_cell(out, a->cells[i], err));
        }
        return finish_list(a, err);
    }
    map_reset(a, &row_keys);
    for (uint32_t i = 0; i < acc_cells; i++) {
        bool use;
        PM_TRY(project_key(a, i, &use, err));
        if (use)
            PM_TRY(map_put(a, key_hash(a, i), i, i, err));
    }
    for (uint32_t i = acc_cells; i < a->cell_count; i++) {
        bool use;
        PM_TRY(project_key(a, i, &use, err));
        if (use)
            jhm_remove(&a->map, key_hash(a, i), i);
    }
    return build_rows_from_map(a, err);
}

const agg_ops agg_nested_update_ops = {nested_update_add, nested_update_retract};

static int nested_partial_update_add(pm_field_agg *a, const struct ArrowArray *in, int64_t row,
                                     paimon_error *err) {
    if (!pm_arrow_is_valid(in, row))
        return PAIMON_OK;
    const pm_type *rt = a->type->element;
    size_t nf = rt->field_count;
    a->cell_count = 0;
    if (!a->is_null)
        PM_TRY(push_rows(a, agg_cur(a), 0, SIZE_MAX, err));
    PM_TRY(push_rows(a, in, row, SIZE_MAX, err));
    /* Each map value is a slot of nf sources in `marks`: the cell that set the field, or -1. */
    map_reset(a, &row_keys);
    uint32_t slots = 0;
    for (uint32_t i = 0; i < a->cell_count; i++) {
        bool use;
        PM_TRY(project_key(a, i, &use, err));
        if (!use)
            continue;
        int32_t h = key_hash(a, i);
        int32_t n = jhm_find(&a->map, h, i);
        uint32_t slot;
        if (n >= 0) {
            slot = a->map.nodes[n].val;
        } else {
            slot = slots++;
            PM_TRY(mark_reserve(a, (size_t)slots * nf, err));
            for (size_t f = 0; f < nf; f++)
                a->marks[(size_t)slot * nf + f] = -1;
            PM_TRY(map_put(a, h, i, slot, err));
        }
        agg_cell c = a->cells[i];
        for (size_t f = 0; f < nf; f++) {
            if (pm_arrow_is_valid(c.arr->children[f], c.arr->offset + c.idx))
                a->marks[(size_t)slot * nf + f] = (int32_t)i;
        }
    }
    pm_col *out = &a->next.children[0];
    for (int32_t n = jhm_first(&a->map); n >= 0; n = jhm_next(&a->map, n)) {
        uint32_t slot = a->map.nodes[n].val;
        for (size_t f = 0; f < nf; f++) {
            int32_t src = a->marks[(size_t)slot * nf + f];
            if (src < 0) {
                PM_TRY_MEM(err, pm_col_append_null(&out->children[f]));
            } else {
                agg_cell c = a->cells[src];
                PM_TRY_MEM(err, pm_col_append_from(&out->children[f], c.arr->children[f],
                                                   c.arr->offset + c.idx));
            }
        }
        PM_TRY_MEM(err, pm_col_struct_close(out));
    }
    return finish_list(a, err);
}

const agg_ops agg_nested_partial_update_ops = {nested_partial_update_add, NULL};
