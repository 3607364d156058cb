/* Splits serialized in one place and read in another give the same rows as the direct read. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Appends every row of a stream, as JSON lines, to a growing text (sorted later). */
static int collect_rows(struct ArrowArrayStream *s, char ***rows, size_t *count) {
    struct ArrowSchema schema;
    if (s->get_schema(s, &schema) != 0)
        return -1;
    paimon_error err = {0};
    paimon_row_formatter *f;
    if (paimon_row_formatter_new(&schema, PAIMON_STYLE_JSON, &f, &err) != PAIMON_OK) {
        schema.release(&schema);
        return -1;
    }
    int rc = 0;
    for (;;) {
        struct ArrowArray batch;
        if (s->get_next(s, &batch) != 0) {
            fprintf(stderr, "  read failed: %s\n", s->get_last_error(s));
            rc = -1;
            break;
        }
        if (batch.release == NULL)
            break;
        for (int64_t r = 0; r < batch.length; r++) {
            *rows = realloc(*rows, (*count + 1) * sizeof **rows);
            (*rows)[(*count)++] = strdup(paimon_row_formatter_row_json(f, &batch, r, NULL));
        }
        batch.release(&batch);
    }
    paimon_row_formatter_free(f);
    schema.release(&schema);
    return rc;
}

static int compare_strings(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_rows(char **rows, size_t n) {
    for (size_t i = 0; i < n; i++)
        free(rows[i]);
    free(rows);
}

static void roundtrip(const char *rel, const char *filter) {
    const char *path = pm_test_table_path(rel);
    if (path == NULL)
        SKIP("compat corpus not available");
    paimon_error err = {0};
    paimon_table *planner, *reader;
    CHECK_OK(paimon_table_open(&planner, path, &err), &err);
    CHECK_OK(paimon_table_open(&reader, path, &err), &err);
    paimon_scan_options o = PAIMON_SCAN_OPTIONS_INIT;
    o.filter = filter;
    paimon_plan *plan;
    CHECK_OK(paimon_table_plan(planner, &o, &plan, &err), &err);
    struct ArrowArrayStream direct;
    CHECK_OK(paimon_plan_read(planner, plan, &direct, &err), &err);
    char **expected = NULL, **actual = NULL;
    size_t n_expected = 0, n_actual = 0;
    CHECK_EQ_INT(collect_rows(&direct, &expected, &n_expected), 0);
    direct.release(&direct);
    CHECK(n_expected > 0);
    for (size_t i = 0; i < paimon_plan_split_count(plan); i++) {
        char *json;
        size_t len;
        CHECK_OK(paimon_plan_split_serialize(plan, i, &json, &len, &err), &err);
        CHECK_EQ_INT(strlen(json), len);
        paimon_plan *one;
        CHECK_OK(paimon_plan_split_deserialize(reader, json, len, &one, &err), &err);
        paimon_free(json);
        CHECK_EQ_INT(paimon_plan_split_count(one), 1);
        CHECK_EQ_INT(paimon_plan_snapshot_id(one), paimon_plan_snapshot_id(plan));
        struct ArrowArrayStream s;
        CHECK_OK(paimon_plan_read(reader, one, &s, &err), &err);
        paimon_plan_free(one);
        CHECK_EQ_INT(collect_rows(&s, &actual, &n_actual), 0);
        s.release(&s);
    }
    CHECK_EQ_INT(n_actual, n_expected);
    qsort(expected, n_expected, sizeof *expected, compare_strings);
    qsort(actual, n_actual, sizeof *actual, compare_strings);
    for (size_t i = 0; i < n_expected; i++)
        CHECK_EQ_STR(actual[i], expected[i]);
    free_rows(expected, n_expected);
    free_rows(actual, n_actual);
    paimon_plan_free(plan);
    paimon_table_free(planner);
    paimon_table_free(reader);
}

TEST(append_table) {
    roundtrip("parquet/append_complex_data.db/append_complex_data", NULL);
}

TEST(merge_on_read_table_with_filter) {
    roundtrip("parquet/pk_table_scan_and_read_mor.db/pk_table_scan_and_read_mor", "f3 > 12");
}

TEST(deletion_vector_table) {
    roundtrip("parquet/pk_table_with_dv_cardinality.db/pk_table_with_dv_cardinality", NULL);
}

TEST(malformed_documents_are_refused) {
    const char *path = pm_test_table_path("parquet/append_10.db/append_10");
    if (path == NULL)
        SKIP("compat corpus not available");
    paimon_error err = {0};
    paimon_table *t;
    CHECK_OK(paimon_table_open(&t, path, &err), &err);
    const char *bad[] = {"", "{", "[]", "{\"format\":\"x\"}",
                         "{\"format\":\"paimon-c split\",\"version\":2}",
                         "{\"format\":\"paimon-c split\",\"version\":1,\"snapshot\":1,"
                         "\"schemaId\":0,\"limit\":-1,\"columns\":[99]}",
                         "{\"format\":\"paimon-c split\",\"version\":1,\"snapshot\":1,"
                         "\"schemaId\":0,\"limit\":-1,\"columns\":[],\"partition\":\"!!\"}"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        paimon_plan *p = NULL;
        CHECK_ERR(paimon_plan_split_deserialize(t, bad[i], strlen(bad[i]), &p, &err),
                  PAIMON_EINVAL, &err);
        CHECK(p == NULL);
        CHECK(strstr(err.message, "serialized split") != NULL);
    }
    paimon_table_free(t);
}
