/*
 * scan_stream.c - the ArrowArrayStream of a plan: reads split after split, applies the filter
 * and the projection, stops at the limit. For change streams it prepends the row kind column.
 *
 * The stream owns a reference to the plan (and through it the table), so callers may free both
 * while the stream is in use.
 */
#include "table/scan_stream.h"

#include "data/arrow_ops.h"
#include "table/merge_read.h"
#include "table/split_read.h"
#include "util/mem.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* The splits of one branch's plan (a read of two branches has two parts). */
typedef struct stream_part {
    const paimon_plan *plan;
    size_t *needed; /* read-schema fields produced by split readers */
    size_t needed_count;
    size_t *out_pos;                    /* per output column: its position in `needed` */
    const struct ArrowArray **by_field; /* read-schema field index -> column (for filters) */
} stream_part;

typedef struct scan_stream {
    paimon_plan *plan;
    bool changes;
    stream_part parts[2];
    size_t part_count;
    size_t part; /* the part being read */
    size_t next_split;
    pm_split_reader *reader;
    pm_merge_reader *merger;
    pm_buf_pool *pool; /* buffers of batches and decoding, shared with the batches handed out */
    int64_t remaining;
    uint8_t *keep;
    size_t keep_cap;
    paimon_error error;
} scan_stream;

static const char *const row_kind_names[] = {"+I", "-U", "+U", "-D"};

static bool needs_merge(const paimon_plan *p) {
    return !p->changes && p->kind.primary_key && !p->kind.skip_level0;
}

/* ArrowArrayStream callbacks report errno values; the message is in get_last_error. */
static int stream_fail(int rc) {
    switch (rc) {
    case PAIMON_ENOMEM:
        return ENOMEM;
    case PAIMON_EINVAL:
        return EINVAL;
    case PAIMON_ENOTFOUND:
        return ENOENT;
    case PAIMON_EUNSUPPORTED:
        return ENOTSUP;
    default:
        return EIO;
    }
}

static int open_split_reader(scan_stream *st, const paimon_split *split, paimon_error *err) {
    const stream_part *part = &st->parts[st->part];
    const paimon_plan *p = part->plan;
    if (needs_merge(p)) {
        pm_merge_read_spec spec = {p->table,           p->schema,     &p->kind, part->needed,
                                   part->needed_count, p->batch_rows, st->pool};
        return pm_merge_reader_open(&spec, split, &st->merger, err);
    }
    pm_split_read_spec spec;
    memset(&spec, 0, sizeof spec);
    spec.table = p->table;
    spec.read_schema = p->schema;
    spec.fields = part->needed;
    spec.field_count = part->needed_count;
    spec.batch_rows = p->batch_rows;
    spec.primary_key = p->kind.primary_key;
    spec.with_row_kind = st->changes;
    spec.drop_retractions = !st->changes && p->kind.primary_key;
    spec.apply_deletion_vectors = !st->changes;
    spec.data_evolution = !st->changes && p->kind.data_evolution;
    spec.pool = st->pool;
    return pm_split_reader_open(&spec, split, &st->reader, err);
}

static void close_split_reader(scan_stream *st) {
    pm_split_reader_close(st->reader);
    st->reader = NULL;
    pm_merge_reader_close(st->merger);
    st->merger = NULL;
}

/* Next batch of the needed fields (no filter yet); out->release NULL at the end. */
static int next_raw(scan_stream *st, struct ArrowArray *out, const uint8_t **kinds,
                    paimon_error *err) {
    for (;;) {
        if (st->reader == NULL && st->merger == NULL) {
            while (st->part < st->part_count &&
                   st->next_split >= st->parts[st->part].plan->split_count) {
                st->part++;
                st->next_split = 0;
            }
            if (st->part >= st->part_count) {
                out->release = NULL;
                return PAIMON_OK;
            }
            PM_TRY(open_split_reader(
                st, &st->parts[st->part].plan->splits[st->next_split++], err));
        }
        int rc = st->reader ? pm_split_reader_next(st->reader, out, kinds, err)
                            : pm_merge_reader_next(st->merger, out, kinds, err);
        if (rc != PAIMON_OK)
            return rc;
        if (out->release != NULL)
            return PAIMON_OK;
        close_split_reader(st);
    }
}

static int apply_filter(scan_stream *st, struct ArrowArray *batch, uint8_t *kinds,
                        paimon_error *err) {
    const stream_part *part = &st->parts[st->part];
    const pm_pred *filter = part->plan->filter;
    if (filter == NULL)
        return PAIMON_OK;
    int64_t n = batch->length;
    if ((size_t)n > st->keep_cap) {
        uint8_t *keep = pm_realloc(st->keep, (size_t)n);
        if (keep == NULL)
            return pm_err_nomem(err);
        st->keep = keep;
        st->keep_cap = (size_t)n;
    }
    for (size_t j = 0; j < part->needed_count; j++)
        part->by_field[part->needed[j]] = batch->children[j];
    PM_TRY(pm_pred_eval_batch(filter, part->by_field, n, st->keep, err));
    int64_t kept = 0;
    for (int64_t r = 0; r < n; r++)
        kept += st->keep[r];
    if (kept == n)
        return PAIMON_OK;
    struct ArrowArray *cols =
        pm_calloc(part->needed_count ? part->needed_count : 1, sizeof *cols);
    if (cols == NULL)
        return pm_err_nomem(err);
    int rc = PAIMON_OK;
    size_t done = 0;
    const pm_field *fields = pm_schema_fields(part->plan->schema);
    for (; done < part->needed_count && rc == PAIMON_OK; done++)
        rc = pm_arrow_filter(batch->children[done], fields[part->needed[done]].type, st->keep,
                             kept, &cols[done], err);
    if (rc == PAIMON_OK && kinds != NULL) {
        int64_t w = 0;
        for (int64_t r = 0; r < n; r++) {
            if (st->keep[r])
                kinds[w++] = kinds[r];
        }
    }
    pm_arrow_release(batch);
    if (rc == PAIMON_OK)
        rc = pm_arrow_struct_from_children(cols, part->needed_count, kept, batch, err);
    else
        for (size_t i = 0; i + 1 < done; i++)
            pm_arrow_release(&cols[i]);
    pm_free(cols);
    return rc;
}

/* Builds the output batch: [row kind], then the projected columns. */
static int project(scan_stream *st, struct ArrowArray *batch, const uint8_t *kinds,
                   struct ArrowArray *out, paimon_error *err) {
    size_t extra = st->changes ? 1 : 0;
    size_t count = st->plan->out_count + extra;
    struct ArrowArray *cols = pm_calloc(count ? count : 1, sizeof *cols);
    if (cols == NULL)
        return pm_err_nomem(err);
    int rc = PAIMON_OK;
    int64_t n = batch->length;
    if (st->changes) {
        const char **names = pm_malloc((size_t)(n ? n : 1) * sizeof *names);
        if (names == NULL) {
            rc = pm_err_nomem(err);
        } else {
            for (int64_t r = 0; r < n; r++)
                names[r] = row_kind_names[kinds[r] & 3];
            rc = pm_arrow_strings(names, n, &cols[0], err);
            pm_free(names);
        }
    }
    for (size_t i = 0; rc == PAIMON_OK && i < st->plan->out_count; i++)
        pm_arrow_take_child(batch, st->parts[st->part].out_pos[i], &cols[extra + i]);
    pm_arrow_release(batch);
    if (rc == PAIMON_OK) {
        /* The struct takes the columns over, also when it fails. */
        rc = pm_arrow_struct_from_children(cols, count, n, out, err);
    } else {
        for (size_t i = 0; i < count; i++)
            pm_arrow_release(&cols[i]);
    }
    pm_free(cols);
    return rc;
}

static int stream_get_next(struct ArrowArrayStream *s, struct ArrowArray *out) {
    scan_stream *st = s->private_data;
    paimon_error *err = &st->error;
    memset(out, 0, sizeof *out);
    for (;;) {
        if (st->remaining == 0) {
            close_split_reader(st);
            out->release = NULL;
            return 0;
        }
        struct ArrowArray batch;
        memset(&batch, 0, sizeof batch); /* released on every error path, filled or not */
        const uint8_t *kinds = NULL;
        int rc = next_raw(st, &batch, &kinds, err);
        if (rc == PAIMON_OK && batch.release == NULL) {
            out->release = NULL;
            return 0;
        }
        if (rc == PAIMON_OK)
            rc = apply_filter(st, &batch, (uint8_t *)kinds, err);
        if (rc != PAIMON_OK) {
            pm_arrow_release(&batch);
            return stream_fail(rc);
        }
        if (batch.length == 0) {
            pm_arrow_release(&batch);
            continue;
        }
        if (st->remaining > 0 && batch.length > st->remaining)
            batch.length = st->remaining; /* children may be longer; consumers use the parent */
        if (st->remaining > 0)
            st->remaining -= batch.length;
        rc = project(st, &batch, kinds, out, err);
        if (rc != PAIMON_OK)
            return stream_fail(rc);
        return 0;
    }
}

static int stream_get_schema(struct ArrowArrayStream *s, struct ArrowSchema *out) {
    scan_stream *st = s->private_data;
    paimon_plan *p = st->plan;
    size_t extra = st->changes ? 1 : 0;
    pm_field *fields = pm_calloc(p->out_count + extra, sizeof *fields);
    if (fields == NULL)
        return ENOMEM;
    pm_type *kind_type = pm_type_new(PM_TYPE_VARCHAR, false);
    if (kind_type == NULL) {
        pm_free(fields);
        return ENOMEM;
    }
    if (st->changes) {
        fields[0].id = 2147483643; /* SpecialFields._ROW_KIND */
        fields[0].name = (char *)"_ROW_KIND";
        fields[0].type = kind_type;
    }
    for (size_t i = 0; i < p->out_count; i++)
        fields[extra + i] = pm_schema_fields(p->schema)[p->out_fields[i]];
    int rc = pm_arrow_schema_for_fields(fields, p->out_count + extra, out, &st->error);
    pm_type_free(kind_type);
    pm_free(fields);
    return rc == PAIMON_OK ? 0 : stream_fail(rc);
}

static const char *stream_get_last_error(struct ArrowArrayStream *s) {
    scan_stream *st = s->private_data;
    return st->error.message[0] ? st->error.message : NULL;
}

static void stream_release(struct ArrowArrayStream *s) {
    if (s->release == NULL)
        return;
    scan_stream *st = s->private_data;
    close_split_reader(st);
    for (size_t i = 0; i < 2; i++) {
        pm_free(st->parts[i].needed);
        pm_free(st->parts[i].out_pos);
        pm_free(st->parts[i].by_field);
    }
    pm_free(st->keep);
    pm_buf_pool_release(st->pool);
    pm_plan_release(st->plan);
    pm_free(st);
    s->release = NULL;
}

/* The fields the readers of one part produce: the output columns, then the columns only the
 * filter reads. */
static int init_part(stream_part *part, const paimon_plan *plan) {
    size_t nfields = pm_schema_field_count(plan->schema);
    part->plan = plan;
    part->needed = pm_calloc(nfields + 1, sizeof *part->needed);
    part->out_pos = pm_calloc(plan->out_count + 1, sizeof *part->out_pos);
    part->by_field = pm_calloc(nfields + 1, sizeof *part->by_field);
    bool *used = pm_calloc(nfields + 1, sizeof *used);
    bool *filter_used = pm_calloc(nfields + 1, sizeof *filter_used);
    if (part->needed == NULL || part->out_pos == NULL || part->by_field == NULL || used == NULL ||
        filter_used == NULL) {
        pm_free(used);
        pm_free(filter_used);
        return PAIMON_ENOMEM;
    }
    for (size_t i = 0; i < plan->out_count; i++) {
        size_t f = plan->out_fields[i];
        if (!used[f]) {
            used[f] = true;
            part->needed[part->needed_count++] = f;
        }
    }
    if (plan->filter != NULL)
        pm_pred_collect_fields(plan->filter, filter_used);
    for (size_t f = 0; f < nfields; f++) {
        if (filter_used[f] && !used[f]) {
            used[f] = true;
            part->needed[part->needed_count++] = f;
        }
    }
    for (size_t i = 0; i < plan->out_count; i++) {
        for (size_t j = 0; j < part->needed_count; j++) {
            if (part->needed[j] == plan->out_fields[i])
                part->out_pos[i] = j;
        }
    }
    pm_free(used);
    pm_free(filter_used);
    return PAIMON_OK;
}

int pm_stream_open(paimon_plan *plan, struct ArrowArrayStream *out, paimon_error *err) {
    scan_stream *st = pm_calloc(1, sizeof *st);
    if (st == NULL)
        return pm_err_nomem(err);
    st->plan = pm_plan_retain(plan);
    st->changes = plan->changes;
    st->remaining = plan->limit < 0 ? -1 : plan->limit;
    const paimon_plan *parts[2];
    st->part_count = pm_plan_parts(plan, parts);
    int rc = pm_buf_pool_new(&st->pool, NULL);
    for (size_t i = 0; i < st->part_count && rc == PAIMON_OK; i++)
        rc = init_part(&st->parts[i], parts[i]);
    if (rc != PAIMON_OK) {
        struct ArrowArrayStream tmp = {NULL, NULL, NULL, stream_release, st};
        stream_release(&tmp);
        return pm_err_nomem(err);
    }
    out->get_schema = stream_get_schema;
    out->get_next = stream_get_next;
    out->get_last_error = stream_get_last_error;
    out->release = stream_release;
    out->private_data = st;
    return PAIMON_OK;
}

int paimon_plan_read(paimon_table *table, const paimon_plan *plan, struct ArrowArrayStream *out,
                     paimon_error *err) {
    /* A plan may read another branch than the table object's (a deserialized split). */
    if (plan == NULL || out == NULL ||
        (table != NULL && table != plan->table && strcmp(table->path, plan->table->path) != 0))
        return pm_err(err, PAIMON_EINVAL, "paimon_plan_read: the plan belongs to another table");
    memset(out, 0, sizeof *out);
    return pm_stream_open((paimon_plan *)plan, out, err);
}

int paimon_table_scan(paimon_table *table, const paimon_scan_options *options,
                      struct ArrowArrayStream *out, paimon_error *err) {
    paimon_plan *plan;
    PM_TRY(paimon_table_plan(table, options, &plan, err));
    int rc = paimon_plan_read(table, plan, out, err);
    pm_plan_release(plan);
    return rc;
}
