/*
 * parquet_assemble.c - the read plan (requested types matched against the file schema) and the
 * reconstruction of nested values from definition and repetition levels.
 *
 * Level arithmetic: for a list whose repeated node has rep level R and def level E, an entry
 * with rep < R starts a new list (null if def is below the list's own def level, empty if below
 * E), rep == R adds an element to the current list, rep > R continues a deeper list. Corrupt
 * level sequences are caught by checking that every part of the tree ends with the lengths its
 * parent expects, so a bad file cannot produce an inconsistent Arrow array.
 */
#include "format/parquet/parquet_assemble.h"

#include "util/endian.h"
#include "util/mem.h"
#include "util/vec.h"

#include <string.h>

static void rnode_dispose(pm_pq_rnode *n) {
    for (size_t i = 0; i < n->child_count; i++)
        rnode_dispose(&n->children[i]);
    pm_free(n->children);
    n->children = NULL;
    n->child_count = 0;
}

void pm_pq_plan_dispose(pm_pq_plan *p) {
    for (size_t i = 0; i < p->leaf_count; i++) {
        pm_free((char *)p->leaves[i].name);
        pm_pq_leaf_dispose(&p->leaves[i]);
    }
    pm_free(p->leaves);
    for (size_t i = 0; i < p->field_count; i++) {
        if (p->nodes != NULL)
            rnode_dispose(&p->nodes[i]);
        if (p->cols != NULL)
            pm_col_dispose(&p->cols[i]);
        if (p->fields != NULL)
            pm_field_dispose(&p->fields[i]);
    }
    pm_free(p->nodes);
    pm_free(p->cols);
    pm_free(p->fields);
    pm_buf_dispose(&p->valid);
    memset(p, 0, sizeof *p);
}

typedef struct build_ctx {
    pm_pq_plan *plan;
    paimon_error *err;
    pm_buf path; /* dotted path of the node being built, for messages */
} build_ctx;

static int unsupported(build_ctx *b, const char *why) {
    return pm_err(b->err, PAIMON_EUNSUPPORTED, "column '%s': %s", pm_buf_cstr(&b->path), why);
}

static int add_leaf(build_ctx *b, const pm_pq_node *n, const pm_type *t, pm_col *col,
                    pm_pq_rnode *out) {
    pm_pq_plan *p = b->plan;
    if (pm_grow((void **)&p->leaves, &p->leaf_cap, p->leaf_count + 1, sizeof *p->leaves) !=
        PAIMON_OK)
        return pm_err_nomem(b->err);
    pm_pq_leaf *leaf = &p->leaves[p->leaf_count];
    memset(leaf, 0, sizeof *leaf);
    char *name = pm_strdup(pm_buf_cstr(&b->path));
    if (name == NULL)
        return pm_err_nomem(b->err);
    int rc = pm_pq_leaf_plan(leaf, n, t, name, b->err);
    if (rc != PAIMON_OK) {
        pm_free(name);
        return rc;
    }
    p->leaf_count++;
    leaf->col = col;
    leaf->slot_def = out->slot_def;
    leaf->slot_rep = out->slot_rep;
    out->kind = PM_PQ_RN_LEAF;
    out->leaf = (int)(p->leaf_count - 1);
    return PAIMON_OK;
}

static int build(build_ctx *b, const pm_pq_node *n, const pm_type *t, pm_col *col,
                 pm_pq_rnode *out);

static int push_path(build_ctx *b, const char *name, size_t *saved) {
    *saved = b->path.len;
    if ((b->path.len > 0 && pm_buf_append_byte(&b->path, '.') != PAIMON_OK) ||
        pm_buf_append_str(&b->path, name) != PAIMON_OK)
        return pm_err_nomem(b->err);
    return PAIMON_OK;
}

/* Builds child `i` of `out` for node `n` (NULL: missing) and type `t`. */
static int build_child(build_ctx *b, pm_pq_rnode *out, size_t i, const pm_pq_node *n,
                       const pm_type *t, pm_col *col, int slot_def, int slot_rep,
                       const char *name) {
    pm_pq_rnode *c = &out->children[i];
    c->slot_def = slot_def;
    c->slot_rep = slot_rep;
    c->leaf = -1;
    size_t saved;
    PM_TRY(push_path(b, name, &saved));
    PM_TRY(build(b, n, t, col, c));
    b->path.len = saved;
    return PAIMON_OK;
}

static int alloc_children(build_ctx *b, pm_pq_rnode *out, size_t count) {
    if (count > 0 && (out->children = pm_calloc(count, sizeof *out->children)) == NULL)
        return pm_err_nomem(b->err);
    out->child_count = count;
    return PAIMON_OK;
}

/* The levels of a struct or list come from its first child that the file has. */
static void pick_levels(pm_pq_rnode *out) {
    out->leaf = -1;
    for (size_t i = 0; i < out->child_count; i++) {
        if (out->children[i].kind != PM_PQ_RN_MISSING) {
            out->leaf = out->children[i].leaf;
            break;
        }
    }
    if (out->leaf < 0)
        out->kind = PM_PQ_RN_MISSING; /* nothing under it in the file: all nulls */
}

static int build_struct(build_ctx *b, const pm_pq_node *n, const pm_type *t, pm_col *col,
                        pm_pq_rnode *out) {
    if (pm_pq_node_is_leaf(n))
        return unsupported(b, "the file has a primitive column, not a ROW");
    out->kind = PM_PQ_RN_STRUCT;
    out->def = n->def_level;
    PM_TRY(alloc_children(b, out, t->field_count));
    for (size_t i = 0; i < t->field_count; i++) {
        const pm_field *f = &t->fields[i];
        PM_TRY(build_child(b, out, i, pm_pq_node_child(n, f->name), f->type, &col->children[i],
                           out->slot_def, out->slot_rep, f->name));
    }
    pick_levels(out);
    return PAIMON_OK;
}

static int build_list(build_ctx *b, const pm_pq_node *n, const pm_type *t, pm_col *col,
                      pm_pq_rnode *out) {
    const pm_pq_node *rep, *elem;
    if (pm_pq_node_repeated(n)) {
        /* An unannotated repeated field: a required list whose elements are the field. */
        rep = elem = n;
        out->def = n->def_level - 1;
    } else {
        if (pm_pq_node_is_leaf(n))
            return unsupported(b, "the file has a primitive column, not a list");
        paimon_error tmp = {0};
        if (pm_pq_list_parts(n, &rep, &elem, &tmp) != PAIMON_OK)
            return unsupported(b, "the file's group is not a list");
        out->def = n->def_level;
    }
    if (rep->rep_level != out->slot_rep + 1)
        return unsupported(b, "the file's list nesting differs from the requested type");
    out->kind = PM_PQ_RN_LIST;
    out->elem_def = rep->def_level;
    out->rep = rep->rep_level;
    PM_TRY(alloc_children(b, out, 1));
    PM_TRY(build_child(b, out, 0, elem, t->element, &col->children[0], rep->def_level,
                       rep->rep_level, "element"));
    pick_levels(out);
    return PAIMON_OK;
}

static int build_map(build_ctx *b, const pm_pq_node *n, const pm_type *t, pm_col *col,
                     pm_pq_rnode *out) {
    if (pm_pq_node_is_leaf(n) || n->child_count != 1 || pm_pq_node_is_leaf(n->children[0]) ||
        !pm_pq_node_repeated(n->children[0]) || n->children[0]->child_count < 1 ||
        n->children[0]->child_count > 2)
        return unsupported(b, "the file's column is not a map of key and value");
    const pm_pq_node *kv = n->children[0];
    if (kv->rep_level != out->slot_rep + 1)
        return unsupported(b, "the file's map nesting differs from the requested type");
    out->kind = PM_PQ_RN_LIST;
    out->def = n->def_level;
    out->elem_def = kv->def_level;
    out->rep = kv->rep_level;
    PM_TRY(alloc_children(b, out, 1));
    /* The entries struct: present whenever the repeated group has an entry. */
    pm_pq_rnode *e = &out->children[0];
    e->kind = PM_PQ_RN_STRUCT;
    e->def = kv->def_level;
    e->slot_def = kv->def_level;
    e->slot_rep = kv->rep_level;
    PM_TRY(alloc_children(b, e, 2));
    pm_col *ec = &col->children[0];
    const pm_type *kt = t->id == PM_TYPE_MAP ? t->key : t->element;
    const pm_type *vt = ec->children[1].type;
    PM_TRY(build_child(b, e, 0, kv->children[0], kt, &ec->children[0], kv->def_level,
                       kv->rep_level, "key"));
    PM_TRY(build_child(b, e, 1, kv->child_count > 1 ? kv->children[1] : NULL, vt,
                       &ec->children[1], kv->def_level, kv->rep_level, "value"));
    pick_levels(e);
    out->leaf = e->leaf;
    if (e->kind == PM_PQ_RN_MISSING)
        out->kind = PM_PQ_RN_MISSING;
    return PAIMON_OK;
}

static int build(build_ctx *b, const pm_pq_node *n, const pm_type *t, pm_col *col,
                 pm_pq_rnode *out) {
    if (n == NULL) {
        out->kind = PM_PQ_RN_MISSING;
        return PAIMON_OK;
    }
    switch (t->id) {
    case PM_TYPE_ROW:
        if (n->rep_level != out->slot_rep)
            return unsupported(b, "the file's column is repeated, the requested ROW is not");
        return build_struct(b, n, t, col, out);
    case PM_TYPE_ARRAY: return build_list(b, n, t, col, out);
    case PM_TYPE_MAP:
    case PM_TYPE_MULTISET: return build_map(b, n, t, col, out);
    default:
        if (!pm_pq_node_is_leaf(n))
            return unsupported(b, "the file has a nested column, not a primitive");
        if (n->rep_level != out->slot_rep)
            return unsupported(b, "the file's column is repeated, the requested type is not");
        out->def = n->def_level;
        return add_leaf(b, n, t, col, out);
    }
}

/* Marks the leaves whose levels struct and list nodes read. */
static void mark_levels(pm_pq_plan *p, const pm_pq_rnode *n) {
    if (n->kind == PM_PQ_RN_STRUCT || n->kind == PM_PQ_RN_LIST)
        p->leaves[n->leaf].keep_levels = true;
    for (size_t i = 0; i < n->child_count; i++)
        mark_levels(p, &n->children[i]);
}

int pm_pq_plan_build(const pm_pq_schema *schema, const pm_field *fields, size_t count,
                     pm_pq_plan *out, paimon_error *err) {
    memset(out, 0, sizeof *out);
    build_ctx b = {out, err, PM_BUF_INIT};
    int rc = PAIMON_OK;
    if (count > 0) {
        out->fields = pm_calloc(count, sizeof *out->fields);
        out->cols = pm_calloc(count, sizeof *out->cols);
        out->nodes = pm_calloc(count, sizeof *out->nodes);
        if (out->fields == NULL || out->cols == NULL || out->nodes == NULL) {
            rc = pm_err_nomem(err);
            goto done;
        }
    }
    for (size_t i = 0; i < count && rc == PAIMON_OK; i++) {
        out->field_count = i + 1;
        if (pm_field_copy(&out->fields[i], &fields[i]) != PAIMON_OK) {
            rc = pm_err_nomem(err);
            break;
        }
        rc = pm_col_init(&out->cols[i], out->fields[i].type, err);
        if (rc != PAIMON_OK)
            break;
        pm_pq_rnode *node = &out->nodes[i];
        node->leaf = -1;
        b.path.len = 0;
        if ((rc = push_path(&b, out->fields[i].name, &(size_t){0})) != PAIMON_OK)
            break;
        rc = build(&b, pm_pq_node_child(&schema->nodes[0], out->fields[i].name),
                   out->fields[i].type, &out->cols[i], node);
    }
    if (rc == PAIMON_OK) {
        for (size_t i = 0; i < count; i++)
            mark_levels(out, &out->nodes[i]);
    }
done:
    pm_buf_dispose(&b.path);
    if (rc != PAIMON_OK)
        pm_pq_plan_dispose(out);
    return rc;
}

/* ---- assembly ---- */

static int mismatch(paimon_error *err, size_t got, size_t want) {
    return pm_err(err, PAIMON_ECORRUPT, "levels describe %zu values where %zu were expected",
                  got, want);
}

static int assemble(pm_pq_plan *p, const pm_pq_rnode *n, pm_col *col, size_t expect,
                    paimon_error *err);

static int assemble_struct(pm_pq_plan *p, const pm_pq_rnode *n, pm_col *col, size_t expect,
                           paimon_error *err) {
    const pm_pq_leaf *l = &p->leaves[n->leaf];
    const uint8_t *defs = l->bdef.data, *reps = l->brep.data;
    if (pm_pq_buf_size(&p->valid, l->bn + 1) != PAIMON_OK)
        return pm_err_nomem(err);
    uint8_t *valid = p->valid.data;
    size_t slots = 0, nulls = 0;
    for (size_t i = 0; i < l->bn; i++) {
        if (reps[i] <= n->slot_rep && defs[i] >= n->slot_def) {
            valid[slots] = defs[i] >= n->def;
            nulls += !valid[slots];
            slots++;
        }
    }
    if (slots != expect)
        return mismatch(err, slots, expect);
    if (pm_col_advance(col, slots, nulls > 0 ? valid : NULL) != PAIMON_OK)
        return pm_err_nomem(err);
    for (size_t i = 0; i < n->child_count; i++)
        PM_TRY(assemble(p, &n->children[i], &col->children[i], slots, err));
    return PAIMON_OK;
}

static int assemble_list(pm_pq_plan *p, const pm_pq_rnode *n, pm_col *col, size_t expect,
                         paimon_error *err) {
    const pm_pq_leaf *l = &p->leaves[n->leaf];
    const uint8_t *defs = l->bdef.data, *reps = l->brep.data;
    if (pm_pq_buf_size(&p->valid, expect + 1) != PAIMON_OK ||
        pm_col_reserve(col, expect) != PAIMON_OK)
        return pm_err_nomem(err);
    uint8_t *valid = p->valid.data;
    uint8_t *offs = col->offsets.data + (size_t)col->length * 4;
    uint64_t base = pm_load_le32(offs), elems = 0;
    size_t slots = 0, nulls = 0;
    for (size_t i = 0; i < l->bn; i++) {
        int r = reps[i], d = defs[i];
        if (r <= n->slot_rep) {
            if (d < n->slot_def)
                continue; /* an empty or null list further up */
            if (slots == expect)
                return mismatch(err, slots + 1, expect);
            pm_store_le32(offs + slots * 4, (uint32_t)(base + elems));
            valid[slots] = d >= n->def;
            nulls += !valid[slots];
            slots++;
            elems += d >= n->elem_def;
        } else {
            /* A further element of this list (r == rep) or of a list inside it (r > rep):
             * either way this list's element exists. */
            if (d < n->elem_def || slots == 0)
                return pm_err(err, PAIMON_ECORRUPT, "repeated value of an empty or null list");
            elems += r == n->rep;
        }
        if (base + elems > INT32_MAX)
            return pm_err(err, PAIMON_ELIMIT, "more than 2^31 list elements in one batch");
    }
    if (slots != expect)
        return mismatch(err, slots, expect);
    pm_store_le32(offs + slots * 4, (uint32_t)(base + elems));
    if (pm_col_advance(col, slots, nulls > 0 ? valid : NULL) != PAIMON_OK)
        return pm_err_nomem(err);
    return assemble(p, &n->children[0], &col->children[0], (size_t)elems, err);
}

static int assemble(pm_pq_plan *p, const pm_pq_rnode *n, pm_col *col, size_t expect,
                    paimon_error *err) {
    switch (n->kind) {
    case PM_PQ_RN_MISSING:
        return pm_col_append_nulls(col, expect) == PAIMON_OK ? PAIMON_OK : pm_err_nomem(err);
    case PM_PQ_RN_LEAF:
        if ((size_t)col->length != expect)
            return mismatch(err, (size_t)col->length, expect);
        return PAIMON_OK;
    case PM_PQ_RN_STRUCT: return assemble_struct(p, n, col, expect, err);
    case PM_PQ_RN_LIST: return assemble_list(p, n, col, expect, err);
    }
    return PAIMON_OK;
}

int pm_pq_assemble(pm_pq_plan *p, size_t field, size_t rows, paimon_error *err) {
    return assemble(p, &p->nodes[field], &p->cols[field], rows, err);
}
