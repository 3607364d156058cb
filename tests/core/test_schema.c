/* Schema files: every corpus schema parses and is rewritten byte for byte; errors name the file
 * and the problem; options; load/latest/commit. */
#include "core/schema.h"
#include "corpus_files.h"
#include "test.h"
#include "util/mem.h"

#include <stdlib.h>
#include <string.h>

static pm_schema *parse_text(const char *text, paimon_error *err) {
    pm_schema *s = NULL;
    if (pm_schema_parse(text, strlen(text), "schema-0", &s, err) != PAIMON_OK)
        return NULL;
    return s;
}

TEST(corpus_schemas_round_trip_byte_for_byte) {
    glob_t g;
    if (!corpus_glob("*/*.db/*/schema/schema-*", &g))
        SKIP("compat corpus not available");
    CHECK(g.gl_pathc >= 41);
    for (size_t i = 0; i < g.gl_pathc; i++) {
        const char *path = g.gl_pathv[i];
        size_t len;
        uint8_t *text = pm_test_read_file(path, &len);
        CHECK(text != NULL);
        paimon_error err;
        pm_schema *s = NULL;
        int rc = pm_schema_parse((const char *)text, len, path, &s, &err);
        if (rc != PAIMON_OK)
            fprintf(stderr, "%s\n", err.message);
        CHECK_OK(rc, &err);
        CHECK_EQ_INT(s->id, atoll(corpus_base(path) + strlen("schema-")));
        pm_buf out = PM_BUF_INIT;
        CHECK_OK(pm_schema_to_json(s, &out, &err), &err);
        if (out.len != len || memcmp(out.data, text, len) != 0)
            fprintf(stderr, "%s differs:\n%.*s\n", path, (int)out.len, (const char *)out.data);
        CHECK_EQ_INT(out.len, len);
        CHECK_EQ_MEM(out.data, text, len);
        /* and what we wrote parses to the same schema */
        pm_schema *again = NULL;
        CHECK_OK(pm_schema_parse((const char *)out.data, out.len, "rewritten", &again, &err),
                 &err);
        CHECK(pm_type_equals(again->row_type, s->row_type, false));
        CHECK_EQ_INT(again->highest_field_id, s->highest_field_id);
        CHECK_EQ_INT(again->options.count, s->options.count);
        pm_schema_free(again);
        pm_schema_free(s);
        pm_buf_dispose(&out);
        free(text);
    }
    globfree(&g);
}

TEST(corpus_nested_schema_content) {
    const char *table = pm_test_table_path("parquet/pk_table_nested_type.db/pk_table_nested_type");
    if (table == NULL)
        SKIP("compat corpus not available");
    pm_fs *fs;
    paimon_error err;
    CHECK_OK(pm_fs_local_new(&fs, &err), &err);
    int64_t latest;
    CHECK_OK(pm_schema_latest_id(fs, table, &latest, &err), &err);
    CHECK_EQ_INT(latest, 0);
    pm_schema *s;
    CHECK_OK(pm_schema_load(fs, table, 0, &s, &err), &err);
    CHECK_EQ_INT(s->version, 3);
    CHECK_EQ_INT(pm_schema_field_count(s), 6);
    CHECK_EQ_INT(s->highest_field_id, 8);
    const pm_field *col1 = &pm_schema_fields(s)[4];
    CHECK_EQ_STR(col1->name, "col1");
    CHECK_EQ_INT(col1->type->id, PM_TYPE_ROW);
    CHECK_EQ_INT(col1->type->fields[2].id, 7);
    CHECK_EQ_INT(col1->type->fields[2].type->id, PM_TYPE_ARRAY);
    CHECK_EQ_INT(pm_schema_fields(s)[0].type->nullable, 0);
    CHECK_EQ_INT(s->partition_key_count, 2);
    CHECK_EQ_STR(s->partition_keys[1], "hr");
    CHECK_EQ_STR(pm_schema_option(s, "bucket-key"), "shopId");
    const char *pk[4];
    CHECK_EQ_INT(pm_schema_trimmed_pk(s, pk, 4), 1);
    CHECK_EQ_STR(pk[0], "shopId");
    CHECK_EQ_INT(s->time_millis, 1755848431346LL);
    pm_schema_free(s);
    pm_fs_release(fs);
}

TEST(unknown_members_survive_rewrite) {
    const char *text =
        "{\"version\":3,\"id\":0,\"futureTop\":{\"a\":[1,2]},"
        "\"fields\":[{\"id\":0,\"name\":\"a\",\"type\":\"INT\",\"tag\":\"x\"},"
        "{\"id\":1,\"name\":\"r\",\"type\":{\"type\":\"ROW\",\"hint\":true,\"fields\":"
        "[{\"id\":2,\"name\":\"n\",\"type\":\"STRING NOT NULL\",\"extra\":null}]}}],"
        "\"highestFieldId\":2,\"partitionKeys\":[],\"primaryKeys\":[\"a\"],"
        "\"options\":{\"bucket\":\"4\"},\"comment\":\"c\\\"q\",\"timeMillis\":5}";
    paimon_error err;
    pm_schema *s = parse_text(text, &err);
    CHECK(s != NULL);
    pm_buf out = PM_BUF_INIT;
    CHECK_OK(pm_schema_to_json(s, &out, &err), &err);
    const char *expected = "{\n"
                           "  \"version\" : 3,\n"
                           "  \"id\" : 0,\n"
                           "  \"fields\" : [ {\n"
                           "    \"id\" : 0,\n"
                           "    \"name\" : \"a\",\n"
                           "    \"type\" : \"INT\",\n"
                           "    \"tag\" : \"x\"\n"
                           "  }, {\n"
                           "    \"id\" : 1,\n"
                           "    \"name\" : \"r\",\n"
                           "    \"type\" : {\n"
                           "      \"type\" : \"ROW\",\n"
                           "      \"fields\" : [ {\n"
                           "        \"id\" : 2,\n"
                           "        \"name\" : \"n\",\n"
                           "        \"type\" : \"STRING NOT NULL\",\n"
                           "        \"extra\" : null\n"
                           "      } ]\n"
                           "    }\n"
                           "  } ],\n"
                           "  \"highestFieldId\" : 2,\n"
                           "  \"partitionKeys\" : [ ],\n"
                           "  \"primaryKeys\" : [ \"a\" ],\n"
                           "  \"options\" : {\n"
                           "    \"bucket\" : \"4\"\n"
                           "  },\n"
                           "  \"comment\" : \"c\\\"q\",\n"
                           "  \"timeMillis\" : 5,\n"
                           "  \"futureTop\" : {\n"
                           "    \"a\" : [ 1, 2 ]\n"
                           "  }\n"
                           "}";
    CHECK_OK(pm_buf_cstr(&out) ? PAIMON_OK : PAIMON_ENOMEM, NULL);
    CHECK_EQ_STR((const char *)out.data, expected);
    pm_buf_dispose(&out);
    pm_schema_free(s);
}

TEST(all_type_strings_round_trip) {
    const char *text =
        "{\"id\":1,\"fields\":["
        "{\"id\":0,\"name\":\"a\",\"type\":\"DECIMAL(38, 10) NOT NULL\",\"description\":\"d\","
        "\"defaultValue\":\"1.5\"},"
        "{\"id\":1,\"name\":\"b\",\"type\":\"CHAR(3)\"},"
        "{\"id\":2,\"name\":\"c\",\"type\":\"VARCHAR(20)\"},"
        "{\"id\":3,\"name\":\"d\",\"type\":\"BINARY(2)\"},"
        "{\"id\":4,\"name\":\"e\",\"type\":\"VARBINARY(9)\"},"
        "{\"id\":5,\"name\":\"f\",\"type\":\"TIME(3)\"},"
        "{\"id\":6,\"name\":\"g\",\"type\":\"TIMESTAMP(0) WITH LOCAL TIME ZONE\"},"
        "{\"id\":7,\"name\":\"h\",\"type\":{\"type\":\"MULTISET NOT NULL\",\"element\":\"BYTES\"}},"
        "{\"id\":8,\"name\":\"i\",\"type\":{\"type\":\"MAP\",\"key\":\"STRING NOT NULL\","
        "\"value\":{\"type\":\"ARRAY\",\"element\":\"TINYINT NOT NULL\"}}}"
        "],\"highestFieldId\":8,\"partitionKeys\":[],\"primaryKeys\":[],\"options\":{}}";
    paimon_error err;
    pm_schema *s = parse_text(text, &err);
    CHECK(s != NULL);
    CHECK_EQ_INT(s->version, 1); /* absent: legacy */
    CHECK_EQ_INT(s->time_millis, 0);
    CHECK_EQ_STR(pm_schema_fields(s)[0].description, "d");
    CHECK_EQ_STR(pm_schema_fields(s)[0].default_value, "1.5");
    CHECK_EQ_INT(pm_schema_fields(s)[7].type->id, PM_TYPE_MULTISET);
    CHECK_EQ_INT(pm_schema_fields(s)[7].type->nullable, 0);
    pm_buf out = PM_BUF_INIT;
    CHECK_OK(pm_schema_to_json(s, &out, &err), &err);
    pm_schema *again = NULL;
    CHECK_OK(pm_schema_parse((const char *)out.data, out.len, "x", &again, &err), &err);
    CHECK(pm_type_equals(again->row_type, s->row_type, false));
    CHECK(strstr(pm_buf_cstr(&out), "\"type\" : \"MULTISET NOT NULL\"") != NULL);
    CHECK(strstr(pm_buf_cstr(&out), "\"options\" : { }") != NULL);
    pm_schema_free(again);
    pm_schema_free(s);
    pm_buf_dispose(&out);
}

static void expect_error(const char *text, int code, const char *needle) {
    paimon_error err;
    pm_schema *s = NULL;
    int rc = pm_schema_parse(text, strlen(text), "db.db/t/schema/schema-7", &s, &err);
    if (rc == PAIMON_OK)
        pm_schema_free(s);
    CHECK_ERR(rc, code, &err);
    if (strstr(err.message, needle) == NULL || strstr(err.message, "schema-7: ") != err.message)
        fprintf(stderr, "message: %s\n", err.message);
    CHECK(strstr(err.message, "db.db/t/schema/schema-7: ") == err.message);
    CHECK(strstr(err.message, needle) != NULL);
}

#define BASE_TAIL "\"highestFieldId\":1,\"partitionKeys\":[],\"primaryKeys\":[],\"options\":{}}"

TEST(errors_name_file_and_problem) {
    expect_error("{\"id\":0,\"fields\":[{\"id\":0,\"name\":\"x\",\"type\":\"INTEGRAL\"}],"
                 BASE_TAIL,
                 PAIMON_ECORRUPT, "field 'x': invalid type \"INTEGRAL\"");
    expect_error("{\"fields\":[]," BASE_TAIL, PAIMON_ECORRUPT, "missing required member \"id\"");
    expect_error("{\"id\":\"0\",\"fields\":[]," BASE_TAIL, PAIMON_ECORRUPT,
                 "member \"id\" must be an integer, not a string");
    expect_error("{\"id\":0,\"fields\":[}", PAIMON_ECORRUPT, "malformed JSON at line 1");
    expect_error("[1,2]", PAIMON_ECORRUPT, "expected a JSON object");
    expect_error("", PAIMON_ECORRUPT, "malformed JSON");
    expect_error("{\"id\":0,\"fields\":[{\"id\":0,\"name\":\"x\",\"type\":\"INT\"},"
                 "{\"id\":0,\"name\":\"y\",\"type\":\"INT\"}]," BASE_TAIL,
                 PAIMON_ECORRUPT, "duplicate field id 0");
    expect_error("{\"id\":0,\"fields\":[{\"id\":0,\"name\":\"x\",\"type\":\"INT\"},"
                 "{\"id\":1,\"name\":\"x\",\"type\":\"INT\"}]," BASE_TAIL,
                 PAIMON_ECORRUPT, "duplicate field name 'x'");
    expect_error("{\"id\":0,\"fields\":[{\"id\":0,\"name\":\"r\",\"type\":{\"type\":\"ROW\","
                 "\"fields\":[{\"id\":0,\"name\":\"z\",\"type\":\"INT\"}]}}]," BASE_TAIL,
                 PAIMON_ECORRUPT, "duplicate field id 0");
    expect_error("{\"id\":0,\"fields\":[{\"id\":0,\"name\":\"r\",\"type\":{\"type\":\"LIST\"}}],"
                 BASE_TAIL, PAIMON_ECORRUPT, "unknown nested type \"LIST\"");
    expect_error("{\"id\":0,\"fields\":[{\"id\":0,\"name\":\"r\",\"type\":{\"type\":\"ARRAY\"}}],"
                 BASE_TAIL, PAIMON_ECORRUPT, "ARRAY type without \"element\"");
    expect_error("{\"id\":0,\"fields\":[{\"id\":0,\"type\":\"INT\"}]," BASE_TAIL,
                 PAIMON_ECORRUPT, "missing required member \"name\"");
    expect_error("{\"id\":0,\"fields\":[]," "\"highestFieldId\":1,\"partitionKeys\":[\"p\"],"
                 "\"primaryKeys\":[],\"options\":{}}",
                 PAIMON_ECORRUPT, "partitionKeys names 'p', which is not a field");
    expect_error("{\"id\":0,\"fields\":[]," "\"highestFieldId\":1,\"partitionKeys\":[],"
                 "\"primaryKeys\":[],\"options\":{\"a\":[1]}}",
                 PAIMON_ECORRUPT, "option \"a\" must be a string");
    expect_error("{\"id\":0,\"fields\":[]," "\"highestFieldId\":1,\"partitionKeys\":[],"
                 "\"primaryKeys\":[]}",
                 PAIMON_ECORRUPT, "missing required member \"options\"");
    expect_error("{\"id\":0,\"id\":1,\"fields\":[]," BASE_TAIL, PAIMON_ECORRUPT,
                 "duplicate object key");
}

TEST(deep_nesting_is_refused) {
    pm_buf b = PM_BUF_INIT;
    CHECK_OK(pm_buf_append_str(&b, "{\"id\":0,\"fields\":[{\"id\":0,\"name\":\"x\",\"type\":"),
             NULL);
    for (int i = 0; i < 200; i++)
        CHECK_OK(pm_buf_append_str(&b, "{\"type\":\"ARRAY\",\"element\":"), NULL);
    CHECK_OK(pm_buf_append_str(&b, "\"INT\""), NULL);
    for (int i = 0; i < 200; i++)
        CHECK_OK(pm_buf_append_str(&b, "}"), NULL);
    CHECK_OK(pm_buf_append_str(&b, "}]," BASE_TAIL), NULL);
    paimon_error err;
    pm_schema *s = NULL;
    CHECK_ERR(pm_schema_parse((const char *)b.data, b.len, "deep", &s, &err), PAIMON_ECORRUPT,
              &err);
    CHECK(strstr(err.message, "nested deeper") != NULL);
    pm_buf_dispose(&b);
}

TEST(legacy_option_defaults) {
    paimon_error err;
    pm_schema *v1 = parse_text("{\"version\":1,\"id\":0,\"fields\":[]," BASE_TAIL, &err);
    CHECK(v1 != NULL);
    CHECK_EQ_STR(pm_schema_option(v1, "bucket"), "1");
    CHECK_EQ_STR(pm_schema_option(v1, "file.format"), "orc");
    pm_schema *v2 = parse_text("{\"version\":2,\"id\":0,\"fields\":[]," BASE_TAIL, &err);
    CHECK(v2 != NULL);
    CHECK(pm_schema_option(v2, "bucket") == NULL);
    CHECK_EQ_STR(pm_schema_option(v2, "file.format"), "orc");
    pm_schema *v3 = parse_text("{\"version\":3,\"id\":0,\"fields\":[],\"highestFieldId\":1,"
                               "\"partitionKeys\":[],\"primaryKeys\":[],"
                               "\"options\":{\"bucket\":\"2\"}}",
                               &err);
    CHECK(v3 != NULL);
    CHECK_EQ_STR(pm_schema_option(v3, "bucket"), "2");
    CHECK(pm_schema_option(v3, "file.format") == NULL);
    pm_schema_free(v1);
    pm_schema_free(v2);
    pm_schema_free(v3);
}

TEST(option_parsing) {
    pm_options o = {0};
    CHECK_OK(pm_options_set(&o, "b1", "TRUE"), NULL);
    CHECK_OK(pm_options_set(&o, "b2", " false "), NULL);
    CHECK_OK(pm_options_set(&o, "b3", "yes"), NULL);
    CHECK_OK(pm_options_set(&o, "i", " -42 "), NULL);
    CHECK_OK(pm_options_set(&o, "ibad", "4x"), NULL);
    CHECK_OK(pm_options_set(&o, "m1", "256 mb"), NULL);
    CHECK_OK(pm_options_set(&o, "m2", "1gb"), NULL);
    CHECK_OK(pm_options_set(&o, "m3", "1024"), NULL);
    CHECK_OK(pm_options_set(&o, "m4", "64 KB"), NULL);
    CHECK_OK(pm_options_set(&o, "m5", "500 B"), NULL);
    CHECK_OK(pm_options_set(&o, "mbad", "12 parsecs"), NULL);
    CHECK_OK(pm_options_set(&o, "mbig", "99999999999 tb"), NULL);
    CHECK_OK(pm_options_set(&o, "d1", "1 h"), NULL);
    CHECK_OK(pm_options_set(&o, "d2", "10 s"), NULL);
    CHECK_OK(pm_options_set(&o, "d3", "500"), NULL);
    CHECK_OK(pm_options_set(&o, "d4", "2 min"), NULL);
    CHECK_OK(pm_options_set(&o, "d5", "3 days"), NULL);
    CHECK_OK(pm_options_set(&o, "d6", "10 ms"), NULL);
    CHECK_OK(pm_options_set(&o, "d7", "1500000 ns"), NULL);
    CHECK_OK(pm_options_set(&o, "dbad", "h"), NULL);
    CHECK_OK(pm_options_set(&o, "i", "7"), NULL); /* replaces */
    bool b;
    int64_t v;
    paimon_error err;
    CHECK_OK(pm_options_get_bool(&o, "b1", false, &b, &err), &err);
    CHECK(b);
    CHECK_OK(pm_options_get_bool(&o, "b2", true, &b, &err), &err);
    CHECK(!b);
    CHECK_OK(pm_options_get_bool(&o, "absent", true, &b, &err), &err);
    CHECK(b);
    CHECK_ERR(pm_options_get_bool(&o, "b3", true, &b, &err), PAIMON_EINVAL, &err);
    CHECK(strstr(err.message, "'b3'") != NULL);
    CHECK_OK(pm_options_get_int(&o, "i", 0, &v, &err), &err);
    CHECK_EQ_INT(v, 7);
    CHECK_EQ_STR(pm_options_get(&o, "i"), "7");
    CHECK_ERR(pm_options_get_int(&o, "ibad", 0, &v, &err), PAIMON_EINVAL, &err);
    CHECK_OK(pm_options_get_int(&o, "absent", 99, &v, &err), &err);
    CHECK_EQ_INT(v, 99);
    CHECK_OK(pm_options_get_memory(&o, "m1", 0, &v, &err), &err);
    CHECK_EQ_INT(v, 256LL << 20);
    CHECK_OK(pm_options_get_memory(&o, "m2", 0, &v, &err), &err);
    CHECK_EQ_INT(v, 1LL << 30);
    CHECK_OK(pm_options_get_memory(&o, "m3", 0, &v, &err), &err);
    CHECK_EQ_INT(v, 1024);
    CHECK_OK(pm_options_get_memory(&o, "m4", 0, &v, &err), &err);
    CHECK_EQ_INT(v, 65536);
    CHECK_OK(pm_options_get_memory(&o, "m5", 0, &v, &err), &err);
    CHECK_EQ_INT(v, 500);
    CHECK_ERR(pm_options_get_memory(&o, "mbad", 0, &v, &err), PAIMON_EINVAL, &err);
    CHECK_ERR(pm_options_get_memory(&o, "mbig", 0, &v, &err), PAIMON_EINVAL, &err);
    CHECK_OK(pm_options_get_duration_ms(&o, "d1", 0, &v, &err), &err);
    CHECK_EQ_INT(v, 3600000);
    CHECK_OK(pm_options_get_duration_ms(&o, "d2", 0, &v, &err), &err);
    CHECK_EQ_INT(v, 10000);
    CHECK_OK(pm_options_get_duration_ms(&o, "d3", 0, &v, &err), &err);
    CHECK_EQ_INT(v, 500);
    CHECK_OK(pm_options_get_duration_ms(&o, "d4", 0, &v, &err), &err);
    CHECK_EQ_INT(v, 120000);
    CHECK_OK(pm_options_get_duration_ms(&o, "d5", 0, &v, &err), &err);
    CHECK_EQ_INT(v, 3 * 86400000LL);
    CHECK_OK(pm_options_get_duration_ms(&o, "d6", 0, &v, &err), &err);
    CHECK_EQ_INT(v, 10);
    CHECK_OK(pm_options_get_duration_ms(&o, "d7", 0, &v, &err), &err);
    CHECK_EQ_INT(v, 1);
    CHECK_ERR(pm_options_get_duration_ms(&o, "dbad", 0, &v, &err), PAIMON_EINVAL, &err);
    pm_options_dispose(&o);
}

static void commit_cycle(pm_fs *fs, const char *table) {
    paimon_error err;
    int64_t id;
    CHECK_ERR(pm_schema_latest_id(fs, table, &id, &err), PAIMON_ENOTFOUND, &err);
    pm_schema *s = parse_text("{\"version\":3,\"id\":0,\"fields\":[{\"id\":0,\"name\":\"a\","
                              "\"type\":\"INT\"}],\"highestFieldId\":0,\"partitionKeys\":[],"
                              "\"primaryKeys\":[],\"options\":{}}",
                              &err);
    CHECK(s != NULL);
    CHECK_OK(pm_schema_commit(fs, table, s, &err), &err);
    CHECK_ERR(pm_schema_commit(fs, table, s, &err), PAIMON_EEXISTS, &err);
    s->id = 1;
    CHECK_OK(pm_options_set(&s->options, "bucket", "3"), NULL);
    CHECK_OK(pm_schema_commit(fs, table, s, &err), &err);
    CHECK_OK(pm_schema_latest_id(fs, table, &id, &err), &err);
    CHECK_EQ_INT(id, 1);
    pm_schema *back;
    CHECK_OK(pm_schema_load(fs, table, 1, &back, &err), &err);
    CHECK_EQ_STR(pm_schema_option(back, "bucket"), "3");
    pm_schema_free(back);
    CHECK_ERR(pm_schema_load(fs, table, 5, &back, &err), PAIMON_ENOTFOUND, &err);
    pm_schema_free(s);
}

TEST(commit_load_latest_local) {
    pm_fs *fs;
    CHECK_OK(pm_fs_local_new(&fs, NULL), NULL);
    char table[4200];
    snprintf(table, sizeof table, "%s/db.db/t", pm_test_tmpdir());
    commit_cycle(fs, table);
    pm_fs_release(fs);
}

TEST(commit_load_latest_mem) {
    pm_fs *fs;
    CHECK_OK(pm_fs_mem_new(&fs, NULL), NULL);
    commit_cycle(fs, "/w/db.db/t");
    pm_fs_release(fs);
}

TEST(latest_ignores_other_names) {
    pm_fs *fs;
    paimon_error err;
    CHECK_OK(pm_fs_mem_new(&fs, NULL), NULL);
    CHECK_OK(pm_fs_mkdirs(fs, "/t/schema", &err), &err);
    const char *names[] = {"/t/schema/schema-2", "/t/schema/schema-10", "/t/schema/schema-x",
                           "/t/schema/.schema-11.tmp", "/t/schema/schema-", "/t/schema/other"};
    for (size_t i = 0; i < 6; i++)
        CHECK_OK(pm_fs_write_file(fs, names[i], "{}", 2, PM_WRITE_REPLACE, &err), &err);
    int64_t id;
    CHECK_OK(pm_schema_latest_id(fs, "/t", &id, &err), &err);
    CHECK_EQ_INT(id, 10);
    pm_schema *s;
    CHECK_ERR(pm_schema_load(fs, "/t", 2, &s, &err), PAIMON_ECORRUPT, &err);
    CHECK(strstr(err.message, "/t/schema/schema-2: missing required member \"id\"") != NULL);
    pm_fs_release(fs);
}

/* Every allocation of parsing and writing may fail: no crash, no leak (checked under ASan). */
TEST(allocation_failures) {
    const char *text =
        "{\"version\":3,\"id\":0,\"fields\":[{\"id\":0,\"name\":\"a\",\"type\":\"INT\"},"
        "{\"id\":1,\"name\":\"r\",\"type\":{\"type\":\"ROW\",\"fields\":[{\"id\":2,"
        "\"name\":\"n\",\"type\":{\"type\":\"MAP\",\"key\":\"STRING NOT NULL\","
        "\"value\":{\"type\":\"ARRAY\",\"element\":\"DECIMAL(20, 2)\"}},"
        "\"description\":\"x\"}]}}],\"highestFieldId\":2,\"partitionKeys\":[\"a\"],"
        "\"primaryKeys\":[\"a\"],\"options\":{\"bucket\":\"2\",\"k\":\"v\"},\"comment\":\"c\"}";
    for (long n = 0; n < 120; n++) {
        pm_mem_fail_after(n);
        pm_schema *s = NULL;
        paimon_error err;
        int rc = pm_schema_parse(text, strlen(text), "x", &s, &err);
        pm_buf out = PM_BUF_INIT;
        if (rc == PAIMON_OK)
            rc = pm_schema_to_json(s, &out, &err);
        pm_mem_fail_after(-1);
        CHECK(rc == PAIMON_OK || rc == PAIMON_ENOMEM);
        pm_schema_free(s);
        pm_buf_dispose(&out);
    }
}
