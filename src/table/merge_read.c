/*
 * merge_read.c - merge-on-read of one bucket of a primary-key table (spec 06 §6, 07).
 *
 * The bucket's files are split into sections whose key ranges do not overlap, and each section
 * into sorted runs. A section with one run under the deduplicate engine needs no merge: its rows
 * are read as they are, retractions dropped. Otherwise the runs are merged with a binary heap
 * ordered by (key, user sequence fields, _SEQUENCE_NUMBER); the records of one key, oldest
 * first, go through the merge engine, and the surviving values are referenced (batch, row) and
 * gathered column by column into the output batch. Memory stays bounded by the number of runs
 * times the batch size: a source batch is kept only until the output referencing it is flushed.
 */
#include "table/merge_read.h"

#include "core/binary_row.h"
#include "data/arrow_gather.h"
#include "data/arrow_ops.h"
#include "table/file_read.h"
#include "table/merge_engine.h"
#include "table/merge_keys.h"
#include "util/mem.h"
#include "util/sort.h"
#include "util/vec.h"

#include <stdlib.h>
#include <string.h>

typedef struct holder {
    struct ArrowArray batch; /* read fields..., _SEQUENCE_NUMBER, _VALUE_KIND */
    pm_int_keys ikeys;       /* a single integer key (r->int_keys) */
    pm_merge_keys keys;      /* otherwise: the encoded keys */
    pm_merge_keys seq_keys; /* user sequence fields, when configured */
    const int64_t *seq;
    const uint8_t *kinds;
    bool held_by_cursor;
    bool referenced; /* by pending output */
} holder;

typedef struct run_cursor {
    const paimon_data_file **files;
    size_t file_count;
    size_t next_file;
    pm_file_reader *reader;
    size_t holder; /* index into r->holders, or SIZE_MAX */
    holder *h;     /* r->holders[holder] */
    int64_t row;
    int64_t key; /* the current row's key (r->int_keys) and sequence number, cached for the */
    int64_t seq; /* comparisons of the heap */
    size_t index; /* position of the run, for stable ordering */
} run_cursor;

typedef struct section {
    size_t first_run; /* into r->runs */
    size_t run_count;
} section;

typedef struct run {
    const paimon_data_file **files;
    size_t count;
    size_t cap;
} run;

struct pm_merge_reader {
    pm_merge_read_spec spec;
    const paimon_split *split;
    /* Columns read from every file: the union of output, key and sequence fields. */
    size_t *read_fields;
    size_t read_count;
    size_t *out_cols; /* per output field: position in read_fields */
    pm_key_column *key_cols;
    size_t key_count;
    bool int_keys; /* one integer-like key column: compared as int64 (merge_keys.h) */
    /* The cursors are ordered by a heap, or, for few runs with int keys (and no null keys, no
     * user sequence fields), only the smallest is kept first by a scan over all of them:
     * fewer unpredictable branches than sifting. */
    bool linear;
    bool heapify; /* linear order was given up: the heap must be built */
    bool order_stale; /* a window moved the cursors: heap[0] is not known to be the smallest */
    struct wentry *window[2]; /* deduplicate windows (dedup_window) */
    size_t window_cap;
    pm_key_column *seq_cols;
    size_t seq_count;
    /* Sections and runs, in key order. */
    const paimon_data_file **sorted;
    run *runs;
    size_t run_count;
    section *sections;
    size_t section_count;
    size_t next_section;
    /* The section being merged. */
    run_cursor *cursors;
    size_t cursor_count;
    size_t *heap;
    size_t heap_size;
    holder **holders;
    size_t holder_count;
    size_t holder_cap;
    /* Output. */
    pm_merge_engine *engine;
    bool dedup;         /* the deduplicate engine, merged inline (merge_dedup) */
    bool ignore_delete; /* its option */
    pm_col *out;
    pm_gather_ref **refs; /* per output column; with `dedup` all columns use refs[0] */
    size_t ref_count;
    size_t batch_rows;
    bool computed; /* the engine computes values instead of referencing them */
    uint8_t *kinds_out;
};

/* ---- sections and runs (IntervalPartition) ---- */

typedef struct key_bounds {
    pm_binrow min;
    pm_binrow max;
} key_bounds;

static int compare_binrow_keys(const pm_merge_reader *r, const pm_binrow *a, const pm_binrow *b) {
    for (size_t k = 0; k < r->key_count; k++) {
        pm_datum da, db;
        if (pm_binrow_get(a, (int32_t)k, r->key_cols[k].type, &da, NULL) != PAIMON_OK ||
            pm_binrow_get(b, (int32_t)k, r->key_cols[k].type, &db, NULL) != PAIMON_OK)
            return 0;
        int c = pm_datum_compare(r->key_cols[k].type, &da, &db);
        if (c != 0)
            return c;
    }
    return 0;
}

typedef struct file_order_ctx {
    const pm_merge_reader *reader;
    const key_bounds *bounds;
} file_order_ctx;

/* Files by their smallest key, then their largest. */
static int compare_files(const void *pa, const void *pb, void *ctx) {
    const file_order_ctx *c = ctx;
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    int r = compare_binrow_keys(c->reader, &c->bounds[a].min, &c->bounds[b].min);
    return r != 0 ? r : compare_binrow_keys(c->reader, &c->bounds[a].max, &c->bounds[b].max);
}

static int add_to_run(run *rn, const paimon_data_file *f) {
    if (pm_grow((void **)&rn->files, &rn->cap, rn->count + 1, sizeof *rn->files) != PAIMON_OK)
        return PAIMON_ENOMEM;
    rn->files[rn->count++] = f;
    return PAIMON_OK;
}

static int build_sections(pm_merge_reader *r, paimon_error *err) {
    size_t n = r->split->file_count;
    key_bounds *bounds = pm_calloc(n ? n : 1, sizeof *bounds);
    size_t *order = pm_calloc(n ? n : 1, sizeof *order);
    size_t *run_of = pm_calloc(n ? n : 1, sizeof *run_of);
    int rc = (bounds && order && run_of) ? PAIMON_OK : pm_err_nomem(err);
    for (size_t i = 0; i < n && rc == PAIMON_OK; i++) {
        const pm_data_file_meta *m = &r->split->files[i].entry->file;
        order[i] = i;
        rc = pm_binrow_from_serialized(m->min_key.data, m->min_key.len, &bounds[i].min, err);
        if (rc == PAIMON_OK)
            rc = pm_binrow_from_serialized(m->max_key.data, m->max_key.len, &bounds[i].max, err);
        if (rc == PAIMON_OK && (bounds[i].min.arity < (int32_t)r->key_count ||
                                bounds[i].max.arity < (int32_t)r->key_count))
            rc = pm_err(err, PAIMON_ECORRUPT, "%s: key bounds have %d fields, expected %zu",
                        r->split->files[i].path, bounds[i].min.arity, r->key_count);
        if (rc != PAIMON_OK)
            pm_err_prefix(err, "%s: ", r->split->files[i].path);
    }
    if (rc == PAIMON_OK) {
        file_order_ctx ctx = {r, bounds};
        if (pm_sort(order, n, sizeof *order, compare_files, &ctx) != PAIMON_OK)
            rc = pm_err_nomem(err);
    }
    /* Sweep: a new section starts when a file begins after every key seen so far. Inside a
     * section, a file joins the run whose last file ends before it begins (the one ending
     * first), or starts a new run. */
    size_t section_start_run = 0;
    size_t max_index = 0;
    for (size_t k = 0; k < n && rc == PAIMON_OK; k++) {
        size_t i = order[k];
        bool new_section =
            k == 0 || compare_binrow_keys(r, &bounds[i].min, &bounds[max_index].max) > 0;
        if (new_section && k > 0) {
            section s = {section_start_run, r->run_count - section_start_run};
            size_t cap = r->section_count;
            if (pm_grow((void **)&r->sections, &cap, r->section_count + 1, sizeof *r->sections)) {
                rc = pm_err_nomem(err);
                break;
            }
            r->sections[r->section_count++] = s;
            section_start_run = r->run_count;
        }
        if (new_section || compare_binrow_keys(r, &bounds[i].max, &bounds[max_index].max) > 0)
            max_index = i;
        size_t best = SIZE_MAX;
        for (size_t ri = section_start_run; ri < r->run_count; ri++) {
            size_t last = run_of[ri];
            if (compare_binrow_keys(r, &bounds[last].max, &bounds[i].min) < 0 &&
                (best == SIZE_MAX ||
                 compare_binrow_keys(r, &bounds[last].max, &bounds[run_of[best]].max) < 0))
                best = ri;
        }
        if (best == SIZE_MAX) {
            size_t cap = r->run_count;
            if (pm_grow((void **)&r->runs, &cap, r->run_count + 1, sizeof *r->runs)) {
                rc = pm_err_nomem(err);
                break;
            }
            memset(&r->runs[r->run_count], 0, sizeof *r->runs);
            best = r->run_count++;
        }
        if (add_to_run(&r->runs[best], &r->split->files[i]) != PAIMON_OK)
            rc = pm_err_nomem(err);
        run_of[best] = i;
    }
    if (rc == PAIMON_OK && n > 0) {
        section s = {section_start_run, r->run_count - section_start_run};
        size_t cap = r->section_count;
        if (pm_grow((void **)&r->sections, &cap, r->section_count + 1, sizeof *r->sections))
            rc = pm_err_nomem(err);
        else
            r->sections[r->section_count++] = s;
    }
    pm_free(bounds);
    pm_free(order);
    pm_free(run_of);
    return rc;
}

/* ---- holders and cursors ---- */

static void holder_free(holder *h) {
    if (h == NULL)
        return;
    pm_arrow_release(&h->batch);
    pm_int_keys_dispose(&h->ikeys);
    pm_merge_keys_dispose(&h->keys);
    pm_merge_keys_dispose(&h->seq_keys);
    pm_free(h);
}

/* Drops holders that neither a cursor nor pending output uses; renumbers the others, in the
 * cursors and in the references of pending output. */
static int compact_holders(pm_merge_reader *r, paimon_error *err) {
    size_t *renumber = NULL;
    if (r->ref_count > 0) {
        renumber = pm_malloc(r->holder_count * sizeof *renumber);
        if (renumber == NULL)
            return pm_err_nomem(err);
    }
    size_t w = 0;
    for (size_t i = 0; i < r->holder_count; i++) {
        holder *h = r->holders[i];
        if (!h->held_by_cursor && !h->referenced) {
            holder_free(h);
            continue;
        }
        for (size_t c = 0; c < r->cursor_count; c++) {
            if (r->cursors[c].holder == i)
                r->cursors[c].holder = w;
        }
        if (renumber != NULL)
            renumber[i] = w;
        r->holders[w++] = h;
    }
    /* (Engines that compute values keep no references.) */
    if (renumber != NULL && w < r->holder_count && !r->computed) {
        size_t lists = r->dedup ? 1 : r->spec.field_count;
        for (size_t j = 0; j < lists; j++) {
            pm_gather_ref *refs = r->refs[j];
            for (size_t k = 0; k < r->ref_count; k++) {
                if (refs[k].source < r->holder_count)
                    refs[k].source = (uint32_t)renumber[refs[k].source];
            }
        }
    }
    pm_free(renumber);
    r->holder_count = w;
    return PAIMON_OK;
}

static inline void cursor_cache(const pm_merge_reader *r, run_cursor *c) {
    if (r->int_keys)
        c->key = c->h->ikeys.values[c->row];
    c->seq = c->h->seq[c->row];
}

static int load_batch(pm_merge_reader *r, run_cursor *c, bool *exhausted, paimon_error *err) {
    if (c->holder != SIZE_MAX) {
        r->holders[c->holder]->held_by_cursor = false;
        c->holder = SIZE_MAX;
    }
    for (;;) {
        if (c->reader == NULL) {
            if (c->next_file >= c->file_count) {
                *exhausted = true;
                return PAIMON_OK;
            }
            pm_file_read_spec fs;
            memset(&fs, 0, sizeof fs);
            fs.table = r->spec.table;
            fs.read_schema = r->spec.read_schema;
            fs.fields = r->read_fields;
            fs.field_count = r->read_count;
            fs.batch_rows = r->spec.batch_rows;
            fs.with_sequence_number = true;
            fs.with_value_kind = true;
            fs.apply_deletion_vector = r->spec.kind->deletion_vectors;
            fs.snapshot_sequence = r->spec.kind->snapshot_sequence;
            fs.pool = r->spec.pool;
            PM_TRY(pm_file_reader_open(&fs, c->files[c->next_file++], &c->reader, err));
        }
        struct ArrowArray batch;
        PM_TRY(pm_file_reader_next(c->reader, &batch, err));
        if (batch.release == NULL) {
            pm_file_reader_close(c->reader);
            c->reader = NULL;
            continue;
        }
        holder *h = pm_calloc(1, sizeof *h);
        if (h == NULL || pm_grow((void **)&r->holders, &r->holder_cap, r->holder_count + 1,
                                 sizeof *r->holders) != PAIMON_OK) {
            pm_free(h);
            pm_arrow_release(&batch);
            return pm_err_nomem(err);
        }
        h->batch = batch;
        r->holders[r->holder_count] = h;
        if (r->linear && r->int_keys && batch.children[r->key_cols[0].column]->null_count != 0) {
            r->linear = false; /* nulls compare through the validity bitmap */
            r->heapify = true;
        }
        int rc = r->int_keys ? pm_int_keys_load(&h->ikeys, &r->key_cols[0], &h->batch,
                                                batch.length, err)
                             : pm_merge_keys_encode(&h->keys, r->key_cols, r->key_count,
                                                    &h->batch, batch.length, err);
        if (rc == PAIMON_OK && r->seq_count > 0)
            rc = pm_merge_keys_encode(&h->seq_keys, r->seq_cols, r->seq_count, &h->batch,
                                      batch.length, err);
        if (rc != PAIMON_OK) {
            holder_free(h);
            return rc;
        }
        const struct ArrowArray *seq = h->batch.children[r->read_count];
        const struct ArrowArray *kind = h->batch.children[r->read_count + 1];
        h->seq = (const int64_t *)seq->buffers[1] + seq->offset;
        h->kinds = (const uint8_t *)kind->buffers[1] + kind->offset;
        h->held_by_cursor = true;
        c->holder = r->holder_count++;
        c->h = h;
        c->row = 0;
        cursor_cache(r, c);
        *exhausted = false;
        return PAIMON_OK;
    }
}

/* The keys of two rows (`key`: the cached int key of the row). */
static inline int compare_key_at(const pm_merge_reader *r, const holder *ha, int64_t ra,
                                 int64_t ka, const holder *hb, int64_t rb, int64_t kb) {
    if (r->int_keys) {
        if (ka != kb)
            return ka < kb ? -1 : 1;
        if (ka != INT64_MIN)
            return 0;
        return pm_int_keys_compare(&ha->ikeys, ra, &hb->ikeys, rb);
    }
    return pm_merge_keys_compare(&ha->keys, ra, &hb->keys, rb);
}

/* The keys of two cursors' current rows. */
static inline int compare_keys(const pm_merge_reader *r, const run_cursor *a,
                               const run_cursor *b) {
    return compare_key_at(r, a->h, a->row, a->key, b->h, b->row, b->key);
}

static inline int compare_cursors(const pm_merge_reader *r, size_t ia, size_t ib) {
    const run_cursor *a = &r->cursors[ia], *b = &r->cursors[ib];
    int c = compare_keys(r, a, b);
    if (c != 0)
        return c;
    if (r->seq_count > 0) {
        c = pm_merge_keys_compare(&a->h->seq_keys, a->row, &b->h->seq_keys, b->row);
        if (c != 0)
            return c;
    }
    if (a->seq != b->seq)
        return a->seq < b->seq ? -1 : 1;
    return a->index < b->index ? -1 : (a->index > b->index ? 1 : 0);
}

static void sift_down(pm_merge_reader *r, size_t i) {
    for (;;) {
        size_t l = 2 * i + 1, m = i;
        if (l < r->heap_size && compare_cursors(r, r->heap[l], r->heap[m]) < 0)
            m = l;
        if (l + 1 < r->heap_size && compare_cursors(r, r->heap[l + 1], r->heap[m]) < 0)
            m = l + 1;
        if (m == i)
            return;
        size_t t = r->heap[i];
        r->heap[i] = r->heap[m];
        r->heap[m] = t;
        i = m;
    }
}

/* Linear order: moves the smallest cursor to heap[0]. */
static void select_min(pm_merge_reader *r) {
    size_t *heap = r->heap;
    size_t best = 0;
    const run_cursor *b = &r->cursors[heap[0]];
    for (size_t i = 1; i < r->heap_size; i++) {
        const run_cursor *c = &r->cursors[heap[i]];
        /* (Branch-free selects measured slower: the comparisons' dependency chain gets longer
         * than the mispredictions cost.) */
        bool less = c->key < b->key ||
                    (c->key == b->key &&
                     (c->seq < b->seq || (c->seq == b->seq && c->index < b->index)));
        best = less ? i : best;
        b = less ? c : b;
    }
    size_t t = heap[0];
    heap[0] = heap[best];
    heap[best] = t;
}

/* Restores the order after the top cursor moved (or was replaced by the last one). */
static void fix_top(pm_merge_reader *r) {
    if (r->linear) {
        select_min(r);
    } else if (r->heapify) {
        r->heapify = false;
        for (size_t i = r->heap_size; i-- > 0;)
            sift_down(r, i);
    } else {
        sift_down(r, 0);
    }
}

static void close_section(pm_merge_reader *r) {
    for (size_t c = 0; c < r->cursor_count; c++) {
        pm_file_reader_close(r->cursors[c].reader);
        if (r->cursors[c].holder != SIZE_MAX)
            r->holders[r->cursors[c].holder]->held_by_cursor = false;
    }
    pm_free(r->cursors);
    r->cursors = NULL;
    r->cursor_count = 0;
    pm_free(r->heap);
    r->heap = NULL;
    r->heap_size = 0;
}

static int open_section(pm_merge_reader *r, const section *s, paimon_error *err) {
    r->cursors = pm_calloc(s->run_count, sizeof *r->cursors);
    r->heap = pm_calloc(s->run_count, sizeof *r->heap);
    if (r->cursors == NULL || r->heap == NULL)
        return pm_err_nomem(err);
    r->cursor_count = s->run_count;
    r->linear = r->int_keys && r->seq_count == 0 && s->run_count <= 8;
    r->heapify = false;
    for (size_t i = 0; i < s->run_count; i++) {
        run_cursor *c = &r->cursors[i];
        const run *rn = &r->runs[s->first_run + i];
        c->files = rn->files;
        c->file_count = rn->count;
        c->holder = SIZE_MAX;
        c->index = i;
        bool exhausted;
        PM_TRY(load_batch(r, c, &exhausted, err));
        if (!exhausted)
            r->heap[r->heap_size++] = i;
    }
    if (r->heap_size > 0) {
        r->heapify = !r->linear;
        fix_top(r);
    }
    return PAIMON_OK;
}

/* Moves the top cursor past its current row. */
static int advance_top(pm_merge_reader *r, paimon_error *err) {
    run_cursor *c = &r->cursors[r->heap[0]];
    if (++c->row >= c->h->batch.length) {
        bool exhausted;
        PM_TRY(load_batch(r, c, &exhausted, err));
        if (exhausted) {
            r->heap[0] = r->heap[--r->heap_size];
            if (r->heap_size > 0)
                fix_top(r);
            return PAIMON_OK;
        }
    } else {
        cursor_cache(r, c);
    }
    fix_top(r);
    return PAIMON_OK;
}

/* ---- output ---- */

static int flush(pm_merge_reader *r, struct ArrowArray *out, paimon_error *err) {
    size_t n = r->spec.field_count;
    pm_col *computed = r->computed ? pm_merge_engine_values(r->engine) : NULL;
    const struct ArrowArray **sources =
        pm_calloc(r->holder_count ? r->holder_count : 1, sizeof *sources);
    struct ArrowArray *cols = pm_calloc(n ? n : 1, sizeof *cols);
    int rc = (sources && cols) ? PAIMON_OK : pm_err_nomem(err);
    size_t done = 0;
    for (; done < n && rc == PAIMON_OK; done++) {
        if (computed != NULL) {
            rc = pm_col_finish(&computed[r->out_cols[done]], &cols[done], err);
            continue;
        }
        for (size_t h = 0; h < r->holder_count; h++)
            sources[h] = r->holders[h]->batch.children[r->out_cols[done]];
        rc = pm_col_gather(&r->out[done], sources, r->holder_count, r->refs[r->dedup ? 0 : done],
                           r->ref_count);
        if (rc != PAIMON_OK)
            rc = pm_err(err, rc, "merge output: %s", paimon_status_name(rc));
        else
            rc = pm_col_finish(&r->out[done], &cols[done], err);
    }
    /* Computed columns that are read but not returned (sequence fields) start over too. */
    for (size_t i = 0; computed != NULL && i < r->read_count; i++)
        pm_col_clear(&computed[i]);
    pm_free(sources);
    int64_t rows = (int64_t)r->ref_count;
    r->ref_count = 0;
    for (size_t h = 0; h < r->holder_count; h++)
        r->holders[h]->referenced = false;
    int crc = compact_holders(r, err); /* nothing is pending: cannot fail */
    if (rc == PAIMON_OK)
        rc = crc;
    if (rc != PAIMON_OK) {
        for (size_t i = 0; i + 1 < done; i++)
            pm_arrow_release(&cols[i]);
        pm_free(cols);
        return rc;
    }
    rc = pm_arrow_struct_from_children(cols, n, rows, out, err);
    pm_free(cols);
    return rc;
}

/* Records the engine's result for one key as one output row. */
static void emit(pm_merge_reader *r, const pm_merge_result *res) {
    size_t row = r->ref_count++;
    r->computed = res->computed;
    if (res->computed)
        return;
    for (size_t j = 0; j < r->spec.field_count; j++) {
        pm_gather_ref ref = res->refs[r->out_cols[j]];
        r->refs[j][row] = ref;
        if (ref.source != PM_GATHER_NULL)
            r->holders[ref.source]->referenced = true;
    }
}

static bool is_retraction(uint8_t kind) { return kind == 1 || kind == 3; }

/* The deduplicate engine inline (merge_engine.c has the same rule for the other callers): the
 * newest record of a key wins, with ignore-delete the newest that is not a retraction, and a
 * winning retraction removes the key. The output references one source row for all columns.
 *
 * One key's records through the cursor order (heap or linear). */
static int dedup_one_key(pm_merge_reader *r, paimon_error *err) {
    const run_cursor *first = &r->cursors[r->heap[0]];
    const holder *key_h = first->h; /* the group's key, as the cursor moves on */
    int64_t key_row = first->row, key = first->key;
    holder *win = NULL;
    pm_gather_ref win_ref = {0, 0};
    uint8_t win_kind = 0;
    for (;;) {
        run_cursor *c = &r->cursors[r->heap[0]];
        uint8_t kind = c->h->kinds[c->row];
        if (!r->ignore_delete || !is_retraction(kind)) {
            win = c->h;
            win_ref.source = (uint32_t)c->holder; /* holders are renumbered between keys */
            win_ref.row = (uint32_t)c->row;
            win_kind = kind;
        }
        if (c->row + 1 < c->h->batch.length) { /* advance_top's common case, inline */
            c->row++;
            cursor_cache(r, c);
            fix_top(r);
        } else {
            PM_TRY(advance_top(r, err));
            if (r->heap_size == 0)
                break;
        }
        c = &r->cursors[r->heap[0]];
        if (compare_key_at(r, key_h, key_row, key, c->h, c->row, c->key) != 0)
            break;
    }
    if (win != NULL && !is_retraction(win_kind)) {
        r->refs[0][r->ref_count++] = win_ref;
        win->referenced = true;
    }
    return PAIMON_OK;
}

/*
 * Windows (linear order: int keys, no null keys, few runs). Record by record, picking the
 * next run is an unpredictable branch per record. Instead, every run contributes the slice of
 * its current batch below a common bound (the smallest of the runs' last keys in the window,
 * so no run holds a smaller key further on), the slices are merged pairwise by key with
 * branch-free selects, and one pass over the merged window picks each key's winner: the
 * largest (sequence number, run position) among the records the engine accepts, as the
 * record-by-record order would have left it last.
 */
typedef struct wentry {
    int64_t key;
    int64_t seq;
    uint32_t source; /* holder */
    uint32_t row;
    uint32_t run;    /* position of the run: ties of sequence numbers */
    uint32_t kind;
} wentry;

#define WINDOW_MAX 8192 /* records per window */

/* First row in [lo, hi) whose key is >= bound. */
static int64_t lower_bound(const int64_t *keys, int64_t lo, int64_t hi, int64_t bound) {
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        if (keys[mid] < bound)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static size_t merge2(const wentry *a, size_t na, const wentry *b, size_t nb, wentry *out) {
    size_t i = 0, j = 0, o = 0;
    while (i < na && j < nb) {
        bool take_b = b[j].key < a[i].key; /* equal keys: a first (order does not matter) */
        const wentry *src = take_b ? &b[j] : &a[i];
        out[o++] = *src;
        i += !take_b;
        j += take_b;
    }
    memcpy(out + o, a + i, (na - i) * sizeof *out);
    o += na - i;
    memcpy(out + o, b + j, (nb - j) * sizeof *out);
    return o + nb - j;
}

/* Merges the window of every cursor whose slices fit `room` outputs; *progress is false when
 * no record lies below the bound (the caller then takes one key record by record). */
static int dedup_window(pm_merge_reader *r, size_t room, bool *progress, paimon_error *err) {
    size_t runs = r->heap_size;
    size_t cap = (room < WINDOW_MAX ? room : WINDOW_MAX) / runs;
    *progress = false;
    if (cap == 0)
        return PAIMON_OK;
    int64_t ends[8];
    int64_t bound = INT64_MAX;
    bool bounded = false;
    for (size_t i = 0; i < runs; i++) {
        const run_cursor *c = &r->cursors[r->heap[i]];
        int64_t end = c->h->batch.length - c->row > (int64_t)cap ? c->row + (int64_t)cap
                                                                  : c->h->batch.length;
        int64_t last = c->h->ikeys.values[end - 1];
        if (!bounded || last < bound)
            bound = last;
        bounded = true;
        ends[i] = end;
    }
    size_t total = 0;
    for (size_t i = 0; i < runs; i++) {
        const run_cursor *c = &r->cursors[r->heap[i]];
        ends[i] = lower_bound(c->h->ikeys.values, c->row, ends[i], bound);
        total += (size_t)(ends[i] - c->row);
    }
    if (total == 0)
        return PAIMON_OK;
    if (r->window_cap < total) {
        wentry *a = pm_realloc_array(r->window[0], total, sizeof *a);
        if (a == NULL)
            return pm_err_nomem(err);
        r->window[0] = a;
        wentry *b = pm_realloc_array(r->window[1], total, sizeof *b);
        if (b == NULL)
            return pm_err_nomem(err);
        r->window[1] = b;
        r->window_cap = total;
    }
    /* The slices, one after another, then merged pairwise between the two buffers. */
    wentry *cur = r->window[0], *next = r->window[1];
    size_t starts[9], n = 0;
    for (size_t i = 0; i < runs; i++) {
        const run_cursor *c = &r->cursors[r->heap[i]];
        const holder *h = c->h;
        starts[i] = n;
        for (int64_t row = c->row; row < ends[i]; row++) {
            wentry *e = &cur[n++];
            e->key = h->ikeys.values[row];
            e->seq = h->seq[row];
            e->source = (uint32_t)c->holder;
            e->row = (uint32_t)row;
            e->run = (uint32_t)c->index;
            e->kind = h->kinds[row];
        }
    }
    starts[runs] = n;
    for (size_t parts = runs; parts > 1;) {
        size_t w = 0, o = 0;
        for (size_t p = 0; p < parts; p += 2) {
            size_t a = starts[p], na = starts[p + 1] - a;
            size_t nb = p + 1 < parts ? starts[p + 2] - starts[p + 1] : 0;
            starts[w++] = o;
            o += merge2(cur + a, na, cur + a + na, nb, next + o);
        }
        starts[w] = o;
        parts = w;
        wentry *t = cur;
        cur = next;
        next = t;
    }
    /* Each key's winner. */
    pm_gather_ref *out = r->refs[0];
    const bool ignore_delete = r->ignore_delete;
    for (size_t i = 0; i < n;) {
        const wentry *win = NULL;
        size_t j = i;
        for (; j < n && cur[j].key == cur[i].key; j++) {
            const wentry *e = &cur[j];
            if (ignore_delete && is_retraction((uint8_t)e->kind))
                continue;
            if (win == NULL || e->seq > win->seq || (e->seq == win->seq && e->run >= win->run))
                win = e;
        }
        if (win != NULL && !is_retraction((uint8_t)win->kind)) {
            out[r->ref_count].source = win->source;
            out[r->ref_count].row = win->row;
            r->ref_count++;
            r->holders[win->source]->referenced = true;
        }
        i = j;
    }
    /* The cursors move past their slices (which may end their batches). */
    for (size_t i = runs; i-- > 0;) {
        run_cursor *c = &r->cursors[r->heap[i]];
        c->row = ends[i];
        if (c->row < c->h->batch.length) {
            cursor_cache(r, c);
            continue;
        }
        bool exhausted;
        PM_TRY(load_batch(r, c, &exhausted, err));
        if (exhausted)
            r->heap[i] = r->heap[--r->heap_size];
    }
    *progress = true;
    return PAIMON_OK;
}

static int merge_dedup(pm_merge_reader *r, paimon_error *err) {
    while (r->heap_size > 0 && r->ref_count < r->batch_rows) {
        if (r->holder_count > 2 * r->cursor_count + 4)
            PM_TRY(compact_holders(r, err));
        bool progress = false;
        if (r->linear)
            PM_TRY(dedup_window(r, r->batch_rows - r->ref_count, &progress, err));
        if (progress) {
            r->order_stale = true; /* windows keep no order among the cursors */
            continue;
        }
        if (r->heap_size == 0)
            break;
        if (r->order_stale || r->heapify) {
            r->order_stale = false;
            fix_top(r);
        }
        PM_TRY(dedup_one_key(r, err));
    }
    return PAIMON_OK;
}

/* Merges records until the output holds batch_rows rows or the section ends. */
static int merge_some(pm_merge_reader *r, paimon_error *err) {
    if (r->dedup)
        return merge_dedup(r, err);
    while (r->heap_size > 0 && r->ref_count < r->batch_rows) {
        /* Between keys no holder is needed except by cursors and pending output: drop the
         * others so that long stretches without output (deletes) stay bounded in memory. */
        if (r->holder_count > 2 * r->cursor_count + 4)
            PM_TRY(compact_holders(r, err));
        run_cursor key = r->cursors[r->heap[0]]; /* a copy: the cursor moves on */
        pm_merge_engine_reset(r->engine);
        /* All records of this key, oldest first. */
        for (;;) {
            run_cursor *c = &r->cursors[r->heap[0]];
            holder *h = r->holders[c->holder];
            pm_merge_record rec = {&h->batch, (uint32_t)c->holder, (uint32_t)c->row,
                                   h->kinds[c->row]};
            PM_TRY(pm_merge_engine_add(r->engine, &rec, err));
            PM_TRY(advance_top(r, err));
            if (r->heap_size == 0)
                break;
            if (compare_keys(r, &key, &r->cursors[r->heap[0]]) != 0)
                break;
        }
        pm_merge_result res;
        PM_TRY(pm_merge_engine_result(r->engine, &res, err));
        if (res.emit)
            emit(r, &res);
    }
    return PAIMON_OK;
}

int pm_merge_reader_next(pm_merge_reader *r, struct ArrowArray *out, const uint8_t **kinds_out,
                         paimon_error *err) {
    out->release = NULL;
    *kinds_out = NULL;
    for (;;) {
        if (r->cursors == NULL) {
            if (r->next_section >= r->section_count) {
                if (r->ref_count == 0)
                    return PAIMON_OK;
                break;
            }
            PM_TRY(open_section(r, &r->sections[r->next_section++], err));
        }
        PM_TRY(merge_some(r, err));
        if (r->heap_size == 0)
            close_section(r);
        if (r->ref_count >= r->batch_rows)
            break;
    }
    int64_t rows = (int64_t)r->ref_count;
    PM_TRY(flush(r, out, err));
    memset(r->kinds_out, 0, (size_t)rows);
    *kinds_out = r->kinds_out;
    return PAIMON_OK;
}

/* ---- setup ---- */

static bool force_general_keys;

void pm_merge_read_force_general_keys(bool on) { force_general_keys = on; }

static long add_read_field(pm_merge_reader *r, size_t field) {
    for (size_t i = 0; i < r->read_count; i++) {
        if (r->read_fields[i] == field)
            return (long)i;
    }
    r->read_fields[r->read_count] = field;
    return (long)r->read_count++;
}

static int resolve_columns(pm_merge_reader *r, paimon_error *err) {
    const pm_schema *s = r->spec.read_schema;
    size_t nfields = pm_schema_field_count(s);
    r->read_fields = pm_calloc(nfields + 1, sizeof *r->read_fields);
    r->out_cols = pm_calloc(r->spec.field_count + 1, sizeof *r->out_cols);
    r->key_cols = pm_calloc(nfields + 1, sizeof *r->key_cols);
    r->seq_cols = pm_calloc(nfields + 1, sizeof *r->seq_cols);
    if (!r->read_fields || !r->out_cols || !r->key_cols || !r->seq_cols)
        return pm_err_nomem(err);
    for (size_t j = 0; j < r->spec.field_count; j++)
        r->out_cols[j] = (size_t)add_read_field(r, r->spec.fields[j]);
    const char *keys[64];
    size_t nkeys = pm_schema_trimmed_pk(s, keys, 64);
    if (nkeys == 0 || nkeys > 64)
        return pm_err(err, PAIMON_EUNSUPPORTED, "%s: a primary key of %zu columns cannot be merged",
                      r->spec.table->name, nkeys);
    for (size_t k = 0; k < nkeys; k++) {
        long f = pm_schema_field_index(s, keys[k]);
        if (f < 0)
            return pm_err(err, PAIMON_ECORRUPT, "primary key column '%s' is not in the schema",
                          keys[k]);
        pm_key_column kc = {(size_t)add_read_field(r, (size_t)f), pm_schema_fields(s)[f].type,
                            false};
        r->key_cols[r->key_count++] = kc;
    }
    r->int_keys = pm_int_keys_supported(r->key_cols, r->key_count) && !force_general_keys;
    return pm_merge_engine_columns(r->engine, s, r->read_fields, &r->read_count, r->seq_cols,
                                   &r->seq_count, err);
}

int pm_merge_reader_open(const pm_merge_read_spec *spec, const paimon_split *split,
                         pm_merge_reader **out, paimon_error *err) {
    pm_merge_reader *r = pm_calloc(1, sizeof *r);
    if (r == NULL)
        return pm_err_nomem(err);
    r->spec = *spec;
    r->split = split;
    r->batch_rows = spec->batch_rows ? spec->batch_rows : 8192;
    int rc = pm_merge_engine_new(spec->read_schema, spec->kind, &r->engine, err);
    if (rc == PAIMON_OK)
        rc = resolve_columns(r, err);
    if (rc == PAIMON_OK)
        rc = pm_merge_engine_bind(r->engine, r->read_fields, r->read_count, err);
    if (rc == PAIMON_OK)
        r->dedup = pm_merge_engine_is_dedup(r->engine, &r->ignore_delete);
    if (rc == PAIMON_OK)
        rc = build_sections(r, err);
    if (rc == PAIMON_OK) {
        r->out = pm_calloc(spec->field_count + 1, sizeof *r->out);
        r->refs = pm_calloc(spec->field_count + 1, sizeof *r->refs);
        r->kinds_out = pm_malloc(r->batch_rows);
        if (r->out == NULL || r->refs == NULL || r->kinds_out == NULL)
            rc = pm_err_nomem(err);
        for (size_t j = 0; j < spec->field_count && rc == PAIMON_OK; j++) {
            const pm_field *f = &pm_schema_fields(spec->read_schema)[spec->fields[j]];
            rc = pm_col_init(&r->out[j], f->type, err);
            if (rc == PAIMON_OK)
                pm_col_set_pool(&r->out[j], spec->pool);
            if (rc == PAIMON_OK &&
                (r->refs[j] = pm_calloc(r->batch_rows, sizeof *r->refs[j])) == NULL)
                rc = pm_err_nomem(err);
        }
    }
    if (rc != PAIMON_OK) {
        pm_merge_reader_close(r);
        return rc;
    }
    *out = r;
    return PAIMON_OK;
}

void pm_merge_reader_close(pm_merge_reader *r) {
    if (r == NULL)
        return;
    close_section(r);
    for (size_t i = 0; i < r->holder_count; i++)
        holder_free(r->holders[i]);
    pm_free(r->holders);
    for (size_t i = 0; i < r->run_count; i++)
        pm_free(r->runs[i].files);
    pm_free(r->runs);
    pm_free(r->sections);
    pm_free(r->sorted);
    if (r->out != NULL) {
        for (size_t j = 0; j < r->spec.field_count; j++)
            pm_col_dispose(&r->out[j]);
    }
    if (r->refs != NULL) {
        for (size_t j = 0; j < r->spec.field_count; j++)
            pm_free(r->refs[j]);
    }
    pm_free(r->out);
    pm_free(r->refs);
    pm_free(r->kinds_out);
    pm_free(r->window[0]);
    pm_free(r->window[1]);
    pm_free(r->read_fields);
    pm_free(r->out_cols);
    pm_free(r->key_cols);
    pm_free(r->seq_cols);
    pm_merge_engine_free(r->engine);
    pm_free(r);
}
