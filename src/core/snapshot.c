/*
 * snapshot.c - the `snapshot-<id>` JSON document (spec 02 §1): parsing every field of every
 * writer version, and writing in Java's member order and layout.
 *
 * Old writers put explicit nulls in optional members, new ones omit them; both read the same.
 * On output a member without a value is written as null only when the parsed document had it
 * as null, so a file read and written back is unchanged.
 */
#include "core/snapshot.h"

#include "core/json_java.h"
#include "util/mem.h"

#include <string.h>

static const char *const KIND_NAMES[] = {"APPEND", "COMPACT", "OVERWRITE", "ANALYZE"};

const char *pm_commit_kind_name(pm_commit_kind kind) {
    return (unsigned)kind < 4 ? KIND_NAMES[kind] : "UNKNOWN";
}

bool pm_commit_kind_parse(const char *name, pm_commit_kind *out) {
    for (int i = 0; i < 4; i++) {
        if (strcmp(name, KIND_NAMES[i]) == 0) {
            *out = (pm_commit_kind)i;
            return true;
        }
    }
    return false;
}

void pm_snapshot_free(pm_snapshot *s) {
    if (s == NULL)
        return;
    pm_free(s->base_manifest_list);
    pm_free(s->delta_manifest_list);
    pm_free(s->changelog_manifest_list);
    pm_free(s->index_manifest);
    pm_free(s->commit_user);
    pm_free(s->statistics);
    pm_free(s->source);
    json_decref(s->json);
    pm_free(s);
}

static int dup_str(const char *v, char **out, paimon_error *err) {
    *out = NULL;
    if (v != NULL && (*out = pm_strdup(v)) == NULL)
        return pm_err_nomem(err);
    return PAIMON_OK;
}

static int req_str(const json_t *doc, const char *key, char **out, paimon_error *err) {
    const char *v;
    PM_TRY(pm_json_req_str(doc, key, &v, err));
    return dup_str(v, out, err);
}

static int opt_str(const json_t *doc, const char *key, char **out, paimon_error *err) {
    const char *v;
    PM_TRY(pm_json_opt_str(doc, key, &v, err));
    return dup_str(v, out, err);
}

static int parse_doc(const json_t *doc, pm_snapshot *s, paimon_error *err) {
    bool has_version;
    int64_t version = 1;
    PM_TRY(pm_json_opt_int(doc, "version", &has_version, &version, err));
    if (version < INT32_MIN || version > INT32_MAX)
        return PM_CORRUPT(err, "member \"version\" out of range: %lld", (long long)version);
    s->version = has_version ? (int32_t)version : 1;
    PM_TRY(pm_json_req_int(doc, "id", &s->id, err));
    PM_TRY(pm_json_req_int(doc, "schemaId", &s->schema_id, err));
    PM_TRY(req_str(doc, "baseManifestList", &s->base_manifest_list, err));
    PM_TRY(pm_json_opt_int(doc, "baseManifestListSize", &s->has_base_manifest_list_size,
                           &s->base_manifest_list_size, err));
    PM_TRY(req_str(doc, "deltaManifestList", &s->delta_manifest_list, err));
    PM_TRY(pm_json_opt_int(doc, "deltaManifestListSize", &s->has_delta_manifest_list_size,
                           &s->delta_manifest_list_size, err));
    PM_TRY(opt_str(doc, "changelogManifestList", &s->changelog_manifest_list, err));
    PM_TRY(pm_json_opt_int(doc, "changelogManifestListSize",
                           &s->has_changelog_manifest_list_size,
                           &s->changelog_manifest_list_size, err));
    PM_TRY(opt_str(doc, "indexManifest", &s->index_manifest, err));
    PM_TRY(req_str(doc, "commitUser", &s->commit_user, err));
    PM_TRY(pm_json_req_int(doc, "commitIdentifier", &s->commit_identifier, err));
    const char *kind;
    PM_TRY(pm_json_req_str(doc, "commitKind", &kind, err));
    if (!pm_commit_kind_parse(kind, &s->commit_kind))
        return PM_CORRUPT(err, "unknown commitKind \"%s\"", kind);
    PM_TRY(pm_json_req_int(doc, "timeMillis", &s->time_millis, err));
    /* Record counts became mandatory in 0.4; older files may hold null. */
    PM_TRY(pm_json_opt_int(doc, "totalRecordCount", &s->has_total_record_count,
                           &s->total_record_count, err));
    PM_TRY(pm_json_opt_int(doc, "deltaRecordCount", &s->has_delta_record_count,
                           &s->delta_record_count, err));
    PM_TRY(pm_json_opt_int(doc, "changelogRecordCount", &s->has_changelog_record_count,
                           &s->changelog_record_count, err));
    PM_TRY(pm_json_opt_int(doc, "watermark", &s->has_watermark, &s->watermark, err));
    PM_TRY(opt_str(doc, "statistics", &s->statistics, err));
    PM_TRY(pm_json_opt_int(doc, "nextRowId", &s->has_next_row_id, &s->next_row_id, err));
    return PAIMON_OK;
}

int pm_snapshot_parse(const char *json_text, size_t len, const char *source, pm_snapshot **out,
                      paimon_error *err) {
    json_t *doc;
    int rc = pm_json_parse_object(json_text, len, &doc, err);
    pm_snapshot *s = NULL;
    if (rc == PAIMON_OK) {
        s = pm_calloc(1, sizeof *s);
        if (s == NULL) {
            json_decref(doc);
            rc = pm_err_nomem(err);
        } else {
            s->json = doc;
            rc = parse_doc(doc, s, err);
            if (rc == PAIMON_OK && source != NULL && (s->source = pm_strdup(source)) == NULL)
                rc = pm_err_nomem(err);
        }
    }
    if (rc != PAIMON_OK) {
        pm_snapshot_free(s);
        if (err != NULL && source != NULL)
            pm_err_prefix(err, "%s: ", source);
        return rc;
    }
    *out = s;
    return PAIMON_OK;
}

/* ---- writing ---- */

/* Java's member order (Snapshot's creator parameters, plus members of newer writers). */
static const char *const MEMBER_ORDER[] = {
    "version", "uuid", "id", "schemaId", "baseManifestList", "baseManifestListSize",
    "deltaManifestList", "deltaManifestListSize", "changelogManifestList",
    "changelogManifestListSize", "indexManifest", "commitUser", "writerVersion",
    "commitIdentifier", "commitKind", "timeMillis", "logOffsets", "totalRecordCount",
    "deltaRecordCount", "changelogRecordCount", "watermark", "statistics", "properties",
    "nextRowId", "totalFileSize", "totalDataFiles", "operation", NULL,
};

/* The value of a member this struct models: a new JSON value, json_null() when the member has
 * no value, or NULL (with *modeled false) for members kept only in the document. */
static json_t *modeled_value(const pm_snapshot *s, const char *key, bool *modeled) {
    *modeled = true;
#define INT_IF(flag, v) ((flag) ? json_integer(v) : json_null())
#define STR_IF(p) ((p) != NULL ? json_string(p) : json_null())
    if (strcmp(key, "version") == 0)
        return json_integer(s->version);
    if (strcmp(key, "id") == 0)
        return json_integer(s->id);
    if (strcmp(key, "schemaId") == 0)
        return json_integer(s->schema_id);
    if (strcmp(key, "baseManifestList") == 0)
        return STR_IF(s->base_manifest_list);
    if (strcmp(key, "baseManifestListSize") == 0)
        return INT_IF(s->has_base_manifest_list_size, s->base_manifest_list_size);
    if (strcmp(key, "deltaManifestList") == 0)
        return STR_IF(s->delta_manifest_list);
    if (strcmp(key, "deltaManifestListSize") == 0)
        return INT_IF(s->has_delta_manifest_list_size, s->delta_manifest_list_size);
    if (strcmp(key, "changelogManifestList") == 0)
        return STR_IF(s->changelog_manifest_list);
    if (strcmp(key, "changelogManifestListSize") == 0)
        return INT_IF(s->has_changelog_manifest_list_size, s->changelog_manifest_list_size);
    if (strcmp(key, "indexManifest") == 0)
        return STR_IF(s->index_manifest);
    if (strcmp(key, "commitUser") == 0)
        return STR_IF(s->commit_user);
    if (strcmp(key, "commitIdentifier") == 0)
        return json_integer(s->commit_identifier);
    if (strcmp(key, "commitKind") == 0)
        return json_string(pm_commit_kind_name(s->commit_kind));
    if (strcmp(key, "timeMillis") == 0)
        return json_integer(s->time_millis);
    if (strcmp(key, "totalRecordCount") == 0)
        return INT_IF(s->has_total_record_count, s->total_record_count);
    if (strcmp(key, "deltaRecordCount") == 0)
        return INT_IF(s->has_delta_record_count, s->delta_record_count);
    if (strcmp(key, "changelogRecordCount") == 0)
        return INT_IF(s->has_changelog_record_count, s->changelog_record_count);
    if (strcmp(key, "watermark") == 0)
        return INT_IF(s->has_watermark, s->watermark);
    if (strcmp(key, "statistics") == 0)
        return STR_IF(s->statistics);
    if (strcmp(key, "nextRowId") == 0)
        return INT_IF(s->has_next_row_id, s->next_row_id);
#undef INT_IF
#undef STR_IF
    *modeled = false;
    return NULL;
}

static bool in_order(const char *key) {
    for (const char *const *k = MEMBER_ORDER; *k != NULL; k++) {
        if (strcmp(*k, key) == 0)
            return true;
    }
    return false;
}

static int build_doc(const pm_snapshot *s, json_t *doc) {
    for (const char *const *k = MEMBER_ORDER; *k != NULL; k++) {
        bool modeled;
        json_t *v = modeled_value(s, *k, &modeled);
        json_t *orig = s->json != NULL ? json_object_get(s->json, *k) : NULL;
        if (!modeled) {
            if (orig != NULL)
                PM_TRY(pm_json_set(doc, *k, json_incref(orig)));
            continue;
        }
        if (v == NULL)
            return PAIMON_ENOMEM;
        /* No value: keep an explicit null of the original, omit otherwise (NON_NULL). */
        if (json_is_null(v) && !(orig != NULL && json_is_null(orig))) {
            json_decref(v);
            continue;
        }
        PM_TRY(pm_json_set(doc, *k, v));
    }
    if (s->json != NULL) {
        const char *key;
        json_t *v;
        json_object_foreach(s->json, key, v) {
            if (!in_order(key))
                PM_TRY(pm_json_set(doc, key, json_incref(v)));
        }
    }
    return PAIMON_OK;
}

int pm_snapshot_to_json(const pm_snapshot *s, pm_buf *out, paimon_error *err) {
    json_t *doc = json_object();
    if (doc == NULL)
        return pm_err_nomem(err);
    int rc = build_doc(s, doc);
    if (rc == PAIMON_OK)
        rc = pm_json_write_java(doc, out);
    json_decref(doc);
    if (rc == PAIMON_ENOMEM)
        return pm_err_nomem(err);
    if (rc != PAIMON_OK)
        return pm_err(err, rc, "snapshot %lld cannot be written as JSON", (long long)s->id);
    return PAIMON_OK;
}
