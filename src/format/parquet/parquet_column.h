/*
 * parquet_column.h - decoding one leaf column of a Parquet file into a pm_col.
 *
 * A pm_pq_leaf reads the column chunks of one leaf, row group after row group: page headers,
 * decompression, levels and values in every encoding, converted straight into the Arrow buffers
 * of the requested Paimon type. Values of one call land densely first and are then spread over
 * their slots when there are nulls, so pages without nulls take the plain bulk path.
 *
 * Which level entries make a slot in the output column is decided by the leaf's position in the
 * requested tree (see parquet_assemble.c): an entry with def == max_def carries a value; one
 * with rep <= slot_rep and def >= slot_def is a null slot; any other entry belongs to an empty
 * or null list above the leaf and makes no slot.
 */
#ifndef PM_FORMAT_PARQUET_COLUMN_H
#define PM_FORMAT_PARQUET_COLUMN_H

#include "codec/codec.h"
#include "data/arrow_builder.h"
#include "format/parquet/parquet_encoding.h"
#include "format/parquet/parquet_schema.h"
#include "io/fs.h"
#include "util/endian.h"

#include <string.h>

/* Limits on what one page may announce, so a corrupt header cannot make us allocate wildly. */
#define PM_PQ_MAX_PAGE_BYTES (256u << 20)
#define PM_PQ_MAX_PAGE_VALUES (1u << 26)
/* Spare bytes kept after string data so short values copy as fixed 16/32-byte moves. */
#define PM_PQ_COPY_SLACK 32

/* How physical values become the requested type. */
typedef enum pm_pq_conv {
    PM_PQC_BOOL,
    PM_PQC_COPY,       /* same width, same meaning */
    PM_PQC_I32_I8,
    PM_PQC_I32_I16,
    PM_PQC_I32_I64,
    PM_PQC_U32_I64,
    PM_PQC_I64_MUL,    /* timestamp to a finer unit */
    PM_PQC_I64_DIV,    /* timestamp to a coarser unit (floor) */
    PM_PQC_I64_DIV_I32, /* TIME micros/nanos to millis */
    PM_PQC_INT96,      /* INT96 timestamp to the unit in `unit` */
    PM_PQC_F32_F64,
    PM_PQC_I32_DEC,
    PM_PQC_U32_DEC,
    PM_PQC_I64_DEC,
    PM_PQC_U64_DEC,
    PM_PQC_BE_DEC,     /* FIXED_LEN_BYTE_ARRAY or BYTE_ARRAY big-endian unscaled value */
    PM_PQC_BYTES,      /* BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY to a string/binary column */
} pm_pq_conv;

typedef struct pm_pq_leaf {
    /* what to read (set by the planner) */
    const pm_pq_node *node;
    const char *name;   /* column path for messages */
    int column;         /* leaf index = column chunk index */
    int phys;
    int32_t type_length;
    int max_def, max_rep;
    int slot_def, slot_rep;
    pm_pq_conv conv;
    int64_t factor;
    pm_time_unit unit;  /* INT96 */
    pm_col *col;        /* destination, inside the field's column tree */
    bool keep_levels;   /* an ancestor needs this batch's levels */
    pm_buf_pool *pool;  /* the reader's (borrowed), or NULL */

    /* column chunk */
    pm_buf chunk;
    size_t chunk_pos;
    pm_codec codec;
    bool codec_none;
    bool chunk_loaded;

    /* dictionary, already converted to the requested type */
    bool has_dict;
    pm_col dict;
    bool dict_init;

    /* current data page */
    pm_buf page_buf;     /* decompressed page or values section */
    pm_buf level_buf;    /* def levels then rep levels (page_n each) */
    const uint8_t *defs; /* NULL: every entry has def == max_def */
    const uint8_t *reps; /* NULL: every entry has rep == 0 */
    size_t page_n;       /* entries (level values) in the page */
    size_t page_pos;     /* entries consumed */
    size_t page_values;  /* non-null values in the page */
    int encoding;
    const uint8_t *data; /* values section */
    size_t data_len;
    size_t vpos;         /* PLAIN: bytes (bits for BOOLEAN) consumed; others: values consumed */
    pm_pq_rle rle;
    pm_pq_delta delta;
    pm_buf views;        /* DELTA_*BYTE_ARRAY: uint32 offsets into view_data (values + 1) */
    pm_buf view_data;    /* DELTA_BYTE_ARRAY: the reconstructed values */
    const uint8_t *view_base;

    /* levels of the current batch (keep_levels) */
    pm_buf bdef, brep;
    size_t bn;

    pm_buf scratch;
    pm_buf scratch2;
} pm_pq_leaf;

/* Chooses the conversion from the leaf's Parquet type to `target`; EUNSUPPORTED naming the
 * column and both types when there is none. */
int pm_pq_leaf_plan(pm_pq_leaf *leaf, const pm_pq_node *node, const pm_type *target,
                    const char *name, paimon_error *err);
void pm_pq_leaf_dispose(pm_pq_leaf *leaf);

/* Loads the leaf's column chunk of one row group (the whole chunk, one pread). */
int pm_pq_leaf_open_chunk(pm_pq_leaf *leaf, pm_file *file, uint64_t file_size,
                          const pm_pq_column_chunk *cc, paimon_error *err);

/* Appends the next `rows` rows of the chunk to leaf->col (and their levels to bdef/brep when
 * keep_levels; bn is reset first). */
int pm_pq_leaf_read(pm_pq_leaf *leaf, size_t rows, pm_codec_ctx *ctx, paimon_error *err);

#endif

/* ---- internal: shared by parquet_convert.c, parquet_page.c, parquet_values.c and
 * parquet_column.c ---- */

/* Bytes of one physical value (0 for BYTE_ARRAY and BOOLEAN). */
size_t pm_pq_phys_width(const pm_pq_leaf *leaf);
/* Converts n fixed-width physical values at src into target values at dst (target width). */
int pm_pq_convert_fixed(const pm_pq_leaf *leaf, const uint8_t *src, size_t n, uint8_t *dst,
                        paimon_error *err);
/* Appends one byte-array value (BYTE_ARRAY or FLBA) as the n-th dense value of dst. */
int pm_pq_convert_bytes(const pm_pq_leaf *leaf, const uint8_t *p, size_t len, pm_col *dst,
                        size_t index, paimon_error *err);
/* Loads the next data page (dictionary pages on the way are decoded); *got = false at the end
 * of the chunk. */
int pm_pq_page_next(pm_pq_leaf *leaf, pm_codec_ctx *ctx, bool *got, paimon_error *err);
/* Decodes PLAIN values [*pos..] of data into dst at dense positions dst->length.. (not
 * advanced). */
int pm_pq_plain_decode(pm_pq_leaf *leaf, const uint8_t *data, size_t len, size_t *pos,
                       pm_col *dst, size_t n, paimon_error *err);
/* Decodes the next n values of the current page into dst densely from dst->length. */
int pm_pq_values_decode(pm_pq_leaf *leaf, pm_col *dst, size_t n, paimon_error *err);
/* Sets b's length to n for content the caller overwrites completely: unlike pm_buf_resize it
 * does not zero the bytes (a per-page memset showed up in profiles). */
static inline int pm_pq_buf_size(pm_buf *b, size_t n) {
    if (n > b->cap) {
        b->len = 0;
        if (pm_buf_reserve(b, n) != PAIMON_OK)
            return PAIMON_ENOMEM;
    }
    b->len = n;
    return PAIMON_OK;
}

/* Remainder in [0, d) for d > 0. pm_floor_mod multiplies the floored quotient back, which
 * overflows for values near INT64_MIN; files may hold any bit pattern. */
static inline int64_t pm_pq_mod(int64_t a, int64_t d) {
    int64_t r = a % d;
    return r < 0 ? r + d : r;
}

/* Copies a string of l bytes where both sides have at least `room` readable/writable bytes:
 * short strings move as one or two fixed 16-byte copies instead of a libc call. */
static inline void pm_pq_copy_short(uint8_t *dst, const uint8_t *src, size_t l, size_t room) {
    if (l <= 16 && room >= 16)
        memcpy(dst, src, 16);
    else if (l <= 32 && room >= 32)
        memcpy(dst, src, 32);
    else
        memcpy(dst, src, l);
}

/* Writes offset `end` as the end of the dense value `index` (from dst->length) of a VARBIN
 * column. */
static inline int pm_pq_set_offset(pm_col *dst, size_t index, size_t end) {
    if (end > INT32_MAX)
        return PAIMON_ELIMIT;
    pm_store_le32(dst->offsets.data + ((size_t)dst->length + index + 1) * 4, (uint32_t)end);
    return PAIMON_OK;
}
