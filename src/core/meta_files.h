/*
 * meta_files.h - the table's small metadata files: versioned names (`schema-3`, `snapshot-12`,
 * spec 00 §4) and whole-file reads with a size bound.
 */
#ifndef PM_CORE_META_FILES_H
#define PM_CORE_META_FILES_H

#include "io/fs.h"
#include "util/buf.h"
#include "util/error.h"

#include <stdbool.h>
#include <stdint.h>

/* Metadata JSON files larger than this are refused (PAIMON_ELIMIT) rather than loaded. */
#define PM_META_FILE_LIMIT (64u * 1024u * 1024u)

/* Ids of the entries of `dir` named <prefix><long> (Java's Long.parseLong of the rest), in
 * ascending order; names that do not parse are skipped, a missing directory has none.
 * *ids_out is freed with pm_free. */
int pm_meta_list_versioned(pm_fs *fs, const char *dir, const char *prefix, int64_t **ids_out,
                           size_t *count_out, paimon_error *err);

/* "<table>/<sub>/<prefix><id>" into out. */
int pm_meta_path(pm_buf *out, const char *table_path, const char *sub, const char *prefix,
                 int64_t id);

/* Whether a file exists. */
int pm_meta_exists(pm_fs *fs, const char *path, bool *out, paimon_error *err);

#endif
