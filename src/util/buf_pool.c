/* buf_pool.c - a locked list of free buffers (see buf_pool.h). */
#include "util/buf_pool.h"

#include "util/mem.h"

#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

struct pm_buf_pool {
    pthread_mutex_t lock;
    atomic_long refs;
    size_t count;
    size_t bytes;
    pm_buf items[PM_BUF_POOL_MAX_BUFFERS];
};

/* Critical sections are a few dozen instructions, but the workers of a parallel scan may
 * outnumber the cores: a spin lock would spin through the time slice of a preempted holder. An
 * uncontended mutex costs the same atomic instruction. */
static void lock(pm_buf_pool *p) { pthread_mutex_lock(&p->lock); }

static void unlock(pm_buf_pool *p) { pthread_mutex_unlock(&p->lock); }

int pm_buf_pool_new(pm_buf_pool **out, paimon_error *err) {
    pm_buf_pool *p = pm_calloc(1, sizeof *p);
    if (p == NULL)
        return pm_err_nomem(err);
    if (pthread_mutex_init(&p->lock, NULL) != 0) {
        pm_free(p);
        return pm_err(err, PAIMON_ENOMEM, "buffer pool: cannot create a mutex");
    }
    atomic_init(&p->refs, 1);
    *out = p;
    return PAIMON_OK;
}

pm_buf_pool *pm_buf_pool_retain(pm_buf_pool *p) {
    if (p != NULL)
        atomic_fetch_add_explicit(&p->refs, 1, memory_order_relaxed);
    return p;
}

void pm_buf_pool_release(pm_buf_pool *p) {
    if (p == NULL || atomic_fetch_sub_explicit(&p->refs, 1, memory_order_acq_rel) != 1)
        return;
    for (size_t i = 0; i < p->count; i++)
        pm_buf_dispose(&p->items[i]);
    pthread_mutex_destroy(&p->lock);
    pm_free(p);
}

/* A buffer is handed out for requests from a quarter of its size up: growth doubles
 * capacities, so a buffer that served a batch was up to twice as large as the batch, and the
 * next batch may be somewhat smaller. Much larger ones would pin memory smaller requests do
 * not touch while large requests went to malloc. */
static bool fits(size_t cap, size_t want) {
    return cap >= want && cap / 4 <= want + PM_BUF_POOL_MIN_BYTES;
}

bool pm_buf_pool_take(pm_buf_pool *p, size_t min_cap, pm_buf *b) {
    if (p == NULL || min_cap < PM_BUF_POOL_MIN_BYTES / 2)
        return false;
    lock(p);
    size_t best = SIZE_MAX;
    for (size_t i = 0; i < p->count; i++) {
        size_t cap = p->items[i].cap;
        if (fits(cap, min_cap) && (best == SIZE_MAX || cap < p->items[best].cap))
            best = i;
    }
    if (best != SIZE_MAX) {
        *b = p->items[best];
        b->len = 0;
        p->bytes -= b->cap;
        p->count--;
        memmove(&p->items[best], &p->items[best + 1], (p->count - best) * sizeof p->items[0]);
    }
    unlock(p);
    return best != SIZE_MAX;
}

void pm_buf_pool_give(pm_buf_pool *p, pm_buf *b) {
    if (p == NULL || b->data == NULL || b->cap < PM_BUF_POOL_MIN_BYTES ||
        b->cap > PM_BUF_POOL_MAX_BYTES) {
        pm_buf_dispose(b);
        return;
    }
    /* Over the budget, the buffers cached longest go: sizes the scan still uses come back
     * soon. They are freed outside the lock. */
    pm_buf evicted[8];
    size_t n_evicted = 0;
    bool kept = false;
    lock(p);
    while (n_evicted < 8 && p->count > 0 &&
           (p->count == PM_BUF_POOL_MAX_BUFFERS || p->bytes + b->cap > PM_BUF_POOL_MAX_BYTES)) {
        evicted[n_evicted++] = p->items[0];
        p->bytes -= p->items[0].cap;
        p->count--;
        memmove(&p->items[0], &p->items[1], p->count * sizeof p->items[0]);
    }
    if (p->count < PM_BUF_POOL_MAX_BUFFERS && p->bytes + b->cap <= PM_BUF_POOL_MAX_BYTES) {
        p->items[p->count++] = *b;
        p->bytes += b->cap;
        kept = true;
    }
    unlock(p);
    for (size_t i = 0; i < n_evicted; i++)
        pm_buf_dispose(&evicted[i]);
    if (kept)
        pm_buf_init(b);
    else
        pm_buf_dispose(b);
}

int pm_buf_pool_ensure(pm_buf_pool *p, pm_buf *b, size_t n) {
    b->len = 0;
    if (n <= b->cap)
        return PAIMON_OK;
    pm_buf_pool_give(p, b); /* the old content need not be copied into a larger block */
    if (pm_buf_pool_take(p, n, b))
        return PAIMON_OK;
    return pm_buf_reserve(b, n); /* a power of two: pages past n are never touched */
}

size_t pm_buf_pool_count(pm_buf_pool *p, size_t *bytes_out) {
    lock(p);
    size_t n = p->count;
    if (bytes_out != NULL)
        *bytes_out = p->bytes;
    unlock(p);
    return n;
}
