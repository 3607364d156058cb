/*
 * parquet_write_column.c - one leaf column of the Parquet writer: its entries (levels and
 * values) are collected into data pages v1, the pages of a row group into a column chunk.
 *
 * Pages end at row boundaries: before an entry that starts a row, the open page is closed when
 * it holds page_row_limit rows or about page_size bytes. A page is
 *   [repetition levels][definition levels][values]
 * with each level section behind a 4-byte length (only for max levels > 0), compressed as a
 * whole, behind a PageHeader with the sizes and the CRC-32 of the compressed bytes.
 *
 * Dictionary encoding follows parquet-mr's v1 writer: values go to the chunk's dictionary and
 * pages store RLE/bit-packed entry numbers (encoding PLAIN_DICTIONARY) until either
 *  - the dictionary grows past dictionary_page_size: the open page is re-encoded PLAIN, and so
 *    is the rest of the chunk; the dictionary page keeps the entries earlier pages use; or
 *  - the chunk's first page does not shrink (indices + dictionary >= PLAIN size): the chunk is
 *    written PLAIN without a dictionary.
 * The dictionary page precedes the data pages in the file, so data pages are buffered until
 * the chunk ends.
 */
#include "format/parquet/parquet_write.h"

#include "data/arrow_builder.h"
#include "format/parquet/parquet_encode.h"
#include "util/crc32.h"
#include "util/endian.h"
#include "util/mem.h"
#include "util/timeutil.h"

#include <string.h>

#define JULIAN_EPOCH_DAY 2440588
#define MILLIS_PER_DAY 86400000LL

/* Appends to a buffer with the capacity check inline (the per-value paths are hot). */
static inline int put_raw(pm_buf *b, const void *p, size_t n) {
    if (n == 0)
        return PAIMON_OK;
    if (b->cap - b->len < n && pm_buf_reserve(b, n) != PAIMON_OK)
        return PAIMON_ENOMEM;
    memcpy(b->data + b->len, p, n);
    b->len += n;
    return PAIMON_OK;
}

static inline int put_u8(pm_buf *b, uint8_t v) {
    if (b->len == b->cap && pm_buf_reserve(b, 1) != PAIMON_OK)
        return PAIMON_ENOMEM;
    b->data[b->len++] = v;
    return PAIMON_OK;
}

static inline int bits_for(size_t max) {
    return max == 0 ? 0 : 64 - __builtin_clzll((unsigned long long)max);
}

/* ---- pages ---- */

static size_t page_estimate(const pm_pqw_column *c) {
    if (c->entries == 0)
        return 0;
    size_t bytes = 0;
    if (c->dict_active) {
        size_t n = c->indices.len / 4;
        bytes = 1 + (n * (size_t)bits_for(c->dict.count) + 7) / 8;
    } else {
        bytes = c->source == PM_PQW_SRC_BOOL ? (c->values.len + 7) / 8 : c->values.len;
    }
    if (c->max_def > 0)
        bytes += (c->entries * (size_t)bits_for((size_t)c->max_def) + 7) / 8;
    if (c->max_rep > 0)
        bytes += (c->entries * (size_t)bits_for((size_t)c->max_rep) + 7) / 8;
    return bytes;
}

size_t pm_pqw_column_buffered(const pm_pqw_column *c) {
    return c->pages.len + c->dict.plain.len + page_estimate(c);
}

/* The open page's values as PLAIN instead of dictionary entries; the chunk continues PLAIN and
 * its dictionary keeps the entries of the flushed pages. */
static int fall_back(pm_pqw_column *c) {
    size_t n = c->indices.len / 4;
    c->values.len = 0;
    for (size_t k = 0; k < n; k++) {
        uint32_t e;
        memcpy(&e, c->indices.data + k * 4, 4);
        size_t len;
        const uint8_t *v = pm_pq_dict_value(&c->dict, e, &len);
        if (c->width == 0) {
            uint8_t prefix[4];
            pm_store_le32(prefix, (uint32_t)len);
            PM_TRY(pm_buf_append(&c->values, prefix, 4));
        }
        if (len > 0)
            PM_TRY(pm_buf_append(&c->values, v, len));
    }
    c->indices.len = 0;
    c->dict_active = false;
    pm_pq_dict_truncate(&c->dict, c->dict_used);
    return PAIMON_OK;
}

static int put_header(pm_parquet_writer *w, pm_buf *out, int type, size_t raw_len,
                      const pm_buf *payload, const pm_pqw_column *c, int32_t values,
                      bool dict_encoded) {
    pm_tw tw;
    pm_tw_init(&tw, out);
    pm_tw_i32(&tw, 1, type);
    pm_tw_i32(&tw, 2, (int32_t)raw_len);
    pm_tw_i32(&tw, 3, (int32_t)payload->len);
    if (w->opts.page_checksums)
        pm_tw_i32(&tw, 4, (int32_t)pm_crc32(0, payload->data, payload->len));
    if (type == PM_PQ_DICTIONARY_PAGE) {
        pm_tw_struct(&tw, 7);
        pm_tw_i32(&tw, 1, values);
        pm_tw_i32(&tw, 2, PM_PQ_ENC_PLAIN_DICTIONARY);
    } else {
        pm_tw_struct(&tw, 5);
        pm_tw_i32(&tw, 1, values);
        pm_tw_i32(&tw, 2, dict_encoded ? PM_PQ_ENC_PLAIN_DICTIONARY : PM_PQ_ENC_PLAIN);
        /* parquet-mr names BIT_PACKED for levels that are absent (max level 0). */
        pm_tw_i32(&tw, 3, c->max_def > 0 ? PM_PQ_ENC_RLE : PM_PQ_ENC_BIT_PACKED);
        pm_tw_i32(&tw, 4, c->max_rep > 0 ? PM_PQ_ENC_RLE : PM_PQ_ENC_BIT_PACKED);
    }
    pm_tw_end(&tw);
    pm_tw_end(&tw);
    return pm_tw_status(&tw);
}

/* Compresses c->raw into the payload of a page (c->raw itself when uncompressed). */
static int compress_page(pm_parquet_writer *w, pm_pqw_column *c, const pm_buf **payload,
                         paimon_error *err) {
    if (c->raw.len > INT32_MAX)
        return pm_err(err, PAIMON_ELIMIT, "Parquet writer: column '%s': a page of %zu bytes",
                      c->name, c->raw.len);
    if (w->opts.codec == PM_CODEC_NONE) {
        *payload = &c->raw;
        return PAIMON_OK;
    }
    c->comp.len = 0;
    PM_TRY(pm_compress_append(w->codec_ctx, w->opts.codec, w->opts.compression_level,
                              c->raw.data ? c->raw.data : (const uint8_t *)"", c->raw.len,
                              &c->comp, err));
    if (c->comp.len > INT32_MAX)
        return pm_err(err, PAIMON_ELIMIT, "Parquet writer: column '%s': a page of %zu bytes",
                      c->name, c->comp.len);
    *payload = &c->comp;
    return PAIMON_OK;
}

int pm_pqw_column_flush_page(pm_parquet_writer *w, pm_pqw_column *c, paimon_error *err) {
    if (c->entries == 0)
        return PAIMON_OK;
    pm_buf *raw = &c->raw;
    raw->len = 0;
    int rc = PAIMON_OK;
    if (c->max_rep > 0)
        rc |= pm_pq_levels_append(raw, c->reps.data, c->entries, c->max_rep);
    if (c->max_def > 0)
        rc |= pm_pq_levels_append(raw, c->defs.data, c->entries, c->max_def);
    if (rc != PAIMON_OK)
        return pm_err_nomem(err);
    size_t values_at = raw->len;
    bool dict = c->dict_active;
    if (dict) {
        int bw = c->dict.count > 0 ? pm_pq_bit_width((uint32_t)c->dict.count - 1) : 0;
        PM_TRY_MEM(err, pm_buf_append_byte(raw, (uint8_t)bw));
        PM_TRY_MEM(err, pm_pq_hybrid_append(raw, c->indices.data, 4, c->indices.len / 4, bw));
        if (c->first_page && raw->len - values_at + c->dict.plain.len >= c->plain_bytes) {
            /* The dictionary does not pay for itself on the first page: no dictionary. */
            raw->len = values_at;
            c->dict_used = 0;
            PM_TRY_MEM(err, fall_back(c));
            dict = false;
        }
    }
    if (!dict) {
        if (c->source == PM_PQW_SRC_BOOL)
            rc = pm_pq_bools_append(raw, c->values.data, c->values.len);
        else if (c->values.len > 0)
            rc = pm_buf_append(raw, c->values.data, c->values.len);
        if (rc != PAIMON_OK)
            return pm_err_nomem(err);
    }
    const pm_buf *payload;
    PM_TRY(compress_page(w, c, &payload, err));
    size_t start = c->pages.len;
    PM_TRY_MEM(err, put_header(w, &c->pages, PM_PQ_DATA_PAGE, raw->len, payload, c,
                               (int32_t)c->entries, dict));
    size_t header_len = c->pages.len - start;
    if (payload->len > 0)
        PM_TRY_MEM(err, pm_buf_append(&c->pages, payload->data, payload->len));
    c->chunk_values += (int64_t)c->entries;
    c->chunk_raw += (int64_t)(header_len + raw->len);
    if (dict) {
        c->dict_pages_written++;
        c->dict_used = c->dict.count;
    } else {
        c->plain_pages_written++;
    }
    PM_TRY_MEM(err, pm_pqw_stats_merge(&c->chunk_stats, &c->page_stats, c->order));
    pm_pqw_stats_reset(&c->page_stats);
    c->first_page = false;
    c->entries = c->rows = c->plain_bytes = 0;
    c->defs.len = c->reps.len = c->values.len = c->indices.len = 0;
    return PAIMON_OK;
}

/* ---- entries ---- */

static inline int start_entry(pm_parquet_writer *w, pm_pqw_column *c, int rep, int def,
                              paimon_error *err) {
    if (rep == 0) {
        if (c->entries > 0 && (c->rows >= w->opts.page_row_limit ||
                               page_estimate(c) >= w->opts.page_size))
            PM_TRY(pm_pqw_column_flush_page(w, c, err));
        c->rows++;
    }
    if (c->max_rep > 0)
        PM_TRY_MEM(err, put_u8(&c->reps, (uint8_t)rep));
    if (c->max_def > 0)
        PM_TRY_MEM(err, put_u8(&c->defs, (uint8_t)def));
    c->entries++;
    return PAIMON_OK;
}

int pm_pqw_column_null(pm_parquet_writer *w, pm_pqw_column *c, int rep, int def,
                       paimon_error *err) {
    PM_TRY(start_entry(w, c, rep, def, err));
    c->page_stats.nulls++;
    return PAIMON_OK;
}

/* Adds the PLAIN bytes of one value (without the BYTE_ARRAY length) to the page. */
static inline int put_bytes(pm_parquet_writer *w, pm_pqw_column *c, const uint8_t *p,
                            size_t n) {
    /* parquet-mr counts binaries (INT96 included) with a 4-byte length. */
    c->plain_bytes += c->width > 0 && c->phys != PM_PQ_INT96 ? c->width : 4 + n;
    if (c->dict_active) {
        uint32_t e;
        PM_TRY(pm_pq_dict_put(&c->dict, p, n, &e));
        PM_TRY(put_raw(&c->indices, &e, 4));
        if (c->dict.plain.len > w->opts.dictionary_page_size)
            return fall_back(c);
        return PAIMON_OK;
    }
    if (c->width == 0) {
        uint8_t prefix[4];
        pm_store_le32(prefix, (uint32_t)n);
        PM_TRY(put_raw(&c->values, prefix, 4));
    }
    return put_raw(&c->values, p, n);
}

static inline int put_int32(pm_parquet_writer *w, pm_pqw_column *c, int32_t v) {
    uint8_t b[4];
    pm_store_le32(b, (uint32_t)v);
    pm_pqw_stats_int(&c->page_stats, v);
    return put_bytes(w, c, b, 4);
}

static inline int put_int64(pm_parquet_writer *w, pm_pqw_column *c, int64_t v) {
    uint8_t b[8];
    pm_store_le64(b, (uint64_t)v);
    pm_pqw_stats_int(&c->page_stats, v);
    return put_bytes(w, c, b, 8);
}

/* INT96 as Java writes it: nanoseconds of the day, then the Julian day, both from the epoch
 * millisecond with truncating division (so instants before 1970 get a negative time of day). */
static int put_int96(pm_parquet_writer *w, pm_pqw_column *c, int64_t nanos) {
    int64_t millis = pm_floor_div(nanos, 1000000);
    int64_t nano_of_milli = nanos - millis * 1000000;
    int32_t day = (int32_t)(millis / MILLIS_PER_DAY + JULIAN_EPOCH_DAY);
    int64_t nanos_of_day = (millis % MILLIS_PER_DAY) * 1000000 + nano_of_milli;
    uint8_t b[12];
    pm_store_le64(b, (uint64_t)nanos_of_day);
    pm_store_le32(b + 8, (uint32_t)day);
    PM_TRY(pm_pqw_stats_bytes(&c->page_stats, c->order, b, 12));
    return put_bytes(w, c, b, 12);
}

/* PAIMON_OK, PAIMON_ENOMEM, or PAIMON_EINVAL for a decimal beyond its precision. */
static inline int put_value(pm_parquet_writer *w, pm_pqw_column *c,
                            const struct ArrowArray *a, int64_t i) {
    int64_t at = a->offset + i;
    const uint8_t *data = a->buffers[1];
    switch (c->source) {
    case PM_PQW_SRC_BOOL: {
        uint8_t v = (uint8_t)pm_bit_get(data, at);
        pm_pqw_stats_int(&c->page_stats, v);
        return put_u8(&c->values, v);
    }
    case PM_PQW_SRC_I8: return put_int32(w, c, (int8_t)data[at]);
    case PM_PQW_SRC_I16: return put_int32(w, c, (int16_t)pm_load_le16(data + at * 2));
    case PM_PQW_SRC_I32: return put_int32(w, c, (int32_t)pm_load_le32(data + at * 4));
    case PM_PQW_SRC_I64: return put_int64(w, c, (int64_t)pm_load_le64(data + at * 8));
    case PM_PQW_SRC_F32: {
        uint32_t bits = pm_load_le32(data + at * 4);
        pm_pqw_stats_float(&c->page_stats, (double)pm_f32_from_bits(bits));
        return put_bytes(w, c, data + at * 4, 4);
    }
    case PM_PQW_SRC_F64: {
        uint64_t bits = pm_load_le64(data + at * 8);
        pm_pqw_stats_float(&c->page_stats, pm_f64_from_bits(bits));
        return put_bytes(w, c, data + at * 8, 8);
    }
    case PM_PQW_SRC_DEC: {
        pm_decimal128 d = pm_dec_load_le(data + at * 16);
        if (pm_dec_digits(d) > c->type->precision)
            return PAIMON_EINVAL;
        if (c->phys == PM_PQ_INT32)
            return put_int32(w, c, (int32_t)d.lo);
        if (c->phys == PM_PQ_INT64)
            return put_int64(w, c, (int64_t)d.lo);
        uint8_t b[16];
        pm_dec_to_be_fixed(d, b, (size_t)c->type_length);
        PM_TRY(pm_pqw_stats_bytes(&c->page_stats, c->order, b, (size_t)c->type_length));
        return put_bytes(w, c, b, (size_t)c->type_length);
    }
    case PM_PQW_SRC_NANOS: return put_int96(w, c, (int64_t)pm_load_le64(data + at * 8));
    case PM_PQW_SRC_BYTES: {
        int32_t s = (int32_t)pm_load_le32(data + at * 4);
        int32_t e = (int32_t)pm_load_le32(data + at * 4 + 4);
        const uint8_t *p = (const uint8_t *)a->buffers[2] + s;
        size_t n = (size_t)(e - s);
        PM_TRY(pm_pqw_stats_bytes(&c->page_stats, c->order, p, n));
        return put_bytes(w, c, p, n);
    }
    }
    return PAIMON_OK;
}

static inline int value_entry(pm_parquet_writer *w, pm_pqw_column *c, int rep,
                              const struct ArrowArray *a, int64_t i, paimon_error *err) {
    PM_TRY(start_entry(w, c, rep, c->max_def, err));
    int rc = put_value(w, c, a, i);
    if (rc == PAIMON_OK)
        return PAIMON_OK;
    if (rc == PAIMON_EINVAL)
        return pm_err(err, rc, "Parquet writer: column '%s': a value has more than %d digits",
                      c->name, (int)c->type->precision);
    return pm_err_nomem(err);
}

int pm_pqw_column_value(pm_parquet_writer *w, pm_pqw_column *c, int rep,
                        const struct ArrowArray *a, int64_t i, paimon_error *err) {
    return value_entry(w, c, rep, a, i, err);
}

int pm_pqw_column_flat(pm_parquet_writer *w, pm_pqw_column *c, const struct ArrowArray *a,
                       int64_t start, int64_t n, paimon_error *err) {
    bool has_nulls = a->null_count != 0 && a->n_buffers > 0 && a->buffers[0] != NULL;
    for (int64_t i = start; i < start + n; i++) {
        if (has_nulls && !pm_arrow_is_valid(a, i)) {
            if (c->max_def == 0)
                return pm_err(err, PAIMON_EINVAL,
                              "Parquet writer: column '%s' is NOT NULL but has a null value",
                              c->name);
            PM_TRY(pm_pqw_column_null(w, c, 0, 0, err));
            continue;
        }
        PM_TRY(value_entry(w, c, 0, a, i, err));
    }
    return PAIMON_OK;
}

/* ---- chunks ---- */

int pm_pqw_column_finish_chunk(pm_parquet_writer *w, pm_pqw_column *c, pm_pqw_chunk_meta *meta,
                               paimon_error *err) {
    PM_TRY(pm_pqw_column_flush_page(w, c, err));
    memset(meta, 0, sizeof *meta);
    meta->dict_offset = -1;
    if (c->dict_used > 0) {
        pm_pq_dict_truncate(&c->dict, c->dict_used);
        c->raw.len = 0;
        PM_TRY_MEM(err, pm_buf_append(&c->raw, c->dict.plain.data, c->dict.plain.len));
        const pm_buf *payload;
        PM_TRY(compress_page(w, c, &payload, err));
        size_t dict_at = w->file.len;
        meta->dict_offset = w->file_base + (int64_t)dict_at;
        PM_TRY_MEM(err, put_header(w, &w->file, PM_PQ_DICTIONARY_PAGE, c->raw.len, payload, c,
                                   (int32_t)c->dict_used, true));
        size_t header_len = w->file.len - dict_at;
        PM_TRY_MEM(err, pm_buf_append(&w->file, payload->data, payload->len));
        meta->raw_size = (int64_t)(header_len + c->raw.len);
        meta->comp_size = (int64_t)(header_len + payload->len);
        meta->has_dict_encoding = true;
    }
    meta->data_offset = w->file_base + (int64_t)w->file.len;
    PM_TRY_MEM(err, pm_buf_append(&w->file, c->pages.data, c->pages.len));
    meta->values = c->chunk_values;
    meta->raw_size += c->chunk_raw;
    meta->comp_size += (int64_t)c->pages.len;
    meta->dict_pages = c->dict_pages_written;
    meta->plain_pages = c->plain_pages_written;
    PM_TRY_MEM(err, pm_pqw_stats_merge(&c->file_stats, &c->chunk_stats, c->order));
    meta->stats = c->chunk_stats; /* the buffers move to the chunk's metadata */
    memset(&c->chunk_stats, 0, sizeof c->chunk_stats);
    /* Ready for the next row group. */
    pm_pq_dict_clear(&c->dict);
    c->dict_active = c->use_dict;
    c->first_page = true;
    c->dict_used = 0;
    c->pages.len = 0;
    c->chunk_values = c->chunk_raw = 0;
    c->dict_pages_written = c->plain_pages_written = 0;
    return PAIMON_OK;
}

void pm_pqw_column_dispose(pm_pqw_column *c) {
    pm_buf_dispose(&c->defs);
    pm_buf_dispose(&c->reps);
    pm_buf_dispose(&c->values);
    pm_buf_dispose(&c->indices);
    pm_buf_dispose(&c->pages);
    pm_buf_dispose(&c->raw);
    pm_buf_dispose(&c->comp);
    pm_pq_dict_dispose(&c->dict);
    pm_pqw_stats_dispose(&c->page_stats);
    pm_pqw_stats_dispose(&c->chunk_stats);
    pm_pqw_stats_dispose(&c->file_stats);
}
