/*
 * avro_reader.h - reading Avro object container files, from memory or through a pm_file.
 *
 * Opening parses the header (magic, metadata, writer schema, codec, sync marker). Records are
 * then read block by block: pm_avro_reader_next_block loads and decompresses the next block and
 * leaves `cur` over its encoded records and `records_left` = their count, for decoders that
 * read the records themselves (the data-file reader); pm_avro_reader_next_value decodes them
 * one at a time as generic values (the manifest layer).
 *
 * Every count and length from the file is checked before use; a block whose sync marker does
 * not match the header, that is truncated, or that fails to decompress is PAIMON_ECORRUPT.
 * Messages name the block ("avro block 2 at offset 4711: ..."); the caller adds the file.
 */
#ifndef PM_FORMAT_AVRO_READER_H
#define PM_FORMAT_AVRO_READER_H

#include "codec/codec.h"
#include "format/avro/avro_container.h"
#include "format/avro/avro_schema.h"
#include "format/avro/avro_value.h"
#include "io/fs.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/cursor.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct pm_avro_meta_entry {
    const char *key;
    const uint8_t *value;
    size_t len;
} pm_avro_meta_entry;

typedef struct pm_avro_reader {
    /* The source: a memory buffer (borrowed) or a file (borrowed). */
    const uint8_t *mem;
    size_t mem_len;
    pm_file *file;
    uint64_t size; /* bytes in the source */

    pm_arena arena; /* schema and metadata */
    const pm_avro_schema *schema;
    const char *schema_json; /* NUL-terminated copy of avro.schema */
    pm_avro_meta_entry *meta;
    size_t meta_count;
    pm_codec codec;
    uint8_t sync[PM_AVRO_SYNC_LEN];
    /* Upper bound on a decompressed block; callers may lower it after opening. */
    size_t max_block_bytes;
    /* Zero-byte values left for the whole file (PM_AVRO_EMPTY_BUDGET); decoders of the
     * records pass it to pm_avro_value_read / pm_avro_skip. */
    int64_t empty_budget;

    /* The current block. */
    pm_cursor cur;         /* its records not read yet */
    int64_t records_left;  /* how many */
    int64_t block_records; /* records in the block */
    int64_t block_index;   /* 0-based; -1 before the first */
    uint64_t block_offset;

    /* Internal state. */
    uint64_t first_block_offset;
    uint64_t next_offset;
    pm_codec_ctx *codec_ctx;
    pm_buf stored;   /* file source: the block as stored */
    pm_buf data;     /* the decompressed block */
    pm_arena values; /* nodes returned by next_value; dropped when the next block loads */
} pm_avro_reader;

/* Opens a reader over `len` bytes at `data`, which must outlive it. */
int pm_avro_reader_open_mem(pm_avro_reader *r, const uint8_t *data, size_t len, paimon_error *err);
/* Opens a reader over a file, which must outlive it (the reader does not close it). */
int pm_avro_reader_open_file(pm_avro_reader *r, pm_file *file, paimon_error *err);

/* Loads the next block. At the end of the file sets *has_block = false. Blocks holding zero
 * records are skipped. */
int pm_avro_reader_next_block(pm_avro_reader *r, bool *has_block, paimon_error *err);

/* Decodes the next record as a generic value (loading blocks as needed). At the end sets
 * *has_value = false. The value stays valid until the next call. */
int pm_avro_reader_next_value(pm_avro_reader *r, pm_avro_value *out, bool *has_value,
                              paimon_error *err);

/* Total number of records, from the block headers (nothing is decompressed). Does not move
 * the reading position. */
int pm_avro_reader_count_records(pm_avro_reader *r, int64_t *out, paimon_error *err);

/* A metadata value by key, or NULL. */
const uint8_t *pm_avro_reader_meta(const pm_avro_reader *r, const char *key, size_t *len);

void pm_avro_reader_close(pm_avro_reader *r);

#endif
