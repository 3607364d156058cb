/*
 * scan_stream.c - the ArrowArrayStream of a plan: reads its units (read_units.h) in order,
 * on the caller's thread or on worker threads (parallel_read.h), and stops at the limit.
 *
 * The stream owns a reference to the plan (and through it the table), so callers may free both
 * while the stream is in use.
 */
#include "table/scan_stream.h"

#include "data/arrow_ops.h"
#include "table/parallel_read.h"
#include "table/unit_reader.h"
#include "util/mem.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

typedef struct scan_stream {
    paimon_plan *plan;
    bool changes;
    pm_read_units units;
    pm_unit_reader *reader; /* single-threaded reads: the units in turn */
    size_t next_unit;
    pm_parallel_read *parallel; /* reads on worker threads */
    pm_buf_pool *pool; /* buffers of batches and decoding, shared with the batches handed out */
    int64_t remaining;
    bool ended;
    int failed; /* the errno of the first failure, repeated by later calls */
    paimon_error error;
} scan_stream;

/* ArrowArrayStream callbacks report errno values; the message is in get_last_error. */
static int stream_fail(int rc) {
    switch (rc) {
    case PAIMON_ENOMEM:
        return ENOMEM;
    case PAIMON_EINVAL:
        return EINVAL;
    case PAIMON_ENOTFOUND:
        return ENOENT;
    case PAIMON_EUNSUPPORTED:
        return ENOTSUP;
    default:
        return EIO;
    }
}

/* The end (or the limit) is reached: the readers and workers go at once, not at release. */
static void stop_reading(scan_stream *st) {
    st->ended = true;
    pm_parallel_read_stop(st->parallel);
    st->parallel = NULL;
    pm_unit_reader_free(st->reader);
    st->reader = NULL;
}

static int stream_get_next(struct ArrowArrayStream *s, struct ArrowArray *out) {
    scan_stream *st = s->private_data;
    memset(out, 0, sizeof *out);
    if (st->failed != 0)
        return st->failed;
    if (st->ended)
        return 0;
    int rc = st->parallel != NULL
                 ? pm_parallel_read_next(st->parallel, out, &st->error)
                 : pm_unit_reader_next_in_order(st->reader, &st->next_unit, out, &st->error);
    if (rc != PAIMON_OK) {
        pm_arrow_release(out);
        st->failed = stream_fail(rc);
        return st->failed;
    }
    if (out->release == NULL) {
        stop_reading(st);
        return 0;
    }
    if (st->remaining >= 0) {
        if (out->length > st->remaining)
            out->length = st->remaining; /* children may be longer; consumers use the parent */
        st->remaining -= out->length;
        if (st->remaining == 0)
            stop_reading(st);
    }
    return 0;
}

static int stream_get_schema(struct ArrowArrayStream *s, struct ArrowSchema *out) {
    scan_stream *st = s->private_data;
    paimon_plan *p = st->plan;
    size_t extra = st->changes ? 1 : 0;
    pm_field *fields = pm_calloc(p->out_count + extra, sizeof *fields);
    if (fields == NULL)
        return ENOMEM;
    pm_type *kind_type = pm_type_new(PM_TYPE_VARCHAR, false);
    if (kind_type == NULL) {
        pm_free(fields);
        return ENOMEM;
    }
    if (st->changes) {
        fields[0].id = 2147483643; /* SpecialFields._ROW_KIND */
        fields[0].name = (char *)"_ROW_KIND";
        fields[0].type = kind_type;
    }
    for (size_t i = 0; i < p->out_count; i++)
        fields[extra + i] = pm_schema_fields(p->schema)[p->out_fields[i]];
    int rc = pm_arrow_schema_for_fields(fields, p->out_count + extra, out, &st->error);
    pm_type_free(kind_type);
    pm_free(fields);
    return rc == PAIMON_OK ? 0 : stream_fail(rc);
}

static const char *stream_get_last_error(struct ArrowArrayStream *s) {
    scan_stream *st = s->private_data;
    return st->error.message[0] ? st->error.message : NULL;
}

static void stream_release(struct ArrowArrayStream *s) {
    if (s->release == NULL)
        return;
    scan_stream *st = s->private_data;
    stop_reading(st);
    pm_read_units_dispose(&st->units);
    pm_buf_pool_release(st->pool);
    pm_plan_release(st->plan);
    pm_free(st);
    s->release = NULL;
}

/* Worker threads when the plan asks for them and there is more than one unit to share; a
 * single reader when threads cannot be started. */
static int start_reading(scan_stream *st, paimon_error *err) {
    size_t threads = st->plan->threads;
    if (threads > PM_MAX_SCAN_THREADS)
        threads = PM_MAX_SCAN_THREADS;
    paimon_error ignored;
    if (threads > 1 && st->units.count > 1 &&
        pm_parallel_read_start(&st->units, threads, st->pool, &st->parallel, &ignored) == PAIMON_OK)
        return PAIMON_OK;
    return pm_unit_reader_new(&st->units, st->pool, &st->reader, err);
}

int pm_stream_open(paimon_plan *plan, struct ArrowArrayStream *out, paimon_error *err) {
    scan_stream *st = pm_calloc(1, sizeof *st);
    if (st == NULL)
        return pm_err_nomem(err);
    st->plan = pm_plan_retain(plan);
    st->changes = plan->changes;
    st->remaining = plan->limit < 0 ? -1 : plan->limit;
    st->ended = st->remaining == 0;
    int rc = pm_buf_pool_new(&st->pool, err);
    if (rc == PAIMON_OK)
        rc = pm_read_units_init(&st->units, plan, plan->threads > 1, err);
    if (rc == PAIMON_OK && !st->ended)
        rc = start_reading(st, err);
    if (rc != PAIMON_OK) {
        struct ArrowArrayStream tmp = {NULL, NULL, NULL, stream_release, st};
        stream_release(&tmp);
        return rc;
    }
    out->get_schema = stream_get_schema;
    out->get_next = stream_get_next;
    out->get_last_error = stream_get_last_error;
    out->release = stream_release;
    out->private_data = st;
    return PAIMON_OK;
}

int paimon_plan_read(paimon_table *table, const paimon_plan *plan, struct ArrowArrayStream *out,
                     paimon_error *err) {
    /* A plan may read another branch than the table object's (a deserialized split). */
    if (plan == NULL || out == NULL ||
        (table != NULL && table != plan->table && strcmp(table->path, plan->table->path) != 0))
        return pm_err(err, PAIMON_EINVAL, "paimon_plan_read: the plan belongs to another table");
    memset(out, 0, sizeof *out);
    return pm_stream_open((paimon_plan *)plan, out, err);
}

int paimon_table_scan(paimon_table *table, const paimon_scan_options *options,
                      struct ArrowArrayStream *out, paimon_error *err) {
    paimon_plan *plan;
    PM_TRY(paimon_table_plan(table, options, &plan, err));
    int rc = paimon_plan_read(table, plan, out, err);
    pm_plan_release(plan);
    return rc;
}
