/* The buffer pool: which buffers it hands out, its budget, references, and allocation
 * failures. */
#include "test.h"
#include "util/buf_pool.h"
#include "util/mem.h"

static pm_buf sized(size_t cap) {
    pm_buf b = PM_BUF_INIT;
    pm_buf_reserve(&b, cap);
    memset(b.data, 0xAB, b.cap);
    b.len = cap / 2;
    return b;
}

TEST(take_gives_back_a_released_buffer_of_a_fitting_size) {
    pm_buf_pool *p;
    CHECK_OK(pm_buf_pool_new(&p, NULL), NULL);
    pm_buf big = sized(1 << 20), small = sized(64 << 10);
    uint8_t *big_data = big.data, *small_data = small.data;
    pm_buf_pool_give(p, &big);
    pm_buf_pool_give(p, &small);
    CHECK(big.data == NULL && big.cap == 0 && small.data == NULL);
    size_t bytes;
    CHECK_EQ_INT(pm_buf_pool_count(p, &bytes), 2);
    CHECK_EQ_INT(bytes, (1 << 20) + (64 << 10));
    pm_buf got = PM_BUF_INIT;
    /* the smallest that fits, empty */
    CHECK(pm_buf_pool_take(p, 40 << 10, &got));
    CHECK(got.data == small_data && got.len == 0 && got.cap == (64 << 10));
    pm_buf_pool_give(p, &got);
    /* too large for the small one, and the big one is four times the request at most */
    CHECK(pm_buf_pool_take(p, 300 << 10, &got));
    CHECK(got.data == big_data);
    pm_buf_pool_give(p, &got);
    /* a buffer much larger than the request stays in the pool */
    CHECK(pm_buf_pool_take(p, 100 << 10, &got) == false);
    CHECK(got.data == NULL);
    /* nothing fits a request larger than every buffer */
    CHECK(pm_buf_pool_take(p, 2 << 20, &got) == false);
    /* tiny requests and tiny buffers are malloc's */
    CHECK(pm_buf_pool_take(p, 100, &got) == false);
    pm_buf tiny = sized(256);
    pm_buf_pool_give(p, &tiny);
    CHECK(tiny.data == NULL);
    CHECK_EQ_INT(pm_buf_pool_count(p, NULL), 2);
    pm_buf_pool_release(p);
}

TEST(null_pool_allocates_and_frees) {
    pm_buf b = sized(1 << 16);
    CHECK(pm_buf_pool_take(NULL, 1 << 16, &b) == false);
    pm_buf_pool_give(NULL, &b);
    CHECK(b.data == NULL && b.cap == 0);
    CHECK_OK(pm_buf_pool_ensure(NULL, &b, 100000), NULL);
    CHECK(b.cap >= 100000 && b.len == 0);
    pm_buf_pool_give(NULL, &b);
    pm_buf_pool_release(NULL);
    CHECK(pm_buf_pool_retain(NULL) == NULL);
}

TEST(ensure_trades_for_a_larger_pooled_buffer) {
    pm_buf_pool *p;
    CHECK_OK(pm_buf_pool_new(&p, NULL), NULL);
    pm_buf big = sized(256 << 10);
    uint8_t *big_data = big.data;
    pm_buf_pool_give(p, &big);
    pm_buf b = sized(8 << 10);
    CHECK_OK(pm_buf_pool_ensure(p, &b, 4096), NULL); /* fits already */
    CHECK_EQ_INT(b.cap, 8 << 10);
    CHECK_EQ_INT(b.len, 0);
    CHECK_OK(pm_buf_pool_ensure(p, &b, 100 << 10), NULL);
    CHECK(b.data == big_data);
    CHECK_EQ_INT(pm_buf_pool_count(p, NULL), 1); /* the small one went back */
    CHECK_OK(pm_buf_pool_ensure(p, &b, 1 << 20), NULL); /* none fits: allocated */
    CHECK(b.cap >= (1 << 20));
    CHECK_EQ_INT(pm_buf_pool_count(p, NULL), 2);
    pm_buf_pool_give(p, &b);
    pm_buf_pool_release(p);
}

TEST(budget_evicts_the_oldest_buffers) {
    pm_buf_pool *p;
    CHECK_OK(pm_buf_pool_new(&p, NULL), NULL);
    size_t quarter = PM_BUF_POOL_MAX_BYTES / 4;
    uint8_t *first = NULL;
    for (int i = 0; i < 4; i++) {
        pm_buf b = PM_BUF_INIT;
        CHECK_OK(pm_buf_pool_ensure(NULL, &b, quarter), NULL);
        CHECK_EQ_INT(b.cap, quarter);
        if (i == 0)
            first = b.data;
        pm_buf_pool_give(p, &b);
    }
    size_t bytes;
    CHECK_EQ_INT(pm_buf_pool_count(p, &bytes), 4);
    CHECK_EQ_INT(bytes, PM_BUF_POOL_MAX_BYTES);
    pm_buf b = sized(1 << 20);
    uint8_t *newest = b.data;
    pm_buf_pool_give(p, &b);
    CHECK_EQ_INT(pm_buf_pool_count(p, &bytes), 4);
    CHECK_EQ_INT(bytes, 3 * quarter + (1 << 20));
    pm_buf got = PM_BUF_INIT;
    CHECK(pm_buf_pool_take(p, 1 << 20, &got));
    CHECK(got.data == newest);
    pm_buf_pool_give(p, &got);
    /* the first one is gone: what remains are the three later quarters and the newest */
    for (int i = 0; i < 3; i++) {
        CHECK(pm_buf_pool_take(p, quarter, &got));
        CHECK(got.data != first);
        pm_buf_dispose(&got);
    }
    pm_buf_pool_release(p);
}

TEST(references_keep_the_pool_alive) {
    pm_buf_pool *p;
    CHECK_OK(pm_buf_pool_new(&p, NULL), NULL);
    pm_buf_pool *q = pm_buf_pool_retain(p);
    CHECK(q == p);
    pm_buf_pool_release(p);
    pm_buf b = sized(1 << 16);
    pm_buf_pool_give(q, &b); /* still usable through the other reference */
    CHECK_EQ_INT(pm_buf_pool_count(q, NULL), 1);
    pm_buf_pool_release(q); /* frees the cached buffer (ASan checks) */
}

TEST(allocation_failures) {
    pm_buf_pool *p = NULL;
    paimon_error err;
    pm_mem_fail_after(0);
    CHECK_ERR(pm_buf_pool_new(&p, &err), PAIMON_ENOMEM, &err);
    pm_mem_fail_after(-1);
    CHECK_OK(pm_buf_pool_new(&p, NULL), NULL);
    pm_buf b = PM_BUF_INIT;
    pm_mem_fail_after(0);
    CHECK_EQ_INT(pm_buf_pool_ensure(p, &b, 1 << 20), PAIMON_ENOMEM);
    pm_mem_fail_after(-1);
    CHECK(b.data == NULL);
    pm_buf_pool_release(p);
}
