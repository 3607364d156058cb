/*
 * deletion_vector.h - deletion vectors: the row positions of a data file that must not be read
 * (spec 08 §2-4). Both layouts are read: 32-bit RoaringBitmap (Paimon's default) and the 64-bit
 * Iceberg-compatible one; the CRC is verified.
 */
#ifndef PM_TABLE_DELETION_VECTOR_H
#define PM_TABLE_DELETION_VECTOR_H

#include "io/fs.h"
#include "util/error.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct pm_dv pm_dv;

/* Parses one serialized vector. `data` starts at the vector's length prefix; `range_length` is
 * the length recorded in the index manifest (f2). `source` names the index file in errors. */
int pm_dv_parse(const uint8_t *data, size_t len, int64_t range_length, const char *source,
                pm_dv **out, paimon_error *err);
/* Reads the vector at [offset, offset + length) of an index file. */
int pm_dv_load(pm_fs *fs, const char *index_path, int64_t offset, int64_t length, pm_dv **out,
               paimon_error *err);
bool pm_dv_contains(const pm_dv *dv, int64_t position);
int64_t pm_dv_cardinality(const pm_dv *dv);
void pm_dv_free(pm_dv *dv);

#endif
