/*
 * parquet_write.h - the Parquet writer's internals, shared by its parts:
 *
 *   parquet_write_schema.c  Paimon fields -> Parquet schema elements and the shredding tree
 *   parquet_write_column.c  one leaf column: values, levels, dictionary, pages, chunk
 *   parquet_write_stats.c   min/max/null statistics: tracking, merging, Thrift, Paimon datums
 *   parquet_writer.c        the public API: Arrow batches -> levels, row groups, footer
 * with parquet_thrift_write.c (Thrift compact encoder), parquet_encode.c (RLE/bit-packed
 * hybrid) and parquet_dict.c (the dictionary of a chunk).
 *
 * The schema is a tree of nodes mirroring the Paimon types. Every leaf node owns a column writer
 * (one column chunk per row group). Shredding a row walks the tree with the Arrow arrays and
 * hands each leaf its (repetition level, definition level, value) entries.
 */
#ifndef PM_FORMAT_PARQUET_WRITE_H
#define PM_FORMAT_PARQUET_WRITE_H

#include "codec/codec.h"
#include "format/parquet/parquet.h"
#include "format/parquet/parquet_dict.h"
#include "format/parquet/parquet_meta.h"
#include "format/parquet/parquet_thrift_write.h"
#include "util/arena.h"
#include "util/buf.h"

#include <stdbool.h>
#include <stdint.h>

/* ---- statistics ---- */

/* How values of a column compare (parquet.thrift's type-defined orders). */
typedef enum pm_pqw_order {
    PM_PQW_ORDER_NONE,     /* INT96: no order; bounds are kept (bytewise) only to tell
                              whether all values are equal, the one case parquet-mr writes
                              them in */
    PM_PQW_ORDER_BOOL,     /* false < true */
    PM_PQW_ORDER_INT,      /* INT32, INT64: signed */
    PM_PQW_ORDER_FLOAT,    /* FLOAT, DOUBLE: numeric, NaN ignored */
    PM_PQW_ORDER_BYTES,    /* BYTE_ARRAY: unsigned lexicographic */
    PM_PQW_ORDER_SIGNED_BE, /* FIXED_LEN_BYTE_ARRAY decimals: big-endian two's complement */
} pm_pqw_order;

typedef struct pm_pqw_stats {
    int64_t nulls;
    bool has;          /* min/max hold a value */
    int64_t imin, imax; /* BOOL, INT */
    double dmin, dmax;  /* FLOAT */
    pm_buf bmin, bmax;  /* BYTES, SIGNED_BE */
} pm_pqw_stats;

void pm_pqw_stats_reset(pm_pqw_stats *s);
void pm_pqw_stats_dispose(pm_pqw_stats *s);
int pm_pqw_stats_bytes(pm_pqw_stats *s, pm_pqw_order order, const uint8_t *p, size_t n);
/* Folds `src` into `dst`. */
int pm_pqw_stats_merge(pm_pqw_stats *dst, const pm_pqw_stats *src, pm_pqw_order order);

static inline void pm_pqw_stats_int(pm_pqw_stats *s, int64_t v) {
    if (!s->has) {
        s->imin = s->imax = v;
        s->has = true;
    } else if (v < s->imin) {
        s->imin = v;
    } else if (v > s->imax) {
        s->imax = v;
    }
}

static inline void pm_pqw_stats_float(pm_pqw_stats *s, double v) {
    if (v != v)
        return; /* NaN never becomes a bound */
    if (!s->has) {
        s->dmin = s->dmax = v;
        s->has = true;
    } else if (v < s->dmin) {
        s->dmin = v;
    } else if (v > s->dmax) {
        s->dmax = v;
    }
}

/* The PLAIN bytes of the bounds (float zeros widened to -0.0 / +0.0 as parquet.thrift asks);
 * false when there are none. `tmp_min` / `tmp_max` hold 8 bytes each. */
bool pm_pqw_stats_bounds(const pm_pqw_stats *s, pm_pqw_order order, int phys,
                         uint8_t *tmp_min, uint8_t *tmp_max, const uint8_t **min, size_t *min_len,
                         const uint8_t **max, size_t *max_len);

/* Writes a Statistics struct as field `id`: null_count, min_value/max_value, and the legacy
 * min/max where Java's parquet-mr writes them (signed orders, or min == max). */
void pm_pqw_stats_write(pm_tw *tw, int16_t id, const pm_pqw_stats *s, pm_pqw_order order,
                        int phys, bool legacy_ok);

/* Statistics of a leaf as pm_column_stats in its Paimon type (byte payloads borrow from s). */
void pm_pqw_stats_to_column(const pm_pqw_stats *s, pm_pqw_order order, const pm_type *type,
                            pm_column_stats *out);

/* ---- columns ---- */

/* Where a leaf's values come from in its Arrow array. */
typedef enum pm_pqw_source {
    PM_PQW_SRC_BOOL,    /* bits */
    PM_PQW_SRC_I8,
    PM_PQW_SRC_I16,
    PM_PQW_SRC_I32,
    PM_PQW_SRC_I64,
    PM_PQW_SRC_F32,
    PM_PQW_SRC_F64,
    PM_PQW_SRC_DEC,     /* decimal128 -> INT32, INT64 or FIXED_LEN_BYTE_ARRAY */
    PM_PQW_SRC_NANOS,   /* int64 nanoseconds -> INT96 */
    PM_PQW_SRC_BYTES,   /* int32 offsets + bytes */
} pm_pqw_source;

typedef struct pm_pqw_column {
    /* ---- fixed ---- */
    const pm_type *type;   /* Paimon type of the values */
    const char *name;      /* dotted path, for messages */
    const char **path;     /* path_in_schema */
    size_t path_len;
    int phys;
    int32_t type_length;   /* FIXED_LEN_BYTE_ARRAY */
    size_t width;          /* PLAIN bytes per value (0 for BYTE_ARRAY, BOOLEAN) */
    pm_pqw_source source;
    pm_pqw_order order;
    bool legacy_stats;     /* the sort order is signed: legacy min/max may be written */
    int max_def, max_rep;
    bool use_dict;         /* dictionary encoding enabled for this column */

    /* ---- the current page ---- */
    pm_buf defs, reps;     /* one byte per entry (only when the max level is > 0) */
    pm_buf values;         /* PLAIN values (BOOLEAN: one byte each) */
    pm_buf indices;        /* uint32 dictionary entries */
    size_t entries;        /* levels in the page */
    size_t rows;           /* rows (entries with repetition level 0) started in the page */
    size_t plain_bytes;    /* the values' raw size, as parquet-mr counts it */
    pm_pqw_stats page_stats;

    /* ---- the current chunk ---- */
    pm_pq_dict dict;
    bool dict_active;      /* values go to the dictionary */
    bool first_page;       /* no page of this chunk flushed yet */
    size_t dict_used;      /* entries referenced by flushed pages */
    pm_buf pages;          /* data pages (headers and payloads) */
    int64_t chunk_values;
    int64_t chunk_raw;     /* uncompressed bytes of the data pages, headers included */
    int32_t dict_pages_written, plain_pages_written;
    pm_pqw_stats chunk_stats;
    pm_buf raw, comp;      /* scratch */

    /* ---- the file ---- */
    pm_pqw_stats file_stats;
} pm_pqw_column;

/* Appends one entry: a value (def == max_def) taken from `a` at logical index i, or a null /
 * empty position at level `def`. `rep == 0` starts a row, which may first close the page. */
int pm_pqw_column_null(pm_parquet_writer *w, pm_pqw_column *c, int rep, int def,
                       paimon_error *err);
int pm_pqw_column_value(pm_parquet_writer *w, pm_pqw_column *c, int rep,
                        const struct ArrowArray *a, int64_t i, paimon_error *err);
/* A top-level column of a flat type (max_rep 0): rows [start, start + n) of `a`. */
int pm_pqw_column_flat(pm_parquet_writer *w, pm_pqw_column *c, const struct ArrowArray *a,
                       int64_t start, int64_t n, paimon_error *err);
/* Closes the current page (if it holds entries). */
int pm_pqw_column_flush_page(pm_parquet_writer *w, pm_pqw_column *c, paimon_error *err);
/* Buffered bytes of the column: flushed pages plus an estimate of the open page and dictionary. */
size_t pm_pqw_column_buffered(const pm_pqw_column *c);

/* The column chunk as written into the file (kept until the footer is written). */
typedef struct pm_pqw_chunk_meta {
    int64_t dict_offset;   /* -1 without a dictionary page */
    int64_t data_offset;
    int64_t values;
    int64_t raw_size, comp_size;
    int32_t dict_pages, plain_pages;
    bool has_dict_encoding;
    pm_pqw_stats stats;
} pm_pqw_chunk_meta;

/* Appends the chunk (dictionary page first, then the data pages) to the file and resets the
 * column for the next row group. */
int pm_pqw_column_finish_chunk(pm_parquet_writer *w, pm_pqw_column *c,
                               pm_pqw_chunk_meta *meta, paimon_error *err);
void pm_pqw_column_dispose(pm_pqw_column *c);

/* ---- schema ---- */

typedef enum pm_pqw_kind {
    PM_PQW_LEAF,
    PM_PQW_ROW,
    PM_PQW_LIST,
    PM_PQW_MAP, /* MAP and MULTISET: children key, value */
} pm_pqw_kind;

typedef struct pm_pqw_node pm_pqw_node;
struct pm_pqw_node {
    pm_pqw_kind kind;
    const char *name;     /* for messages */
    bool nullable;        /* OPTIONAL: a null takes a definition level */
    int def;              /* definition level of a present value of this node */
    int rep;              /* LIST / MAP: repetition level of the repeated group */
    pm_pqw_node *children;
    size_t child_count;
    size_t first_leaf, leaf_count; /* the leaves below, as column indices */
};

/* The writer's schema: footer elements in pre-order, the shredding tree of each top-level
 * field, and the leaves in column order. */
typedef struct pm_pqw_schema {
    pm_pq_schema_elem *elems;
    size_t elem_count, elem_cap;
    pm_pqw_node *roots;    /* one per top-level field */
    size_t root_count;
    pm_pqw_column *columns;
    size_t column_count, column_cap;
    pm_arena arena;        /* nodes, names and paths */
} pm_pqw_schema;

/* `dictionary`: dictionary-encode the columns whose type parquet-mr's v1 writer would. */
int pm_pqw_schema_build(pm_pqw_schema *s, const pm_field *fields, size_t count, bool field_ids,
                        bool dictionary, paimon_error *err);
void pm_pqw_schema_dispose(pm_pqw_schema *s);
/* Writes the schema list (FileMetaData field 2). */
void pm_pqw_schema_write(pm_tw *tw, const pm_pqw_schema *s);

/* ---- the writer ---- */

struct pm_parquet_writer {
    pm_parquet_write_options opts;
    pm_type *row;          /* ROW of a copy of the fields */
    pm_pqw_schema schema;
    pm_codec_ctx *codec_ctx;
    int pq_codec;          /* CompressionCodec of the footer */
    pm_buf file;           /* the file from offset file_base on */
    int64_t file_base;     /* bytes already handed out by pm_parquet_writer_drain */
    /* Row groups written so far: rows and their chunks (column_count each). */
    int64_t *rg_rows;
    int64_t *rg_offsets;
    pm_pqw_chunk_meta *chunks;
    size_t rg_count, rg_cap;
    int64_t rows;          /* rows in the open row group */
    int64_t total_rows;
    bool finished;
    bool failed;
};

#endif
