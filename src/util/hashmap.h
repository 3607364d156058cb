/*
 * hashmap.h - open-addressing hash map from byte-string keys to pointers.
 *
 * Keys are borrowed: the caller keeps them alive while they are in the map (they usually point
 * into an arena that outlives the map). Used to merge manifest entries by identifier, to find
 * deletion vectors by data file name, and for small caches.
 */
#ifndef PM_UTIL_HASHMAP_H
#define PM_UTIL_HASHMAP_H

#include "util/error.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct pm_hashmap_slot {
    const void *key; /* NULL = empty */
    size_t key_len;
    uint64_t hash;
    void *value;
    bool tombstone;
} pm_hashmap_slot;

typedef struct pm_hashmap {
    pm_hashmap_slot *slots;
    size_t cap; /* power of two */
    size_t count;
    size_t used; /* live + tombstones */
} pm_hashmap;

void pm_hashmap_init(pm_hashmap *m);
void pm_hashmap_dispose(pm_hashmap *m);
uint64_t pm_hash_bytes(const void *data, size_t len);
/* Inserts or replaces; returns PAIMON_OK or PAIMON_ENOMEM. */
int pm_hashmap_put(pm_hashmap *m, const void *key, size_t key_len, void *value);
/* NULL when absent. */
void *pm_hashmap_get(const pm_hashmap *m, const void *key, size_t key_len);
/* Removes the key; returns its value or NULL. */
void *pm_hashmap_remove(pm_hashmap *m, const void *key, size_t key_len);

/* Iteration: for (size_t i = 0; i < m.cap; i++) if (pm_hashmap_slot_live(&m.slots[i])) ... */
static inline bool pm_hashmap_slot_live(const pm_hashmap_slot *s) {
    return s->key != NULL && !s->tombstone;
}

#endif
