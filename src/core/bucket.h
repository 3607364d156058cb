/*
 * bucket.h - fixed-bucket assignment (spec 06 §1-2).
 *
 * The bucket of a row is Java's abs(hash % n) where hash is BinaryRow.hashCode() of a row made
 * of the bucket-key values (header 0, no arity prefix). The bucket key is the `bucket-key` option
 * (comma-separated column names) or, without it, the trimmed primary key.
 */
#ifndef PM_CORE_BUCKET_H
#define PM_CORE_BUCKET_H

#include "core/binary_row.h"
#include "core/schema.h"

#include <stddef.h>
#include <stdint.h>

/* Bucket of an encoded bucket-key row (row bytes, no arity prefix); num_buckets > 0. */
int32_t pm_bucket_of_row(const uint8_t *row, size_t size, int32_t num_buckets);

/* Bucket of n atomic values encoded as one BinaryRow. */
int pm_bucket_of_values(const pm_type *const *types, const pm_datum *values, int32_t n,
                        int32_t num_buckets, int32_t *bucket_out, paimon_error *err);

/* The bucket key of a schema as indexes into its top-level fields, in bucket-key order. The
 * caller frees *indexes_out with pm_free. PAIMON_EINVAL names a column that does not exist or
 * has a type that cannot be a bucket key (ARRAY, MAP, MULTISET, ROW); an empty key (no option,
 * no primary key) is PAIMON_EINVAL too, because fixed buckets need one. */
int pm_bucket_key_indexes(const pm_schema *s, size_t **indexes_out, size_t *count_out,
                          paimon_error *err);

/* Bucket of row `index` of a record batch (a struct array whose children are the schema's
 * columns), hashing the columns listed in `key`. `scratch` is a writer reused between calls. */
int pm_bucket_of_batch_row(const pm_schema *s, const size_t *key, size_t key_count,
                           const struct ArrowArray *batch, int64_t index, int32_t num_buckets,
                           pm_binrow_writer *scratch, int32_t *bucket_out, paimon_error *err);

#endif
