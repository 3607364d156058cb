/*
 * codec.h - block compression behind one interface.
 *
 * Formats name the codec of each block (Parquet column chunk, ORC stream, Avro block); the
 * caller maps the format's codec id to pm_codec and calls one of:
 *  - pm_decompress: output size is recorded by the format; any other size is corruption;
 *  - pm_decompress_append: output size unknown (Avro zstandard frames carry none), bounded by
 *    `limit` so a malicious input cannot exhaust memory.
 * A pm_codec_ctx keeps decoder state (zstd contexts) across calls on hot paths; pass NULL for a
 * one-off call.
 */
#ifndef PM_CODEC_CODEC_H
#define PM_CODEC_CODEC_H

#include "util/buf.h"
#include "util/error.h"

#include <stddef.h>

typedef enum pm_codec {
    PM_CODEC_NONE = 0,
    PM_CODEC_ZSTD,
    PM_CODEC_SNAPPY,     /* raw snappy block */
    PM_CODEC_DEFLATE,    /* raw DEFLATE, RFC 1951 (Avro deflate, ORC ZLIB) */
    PM_CODEC_ZLIB,       /* zlib wrapper, RFC 1950 */
    PM_CODEC_GZIP,       /* gzip wrapper, RFC 1952 (Parquet GZIP); also accepts zlib */
    PM_CODEC_LZ4_BLOCK,  /* raw LZ4 block (Parquet LZ4_RAW, ORC LZ4) */
    PM_CODEC_LZ4_FRAME,  /* LZ4 frame format */
    PM_CODEC_LZ4_HADOOP, /* Parquet's legacy LZ4: Hadoop framing, else frame, else raw block */
} pm_codec;

typedef struct pm_codec_ctx pm_codec_ctx;

int pm_codec_ctx_new(pm_codec_ctx **out, paimon_error *err);
void pm_codec_ctx_free(pm_codec_ctx *ctx);

const char *pm_codec_name(pm_codec codec);

int pm_decompress(pm_codec_ctx *ctx, pm_codec codec, const void *src, size_t src_len, void *dst,
                  size_t dst_len, paimon_error *err);

int pm_decompress_append(pm_codec_ctx *ctx, pm_codec codec, const void *src, size_t src_len,
                         pm_buf *out, size_t limit, paimon_error *err);

/* Compresses src and appends the result to out. `level` is codec-specific (zstd 1..22, deflate
 * 0..9); 0 selects the codec's default. */
int pm_compress_append(pm_codec_ctx *ctx, pm_codec codec, int level, const void *src,
                       size_t src_len, pm_buf *out, paimon_error *err);

/* Decodes one block whose decompressed size is unknown but at most `cap` (ORC compression
 * chunks): writes into dst and sets *len_out. Output beyond cap is PAIMON_ECORRUPT. Supports
 * NONE, ZSTD, SNAPPY, DEFLATE and LZ4_BLOCK. */
int pm_decompress_bounded(pm_codec_ctx *ctx, pm_codec codec, const void *src, size_t src_len,
                          void *dst, size_t cap, size_t *len_out, paimon_error *err);

#endif
