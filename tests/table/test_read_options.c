/* Table options that decide what a read returns (docs/read-options.md): where a batch scan
 * starts, which files it takes, what it refuses, and how change streams treat snapshots. */
#include "table_builder.h"

#include <time.h>

static const tb_column columns[] = {{"id", "INT"}, {"v", "STRING"}};

static const tb_xrow row_a[] = {BT_ROW(0, "1,a")};
static const tb_xrow row_b[] = {BT_ROW(1, "2,b")};
static const tb_xrow rows_ab[] = {BT_ROW(0, "1,a"), BT_ROW(1, "2,b")};
static const tb_xrow row_c[] = {BT_ROW(2, "3,c")};

/* An append table with buckets 0 and 1 and four snapshots:
 *   1 APPEND  t=1000 watermark 10, bucket 0: a (file created at 1000)
 *   2 APPEND  t=2000 watermark 20, bucket 1: b (2000)
 *   3 COMPACT t=3000, no watermark: a and b rewritten into one level-1 file of bucket 0 (3000)
 *   4 APPEND  t=4000 watermark 40, bucket 1: c (4000)
 * with tag t2 on snapshot 2. The snapshots use schema 0; schema 1 (the latest) has `options`. */
static const char *build(const char *options) {
    /* Local-time options (scan.timestamp, file creation times) are read in UTC here. */
    setenv("TZ", "UTC", 1);
    tzset();
    const char *dir = pm_test_tmpdir();
    bt_table b;
    int rc = bt_init(&b, dir, columns, 2, NULL, false);
    rc = rc ? rc : bt_schema(&b, NULL, 0, "\"bucket\" : \"2\", \"bucket-key\" : \"id\"");
    bt_file f1[] = {{NULL, 0, 0, row_a, 1, 1000, 0}};
    bt_file f2[] = {{NULL, 1, 0, row_b, 1, 2000, 0}};
    bt_file f3[] = {{NULL, 0, 1, rows_ab, 2, 3000, 1}};
    bt_file f4[] = {{NULL, 1, 0, row_c, 1, 4000, 0}};
    rc = rc ? rc : bt_commit(&b, NULL, "APPEND", 1000, f1, 1, "  \"watermark\" : 10,\n");
    rc = rc ? rc : bt_commit(&b, NULL, "APPEND", 2000, f2, 1, "  \"watermark\" : 20,\n");
    rc = rc ? rc : bt_commit(&b, NULL, "COMPACT", 3000, f3, 1, NULL);
    rc = rc ? rc : bt_commit(&b, NULL, "APPEND", 4000, f4, 1, "  \"watermark\" : 40,\n");
    rc = rc ? rc : bt_tag(&b, NULL, "t2", 2);
    char all[1024];
    snprintf(all, sizeof all, "\"bucket\" : \"2\", \"bucket-key\" : \"id\"%s%s",
             options[0] ? ", " : "", options);
    rc = rc ? rc : bt_schema(&b, NULL, 1, all);
    bt_dispose(&b);
    return rc == 0 ? dir : NULL;
}

static char *scan_with(const char *options, const paimon_scan_options *o) {
    const char *dir = build(options);
    if (dir == NULL)
        return strdup("ERROR: could not build the table");
    paimon_scan_options defaults = PAIMON_SCAN_OPTIONS_INIT;
    return tb_read_with(dir, NULL, o != NULL ? o : &defaults, NULL);
}

static char *scan(const char *options) {
    return scan_with(options, NULL);
}

#define ABC "[1,\"a\"]\n[2,\"b\"]\n[3,\"c\"]"
#define AB "[1,\"a\"]\n[2,\"b\"]"
#define A "[1,\"a\"]"

TEST(without_scan_options_the_latest_snapshot_is_read) {
    CHECK_ROWS(scan(""), ABC);
    CHECK_ROWS(scan("\"scan.mode\" : \"latest\""), ABC);
    CHECK_ROWS(scan("\"scan.mode\" : \"FULL\""), ABC);
    CHECK_ROWS(scan("\"scan.mode\" : \"latest-full\""), ABC);
}

TEST(scan_snapshot_id_of_the_latest_schema_travels_in_time) {
    CHECK_ROWS(scan("\"scan.snapshot-id\" : \"1\""), A);
    CHECK_ROWS(scan("\"scan.snapshot-id\" : \"2\""), AB);
    CHECK_ROWS(scan("\"scan.mode\" : \"from-snapshot-full\", \"scan.snapshot-id\" : \"1\""), A);
    CHECK_READ_FAILS(scan("\"scan.snapshot-id\" : \"9\""), "snapshot-9");
    CHECK_READ_FAILS(scan("\"scan.snapshot-id\" : \"two\""), "'scan.snapshot-id'");
}

TEST(per_query_time_travel_wins_over_the_table_options) {
    paimon_scan_options o = PAIMON_SCAN_OPTIONS_INIT;
    o.snapshot_id = 2;
    CHECK_ROWS(scan_with("\"scan.snapshot-id\" : \"1\"", &o), AB);
    o.snapshot_id = 0;
    o.tag = "t2";
    CHECK_ROWS(scan_with("\"scan.mode\" : \"latest-delta\"", &o), AB);
}

TEST(scan_tag_name_and_scan_version_pick_a_tag_or_snapshot) {
    CHECK_ROWS(scan("\"scan.tag-name\" : \"t2\""), AB);
    CHECK_READ_FAILS(scan("\"scan.tag-name\" : \"nope\""), "tag-nope");
    CHECK_ROWS(scan("\"scan.version\" : \"t2\""), AB);
    CHECK_ROWS(scan("\"scan.version\" : \"1\""), A);
    CHECK_ROWS(scan("\"scan.version\" : \"watermark-15\""), AB);
    CHECK_READ_FAILS(scan("\"scan.version\" : \"nope\""), "'scan.version' = 'nope'");
}

TEST(scan_timestamp_options_pick_the_snapshot_at_or_before) {
    CHECK_ROWS(scan("\"scan.timestamp-millis\" : \"1500\""), A);
    CHECK_ROWS(scan("\"log.scan.timestamp-millis\" : \"2000\""), AB);
    CHECK_ROWS(scan("\"scan.timestamp\" : \"1970-01-01 00:00:02.5\""), AB);
    CHECK_ROWS(scan("\"scan.mode\" : \"from-timestamp\", \"scan.timestamp-millis\" : \"4000\""),
               ABC);
    CHECK_READ_FAILS(scan("\"scan.timestamp-millis\" : \"999\""), "at or before 999 ms");
    CHECK_READ_FAILS(scan("\"scan.mode\" : \"from-timestamp\""), "'scan.timestamp-millis'");
}

TEST(scan_watermark_picks_the_first_snapshot_with_a_watermark_at_or_after) {
    CHECK_ROWS(scan("\"scan.watermark\" : \"15\""), AB);
    CHECK_ROWS(scan("\"scan.watermark\" : \"5\""), A);
    /* Snapshot 3 has no watermark: 40 belongs to snapshot 4. */
    CHECK_ROWS(scan("\"scan.watermark\" : \"30\""), ABC);
    CHECK_READ_FAILS(scan("\"scan.watermark\" : \"41\""), "no snapshot has a watermark");
}

TEST(compacted_full_reads_the_latest_compaction) {
    CHECK_ROWS(scan("\"scan.mode\" : \"compacted-full\""), AB);
    CHECK_ROWS(scan("\"log.scan\" : \"compacted-full\""), AB);
    /* A full compaction every 2 commits: identifier 3 is not one, so the latest snapshot. */
    CHECK_ROWS(scan("\"scan.mode\" : \"compacted-full\", \"full-compaction.delta-commits\" : \"2\""),
               ABC);
    CHECK_ROWS(scan("\"scan.mode\" : \"compacted-full\", \"changelog-producer\" : "
                    "\"full-compaction\", \"full-compaction.delta-commits\" : \"3\""),
               AB);
}

TEST(file_creation_time_filters_the_files_of_the_latest_snapshot) {
    CHECK_ROWS(scan("\"scan.file-creation-time-millis\" : \"3500\""), "[3,\"c\"]");
    CHECK_ROWS(scan("\"scan.mode\" : \"from-file-creation-time\", "
                    "\"scan.file-creation-time-millis\" : \"3000\""),
               ABC);
    CHECK_READ_FAILS(scan("\"scan.mode\" : \"from-file-creation-time\""),
                     "'scan.file-creation-time-millis'");
}

TEST(creation_timestamp_reads_the_first_snapshot_at_or_after_it) {
    /* Snapshot 3 (t=3000) is the first at or after 2500: read whole. */
    CHECK_ROWS(scan("\"scan.creation-time-millis\" : \"2500\""), AB);
    /* Before every snapshot, or after the last one: the latest snapshot's files created since. */
    CHECK_ROWS(scan("\"scan.creation-time-millis\" : \"500\""), ABC);
    CHECK_ROWS(scan("\"scan.creation-time-millis\" : \"4500\""), "");
    CHECK_READ_FAILS(scan("\"scan.creation-time-millis\" : \"2500\", "
                          "\"changelog.num-retained.max\" : \"100\""),
                     "from-creation-timestamp");
}

TEST(modes_that_return_changes_are_refused_by_scans) {
    CHECK_READ_FAILS(scan("\"scan.mode\" : \"latest-delta\""), "'scan.mode' = 'latest-delta'");
    CHECK_READ_FAILS(scan("\"incremental-between\" : \"1,2\""), "'incremental-between'");
    CHECK_READ_FAILS(scan("\"incremental-between-timestamp\" : \"1000,2000\""),
                     "'incremental-between-timestamp'");
    CHECK_READ_FAILS(scan("\"scan.mode\" : \"incremental\", \"incremental-to-auto-tag\" : \"x\""),
                     "'incremental-to-auto-tag'");
    CHECK_READ_FAILS(scan("\"scan.mode\" : \"sideways\""), "unknown scan mode 'sideways'");
    /* The scan mode of incremental reads alone changes nothing. */
    CHECK_ROWS(scan("\"incremental-between-scan-mode\" : \"delta\""), ABC);
}

TEST(scan_bucket_reads_one_bucket) {
    CHECK_ROWS(scan("\"scan.bucket\" : \"1\""), "[3,\"c\"]");
    CHECK_ROWS(scan("\"scan.bucket\" : \"0\""), AB);
}

TEST(tables_that_are_not_paimon_tables_are_refused) {
    CHECK_READ_FAILS(scan("\"type\" : \"format-table\""), "'type' = 'format-table'");
    CHECK_READ_FAILS(scan("\"type\" : \"object-table\""), "'type' = 'object-table'");
    CHECK_READ_FAILS(scan("\"type\" : \"spreadsheet\""), "unknown table type");
    CHECK_ROWS(scan("\"type\" : \"materialized-table\""), ABC);
    CHECK_ROWS(scan("\"type\" : \"TABLE\""), ABC);
}

TEST(internal_scan_modes_and_a_foreign_branch_option_are_refused) {
    CHECK_READ_FAILS(scan("\"stream-scan-mode\" : \"file-monitor\""), "'stream-scan-mode'");
    CHECK_READ_FAILS(scan("\"batch-scan-mode\" : \"compact\""), "'batch-scan-mode'");
    CHECK_ROWS(scan("\"stream-scan-mode\" : \"none\""), ABC);
    CHECK_READ_FAILS(scan("\"branch\" : \"rt\""), "'branch' = 'rt'");
    CHECK_READ_FAILS(scan("\"query-auth.enabled\" : \"true\""), "'query-auth.enabled'");
    CHECK_READ_FAILS(scan("\"blob-descriptor-field\" : \"v\""), "'blob-descriptor-field'");
    CHECK_READ_FAILS(scan("\"blob-view-field\" : \"v\""), "'blob-view-field'");
    CHECK_ROWS(scan("\"query-auth.enabled\" : \"false\""), ABC);
    CHECK_ROWS(scan("\"branch\" : \"main\""), ABC);
}

/* ---- primary-key tables ---- */

static const tb_column pk_columns[] = {{"id", "INT NOT NULL"}, {"v", "STRING"}};

TEST(postpone_bucket_files_wait_for_compaction) {
    const char *dir = pm_test_tmpdir();
    bt_table b;
    CHECK(bt_init(&b, dir, pk_columns, 2, NULL, true) == 0);
    static const tb_xrow real[] = {{0, 0, "1,a"}};
    static const tb_xrow postponed[] = {{0, 1, "1,new"}, {0, 2, "2,b"}};
    bt_file files[] = {{NULL, 0, 5, real, 1, 0, 1}, {NULL, -2, 0, postponed, 2, 0, 0}};
    int rc = bt_schema(&b, NULL, 0, "\"bucket\" : \"-2\"");
    rc = rc ? rc : bt_commit(&b, NULL, "APPEND", 1000, files, 2, NULL);
    CHECK(rc == 0);
    paimon_scan_options o = PAIMON_SCAN_OPTIONS_INIT;
    CHECK_ROWS(tb_read_with(dir, NULL, &o, NULL), "[1,\"a\"]");
    paimon_error err = {0};
    paimon_table *t;
    paimon_plan *plan;
    CHECK_OK(paimon_table_open(&t, dir, &err), &err);
    o.all_files = true; /* what `paimon files` lists: every live file */
    CHECK_OK(paimon_table_plan(t, &o, &plan, &err), &err);
    CHECK_EQ_INT(paimon_plan_split_count(plan), 2);
    paimon_plan_free(plan);
    paimon_table_free(t);
    rc = bt_schema(&b, NULL, 1, "\"bucket\" : \"-2\", \"postpone.merge-on-read\" : \"true\"");
    bt_dispose(&b);
    CHECK(rc == 0);
    o.all_files = false;
    CHECK_READ_FAILS(tb_read_with(dir, NULL, &o, NULL), "'postpone.merge-on-read'");
}

TEST(snapshot_sequence_ordering_merges_appended_files_by_commit) {
    /* File 1 (committed first) holds key 1 with the larger record sequence number; with
     * sequence.snapshot-ordering the file's minimum sequence number (its commit) decides. */
    static const tb_xrow first[] = {{0, 9, "1,first"}, {0, 1, "2,x"}};
    static const tb_xrow second[] = {{0, 3, "1,second"}};
    bt_file files[] = {{NULL, 0, 0, first, 2, 0, 0}, {NULL, 0, 0, second, 1, 0, 0}};
    const char *dir = pm_test_tmpdir();
    bt_table b;
    CHECK(bt_init(&b, dir, pk_columns, 2, NULL, true) == 0);
    int rc = bt_schema(&b, NULL, 0, "\"bucket\" : \"1\"");
    rc = rc ? rc : bt_commit(&b, NULL, "APPEND", 1000, files, 2, NULL);
    paimon_scan_options o = PAIMON_SCAN_OPTIONS_INIT;
    CHECK(rc == 0);
    CHECK_ROWS(tb_read_with(dir, NULL, &o, NULL), "[1,\"first\"]\n[2,\"x\"]");
    rc = bt_schema(&b, NULL, 1, "\"bucket\" : \"1\", \"sequence.snapshot-ordering\" : \"true\"");
    CHECK(rc == 0);
    CHECK_ROWS(tb_read_with(dir, NULL, &o, NULL), "[1,\"second\"]\n[2,\"x\"]");
    /* Files that do not record their source cannot be ordered so. */
    bt_file legacy[] = {{NULL, 0, 0, second, 1, 0, -1}};
    rc = bt_commit(&b, NULL, "APPEND", 2000, legacy, 1, NULL);
    bt_dispose(&b);
    CHECK(rc == 0);
    CHECK_READ_FAILS(tb_read_with(dir, NULL, &o, NULL), "'sequence.snapshot-ordering'");
}

/* Java's time travel reads the snapshot's columns under the table's latest options: an
 * ignore-delete set after the delete was committed hides it in old snapshots too, and a split
 * of such a read carries both schema ids. */
TEST(time_travel_reads_old_snapshots_with_the_latest_options) {
    static const tb_xrow inserts[] = {{0, 0, "1,a"}, {0, 1, "2,b"}};
    static const tb_xrow deletes[] = {{3, 2, "1,a"}};
    bt_file f1[] = {{NULL, 0, 0, inserts, 2, 0, 0}};
    bt_file f2[] = {{NULL, 0, 0, deletes, 1, 0, 0}};
    const char *dir = pm_test_tmpdir();
    bt_table b;
    CHECK(bt_init(&b, dir, pk_columns, 2, NULL, true) == 0);
    int rc = bt_schema(&b, NULL, 0, "\"bucket\" : \"1\"");
    rc = rc ? rc : bt_commit(&b, NULL, "APPEND", 1000, f1, 1, NULL);
    rc = rc ? rc : bt_commit(&b, NULL, "APPEND", 2000, f2, 1, NULL);
    CHECK(rc == 0);
    paimon_scan_options o = PAIMON_SCAN_OPTIONS_INIT;
    CHECK_ROWS(tb_read_with(dir, NULL, &o, NULL), "[2,\"b\"]");
    rc = bt_schema(&b, NULL, 1, "\"bucket\" : \"1\", \"ignore-delete\" : \"true\"");
    bt_dispose(&b);
    CHECK(rc == 0);
    CHECK_ROWS(tb_read_with(dir, NULL, &o, NULL), "[1,\"a\"]\n[2,\"b\"]");
    o.snapshot_id = 2; /* the latest snapshot, by time travel: the same rows */
    CHECK_ROWS(tb_read_with(dir, NULL, &o, NULL), "[1,\"a\"]\n[2,\"b\"]");

    paimon_error err = {0};
    paimon_table *t;
    paimon_plan *plan, *one;
    CHECK_OK(paimon_table_open(&t, dir, &err), &err);
    CHECK_OK(paimon_table_plan(t, &o, &plan, &err), &err);
    CHECK_EQ_INT(paimon_plan_schema_id(plan), 0);
    CHECK_EQ_INT(paimon_plan_split_count(plan), 1);
    char *json;
    size_t len;
    CHECK_OK(paimon_plan_split_serialize(plan, 0, &json, &len, &err), &err);
    CHECK(strstr(json, "\"version\":3") != NULL);
    CHECK(strstr(json, "\"schemaId\":0,\"optionsSchemaId\":1") != NULL);
    CHECK_OK(paimon_plan_split_deserialize(t, json, len, &one, &err), &err);
    paimon_free(json);
    struct ArrowArrayStream s;
    CHECK_OK(paimon_plan_read(t, one, &s, &err), &err);
    int64_t rows = 0;
    for (;;) {
        struct ArrowArray a;
        CHECK_EQ_INT(s.get_next(&s, &a), 0);
        if (a.release == NULL)
            break;
        rows += a.length;
        a.release(&a);
    }
    CHECK_EQ_INT(rows, 2); /* the delete is ignored in the worker too */
    s.release(&s);
    paimon_plan_free(one);
    paimon_plan_free(plan);
    paimon_table_free(t);
}

/* ---- change streams ---- */

static char *changes_of(const char *dir) {
    paimon_changes_options co = PAIMON_CHANGES_OPTIONS_INIT;
    return tb_read_with(dir, NULL, NULL, &co);
}

TEST(changes_read_overwrites_of_append_tables_when_asked) {
    const char *dir = pm_test_tmpdir();
    bt_table b;
    CHECK(bt_init(&b, dir, columns, 2, NULL, false) == 0);
    bt_file f1[] = {{NULL, 0, 0, row_a, 1, 0, 0}};
    bt_file f2[] = {{NULL, 0, 0, row_b, 1, 0, 0}};
    int rc = bt_schema(&b, NULL, 0, "");
    rc = rc ? rc : bt_commit(&b, NULL, "APPEND", 1000, f1, 1, NULL);
    rc = rc ? rc : bt_commit(&b, NULL, "OVERWRITE", 2000, f2, 1, NULL);
    CHECK(rc == 0);
    CHECK_ROWS(changes_of(dir), "[\"+I\",1,\"a\"]");
    rc = bt_schema(&b, NULL, 1, "\"streaming-read-append-overwrite\" : \"true\"");
    bt_dispose(&b);
    CHECK(rc == 0);
    CHECK_ROWS(changes_of(dir), "[\"+I\",1,\"a\"]\n[\"+I\",2,\"b\"]");
}

TEST(changes_refuse_overwrites_of_primary_key_tables_when_asked_to_read_them) {
    const char *dir = pm_test_tmpdir();
    bt_table b;
    CHECK(bt_init(&b, dir, pk_columns, 2, NULL, true) == 0);
    static const tb_xrow a[] = {{0, 0, "1,a"}};
    static const tb_xrow c[] = {{0, 1, "1,c"}};
    bt_file f1[] = {{NULL, 0, 0, a, 1, 0, 0}};
    bt_file f2[] = {{NULL, 0, 0, c, 1, 0, 0}};
    int rc = bt_schema(&b, NULL, 0, "\"streaming-read-overwrite\" : \"true\"");
    rc = rc ? rc : bt_commit(&b, NULL, "APPEND", 1000, f1, 1, NULL);
    CHECK(rc == 0);
    CHECK_ROWS(changes_of(dir), "[\"+I\",1,\"a\"]");
    rc = bt_commit(&b, NULL, "OVERWRITE", 2000, f2, 1, NULL);
    bt_dispose(&b);
    CHECK(rc == 0);
    CHECK_READ_FAILS(changes_of(dir), "'streaming-read-overwrite'");
    paimon_changes_options co = PAIMON_CHANGES_OPTIONS_INIT;
    co.to_snapshot = 1;
    CHECK_ROWS(tb_read_with(dir, NULL, NULL, &co), "[\"+I\",1,\"a\"]");
}

TEST(changes_end_before_a_watermark_past_scan_bounded_watermark) {
    CHECK_ROWS(changes_of(build("\"scan.bounded.watermark\" : \"15\"")), "[\"+I\",1,\"a\"]");
    /* Watermark 20 is not past 20; the COMPACT snapshot 3 has none; 40 ends the stream. */
    CHECK_ROWS(changes_of(build("\"scan.bounded.watermark\" : \"20\"")),
               "[\"+I\",1,\"a\"]\n[\"+I\",2,\"b\"]");
    /* Start options are for batch scans and streaming jobs; changes state their range. */
    CHECK_ROWS(changes_of(build("\"scan.snapshot-id\" : \"3\"")),
               "[\"+I\",1,\"a\"]\n[\"+I\",2,\"b\"]\n[\"+I\",3,\"c\"]");
}
