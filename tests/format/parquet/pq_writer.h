/*
 * pq_writer.h - a minimal Parquet writer for tests: Thrift compact encoding of the footer and
 * page headers, and encoders for the layouts no available writer produces on demand (2-level
 * lists, BIT_PACKED levels, DELTA_BYTE_ARRAY, BYTE_STREAM_SPLIT on FIXED_LEN_BYTE_ARRAY, LZ4
 * with Hadoop framing, legacy statistics...). Pages are assembled by hand in each test.
 */
#ifndef PM_TEST_PQ_WRITER_H
#define PM_TEST_PQ_WRITER_H

#include "codec/codec.h"
#include "format/parquet/parquet_meta.h"
#include "util/buf.h"
#include "util/endian.h"
#include "util/varint.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* ---- Thrift compact writer ---- */

typedef struct tw {
    pm_buf *b;
    int16_t last[32];
    int depth;
} tw;

static inline void tw_byte(tw *w, uint8_t v) { pm_buf_append_byte(w->b, v); }
static inline void tw_varint(tw *w, uint64_t v) {
    uint8_t tmp[PM_VARINT_MAX];
    pm_buf_append(w->b, tmp, pm_varint_encode(v, tmp));
}
static inline void tw_fh(tw *w, int16_t id, uint8_t type) {
    int delta = id - w->last[w->depth];
    if (delta > 0 && delta <= 15) {
        tw_byte(w, (uint8_t)(delta << 4 | type));
    } else {
        tw_byte(w, type);
        tw_varint(w, pm_zigzag_encode64(id));
    }
    w->last[w->depth] = id;
}
static inline void tw_i32(tw *w, int16_t id, int32_t v) {
    tw_fh(w, id, 5);
    tw_varint(w, pm_zigzag_encode64(v));
}
static inline void tw_i64(tw *w, int16_t id, int64_t v) {
    tw_fh(w, id, 6);
    tw_varint(w, pm_zigzag_encode64(v));
}
static inline void tw_bool(tw *w, int16_t id, bool v) { tw_fh(w, id, v ? 1 : 2); }
static inline void tw_bin(tw *w, int16_t id, const void *p, size_t n) {
    tw_fh(w, id, 8);
    tw_varint(w, n);
    pm_buf_append(w->b, p, n);
}
static inline void tw_str(tw *w, int16_t id, const char *s) { tw_bin(w, id, s, strlen(s)); }
/* A struct-valued field; tw_end closes it. */
static inline void tw_begin(tw *w, int16_t id) {
    tw_fh(w, id, 12);
    w->last[++w->depth] = 0;
}
static inline void tw_end(tw *w) {
    tw_byte(w, 0);
    w->depth--;
}
static inline void tw_list(tw *w, int16_t id, uint8_t elem_type, uint32_t n) {
    tw_fh(w, id, 9);
    if (n < 15) {
        tw_byte(w, (uint8_t)(n << 4 | elem_type));
    } else {
        tw_byte(w, (uint8_t)(0xF0 | elem_type));
        tw_varint(w, n);
    }
}
/* A struct element of a list; tw_end closes it. */
static inline void tw_elem(tw *w) { w->last[++w->depth] = 0; }

/* ---- value and level encoders ---- */

/* RLE/bit-packed hybrid as bit-packed groups of 8 (padded), optionally preceded by an RLE
 * run of the first `rle_prefix` values (which must be equal). */
static inline void enc_hybrid(pm_buf *b, const uint32_t *v, size_t n, int bw, size_t rle_prefix) {
    tw w = {b, {0}, 0};
    if (rle_prefix > 0) {
        tw_varint(&w, (uint64_t)rle_prefix << 1);
        for (int k = 0; k < (bw + 7) / 8; k++)
            tw_byte(&w, (uint8_t)(v[0] >> (8 * k)));
        v += rle_prefix;
        n -= rle_prefix;
    }
    if (n == 0)
        return;
    size_t groups = (n + 7) / 8;
    tw_varint(&w, (uint64_t)groups << 1 | 1);
    uint64_t acc = 0;
    int bits = 0;
    for (size_t i = 0; i < groups * 8; i++) {
        acc |= (uint64_t)(i < n ? v[i] : 0) << bits;
        bits += bw;
        while (bits >= 8) {
            tw_byte(&w, (uint8_t)acc);
            acc >>= 8;
            bits -= 8;
        }
    }
}

/* v1 RLE levels: 4-byte length, then the hybrid runs. */
static inline void enc_levels_v1(pm_buf *b, const uint32_t *v, size_t n, int bw) {
    size_t at = b->len;
    pm_buf_append_zeros(b, 4);
    enc_hybrid(b, v, n, bw, 0);
    pm_store_le32(b->data + at, (uint32_t)(b->len - at - 4));
}

/* DELTA_BINARY_PACKED with blocks of 128 values in 4 miniblocks. */
static inline void enc_delta(pm_buf *b, const int64_t *v, size_t n) {
    tw w = {b, {0}, 0};
    tw_varint(&w, 128);
    tw_varint(&w, 4);
    tw_varint(&w, n);
    tw_varint(&w, pm_zigzag_encode64(n ? v[0] : 0));
    for (size_t start = 1; start < n; start += 128) {
        size_t cnt = n - start < 128 ? n - start : 128;
        int64_t d[128], mn = INT64_MAX;
        for (size_t i = 0; i < cnt; i++) {
            d[i] = v[start + i] - v[start + i - 1];
            mn = d[i] < mn ? d[i] : mn;
        }
        tw_varint(&w, pm_zigzag_encode64(mn));
        int widths[4] = {0};
        for (size_t i = 0; i < cnt; i++) {
            uint64_t u = (uint64_t)(d[i] - mn);
            int bw = 0;
            while (bw < 64 && (u >> bw) != 0)
                bw++;
            widths[i / 32] = bw > widths[i / 32] ? bw : widths[i / 32];
        }
        for (int m = 0; m < 4; m++)
            tw_byte(&w, (uint8_t)widths[m]);
        for (size_t m = 0; m * 32 < cnt; m++) {
            uint64_t acc = 0;
            int bits = 0;
            for (size_t i = m * 32; i < m * 32 + 32; i++) {
                uint64_t u = i < cnt ? (uint64_t)(d[i] - mn) : 0;
                for (int k = 0; k < widths[m]; k++) {
                    acc |= ((u >> k) & 1) << bits;
                    if (++bits == 8) {
                        tw_byte(&w, (uint8_t)acc);
                        acc = 0;
                        bits = 0;
                    }
                }
            }
        }
    }
}

static inline void enc_plain_bytes(pm_buf *b, const char *const *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        uint8_t len[4];
        pm_store_le32(len, (uint32_t)strlen(s[i]));
        pm_buf_append(b, len, 4);
        pm_buf_append_str(b, s[i]);
    }
}

/* ---- pages and files ---- */

typedef struct tschema {
    const char *name;
    int type;       /* -1 group */
    int rep;        /* -1 root */
    int children;   /* -1 leaf */
    int converted;  /* -1 none */
    int logical;    /* PM_PQ_LT_*, 0 none */
    int scale, precision, type_length;
    int unit;       /* TIMESTAMP/TIME unit */
} tschema;

typedef struct tchunk {
    int type;
    int codec;
    pm_buf pages; /* header + payload of every page */
    int64_t values;
    pm_buf stats; /* optional serialized Statistics fields (without the struct end) */
    bool has_stats;
} tchunk;

static inline pm_codec tcodec(int codec) {
    switch (codec) {
    case PM_PQ_SNAPPY: return PM_CODEC_SNAPPY;
    case PM_PQ_GZIP: return PM_CODEC_GZIP;
    case PM_PQ_ZSTD: return PM_CODEC_ZSTD;
    case PM_PQ_LZ4: return PM_CODEC_LZ4_HADOOP;
    case PM_PQ_LZ4_RAW: return PM_CODEC_LZ4_BLOCK;
    default: return PM_CODEC_NONE;
    }
}

static inline void tpage_header(tchunk *c, int type, size_t raw, size_t comp) {
    tw w = {&c->pages, {0}, 0};
    tw_i32(&w, 1, type);
    tw_i32(&w, 2, (int32_t)raw);
    tw_i32(&w, 3, (int32_t)comp);
}

/* v1 data page: levels (already encoded, with their 4-byte prefixes) then values. */
static inline void tpage_v1(tchunk *c, int encoding, int32_t n, const pm_buf *levels,
                            const pm_buf *values, int def_encoding) {
    pm_buf raw = PM_BUF_INIT, comp = PM_BUF_INIT;
    if (levels && levels->len)
        pm_buf_append(&raw, levels->data, levels->len);
    pm_buf_append(&raw, values->data, values->len);
    pm_compress_append(NULL, tcodec(c->codec), 0, raw.data, raw.len, &comp, NULL);
    tw w = {&c->pages, {0}, 0};
    tpage_header(c, PM_PQ_DATA_PAGE, raw.len, comp.len);
    w.last[0] = 3;
    tw_begin(&w, 5);
    tw_i32(&w, 1, n);
    tw_i32(&w, 2, encoding);
    tw_i32(&w, 3, def_encoding);
    tw_i32(&w, 4, PM_PQ_ENC_RLE);
    tw_end(&w);
    tw_byte(&w, 0);
    pm_buf_append(&c->pages, comp.data, comp.len);
    c->values += n;
    pm_buf_dispose(&raw);
    pm_buf_dispose(&comp);
}

/* v2 data page: rep and def levels uncompressed (no prefixes), values compressed or not. */
static inline void tpage_v2(tchunk *c, int encoding, int32_t n, int32_t nulls, int32_t rows,
                            const pm_buf *reps, const pm_buf *defs, const pm_buf *values,
                            bool compressed) {
    pm_buf comp = PM_BUF_INIT;
    if (compressed)
        pm_compress_append(NULL, tcodec(c->codec), 0, values->data, values->len, &comp, NULL);
    else
        pm_buf_append(&comp, values->data, values->len);
    size_t rl = reps ? reps->len : 0, dl = defs ? defs->len : 0;
    tw w = {&c->pages, {0}, 0};
    tpage_header(c, PM_PQ_DATA_PAGE_V2, rl + dl + values->len, rl + dl + comp.len);
    w.last[0] = 3;
    tw_begin(&w, 8);
    tw_i32(&w, 1, n);
    tw_i32(&w, 2, nulls);
    tw_i32(&w, 3, rows);
    tw_i32(&w, 4, encoding);
    tw_i32(&w, 5, (int32_t)dl);
    tw_i32(&w, 6, (int32_t)rl);
    if (!compressed)
        tw_bool(&w, 7, false);
    tw_end(&w);
    tw_byte(&w, 0);
    if (rl)
        pm_buf_append(&c->pages, reps->data, rl);
    if (dl)
        pm_buf_append(&c->pages, defs->data, dl);
    pm_buf_append(&c->pages, comp.data, comp.len);
    c->values += n;
    pm_buf_dispose(&comp);
}

static inline void tpage_dict(tchunk *c, int32_t n, const pm_buf *values) {
    pm_buf comp = PM_BUF_INIT;
    pm_compress_append(NULL, tcodec(c->codec), 0, values->data, values->len, &comp, NULL);
    tw w = {&c->pages, {0}, 0};
    tpage_header(c, PM_PQ_DICTIONARY_PAGE, values->len, comp.len);
    w.last[0] = 3;
    tw_begin(&w, 7);
    tw_i32(&w, 1, n);
    tw_i32(&w, 2, PM_PQ_ENC_PLAIN);
    tw_end(&w);
    tw_byte(&w, 0);
    pm_buf_append(&c->pages, comp.data, comp.len);
    pm_buf_dispose(&comp);
}

/* Writes a whole file: "PAR1", the chunks of one row group, the footer. */
static inline void tfile(pm_buf *out, const tschema *s, size_t ns, tchunk *cols, size_t nc,
                         int64_t rows) {
    out->len = 0;
    pm_buf_append_str(out, "PAR1");
    int64_t offsets[16];
    for (size_t i = 0; i < nc; i++) {
        offsets[i] = (int64_t)out->len;
        pm_buf_append(out, cols[i].pages.data, cols[i].pages.len);
    }
    size_t footer_at = out->len;
    tw w = {out, {0}, 0};
    tw_i32(&w, 1, 1);
    tw_list(&w, 2, 12, (uint32_t)ns);
    for (size_t i = 0; i < ns; i++) {
        tw_elem(&w);
        if (s[i].type >= 0)
            tw_i32(&w, 1, s[i].type);
        if (s[i].type_length > 0)
            tw_i32(&w, 2, s[i].type_length);
        if (s[i].rep >= 0)
            tw_i32(&w, 3, s[i].rep);
        tw_str(&w, 4, s[i].name);
        if (s[i].children >= 0)
            tw_i32(&w, 5, s[i].children);
        if (s[i].converted >= 0)
            tw_i32(&w, 6, s[i].converted);
        if (s[i].precision > 0) {
            tw_i32(&w, 7, s[i].scale);
            tw_i32(&w, 8, s[i].precision);
        }
        if (s[i].logical > 0) {
            tw_begin(&w, 10);
            tw_begin(&w, (int16_t)s[i].logical);
            if (s[i].logical == PM_PQ_LT_DECIMAL) {
                tw_i32(&w, 1, s[i].scale);
                tw_i32(&w, 2, s[i].precision);
            } else if (s[i].logical == PM_PQ_LT_TIMESTAMP || s[i].logical == PM_PQ_LT_TIME) {
                tw_bool(&w, 1, false);
                tw_begin(&w, 2);
                tw_begin(&w, (int16_t)s[i].unit);
                tw_end(&w);
                tw_end(&w);
            }
            tw_end(&w);
            tw_end(&w);
        }
        tw_end(&w);
    }
    tw_i64(&w, 3, rows);
    tw_list(&w, 4, 12, 1);
    tw_elem(&w);
    tw_list(&w, 1, 12, (uint32_t)nc);
    for (size_t i = 0; i < nc; i++) {
        tw_elem(&w);
        tw_i64(&w, 2, offsets[i]);
        tw_begin(&w, 3);
        tw_i32(&w, 1, cols[i].type);
        tw_list(&w, 2, 5, 1);
        tw_varint(&w, 0);
        tw_list(&w, 3, 8, 1);
        tw_varint(&w, 1);
        tw_byte(&w, 'x');
        tw_i32(&w, 4, cols[i].codec);
        tw_i64(&w, 5, cols[i].values);
        tw_i64(&w, 6, (int64_t)cols[i].pages.len);
        tw_i64(&w, 7, (int64_t)cols[i].pages.len);
        tw_i64(&w, 9, offsets[i]);
        if (cols[i].has_stats) {
            tw_begin(&w, 12);
            pm_buf_append(out, cols[i].stats.data, cols[i].stats.len);
            tw_end(&w);
        }
        tw_end(&w);
        tw_end(&w);
    }
    tw_i64(&w, 2, 0);
    tw_i64(&w, 3, rows);
    tw_end(&w);
    tw_byte(&w, 0);
    uint8_t len[4];
    pm_store_le32(len, (uint32_t)(out->len - footer_at));
    pm_buf_append(out, len, 4);
    pm_buf_append_str(out, "PAR1");
}

static inline void tchunk_dispose(tchunk *c) {
    pm_buf_dispose(&c->pages);
    pm_buf_dispose(&c->stats);
}

#endif
