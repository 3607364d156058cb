/*
 * agg_rbm64.c - rbm64: the union of two serialized Roaring64Bitmaps, producing the bytes Java
 * Paimon's RoaringBitmap64 produces (org.roaringbitmap 1.2.1: deserialize both, or(),
 * runOptimize(), serialize()).
 *
 * That format has no specification: it is the state of Roaring64Bitmap's adaptive radix tree
 * (ART) over the 48-bit high parts and of its container store, written field by field:
 *
 *   byte        0 = empty bitmap (nothing follows), anything else = not empty
 *   ART         key count (LE64), then the nodes in pre-order, children by ascending key byte:
 *                 header: type (0 Node4, 1 Node16, 2 Node48, 3 Node256, 4 leaf), count (LE16),
 *                         prefix length (signed byte), prefix bytes when the length is > 0
 *                 Node4:  its 4 key bytes as a Java int (LE32), slot i in byte 3 - i
 *                 Node16: its 16 key bytes as two Java longs (LE64 each), slot i in byte 7 - i
 *                 Node48: 256 child slots (one byte per key byte, 0xFF = none), as 32 LE64
 *                 Node256: 256-bit presence mask, as 4 LE64
 *                 leaf:   the 6 key bytes (big-endian high part), container index (LE64:
 *                         array number << 32 | position)
 *   containers  array count (LE32); per array: a byte (-2), its length (LE32), per slot a byte
 *               0 (empty slot) or 1, then type (0 run, 1 bitmap, 2 array), cardinality (LE32)
 *               and the values as in the portable format (runs preceded by their count);
 *               then the container count (LE64), current array (LE32), last position (LE32)
 *
 * Because the tree keeps history (unused key bytes left by insertions, Node48 slots freed by
 * removals, prefixes left on leaves that a shrinking node absorbed, empty container slots), a
 * byte-identical union must replay Java's operations on that exact state, which is what this
 * file does: the accumulator's tree and store are loaded as they are, the input's keys are
 * inserted in the order Java's key iterator visits them (growing Node4 -> Node16 -> Node48 ->
 * Node256 exactly as Java does), new containers are appended to the store the way Java's
 * Containers.addContainer does, and every container is typed as or() and runOptimize() leave it
 * (runOptimize only ever converts to run containers here: a run container stays one).
 *
 * Anything that would make Java throw (bad node types, child counts, container indexes, ...) is
 * PAIMON_ECORRUPT, as are states Java cannot produce (duplicate keys or shared containers).
 */
#include "agg/agg_roaring.h"

#include "util/endian.h"
#include "util/mem.h"
#include "util/vec.h"

#include <string.h>

enum { N4, N16, N48, N256, LEAF };

#define KEY_BYTES 6
#define MAX_DEPTH 7
#define NO_CHILD (-1)

typedef struct art_node {
    uint8_t type;
    int16_t count;
    int8_t prefix_len;           /* as stored (a leaf may carry any value) */
    uint8_t prefix[KEY_BYTES];   /* inner nodes */
    const uint8_t *leaf_prefix;  /* leaf: its unused stored prefix (prefix_len bytes) */
    uint8_t key[KEY_BYTES];      /* leaf */
    int64_t container;           /* leaf */
    size_t words;                /* offset in the word pool: N4 1 (low 32 bits), N16 2, N48 32, N256 4 */
    size_t children;             /* offset in the child pool: 4, 16, 48 or 256 entries */
} art_node;

typedef struct art {
    art_node *nodes;
    size_t node_count, node_cap;
    uint64_t *words;
    size_t word_count, word_cap;
    int32_t *kids;
    size_t kid_count, kid_cap;
    int32_t root; /* NO_CHILD when empty */
    int64_t key_size;
} art;

typedef struct slot {
    int32_t acc, in; /* container numbers, -1 for none; both -1: empty slot */
} slot;

typedef struct level {
    slot *slots;
    size_t len, cap;
} level;

typedef struct store {
    level *levels;
    size_t level_count, level_cap;
    rb_container *c;
    size_t c_count, c_cap;
    int64_t size;
    int32_t first_idx, second_idx;
} store;

typedef struct bitmap64 {
    bool empty;
    art t;
    store s;
} bitmap64;

typedef struct reader {
    const uint8_t *p;
    size_t n, pos;
    const char *which;
} reader;

static const size_t word_slots[4] = {1, 2, 32, 4};
static const size_t child_slots[4] = {4, 16, 48, 256};

static int corrupt(const char *which, const char *what, paimon_error *err) {
    return pm_err(err, PAIMON_ECORRUPT, "rbm64: %s bitmap: %s", which, what);
}

static void bitmap64_dispose(bitmap64 *b) {
    pm_free(b->t.nodes);
    pm_free(b->t.words);
    pm_free(b->t.kids);
    for (size_t i = 0; i < b->s.level_count; i++)
        pm_free(b->s.levels[i].slots);
    pm_free(b->s.levels);
    pm_free(b->s.c);
    memset(b, 0, sizeof *b);
}

/* ---- reading ---- */

static bool need(reader *r, size_t n) { return n <= r->n - r->pos; }

static uint8_t rd8(reader *r) { return r->p[r->pos++]; }

static uint16_t rd16(reader *r) {
    uint16_t v = pm_load_le16(r->p + r->pos);
    r->pos += 2;
    return v;
}

static uint32_t rd32(reader *r) {
    uint32_t v = pm_load_le32(r->p + r->pos);
    r->pos += 4;
    return v;
}

static uint64_t rd64(reader *r) {
    uint64_t v = pm_load_le64(r->p + r->pos);
    r->pos += 8;
    return v;
}

/* A new node of `type` with zeroed key words and empty children. */
static int node_new(art *t, uint8_t type, int32_t *out) {
    if (pm_grow((void **)&t->nodes, &t->node_cap, t->node_count + 1, sizeof *t->nodes) !=
        PAIMON_OK)
        return PAIMON_ENOMEM;
    art_node *n = &t->nodes[t->node_count];
    memset(n, 0, sizeof *n);
    n->type = type;
    if (type != LEAF) {
        size_t w = word_slots[type], k = child_slots[type];
        if (pm_grow((void **)&t->words, &t->word_cap, t->word_count + w, sizeof *t->words) !=
                PAIMON_OK ||
            pm_grow((void **)&t->kids, &t->kid_cap, t->kid_count + k, sizeof *t->kids) !=
                PAIMON_OK)
            return PAIMON_ENOMEM;
        n->words = t->word_count;
        n->children = t->kid_count;
        memset(t->words + n->words, type == N48 ? 0xFF : 0, w * sizeof *t->words);
        for (size_t i = 0; i < k; i++)
            t->kids[n->children + i] = NO_CHILD;
        t->word_count += w;
        t->kid_count += k;
    }
    *out = (int32_t)t->node_count++;
    return PAIMON_OK;
}

static uint64_t *node_words(art *t, int32_t n) { return t->words + t->nodes[n].words; }
static int32_t *node_kids(art *t, int32_t n) { return t->kids + t->nodes[n].children; }

/* Key byte of slot `i` of a Node4 (int, slot 0 in the high byte) or Node16 (two longs). */
static uint8_t n4_key(const uint64_t *w, int i) { return (uint8_t)(w[0] >> (8 * (3 - i))); }
static void n4_set(uint64_t *w, int i, uint8_t k) {
    int sh = 8 * (3 - i);
    w[0] = (w[0] & ~((uint64_t)0xFF << sh)) | ((uint64_t)k << sh);
}
static uint8_t n16_key(const uint64_t *w, int i) {
    return (uint8_t)(w[i / 8] >> (8 * (7 - i % 8)));
}
static void n16_set(uint64_t *w, int i, uint8_t k) {
    int sh = 8 * (7 - i % 8);
    w[i / 8] = (w[i / 8] & ~((uint64_t)0xFF << sh)) | ((uint64_t)k << sh);
}
static uint8_t n48_slot(const uint64_t *w, int pos) {
    return (uint8_t)(w[pos >> 3] >> (8 * (7 - (pos & 7))));
}
static void n48_set(uint64_t *w, int pos, uint8_t v) {
    int sh = 8 * (7 - (pos & 7));
    w[pos >> 3] = (w[pos >> 3] & ~((uint64_t)0xFF << sh)) | ((uint64_t)v << sh);
}

/* Parses one node and its subtree; `depth` counts the key bytes consumed above it. */
static int parse_node(reader *r, art *t, int depth, int height, int32_t *out, paimon_error *err) {
    if (height >= MAX_DEPTH)
        return corrupt(r->which, "tree deeper than 7 levels", err);
    if (!need(r, 4))
        return corrupt(r->which, "node header truncated", err);
    uint8_t type = rd8(r);
    int16_t count = (int16_t)rd16(r);
    int8_t plen = (int8_t)rd8(r);
    if (type > LEAF)
        return corrupt(r->which, "unknown node type", err);
    if (plen > 0 && !need(r, (size_t)plen))
        return corrupt(r->which, "node prefix truncated", err);
    const uint8_t *prefix = r->p + r->pos;
    if (plen > 0)
        r->pos += (size_t)plen;
    int32_t id;
    if (node_new(t, type, &id) != PAIMON_OK)
        return pm_err_nomem(err);
    art_node *n = &t->nodes[id];
    n->count = count;
    n->prefix_len = plen;
    if (type == LEAF) {
        if (!need(r, KEY_BYTES + 8))
            return corrupt(r->which, "leaf truncated", err);
        n->leaf_prefix = prefix;
        memcpy(n->key, r->p + r->pos, KEY_BYTES);
        r->pos += KEY_BYTES;
        n->container = (int64_t)rd64(r);
        *out = id;
        return PAIMON_OK;
    }
    if (plen < 0 || depth + plen + 1 > KEY_BYTES)
        return corrupt(r->which, "node prefix longer than the key", err);
    memcpy(n->prefix, prefix, (size_t)plen);
    if (count < 1 || (size_t)count > child_slots[type])
        return corrupt(r->which, "node child count out of range", err);
    size_t w = word_slots[type];
    if (!need(r, (type == N4 ? 4 : 8 * w)))
        return corrupt(r->which, "node body truncated", err);
    uint64_t *words = node_words(t, id);
    if (type == N4)
        words[0] = rd32(r);
    else
        for (size_t i = 0; i < w; i++)
            words[i] = rd64(r);
    /* the slot of each child in serialized (ascending key byte) order */
    int32_t slots[256];
    if (type == N4 || type == N16) {
        for (int i = 0; i < count; i++)
            slots[i] = i;
    } else if (type == N48) {
        int m = 0;
        uint64_t used = 0;
        for (int pos = 0; pos < 256; pos++) {
            uint8_t s = n48_slot(words, pos);
            if (s == 0xFF)
                continue;
            if (s >= 48 || (used >> s) & 1 || m >= count)
                return corrupt(r->which, "Node48 child slots inconsistent with its count", err);
            used |= (uint64_t)1 << s;
            slots[m++] = s;
        }
        if (m != count)
            return corrupt(r->which, "Node48 child slots inconsistent with its count", err);
    } else {
        int m = 0;
        for (int pos = 0; pos < 256; pos++)
            if ((words[pos >> 6] >> (pos & 63)) & 1)
                slots[m++] = pos;
        if (m != count)
            return corrupt(r->which, "Node256 mask inconsistent with its count", err);
    }
    for (int i = 0; i < count; i++) {
        int32_t child;
        PM_TRY(parse_node(r, t, depth + plen + 1, height + 1, &child, err));
        node_kids(t, id)[slots[i]] = child;
    }
    *out = id;
    return PAIMON_OK;
}

static int parse_container(reader *r, rb_container *c, paimon_error *err) {
    if (!need(r, 5))
        return corrupt(r->which, "container header truncated", err);
    uint8_t type = rd8(r);
    int32_t card = (int32_t)rd32(r);
    memset(c, 0, sizeof *c);
    switch (type) {
    case 0: {
        if (!need(r, 2))
            return corrupt(r->which, "run container truncated", err);
        c->type = T_RUN;
        c->runs = rd16(r);
        if (!need(r, (size_t)c->runs * 4))
            return corrupt(r->which, "run container truncated", err);
        c->data = r->p + r->pos;
        r->pos += (size_t)c->runs * 4;
        /* Java ignores the stored cardinality of a run container and counts its runs */
        for (uint32_t i = 0; i < c->runs; i++)
            c->card += (uint32_t)pm_load_le16(c->data + 4 * i + 2) + 1;
        return PAIMON_OK;
    }
    case 1:
        c->type = T_BITMAP;
        c->card = (uint32_t)card;
        if (!need(r, WORDS * 8))
            return corrupt(r->which, "bitmap container truncated", err);
        c->data = r->p + r->pos;
        r->pos += WORDS * 8;
        return PAIMON_OK;
    case 2:
        c->type = T_ARRAY;
        if (card < 0 || card > ARRAY_MAX)
            return corrupt(r->which, "array container cardinality out of range", err);
        c->card = (uint32_t)card;
        if (!need(r, (size_t)card * 2))
            return corrupt(r->which, "array container truncated", err);
        c->data = r->p + r->pos;
        r->pos += (size_t)card * 2;
        return PAIMON_OK;
    default: return corrupt(r->which, "unknown container type", err);
    }
}

static int parse_store(reader *r, store *s, bool acc, paimon_error *err) {
    if (!need(r, 4))
        return corrupt(r->which, "container store truncated", err);
    int32_t levels = (int32_t)rd32(r);
    /* each array takes at least 5 bytes: a count that the input cannot hold is corrupt */
    if (levels < 0 || (size_t)levels > (r->n - r->pos) / 5)
        return corrupt(r->which, "container array count out of range", err);
    s->levels = pm_calloc((size_t)levels > 0 ? (size_t)levels : 1, sizeof *s->levels);
    if (s->levels == NULL)
        return pm_err_nomem(err);
    s->level_cap = (size_t)levels > 0 ? (size_t)levels : 1;
    for (int32_t i = 0; i < levels; i++) {
        if (!need(r, 5))
            return corrupt(r->which, "container array truncated", err);
        r->pos++; /* trimmed mark, unused by Java */
        int32_t len = (int32_t)rd32(r);
        if (len < 0 || (size_t)len > r->n - r->pos)
            return corrupt(r->which, "container array length out of range", err);
        level *l = &s->levels[s->level_count++];
        l->slots = pm_malloc(((size_t)len > 0 ? (size_t)len : 1) * sizeof *l->slots);
        if (l->slots == NULL)
            return pm_err_nomem(err);
        l->cap = (size_t)len > 0 ? (size_t)len : 1;
        for (int32_t j = 0; j < len; j++) {
            if (!need(r, 1))
                return corrupt(r->which, "container slot truncated", err);
            uint8_t tag = rd8(r);
            slot *sl = &l->slots[l->len++];
            sl->acc = sl->in = -1;
            if (tag == 0)
                continue;
            if (tag != 1)
                return corrupt(r->which, "bad container slot tag", err);
            if (pm_grow((void **)&s->c, &s->c_cap, s->c_count + 1, sizeof *s->c) != PAIMON_OK)
                return pm_err_nomem(err);
            PM_TRY(parse_container(r, &s->c[s->c_count], err));
            int32_t id = (int32_t)s->c_count++;
            if (acc)
                sl->acc = id;
            else
                sl->in = id;
        }
    }
    if (!need(r, 16))
        return corrupt(r->which, "container store trailer truncated", err);
    s->size = (int64_t)rd64(r);
    s->first_idx = (int32_t)rd32(r);
    s->second_idx = (int32_t)rd32(r);
    /* Java keeps appending at (first, second + 1): a position past the array (which it would
     * grow to any size) or before it is a state it never writes */
    if (acc && !(s->first_idx == -1 && s->level_count == 0) &&
        (s->first_idx < 0 || (size_t)s->first_idx >= s->level_count || s->second_idx < 0 ||
         (size_t)s->second_idx >= s->levels[s->first_idx].len))
        return corrupt(r->which, "container store position out of range", err);
    return PAIMON_OK;
}

static int parse_bitmap(const uint8_t *p, size_t n, const char *which, bool acc, bitmap64 *b,
                        paimon_error *err) {
    reader r = {p, n, 0, which};
    memset(b, 0, sizeof *b);
    b->t.root = NO_CHILD;
    b->s.first_idx = -1;
    if (n < 1)
        return corrupt(which, "empty value", err);
    if (rd8(&r) == 0) {
        b->empty = true;
        return PAIMON_OK;
    }
    if (!need(&r, 8))
        return corrupt(which, "key count truncated", err);
    b->t.key_size = (int64_t)rd64(&r);
    PM_TRY(parse_node(&r, &b->t, 0, 0, &b->t.root, err));
    return parse_store(&r, &b->s, acc, err);
}

/* The slot a leaf's container index names (Containers.getContainer), or NULL. */
static slot *slot_of(store *s, int64_t idx) {
    uint64_t first = (uint64_t)idx >> 32;
    int32_t second = (int32_t)(uint32_t)idx;
    if (first >= s->level_count || second < 0 || (size_t)second >= s->levels[first].len)
        return NULL;
    return &s->levels[first].slots[second];
}

/* ---- the tree operations, as Java's Art does them ---- */

static int child_pos(art *t, int32_t id, uint8_t k) {
    art_node *n = &t->nodes[id];
    uint64_t *w = node_words(t, id);
    switch (n->type) {
    case N4:
        for (int i = 0; i < n->count; i++)
            if (n4_key(w, i) == k)
                return i;
        return -1;
    case N16: {
        /* binary searches over the first 8 keys, then the rest */
        int parts = n->count <= 8 ? 1 : 2;
        for (int part = 0; part < parts; part++) {
            int lo = part * 8, hi = (part == 0 ? (n->count <= 8 ? n->count : 8) : n->count) - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >> 1;
                uint8_t v = n16_key(w, mid);
                if (v < k)
                    lo = mid + 1;
                else if (v > k)
                    hi = mid - 1;
                else
                    return mid;
            }
        }
        return -1;
    }
    case N48: return n48_slot(w, k) != 0xFF ? k : -1;
    default: return node_kids(t, id)[k] != NO_CHILD ? k : -1;
    }
}

static int32_t child_at(art *t, int32_t id, int pos) {
    if (t->nodes[id].type == N48)
        return node_kids(t, id)[n48_slot(node_words(t, id), pos)];
    return node_kids(t, id)[pos];
}

static void set_child_at(art *t, int32_t id, int pos, int32_t child) {
    if (t->nodes[id].type == N48)
        node_kids(t, id)[n48_slot(node_words(t, id), pos)] = child;
    else
        node_kids(t, id)[pos] = child;
}

/* Art.findByKey: the leaf holding `key`, or -1. */
static int32_t art_find(art *t, const uint8_t *key) {
    int32_t id = t->root;
    int depth = 0;
    while (id != NO_CHILD) {
        art_node *n = &t->nodes[id];
        if (n->type == LEAF) {
            if (depth >= KEY_BYTES)
                return id;
            return memcmp(n->key + depth, key + depth, (size_t)(KEY_BYTES - depth)) == 0 ? id : -1;
        }
        if (n->prefix_len > 0) {
            if (memcmp(n->prefix, key + depth, (size_t)n->prefix_len) != 0)
                return -1;
            depth += n->prefix_len;
        }
        int pos = child_pos(t, id, key[depth]);
        if (pos < 0)
            return -1;
        id = child_at(t, id, pos);
        depth++;
    }
    return -1;
}

/* Node.sortSmallByteArray over slots [0, right] of a Node4/Node16: insertion sort by unsigned
 * key byte, moving the children along. */
static void sort_slots(art *t, int32_t id, int right) {
    uint64_t *w = node_words(t, id);
    int32_t *kids = node_kids(t, id);
    bool n4 = t->nodes[id].type == N4;
    for (int i = 0; i < right; i++) {
        int j = i;
        uint8_t ai = n4 ? n4_key(w, i + 1) : n16_key(w, i + 1);
        int32_t child = kids[i + 1];
        for (;;) {
            uint8_t kj = n4 ? n4_key(w, j) : n16_key(w, j);
            if (ai >= kj)
                break;
            if (n4)
                n4_set(w, j + 1, kj);
            else
                n16_set(w, j + 1, kj);
            kids[j + 1] = kids[j];
            if (j-- == 0)
                break;
        }
        if (n4)
            n4_set(w, j + 1, ai);
        else
            n16_set(w, j + 1, ai);
        kids[j + 1] = child;
    }
}

static void copy_prefix(art *t, int32_t from, int32_t to) {
    t->nodes[to].prefix_len = t->nodes[from].prefix_len;
    memcpy(t->nodes[to].prefix, t->nodes[from].prefix, KEY_BYTES);
}

/* The larger node a full node `id` grows into: its prefix and count, children copied by the
 * caller. */
static int grown(art *t, int32_t id, uint8_t type, int32_t *g) {
    PM_TRY(node_new(t, type, g));
    copy_prefix(t, id, *g);
    t->nodes[*g].count = t->nodes[id].count;
    return PAIMON_OK;
}

/* Node.insertLeaf: adds `child` under key byte `k`, growing the node when full; returns the node
 * now standing where `id` stood. */
static int insert_child(art *t, int32_t id, int32_t child, uint8_t k, int32_t *out) {
    art_node *n = &t->nodes[id];
    switch (n->type) {
    case N4:
        if (n->count < 4) {
            n4_set(node_words(t, id), n->count, k);
            node_kids(t, id)[n->count] = child;
            n->count++;
            sort_slots(t, id, n->count - 1);
            *out = id;
            return PAIMON_OK;
        } else {
            int32_t g;
            PM_TRY(grown(t, id, N16, &g));
            node_words(t, g)[0] = (uint64_t)(uint32_t)node_words(t, id)[0] << 32;
            memcpy(node_kids(t, g), node_kids(t, id), 4 * sizeof(int32_t));
            return insert_child(t, g, child, k, out);
        }
    case N16:
        if (n->count < 16) {
            n16_set(node_words(t, id), n->count, k);
            node_kids(t, id)[n->count] = child;
            sort_slots(t, id, n->count);
            n->count++;
            *out = id;
            return PAIMON_OK;
        } else {
            int32_t g;
            PM_TRY(grown(t, id, N48, &g));
            for (int i = 0; i < 16; i++) {
                n48_set(node_words(t, g), n16_key(node_words(t, id), i), (uint8_t)i);
                node_kids(t, g)[i] = node_kids(t, id)[i];
            }
            return insert_child(t, g, child, k, out);
        }
    case N48:
        if (n->count < 48) {
            int32_t *kids = node_kids(t, id);
            int pos = n->count;
            if (kids[pos] != NO_CHILD) {
                pos = 0;
                while (kids[pos] != NO_CHILD)
                    pos++;
            }
            kids[pos] = child;
            n48_set(node_words(t, id), k, (uint8_t)pos);
            n->count++;
            *out = id;
            return PAIMON_OK;
        } else {
            int32_t g;
            PM_TRY(grown(t, id, N256, &g));
            for (int pos = 0; pos < 256; pos++) {
                uint8_t s = n48_slot(node_words(t, id), pos);
                if (s == 0xFF)
                    continue;
                node_kids(t, g)[pos] = node_kids(t, id)[s];
                node_words(t, g)[pos >> 6] |= (uint64_t)1 << (pos & 63);
            }
            return insert_child(t, g, child, k, out);
        }
    default:
        n->count++;
        node_kids(t, id)[k] = child;
        node_words(t, id)[k >> 6] |= (uint64_t)1 << (k & 63);
        *out = id;
        return PAIMON_OK;
    }
}

static int new_leaf(art *t, const uint8_t *key, int64_t container, int32_t *out) {
    PM_TRY(node_new(t, LEAF, out));
    memcpy(t->nodes[*out].key, key, KEY_BYTES);
    t->nodes[*out].container = container;
    return PAIMON_OK;
}

/* Art.insert below `id` at `depth`; *out is the node that replaces `id`. Returns PAIMON_ENOMEM,
 * or PAIMON_ECORRUPT for a tree on which Java would fail (key bytes exhausted). */
static int art_insert(art *t, int32_t id, const uint8_t *key, int depth, int64_t container,
                      int32_t *out) {
    if (id == NO_CHILD)
        return new_leaf(t, key, container, out);
    if (depth >= KEY_BYTES)
        return PAIMON_ECORRUPT;
    art_node *n = &t->nodes[id];
    if (n->type == LEAF) {
        int common = 0;
        while (depth + common < KEY_BYTES && n->key[depth + common] == key[depth + common])
            common++;
        if (depth + common >= KEY_BYTES)
            return PAIMON_ECORRUPT; /* the same key: Java would have found it */
        n->prefix_len = 0;
        n->leaf_prefix = NULL;
        uint8_t old_byte = n->key[depth + common];
        int32_t n4, leaf, tmp;
        PM_TRY(node_new(t, N4, &n4));
        t->nodes[n4].prefix_len = (int8_t)common;
        memcpy(t->nodes[n4].prefix, key + depth, (size_t)common);
        PM_TRY(insert_child(t, n4, id, old_byte, &tmp));
        PM_TRY(new_leaf(t, key, container, &leaf));
        PM_TRY(insert_child(t, n4, leaf, key[depth + common], &tmp));
        *out = n4;
        return PAIMON_OK;
    }
    if (n->prefix_len > 0) {
        int plen = n->prefix_len, mis = 0;
        while (mis < plen && depth + mis < KEY_BYTES && n->prefix[mis] == key[depth + mis])
            mis++;
        if (mis != plen) {
            if (depth + mis >= KEY_BYTES)
                return PAIMON_ECORRUPT;
            int32_t n4, leaf, tmp;
            PM_TRY(node_new(t, N4, &n4));
            n = &t->nodes[id];
            t->nodes[n4].prefix_len = (int8_t)mis;
            memcpy(t->nodes[n4].prefix, n->prefix, (size_t)mis);
            PM_TRY(insert_child(t, n4, id, n->prefix[mis], &tmp));
            n = &t->nodes[id];
            n->prefix_len = (int8_t)(plen - (mis + 1));
            memmove(n->prefix, n->prefix + mis + 1, (size_t)n->prefix_len);
            PM_TRY(new_leaf(t, key, container, &leaf));
            PM_TRY(insert_child(t, n4, leaf, key[depth + mis], &tmp));
            *out = n4;
            return PAIMON_OK;
        }
        depth += plen;
        if (depth >= KEY_BYTES)
            return PAIMON_ECORRUPT;
    }
    int pos = child_pos(t, id, key[depth]);
    if (pos >= 0) {
        int32_t child = child_at(t, id, pos), fresh;
        PM_TRY(art_insert(t, child, key, depth + 1, container, &fresh));
        if (fresh != child)
            set_child_at(t, id, pos, fresh);
        *out = id;
        return PAIMON_OK;
    }
    int32_t leaf;
    PM_TRY(new_leaf(t, key, container, &leaf));
    return insert_child(t, id, leaf, key[depth], out);
}

/* Containers.addContainer: the index of a new slot holding input container `in`. */
static int store_add(store *s, int32_t in, int64_t *idx) {
    if (s->second_idx + 1 == INT32_MAX - 9 || s->first_idx == -1) {
        if (pm_grow((void **)&s->levels, &s->level_cap, s->level_count + 1, sizeof *s->levels) !=
            PAIMON_OK)
            return PAIMON_ENOMEM;
        level *l = &s->levels[s->level_count++];
        memset(l, 0, sizeof *l);
        l->slots = pm_malloc(sizeof *l->slots);
        if (l->slots == NULL)
            return PAIMON_ENOMEM;
        l->cap = l->len = 1;
        l->slots[0].acc = l->slots[0].in = -1;
        s->first_idx++;
        s->second_idx = 0;
    } else {
        s->second_idx++;
    }
    if (s->first_idx < 0 || (size_t)s->first_idx >= s->level_count || s->second_idx < 0)
        return PAIMON_ECORRUPT;
    level *l = &s->levels[s->first_idx];
    size_t need_len = (size_t)s->second_idx + 1;
    if (need_len > l->len) {
        size_t cap = l->len + (l->len >> 1);
        if (cap < need_len)
            cap = need_len;
        if (pm_grow((void **)&l->slots, &l->cap, cap, sizeof *l->slots) != PAIMON_OK)
            return PAIMON_ENOMEM;
        for (size_t i = l->len; i < cap; i++)
            l->slots[i].acc = l->slots[i].in = -1;
        l->len = cap;
    }
    l->slots[s->second_idx].acc = -1;
    l->slots[s->second_idx].in = in;
    s->size++;
    *idx = (int64_t)((uint64_t)(uint32_t)s->first_idx << 32 | (uint32_t)s->second_idx);
    return PAIMON_OK;
}

/* ---- the union ---- */

typedef struct union_ctx {
    bitmap64 *acc, *in;
    uint8_t *acc_used; /* per accumulator container: already named by a leaf */
    int32_t stack[MAX_DEPTH + 1];
    paimon_error *err;
} union_ctx;

static int add_leaf(union_ctx *u, int32_t leaf_id) {
    art_node *leaf = &u->in->t.nodes[leaf_id];
    slot *src = slot_of(&u->in->s, leaf->container);
    if (src == NULL || src->in < 0)
        return corrupt("input", "leaf names a missing container", u->err);
    uint8_t key[KEY_BYTES];
    memcpy(key, leaf->key, KEY_BYTES);
    int32_t found = art_find(&u->acc->t, key);
    if (found >= 0) {
        slot *dst = slot_of(&u->acc->s, u->acc->t.nodes[found].container);
        if (dst == NULL || dst->acc < 0)
            return corrupt("accumulated", "leaf names a missing container", u->err);
        if (dst->in >= 0)
            return corrupt("input", "key present twice", u->err);
        dst->in = src->in;
        return PAIMON_OK;
    }
    int64_t idx;
    int rc = store_add(&u->acc->s, src->in, &idx);
    if (rc == PAIMON_OK)
        rc = art_insert(&u->acc->t, u->acc->t.root, key, 0, idx, &u->acc->t.root);
    if (rc == PAIMON_ENOMEM)
        return pm_err_nomem(u->err);
    if (rc != PAIMON_OK)
        return corrupt("accumulated", "tree or container store inconsistent", u->err);
    u->acc->t.key_size++;
    return PAIMON_OK;
}

/* Visits the input's leaves in Java's key iterator order. */
static int add_subtree(union_ctx *u, int32_t id) {
    art *t = &u->in->t;
    art_node *n = &t->nodes[id];
    if (n->type == LEAF)
        return add_leaf(u, id);
    for (int pos = 0; pos < 256; pos++) {
        int32_t child;
        if (n->type == N4 || n->type == N16) {
            if (pos >= n->count)
                break;
            child = node_kids(t, id)[pos];
        } else if (n->type == N48) {
            uint8_t s = n48_slot(node_words(t, id), pos);
            if (s == 0xFF)
                continue;
            child = node_kids(t, id)[s];
        } else {
            if (!((node_words(t, id)[pos >> 6] >> (pos & 63)) & 1))
                continue;
            child = node_kids(t, id)[pos];
        }
        PM_TRY(add_subtree(u, child));
    }
    return PAIMON_OK;
}

/* Every accumulator leaf must name its own container (or() would otherwise merge into a shared
 * one, a state Java never builds). */
static int check_acc_leaves(union_ctx *u, int32_t id) {
    art *t = &u->acc->t;
    art_node *n = &t->nodes[id];
    if (n->type == LEAF) {
        slot *s = slot_of(&u->acc->s, n->container);
        if (s == NULL || s->acc < 0)
            return corrupt("accumulated", "leaf names a missing container", u->err);
        if (u->acc_used[s->acc])
            return corrupt("accumulated", "two keys share a container", u->err);
        u->acc_used[s->acc] = 1;
        return PAIMON_OK;
    }
    size_t k = child_slots[n->type];
    for (size_t i = 0; i < k; i++) {
        int32_t c = node_kids(t, id)[i];
        if (c != NO_CHILD)
            PM_TRY(check_acc_leaves(u, c));
    }
    return PAIMON_OK;
}

/* ---- writing ---- */

static int put8(pm_buf *b, uint8_t v) { return pm_buf_append_byte(b, v); }
static int put16(pm_buf *b, uint16_t v) {
    uint8_t x[2];
    pm_store_le16(x, v);
    return pm_buf_append(b, x, 2);
}
static int put32(pm_buf *b, uint32_t v) {
    uint8_t x[4];
    pm_store_le32(x, v);
    return pm_buf_append(b, x, 4);
}
static int put64(pm_buf *b, uint64_t v) {
    uint8_t x[8];
    pm_store_le64(x, v);
    return pm_buf_append(b, x, 8);
}

static int write_node(art *t, int32_t id, pm_buf *out) {
    art_node *n = &t->nodes[id];
    PM_TRY(put8(out, n->type));
    PM_TRY(put16(out, (uint16_t)n->count));
    PM_TRY(put8(out, (uint8_t)n->prefix_len));
    if (n->prefix_len > 0)
        PM_TRY(pm_buf_append(out, n->type == LEAF ? n->leaf_prefix : n->prefix,
                             (size_t)n->prefix_len));
    if (n->type == LEAF) {
        PM_TRY(pm_buf_append(out, n->key, KEY_BYTES));
        return put64(out, (uint64_t)n->container);
    }
    uint64_t *w = node_words(t, id);
    if (n->type == N4)
        PM_TRY(put32(out, (uint32_t)w[0]));
    else
        for (size_t i = 0; i < word_slots[n->type]; i++)
            PM_TRY(put64(out, w[i]));
    /* children by ascending key byte */
    for (int pos = 0; pos < 256; pos++) {
        int32_t child;
        if (n->type == N4 || n->type == N16) {
            if (pos >= n->count)
                break;
            child = node_kids(t, id)[pos];
        } else if (n->type == N48) {
            uint8_t s = n48_slot(w, pos);
            if (s == 0xFF)
                continue;
            child = node_kids(t, id)[s];
        } else {
            if (!((w[pos >> 6] >> (pos & 63)) & 1))
                continue;
            child = node_kids(t, id)[pos];
        }
        PM_TRY(write_node(t, child, out));
    }
    return PAIMON_OK;
}

static int write_slot(const bitmap64 *acc, const bitmap64 *in, const slot *sl, uint64_t *words,
                      pm_buf *out, paimon_error *err) {
    const rb_container *a = sl->acc >= 0 ? &acc->s.c[sl->acc] : NULL;
    const rb_container *b = sl->in >= 0 ? &in->s.c[sl->in] : NULL;
    memset(words, 0, WORDS * sizeof *words);
    if (a != NULL)
        PM_TRY(agg_rb_fill(words, a, "rbm64", "accumulated", err));
    if (b != NULL)
        PM_TRY(agg_rb_fill(words, b, "rbm64", "input", err));
    rb_out o = {0, 0, 0, 0};
    agg_rb_measure(words, &o.card, &o.runs);
    uint8_t after = a != NULL && b != NULL ? agg_rb_ior_type(a->type, a, b->type, o.card, o.runs)
                                           : (a != NULL ? a : b)->type;
    /* runOptimize keeps a container only when it becomes a run container */
    o.type = after == T_RUN ? T_RUN : agg_rb_run_optimize(after, o.card, o.runs);
    uint8_t code = o.type == T_RUN ? 0 : o.type == T_BITMAP ? 1 : 2;
    if (put8(out, 1) != PAIMON_OK || put8(out, code) != PAIMON_OK ||
        put32(out, o.card) != PAIMON_OK)
        return pm_err_nomem(err);
    if (agg_rb_write_container(out, words, &o) != PAIMON_OK)
        return pm_err_nomem(err);
    return PAIMON_OK;
}

static int write_bitmap(const bitmap64 *acc, const bitmap64 *in, pm_buf *out,
                        paimon_error *err) {
    out->len = 0;
    if (acc->t.root == NO_CHILD)
        return put8(out, 0) == PAIMON_OK ? PAIMON_OK : pm_err_nomem(err);
    uint64_t *words = pm_malloc(WORDS * sizeof *words);
    if (words == NULL)
        return pm_err_nomem(err);
    int rc = put8(out, 1);
    if (rc == PAIMON_OK)
        rc = put64(out, (uint64_t)acc->t.key_size);
    if (rc == PAIMON_OK)
        rc = write_node((art *)&acc->t, acc->t.root, out);
    if (rc == PAIMON_OK)
        rc = put32(out, (uint32_t)acc->s.level_count);
    for (size_t i = 0; rc == PAIMON_OK && i < acc->s.level_count; i++) {
        const level *l = &acc->s.levels[i];
        rc = put8(out, 0xFE);
        if (rc == PAIMON_OK)
            rc = put32(out, (uint32_t)l->len);
        for (size_t j = 0; rc == PAIMON_OK && j < l->len; j++) {
            const slot *sl = &l->slots[j];
            if (sl->acc < 0 && sl->in < 0)
                rc = put8(out, 0);
            else
                rc = write_slot(acc, in, sl, words, out, err);
        }
    }
    if (rc == PAIMON_OK)
        rc = put64(out, (uint64_t)acc->s.size);
    if (rc == PAIMON_OK)
        rc = put32(out, (uint32_t)acc->s.first_idx);
    if (rc == PAIMON_OK)
        rc = put32(out, (uint32_t)acc->s.second_idx);
    pm_free(words);
    if (rc == PAIMON_ENOMEM)
        return pm_err_nomem(err);
    return rc;
}

int agg_rbm64_union(const uint8_t *acc_p, size_t acc_n, const uint8_t *in_p, size_t in_n,
                    pm_buf *out, paimon_error *err) {
    bitmap64 acc, in;
    union_ctx u = {&acc, &in, NULL, {0}, err};
    int rc = parse_bitmap(acc_p, acc_n, "accumulated", true, &acc, err);
    if (rc == PAIMON_OK)
        rc = parse_bitmap(in_p, in_n, "input", false, &in, err);
    else
        memset(&in, 0, sizeof in);
    if (rc == PAIMON_OK && acc.t.root != NO_CHILD) {
        u.acc_used = pm_calloc(acc.s.c_count + 1, 1);
        rc = u.acc_used == NULL ? pm_err_nomem(err) : check_acc_leaves(&u, acc.t.root);
    }
    if (rc == PAIMON_OK && !in.empty && in.t.root != NO_CHILD) {
        rc = add_subtree(&u, in.t.root);
    }
    if (rc == PAIMON_OK)
        rc = write_bitmap(&acc, &in, out, err);
    pm_free(u.acc_used);
    bitmap64_dispose(&acc);
    bitmap64_dispose(&in);
    return rc;
}

static int rbm64_add(pm_field_agg *a, const struct ArrowArray *in, int64_t row,
                     paimon_error *err) {
    return agg_union_add(a, in, row, agg_rbm64_union, err);
}

const agg_ops agg_rbm64_ops = {rbm64_add, NULL};
