/*
 * parquet_dict.c - dictionary of a column chunk (see parquet_dict.h): insertion-ordered PLAIN
 * entries plus a linear-probing table of entry numbers, kept at most half full.
 */
#include "format/parquet/parquet_dict.h"

#include "util/endian.h"
#include "util/mem.h"

#include <string.h>

void pm_pq_dict_init(pm_pq_dict *d, size_t width) {
    memset(d, 0, sizeof *d);
    d->width = width;
}

void pm_pq_dict_dispose(pm_pq_dict *d) {
    pm_buf_dispose(&d->plain);
    pm_free(d->starts);
    pm_free(d->slots);
    pm_pq_dict_init(d, d->width);
}

void pm_pq_dict_clear(pm_pq_dict *d) {
    d->plain.len = 0;
    d->count = 0;
    if (d->slots != NULL)
        memset(d->slots, 0, d->slot_count * sizeof *d->slots);
}

/* A multiply-xorshift hash over 8-byte words (a tail shorter than 8 bytes is zero-extended). */
static uint64_t hash_bytes(const uint8_t *p, size_t n) {
    uint64_t h = 0x9e3779b97f4a7c15ull ^ n;
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 29;
        p += 8;
        n -= 8;
    }
    if (n > 0) {
        uint64_t w = 0;
        memcpy(&w, p, n);
        h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
    }
    h ^= h >> 32;
    h *= 0xd6e8feb86659fd93ull;
    return h ^ (h >> 32);
}

const uint8_t *pm_pq_dict_value(const pm_pq_dict *d, uint32_t entry, size_t *n) {
    if (d->width > 0) {
        *n = d->width;
        return d->plain.data + (size_t)entry * d->width;
    }
    const uint8_t *p = d->plain.data + d->starts[entry];
    *n = pm_load_le32(p);
    return p + 4;
}

static bool entry_equals(const pm_pq_dict *d, uint32_t entry, const uint8_t *p, size_t n) {
    size_t len;
    const uint8_t *v = pm_pq_dict_value(d, entry, &len);
    return len == n && (n == 0 || memcmp(v, p, n) == 0);
}

static int grow_slots(pm_pq_dict *d) {
    size_t count = d->slot_count ? d->slot_count * 2 : 256;
    uint32_t *slots = pm_calloc(count, sizeof *slots);
    if (slots == NULL)
        return PAIMON_ENOMEM;
    for (uint32_t e = 0; e < d->count; e++) {
        size_t n;
        const uint8_t *v = pm_pq_dict_value(d, e, &n);
        size_t i = (size_t)hash_bytes(v, n) & (count - 1);
        while (slots[i] != 0)
            i = (i + 1) & (count - 1);
        slots[i] = e + 1;
    }
    pm_free(d->slots);
    d->slots = slots;
    d->slot_count = count;
    return PAIMON_OK;
}

int pm_pq_dict_put(pm_pq_dict *d, const uint8_t *p, size_t n, uint32_t *entry) {
    if ((d->count + 1) * 2 > d->slot_count)
        PM_TRY(grow_slots(d));
    size_t mask = d->slot_count - 1;
    size_t i = (size_t)hash_bytes(p, n) & mask;
    for (; d->slots[i] != 0; i = (i + 1) & mask) {
        if (entry_equals(d, d->slots[i] - 1, p, n)) {
            *entry = d->slots[i] - 1;
            return PAIMON_OK;
        }
    }
    if (d->width == 0) {
        if (d->count == d->starts_cap) {
            size_t cap = d->starts_cap ? d->starts_cap * 2 : 256;
            uint32_t *starts = pm_realloc_array(d->starts, cap, sizeof *starts);
            if (starts == NULL)
                return PAIMON_ENOMEM;
            d->starts = starts;
            d->starts_cap = cap;
        }
        uint8_t len[4];
        pm_store_le32(len, (uint32_t)n);
        PM_TRY(pm_buf_reserve(&d->plain, 4 + n));
        d->starts[d->count] = (uint32_t)d->plain.len;
        pm_buf_append(&d->plain, len, 4);
    } else {
        PM_TRY(pm_buf_reserve(&d->plain, n));
    }
    if (n > 0)
        pm_buf_append(&d->plain, p, n);
    d->slots[i] = (uint32_t)d->count + 1;
    *entry = (uint32_t)d->count++;
    return PAIMON_OK;
}

void pm_pq_dict_truncate(pm_pq_dict *d, size_t count) {
    if (count >= d->count)
        return;
    d->plain.len = d->width > 0 ? count * d->width : d->starts[count];
    d->count = count;
    pm_free(d->slots);
    d->slots = NULL;
    d->slot_count = 0;
}
