/*
 * orc_wrle.h - encoders for the ORC run-length encodings (the writer's side of orc_rle.h):
 * byte RLE, boolean bit streams, and integer RLE v2 using short repeat, direct and delta runs.
 * Values are buffered up to one run (512) and flushed into a pm_buf.
 */
#ifndef PM_FORMAT_ORC_WRLE_H
#define PM_FORMAT_ORC_WRLE_H

#include "util/buf.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct pm_orc_byte_enc {
    pm_buf *out;
    uint8_t pending[128];
    size_t count;
} pm_orc_byte_enc;

void pm_orc_byte_enc_init(pm_orc_byte_enc *e, pm_buf *out);
int pm_orc_byte_enc_add(pm_orc_byte_enc *e, uint8_t v);
int pm_orc_byte_enc_flush(pm_orc_byte_enc *e);

typedef struct pm_orc_bool_enc {
    pm_orc_byte_enc bytes;
    uint8_t current;
    unsigned bits;
} pm_orc_bool_enc;

void pm_orc_bool_enc_init(pm_orc_bool_enc *e, pm_buf *out);
int pm_orc_bool_enc_add(pm_orc_bool_enc *e, bool v);
int pm_orc_bool_enc_flush(pm_orc_bool_enc *e);

typedef struct pm_orc_int_enc {
    pm_buf *out;
    bool is_signed;
    size_t count;
    int64_t pending[512];
} pm_orc_int_enc;

void pm_orc_int_enc_init(pm_orc_int_enc *e, pm_buf *out, bool is_signed);
int pm_orc_int_enc_add(pm_orc_int_enc *e, int64_t v);
int pm_orc_int_enc_flush(pm_orc_int_enc *e);
/* Encodes n values at once (tests and bulk paths). */
int pm_orc_int_enc_add_all(pm_orc_int_enc *e, const int64_t *v, size_t n);

#endif
