/*
 * plan.c - scan planning: pick the snapshot, replay its manifests into the live files, prune by
 * partition and statistics, attach deletion vectors, and group the files into splits (one per
 * partition and bucket).
 */
#include "table/plan.h"

#include "core/binary_row.h"
#include "table/file_entries.h"
#include "table/value_format.h"
#include "util/mem.h"
#include "util/timeutil.h"
#include "util/vec.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

paimon_plan *pm_plan_retain(paimon_plan *p) {
    atomic_fetch_add_explicit(&p->refcount, 1, memory_order_relaxed);
    return p;
}

void pm_plan_release(paimon_plan *p) {
    if (p == NULL || atomic_fetch_sub_explicit(&p->refcount, 1, memory_order_acq_rel) > 1)
        return;
    for (size_t i = 0; i < p->manifest_count; i++)
        pm_manifest_dispose(&p->manifests[i]);
    pm_free(p->manifests);
    pm_index_manifest_dispose(&p->index_manifest);
    pm_snapshot_free(p->snapshot);
    pm_partition_namer_dispose(&p->namer);
    pm_free(p->out_fields);
    pm_arena_dispose(&p->arena);
    pm_plan_release(p->other);
    if (p->table != NULL)
        pm_table_release(p->table);
    pm_free(p);
}

void paimon_plan_free(paimon_plan *plan) {
    pm_plan_release(plan);
}

/* ---- statistics for pruning ---- */

typedef struct partition_stats_ctx {
    const pm_schema *schema;
    const pm_simple_stats *stats;
    pm_binrow min_row, max_row;
    bool have_rows;
} partition_stats_ctx;

static long partition_position(const pm_schema *s, size_t field_index) {
    const char *name = pm_schema_fields(s)[field_index].name;
    for (size_t k = 0; k < s->partition_key_count; k++) {
        if (strcmp(s->partition_keys[k], name) == 0)
            return (long)k;
    }
    return -1;
}

static bool partition_stats_fn(void *vctx, size_t field_index, pm_pred_stats *out) {
    partition_stats_ctx *ctx = vctx;
    long pos = partition_position(ctx->schema, field_index);
    if (pos < 0 || !ctx->have_rows)
        return false;
    const pm_type *type = pm_schema_fields(ctx->schema)[field_index].type;
    if (pos >= ctx->min_row.arity || pos >= ctx->max_row.arity)
        return false;
    if (pm_binrow_get(&ctx->min_row, (int32_t)pos, type, &out->min, NULL) != PAIMON_OK ||
        pm_binrow_get(&ctx->max_row, (int32_t)pos, type, &out->max, NULL) != PAIMON_OK)
        return false;
    out->has_min_max = !out->min.is_null && !out->max.is_null;
    if (ctx->stats->has_null_counts && (size_t)pos < ctx->stats->null_count_len &&
        ctx->stats->null_count_present[pos]) {
        out->has_null_count = true;
        out->null_count = ctx->stats->null_counts[pos];
    }
    return true;
}

/* May a manifest (by its partition statistics) hold files the filter needs? */
static bool manifest_may_match(const paimon_plan *p, const pm_manifest_file_meta *m) {
    if (p->filter == NULL || p->schema->partition_key_count == 0)
        return true;
    partition_stats_ctx ctx = {p->schema, &m->partition_stats, {0}, {0}, false};
    ctx.have_rows = pm_binrow_from_serialized(m->partition_stats.min_values.data,
                                              m->partition_stats.min_values.len, &ctx.min_row,
                                              NULL) == PAIMON_OK &&
                    pm_binrow_from_serialized(m->partition_stats.max_values.data,
                                              m->partition_stats.max_values.len, &ctx.max_row,
                                              NULL) == PAIMON_OK;
    /* The number of entries bounds the rows of partition values. */
    int64_t rows = m->num_added_files + m->num_deleted_files;
    return pm_pred_may_match(p->filter, partition_stats_fn, &ctx, rows > 0 ? rows : 1);
}

typedef struct file_stats_ctx {
    const pm_schema *read_schema;
    const pm_schema *data_schema;
    const pm_data_file_meta *file;
    pm_binrow partition;
    bool have_partition;
    pm_binrow min_row, max_row;
    bool have_value_rows;
    bool use_value_stats;
} file_stats_ctx;

/* Position of data-schema field `data_index` in the value stats rows (dense stats list the
 * columns they cover). */
static long value_stats_position(const file_stats_ctx *ctx, size_t data_index) {
    const pm_string_list *cols = &ctx->file->value_stats_cols;
    if (!cols->present)
        return (long)data_index;
    const char *name = pm_schema_fields(ctx->data_schema)[data_index].name;
    for (size_t k = 0; k < cols->count; k++) {
        if (strcmp(cols->items[k], name) == 0)
            return (long)k;
    }
    return -1;
}

static bool file_stats_fn(void *vctx, size_t field_index, pm_pred_stats *out) {
    file_stats_ctx *ctx = vctx;
    const pm_field *field = &pm_schema_fields(ctx->read_schema)[field_index];
    long ppos = partition_position(ctx->read_schema, field_index);
    if (ppos >= 0 && ctx->have_partition && ppos < ctx->partition.arity) {
        /* A partition column has one exact value per file. */
        if (pm_binrow_get(&ctx->partition, (int32_t)ppos, field->type, &out->min, NULL) !=
            PAIMON_OK)
            return false;
        out->max = out->min;
        out->has_min_max = !out->min.is_null;
        out->has_null_count = true;
        out->null_count = out->min.is_null ? ctx->file->row_count : 0;
        return true;
    }
    if (!ctx->use_value_stats || !ctx->have_value_rows)
        return false;
    long data_index = pm_row_field_index_by_id(ctx->data_schema->row_type, field->id);
    if (data_index < 0) {
        /* Added after the file was written: all null. */
        out->has_null_count = true;
        out->null_count = ctx->file->row_count;
        return true;
    }
    const pm_type *data_type = pm_schema_fields(ctx->data_schema)[data_index].type;
    /* Statistics of an older type may order differently after a cast: ignore them. */
    if (!pm_type_equals(data_type, field->type, true) || pm_type_is_nested(data_type))
        return false;
    long pos = value_stats_position(ctx, (size_t)data_index);
    if (pos < 0 || pos >= ctx->min_row.arity || pos >= ctx->max_row.arity)
        return false;
    if (pm_binrow_get(&ctx->min_row, (int32_t)pos, data_type, &out->min, NULL) != PAIMON_OK ||
        pm_binrow_get(&ctx->max_row, (int32_t)pos, data_type, &out->max, NULL) != PAIMON_OK)
        return false;
    out->has_min_max = !out->min.is_null && !out->max.is_null;
    const pm_simple_stats *vs = &ctx->file->value_stats;
    if (vs->has_null_counts && (size_t)pos < vs->null_count_len && vs->null_count_present[pos]) {
        out->has_null_count = true;
        out->null_count = vs->null_counts[pos];
    }
    return true;
}

static int file_may_match(paimon_plan *p, const pm_manifest_entry *e, bool *may,
                          paimon_error *err) {
    *may = true;
    if (p->filter == NULL)
        return PAIMON_OK;
    file_stats_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.read_schema = p->schema;
    ctx.file = &e->file;
    ctx.have_partition = pm_binrow_from_serialized(e->partition.data, e->partition.len,
                                                   &ctx.partition, NULL) == PAIMON_OK;
    /* Value statistics describe the rows of one file; for merged primary-key reads a file's
     * rows are not the result rows, so only partition values may prune there. */
    ctx.use_value_stats = !p->kind.primary_key || p->kind.skip_level0;
    if (ctx.use_value_stats) {
        PM_TRY(pm_table_schema(p->table, e->file.schema_id, &ctx.data_schema, err));
        ctx.have_value_rows = pm_binrow_from_serialized(e->file.value_stats.min_values.data,
                                                        e->file.value_stats.min_values.len,
                                                        &ctx.min_row, NULL) == PAIMON_OK &&
                              pm_binrow_from_serialized(e->file.value_stats.max_values.data,
                                                        e->file.value_stats.max_values.len,
                                                        &ctx.max_row, NULL) == PAIMON_OK;
    }
    *may = pm_pred_may_match(p->filter, file_stats_fn, &ctx, e->file.row_count);
    return PAIMON_OK;
}

/* ---- manifests ---- */

/* Data file names are checked where the manifest that holds them is known, so the error names
 * it (files with an external path are located by that path instead). */
static int check_entry_names(const pm_manifest *m, const char *manifest_name, paimon_error *err) {
    for (size_t i = 0; i < m->count; i++)
        if (m->items[i].file.external_path == NULL)
            PM_TRY(pm_check_file_name(m->items[i].file.file_name, "data file", manifest_name, err));
    return PAIMON_OK;
}

static int read_manifests(paimon_plan *p, pm_file_entries *live, paimon_error *err) {
    paimon_table *t = p->table;
    const char *lists[2] = {p->snapshot->base_manifest_list, p->snapshot->delta_manifest_list};
    for (int l = 0; l < 2; l++) {
        if (lists[l] == NULL)
            continue;
        PM_TRY(pm_check_file_name(lists[l], "manifest list", pm_snapshot_source(p->snapshot), err));
        pm_manifest_list list;
        PM_TRY(pm_manifest_list_read(t->fs, t->path, lists[l], &list, err));
        int rc = PAIMON_OK;
        for (size_t i = 0; i < list.count && rc == PAIMON_OK; i++) {
            const pm_manifest_file_meta *m = &list.items[i];
            /* A manifest may be skipped only if it holds no DELETE that cancels a kept ADD;
             * cancelled pairs always share a partition, so partition pruning is safe. */
            if (!manifest_may_match(p, m))
                continue;
            rc = pm_check_file_name(m->file_name, "manifest", lists[l], err);
            if (rc != PAIMON_OK)
                break;
            size_t cap = p->manifest_count;
            if (pm_grow((void **)&p->manifests, &cap, p->manifest_count + 1,
                        sizeof *p->manifests) != PAIMON_OK) {
                rc = pm_err_nomem(err);
                break;
            }
            pm_manifest *mf = &p->manifests[p->manifest_count];
            rc = pm_manifest_read(t->fs, t->path, m->file_name, mf, err);
            if (rc != PAIMON_OK)
                break;
            p->manifest_count++;
            rc = check_entry_names(mf, m->file_name, err);
            if (rc == PAIMON_OK)
                rc = pm_file_entries_apply(live, mf->items, mf->count, m->file_name, err);
        }
        pm_manifest_list_dispose(&list);
        PM_TRY(rc);
    }
    return PAIMON_OK;
}

/* ---- deletion vectors ---- */

static int dv_key(pm_buf *key, pm_bytes partition, int32_t bucket, const char *file) {
    pm_buf_clear(key);
    uint8_t b[4];
    memcpy(b, &bucket, 4);
    if (pm_buf_append(key, b, 4) || pm_buf_append(key, partition.data, partition.len) ||
        pm_buf_append_str(key, file))
        return PAIMON_ENOMEM;
    return PAIMON_OK;
}

typedef struct dv_target {
    const pm_index_manifest_entry *index;
    const pm_dv_range *range;
} dv_target;

static int index_file_path(paimon_plan *p, const pm_index_manifest_entry *ie, const char **out,
                           paimon_error *err) {
    pm_buf path = PM_BUF_INIT;
    int rc = PAIMON_OK;
    bool in_data_dir = false;
    PM_TRY(pm_options_get_bool(&p->schema->options, "index-file-in-data-file-dir", false,
                               &in_data_dir, err));
    if (ie->external_path != NULL) {
        rc = pm_local_path(ie->external_path, &path, err);
    } else if (in_data_dir) {
        rc = pm_bucket_dir(p->table, p->schema, &p->namer, ie->partition, ie->bucket, &path, err);
        if (rc == PAIMON_OK &&
            (pm_buf_append_byte(&path, '/') || pm_buf_append_str(&path, ie->file_name)))
            rc = pm_err_nomem(err);
    } else if (pm_buf_append_fmt(&path, "%s/index/%s", p->table->path, ie->file_name)) {
        rc = pm_err_nomem(err);
    }
    if (rc == PAIMON_OK &&
        (*out = pm_arena_strndup(&p->arena, (const char *)pm_buf_cstr(&path), path.len)) == NULL)
        rc = pm_err_nomem(err);
    pm_buf_dispose(&path);
    return rc;
}

static int attach_deletion_vectors(paimon_plan *p, paimon_error *err) {
    if (p->snapshot == NULL || p->snapshot->index_manifest == NULL)
        return PAIMON_OK;
    paimon_table *t = p->table;
    PM_TRY(pm_check_file_name(p->snapshot->index_manifest, "index manifest",
                              pm_snapshot_source(p->snapshot), err));
    PM_TRY(pm_index_manifest_read(t->fs, t->path, p->snapshot->index_manifest, &p->index_manifest,
                                  err));
    pm_hashmap by_file;
    pm_hashmap_init(&by_file);
    pm_buf key = PM_BUF_INIT;
    int rc = PAIMON_OK;
    /* Bucket-unaware append tables key deletion vectors by file name only. */
    bool by_name_only = !p->kind.primary_key;
    for (size_t i = 0; i < p->index_manifest.count && rc == PAIMON_OK; i++) {
        const pm_index_manifest_entry *ie = &p->index_manifest.items[i];
        if (ie->kind != PM_FILE_KIND_ADD || strcmp(ie->index_type, "DELETION_VECTORS") != 0)
            continue;
        if (ie->external_path == NULL)
            rc = pm_check_file_name(ie->file_name, "index file", p->snapshot->index_manifest, err);
        for (size_t r = 0; r < ie->dv_range_count && rc == PAIMON_OK; r++) {
            const pm_dv_range *range = &ie->dv_ranges[r];
            pm_bytes none = {NULL, 0};
            dv_target *target = pm_arena_alloc(&p->arena, sizeof *target);
            if (target == NULL || dv_key(&key, by_name_only ? none : ie->partition,
                                         by_name_only ? 0 : ie->bucket, range->data_file)) {
                rc = pm_err_nomem(err);
                break;
            }
            target->index = ie;
            target->range = range;
            const uint8_t *stored = pm_arena_memdup(&p->arena, key.data, key.len);
            if (stored == NULL || pm_hashmap_put(&by_file, stored, key.len, target))
                rc = pm_err_nomem(err);
        }
    }
    for (size_t s = 0; s < p->split_count && rc == PAIMON_OK; s++) {
        paimon_split *split = &p->splits[s];
        for (size_t f = 0; f < split->file_count && rc == PAIMON_OK; f++) {
            paimon_data_file *file = &split->files[f];
            pm_bytes none = {NULL, 0};
            if (dv_key(&key, by_name_only ? none : split->partition,
                       by_name_only ? 0 : split->bucket, file->entry->file.file_name)) {
                rc = pm_err_nomem(err);
                break;
            }
            dv_target *target = pm_hashmap_get(&by_file, key.data, key.len);
            if (target == NULL)
                continue;
            rc = index_file_path(p, target->index, &file->dv.index_path, err);
            file->has_dv = rc == PAIMON_OK;
            file->dv.offset = target->range->offset;
            file->dv.length = target->range->length;
            file->dv.cardinality = target->range->has_cardinality ? target->range->cardinality : -1;
        }
    }
    pm_buf_dispose(&key);
    pm_hashmap_dispose(&by_file);
    return rc;
}

/* ---- splits ---- */

typedef struct split_builder {
    pm_hashmap by_key; /* partition + bucket -> split index + 1 */
    size_t *file_caps; /* capacity of each split's file array */
    size_t split_cap;
    size_t caps_cap;
} split_builder;

static int add_to_split(paimon_plan *p, split_builder *b, const pm_manifest_entry *e,
                        paimon_error *err) {
    pm_buf key = PM_BUF_INIT;
    if (dv_key(&key, e->partition, e->bucket, "")) {
        pm_buf_dispose(&key);
        return pm_err_nomem(err);
    }
    uintptr_t found = (uintptr_t)pm_hashmap_get(&b->by_key, key.data, key.len);
    size_t index;
    int rc = PAIMON_OK;
    if (found == 0) {
        index = p->split_count;
        const uint8_t *stored = pm_arena_memdup(&p->arena, key.data, key.len);
        if (stored == NULL ||
            pm_grow((void **)&p->splits, &b->split_cap, index + 1, sizeof *p->splits) ||
            pm_grow((void **)&b->file_caps, &b->caps_cap, index + 1, sizeof *b->file_caps) ||
            pm_hashmap_put(&b->by_key, stored, key.len, (void *)(uintptr_t)(index + 1))) {
            pm_buf_dispose(&key);
            return pm_err_nomem(err);
        }
        paimon_split *s = &p->splits[index];
        memset(s, 0, sizeof *s);
        b->file_caps[index] = 0;
        s->partition = e->partition;
        s->bucket = e->bucket;
        s->total_buckets = e->total_buckets;
        s->branch = p->table->branch;
        s->snapshot_id = p->snapshot_id;
        pm_buf json = PM_BUF_INIT;
        rc = pm_partition_json(p->schema, e->partition, &json, err);
        if (rc == PAIMON_OK && (s->partition_json = pm_arena_strndup(
                                    &p->arena, (const char *)pm_buf_cstr(&json), json.len)) == NULL)
            rc = pm_err_nomem(err);
        pm_buf_dispose(&json);
        p->split_count++;
    } else {
        index = found - 1;
    }
    pm_buf_dispose(&key);
    PM_TRY(rc);
    paimon_split *s = &p->splits[index];
    if (pm_grow((void **)&s->files, &b->file_caps[index], s->file_count + 1, sizeof *s->files))
        return pm_err_nomem(err);
    paimon_data_file *f = &s->files[s->file_count];
    memset(f, 0, sizeof *f);
    f->entry = e;
    PM_TRY(pm_plan_file_path(p, e, "manifest", &f->path, err));
    /* Refuse formats we cannot read at plan time, before any grouping looks at the files. */
    const char *format = pm_data_file_format(e->file.file_name);
    if (format == NULL || (strcmp(format, "parquet") != 0 && strcmp(format, "orc") != 0 &&
                           strcmp(format, "avro") != 0))
        return pm_err(err, PAIMON_EUNSUPPORTED, "%s: %s data files are not supported yet%s",
                      f->path, format ? format : "this kind of",
                      format && strcmp(format, "blob") == 0 ? " (BLOB columns)" : "");
    s->file_count++;
    return PAIMON_OK;
}

/* Split file arrays are allocated with pm_grow; move them into the arena so that the plan
 * frees everything at once. */
static int seal_splits(paimon_plan *p, paimon_error *err) {
    for (size_t i = 0; i < p->split_count; i++) {
        paimon_split *s = &p->splits[i];
        paimon_data_file *files =
            pm_arena_memdup(&p->arena, s->files, s->file_count * sizeof *files);
        pm_free(s->files);
        s->files = files;
        if (files == NULL && s->file_count > 0)
            return pm_err_nomem(err);
    }
    paimon_split *splits = pm_arena_memdup(&p->arena, p->splits, p->split_count * sizeof *splits);
    pm_free(p->splits);
    p->splits = splits;
    if (splits == NULL && p->split_count > 0)
        return pm_err_nomem(err);
    return PAIMON_OK;
}

/* Whether a batch read skips a live file whatever the filter (Java's level, bucket and manifest
 * entry filters of the scan). */
static int file_skipped(const paimon_plan *p, const pm_manifest_entry *e, bool *skip,
                        paimon_error *err) {
    *skip = (p->kind.skip_level0 && e->file.level == 0) ||
            (p->only_real_buckets && e->bucket < 0) ||
            (p->has_scan_bucket && e->bucket != p->scan_bucket);
    if (*skip || !p->has_creation_filter)
        return PAIMON_OK;
    if (!e->file.has_creation_time)
        return pm_err(err, PAIMON_EUNSUPPORTED,
                      "%s: data file %s has no creation time, which the table option 'scan.mode' "
                      "(from-file-creation-time, from-creation-timestamp) needs",
                      p->table->name, e->file.file_name);
    int64_t created;
    if (!pm_local_wall_to_epoch_millis(e->file.creation_time_millis, &created))
        return pm_err(err, PAIMON_ECORRUPT, "%s: data file %s: creation time out of range",
                      p->table->name, e->file.file_name);
    *skip = created < p->creation_millis;
    return PAIMON_OK;
}

static int put_partition(pm_hashmap *set, pm_arena *arena, pm_bytes partition,
                         paimon_error *err) {
    if (pm_hashmap_get(set, partition.data, partition.len) != NULL)
        return PAIMON_OK;
    const uint8_t *key = pm_arena_memdup(arena, partition.data ? partition.data : (uint8_t *)"",
                                         partition.len);
    if (key == NULL || pm_hashmap_put(set, key, partition.len, (void *)key) != PAIMON_OK)
        return pm_err_nomem(err);
    return PAIMON_OK;
}

static int plan_entry(paimon_plan *p, const paimon_scan_options *o, const pm_plan_scope *scope,
                      split_builder *b, const pm_manifest_entry *e, paimon_error *err) {
    bool skip;
    PM_TRY(file_skipped(p, e, &skip, err));
    if (!skip && scope != NULL && scope->listed_out != NULL)
        PM_TRY(put_partition(scope->listed_out, &p->arena, e->partition, err));
    if (scope != NULL && scope->exclude != NULL &&
        pm_hashmap_get(scope->exclude, e->partition.data, e->partition.len) != NULL)
        return PAIMON_OK;
    if (p->postpone_merge_on_read && e->bucket < 0 && !p->has_scan_bucket && !o->all_files)
        return pm_err(err, PAIMON_EUNSUPPORTED,
                      "%s: the table option 'postpone.merge-on-read' = 'true' asks to merge the "
                      "files of the postpone bucket (%s, ...) into the real buckets while reading, "
                      "which is not supported",
                      p->table->name, e->file.file_name);
    if (skip && !o->all_files)
        return PAIMON_OK;
    bool may = true;
    PM_TRY(file_may_match(p, e, &may, err));
    return may ? add_to_split(p, b, e, err) : PAIMON_OK;
}

static int build_splits(paimon_plan *p, const paimon_scan_options *o, const pm_plan_scope *scope,
                        paimon_error *err) {
    pm_file_entries live;
    pm_file_entries_init(&live);
    int rc = read_manifests(p, &live, err);
    split_builder b;
    memset(&b, 0, sizeof b);
    pm_hashmap_init(&b.by_key);
    for (size_t i = 0; rc == PAIMON_OK && i < live.slot_count; i++) {
        if (pm_file_slot_is_live_add(&live.slots[i]))
            rc = plan_entry(p, o, scope, &b, live.slots[i].entry, err);
    }
    pm_hashmap_dispose(&b.by_key);
    pm_free(b.file_caps);
    pm_file_entries_dispose(&live);
    if (rc != PAIMON_OK) {
        for (size_t i = 0; i < p->split_count; i++)
            pm_free(p->splits[i].files);
        pm_free(p->splits);
        p->splits = NULL;
        p->split_count = 0;
        return rc;
    }
    return seal_splits(p, err);
}

static int bind_filter(paimon_plan *p, const char *text, paimon_error *err) {
    if (text == NULL)
        return PAIMON_OK;
    if ((p->filter_text = pm_arena_strdup(&p->arena, text)) == NULL)
        return pm_err_nomem(err);
    pm_pred *parsed;
    PM_TRY(pm_pred_parse(text, &p->arena, &parsed, err));
    return pm_pred_bind(parsed, pm_schema_fields(p->schema), pm_schema_field_count(p->schema),
                        &p->arena, &p->filter, err);
}

int pm_plan_create(paimon_table *table, const paimon_scan_options *o, const pm_plan_scope *scope,
                   paimon_plan **out, paimon_error *err) {
    paimon_plan *p = pm_calloc(1, sizeof *p);
    if (p == NULL)
        return pm_err_nomem(err);
    p->refcount = 1;
    p->table = pm_table_retain(table);
    pm_arena_init(&p->arena, 1 << 16);
    p->limit = o->limit;
    p->batch_rows = o->batch_rows;
    p->threads = o->threads;
    int rc = pm_scan_start(p, o, err);
    if (rc == PAIMON_OK)
        rc = pm_table_kind_of(p->schema, &p->kind, err);
    if (rc == PAIMON_OK)
        rc = pm_partition_namer_init(&p->namer, p->schema, err);
    if (rc == PAIMON_OK)
        rc = pm_resolve_columns(p->schema, o->columns, o->columns ? o->column_count : 0,
                                &p->out_fields, &p->out_count, err);
    if (rc == PAIMON_OK)
        rc = bind_filter(p, o->filter, err);
    if (rc == PAIMON_OK && p->snapshot != NULL) {
        p->snapshot_id = p->snapshot->id;
        rc = build_splits(p, o, scope, err);
    }
    if (rc == PAIMON_OK)
        rc = attach_deletion_vectors(p, err);
    if (rc != PAIMON_OK) {
        pm_plan_release(p);
        return rc;
    }
    *out = p;
    return PAIMON_OK;
}

int paimon_table_plan(paimon_table *table, const paimon_scan_options *options, paimon_plan **out,
                      paimon_error *err) {
    if (table == NULL || out == NULL)
        return pm_err(err, PAIMON_EINVAL, "paimon_table_plan: NULL argument");
    /* Callers built against an older header pass a shorter struct: only the fields of its
     * version are read, the others keep their defaults. */
    paimon_scan_options full = PAIMON_SCAN_OPTIONS_INIT;
    if (options != NULL && options->version == 1)
        memcpy(&full, options, offsetof(paimon_scan_options, all_files) + sizeof full.all_files);
    else if (options != NULL && options->version == PAIMON_SCAN_OPTIONS_VERSION)
        full = *options;
    else if (options != NULL)
        return pm_err(err, PAIMON_EINVAL, "paimon_scan_options: unsupported version %u",
                      options->version);
    full.version = PAIMON_SCAN_OPTIONS_VERSION;
    *out = NULL;
    return pm_plan_build(table, &full, out, err);
}

/* ---- accessors ---- */

size_t pm_plan_parts(const paimon_plan *p, const paimon_plan *parts[2]) {
    if (p->other == NULL) {
        parts[0] = p;
        return 1;
    }
    parts[0] = p->other_first ? p->other : p;
    parts[1] = p->other_first ? p : p->other;
    return 2;
}

const paimon_plan *pm_plan_part(const paimon_plan *p, size_t i, size_t *index_out) {
    const paimon_plan *parts[2];
    size_t n = pm_plan_parts(p, parts);
    for (size_t k = 0; k < n; k++) {
        if (i < parts[k]->split_count) {
            *index_out = i;
            return parts[k];
        }
        i -= parts[k]->split_count;
    }
    return NULL;
}

int64_t paimon_plan_snapshot_id(const paimon_plan *p) {
    return p->snapshot ? p->snapshot->id : p->snapshot_id;
}
int64_t paimon_plan_schema_id(const paimon_plan *p) {
    return p->schema->id;
}
size_t paimon_plan_split_count(const paimon_plan *p) {
    return p->split_count + (p->other != NULL ? p->other->split_count : 0);
}
const paimon_split *paimon_plan_split(const paimon_plan *p, size_t i) {
    size_t at;
    const paimon_plan *part = pm_plan_part(p, i, &at);
    return part != NULL ? &part->splits[at] : NULL;
}

int paimon_plan_arrow_schema(const paimon_plan *p, struct ArrowSchema *out, paimon_error *err) {
    pm_field *fields = pm_calloc(p->out_count ? p->out_count : 1, sizeof *fields);
    if (fields == NULL)
        return pm_err_nomem(err);
    for (size_t i = 0; i < p->out_count; i++)
        fields[i] = pm_schema_fields(p->schema)[p->out_fields[i]]; /* shallow: borrowed */
    int rc = pm_arrow_schema_for_fields(fields, p->out_count, out, err);
    pm_free(fields);
    return rc;
}

const char *paimon_split_partition_json(const paimon_split *s) {
    return s->partition_json;
}
int32_t paimon_split_bucket(const paimon_split *s) {
    return s->bucket;
}
const char *paimon_split_branch(const paimon_split *s) {
    return s->branch;
}
int64_t paimon_split_snapshot_id(const paimon_split *s) {
    return s->snapshot_id;
}
size_t paimon_split_file_count(const paimon_split *s) {
    return s->file_count;
}
const paimon_data_file *paimon_split_file(const paimon_split *s, size_t i) {
    return i < s->file_count ? &s->files[i] : NULL;
}

const char *paimon_data_file_name(const paimon_data_file *f) {
    return f->entry->file.file_name;
}
const char *paimon_data_file_path(const paimon_data_file *f) {
    return f->path;
}
int32_t paimon_data_file_level(const paimon_data_file *f) {
    return f->entry->file.level;
}
int64_t paimon_data_file_row_count(const paimon_data_file *f) {
    return f->entry->file.row_count;
}
int64_t paimon_data_file_size(const paimon_data_file *f) {
    return f->entry->file.file_size;
}
int64_t paimon_data_file_min_sequence_number(const paimon_data_file *f) {
    return f->entry->file.min_sequence_number;
}
int64_t paimon_data_file_max_sequence_number(const paimon_data_file *f) {
    return f->entry->file.max_sequence_number;
}
int64_t paimon_data_file_schema_id(const paimon_data_file *f) {
    return f->entry->file.schema_id;
}

bool paimon_data_file_deletion_vector(const paimon_data_file *f, const char **index_file_out,
                                      int64_t *offset_out, int64_t *length_out,
                                      int64_t *cardinality_out) {
    if (!f->has_dv)
        return false;
    if (index_file_out)
        *index_file_out = f->dv.index_path;
    if (offset_out)
        *offset_out = f->dv.offset;
    if (length_out)
        *length_out = f->dv.length;
    if (cardinality_out)
        *cardinality_out = f->dv.cardinality;
    return true;
}
