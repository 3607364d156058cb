/*
 * parquet_reader.c - pm_parquet_reader_open: the footer, row-group selection and the batch
 * loop of the Parquet pm_format_reader.
 *
 * Layout of a file: "PAR1", column chunks, the Thrift FileMetaData, its length (4 bytes LE),
 * "PAR1". The reader reads the footer once, plans the requested columns, then per row group
 * asks the skip callback, loads the chunks of the requested leaves (one pread each) and decodes
 * batches that never cross a row group, so row positions stay exact.
 */
#include "format/parquet/parquet.h"

#include "format/parquet/parquet_assemble.h"
#include "format/parquet/parquet_stats.h"
#include "util/mem.h"

#include <string.h>

#define FOOTER_MAX_BYTES (256u << 20)

typedef struct pq_reader {
    pm_format_reader base;
    pm_file *file;
    char *path;
    uint64_t file_size;
    pm_buf footer;
    pm_pq_file_meta meta;
    bool meta_ok;
    pm_pq_schema schema;
    bool schema_ok;
    pm_pq_plan plan;
    pm_codec_ctx *ctx;
    pm_buf_pool *pool;  /* a reference, or NULL */
    size_t batch_rows;
    pm_skip_fn skip;
    void *skip_ctx;
    pm_row_range range;
    pm_column_stats *stats;
    struct ArrowArray *children;
    size_t rg;          /* current row group */
    int64_t rg_first;   /* file position of its first row */
    int64_t rg_pos;     /* rows of it already returned */
    bool rg_open;
    int failed;         /* status of an earlier failure; later calls repeat it */
} pq_reader;

/* ---- footer ---- */

static int read_footer(pm_file *file, uint64_t size, pm_buf *footer, paimon_error *err) {
    uint8_t tail[8], head[4];
    if (size < 12)
        return pm_err(err, PAIMON_ECORRUPT, "file of %llu bytes is too small for Parquet",
                      (unsigned long long)size);
    PM_TRY(pm_file_pread(file, size - 8, tail, 8, err));
    if (memcmp(tail + 4, "PARE", 4) == 0)
        return pm_err(err, PAIMON_EUNSUPPORTED, "encrypted Parquet footers are not supported");
    if (memcmp(tail + 4, "PAR1", 4) != 0)
        return pm_err(err, PAIMON_ECORRUPT, "no Parquet magic at the end of the file");
    PM_TRY(pm_file_pread(file, 0, head, 4, err));
    if (memcmp(head, "PAR1", 4) != 0)
        return pm_err(err, PAIMON_ECORRUPT, "no Parquet magic at the start of the file");
    uint32_t len = pm_load_le32(tail);
    if (len == 0 || (uint64_t)len > size - 12 || len > FOOTER_MAX_BYTES)
        return pm_err(err, PAIMON_ECORRUPT, "footer length %u does not fit a file of %llu bytes",
                      len, (unsigned long long)size);
    if (pm_buf_resize(footer, len) != PAIMON_OK)
        return pm_err_nomem(err);
    return pm_file_pread(file, size - 8 - len, footer->data, len, err);
}

/* Footer, metadata and schema tree, with the row groups checked against the schema. */
static int open_meta(pm_file *file, pm_buf *footer, pm_pq_file_meta *meta, bool *meta_ok,
                     pm_pq_schema *schema, bool *schema_ok, paimon_error *err) {
    uint64_t size = pm_file_size(file);
    PM_TRY(read_footer(file, size, footer, err));
    PM_TRY(pm_pq_file_meta_decode(footer->data, footer->len, meta, err));
    *meta_ok = true;
    PM_TRY(pm_pq_schema_build(meta, schema, err));
    *schema_ok = true;
    int64_t total = 0;
    for (size_t i = 0; i < meta->row_group_count; i++) {
        const pm_pq_row_group *rg = &meta->row_groups[i];
        if (rg->column_count != schema->leaf_count)
            return pm_err(err, PAIMON_ECORRUPT, "row group %zu has %zu column chunks for %zu "
                                                "columns", i, rg->column_count, schema->leaf_count);
        if (rg->num_rows > INT64_MAX - total)
            return pm_err(err, PAIMON_ECORRUPT, "row counts overflow");
        total += rg->num_rows;
    }
    return PAIMON_OK;
}

/* ---- the reader ---- */

static void reader_close(pm_format_reader *base) {
    pq_reader *r = (pq_reader *)base;
    pm_pq_plan_dispose(&r->plan);
    if (r->schema_ok)
        pm_pq_schema_dispose(&r->schema);
    if (r->meta_ok)
        pm_pq_file_meta_dispose(&r->meta);
    pm_buf_dispose(&r->footer);
    pm_codec_ctx_free(r->ctx);
    pm_buf_pool_release(r->pool);
    pm_free(r->stats);
    pm_free(r->children);
    pm_file_close(r->file);
    pm_free(r->path);
    pm_free(r);
}

static int64_t reader_row_count(pm_format_reader *base) {
    return ((pq_reader *)base)->meta.num_rows;
}

static int fail(pq_reader *r, int rc, paimon_error *err) {
    r->failed = rc;
    return pm_err_prefix(err, "%s: ", r->path);
}

/* Asks the skip callback about the current row group. */
static bool skip_group(pq_reader *r, const pm_pq_row_group *rg) {
    if (r->skip == NULL)
        return false;
    for (size_t i = 0; i < r->plan.field_count; i++)
        pm_pq_field_stats(&r->meta, &r->plan, i, rg, &r->stats[i]);
    return r->skip(r->skip_ctx, r->stats, r->plan.field_count, rg->num_rows);
}

/* Moves to the next row group with rows that is not skipped and loads its chunks; false at
 * the end of the file. */
static int open_group(pq_reader *r, bool *got, paimon_error *err) {
    *got = false;
    while (r->rg < r->meta.row_group_count) {
        const pm_pq_row_group *rg = &r->meta.row_groups[r->rg];
        if (rg->num_rows == 0 || !pm_row_range_takes(&r->range, r->rg_first) ||
            skip_group(r, rg)) {
            r->rg_first += rg->num_rows;
            r->rg++;
            continue;
        }
        for (size_t i = 0; i < r->plan.leaf_count; i++) {
            pm_pq_leaf *leaf = &r->plan.leaves[i];
            int rc = pm_pq_leaf_open_chunk(leaf, r->file, r->file_size, &rg->columns[leaf->column],
                                           err);
            if (rc != PAIMON_OK)
                return pm_err_prefix(err, "row group %zu: ", r->rg);
        }
        r->rg_pos = 0;
        r->rg_open = true;
        *got = true;
        return PAIMON_OK;
    }
    return PAIMON_OK;
}

static int read_batch(pq_reader *r, size_t rows, paimon_error *err) {
    for (size_t i = 0; i < r->plan.field_count; i++)
        pm_col_clear(&r->plan.cols[i]);
    for (size_t i = 0; i < r->plan.leaf_count; i++) {
        pm_pq_leaf *leaf = &r->plan.leaves[i];
        if (pm_pq_leaf_read(leaf, rows, r->ctx, err) != PAIMON_OK)
            return pm_err_prefix(err, "row group %zu: column '%s': ", r->rg, leaf->name);
    }
    for (size_t i = 0; i < r->plan.field_count; i++) {
        if (pm_pq_assemble(&r->plan, i, rows, err) != PAIMON_OK)
            return pm_err_prefix(err, "row group %zu: column '%s': ", r->rg,
                                 r->plan.fields[i].name);
    }
    return PAIMON_OK;
}

static int reader_next(pm_format_reader *base, struct ArrowArray *out, int64_t *first_row_out,
                       paimon_error *err) {
    pq_reader *r = (pq_reader *)base;
    memset(out, 0, sizeof *out);
    if (r->failed != PAIMON_OK)
        return pm_err(err, r->failed, "%s: reader failed earlier", r->path);
    if (!r->rg_open) {
        bool got;
        int rc = open_group(r, &got, err);
        if (rc != PAIMON_OK)
            return fail(r, rc, err);
        if (!got) {
            out->release = NULL;
            return PAIMON_OK;
        }
    }
    const pm_pq_row_group *rg = &r->meta.row_groups[r->rg];
    int64_t left = rg->num_rows - r->rg_pos;
    size_t rows = (uint64_t)left < r->batch_rows ? (size_t)left : r->batch_rows;
    int rc = read_batch(r, rows, err);
    if (rc != PAIMON_OK)
        return fail(r, rc, err);
    size_t n = r->plan.field_count;
    for (size_t i = 0; i < n; i++) {
        rc = pm_col_finish(&r->plan.cols[i], &r->children[i], err);
        if (rc != PAIMON_OK) {
            for (size_t j = 0; j < i; j++)
                r->children[j].release(&r->children[j]);
            return fail(r, rc, err);
        }
    }
    rc = pm_arrow_struct_from_children(r->children, n, (int64_t)rows, out, err);
    if (rc != PAIMON_OK)
        return fail(r, rc, err);
    *first_row_out = r->rg_first + r->rg_pos;
    r->rg_pos += (int64_t)rows;
    if (r->rg_pos == rg->num_rows) {
        r->rg_open = false;
        r->rg_first += rg->num_rows;
        r->rg++;
    }
    return PAIMON_OK;
}

static const pm_format_reader_ops reader_ops = {reader_next, reader_row_count, reader_close};

int pm_parquet_reader_open(pm_file *file, const char *path, const pm_read_options *opts,
                           pm_format_reader **out, paimon_error *err) {
    *out = NULL;
    pq_reader *r = pm_calloc(1, sizeof *r);
    char *p = pm_strdup(path != NULL ? path : "(parquet)");
    if (r == NULL || p == NULL) {
        pm_free(r);
        pm_free(p);
        pm_file_close(file);
        return pm_err_nomem(err);
    }
    r->base.ops = &reader_ops;
    r->file = file;
    r->path = p;
    r->file_size = pm_file_size(file);
    r->batch_rows = opts->batch_rows > 0 ? opts->batch_rows : PM_DEFAULT_BATCH_ROWS;
    r->skip = opts->skip;
    r->skip_ctx = opts->skip_ctx;
    r->range = opts->range;
    int rc = open_meta(file, &r->footer, &r->meta, &r->meta_ok, &r->schema, &r->schema_ok, err);
    if (rc == PAIMON_OK)
        rc = pm_pq_plan_build(&r->schema, opts->fields, opts->field_count, &r->plan, err);
    if (rc == PAIMON_OK && opts->pool != NULL) {
        r->pool = pm_buf_pool_retain(opts->pool);
        for (size_t i = 0; i < r->plan.field_count; i++)
            pm_col_set_pool(&r->plan.cols[i], r->pool);
        for (size_t i = 0; i < r->plan.leaf_count; i++)
            r->plan.leaves[i].pool = r->pool;
    }
    if (rc == PAIMON_OK)
        rc = pm_codec_ctx_new(&r->ctx, err);
    if (rc == PAIMON_OK && opts->field_count > 0) {
        r->stats = pm_calloc(opts->field_count, sizeof *r->stats);
        r->children = pm_calloc(opts->field_count, sizeof *r->children);
        if (r->stats == NULL || r->children == NULL)
            rc = pm_err_nomem(err);
    }
    if (rc != PAIMON_OK) {
        pm_err_prefix(err, "%s: ", r->path);
        reader_close(&r->base);
        return rc;
    }
    *out = &r->base;
    return PAIMON_OK;
}

int pm_parquet_read_fields(pm_file *file, const char *path, pm_field **out, size_t *count,
                           paimon_error *err) {
    pm_buf footer = PM_BUF_INIT;
    pm_pq_file_meta meta;
    pm_pq_schema schema;
    bool meta_ok = false, schema_ok = false;
    *out = NULL;
    *count = 0;
    int rc = open_meta(file, &footer, &meta, &meta_ok, &schema, &schema_ok, err);
    if (rc == PAIMON_OK)
        rc = pm_pq_schema_to_fields(&schema, out, count, err);
    if (rc != PAIMON_OK)
        pm_err_prefix(err, "%s: ", path != NULL ? path : "(parquet)");
    if (schema_ok)
        pm_pq_schema_dispose(&schema);
    if (meta_ok)
        pm_pq_file_meta_dispose(&meta);
    pm_buf_dispose(&footer);
    return rc;
}

void pm_parquet_fields_free(pm_field *fields, size_t count) { pm_pq_fields_free(fields, count); }
