/* Merge engines end to end: tables with overlapping sorted runs, read through the public API. */
#include "pk_table_builder.h"

#define ROW(k, kind, seq, v, n) {k, kind, seq, v, n, false}
#define ROWN(k, kind, seq, v) {k, kind, seq, v, 0, true}

enum { I = 0, UB = 1, UA = 2, D = 3 };

static char *build_and_scan(const char *options, const tb_file *files, size_t n,
                            const char *filter) {
    const char *dir = pm_test_tmpdir();
    if (tb_create(dir, options, files, n) != 0)
        return strdup("ERROR: could not build the table");
    return tb_scan(dir, filter);
}

#define CHECK_SCAN CHECK_ROWS

/* Three overlapping level-0 runs and a level-5 file. */
static const tb_row run_a[] = {ROW(1, I, 1, "a1", 10), ROW(2, I, 2, "b1", 20),
                               ROW(3, I, 3, "c1", 30), ROW(5, I, 4, "e1", 50)};
static const tb_row run_b[] = {ROW(1, UA, 5, "a2", 11), ROW(2, D, 6, "b2", 21),
                               ROW(4, I, 7, "d1", 40)};
static const tb_row run_c[] = {ROWN(1, UA, 8, NULL), ROW(3, UB, 9, "c1", 30), ROW(6, D, 10, NULL, 0)};
static const tb_row base[] = {ROW(0, I, 0, "z0", 0), ROW(7, I, 0, "h0", 70)};

static const tb_file runs[] = {{run_a, 4, 0}, {run_b, 3, 0}, {run_c, 3, 0}, {base, 2, 5}};

TEST(deduplicate_keeps_the_newest_record_and_drops_retractions) {
    /* Key 1: the newest record (+U with v and n null) wins whole; keys 2, 3 and 6 end with a
     * retraction and disappear. */
    CHECK_SCAN(build_and_scan("", runs, 4, NULL),
               "[0,\"z0\",0]\n[1,null,null]\n[4,\"d1\",40]\n[5,\"e1\",50]\n[7,\"h0\",70]");
}

TEST(deduplicate_with_ignore_delete_skips_retractions) {
    CHECK_SCAN(build_and_scan("\"ignore-delete\" : \"true\"", runs, 4, NULL),
               "[0,\"z0\",0]\n[1,null,null]\n[2,\"b1\",20]\n[3,\"c1\",30]\n[4,\"d1\",40]\n"
               "[5,\"e1\",50]\n[7,\"h0\",70]");
}

TEST(deduplicate_filter_applies_after_the_merge) {
    /* Key 2's old version (n = 20) must not survive because the filter matches it. */
    CHECK_SCAN(build_and_scan("", runs, 4, "n >= 20"), "[4,\"d1\",40]\n[5,\"e1\",50]\n[7,\"h0\",70]");
}

static const tb_row pu_a[] = {ROW(1, I, 1, "a", 0), ROWN(2, I, 2, "b"), ROW(3, I, 3, "c", 3)};
static const tb_row pu_b[] = {ROWN(1, I, 4, NULL), ROW(2, UA, 5, NULL, 7), ROW(3, D, 6, NULL, 0)};
static const tb_row pu_c[] = {ROW(1, I, 7, NULL, 9), ROW(3, I, 8, NULL, 8)};
static const tb_file pu_runs[] = {{pu_a, 3, 0}, {pu_b, 3, 0}, {pu_c, 2, 0}};

TEST(partial_update_merges_non_null_fields) {
    /* With ignore-delete, the -D of key 3 is skipped. */
    CHECK_SCAN(build_and_scan("\"merge-engine\" : \"partial-update\", \"ignore-delete\" : \"true\"",
                              pu_runs, 3, NULL),
               "[1,\"a\",9]\n[2,\"b\",7]\n[3,\"c\",8]");
}

TEST(partial_update_remove_record_on_delete_removes_the_row) {
    /* Key 3: the -D removes the row and leaves its own values (v null, n 0) as the state; the
     * later insert brings the row back with n = 8. */
    CHECK_SCAN(build_and_scan("\"merge-engine\" : \"partial-update\", "
                              "\"partial-update.remove-record-on-delete\" : \"true\"",
                              pu_runs, 3, NULL),
               "[1,\"a\",9]\n[2,\"b\",7]\n[3,null,8]");
}

TEST(partial_update_refuses_deletes_by_default) {
    char *got = build_and_scan("\"merge-engine\" : \"partial-update\"", pu_runs, 3, NULL);
    CHECK(strncmp(got, "ERROR: ", 7) == 0);
    CHECK(strstr(got, "delete") != NULL);
    free(got);
}

static const tb_row agg_a[] = {ROW(1, I, 1, "x", 5), ROW(2, I, 2, "y", 1)};
static const tb_row agg_b[] = {ROW(1, I, 3, NULL, 7), ROW(2, UB, 4, "y", 1), ROW(3, I, 5, "z", 4)};
static const tb_row agg_c[] = {ROWN(1, UA, 6, "w"), ROW(2, UA, 7, "y2", 10), ROW(3, D, 8, NULL, 4)};
static const tb_file agg_runs[] = {{agg_a, 2, 0}, {agg_b, 3, 0}, {agg_c, 3, 0}};

TEST(aggregation_sums_and_retracts) {
    /* n: sum with retractions; v: the default last_non_null_value, which a retraction clears
     * only when its value is not null (Java). Key 3: 4 - 4 = 0, v kept. */
    CHECK_SCAN(build_and_scan("\"merge-engine\" : \"aggregation\", "
                              "\"fields.n.aggregate-function\" : \"sum\"",
                              agg_runs, 3, NULL),
               "[1,\"w\",12]\n[2,\"y2\",10]\n[3,\"z\",0]");
}

TEST(aggregation_ignore_retract_per_field) {
    CHECK_SCAN(build_and_scan("\"merge-engine\" : \"aggregation\", "
                              "\"fields.n.aggregate-function\" : \"sum\", "
                              "\"fields.n.ignore-retract\" : \"true\"",
                              agg_runs, 3, NULL),
               "[1,\"w\",12]\n[2,\"y2\",11]\n[3,\"z\",4]");
}

TEST(aggregation_default_function_and_max) {
    /* max cannot retract: the -U/-D records are ignored per column. */
    CHECK_SCAN(build_and_scan("\"merge-engine\" : \"aggregation\", "
                              "\"fields.default-aggregate-function\" : \"max\", "
                              "\"fields.v.ignore-retract\" : \"true\", "
                              "\"fields.n.ignore-retract\" : \"true\"",
                              agg_runs, 3, NULL),
               "[1,\"x\",7]\n[2,\"y2\",10]\n[3,\"z\",4]");
}

TEST(aggregation_merges_retractions_despite_ignore_delete) {
    /* Java's AggregateMergeFunction does not look at ignore-delete (writers drop retractions;
     * the ones found in files are merged): max cannot retract them. */
    char *got = build_and_scan("\"merge-engine\" : \"aggregation\", "
                               "\"fields.default-aggregate-function\" : \"max\", "
                               "\"ignore-delete\" : \"true\"",
                               agg_runs, 3, NULL);
    CHECK(strncmp(got, "ERROR: ", 7) == 0);
    CHECK(strstr(got, "'max'") != NULL);
    CHECK(strstr(got, "ignore-retract") != NULL);
    free(got);
}

TEST(aggregation_unknown_function_is_refused_by_name) {
    char *got = build_and_scan("\"merge-engine\" : \"aggregation\", "
                               "\"fields.n.aggregate-function\" : \"median\"",
                               agg_runs, 3, NULL);
    CHECK(strstr(got, "median") != NULL);
    free(got);
}

TEST(first_row_batch_reads_skip_level_0) {
    /* Only the level-5 file is visible until compaction moves data out of level 0. */
    CHECK_SCAN(build_and_scan("\"merge-engine\" : \"first-row\"", runs, 4, NULL),
               "[0,\"z0\",0]\n[7,\"h0\",70]");
}

static const tb_row seq_a[] = {ROW(1, I, 1, "late", 9), ROW(2, I, 2, "b", 1)};
static const tb_row seq_b[] = {ROW(1, I, 3, "early", 2), ROWN(2, I, 4, "b2")};
static const tb_file seq_runs[] = {{seq_a, 2, 0}, {seq_b, 2, 0}};

TEST(sequence_field_orders_before_the_sequence_number) {
    /* Key 1: n is the sequence field, so the record with n = 9 wins although it was written
     * first. Key 2: a null sequence value is the oldest. */
    CHECK_SCAN(build_and_scan("\"sequence.field\" : \"n\"", seq_runs, 2, NULL),
               "[1,\"late\",9]\n[2,\"b\",1]");
}

TEST(many_keys_across_sections_and_batches) {
    /* Four runs over 0..399 with every key updated in a later run; the latest value wins. */
    static tb_row rows[4][100];
    static tb_file files[4];
    for (int r = 0; r < 4; r++) {
        for (int i = 0; i < 100; i++) {
            int64_t key = i * 4 + r;
            rows[r][i] = (tb_row){key, I, (int64_t)(r * 1000 + i), "old", (int32_t)key, false};
        }
        files[r] = (tb_file){rows[r], 100, 0};
    }
    /* A fifth run updates every tenth key, and a sixth run in a separate key range. */
    static tb_row upd[40], far[3];
    for (int i = 0; i < 40; i++)
        upd[i] = (tb_row){i * 10, UA, 9000 + i, "new", -i * 10, false};
    for (int i = 0; i < 3; i++)
        far[i] = (tb_row){1000 + i, I, 10, "far", 0, false};
    tb_file all[6] = {files[0], files[1], files[2], files[3], {upd, 40, 0}, {far, 3, 3}};
    const char *dir = pm_test_tmpdir();
    CHECK(tb_create(dir, "", all, 6) == 0);
    char *got = tb_scan(dir, "v = 'new' OR key >= 1000");
    int lines = 1;
    for (char *p = got; *p; p++)
        lines += *p == '\n';
    CHECK_EQ_INT(lines, 43);
    CHECK(strstr(got, "[390,\"new\",-390]") != NULL);
    CHECK(strstr(got, "[1002,\"far\",0]") != NULL);
    free(got);
    got = tb_scan(dir, NULL);
    lines = 1;
    for (char *p = got; *p; p++)
        lines += *p == '\n';
    CHECK_EQ_INT(lines, 403);
    CHECK(strstr(got, "[11,\"old\",11]") != NULL);
    CHECK(strstr(got, "[10,\"old\"") == NULL);
    free(got);
}

static const tb_row cl_data[] = {ROW(1, I, 1, "a", 1), ROW(2, I, 2, "b", 2)};
static const tb_row cl_log[] = {ROW(1, UB, 1, "a0", 0), ROW(1, UA, 1, "a", 1),
                                ROW(2, I, 2, "b", 2)};
static const tb_file cl_files[] = {{cl_data, 2, 0}};
static const tb_file cl_changelog[] = {{cl_log, 3, 0}};

TEST(changes_come_from_changelog_files_with_a_changelog_producer) {
    const char *dir = pm_test_tmpdir();
    CHECK(tb_create_with_changelog(dir, "\"changelog-producer\" : \"input\"", cl_files, 1,
                                   cl_changelog, 1) == 0);
    CHECK_SCAN(tb_changes(dir), "[\"+I\",2,\"b\",2]\n[\"+U\",1,\"a\",1]\n[\"-U\",1,\"a0\",0]");
}

TEST(changes_come_from_data_files_without_a_changelog_producer) {
    const char *dir = pm_test_tmpdir();
    CHECK(tb_create_with_changelog(dir, "", cl_files, 1, cl_changelog, 1) == 0);
    CHECK_SCAN(tb_changes(dir), "[\"+I\",1,\"a\",1]\n[\"+I\",2,\"b\",2]");
}
