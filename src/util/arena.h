/*
 * arena.h - bump allocator for short-lived objects with one lifetime (a decoded manifest, a
 * parsed schema). Everything is released at once by pm_arena_dispose.
 */
#ifndef PM_UTIL_ARENA_H
#define PM_UTIL_ARENA_H

#include <stddef.h>

typedef struct pm_arena_block pm_arena_block;

typedef struct pm_arena {
    pm_arena_block *head;
    size_t block_size;
} pm_arena;

void pm_arena_init(pm_arena *a, size_t block_size);
void pm_arena_dispose(pm_arena *a);
/* 8-byte aligned; NULL on allocation failure or overflow. */
void *pm_arena_alloc(pm_arena *a, size_t size);
void *pm_arena_calloc(pm_arena *a, size_t count, size_t size);
char *pm_arena_strndup(pm_arena *a, const char *s, size_t n);
char *pm_arena_strdup(pm_arena *a, const char *s);
void *pm_arena_memdup(pm_arena *a, const void *p, size_t n);

#endif
