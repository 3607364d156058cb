/* Locations of files named by metadata: plain names only, external paths as local paths. */
#include "table_builder.h"
#include "table/table_internal.h"

static const char *local(const char *uri, int *rc) {
    static pm_buf out;
    static paimon_error err;
    pm_buf_clear(&out);
    paimon_error_clear(&err);
    *rc = pm_local_path(uri, &out, &err);
    return *rc == PAIMON_OK ? pm_buf_cstr(&out) : err.message;
}

TEST(external_paths_resolve_file_uris) {
    int rc;
    CHECK_EQ_STR(local("/data/x.parquet", &rc), "/data/x.parquet");
    CHECK_EQ_STR(local("file:/tmp/external/f1=10/bucket-0/a.orc", &rc),
                 "/tmp/external/f1=10/bucket-0/a.orc");
    CHECK_EQ_STR(local("FILE:/tmp/x", &rc), "/tmp/x");
    CHECK_EQ_STR(local("file:///tmp/x", &rc), "/tmp/x");
    CHECK_EQ_INT(rc, PAIMON_OK);
    const char *msg = local("s3://bucket/warehouse/x.parquet", &rc);
    CHECK_EQ_INT(rc, PAIMON_EUNSUPPORTED);
    CHECK(strstr(msg, "s3://bucket/warehouse/x.parquet") != NULL);
}

TEST(metadata_file_names_must_be_plain) {
    paimon_error err = {0};
    CHECK_OK(pm_check_file_name("data-1.parquet", "data file", "m", &err), &err);
    const char *bad[] = {"", ".", "..", "../x", "a/b", "a\\b", "/etc/passwd"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK_ERR(pm_check_file_name(bad[i], "data file", "manifest-x", &err), PAIMON_ECORRUPT,
                  &err);
        CHECK(strstr(err.message, "manifest-x") != NULL);
    }
}

/* A manifest entry naming a data file outside its bucket folder fails the scan, naming the
 * manifest and the bad name; nothing outside the table is opened. */
TEST(scans_refuse_data_file_names_that_leave_the_table) {
    static const tb_column cols[] = {{"id", "INT"}, {"v", "STRING"}};
    static const tb_xrow rows[] = {BT_ROW(0, "1,a")};
    bt_file f[] = {{NULL, 0, 0, rows, 1, 0, 0}};
    const char *dir = pm_test_tmpdir();
    bt_table b;
    CHECK(bt_init(&b, dir, cols, 2, NULL, false) == 0);
    int rc = bt_schema(&b, NULL, 0, "\"bucket\" : \"1\", \"bucket-key\" : \"id\"");
    rc = rc ? rc : bt_commit(&b, NULL, "APPEND", 1000, f, 1, NULL);
    CHECK(rc == 0);
    CHECK_ROWS(tb_scan(dir, NULL), "[1,\"a\"]");
    /* The next snapshot's base manifest lists the file under a name that climbs out. */
    b.branches[0].live[0].file.file_name = "../../../etc/passwd";
    rc = bt_commit(&b, NULL, "APPEND", 2000, NULL, 0, NULL);
    bt_dispose(&b);
    CHECK(rc == 0);
    char *got = tb_scan(dir, NULL);
    CHECK(strncmp(got, "ERROR: ", 7) == 0);
    CHECK(strstr(got, "invalid data file name '../../../etc/passwd'") != NULL);
    if (strstr(got, "manifest-") == NULL)
        fprintf(stderr, "%s\n", got);
    CHECK(strstr(got, "manifest-") != NULL);
    free(got);
}
