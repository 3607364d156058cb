/*
 * orc_reader.c - pm_orc_reader_open: the ORC implementation of pm_format_reader.
 *
 * The reader walks stripes in order. For each stripe that the skip callback keeps it reads the
 * stripe footer, loads (and decompresses) only the streams of the requested columns, and hands
 * out batches of at most batch_rows rows that never cross the stripe's end, so row positions are
 * the stripe's first row plus the offset within it.
 */
#include "format/orc/orc.h"

#include "format/orc/orc_column.h"
#include "format/orc/orc_footer.h"
#include "format/orc/orc_stats.h"
#include "format/orc/orc_tz.h"
#include "util/mem.h"

#include <string.h>

#define STREAM_KINDS 6 /* PRESENT .. SECONDARY: the kinds columns read */

typedef struct orc_reader {
    pm_format_reader base;
    pm_file *file;
    char *path;
    pm_codec_ctx *codec;
    pm_buf_pool *pool; /* a reference, or NULL */
    pm_orc_tail tail;
    pm_field *fields; /* deep copies of the requested fields */
    size_t field_count;
    pm_orc_column *cols;
    pm_col *builders;
    struct ArrowArray *arrays;
    size_t batch_rows;
    pm_skip_fn skip;
    void *skip_ctx;
    pm_row_range range;
    pm_column_stats *stats;

    size_t stripe;         /* next stripe to open, or the open one */
    bool in_stripe;
    uint64_t rows_left;    /* in the open stripe */
    int64_t position;      /* file row of the next batch */
    int64_t *stripe_first; /* first row of each stripe */
    bool failed;

    pm_arena stripe_arena;
    pm_orc_stripe_footer footer;
    int32_t *stream_index; /* type_count x STREAM_KINDS -> index in footer.streams, or -1 */
    pm_orc_tz tz;
    bool tz_loaded;
    pm_buf raw;
} orc_reader;

static int64_t orc_row_count(pm_format_reader *base) {
    return (int64_t)((orc_reader *)base)->tail.row_count;
}

static void orc_close(pm_format_reader *base) {
    orc_reader *r = (orc_reader *)base;
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->field_count; i++) {
        if (r->cols != NULL) {
            /* The stream buffers of top-level columns serve the next file of the scan. */
            pm_orc_column *c = &r->cols[i];
            for (size_t b = 0; b < PM_ORC_BUF_COUNT; b++)
                pm_buf_pool_give(r->pool, &c->bufs[b]);
            pm_buf_pool_give(r->pool, &c->valid);
            pm_buf_pool_give(r->pool, &c->scratch);
            pm_buf_pool_give(r->pool, &c->scratch2);
            pm_orc_column_dispose(c);
        }
        if (r->builders != NULL && r->builders[i].type != NULL)
            pm_col_dispose(&r->builders[i]);
        if (r->fields != NULL)
            pm_field_dispose(&r->fields[i]);
    }
    pm_free(r->cols);
    pm_free(r->builders);
    pm_free(r->arrays);
    pm_free(r->fields);
    pm_free(r->stats);
    pm_free(r->stripe_first);
    pm_free(r->stream_index);
    pm_arena_dispose(&r->stripe_arena);
    pm_orc_tz_dispose(&r->tz);
    pm_buf_pool_give(r->pool, &r->raw);
    pm_orc_tail_dispose(&r->tail);
    pm_codec_ctx_free(r->codec);
    pm_buf_pool_release(r->pool);
    pm_file_close(r->file);
    pm_free(r->path);
    pm_free(r);
}

/* ---- stripes ---- */

/* An upper bound of a compressed stream's decoded size from its chunk headers (each chunk
 * decodes to at most one block), so the buffer is sized once; malformed headers end the walk
 * (decompression reports them). Capped at 32 times the stream: a hostile file of empty chunk
 * headers must not make us reserve gigabytes up front (larger output still grows as needed). */
static size_t decoded_bound(const orc_reader *r, const uint8_t *data, size_t len) {
    size_t cap = len <= pm_orc_stream_limit() / 32 ? len * 32 : pm_orc_stream_limit();
    size_t pos = 0, bound = 0;
    while (len - pos >= 3) {
        uint32_t h = (uint32_t)data[pos] | ((uint32_t)data[pos + 1] << 8) |
                     ((uint32_t)data[pos + 2] << 16);
        size_t n = h >> 1;
        pos += 3;
        if (n > len - pos)
            break;
        bound += (h & 1) ? n : (size_t)r->tail.block_size;
        if (bound > cap)
            return cap;
        pos += n;
    }
    return bound;
}

static int load_stream(void *ctx, uint32_t column, uint32_t kind, pm_buf *dst, bool *found,
                       paimon_error *err) {
    orc_reader *r = ctx;
    *found = false;
    dst->len = 0;
    if (kind >= STREAM_KINDS || column >= r->tail.type_count)
        return PAIMON_OK;
    int32_t idx = r->stream_index[(size_t)column * STREAM_KINDS + kind];
    if (idx < 0)
        return PAIMON_OK;
    *found = true;
    const pm_orc_stream_info *s = &r->footer.streams[idx];
    const pm_orc_stripe_info *si = &r->tail.stripes[r->stripe];
    if (s->length > pm_orc_stream_limit())
        return pm_err(err, PAIMON_ELIMIT, "stream of %llu bytes exceeds the limit",
                      (unsigned long long)s->length);
    size_t len = (size_t)s->length;
    uint64_t at = si->offset + s->offset;
    if (r->tail.compression == PM_ORC_COMP_NONE) {
        PM_TRY_MEM(err, pm_buf_pool_ensure(r->pool, dst, len));
        dst->len = len;
        return pm_file_pread(r->file, at, dst->data, len, err);
    }
    PM_TRY_MEM(err, pm_buf_pool_ensure(r->pool, &r->raw, len));
    r->raw.len = len;
    PM_TRY(pm_file_pread(r->file, at, r->raw.data, len, err));
    PM_TRY_MEM(err, pm_buf_pool_ensure(r->pool, dst, decoded_bound(r, r->raw.data, len)));
    int rc = pm_orc_decompress(&r->tail, r->codec, r->raw.data, len, dst, err);
    if (rc != PAIMON_OK)
        return pm_err_prefix(err, "column %u stream %u: ", column, kind);
    return PAIMON_OK;
}

static int open_stripe_tz(orc_reader *r, paimon_error *err) {
    const char *name = r->footer.writer_timezone;
    if (name == NULL)
        name = "UTC";
    if (r->tz_loaded && strcmp(r->tz.name, name) == 0)
        return PAIMON_OK;
    pm_orc_tz_dispose(&r->tz);
    r->tz_loaded = false;
    PM_TRY(pm_orc_tz_load(name, &r->tz, err));
    r->tz_loaded = true;
    return PAIMON_OK;
}

static bool needs_timezone(const orc_reader *r) {
    for (size_t i = 0; i < r->tail.type_count; i++) {
        if (r->tail.types[i].kind == PM_ORC_TIMESTAMP)
            return true;
    }
    return false;
}

static int open_stripe(orc_reader *r, paimon_error *err) {
    pm_arena_dispose(&r->stripe_arena);
    pm_arena_init(&r->stripe_arena, 4096);
    PM_TRY(pm_orc_stripe_footer_read(&r->tail, r->file, r->codec, r->stripe, &r->stripe_arena,
                                     &r->footer, err));
    size_t cells = r->tail.type_count * STREAM_KINDS;
    for (size_t i = 0; i < cells; i++)
        r->stream_index[i] = -1;
    for (size_t i = 0; i < r->footer.stream_count; i++) {
        const pm_orc_stream_info *s = &r->footer.streams[i];
        if (s->kind < STREAM_KINDS && s->column < r->tail.type_count && i <= INT32_MAX)
            r->stream_index[(size_t)s->column * STREAM_KINDS + s->kind] = (int32_t)i;
    }
    const pm_orc_tz *tz = NULL;
    if (needs_timezone(r)) {
        PM_TRY(open_stripe_tz(r, err));
        tz = &r->tz;
    }
    for (size_t i = 0; i < r->field_count; i++) {
        int rc = pm_orc_column_start_stripe(&r->cols[i], &r->footer, tz, load_stream, r, err);
        if (rc != PAIMON_OK)
            return pm_err_prefix(err, "stripe %zu: ", r->stripe);
    }
    r->in_stripe = true;
    r->rows_left = r->tail.stripes[r->stripe].row_count;
    r->position = r->stripe_first[r->stripe];
    return PAIMON_OK;
}

static int should_skip(orc_reader *r, bool *skip, paimon_error *err) {
    *skip = false;
    if (r->skip == NULL)
        return PAIMON_OK;
    PM_TRY(pm_orc_tail_load_stripe_stats(&r->tail, r->file, r->codec, err));
    if (r->tail.stripe_stats == NULL)
        return PAIMON_OK;
    uint64_t rows = r->tail.stripes[r->stripe].row_count;
    const pm_orc_stats *ss = r->tail.stripe_stats + r->stripe * r->tail.type_count;
    for (size_t i = 0; i < r->field_count; i++) {
        pm_column_stats *cs = &r->stats[i];
        const pm_orc_column *c = &r->cols[i];
        if (c->orc_id < 0) {
            memset(cs, 0, sizeof *cs);
            cs->min = pm_datum_null();
            cs->max = pm_datum_null();
            cs->has_null_count = true;
            cs->null_count = (int64_t)rows;
            continue;
        }
        pm_orc_stats_convert(&ss[c->orc_id], c->otype, c->target, rows, cs);
    }
    *skip = r->skip(r->skip_ctx, r->stats, r->field_count, (int64_t)rows);
    return PAIMON_OK;
}

/* ---- batches ---- */

static int read_batch(orc_reader *r, struct ArrowArray *out, int64_t *first_row_out,
                      paimon_error *err) {
    for (;;) {
        if (r->in_stripe)
            break;
        if (r->stripe >= r->tail.stripe_count) {
            memset(out, 0, sizeof *out);
            out->release = NULL;
            return PAIMON_OK;
        }
        if (r->tail.stripes[r->stripe].row_count == 0 ||
            !pm_row_range_takes(&r->range, r->stripe_first[r->stripe])) {
            r->stripe++;
            continue;
        }
        bool skip;
        PM_TRY(should_skip(r, &skip, err));
        if (skip) {
            r->stripe++;
            continue;
        }
        PM_TRY(open_stripe(r, err));
    }
    size_t n = r->rows_left < r->batch_rows ? (size_t)r->rows_left : r->batch_rows;
    for (size_t i = 0; i < r->field_count; i++) {
        int rc = pm_orc_column_read(&r->cols[i], &r->builders[i], n, NULL, err);
        if (rc != PAIMON_OK)
            return pm_err_prefix(err, "stripe %zu: ", r->stripe);
    }
    size_t done = 0;
    int rc = PAIMON_OK;
    for (; done < r->field_count && rc == PAIMON_OK; done++)
        rc = pm_col_finish(&r->builders[done], &r->arrays[done], err);
    if (rc == PAIMON_OK)
        rc = pm_arrow_struct_from_children(r->arrays, r->field_count, (int64_t)n, out, err);
    if (rc != PAIMON_OK) {
        for (size_t i = 0; i < done; i++) {
            if (r->arrays[i].release != NULL)
                r->arrays[i].release(&r->arrays[i]);
        }
        return rc;
    }
    *first_row_out = r->position;
    r->position += (int64_t)n;
    r->rows_left -= n;
    if (r->rows_left == 0) {
        r->in_stripe = false;
        r->stripe++;
    }
    return PAIMON_OK;
}

static int orc_next(pm_format_reader *base, struct ArrowArray *out, int64_t *first_row_out,
                    paimon_error *err) {
    orc_reader *r = (orc_reader *)base;
    memset(out, 0, sizeof *out);
    if (r->failed)
        return pm_err(err, PAIMON_EINVAL, "%s: reading after an earlier error", r->path);
    int rc = read_batch(r, out, first_row_out, err);
    if (rc != PAIMON_OK) {
        /* Decoder state is unknown after a failure: the reader refuses further batches, and
         * the builders are left as they are until close disposes of them. */
        r->failed = true;
        return pm_err_prefix(err, "%s: ", r->path);
    }
    return PAIMON_OK;
}

static const pm_format_reader_ops orc_ops = {orc_next, orc_row_count, orc_close};

/* ---- opening ---- */

static int setup(orc_reader *r, const pm_read_options *opts, paimon_error *err) {
    PM_TRY(pm_codec_ctx_new(&r->codec, err));
    PM_TRY(pm_orc_tail_read(r->file, r->codec, &r->tail, err));
    size_t nf = opts->field_count;
    r->batch_rows = opts->batch_rows ? opts->batch_rows : PM_DEFAULT_BATCH_ROWS;
    r->skip = opts->skip;
    r->skip_ctx = opts->skip_ctx;
    r->range = opts->range;
    r->pool = pm_buf_pool_retain(opts->pool);
    r->fields = pm_calloc(nf ? nf : 1, sizeof *r->fields);
    r->cols = pm_calloc(nf ? nf : 1, sizeof *r->cols);
    r->builders = pm_calloc(nf ? nf : 1, sizeof *r->builders);
    r->arrays = pm_calloc(nf ? nf : 1, sizeof *r->arrays);
    r->stats = pm_calloc(nf ? nf : 1, sizeof *r->stats);
    r->stripe_first = pm_calloc(r->tail.stripe_count + 1, sizeof *r->stripe_first);
    r->stream_index = pm_calloc(r->tail.type_count * STREAM_KINDS, sizeof *r->stream_index);
    if (r->fields == NULL || r->cols == NULL || r->builders == NULL || r->arrays == NULL ||
        r->stats == NULL || r->stripe_first == NULL || r->stream_index == NULL)
        return pm_err_nomem(err);
    r->field_count = nf;
    for (size_t i = 0; i < nf; i++) {
        if (pm_field_copy(&r->fields[i], &opts->fields[i]) != PAIMON_OK)
            return pm_err_nomem(err);
        const pm_field *f = &r->fields[i];
        int64_t id = pm_orc_struct_child(&r->tail, 0, f->name);
        PM_TRY(pm_orc_column_build(&r->cols[i], &r->tail, id, f->type, f->name, 1, err));
        PM_TRY(pm_col_init(&r->builders[i], f->type, err));
        pm_col_set_pool(&r->builders[i], r->pool);
    }
    int64_t row = 0;
    for (size_t i = 0; i < r->tail.stripe_count; i++) {
        r->stripe_first[i] = row;
        row += (int64_t)r->tail.stripes[i].row_count;
    }
    r->stripe_first[r->tail.stripe_count] = row;
    pm_arena_init(&r->stripe_arena, 4096);
    return PAIMON_OK;
}

int pm_orc_reader_open(pm_file *file, const char *path, const pm_read_options *opts,
                       pm_format_reader **out, paimon_error *err) {
    *out = NULL;
    orc_reader *r = pm_calloc(1, sizeof *r);
    if (r == NULL) {
        pm_file_close(file);
        return pm_err_nomem(err);
    }
    r->base.ops = &orc_ops;
    r->file = file;
    r->path = pm_strdup(path != NULL ? path : "(orc)");
    int rc = r->path == NULL ? pm_err_nomem(err) : setup(r, opts, err);
    if (rc != PAIMON_OK) {
        pm_err_prefix(err, "%s: ", path != NULL ? path : "(orc)");
        orc_close(&r->base);
        return rc;
    }
    *out = &r->base;
    return PAIMON_OK;
}

int pm_orc_reader_open_buffer(const uint8_t *data, size_t len, const char *path,
                              const pm_read_options *opts, pm_format_reader **out,
                              paimon_error *err) {
    pm_file *f;
    int rc = pm_orc_mem_file_new(data, len, &f, err);
    if (rc != PAIMON_OK)
        return pm_err_prefix(err, "%s: ", path);
    return pm_orc_reader_open(f, path, opts, out, err);
}
