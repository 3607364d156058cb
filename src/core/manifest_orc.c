/*
 * manifest_orc.c - manifest lists, manifests and index manifests stored as ORC (tables created
 * with manifest.format = orc by Paimon <= 2.0).
 *
 * The files hold the same logical columns as the Avro layout. They are read through the ORC
 * data reader with the current column set requested by name: columns an older writer did not
 * have come back as nulls, which is exactly "absent" in the structs of manifest.h.
 */
#include "core/manifest_orc.h"

#include "data/arrow_builder.h"
#include "data/type.h"
#include "format/orc/orc.h"
#include "util/mem.h"

#include <string.h>

#define STATS_T "ROW<`_MIN_VALUES` BYTES, `_MAX_VALUES` BYTES, `_NULL_COUNTS` ARRAY<BIGINT>>"

static const char *const manifest_list_columns[][2] = {
    {"_FILE_NAME", "STRING"},          {"_FILE_SIZE", "BIGINT"},
    {"_NUM_ADDED_FILES", "BIGINT"},    {"_NUM_DELETED_FILES", "BIGINT"},
    {"_PARTITION_STATS", STATS_T},     {"_SCHEMA_ID", "BIGINT"},
    {"_MIN_BUCKET", "INT"},            {"_MAX_BUCKET", "INT"},
    {"_MIN_LEVEL", "INT"},             {"_MAX_LEVEL", "INT"},
    {"_MIN_ROW_ID", "BIGINT"},         {"_MAX_ROW_ID", "BIGINT"},
};
enum { ML_FILE_NAME, ML_FILE_SIZE, ML_ADDED, ML_DELETED, ML_STATS, ML_SCHEMA_ID, ML_MIN_BUCKET,
       ML_MAX_BUCKET, ML_MIN_LEVEL, ML_MAX_LEVEL, ML_MIN_ROW_ID, ML_MAX_ROW_ID, ML_COUNT };

static const char *const manifest_columns[][2] = {
    {"_KIND", "INT"},
    {"_PARTITION", "BYTES"},
    {"_BUCKET", "INT"},
    {"_TOTAL_BUCKETS", "INT"},
    {"_FILE",
     "ROW<`_FILE_NAME` STRING, `_FILE_SIZE` BIGINT, `_ROW_COUNT` BIGINT, `_MIN_KEY` BYTES, "
     "`_MAX_KEY` BYTES, `_KEY_STATS` " STATS_T ", `_VALUE_STATS` " STATS_T ", "
     "`_MIN_SEQUENCE_NUMBER` BIGINT, `_MAX_SEQUENCE_NUMBER` BIGINT, `_SCHEMA_ID` BIGINT, "
     "`_LEVEL` INT, `_EXTRA_FILES` ARRAY<STRING>, `_CREATION_TIME` TIMESTAMP(3), "
     "`_DELETE_ROW_COUNT` BIGINT, `_EMBEDDED_FILE_INDEX` BYTES, `_FILE_SOURCE` INT, "
     "`_VALUE_STATS_COLS` ARRAY<STRING>, `_EXTERNAL_PATH` STRING, `_FIRST_ROW_ID` BIGINT, "
     "`_WRITE_COLS` ARRAY<STRING>, `_WRITE_COLS_SEQUENCES` ARRAY<BIGINT>>"},
};
enum { M_KIND, M_PARTITION, M_BUCKET, M_TOTAL_BUCKETS, M_FILE, M_COUNT };
enum { F_NAME, F_SIZE, F_ROWS, F_MIN_KEY, F_MAX_KEY, F_KEY_STATS, F_VALUE_STATS, F_MIN_SEQ,
       F_MAX_SEQ, F_SCHEMA_ID, F_LEVEL, F_EXTRA, F_CREATION, F_DELETE_ROWS, F_INDEX, F_SOURCE,
       F_STATS_COLS, F_EXTERNAL, F_FIRST_ROW_ID, F_WRITE_COLS, F_WRITE_SEQS };

static const char *const index_columns[][2] = {
    {"_KIND", "INT"},
    {"_PARTITION", "BYTES"},
    {"_BUCKET", "INT"},
    {"_INDEX_TYPE", "STRING"},
    {"_FILE_NAME", "STRING"},
    {"_FILE_SIZE", "BIGINT"},
    {"_ROW_COUNT", "BIGINT"},
    {"_DELETIONS_VECTORS_RANGES",
     "ARRAY<ROW<`f0` STRING, `f1` INT, `f2` INT, `_CARDINALITY` BIGINT>>"},
    {"_EXTERNAL_PATH", "STRING"},
};
enum { I_KIND, I_PARTITION, I_BUCKET, I_TYPE, I_FILE_NAME, I_FILE_SIZE, I_ROW_COUNT, I_RANGES,
       I_EXTERNAL, I_COUNT };

/* ---- reading the file into whole-column arrays ---- */

typedef struct orc_table {
    pm_field *fields;
    size_t field_count;
    struct ArrowArray *batches;
    size_t batch_count;
} orc_table;

static void table_dispose(orc_table *t) {
    for (size_t i = 0; i < t->batch_count; i++) {
        if (t->batches[i].release != NULL)
            t->batches[i].release(&t->batches[i]);
    }
    pm_free(t->batches);
    for (size_t i = 0; i < t->field_count; i++)
        pm_field_dispose(&t->fields[i]);
    pm_free(t->fields);
    memset(t, 0, sizeof *t);
}

static int table_read(const uint8_t *data, size_t len, const char *source,
                      const char *const (*columns)[2], size_t count, orc_table *t,
                      paimon_error *err) {
    memset(t, 0, sizeof *t);
    t->fields = pm_calloc(count, sizeof *t->fields);
    if (t->fields == NULL)
        return pm_err_nomem(err);
    t->field_count = count;
    for (size_t i = 0; i < count; i++) {
        t->fields[i].id = (int32_t)i;
        t->fields[i].name = pm_strdup(columns[i][0]);
        if (t->fields[i].name == NULL)
            return pm_err_nomem(err);
        PM_TRY(pm_type_parse(columns[i][1], &t->fields[i].type, err));
    }
    pm_read_options opts = {t->fields, count, 4096, NULL, NULL, NULL, {false, 0, 0}};
    pm_format_reader *r;
    PM_TRY(pm_orc_reader_open_buffer(data, len, source, &opts, &r, err));
    int rc = PAIMON_OK;
    size_t cap = 0;
    for (;;) {
        struct ArrowArray b;
        int64_t first;
        rc = pm_format_reader_next(r, &b, &first, err);
        if (rc != PAIMON_OK || b.release == NULL)
            break;
        if (t->batch_count == cap) {
            size_t ncap = cap ? cap * 2 : 4;
            struct ArrowArray *grown = pm_realloc_array(t->batches, ncap, sizeof *grown);
            if (grown == NULL) {
                b.release(&b);
                rc = pm_err_nomem(err);
                break;
            }
            t->batches = grown;
            cap = ncap;
        }
        t->batches[t->batch_count++] = b;
    }
    pm_format_reader_close(r);
    return rc;
}

static size_t table_rows(const orc_table *t) {
    size_t n = 0;
    for (size_t i = 0; i < t->batch_count; i++)
        n += (size_t)t->batches[i].length;
    return n;
}

/* ---- value accessors (row i of a child array; nulls map to "absent") ---- */

static bool get_i64(const struct ArrowArray *a, const pm_type *t, int64_t i, int64_t *out) {
    if (!pm_arrow_is_valid(a, i))
        return false;
    pm_datum d = pm_arrow_get_datum(a, t, i);
    *out = t->id == PM_TYPE_TIMESTAMP ? d.v.ts.millis : d.v.i;
    return true;
}

static int64_t get_i64_or(const struct ArrowArray *a, const pm_type *t, int64_t i, int64_t dflt) {
    int64_t v;
    return get_i64(a, t, i, &v) ? v : dflt;
}

static int get_bytes(pm_arena *arena, const struct ArrowArray *a, const pm_type *t, int64_t i,
                     pm_bytes *out, paimon_error *err) {
    out->data = NULL;
    out->len = 0;
    if (!pm_arrow_is_valid(a, i))
        return PAIMON_OK;
    pm_datum d = pm_arrow_get_datum(a, t, i);
    uint8_t *copy = pm_arena_memdup(arena, d.v.bytes.len ? d.v.bytes.ptr : (const uint8_t *)"",
                                    d.v.bytes.len ? d.v.bytes.len : 1);
    if (copy == NULL)
        return pm_err_nomem(err);
    out->data = copy;
    out->len = d.v.bytes.len;
    return PAIMON_OK;
}

static int get_str(pm_arena *arena, const struct ArrowArray *a, const pm_type *t, int64_t i,
                   const char **out, paimon_error *err) {
    *out = NULL;
    if (!pm_arrow_is_valid(a, i))
        return PAIMON_OK;
    pm_datum d = pm_arrow_get_datum(a, t, i);
    *out = pm_arena_strndup(arena, (const char *)d.v.bytes.ptr, d.v.bytes.len);
    return *out == NULL ? pm_err_nomem(err) : PAIMON_OK;
}

static void list_range(const struct ArrowArray *a, int64_t i, int64_t *start, int64_t *end) {
    const int32_t *off = a->buffers[1];
    *start = off[a->offset + i];
    *end = off[a->offset + i + 1];
}

static int get_str_list(pm_arena *arena, const struct ArrowArray *a, const pm_type *t, int64_t i,
                        pm_string_list *out, paimon_error *err) {
    memset(out, 0, sizeof *out);
    if (!pm_arrow_is_valid(a, i))
        return PAIMON_OK;
    int64_t s, e;
    list_range(a, i, &s, &e);
    out->present = true;
    out->count = (size_t)(e - s);
    out->items = pm_arena_calloc(arena, out->count ? out->count : 1, sizeof *out->items);
    if (out->items == NULL)
        return pm_err_nomem(err);
    for (int64_t k = s; k < e; k++) {
        const char *str;
        PM_TRY(get_str(arena, a->children[0], t->element, k, &str, err));
        out->items[k - s] = str != NULL ? str : "";
    }
    return PAIMON_OK;
}

static int get_i64_list(pm_arena *arena, const struct ArrowArray *a, const pm_type *t, int64_t i,
                        const int64_t **items, bool **present, size_t *count, bool *has,
                        paimon_error *err) {
    *items = NULL;
    *count = 0;
    *has = false;
    if (present != NULL)
        *present = NULL;
    if (!pm_arrow_is_valid(a, i))
        return PAIMON_OK;
    int64_t s, e;
    list_range(a, i, &s, &e);
    size_t n = (size_t)(e - s);
    int64_t *v = pm_arena_calloc(arena, n ? n : 1, sizeof *v);
    bool *p = pm_arena_calloc(arena, n ? n : 1, sizeof *p);
    if (v == NULL || p == NULL)
        return pm_err_nomem(err);
    for (int64_t k = s; k < e; k++)
        p[k - s] = get_i64(a->children[0], t->element, k, &v[k - s]);
    *items = v;
    *count = n;
    *has = true;
    if (present != NULL)
        *present = p;
    return PAIMON_OK;
}

static int get_stats(pm_arena *arena, const struct ArrowArray *a, const pm_type *t, int64_t i,
                     pm_simple_stats *out, paimon_error *err) {
    memset(out, 0, sizeof *out);
    if (!pm_arrow_is_valid(a, i))
        return PAIMON_OK;
    PM_TRY(get_bytes(arena, a->children[0], t->fields[0].type, i, &out->min_values, err));
    PM_TRY(get_bytes(arena, a->children[1], t->fields[1].type, i, &out->max_values, err));
    bool *present = NULL;
    PM_TRY(get_i64_list(arena, a->children[2], t->fields[2].type, i, &out->null_counts, &present,
                        &out->null_count_len, &out->has_null_counts, err));
    out->null_count_present = present;
    return PAIMON_OK;
}

/* The structs own everything through their arena (manifest.h), so failing paths release it here
 * without depending on the Avro side's dispose functions. */
static void release_arena(pm_arena *arena, void *obj, size_t size) {
    pm_arena_dispose(arena);
    memset(obj, 0, size);
}

#define COL(batch, k) ((batch)->children[k])

/* ---- manifest list ---- */

static int decode_manifest_list(const orc_table *t, pm_manifest_list *out, paimon_error *err) {
    size_t rows = table_rows(t);
    out->items = pm_arena_calloc(&out->arena, rows ? rows : 1, sizeof *out->items);
    if (out->items == NULL)
        return pm_err_nomem(err);
    const pm_field *f = t->fields;
    for (size_t b = 0; b < t->batch_count; b++) {
        const struct ArrowArray *batch = &t->batches[b];
        for (int64_t i = 0; i < batch->length; i++) {
            pm_manifest_file_meta *m = &out->items[out->count];
            PM_TRY(get_str(&out->arena, COL(batch, ML_FILE_NAME), f[ML_FILE_NAME].type, i,
                           &m->file_name, err));
            if (m->file_name == NULL)
                return PM_CORRUPT(err, "record %zu: _FILE_NAME is null", out->count);
            m->file_size = get_i64_or(COL(batch, ML_FILE_SIZE), f[ML_FILE_SIZE].type, i, 0);
            m->num_added_files = get_i64_or(COL(batch, ML_ADDED), f[ML_ADDED].type, i, 0);
            m->num_deleted_files = get_i64_or(COL(batch, ML_DELETED), f[ML_DELETED].type, i, 0);
            PM_TRY(get_stats(&out->arena, COL(batch, ML_STATS), f[ML_STATS].type, i,
                             &m->partition_stats, err));
            m->schema_id = get_i64_or(COL(batch, ML_SCHEMA_ID), f[ML_SCHEMA_ID].type, i, 0);
            int64_t lo, hi;
            if (get_i64(COL(batch, ML_MIN_BUCKET), f[ML_MIN_BUCKET].type, i, &lo) &&
                get_i64(COL(batch, ML_MAX_BUCKET), f[ML_MAX_BUCKET].type, i, &hi)) {
                m->has_bucket_range = true;
                m->min_bucket = (int32_t)lo;
                m->max_bucket = (int32_t)hi;
            }
            if (get_i64(COL(batch, ML_MIN_LEVEL), f[ML_MIN_LEVEL].type, i, &lo) &&
                get_i64(COL(batch, ML_MAX_LEVEL), f[ML_MAX_LEVEL].type, i, &hi)) {
                m->has_level_range = true;
                m->min_level = (int32_t)lo;
                m->max_level = (int32_t)hi;
            }
            if (get_i64(COL(batch, ML_MIN_ROW_ID), f[ML_MIN_ROW_ID].type, i, &lo) &&
                get_i64(COL(batch, ML_MAX_ROW_ID), f[ML_MAX_ROW_ID].type, i, &hi)) {
                m->has_row_id_range = true;
                m->min_row_id = lo;
                m->max_row_id = hi;
            }
            out->count++;
        }
    }
    return PAIMON_OK;
}

int pm_manifest_list_decode_orc(const uint8_t *data, size_t len, const char *source,
                                pm_manifest_list *out, paimon_error *err) {
    memset(out, 0, sizeof *out);
    pm_arena_init(&out->arena, 16384);
    orc_table t;
    int rc = table_read(data, len, source, manifest_list_columns, ML_COUNT, &t, err);
    if (rc == PAIMON_OK) {
        rc = decode_manifest_list(&t, out, err);
        if (rc != PAIMON_OK)
            pm_err_prefix(err, "%s: ", source);
    }
    table_dispose(&t);
    if (rc != PAIMON_OK)
        release_arena(&out->arena, out, sizeof *out);
    return rc;
}

/* ---- manifest ---- */

static int decode_file(pm_arena *arena, const struct ArrowArray *file, const pm_type *ft,
                       int64_t i, pm_data_file_meta *m, paimon_error *err) {
    const pm_field *f = ft->fields;
    const struct ArrowArray *const *c = (const struct ArrowArray *const *)file->children;
    PM_TRY(get_str(arena, c[F_NAME], f[F_NAME].type, i, &m->file_name, err));
    if (m->file_name == NULL)
        return PM_CORRUPT(err, "_FILE_NAME is null");
    m->file_size = get_i64_or(c[F_SIZE], f[F_SIZE].type, i, 0);
    m->row_count = get_i64_or(c[F_ROWS], f[F_ROWS].type, i, 0);
    PM_TRY(get_bytes(arena, c[F_MIN_KEY], f[F_MIN_KEY].type, i, &m->min_key, err));
    PM_TRY(get_bytes(arena, c[F_MAX_KEY], f[F_MAX_KEY].type, i, &m->max_key, err));
    PM_TRY(get_stats(arena, c[F_KEY_STATS], f[F_KEY_STATS].type, i, &m->key_stats, err));
    PM_TRY(get_stats(arena, c[F_VALUE_STATS], f[F_VALUE_STATS].type, i, &m->value_stats, err));
    m->min_sequence_number = get_i64_or(c[F_MIN_SEQ], f[F_MIN_SEQ].type, i, 0);
    m->max_sequence_number = get_i64_or(c[F_MAX_SEQ], f[F_MAX_SEQ].type, i, 0);
    m->schema_id = get_i64_or(c[F_SCHEMA_ID], f[F_SCHEMA_ID].type, i, 0);
    m->level = (int32_t)get_i64_or(c[F_LEVEL], f[F_LEVEL].type, i, 0);
    PM_TRY(get_str_list(arena, c[F_EXTRA], f[F_EXTRA].type, i, &m->extra_files, err));
    m->has_creation_time =
        get_i64(c[F_CREATION], f[F_CREATION].type, i, &m->creation_time_millis);
    m->has_delete_row_count =
        get_i64(c[F_DELETE_ROWS], f[F_DELETE_ROWS].type, i, &m->delete_row_count);
    PM_TRY(get_bytes(arena, c[F_INDEX], f[F_INDEX].type, i, &m->embedded_index, err));
    int64_t v;
    if (get_i64(c[F_SOURCE], f[F_SOURCE].type, i, &v)) {
        m->has_file_source = true;
        m->file_source = (int32_t)v;
    }
    PM_TRY(get_str_list(arena, c[F_STATS_COLS], f[F_STATS_COLS].type, i, &m->value_stats_cols,
                        err));
    PM_TRY(get_str(arena, c[F_EXTERNAL], f[F_EXTERNAL].type, i, &m->external_path, err));
    m->has_first_row_id = get_i64(c[F_FIRST_ROW_ID], f[F_FIRST_ROW_ID].type, i, &m->first_row_id);
    PM_TRY(get_str_list(arena, c[F_WRITE_COLS], f[F_WRITE_COLS].type, i, &m->write_cols, err));
    return get_i64_list(arena, c[F_WRITE_SEQS], f[F_WRITE_SEQS].type, i, &m->write_cols_sequences,
                        NULL, &m->write_cols_sequence_count, &m->has_write_cols_sequences, err);
}

static int decode_manifest(const orc_table *t, pm_manifest *out, paimon_error *err) {
    size_t rows = table_rows(t);
    out->items = pm_arena_calloc(&out->arena, rows ? rows : 1, sizeof *out->items);
    if (out->items == NULL)
        return pm_err_nomem(err);
    const pm_field *f = t->fields;
    for (size_t b = 0; b < t->batch_count; b++) {
        const struct ArrowArray *batch = &t->batches[b];
        for (int64_t i = 0; i < batch->length; i++) {
            pm_manifest_entry *e = &out->items[out->count];
            e->kind = (int32_t)get_i64_or(COL(batch, M_KIND), f[M_KIND].type, i, 0);
            PM_TRY(get_bytes(&out->arena, COL(batch, M_PARTITION), f[M_PARTITION].type, i,
                             &e->partition, err));
            e->bucket = (int32_t)get_i64_or(COL(batch, M_BUCKET), f[M_BUCKET].type, i, 0);
            e->total_buckets =
                (int32_t)get_i64_or(COL(batch, M_TOTAL_BUCKETS), f[M_TOTAL_BUCKETS].type, i, -1);
            if (!pm_arrow_is_valid(COL(batch, M_FILE), i))
                return PM_CORRUPT(err, "entry %zu: _FILE is null", out->count);
            int rc = decode_file(&out->arena, COL(batch, M_FILE), f[M_FILE].type, i, &e->file,
                                 err);
            if (rc != PAIMON_OK)
                return pm_err_prefix(err, "entry %zu: ", out->count);
            out->count++;
        }
    }
    return PAIMON_OK;
}

int pm_manifest_decode_orc(const uint8_t *data, size_t len, const char *source, pm_manifest *out,
                           paimon_error *err) {
    memset(out, 0, sizeof *out);
    pm_arena_init(&out->arena, 16384);
    orc_table t;
    int rc = table_read(data, len, source, manifest_columns, M_COUNT, &t, err);
    if (rc == PAIMON_OK) {
        rc = decode_manifest(&t, out, err);
        if (rc != PAIMON_OK)
            pm_err_prefix(err, "%s: ", source);
    }
    table_dispose(&t);
    if (rc != PAIMON_OK)
        release_arena(&out->arena, out, sizeof *out);
    return rc;
}

/* ---- index manifest ---- */

static int decode_ranges(pm_arena *arena, const struct ArrowArray *a, const pm_type *t, int64_t i,
                         pm_index_manifest_entry *e, paimon_error *err) {
    if (!pm_arrow_is_valid(a, i))
        return PAIMON_OK;
    int64_t s, end;
    list_range(a, i, &s, &end);
    size_t n = (size_t)(end - s);
    pm_dv_range *r = pm_arena_calloc(arena, n ? n : 1, sizeof *r);
    if (r == NULL)
        return pm_err_nomem(err);
    const struct ArrowArray *rec = a->children[0];
    const pm_field *rf = t->element->fields;
    for (int64_t k = s; k < end; k++) {
        pm_dv_range *d = &r[k - s];
        PM_TRY(get_str(arena, rec->children[0], rf[0].type, k, &d->data_file, err));
        if (d->data_file == NULL)
            d->data_file = "";
        d->offset = (int32_t)get_i64_or(rec->children[1], rf[1].type, k, 0);
        d->length = (int32_t)get_i64_or(rec->children[2], rf[2].type, k, 0);
        d->has_cardinality = get_i64(rec->children[3], rf[3].type, k, &d->cardinality);
    }
    e->dv_ranges = r;
    e->dv_range_count = n;
    e->has_dv_ranges = true;
    return PAIMON_OK;
}

static int decode_index(const orc_table *t, pm_index_manifest *out, paimon_error *err) {
    size_t rows = table_rows(t);
    out->items = pm_arena_calloc(&out->arena, rows ? rows : 1, sizeof *out->items);
    if (out->items == NULL)
        return pm_err_nomem(err);
    const pm_field *f = t->fields;
    for (size_t b = 0; b < t->batch_count; b++) {
        const struct ArrowArray *batch = &t->batches[b];
        for (int64_t i = 0; i < batch->length; i++) {
            pm_index_manifest_entry *e = &out->items[out->count];
            e->kind = (int32_t)get_i64_or(COL(batch, I_KIND), f[I_KIND].type, i, 0);
            PM_TRY(get_bytes(&out->arena, COL(batch, I_PARTITION), f[I_PARTITION].type, i,
                             &e->partition, err));
            e->bucket = (int32_t)get_i64_or(COL(batch, I_BUCKET), f[I_BUCKET].type, i, 0);
            PM_TRY(get_str(&out->arena, COL(batch, I_TYPE), f[I_TYPE].type, i, &e->index_type,
                           err));
            PM_TRY(get_str(&out->arena, COL(batch, I_FILE_NAME), f[I_FILE_NAME].type, i,
                           &e->file_name, err));
            if (e->file_name == NULL || e->index_type == NULL)
                return PM_CORRUPT(err, "entry %zu: _FILE_NAME or _INDEX_TYPE is null", out->count);
            e->file_size = get_i64_or(COL(batch, I_FILE_SIZE), f[I_FILE_SIZE].type, i, 0);
            e->row_count = get_i64_or(COL(batch, I_ROW_COUNT), f[I_ROW_COUNT].type, i, 0);
            PM_TRY(decode_ranges(&out->arena, COL(batch, I_RANGES), f[I_RANGES].type, i, e, err));
            PM_TRY(get_str(&out->arena, COL(batch, I_EXTERNAL), f[I_EXTERNAL].type, i,
                           &e->external_path, err));
            out->count++;
        }
    }
    return PAIMON_OK;
}

int pm_index_manifest_decode_orc(const uint8_t *data, size_t len, const char *source,
                                 pm_index_manifest *out, paimon_error *err) {
    memset(out, 0, sizeof *out);
    pm_arena_init(&out->arena, 16384);
    orc_table t;
    int rc = table_read(data, len, source, index_columns, I_COUNT, &t, err);
    if (rc == PAIMON_OK) {
        rc = decode_index(&t, out, err);
        if (rc != PAIMON_OK)
            pm_err_prefix(err, "%s: ", source);
    }
    table_dispose(&t);
    if (rc != PAIMON_OK)
        release_arena(&out->arena, out, sizeof *out);
    return rc;
}
