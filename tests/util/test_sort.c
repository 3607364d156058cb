/* pm_sort: sorted, stable, context passed through, on sizes around every power of two. */
#include "test.h"
#include "util/mem.h"
#include "util/sort.h"

#include <stdlib.h>

typedef struct item {
    int key;
    int position; /* where the item was before sorting */
} item;

static int by_key_mod(const void *a, const void *b, void *ctx) {
    int mod = *(const int *)ctx;
    int ka = ((const item *)a)->key % mod, kb = ((const item *)b)->key % mod;
    return ka < kb ? -1 : (ka > kb ? 1 : 0);
}

TEST(sorts_stably_with_a_context) {
    unsigned seed = 12345;
    int mod = 7; /* few distinct keys: many ties whose order must survive */
    for (size_t n = 0; n <= 300; n++) {
        item *v = malloc((n ? n : 1) * sizeof *v);
        CHECK(v != NULL);
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            v[i].key = (int)(seed >> 16) % 1000;
            v[i].position = (int)i;
        }
        CHECK_EQ_INT(pm_sort(v, n, sizeof *v, by_key_mod, &mod), PAIMON_OK);
        for (size_t i = 1; i < n; i++) {
            int prev = v[i - 1].key % mod, cur = v[i].key % mod;
            CHECK(prev <= cur);
            if (prev == cur)
                CHECK(v[i - 1].position < v[i].position);
        }
        free(v);
    }
}

TEST(out_of_memory_leaves_the_input_alone) {
    item v[3] = {{3, 0}, {1, 1}, {2, 2}};
    int mod = 10;
    pm_mem_fail_after(0);
    int rc = pm_sort(v, 3, sizeof *v, by_key_mod, &mod);
    pm_mem_fail_after(-1);
    CHECK_EQ_INT(rc, PAIMON_ENOMEM);
    CHECK_EQ_INT(v[0].key, 3);
    CHECK_EQ_INT(v[1].key, 1);
    CHECK_EQ_INT(pm_sort(v, 3, sizeof *v, by_key_mod, &mod), PAIMON_OK);
    CHECK_EQ_INT(v[0].key, 1);
    CHECK_EQ_INT(v[2].key, 3);
}
