/*
 * sort.h - a stable sort whose comparison takes a context.
 *
 * C11's qsort has no context argument, so comparisons that need one (the key types of a
 * table, bounds decoded elsewhere) would have to pass it through a global, which is a data race
 * as soon as two tables are read on two threads.
 */
#ifndef PM_UTIL_SORT_H
#define PM_UTIL_SORT_H

#include <stddef.h>

typedef int (*pm_sort_cmp)(const void *a, const void *b, void *ctx);

/* Sorts n elements of `size` bytes by cmp, keeping equal elements in their order (a merge
 * sort). Returns PAIMON_OK, or PAIMON_ENOMEM (leaving base unchanged) when the n * size bytes
 * of scratch space cannot be allocated. */
int pm_sort(void *base, size_t n, size_t size, pm_sort_cmp cmp, void *ctx);

#endif
