/*
 * orc_footer.h - the ORC file tail: PostScript, Footer (types, stripes, file statistics),
 * Metadata (stripe statistics) and stripe footers (streams, encodings, writer time zone).
 *
 * Everything is decoded into plain structs owned by an arena; strings point into it. Counts and
 * offsets are validated here (stripes inside the file, type tree well formed) so the column
 * layer can trust them.
 */
#ifndef PM_FORMAT_ORC_FOOTER_H
#define PM_FORMAT_ORC_FOOTER_H

#include "codec/codec.h"
#include "io/fs.h"
#include "util/arena.h"
#include "util/error.h"

#include <stdbool.h>
#include <stdint.h>

typedef enum pm_orc_kind {
    PM_ORC_BOOLEAN = 0,
    PM_ORC_BYTE = 1,
    PM_ORC_SHORT = 2,
    PM_ORC_INT = 3,
    PM_ORC_LONG = 4,
    PM_ORC_FLOAT = 5,
    PM_ORC_DOUBLE = 6,
    PM_ORC_STRING = 7,
    PM_ORC_BINARY = 8,
    PM_ORC_TIMESTAMP = 9,
    PM_ORC_LIST = 10,
    PM_ORC_MAP = 11,
    PM_ORC_STRUCT = 12,
    PM_ORC_UNION = 13,
    PM_ORC_DECIMAL = 14,
    PM_ORC_DATE = 15,
    PM_ORC_VARCHAR = 16,
    PM_ORC_CHAR = 17,
    PM_ORC_TIMESTAMP_INSTANT = 18,
} pm_orc_kind;

typedef enum pm_orc_stream_kind {
    PM_ORC_PRESENT = 0,
    PM_ORC_DATA = 1,
    PM_ORC_LENGTH = 2,
    PM_ORC_DICTIONARY_DATA = 3,
    PM_ORC_DICTIONARY_COUNT = 4,
    PM_ORC_SECONDARY = 5,
    PM_ORC_ROW_INDEX = 6,
    PM_ORC_BLOOM_FILTER = 7,
    PM_ORC_BLOOM_FILTER_UTF8 = 8,
} pm_orc_stream_kind;

typedef enum pm_orc_encoding_kind {
    PM_ORC_DIRECT = 0,
    PM_ORC_DICTIONARY = 1,
    PM_ORC_DIRECT_V2 = 2,
    PM_ORC_DICTIONARY_V2 = 3,
    PM_ORC_DECIMAL_64 = 4,
} pm_orc_encoding_kind;

typedef enum pm_orc_compression {
    PM_ORC_COMP_NONE = 0,
    PM_ORC_COMP_ZLIB = 1,
    PM_ORC_COMP_SNAPPY = 2,
    PM_ORC_COMP_LZO = 3,
    PM_ORC_COMP_LZ4 = 4,
    PM_ORC_COMP_ZSTD = 5,
} pm_orc_compression;

typedef struct pm_orc_type {
    uint32_t kind; /* pm_orc_kind */
    const uint32_t *subtypes;
    size_t subtype_count;
    const char *const *field_names; /* STRUCT: one per subtype */
    uint32_t max_length;
    uint32_t precision;
    uint32_t scale;
    bool has_field_id; /* the "paimon.id" attribute */
    int32_t field_id;
    uint32_t parent; /* filled by the tail reader; the root's parent is itself */
} pm_orc_type;

typedef struct pm_orc_stripe_info {
    uint64_t offset;
    uint64_t index_length;
    uint64_t data_length;
    uint64_t footer_length;
    uint64_t row_count;
} pm_orc_stripe_info;

/* ColumnStatistics, one per column (type id). Byte payloads point into the arena. */
typedef enum pm_orc_stats_kind {
    PM_ORC_STATS_NONE,
    PM_ORC_STATS_INT,
    PM_ORC_STATS_DOUBLE,
    PM_ORC_STATS_STRING,
    PM_ORC_STATS_BUCKET,
    PM_ORC_STATS_DECIMAL,
    PM_ORC_STATS_DATE,
    PM_ORC_STATS_BINARY,
    PM_ORC_STATS_TIMESTAMP,
} pm_orc_stats_kind;

typedef struct pm_orc_stats {
    bool has_value_count;
    uint64_t value_count; /* non-null values */
    bool has_null_flag;
    bool has_null;
    pm_orc_stats_kind kind;
    bool has_min, has_max, has_sum;
    int64_t int_min, int_max, int_sum;          /* INT, DATE, TIMESTAMP (UTC millis), BINARY sum */
    double dbl_min, dbl_max, dbl_sum;           /* DOUBLE */
    const uint8_t *str_min, *str_max;           /* STRING, DECIMAL (text) */
    size_t str_min_len, str_max_len;
    uint64_t true_count;                        /* BUCKET */
    int32_t ts_min_nanos, ts_max_nanos;         /* TIMESTAMP: nanos within the milli, or -1 */
} pm_orc_stats;

typedef struct pm_orc_tail {
    pm_arena arena;
    uint64_t file_size;
    uint32_t compression; /* pm_orc_compression */
    pm_codec codec;
    uint64_t block_size;
    uint32_t writer_version;
    bool has_writer;
    uint32_t writer; /* 0 = ORC Java, 1 = ORC C++, ... */
    uint64_t row_count;
    uint32_t row_index_stride;
    pm_orc_type *types;
    size_t type_count;
    pm_orc_stripe_info *stripes;
    size_t stripe_count;
    pm_orc_stats *file_stats; /* type_count entries (zeroed when the footer has fewer) */
    uint64_t metadata_offset;
    uint64_t metadata_length;
    /* Stripe statistics, loaded on demand: stripe_count x type_count entries, or NULL. */
    pm_orc_stats *stripe_stats;
    bool stripe_stats_loaded;
} pm_orc_tail;

typedef struct pm_orc_stream_info {
    uint32_t kind; /* pm_orc_stream_kind */
    uint32_t column;
    uint64_t offset; /* from the start of the stripe */
    uint64_t length;
} pm_orc_stream_info;

typedef struct pm_orc_encoding {
    uint32_t kind; /* pm_orc_encoding_kind */
    uint32_t dictionary_size;
} pm_orc_encoding;

typedef struct pm_orc_stripe_footer {
    pm_orc_stream_info *streams;
    size_t stream_count;
    pm_orc_encoding *encodings;
    size_t encoding_count;
    const char *writer_timezone; /* NULL when absent */
} pm_orc_stripe_footer;

/* Limits on what a tail may claim before we allocate for it. */
#define PM_ORC_MAX_TAIL_BYTES (64u << 20)
#define PM_ORC_MAX_TYPES 100000u
#define PM_ORC_MAX_BLOCK_SIZE (64u << 20)

/* Reads and validates the tail of `file`. Messages do not name the file (callers prefix it). */
int pm_orc_tail_read(pm_file *file, pm_codec_ctx *ctx, pm_orc_tail *out, paimon_error *err);
void pm_orc_tail_dispose(pm_orc_tail *t);

/* Loads the Metadata section (stripe statistics) if not done yet. A missing or short section
 * leaves stripe_stats NULL, which callers treat as "no statistics". */
int pm_orc_tail_load_stripe_stats(pm_orc_tail *t, pm_file *file, pm_codec_ctx *ctx,
                                  paimon_error *err);

/* Decodes the stripe footer of stripe `index` into `out`, allocating from `arena`. Stream
 * offsets are computed and checked against the stripe. */
int pm_orc_stripe_footer_read(const pm_orc_tail *t, pm_file *file, pm_codec_ctx *ctx,
                              size_t index, pm_arena *arena, pm_orc_stripe_footer *out,
                              paimon_error *err);

/* Largest decompressed stream or tail section accepted, in bytes (pm_orc_set_stream_limit).
 * Also bounds per-batch list elements (limit / 8) and dictionary string bytes. */
size_t pm_orc_stream_limit(void);

/* Decompresses an ORC byte region (all chunks) into `out` (replacing its content). With
 * compression NONE the bytes are copied. Output beyond pm_orc_stream_limit() is PAIMON_ELIMIT. */
int pm_orc_decompress(const pm_orc_tail *t, pm_codec_ctx *ctx, const uint8_t *data, size_t len,
                      pm_buf *out, paimon_error *err);

/* Parses a ColumnStatistics message. */
int pm_orc_stats_parse(const uint8_t *data, size_t len, pm_arena *arena, pm_orc_stats *out,
                       paimon_error *err);

const char *pm_orc_kind_name(uint32_t kind);

#endif
