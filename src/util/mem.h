/*
 * mem.h - the library's allocation entry points.
 *
 * All heap memory in src/ goes through these wrappers so that tests can make allocation N fail
 * (pm_mem_fail_after) and prove that out-of-memory paths neither crash nor leak. Size arithmetic
 * on untrusted values uses the checked helpers below.
 */
#ifndef PM_UTIL_MEM_H
#define PM_UTIL_MEM_H

#include <stdbool.h>
#include <stddef.h>

void *pm_malloc(size_t size);
void *pm_calloc(size_t count, size_t size); /* overflow-checked */
void *pm_realloc(void *ptr, size_t size);
void *pm_realloc_array(void *ptr, size_t count, size_t size); /* overflow-checked */
void pm_free(void *ptr);
char *pm_strdup(const char *s);
char *pm_strndup(const char *s, size_t n);

/* Checked size arithmetic: return true on overflow. */
static inline bool pm_add_overflow(size_t a, size_t b, size_t *out) {
    *out = a + b;
    return *out < a;
}
static inline bool pm_mul_overflow(size_t a, size_t b, size_t *out) {
    if (a != 0 && b > (size_t)-1 / a)
        return true;
    *out = a * b;
    return false;
}

/* Test hook: after `n` more successful allocations, every allocation fails (n < 0 disables).
 * Not thread-safe; only for single-threaded fault-injection tests. */
void pm_mem_fail_after(long n);

#endif
