/*
 * snapshot.h - `snapshot/snapshot-<id>` JSON files, the EARLIEST/LATEST hints, tags (spec 02).
 *
 * Parsing keeps the JSON document so unknown keys survive a rewrite. Optional numeric members
 * have a has_ flag (absent and null are the same). Members without a field here (uuid,
 * writerVersion, logOffsets, properties, operation, ...) are written back from the document at
 * Java's position; a member the document held as explicit null stays null, an absent one stays
 * absent.
 */
#ifndef PM_CORE_SNAPSHOT_H
#define PM_CORE_SNAPSHOT_H

#include "io/fs.h"
#include "util/buf.h"
#include "util/error.h"

#include <stdbool.h>
#include <stdint.h>

struct json_t;

typedef enum pm_commit_kind {
    PM_COMMIT_APPEND,
    PM_COMMIT_COMPACT,
    PM_COMMIT_OVERWRITE,
    PM_COMMIT_ANALYZE,
} pm_commit_kind;

const char *pm_commit_kind_name(pm_commit_kind kind);

typedef struct pm_snapshot {
    int32_t version;
    int64_t id;
    int64_t schema_id;
    char *base_manifest_list;
    bool has_base_manifest_list_size; /* byte sizes of the lists: written since 1.1 */
    int64_t base_manifest_list_size;
    char *delta_manifest_list;
    bool has_delta_manifest_list_size;
    int64_t delta_manifest_list_size;
    char *changelog_manifest_list; /* NULL when absent */
    bool has_changelog_manifest_list_size;
    int64_t changelog_manifest_list_size;
    char *index_manifest;          /* NULL when absent */
    char *commit_user;
    int64_t commit_identifier;
    pm_commit_kind commit_kind;
    int64_t time_millis;
    bool has_total_record_count;
    int64_t total_record_count;
    bool has_delta_record_count;
    int64_t delta_record_count;
    bool has_changelog_record_count;
    int64_t changelog_record_count;
    bool has_watermark;
    int64_t watermark;
    bool has_next_row_id;
    int64_t next_row_id;
    char *statistics; /* NULL when absent */
    struct json_t *json;
    char *source; /* the file it was read from, for error messages; NULL when not parsed */
} pm_snapshot;
/* Where a snapshot came from, for messages naming the file that holds a bad value. */
static inline const char *pm_snapshot_source(const pm_snapshot *s) {
    return s->source != NULL ? s->source : "snapshot";
}

/* Parses snapshot JSON; `source` (a file name) prefixes error messages. */
int pm_snapshot_parse(const char *json_text, size_t len, const char *source, pm_snapshot **out,
                      paimon_error *err);
/* "APPEND" ... -> kind; false for unknown names. */
bool pm_commit_kind_parse(const char *name, pm_commit_kind *out);
/* Java's layout, unknown keys preserved, absent optional members omitted. */
int pm_snapshot_to_json(const pm_snapshot *s, pm_buf *out, paimon_error *err);
void pm_snapshot_free(pm_snapshot *s);

/* Snapshot files of a table (or branch root). Missing snapshot: PAIMON_ENOTFOUND. */
int pm_snapshot_load(pm_fs *fs, const char *table_path, int64_t id, pm_snapshot **out,
                     paimon_error *err);
/* Ids of all snapshot-<n> files, ascending (hints ignored; other names skipped). */
int pm_snapshot_list_ids(pm_fs *fs, const char *table_path, int64_t **ids_out, size_t *count_out,
                         paimon_error *err);
/* Latest / earliest using the hints as Java does (02 §2); *found=false for an empty table. */
int pm_snapshot_latest_id(pm_fs *fs, const char *table_path, int64_t *out, bool *found,
                          paimon_error *err);
int pm_snapshot_earliest_id(pm_fs *fs, const char *table_path, int64_t *out, bool *found,
                            paimon_error *err);
/* The latest snapshot with timeMillis <= t; *found=false if none. Java's binary search
 * (SnapshotManager.earlierOrEqualTimeMills) over [earliest, latest], so with several snapshots
 * sharing one timeMillis the same one as Java is chosen. */
int pm_snapshot_at_or_before(pm_fs *fs, const char *table_path, int64_t time_millis,
                             int64_t *id_out, bool *found, paimon_error *err);

/* The snapshot whose watermark is the first at or after `watermark`, as Java's
 * SnapshotManager.laterOrEqualWatermark finds it (snapshots without a watermark, or with
 * Long.MIN_VALUE, take the position of the nearest earlier one); *found=false if none. */
int pm_snapshot_later_or_equal_watermark(pm_fs *fs, const char *table_path, int64_t watermark,
                                         int64_t *id_out, bool *found, paimon_error *err);
/* The latest snapshot with timeMillis < t as Java's TimeTravelUtil.earlierThanTimeMills
 * (returnNullIfTooEarly) finds it: *found=false without snapshots or when the earliest one is
 * not older than t. */
int pm_snapshot_earlier_than(pm_fs *fs, const char *table_path, int64_t time_millis,
                             int64_t *id_out, bool *found, paimon_error *err);

/* Tags: tag/tag-<name> holds a snapshot JSON (plus tag fields). */
int pm_tag_load(pm_fs *fs, const char *table_path, const char *name, pm_snapshot **out,
                paimon_error *err);
/* Tag names (without "tag-"), sorted by name; free each and the array with pm_free. A table
 * without tags has none. */
int pm_tag_list(pm_fs *fs, const char *table_path, char ***names_out, size_t *count_out,
                paimon_error *err);

/* The tag-only members (02 §7). The create time is a wall-clock LocalDateTime, given as epoch
 * millis/nanos as if it were UTC (like TIMESTAMP values). */
typedef struct pm_tag_meta {
    bool has_create_time;
    int64_t create_time_millis;
    int32_t create_time_nanos; /* 0..999999 within the millisecond */
    bool has_time_retained;
    int64_t time_retained_ms;
} pm_tag_meta;

int pm_tag_meta_of(const pm_snapshot *tag, pm_tag_meta *out, paimon_error *err);
/* Creates tag/tag-<name> from a snapshot (and optional tag members, Java's layout:
 * "tagCreateTime" : [ y, m, d, h, min(, s(, nanos)) ], "tagTimeRetained" : seconds with nine
 * decimals). PAIMON_EEXISTS when the tag exists; PAIMON_EINVAL for an unusable name. */
int pm_tag_create(pm_fs *fs, const char *table_path, const char *name, const pm_snapshot *s,
                  const pm_tag_meta *meta, paimon_error *err);

/* Publishes snapshot-<id> without replacing (PAIMON_EEXISTS if taken), then updates LATEST.
 * Once the snapshot file is published the commit has happened: a failure to write the LATEST
 * hint afterwards is not reported, because readers verify the hint (02 §2). */
int pm_snapshot_commit(pm_fs *fs, const char *table_path, const pm_snapshot *s,
                       paimon_error *err);

#endif
