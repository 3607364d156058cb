/*
 * buf_pool.h - a cache of large free buffers shared by the producers and the consumers of one
 * scan.
 *
 * A scan hands out a batch, the consumer releases it, and the next batch needs buffers of the
 * same sizes again. Going back to malloc for them costs more than the decoding: the C library
 * returns big freed blocks to the kernel, so every batch and every data file faults fresh
 * zeroed pages in again, and geometric growth copies each column several times. A pool keeps
 * the released buffers and gives them to the next builder that asks for that much room.
 *
 * Arrays exported from builders that have a pool hold a reference to it, so they may be
 * released after the reader (and on another thread: the pool has a lock). Buffers under
 * PM_BUF_POOL_MIN_BYTES are left to malloc; the pool keeps at most PM_BUF_POOL_MAX_BYTES.
 */
#ifndef PM_UTIL_BUF_POOL_H
#define PM_UTIL_BUF_POOL_H

#include "util/buf.h"

#include <stdbool.h>
#include <stddef.h>

#define PM_BUF_POOL_MIN_BYTES 4096
#define PM_BUF_POOL_MAX_BYTES ((size_t)64 << 20)
#define PM_BUF_POOL_MAX_BUFFERS 256

typedef struct pm_buf_pool pm_buf_pool;

/* A new pool with one reference. */
int pm_buf_pool_new(pm_buf_pool **out, paimon_error *err);
/* Reference counting; both accept NULL. The last release frees the cached buffers. */
pm_buf_pool *pm_buf_pool_retain(pm_buf_pool *p);
void pm_buf_pool_release(pm_buf_pool *p);

/* Puts a buffer of at least `min_cap` bytes into *b (which must own no memory), len 0.
 * Returns false, leaving *b empty, when the pool (or p == NULL) has none that fits; a buffer
 * much larger than asked for is not handed out. */
bool pm_buf_pool_take(pm_buf_pool *p, size_t min_cap, pm_buf *b);
/* Gives the memory of *b to the pool (or frees it); *b is left empty. p may be NULL. */
void pm_buf_pool_give(pm_buf_pool *p, pm_buf *b);
/* Makes b hold at least n bytes of capacity, trading it for a larger pooled buffer when one
 * is free, else growing it; the content is not kept and len becomes 0. */
int pm_buf_pool_ensure(pm_buf_pool *p, pm_buf *b, size_t n);

/* Number of buffers and bytes cached (for tests). */
size_t pm_buf_pool_count(pm_buf_pool *p, size_t *bytes_out);

#endif
