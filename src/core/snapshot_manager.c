/*
 * snapshot_manager.c - the snapshot/ folder of a table: loading snapshots, listing ids, the
 * EARLIEST/LATEST hints as Java's HintFileUtils uses them, time travel by timestamp, commit.
 */
#include "core/meta_files.h"
#include "core/snapshot.h"

#include "util/mem.h"
#include "util/strutil.h"

#include <stdio.h>
#include <string.h>

#define HINT_READ_ATTEMPTS 3

static int snapshot_dir(pm_buf *out, const char *table_path) {
    if (pm_path_join(out, table_path, "snapshot") != PAIMON_OK || pm_buf_cstr(out) == NULL)
        return PAIMON_ENOMEM;
    return PAIMON_OK;
}

int pm_snapshot_load(pm_fs *fs, const char *table_path, int64_t id, pm_snapshot **out,
                     paimon_error *err) {
    pm_buf path = PM_BUF_INIT, text = PM_BUF_INIT;
    if (pm_meta_path(&path, table_path, "snapshot", "snapshot-", id) != PAIMON_OK)
        return pm_err_nomem(err);
    const char *p = (const char *)path.data;
    int rc = pm_fs_read_all(fs, p, &text, PM_META_FILE_LIMIT, err);
    if (rc == PAIMON_OK)
        rc = pm_snapshot_parse((const char *)text.data, text.len, p, out, err);
    if (rc == PAIMON_OK && (*out)->id != id) {
        rc = PM_CORRUPT(err, "%s: holds snapshot id %lld", p, (long long)(*out)->id);
        pm_snapshot_free(*out);
        *out = NULL;
    }
    pm_buf_dispose(&path);
    pm_buf_dispose(&text);
    return rc;
}

int pm_snapshot_list_ids(pm_fs *fs, const char *table_path, int64_t **ids_out, size_t *count_out,
                         paimon_error *err) {
    pm_buf dir = PM_BUF_INIT;
    int rc = snapshot_dir(&dir, table_path) == PAIMON_OK
                 ? pm_meta_list_versioned(fs, (const char *)dir.data, "snapshot-", ids_out,
                                          count_out, err)
                 : pm_err_nomem(err);
    pm_buf_dispose(&dir);
    return rc;
}

/* The id in a hint file, or *found = false when it is missing, empty or unparsable. Read
 * errors are retried, then treated like a missing hint (the listing is the truth). */
static int read_hint(pm_fs *fs, const char *table_path, const char *name, int64_t *out,
                     bool *found, paimon_error *err) {
    pm_buf path = PM_BUF_INIT, text = PM_BUF_INIT;
    *found = false;
    if (pm_path_join(&path, table_path, "snapshot") != PAIMON_OK ||
        pm_buf_append_fmt(&path, "/%s", name) != PAIMON_OK || pm_buf_cstr(&path) == NULL) {
        pm_buf_dispose(&path);
        return pm_err_nomem(err);
    }
    for (int attempt = 0; attempt < HINT_READ_ATTEMPTS; attempt++) {
        paimon_error ignored;
        int rc = pm_fs_read_all(fs, (const char *)path.data, &text, 64, &ignored);
        if (rc == PAIMON_ENOTFOUND)
            break;
        if (rc == PAIMON_ENOMEM) {
            pm_buf_dispose(&path);
            pm_buf_dispose(&text);
            return pm_err_nomem(err);
        }
        if (rc == PAIMON_OK) {
            *found = pm_parse_i64((const char *)text.data, text.len, out);
            if (*found)
                break;
        }
    }
    pm_buf_dispose(&path);
    pm_buf_dispose(&text);
    return PAIMON_OK;
}

static int snapshot_exists(pm_fs *fs, const char *table_path, int64_t id, bool *out,
                           paimon_error *err) {
    pm_buf path = PM_BUF_INIT;
    if (pm_meta_path(&path, table_path, "snapshot", "snapshot-", id) != PAIMON_OK)
        return pm_err_nomem(err);
    int rc = pm_fs_exists(fs, (const char *)path.data, out, err);
    pm_buf_dispose(&path);
    return rc;
}

static int listed_extreme(pm_fs *fs, const char *table_path, bool want_max, int64_t *out,
                          bool *found, paimon_error *err) {
    int64_t *ids;
    size_t n;
    PM_TRY(pm_snapshot_list_ids(fs, table_path, &ids, &n, err));
    *found = n > 0;
    if (n > 0)
        *out = want_max ? ids[n - 1] : ids[0];
    pm_free(ids);
    return PAIMON_OK;
}

int pm_snapshot_latest_id(pm_fs *fs, const char *table_path, int64_t *out, bool *found,
                          paimon_error *err) {
    int64_t hint;
    bool has_hint, next_exists;
    PM_TRY(read_hint(fs, table_path, "LATEST", &hint, &has_hint, err));
    /* LATEST is written after the snapshot, so it can only lag: trust it when there is no
     * next snapshot. */
    if (has_hint && hint > 0 && hint < INT64_MAX) {
        PM_TRY(snapshot_exists(fs, table_path, hint + 1, &next_exists, err));
        if (!next_exists) {
            *out = hint;
            *found = true;
            return PAIMON_OK;
        }
    }
    return listed_extreme(fs, table_path, true, out, found, err);
}

int pm_snapshot_earliest_id(pm_fs *fs, const char *table_path, int64_t *out, bool *found,
                            paimon_error *err) {
    int64_t hint;
    bool has_hint, exists;
    PM_TRY(read_hint(fs, table_path, "EARLIEST", &hint, &has_hint, err));
    /* Expiration deletes snapshots before it rewrites EARLIEST: trust it only if it exists. */
    if (has_hint) {
        PM_TRY(snapshot_exists(fs, table_path, hint, &exists, err));
        if (exists) {
            *out = hint;
            *found = true;
            return PAIMON_OK;
        }
    }
    return listed_extreme(fs, table_path, false, out, found, err);
}

static int time_of(pm_fs *fs, const char *table_path, int64_t id, int64_t *out,
                   paimon_error *err) {
    pm_snapshot *s;
    PM_TRY(pm_snapshot_load(fs, table_path, id, &s, err));
    *out = s->time_millis;
    pm_snapshot_free(s);
    return PAIMON_OK;
}

int pm_snapshot_at_or_before(pm_fs *fs, const char *table_path, int64_t time_millis,
                             int64_t *id_out, bool *found, paimon_error *err) {
    int64_t earliest, latest, t = 0;
    bool has_earliest, has_latest;
    *found = false;
    PM_TRY(pm_snapshot_earliest_id(fs, table_path, &earliest, &has_earliest, err));
    PM_TRY(pm_snapshot_latest_id(fs, table_path, &latest, &has_latest, err));
    if (!has_earliest || !has_latest)
        return PAIMON_OK;
    /* The first snapshot that still exists (expiration may be deleting the oldest ones). */
    int rc = PAIMON_ENOTFOUND;
    for (; earliest <= latest; earliest++) {
        rc = time_of(fs, table_path, earliest, &t, err);
        if (rc != PAIMON_ENOTFOUND)
            break;
    }
    if (rc == PAIMON_ENOTFOUND)
        return PAIMON_OK;
    PM_TRY(rc);
    if (t > time_millis)
        return PAIMON_OK;
    /* Java's search: remember the last snapshot older than t, stop at an exact match. */
    while (earliest <= latest) {
        int64_t mid = earliest + (latest - earliest) / 2;
        PM_TRY(time_of(fs, table_path, mid, &t, err));
        if (t > time_millis) {
            latest = mid - 1;
        } else {
            *id_out = mid;
            *found = true;
            if (t == time_millis)
                break;
            earliest = mid + 1;
        }
    }
    return PAIMON_OK;
}

/* The earliest snapshot that still exists in [earliest, latest] (expiration may be deleting the
 * oldest ones); *found=false when none does. */
static int first_existing(pm_fs *fs, const char *table_path, int64_t *earliest, int64_t latest,
                          pm_snapshot **out, bool *found, paimon_error *err) {
    *found = false;
    for (; *earliest <= latest; (*earliest)++) {
        int rc = pm_snapshot_load(fs, table_path, *earliest, out, err);
        if (rc == PAIMON_OK) {
            *found = true;
            return PAIMON_OK;
        }
        if (rc != PAIMON_ENOTFOUND)
            return rc;
    }
    return PAIMON_OK;
}

static bool missing_watermark(const pm_snapshot *s) {
    return !s->has_watermark || s->watermark == INT64_MIN;
}

int pm_snapshot_later_or_equal_watermark(pm_fs *fs, const char *table_path, int64_t watermark,
                                         int64_t *id_out, bool *found, paimon_error *err) {
    int64_t earliest, latest;
    bool has_earliest, has_latest, exists;
    *found = false;
    PM_TRY(pm_snapshot_earliest_id(fs, table_path, &earliest, &has_earliest, err));
    PM_TRY(pm_snapshot_latest_id(fs, table_path, &latest, &has_latest, err));
    if (!has_earliest || !has_latest)
        return PAIMON_OK;
    pm_snapshot *s = NULL;
    PM_TRY(first_existing(fs, table_path, &earliest, latest, &s, &exists, err));
    if (!exists)
        return PAIMON_OK;
    /* The first snapshot with a real watermark. */
    while (missing_watermark(s) && earliest < latest) {
        pm_snapshot_free(s);
        s = NULL;
        PM_TRY(pm_snapshot_load(fs, table_path, ++earliest, &s, err));
    }
    bool missing = missing_watermark(s);
    int64_t first = s->watermark;
    pm_snapshot_free(s);
    if (missing)
        return PAIMON_OK;
    if (first >= watermark) {
        *id_out = earliest;
        *found = true;
        return PAIMON_OK;
    }
    while (earliest <= latest) {
        int64_t mid = earliest + (latest - earliest) / 2, pos = mid;
        PM_TRY(pm_snapshot_load(fs, table_path, pos, &s, err));
        while (missing_watermark(s) && pos > earliest) {
            pm_snapshot_free(s);
            s = NULL;
            PM_TRY(pm_snapshot_load(fs, table_path, --pos, &s, err));
        }
        missing = missing_watermark(s);
        int64_t w = s->watermark;
        pm_snapshot_free(s);
        if (missing) {
            earliest = mid + 1;
        } else if (w > watermark) {
            latest = pos - 1;
            *id_out = pos;
            *found = true;
        } else if (w < watermark) {
            earliest = mid + 1;
        } else {
            *id_out = pos;
            *found = true;
            break;
        }
    }
    return PAIMON_OK;
}

int pm_snapshot_earlier_than(pm_fs *fs, const char *table_path, int64_t time_millis,
                             int64_t *id_out, bool *found, paimon_error *err) {
    int64_t earliest, latest, t;
    bool has_earliest, has_latest, exists;
    *found = false;
    PM_TRY(pm_snapshot_latest_id(fs, table_path, &latest, &has_latest, err));
    if (!has_latest)
        return PAIMON_OK;
    PM_TRY(pm_snapshot_earliest_id(fs, table_path, &earliest, &has_earliest, err));
    pm_snapshot *s = NULL;
    if (has_earliest)
        PM_TRY(first_existing(fs, table_path, &earliest, latest, &s, &exists, err));
    if (!has_earliest || !exists) {
        *id_out = latest - 1;
        *found = true;
        return PAIMON_OK;
    }
    t = s->time_millis;
    pm_snapshot_free(s);
    if (t >= time_millis)
        return PAIMON_OK;
    while (earliest < latest) {
        int64_t mid = earliest + (latest - earliest + 1) / 2;
        PM_TRY(time_of(fs, table_path, mid, &t, err));
        if (t < time_millis)
            earliest = mid;
        else
            latest = mid - 1;
    }
    *id_out = earliest;
    *found = true;
    return PAIMON_OK;
}

int pm_snapshot_commit(pm_fs *fs, const char *table_path, const pm_snapshot *s,
                       paimon_error *err) {
    pm_buf path = PM_BUF_INIT, json = PM_BUF_INIT;
    int rc = snapshot_dir(&path, table_path) == PAIMON_OK ? PAIMON_OK : pm_err_nomem(err);
    if (rc == PAIMON_OK)
        rc = pm_fs_mkdirs(fs, (const char *)path.data, err);
    if (rc == PAIMON_OK)
        rc = pm_snapshot_to_json(s, &json, err);
    if (rc == PAIMON_OK && pm_meta_path(&path, table_path, "snapshot", "snapshot-", s->id))
        rc = pm_err_nomem(err);
    if (rc == PAIMON_OK)
        rc = pm_fs_write_file(fs, (const char *)path.data, json.data, json.len,
                              PM_WRITE_NO_REPLACE, err);
    if (rc == PAIMON_OK) {
        /* The commit happened; the hint is best effort (readers verify it). */
        char id[32];
        int n = snprintf(id, sizeof id, "%lld", (long long)s->id);
        paimon_error ignored;
        if (snapshot_dir(&path, table_path) == PAIMON_OK &&
            pm_buf_append_str(&path, "/LATEST") == PAIMON_OK && pm_buf_cstr(&path) != NULL)
            pm_fs_write_file(fs, (const char *)path.data, id, (size_t)n, PM_WRITE_REPLACE,
                             &ignored);
    }
    pm_buf_dispose(&path);
    pm_buf_dispose(&json);
    return rc;
}
