/*
 * parquet_writer.c - writing Paimon-typed Arrow batches as a Parquet file (see parquet.h).
 *
 * Batches are cut into slices; each slice is shredded column by column into the leaf writers
 * (flat columns straight from their Arrow buffers, nested ones by walking the type tree), then
 * the buffered size of the open row group is compared with the target. Like parquet-mr, the
 * next check is planned half-way to the row count the target is expected at (between 1 and
 * 10000 rows away; the first after 100 rows).
 *
 * File layout: "PAR1", the row groups (per column: the dictionary page, then the data pages),
 * the FileMetaData footer in Thrift compact encoding, its 4-byte length and "PAR1".
 */
#include "format/parquet/parquet_write.h"

#include "util/mem.h"

#include <string.h>

#define MiB ((size_t)1 << 20)
#define FIRST_CHECK_ROWS 100
#define MAX_CHECK_ROWS 10000

void pm_parquet_write_options_init(pm_parquet_write_options *opts) {
    memset(opts, 0, sizeof *opts);
    opts->codec = PM_CODEC_ZSTD;
    opts->compression_level = 1;
    opts->row_group_size = 128 * MiB;
    opts->page_size = MiB;
    opts->page_row_limit = 20000;
    opts->dictionary_page_size = MiB;
    opts->dictionary = true;
    opts->field_ids = true;
    opts->page_checksums = true;
}

int pm_parquet_writer_new(const pm_field *fields, size_t field_count,
                          const pm_parquet_write_options *opts, pm_parquet_writer **out,
                          paimon_error *err) {
    *out = NULL;
    pm_parquet_writer *w = pm_calloc(1, sizeof *w);
    if (w == NULL)
        return pm_err_nomem(err);
    if (opts != NULL)
        w->opts = *opts;
    else
        pm_parquet_write_options_init(&w->opts);
    pm_parquet_write_options defaults;
    pm_parquet_write_options_init(&defaults);
    if (w->opts.row_group_size == 0)
        w->opts.row_group_size = defaults.row_group_size;
    if (w->opts.page_size == 0)
        w->opts.page_size = defaults.page_size;
    if (w->opts.page_row_limit == 0)
        w->opts.page_row_limit = defaults.page_row_limit;
    if (w->opts.dictionary_page_size == 0)
        w->opts.dictionary_page_size = defaults.dictionary_page_size;
    if (w->opts.dictionary_page_size > 1024 * MiB)
        w->opts.dictionary_page_size = 1024 * MiB; /* entries are located by 32-bit offsets */
    w->pq_codec = pm_pq_codec_to_parquet(w->opts.codec);
    int rc = w->pq_codec >= 0 ? pm_codec_ctx_new(&w->codec_ctx, err)
                              : pm_err(err, PAIMON_EUNSUPPORTED,
                                       "Parquet writer: codec %s has no Parquet equivalent",
                                       pm_codec_name(w->opts.codec));
    if (rc == PAIMON_OK) {
        /* A deep copy of the fields, as the fields of a ROW. */
        pm_type shell = {.id = PM_TYPE_ROW, .fields = (pm_field *)fields,
                         .field_count = field_count};
        if ((w->row = pm_type_clone(&shell)) == NULL)
            rc = pm_err_nomem(err);
    }
    if (rc == PAIMON_OK)
        rc = pm_pqw_schema_build(&w->schema, w->row->fields, w->row->field_count,
                                 w->opts.field_ids, w->opts.dictionary, err);
    if (rc == PAIMON_OK && pm_buf_append(&w->file, "PAR1", 4) != PAIMON_OK)
        rc = pm_err_nomem(err);
    if (rc != PAIMON_OK) {
        pm_parquet_writer_free(w);
        return rc;
    }
    *out = w;
    return PAIMON_OK;
}

/* ---- shredding ---- */

static bool is_map_key(const char *name) {
    size_t n = strlen(name);
    return n >= 4 && strcmp(name + n - 4, ".key") == 0;
}

/* A null (or an empty list / map) at `node`: every leaf below gets one entry at level `def`. */
static int put_nulls(pm_parquet_writer *w, const pm_pqw_node *n, int rep, int def,
                     paimon_error *err) {
    for (size_t k = 0; k < n->leaf_count; k++)
        PM_TRY(pm_pqw_column_null(w, &w->schema.columns[n->first_leaf + k], rep, def, err));
    return PAIMON_OK;
}

static int shred(pm_parquet_writer *w, const pm_pqw_node *n, const struct ArrowArray *a,
                 int64_t i, int rep, int parent_def, paimon_error *err) {
    if (!pm_arrow_is_valid(a, i)) {
        if (!n->nullable)
            return pm_err(err, PAIMON_EINVAL,
                          "Parquet writer: column '%s' is NOT NULL but has a null value%s",
                          n->name, is_map_key(n->name) ? " (Parquet map keys are required)" : "");
        return put_nulls(w, n, rep, parent_def, err);
    }
    switch (n->kind) {
    case PM_PQW_LEAF:
        return pm_pqw_column_value(w, &w->schema.columns[n->first_leaf], rep, a, i, err);
    case PM_PQW_ROW:
        for (size_t k = 0; k < n->child_count; k++)
            PM_TRY(shred(w, &n->children[k], a->children[k], a->offset + i, rep, n->def, err));
        return PAIMON_OK;
    case PM_PQW_LIST:
    case PM_PQW_MAP: {
        const int32_t *off = a->buffers[1];
        int64_t s = off[a->offset + i], e = off[a->offset + i + 1];
        if (s == e)
            return put_nulls(w, n, rep, n->def, err);
        const struct ArrowArray *child = a->children[0];
        for (int64_t j = s; j < e; j++) {
            int r = j == s ? rep : n->rep;
            if (n->kind == PM_PQW_LIST) {
                PM_TRY(shred(w, &n->children[0], child, j, r, n->def + 1, err));
            } else {
                int64_t at = child->offset + j;
                PM_TRY(shred(w, &n->children[0], child->children[0], at, r, n->def + 1, err));
                PM_TRY(shred(w, &n->children[1], child->children[1], at, r, n->def + 1, err));
            }
        }
        return PAIMON_OK;
    }
    }
    return PAIMON_OK;
}

/* ---- row groups ---- */

static size_t buffered(const pm_parquet_writer *w) {
    size_t total = 0;
    for (size_t k = 0; k < w->schema.column_count; k++)
        total += pm_pqw_column_buffered(&w->schema.columns[k]);
    return total;
}

static int flush_row_group(pm_parquet_writer *w, paimon_error *err) {
    if (w->rows == 0)
        return PAIMON_OK;
    size_t ncols = w->schema.column_count;
    if (w->rg_count == w->rg_cap) {
        size_t cap = w->rg_cap ? w->rg_cap * 2 : 4;
        int64_t *rows = pm_realloc_array(w->rg_rows, cap, sizeof *rows);
        if (rows == NULL)
            return pm_err_nomem(err);
        w->rg_rows = rows;
        int64_t *offsets = pm_realloc_array(w->rg_offsets, cap, sizeof *offsets);
        if (offsets == NULL)
            return pm_err_nomem(err);
        w->rg_offsets = offsets;
        pm_pqw_chunk_meta *chunks = pm_realloc_array(w->chunks, cap * (ncols ? ncols : 1),
                                                     sizeof *chunks);
        if (chunks == NULL)
            return pm_err_nomem(err);
        w->chunks = chunks;
        w->rg_cap = cap;
    }
    pm_pqw_chunk_meta *metas = w->chunks + w->rg_count * ncols;
    memset(metas, 0, ncols * sizeof *metas);
    w->rg_offsets[w->rg_count] = w->file_base + (int64_t)w->file.len;
    w->rg_rows[w->rg_count] = w->rows;
    /* Counted before the chunks are written, so that their statistics are released on
     * failure too. */
    w->rg_count++;
    for (size_t k = 0; k < ncols; k++)
        PM_TRY(pm_pqw_column_finish_chunk(w, &w->schema.columns[k], &metas[k], err));
    w->total_rows += w->rows;
    w->rows = 0;
    return PAIMON_OK;
}

static int64_t next_check(const pm_parquet_writer *w) {
    if (w->rows == 0)
        return FIRST_CHECK_ROWS;
    size_t now = buffered(w);
    if (now >= w->opts.row_group_size)
        return 1;
    double per_row = (double)now / (double)w->rows;
    double left = per_row > 0 ? (double)(w->opts.row_group_size - now) / per_row : MAX_CHECK_ROWS;
    double half = left / 2;
    return half < 1 ? 1 : half > MAX_CHECK_ROWS ? MAX_CHECK_ROWS : (int64_t)half;
}

static int write_slice(pm_parquet_writer *w, const struct ArrowArray *batch, int64_t start,
                       int64_t n, paimon_error *err) {
    for (size_t f = 0; f < w->schema.root_count; f++) {
        const pm_pqw_node *node = &w->schema.roots[f];
        const struct ArrowArray *a = batch->children[f];
        if (node->kind == PM_PQW_LEAF) {
            PM_TRY(pm_pqw_column_flat(w, &w->schema.columns[node->first_leaf], a, start, n, err));
            continue;
        }
        for (int64_t i = start; i < start + n; i++)
            PM_TRY(shred(w, node, a, i, 0, 0, err));
    }
    w->rows += n;
    return PAIMON_OK;
}

int pm_parquet_writer_write(pm_parquet_writer *w, const struct ArrowArray *batch,
                            paimon_error *err) {
    if (w->failed || w->finished)
        return pm_err(err, PAIMON_EINVAL, "Parquet writer: write after %s",
                      w->finished ? "finish" : "a failure");
    if ((size_t)batch->n_children != w->schema.root_count)
        return pm_err(err, PAIMON_EINVAL, "Parquet writer: batch has %lld columns, expected %zu",
                      (long long)batch->n_children, w->schema.root_count);
    int64_t done = 0;
    while (done < batch->length) {
        int64_t n = next_check(w);
        if (n > batch->length - done)
            n = batch->length - done;
        int rc = write_slice(w, batch, batch->offset + done, n, err);
        if (rc == PAIMON_OK && buffered(w) >= w->opts.row_group_size)
            rc = flush_row_group(w, err);
        if (rc != PAIMON_OK) {
            w->failed = true;
            return rc;
        }
        done += n;
    }
    return PAIMON_OK;
}

int64_t pm_parquet_writer_row_count(const pm_parquet_writer *w) {
    return w->total_rows + w->rows;
}

uint64_t pm_parquet_writer_estimated_size(const pm_parquet_writer *w) {
    return (uint64_t)w->file_base + (uint64_t)w->file.len + (uint64_t)buffered(w);
}

/* ---- footer ---- */

static void write_encodings(pm_tw *tw, const pm_pqw_column *c, const pm_pqw_chunk_meta *m) {
    bool used[PM_PQ_ENC_BYTE_STREAM_SPLIT + 1] = {false};
    used[PM_PQ_ENC_PLAIN] = m->plain_pages > 0;
    used[PM_PQ_ENC_PLAIN_DICTIONARY] = m->has_dict_encoding;
    used[c->max_def > 0 ? PM_PQ_ENC_RLE : PM_PQ_ENC_BIT_PACKED] = true;
    used[c->max_rep > 0 ? PM_PQ_ENC_RLE : PM_PQ_ENC_BIT_PACKED] = true;
    size_t count = 0;
    for (size_t e = 0; e < sizeof used; e++)
        count += used[e];
    pm_tw_list(tw, 2, PM_TT_I32, count);
    for (size_t e = 0; e < sizeof used; e++) {
        if (used[e])
            pm_tw_elem_i32(tw, (int32_t)e);
    }
}

static void write_encoding_stat(pm_tw *tw, int page_type, int encoding, int32_t count) {
    pm_tw_elem_struct(tw);
    pm_tw_i32(tw, 1, page_type);
    pm_tw_i32(tw, 2, encoding);
    pm_tw_i32(tw, 3, count);
    pm_tw_end(tw);
}

static void write_column_meta(pm_parquet_writer *w, pm_tw *tw, const pm_pqw_column *c,
                              const pm_pqw_chunk_meta *m) {
    pm_tw_struct(tw, 3);
    pm_tw_i32(tw, 1, c->phys);
    write_encodings(tw, c, m);
    pm_tw_list(tw, 3, PM_TT_BINARY, c->path_len);
    for (size_t k = 0; k < c->path_len; k++)
        pm_tw_elem_string(tw, c->path[k]);
    pm_tw_i32(tw, 4, w->pq_codec);
    pm_tw_i64(tw, 5, m->values);
    pm_tw_i64(tw, 6, m->raw_size);
    pm_tw_i64(tw, 7, m->comp_size);
    pm_tw_i64(tw, 9, m->data_offset);
    if (m->dict_offset >= 0)
        pm_tw_i64(tw, 11, m->dict_offset);
    pm_pqw_stats_write(tw, 12, &m->stats, c->order, c->phys, c->legacy_stats);
    size_t kinds = (m->dict_offset >= 0) + (m->dict_pages > 0) + (m->plain_pages > 0);
    pm_tw_list(tw, 13, PM_TT_STRUCT, kinds);
    if (m->dict_offset >= 0)
        write_encoding_stat(tw, PM_PQ_DICTIONARY_PAGE, PM_PQ_ENC_PLAIN_DICTIONARY, 1);
    if (m->dict_pages > 0)
        write_encoding_stat(tw, PM_PQ_DATA_PAGE, PM_PQ_ENC_PLAIN_DICTIONARY, m->dict_pages);
    if (m->plain_pages > 0)
        write_encoding_stat(tw, PM_PQ_DATA_PAGE, PM_PQ_ENC_PLAIN, m->plain_pages);
    pm_tw_end(tw);
}

static void write_row_group(pm_parquet_writer *w, pm_tw *tw, size_t rg) {
    size_t ncols = w->schema.column_count;
    const pm_pqw_chunk_meta *metas = w->chunks + rg * ncols;
    int64_t raw = 0, comp = 0;
    pm_tw_elem_struct(tw);
    pm_tw_list(tw, 1, PM_TT_STRUCT, ncols);
    for (size_t k = 0; k < ncols; k++) {
        pm_tw_elem_struct(tw);
        pm_tw_i64(tw, 2, 0); /* file_offset: deprecated; parquet-mr writes 0 */
        write_column_meta(w, tw, &w->schema.columns[k], &metas[k]);
        pm_tw_end(tw);
        raw += metas[k].raw_size;
        comp += metas[k].comp_size;
    }
    pm_tw_i64(tw, 2, raw);
    pm_tw_i64(tw, 3, w->rg_rows[rg]);
    pm_tw_i64(tw, 5, w->rg_offsets[rg]);
    pm_tw_i64(tw, 6, comp);
    pm_tw_i16(tw, 7, (int16_t)rg);
    pm_tw_end(tw);
}

static int write_footer(pm_parquet_writer *w, paimon_error *err) {
    size_t footer_at = w->file.len;
    pm_tw tw;
    pm_tw_init(&tw, &w->file);
    pm_tw_i32(&tw, 1, 1);
    pm_pqw_schema_write(&tw, &w->schema);
    pm_tw_i64(&tw, 3, w->total_rows);
    pm_tw_list(&tw, 4, PM_TT_STRUCT, w->rg_count);
    for (size_t rg = 0; rg < w->rg_count; rg++)
        write_row_group(w, &tw, rg);
    pm_tw_string(&tw, 6, w->opts.created_by ? w->opts.created_by
                                            : "paimon-c version " PAIMON_VERSION_STRING);
    pm_tw_list(&tw, 7, PM_TT_STRUCT, w->schema.column_count);
    for (size_t k = 0; k < w->schema.column_count; k++) {
        pm_tw_elem_struct(&tw);
        pm_tw_empty_struct(&tw, 1); /* TYPE_ORDER */
        pm_tw_end(&tw);
    }
    pm_tw_end(&tw);
    if (pm_tw_status(&tw) != PAIMON_OK)
        return pm_err_nomem(err);
    uint8_t tail[8];
    size_t len = w->file.len - footer_at;
    tail[0] = (uint8_t)len;
    tail[1] = (uint8_t)(len >> 8);
    tail[2] = (uint8_t)(len >> 16);
    tail[3] = (uint8_t)(len >> 24);
    memcpy(tail + 4, "PAR1", 4);
    PM_TRY_MEM(err, pm_buf_append(&w->file, tail, 8));
    return PAIMON_OK;
}

int pm_parquet_writer_drain(pm_parquet_writer *w, pm_buf *out, paimon_error *err) {
    if (w->file.len > 0 && pm_buf_append(out, w->file.data, w->file.len) != PAIMON_OK)
        return pm_err_nomem(err);
    w->file_base += (int64_t)w->file.len;
    w->file.len = 0;
    return PAIMON_OK;
}

int pm_parquet_writer_finish(pm_parquet_writer *w, pm_buf *out, paimon_error *err) {
    if (w->failed || w->finished)
        return pm_err(err, PAIMON_EINVAL, "Parquet writer: finish after %s",
                      w->finished ? "finish" : "a failure");
    int rc = flush_row_group(w, err);
    if (rc == PAIMON_OK)
        rc = write_footer(w, err);
    if (rc != PAIMON_OK) {
        w->failed = true;
        return rc;
    }
    w->finished = true;
    pm_buf_dispose(out);
    *out = w->file;
    pm_buf_init(&w->file);
    return PAIMON_OK;
}

void pm_parquet_writer_field_stats(const pm_parquet_writer *w, size_t field,
                                   pm_column_stats *out) {
    memset(out, 0, sizeof *out);
    out->min = out->max = pm_datum_null();
    /* Java reads the statistics from the footer's chunks: none without row groups, none for
     * nested columns (their leaves have other paths). */
    if (field >= w->schema.root_count || w->rg_count == 0)
        return;
    const pm_pqw_node *n = &w->schema.roots[field];
    if (n->kind != PM_PQW_LEAF)
        return;
    const pm_pqw_column *c = &w->schema.columns[n->first_leaf];
    pm_pqw_stats_to_column(&c->file_stats, c->order, c->type, out);
}

void pm_parquet_writer_free(pm_parquet_writer *w) {
    if (w == NULL)
        return;
    size_t ncols = w->schema.column_count;
    for (size_t i = 0; i < w->rg_count * ncols; i++)
        pm_pqw_stats_dispose(&w->chunks[i].stats);
    pm_pqw_schema_dispose(&w->schema);
    pm_free(w->chunks);
    pm_free(w->rg_rows);
    pm_free(w->rg_offsets);
    pm_type_free(w->row);
    pm_codec_ctx_free(w->codec_ctx);
    pm_buf_dispose(&w->file);
    pm_free(w);
}
