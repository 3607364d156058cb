/*
 * orc_column.h - decoding ORC column streams into Arrow builders of the requested Paimon types.
 *
 * A tree of pm_orc_column mirrors the requested type: each node knows its ORC column (or none,
 * when the file lacks it and the node reads as nulls), the streams of the current stripe and
 * their decoders. Reading n rows fills a pm_col; children of structs, lists and maps are read
 * for exactly the rows ORC stored for them (a child stream has no entries under a null parent).
 */
#ifndef PM_FORMAT_ORC_COLUMN_H
#define PM_FORMAT_ORC_COLUMN_H

#include "data/arrow_builder.h"
#include "data/type.h"
#include "format/orc/orc_footer.h"
#include "format/orc/orc_rle.h"
#include "format/orc/orc_tz.h"
#include "util/buf.h"

#include <stdbool.h>
#include <stdint.h>

/* Per-stripe stream loader supplied by the reader: fills `dst` with the decompressed stream of
 * (column, kind) and sets *found, or leaves *found false when the stripe has no such stream. */
typedef int (*pm_orc_stream_loader)(void *ctx, uint32_t column, uint32_t kind, pm_buf *dst,
                                    bool *found, paimon_error *err);

enum { PM_ORC_BUF_PRESENT, PM_ORC_BUF_DATA, PM_ORC_BUF_LENGTH, PM_ORC_BUF_SECONDARY,
       PM_ORC_BUF_DICT, PM_ORC_BUF_COUNT };

typedef struct pm_orc_column pm_orc_column;

struct pm_orc_column {
    const pm_type *target;   /* requested type (borrowed) */
    const char *name;        /* for error messages (borrowed) */
    int64_t orc_id;          /* -1: not in the file, reads as nulls */
    const pm_orc_type *otype;
    pm_orc_column *children; /* ROW: one per target field; ARRAY: 1; MAP/MULTISET: key, value */
    size_t child_count;

    /* Stripe state. */
    uint32_t encoding;
    bool has_present;
    pm_orc_bool_rle present;
    pm_orc_int_rle ints;      /* DATA of integer-like columns, dictionary indexes */
    pm_orc_int_rle lengths;   /* LENGTH of direct strings, lists and maps */
    pm_orc_int_rle secondary; /* timestamp nanos, decimal scales */
    pm_orc_byte_rle bytes;    /* tinyint DATA */
    pm_orc_bool_rle bools;    /* boolean DATA */
    const uint8_t *raw;       /* raw DATA: floats, string bytes, decimal varints */
    const uint8_t *raw_end;
    uint32_t dict_size;
    pm_buf dict_offsets;      /* uint32 x (dict_size + 1) into bufs[PM_ORC_BUF_DICT] */
    const pm_orc_tz *tz;      /* plain timestamps: the stripe's writer zone (NULL = UTC) */
    int64_t ts_base;          /* seconds of 2015-01-01 00:00 in the writer zone */

    pm_buf bufs[PM_ORC_BUF_COUNT];
    pm_buf valid;    /* uint8 per row of the current read */
    pm_buf scratch;  /* decoded values */
    pm_buf scratch2; /* second value array (timestamps, decimals) */
};

/* Builds the reader tree for `target` over ORC column `orc_id` (-1 = absent), checking that the
 * file's type converts to the requested one (PAIMON_EUNSUPPORTED naming the column if not). */
int pm_orc_column_build(pm_orc_column *c, const pm_orc_tail *tail, int64_t orc_id,
                        const pm_type *target, const char *name, int depth, paimon_error *err);
void pm_orc_column_dispose(pm_orc_column *c);

/* Binds the tree to a stripe: loads its streams and sets up decoders. `tz` is the stripe's
 * writer zone for plain timestamps. */
int pm_orc_column_start_stripe(pm_orc_column *c, const pm_orc_stripe_footer *footer,
                               const pm_orc_tz *tz, pm_orc_stream_loader load, void *load_ctx,
                               paimon_error *err);

/* Appends n rows to `out` (initialised for c->target). `parent_valid` (n flags or NULL) marks
 * rows whose parent is null: those rows have no entries in this column's streams. */
int pm_orc_column_read(pm_orc_column *c, pm_col *out, size_t n, const uint8_t *parent_valid,
                       paimon_error *err);

/* Finds the child of ORC struct `struct_id` named `name`; -1 when absent. */
int64_t pm_orc_struct_child(const pm_orc_tail *tail, uint32_t struct_id, const char *name);

#endif
