/*
 * data_evolution.h - reading tables with data-evolution.enabled (spec 05 §4): files may hold
 * only some columns (_WRITE_COLS) of a range of rows (_FIRST_ROW_ID, _ROW_COUNT). Files whose row
 * ranges overlap form a group; every column of a group's rows comes from the newest file (highest
 * max sequence number) that wrote it, as Java's DataEvolutionSplitRead does.
 */
#ifndef PM_TABLE_DATA_EVOLUTION_H
#define PM_TABLE_DATA_EVOLUTION_H

#include "table/table_internal.h"

typedef struct pm_evolution_group {
    const paimon_data_file **files; /* newest first */
    size_t count;
} pm_evolution_group;

/* Groups the files of a split by overlapping row ranges, in row order. Files without a first
 * row id form groups of their own. The group arrays are allocated in `arena`. */
int pm_evolution_groups(const paimon_split *split, pm_arena *arena, pm_evolution_group **out,
                        size_t *count_out, paimon_error *err);

/* Reads a group of several files into one batch of the read-schema `fields`. */
int pm_evolution_read_group(paimon_table *t, const pm_schema *read_schema, const size_t *fields,
                            size_t field_count, const pm_evolution_group *g, struct ArrowArray *out,
                            paimon_error *err);

#endif
