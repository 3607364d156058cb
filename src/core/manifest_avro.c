/*
 * manifest_avro.c - decoding Avro manifest lists, manifests and index manifests.
 *
 * Each record is read as a generic value and its fields are looked up by name, so every
 * historical layout decodes alike: nullable records of Paimon <= 0.8 (unions resolve to their
 * branch), fields added later (absent: has_ flags false, NULL pointers), fields added by newer
 * writers (ignored). Field positions are resolved once per writer schema, not per record.
 * Output strings and bytes are copied into the result's arena; the value trees are scratch.
 */
#include "core/manifest_avro.h"

#include "core/manifest_avro_fields.h"
#include "format/avro/avro_binary.h"
#include "format/avro/avro_reader.h"
#include "util/mem.h"
#include "util/vec.h"

#include <string.h>

/* Manifest blocks are ~64 KB when Java writes them; this is ample. */
#define MANIFEST_MAX_BLOCK_BYTES ((size_t)64 << 20)

/* ---- field names ---- */

enum { ME_VERSION, ME_KIND, ME_PARTITION, ME_BUCKET, ME_TOTAL_BUCKETS, ME_FILE, ME_COUNT };
static const char *const ENTRY_FIELDS[ME_COUNT] = {"_VERSION", "_KIND",          "_PARTITION",
                                                   "_BUCKET",  "_TOTAL_BUCKETS", "_FILE"};

enum {
    DF_FILE_NAME,
    DF_FILE_SIZE,
    DF_ROW_COUNT,
    DF_MIN_KEY,
    DF_MAX_KEY,
    DF_KEY_STATS,
    DF_VALUE_STATS,
    DF_MIN_SEQ,
    DF_MAX_SEQ,
    DF_SCHEMA_ID,
    DF_LEVEL,
    DF_EXTRA_FILES,
    DF_CREATION_TIME,
    DF_DELETE_ROW_COUNT,
    DF_EMBEDDED_INDEX,
    DF_FILE_SOURCE,
    DF_VALUE_STATS_COLS,
    DF_EXTERNAL_PATH,
    DF_FIRST_ROW_ID,
    DF_WRITE_COLS,
    DF_WRITE_COLS_SEQUENCES,
    DF_COUNT
};
static const char *const FILE_FIELDS[DF_COUNT] = {
    "_FILE_NAME",
    "_FILE_SIZE",
    "_ROW_COUNT",
    "_MIN_KEY",
    "_MAX_KEY",
    "_KEY_STATS",
    "_VALUE_STATS",
    "_MIN_SEQUENCE_NUMBER",
    "_MAX_SEQUENCE_NUMBER",
    "_SCHEMA_ID",
    "_LEVEL",
    "_EXTRA_FILES",
    "_CREATION_TIME",
    "_DELETE_ROW_COUNT",
    "_EMBEDDED_FILE_INDEX",
    "_FILE_SOURCE",
    "_VALUE_STATS_COLS",
    "_EXTERNAL_PATH",
    "_FIRST_ROW_ID",
    "_WRITE_COLS",
    "_WRITE_COLS_SEQUENCES",
};

enum {
    ML_VERSION,
    ML_FILE_NAME,
    ML_FILE_SIZE,
    ML_ADDED,
    ML_DELETED,
    ML_PARTITION_STATS,
    ML_SCHEMA_ID,
    ML_MIN_BUCKET,
    ML_MAX_BUCKET,
    ML_MIN_LEVEL,
    ML_MAX_LEVEL,
    ML_MIN_ROW_ID,
    ML_MAX_ROW_ID,
    ML_COUNT
};
static const char *const LIST_FIELDS[ML_COUNT] = {
    "_VERSION",         "_FILE_NAME",  "_FILE_SIZE",  "_NUM_ADDED_FILES", "_NUM_DELETED_FILES",
    "_PARTITION_STATS", "_SCHEMA_ID",  "_MIN_BUCKET", "_MAX_BUCKET",      "_MIN_LEVEL",
    "_MAX_LEVEL",       "_MIN_ROW_ID", "_MAX_ROW_ID",
};

enum {
    IX_VERSION,
    IX_KIND,
    IX_PARTITION,
    IX_BUCKET,
    IX_INDEX_TYPE,
    IX_FILE_NAME,
    IX_FILE_SIZE,
    IX_ROW_COUNT,
    IX_DV_RANGES,
    IX_EXTERNAL_PATH,
    IX_GLOBAL_INDEX,
    IX_COUNT
};
static const char *const INDEX_FIELDS[IX_COUNT] = {
    "_VERSION",       "_KIND",         "_PARTITION",
    "_BUCKET",        "_INDEX_TYPE",   "_FILE_NAME",
    "_FILE_SIZE",     "_ROW_COUNT",    "_DELETIONS_VECTORS_RANGES",
    "_EXTERNAL_PATH", "_GLOBAL_INDEX",
};

enum { DV_FILE, DV_OFFSET, DV_LENGTH, DV_CARDINALITY, DV_COUNT };
static const char *const DV_FIELDS[DV_COUNT] = {"f0", "f1", "f2", "_CARDINALITY"};

enum { GI_START, GI_END, GI_FIELD_ID, GI_EXTRA_IDS, GI_INDEX_META, GI_SOURCE_META, GI_COUNT };
static const char *const GLOBAL_INDEX_FIELDS[GI_COUNT] = {
    "_ROW_RANGE_START", "_ROW_RANGE_END", "_INDEX_FIELD_ID",
    "_EXTRA_FIELD_IDS", "_INDEX_META",    "_SOURCE_META",
};

/* ---- records ---- */

static int check_version(pm_mfield_ctx *d, pm_mfield_map *m, const pm_avro_value *rec,
                         int32_t expected) {
    int32_t version = 0;
    PM_TRY(pm_mfield_required_int(d, m, rec, 0, &version));
    if (version != expected)
        return pm_mfield_error(d, m, 0, PAIMON_EUNSUPPORTED,
                               "unsupported format version %d (expected %d)%s", version, expected,
                               version < expected ? "; the table was written by a pre-release "
                                                    "version and must be recreated"
                                                  : "");
    return PAIMON_OK;
}

static int check_kind(pm_mfield_ctx *d, pm_mfield_map *m, const pm_avro_value *rec, int f,
                      int32_t *out) {
    PM_TRY(pm_mfield_required_int(d, m, rec, f, out));
    if (*out != PM_FILE_KIND_ADD && *out != PM_FILE_KIND_DELETE)
        return pm_mfield_error(d, m, f, PAIMON_ECORRUPT, "unknown file kind %d", *out);
    return PAIMON_OK;
}

typedef struct entry_maps {
    pm_mfield_map top, file, key_stats, value_stats;
} entry_maps;

static int decode_data_file(pm_mfield_ctx *d, entry_maps *m, const pm_avro_value *rec,
                            pm_data_file_meta *out) {
    pm_mfield_map *fm = &m->file;
    const pm_avro_value *stats;
    PM_TRY(pm_mfield_string(d, fm, rec, DF_FILE_NAME, true, &out->file_name));
    PM_TRY(pm_mfield_required_long(d, fm, rec, DF_FILE_SIZE, &out->file_size));
    PM_TRY(pm_mfield_required_long(d, fm, rec, DF_ROW_COUNT, &out->row_count));
    PM_TRY(pm_mfield_bytes(d, fm, rec, DF_MIN_KEY, true, &out->min_key));
    PM_TRY(pm_mfield_bytes(d, fm, rec, DF_MAX_KEY, true, &out->max_key));
    PM_TRY(pm_mfield_typed(d, fm, rec, DF_KEY_STATS, true, PM_AVRO_RECORD, &stats));
    PM_TRY(pm_mfield_stats(d, &m->key_stats, stats, &out->key_stats));
    PM_TRY(pm_mfield_typed(d, fm, rec, DF_VALUE_STATS, true, PM_AVRO_RECORD, &stats));
    PM_TRY(pm_mfield_stats(d, &m->value_stats, stats, &out->value_stats));
    PM_TRY(pm_mfield_required_long(d, fm, rec, DF_MIN_SEQ, &out->min_sequence_number));
    PM_TRY(pm_mfield_required_long(d, fm, rec, DF_MAX_SEQ, &out->max_sequence_number));
    PM_TRY(pm_mfield_required_long(d, fm, rec, DF_SCHEMA_ID, &out->schema_id));
    PM_TRY(pm_mfield_required_int(d, fm, rec, DF_LEVEL, &out->level));
    PM_TRY(pm_mfield_string_list(d, fm, rec, DF_EXTRA_FILES, true, &out->extra_files));
    PM_TRY(pm_mfield_long(d, fm, rec, DF_CREATION_TIME, false, &out->has_creation_time,
                          &out->creation_time_millis));
    PM_TRY(pm_mfield_long(d, fm, rec, DF_DELETE_ROW_COUNT, false, &out->has_delete_row_count,
                          &out->delete_row_count));
    PM_TRY(pm_mfield_bytes(d, fm, rec, DF_EMBEDDED_INDEX, false, &out->embedded_index));
    PM_TRY(
        pm_mfield_int(d, fm, rec, DF_FILE_SOURCE, false, &out->has_file_source, &out->file_source));
    if (out->has_file_source && out->file_source != PM_FILE_SOURCE_APPEND &&
        out->file_source != PM_FILE_SOURCE_COMPACT)
        return pm_mfield_error(d, fm, DF_FILE_SOURCE, PAIMON_ECORRUPT, "unknown file source %d",
                               out->file_source);
    PM_TRY(pm_mfield_string_list(d, fm, rec, DF_VALUE_STATS_COLS, false, &out->value_stats_cols));
    PM_TRY(pm_mfield_string(d, fm, rec, DF_EXTERNAL_PATH, false, &out->external_path));
    PM_TRY(pm_mfield_long(d, fm, rec, DF_FIRST_ROW_ID, false, &out->has_first_row_id,
                          &out->first_row_id));
    PM_TRY(pm_mfield_string_list(d, fm, rec, DF_WRITE_COLS, false, &out->write_cols));
    PM_TRY(pm_mfield_long_array(d, fm, rec, DF_WRITE_COLS_SEQUENCES, &out->write_cols_sequences,
                                NULL, &out->write_cols_sequence_count,
                                &out->has_write_cols_sequences));
    return PAIMON_OK;
}

static int decode_entry(pm_mfield_ctx *d, void *maps, const pm_avro_value *rec, void *item) {
    entry_maps *m = maps;
    pm_manifest_entry *out = item;
    const pm_avro_value *file;
    PM_TRY(check_version(d, &m->top, rec, PM_MANIFEST_VERSION));
    PM_TRY(check_kind(d, &m->top, rec, ME_KIND, &out->kind));
    PM_TRY(pm_mfield_bytes(d, &m->top, rec, ME_PARTITION, true, &out->partition));
    PM_TRY(pm_mfield_required_int(d, &m->top, rec, ME_BUCKET, &out->bucket));
    PM_TRY(pm_mfield_required_int(d, &m->top, rec, ME_TOTAL_BUCKETS, &out->total_buckets));
    PM_TRY(pm_mfield_typed(d, &m->top, rec, ME_FILE, true, PM_AVRO_RECORD, &file));
    return decode_data_file(d, m, file, &out->file);
}

typedef struct list_maps {
    pm_mfield_map top, stats;
} list_maps;

static int optional_int_pair(pm_mfield_ctx *d, pm_mfield_map *m, const pm_avro_value *rec, int fmin,
                             int fmax, bool *has, int32_t *min, int32_t *max) {
    bool has_min, has_max;
    PM_TRY(pm_mfield_int(d, m, rec, fmin, false, &has_min, min));
    PM_TRY(pm_mfield_int(d, m, rec, fmax, false, &has_max, max));
    *has = has_min && has_max;
    return PAIMON_OK;
}

static int decode_list_record(pm_mfield_ctx *d, void *maps, const pm_avro_value *rec, void *item) {
    list_maps *m = maps;
    pm_mfield_map *t = &m->top;
    pm_manifest_file_meta *out = item;
    const pm_avro_value *stats;
    PM_TRY(check_version(d, t, rec, PM_MANIFEST_VERSION));
    PM_TRY(pm_mfield_string(d, t, rec, ML_FILE_NAME, true, &out->file_name));
    PM_TRY(pm_mfield_required_long(d, t, rec, ML_FILE_SIZE, &out->file_size));
    PM_TRY(pm_mfield_required_long(d, t, rec, ML_ADDED, &out->num_added_files));
    PM_TRY(pm_mfield_required_long(d, t, rec, ML_DELETED, &out->num_deleted_files));
    PM_TRY(pm_mfield_typed(d, t, rec, ML_PARTITION_STATS, true, PM_AVRO_RECORD, &stats));
    PM_TRY(pm_mfield_stats(d, &m->stats, stats, &out->partition_stats));
    PM_TRY(pm_mfield_required_long(d, t, rec, ML_SCHEMA_ID, &out->schema_id));
    PM_TRY(optional_int_pair(d, t, rec, ML_MIN_BUCKET, ML_MAX_BUCKET, &out->has_bucket_range,
                             &out->min_bucket, &out->max_bucket));
    PM_TRY(optional_int_pair(d, t, rec, ML_MIN_LEVEL, ML_MAX_LEVEL, &out->has_level_range,
                             &out->min_level, &out->max_level));
    bool has_min, has_max;
    PM_TRY(pm_mfield_long(d, t, rec, ML_MIN_ROW_ID, false, &has_min, &out->min_row_id));
    PM_TRY(pm_mfield_long(d, t, rec, ML_MAX_ROW_ID, false, &has_max, &out->max_row_id));
    out->has_row_id_range = has_min && has_max;
    return PAIMON_OK;
}

typedef struct index_maps {
    pm_mfield_map top, range, global;
    pm_buf scratch; /* re-encoded _GLOBAL_INDEX */
} index_maps;

static int decode_dv_ranges(pm_mfield_ctx *d, index_maps *m, const pm_avro_value *rec,
                            pm_index_manifest_entry *out) {
    const pm_avro_value *v;
    PM_TRY(pm_mfield_typed(d, &m->top, rec, IX_DV_RANGES, false, PM_AVRO_ARRAY, &v));
    out->has_dv_ranges = v != NULL;
    if (v == NULL)
        return PAIMON_OK;
    size_t n = v->u.array.count;
    pm_dv_range *ranges = pm_arena_calloc(d->arena, n ? n : 1, sizeof *ranges);
    if (ranges == NULL)
        return pm_err_nomem(d->err);
    for (size_t i = 0; i < n; i++) {
        const pm_avro_value *item = &v->u.array.items[i];
        if (item->schema->kind != PM_AVRO_RECORD)
            return pm_mfield_error(d, &m->top, IX_DV_RANGES, PAIMON_ECORRUPT,
                                   "item %zu: expected record, found %s", i,
                                   pm_avro_kind_name(item->schema->kind));
        PM_TRY(pm_mfield_string(d, &m->range, item, DV_FILE, true, &ranges[i].data_file));
        PM_TRY(pm_mfield_required_int(d, &m->range, item, DV_OFFSET, &ranges[i].offset));
        PM_TRY(pm_mfield_required_int(d, &m->range, item, DV_LENGTH, &ranges[i].length));
        PM_TRY(pm_mfield_long(d, &m->range, item, DV_CARDINALITY, false, &ranges[i].has_cardinality,
                              &ranges[i].cardinality));
    }
    out->dv_ranges = ranges;
    out->dv_range_count = n;
    return PAIMON_OK;
}

/* Re-encodes `_GLOBAL_INDEX` in the current layout (PM_GLOBAL_INDEX_AVRO_SCHEMA), whatever
 * layout the writer used, so that encoding writes it back verbatim. */
static int encode_global_index(pm_mfield_ctx *d, index_maps *m, const pm_avro_value *rec,
                               pm_buf *out) {
    pm_mfield_map *g = &m->global;
    int64_t start, end;
    int32_t field_id;
    PM_TRY(pm_mfield_required_long(d, g, rec, GI_START, &start));
    PM_TRY(pm_mfield_required_long(d, g, rec, GI_END, &end));
    PM_TRY(pm_mfield_required_int(d, g, rec, GI_FIELD_ID, &field_id));
    const int64_t *ids;
    size_t id_count;
    bool has_ids;
    PM_TRY(pm_mfield_long_array(d, g, rec, GI_EXTRA_IDS, &ids, NULL, &id_count, &has_ids));
    pm_bytes index_meta, source_meta;
    PM_TRY(pm_mfield_bytes(d, g, rec, GI_INDEX_META, false, &index_meta));
    PM_TRY(pm_mfield_bytes(d, g, rec, GI_SOURCE_META, false, &source_meta));
    int rc = pm_avro_put_long(out, start);
    rc = rc ? rc : pm_avro_put_long(out, end);
    rc = rc ? rc : pm_avro_put_int(out, field_id);
    rc = rc ? rc : pm_avro_put_branch(out, has_ids ? 1 : 0);
    if (has_ids) {
        rc = rc ? rc : pm_avro_put_block_start(out, id_count);
        for (size_t i = 0; i < id_count; i++) {
            if (ids[i] < INT32_MIN || ids[i] > INT32_MAX)
                return pm_mfield_error(d, g, GI_EXTRA_IDS, PAIMON_ECORRUPT,
                                       "id does not fit an int");
            rc = rc ? rc : pm_avro_put_int(out, (int32_t)ids[i]);
        }
        rc = rc ? rc : pm_avro_put_block_end(out);
    }
    const pm_bytes *metas[2] = {&index_meta, &source_meta};
    for (int i = 0; i < 2; i++) {
        rc = rc ? rc : pm_avro_put_branch(out, metas[i]->data ? 1 : 0);
        if (metas[i]->data != NULL)
            rc = rc ? rc : pm_avro_put_bytes(out, metas[i]->data, metas[i]->len);
    }
    return rc == PAIMON_OK ? PAIMON_OK : pm_err_nomem(d->err);
}

static int decode_index_entry(pm_mfield_ctx *d, void *maps, const pm_avro_value *rec, void *item) {
    index_maps *m = maps;
    pm_mfield_map *t = &m->top;
    pm_index_manifest_entry *out = item;
    PM_TRY(check_version(d, t, rec, PM_INDEX_MANIFEST_VERSION));
    PM_TRY(check_kind(d, t, rec, IX_KIND, &out->kind));
    PM_TRY(pm_mfield_bytes(d, t, rec, IX_PARTITION, true, &out->partition));
    PM_TRY(pm_mfield_required_int(d, t, rec, IX_BUCKET, &out->bucket));
    PM_TRY(pm_mfield_string(d, t, rec, IX_INDEX_TYPE, true, &out->index_type));
    PM_TRY(pm_mfield_string(d, t, rec, IX_FILE_NAME, true, &out->file_name));
    PM_TRY(pm_mfield_required_long(d, t, rec, IX_FILE_SIZE, &out->file_size));
    PM_TRY(pm_mfield_required_long(d, t, rec, IX_ROW_COUNT, &out->row_count));
    PM_TRY(decode_dv_ranges(d, m, rec, out));
    PM_TRY(pm_mfield_string(d, t, rec, IX_EXTERNAL_PATH, false, &out->external_path));
    const pm_avro_value *global;
    PM_TRY(pm_mfield_typed(d, t, rec, IX_GLOBAL_INDEX, false, PM_AVRO_RECORD, &global));
    if (global != NULL) {
        pm_buf_clear(&m->scratch);
        PM_TRY(encode_global_index(d, m, global, &m->scratch));
        PM_TRY(pm_mfield_copy_bytes(d, m->scratch.data, m->scratch.len, &out->global_index));
    }
    return PAIMON_OK;
}

/* ---- files ---- */

typedef int (*decode_record_fn)(pm_mfield_ctx *d, void *maps, const pm_avro_value *rec, void *item);

/* Reads every record of an Avro file through `fn` into an array of `item_size` items that ends
 * up in `arena`. */
static int decode_file(const uint8_t *data, size_t len, pm_arena *arena, size_t item_size,
                       decode_record_fn fn, void *maps, void **items_out, size_t *count_out,
                       paimon_error *err) {
    pm_avro_reader r;
    PM_TRY(pm_avro_reader_open_mem(&r, data, len, err));
    r.max_block_bytes = MANIFEST_MAX_BLOCK_BYTES;
    int null_index, value_index;
    const pm_avro_schema *top = pm_avro_schema_unwrap_nullable(r.schema, &null_index, &value_index);
    if (top->kind != PM_AVRO_RECORD) {
        int rc = pm_err(err, PAIMON_ECORRUPT, "the writer schema is a %s, not a record",
                        pm_avro_kind_name(top->kind));
        pm_avro_reader_close(&r);
        return rc;
    }
    pm_mfield_ctx d = {arena, 0, err};
    uint8_t *items = NULL;
    size_t count = 0, cap = 0;
    int rc = PAIMON_OK;
    for (;;) {
        pm_avro_value v;
        bool has;
        rc = pm_avro_reader_next_value(&r, &v, &has, err);
        if (rc != PAIMON_OK || !has)
            break;
        d.record = (int64_t)count;
        if (v.schema->kind != PM_AVRO_RECORD) {
            rc = pm_err(err, PAIMON_ECORRUPT, "record %zu is null", count);
            break;
        }
        if (pm_grow((void **)&items, &cap, count + 1, item_size) != PAIMON_OK) {
            rc = pm_err_nomem(err);
            break;
        }
        memset(items + count * item_size, 0, item_size);
        rc = fn(&d, maps, &v, items + count * item_size);
        if (rc != PAIMON_OK)
            break;
        count++;
    }
    pm_avro_reader_close(&r);
    *items_out = NULL;
    *count_out = 0;
    if (rc == PAIMON_OK && count > 0) {
        *items_out = pm_arena_memdup(arena, items, count * item_size);
        if (*items_out == NULL)
            rc = pm_err_nomem(err);
        else
            *count_out = count;
    }
    pm_free(items);
    return rc;
}

#define RESULT_ARENA_BLOCK (64 << 10)

int pm_manifest_decode_avro(const uint8_t *data, size_t len, pm_manifest *out, paimon_error *err) {
    memset(out, 0, sizeof *out);
    pm_arena_init(&out->arena, RESULT_ARENA_BLOCK);
    entry_maps maps;
    pm_mfield_map_init(&maps.top, "", ENTRY_FIELDS, ME_COUNT);
    pm_mfield_map_init(&maps.file, "_FILE.", FILE_FIELDS, DF_COUNT);
    pm_mfield_map_init(&maps.key_stats, "_FILE._KEY_STATS.", PM_MFIELD_STATS_NAMES, 3);
    pm_mfield_map_init(&maps.value_stats, "_FILE._VALUE_STATS.", PM_MFIELD_STATS_NAMES, 3);
    void *items;
    int rc = decode_file(data, len, &out->arena, sizeof *out->items, decode_entry, &maps, &items,
                         &out->count, err);
    if (rc != PAIMON_OK) {
        pm_manifest_dispose(out);
        return rc;
    }
    out->items = items;
    return PAIMON_OK;
}

int pm_manifest_list_decode_avro(const uint8_t *data, size_t len, pm_manifest_list *out,
                                 paimon_error *err) {
    memset(out, 0, sizeof *out);
    pm_arena_init(&out->arena, RESULT_ARENA_BLOCK);
    list_maps maps;
    pm_mfield_map_init(&maps.top, "", LIST_FIELDS, ML_COUNT);
    pm_mfield_map_init(&maps.stats, "_PARTITION_STATS.", PM_MFIELD_STATS_NAMES, 3);
    void *items;
    int rc = decode_file(data, len, &out->arena, sizeof *out->items, decode_list_record, &maps,
                         &items, &out->count, err);
    if (rc != PAIMON_OK) {
        pm_manifest_list_dispose(out);
        return rc;
    }
    out->items = items;
    return PAIMON_OK;
}

int pm_index_manifest_decode_avro(const uint8_t *data, size_t len, pm_index_manifest *out,
                                  paimon_error *err) {
    memset(out, 0, sizeof *out);
    pm_arena_init(&out->arena, RESULT_ARENA_BLOCK);
    index_maps maps;
    pm_mfield_map_init(&maps.top, "", INDEX_FIELDS, IX_COUNT);
    pm_mfield_map_init(&maps.range, "_DELETIONS_VECTORS_RANGES.", DV_FIELDS, DV_COUNT);
    pm_mfield_map_init(&maps.global, "_GLOBAL_INDEX.", GLOBAL_INDEX_FIELDS, GI_COUNT);
    pm_buf_init(&maps.scratch);
    void *items;
    int rc = decode_file(data, len, &out->arena, sizeof *out->items, decode_index_entry, &maps,
                         &items, &out->count, err);
    pm_buf_dispose(&maps.scratch);
    if (rc != PAIMON_OK) {
        pm_index_manifest_dispose(out);
        return rc;
    }
    out->items = items;
    return PAIMON_OK;
}
