/*
 * parquet.h - the Parquet reader's entry points beyond format.h, and the Parquet writer.
 *
 * pm_parquet_reader_open (declared in format/format.h) is the reader the table layer uses. The
 * helpers here open a file's footer on their own, for tools, tests and fuzzing that need to know
 * a file's columns before reading it.
 *
 * The writer produces the files Java Paimon writes with file.format = parquet (spec 05 §3):
 * the schema of ParquetSchemaConverter (message "paimon_schema", field ids, 3-level lists,
 * MAP/key_value maps, INT96 for TIMESTAMP(7..9)), data pages v1 with RLE levels, dictionary
 * encoding with fallback to PLAIN as parquet-mr's PARQUET_1_0 writer does it, page CRCs, and
 * column chunk statistics with Parquet's sort orders.
 */
#ifndef PM_FORMAT_PARQUET_H
#define PM_FORMAT_PARQUET_H

#include "codec/codec.h"
#include "data/type.h"
#include "format/format.h"
#include "io/fs.h"
#include "util/buf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The file's top-level columns as Paimon fields (types as pm_pq_node_to_type derives them:
 * STRING for UTF8, TIMESTAMP(9) for INT96, ARRAY/MAP/ROW for groups...). Does not take
 * ownership of `file`. Free the result with pm_parquet_fields_free. */
int pm_parquet_read_fields(pm_file *file, const char *path, pm_field **out, size_t *count,
                           paimon_error *err);
void pm_parquet_fields_free(pm_field *fields, size_t count);

/* ---- writer ---- */

typedef struct pm_parquet_write_options {
    pm_codec codec;              /* NONE, ZSTD, SNAPPY, GZIP, LZ4_BLOCK (LZ4_RAW) or LZ4_HADOOP
                                    (LZ4, what parquet-mr writes for "lz4") */
    int compression_level;       /* 0 = the codec's default */
    size_t row_group_size;       /* target bytes of a row group (parquet.block.size) */
    size_t page_size;            /* target bytes of a data page (parquet.page.size) */
    size_t page_row_limit;       /* rows of a data page at most (parquet.page.row.count.limit) */
    size_t dictionary_page_size; /* dictionary bytes before a chunk falls back to PLAIN
                                    (parquet.dictionary.page.size) */
    bool dictionary;             /* dictionary encoding (parquet.enable.dictionary) */
    bool field_ids;              /* field ids on the schema (Java Paimon >= 1.0) */
    bool page_checksums;         /* CRC-32 of every page (parquet.page.write-checksum.enabled) */
    const char *created_by;      /* NULL = "paimon-c version <version>" */
} pm_parquet_write_options;

/* Java Paimon's defaults: zstd level 1 (file.compression, file.compression.zstd-level),
 * 128 MiB row groups, 1 MiB pages of at most 20000 rows, 1 MiB dictionaries, dictionary
 * encoding, field ids and page checksums on. A size of 0 in an options struct also selects its
 * default. */
void pm_parquet_write_options_init(pm_parquet_write_options *opts);

typedef struct pm_parquet_writer pm_parquet_writer;

/* Starts a file for `fields` (copied). `opts` NULL = the defaults. Types Java cannot write to
 * Parquet here (VARIANT) are PAIMON_EUNSUPPORTED. */
int pm_parquet_writer_new(const pm_field *fields, size_t field_count,
                          const pm_parquet_write_options *opts, pm_parquet_writer **out,
                          paimon_error *err);
/* Appends the rows of a record batch: a struct array whose children are the fields, in order,
 * laid out for their types (data/arrow_builder.h). A null in a NOT NULL column, or a null map
 * key (Parquet map keys are required, as in Java), is PAIMON_EINVAL; after a failure the writer
 * only accepts pm_parquet_writer_free. */
int pm_parquet_writer_write(pm_parquet_writer *w, const struct ArrowArray *batch,
                            paimon_error *err);
/* Rows written so far. */
int64_t pm_parquet_writer_row_count(const pm_parquet_writer *w);
/* Bytes of the file so far plus the buffered pages of the open row group (an estimate of the
 * finished size, for rolling files). */
uint64_t pm_parquet_writer_estimated_size(const pm_parquet_writer *w);
/* Appends the bytes of the file completed so far (the magic number and the row groups already
 * flushed) to `out` and drops them from the writer, so that a caller can stream large files;
 * finish then returns the rest. */
int pm_parquet_writer_drain(pm_parquet_writer *w, pm_buf *out, paimon_error *err);
/* Flushes the last row group, writes the footer and moves the rest of the file (all of it
 * unless drained) into `out` (replacing its content). */
int pm_parquet_writer_finish(pm_parquet_writer *w, pm_buf *out, paimon_error *err);
/* After finish: statistics of top-level field `field` over the whole file, as Java's
 * ParquetSimpleStatsExtractor derives a file's SimpleStats from the footer: min, max and null
 * count of columns of atomic types (no bounds for TIMESTAMP(7..9), whose INT96 values have no
 * order, or for floating-point columns holding only NaN), nothing for ARRAY, MAP, MULTISET and
 * ROW columns. Byte payloads are borrowed from the writer. */
void pm_parquet_writer_field_stats(const pm_parquet_writer *w, size_t field,
                                   pm_column_stats *out);
void pm_parquet_writer_free(pm_parquet_writer *w);

#endif
