/*
 * partition.h - partition and bucket folder names (spec 00 §1, §3).
 *
 * A partition folder is "k1=v1/k2=v2" (keys in partitionKeys order, both sides escaped). The
 * value text is Java's: with `partition.legacy-name` (default true) the toString of the internal
 * value (DATE as its day count, TIMESTAMP as LocalDateTime.toString, doubles as
 * Double.toString), otherwise CAST(value AS STRING). Null, empty and whitespace-only values use
 * `partition.default-name` (default __DEFAULT_PARTITION__). Folder names are for placing files
 * only; the true partition value is the BinaryRow in the manifest.
 */
#ifndef PM_CORE_PARTITION_H
#define PM_CORE_PARTITION_H

#include "core/binary_row.h"
#include "core/schema.h"

#define PM_DEFAULT_PARTITION_NAME "__DEFAULT_PARTITION__"

typedef struct pm_partition_namer {
    const pm_field **fields; /* the partition fields, borrowed from the schema */
    size_t count;
    char *default_name;
    bool legacy;
} pm_partition_namer;

/* Resolves the partition fields and the naming options of a schema. */
int pm_partition_namer_init(pm_partition_namer *p, const pm_schema *s, paimon_error *err);
void pm_partition_namer_dispose(pm_partition_namer *p);

/* Appends the folder path of a partition row (arity = number of partition keys), without a
 * trailing '/'; an unpartitioned table's path is empty. */
int pm_partition_path(const pm_partition_namer *p, const pm_binrow *partition, pm_buf *out,
                      paimon_error *err);

/* Appends the unescaped text of one partition value (default name for null/blank).
 * PAIMON_EUNSUPPORTED for types whose legacy text Java cannot reproduce (binary: an object
 * identity) and for nested types. */
int pm_partition_value_text(const pm_type *type, const pm_datum *value, bool legacy,
                            const char *default_name, pm_buf *out, paimon_error *err);

/* PartitionPathUtils.escapePathName / unescapePathName. */
int pm_partition_escape(const char *s, size_t n, pm_buf *out);
int pm_partition_unescape(const char *s, size_t n, pm_buf *out);

/* Java's String isNullOrWhitespaceOnly on UTF-8 text (Character.isWhitespace per char). */
bool pm_is_blank_utf8(const uint8_t *s, size_t n);

/* "bucket-<n>", or "bucket-postpone" for the postpone bucket (-2). */
int pm_bucket_dir_name(int32_t bucket, pm_buf *out);

#endif
