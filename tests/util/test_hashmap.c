/* The hash map keeps every key through growth, removal and re-insertion. */
#include "test.h"
#include "util/hashmap.h"

#include <stdio.h>

TEST(put_get_remove_many) {
    static char keys[5000][16];
    pm_hashmap m;
    pm_hashmap_init(&m);
    for (int i = 0; i < 5000; i++) {
        snprintf(keys[i], sizeof keys[i], "key-%d", i);
        CHECK_EQ_INT(pm_hashmap_put(&m, keys[i], strlen(keys[i]), (void *)(intptr_t)(i + 1)), 0);
    }
    CHECK_EQ_INT(m.count, 5000);
    for (int i = 0; i < 5000; i += 2)
        CHECK_EQ_INT((intptr_t)pm_hashmap_remove(&m, keys[i], strlen(keys[i])), i + 1);
    CHECK_EQ_INT(m.count, 2500);
    for (int i = 0; i < 5000; i++) {
        intptr_t v = (intptr_t)pm_hashmap_get(&m, keys[i], strlen(keys[i]));
        CHECK_EQ_INT(v, i % 2 ? i + 1 : 0);
    }
    /* Re-inserting over tombstones and replacing values. */
    for (int i = 0; i < 5000; i++)
        CHECK_EQ_INT(pm_hashmap_put(&m, keys[i], strlen(keys[i]), (void *)(intptr_t)(i + 7)), 0);
    CHECK_EQ_INT(m.count, 5000);
    CHECK_EQ_INT((intptr_t)pm_hashmap_get(&m, "key-4999", 8), 5006);
    CHECK(pm_hashmap_get(&m, "absent", 6) == NULL);
    pm_hashmap_dispose(&m);
}

TEST(binary_and_empty_keys) {
    pm_hashmap m;
    pm_hashmap_init(&m);
    const uint8_t a[] = {0, 1, 2}, b[] = {0, 1, 3};
    CHECK_EQ_INT(pm_hashmap_put(&m, a, 3, (void *)1), 0);
    CHECK_EQ_INT(pm_hashmap_put(&m, b, 3, (void *)2), 0);
    CHECK_EQ_INT(pm_hashmap_put(&m, "", 0, (void *)3), 0);
    CHECK_EQ_INT((intptr_t)pm_hashmap_get(&m, a, 3), 1);
    CHECK_EQ_INT((intptr_t)pm_hashmap_get(&m, b, 3), 2);
    CHECK_EQ_INT((intptr_t)pm_hashmap_get(&m, "", 0), 3);
    pm_hashmap_dispose(&m);
}
