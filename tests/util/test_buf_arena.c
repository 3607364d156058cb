/* Growable buffers, arenas, and the allocation fault hook. */
#include "test.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/mem.h"
#include "util/strutil.h"

TEST(buf_append_and_detach) {
    pm_buf b = PM_BUF_INIT;
    for (int i = 0; i < 1000; i++)
        CHECK_EQ_INT(pm_buf_append_fmt(&b, "%d,", i), PAIMON_OK);
    CHECK(b.len > 1000);
    CHECK(memcmp(b.data, "0,1,2,", 6) == 0);
    char *s = pm_buf_detach(&b);
    CHECK(s != NULL);
    CHECK(strncmp(s + strlen(s) - 4, "999,", 4) == 0);
    CHECK(b.data == NULL && b.len == 0);
    pm_free(s);
}

TEST(arena_alignment_and_large_blocks) {
    pm_arena a;
    pm_arena_init(&a, 1024);
    char *small = pm_arena_alloc(&a, 3);
    uint64_t *aligned = pm_arena_alloc(&a, sizeof(uint64_t));
    CHECK(small != NULL && aligned != NULL);
    CHECK(((uintptr_t)aligned % 8) == 0);
    char *big = pm_arena_alloc(&a, 100000);
    CHECK(big != NULL);
    memset(big, 7, 100000);
    char *after = pm_arena_strdup(&a, "still usable");
    CHECK_EQ_STR(after, "still usable");
    pm_arena_dispose(&a);
}

TEST(allocation_failure_hook) {
    pm_buf b = PM_BUF_INIT;
    pm_mem_fail_after(0);
    int rc = pm_buf_append(&b, "x", 1);
    pm_mem_fail_after(-1);
    CHECK_EQ_INT(rc, PAIMON_ENOMEM);
    CHECK_EQ_INT(pm_buf_append(&b, "x", 1), PAIMON_OK);
    pm_buf_dispose(&b);
}

TEST(strict_number_parsing) {
    int64_t v;
    CHECK(pm_parse_i64("9223372036854775807", 19, &v));
    CHECK_EQ_INT(v, INT64_MAX);
    CHECK(pm_parse_i64("-9223372036854775808", 20, &v));
    CHECK_EQ_INT(v, INT64_MIN);
    CHECK(!pm_parse_i64("9223372036854775808", 19, &v));
    CHECK(!pm_parse_i64("12a", 3, &v));
    CHECK(!pm_parse_i64("", 0, &v));
    CHECK(!pm_parse_i64("-", 1, &v));
    double d;
    CHECK(pm_parse_double("1.5e3", 5, &d));
    CHECK_NEAR(d, 1500.0, 0);
    CHECK(!pm_parse_double(" 1", 2, &d));
}
