/* sort.c - bottom-up merge sort through a scratch buffer (see sort.h). */
#include "util/sort.h"

#include "util/error.h"
#include "util/mem.h"

#include <string.h>

/* Merges the sorted runs [lo, mid) and [mid, hi) of src into dst. */
static void merge_runs(const char *src, char *dst, size_t lo, size_t mid, size_t hi, size_t size,
                       pm_sort_cmp cmp, void *ctx) {
    size_t i = lo, j = mid, k = lo;
    while (i < mid && j < hi) {
        /* <= 0 takes the left element first: equal elements keep their order */
        if (cmp(src + i * size, src + j * size, ctx) <= 0)
            memcpy(dst + k++ * size, src + i++ * size, size);
        else
            memcpy(dst + k++ * size, src + j++ * size, size);
    }
    memcpy(dst + k * size, src + i * size, (mid - i) * size);
    k += mid - i;
    memcpy(dst + k * size, src + j * size, (hi - j) * size);
}

int pm_sort(void *base, size_t n, size_t size, pm_sort_cmp cmp, void *ctx) {
    if (n < 2 || size == 0)
        return PAIMON_OK;
    if (n > SIZE_MAX / size)
        return PAIMON_ENOMEM;
    char *scratch = pm_malloc(n * size);
    if (scratch == NULL)
        return PAIMON_ENOMEM;
    char *src = base, *dst = scratch;
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            merge_runs(src, dst, lo, mid, hi, size, cmp, ctx);
        }
        char *t = src;
        src = dst;
        dst = t;
        if (width > n / 2) /* the next width would cover everything */
            break;
    }
    if (src != base)
        memcpy(base, src, n * size);
    pm_free(scratch);
    return PAIMON_OK;
}
