/* Branches end to end: reading a branch, and batch scans with scan.fallback-branch and
 * scan.primary-branch (FallbackReadFileStoreTable), on tables written by table_builder.h. */
#include "branch_fixture.h"

static const char *fallback_rt = BF_FALLBACK_RT;
static const char *rt_options = BF_RT_OPTIONS;

static const char *fallback_dir(void) {
    const char *dir = pm_test_tmpdir();
    return bf_build(dir, fallback_rt, rt_options) == 0 ? dir : NULL;
}

/* Opens the table at `dir` (main branch) and plans a scan; the caller frees both. */
static int open_and_plan(const char *dir, const paimon_scan_options *o, paimon_table **t,
                         paimon_plan **plan, paimon_error *err) {
    int rc = paimon_table_open(t, dir, err);
    if (rc == PAIMON_OK && (rc = paimon_table_plan(*t, o, plan, err)) != PAIMON_OK)
        paimon_table_free(*t);
    return rc;
}

static char *scan(const char *dir, const char *branch, const paimon_scan_options *o) {
    paimon_scan_options defaults = PAIMON_SCAN_OPTIONS_INIT;
    return tb_read_with(dir, branch, o != NULL ? o : &defaults, NULL);
}

TEST(a_branch_is_read_from_its_own_snapshots_with_its_own_options) {
    const char *dir = fallback_dir();
    CHECK(dir != NULL);
    /* rt merges key 5 (p, then q) as the primary-key table it is. */
    CHECK_ROWS(scan(dir, "rt", NULL), "[1,\"1\",\"x\"]\n[5,\"2\",\"q\"]\n[6,\"2\",\"r\"]");
    paimon_scan_options o = PAIMON_SCAN_OPTIONS_INIT;
    o.snapshot_id = 1;
    CHECK_ROWS(scan(dir, "rt", &o), "[1,\"1\",\"x\"]\n[5,\"2\",\"p\"]");
    CHECK_ROWS(scan(dir, "main", &o), "[1,\"1\",\"a\"]\n[5,\"2\",\"p\"]");
}

TEST(a_branch_has_its_own_snapshots_tags_and_schemas) {
    const char *dir = fallback_dir();
    CHECK(dir != NULL);
    paimon_error err = {0};
    paimon_open_options oo = PAIMON_OPEN_OPTIONS_INIT;
    oo.branch = "rt";
    paimon_table *t;
    CHECK_OK(paimon_table_open_with(&t, dir, &oo, &err), &err);
    CHECK_EQ_STR(paimon_table_branch(t), "rt");
    CHECK_EQ_STR(paimon_table_path(t), dir);
    int64_t *ids;
    size_t n;
    CHECK_OK(paimon_table_snapshot_ids(t, &ids, &n, &err), &err);
    CHECK_EQ_INT(n, 2);
    paimon_free(ids);
    paimon_snapshot *s;
    CHECK_OK(paimon_table_snapshot(t, 0, &s, &err), &err);
    CHECK_EQ_INT(paimon_snapshot_time_millis(s), 400);
    paimon_snapshot_free(s);
    CHECK_OK(paimon_table_tag(t, "t1", &s, &err), &err);
    CHECK_EQ_INT(paimon_snapshot_id(s), 2);
    paimon_snapshot_free(s);
    CHECK_ERR(paimon_table_tag(t, "only-main", &s, &err), PAIMON_ENOTFOUND, &err);
    paimon_schema *schema;
    CHECK_OK(paimon_table_schema(t, -1, &schema, &err), &err);
    CHECK_EQ_STR(paimon_schema_field_type(schema, 0), "INT NOT NULL");
    CHECK_EQ_INT(paimon_schema_primary_key_count(schema), 2);
    CHECK(paimon_schema_option(schema, "scan.fallback-branch") == NULL);
    paimon_schema_free(schema);
    paimon_table_free(t);
    /* "main", "" and NULL all name the main branch. */
    oo.branch = "";
    CHECK_OK(paimon_table_open_with(&t, dir, &oo, &err), &err);
    CHECK_EQ_STR(paimon_table_branch(t), "main");
    paimon_table_free(t);
}

TEST(an_unknown_branch_is_not_found_and_the_message_lists_the_branches) {
    const char *dir = fallback_dir();
    CHECK(dir != NULL);
    paimon_error err = {0};
    paimon_open_options oo = PAIMON_OPEN_OPTIONS_INIT;
    oo.branch = "nope";
    paimon_table *t;
    CHECK_ERR(paimon_table_open_with(&t, dir, &oo, &err), PAIMON_ENOTFOUND, &err);
    CHECK(strstr(err.message, "no branch 'nope'") != NULL);
    CHECK(strstr(err.message, "branches: rt") != NULL);
    oo.branch = "../rt";
    CHECK_ERR(paimon_table_open_with(&t, dir, &oo, &err), PAIMON_EINVAL, &err);
    oo.version = 99;
    CHECK_ERR(paimon_table_open_with(&t, dir, &oo, &err), PAIMON_EINVAL, &err);
}

TEST(a_branch_folder_given_as_the_table_says_how_to_read_it) {
    const char *dir = fallback_dir();
    CHECK(dir != NULL);
    char path[4200];
    snprintf(path, sizeof path, "%s/branch/branch-rt/", dir);
    paimon_error err = {0};
    paimon_table *t;
    CHECK_ERR(paimon_table_open(&t, path, &err), PAIMON_EINVAL, &err);
    CHECK(strstr(err.message, "branch 'rt' of the table") != NULL);
    CHECK(strstr(err.message, dir) != NULL);
    CHECK(strstr(err.message, "--branch rt") != NULL);
}

TEST(fallback_reads_the_partitions_the_branch_lacks_from_the_other_branch) {
    const char *dir = fallback_dir();
    CHECK(dir != NULL);
    /* dt=1 and dt=3 are main's (rt's x in dt=1 is not read), dt=2 comes from rt, merged. */
    CHECK_ROWS(scan(dir, NULL, NULL), "[1,\"1\",\"a\"]\n[2,\"1\",\"b\"]\n[3,\"3\",\"c\"]\n"
                                      "[5,\"2\",\"q\"]\n[6,\"2\",\"r\"]");
}

TEST(fallback_applies_the_filter_and_projection_to_both_branches) {
    const char *dir = fallback_dir();
    CHECK(dir != NULL);
    paimon_scan_options o = PAIMON_SCAN_OPTIONS_INIT;
    o.filter = "dt = '2'";
    CHECK_ROWS(scan(dir, NULL, &o), "[5,\"2\",\"q\"]\n[6,\"2\",\"r\"]");
    /* A partition main has stays main's even where only rt's rows match (x > b). */
    o.filter = "v > 'b'";
    CHECK_ROWS(scan(dir, NULL, &o), "[3,\"3\",\"c\"]\n[5,\"2\",\"q\"]\n[6,\"2\",\"r\"]");
    const char *cols[] = {"v"};
    o.filter = NULL;
    o.columns = cols;
    o.column_count = 1;
    CHECK_ROWS(scan(dir, NULL, &o), "[\"a\"]\n[\"b\"]\n[\"c\"]\n[\"q\"]\n[\"r\"]");
    o.columns = NULL;
    o.column_count = 0;
    o.limit = 4;
    char *rows = scan(dir, NULL, &o);
    size_t lines = 1;
    for (const char *p = rows; *p; p++)
        lines += *p == '\n';
    CHECK(strncmp(rows, "ERROR", 5) != 0);
    free(rows);
    CHECK_EQ_INT(lines, 4);
}

TEST(fallback_time_travel_goes_through_the_snapshot_time) {
    const char *dir = fallback_dir();
    CHECK(dir != NULL);
    paimon_scan_options o = PAIMON_SCAN_OPTIONS_INIT;
    /* main 1 (t=100): rt has nothing that old, so its snapshot 1 is read. */
    o.snapshot_id = 1;
    CHECK_ROWS(scan(dir, NULL, &o), "[1,\"1\",\"a\"]\n[5,\"2\",\"p\"]");
    /* main 2 (t=300): rt's snapshot 1 (t=200). */
    o.snapshot_id = 2;
    CHECK_ROWS(scan(dir, NULL, &o),
               "[1,\"1\",\"a\"]\n[2,\"1\",\"b\"]\n[3,\"3\",\"c\"]\n[5,\"2\",\"p\"]");
    /* A timestamp is used as is on both branches. */
    o.snapshot_id = 0;
    o.has_timestamp = true;
    o.timestamp_millis = 250;
    CHECK_ROWS(scan(dir, NULL, &o), "[1,\"1\",\"a\"]\n[5,\"2\",\"p\"]");
    o.timestamp_millis = 150; /* rt has no snapshot that old: Java fails too */
    CHECK_READ_FAILS(scan(dir, NULL, &o), "(branch rt): no snapshot was committed");
    /* A tag name is looked up in each branch. */
    o.has_timestamp = false;
    o.tag = "t1";
    CHECK_ROWS(scan(dir, NULL, &o), "[1,\"1\",\"a\"]\n[5,\"2\",\"q\"]\n[6,\"2\",\"r\"]");
    o.tag = "only-main";
    CHECK_READ_FAILS(scan(dir, NULL, &o), "tag-only-main");
}

TEST(primary_branch_partitions_win_over_the_branch_read) {
    const char *dir = pm_test_tmpdir();
    CHECK(bf_build(dir, "\"scan.primary-branch\" : \"rt\"", rt_options) == 0);
    CHECK_ROWS(scan(dir, NULL, NULL),
               "[1,\"1\",\"x\"]\n[3,\"3\",\"c\"]\n[5,\"2\",\"q\"]\n[6,\"2\",\"r\"]");
    paimon_error err = {0};
    paimon_table *t;
    paimon_plan *plan;
    CHECK_OK(open_and_plan(dir, NULL, &t, &plan, &err), &err);
    /* The primary branch's splits come first. */
    CHECK_EQ_STR(paimon_split_branch(paimon_plan_split(plan, 0)), "rt");
    size_t n = paimon_plan_split_count(plan);
    CHECK_EQ_STR(paimon_split_branch(paimon_plan_split(plan, n - 1)), "main");
    CHECK(paimon_plan_split(plan, n) == NULL);
    paimon_plan_free(plan);
    paimon_table_free(t);
}

TEST(plans_of_two_branches_record_the_branch_and_snapshot_of_each_split) {
    const char *dir = fallback_dir();
    CHECK(dir != NULL);
    paimon_error err = {0};
    paimon_table *t;
    paimon_plan *plan;
    paimon_scan_options o = PAIMON_SCAN_OPTIONS_INIT;
    o.all_files = true;
    CHECK_OK(open_and_plan(dir, &o, &t, &plan, &err), &err);
    CHECK_EQ_INT(paimon_plan_snapshot_id(plan), 2);
    size_t main_files = 0, rt_files = 0;
    for (size_t i = 0; i < paimon_plan_split_count(plan); i++) {
        const paimon_split *s = paimon_plan_split(plan, i);
        bool rt = strcmp(paimon_split_branch(s), "rt") == 0;
        CHECK_EQ_INT(paimon_split_snapshot_id(s), 2);
        if (rt) {
            CHECK_EQ_STR(paimon_split_partition_json(s), "{\"dt\":\"2\"}");
            rt_files += paimon_split_file_count(s);
        } else {
            main_files += paimon_split_file_count(s);
        }
    }
    CHECK_EQ_INT(main_files, 3);
    CHECK_EQ_INT(rt_files, 2);
    paimon_plan_free(plan);
    paimon_table_free(t);
}

TEST(serialized_splits_of_a_fallback_read_carry_their_branch) {
    const char *dir = fallback_dir();
    CHECK(dir != NULL);
    paimon_error err = {0};
    paimon_table *planner, *reader;
    paimon_plan *plan;
    CHECK_OK(open_and_plan(dir, NULL, &planner, &plan, &err), &err);
    CHECK_OK(paimon_table_open(&reader, dir, &err), &err);
    char *all = calloc(1, 4096);
    size_t branch_docs = 0;
    for (size_t i = 0; i < paimon_plan_split_count(plan); i++) {
        char *json;
        size_t len;
        CHECK_OK(paimon_plan_split_serialize(plan, i, &json, &len, &err), &err);
        bool rt = strcmp(paimon_split_branch(paimon_plan_split(plan, i)), "rt") == 0;
        CHECK(rt == (strstr(json, "\"branch\":\"rt\"") != NULL));
        CHECK(strstr(json, rt ? "\"version\":2" : "\"version\":1") != NULL);
        branch_docs += rt;
        paimon_plan *one;
        CHECK_OK(paimon_plan_split_deserialize(reader, json, len, &one, &err), &err);
        paimon_free(json);
        CHECK_EQ_STR(paimon_split_branch(paimon_plan_split(one, 0)), rt ? "rt" : "main");
        struct ArrowArrayStream s;
        CHECK_OK(paimon_plan_read(reader, one, &s, &err), &err);
        paimon_plan_free(one);
        struct ArrowSchema schema;
        s.get_schema(&s, &schema);
        paimon_row_formatter *f;
        CHECK_OK(paimon_row_formatter_new(&schema, PAIMON_STYLE_JSON, &f, &err), &err);
        for (;;) {
            struct ArrowArray b;
            CHECK(s.get_next(&s, &b) == 0);
            if (b.release == NULL)
                break;
            for (int64_t r = 0; r < b.length; r++) {
                strcat(all, paimon_row_formatter_row_json(f, &b, r, NULL));
                strcat(all, ";");
            }
            b.release(&b);
        }
        paimon_row_formatter_free(f);
        schema.release(&schema);
        s.release(&s);
    }
    CHECK_EQ_INT(branch_docs, 1);
    /* Rows of each split in file order: main's dt=1 and dt=3, then rt's merged dt=2. */
    CHECK(strstr(all, "[1,\"1\",\"a\"];[2,\"1\",\"b\"];") != NULL);
    CHECK(strstr(all, "[3,\"3\",\"c\"];") != NULL);
    CHECK(strstr(all, "[5,\"2\",\"q\"];[6,\"2\",\"r\"];") != NULL);
    CHECK(strstr(all, "\"x\"") == NULL && strstr(all, "\"p\"") == NULL);
    free(all);
    paimon_plan_free(plan);
    paimon_table_free(planner);
    paimon_table_free(reader);
}

TEST(changes_of_a_table_with_a_fallback_branch_are_its_own) {
    const char *dir = fallback_dir();
    CHECK(dir != NULL);
    paimon_changes_options co = PAIMON_CHANGES_OPTIONS_INIT;
    CHECK_ROWS(tb_read_with(dir, NULL, NULL, &co),
               "[\"+I\",1,\"1\",\"a\"]\n[\"+I\",2,\"1\",\"b\"]\n[\"+I\",3,\"3\",\"c\"]");
    CHECK_ROWS(tb_read_with(dir, "rt", NULL, &co),
               "[\"+I\",1,\"1\",\"x\"]\n[\"+I\",5,\"2\",\"p\"]\n[\"+I\",6,\"2\",\"r\"]\n"
               "[\"+U\",5,\"2\",\"q\"]");
}

TEST(a_missing_fallback_branch_reads_the_branch_alone_as_java_does) {
    const char *dir = pm_test_tmpdir();
    CHECK(bf_build(dir, "\"scan.fallback-branch\" : \"gone\"", rt_options) == 0);
    CHECK_ROWS(scan(dir, NULL, NULL), "[1,\"1\",\"a\"]\n[2,\"1\",\"b\"]\n[3,\"3\",\"c\"]");
    /* A fallback naming the branch itself changes nothing. */
    dir = pm_test_tmpdir();
    CHECK(bf_build(dir, "\"scan.fallback-branch\" : \"main\"", rt_options) == 0);
    CHECK_ROWS(scan(dir, NULL, NULL), "[1,\"1\",\"a\"]\n[2,\"1\",\"b\"]\n[3,\"3\",\"c\"]");
}

TEST(fallback_and_primary_branch_together_are_refused) {
    const char *dir = pm_test_tmpdir();
    CHECK(bf_build(dir, "\"scan.fallback-branch\" : \"rt\", \"scan.primary-branch\" : \"rt\"",
                rt_options) == 0);
    CHECK_READ_FAILS(scan(dir, NULL, NULL), "'scan.fallback-branch' and 'scan.primary-branch'");
}

TEST(branches_with_different_row_types_are_refused) {
    const char *dir = fallback_dir();
    CHECK(dir != NULL);
    static const tb_column other[] = {{"id", "INT"}, {"dt", "STRING"}, {"v", "INT"}};
    bt_table b;
    CHECK(bt_init(&b, dir, other, 3, "dt", true) == 0);
    int rc = bt_schema(&b, "rt", 1, rt_options);
    bt_dispose(&b);
    CHECK(rc == 0);
    CHECK_READ_FAILS(scan(dir, NULL, NULL), "do not have the same row type");
    CHECK_READ_FAILS(scan(dir, NULL, NULL), "'scan.fallback-branch' = 'rt'");
    /* Same types, another name: not read by position silently. */
    static const tb_column renamed[] = {{"id", "INT"}, {"dt", "STRING"}, {"w", "STRING"}};
    CHECK(bt_init(&b, dir, renamed, 3, "dt", true) == 0);
    rc = bt_schema(&b, "rt", 2, rt_options);
    bt_dispose(&b);
    CHECK(rc == 0);
    CHECK_READ_FAILS(scan(dir, NULL, NULL), "column 3 is v (field id 2) in branch main but w");
}

TEST(chain_tables_are_refused_but_their_branches_read) {
    const char *dir = pm_test_tmpdir();
    CHECK(bf_build(dir,
                "\"chain-table.enabled\" : \"true\", \"scan.fallback-snapshot-branch\" : \"rt\", "
                "\"scan.fallback-delta-branch\" : \"delta\"",
                "\"bucket\" : \"2\", \"chain-table.enabled\" : \"true\", "
                "\"scan.fallback-snapshot-branch\" : \"rt\", "
                "\"scan.fallback-delta-branch\" : \"delta\"") == 0);
    CHECK_READ_FAILS(scan(dir, NULL, NULL), "chain-table.enabled");
    paimon_changes_options co = PAIMON_CHANGES_OPTIONS_INIT;
    CHECK_READ_FAILS(tb_read_with(dir, NULL, NULL, &co), "scan.fallback-delta-branch");
    CHECK_ROWS(scan(dir, "rt", NULL), "[1,\"1\",\"x\"]\n[5,\"2\",\"q\"]\n[6,\"2\",\"r\"]");
}
