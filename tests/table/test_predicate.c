/* Filters: parsing, binding to column types, three-valued evaluation, statistics pruning. */
#include "test.h"
#include "data/arrow_builder.h"
#include "table/predicate.h"

#include <stdio.h>

static pm_field fields[4];
static pm_type *row;

static void setup(void) {
    paimon_error err = {0};
    pm_type_free(row);
    pm_type_parse("ROW<a INT, s STRING, d DATE, x DECIMAL(10, 2)>", &row, &err);
    for (int i = 0; i < 4; i++)
        fields[i] = row->fields[i];
}

static int eval(const char *text, const pm_datum *values) {
    pm_arena arena;
    pm_arena_init(&arena, 4096);
    paimon_error err = {0};
    pm_pred *parsed = NULL, *bound = NULL;
    int result = -1;
    if (pm_pred_parse(text, &arena, &parsed, &err) == PAIMON_OK &&
        pm_pred_bind(parsed, fields, 4, &arena, &bound, &err) == PAIMON_OK)
        result = pm_pred_eval_datums(bound, values);
    else
        fprintf(stderr, "  %s: %s\n", text, err.message);
    pm_arena_dispose(&arena);
    return result;
}


TEST(three_valued_logic) {
    setup();
    pm_datum v[4];
    v[0] = pm_datum_int(5);
    v[1] = pm_datum_bytes("abc", 3);
    v[2] = pm_datum_int(19723); /* 2024-01-01 */
    v[3].is_null = false;
    v[3].v.dec = pm_dec_from_i64(1234);
    CHECK_EQ_INT(eval("a = 5", v), PM_TRUE);
    CHECK_EQ_INT(eval("a <> 5", v), PM_FALSE);
    CHECK_EQ_INT(eval("5 < a", v), PM_FALSE);
    CHECK_EQ_INT(eval("a >= 5 AND s = 'abc'", v), PM_TRUE);
    CHECK_EQ_INT(eval("a > 5 OR s LIKE_NOT", v), -1); /* syntax error */
    CHECK_EQ_INT(eval("NOT (a > 5)", v), PM_TRUE);
    CHECK_EQ_INT(eval("a IN (1, 2, 5)", v), PM_TRUE);
    CHECK_EQ_INT(eval("a NOT IN (1, 2, 5)", v), PM_FALSE);
    CHECK_EQ_INT(eval("a IN (1, NULL)", v), PM_UNKNOWN);
    CHECK_EQ_INT(eval("a BETWEEN 1 AND 5", v), PM_TRUE);
    CHECK_EQ_INT(eval("a NOT BETWEEN 1 AND 5", v), PM_FALSE);
    CHECK_EQ_INT(eval("d = '2024-01-01'", v), PM_TRUE);
    CHECK_EQ_INT(eval("d > DATE '2024-01-01'", v), PM_FALSE);
    CHECK_EQ_INT(eval("x = 12.34", v), PM_TRUE);
    CHECK_EQ_INT(eval("x > 12.3", v), PM_TRUE);
    CHECK_EQ_INT(eval("a = NULL", v), PM_UNKNOWN);
    v[0] = pm_datum_null();
    CHECK_EQ_INT(eval("a = 5", v), PM_UNKNOWN);
    CHECK_EQ_INT(eval("NOT (a = 5)", v), PM_UNKNOWN);
    CHECK_EQ_INT(eval("a IS NULL", v), PM_TRUE);
    CHECK_EQ_INT(eval("NOT a IS NULL", v), PM_FALSE);
    CHECK_EQ_INT(eval("a = 5 OR s = 'abc'", v), PM_TRUE);
    CHECK_EQ_INT(eval("a = 5 AND s = 'abc'", v), PM_UNKNOWN);
    CHECK_EQ_INT(eval("`s` = 'it''s' OR \"a\" IS NULL", v), PM_TRUE);
    pm_type_free(row);
    row = NULL;
}

TEST(errors_name_the_problem) {
    setup();
    const char *bad[] = {"", "a =", "a = 'x", "unknown = 1", "a = 'abc'", "a = 99999999999",
                         "d = '2024-13-01'", "(a = 1", "a = 1 extra", "s IN 1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        pm_arena arena;
        pm_arena_init(&arena, 4096);
        paimon_error err = {0};
        pm_pred *parsed = NULL, *bound = NULL;
        int rc = pm_pred_parse(bad[i], &arena, &parsed, &err);
        if (rc == PAIMON_OK)
            rc = pm_pred_bind(parsed, fields, 4, &arena, &bound, &err);
        pm_arena_dispose(&arena);
        CHECK_EQ_INT(rc, PAIMON_EINVAL);
        CHECK(strstr(err.message, "filter") != NULL);
    }
    pm_type_free(row);
    row = NULL;
}

typedef struct stats_case {
    int64_t min, max, nulls;
} stats_case;

static bool stats_fn(void *ctx, size_t field, pm_pred_stats *out) {
    const stats_case *c = ctx;
    if (field != 0)
        return false;
    out->has_min_max = true;
    out->min = pm_datum_int(c->min);
    out->max = pm_datum_int(c->max);
    out->has_null_count = true;
    out->null_count = c->nulls;
    return true;
}

static bool may(const char *text, stats_case c, int64_t rows) {
    pm_arena arena;
    pm_arena_init(&arena, 4096);
    paimon_error err = {0};
    pm_pred *parsed = NULL, *bound = NULL;
    bool result = true;
    if (pm_pred_parse(text, &arena, &parsed, &err) == PAIMON_OK &&
        pm_pred_bind(parsed, fields, 4, &arena, &bound, &err) == PAIMON_OK)
        result = pm_pred_may_match(bound, stats_fn, &c, rows);
    pm_arena_dispose(&arena);
    return result;
}

TEST(statistics_pruning) {
    setup();
    stats_case c = {10, 20, 0};
    CHECK(may("a = 15", c, 100));
    CHECK(!may("a = 21", c, 100));
    CHECK(!may("a < 10", c, 100));
    CHECK(may("a <= 10", c, 100));
    CHECK(!may("a > 20", c, 100));
    CHECK(!may("a IS NULL", c, 100));
    CHECK(may("a IS NOT NULL", c, 100));
    CHECK(!may("NOT (a >= 10)", c, 100));
    CHECK(may("a = 25 OR s = 'x'", c, 100)); /* s has no statistics */
    CHECK(!may("a = 25 AND s = 'x'", c, 100));
    CHECK(!may("a IN (1, 2, 30)", c, 100));
    CHECK(may("a IN (1, 12)", c, 100));
    stats_case same = {7, 7, 0};
    CHECK(!may("a <> 7", same, 10));
    stats_case all_null = {0, 0, 10};
    CHECK(!may("a IS NOT NULL", all_null, 10));
    CHECK(may("a IS NULL", all_null, 10));
    pm_type_free(row);
    row = NULL;
}

TEST(batch_evaluation) {
    setup();
    paimon_error err = {0};
    pm_col col;
    CHECK_OK(pm_col_init(&col, fields[0].type, &err), &err);
    for (int i = 0; i < 10; i++) {
        if (i == 3)
            pm_col_append_null(&col);
        else
            pm_col_append_int(&col, i);
    }
    struct ArrowArray a;
    CHECK_OK(pm_col_finish(&col, &a, &err), &err);
    pm_arena arena;
    pm_arena_init(&arena, 4096);
    pm_pred *parsed, *bound;
    CHECK_OK(pm_pred_parse("a >= 2 AND NOT a IN (5, 6)", &arena, &parsed, &err), &err);
    CHECK_OK(pm_pred_bind(parsed, fields, 4, &arena, &bound, &err), &err);
    const struct ArrowArray *cols[4] = {&a, NULL, NULL, NULL};
    uint8_t keep[10];
    CHECK_OK(pm_pred_eval_batch(bound, cols, 10, keep, &err), &err);
    const uint8_t expected[10] = {0, 0, 1, 0, 1, 0, 0, 1, 1, 1};
    CHECK_EQ_MEM(keep, expected, 10);
    pm_arena_dispose(&arena);
    a.release(&a);
    pm_col_dispose(&col);
    pm_type_free(row);
    row = NULL;
}
