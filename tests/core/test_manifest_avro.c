/*
 * Manifest encoding and decoding on synthetic files: exact writer schemas, every field and
 * codec, historical layouts, version checks, type errors, large manifests, reading through
 * pm_fs with the path in errors.
 */
#include "test.h"
#include "core/manifest.h"
#include "core/manifest_avro.h"
#include "format/avro/avro_binary.h"
#include "format/avro/avro_reader.h"
#include "format/avro/avro_writer.h"
#include "manifest_compare.h"
#include "util/mem.h"
#include "util/strutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static const char *EXTRA[] = {"data-1.parquet.index"};
static const char *COLS[] = {"f0", "f2"};
static const int64_t NULL_COUNTS[] = {0, 7, 0};
static const bool NULL_COUNT_PRESENT[] = {true, true, false};
static const int64_t SEQUENCES[] = {5, 9};
static uint8_t EMPTY_ROW[12];
static uint8_t KEY_ROW[20] = {0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 42};

static pm_manifest_entry full_entry(int i) {
    pm_manifest_entry e;
    memset(&e, 0, sizeof e);
    static char names[64][40];
    snprintf(names[i % 64], sizeof names[0], "data-%d.parquet", i);
    e.kind = i % 2;
    e.partition = (pm_bytes){KEY_ROW, sizeof KEY_ROW};
    e.bucket = i % 4;
    e.total_buckets = 4;
    pm_data_file_meta *f = &e.file;
    f->file_name = names[i % 64];
    f->file_size = 1000 + i;
    f->row_count = 10 * i;
    f->min_key = (pm_bytes){KEY_ROW, sizeof KEY_ROW};
    f->max_key = (pm_bytes){KEY_ROW, sizeof KEY_ROW};
    f->key_stats.min_values = (pm_bytes){EMPTY_ROW, 12};
    f->key_stats.max_values = (pm_bytes){EMPTY_ROW, 12};
    f->key_stats.has_null_counts = true; /* an empty array */
    f->value_stats.min_values = (pm_bytes){KEY_ROW, sizeof KEY_ROW};
    f->value_stats.max_values = (pm_bytes){KEY_ROW, sizeof KEY_ROW};
    f->value_stats.has_null_counts = true;
    f->value_stats.null_counts = NULL_COUNTS;
    f->value_stats.null_count_present = NULL_COUNT_PRESENT;
    f->value_stats.null_count_len = 3;
    f->min_sequence_number = i;
    f->max_sequence_number = i + 100;
    f->schema_id = 3;
    f->level = i % 6;
    f->extra_files = (pm_string_list){EXTRA, 1, true};
    f->has_creation_time = true;
    f->creation_time_millis = 1700000000000LL + i;
    f->has_delete_row_count = i % 3 != 0;
    f->delete_row_count = i;
    f->embedded_index = (pm_bytes){(const uint8_t *)"IDX", 3};
    f->has_file_source = true;
    f->file_source = i % 2;
    f->value_stats_cols = (pm_string_list){COLS, 2, true};
    f->external_path = i % 2 ? "s3://bucket/x" : NULL;
    f->has_first_row_id = true;
    f->first_row_id = 1000 * i;
    f->write_cols = (pm_string_list){COLS, 2, true};
    f->has_write_cols_sequences = true;
    f->write_cols_sequences = SEQUENCES;
    f->write_cols_sequence_count = 2;
    return e;
}

static pm_manifest_entry minimal_entry(void) {
    pm_manifest_entry e;
    memset(&e, 0, sizeof e);
    e.partition = (pm_bytes){EMPTY_ROW, 12};
    e.total_buckets = -1;
    e.file.file_name = "data-min.orc";
    e.file.min_key = (pm_bytes){EMPTY_ROW, 12};
    e.file.max_key = (pm_bytes){EMPTY_ROW, 12};
    e.file.key_stats.min_values = (pm_bytes){EMPTY_ROW, 12};
    e.file.key_stats.max_values = (pm_bytes){EMPTY_ROW, 12};
    e.file.value_stats.min_values = (pm_bytes){EMPTY_ROW, 12};
    e.file.value_stats.max_values = (pm_bytes){EMPTY_ROW, 12};
    e.file.extra_files.present = true;
    return e;
}

static char *schema_of(const pm_buf *file) {
    pm_avro_reader r;
    paimon_error err = {0};
    if (pm_avro_reader_open_mem(&r, file->data, file->len, &err) != PAIMON_OK)
        return NULL;
    char *s = strdup(r.schema_json);
    pm_avro_reader_close(&r);
    return s;
}

static const char *codec_of(const pm_buf *file, char *buf, size_t cap) {
    pm_avro_reader r;
    paimon_error err = {0};
    buf[0] = '\0';
    if (pm_avro_reader_open_mem(&r, file->data, file->len, &err) != PAIMON_OK)
        return buf;
    size_t len;
    const uint8_t *c = pm_avro_reader_meta(&r, "avro.codec", &len);
    snprintf(buf, cap, "%.*s", c ? (int)len : 0, c ? (const char *)c : "");
    pm_avro_reader_close(&r);
    return buf;
}

TEST(writer_schemas_are_java_strings) {
    /* Spot checks against spec 03 §3: the exact head and tail of each string. */
    CHECK(strncmp(PM_MANIFEST_AVRO_SCHEMA,
                  "{\"type\":\"record\",\"name\":\"record\",\"namespace\":\"org.apache.paimon.avro."
                  "generated\",\"fields\":[{\"name\":\"_VERSION\",\"type\":\"int\"},",
                  120) == 0);
    CHECK(pm_str_ends_with(
        PM_MANIFEST_AVRO_SCHEMA,
        "{\"name\":\"_WRITE_COLS_SEQUENCES\",\"type\":[\"null\",{\"type\":\"array\","
        "\"items\":\"long\"}],\"default\":null}]}}]}"));
    CHECK(pm_str_ends_with(
        PM_MANIFEST_LIST_AVRO_SCHEMA,
        "{\"name\":\"_MAX_ROW_ID\",\"type\":[\"null\",\"long\"],\"default\":null}]}"));
    CHECK(pm_str_ends_with(
        PM_INDEX_MANIFEST_AVRO_SCHEMA,
        "{\"name\":\"_SOURCE_META\",\"type\":[\"null\",\"bytes\"],\"default\":null}]}]"
        ",\"default\":null}]}"));
    CHECK_EQ_INT(strlen(PM_MANIFEST_AVRO_SCHEMA), 1983);
    CHECK_EQ_INT(strlen(PM_MANIFEST_LIST_AVRO_SCHEMA), 949);
    CHECK_EQ_INT(strlen(PM_INDEX_MANIFEST_AVRO_SCHEMA), 1209);
    /* and the files carry them verbatim */
    paimon_error err = {0};
    pm_buf out = PM_BUF_INIT;
    pm_manifest_entry e = minimal_entry();
    CHECK_OK(pm_manifest_encode(&e, 1, NULL, 1, &out, &err), &err);
    char *schema = schema_of(&out);
    CHECK_EQ_STR(schema, PM_MANIFEST_AVRO_SCHEMA);
    free(schema);
    char codec[32];
    CHECK_EQ_STR(codec_of(&out, codec, sizeof codec), "zstandard");
    pm_buf_clear(&out);
    CHECK_OK(pm_manifest_list_encode(NULL, 0, "zstd", 1, &out, &err), &err);
    schema = schema_of(&out);
    CHECK_EQ_STR(schema, PM_MANIFEST_LIST_AVRO_SCHEMA);
    free(schema);
    pm_buf_clear(&out);
    CHECK_OK(pm_index_manifest_encode(NULL, 0, NULL, 0, &out, &err), &err);
    schema = schema_of(&out);
    CHECK_EQ_STR(schema, PM_INDEX_MANIFEST_AVRO_SCHEMA);
    free(schema);
    pm_buf_dispose(&out);
}

TEST(every_field_round_trips_with_every_codec) {
    static const char *codecs[] = {NULL, "zstd", "zstandard", "null", "none", "snappy", "deflate"};
    static const char *names[] = {"zstandard", "zstandard", "zstandard", "null",
                                  "null",      "snappy",    "deflate"};
    pm_manifest_entry entries[9];
    for (int i = 0; i < 8; i++)
        entries[i] = full_entry(i);
    entries[8] = minimal_entry();
    for (size_t c = 0; c < sizeof codecs / sizeof codecs[0]; c++) {
        paimon_error err = {0};
        pm_buf out = PM_BUF_INIT;
        CHECK_OK(pm_manifest_encode(entries, 9, codecs[c], 3, &out, &err), &err);
        char codec[32];
        CHECK_EQ_STR(codec_of(&out, codec, sizeof codec), names[c]);
        pm_manifest m;
        CHECK_OK(pm_manifest_decode(out.data, out.len, "mem", &m, &err), &err);
        CHECK_EQ_INT(m.count, 9);
        for (int i = 0; i < 9; i++)
            CHECK(cmp_entry(&m.items[i], &entries[i]));
        /* spot checks of the decoded values themselves */
        CHECK_EQ_STR(m.items[3].file.file_name, "data-3.parquet");
        CHECK(!m.items[3].file.value_stats.null_count_present[2]);
        CHECK_EQ_INT(m.items[3].file.value_stats.null_counts[1], 7);
        CHECK(!m.items[8].file.has_creation_time);
        CHECK(!m.items[8].file.value_stats_cols.present);
        CHECK(m.items[8].file.external_path == NULL);
        CHECK(m.items[8].file.embedded_index.data == NULL);
        CHECK(m.items[8].file.extra_files.present);
        CHECK_EQ_INT(m.items[8].file.extra_files.count, 0);
        CHECK(!m.items[8].file.key_stats.has_null_counts);
        pm_manifest_dispose(&m);
        pm_buf_dispose(&out);
    }
}

TEST(unknown_codec_is_refused) {
    paimon_error err = {0};
    pm_buf out = PM_BUF_INIT;
    pm_manifest_entry e = minimal_entry();
    CHECK_ERR(pm_manifest_encode(&e, 1, "lz4", 1, &out, &err), PAIMON_EUNSUPPORTED, &err);
    CHECK(strstr(err.message, "lz4") != NULL);
    CHECK_EQ_INT(out.len, 0);
    e.kind = 5;
    CHECK_ERR(pm_manifest_encode(&e, 1, NULL, 1, &out, &err), PAIMON_EINVAL, &err);
    CHECK(strstr(err.message, "unknown kind 5") != NULL);
    pm_buf_dispose(&out);
}

TEST(manifest_list_round_trip) {
    static const int64_t counts[] = {0, 2};
    pm_manifest_file_meta metas[3];
    memset(metas, 0, sizeof metas);
    for (int i = 0; i < 3; i++) {
        metas[i].file_name = i == 0 ? "manifest-a-0" : i == 1 ? "manifest-a-1" : "manifest-b-0";
        metas[i].file_size = 2000 + i;
        metas[i].num_added_files = i + 1;
        metas[i].num_deleted_files = i;
        metas[i].partition_stats.min_values = (pm_bytes){KEY_ROW, sizeof KEY_ROW};
        metas[i].partition_stats.max_values = (pm_bytes){KEY_ROW, sizeof KEY_ROW};
        metas[i].partition_stats.has_null_counts = i != 2;
        metas[i].partition_stats.null_counts = counts;
        metas[i].partition_stats.null_count_len = i != 2 ? 2 : 0;
        metas[i].schema_id = i;
        metas[i].has_bucket_range = i > 0;
        metas[i].min_bucket = -2;
        metas[i].max_bucket = 7;
        metas[i].has_level_range = i > 0;
        metas[i].min_level = 0;
        metas[i].max_level = 5;
        metas[i].has_row_id_range = i == 2;
        metas[i].min_row_id = 100;
        metas[i].max_row_id = (int64_t)1 << 40;
    }
    paimon_error err = {0};
    pm_buf out = PM_BUF_INIT;
    CHECK_OK(pm_manifest_list_encode(metas, 3, NULL, 1, &out, &err), &err);
    pm_manifest_list l;
    CHECK_OK(pm_manifest_list_decode(out.data, out.len, "mem", &l, &err), &err);
    CHECK_EQ_INT(l.count, 3);
    for (int i = 0; i < 3; i++)
        CHECK(cmp_list_meta(&l.items[i], &metas[i]));
    CHECK_EQ_INT(l.items[2].max_row_id, (int64_t)1 << 40);
    pm_manifest_list_dispose(&l);
    pm_buf_dispose(&out);
}

TEST(index_manifest_round_trip_with_global_index) {
    pm_dv_range ranges[2] = {{"data-1.parquet", 1, 40, true, 3},
                             {"data-2.parquet", 41, 20, false, 0}};
    /* a _GLOBAL_INDEX datum: start 0, end 99, field 3, extra ids [4, 5], meta "m", no source */
    pm_buf global = PM_BUF_INIT;
    pm_avro_put_long(&global, 0);
    pm_avro_put_long(&global, 99);
    pm_avro_put_int(&global, 3);
    pm_avro_put_branch(&global, 1);
    pm_avro_put_block_start(&global, 2);
    pm_avro_put_int(&global, 4);
    pm_avro_put_int(&global, 5);
    pm_avro_put_block_end(&global);
    pm_avro_put_branch(&global, 1);
    pm_avro_put_bytes(&global, "m", 1);
    pm_avro_put_branch(&global, 0);
    pm_index_manifest_entry entries[3];
    memset(entries, 0, sizeof entries);
    entries[0] = (pm_index_manifest_entry){.kind = 0,
                                           .partition = {EMPTY_ROW, 12},
                                           .bucket = 1,
                                           .index_type = "DELETION_VECTORS",
                                           .file_name = "index-1",
                                           .file_size = 100,
                                           .row_count = 2,
                                           .dv_ranges = ranges,
                                           .dv_range_count = 2,
                                           .has_dv_ranges = true};
    entries[1] = (pm_index_manifest_entry){.kind = 0,
                                           .partition = {KEY_ROW, 20},
                                           .bucket = 0,
                                           .index_type = "HASH",
                                           .file_name = "index-2",
                                           .file_size = 8,
                                           .row_count = 2,
                                           .external_path = "oss://x/index-2"};
    entries[2] = (pm_index_manifest_entry){.kind = 1,
                                           .partition = {EMPTY_ROW, 12},
                                           .bucket = 0,
                                           .index_type = "btree",
                                           .file_name = "index-3",
                                           .file_size = 8,
                                           .row_count = 100,
                                           .global_index = {global.data, global.len}};
    paimon_error err = {0};
    pm_buf out = PM_BUF_INIT;
    CHECK_OK(pm_index_manifest_encode(entries, 3, "snappy", 0, &out, &err), &err);
    pm_index_manifest m;
    CHECK_OK(pm_index_manifest_decode(out.data, out.len, "mem", &m, &err), &err);
    CHECK_EQ_INT(m.count, 3);
    for (int i = 0; i < 3; i++)
        CHECK(cmp_index_entry(&m.items[i], &entries[i]));
    CHECK_EQ_INT(m.items[0].dv_ranges[0].cardinality, 3);
    pm_index_manifest_dispose(&m);
    /* malformed global index bytes are refused before writing */
    entries[2].global_index.len--;
    pm_buf_clear(&out);
    CHECK_ERR(pm_index_manifest_encode(entries, 3, NULL, 0, &out, &err), PAIMON_EINVAL, &err);
    CHECK(strstr(err.message, "index manifest entry 2: _GLOBAL_INDEX") != NULL);
    pm_buf_dispose(&out);
    pm_buf_dispose(&global);
}

/* A file with an arbitrary writer schema whose single record is encoded by `put`. */
static void custom_file(pm_buf *out, const char *schema, void (*put)(pm_buf *b)) {
    paimon_error err = {0};
    pm_avro_writer w;
    pm_avro_writer_open(&w, out, schema, PM_CODEC_NONE, 0, &err);
    put(pm_avro_writer_record(&w));
    pm_avro_writer_end_record(&w, &err);
    pm_avro_writer_finish(&w, &err);
    pm_avro_writer_dispose(&w);
}

static const char *LIST_V1_SCHEMA =
    "{\"type\":\"record\",\"name\":\"record\",\"fields\":[{\"name\":\"_VERSION\",\"type\":\"int\"},"
    "{\"name\":\"_FILE_NAME\",\"type\":\"string\"},{\"name\":\"_FILE_SIZE\",\"type\":\"long\"},"
    "{\"name\":\"_NUM_ADDED_FILES\",\"type\":\"long\"},{\"name\":\"_NUM_DELETED_FILES\",\"type\":"
    "\"long\"},{\"name\":\"_PARTITION_STATS\",\"type\":{\"type\":\"record\",\"name\":\"s\","
    "\"fields\":[{\"name\":\"_MIN_VALUES\",\"type\":\"bytes\"},{\"name\":\"_MAX_VALUES\",\"type\":"
    "\"bytes\"},{\"name\":\"_NULL_COUNTS\",\"type\":[\"null\",{\"type\":\"array\",\"items\":"
    "[\"null\",\"long\"]}]}]}},{\"name\":\"_SCHEMA_ID\",\"type\":\"long\"}]}";

static int version_in_file = 1;
static void put_list_record(pm_buf *b) {
    pm_avro_put_int(b, version_in_file);
    pm_avro_put_string(b, "manifest-x");
    pm_avro_put_long(b, 1);
    pm_avro_put_long(b, 1);
    pm_avro_put_long(b, 0);
    pm_avro_put_bytes(b, EMPTY_ROW, 12);
    pm_avro_put_bytes(b, EMPTY_ROW, 12);
    pm_avro_put_branch(b, 0);
    pm_avro_put_long(b, 0);
}

TEST(other_format_versions_are_refused) {
    pm_buf f = PM_BUF_INIT;
    version_in_file = 1;
    custom_file(&f, LIST_V1_SCHEMA, put_list_record);
    paimon_error err = {0};
    pm_manifest_list l;
    CHECK_ERR(pm_manifest_list_decode(f.data, f.len, "manifest/manifest-list-1", &l, &err),
              PAIMON_EUNSUPPORTED, &err);
    CHECK_EQ_STR(err.message, "manifest/manifest-list-1: record 0: _VERSION: unsupported format "
                              "version 1 (expected 2); the table was written by a pre-release "
                              "version and must be recreated");
    CHECK(l.items == NULL && l.count == 0);
    pm_buf_clear(&f);
    version_in_file = 3;
    custom_file(&f, LIST_V1_SCHEMA, put_list_record);
    CHECK_ERR(pm_manifest_list_decode(f.data, f.len, "x", &l, &err), PAIMON_EUNSUPPORTED, &err);
    CHECK_EQ_STR(err.message, "x: record 0: _VERSION: unsupported format version 3 (expected 2)");
    pm_buf_clear(&f);
    version_in_file = 2;
    custom_file(&f, LIST_V1_SCHEMA, put_list_record);
    CHECK_OK(pm_manifest_list_decode(f.data, f.len, "x", &l, &err), &err);
    CHECK(!l.items[0].has_bucket_range && !l.items[0].has_level_range);
    CHECK(!l.items[0].has_row_id_range);
    pm_manifest_list_dispose(&l);
    /* the same record is not an index manifest entry (version 1 expected there) */
    pm_index_manifest x;
    CHECK_ERR(pm_index_manifest_decode(f.data, f.len, "x", &x, &err), PAIMON_EUNSUPPORTED, &err);
    CHECK(strstr(err.message, "expected 1") != NULL);
    pm_buf_dispose(&f);
}

static const char *LIST_WRONG_TYPE_SCHEMA =
    "{\"type\":\"record\",\"name\":\"record\",\"fields\":[{\"name\":\"_VERSION\",\"type\":\"int\"},"
    "{\"name\":\"_FILE_NAME\",\"type\":\"string\"},{\"name\":\"_FILE_SIZE\",\"type\":\"string\"}]}";

static void put_wrong_type(pm_buf *b) {
    pm_avro_put_int(b, 2);
    pm_avro_put_string(b, "manifest-x");
    pm_avro_put_string(b, "big");
}

static const char *LIST_MISSING_SCHEMA =
    "{\"type\":\"record\",\"name\":\"record\",\"fields\":[{\"name\":\"_VERSION\",\"type\":\"int\"},"
    "{\"name\":\"_FILE_SIZE\",\"type\":\"long\"}]}";

static void put_missing(pm_buf *b) {
    pm_avro_put_int(b, 2);
    pm_avro_put_long(b, 1);
}

static const char *ENTRY_NULL_FILE_SCHEMA =
    "[\"null\",{\"type\":\"record\",\"name\":\"record\",\"fields\":[{\"name\":\"_VERSION\","
    "\"type\":"
    "\"int\"},{\"name\":\"_KIND\",\"type\":\"int\"},{\"name\":\"_PARTITION\",\"type\":\"bytes\"},"
    "{\"name\":\"_BUCKET\",\"type\":\"int\"},{\"name\":\"_TOTAL_BUCKETS\",\"type\":\"int\"},{"
    "\"name\":"
    "\"_FILE\",\"type\":[\"null\",{\"type\":\"record\",\"name\":\"f\",\"fields\":[]}]}]}]";

static void put_null_file(pm_buf *b) {
    pm_avro_put_branch(b, 1);
    pm_avro_put_int(b, 2);
    pm_avro_put_int(b, 0);
    pm_avro_put_bytes(b, EMPTY_ROW, 12);
    pm_avro_put_int(b, 0);
    pm_avro_put_int(b, -1);
    pm_avro_put_branch(b, 0);
}

static void put_null_record(pm_buf *b) {
    pm_avro_put_branch(b, 0);
}

static void put_bad_kind(pm_buf *b) {
    put_null_file(b);
    b->data[2] = 14; /* _KIND = 7 */
}

TEST(wrong_missing_and_null_fields_are_clear_errors) {
    paimon_error err = {0};
    pm_buf f = PM_BUF_INIT;
    pm_manifest_list l;
    pm_manifest m;
    custom_file(&f, LIST_WRONG_TYPE_SCHEMA, put_wrong_type);
    CHECK_ERR(pm_manifest_list_decode(f.data, f.len, "x", &l, &err), PAIMON_ECORRUPT, &err);
    CHECK_EQ_STR(err.message, "x: record 0: _FILE_SIZE: expected long, found string");
    pm_buf_clear(&f);
    custom_file(&f, LIST_MISSING_SCHEMA, put_missing);
    CHECK_ERR(pm_manifest_list_decode(f.data, f.len, "x", &l, &err), PAIMON_ECORRUPT, &err);
    CHECK_EQ_STR(err.message, "x: record 0: _FILE_NAME: missing");
    pm_buf_clear(&f);
    custom_file(&f, ENTRY_NULL_FILE_SCHEMA, put_null_file);
    CHECK_ERR(pm_manifest_decode(f.data, f.len, "x", &m, &err), PAIMON_ECORRUPT, &err);
    CHECK_EQ_STR(err.message, "x: record 0: _FILE: null");
    pm_buf_clear(&f);
    custom_file(&f, ENTRY_NULL_FILE_SCHEMA, put_null_record);
    CHECK_ERR(pm_manifest_decode(f.data, f.len, "x", &m, &err), PAIMON_ECORRUPT, &err);
    CHECK_EQ_STR(err.message, "x: record 0 is null");
    pm_buf_clear(&f);
    custom_file(&f, ENTRY_NULL_FILE_SCHEMA, put_bad_kind);
    CHECK_ERR(pm_manifest_decode(f.data, f.len, "x", &m, &err), PAIMON_ECORRUPT, &err);
    CHECK_EQ_STR(err.message, "x: record 0: _KIND: unknown file kind 7");
    pm_buf_clear(&f);
    custom_file(&f, "\"long\"", put_missing);
    CHECK_ERR(pm_manifest_decode(f.data, f.len, "x", &m, &err), PAIMON_ECORRUPT, &err);
    CHECK_EQ_STR(err.message, "x: the writer schema is a long, not a record");
    pm_buf_dispose(&f);
}

TEST(format_is_detected_from_the_first_bytes) {
    paimon_error err = {0};
    pm_manifest m;
    const uint8_t junk[] = {'P', 'A', 'R', '1', 0};
    CHECK_ERR(pm_manifest_decode(junk, sizeof junk, "manifest/m-1", &m, &err), PAIMON_ECORRUPT,
              &err);
    CHECK_EQ_STR(err.message, "manifest/m-1: neither an Avro nor an ORC file (starts with 50 41 "
                              "52 31 )");
    CHECK_ERR(pm_manifest_decode(junk, 0, "manifest/m-1", &m, &err), PAIMON_ECORRUPT, &err);
    CHECK_EQ_STR(err.message, "manifest/m-1: empty file");
    /* ORC files go to the ORC decoder (whatever it makes of this one) */
    const uint8_t orc[] = {'O', 'R', 'C', 0x11, 0x22};
    CHECK(pm_manifest_decode(orc, sizeof orc, "manifest/m-2", &m, &err) != PAIMON_OK);
    CHECK(strstr(err.message, "manifest/m-2") != NULL);
    pm_manifest_list l;
    CHECK(pm_manifest_list_decode(orc, sizeof orc, "manifest/l", &l, &err) != PAIMON_OK);
    pm_index_manifest x;
    CHECK(pm_index_manifest_decode(orc, sizeof orc, "manifest/x", &x, &err) != PAIMON_OK);
    /* truncated Avro: the file name comes first */
    pm_buf f = PM_BUF_INIT;
    pm_manifest_entry e = minimal_entry();
    CHECK_OK(pm_manifest_encode(&e, 1, NULL, 1, &f, &err), &err);
    CHECK_ERR(pm_manifest_decode(f.data, f.len - 20, "manifest/m-3", &m, &err), PAIMON_ECORRUPT,
              &err);
    CHECK(strncmp(err.message, "manifest/m-3: avro block 0 at offset ", 37) == 0);
    pm_buf_dispose(&f);
}

TEST(read_through_fs_names_the_path) {
    paimon_error err = {0};
    pm_fs *fs;
    CHECK_OK(pm_fs_mem_new(&fs, &err), &err);
    pm_buf f = PM_BUF_INIT;
    pm_manifest_entry entries[2] = {full_entry(1), minimal_entry()};
    CHECK_OK(pm_manifest_encode(entries, 2, NULL, 1, &f, &err), &err);
    CHECK_OK(pm_fs_mkdirs(fs, "/wh/db.db/t/manifest", &err), &err);
    CHECK_OK(pm_fs_write_file(fs, "/wh/db.db/t/manifest/manifest-1", f.data, f.len,
                              PM_WRITE_REPLACE, &err),
             &err);
    pm_manifest m;
    CHECK_OK(pm_manifest_read(fs, "/wh/db.db/t", "manifest-1", &m, &err), &err);
    CHECK_EQ_INT(m.count, 2);
    CHECK(cmp_entry(&m.items[0], &entries[0]));
    pm_manifest_dispose(&m);
    CHECK_ERR(pm_manifest_read(fs, "/wh/db.db/t", "manifest-2", &m, &err), PAIMON_ENOTFOUND, &err);
    CHECK(strstr(err.message, "/wh/db.db/t/manifest/manifest-2") != NULL);
    f.data[f.len - 1] ^= 1; /* break the last sync marker */
    CHECK_OK(pm_fs_write_file(fs, "/wh/db.db/t/manifest/manifest-3", f.data, f.len,
                              PM_WRITE_REPLACE, &err),
             &err);
    CHECK_ERR(pm_manifest_read(fs, "/wh/db.db/t", "manifest-3", &m, &err), PAIMON_ECORRUPT, &err);
    CHECK(strncmp(err.message, "/wh/db.db/t/manifest/manifest-3: avro block 0", 45) == 0);
    CHECK(strstr(err.message, "sync marker") != NULL);
    pm_manifest_list l;
    CHECK_ERR(pm_manifest_list_read(fs, "/wh/db.db/t", "nope", &l, &err), PAIMON_ENOTFOUND, &err);
    pm_index_manifest x;
    CHECK_ERR(pm_index_manifest_read(fs, "/wh/db.db/t", "nope", &x, &err), PAIMON_ENOTFOUND, &err);
    pm_buf_dispose(&f);
    pm_fs_release(fs);
}

TEST(large_manifest_round_trips_quickly) {
    /* 100k entries: many blocks; the decoder must stay allocation-light. */
    const size_t n = 100000;
    pm_manifest_entry *entries = malloc(n * sizeof *entries);
    for (size_t i = 0; i < n; i++)
        entries[i] = full_entry((int)(i % 64));
    paimon_error err = {0};
    pm_buf f = PM_BUF_INIT;
    clock_t t0 = clock();
    CHECK_OK(pm_manifest_encode(entries, n, NULL, 1, &f, &err), &err);
    clock_t t1 = clock();
    pm_manifest m;
    CHECK_OK(pm_manifest_decode(f.data, f.len, "big", &m, &err), &err);
    clock_t t2 = clock();
    CHECK_EQ_INT(m.count, n);
    CHECK(cmp_entry(&m.items[n - 1], &entries[n - 1]));
    fprintf(stderr, "  %zu entries, %zu bytes: encode %.0f ms, decode %.0f ms\n", n, f.len,
            (double)(t1 - t0) * 1000 / CLOCKS_PER_SEC, (double)(t2 - t1) * 1000 / CLOCKS_PER_SEC);
    pm_manifest_dispose(&m);
    pm_buf_dispose(&f);
    free(entries);
}

TEST(allocation_failures_are_reported_not_crashed) {
    pm_manifest_entry entries[3] = {full_entry(1), full_entry(2), minimal_entry()};
    paimon_error err = {0};
    pm_buf f = PM_BUF_INIT;
    CHECK_OK(pm_manifest_encode(entries, 3, "zstd", 1, &f, &err), &err);
    for (long n = 0; n < 200; n++) {
        pm_mem_fail_after(n);
        pm_manifest m;
        int rc = pm_manifest_decode(f.data, f.len, "x", &m, &err);
        pm_mem_fail_after(-1);
        if (rc == PAIMON_OK) {
            CHECK_EQ_INT(m.count, 3);
            pm_manifest_dispose(&m);
            break;
        }
        CHECK_EQ_INT(rc, PAIMON_ENOMEM);
    }
    pm_buf_dispose(&f);
}
