/*
 * parquet_meta.h - the parts of Parquet's Thrift metadata (parquet.thrift) the reader uses:
 * the file footer (FileMetaData with its schema, row groups and column chunks) and page headers.
 *
 * Decoded metadata borrows byte strings (statistics, key/value pairs) from the buffer it was
 * decoded from, which must outlive it; names are copied into the metadata's arena so they are
 * NUL-terminated. Integer enums are kept as read; users check them against the values below.
 */
#ifndef PM_FORMAT_PARQUET_META_H
#define PM_FORMAT_PARQUET_META_H

#include "codec/codec.h"
#include "util/arena.h"
#include "util/error.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Physical types. */
enum {
    PM_PQ_BOOLEAN = 0,
    PM_PQ_INT32 = 1,
    PM_PQ_INT64 = 2,
    PM_PQ_INT96 = 3,
    PM_PQ_FLOAT = 4,
    PM_PQ_DOUBLE = 5,
    PM_PQ_BYTE_ARRAY = 6,
    PM_PQ_FIXED_LEN_BYTE_ARRAY = 7,
};

/* ConvertedType (legacy annotations). */
enum {
    PM_PQ_CT_UTF8 = 0,
    PM_PQ_CT_MAP = 1,
    PM_PQ_CT_MAP_KEY_VALUE = 2,
    PM_PQ_CT_LIST = 3,
    PM_PQ_CT_ENUM = 4,
    PM_PQ_CT_DECIMAL = 5,
    PM_PQ_CT_DATE = 6,
    PM_PQ_CT_TIME_MILLIS = 7,
    PM_PQ_CT_TIME_MICROS = 8,
    PM_PQ_CT_TIMESTAMP_MILLIS = 9,
    PM_PQ_CT_TIMESTAMP_MICROS = 10,
    PM_PQ_CT_UINT_8 = 11,
    PM_PQ_CT_UINT_16 = 12,
    PM_PQ_CT_UINT_32 = 13,
    PM_PQ_CT_UINT_64 = 14,
    PM_PQ_CT_INT_8 = 15,
    PM_PQ_CT_INT_16 = 16,
    PM_PQ_CT_INT_32 = 17,
    PM_PQ_CT_INT_64 = 18,
    PM_PQ_CT_JSON = 19,
    PM_PQ_CT_BSON = 20,
    PM_PQ_CT_INTERVAL = 21,
};

/* LogicalType union members (field ids of the union). */
enum {
    PM_PQ_LT_NONE = 0,
    PM_PQ_LT_STRING = 1,
    PM_PQ_LT_MAP = 2,
    PM_PQ_LT_LIST = 3,
    PM_PQ_LT_ENUM = 4,
    PM_PQ_LT_DECIMAL = 5,
    PM_PQ_LT_DATE = 6,
    PM_PQ_LT_TIME = 7,
    PM_PQ_LT_TIMESTAMP = 8,
    PM_PQ_LT_INTEGER = 10,
    PM_PQ_LT_UNKNOWN = 11,
    PM_PQ_LT_JSON = 12,
    PM_PQ_LT_BSON = 13,
    PM_PQ_LT_UUID = 14,
    PM_PQ_LT_FLOAT16 = 15,
    PM_PQ_LT_OTHER = 99, /* a union member this reader does not know */
};

/* TimeUnit union members. */
enum { PM_PQ_UNIT_MILLIS = 1, PM_PQ_UNIT_MICROS = 2, PM_PQ_UNIT_NANOS = 3 };

enum { PM_PQ_REQUIRED = 0, PM_PQ_OPTIONAL = 1, PM_PQ_REPEATED = 2 };

/* Encodings. */
enum {
    PM_PQ_ENC_PLAIN = 0,
    PM_PQ_ENC_PLAIN_DICTIONARY = 2,
    PM_PQ_ENC_RLE = 3,
    PM_PQ_ENC_BIT_PACKED = 4,
    PM_PQ_ENC_DELTA_BINARY_PACKED = 5,
    PM_PQ_ENC_DELTA_LENGTH_BYTE_ARRAY = 6,
    PM_PQ_ENC_DELTA_BYTE_ARRAY = 7,
    PM_PQ_ENC_RLE_DICTIONARY = 8,
    PM_PQ_ENC_BYTE_STREAM_SPLIT = 9,
};

/* Compression codecs. */
enum {
    PM_PQ_UNCOMPRESSED = 0,
    PM_PQ_SNAPPY = 1,
    PM_PQ_GZIP = 2,
    PM_PQ_LZO = 3,
    PM_PQ_BROTLI = 4,
    PM_PQ_LZ4 = 5,
    PM_PQ_ZSTD = 6,
    PM_PQ_LZ4_RAW = 7,
};

/* Page types. */
enum {
    PM_PQ_DATA_PAGE = 0,
    PM_PQ_INDEX_PAGE = 1,
    PM_PQ_DICTIONARY_PAGE = 2,
    PM_PQ_DATA_PAGE_V2 = 3,
};

typedef struct pm_pq_logical {
    int kind;          /* PM_PQ_LT_* */
    int32_t scale;     /* DECIMAL */
    int32_t precision; /* DECIMAL */
    bool utc;          /* TIME, TIMESTAMP: isAdjustedToUTC */
    int unit;          /* TIME, TIMESTAMP: PM_PQ_UNIT_* */
    int bit_width;     /* INTEGER */
    bool is_signed;    /* INTEGER */
} pm_pq_logical;

typedef struct pm_pq_schema_elem {
    int type;             /* physical type, -1 for groups */
    int32_t type_length;  /* FIXED_LEN_BYTE_ARRAY */
    int repetition;       /* PM_PQ_REQUIRED.., -1 when absent (the root) */
    const char *name;     /* NUL-terminated (arena) */
    int32_t num_children; /* -1 when absent */
    int converted;        /* PM_PQ_CT_*, -1 when absent */
    int32_t scale;
    int32_t precision;
    bool has_field_id;
    int32_t field_id;
    pm_pq_logical logical;
} pm_pq_schema_elem;

typedef struct pm_pq_bytes {
    const uint8_t *ptr; /* NULL when absent */
    size_t len;
} pm_pq_bytes;

typedef struct pm_pq_stats {
    pm_pq_bytes min_value, max_value; /* type-ordered bounds */
    pm_pq_bytes min, max;             /* legacy, signed-order bounds */
    bool has_null_count;
    int64_t null_count;
} pm_pq_stats;

typedef struct pm_pq_column_chunk {
    bool has_meta;
    bool external;  /* file_path set: data lives in another file (unsupported) */
    int type;
    int codec;
    int64_t num_values;
    int64_t total_compressed_size;
    int64_t total_uncompressed_size;
    int64_t data_page_offset;
    int64_t dictionary_page_offset; /* -1 when absent */
    bool has_stats;
    pm_pq_stats stats;
} pm_pq_column_chunk;

typedef struct pm_pq_row_group {
    pm_pq_column_chunk *columns;
    size_t column_count;
    int64_t num_rows;
} pm_pq_row_group;

typedef struct pm_pq_key_value {
    pm_pq_bytes key, value;
} pm_pq_key_value;

typedef struct pm_pq_file_meta {
    int32_t version;
    pm_pq_schema_elem *schema;
    size_t schema_count;
    int64_t num_rows;
    pm_pq_row_group *row_groups;
    size_t row_group_count;
    pm_pq_key_value *kv;
    size_t kv_count;
    pm_pq_bytes created_by;
    int *column_orders; /* per leaf: ColumnOrder union member id; NULL when absent */
    size_t column_order_count;
    pm_arena arena;
} pm_pq_file_meta;

typedef struct pm_pq_page_header {
    int type;
    int32_t uncompressed_size;
    int32_t compressed_size;
    bool has_data, has_v2, has_dict;
    int32_t num_values;
    int encoding;
    int def_encoding; /* v1 */
    int rep_encoding; /* v1 */
    int32_t num_nulls;      /* v2 */
    int32_t num_rows;       /* v2 */
    int32_t def_levels_len; /* v2 */
    int32_t rep_levels_len; /* v2 */
    bool is_compressed;     /* v2 */
} pm_pq_page_header;

/* Decodes a FileMetaData from [data, data + len). On success *out must be released with
 * pm_pq_file_meta_dispose; on failure nothing needs releasing. */
int pm_pq_file_meta_decode(const uint8_t *data, size_t len, pm_pq_file_meta *out,
                           paimon_error *err);
void pm_pq_file_meta_dispose(pm_pq_file_meta *m);

/* Decodes one PageHeader at the start of [data, data + len); *header_len receives its size. */
int pm_pq_page_header_decode(const uint8_t *data, size_t len, pm_pq_page_header *out,
                             size_t *header_len, paimon_error *err);

const char *pm_pq_type_name(int physical_type);
const char *pm_pq_codec_name(int codec);
/* The pm_codec of a Parquet CompressionCodec (false for LZO, BROTLI, unknown ids), and the
 * CompressionCodec of a pm_codec (-1 when Parquet has none). */
bool pm_pq_codec_from_parquet(int parquet_codec, pm_codec *out);
int pm_pq_codec_to_parquet(pm_codec codec);
const char *pm_pq_encoding_name(int encoding);

#endif
