/*
 * branch_fixture.h - the two-branch table of the branch tests (tests/table/test_branches.c) and
 * of the CLI tests (tests/cli/branches.sh, written by tests/cli/make_tables.c).
 */
#ifndef PM_TEST_BRANCH_FIXTURE_H
#define PM_TEST_BRANCH_FIXTURE_H

#include "table_builder.h"

#define BF_FALLBACK_RT "\"scan.fallback-branch\" : \"rt\""
#define BF_RT_OPTIONS "\"bucket\" : \"2\""

/* The main branch: an append table partitioned by dt (nullable columns). */
static const tb_column main_columns[] = {{"id", "INT"}, {"dt", "STRING"}, {"v", "STRING"}};
/* Branch rt: a primary-key table (dt, id) with two buckets, like the paimon-cpp
 * append_table_with_rt_branch table (its columns NOT NULL). */
static const tb_column rt_columns[] = {
    {"id", "INT NOT NULL"}, {"dt", "STRING NOT NULL"}, {"v", "STRING"}};

static const tb_xrow main_a[] = {BT_ROW(0, "1,1,a")};
static const tb_xrow main_b[] = {BT_ROW(1, "2,1,b")};
static const tb_xrow main_c[] = {BT_ROW(2, "3,3,c")};
static const tb_xrow rt_x[] = {{0, 0, "1,1,x"}};
static const tb_xrow rt_p[] = {{0, 1, "5,2,p"}};
static const tb_xrow rt_qr[] = {{2, 2, "5,2,q"}, {0, 3, "6,2,r"}};

/* main: snapshot 1 at t=100 (dt=1: a), snapshot 2 at t=300 (dt=1: b, dt=3: c);
 * rt:   snapshot 1 at t=200 (dt=1: x, dt=2: p), snapshot 2 at t=400 (dt=2: p updated to q, r).
 * Tag t1 is main's snapshot 1 and rt's snapshot 2; tag only-main exists in main alone. */
static TB_UNUSED int bf_build(const char *dir, const char *main_options, const char *rt_options) {
    bt_table m, r;
    memset(&r, 0, sizeof r);
    int rc = bt_init(&m, dir, main_columns, 3, "dt", false);
    rc = rc ? rc : bt_init(&r, dir, rt_columns, 3, "dt", true);
    snprintf(r.prefix, sizeof r.prefix, "rt");
    rc = rc ? rc : bt_schema(&m, NULL, 0, main_options);
    rc = rc ? rc : bt_schema(&r, "rt", 0, rt_options);
    bt_file m1[] = {{"1", 0, 0, main_a, 1, 0, 0}};
    bt_file m2[] = {{"1", 0, 0, main_b, 1, 0, 0}, {"3", 0, 0, main_c, 1, 0, 0}};
    bt_file r1[] = {{"1", 0, 0, rt_x, 1, 0, 0}, {"2", 1, 0, rt_p, 1, 0, 0}};
    bt_file r2[] = {{"2", 1, 0, rt_qr, 2, 0, 0}};
    rc = rc ? rc : bt_commit(&m, NULL, "APPEND", 100, m1, 1, NULL);
    rc = rc ? rc : bt_commit(&r, "rt", "APPEND", 200, r1, 2, NULL);
    rc = rc ? rc : bt_commit(&m, NULL, "APPEND", 300, m2, 2, NULL);
    rc = rc ? rc : bt_commit(&r, "rt", "APPEND", 400, r2, 1, NULL);
    rc = rc ? rc : bt_tag(&m, NULL, "t1", 1);
    rc = rc ? rc : bt_tag(&r, "rt", "t1", 2);
    rc = rc ? rc : bt_tag(&m, NULL, "only-main", 2);
    bt_dispose(&m);
    bt_dispose(&r);
    return rc;
}

#endif
