/*
 * changes.c - the changes committed between two snapshots, as a streaming reader sees them
 * (spec 07 §8): for each snapshot in (from, to], the files it added, unmerged, with their stored
 * row kinds. Without a changelog producer only APPEND snapshots contribute (their delta
 * manifests); with one, the snapshots' changelog files do.
 */
#include "table/scan_stream.h"

#include "util/mem.h"
#include "util/strutil.h"
#include "util/vec.h"

#include <string.h>

/* Appends the ADD entries of one manifest list as splits (one per partition and bucket, in
 * order of appearance within the snapshot). */
static int add_manifest_list(paimon_plan *p, const char *list_name, const pm_snapshot *snapshot,
                             size_t *split_cap, paimon_error *err) {
    paimon_table *t = p->table;
    int64_t snapshot_id = snapshot->id;
    PM_TRY(pm_check_file_name(list_name, "manifest list", pm_snapshot_source(snapshot), err));
    pm_manifest_list list;
    PM_TRY(pm_manifest_list_read(t->fs, t->path, list_name, &list, err));
    size_t first_split = p->split_count;
    int rc = PAIMON_OK;
    for (size_t i = 0; i < list.count && rc == PAIMON_OK; i++) {
        size_t cap = p->manifest_count;
        if (pm_grow((void **)&p->manifests, &cap, p->manifest_count + 1, sizeof *p->manifests)) {
            rc = pm_err_nomem(err);
            break;
        }
        pm_manifest *m = &p->manifests[p->manifest_count];
        rc = pm_check_file_name(list.items[i].file_name, "manifest", list_name, err);
        if (rc == PAIMON_OK)
            rc = pm_manifest_read(t->fs, t->path, list.items[i].file_name, m, err);
        if (rc != PAIMON_OK)
            break;
        p->manifest_count++;
        for (size_t e = 0; e < m->count && rc == PAIMON_OK; e++) {
            const pm_manifest_entry *entry = &m->items[e];
            if (entry->kind != PM_FILE_KIND_ADD)
                continue;
            paimon_split *split = NULL;
            for (size_t s = first_split; s < p->split_count; s++) {
                paimon_split *c = &p->splits[s];
                if (c->bucket == entry->bucket && c->partition.len == entry->partition.len &&
                    memcmp(c->partition.data, entry->partition.data, c->partition.len) == 0)
                    split = c;
            }
            if (split == NULL) {
                if (pm_grow((void **)&p->splits, split_cap, p->split_count + 1,
                            sizeof *p->splits)) {
                    rc = pm_err_nomem(err);
                    break;
                }
                split = &p->splits[p->split_count++];
                memset(split, 0, sizeof *split);
                split->partition = entry->partition;
                split->bucket = entry->bucket;
                split->total_buckets = entry->total_buckets;
                split->partition_json = "{}";
                split->branch = t->branch;
                split->snapshot_id = snapshot_id;
            }
            /* Files are few per split here; grow the array one by one in the arena. */
            paimon_data_file *files =
                pm_arena_alloc(&p->arena, (split->file_count + 1) * sizeof *files);
            if (files == NULL) {
                rc = pm_err_nomem(err);
                break;
            }
            if (split->file_count > 0)
                memcpy(files, split->files, split->file_count * sizeof *files);
            paimon_data_file *f = &files[split->file_count];
            memset(f, 0, sizeof *f);
            f->entry = entry;
            rc = pm_plan_file_path(p, entry, list.items[i].file_name, &f->path, err);
            split->files = files;
            split->file_count++;
        }
    }
    pm_manifest_list_dispose(&list);
    return rc;
}

/* How a streaming reader treats snapshots, from the table options (Java's DataTableStreamScan
 * with its follow-up scanner and bounded checker). */
typedef struct stream_rules {
    bool changelog;          /* a changelog producer: read the changelog files */
    bool overwrite_changes;  /* streaming-read-overwrite / streaming-read-append-overwrite */
    bool bounded;            /* scan.bounded.watermark: end before a later watermark */
    int64_t bounded_watermark;
} stream_rules;

static int stream_rules_of(const pm_schema *latest, bool primary_key, stream_rules *r,
                           paimon_error *err) {
    memset(r, 0, sizeof *r);
    const char *producer = pm_schema_option(latest, "changelog-producer");
    r->changelog = producer != NULL && !pm_str_ieq(producer, "none");
    PM_TRY(pm_options_get_bool(&latest->options,
                               primary_key ? "streaming-read-overwrite"
                                           : "streaming-read-append-overwrite",
                               false, &r->overwrite_changes, err));
    r->bounded = pm_schema_option(latest, "scan.bounded.watermark") != NULL;
    return pm_options_get_int(&latest->options, "scan.bounded.watermark", 0,
                              &r->bounded_watermark, err);
}

/* The manifest list whose files a snapshot contributes, or NULL. */
static int snapshot_changes(const paimon_plan *p, const stream_rules *r, const pm_snapshot *s,
                            const char **list, paimon_error *err) {
    *list = NULL;
    if (s->commit_kind == PM_COMMIT_OVERWRITE && r->overwrite_changes) {
        /* Append tables read the files an overwrite added; primary-key tables the difference
         * of the buckets before and after it. */
        if (p->kind.primary_key)
            return pm_err(err, PAIMON_EUNSUPPORTED,
                          "%s: snapshot %lld overwrites data and the table option "
                          "'streaming-read-overwrite' = 'true' asks to read the change it makes, "
                          "which is not supported",
                          p->table->name, (long long)s->id);
        *list = s->delta_manifest_list;
    } else if (r->changelog) {
        *list = s->changelog_manifest_list;
    } else if (s->commit_kind == PM_COMMIT_APPEND) {
        *list = s->delta_manifest_list;
    }
    return PAIMON_OK;
}

static int plan_changes(paimon_plan *p, const paimon_changes_options *o, paimon_error *err) {
    paimon_table *t = p->table;
    const pm_schema *latest;
    PM_TRY(pm_table_latest_schema(t, &latest, err));
    PM_TRY(pm_table_check_options(t, latest, err));
    int64_t to = o->to_snapshot;
    bool found = true;
    if (to <= 0)
        PM_TRY(pm_snapshot_latest_id(t->fs, t->meta_path, &to, &found, err));
    if (!found)
        return pm_table_latest_schema(t, &p->schema, err); /* no snapshot: no changes */
    if (o->from_snapshot < 0 || o->from_snapshot > to)
        return pm_err(err, PAIMON_EINVAL, "changes: --from %lld must be between 0 and --to %lld",
                      (long long)o->from_snapshot, (long long)to);
    PM_TRY(pm_snapshot_load(t->fs, t->meta_path, to, &p->snapshot, err));
    PM_TRY(pm_table_schema(t, p->snapshot->schema_id, &p->schema, err));
    PM_TRY(pm_table_kind_of(p->schema, &p->kind, err));
    PM_TRY(pm_partition_namer_init(&p->namer, p->schema, err));
    stream_rules rules;
    PM_TRY(stream_rules_of(latest, latest->primary_key_count > 0, &rules, err));
    size_t split_cap = 0;
    int rc = PAIMON_OK;
    for (int64_t id = o->from_snapshot + 1; id <= to && rc == PAIMON_OK; id++) {
        pm_snapshot *s;
        rc = pm_snapshot_load(t->fs, t->meta_path, id, &s, err);
        if (rc != PAIMON_OK)
            break;
        if (rules.bounded && s->has_watermark && s->watermark > rules.bounded_watermark) {
            pm_snapshot_free(s);
            break; /* the end of a bounded stream */
        }
        const char *list = NULL;
        rc = snapshot_changes(p, &rules, s, &list, err);
        if (rc == PAIMON_OK && list != NULL)
            rc = add_manifest_list(p, list, s, &split_cap, err);
        pm_snapshot_free(s);
    }
    /* The split array grew on the heap; the plan keeps it in its arena (or nothing). */
    paimon_split *sealed = NULL;
    if (rc == PAIMON_OK && p->split_count > 0 &&
        (sealed = pm_arena_memdup(&p->arena, p->splits, p->split_count * sizeof *sealed)) == NULL)
        rc = pm_err_nomem(err);
    pm_free(p->splits);
    p->splits = sealed;
    if (rc != PAIMON_OK)
        p->split_count = 0;
    return rc;
}

int paimon_table_changes(paimon_table *table, const paimon_changes_options *options,
                         struct ArrowArrayStream *out, paimon_error *err) {
    if (table == NULL || options == NULL || out == NULL)
        return pm_err(err, PAIMON_EINVAL, "paimon_table_changes: NULL argument");
    if (options->version != PAIMON_CHANGES_OPTIONS_VERSION)
        return pm_err(err, PAIMON_EINVAL, "paimon_changes_options: unsupported version %u",
                      options->version);
    memset(out, 0, sizeof *out);
    paimon_plan *p = pm_calloc(1, sizeof *p);
    if (p == NULL)
        return pm_err_nomem(err);
    p->refcount = 1;
    p->table = pm_table_retain(table);
    p->changes = true;
    p->limit = options->limit;
    p->batch_rows = options->batch_rows;
    pm_arena_init(&p->arena, 1 << 14);
    int rc = plan_changes(p, options, err);
    if (rc == PAIMON_OK)
        rc = pm_resolve_columns(p->schema, options->columns,
                                options->columns ? options->column_count : 0, &p->out_fields,
                                &p->out_count, err);
    if (rc == PAIMON_OK && options->filter != NULL) {
        pm_pred *parsed;
        rc = pm_pred_parse(options->filter, &p->arena, &parsed, err);
        if (rc == PAIMON_OK)
            rc = pm_pred_bind(parsed, pm_schema_fields(p->schema), pm_schema_field_count(p->schema),
                              &p->arena, &p->filter, err);
    }
    if (rc == PAIMON_OK)
        rc = pm_stream_open(p, out, err);
    pm_plan_release(p);
    return rc;
}
