/*
 * tag.c - tags (spec 02 §7): `tag/tag-<name>` files holding the tagged snapshot's JSON plus the
 * optional tagCreateTime (a LocalDateTime as Jackson writes it: [y, m, d, h, min, s, nanos] with
 * trailing zero components left out) and tagTimeRetained (a Duration as decimal seconds).
 */
#include "core/json_java.h"
#include "core/meta_files.h"
#include "core/snapshot.h"

#include "util/mem.h"
#include "util/strutil.h"
#include "util/timeutil.h"
#include "util/vec.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static bool valid_tag_name(const char *name) {
    return name[0] != '\0' && strchr(name, '/') == NULL && strcmp(name, ".") != 0 &&
           strcmp(name, "..") != 0;
}

static int tag_path(pm_buf *out, const char *table_path, const char *name) {
    if (pm_path_join(out, table_path, "tag") != PAIMON_OK ||
        pm_buf_append_fmt(out, "/tag-%s", name) != PAIMON_OK || pm_buf_cstr(out) == NULL)
        return PAIMON_ENOMEM;
    return PAIMON_OK;
}

int pm_tag_load(pm_fs *fs, const char *table_path, const char *name, pm_snapshot **out,
                paimon_error *err) {
    if (!valid_tag_name(name))
        return pm_err(err, PAIMON_EINVAL, "invalid tag name \"%s\"", name);
    pm_buf path = PM_BUF_INIT, text = PM_BUF_INIT;
    if (tag_path(&path, table_path, name) != PAIMON_OK) {
        pm_buf_dispose(&path);
        return pm_err_nomem(err);
    }
    const char *p = (const char *)path.data;
    int rc = pm_fs_read_all(fs, p, &text, PM_META_FILE_LIMIT, err);
    if (rc == PAIMON_OK)
        rc = pm_snapshot_parse((const char *)text.data, text.len, p, out, err);
    if (rc == PAIMON_OK) {
        pm_tag_meta meta;
        rc = pm_tag_meta_of(*out, &meta, err);
        if (rc != PAIMON_OK) {
            if (err != NULL)
                pm_err_prefix(err, "%s: ", p);
            pm_snapshot_free(*out);
            *out = NULL;
        }
    }
    pm_buf_dispose(&path);
    pm_buf_dispose(&text);
    return rc;
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int pm_tag_list(pm_fs *fs, const char *table_path, char ***names_out, size_t *count_out,
                paimon_error *err) {
    pm_buf dir = PM_BUF_INIT;
    pm_dir_list list = {NULL, 0, 0};
    *names_out = NULL;
    *count_out = 0;
    if (pm_path_join(&dir, table_path, "tag") != PAIMON_OK || pm_buf_cstr(&dir) == NULL) {
        pm_buf_dispose(&dir);
        return pm_err_nomem(err);
    }
    int rc = pm_fs_list(fs, (const char *)dir.data, &list, err);
    pm_buf_dispose(&dir);
    if (rc == PAIMON_ENOTFOUND)
        return PAIMON_OK;
    if (rc != PAIMON_OK)
        return rc;
    char **names = NULL;
    size_t count = 0, cap = 0;
    for (size_t i = 0; rc == PAIMON_OK && i < list.count; i++) {
        const char *n = list.entries[i].name;
        if (list.entries[i].is_dir || strncmp(n, "tag-", 4) != 0 || n[4] == '\0')
            continue;
        char *copy = pm_strdup(n + 4);
        if (copy == NULL || pm_grow((void **)&names, &cap, count + 1, sizeof *names)) {
            pm_free(copy);
            rc = pm_err_nomem(err);
            break;
        }
        names[count++] = copy;
    }
    pm_dir_list_dispose(&list);
    if (rc != PAIMON_OK) {
        for (size_t i = 0; i < count; i++)
            pm_free(names[i]);
        pm_free(names);
        return rc;
    }
    if (count > 1)
        qsort(names, count, sizeof *names, cmp_str);
    *names_out = names;
    *count_out = count;
    return PAIMON_OK;
}

/* [y, m, d, h, min(, s(, nanos))] or an ISO string. */
static int parse_create_time(const json_t *v, pm_tag_meta *out, paimon_error *err) {
    if (json_is_string(v)) {
        const char *s = json_string_value(v);
        if (!pm_parse_timestamp(s, strlen(s), &out->create_time_millis, &out->create_time_nanos))
            return PM_CORRUPT(err, "tagCreateTime \"%s\" is not a date-time", s);
        out->has_create_time = true;
        return PAIMON_OK;
    }
    size_t n = json_array_size(v);
    if (!json_is_array(v) || n < 5 || n > 7)
        return PM_CORRUPT(err, "tagCreateTime must be [year, month, day, hour, minute, ...]");
    int64_t c[7] = {0};
    for (size_t i = 0; i < n; i++) {
        json_t *x = json_array_get(v, i);
        if (!json_is_integer(x))
            return PM_CORRUPT(err, "tagCreateTime[%zu] must be an integer", i);
        c[i] = json_integer_value(x);
    }
    if (c[0] < -999999999 || c[0] > 999999999 || c[1] < 1 || c[1] > 12 || c[2] < 1 ||
        c[2] > 31 || c[3] < 0 || c[3] > 23 || c[4] < 0 || c[4] > 59 || c[5] < 0 || c[5] > 59 ||
        c[6] < 0 || c[6] > 999999999)
        return PM_CORRUPT(err, "tagCreateTime holds an invalid date-time");
    int64_t days = pm_days_from_civil(c[0], (unsigned)c[1], (unsigned)c[2]);
    /* Java's LocalDateTime reaches year 999999999, epoch milliseconds only about 292 million
     * years: refuse what an int64 cannot hold (one day of slack for the time of day). */
    if (days > INT64_MAX / PM_MILLIS_PER_DAY - 1 || days < INT64_MIN / PM_MILLIS_PER_DAY + 1)
        return PM_CORRUPT(err, "tagCreateTime year %lld is out of the supported range",
                          (long long)c[0]);
    out->create_time_millis =
        days * PM_MILLIS_PER_DAY + ((c[3] * 60 + c[4]) * 60 + c[5]) * 1000 + c[6] / 1000000;
    out->create_time_nanos = (int32_t)(c[6] % 1000000);
    out->has_create_time = true;
    return PAIMON_OK;
}

int pm_tag_meta_of(const pm_snapshot *tag, pm_tag_meta *out, paimon_error *err) {
    memset(out, 0, sizeof *out);
    if (tag->json == NULL)
        return PAIMON_OK;
    json_t *ct = json_object_get(tag->json, "tagCreateTime");
    if (ct != NULL && !json_is_null(ct))
        PM_TRY(parse_create_time(ct, out, err));
    json_t *tr = json_object_get(tag->json, "tagTimeRetained");
    if (tr != NULL && !json_is_null(tr)) {
        if (!json_is_number(tr))
            return PM_CORRUPT(err, "tagTimeRetained must be a number of seconds, not %s",
                              pm_json_kind(tr));
        double seconds = json_number_value(tr);
        if (!(fabs(seconds) < 9.2e15))
            return PM_CORRUPT(err, "tagTimeRetained out of range");
        out->time_retained_ms = (int64_t)floor(seconds * 1000.0 + 0.5);
        out->has_time_retained = true;
    }
    return PAIMON_OK;
}

/* The tag members in Jackson's form, appended to a document whose closing "\n}" was cut. */
static int append_tag_members(pm_buf *out, const pm_tag_meta *meta) {
    if (meta->has_create_time) {
        int64_t y;
        unsigned mo, d;
        int64_t days = pm_floor_div(meta->create_time_millis, PM_MILLIS_PER_DAY);
        int64_t ms = pm_floor_mod(meta->create_time_millis, PM_MILLIS_PER_DAY);
        pm_civil_from_days(days, &y, &mo, &d);
        int64_t sec = ms / 1000 % 60, nano = ms % 1000 * 1000000 + meta->create_time_nanos;
        PM_TRY(pm_buf_append_fmt(out, ",\n  \"tagCreateTime\" : [ %lld, %u, %u, %lld, %lld",
                                 (long long)y, mo, d, (long long)(ms / 3600000),
                                 (long long)(ms / 60000 % 60)));
        if (sec != 0 || nano != 0)
            PM_TRY(pm_buf_append_fmt(out, ", %lld", (long long)sec));
        if (nano != 0)
            PM_TRY(pm_buf_append_fmt(out, ", %lld", (long long)nano));
        PM_TRY(pm_buf_append_str(out, " ]"));
    }
    if (meta->has_time_retained) {
        int64_t ms = meta->time_retained_ms;
        uint64_t a = ms < 0 ? (uint64_t)0 - (uint64_t)ms : (uint64_t)ms;
        PM_TRY(pm_buf_append_fmt(out, ",\n  \"tagTimeRetained\" : %s%llu.%03llu000000",
                                 ms < 0 ? "-" : "", (unsigned long long)(a / 1000),
                                 (unsigned long long)(a % 1000)));
    }
    return pm_buf_append_str(out, "\n}");
}

static int tag_json(const pm_snapshot *s, const pm_tag_meta *meta, pm_buf *out,
                    paimon_error *err) {
    /* Serialize the snapshot without tag members, then add the new ones in Java's form. */
    pm_snapshot plain = *s;
    json_t *copy = NULL;
    if (s->json != NULL) {
        copy = json_copy(s->json);
        if (copy == NULL)
            return pm_err_nomem(err);
        json_object_del(copy, "tagCreateTime");
        json_object_del(copy, "tagTimeRetained");
        plain.json = copy;
    }
    int rc = pm_snapshot_to_json(&plain, out, err);
    json_decref(copy);
    if (rc != PAIMON_OK || meta == NULL || (!meta->has_create_time && !meta->has_time_retained))
        return rc;
    out->len -= 2; /* "\n}" */
    if (append_tag_members(out, meta) != PAIMON_OK)
        return pm_err_nomem(err);
    return PAIMON_OK;
}

int pm_tag_create(pm_fs *fs, const char *table_path, const char *name, const pm_snapshot *s,
                  const pm_tag_meta *meta, paimon_error *err) {
    if (!valid_tag_name(name))
        return pm_err(err, PAIMON_EINVAL, "invalid tag name \"%s\"", name);
    pm_buf path = PM_BUF_INIT, json = PM_BUF_INIT;
    int rc = pm_path_join(&path, table_path, "tag") == PAIMON_OK && pm_buf_cstr(&path)
                 ? PAIMON_OK
                 : pm_err_nomem(err);
    if (rc == PAIMON_OK)
        rc = pm_fs_mkdirs(fs, (const char *)path.data, err);
    if (rc == PAIMON_OK)
        rc = tag_json(s, meta, &json, err);
    if (rc == PAIMON_OK && tag_path(&path, table_path, name) != PAIMON_OK)
        rc = pm_err_nomem(err);
    if (rc == PAIMON_OK)
        rc = pm_fs_write_file(fs, (const char *)path.data, json.data, json.len,
                              PM_WRITE_NO_REPLACE, err);
    pm_buf_dispose(&path);
    pm_buf_dispose(&json);
    return rc;
}
