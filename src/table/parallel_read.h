/*
 * parallel_read.h - reading the units of a scan (read_units.h) on worker threads, handing the
 * batches out in the order a single reader produces them.
 *
 * Workers claim units in order and read each into a queue of its own; the consumer takes the
 * batches of the oldest unit first. Memory stays bounded: units are claimed at most a window
 * of 2 * threads ahead of the unit the consumer reads, and workers wait while the queues hold
 * PM_PARALLEL_QUEUE_BATCHES * 2 * threads batches in all (the worker of the consumer's unit
 * may add PM_PARALLEL_QUEUE_BATCHES more). Once the units claimed produced `limit` rows no
 * further unit is claimed. A worker's error is handed out, with its message, where the single
 * reader would have met it: after the batches of the units before.
 */
#ifndef PM_TABLE_PARALLEL_READ_H
#define PM_TABLE_PARALLEL_READ_H

#include "table/read_units.h"

#define PM_PARALLEL_QUEUE_BATCHES 4

typedef struct pm_parallel_read pm_parallel_read;

/* Starts up to `threads` workers over `units` (borrowed until pm_parallel_read_stop), taking
 * buffers from `pool` (may be NULL). Fails when no thread can be started. */
int pm_parallel_read_start(const pm_read_units *units, size_t threads, pm_buf_pool *pool,
                           pm_parallel_read **out, paimon_error *err);
/* The next batch in order; out->release is NULL after the last. */
int pm_parallel_read_next(pm_parallel_read *pr, struct ArrowArray *out, paimon_error *err);
/* Stops the workers (each finishes the batch it is decoding), joins them and releases the
 * batches not handed out. Accepts NULL. */
void pm_parallel_read_stop(pm_parallel_read *pr);

#endif
