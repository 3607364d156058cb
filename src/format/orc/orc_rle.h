/*
 * orc_rle.h - ORC's run-length encodings: byte RLE, boolean bit streams (on byte RLE), and
 * integer RLE version 1 and 2 (short repeat, direct, patched base, delta).
 *
 * Decoders work over a whole decompressed stream and keep the state of the current run, so a
 * column can be read in batches that split runs anywhere. Running out of input, runs longer than
 * the values asked for, bad bit widths and patch lists that point outside their run are
 * PAIMON_ECORRUPT; nothing is read past `end`.
 */
#ifndef PM_FORMAT_ORC_RLE_H
#define PM_FORMAT_ORC_RLE_H

#include "util/error.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PM_ORC_RLE_MAX_RUN 512

typedef struct pm_orc_byte_rle {
    const uint8_t *p;
    const uint8_t *end;
    size_t remaining; /* values left in the current run */
    bool repeat;      /* current run repeats `value`; otherwise literals follow at p */
    uint8_t value;
} pm_orc_byte_rle;

void pm_orc_byte_rle_init(pm_orc_byte_rle *r, const uint8_t *data, size_t len);
int pm_orc_byte_rle_read(pm_orc_byte_rle *r, uint8_t *out, size_t n, paimon_error *err);

/* Booleans: eight values per byte, most significant bit first, bytes in byte RLE. */
typedef struct pm_orc_bool_rle {
    pm_orc_byte_rle bytes;
    uint8_t current;
    unsigned bits_left;
} pm_orc_bool_rle;

void pm_orc_bool_rle_init(pm_orc_bool_rle *r, const uint8_t *data, size_t len);
/* Writes n values as 0/1 bytes. */
int pm_orc_bool_rle_read(pm_orc_bool_rle *r, uint8_t *out, size_t n, paimon_error *err);

typedef struct pm_orc_int_rle {
    const uint8_t *p;
    const uint8_t *end;
    bool is_signed;
    uint8_t version; /* 1 or 2 */
    bool fixed;      /* current run is value, value + delta, ... */
    size_t remaining;
    uint64_t value;  /* fixed runs: the next value (two's complement arithmetic) */
    uint64_t delta;
    size_t lit_pos;  /* literal runs: next index into lit */
    int64_t lit[PM_ORC_RLE_MAX_RUN];
} pm_orc_int_rle;

void pm_orc_int_rle_init(pm_orc_int_rle *r, const uint8_t *data, size_t len, int version,
                         bool is_signed);
int pm_orc_int_rle_read(pm_orc_int_rle *r, int64_t *out, size_t n, paimon_error *err);

/* Bit width of a 5-bit RLEv2 width code (delta runs map code 0 to width 0 themselves). */
unsigned pm_orc_rle_decode_width(unsigned code);

#endif
