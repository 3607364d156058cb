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

static size_t units_of_part(const pm_scan_part *part) {
    const paimon_plan *p = part->plan;
    if (whole_split(p))
        return p->split_count;
    size_t n = 0;
    for (size_t i = 0; i < p->split_count; i++)
        n += p->splits[i].file_count;
    return n;
}

static void list_units(pm_read_units *u, const pm_scan_part *part) {
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
        for (size_t f = 0; f < split->file_count; f++) {
            pm_read_unit *unit = &u->units[u->count++];
            unit->part = part;
            unit->merge = false;
            unit->split = *split;
            unit->split.files = &split->files[f];
            unit->split.file_count = 1;
        }
    }
}

int pm_read_units_init(pm_read_units *u, const paimon_plan *plan, paimon_error *err) {
    memset(u, 0, sizeof *u);
    u->changes = plan->changes;
    u->out_count = plan->out_count;
    u->limit = plan->limit < 0 ? -1 : plan->limit;
    const paimon_plan *parts[2];
    u->part_count = pm_plan_parts(plan, parts);
    size_t total = 0;
    for (size_t i = 0; i < u->part_count; i++) {
        if (init_part(&u->parts[i], parts[i]) != PAIMON_OK) {
            pm_read_units_dispose(u);
            return pm_err_nomem(err);
        }
        total += units_of_part(&u->parts[i]);
    }
    u->units = pm_calloc(total + 1, sizeof *u->units);
    if (u->units == NULL) {
        pm_read_units_dispose(u);
        return pm_err_nomem(err);
    }
    for (size_t i = 0; i < u->part_count; i++)
        list_units(u, &u->parts[i]);
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
