/* unit_reader.c - one unit of a scan, read, filtered and projected (see unit_reader.h). */
#include "table/unit_reader.h"

#include "data/arrow_ops.h"
#include "table/merge_read.h"
#include "table/split_read.h"
#include "util/mem.h"
#include "util/vec.h"

#include <string.h>

struct pm_unit_reader {
    const pm_read_units *units;
    pm_buf_pool *pool;
    const pm_read_unit *unit; /* being read; NULL between units */
    pm_split_reader *split;
    pm_merge_reader *merger;
    int64_t produced; /* rows of the unit handed out */
    uint8_t *keep;
    size_t keep_cap;
    const struct ArrowArray **by_field; /* read-schema field index -> column (for filters) */
    size_t by_field_cap;
};

static const char *const row_kind_names[] = {"+I", "-U", "+U", "-D"};

int pm_unit_reader_new(const pm_read_units *units, pm_buf_pool *pool, pm_unit_reader **out,
                       paimon_error *err) {
    pm_unit_reader *r = pm_calloc(1, sizeof *r);
    if (r == NULL)
        return pm_err_nomem(err);
    r->units = units;
    r->pool = pool;
    for (size_t i = 0; i < units->part_count; i++) {
        size_t n = pm_schema_field_count(units->parts[i].plan->schema);
        if (n > r->by_field_cap)
            r->by_field_cap = n;
    }
    r->by_field = pm_calloc(r->by_field_cap + 1, sizeof *r->by_field);
    if (r->by_field == NULL) {
        pm_free(r);
        return pm_err_nomem(err);
    }
    *out = r;
    return PAIMON_OK;
}

static void close_unit(pm_unit_reader *r) {
    pm_split_reader_close(r->split);
    r->split = NULL;
    pm_merge_reader_close(r->merger);
    r->merger = NULL;
    r->unit = NULL;
}

void pm_unit_reader_free(pm_unit_reader *r) {
    if (r == NULL)
        return;
    close_unit(r);
    pm_free(r->keep);
    pm_free(r->by_field);
    pm_free(r);
}

int pm_unit_reader_start(pm_unit_reader *r, const pm_read_unit *unit, paimon_error *err) {
    close_unit(r);
    r->produced = 0;
    const pm_scan_part *part = unit->part;
    const paimon_plan *p = part->plan;
    if (unit->merge) {
        pm_merge_read_spec spec = {p->table,           p->schema,     &p->kind, part->needed,
                                   part->needed_count, p->batch_rows, r->pool};
        PM_TRY(pm_merge_reader_open(&spec, &unit->split, &r->merger, err));
        r->unit = unit;
        return PAIMON_OK;
    }
    bool changes = r->units->changes;
    pm_split_read_spec spec;
    memset(&spec, 0, sizeof spec);
    spec.table = p->table;
    spec.read_schema = p->schema;
    spec.fields = part->needed;
    spec.field_count = part->needed_count;
    spec.batch_rows = p->batch_rows;
    spec.primary_key = p->kind.primary_key;
    spec.with_row_kind = changes;
    spec.drop_retractions = !changes && p->kind.primary_key;
    spec.apply_deletion_vectors = !changes;
    spec.data_evolution = !changes && p->kind.data_evolution;
    spec.pool = r->pool;
    spec.range = unit->range;
    PM_TRY(pm_split_reader_open(&spec, &unit->split, &r->split, err));
    r->unit = unit;
    return PAIMON_OK;
}

static int apply_filter(pm_unit_reader *r, struct ArrowArray *batch, uint8_t *kinds,
                        paimon_error *err) {
    const pm_scan_part *part = r->unit->part;
    const pm_pred *filter = part->plan->filter;
    if (filter == NULL)
        return PAIMON_OK;
    int64_t n = batch->length;
    void *keep = r->keep;
    if (pm_grow(&keep, &r->keep_cap, (size_t)n, 1) != PAIMON_OK)
        return pm_err_nomem(err);
    r->keep = keep;
    for (size_t j = 0; j < part->needed_count; j++)
        r->by_field[part->needed[j]] = batch->children[j];
    PM_TRY(pm_pred_eval_batch(filter, r->by_field, n, r->keep, err));
    int64_t kept = 0;
    for (int64_t i = 0; i < n; i++)
        kept += r->keep[i];
    if (kept == n)
        return PAIMON_OK;
    struct ArrowArray *cols = pm_calloc(part->needed_count ? part->needed_count : 1, sizeof *cols);
    if (cols == NULL)
        return pm_err_nomem(err);
    int rc = PAIMON_OK;
    size_t done = 0;
    const pm_field *fields = pm_schema_fields(part->plan->schema);
    for (; done < part->needed_count && rc == PAIMON_OK; done++)
        rc = pm_arrow_filter(batch->children[done], fields[part->needed[done]].type, r->keep, kept,
                             &cols[done], err);
    if (rc == PAIMON_OK && kinds != NULL) {
        int64_t w = 0;
        for (int64_t i = 0; i < n; i++) {
            if (r->keep[i])
                kinds[w++] = kinds[i];
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
static int project(pm_unit_reader *r, struct ArrowArray *batch, const uint8_t *kinds,
                   struct ArrowArray *out, paimon_error *err) {
    bool changes = r->units->changes;
    size_t extra = changes ? 1 : 0;
    size_t count = r->units->out_count + extra;
    struct ArrowArray *cols = pm_calloc(count ? count : 1, sizeof *cols);
    if (cols == NULL)
        return pm_err_nomem(err);
    int rc = PAIMON_OK;
    int64_t n = batch->length;
    if (changes) {
        const char **names = pm_malloc((size_t)(n ? n : 1) * sizeof *names);
        if (names == NULL) {
            rc = pm_err_nomem(err);
        } else {
            for (int64_t i = 0; i < n; i++)
                names[i] = row_kind_names[kinds[i] & 3];
            rc = pm_arrow_strings(names, n, &cols[0], err);
            pm_free(names);
        }
    }
    for (size_t i = 0; rc == PAIMON_OK && i < r->units->out_count; i++)
        pm_arrow_take_child(batch, r->unit->part->out_pos[i], &cols[extra + i]);
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

int pm_unit_reader_next(pm_unit_reader *r, struct ArrowArray *out, paimon_error *err) {
    memset(out, 0, sizeof *out);
    int64_t limit = r->units->limit;
    while (r->unit != NULL && (limit < 0 || r->produced < limit)) {
        struct ArrowArray batch;
        memset(&batch, 0, sizeof batch); /* released on every error path, filled or not */
        const uint8_t *kinds = NULL;
        int rc = r->split ? pm_split_reader_next(r->split, &batch, &kinds, err)
                          : pm_merge_reader_next(r->merger, &batch, &kinds, err);
        if (rc == PAIMON_OK && batch.release == NULL)
            break;
        if (rc == PAIMON_OK)
            rc = apply_filter(r, &batch, (uint8_t *)kinds, err);
        if (rc != PAIMON_OK) {
            pm_arrow_release(&batch);
            return rc;
        }
        if (batch.length == 0) {
            pm_arrow_release(&batch);
            continue;
        }
        r->produced += batch.length;
        return project(r, &batch, kinds, out, err);
    }
    close_unit(r);
    out->release = NULL;
    return PAIMON_OK;
}

int pm_unit_reader_next_in_order(pm_unit_reader *r, size_t *next, struct ArrowArray *out,
                                 paimon_error *err) {
    for (;;) {
        if (r->unit == NULL) {
            if (*next >= r->units->count) {
                memset(out, 0, sizeof *out);
                return PAIMON_OK;
            }
            PM_TRY(pm_unit_reader_start(r, &r->units->units[(*next)++], err));
        }
        PM_TRY(pm_unit_reader_next(r, out, err));
        if (out->release != NULL)
            return PAIMON_OK;
    }
}
