/* The Java-written Parquet files of the compat corpus: every file opens and decodes, and values
 * of several append tables match the rows Java returns. */
#include "test.h"
#include "pq_test_util.h"

TEST(every_corpus_file_decodes) {
    const char *dir = pm_test_table_path("parquet");
    if (dir == NULL)
        SKIP("compat corpus not available");
    char *paths[512];
    size_t n = 0;
    pqt_find_files(dir, paths, &n, 512);
    CHECK(n >= 100);
    size_t ok = 0;
    for (size_t i = 0; i < n; i++) {
        paimon_error err = {0};
        pqt_result *res = pm_calloc(1, sizeof *res);
        pm_field *fields = NULL;
        size_t count = 0;
        int rc = pqt_read_path(paths[i], 7, res, &fields, &count, &err);
        if (rc != PAIMON_OK) {
            fprintf(stderr, "%s\n", err.message);
        } else if (res->rows != res->file_rows) {
            fprintf(stderr, "%s: %lld rows, footer says %lld\n", paths[i], (long long)res->rows,
                    (long long)res->file_rows);
        } else {
            ok++;
        }
        pqt_result_free(res);
        pm_free(res);
        pm_parquet_fields_free(fields, count);
        pm_free(paths[i]);
    }
    CHECK_EQ_INT(ok, n);
}

/* Reads one corpus file with the table's own column types and compares every row. */
static void check_corpus_file(const char *rel, const char *spec, const char *expected) {
    const char *path = pm_test_table_path(rel);
    if (path == NULL)
        SKIP("compat corpus not available");
    char p[4096];
    snprintf(p, sizeof p, "%s", path);
    size_t n;
    pm_field *f = pqt_fields(spec, &n);
    paimon_error err = {0};
    pqt_result *res = pm_calloc(1, sizeof *res);
    int rc = pqt_read_file(pqt_open_local(p, &err), p, f, n, 2, NULL, NULL, res, &err);
    pm_buf b = PM_BUF_INIT;
    if (rc == PAIMON_OK)
        pqt_render_all(&b, res, f, n);
    pqt_result_free(res);
    pm_free(res);
    pm_parquet_fields_free(f, n);
    CHECK_OK(rc, &err);
    CHECK_EQ_STR(pm_buf_cstr(&b), expected);
    pm_buf_dispose(&b);
}

TEST(append_complex_data_int96_and_flba_decimals) {
    check_corpus_file(
        "parquet/append_complex_data.db/append_complex_data/f1=10/bucket-0/"
        "data-f8754699-0c43-4e53-be00-7e8af1754913-0.parquet",
        "f1 INT, f2 INT, f3 DATE, f4 TIMESTAMP(9), f5 DECIMAL(23, 5), f6 BYTES",
        "[10,1,\"1973-05-19\",\"2033-05-18 03:33:20.000000000\",\"123456789987654321.45678\","
        "\"YWRk\"]\n"
        "[10,1,\"2024-07-05\",\"2033-05-18 03:33:20.000001001\",\"12.30000\",\"Y2F0\"]\n"
        "[10,1,\"1970-01-01\",\"2008-12-28 00:00:00.000123456\",null,\"ZGFk\"]\n"
        "[10,1,\"1970-04-11\",\"2008-12-28 00:00:00.000123450\",\"-123.45000\",\"ZWF0\"]\n"
        "[10,1,null,\"1899-01-01 00:59:20.001001001\",\"0.00000\",\"ZmF0\"]\n"
        "[10,1,\"2024-10-10\",\"2024-10-10 10:10:10.100100100\",\"1728551410100.10010\",null]\n");
    check_corpus_file(
        "parquet/append_complex_data.db/append_complex_data/f1=20/bucket-0/"
        "data-ac0894ca-fc13-49c8-bb22-4556c8ee416c-0.parquet",
        "f1 INT, f2 INT, f3 DATE, f4 TIMESTAMP(9), f5 DECIMAL(23, 5), f6 BYTES",
        "[20,1,\"1966-08-16\",\"1899-01-01 00:59:20.001001001\",\"-123456789987654321.45678\","
        "\"YmFk\"]\n");
}

TEST(timestamps_of_every_precision_and_ltz) {
    check_corpus_file(
        "parquet/append_with_multiple_ts_precision_and_timezone.db/"
        "append_with_multiple_ts_precision_and_timezone/bucket-0/"
        "data-9b8abdde-df4d-4655-bb4c-ffda164ef9d4-0.parquet",
        "ts_sec TIMESTAMP(0), ts_milli TIMESTAMP(3), ts_micro TIMESTAMP(6), ts_nano TIMESTAMP(9), "
        "ts_tz_sec TIMESTAMP(0) WITH LOCAL TIME ZONE, ts_tz_milli TIMESTAMP(3) WITH LOCAL TIME "
        "ZONE, ts_tz_micro TIMESTAMP(6) WITH LOCAL TIME ZONE, ts_tz_nano TIMESTAMP(9) WITH LOCAL "
        "TIME ZONE",
        "[\"1970-01-01 00:00:01\",\"1970-01-01 00:00:00.001\",\"1970-01-01 00:00:00.000001\","
        "\"1970-01-01 00:00:00.000000001\",\"1970-01-01 00:00:02\",\"1970-01-01 00:00:00.002\","
        "\"1970-01-01 00:00:00.000002\",\"1970-01-01 00:00:00.000000002\"]\n"
        "[\"1970-01-01 00:00:03\",\"1970-01-01 00:00:00.003\",null,\"1970-01-01 00:00:00.000000003\","
        "\"1970-01-01 00:00:04\",\"1970-01-01 00:00:00.004\",\"1970-01-01 00:00:00.000004\","
        "\"1970-01-01 00:00:00.000000004\"]\n"
        "[\"1970-01-01 00:00:05\",\"1970-01-01 00:00:00.005\",null,null,\"1970-01-01 00:00:06\",null,"
        "\"1970-01-01 00:00:00.000006\",null]\n");
}

TEST(nested_map_of_arrays_to_rows) {
    check_corpus_file(
        "parquet/parquet_append_table.db/parquet_append_table/bucket-0/"
        "data-9ea62f34-1dca-49c1-bf7a-d37303d8fb76-0.parquet",
        "f10 MAP<ARRAY<FLOAT>, ROW<f0 BOOLEAN, f1 BIGINT>>, f8 STRING, f4 INT, f13 DECIMAL(2, 2), "
        "f2 TINYINT, f3 SMALLINT, f12 DATE, f11 TIMESTAMP(9), f9 BYTES",
        "[[[[5.11,5.21],[true,61]]],\"s31\",300001,\"0.91\",31,null,\"1970-03-23\","
        "\"1970-01-01 00:00:00.000071000\",\"YTMx\"]\n"
        "[[[[5.12,5.22],[false,62]]],\"s32\",300002,\"0.92\",32,302,\"1970-03-24\","
        "\"1970-01-01 00:00:00.000072000\",\"YTMy\"]\n"
        "[null,\"s33\",300003,\"0.93\",33,303,\"1970-03-25\",\"1970-01-01 00:00:00.000073000\","
        "\"YTMz\"]\n"
        "[[[[5.141,5.241],[false,641]],[[5.14,5.24],[false,64]]],\"s34\",300004,\"0.94\",34,304,"
        "\"1970-03-26\",\"1970-01-01 00:00:00.000074000\",\"YTM0\"]\n"
        "[[[[5.15,5.25],[true,65]]],\"s35\",300005,\"0.95\",35,305,\"1970-03-27\","
        "\"1970-01-01 00:00:00.000075000\",\"YTM1\"]\n"
        "[[[[5.16,5.26],null]],\"s36\",300006,\"0.96\",36,306,\"1970-03-28\","
        "\"1970-01-01 00:00:00.000076000\",\"YTM2\"]\n");
}

TEST(primary_key_file_with_row_array_and_map) {
    check_corpus_file(
        "parquet/pk_table_nested_type.db/pk_table_nested_type/dt=2025-04-14/hr=10/bucket-0/"
        "data-f63238db-a23a-4f18-9211-0835909197cf-0.parquet",
        "_SEQUENCE_NUMBER BIGINT NOT NULL, _VALUE_KIND TINYINT NOT NULL, shopId INT NOT NULL, "
        "col1 ROW<f0 STRING, f1 INT, f2 ARRAY<INT>>, col2 MAP<INT, INT>, col0 INT",
        "[0,0,1002,[\"str-2\",200,[2,null,3]],[[2,2],[102,102]],20]\n"
        "[1,0,1005,[\"str-5\",500,[5,null,6]],[[5,5],[105,105]],50]\n"
        "[2,0,1006,[\"str-6\",600,[6,null,7]],[[6,6],[106,106]],60]\n");
}

TEST(append_09_strings_and_doubles) {
    const char *dir = pm_test_table_path("parquet/append_09.db/append_09");
    if (dir == NULL)
        SKIP("compat corpus not available");
    char d[4096];
    snprintf(d, sizeof d, "%s", dir);
    char *paths[64];
    size_t n = 0;
    pqt_find_files(d, paths, &n, 64);
    CHECK(n > 0);
    /* Every row of every file is one of the rows the table ever held. */
    const char *known = "[\"Alice\",10,1,11.1][\"Bob\",10,0,12.1][\"Emily\",10,0,13.1]"
                        "[\"Tony\",10,0,14.1][\"Lucy\",20,1,14.1][\"Emily\",10,0,15.1]"
                        "[\"Alex\",10,0,16.1][\"David\",10,0,17.1][\"Lily\",10,0,17.1]"
                        "[\"Paul\",20,1,null]";
    size_t nf;
    pm_field *f = pqt_fields("f0 STRING, f1 INT, f2 INT, f3 DOUBLE", &nf);
    int64_t rows = 0;
    bool all_known = true;
    for (size_t i = 0; i < n; i++) {
        paimon_error err = {0};
        pqt_result *res = pm_calloc(1, sizeof *res);
        if (pqt_read_file(pqt_open_local(paths[i], &err), paths[i], f, nf, 0, NULL, NULL, res,
                          &err) != PAIMON_OK)
            all_known = false;
        for (size_t k = 0; k < res->count; k++) {
            for (int64_t r = 0; r < res->batches[k].length; r++, rows++) {
                pm_buf b = PM_BUF_INIT;
                pqt_render_row(&b, &res->batches[k], f, nf, r);
                if (strstr(known, pm_buf_cstr(&b)) == NULL) {
                    fprintf(stderr, "unexpected row %s\n", pm_buf_cstr(&b));
                    all_known = false;
                }
                pm_buf_dispose(&b);
            }
        }
        pqt_result_free(res);
        pm_free(res);
        pm_free(paths[i]);
    }
    pm_parquet_fields_free(f, nf);
    CHECK(all_known);
    CHECK(rows >= 8);
}
