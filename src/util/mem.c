/* mem.c - allocation wrappers with a fault-injection hook for tests. */
#include "util/mem.h"

#include <stdlib.h>
#include <string.h>

static long mem_fail_countdown = -1;

static bool mem_should_fail(void) {
    if (mem_fail_countdown < 0)
        return false;
    if (mem_fail_countdown == 0)
        return true;
    mem_fail_countdown--;
    return false;
}

void pm_mem_fail_after(long n) { mem_fail_countdown = n; }

void *pm_malloc(size_t size) {
    if (mem_should_fail())
        return NULL;
    return malloc(size == 0 ? 1 : size);
}

void *pm_calloc(size_t count, size_t size) {
    size_t total;
    if (pm_mul_overflow(count, size, &total) || mem_should_fail())
        return NULL;
    return calloc(total == 0 ? 1 : total, 1);
}

void *pm_realloc(void *ptr, size_t size) {
    if (mem_should_fail())
        return NULL;
    return realloc(ptr, size == 0 ? 1 : size);
}

void *pm_realloc_array(void *ptr, size_t count, size_t size) {
    size_t total;
    if (pm_mul_overflow(count, size, &total))
        return NULL;
    return pm_realloc(ptr, total);
}

void pm_free(void *ptr) { free(ptr); }

char *pm_strndup(const char *s, size_t n) {
    char *copy = pm_malloc(n + 1);
    if (copy == NULL)
        return NULL;
    memcpy(copy, s, n);
    copy[n] = '\0';
    return copy;
}

char *pm_strdup(const char *s) { return pm_strndup(s, strlen(s)); }
