/* read_units.c - cutting a plan's splits into units of work (see read_units.h). */
#include "table/read_units.h"

#include "util/mem.h"

#include <string.h>

static int init_part(pm_scan_part *part, const paimon_plan *plan) {
    size_t nfields = pm_schema_field_count(plan->schema);
    part->plan = plan;
    part->needed = pm_calloc(nfields + 1, sizeof *part->needed);
    part->out_pos = pm_calloc(plan->out_count + 1, sizeof *part->out_pos);
    bool *used = pm_calloc(nfields + 1, sizeof *used);
    bool *filter_used = pm_calloc(nfields + 1, sizeof *filter_used);
    if (part->needed == NULL || part->out_pos == NULL || used == NULL || filter_used == NULL) {
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

static bool needs_merge(const paimon_plan *p) {
    return !p->changes && p->kind.primary_key && !p->kind.skip_level0;
}

/* Data evolution combines files that hold different columns of the same rows. */
static bool whole_split(const paimon_plan *p) {
    return needs_merge(p) || (!p->changes && p->kind.data_evolution);
}

/* A manifest's row count is not trusted to be right: it only decides how a file is cut, and
 * the last slice takes every row group after the others. */
#define MAX_SLICES_PER_FILE 4096

/* How many slices file `f` is read in, each of about `slice_rows` rows (0: not sliced). */
static size_t slices_of(const paimon_data_file *f, int64_t slice_rows) {
    const char *format = pm_data_file_format(f->entry->file.file_name);
    int64_t rows = f->entry->file.row_count;
    if (slice_rows <= 0 || format == NULL || rows <= slice_rows || rows > INT64_MAX / 2 ||
        (strcmp(format, "parquet") != 0 && strcmp(format, "orc") != 0))
        return 1;
    int64_t n = rows / slice_rows + (rows % slice_rows != 0);
    return n > MAX_SLICES_PER_FILE ? MAX_SLICES_PER_FILE : (size_t)n;
}

static size_t units_of_part(const pm_scan_part *part, int64_t slice_rows) {
    const paimon_plan *p = part->plan;
    if (whole_split(p))
        return p->split_count;
    size_t n = 0;
    for (size_t i = 0; i < p->split_count; i++) {
        for (size_t f = 0; f < p->splits[i].file_count; f++)
            n += slices_of(&p->splits[i].files[f], slice_rows);
    }
    return n;
}

/* The units of one file: the whole file, or slices whose ranges partition all positions. */
static void list_file(pm_read_units *u, const pm_scan_part *part, const paimon_split *split,
                      size_t f, int64_t slice_rows) {
    size_t slices = slices_of(&split->files[f], slice_rows);
    int64_t rows = split->files[f].entry->file.row_count;
    int64_t step = rows / (int64_t)slices + (rows % (int64_t)slices != 0);
    for (size_t k = 0; k < slices; k++) {
        pm_read_unit *unit = &u->units[u->count++];
        unit->part = part;
        unit->merge = false;
        unit->split = *split;
        unit->split.files = &split->files[f];
        unit->split.file_count = 1;
        if (slices > 1) {
            unit->range.on = true;
            unit->range.begin = (int64_t)k * step;
            unit->range.end = k + 1 < slices ? (int64_t)(k + 1) * step : INT64_MAX;
        }
    }
}

static void list_units(pm_read_units *u, const pm_scan_part *part, int64_t slice_rows) {
    const paimon_plan *p = part->plan;
    for (size_t i = 0; i < p->split_count; i++) {
        const paimon_split *split = &p->splits[i];
        if (whole_split(p)) {
            pm_read_unit *unit = &u->units[u->count++];
            unit->part = part;
            unit->merge = needs_merge(p);
            unit->split = *split;
            continue;
        }
        for (size_t f = 0; f < split->file_count; f++)
            list_file(u, part, split, f, slice_rows);
    }
}

/* Slices of PM_SLICE_BATCHES batches of the plan's size. */
static int64_t slice_rows_of(const paimon_plan *plan) {
    size_t batch = plan->batch_rows > 0 ? plan->batch_rows : PM_DEFAULT_BATCH_ROWS;
    if (batch > ((size_t)1 << 40))
        batch = (size_t)1 << 40;
    return (int64_t)batch * PM_SLICE_BATCHES;
}

int pm_read_units_init(pm_read_units *u, const paimon_plan *plan, bool sliced, paimon_error *err) {
    memset(u, 0, sizeof *u);
    u->changes = plan->changes;
    u->out_count = plan->out_count;
    u->limit = plan->limit < 0 ? -1 : plan->limit;
    const paimon_plan *parts[2];
    u->part_count = pm_plan_parts(plan, parts);
    int64_t slice_rows = sliced ? slice_rows_of(plan) : 0;
    size_t total = 0;
    for (size_t i = 0; i < u->part_count; i++) {
        if (init_part(&u->parts[i], parts[i]) != PAIMON_OK) {
            pm_read_units_dispose(u);
            return pm_err_nomem(err);
        }
        total += units_of_part(&u->parts[i], slice_rows);
    }
    u->units = pm_calloc(total + 1, sizeof *u->units);
    if (u->units == NULL) {
        pm_read_units_dispose(u);
        return pm_err_nomem(err);
    }
    for (size_t i = 0; i < u->part_count; i++)
        list_units(u, &u->parts[i], slice_rows);
    return PAIMON_OK;
}

void pm_read_units_dispose(pm_read_units *u) {
    for (size_t i = 0; i < 2; i++) {
        pm_free(u->parts[i].needed);
        pm_free(u->parts[i].out_pos);
    }
    pm_free(u->units);
    memset(u, 0, sizeof *u);
}
