/*
 * parquet.h - the Parquet reader's entry points beyond format.h.
 *
 * pm_parquet_reader_open (declared in format/format.h) is the reader the table layer uses. The
 * helpers here open a file's footer on their own, for tools, tests and fuzzing that need to know
 * a file's columns before reading it.
 */
#ifndef PM_FORMAT_PARQUET_H
#define PM_FORMAT_PARQUET_H

#include "data/type.h"
#include "format/format.h"
#include "io/fs.h"

/* The file's top-level columns as Paimon fields (types as pm_pq_node_to_type derives them:
 * STRING for UTF8, TIMESTAMP(9) for INT96, ARRAY/MAP/ROW for groups...). Does not take
 * ownership of `file`. Free the result with pm_parquet_fields_free. */
int pm_parquet_read_fields(pm_file *file, const char *path, pm_field **out, size_t *count,
                           paimon_error *err);
void pm_parquet_fields_free(pm_field *fields, size_t count);

#endif
