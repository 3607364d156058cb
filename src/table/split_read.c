/* split_read.c - file-by-file reading of a split (no merge). */
#include "table/split_read.h"

#include "data/arrow_ops.h"
#include "table/data_evolution.h"
#include "table/file_read.h"
#include "util/mem.h"

#include <string.h>

struct pm_split_reader {
    pm_split_read_spec spec;
    const paimon_split *split;
    /* Data evolution: groups of files that hold the same rows. */
    pm_arena arena;
    pm_evolution_group *groups;
    size_t group_count;
    size_t next_file; /* the next file, or the next group with data evolution */
    pm_file_reader *file;
    bool with_kind_column;
    uint8_t *kinds;
    uint8_t *keep;
    size_t scratch_cap;
};

int pm_split_reader_open(const pm_split_read_spec *spec, const paimon_split *split,
                         pm_split_reader **out, paimon_error *err) {
    pm_split_reader *r = pm_calloc(1, sizeof *r);
    if (r == NULL)
        return pm_err_nomem(err);
    r->spec = *spec;
    r->split = split;
    r->with_kind_column = spec->primary_key && (spec->with_row_kind || spec->drop_retractions);
    pm_arena_init(&r->arena, 4096);
    if (spec->data_evolution) {
        int rc = pm_evolution_groups(split, &r->arena, &r->groups, &r->group_count, err);
        if (rc != PAIMON_OK) {
            pm_split_reader_close(r);
            return rc;
        }
    }
    *out = r;
    return PAIMON_OK;
}

void pm_split_reader_close(pm_split_reader *r) {
    if (r == NULL)
        return;
    pm_file_reader_close(r->file);
    pm_arena_dispose(&r->arena);
    pm_free(r->kinds);
    pm_free(r->keep);
    pm_free(r);
}

static int ensure_scratch(pm_split_reader *r, int64_t n, paimon_error *err) {
    if ((size_t)n <= r->scratch_cap)
        return PAIMON_OK;
    uint8_t *kinds = pm_realloc(r->kinds, (size_t)n);
    if (kinds == NULL)
        return pm_err_nomem(err);
    r->kinds = kinds;
    uint8_t *keep = pm_realloc(r->keep, (size_t)n);
    if (keep == NULL)
        return pm_err_nomem(err);
    r->keep = keep;
    r->scratch_cap = (size_t)n;
    return PAIMON_OK;
}

/* Splits off the kind column, drops retractions if asked; *out gets the data columns only. */
static int finish_batch(pm_split_reader *r, struct ArrowArray *batch, struct ArrowArray *out,
                        paimon_error *err) {
    int64_t n = batch->length;
    PM_TRY(ensure_scratch(r, n, err));
    size_t fields = r->spec.field_count;
    int64_t kept = n;
    if (r->with_kind_column) {
        const struct ArrowArray *k = batch->children[fields];
        const uint8_t *kinds = (const uint8_t *)k->buffers[1] + k->offset;
        kept = 0;
        for (int64_t i = 0; i < n; i++) {
            r->kinds[i] = kinds[i] & 3;
            r->keep[i] = !(r->spec.drop_retractions && (kinds[i] == 1 || kinds[i] == 3));
            kept += r->keep[i];
        }
    } else {
        memset(r->kinds, 0, (size_t)n);
    }
    struct ArrowArray *cols = pm_calloc(fields ? fields : 1, sizeof *cols);
    if (cols == NULL)
        return pm_err_nomem(err);
    int rc = PAIMON_OK;
    size_t done = 0;
    for (; done < fields && rc == PAIMON_OK; done++) {
        if (kept == n) {
            pm_arrow_take_child(batch, done, &cols[done]);
            continue;
        }
        const pm_type *t = pm_schema_fields(r->spec.read_schema)[r->spec.fields[done]].type;
        rc = pm_arrow_filter(batch->children[done], t, r->keep, kept, &cols[done], err);
    }
    if (rc != PAIMON_OK) {
        for (size_t i = 0; i + 1 < done; i++)
            pm_arrow_release(&cols[i]);
        pm_free(cols);
        return rc;
    }
    if (kept != n) {
        int64_t w = 0;
        for (int64_t i = 0; i < n; i++) {
            if (r->keep[i])
                r->kinds[w++] = r->kinds[i];
        }
    }
    rc = pm_arrow_struct_from_children(cols, fields, kept, out, err);
    pm_free(cols);
    return rc;
}

static int open_file(pm_split_reader *r, const paimon_data_file *f, paimon_error *err) {
    pm_file_read_spec fs;
    memset(&fs, 0, sizeof fs);
    fs.table = r->spec.table;
    fs.read_schema = r->spec.read_schema;
    fs.fields = r->spec.fields;
    fs.field_count = r->spec.field_count;
    fs.batch_rows = r->spec.batch_rows;
    fs.with_value_kind = r->with_kind_column;
    fs.apply_deletion_vector = r->spec.apply_deletion_vectors;
    fs.pool = r->spec.pool;
    fs.range = r->spec.range;
    return pm_file_reader_open(&fs, f, &r->file, err);
}

int pm_split_reader_next(pm_split_reader *r, struct ArrowArray *out, const uint8_t **kinds_out,
                         paimon_error *err) {
    out->release = NULL;
    *kinds_out = NULL;
    for (;;) {
        if (r->file == NULL && r->spec.data_evolution) {
            if (r->next_file >= r->group_count)
                return PAIMON_OK;
            const pm_evolution_group *g = &r->groups[r->next_file++];
            if (g->count > 1) {
                PM_TRY(ensure_scratch(r, g->files[0]->entry->file.row_count, err));
                PM_TRY(pm_evolution_read_group(r->spec.table, r->spec.read_schema, r->spec.fields,
                                               r->spec.field_count, g, out, err));
                memset(r->kinds, 0, (size_t)out->length);
                *kinds_out = r->kinds;
                if (out->length > 0)
                    return PAIMON_OK;
                pm_arrow_release(out);
                continue;
            }
            PM_TRY(open_file(r, g->files[0], err));
        }
        if (r->file == NULL) {
            if (r->next_file >= r->split->file_count)
                return PAIMON_OK;
            PM_TRY(open_file(r, &r->split->files[r->next_file++], err));
        }
        struct ArrowArray batch;
        PM_TRY(pm_file_reader_next(r->file, &batch, err));
        if (batch.release == NULL) {
            pm_file_reader_close(r->file);
            r->file = NULL;
            continue;
        }
        int rc = finish_batch(r, &batch, out, err);
        pm_arrow_release(&batch);
        PM_TRY(rc);
        if (out->length > 0) {
            *kinds_out = r->kinds;
            return PAIMON_OK;
        }
        pm_arrow_release(out);
    }
}
