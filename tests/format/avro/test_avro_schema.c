/* Avro schema JSON parsing: every kind, names and namespaces, logical types, and bad schemas. */
#include "test.h"
#include "format/avro/avro_schema.h"

#include <stdio.h>
#include <stdlib.h>

static const pm_avro_schema *parse_ok(pm_arena *arena, const char *json) {
    paimon_error err = {0};
    const pm_avro_schema *s = NULL;
    int rc = pm_avro_schema_parse(json, strlen(json), arena, &s, &err);
    if (rc != PAIMON_OK) {
        fprintf(stderr, "  parse failed: %s\n", err.message);
        return NULL;
    }
    return s;
}

static int parse_err(const char *json, paimon_error *err) {
    pm_arena arena;
    pm_arena_init(&arena, 1024);
    const pm_avro_schema *s;
    int rc = pm_avro_schema_parse(json, strlen(json), &arena, &s, err);
    pm_arena_dispose(&arena);
    return rc;
}

TEST(primitives) {
    static const char *names[] = {"null",  "boolean", "int",   "long",
                                  "float", "double",  "bytes", "string"};
    static const pm_avro_kind kinds[] = {PM_AVRO_NULL,  PM_AVRO_BOOLEAN, PM_AVRO_INT,
                                         PM_AVRO_LONG,  PM_AVRO_FLOAT,   PM_AVRO_DOUBLE,
                                         PM_AVRO_BYTES, PM_AVRO_STRING};
    static const size_t min_sizes[] = {0, 1, 1, 1, 4, 8, 1, 1};
    pm_arena arena;
    pm_arena_init(&arena, 1024);
    for (size_t i = 0; i < 8; i++) {
        char json[64];
        snprintf(json, sizeof json, "\"%s\"", names[i]);
        const pm_avro_schema *s = parse_ok(&arena, json);
        CHECK(s != NULL);
        CHECK_EQ_INT(s->kind, kinds[i]);
        CHECK_EQ_INT(s->min_size, min_sizes[i]);
        CHECK_EQ_STR(pm_avro_kind_name(s->kind), names[i]);
        snprintf(json, sizeof json, "{\"type\":\"%s\"}", names[i]);
        s = parse_ok(&arena, json);
        CHECK(s != NULL);
        CHECK_EQ_INT(s->kind, kinds[i]);
    }
    pm_arena_dispose(&arena);
}

TEST(paimon_manifest_list_schema) {
    const char *json =
        "[\"null\",{\"type\":\"record\",\"name\":\"record\",\"namespace\":\"org.apache.paimon.avro."
        "generated\",\"fields\":[{\"name\":\"_VERSION\",\"type\":\"int\"},{\"name\":\"_FILE_NAME\","
        "\"type\":\"string\"},{\"name\":\"_PARTITION_STATS\",\"type\":[\"null\",{\"type\":"
        "\"record\",\"name\":\"record__PARTITION_STATS\",\"fields\":[{\"name\":\"_MIN_VALUES\","
        "\"type\":\"bytes\"},{\"name\":\"_NULL_COUNTS\",\"type\":[\"null\",{\"type\":\"array\","
        "\"items\":[\"null\",\"long\"]}],\"default\":null}]}],\"default\":null},{\"name\":"
        "\"_CREATION_TIME\",\"type\":[\"null\",{\"type\":\"long\",\"logicalType\":"
        "\"timestamp-millis\"}],\"default\":null}]}]";
    pm_arena arena;
    pm_arena_init(&arena, 1024);
    const pm_avro_schema *s = parse_ok(&arena, json);
    CHECK(s != NULL);
    CHECK_EQ_INT(s->kind, PM_AVRO_UNION);
    int null_index, value_index;
    const pm_avro_schema *rec = pm_avro_schema_unwrap_nullable(s, &null_index, &value_index);
    CHECK_EQ_INT(null_index, 0);
    CHECK_EQ_INT(value_index, 1);
    CHECK_EQ_INT(rec->kind, PM_AVRO_RECORD);
    CHECK_EQ_STR(rec->name, "org.apache.paimon.avro.generated.record");
    CHECK_EQ_INT(rec->field_count, 4);
    CHECK_EQ_INT(pm_avro_schema_field_index(rec, "_FILE_NAME"), 1);
    CHECK_EQ_INT(pm_avro_schema_field_index(rec, "_NOPE"), -1);
    CHECK(!rec->fields[0].has_default);
    CHECK(rec->fields[2].has_default);
    const pm_avro_schema *stats =
        pm_avro_schema_unwrap_nullable(rec->fields[2].type, &null_index, &value_index);
    /* nested records inherit the namespace */
    CHECK_EQ_STR(stats->name, "org.apache.paimon.avro.generated.record__PARTITION_STATS");
    const pm_avro_schema *counts =
        pm_avro_schema_unwrap_nullable(stats->fields[1].type, &null_index, &value_index);
    CHECK_EQ_INT(counts->kind, PM_AVRO_ARRAY);
    CHECK_EQ_INT(counts->items->kind, PM_AVRO_UNION);
    const pm_avro_schema *ts =
        pm_avro_schema_unwrap_nullable(rec->fields[3].type, &null_index, &value_index);
    CHECK_EQ_INT(ts->kind, PM_AVRO_LONG);
    CHECK_EQ_INT(ts->logical, PM_AVRO_LOGICAL_TIMESTAMP_MILLIS);
    /* min size: int 1 + string 1 + union 1 + union 1 (null branches are 0 bytes) */
    CHECK_EQ_INT(rec->min_size, 4);
    pm_arena_dispose(&arena);
}

TEST(logical_types) {
    pm_arena arena;
    pm_arena_init(&arena, 1024);
    const pm_avro_schema *s =
        parse_ok(&arena, "{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":19,"
                         "\"scale\":4}");
    CHECK(s != NULL);
    CHECK_EQ_INT(s->logical, PM_AVRO_LOGICAL_DECIMAL);
    CHECK_EQ_INT(s->precision, 19);
    CHECK_EQ_INT(s->scale, 4);
    s = parse_ok(&arena, "{\"type\":\"fixed\",\"name\":\"d\",\"size\":9,\"logicalType\":"
                         "\"decimal\",\"precision\":20}");
    CHECK(s != NULL);
    CHECK_EQ_INT(s->kind, PM_AVRO_FIXED);
    CHECK_EQ_INT(s->fixed_size, 9);
    CHECK_EQ_INT(s->logical, PM_AVRO_LOGICAL_DECIMAL);
    CHECK_EQ_INT(s->scale, 0);
    /* invalid logical types are ignored, as the Avro specification requires */
    s = parse_ok(&arena, "{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":2,"
                         "\"scale\":3}");
    CHECK(s != NULL && s->logical == PM_AVRO_LOGICAL_NONE);
    s = parse_ok(&arena, "{\"type\":\"int\",\"logicalType\":\"timestamp-millis\"}");
    CHECK(s != NULL && s->logical == PM_AVRO_LOGICAL_NONE);
    s = parse_ok(&arena, "{\"type\":\"long\",\"logicalType\":\"something-new\"}");
    CHECK(s != NULL && s->logical == PM_AVRO_LOGICAL_NONE);
    static const struct {
        const char *json;
        pm_avro_logical logical;
    } cases[] = {
        {"{\"type\":\"int\",\"logicalType\":\"date\"}", PM_AVRO_LOGICAL_DATE},
        {"{\"type\":\"int\",\"logicalType\":\"time-millis\"}", PM_AVRO_LOGICAL_TIME_MILLIS},
        {"{\"type\":\"long\",\"logicalType\":\"time-micros\"}", PM_AVRO_LOGICAL_TIME_MICROS},
        {"{\"type\":\"long\",\"logicalType\":\"timestamp-micros\"}",
         PM_AVRO_LOGICAL_TIMESTAMP_MICROS},
        {"{\"type\":\"long\",\"logicalType\":\"local-timestamp-millis\"}",
         PM_AVRO_LOGICAL_LOCAL_TIMESTAMP_MILLIS},
        {"{\"type\":\"long\",\"logicalType\":\"local-timestamp-micros\"}",
         PM_AVRO_LOGICAL_LOCAL_TIMESTAMP_MICROS},
        {"{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"kv\",\"fields\":[{"
         "\"name\":\"key\",\"type\":\"int\"},{\"name\":\"value\",\"type\":\"string\"}]},"
         "\"logicalType\":\"map\"}",
         PM_AVRO_LOGICAL_MAP},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        s = parse_ok(&arena, cases[i].json);
        CHECK(s != NULL);
        CHECK_EQ_INT(s->logical, cases[i].logical);
    }
    pm_arena_dispose(&arena);
}

TEST(named_references_and_namespaces) {
    pm_arena arena;
    pm_arena_init(&arena, 1024);
    const pm_avro_schema *s = parse_ok(
        &arena,
        "{\"type\":\"record\",\"name\":\"a.b.Outer\",\"fields\":["
        "{\"name\":\"x\",\"type\":{\"type\":\"enum\",\"name\":\"Color\",\"symbols\":[\"R\",\"G\"]}}"
        ","
        "{\"name\":\"y\",\"type\":\"Color\"},"
        "{\"name\":\"z\",\"type\":\"a.b.Color\"},"
        "{\"name\":\"f\",\"type\":{\"type\":\"fixed\",\"name\":\"F\",\"namespace\":\"other\","
        "\"size\":4}},"
        "{\"name\":\"g\",\"type\":\"other.F\"},"
        "{\"name\":\"m\",\"type\":{\"type\":\"map\",\"values\":\"long\"}}]}");
    CHECK(s != NULL);
    CHECK_EQ_STR(s->name, "a.b.Outer");
    CHECK_EQ_STR(s->fields[0].type->name, "a.b.Color");
    CHECK(s->fields[1].type == s->fields[0].type);
    CHECK(s->fields[2].type == s->fields[0].type);
    CHECK_EQ_INT(s->fields[0].type->symbol_count, 2);
    CHECK_EQ_STR(s->fields[0].type->symbols[1], "G");
    CHECK_EQ_STR(s->fields[3].type->name, "other.F");
    CHECK(s->fields[4].type == s->fields[3].type);
    CHECK_EQ_INT(s->fields[5].type->kind, PM_AVRO_MAP);
    CHECK_EQ_INT(s->fields[5].type->values->kind, PM_AVRO_LONG);
    CHECK_EQ_INT(s->min_size, 1 + 1 + 1 + 4 + 4 + 1);
    pm_arena_dispose(&arena);
}

TEST(recursive_record) {
    pm_arena arena;
    pm_arena_init(&arena, 1024);
    const pm_avro_schema *s =
        parse_ok(&arena, "{\"type\":\"record\",\"name\":\"Node\",\"fields\":[{\"name\":\"v\","
                         "\"type\":\"long\"},{\"name\":\"next\",\"type\":[\"null\",\"Node\"]}]}");
    CHECK(s != NULL);
    CHECK(s->fields[1].type->branches[1] == s);
    pm_arena_dispose(&arena);
}

TEST(bad_schemas_are_clear_errors) {
    static const struct {
        const char *json;
        const char *needle;
    } cases[] = {
        {"{\"type\":", "invalid JSON"},
        {"\"lng\"", "unknown type \"lng\""},
        {"{\"type\":\"record\",\"fields\":[]}", "without a \"name\""},
        {"{\"type\":\"record\",\"name\":\"r\"}", "without a \"fields\" array"},
        {"{\"type\":\"record\",\"name\":\"r\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
         "{\"name\":\"a\",\"type\":\"int\"}]}",
         "field \"a\" appears twice"},
        {"{\"type\":\"record\",\"name\":\"r\",\"fields\":[{\"name\":\"a\"}]}",
         "field \"a\" has no \"type\""},
        {"{\"type\":\"record\",\"name\":\"r\",\"fields\":[{\"name\":\"a\",\"type\":\"bogus\"}]}",
         "field \"a\": unknown type \"bogus\""},
        {"[\"null\",[\"int\"]]", "is itself a union"},
        {"[\"int\",\"int\"]", "two int branches"},
        {"[]", "empty union"},
        {"{\"type\":\"enum\",\"name\":\"e\",\"symbols\":[\"A\",\"A\"]}", "appears twice"},
        {"{\"type\":\"fixed\",\"name\":\"f\"}", "valid \"size\""},
        {"{\"type\":\"array\"}", "without \"items\""},
        {"{\"type\":\"map\"}", "without \"values\""},
        {"[{\"type\":\"record\",\"name\":\"r\",\"fields\":[]},{\"type\":\"record\",\"name\":\"r\","
         "\"fields\":[]}]",
         "defined twice"},
        {"42", "JSON string, object or array"},
        {"{\"logicalType\":\"date\"}", "without \"type\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        paimon_error err = {0};
        int rc = parse_err(cases[i].json, &err);
        if (rc == PAIMON_OK || strstr(err.message, cases[i].needle) == NULL ||
            strncmp(err.message, "avro schema: ", 13) != 0) {
            pm_test_fail(__FILE__, __LINE__, "case %zu: rc %d, message \"%s\", expected \"%s\"", i,
                         rc, err.message, cases[i].needle);
            return;
        }
    }
}

TEST(nesting_is_bounded) {
    /* 100 nested arrays: beyond PM_MAX_NESTING_DEPTH */
    char json[4096] = "";
    for (int i = 0; i < 100; i++)
        strcat(json, "{\"type\":\"array\",\"items\":");
    strcat(json, "\"int\"");
    for (int i = 0; i < 100; i++)
        strcat(json, "}");
    paimon_error err = {0};
    CHECK_ERR(parse_err(json, &err), PAIMON_ELIMIT, &err);
    CHECK(strstr(err.message, "nested deeper") != NULL);
    /* 60 levels are fine */
    json[0] = '\0';
    for (int i = 0; i < 60; i++)
        strcat(json, "{\"type\":\"array\",\"items\":");
    strcat(json, "\"int\"");
    for (int i = 0; i < 60; i++)
        strcat(json, "}");
    CHECK_OK(parse_err(json, &err), &err);
}
