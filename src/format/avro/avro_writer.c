/* avro_writer.c - the Avro object container writer: header, block compression and framing. */
#include "format/avro/avro_writer.h"

#include "format/avro/avro_binary.h"
#include "util/crc32.h"
#include "util/uuid.h"

#include <string.h>

static int write_header(pm_avro_writer *w, const char *schema_json, paimon_error *err) {
    const char *codec_name = pm_avro_codec_name(w->codec);
    pm_buf *b = w->out;
    /* Java writes the schema first, then the codec, in one map block. */
    int rc = pm_buf_append(b, PM_AVRO_MAGIC, PM_AVRO_MAGIC_LEN);
    if (rc == PAIMON_OK)
        rc = pm_avro_put_long(b, 2);
    if (rc == PAIMON_OK)
        rc = pm_avro_put_string(b, "avro.schema");
    if (rc == PAIMON_OK)
        rc = pm_avro_put_string(b, schema_json);
    if (rc == PAIMON_OK)
        rc = pm_avro_put_string(b, "avro.codec");
    if (rc == PAIMON_OK)
        rc = pm_avro_put_string(b, codec_name);
    if (rc == PAIMON_OK)
        rc = pm_avro_put_block_end(b);
    if (rc == PAIMON_OK)
        rc = pm_buf_append(b, w->sync, PM_AVRO_SYNC_LEN);
    return rc == PAIMON_OK ? PAIMON_OK : pm_err_nomem(err);
}

int pm_avro_writer_open(pm_avro_writer *w, pm_buf *out, const char *schema_json, pm_codec codec,
                        int level, paimon_error *err) {
    memset(w, 0, sizeof *w);
    w->out = out;
    w->codec = codec;
    w->level = level;
    if (pm_avro_codec_name(codec) == NULL)
        return pm_err(err, PAIMON_EINVAL, "codec %s cannot be used in Avro files",
                      pm_codec_name(codec));
    PM_TRY(pm_random_bytes(w->sync, PM_AVRO_SYNC_LEN, err));
    if (codec != PM_CODEC_NONE)
        PM_TRY(pm_codec_ctx_new(&w->codec_ctx, err));
    return write_header(w, schema_json, err);
}

static int compress_block(pm_avro_writer *w, paimon_error *err) {
    pm_buf_clear(&w->packed);
    PM_TRY(pm_compress_append(w->codec_ctx, w->codec, w->level, w->block.data, w->block.len,
                              &w->packed, err));
    if (w->codec == PM_CODEC_SNAPPY) {
        uint8_t crc[4];
        pm_store_be32(crc, pm_crc32(0, w->block.data, w->block.len));
        PM_TRY_MEM(err, pm_buf_append(&w->packed, crc, 4));
    }
    return PAIMON_OK;
}

static int flush_block(pm_avro_writer *w, paimon_error *err) {
    if (w->block_records == 0)
        return PAIMON_OK;
    const pm_buf *data = &w->block;
    if (w->codec != PM_CODEC_NONE) {
        PM_TRY(compress_block(w, err));
        data = &w->packed;
    }
    pm_buf *b = w->out;
    int rc = pm_avro_put_long(b, w->block_records);
    if (rc == PAIMON_OK)
        rc = pm_avro_put_long(b, (int64_t)data->len);
    if (rc == PAIMON_OK && data->len > 0)
        rc = pm_buf_append(b, data->data, data->len);
    if (rc == PAIMON_OK)
        rc = pm_buf_append(b, w->sync, PM_AVRO_SYNC_LEN);
    if (rc != PAIMON_OK)
        return pm_err_nomem(err);
    pm_buf_clear(&w->block);
    w->block_records = 0;
    return PAIMON_OK;
}

int pm_avro_writer_end_record(pm_avro_writer *w, paimon_error *err) {
    w->block_records++;
    w->total_records++;
    if (w->block.len >= PM_AVRO_SYNC_INTERVAL)
        return flush_block(w, err);
    return PAIMON_OK;
}

int pm_avro_writer_finish(pm_avro_writer *w, paimon_error *err) {
    return flush_block(w, err);
}

void pm_avro_writer_dispose(pm_avro_writer *w) {
    pm_buf_dispose(&w->block);
    pm_buf_dispose(&w->packed);
    pm_codec_ctx_free(w->codec_ctx);
    w->codec_ctx = NULL;
}
