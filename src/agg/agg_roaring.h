/*
 * agg_roaring.h - RoaringBitmap containers as Java's org.roaringbitmap 1.2.1 handles them, shared
 * by rbm32 (agg_bitmap.c, portable format) and rbm64 (agg_rbm64.c, Roaring64Bitmap's format):
 * both formats store a container's values the same way (little-endian arrays of 16-bit values,
 * 1024 little-endian 64-bit words, or a run count and (start, length - 1) pairs).
 */
#ifndef PM_AGG_ROARING_H
#define PM_AGG_ROARING_H

#include "agg/agg_internal.h"

#define ARRAY_MAX 4096
#define WORDS 1024

enum { T_ARRAY, T_BITMAP, T_RUN };

typedef struct rb_container {
    uint16_t key;
    uint8_t type;
    uint32_t card;
    uint32_t runs; /* T_RUN: number of runs */
    const uint8_t *data;
} rb_container;

typedef struct rb_out {
    uint16_t key;
    uint8_t type;
    uint32_t card, runs;
} rb_out;

/* ORs a container's values into `words`; a container contradicting its header (cardinality,
 * order, runs past the end) is corrupt, reported as "<fn>: <which> bitmap: ...". */
int agg_rb_fill(uint64_t *words, const rb_container *c, const char *fn, const char *which,
                paimon_error *err);
/* Cardinality and number of runs of a word set. */
void agg_rb_measure(const uint64_t *words, uint32_t *card, uint32_t *runs);
/* The container type Java's Container.ior leaves for acc.ior(in), given the union's cardinality
 * and runs. */
uint8_t agg_rb_ior_type(uint8_t acc, const rb_container *acc_c, uint8_t in, uint32_t card,
                        uint32_t runs);
/* Container.runOptimize's choice for a container of type `t`. */
uint8_t agg_rb_run_optimize(uint8_t t, uint32_t card, uint32_t runs);
/* Writes the container's values (no header) in type o->type. */
int agg_rb_write_container(pm_buf *out, const uint64_t *words, const rb_out *o);
uint32_t agg_rb_container_bytes(const rb_out *o);

#endif
