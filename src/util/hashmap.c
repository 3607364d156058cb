/* hashmap.c - linear probing with tombstones; FNV-1a hashing with a final avalanche. */
#include "util/hashmap.h"

#include "util/mem.h"

#include <string.h>

void pm_hashmap_init(pm_hashmap *m) { memset(m, 0, sizeof *m); }

void pm_hashmap_dispose(pm_hashmap *m) {
    pm_free(m->slots);
    memset(m, 0, sizeof *m);
}

uint64_t pm_hash_bytes(const void *data, size_t len) {
    const uint8_t *p = data;
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ull;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
}

static pm_hashmap_slot *find_slot(const pm_hashmap *m, const void *key, size_t key_len,
                                  uint64_t hash, bool for_insert) {
    size_t mask = m->cap - 1;
    pm_hashmap_slot *first_tombstone = NULL;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        pm_hashmap_slot *s = &m->slots[i];
        if (s->key == NULL)
            return for_insert && first_tombstone ? first_tombstone : (for_insert ? s : NULL);
        if (s->tombstone) {
            if (first_tombstone == NULL)
                first_tombstone = s;
            continue;
        }
        if (s->hash == hash && s->key_len == key_len && memcmp(s->key, key, key_len) == 0)
            return s;
    }
}

static int grow(pm_hashmap *m) {
    size_t cap = m->cap ? m->cap * 2 : 16;
    pm_hashmap_slot *slots = pm_calloc(cap, sizeof *slots);
    if (slots == NULL)
        return PAIMON_ENOMEM;
    pm_hashmap old = *m;
    m->slots = slots;
    m->cap = cap;
    m->count = 0;
    m->used = 0;
    for (size_t i = 0; i < old.cap; i++) {
        pm_hashmap_slot *s = &old.slots[i];
        if (pm_hashmap_slot_live(s)) {
            pm_hashmap_slot *d = find_slot(m, s->key, s->key_len, s->hash, true);
            *d = *s;
            m->count++;
            m->used++;
        }
    }
    pm_free(old.slots);
    return PAIMON_OK;
}

int pm_hashmap_put(pm_hashmap *m, const void *key, size_t key_len, void *value) {
    if ((m->used + 1) * 4 > m->cap * 3 && grow(m) != PAIMON_OK)
        return PAIMON_ENOMEM;
    uint64_t hash = pm_hash_bytes(key, key_len);
    pm_hashmap_slot *s = find_slot(m, key, key_len, hash, true);
    if (s->key != NULL && !s->tombstone) {
        s->value = value;
        return PAIMON_OK;
    }
    if (s->key == NULL)
        m->used++;
    s->key = key != NULL ? key : (const void *)"";
    s->key_len = key_len;
    s->hash = hash;
    s->value = value;
    s->tombstone = false;
    m->count++;
    return PAIMON_OK;
}

void *pm_hashmap_get(const pm_hashmap *m, const void *key, size_t key_len) {
    if (m->cap == 0)
        return NULL;
    pm_hashmap_slot *s = find_slot(m, key, key_len, pm_hash_bytes(key, key_len), false);
    return s ? s->value : NULL;
}

void *pm_hashmap_remove(pm_hashmap *m, const void *key, size_t key_len) {
    if (m->cap == 0)
        return NULL;
    pm_hashmap_slot *s = find_slot(m, key, key_len, pm_hash_bytes(key, key_len), false);
    if (s == NULL)
        return NULL;
    void *value = s->value;
    s->tombstone = true;
    s->value = NULL;
    m->count--;
    return value;
}
