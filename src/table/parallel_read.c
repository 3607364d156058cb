/*
 * parallel_read.c - worker threads reading the units of a scan, batches handed out in unit
 * order (see parallel_read.h).
 *
 * One mutex guards the claims and the queues; decoding happens outside it. Unit u's batches
 * wait in queues[u % window]: a unit is claimed only when the unit `window` places before it
 * has been read to its end by the consumer, so the queue is free by then.
 *
 * The batches waiting in all queues share one budget rather than a cap per unit: a worker that
 * finished a unit ahead of the consumer goes on with the next one while the budget lasts, so
 * the workers keep busy also when one unit holds more batches than the others. The worker of
 * the consumer's current unit may always queue a few batches beyond the budget: the consumer
 * waits for those, and a budget full of later units must not stop it.
 */
#include "table/parallel_read.h"

#include "data/arrow_ops.h"
#include "table/unit_reader.h"
#include "util/mem.h"

#include <pthread.h>
#include <signal.h>
#include <string.h>

typedef struct unit_queue {
    struct ArrowArray *batches; /* a ring of pr->budget */
    size_t head;
    size_t count;
    bool done; /* read to its end, or failed */
    int rc;
    paimon_error err;
} unit_queue;

typedef struct worker {
    pm_parallel_read *pr;
    pthread_t thread;
    pm_unit_reader *reader;
    paimon_error err;
} worker;

struct pm_parallel_read {
    const pm_read_units *units;
    pthread_mutex_t lock;
    pthread_cond_t work;  /* workers: a unit may be claimed, a queue has room, or stop */
    pthread_cond_t ready; /* the consumer: its unit has a batch or is done */
    unit_queue *queues;
    struct ArrowArray *rings; /* the queues' batches */
    size_t window;
    size_t budget; /* batches queued in all, the current unit's first few aside */
    size_t queued;
    size_t next_claim; /* units before it are claimed */
    size_t current;    /* the unit the consumer reads */
    int64_t rows;      /* rows queued by the claimed units */
    bool failed;       /* a unit failed: the units after it are never read */
    bool stopping;
    worker *workers;
    size_t reader_count; /* workers with a unit reader */
    size_t worker_count; /* workers whose thread runs */
};

static unit_queue *queue_of(pm_parallel_read *pr, size_t unit) {
    return &pr->queues[unit % pr->window];
}

/* Every row of the claimed units comes before the rows of the others: once they hold `limit`
 * rows the others are not needed. */
static bool claims_closed(const pm_parallel_read *pr) {
    int64_t limit = pr->units->limit;
    return pr->next_claim >= pr->units->count || pr->failed || (limit >= 0 && pr->rows >= limit);
}

static bool may_queue(const pm_parallel_read *pr, size_t u, const unit_queue *q) {
    return pr->queued < pr->budget || (u == pr->current && q->count < PM_PARALLEL_QUEUE_BATCHES);
}

/* Reads unit u into its queue; called and returns with the lock not held. */
static void read_unit(worker *w, size_t u) {
    pm_parallel_read *pr = w->pr;
    unit_queue *q = queue_of(pr, u);
    struct ArrowArray batch;
    memset(&batch, 0, sizeof batch);
    int rc = pm_unit_reader_start(w->reader, &pr->units->units[u], &w->err);
    for (;;) {
        if (rc == PAIMON_OK)
            rc = pm_unit_reader_next(w->reader, &batch, &w->err);
        pthread_mutex_lock(&pr->lock);
        if (rc != PAIMON_OK || batch.release == NULL)
            break;
        while (!may_queue(pr, u, q) && !pr->stopping)
            pthread_cond_wait(&pr->work, &pr->lock);
        if (pr->stopping)
            break;
        q->batches[(q->head + q->count) % pr->budget] = batch;
        q->count++;
        pr->queued++;
        pr->rows += batch.length;
        batch.release = NULL;
        if (u == pr->current)
            pthread_cond_signal(&pr->ready);
        pthread_mutex_unlock(&pr->lock);
    }
    q->done = true;
    q->rc = rc;
    if (rc != PAIMON_OK) {
        q->err = w->err;
        pr->failed = true;
    }
    if (u == pr->current)
        pthread_cond_signal(&pr->ready);
    pthread_mutex_unlock(&pr->lock);
    pm_arrow_release(&batch); /* not queued: the scan is stopping */
}

static void *worker_main(void *arg) {
    worker *w = arg;
    pm_parallel_read *pr = w->pr;
    pthread_mutex_lock(&pr->lock);
    for (;;) {
        while (!pr->stopping && !claims_closed(pr) && pr->next_claim >= pr->current + pr->window)
            pthread_cond_wait(&pr->work, &pr->lock);
        if (pr->stopping || claims_closed(pr))
            break;
        size_t u = pr->next_claim++;
        unit_queue *q = queue_of(pr, u);
        q->head = q->count = 0;
        q->done = false;
        q->rc = PAIMON_OK;
        pthread_mutex_unlock(&pr->lock);
        read_unit(w, u);
        pthread_mutex_lock(&pr->lock);
    }
    pthread_mutex_unlock(&pr->lock);
    return NULL;
}

int pm_parallel_read_next(pm_parallel_read *pr, struct ArrowArray *out, paimon_error *err) {
    memset(out, 0, sizeof *out);
    int rc = PAIMON_OK;
    pthread_mutex_lock(&pr->lock);
    for (;;) {
        size_t u = pr->current;
        if (u >= pr->units->count || (u >= pr->next_claim && claims_closed(pr)))
            break; /* the end, or the limit reached */
        unit_queue *q = queue_of(pr, u);
        if (u < pr->next_claim && q->count > 0) {
            pthread_cond_broadcast(&pr->work); /* workers may wait for room */
            *out = q->batches[q->head];
            q->head = (q->head + 1) % pr->budget;
            q->count--;
            pr->queued--;
            break;
        }
        if (u < pr->next_claim && q->done) {
            if (q->rc != PAIMON_OK) {
                rc = q->rc;
                if (err != NULL)
                    *err = q->err;
                break;
            }
            pr->current++;
            pthread_cond_broadcast(&pr->work); /* the window moved */
            continue;
        }
        pthread_cond_wait(&pr->ready, &pr->lock);
    }
    pthread_mutex_unlock(&pr->lock);
    return rc;
}

/* Workers take no signals: the application's handlers run on its own threads. */
static int start_worker(worker *w) {
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int rc = pthread_create(&w->thread, NULL, worker_main, w);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return rc;
}

static void free_parallel_read(pm_parallel_read *pr) {
    for (size_t i = 0; i < pr->window; i++) {
        unit_queue *q = &pr->queues[i];
        for (size_t k = 0; k < q->count; k++)
            pm_arrow_release(&q->batches[(q->head + k) % pr->budget]);
    }
    pm_free(pr->rings);
    for (size_t i = 0; i < pr->reader_count; i++)
        pm_unit_reader_free(pr->workers[i].reader);
    pthread_cond_destroy(&pr->ready);
    pthread_cond_destroy(&pr->work);
    pthread_mutex_destroy(&pr->lock);
    pm_free(pr->workers);
    pm_free(pr->queues);
    pm_free(pr);
}

void pm_parallel_read_stop(pm_parallel_read *pr) {
    if (pr == NULL)
        return;
    pthread_mutex_lock(&pr->lock);
    pr->stopping = true;
    pthread_cond_broadcast(&pr->work);
    pthread_mutex_unlock(&pr->lock);
    for (size_t i = 0; i < pr->worker_count; i++)
        pthread_join(pr->workers[i].thread, NULL);
    free_parallel_read(pr);
}

static int init_sync(pm_parallel_read *pr) {
    if (pthread_mutex_init(&pr->lock, NULL) != 0)
        return -1;
    if (pthread_cond_init(&pr->work, NULL) != 0) {
        pthread_mutex_destroy(&pr->lock);
        return -1;
    }
    if (pthread_cond_init(&pr->ready, NULL) != 0) {
        pthread_cond_destroy(&pr->work);
        pthread_mutex_destroy(&pr->lock);
        return -1;
    }
    return 0;
}

int pm_parallel_read_start(const pm_read_units *units, size_t threads, pm_buf_pool *pool,
                           pm_parallel_read **out, paimon_error *err) {
    if (threads > units->count)
        threads = units->count;
    if (threads == 0)
        return pm_err(err, PAIMON_EINVAL, "parallel read: nothing to read");
    pm_parallel_read *pr = pm_calloc(1, sizeof *pr);
    if (pr == NULL)
        return pm_err_nomem(err);
    if (init_sync(pr) != 0) {
        pm_free(pr);
        return pm_err(err, PAIMON_ENOMEM, "parallel read: cannot create a mutex or condition");
    }
    pr->units = units;
    pr->window = 2 * threads;
    pr->budget = PM_PARALLEL_QUEUE_BATCHES * pr->window;
    pr->queues = pm_calloc(pr->window, sizeof *pr->queues);
    pr->rings = pm_calloc(pr->window * pr->budget, sizeof *pr->rings);
    pr->workers = pm_calloc(threads, sizeof *pr->workers);
    int rc = pr->queues != NULL && pr->rings != NULL && pr->workers != NULL ? PAIMON_OK
                                                                            : pm_err_nomem(err);
    for (size_t i = 0; rc == PAIMON_OK && i < pr->window; i++)
        pr->queues[i].batches = &pr->rings[i * pr->budget];
    for (size_t i = 0; i < threads && rc == PAIMON_OK; i++) {
        pr->workers[i].pr = pr;
        rc = pm_unit_reader_new(units, pool, &pr->workers[i].reader, err);
        if (rc == PAIMON_OK)
            pr->reader_count++;
    }
    for (size_t i = 0; i < pr->reader_count && rc == PAIMON_OK; i++) {
        if (start_worker(&pr->workers[i]) != 0)
            break; /* fewer workers then */
        pr->worker_count++;
    }
    if (rc == PAIMON_OK && pr->worker_count == 0)
        rc = pm_err(err, PAIMON_ENOMEM, "parallel read: cannot start a thread");
    if (rc != PAIMON_OK) {
        pm_parallel_read_stop(pr);
        return rc;
    }
    *out = pr;
    return PAIMON_OK;
}
