/*
 * unit_reader.h - reading one unit of a scan (read_units.h) into output batches: the split or
 * merge reader's rows, filtered by the plan's filter and projected to its output columns (after
 * the row kind column in change streams).
 *
 * A unit reader holds the scratch memory of one thread: a scan reads its units with one unit
 * reader, a parallel scan with one per worker. Readers of one scan may share a buffer pool.
 */
#ifndef PM_TABLE_UNIT_READER_H
#define PM_TABLE_UNIT_READER_H

#include "table/read_units.h"

typedef struct pm_unit_reader pm_unit_reader;

/* A reader of the units of `units` (borrowed), taking buffers from `pool` (may be NULL). */
int pm_unit_reader_new(const pm_read_units *units, pm_buf_pool *pool, pm_unit_reader **out,
                       paimon_error *err);
void pm_unit_reader_free(pm_unit_reader *r);

/* Starts reading `unit` (one of r's units), closing the unit read before. */
int pm_unit_reader_start(pm_unit_reader *r, const pm_read_unit *unit, paimon_error *err);
/* The unit's next output batch, never empty; out->release is NULL at the end of the unit, and
 * once the unit produced `limit` rows (no reader of the scan needs more of it). */
int pm_unit_reader_next(pm_unit_reader *r, struct ArrowArray *out, paimon_error *err);

/* Reads the units one after another from unit *next (advanced as units start); out->release
 * is NULL after the last. */
int pm_unit_reader_next_in_order(pm_unit_reader *r, size_t *next, struct ArrowArray *out,
                                 paimon_error *err);

#endif
