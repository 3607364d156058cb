/*
 * manifest_avro_encode.c - writing manifests, manifest lists and index manifests in the current
 * Avro layout. The schema strings are byte-identical to Java master's (spec 03 §3): Java's
 * optimized reader checks the top-level layout, so nothing here may drift from them.
 */
#include "core/manifest_avro.h"

#include "format/avro/avro_binary.h"
#include "format/avro/avro_value.h"
#include "format/avro/avro_writer.h"

#include <string.h>

const char PM_MANIFEST_AVRO_SCHEMA[] =
    "{\"type\":\"record\",\"name\":\"record\",\"namespace\":\"org.apache.paimon.avro.generated"
    "\",\"fields\":[{\"name\":\"_VERSION\",\"type\":\"int\"},{\"name\":\"_KIND\",\"type\":\"int"
    "\"},{\"name\":\"_PARTITION\",\"type\":\"bytes\"},{\"name\":\"_BUCKET\",\"type\":\"int\"},{"
    "\"name\":\"_TOTAL_BUCKETS\",\"type\":\"int\"},{\"name\":\"_FILE\",\"type\":{\"type\":\"rec"
    "ord\",\"name\":\"record__FILE\",\"fields\":[{\"name\":\"_FILE_NAME\",\"type\":\"string\"},"
    "{\"name\":\"_FILE_SIZE\",\"type\":\"long\"},{\"name\":\"_ROW_COUNT\",\"type\":\"long\"},{"
    "\"name\":\"_MIN_KEY\",\"type\":\"bytes\"},{\"name\":\"_MAX_KEY\",\"type\":\"bytes\"},{\"na"
    "me\":\"_KEY_STATS\",\"type\":{\"type\":\"record\",\"name\":\"record__FILE__KEY_STATS\",\"f"
    "ields\":[{\"name\":\"_MIN_VALUES\",\"type\":\"bytes\"},{\"name\":\"_MAX_VALUES\",\"type\":"
    "\"bytes\"},{\"name\":\"_NULL_COUNTS\",\"type\":[\"null\",{\"type\":\"array\",\"items\":[\""
    "null\",\"long\"]}],\"default\":null}]}},{\"name\":\"_VALUE_STATS\",\"type\":{\"type\":\"re"
    "cord\",\"name\":\"record__FILE__VALUE_STATS\",\"fields\":[{\"name\":\"_MIN_VALUES\",\"type"
    "\":\"bytes\"},{\"name\":\"_MAX_VALUES\",\"type\":\"bytes\"},{\"name\":\"_NULL_COUNTS\",\"t"
    "ype\":[\"null\",{\"type\":\"array\",\"items\":[\"null\",\"long\"]}],\"default\":null}]}},{"
    "\"name\":\"_MIN_SEQUENCE_NUMBER\",\"type\":\"long\"},{\"name\":\"_MAX_SEQUENCE_NUMBER\",\""
    "type\":\"long\"},{\"name\":\"_SCHEMA_ID\",\"type\":\"long\"},{\"name\":\"_LEVEL\",\"type\""
    ":\"int\"},{\"name\":\"_EXTRA_FILES\",\"type\":{\"type\":\"array\",\"items\":\"string\"}},{"
    "\"name\":\"_CREATION_TIME\",\"type\":[\"null\",{\"type\":\"long\",\"logicalType\":\"timest"
    "amp-millis\"}],\"default\":null},{\"name\":\"_DELETE_ROW_COUNT\",\"type\":[\"null\",\"long"
    "\"],\"default\":null},{\"name\":\"_EMBEDDED_FILE_INDEX\",\"type\":[\"null\",\"bytes\"],\"d"
    "efault\":null},{\"name\":\"_FILE_SOURCE\",\"type\":[\"null\",\"int\"],\"default\":null},{"
    "\"name\":\"_VALUE_STATS_COLS\",\"type\":[\"null\",{\"type\":\"array\",\"items\":\"string\""
    "}],\"default\":null},{\"name\":\"_EXTERNAL_PATH\",\"type\":[\"null\",\"string\"],\"default"
    "\":null},{\"name\":\"_FIRST_ROW_ID\",\"type\":[\"null\",\"long\"],\"default\":null},{\"nam"
    "e\":\"_WRITE_COLS\",\"type\":[\"null\",{\"type\":\"array\",\"items\":\"string\"}],\"defaul"
    "t\":null},{\"name\":\"_WRITE_COLS_SEQUENCES\",\"type\":[\"null\",{\"type\":\"array\",\"ite"
    "ms\":\"long\"}],\"default\":null}]}}]}";

const char PM_MANIFEST_LIST_AVRO_SCHEMA[] =
    "{\"type\":\"record\",\"name\":\"record\",\"namespace\":\"org.apache.paimon.avro.generated"
    "\",\"fields\":[{\"name\":\"_VERSION\",\"type\":\"int\"},{\"name\":\"_FILE_NAME\",\"type\":"
    "\"string\"},{\"name\":\"_FILE_SIZE\",\"type\":\"long\"},{\"name\":\"_NUM_ADDED_FILES\",\"t"
    "ype\":\"long\"},{\"name\":\"_NUM_DELETED_FILES\",\"type\":\"long\"},{\"name\":\"_PARTITION"
    "_STATS\",\"type\":{\"type\":\"record\",\"name\":\"record__PARTITION_STATS\",\"fields\":[{"
    "\"name\":\"_MIN_VALUES\",\"type\":\"bytes\"},{\"name\":\"_MAX_VALUES\",\"type\":\"bytes\"}"
    ",{\"name\":\"_NULL_COUNTS\",\"type\":[\"null\",{\"type\":\"array\",\"items\":[\"null\",\"l"
    "ong\"]}],\"default\":null}]}},{\"name\":\"_SCHEMA_ID\",\"type\":\"long\"},{\"name\":\"_MIN"
    "_BUCKET\",\"type\":[\"null\",\"int\"],\"default\":null},{\"name\":\"_MAX_BUCKET\",\"type\""
    ":[\"null\",\"int\"],\"default\":null},{\"name\":\"_MIN_LEVEL\",\"type\":[\"null\",\"int\"]"
    ",\"default\":null},{\"name\":\"_MAX_LEVEL\",\"type\":[\"null\",\"int\"],\"default\":null},"
    "{\"name\":\"_MIN_ROW_ID\",\"type\":[\"null\",\"long\"],\"default\":null},{\"name\":\"_MAX_"
    "ROW_ID\",\"type\":[\"null\",\"long\"],\"default\":null}]}";

const char PM_INDEX_MANIFEST_AVRO_SCHEMA[] =
    "{\"type\":\"record\",\"name\":\"record\",\"namespace\":\"org.apache.paimon.avro.generated"
    "\",\"fields\":[{\"name\":\"_VERSION\",\"type\":\"int\"},{\"name\":\"_KIND\",\"type\":\"int"
    "\"},{\"name\":\"_PARTITION\",\"type\":\"bytes\"},{\"name\":\"_BUCKET\",\"type\":\"int\"},{"
    "\"name\":\"_INDEX_TYPE\",\"type\":\"string\"},{\"name\":\"_FILE_NAME\",\"type\":\"string\""
    "},{\"name\":\"_FILE_SIZE\",\"type\":\"long\"},{\"name\":\"_ROW_COUNT\",\"type\":\"long\"},"
    "{\"name\":\"_DELETIONS_VECTORS_RANGES\",\"type\":[\"null\",{\"type\":\"array\",\"items\":["
    "\"null\",{\"type\":\"record\",\"name\":\"record__DELETIONS_VECTORS_RANGES\",\"fields\":[{"
    "\"name\":\"f0\",\"type\":\"string\"},{\"name\":\"f1\",\"type\":\"int\"},{\"name\":\"f2\","
    "\"type\":\"int\"},{\"name\":\"_CARDINALITY\",\"type\":[\"null\",\"long\"],\"default\":null"
    "}]}]}],\"default\":null},{\"name\":\"_EXTERNAL_PATH\",\"type\":[\"null\",\"string\"],\"def"
    "ault\":null},{\"name\":\"_GLOBAL_INDEX\",\"type\":[\"null\",{\"type\":\"record\",\"name\":"
    "\"record__GLOBAL_INDEX\",\"fields\":[{\"name\":\"_ROW_RANGE_START\",\"type\":\"long\"},{\""
    "name\":\"_ROW_RANGE_END\",\"type\":\"long\"},{\"name\":\"_INDEX_FIELD_ID\",\"type\":\"int"
    "\"},{\"name\":\"_EXTRA_FIELD_IDS\",\"type\":[\"null\",{\"type\":\"array\",\"items\":\"int"
    "\"}],\"default\":null},{\"name\":\"_INDEX_META\",\"type\":[\"null\",\"bytes\"],\"default\""
    ":null},{\"name\":\"_SOURCE_META\",\"type\":[\"null\",\"bytes\"],\"default\":null}]}],\"def"
    "ault\":null}]}";

const char PM_GLOBAL_INDEX_AVRO_SCHEMA[] =
    "{\"type\":\"record\",\"name\":\"record__GLOBAL_INDEX\",\"fields\":[{\"name\":\"_ROW_RANGE_"
    "START\",\"type\":\"long\"},{\"name\":\"_ROW_RANGE_END\",\"type\":\"long\"},{\"name\":\"_IN"
    "DEX_FIELD_ID\",\"type\":\"int\"},{\"name\":\"_EXTRA_FIELD_IDS\",\"type\":[\"null\",{\"type"
    "\":\"array\",\"items\":\"int\"}],\"default\":null},{\"name\":\"_INDEX_META\",\"type\":[\"n"
    "ull\",\"bytes\"],\"default\":null},{\"name\":\"_SOURCE_META\",\"type\":[\"null\",\"bytes\""
    "],\"default\":null}]}";

/* Encoders append to `b` and return PAIMON_OK or PAIMON_ENOMEM; a chain stops at the first
 * failure. */

static int put_optional_long(pm_buf *b, bool has, int64_t v) {
    int rc = pm_avro_put_branch(b, has ? 1 : 0);
    return rc == PAIMON_OK && has ? pm_avro_put_long(b, v) : rc;
}

static int put_optional_int(pm_buf *b, bool has, int32_t v) {
    return put_optional_long(b, has, v);
}

static int put_optional_string(pm_buf *b, const char *s) {
    int rc = pm_avro_put_branch(b, s != NULL ? 1 : 0);
    return rc == PAIMON_OK && s != NULL ? pm_avro_put_string(b, s) : rc;
}

static int put_bytes(pm_buf *b, pm_bytes v) {
    return pm_avro_put_bytes(b, v.data, v.len);
}

static int put_optional_bytes(pm_buf *b, pm_bytes v) {
    int rc = pm_avro_put_branch(b, v.data != NULL ? 1 : 0);
    return rc == PAIMON_OK && v.data != NULL ? put_bytes(b, v) : rc;
}

static int put_string_array(pm_buf *b, const pm_string_list *list) {
    int rc = pm_avro_put_block_start(b, list->count);
    for (size_t i = 0; rc == PAIMON_OK && i < list->count; i++)
        rc = pm_avro_put_string(b, list->items[i]);
    return rc == PAIMON_OK ? pm_avro_put_block_end(b) : rc;
}

static int put_optional_string_array(pm_buf *b, const pm_string_list *list) {
    int rc = pm_avro_put_branch(b, list->present ? 1 : 0);
    return rc == PAIMON_OK && list->present ? put_string_array(b, list) : rc;
}

static int put_stats(pm_buf *b, const pm_simple_stats *s) {
    int rc = put_bytes(b, s->min_values);
    if (rc == PAIMON_OK)
        rc = put_bytes(b, s->max_values);
    if (rc == PAIMON_OK)
        rc = pm_avro_put_branch(b, s->has_null_counts ? 1 : 0);
    if (rc != PAIMON_OK || !s->has_null_counts)
        return rc;
    rc = pm_avro_put_block_start(b, s->null_count_len);
    for (size_t i = 0; rc == PAIMON_OK && i < s->null_count_len; i++) {
        bool present = s->null_count_present == NULL || s->null_count_present[i];
        rc = put_optional_long(b, present, present ? s->null_counts[i] : 0);
    }
    return rc == PAIMON_OK ? pm_avro_put_block_end(b) : rc;
}

static int put_data_file(pm_buf *b, const pm_data_file_meta *f) {
    int rc = pm_avro_put_string(b, f->file_name);
    rc = rc ? rc : pm_avro_put_long(b, f->file_size);
    rc = rc ? rc : pm_avro_put_long(b, f->row_count);
    rc = rc ? rc : put_bytes(b, f->min_key);
    rc = rc ? rc : put_bytes(b, f->max_key);
    rc = rc ? rc : put_stats(b, &f->key_stats);
    rc = rc ? rc : put_stats(b, &f->value_stats);
    rc = rc ? rc : pm_avro_put_long(b, f->min_sequence_number);
    rc = rc ? rc : pm_avro_put_long(b, f->max_sequence_number);
    rc = rc ? rc : pm_avro_put_long(b, f->schema_id);
    rc = rc ? rc : pm_avro_put_int(b, f->level);
    rc = rc ? rc : put_string_array(b, &f->extra_files);
    rc = rc ? rc : put_optional_long(b, f->has_creation_time, f->creation_time_millis);
    rc = rc ? rc : put_optional_long(b, f->has_delete_row_count, f->delete_row_count);
    rc = rc ? rc : put_optional_bytes(b, f->embedded_index);
    rc = rc ? rc : put_optional_int(b, f->has_file_source, f->file_source);
    rc = rc ? rc : put_optional_string_array(b, &f->value_stats_cols);
    rc = rc ? rc : put_optional_string(b, f->external_path);
    rc = rc ? rc : put_optional_long(b, f->has_first_row_id, f->first_row_id);
    rc = rc ? rc : put_optional_string_array(b, &f->write_cols);
    rc = rc ? rc : pm_avro_put_branch(b, f->has_write_cols_sequences ? 1 : 0);
    if (rc == PAIMON_OK && f->has_write_cols_sequences) {
        rc = pm_avro_put_block_start(b, f->write_cols_sequence_count);
        for (size_t i = 0; rc == PAIMON_OK && i < f->write_cols_sequence_count; i++)
            rc = pm_avro_put_long(b, f->write_cols_sequences[i]);
        rc = rc ? rc : pm_avro_put_block_end(b);
    }
    return rc;
}

/* ---- validation: what the structs can hold but the layout cannot ---- */

static bool strings_set(const pm_string_list *l) {
    for (size_t i = 0; i < l->count; i++) {
        if (l->items[i] == NULL)
            return false;
    }
    return true;
}

static int check_entry(const pm_manifest_entry *e, size_t i, paimon_error *err) {
    const pm_data_file_meta *f = &e->file;
    if (e->kind != PM_FILE_KIND_ADD && e->kind != PM_FILE_KIND_DELETE)
        return pm_err(err, PAIMON_EINVAL, "manifest entry %zu: unknown kind %d", i, e->kind);
    if (f->file_name == NULL)
        return pm_err(err, PAIMON_EINVAL, "manifest entry %zu: no file name", i);
    if (!strings_set(&f->extra_files) || !strings_set(&f->value_stats_cols) ||
        !strings_set(&f->write_cols))
        return pm_err(err, PAIMON_EINVAL, "manifest entry %zu (%s): NULL in a string list", i,
                      f->file_name);
    return PAIMON_OK;
}

/* ---- files ---- */

typedef int (*put_record_fn)(pm_buf *b, const void *item);

/* Writes `count` items through `put` into a container appended to `out`. On failure `out` is
 * left as it was. */
static int encode_file(const char *schema, const void *items, size_t count, size_t item_size,
                       put_record_fn put, const char *codec_option, int zstd_level, pm_buf *out,
                       paimon_error *err) {
    pm_codec codec;
    PM_TRY(pm_avro_codec_from_option(codec_option, &codec, err));
    size_t start = out->len;
    pm_avro_writer w;
    int rc =
        pm_avro_writer_open(&w, out, schema, codec, codec == PM_CODEC_ZSTD ? zstd_level : 0, err);
    for (size_t i = 0; rc == PAIMON_OK && i < count; i++) {
        if (put(pm_avro_writer_record(&w), (const uint8_t *)items + i * item_size) != PAIMON_OK)
            rc = pm_err_nomem(err);
        else
            rc = pm_avro_writer_end_record(&w, err);
    }
    if (rc == PAIMON_OK)
        rc = pm_avro_writer_finish(&w, err);
    pm_avro_writer_dispose(&w);
    if (rc != PAIMON_OK)
        out->len = start;
    return rc;
}

static int put_entry(pm_buf *b, const void *item) {
    const pm_manifest_entry *e = item;
    int rc = pm_avro_put_int(b, PM_MANIFEST_VERSION);
    rc = rc ? rc : pm_avro_put_int(b, e->kind);
    rc = rc ? rc : put_bytes(b, e->partition);
    rc = rc ? rc : pm_avro_put_int(b, e->bucket);
    rc = rc ? rc : pm_avro_put_int(b, e->total_buckets);
    return rc ? rc : put_data_file(b, &e->file);
}

int pm_manifest_encode(const pm_manifest_entry *entries, size_t count, const char *codec,
                       int zstd_level, pm_buf *out, paimon_error *err) {
    for (size_t i = 0; i < count; i++)
        PM_TRY(check_entry(&entries[i], i, err));
    return encode_file(PM_MANIFEST_AVRO_SCHEMA, entries, count, sizeof *entries, put_entry, codec,
                       zstd_level, out, err);
}

static int put_list_record(pm_buf *b, const void *item) {
    const pm_manifest_file_meta *m = item;
    int rc = pm_avro_put_int(b, PM_MANIFEST_VERSION);
    rc = rc ? rc : pm_avro_put_string(b, m->file_name);
    rc = rc ? rc : pm_avro_put_long(b, m->file_size);
    rc = rc ? rc : pm_avro_put_long(b, m->num_added_files);
    rc = rc ? rc : pm_avro_put_long(b, m->num_deleted_files);
    rc = rc ? rc : put_stats(b, &m->partition_stats);
    rc = rc ? rc : pm_avro_put_long(b, m->schema_id);
    rc = rc ? rc : put_optional_int(b, m->has_bucket_range, m->min_bucket);
    rc = rc ? rc : put_optional_int(b, m->has_bucket_range, m->max_bucket);
    rc = rc ? rc : put_optional_int(b, m->has_level_range, m->min_level);
    rc = rc ? rc : put_optional_int(b, m->has_level_range, m->max_level);
    rc = rc ? rc : put_optional_long(b, m->has_row_id_range, m->min_row_id);
    return rc ? rc : put_optional_long(b, m->has_row_id_range, m->max_row_id);
}

int pm_manifest_list_encode(const pm_manifest_file_meta *metas, size_t count, const char *codec,
                            int zstd_level, pm_buf *out, paimon_error *err) {
    for (size_t i = 0; i < count; i++) {
        if (metas[i].file_name == NULL)
            return pm_err(err, PAIMON_EINVAL, "manifest list record %zu: no file name", i);
    }
    return encode_file(PM_MANIFEST_LIST_AVRO_SCHEMA, metas, count, sizeof *metas, put_list_record,
                       codec, zstd_level, out, err);
}

static int put_index_entry(pm_buf *b, const void *item) {
    const pm_index_manifest_entry *e = item;
    int rc = pm_avro_put_int(b, PM_INDEX_MANIFEST_VERSION);
    rc = rc ? rc : pm_avro_put_int(b, e->kind);
    rc = rc ? rc : put_bytes(b, e->partition);
    rc = rc ? rc : pm_avro_put_int(b, e->bucket);
    rc = rc ? rc : pm_avro_put_string(b, e->index_type);
    rc = rc ? rc : pm_avro_put_string(b, e->file_name);
    rc = rc ? rc : pm_avro_put_long(b, e->file_size);
    rc = rc ? rc : pm_avro_put_long(b, e->row_count);
    rc = rc ? rc : pm_avro_put_branch(b, e->has_dv_ranges ? 1 : 0);
    if (rc == PAIMON_OK && e->has_dv_ranges) {
        rc = pm_avro_put_block_start(b, e->dv_range_count);
        for (size_t i = 0; rc == PAIMON_OK && i < e->dv_range_count; i++) {
            const pm_dv_range *r = &e->dv_ranges[i];
            rc = pm_avro_put_branch(b, 1); /* the items are nullable records */
            rc = rc ? rc : pm_avro_put_string(b, r->data_file);
            rc = rc ? rc : pm_avro_put_int(b, r->offset);
            rc = rc ? rc : pm_avro_put_int(b, r->length);
            rc = rc ? rc : put_optional_long(b, r->has_cardinality, r->cardinality);
        }
        rc = rc ? rc : pm_avro_put_block_end(b);
    }
    rc = rc ? rc : put_optional_string(b, e->external_path);
    rc = rc ? rc : pm_avro_put_branch(b, e->global_index.data != NULL ? 1 : 0);
    if (rc == PAIMON_OK && e->global_index.data != NULL)
        rc = pm_buf_append(b, e->global_index.data, e->global_index.len);
    return rc;
}

/* The global index bytes are written verbatim, so they must be exactly one datum. */
static int check_global_index(const pm_bytes *g, const pm_avro_schema *schema, size_t i,
                              paimon_error *err) {
    if (g->data == NULL)
        return PAIMON_OK;
    pm_cursor c = pm_cursor_make(g->data, g->len);
    int rc = pm_avro_skip(&c, schema, NULL, err);
    if (rc == PAIMON_OK && pm_cur_left(&c) != 0)
        rc = pm_err(err, PAIMON_EINVAL, "%zu bytes after the record", pm_cur_left(&c));
    if (rc != PAIMON_OK) {
        pm_err_prefix(err, "index manifest entry %zu: _GLOBAL_INDEX: ", i);
        return PAIMON_EINVAL;
    }
    return PAIMON_OK;
}

int pm_index_manifest_encode(const pm_index_manifest_entry *entries, size_t count,
                             const char *codec, int zstd_level, pm_buf *out, paimon_error *err) {
    pm_arena arena;
    pm_arena_init(&arena, 2048);
    const pm_avro_schema *global_schema;
    int rc = pm_avro_schema_parse(PM_GLOBAL_INDEX_AVRO_SCHEMA, strlen(PM_GLOBAL_INDEX_AVRO_SCHEMA),
                                  &arena, &global_schema, err);
    for (size_t i = 0; rc == PAIMON_OK && i < count; i++) {
        const pm_index_manifest_entry *e = &entries[i];
        if (e->index_type == NULL || e->file_name == NULL)
            rc = pm_err(err, PAIMON_EINVAL, "index manifest entry %zu: no index type or file name",
                        i);
        for (size_t k = 0; rc == PAIMON_OK && k < e->dv_range_count; k++) {
            if (e->dv_ranges[k].data_file == NULL)
                rc = pm_err(err, PAIMON_EINVAL, "index manifest entry %zu: range %zu has no file",
                            i, k);
        }
        if (rc == PAIMON_OK)
            rc = check_global_index(&e->global_index, global_schema, i, err);
    }
    pm_arena_dispose(&arena);
    if (rc != PAIMON_OK)
        return rc;
    return encode_file(PM_INDEX_MANIFEST_AVRO_SCHEMA, entries, count, sizeof *entries,
                       put_index_entry, codec, zstd_level, out, err);
}
