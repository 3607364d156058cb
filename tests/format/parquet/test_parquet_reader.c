/* Reader behaviour: projection and column matching, missing columns, type conversions and
 * their refusals, row-group skipping through statistics, batch boundaries and row positions. */
#include "test.h"
#include "pq_test_util.h"

static int read_fixture(const char *name, const char *spec, size_t batch, pm_skip_fn skip,
                        void *ctx, pqt_result *res, pm_field **fields, size_t *n,
                        paimon_error *err) {
    *fields = pqt_fields(spec, n);
    const char *path = pqt_fixture(name);
    return pqt_read_file(pqt_open_local(path, err), path, *fields, *n, batch, skip, ctx, res, err);
}

TEST(projection_reorders_and_fills_missing_columns) {
    paimon_error err = {0};
    pqt_result *res = pm_calloc(1, sizeof *res);
    pm_field *f;
    size_t n;
    CHECK_OK(read_fixture("row_groups.parquet", "flag BOOLEAN, nope INT, name STRING, id BIGINT", 0,
                          NULL, NULL, res, &f, &n, &err), &err);
    CHECK_EQ_INT(res->rows, 10000);
    pm_buf b = PM_BUF_INIT;
    pqt_render_row(&b, &res->batches[0], f, n, 5);
    CHECK_EQ_STR(pm_buf_cstr(&b), "[false,null,\"name-5\",5]");
    b.len = 0;
    const struct ArrowArray *last = &res->batches[res->count - 1];
    pqt_render_row(&b, last, f, n, last->length - 1);
    CHECK_EQ_STR(pm_buf_cstr(&b), "[true,null,\"name-9999\",9999]");
    CHECK_EQ_INT(res->batches[0].children[1]->null_count, res->batches[0].length);
    pm_buf_dispose(&b);
    pqt_result_free(res);
    pm_free(res);
    pm_parquet_fields_free(f, n);
}

TEST(batches_stop_at_row_group_ends) {
    paimon_error err = {0};
    pqt_result *res = pm_calloc(1, sizeof *res);
    pm_field *f;
    size_t n;
    CHECK_OK(read_fixture("row_groups.parquet", "id BIGINT", 1500, NULL, NULL, res, &f, &n, &err),
             &err);
    /* Row groups of 2048 rows: 1500 + 548 per group, then the 1808-row tail group. */
    int64_t expect_first = 0;
    for (size_t k = 0; k < res->count; k++) {
        CHECK_EQ_INT(res->first_rows[k], expect_first);
        int64_t in_group = expect_first % 2048;
        int64_t group_rows = expect_first >= 8192 ? 1808 : 2048;
        int64_t want = group_rows - in_group < 1500 ? group_rows - in_group : 1500;
        CHECK_EQ_INT(res->batches[k].length, want);
        const struct ArrowArray *ids = res->batches[k].children[0];
        for (int64_t r = 0; r < ids->length; r++)
            CHECK_EQ_INT(pm_arrow_get_datum(ids, f[0].type, r).v.i, expect_first + r);
        expect_first += res->batches[k].length;
    }
    CHECK_EQ_INT(expect_first, 10000);
    pqt_result_free(res);
    pm_free(res);
    pm_parquet_fields_free(f, n);
}

typedef struct skip_log {
    int calls;
    int64_t min[8], max[8], nulls[8], missing_nulls[8];
    char smin[8][16], smax[8][16];
    bool ok;
} skip_log;

/* Keeps only row groups that may hold ids in [3000, 7000). */
static bool skip_by_id(void *ctx, const pm_column_stats *s, size_t n, int64_t rows) {
    skip_log *log = ctx;
    int k = log->calls++;
    log->ok = log->ok && n == 3 && s[0].has_min_max && s[0].has_null_count && s[2].has_null_count &&
              s[2].null_count == rows && !s[2].has_min_max && s[1].has_min_max;
    log->min[k] = s[0].min.v.i;
    log->max[k] = s[0].max.v.i;
    log->nulls[k] = s[0].null_count;
    snprintf(log->smin[k], 16, "%.*s", (int)s[1].min.v.bytes.len, (const char *)s[1].min.v.bytes.ptr);
    snprintf(log->smax[k], 16, "%.*s", (int)s[1].max.v.bytes.len, (const char *)s[1].max.v.bytes.ptr);
    return s[0].max.v.i < 3000 || s[0].min.v.i >= 7000;
}

TEST(statistics_skip_row_groups_and_keep_positions) {
    paimon_error err = {0};
    pqt_result *res = pm_calloc(1, sizeof *res);
    pm_field *f;
    size_t n;
    skip_log log = {.ok = true};
    CHECK_OK(read_fixture("row_groups.parquet", "id BIGINT, name STRING, gone INT", 0, skip_by_id,
                          &log, res, &f, &n, &err), &err);
    CHECK_EQ_INT(log.calls, 5);
    CHECK(log.ok);
    for (int k = 0; k < 5; k++) {
        CHECK_EQ_INT(log.min[k], k * 2048);
        CHECK_EQ_INT(log.max[k], k == 4 ? 9999 : k * 2048 + 2047);
        CHECK_EQ_INT(log.nulls[k], 0);
    }
    CHECK_EQ_STR(log.smin[0], "name-0");
    CHECK_EQ_STR(log.smax[0], "name-999");
    /* Groups 1..3 (rows 2048..8191) are read; positions count the skipped group. */
    CHECK_EQ_INT(res->rows, 3 * 2048);
    CHECK_EQ_INT(res->first_rows[0], 2048);
    int64_t pos = 2048;
    for (size_t k = 0; k < res->count; k++) {
        CHECK_EQ_INT(res->first_rows[k], pos);
        const struct ArrowArray *ids = res->batches[k].children[0];
        CHECK_EQ_INT(pm_arrow_get_datum(ids, f[0].type, 0).v.i, pos);
        pos += res->batches[k].length;
    }
    pqt_result_free(res);
    pm_free(res);
    pm_parquet_fields_free(f, n);
}

TEST(conversions_to_other_requested_types) {
    paimon_error err = {0};
    pqt_result *res = pm_calloc(1, sizeof *res);
    pm_field *f;
    size_t n;
    CHECK_OK(read_fixture("flat_v1_zstd.parquet",
                          "ts_ns TIMESTAMP(3), ts_ns TIMESTAMP(6), ts_ms TIMESTAMP(9), "
                          "ts_us TIMESTAMP(0) WITH LOCAL TIME ZONE, i8 INT, i32 BIGINT, f32 DOUBLE, "
                          "dec4 DECIMAL(10, 2), u32 DECIMAL(12, 0), s_plain BYTES",
                          0, NULL, NULL, res, &f, &n, &err), &err);
    pm_buf b = PM_BUF_INIT;
    pqt_render_row(&b, &res->batches[0], f, n, 1);
    CHECK_EQ_STR(pm_buf_cstr(&b), "[\"1969-12-31 23:51:41.000\",\"1969-12-31 23:51:41.000000\","
                                  "\"1969-12-31 23:59:01.001000000\",\"1969-12-31 23:59:01\","
                                  "-127,-998999997,0.25,\"-48.77\",\"4294967294\",\"dW5pcXVlLTF4\"]");
    pm_buf_dispose(&b);
    pqt_result_free(res);
    pm_free(res);
    pm_parquet_fields_free(f, n);
}

static void check_refused(const char *spec, const char *needle) {
    paimon_error err = {0};
    pqt_result *res = pm_calloc(1, sizeof *res);
    pm_field *f;
    size_t n;
    int rc = read_fixture("flat_v1_zstd.parquet", spec, 0, NULL, NULL, res, &f, &n, &err);
    pqt_result_free(res);
    pm_free(res);
    pm_parquet_fields_free(f, n);
    CHECK_EQ_INT(rc, PAIMON_EUNSUPPORTED);
    if (strstr(err.message, needle) == NULL || strstr(err.message, "flat_v1_zstd.parquet") == NULL)
        pm_test_fail(__FILE__, __LINE__, "message \"%s\" lacks \"%s\"", err.message, needle);
}

TEST(impossible_types_are_refused_with_names) {
    check_refused("s_plain INT", "column 's_plain': cannot read Parquet BYTE_ARRAY (UTF8) as INT");
    check_refused("ts_us DATE", "column 'ts_us'");
    check_refused("dec15 DECIMAL(15, 2)", "column 'dec15'");
    check_refused("id ARRAY<INT>", "column 'id'");
    check_refused("id ROW<a INT>", "column 'id'");
    check_refused("f64 FLOAT", "column 'f64'");
}
