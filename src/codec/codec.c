/* codec.c - dispatch over zstd, snappy, zlib and lz4. */
#include "codec/codec.h"

#include "util/endian.h"
#include "util/mem.h"

#include <limits.h>
#include <lz4.h>
#include <lz4frame.h>
#include <snappy-c.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

struct pm_codec_ctx {
    ZSTD_DCtx *zstd_d;
    ZSTD_CCtx *zstd_c;
};

int pm_codec_ctx_new(pm_codec_ctx **out, paimon_error *err) {
    pm_codec_ctx *ctx = pm_calloc(1, sizeof *ctx);
    if (ctx == NULL)
        return pm_err_nomem(err);
    *out = ctx;
    return PAIMON_OK;
}

void pm_codec_ctx_free(pm_codec_ctx *ctx) {
    if (ctx == NULL)
        return;
    ZSTD_freeDCtx(ctx->zstd_d);
    ZSTD_freeCCtx(ctx->zstd_c);
    pm_free(ctx);
}

const char *pm_codec_name(pm_codec codec) {
    switch (codec) {
    case PM_CODEC_NONE: return "none";
    case PM_CODEC_ZSTD: return "zstd";
    case PM_CODEC_SNAPPY: return "snappy";
    case PM_CODEC_DEFLATE: return "deflate";
    case PM_CODEC_ZLIB: return "zlib";
    case PM_CODEC_GZIP: return "gzip";
    case PM_CODEC_LZ4_BLOCK: return "lz4";
    case PM_CODEC_LZ4_FRAME: return "lz4-frame";
    case PM_CODEC_LZ4_HADOOP: return "lz4-hadoop";
    }
    return "unknown";
}

static ZSTD_DCtx *zstd_dctx(pm_codec_ctx *ctx, ZSTD_DCtx **temp) {
    if (ctx == NULL) {
        *temp = ZSTD_createDCtx();
        return *temp;
    }
    if (ctx->zstd_d == NULL)
        ctx->zstd_d = ZSTD_createDCtx();
    else
        ZSTD_DCtx_reset(ctx->zstd_d, ZSTD_reset_session_only);
    return ctx->zstd_d;
}

/* Streaming zstd decode: works whether or not frames record their content size, and handles
 * several concatenated frames. Appends to out, never beyond limit. */
static int zstd_stream_append(pm_codec_ctx *ctx, const void *src, size_t src_len, pm_buf *out,
                              size_t limit, paimon_error *err) {
    ZSTD_DCtx *temp = NULL;
    ZSTD_DCtx *d = zstd_dctx(ctx, &temp);
    if (d == NULL)
        return pm_err_nomem(err);
    ZSTD_inBuffer in = {src, src_len, 0};
    size_t start = out->len;
    size_t last = 1;
    int rc = PAIMON_OK;
    while (in.pos < in.size) {
        size_t room = out->cap - out->len;
        if (room < 4096) {
            size_t produced = out->len - start;
            size_t want = produced < 65536 ? 65536 : produced;
            if (produced >= limit) {
                rc = pm_err(err, PAIMON_ELIMIT, "zstd: output exceeds %zu bytes", limit);
                break;
            }
            if (pm_buf_reserve(out, want) != PAIMON_OK) {
                rc = pm_err_nomem(err);
                break;
            }
            room = out->cap - out->len;
        }
        ZSTD_outBuffer o = {out->data + out->len, room, 0};
        last = ZSTD_decompressStream(d, &o, &in);
        if (ZSTD_isError(last)) {
            rc = pm_err(err, PAIMON_ECORRUPT, "zstd: %s", ZSTD_getErrorName(last));
            break;
        }
        out->len += o.pos;
        if (out->len - start > limit) {
            rc = pm_err(err, PAIMON_ELIMIT, "zstd: output exceeds %zu bytes", limit);
            break;
        }
        if (o.pos == 0 && in.pos == in.size)
            break;
    }
    if (rc == PAIMON_OK && last != 0) {
        /* Flush: the decoder may hold output although all input was consumed. */
        for (;;) {
            if (pm_buf_reserve(out, 65536) != PAIMON_OK) {
                rc = pm_err_nomem(err);
                break;
            }
            ZSTD_outBuffer o = {out->data + out->len, out->cap - out->len, 0};
            ZSTD_inBuffer none = {NULL, 0, 0};
            last = ZSTD_decompressStream(d, &o, &none);
            if (ZSTD_isError(last)) {
                rc = pm_err(err, PAIMON_ECORRUPT, "zstd: %s", ZSTD_getErrorName(last));
                break;
            }
            out->len += o.pos;
            if (out->len - start > limit) {
                rc = pm_err(err, PAIMON_ELIMIT, "zstd: output exceeds %zu bytes", limit);
                break;
            }
            if (last == 0 || o.pos == 0)
                break;
        }
        if (rc == PAIMON_OK && last != 0)
            rc = pm_err(err, PAIMON_ECORRUPT, "zstd: truncated frame");
    }
    ZSTD_freeDCtx(temp);
    return rc;
}

/* zlib family through inflate; window_bits selects raw (-15), zlib (15) or auto gzip/zlib (47). */
static int inflate_append(const void *src, size_t src_len, pm_buf *out, size_t limit,
                          int window_bits, const char *name, paimon_error *err) {
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (inflateInit2(&zs, window_bits) != Z_OK)
        return pm_err_nomem(err);
    size_t start = out->len;
    const uint8_t *in = src;
    size_t in_left = src_len;
    int rc = PAIMON_OK;
    int zr = Z_OK;
    while (zr != Z_STREAM_END) {
        if (out->cap - out->len < 4096) {
            size_t produced = out->len - start;
            if (produced > limit) {
                rc = pm_err(err, PAIMON_ELIMIT, "%s: output exceeds %zu bytes", name, limit);
                break;
            }
            if (pm_buf_reserve(out, produced < 65536 ? 65536 : produced) != PAIMON_OK) {
                rc = pm_err_nomem(err);
                break;
            }
        }
        uInt in_chunk = in_left > UINT_MAX ? UINT_MAX : (uInt)in_left;
        size_t room = out->cap - out->len;
        uInt out_chunk = room > UINT_MAX ? UINT_MAX : (uInt)room;
        zs.next_in = (Bytef *)in;
        zs.avail_in = in_chunk;
        zs.next_out = out->data + out->len;
        zs.avail_out = out_chunk;
        zr = inflate(&zs, Z_NO_FLUSH);
        size_t consumed = in_chunk - zs.avail_in;
        in += consumed;
        in_left -= consumed;
        out->len += out_chunk - zs.avail_out;
        if (zr == Z_STREAM_END)
            break;
        if (zr == Z_BUF_ERROR && in_left == 0) {
            rc = pm_err(err, PAIMON_ECORRUPT, "%s: truncated stream", name);
            break;
        }
        if (zr != Z_OK && zr != Z_BUF_ERROR) {
            rc = pm_err(err, PAIMON_ECORRUPT, "%s: %s", name, zs.msg ? zs.msg : "invalid data");
            break;
        }
    }
    if (rc == PAIMON_OK && out->len - start > limit)
        rc = pm_err(err, PAIMON_ELIMIT, "%s: output exceeds %zu bytes", name, limit);
    inflateEnd(&zs);
    return rc;
}

static int lz4_block_decode(const void *src, size_t src_len, void *dst, size_t dst_len,
                            size_t *produced) {
    if (src_len > INT_MAX || dst_len > INT_MAX)
        return PAIMON_ELIMIT;
    int n = LZ4_decompress_safe(src, dst, (int)src_len, (int)dst_len);
    if (n < 0)
        return PAIMON_ECORRUPT;
    *produced = (size_t)n;
    return PAIMON_OK;
}

static int lz4_frame_append(const void *src, size_t src_len, pm_buf *out, size_t limit,
                            paimon_error *err) {
    LZ4F_dctx *d;
    if (LZ4F_isError(LZ4F_createDecompressionContext(&d, LZ4F_VERSION)))
        return pm_err_nomem(err);
    const uint8_t *in = src;
    size_t in_left = src_len;
    size_t start = out->len;
    int rc = PAIMON_OK;
    size_t hint = 1;
    while (in_left > 0 && hint != 0) {
        if (pm_buf_reserve(out, 65536) != PAIMON_OK) {
            rc = pm_err_nomem(err);
            break;
        }
        size_t dst_size = out->cap - out->len;
        size_t src_size = in_left;
        hint = LZ4F_decompress(d, out->data + out->len, &dst_size, in, &src_size, NULL);
        if (LZ4F_isError(hint)) {
            rc = pm_err(err, PAIMON_ECORRUPT, "lz4 frame: %s", LZ4F_getErrorName(hint));
            break;
        }
        in += src_size;
        in_left -= src_size;
        out->len += dst_size;
        if (out->len - start > limit) {
            rc = pm_err(err, PAIMON_ELIMIT, "lz4 frame: output exceeds %zu bytes", limit);
            break;
        }
        if (src_size == 0 && dst_size == 0)
            break;
    }
    if (rc == PAIMON_OK && hint != 0)
        rc = pm_err(err, PAIMON_ECORRUPT, "lz4 frame: truncated");
    LZ4F_freeDecompressionContext(d);
    return rc;
}

/* Hadoop's Lz4Codec framing: blocks of [u32 BE raw size][u32 BE compressed size][lz4 block]. */
static int lz4_hadoop_decode(const uint8_t *src, size_t src_len, uint8_t *dst, size_t dst_len) {
    size_t in = 0, out = 0;
    while (in < src_len) {
        if (src_len - in < 8)
            return PAIMON_ECORRUPT;
        uint32_t raw = pm_load_be32(src + in);
        uint32_t comp = pm_load_be32(src + in + 4);
        in += 8;
        if (comp > src_len - in || raw > dst_len - out)
            return PAIMON_ECORRUPT;
        size_t produced;
        if (lz4_block_decode(src + in, comp, dst + out, raw, &produced) != PAIMON_OK ||
            produced != raw)
            return PAIMON_ECORRUPT;
        in += comp;
        out += raw;
    }
    return out == dst_len ? PAIMON_OK : PAIMON_ECORRUPT;
}

int pm_decompress(pm_codec_ctx *ctx, pm_codec codec, const void *src, size_t src_len, void *dst,
                  size_t dst_len, paimon_error *err) {
    const char *name = pm_codec_name(codec);
    switch (codec) {
    case PM_CODEC_NONE:
        if (src_len != dst_len)
            return pm_err(err, PAIMON_ECORRUPT, "uncompressed size %zu, expected %zu", src_len,
                          dst_len);
        memcpy(dst, src, dst_len);
        return PAIMON_OK;
    case PM_CODEC_ZSTD: {
        ZSTD_DCtx *temp = NULL;
        ZSTD_DCtx *d = zstd_dctx(ctx, &temp);
        if (d == NULL)
            return pm_err_nomem(err);
        size_t n = ZSTD_decompressDCtx(d, dst, dst_len, src, src_len);
        ZSTD_freeDCtx(temp);
        if (ZSTD_isError(n))
            return pm_err(err, PAIMON_ECORRUPT, "zstd: %s", ZSTD_getErrorName(n));
        if (n != dst_len)
            return pm_err(err, PAIMON_ECORRUPT, "zstd: decompressed %zu bytes, expected %zu", n,
                          dst_len);
        return PAIMON_OK;
    }
    case PM_CODEC_SNAPPY: {
        size_t n;
        if (snappy_uncompressed_length(src, src_len, &n) != SNAPPY_OK)
            return pm_err(err, PAIMON_ECORRUPT, "snappy: invalid header");
        if (n != dst_len)
            return pm_err(err, PAIMON_ECORRUPT, "snappy: block holds %zu bytes, expected %zu", n,
                          dst_len);
        if (snappy_uncompress(src, src_len, dst, &n) != SNAPPY_OK || n != dst_len)
            return pm_err(err, PAIMON_ECORRUPT, "snappy: invalid data");
        return PAIMON_OK;
    }
    case PM_CODEC_LZ4_BLOCK: {
        size_t n;
        int rc = lz4_block_decode(src, src_len, dst, dst_len, &n);
        if (rc != PAIMON_OK || n != dst_len)
            return pm_err(err, PAIMON_ECORRUPT, "lz4: invalid block");
        return PAIMON_OK;
    }
    case PM_CODEC_LZ4_HADOOP:
        if (lz4_hadoop_decode(src, src_len, dst, dst_len) == PAIMON_OK)
            return PAIMON_OK;
        /* Some writers used the frame format or bare blocks under this codec id. */
        if (src_len >= 4 && pm_load_le32(src) == 0x184D2204u) {
            codec = PM_CODEC_LZ4_FRAME;
            break;
        }
        return pm_decompress(ctx, PM_CODEC_LZ4_BLOCK, src, src_len, dst, dst_len, err);
    case PM_CODEC_DEFLATE:
    case PM_CODEC_ZLIB:
    case PM_CODEC_GZIP:
    case PM_CODEC_LZ4_FRAME: break;
    }
    /* Streaming codecs: decode into a temporary buffer, then check the size. */
    pm_buf tmp = PM_BUF_INIT;
    int rc = pm_decompress_append(ctx, codec, src, src_len, &tmp, dst_len, err);
    if (rc == PAIMON_OK && tmp.len != dst_len)
        rc = pm_err(err, PAIMON_ECORRUPT, "%s: decompressed %zu bytes, expected %zu", name,
                    tmp.len, dst_len);
    if (rc == PAIMON_OK)
        memcpy(dst, tmp.data, dst_len);
    pm_buf_dispose(&tmp);
    return rc;
}

int pm_decompress_append(pm_codec_ctx *ctx, pm_codec codec, const void *src, size_t src_len,
                         pm_buf *out, size_t limit, paimon_error *err) {
    switch (codec) {
    case PM_CODEC_NONE:
        if (src_len > limit)
            return pm_err(err, PAIMON_ELIMIT, "block of %zu bytes exceeds %zu", src_len, limit);
        PM_TRY_MEM(err, pm_buf_append(out, src, src_len));
        return PAIMON_OK;
    case PM_CODEC_ZSTD: return zstd_stream_append(ctx, src, src_len, out, limit, err);
    case PM_CODEC_DEFLATE: return inflate_append(src, src_len, out, limit, -15, "deflate", err);
    case PM_CODEC_ZLIB: return inflate_append(src, src_len, out, limit, 15, "zlib", err);
    case PM_CODEC_GZIP: return inflate_append(src, src_len, out, limit, 15 + 32, "gzip", err);
    case PM_CODEC_LZ4_FRAME: return lz4_frame_append(src, src_len, out, limit, err);
    case PM_CODEC_SNAPPY: {
        size_t n;
        if (snappy_uncompressed_length(src, src_len, &n) != SNAPPY_OK)
            return pm_err(err, PAIMON_ECORRUPT, "snappy: invalid header");
        if (n > limit)
            return pm_err(err, PAIMON_ELIMIT, "snappy: output of %zu bytes exceeds %zu", n, limit);
        PM_TRY_MEM(err, pm_buf_reserve(out, n));
        PM_TRY(pm_decompress(ctx, codec, src, src_len, out->data + out->len, n, err));
        out->len += n;
        return PAIMON_OK;
    }
    case PM_CODEC_LZ4_BLOCK:
    case PM_CODEC_LZ4_HADOOP:
        return pm_err(err, PAIMON_EINVAL, "%s: decompressed size must be known",
                      pm_codec_name(codec));
    }
    return pm_err(err, PAIMON_EINVAL, "unknown codec %d", (int)codec);
}

static int deflate_append(int level, int window_bits, const void *src, size_t src_len,
                          pm_buf *out, paimon_error *err) {
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (deflateInit2(&zs, level == 0 ? Z_DEFAULT_COMPRESSION : level, Z_DEFLATED, window_bits, 8,
                     Z_DEFAULT_STRATEGY) != Z_OK)
        return pm_err_nomem(err);
    if (src_len > UINT_MAX) {
        deflateEnd(&zs);
        return pm_err(err, PAIMON_ELIMIT, "deflate: input too large");
    }
    uLong bound = deflateBound(&zs, (uLong)src_len);
    int rc = PAIMON_OK;
    if (pm_buf_reserve(out, bound) != PAIMON_OK) {
        rc = pm_err_nomem(err);
    } else {
        zs.next_in = (Bytef *)src;
        zs.avail_in = (uInt)src_len;
        zs.next_out = out->data + out->len;
        zs.avail_out = (uInt)bound;
        if (deflate(&zs, Z_FINISH) != Z_STREAM_END)
            rc = pm_err(err, PAIMON_EIO, "deflate failed");
        else
            out->len += bound - zs.avail_out;
    }
    deflateEnd(&zs);
    return rc;
}

int pm_compress_append(pm_codec_ctx *ctx, pm_codec codec, int level, const void *src,
                       size_t src_len, pm_buf *out, paimon_error *err) {
    switch (codec) {
    case PM_CODEC_NONE:
        PM_TRY_MEM(err, pm_buf_append(out, src, src_len));
        return PAIMON_OK;
    case PM_CODEC_ZSTD: {
        size_t bound = ZSTD_compressBound(src_len);
        PM_TRY_MEM(err, pm_buf_reserve(out, bound));
        ZSTD_CCtx *temp = NULL;
        ZSTD_CCtx *c;
        if (ctx != NULL) {
            if (ctx->zstd_c == NULL)
                ctx->zstd_c = ZSTD_createCCtx();
            c = ctx->zstd_c;
        } else {
            c = temp = ZSTD_createCCtx();
        }
        if (c == NULL)
            return pm_err_nomem(err);
        size_t n = ZSTD_compressCCtx(c, out->data + out->len, bound, src, src_len,
                                     level == 0 ? 1 : level);
        ZSTD_freeCCtx(temp);
        if (ZSTD_isError(n))
            return pm_err(err, PAIMON_EIO, "zstd: %s", ZSTD_getErrorName(n));
        out->len += n;
        return PAIMON_OK;
    }
    case PM_CODEC_SNAPPY: {
        size_t n = snappy_max_compressed_length(src_len);
        PM_TRY_MEM(err, pm_buf_reserve(out, n));
        if (snappy_compress(src, src_len, (char *)out->data + out->len, &n) != SNAPPY_OK)
            return pm_err(err, PAIMON_EIO, "snappy: compression failed");
        out->len += n;
        return PAIMON_OK;
    }
    case PM_CODEC_DEFLATE: return deflate_append(level, -15, src, src_len, out, err);
    case PM_CODEC_ZLIB: return deflate_append(level, 15, src, src_len, out, err);
    case PM_CODEC_GZIP: return deflate_append(level, 15 + 16, src, src_len, out, err);
    case PM_CODEC_LZ4_BLOCK: {
        if (src_len > LZ4_MAX_INPUT_SIZE)
            return pm_err(err, PAIMON_ELIMIT, "lz4: input too large");
        int bound = LZ4_compressBound((int)src_len);
        PM_TRY_MEM(err, pm_buf_reserve(out, (size_t)bound));
        int n = LZ4_compress_default(src, (char *)out->data + out->len, (int)src_len, bound);
        if (n <= 0)
            return pm_err(err, PAIMON_EIO, "lz4: compression failed");
        out->len += (size_t)n;
        return PAIMON_OK;
    }
    case PM_CODEC_LZ4_FRAME: {
        size_t bound = LZ4F_compressFrameBound(src_len, NULL);
        PM_TRY_MEM(err, pm_buf_reserve(out, bound));
        size_t n = LZ4F_compressFrame(out->data + out->len, bound, src, src_len, NULL);
        if (LZ4F_isError(n))
            return pm_err(err, PAIMON_EIO, "lz4 frame: %s", LZ4F_getErrorName(n));
        out->len += n;
        return PAIMON_OK;
    }
    case PM_CODEC_LZ4_HADOOP: {
        /* One Hadoop block: sizes, then a raw LZ4 block. */
        if (src_len > LZ4_MAX_INPUT_SIZE)
            return pm_err(err, PAIMON_ELIMIT, "lz4: input too large");
        size_t header_at = out->len;
        PM_TRY_MEM(err, pm_buf_append_zeros(out, 8));
        size_t before = out->len;
        PM_TRY(pm_compress_append(ctx, PM_CODEC_LZ4_BLOCK, level, src, src_len, out, err));
        pm_store_be32(out->data + header_at, (uint32_t)src_len);
        pm_store_be32(out->data + header_at + 4, (uint32_t)(out->len - before));
        return PAIMON_OK;
    }
    }
    return pm_err(err, PAIMON_EINVAL, "unknown codec %d", (int)codec);
}

/* ---- bounded decode into a caller buffer (ORC compression chunks) ---- */

static int inflate_bounded(const void *src, size_t src_len, void *dst, size_t cap,
                           size_t *len_out, paimon_error *err) {
    if (src_len > UINT_MAX || cap > UINT_MAX)
        return pm_err(err, PAIMON_ELIMIT, "deflate: block too large");
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (inflateInit2(&zs, -15) != Z_OK)
        return pm_err_nomem(err);
    zs.next_in = (Bytef *)src;
    zs.avail_in = (uInt)src_len;
    zs.next_out = dst;
    zs.avail_out = (uInt)cap;
    int zr = inflate(&zs, Z_FINISH);
    size_t produced = cap - zs.avail_out;
    inflateEnd(&zs);
    if (zr != Z_STREAM_END)
        return pm_err(err, PAIMON_ECORRUPT, "deflate: %s",
                      zr == Z_BUF_ERROR ? "truncated block or output over its bound"
                                        : "invalid data");
    *len_out = produced;
    return PAIMON_OK;
}

int pm_decompress_bounded(pm_codec_ctx *ctx, pm_codec codec, const void *src, size_t src_len,
                          void *dst, size_t cap, size_t *len_out, paimon_error *err) {
    switch (codec) {
    case PM_CODEC_NONE:
        if (src_len > cap)
            return pm_err(err, PAIMON_ECORRUPT, "block of %zu bytes exceeds %zu", src_len, cap);
        memcpy(dst, src, src_len);
        *len_out = src_len;
        return PAIMON_OK;
    case PM_CODEC_ZSTD: {
        ZSTD_DCtx *temp = NULL;
        ZSTD_DCtx *d = zstd_dctx(ctx, &temp);
        if (d == NULL)
            return pm_err_nomem(err);
        size_t n = ZSTD_decompressDCtx(d, dst, cap, src, src_len);
        ZSTD_freeDCtx(temp);
        if (ZSTD_isError(n))
            return pm_err(err, PAIMON_ECORRUPT, "zstd: %s", ZSTD_getErrorName(n));
        *len_out = n;
        return PAIMON_OK;
    }
    case PM_CODEC_SNAPPY: {
        size_t n;
        if (snappy_uncompressed_length(src, src_len, &n) != SNAPPY_OK)
            return pm_err(err, PAIMON_ECORRUPT, "snappy: invalid header");
        if (n > cap)
            return pm_err(err, PAIMON_ECORRUPT, "snappy: block of %zu bytes exceeds %zu", n, cap);
        if (snappy_uncompress(src, src_len, dst, &n) != SNAPPY_OK)
            return pm_err(err, PAIMON_ECORRUPT, "snappy: invalid data");
        *len_out = n;
        return PAIMON_OK;
    }
    case PM_CODEC_DEFLATE: return inflate_bounded(src, src_len, dst, cap, len_out, err);
    case PM_CODEC_LZ4_BLOCK: {
        int rc = lz4_block_decode(src, src_len, dst, cap, len_out);
        if (rc != PAIMON_OK)
            return pm_err(err, rc, "lz4: invalid block or output over %zu bytes", cap);
        return PAIMON_OK;
    }
    default: break;
    }
    return pm_err(err, PAIMON_EUNSUPPORTED, "%s: bounded decoding not supported",
                  pm_codec_name(codec));
}
