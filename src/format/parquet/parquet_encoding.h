/*
 * parquet_encoding.h - Parquet's integer encodings (Encodings.md): bit unpacking, the
 * RLE/bit-packed hybrid used for levels, dictionary indices and v2 booleans, and
 * DELTA_BINARY_PACKED (on its own and as the length stream of the DELTA_*_BYTE_ARRAY encodings).
 *
 * Decoders work on a window of untrusted bytes and never read past it: a value whose bits run
 * past the end is corruption. Bulk getters fill caller arrays so the hot loops stay free of
 * per-value calls.
 */
#ifndef PM_FORMAT_PARQUET_ENCODING_H
#define PM_FORMAT_PARQUET_ENCODING_H

#include "util/error.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Reads the `bw`-bit value (bw 0..64, LSB-first packing) at bit offset `bit` of [base, base+len);
 * the caller has checked that the bits are inside the window. */
uint64_t pm_pq_bits_at(const uint8_t *base, size_t len, uint64_t bit, int bw);

/* Unpacks n consecutive LSB-first values of bw bits (0..32) starting at bit 0 of `src`, which
 * holds at least ceil(n * bw / 8) bytes. */
void pm_pq_unpack32(const uint8_t *src, size_t src_len, int bw, uint32_t *out, size_t n);

/* ---- RLE / bit-packed hybrid ---- */

typedef struct pm_pq_rle {
    const uint8_t *p, *end; /* the unread runs */
    int bw;                 /* 0..32 */
    uint32_t run_left;      /* values left in the current run */
    bool literal;           /* current run is bit-packed */
    uint32_t value;         /* RLE run value */
    const uint8_t *lit;     /* bit-packed run data */
    size_t lit_len;         /* bytes of the bit-packed run */
    uint64_t lit_pos;       /* values consumed from the bit-packed run */
} pm_pq_rle;

void pm_pq_rle_init(pm_pq_rle *r, const uint8_t *data, size_t len, int bit_width);
/* Decodes exactly n values; PAIMON_ECORRUPT (with a message) if the runs end early or are
 * malformed. */
int pm_pq_rle_get_u32(pm_pq_rle *r, uint32_t *out, size_t n, paimon_error *err);
/* Levels: n values, each checked against max_level; *count_max receives how many equal it.
 * With `lazy`, out is left unwritten when all n levels equal max_level (then *count_max == n
 * tells the caller so). */
int pm_pq_rle_get_levels(pm_pq_rle *r, uint8_t *out, size_t n, int max_level, bool lazy,
                         size_t *count_max, paimon_error *err);

/* The deprecated BIT_PACKED level encoding (MSB-first, no runs): n values of bw bits. */
int pm_pq_bitpacked_msb_get_u8(const uint8_t *data, size_t len, int bw, uint8_t *out, size_t n,
                               paimon_error *err);

/* ---- DELTA_BINARY_PACKED ---- */

typedef struct pm_pq_delta {
    const uint8_t *p, *end;
    uint64_t block_size;
    uint64_t mini_count;
    uint64_t per_mini;   /* values per miniblock */
    uint64_t total;      /* values in the stream */
    uint64_t remaining;  /* values not yet returned */
    uint64_t last;       /* previous value (wrapping arithmetic) */
    bool first_pending;  /* the header's first value is not returned yet */
    int max_bw;          /* 32 for INT32 streams, 64 for INT64 */
    uint64_t min_delta;
    uint8_t widths[256];
    uint64_t mini_next;   /* next miniblock of the block to enter; mini_count = need a block */
    int cur_bw;           /* bit width of the current miniblock */
    const uint8_t *mini;  /* current miniblock's data (NULL before the first) */
    size_t mini_len;
    uint64_t mini_pos;    /* values consumed from the current miniblock */
} pm_pq_delta;

/* Reads the stream header. `max_bw` is 32 or 64. */
int pm_pq_delta_init(pm_pq_delta *d, const uint8_t *data, size_t len, int max_bw,
                     paimon_error *err);
/* Next n values (n <= remaining). */
int pm_pq_delta_get(pm_pq_delta *d, int64_t *out, size_t n, paimon_error *err);
/* Where the stream ends once every value was read (the DELTA_*_BYTE_ARRAY data follows). */
static inline const uint8_t *pm_pq_delta_end(const pm_pq_delta *d) { return d->p; }

#endif
