/*
 * avro_data_writer.h - writing Paimon data files with file.format = avro from Arrow batches.
 *
 * The writer schema follows Java's AvroSchemaConverter (spec 05 §3): record "record" in
 * namespace org.apache.paimon.avro.generated, nested rows named <parent>_<field>, nullable
 * types as ["null", T] with "default": null, decimals as big-endian bytes, TIMESTAMP(p <= 3/6)
 * as timestamp-millis/micros, TIMESTAMP WITH LOCAL TIME ZONE as local-timestamp-millis/micros,
 * maps with string keys as Avro maps and other maps as arrays of {key, value} records marked
 * "logicalType":"map". TIME(p > 3), TIMESTAMP(p > 6) and VARIANT cannot be written (as Java).
 */
#ifndef PM_FORMAT_AVRO_DATA_WRITER_H
#define PM_FORMAT_AVRO_DATA_WRITER_H

#include "data/type.h"
#include "paimon.h"
#include "util/buf.h"
#include "util/error.h"

#include <stdint.h>

/* Appends the writer schema JSON for a row of `fields` (compact, as Java prints it). */
int pm_avro_schema_json_for_fields(const pm_field *fields, size_t count, pm_buf *out,
                                   paimon_error *err);

typedef struct pm_avro_data_writer pm_avro_data_writer;

/* `compression` is a Paimon option value ("zstd", "snappy", "deflate", "none"; NULL = zstd). */
int pm_avro_data_writer_new(const pm_field *fields, size_t count, const char *compression,
                            int zstd_level, pm_avro_data_writer **out, paimon_error *err);

/* Appends the rows of a record batch: a struct array whose children are the fields, in order,
 * laid out for their types (data/arrow_builder.h). On failure the rows before the failing one
 * stay written; the failing row is dropped. */
int pm_avro_data_writer_write(pm_avro_data_writer *w, const struct ArrowArray *batch,
                              paimon_error *err);

int64_t pm_avro_data_writer_row_count(const pm_avro_data_writer *w);

/* Flushes the last block and appends the whole file to `out`. */
int pm_avro_data_writer_finish(pm_avro_data_writer *w, pm_buf *out, paimon_error *err);

void pm_avro_data_writer_free(pm_avro_data_writer *w);

#endif
