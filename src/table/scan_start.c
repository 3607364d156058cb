/*
 * scan_start.c - where a batch scan starts, and which files it may read.
 *
 * The per-query time travel of paimon_scan_options wins. Without it the table's own options
 * decide, the way Java's starting scanners read them (CoreOptions.startupMode,
 * AbstractDataTableScan.createStartingScanner, TimeTravelUtil): scan.mode, scan.snapshot-id,
 * scan.tag-name, scan.watermark, scan.timestamp(-millis), scan.version,
 * scan.file-creation-time-millis, scan.creation-time-millis. Options of the latest schema of the
 * branch apply, as in Java, also when the snapshot read was written with an older one. Modes
 * whose batch result is a change set (latest-delta, incremental) are refused; they are what
 * paimon_table_changes reads. docs/read-options.md lists every option and its decision.
 */
#include "table/plan.h"

#include "util/strutil.h"
#include "util/timeutil.h"

#include <string.h>

typedef enum startup_mode {
    MODE_DEFAULT,
    MODE_LATEST_FULL,
    MODE_FULL,
    MODE_LATEST,
    MODE_LATEST_DELTA,
    MODE_COMPACTED_FULL,
    MODE_FROM_TIMESTAMP,
    MODE_FROM_CREATION_TIMESTAMP,
    MODE_FROM_FILE_CREATION_TIME,
    MODE_FROM_SNAPSHOT,
    MODE_FROM_SNAPSHOT_FULL,
    MODE_INCREMENTAL,
    MODE_COUNT
} startup_mode;

static const char *const mode_names[MODE_COUNT] = {
    "default",          "latest-full",     "full",
    "latest",           "latest-delta",    "compacted-full",
    "from-timestamp",   "from-creation-timestamp", "from-file-creation-time",
    "from-snapshot",    "from-snapshot-full",      "incremental"};

/* The scan options of the latest schema, after scan.version is resolved. */
typedef struct scan_opts {
    const pm_schema *schema;
    const char *mode_key; /* "scan.mode" or its fallback key "log.scan" */
    startup_mode mode;
    const char *snapshot_id;
    const char *tag;
    const char *watermark;
    const char *timestamp_millis;
    const char *timestamp;
    const char *version;
    const char *file_creation_millis;
    const char *creation_millis;
    const char *incremental; /* the first incremental option set, by key */
} scan_opts;

static const char *opt(const pm_schema *s, const char *key, const char *fallback_key) {
    const char *v = pm_schema_option(s, key);
    return v != NULL || fallback_key == NULL ? v : pm_schema_option(s, fallback_key);
}

static const char *key_of(const pm_schema *s, const char *key, const char *fallback_key) {
    return pm_schema_option(s, key) != NULL || fallback_key == NULL ? key : fallback_key;
}

static int parse_mode(scan_opts *so, paimon_error *err) {
    const char *v = opt(so->schema, "scan.mode", "log.scan");
    so->mode_key = key_of(so->schema, "scan.mode", "log.scan");
    so->mode = MODE_DEFAULT;
    if (v == NULL)
        return PAIMON_OK;
    for (int m = 0; m < MODE_COUNT; m++) {
        if (pm_str_ieq(v, mode_names[m])) {
            so->mode = (startup_mode)m;
            return PAIMON_OK;
        }
    }
    return pm_err(err, PAIMON_EINVAL,
                  "option '%s': unknown scan mode '%s' (default, latest-full, full, latest, "
                  "latest-delta, compacted-full, from-timestamp, from-creation-timestamp, "
                  "from-file-creation-time, from-snapshot, from-snapshot-full, incremental)",
                  so->mode_key, v);
}

/* CoreOptions.startupMode: the mode "default" is derived from the options that are set. */
static startup_mode effective_mode(const scan_opts *so) {
    if (so->mode == MODE_FULL)
        return MODE_LATEST_FULL;
    if (so->mode != MODE_DEFAULT)
        return so->mode;
    if (so->timestamp_millis != NULL || so->timestamp != NULL)
        return MODE_FROM_TIMESTAMP;
    if (so->snapshot_id != NULL || so->tag != NULL || so->watermark != NULL ||
        so->version != NULL)
        return MODE_FROM_SNAPSHOT;
    if (so->file_creation_millis != NULL)
        return MODE_FROM_FILE_CREATION_TIME;
    if (so->creation_millis != NULL)
        return MODE_FROM_CREATION_TIMESTAMP;
    if (pm_schema_option(so->schema, "incremental-between") != NULL ||
        pm_schema_option(so->schema, "incremental-between-timestamp") != NULL)
        return MODE_INCREMENTAL;
    return MODE_LATEST_FULL;
}

static int int_option(const pm_schema *s, const char *key, const char *fallback_key,
                      int64_t *out, paimon_error *err) {
    const pm_options *o = &s->options;
    const char *k = key_of(s, key, fallback_key);
    return pm_options_get_int(o, k, 0, out, err);
}

static bool tag_exists(paimon_table *t, const char *name) {
    pm_snapshot *s;
    paimon_error ignored;
    if (pm_tag_load(t->fs, t->meta_path, name, &s, &ignored) != PAIMON_OK)
        return false;
    pm_snapshot_free(s);
    return true;
}

/* TimeTravelUtil.adaptScanVersion: a tag of that name, else watermark-<n>, else a snapshot id. */
static int resolve_version(paimon_table *t, scan_opts *so, paimon_error *err) {
    const char *v = so->version;
    if (v == NULL)
        return PAIMON_OK;
    size_t n = strlen(v);
    bool digits = true;
    for (size_t i = 0; i < n; i++)
        digits = digits && v[i] >= '0' && v[i] <= '9';
    int64_t ignored;
    if (tag_exists(t, v))
        so->tag = v;
    else if (strncmp(v, "watermark-", 10) == 0 && pm_parse_i64(v + 10, n - 10, &ignored))
        so->watermark = v + 10;
    else if (digits && pm_parse_i64(v, n, &ignored))
        so->snapshot_id = v;
    else
        return pm_err(err, PAIMON_ENOTFOUND,
                      "%s: option 'scan.version' = '%s': no tag of that name, and neither a "
                      "snapshot id nor watermark-<n>",
                      t->name, v);
    return PAIMON_OK;
}

static int load_snapshot(paimon_plan *p, int64_t id, paimon_error *err) {
    paimon_table *t = p->table;
    return pm_snapshot_load(t->fs, t->meta_path, id, &p->snapshot, err);
}

/* Time travel reads the columns of the schema the snapshot was written with under the table's
 * current options, as Java's time travel does (AbstractFileStoreTable.tryTimeTravel copies the
 * snapshot's schema with the latest options): an option altered since, such as ignore-delete or
 * deletion-vectors.enabled, applies to old snapshots too. */
static int snapshot_schema(paimon_plan *p, paimon_error *err) {
    const pm_schema *latest;
    PM_TRY(pm_table_latest_schema(p->table, &latest, err));
    return pm_table_travel_schema(p->table, p->snapshot->schema_id, latest->id, &p->schema, err);
}

static int latest_snapshot(paimon_plan *p, bool *found, paimon_error *err) {
    paimon_table *t = p->table;
    int64_t id;
    PM_TRY(pm_snapshot_latest_id(t->fs, t->meta_path, &id, found, err));
    if (*found)
        PM_TRY(load_snapshot(p, id, err));
    return PAIMON_OK;
}

static int at_timestamp(paimon_plan *p, int64_t millis, const char *what, paimon_error *err) {
    paimon_table *t = p->table;
    int64_t id;
    bool found;
    PM_TRY(pm_snapshot_at_or_before(t->fs, t->meta_path, millis, &id, &found, err));
    if (!found)
        return pm_err(err, PAIMON_ENOTFOUND, "%s: no snapshot was committed at or before %lld ms%s",
                      t->name, (long long)millis, what);
    return load_snapshot(p, id, err);
}

static int per_query_travel(paimon_plan *p, const paimon_scan_options *o, paimon_error *err) {
    paimon_table *t = p->table;
    if (o->snapshot_id > 0)
        PM_TRY(load_snapshot(p, o->snapshot_id, err));
    else if (o->tag != NULL)
        PM_TRY(pm_tag_load(t->fs, t->meta_path, o->tag, &p->snapshot, err));
    else
        PM_TRY(at_timestamp(p, o->timestamp_millis, "", err));
    return snapshot_schema(p, err);
}

/* SnapshotManager.pickOrLatest for compacted-full: the newest COMPACT snapshot (that is a full
 * compaction when `delta_commits` > 0), else the latest snapshot. */
static int pick_compacted(paimon_plan *p, int64_t delta_commits, paimon_error *err) {
    paimon_table *t = p->table;
    int64_t latest, earliest;
    bool has_latest, has_earliest;
    PM_TRY(pm_snapshot_latest_id(t->fs, t->meta_path, &latest, &has_latest, err));
    PM_TRY(pm_snapshot_earliest_id(t->fs, t->meta_path, &earliest, &has_earliest, err));
    if (!has_latest || !has_earliest)
        return PAIMON_OK;
    for (int64_t id = latest; id >= earliest; id--) {
        pm_snapshot *s;
        int rc = pm_snapshot_load(t->fs, t->meta_path, id, &s, err);
        if (rc == PAIMON_ENOTFOUND)
            continue;
        PM_TRY(rc);
        int64_t ident = s->commit_identifier;
        bool picked = s->commit_kind == PM_COMMIT_COMPACT &&
                      (delta_commits <= 0 || ident % delta_commits == 0 || ident == INT64_MAX);
        if (picked) {
            p->snapshot = s;
            return PAIMON_OK;
        }
        pm_snapshot_free(s);
    }
    return load_snapshot(p, latest, err);
}

static int compacted_full(paimon_plan *p, const scan_opts *so, paimon_error *err) {
    const char *producer = pm_schema_option(so->schema, "changelog-producer");
    const char *commits = pm_schema_option(so->schema, "full-compaction.delta-commits");
    int64_t delta_commits = 0;
    if ((producer != NULL && pm_str_ieq(producer, "full-compaction")) || commits != NULL) {
        PM_TRY(pm_options_get_int(&so->schema->options, "full-compaction.delta-commits", 1,
                                  &delta_commits, err));
        if (delta_commits <= 0)
            return pm_err(err, PAIMON_EINVAL,
                          "option 'full-compaction.delta-commits' must be positive, not %lld",
                          (long long)delta_commits);
    }
    return pick_compacted(p, delta_commits, err);
}

/* The epoch milliseconds of scan.timestamp-millis, or of scan.timestamp read in the local time
 * zone as Java does (DateTimeUtils.parseTimestampData with TimeZone.getDefault()). */
static int timestamp_millis(const scan_opts *so, int64_t *out, paimon_error *err) {
    if (so->timestamp_millis != NULL)
        return int_option(so->schema, "scan.timestamp-millis", "log.scan.timestamp-millis", out,
                          err);
    if (so->timestamp == NULL)
        return pm_err(err, PAIMON_EINVAL,
                      "option '%s' = 'from-timestamp' needs 'scan.timestamp-millis' or "
                      "'scan.timestamp'",
                      so->mode_key);
    int64_t wall;
    int32_t nanos;
    const char *v = so->timestamp;
    if (!pm_parse_timestamp(v, strlen(v), &wall, &nanos) ||
        !pm_local_wall_to_epoch_millis(wall, out))
        return pm_err(err, PAIMON_EINVAL,
                      "option 'scan.timestamp': '%s' is not a timestamp 'yyyy-MM-dd HH:mm:ss'", v);
    return PAIMON_OK;
}

static int required_int(const scan_opts *so, const char *key, const char *value, int64_t *out,
                        paimon_error *err) {
    if (value == NULL)
        return pm_err(err, PAIMON_EINVAL, "option '%s' = '%s' needs the option '%s'",
                      so->mode_key, mode_names[so->mode], key);
    return pm_options_get_int(&so->schema->options, key, 0, out, err);
}

/* from-snapshot: scan.snapshot-id, else scan.watermark, else scan.tag-name. */
static int from_snapshot(paimon_plan *p, const scan_opts *so, paimon_error *err) {
    paimon_table *t = p->table;
    int64_t v;
    if (so->snapshot_id != NULL) {
        if (!pm_parse_i64(so->snapshot_id, strlen(so->snapshot_id), &v))
            return pm_err(err, PAIMON_EINVAL, "option 'scan.snapshot-id': '%s' is not an integer",
                          so->snapshot_id);
        PM_TRY(load_snapshot(p, v, err));
    } else if (so->watermark != NULL) {
        if (!pm_parse_i64(so->watermark, strlen(so->watermark), &v))
            return pm_err(err, PAIMON_EINVAL, "option 'scan.watermark': '%s' is not an integer",
                          so->watermark);
        int64_t id;
        bool found;
        PM_TRY(pm_snapshot_later_or_equal_watermark(t->fs, t->meta_path, v, &id, &found, err));
        if (!found)
            return pm_err(err, PAIMON_ENOTFOUND,
                          "%s: option 'scan.watermark': no snapshot has a watermark at or after "
                          "%lld",
                          t->name, (long long)v);
        PM_TRY(load_snapshot(p, id, err));
    } else if (so->tag != NULL) {
        PM_TRY(pm_tag_load(t->fs, t->meta_path, so->tag, &p->snapshot, err));
    } else {
        return pm_err(err, PAIMON_EINVAL,
                      "option '%s' = 'from-snapshot' needs 'scan.snapshot-id', 'scan.tag-name' or "
                      "'scan.watermark'",
                      so->mode_key);
    }
    return snapshot_schema(p, err);
}

/* from-creation-timestamp: the first snapshot committed at or after the instant, read whole;
 * when there is none (all are older, or the instant is before the earliest), the latest snapshot
 * with the files created since. */
static int from_creation_timestamp(paimon_plan *p, int64_t millis, paimon_error *err) {
    paimon_table *t = p->table;
    int64_t id;
    bool found, exists = false;
    PM_TRY(pm_snapshot_earlier_than(t->fs, t->meta_path, millis, &id, &found, err));
    if (found && id < INT64_MAX) {
        paimon_error missing;
        int rc = load_snapshot(p, id + 1, &missing);
        if (rc != PAIMON_OK && rc != PAIMON_ENOTFOUND)
            return pm_err(err, rc, "%s", missing.message);
        exists = rc == PAIMON_OK;
    }
    if (!exists) {
        p->has_creation_filter = true;
        p->creation_millis = millis;
        PM_TRY(latest_snapshot(p, &found, err));
    }
    return pm_table_latest_schema(t, &p->schema, err);
}

static bool changelog_decoupled(const pm_schema *s) {
    static const char *const keys[] = {"changelog.num-retained.min", "changelog.num-retained.max",
                                       "changelog.time-retained"};
    for (size_t i = 0; i < 3; i++) {
        if (pm_schema_option(s, keys[i]) != NULL)
            return true;
    }
    return false;
}

static int refuse_changes_mode(const scan_opts *so, paimon_error *err) {
    if (so->mode == MODE_LATEST_DELTA)
        return pm_err(err, PAIMON_EUNSUPPORTED,
                      "table option '%s' = 'latest-delta' makes batch scans return the changes of "
                      "the latest snapshot, which scans do not support (read them with "
                      "paimon_table_changes)",
                      so->mode_key);
    return pm_err(err, PAIMON_EUNSUPPORTED,
                  "table option '%s' makes batch scans return the changes between two "
                  "snapshots, which scans do not support (read them with paimon_table_changes)",
                  so->incremental ? so->incremental : so->mode_key);
}

static int from_table_options(paimon_plan *p, const pm_schema *latest, paimon_error *err) {
    paimon_table *t = p->table;
    scan_opts so;
    memset(&so, 0, sizeof so);
    so.schema = latest;
    PM_TRY(parse_mode(&so, err));
    so.snapshot_id = opt(latest, "scan.snapshot-id", NULL);
    so.tag = opt(latest, "scan.tag-name", NULL);
    so.watermark = opt(latest, "scan.watermark", NULL);
    so.timestamp_millis = opt(latest, "scan.timestamp-millis", "log.scan.timestamp-millis");
    so.timestamp = opt(latest, "scan.timestamp", NULL);
    so.version = opt(latest, "scan.version", NULL);
    so.file_creation_millis = opt(latest, "scan.file-creation-time-millis", NULL);
    so.creation_millis = opt(latest, "scan.creation-time-millis", NULL);
    static const char *const incremental[] = {"incremental-between",
                                              "incremental-between-timestamp",
                                              "incremental-to-auto-tag"};
    for (size_t i = 0; i < 3 && so.incremental == NULL; i++) {
        if (pm_schema_option(latest, incremental[i]) != NULL)
            so.incremental = incremental[i];
    }
    PM_TRY(resolve_version(t, &so, err));
    startup_mode mode = effective_mode(&so);
    so.mode = mode;
    int64_t millis = 0;
    bool found;
    switch (mode) {
    case MODE_LATEST_DELTA:
    case MODE_INCREMENTAL:
        return refuse_changes_mode(&so, err);
    case MODE_COMPACTED_FULL:
        PM_TRY(compacted_full(p, &so, err));
        return pm_table_latest_schema(t, &p->schema, err);
    case MODE_FROM_TIMESTAMP:
        PM_TRY(timestamp_millis(&so, &millis, err));
        PM_TRY(at_timestamp(p, millis, " (table option 'scan.timestamp')", err));
        return snapshot_schema(p, err);
    case MODE_FROM_FILE_CREATION_TIME:
        PM_TRY(required_int(&so, "scan.file-creation-time-millis", so.file_creation_millis,
                            &millis, err));
        p->has_creation_filter = true;
        p->creation_millis = millis;
        PM_TRY(latest_snapshot(p, &found, err));
        return pm_table_latest_schema(t, &p->schema, err);
    case MODE_FROM_CREATION_TIMESTAMP:
        PM_TRY(required_int(&so, "scan.creation-time-millis", so.creation_millis, &millis, err));
        if (changelog_decoupled(latest))
            return pm_err(err, PAIMON_EUNSUPPORTED,
                          "table option '%s' = 'from-creation-timestamp' with a changelog "
                          "lifecycle decoupled from snapshots (changelog.num-retained.*, "
                          "changelog.time-retained) is not supported",
                          so.mode_key);
        return from_creation_timestamp(p, millis, err);
    case MODE_FROM_SNAPSHOT:
        return from_snapshot(p, &so, err);
    case MODE_FROM_SNAPSHOT_FULL:
        PM_TRY(required_int(&so, "scan.snapshot-id", so.snapshot_id, &millis, err));
        PM_TRY(load_snapshot(p, millis, err));
        return snapshot_schema(p, err);
    default:
        PM_TRY(latest_snapshot(p, &found, err));
        return pm_table_latest_schema(t, &p->schema, err);
    }
}

/* Filters on the files a batch scan reads: scan.bucket, and the postpone bucket (bucket = -2),
 * whose files wait for compaction into real buckets and are not read. */
static int file_filters(paimon_plan *p, const pm_schema *latest, paimon_error *err) {
    const pm_options *o = &latest->options;
    if (pm_options_get(o, "scan.bucket") != NULL) {
        int64_t b;
        PM_TRY(pm_options_get_int(o, "scan.bucket", 0, &b, err));
        if (b < INT32_MIN || b > INT32_MAX)
            return pm_err(err, PAIMON_EINVAL, "option 'scan.bucket': %lld is out of range",
                          (long long)b);
        p->has_scan_bucket = true;
        p->scan_bucket = (int32_t)b;
    }
    const char *bucket = pm_schema_option(latest, "bucket");
    int64_t buckets = -1;
    if (bucket != NULL)
        PM_TRY(pm_options_get_int(o, "bucket", -1, &buckets, err));
    if (buckets == -2) {
        p->only_real_buckets = true;
        PM_TRY(pm_options_get_bool(o, "postpone.merge-on-read", false, &p->postpone_merge_on_read,
                                   err));
    }
    return PAIMON_OK;
}

int pm_scan_start(paimon_plan *p, const paimon_scan_options *o, paimon_error *err) {
    int travel = (o->snapshot_id > 0) + (o->tag != NULL) + (o->has_timestamp ? 1 : 0);
    if (travel > 1)
        return pm_err(err, PAIMON_EINVAL,
                      "choose one of snapshot id, tag and timestamp for time travel");
    const pm_schema *latest;
    PM_TRY(pm_table_latest_schema(p->table, &latest, err));
    PM_TRY(pm_table_check_options(p->table, latest, err));
    PM_TRY(file_filters(p, latest, err));
    if (travel > 0)
        return per_query_travel(p, o, err);
    return from_table_options(p, latest, err);
}
