/*
 * parquet_page.c - column chunks and their pages: reading a chunk, walking page headers,
 * decompressing, decoding the repetition and definition levels of a data page (v1 and v2) and
 * preparing the value decoder of the page's encoding. Dictionary pages are decoded once per
 * chunk into a column of the requested type, so dictionary-encoded pages only gather.
 */
#include "format/parquet/parquet_column.h"

#include "util/mem.h"

#include <string.h>

static int map_codec(int codec, pm_codec *out, bool *none, paimon_error *err) {
    if (!pm_pq_codec_from_parquet(codec, out))
        return pm_err(err, PAIMON_EUNSUPPORTED, "compression codec %s is not supported",
                      pm_pq_codec_name(codec));
    *none = *out == PM_CODEC_NONE;
    return PAIMON_OK;
}

int pm_pq_leaf_open_chunk(pm_pq_leaf *leaf, pm_file *file, uint64_t file_size,
                          const pm_pq_column_chunk *cc, paimon_error *err) {
    leaf->chunk_loaded = false;
    leaf->has_dict = false;
    leaf->page_n = leaf->page_pos = 0;
    leaf->chunk_pos = 0;
    leaf->chunk.len = 0;
    if (!cc->has_meta)
        return pm_err(err, PAIMON_ECORRUPT, "column '%s': column chunk without metadata",
                      leaf->name);
    if (cc->external)
        return pm_err(err, PAIMON_EUNSUPPORTED,
                      "column '%s': column data in another file is not supported", leaf->name);
    if (cc->type != leaf->phys)
        return pm_err(err, PAIMON_ECORRUPT, "column '%s': chunk type %s differs from schema %s",
                      leaf->name, pm_pq_type_name(cc->type), pm_pq_type_name(leaf->phys));
    PM_TRY(map_codec(cc->codec, &leaf->codec, &leaf->codec_none, err));
    /* The chunk starts at its dictionary page when it has one. Some writers record a zero
     * or bogus dictionary offset; only one that precedes the data pages is believed. */
    int64_t start = cc->data_page_offset;
    if (cc->dictionary_page_offset > 0 && cc->dictionary_page_offset < start)
        start = cc->dictionary_page_offset;
    int64_t size = cc->total_compressed_size;
    if (start < 4 || size < 0 || (uint64_t)start > file_size || (uint64_t)size > file_size - (uint64_t)start)
        return pm_err(err, PAIMON_ECORRUPT,
                      "column '%s': column chunk [%lld, +%lld) outside the file (%llu bytes)",
                      leaf->name, (long long)start, (long long)size,
                      (unsigned long long)file_size);
    if (pm_buf_pool_ensure(leaf->pool, &leaf->chunk, (size_t)size) != PAIMON_OK)
        return pm_err_nomem(err);
    leaf->chunk.len = (size_t)size;
    PM_TRY(pm_file_pread(file, (uint64_t)start, leaf->chunk.data, (size_t)size, err));
    leaf->chunk_loaded = true;
    return PAIMON_OK;
}

/* Decompresses `src` into leaf->page_buf (exactly `size` bytes) unless the codec is none. */
static int page_bytes(pm_pq_leaf *leaf, pm_codec_ctx *ctx, bool compressed, const uint8_t *src,
                      size_t src_len, size_t size, const uint8_t **out, paimon_error *err) {
    if (!compressed || leaf->codec_none) {
        if (src_len != size)
            return pm_err(err, PAIMON_ECORRUPT, "uncompressed page of %zu bytes claims %zu",
                          src_len, size);
        *out = src;
        return PAIMON_OK;
    }
    if (size > PM_PQ_MAX_PAGE_BYTES)
        return pm_err(err, PAIMON_ELIMIT, "page of %zu bytes exceeds the %u byte limit", size,
                      PM_PQ_MAX_PAGE_BYTES);
    /* 8 spare bytes let decoders load whole words near the end. */
    if (pm_buf_pool_ensure(leaf->pool, &leaf->page_buf, size + 8) != PAIMON_OK)
        return pm_err_nomem(err);
    leaf->page_buf.len = size;
    PM_TRY(pm_decompress(ctx, leaf->codec, src, src_len, leaf->page_buf.data, size, err));
    *out = leaf->page_buf.data;
    return PAIMON_OK;
}

static int bit_width(int max_level) {
    int w = 0;
    while ((1 << w) <= max_level)
        w++;
    return w;
}

/* Decodes n levels in `encoding` from *p (v1 RLE levels carry a 4-byte length prefix; v2
 * levels are passed with their length and no prefix). *count_max receives the number of
 * levels equal to max_level, which tells the caller whether a page has nulls at all; with
 * `lazy` (definition levels) the levels of a page without nulls are not even written. */
static int decode_levels(int encoding, bool prefixed, bool lazy, const uint8_t **p,
                         size_t *left, int max_level, uint8_t *out, size_t n, size_t *count_max,
                         paimon_error *err) {
    int bw = bit_width(max_level);
    if (encoding == PM_PQ_ENC_RLE) {
        size_t len = *left;
        if (prefixed) {
            if (*left < 4)
                return pm_err(err, PAIMON_ECORRUPT, "level data truncated");
            len = pm_load_le32(*p);
            *p += 4;
            *left -= 4;
            if (len > *left)
                return pm_err(err, PAIMON_ECORRUPT, "level data length %zu beyond the page", len);
        }
        pm_pq_rle r;
        pm_pq_rle_init(&r, *p, len, bw);
        PM_TRY(pm_pq_rle_get_levels(&r, out, n, max_level, lazy, count_max, err));
        *p += len;
        *left -= len;
        return PAIMON_OK;
    }
    if (encoding == PM_PQ_ENC_BIT_PACKED && prefixed) {
        size_t len = (size_t)(((uint64_t)n * (uint64_t)bw + 7) / 8);
        PM_TRY(pm_pq_bitpacked_msb_get_u8(*p, *left, bw, out, n, err));
        *p += len;
        *left -= len;
        size_t at_max = 0;
        for (size_t i = 0; i < n; i++) {
            if (out[i] > max_level)
                return pm_err(err, PAIMON_ECORRUPT, "level %u above the maximum %d", out[i],
                              max_level);
            at_max += out[i] == max_level;
        }
        *count_max = at_max;
        return PAIMON_OK;
    }
    return pm_err(err, PAIMON_EUNSUPPORTED, "level encoding %s is not supported",
                  pm_pq_encoding_name(encoding));
}

static int dictionary_page(pm_pq_leaf *leaf, pm_codec_ctx *ctx, const pm_pq_page_header *h,
                           const uint8_t *payload, paimon_error *err) {
    if (!h->has_dict || h->num_values < 0)
        return pm_err(err, PAIMON_ECORRUPT, "dictionary page without a valid header");
    if (leaf->has_dict)
        return pm_err(err, PAIMON_ECORRUPT, "second dictionary page in a column chunk");
    if (h->encoding != PM_PQ_ENC_PLAIN && h->encoding != PM_PQ_ENC_PLAIN_DICTIONARY)
        return pm_err(err, PAIMON_EUNSUPPORTED, "dictionary encoding %s is not supported",
                      pm_pq_encoding_name(h->encoding));
    const uint8_t *data;
    PM_TRY(page_bytes(leaf, ctx, true, payload, (size_t)h->compressed_size,
                      (size_t)h->uncompressed_size, &data, err));
    size_t n = (size_t)h->num_values;
    size_t len = (size_t)h->uncompressed_size;
    /* Every PLAIN value takes at least one bit (BOOLEAN) or byte; reject counts the page
     * cannot hold before allocating for them. */
    if (n > PM_PQ_MAX_PAGE_VALUES || (leaf->phys == PM_PQ_BOOLEAN ? n / 8 : n) > len + 1)
        return pm_err(err, PAIMON_ECORRUPT, "dictionary of %zu values in %zu bytes", n, len);
    if (!leaf->dict_init) {
        PM_TRY(pm_col_init(&leaf->dict, leaf->col->type, err));
        leaf->dict_init = true;
    }
    pm_col_clear(&leaf->dict);
    if (pm_col_reserve(&leaf->dict, n) != PAIMON_OK)
        return pm_err_nomem(err);
    size_t pos = 0;
    PM_TRY(pm_pq_plain_decode(leaf, data, len, &pos, &leaf->dict, n, err));
    if (pm_col_advance(&leaf->dict, n, NULL) != PAIMON_OK)
        return pm_err_nomem(err);
    /* Zeroed slack after the values lets the gather copy short strings in fixed 16/32-byte
     * moves. */
    pm_buf *dv = &leaf->dict.values;
    if (pm_buf_reserve(dv, PM_PQ_COPY_SLACK) != PAIMON_OK)
        return pm_err_nomem(err);
    memset(dv->data + dv->len, 0, PM_PQ_COPY_SLACK);
    leaf->has_dict = true;
    return PAIMON_OK;
}

/* Decodes a DELTA_LENGTH_BYTE_ARRAY stream of n values at data into views (offsets) over
 * the bytes that follow the lengths. */
static int dlba_views(pm_pq_leaf *leaf, const uint8_t *data, size_t len, size_t n,
                      const uint8_t **end, paimon_error *err) {
    pm_pq_delta d;
    PM_TRY(pm_pq_delta_init(&d, data, len, 32, err));
    if (d.total != n)
        return pm_err(err, PAIMON_ECORRUPT, "DELTA_LENGTH_BYTE_ARRAY has %llu lengths for %zu "
                                            "values", (unsigned long long)d.total, n);
    if (pm_pq_buf_size(&leaf->scratch, n * 8) != PAIMON_OK ||
        pm_pq_buf_size(&leaf->views, (n + 1) * 4) != PAIMON_OK)
        return pm_err_nomem(err);
    int64_t *lens = (int64_t *)(void *)leaf->scratch.data;
    PM_TRY(pm_pq_delta_get(&d, lens, n, err));
    const uint8_t *bytes = pm_pq_delta_end(&d);
    size_t avail = (size_t)(data + len - bytes);
    uint64_t off = 0;
    uint8_t *views = leaf->views.data;
    pm_store_le32(views, 0);
    for (size_t i = 0; i < n; i++) {
        if (lens[i] < 0 || (uint64_t)lens[i] > avail - off)
            return pm_err(err, PAIMON_ECORRUPT, "DELTA_LENGTH_BYTE_ARRAY length out of range");
        off += (uint64_t)lens[i];
        pm_store_le32(views + (i + 1) * 4, (uint32_t)off);
    }
    leaf->view_base = bytes;
    *end = bytes + off;
    return PAIMON_OK;
}

/* DELTA_BYTE_ARRAY: prefix lengths, then the suffixes as DELTA_LENGTH_BYTE_ARRAY; values are
 * rebuilt into view_data. */
static int dba_views(pm_pq_leaf *leaf, const uint8_t *data, size_t len, size_t n,
                     paimon_error *err) {
    pm_pq_delta d;
    PM_TRY(pm_pq_delta_init(&d, data, len, 32, err));
    if (d.total != n)
        return pm_err(err, PAIMON_ECORRUPT, "DELTA_BYTE_ARRAY has %llu prefixes for %zu values",
                      (unsigned long long)d.total, n);
    if (pm_pq_buf_size(&leaf->scratch2, n * 8) != PAIMON_OK)
        return pm_err_nomem(err);
    int64_t *prefix = (int64_t *)(void *)leaf->scratch2.data;
    PM_TRY(pm_pq_delta_get(&d, prefix, n, err));
    const uint8_t *suffix_end;
    const uint8_t *rest = pm_pq_delta_end(&d);
    PM_TRY(dlba_views(leaf, rest, (size_t)(data + len - rest), n, &suffix_end, err));
    const uint8_t *sfx = leaf->view_base;
    uint8_t *views = leaf->views.data;
    pm_buf *out = &leaf->view_data;
    out->len = 0;
    size_t prev_start = 0, prev_len = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t s0 = pm_load_le32(views + i * 4), s1 = pm_load_le32(views + (i + 1) * 4);
        if (prefix[i] < 0 || (uint64_t)prefix[i] > prev_len)
            return pm_err(err, PAIMON_ECORRUPT, "DELTA_BYTE_ARRAY prefix longer than the "
                                                "previous value");
        size_t pl = (size_t)prefix[i], sl = s1 - s0;
        if (out->len + pl + sl > PM_PQ_MAX_PAGE_BYTES)
            return pm_err(err, PAIMON_ELIMIT, "DELTA_BYTE_ARRAY page expands beyond %u bytes",
                          PM_PQ_MAX_PAGE_BYTES);
        size_t start = out->len;
        if (pm_buf_reserve(out, pl + sl) != PAIMON_OK)
            return pm_err_nomem(err);
        if (pl > 0) /* empty values may come before any byte was stored */
            memmove(out->data + start, out->data + prev_start, pl);
        if (sl > 0)
            memcpy(out->data + start + pl, sfx + s0, sl);
        out->len = start + pl + sl;
        pm_store_le32(views + i * 4, (uint32_t)start);
        prev_start = start;
        prev_len = pl + sl;
    }
    pm_store_le32(views + n * 4, (uint32_t)out->len);
    leaf->view_base = out->data;
    return PAIMON_OK;
}

/* Prepares the decoder of the values section for the page's encoding. */
static int setup_values(pm_pq_leaf *leaf, int encoding, paimon_error *err) {
    leaf->encoding = encoding;
    leaf->vpos = 0;
    size_t n = leaf->page_values;
    switch (encoding) {
    case PM_PQ_ENC_PLAIN: return PAIMON_OK;
    case PM_PQ_ENC_PLAIN_DICTIONARY:
    case PM_PQ_ENC_RLE_DICTIONARY: {
        if (!leaf->has_dict)
            return pm_err(err, PAIMON_ECORRUPT, "dictionary-encoded page without a dictionary");
        if (n == 0)
            return PAIMON_OK;
        if (leaf->data_len < 1 || leaf->data[0] > 32)
            return pm_err(err, PAIMON_ECORRUPT, "invalid dictionary index bit width");
        pm_pq_rle_init(&leaf->rle, leaf->data + 1, leaf->data_len - 1, leaf->data[0]);
        return PAIMON_OK;
    }
    case PM_PQ_ENC_RLE:
        if (leaf->phys != PM_PQ_BOOLEAN)
            break;
        if (leaf->data_len < 4 || pm_load_le32(leaf->data) > leaf->data_len - 4)
            return pm_err(err, PAIMON_ECORRUPT, "RLE boolean data truncated");
        pm_pq_rle_init(&leaf->rle, leaf->data + 4, pm_load_le32(leaf->data), 1);
        return PAIMON_OK;
    case PM_PQ_ENC_DELTA_BINARY_PACKED:
        if (leaf->phys != PM_PQ_INT32 && leaf->phys != PM_PQ_INT64)
            break;
        PM_TRY(pm_pq_delta_init(&leaf->delta, leaf->data, leaf->data_len,
                                leaf->phys == PM_PQ_INT32 ? 32 : 64, err));
        if (leaf->delta.total < n)
            return pm_err(err, PAIMON_ECORRUPT, "DELTA_BINARY_PACKED has fewer values than the "
                                                "page");
        return PAIMON_OK;
    case PM_PQ_ENC_DELTA_LENGTH_BYTE_ARRAY: {
        if (leaf->phys != PM_PQ_BYTE_ARRAY)
            break;
        const uint8_t *end;
        return dlba_views(leaf, leaf->data, leaf->data_len, n, &end, err);
    }
    case PM_PQ_ENC_DELTA_BYTE_ARRAY:
        if (leaf->phys != PM_PQ_BYTE_ARRAY && leaf->phys != PM_PQ_FIXED_LEN_BYTE_ARRAY)
            break;
        return dba_views(leaf, leaf->data, leaf->data_len, n, err);
    case PM_PQ_ENC_BYTE_STREAM_SPLIT: {
        size_t w = pm_pq_phys_width(leaf);
        if (w == 0 || leaf->phys == PM_PQ_INT96)
            break;
        if (leaf->data_len % w != 0 || leaf->data_len / w < n)
            return pm_err(err, PAIMON_ECORRUPT, "BYTE_STREAM_SPLIT data of %zu bytes for %zu "
                                                "values", leaf->data_len, n);
        return PAIMON_OK;
    }
    default: break;
    }
    return pm_err(err, PAIMON_EUNSUPPORTED, "encoding %s is not supported for %s",
                  pm_pq_encoding_name(encoding), pm_pq_type_name(leaf->phys));
}

/* Levels and values of a data page whose levels start at `p` (v1: inside the decompressed
 * page; v2: uncompressed before the values). */
static int data_page(pm_pq_leaf *leaf, pm_codec_ctx *ctx, const pm_pq_page_header *h,
                     const uint8_t *payload, paimon_error *err) {
    if (h->num_values < 0 || (uint32_t)h->num_values > PM_PQ_MAX_PAGE_VALUES)
        return pm_err(err, PAIMON_ECORRUPT, "data page with %d values", (int)h->num_values);
    size_t n = (size_t)h->num_values;
    leaf->page_n = n;
    leaf->page_pos = 0;
    leaf->defs = leaf->reps = NULL;
    if (pm_buf_pool_ensure(leaf->pool, &leaf->level_buf, 2 * n + 16) != PAIMON_OK)
        return pm_err_nomem(err);
    uint8_t *defs = leaf->level_buf.data, *reps = leaf->level_buf.data + n;
    const uint8_t *p;
    size_t left;
    size_t values = n; /* non-null values: entries at the maximum def level */
    size_t unused;
    if (h->has_v2) {
        int32_t rl = h->rep_levels_len, dl = h->def_levels_len;
        if (rl < 0 || dl < 0 || (int64_t)rl + dl > h->compressed_size ||
            (int64_t)rl + dl > h->uncompressed_size)
            return pm_err(err, PAIMON_ECORRUPT, "v2 page level lengths out of range");
        const uint8_t *lp = payload;
        size_t ll = (size_t)rl;
        if (leaf->max_rep > 0) {
            PM_TRY(decode_levels(PM_PQ_ENC_RLE, false, false, &lp, &ll, leaf->max_rep, reps, n, &unused,
                                 err));
            leaf->reps = reps;
        }
        lp = payload + rl;
        ll = (size_t)dl;
        if (leaf->max_def > 0) {
            PM_TRY(decode_levels(PM_PQ_ENC_RLE, false, true, &lp, &ll, leaf->max_def, defs, n, &values,
                                 err));
            leaf->defs = defs;
        }
        size_t skip = (size_t)rl + (size_t)dl;
        PM_TRY(page_bytes(leaf, ctx, h->is_compressed, payload + skip,
                          (size_t)h->compressed_size - skip, (size_t)h->uncompressed_size - skip,
                          &p, err));
        left = (size_t)h->uncompressed_size - skip;
    } else {
        PM_TRY(page_bytes(leaf, ctx, true, payload, (size_t)h->compressed_size,
                          (size_t)h->uncompressed_size, &p, err));
        left = (size_t)h->uncompressed_size;
        if (leaf->max_rep > 0) {
            PM_TRY(decode_levels(h->rep_encoding, true, false, &p, &left, leaf->max_rep, reps, n,
                                 &unused, err));
            leaf->reps = reps;
        }
        if (leaf->max_def > 0) {
            PM_TRY(decode_levels(h->def_encoding, true, true, &p, &left, leaf->max_def, defs, n,
                                 &values, err));
            leaf->defs = defs;
        }
    }
    if (leaf->max_def == 0)
        values = n;
    else if (values == n)
        leaf->defs = NULL; /* no nulls anywhere in the page: the bulk path needs no levels */
    leaf->page_values = values;
    leaf->data = p;
    leaf->data_len = left;
    return setup_values(leaf, h->encoding, err);
}

int pm_pq_page_next(pm_pq_leaf *leaf, pm_codec_ctx *ctx, bool *got, paimon_error *err) {
    *got = false;
    while (leaf->chunk_pos < leaf->chunk.len) {
        const uint8_t *base = leaf->chunk.data + leaf->chunk_pos;
        size_t left = leaf->chunk.len - leaf->chunk_pos;
        pm_pq_page_header h;
        size_t hlen;
        PM_TRY(pm_pq_page_header_decode(base, left, &h, &hlen, err));
        if ((size_t)h.compressed_size > left - hlen)
            return pm_err(err, PAIMON_ECORRUPT, "page of %d bytes beyond the column chunk",
                          (int)h.compressed_size);
        const uint8_t *payload = base + hlen;
        leaf->chunk_pos += hlen + (size_t)h.compressed_size;
        switch (h.type) {
        case PM_PQ_DICTIONARY_PAGE: PM_TRY(dictionary_page(leaf, ctx, &h, payload, err)); break;
        case PM_PQ_DATA_PAGE:
        case PM_PQ_DATA_PAGE_V2:
            if ((h.type == PM_PQ_DATA_PAGE && !h.has_data) ||
                (h.type == PM_PQ_DATA_PAGE_V2 && !h.has_v2))
                return pm_err(err, PAIMON_ECORRUPT, "data page without its header");
            PM_TRY(data_page(leaf, ctx, &h, payload, err));
            if (leaf->page_n == 0)
                break;
            *got = true;
            return PAIMON_OK;
        default: break; /* index pages and unknown page types carry no rows */
        }
    }
    return PAIMON_OK;
}
