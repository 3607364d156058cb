/*
 * parquet_encode.h - the writer's integer encodings (Encodings.md): the RLE/bit-packed hybrid for
 * repetition and definition levels and dictionary indices, and PLAIN booleans.
 *
 * The hybrid encoder makes the runs parquet-mr makes (see parquet_encode.c): repeated runs for
 * values repeated 8 times from a group boundary, bit-packed groups of 8 for the rest; zero
 * padding only ever ends the stream (where the reader knows the value count).
 */
#ifndef PM_FORMAT_PARQUET_ENCODE_H
#define PM_FORMAT_PARQUET_ENCODE_H

#include "util/buf.h"

#include <stddef.h>
#include <stdint.h>

/* Bits needed to store every value 0..max (0 when max is 0). */
int pm_pq_bit_width(uint32_t max);

/* Appends the hybrid encoding of n values of `bw` bits (0..32). `values` holds n elements of
 * `elem_size` bytes (1: uint8_t levels, 4: uint32_t dictionary indices). Returns PAIMON_OK or
 * PAIMON_ENOMEM. */
int pm_pq_hybrid_append(pm_buf *out, const void *values, size_t elem_size, size_t n, int bw);

/* Data page v1 levels: a 4-byte little-endian byte count, then the hybrid runs of n levels of
 * bit_width(max_level) bits. */
int pm_pq_levels_append(pm_buf *out, const uint8_t *levels, size_t n, int max_level);

/* PLAIN booleans: n values (0 or 1, one byte each) bit-packed LSB first. */
int pm_pq_bools_append(pm_buf *out, const uint8_t *values, size_t n);

#endif
