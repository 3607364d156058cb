/*
 * avro_writer.h - writing Avro object container files into a pm_buf.
 *
 * The writer schema JSON is stored verbatim (callers that need byte-identical schemas, like
 * the manifest encoders, pass Java's exact strings). Records are encoded by the caller straight
 * into the current block with the avro_binary.h encoders:
 *
 *     pm_buf *b = pm_avro_writer_record(&w);
 *     pm_avro_put_long(b, ...); ...
 *     pm_avro_writer_end_record(&w, err);
 *
 * A block is compressed and flushed once it reaches PM_AVRO_SYNC_INTERVAL bytes, as Java's
 * DataFileWriter does, and at pm_avro_writer_finish. The sync marker is random.
 */
#ifndef PM_FORMAT_AVRO_WRITER_H
#define PM_FORMAT_AVRO_WRITER_H

#include "codec/codec.h"
#include "format/avro/avro_container.h"
#include "util/buf.h"
#include "util/error.h"

#include <stdint.h>

typedef struct pm_avro_writer {
    pm_buf *out;
    pm_codec codec;
    int level;
    uint8_t sync[PM_AVRO_SYNC_LEN];
    pm_buf block; /* encoded records of the block being filled */
    int64_t block_records;
    int64_t total_records;
    pm_buf packed; /* scratch for the compressed block */
    pm_codec_ctx *codec_ctx;
} pm_avro_writer;

/* Appends the header to `out` (which must outlive the writer). `codec` must be one Avro names
 * (none, deflate, snappy, zstd); `level` is passed to the codec (0 = its default). */
int pm_avro_writer_open(pm_avro_writer *w, pm_buf *out, const char *schema_json, pm_codec codec,
                        int level, paimon_error *err);

/* The buffer the next record is encoded into. */
static inline pm_buf *pm_avro_writer_record(pm_avro_writer *w) {
    return &w->block;
}

/* Counts the record just encoded; flushes the block when it is full. */
int pm_avro_writer_end_record(pm_avro_writer *w, paimon_error *err);

/* Flushes the last block. The writer must still be disposed. */
int pm_avro_writer_finish(pm_avro_writer *w, paimon_error *err);

void pm_avro_writer_dispose(pm_avro_writer *w);

#endif
