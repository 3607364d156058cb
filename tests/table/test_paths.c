/* Locations of files named by metadata: plain names only, external paths as local paths. */
#include "test.h"
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
