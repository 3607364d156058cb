/*
 * orc.h - the ORC format beyond the common reader interface (format.h): opening in-memory
 * files (manifests), describing a file's schema as Paimon fields, converting statistics, and
 * writing ORC files.
 */
#ifndef PM_FORMAT_ORC_H
#define PM_FORMAT_ORC_H

#include "codec/codec.h"
#include "data/type.h"
#include "format/format.h"
#include "io/fs.h"
#include "util/buf.h"

#include <stdbool.h>
#include <stddef.h>

/* Opens an ORC file held in memory (borrowed: it must outlive the reader). */
int pm_orc_reader_open_buffer(const uint8_t *data, size_t len, const char *path,
                              const pm_read_options *opts, pm_format_reader **out,
                              paimon_error *err);

/* A pm_file over borrowed memory (closed with pm_file_close). */
int pm_orc_mem_file_new(const uint8_t *data, size_t len, pm_file **out, paimon_error *err);

/* The file's top-level columns as Paimon fields: ORC types mapped back to the Paimon types Java
 * writes them from (byte -> TINYINT, string -> STRING, varchar(n) -> VARCHAR(n), timestamp ->
 * TIMESTAMP(9), timestamp with local time zone -> TIMESTAMP(9) WITH LOCAL TIME ZONE, ...), field
 * ids from the "paimon.id" attributes (else the position), everything nullable. Unions are
 * PAIMON_EUNSUPPORTED. The caller frees each field with pm_field_dispose and the array with
 * pm_free. */
int pm_orc_file_fields(pm_file *file, const char *path, pm_field **fields_out, size_t *count_out,
                       paimon_error *err);

/* Largest decompressed stream the reader accepts (default 2 GiB). Fuzz targets lower it so that
 * small inputs cannot ask for huge allocations. */
void pm_orc_set_stream_limit(size_t bytes);

/* ---- writer ---- */

typedef struct pm_orc_write_options {
    pm_codec codec;           /* PM_CODEC_NONE, ZSTD, DEFLATE (ORC ZLIB), SNAPPY, LZ4_BLOCK */
    int compression_level;    /* 0 = codec default */
    size_t block_size;        /* compression chunk size; 0 = 256 KiB */
    size_t stripe_rows;       /* rows per stripe; 0 = 1M */
    bool dictionary;          /* DICTIONARY_V2 for string columns whose values repeat */
    bool field_ids;           /* write "paimon.id" attributes (default in Java >= 1.0) */
} pm_orc_write_options;

typedef struct pm_orc_writer pm_orc_writer;

/* Starts a file for `fields` (copied). Accepts the Paimon types Java maps to ORC (format spec
 * 05 §3), nested ones included. */
int pm_orc_writer_new(const pm_field *fields, size_t field_count, const pm_orc_write_options *opts,
                      pm_orc_writer **out, paimon_error *err);
/* Appends the rows of a record batch (a struct array whose children are the fields). */
int pm_orc_writer_write(pm_orc_writer *w, const struct ArrowArray *batch, paimon_error *err);
/* Finishes the file into `out` (replacing its content). */
int pm_orc_writer_finish(pm_orc_writer *w, pm_buf *out, paimon_error *err);
void pm_orc_writer_free(pm_orc_writer *w);

#endif
