/* arena.c - bump allocator built from a list of blocks. */
#include "util/arena.h"

#include "util/mem.h"

#include <stdint.h>
#include <string.h>

struct pm_arena_block {
    pm_arena_block *next;
    size_t used;
    size_t cap;
    /* Followed by cap bytes, 8-byte aligned by the union below. */
    union {
        max_align_t align;
        uint8_t bytes[1];
    } data;
};

void pm_arena_init(pm_arena *a, size_t block_size) {
    a->head = NULL;
    a->block_size = block_size < 256 ? 256 : block_size;
}

void pm_arena_dispose(pm_arena *a) {
    pm_arena_block *b = a->head;
    while (b != NULL) {
        pm_arena_block *next = b->next;
        pm_free(b);
        b = next;
    }
    a->head = NULL;
}

void *pm_arena_alloc(pm_arena *a, size_t size) {
    size_t rounded;
    if (pm_add_overflow(size, 7, &rounded))
        return NULL;
    rounded &= ~(size_t)7;
    if (rounded == 0)
        rounded = 8;
    pm_arena_block *b = a->head;
    if (b == NULL || b->cap - b->used < rounded) {
        size_t cap = rounded > a->block_size ? rounded : a->block_size;
        size_t total;
        if (pm_add_overflow(sizeof(pm_arena_block), cap, &total))
            return NULL;
        pm_arena_block *nb = pm_malloc(total);
        if (nb == NULL)
            return NULL;
        nb->used = 0;
        nb->cap = cap;
        /* A large one-off allocation goes behind the current block so the current block's
         * free space stays usable. */
        if (b != NULL && rounded > a->block_size) {
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
    }
    void *p = b->data.bytes + b->used;
    b->used += rounded;
    return p;
}

void *pm_arena_calloc(pm_arena *a, size_t count, size_t size) {
    size_t total;
    if (pm_mul_overflow(count, size, &total))
        return NULL;
    void *p = pm_arena_alloc(a, total);
    if (p != NULL)
        memset(p, 0, total);
    return p;
}

char *pm_arena_strndup(pm_arena *a, const char *s, size_t n) {
    char *p = pm_arena_alloc(a, n + 1);
    if (p == NULL)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *pm_arena_strdup(pm_arena *a, const char *s) { return pm_arena_strndup(a, s, strlen(s)); }

void *pm_arena_memdup(pm_arena *a, const void *src, size_t n) {
    void *p = pm_arena_alloc(a, n);
    if (p != NULL && n > 0)
        memcpy(p, src, n);
    return p;
}
