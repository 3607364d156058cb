/*
 * agg_java.c - Java value semantics for Arrow cells, and java.util.HashMap's iteration order.
 *
 * Java's collect (distinct), merge_map, merge_map_with_keytime, nested_update and
 * nested_partial_update build their results by iterating a HashMap or HashSet, so the order of
 * the elements they return is the order of Java's hash table: buckets by spread hash code, and
 * within a bucket the order of a linked list, or of a red-black tree's threaded list once a
 * bucket holds more than 8 entries in a table of 64 or more. To return the same arrays we
 * replay the same table operations (put, remove, resize, treeify, untreeify) over the same hash
 * codes (Integer.hashCode, BinaryString.hashCode, BigDecimal.hashCode, ...).
 */
#include "agg/agg_internal.h"

#include "util/endian.h"
#include "util/mem.h"
#include "util/murmur.h"
#include "util/vec.h"

#include <string.h>

/* ---- hash codes ---- */

/* BigDecimal.hashCode(): 31 * (signum * BigInteger magnitude hash) + scale, where the
 * magnitude hash folds the big-endian 32-bit words of |unscaled| as h = 31 * h + w. */
static int32_t decimal_hash(pm_decimal128 v, int32_t scale) {
    bool negative = pm_dec_is_negative(v);
    if (negative)
        v = pm_dec_negate(v);
    uint64_t hi = (uint64_t)v.hi;
    uint32_t words[4] = {(uint32_t)(hi >> 32), (uint32_t)hi, (uint32_t)(v.lo >> 32),
                         (uint32_t)v.lo};
    uint32_t h = 0;
    bool started = false;
    for (int i = 0; i < 4; i++) {
        if (!started && words[i] == 0)
            continue;
        started = true;
        h = 31 * h + words[i];
    }
    if (negative)
        h = 0u - h;
    return (int32_t)(31 * h + (uint32_t)scale);
}

static uint32_t float_bits(float f) {
    return f != f ? 0x7fc00000u : pm_f32_bits(f);
}

static uint64_t double_bits(double d) {
    return d != d ? 0x7ff8000000000000ull : pm_f64_bits(d);
}

bool agg_java_hashable(const pm_type *type) {
    switch (type->id) {
    case PM_TYPE_BOOLEAN:
    case PM_TYPE_TINYINT:
    case PM_TYPE_SMALLINT:
    case PM_TYPE_INT:
    case PM_TYPE_BIGINT:
    case PM_TYPE_FLOAT:
    case PM_TYPE_DOUBLE:
    case PM_TYPE_DECIMAL:
    case PM_TYPE_CHAR:
    case PM_TYPE_VARCHAR:
    case PM_TYPE_DATE:
    case PM_TYPE_TIME:
    case PM_TYPE_TIMESTAMP:
    case PM_TYPE_TIMESTAMP_LTZ: return true;
    default: return false;
    }
}

int32_t agg_java_hash(const pm_type *type, agg_cell c) {
    if (!pm_arrow_is_valid(c.arr, c.idx))
        return 0;
    pm_datum d = pm_arrow_get_datum(c.arr, type, c.idx);
    switch (type->id) {
    case PM_TYPE_BOOLEAN: return d.v.b ? 1231 : 1237;
    case PM_TYPE_TINYINT:
    case PM_TYPE_SMALLINT:
    case PM_TYPE_INT:
    case PM_TYPE_DATE:
    case PM_TYPE_TIME: return (int32_t)d.v.i;
    case PM_TYPE_BIGINT: {
        uint64_t u = (uint64_t)d.v.i;
        return (int32_t)(uint32_t)(u ^ (u >> 32));
    }
    case PM_TYPE_FLOAT: return (int32_t)float_bits((float)d.v.f);
    case PM_TYPE_DOUBLE: {
        uint64_t u = double_bits(d.v.f);
        return (int32_t)(uint32_t)(u ^ (u >> 32));
    }
    case PM_TYPE_DECIMAL: return decimal_hash(d.v.dec, type->scale);
    case PM_TYPE_TIMESTAMP:
    case PM_TYPE_TIMESTAMP_LTZ: {
        int64_t ms = d.v.ts.millis;
        uint32_t h = (uint32_t)ms ^ (uint32_t)(ms >> 32);
        return (int32_t)(31 * h + (uint32_t)d.v.ts.nanos);
    }
    case PM_TYPE_BINARY:
    case PM_TYPE_VARBINARY:
    case PM_TYPE_BLOB: {
        /* Arrays.hashCode(byte[]), as ByteArrayKey: only for lookups, Java's final order of
         * byte[] keys follows identity hash codes and cannot be reproduced. */
        uint32_t h = 1;
        for (size_t i = 0; i < d.v.bytes.len; i++)
            h = 31 * h + (uint32_t)(int32_t)(int8_t)d.v.bytes.ptr[i];
        return (int32_t)h;
    }
    default: return pm_murmur_hash_bytes(d.v.bytes.ptr, d.v.bytes.len, PM_MURMUR_DEFAULT_SEED);
    }
}

/* ---- equality ---- */

bool agg_cell_equals(const pm_type *type, agg_cell a, agg_cell b) {
    bool va = pm_arrow_is_valid(a.arr, a.idx), vb = pm_arrow_is_valid(b.arr, b.idx);
    if (!va || !vb)
        return va == vb;
    switch (type->id) {
    case PM_TYPE_ARRAY:
    case PM_TYPE_MAP:
    case PM_TYPE_MULTISET: {
        int64_t as, ae, bs, be;
        agg_list_range(a.arr, a.idx, &as, &ae);
        agg_list_range(b.arr, b.idx, &bs, &be);
        if (ae - as != be - bs)
            return false;
        for (int64_t i = 0; i < ae - as; i++) {
            agg_cell x = {a.arr->children[0], as + i}, y = {b.arr->children[0], bs + i};
            if (type->id == PM_TYPE_ARRAY) {
                if (!agg_cell_equals(type->element, x, y))
                    return false;
                continue;
            }
            /* entries: a struct of key and value */
            const pm_type *kt = type->id == PM_TYPE_MAP ? type->key : type->element;
            agg_cell xk = {x.arr->children[0], x.arr->offset + x.idx};
            agg_cell yk = {y.arr->children[0], y.arr->offset + y.idx};
            agg_cell xv = {x.arr->children[1], x.arr->offset + x.idx};
            agg_cell yv = {y.arr->children[1], y.arr->offset + y.idx};
            if (!agg_cell_equals(kt, xk, yk))
                return false;
            if (type->id == PM_TYPE_MAP) {
                if (!agg_cell_equals(type->value, xv, yv))
                    return false;
            } else {
                pm_type count = {0};
                count.id = PM_TYPE_INT;
                if (!agg_cell_equals(&count, xv, yv))
                    return false;
            }
        }
        return true;
    }
    case PM_TYPE_ROW:
        for (size_t k = 0; k < type->field_count; k++) {
            agg_cell x = {a.arr->children[k], a.arr->offset + a.idx};
            agg_cell y = {b.arr->children[k], b.arr->offset + b.idx};
            if (!agg_cell_equals(type->fields[k].type, x, y))
                return false;
        }
        return true;
    default: break;
    }
    pm_datum x = pm_arrow_get_datum(a.arr, type, a.idx);
    pm_datum y = pm_arrow_get_datum(b.arr, type, b.idx);
    if (type->id == PM_TYPE_FLOAT)
        return float_bits((float)x.v.f) == float_bits((float)y.v.f);
    if (type->id == PM_TYPE_DOUBLE)
        return double_bits(x.v.f) == double_bits(y.v.f);
    return pm_datum_compare(type, &x, &y) == 0;
}

/* ---- HashMap ---- */

#define NIL (-1)
#define TREEIFY_THRESHOLD 8
#define UNTREEIFY_THRESHOLD 6
#define MIN_TREEIFY_CAPACITY 64

#define N(i) (m->nodes[(i)])

void jhm_init(jhm *m, const jhm_key_ops *ops) {
    memset(m, 0, sizeof *m);
    m->ops = ops;
}

void jhm_dispose(jhm *m) {
    pm_free(m->nodes);
    pm_free(m->table);
    pm_free(m->tree);
    memset(m, 0, sizeof *m);
}

void jhm_clear(jhm *m, void *ctx) {
    m->node_count = 0;
    m->cap = 0;
    m->size = 0;
    m->threshold = 0;
    m->ctx = ctx;
}

static bool key_eq(jhm *m, uint32_t a, uint32_t b) { return m->ops->equals(m->ctx, a, b); }

/* The `dir` of two unequal keys with equal hashes: compareComparables, else tieBreakOrder
 * (where a null key has identity hash 0, below every object's). */
static int tie_dir(jhm *m, uint32_t k, uint32_t pk) {
    bool kn = m->ops->is_null(m->ctx, k), pn = m->ops->is_null(m->ctx, pk);
    if (!kn && !pn && m->ops->compare != NULL) {
        int c = m->ops->compare(m->ctx, k, pk);
        if (c != 0)
            return c;
    }
    if (kn)
        return -1;
    if (pn)
        return 1;
    return m->ops->tiebreak(m->ctx, k, pk) <= 0 ? -1 : 1;
}

static int32_t new_node(jhm *m, int32_t hash, uint32_t key, uint32_t val, int32_t next) {
    if (pm_grow((void **)&m->nodes, &m->node_cap, m->node_count + 1, sizeof *m->nodes) !=
        PAIMON_OK)
        return NIL;
    int32_t i = (int32_t)m->node_count++;
    jhm_node *n = &m->nodes[i];
    n->hash = hash;
    n->key = key;
    n->val = val;
    n->next = next;
    n->prev = n->left = n->right = n->parent = NIL;
    n->red = false;
    return i;
}

static int32_t root_of(jhm *m, int32_t x) {
    while (N(x).parent != NIL)
        x = N(x).parent;
    return x;
}

static void move_root_to_front(jhm *m, int32_t root) {
    if (root == NIL)
        return;
    uint32_t index = (m->cap - 1) & (uint32_t)N(root).hash;
    int32_t first = m->table[index];
    if (root == first)
        return;
    m->table[index] = root;
    int32_t rp = N(root).prev, rn = N(root).next;
    if (rn != NIL)
        N(rn).prev = rp;
    if (rp != NIL)
        N(rp).next = rn;
    if (first != NIL)
        N(first).prev = root;
    N(root).next = first;
    N(root).prev = NIL;
}

static int32_t rotate_left(jhm *m, int32_t root, int32_t p) {
    int32_t r, pp, rl;
    if (p != NIL && (r = N(p).right) != NIL) {
        if ((rl = N(p).right = N(r).left) != NIL)
            N(rl).parent = p;
        if ((pp = N(r).parent = N(p).parent) == NIL) {
            root = r;
            N(r).red = false;
        } else if (N(pp).left == p) {
            N(pp).left = r;
        } else {
            N(pp).right = r;
        }
        N(r).left = p;
        N(p).parent = r;
    }
    return root;
}

static int32_t rotate_right(jhm *m, int32_t root, int32_t p) {
    int32_t l, pp, lr;
    if (p != NIL && (l = N(p).left) != NIL) {
        if ((lr = N(p).left = N(l).right) != NIL)
            N(lr).parent = p;
        if ((pp = N(l).parent = N(p).parent) == NIL) {
            root = l;
            N(l).red = false;
        } else if (N(pp).right == p) {
            N(pp).right = l;
        } else {
            N(pp).left = l;
        }
        N(l).right = p;
        N(p).parent = l;
    }
    return root;
}

static bool is_red(jhm *m, int32_t x) { return x != NIL && N(x).red; }

static int32_t balance_insertion(jhm *m, int32_t root, int32_t x) {
    N(x).red = true;
    for (;;) {
        int32_t xp = N(x).parent, xpp, xppl, xppr;
        if (xp == NIL) {
            N(x).red = false;
            return x;
        }
        if (!N(xp).red || (xpp = N(xp).parent) == NIL)
            return root;
        if (xp == (xppl = N(xpp).left)) {
            if ((xppr = N(xpp).right) != NIL && N(xppr).red) {
                N(xppr).red = false;
                N(xp).red = false;
                N(xpp).red = true;
                x = xpp;
            } else {
                if (x == N(xp).right) {
                    x = xp;
                    root = rotate_left(m, root, x);
                    xp = N(x).parent;
                    xpp = xp == NIL ? NIL : N(xp).parent;
                }
                if (xp != NIL) {
                    N(xp).red = false;
                    if (xpp != NIL) {
                        N(xpp).red = true;
                        root = rotate_right(m, root, xpp);
                    }
                }
            }
        } else {
            if (xppl != NIL && N(xppl).red) {
                N(xppl).red = false;
                N(xp).red = false;
                N(xpp).red = true;
                x = xpp;
            } else {
                if (x == N(xp).left) {
                    x = xp;
                    root = rotate_right(m, root, x);
                    xp = N(x).parent;
                    xpp = xp == NIL ? NIL : N(xp).parent;
                }
                if (xp != NIL) {
                    N(xp).red = false;
                    if (xpp != NIL) {
                        N(xpp).red = true;
                        root = rotate_left(m, root, xpp);
                    }
                }
            }
        }
    }
}

static int32_t balance_deletion(jhm *m, int32_t root, int32_t x) {
    for (;;) {
        int32_t xp, xpl, xpr;
        if (x == NIL || x == root)
            return root;
        if ((xp = N(x).parent) == NIL) {
            N(x).red = false;
            return x;
        }
        if (N(x).red) {
            N(x).red = false;
            return root;
        }
        if ((xpl = N(xp).left) == x) {
            if ((xpr = N(xp).right) != NIL && N(xpr).red) {
                N(xpr).red = false;
                N(xp).red = true;
                root = rotate_left(m, root, xp);
                xp = N(x).parent;
                xpr = xp == NIL ? NIL : N(xp).right;
            }
            if (xpr == NIL) {
                x = xp;
            } else {
                int32_t sl = N(xpr).left, sr = N(xpr).right;
                if (!is_red(m, sr) && !is_red(m, sl)) {
                    N(xpr).red = true;
                    x = xp;
                } else {
                    if (!is_red(m, sr)) {
                        if (sl != NIL)
                            N(sl).red = false;
                        N(xpr).red = true;
                        root = rotate_right(m, root, xpr);
                        xp = N(x).parent;
                        xpr = xp == NIL ? NIL : N(xp).right;
                    }
                    if (xpr != NIL) {
                        N(xpr).red = xp == NIL ? false : N(xp).red;
                        if ((sr = N(xpr).right) != NIL)
                            N(sr).red = false;
                    }
                    if (xp != NIL) {
                        N(xp).red = false;
                        root = rotate_left(m, root, xp);
                    }
                    x = root;
                }
            }
        } else {
            if (xpl != NIL && N(xpl).red) {
                N(xpl).red = false;
                N(xp).red = true;
                root = rotate_right(m, root, xp);
                xp = N(x).parent;
                xpl = xp == NIL ? NIL : N(xp).left;
            }
            if (xpl == NIL) {
                x = xp;
            } else {
                int32_t sl = N(xpl).left, sr = N(xpl).right;
                if (!is_red(m, sl) && !is_red(m, sr)) {
                    N(xpl).red = true;
                    x = xp;
                } else {
                    if (!is_red(m, sl)) {
                        if (sr != NIL)
                            N(sr).red = false;
                        N(xpl).red = true;
                        root = rotate_left(m, root, xpl);
                        xp = N(x).parent;
                        xpl = xp == NIL ? NIL : N(xp).left;
                    }
                    if (xpl != NIL) {
                        N(xpl).red = xp == NIL ? false : N(xp).red;
                        if ((sl = N(xpl).left) != NIL)
                            N(sl).red = false;
                    }
                    if (xp != NIL) {
                        N(xp).red = false;
                        root = rotate_right(m, root, xp);
                    }
                    x = root;
                }
            }
        }
    }
}

/* Builds the red-black tree of the bin starting at `head` (whose nodes are linked by next and
 * prev), then moves the root to the front of the bin. */
static void treeify(jhm *m, int32_t head) {
    int32_t root = NIL;
    for (int32_t x = head, next; x != NIL; x = next) {
        next = N(x).next;
        N(x).left = N(x).right = NIL;
        if (root == NIL) {
            N(x).parent = NIL;
            N(x).red = false;
            root = x;
            continue;
        }
        int32_t h = N(x).hash;
        for (int32_t p = root;;) {
            int32_t ph = N(p).hash, dir;
            if (ph > h)
                dir = -1;
            else if (ph < h)
                dir = 1;
            else
                dir = tie_dir(m, N(x).key, N(p).key);
            int32_t xp = p;
            if ((p = dir <= 0 ? N(p).left : N(p).right) == NIL) {
                N(x).parent = xp;
                if (dir <= 0)
                    N(xp).left = x;
                else
                    N(xp).right = x;
                root = balance_insertion(m, root, x);
                break;
            }
        }
    }
    move_root_to_front(m, root);
}

/* The nodes stay in place; a plain bin simply ignores the tree links. */
static void untreeify(jhm *m, uint32_t index, int32_t head) {
    m->table[index] = head;
    m->tree[index] = 0;
}

static void split_tree(jhm *m, uint32_t index, uint32_t bit) {
    int32_t lo_head = NIL, lo_tail = NIL, hi_head = NIL, hi_tail = NIL;
    int lc = 0, hc = 0;
    for (int32_t e = m->table[index], next; e != NIL; e = next) {
        next = N(e).next;
        N(e).next = NIL;
        if (((uint32_t)N(e).hash & bit) == 0) {
            if ((N(e).prev = lo_tail) == NIL)
                lo_head = e;
            else
                N(lo_tail).next = e;
            lo_tail = e;
            ++lc;
        } else {
            if ((N(e).prev = hi_tail) == NIL)
                hi_head = e;
            else
                N(hi_tail).next = e;
            hi_tail = e;
            ++hc;
        }
    }
    m->table[index] = NIL;
    m->tree[index] = 0;
    if (lo_head != NIL) {
        if (lc <= UNTREEIFY_THRESHOLD) {
            untreeify(m, index, lo_head);
        } else {
            m->table[index] = lo_head;
            m->tree[index] = 1;
            if (hi_head != NIL)
                treeify(m, lo_head);
        }
    }
    if (hi_head != NIL) {
        if (hc <= UNTREEIFY_THRESHOLD) {
            untreeify(m, index + bit, hi_head);
        } else {
            m->table[index + bit] = hi_head;
            m->tree[index + bit] = 1;
            if (lo_head != NIL)
                treeify(m, hi_head);
        }
    }
}

static int resize(jhm *m) {
    uint32_t old_cap = m->cap;
    uint32_t new_cap = old_cap == 0 ? 16 : old_cap * 2;
    m->threshold = old_cap == 0 ? 12 : m->threshold * 2;
    if (new_cap > m->table_alloc) {
        size_t cap = m->table_alloc;
        size_t cap2 = m->table_alloc;
        if (pm_grow((void **)&m->table, &cap, new_cap, sizeof *m->table) != PAIMON_OK ||
            pm_grow((void **)&m->tree, &cap2, new_cap, sizeof *m->tree) != PAIMON_OK)
            return PAIMON_ENOMEM;
        m->table_alloc = cap < cap2 ? cap : cap2;
    }
    for (uint32_t j = old_cap; j < new_cap; j++) {
        m->table[j] = NIL;
        m->tree[j] = 0;
    }
    m->cap = new_cap;
    for (uint32_t j = 0; j < old_cap; j++) {
        int32_t e = m->table[j];
        if (e == NIL)
            continue;
        if (N(e).next == NIL) {
            uint32_t to = (uint32_t)N(e).hash & (new_cap - 1);
            uint8_t tree = m->tree[j];
            m->table[j] = NIL;
            m->tree[j] = 0;
            m->table[to] = e;
            m->tree[to] = tree;
        } else if (m->tree[j]) {
            split_tree(m, j, old_cap);
        } else {
            int32_t lo_head = NIL, lo_tail = NIL, hi_head = NIL, hi_tail = NIL;
            for (int32_t next; e != NIL; e = next) {
                next = N(e).next;
                if (((uint32_t)N(e).hash & old_cap) == 0) {
                    if (lo_tail == NIL)
                        lo_head = e;
                    else
                        N(lo_tail).next = e;
                    lo_tail = e;
                } else {
                    if (hi_tail == NIL)
                        hi_head = e;
                    else
                        N(hi_tail).next = e;
                    hi_tail = e;
                }
            }
            m->table[j] = NIL;
            if (lo_tail != NIL) {
                N(lo_tail).next = NIL;
                m->table[j] = lo_head;
            }
            if (hi_tail != NIL) {
                N(hi_tail).next = NIL;
                m->table[j + old_cap] = hi_head;
            }
        }
    }
    return PAIMON_OK;
}

static int treeify_bin(jhm *m, int32_t hash) {
    if (m->cap < MIN_TREEIFY_CAPACITY)
        return resize(m);
    uint32_t index = (m->cap - 1) & (uint32_t)hash;
    int32_t hd = m->table[index];
    if (hd == NIL)
        return PAIMON_OK;
    int32_t tl = NIL;
    for (int32_t e = hd; e != NIL; e = N(e).next) {
        N(e).prev = tl;
        tl = e;
    }
    m->tree[index] = 1;
    treeify(m, hd);
    return PAIMON_OK;
}

static int32_t find_in_bin(jhm *m, uint32_t index, int32_t hash, uint32_t key) {
    for (int32_t e = m->table[index]; e != NIL; e = N(e).next) {
        if (N(e).hash == hash && key_eq(m, N(e).key, key))
            return e;
    }
    return NIL;
}

/* putTreeVal for a key known to be absent from the bin. */
static int put_tree_val(jhm *m, uint32_t index, int32_t h, uint32_t key, uint32_t val) {
    int32_t root = root_of(m, m->table[index]);
    for (int32_t p = root;;) {
        int32_t ph = N(p).hash, dir;
        if (ph > h)
            dir = -1;
        else if (ph < h)
            dir = 1;
        else
            dir = tie_dir(m, key, N(p).key);
        int32_t xp = p;
        if ((p = dir <= 0 ? N(p).left : N(p).right) == NIL) {
            int32_t xpn = N(xp).next;
            int32_t x = new_node(m, h, key, val, xpn);
            if (x == NIL)
                return PAIMON_ENOMEM;
            if (dir <= 0)
                N(xp).left = x;
            else
                N(xp).right = x;
            N(xp).next = x;
            N(x).parent = N(x).prev = xp;
            if (xpn != NIL)
                N(xpn).prev = x;
            move_root_to_front(m, balance_insertion(m, root, x));
            return PAIMON_OK;
        }
    }
}

static int32_t spread(int32_t h) {
    uint32_t u = (uint32_t)h;
    return (int32_t)(u ^ (u >> 16));
}

int32_t jhm_find(jhm *m, int32_t h, uint32_t key) {
    if (m->cap == 0)
        return NIL;
    int32_t hash = spread(h);
    return find_in_bin(m, (m->cap - 1) & (uint32_t)hash, hash, key);
}

int jhm_put(jhm *m, int32_t h, uint32_t key, uint32_t val) {
    int32_t hash = spread(h);
    if (m->cap == 0)
        PM_TRY(resize(m));
    uint32_t i = (m->cap - 1) & (uint32_t)hash;
    int32_t p = m->table[i];
    if (p == NIL) {
        int32_t x = new_node(m, hash, key, val, NIL);
        if (x == NIL)
            return PAIMON_ENOMEM;
        m->table[i] = x;
        m->tree[i] = 0;
    } else {
        int32_t e = find_in_bin(m, i, hash, key);
        if (e != NIL) {
            N(e).val = val;
            return PAIMON_OK;
        }
        if (m->tree[i]) {
            PM_TRY(put_tree_val(m, i, hash, key, val));
        } else {
            int bin_count = 0;
            while (N(p).next != NIL) {
                p = N(p).next;
                bin_count++;
            }
            int32_t x = new_node(m, hash, key, val, NIL);
            if (x == NIL)
                return PAIMON_ENOMEM;
            N(p).next = x;
            if (bin_count >= TREEIFY_THRESHOLD - 1)
                PM_TRY(treeify_bin(m, hash));
        }
    }
    if (++m->size > m->threshold)
        PM_TRY(resize(m));
    return PAIMON_OK;
}

static void remove_tree_node(jhm *m, uint32_t index, int32_t self) {
    int32_t first = m->table[index], root = first, rl;
    int32_t succ = N(self).next, pred = N(self).prev;
    if (pred == NIL)
        m->table[index] = first = succ;
    else
        N(pred).next = succ;
    if (succ != NIL)
        N(succ).prev = pred;
    if (first == NIL) {
        m->tree[index] = 0;
        return;
    }
    if (N(root).parent != NIL)
        root = root_of(m, root);
    if (root == NIL || N(root).right == NIL || (rl = N(root).left) == NIL || N(rl).left == NIL) {
        untreeify(m, index, first); /* too small */
        return;
    }
    int32_t p = self, pl = N(self).left, pr = N(self).right, replacement;
    if (pl != NIL && pr != NIL) {
        int32_t s = pr, sl;
        while ((sl = N(s).left) != NIL) /* successor */
            s = sl;
        bool c = N(s).red;
        N(s).red = N(p).red;
        N(p).red = c;
        int32_t sr = N(s).right;
        int32_t pp = N(p).parent;
        if (s == pr) {
            N(p).parent = s;
            N(s).right = p;
        } else {
            int32_t sp = N(s).parent;
            if ((N(p).parent = sp) != NIL) {
                if (s == N(sp).left)
                    N(sp).left = p;
                else
                    N(sp).right = p;
            }
            if ((N(s).right = pr) != NIL)
                N(pr).parent = s;
        }
        N(p).left = NIL;
        if ((N(p).right = sr) != NIL)
            N(sr).parent = p;
        if ((N(s).left = pl) != NIL)
            N(pl).parent = s;
        if ((N(s).parent = pp) == NIL)
            root = s;
        else if (p == N(pp).left)
            N(pp).left = s;
        else
            N(pp).right = s;
        replacement = sr != NIL ? sr : p;
    } else if (pl != NIL) {
        replacement = pl;
    } else if (pr != NIL) {
        replacement = pr;
    } else {
        replacement = p;
    }
    if (replacement != p) {
        int32_t pp = N(replacement).parent = N(p).parent;
        if (pp == NIL) {
            root = replacement;
            N(replacement).red = false;
        } else if (p == N(pp).left) {
            N(pp).left = replacement;
        } else {
            N(pp).right = replacement;
        }
        N(p).left = N(p).right = N(p).parent = NIL;
    }
    int32_t r = N(p).red ? root : balance_deletion(m, root, replacement);
    if (replacement == p) { /* detach */
        int32_t pp = N(p).parent;
        N(p).parent = NIL;
        if (pp != NIL) {
            if (p == N(pp).left)
                N(pp).left = NIL;
            else if (p == N(pp).right)
                N(pp).right = NIL;
        }
    }
    move_root_to_front(m, r);
}

void jhm_remove(jhm *m, int32_t h, uint32_t key) {
    if (m->cap == 0)
        return;
    int32_t hash = spread(h);
    uint32_t index = (m->cap - 1) & (uint32_t)hash;
    int32_t p = m->table[index];
    if (p == NIL)
        return;
    int32_t node = NIL;
    if (N(p).hash == hash && key_eq(m, N(p).key, key)) {
        node = p;
    } else {
        for (int32_t e = N(p).next; e != NIL; e = N(e).next) {
            if (N(e).hash == hash && key_eq(m, N(e).key, key)) {
                node = e;
                break;
            }
            p = e;
        }
    }
    if (node == NIL)
        return;
    if (m->tree[index])
        remove_tree_node(m, index, node);
    else if (node == p)
        m->table[index] = N(node).next;
    else
        N(p).next = N(node).next;
    m->size--;
}

static int32_t first_from(const jhm *m, uint32_t bucket) {
    for (uint32_t b = bucket; b < m->cap; b++) {
        if (m->table[b] != NIL)
            return m->table[b];
    }
    return NIL;
}

int32_t jhm_first(const jhm *m) { return first_from(m, 0); }

int32_t jhm_next(const jhm *m, int32_t node) {
    const jhm_node *n = &m->nodes[node];
    if (n->next != NIL)
        return n->next;
    return first_from(m, ((m->cap - 1) & (uint32_t)n->hash) + 1);
}
