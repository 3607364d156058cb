/*
 * parquet_dict.h - the dictionary of one column chunk being written.
 *
 * Entries are kept in insertion order, PLAIN-encoded back to back (fixed-width values as their
 * bytes, BYTE_ARRAY values behind a 4-byte length), which is exactly the payload of the
 * dictionary page; an open-addressing table finds the entry of a value. Entry numbers are the
 * indices data pages store.
 */
#ifndef PM_FORMAT_PARQUET_DICT_H
#define PM_FORMAT_PARQUET_DICT_H

#include "util/buf.h"

#include <stddef.h>
#include <stdint.h>

typedef struct pm_pq_dict {
    size_t width;      /* bytes per value; 0 = BYTE_ARRAY */
    pm_buf plain;      /* the entries, PLAIN-encoded */
    uint32_t *starts;  /* BYTE_ARRAY: offset of each entry (its length prefix) in `plain` */
    size_t starts_cap;
    size_t count;
    uint32_t *slots;   /* entry + 1; 0 = free */
    size_t slot_count; /* power of two, or 0 */
} pm_pq_dict;

void pm_pq_dict_init(pm_pq_dict *d, size_t width);
void pm_pq_dict_dispose(pm_pq_dict *d);
/* Empties the dictionary, keeping its allocations. */
void pm_pq_dict_clear(pm_pq_dict *d);

/* The entry holding the n bytes at p (n == width for fixed-width dictionaries), added when
 * new. Returns PAIMON_OK or PAIMON_ENOMEM. */
int pm_pq_dict_put(pm_pq_dict *d, const uint8_t *p, size_t n, uint32_t *entry);

/* The value bytes of an entry. */
const uint8_t *pm_pq_dict_value(const pm_pq_dict *d, uint32_t entry, size_t *n);

/* Keeps the first `count` entries only (and their PLAIN bytes). */
void pm_pq_dict_truncate(pm_pq_dict *d, size_t count);

#endif
