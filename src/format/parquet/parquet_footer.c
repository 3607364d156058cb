/*
 * parquet_footer.c - decoding FileMetaData and PageHeader structs (parquet.thrift) from the
 * Thrift compact protocol. Field ids below are those of parquet.thrift; unknown fields are
 * skipped so files from newer writers still open.
 */
#include "format/parquet/parquet_meta.h"

#include "format/parquet/parquet_thrift.h"
#include "util/mem.h"

#include <string.h>

/* Walks the fields of one struct: `body` runs for each field with `f` in scope. */
#define STRUCT_FIELDS(t, f, body)                                                                  \
    do {                                                                                           \
        PM_TRY(pm_thrift_struct_begin(t));                                                         \
        int16_t last_id_ = 0;                                                                      \
        for (;;) {                                                                                 \
            pm_thrift_field f;                                                                     \
            PM_TRY(pm_thrift_next_field((t), &last_id_, &f));                                      \
            if (f.type == PM_TT_STOP)                                                              \
                break;                                                                             \
            body                                                                                   \
        }                                                                                          \
        pm_thrift_struct_end(t);                                                                   \
    } while (0)

static int expect_struct(pm_thrift *t, uint8_t type) {
    if (type != PM_TT_STRUCT)
        return pm_err(t->err, PAIMON_ECORRUPT, "%s: expected a thrift struct", t->what);
    return PAIMON_OK;
}

static int read_bytes(pm_thrift *t, uint8_t type, pm_pq_bytes *out) {
    return pm_thrift_binary(t, type, &out->ptr, &out->len);
}

static int read_enum(pm_thrift *t, uint8_t type, int *out) {
    int32_t v;
    PM_TRY(pm_thrift_i32(t, type, &v));
    *out = v;
    return PAIMON_OK;
}

static int read_string(pm_thrift *t, uint8_t type, pm_arena *arena, const char **out) {
    pm_pq_bytes b;
    PM_TRY(read_bytes(t, type, &b));
    char *s = pm_arena_strndup(arena, (const char *)b.ptr, b.len);
    if (s == NULL)
        return pm_err_nomem(t->err);
    *out = s;
    return PAIMON_OK;
}

/* Reads a list header and allocates `count` zeroed elements of `size` bytes from the arena. */
static int read_list(pm_thrift *t, uint8_t type, uint8_t want, pm_arena *arena, size_t size,
                     void **items, size_t *count) {
    uint8_t et;
    uint32_t n;
    PM_TRY(pm_thrift_list(t, type, &et, &n));
    if (et != want)
        return pm_err(t->err, PAIMON_ECORRUPT, "%s: unexpected thrift list element type", t->what);
    *items = NULL;
    if (n > 0 && (*items = pm_arena_calloc(arena, n, size)) == NULL)
        return pm_err_nomem(t->err);
    *count = n;
    return PAIMON_OK;
}

/* ---- Statistics ---- */

static int decode_stats(pm_thrift *t, pm_pq_stats *s) {
    memset(s, 0, sizeof *s);
    STRUCT_FIELDS(t, f, {
        switch (f.id) {
        case 1: PM_TRY(read_bytes(t, f.type, &s->max)); break;
        case 2: PM_TRY(read_bytes(t, f.type, &s->min)); break;
        case 3:
            PM_TRY(pm_thrift_i64(t, f.type, &s->null_count));
            s->has_null_count = true;
            break;
        case 5: PM_TRY(read_bytes(t, f.type, &s->max_value)); break;
        case 6: PM_TRY(read_bytes(t, f.type, &s->min_value)); break;
        default: PM_TRY(pm_thrift_skip(t, f.type)); break;
        }
    });
    return PAIMON_OK;
}

/* ---- LogicalType ---- */

/* TimeUnit union: the member id is the unit. */
static int decode_time_unit(pm_thrift *t, int *unit) {
    STRUCT_FIELDS(t, f, {
        *unit = f.id;
        PM_TRY(pm_thrift_skip(t, f.type));
    });
    return PAIMON_OK;
}

static int decode_logical_member(pm_thrift *t, int kind, pm_pq_logical *lt) {
    STRUCT_FIELDS(t, f, {
        if (kind == PM_PQ_LT_DECIMAL && f.id == 1) {
            PM_TRY(pm_thrift_i32(t, f.type, &lt->scale));
        } else if (kind == PM_PQ_LT_DECIMAL && f.id == 2) {
            PM_TRY(pm_thrift_i32(t, f.type, &lt->precision));
        } else if ((kind == PM_PQ_LT_TIME || kind == PM_PQ_LT_TIMESTAMP) && f.id == 1) {
            PM_TRY(pm_thrift_bool(t, f.type, &lt->utc));
        } else if ((kind == PM_PQ_LT_TIME || kind == PM_PQ_LT_TIMESTAMP) && f.id == 2) {
            PM_TRY(expect_struct(t, f.type));
            PM_TRY(decode_time_unit(t, &lt->unit));
        } else if (kind == PM_PQ_LT_INTEGER && f.id == 1) {
            int32_t w;
            PM_TRY(pm_thrift_i32(t, f.type, &w));
            lt->bit_width = w;
        } else if (kind == PM_PQ_LT_INTEGER && f.id == 2) {
            PM_TRY(pm_thrift_bool(t, f.type, &lt->is_signed));
        } else {
            PM_TRY(pm_thrift_skip(t, f.type));
        }
    });
    return PAIMON_OK;
}

static int decode_logical(pm_thrift *t, pm_pq_logical *lt) {
    STRUCT_FIELDS(t, f, {
        if (f.type == PM_TT_STRUCT && f.id >= 1 && f.id <= 15 && f.id != 9) {
            lt->kind = f.id;
            PM_TRY(decode_logical_member(t, f.id, lt));
        } else {
            lt->kind = PM_PQ_LT_OTHER;
            PM_TRY(pm_thrift_skip(t, f.type));
        }
    });
    return PAIMON_OK;
}

/* ---- SchemaElement ---- */

static int decode_schema_elem(pm_thrift *t, pm_arena *arena, pm_pq_schema_elem *e) {
    e->type = -1;
    e->repetition = -1;
    e->num_children = -1;
    e->converted = -1;
    STRUCT_FIELDS(t, f, {
        switch (f.id) {
        case 1: PM_TRY(read_enum(t, f.type, &e->type)); break;
        case 2: PM_TRY(pm_thrift_i32(t, f.type, &e->type_length)); break;
        case 3: PM_TRY(read_enum(t, f.type, &e->repetition)); break;
        case 4: PM_TRY(read_string(t, f.type, arena, &e->name)); break;
        case 5: PM_TRY(pm_thrift_i32(t, f.type, &e->num_children)); break;
        case 6: PM_TRY(read_enum(t, f.type, &e->converted)); break;
        case 7: PM_TRY(pm_thrift_i32(t, f.type, &e->scale)); break;
        case 8: PM_TRY(pm_thrift_i32(t, f.type, &e->precision)); break;
        case 9:
            PM_TRY(pm_thrift_i32(t, f.type, &e->field_id));
            e->has_field_id = true;
            break;
        case 10:
            PM_TRY(expect_struct(t, f.type));
            PM_TRY(decode_logical(t, &e->logical));
            break;
        default: PM_TRY(pm_thrift_skip(t, f.type)); break;
        }
    });
    if (e->name == NULL)
        return pm_err(t->err, PAIMON_ECORRUPT, "%s: schema element without a name", t->what);
    return PAIMON_OK;
}

/* ---- ColumnChunk / ColumnMetaData ---- */

static int decode_column_meta(pm_thrift *t, pm_pq_column_chunk *c) {
    c->has_meta = true;
    STRUCT_FIELDS(t, f, {
        switch (f.id) {
        case 1: PM_TRY(read_enum(t, f.type, &c->type)); break;
        case 4: PM_TRY(read_enum(t, f.type, &c->codec)); break;
        case 5: PM_TRY(pm_thrift_i64(t, f.type, &c->num_values)); break;
        case 6: PM_TRY(pm_thrift_i64(t, f.type, &c->total_uncompressed_size)); break;
        case 7: PM_TRY(pm_thrift_i64(t, f.type, &c->total_compressed_size)); break;
        case 9: PM_TRY(pm_thrift_i64(t, f.type, &c->data_page_offset)); break;
        case 11: PM_TRY(pm_thrift_i64(t, f.type, &c->dictionary_page_offset)); break;
        case 12:
            PM_TRY(expect_struct(t, f.type));
            PM_TRY(decode_stats(t, &c->stats));
            c->has_stats = true;
            break;
        default: PM_TRY(pm_thrift_skip(t, f.type)); break;
        }
    });
    return PAIMON_OK;
}

static int decode_column_chunk(pm_thrift *t, pm_pq_column_chunk *c) {
    c->dictionary_page_offset = -1;
    c->type = -1;
    STRUCT_FIELDS(t, f, {
        switch (f.id) {
        case 1: {
            pm_pq_bytes path;
            PM_TRY(read_bytes(t, f.type, &path));
            c->external = path.len > 0;
            break;
        }
        case 3:
            PM_TRY(expect_struct(t, f.type));
            PM_TRY(decode_column_meta(t, c));
            break;
        default: PM_TRY(pm_thrift_skip(t, f.type)); break;
        }
    });
    return PAIMON_OK;
}

static int decode_row_group(pm_thrift *t, pm_arena *arena, pm_pq_row_group *rg) {
    rg->num_rows = -1;
    STRUCT_FIELDS(t, f, {
        switch (f.id) {
        case 1: {
            void *items;
            PM_TRY(read_list(t, f.type, PM_TT_STRUCT, arena, sizeof(pm_pq_column_chunk), &items,
                             &rg->column_count));
            rg->columns = items;
            for (size_t i = 0; i < rg->column_count; i++)
                PM_TRY(decode_column_chunk(t, &rg->columns[i]));
            break;
        }
        case 3: PM_TRY(pm_thrift_i64(t, f.type, &rg->num_rows)); break;
        default: PM_TRY(pm_thrift_skip(t, f.type)); break;
        }
    });
    if (rg->num_rows < 0)
        return pm_err(t->err, PAIMON_ECORRUPT, "%s: row group without a valid row count",
                      t->what);
    return PAIMON_OK;
}

static int decode_key_value(pm_thrift *t, pm_pq_key_value *kv) {
    STRUCT_FIELDS(t, f, {
        if (f.id == 1)
            PM_TRY(read_bytes(t, f.type, &kv->key));
        else if (f.id == 2)
            PM_TRY(read_bytes(t, f.type, &kv->value));
        else
            PM_TRY(pm_thrift_skip(t, f.type));
    });
    return PAIMON_OK;
}

/* ColumnOrder union: remember which member is set. */
static int decode_column_order(pm_thrift *t, int *order) {
    *order = 0;
    STRUCT_FIELDS(t, f, {
        *order = f.id;
        PM_TRY(pm_thrift_skip(t, f.type));
    });
    return PAIMON_OK;
}

static int decode_file_meta(pm_thrift *t, pm_pq_file_meta *m) {
    pm_arena *arena = &m->arena;
    m->num_rows = -1;
    bool has_schema = false;
    STRUCT_FIELDS(t, f, {
        void *items = NULL;
        switch (f.id) {
        case 1: PM_TRY(pm_thrift_i32(t, f.type, &m->version)); break;
        case 2:
            PM_TRY(read_list(t, f.type, PM_TT_STRUCT, arena, sizeof(pm_pq_schema_elem), &items,
                             &m->schema_count));
            m->schema = items;
            for (size_t i = 0; i < m->schema_count; i++)
                PM_TRY(decode_schema_elem(t, arena, &m->schema[i]));
            has_schema = true;
            break;
        case 3: PM_TRY(pm_thrift_i64(t, f.type, &m->num_rows)); break;
        case 4:
            PM_TRY(read_list(t, f.type, PM_TT_STRUCT, arena, sizeof(pm_pq_row_group), &items,
                             &m->row_group_count));
            m->row_groups = items;
            for (size_t i = 0; i < m->row_group_count; i++)
                PM_TRY(decode_row_group(t, arena, &m->row_groups[i]));
            break;
        case 5:
            PM_TRY(read_list(t, f.type, PM_TT_STRUCT, arena, sizeof(pm_pq_key_value), &items,
                             &m->kv_count));
            m->kv = items;
            for (size_t i = 0; i < m->kv_count; i++)
                PM_TRY(decode_key_value(t, &m->kv[i]));
            break;
        case 6: PM_TRY(read_bytes(t, f.type, &m->created_by)); break;
        case 7:
            PM_TRY(read_list(t, f.type, PM_TT_STRUCT, arena, sizeof(int), &items,
                             &m->column_order_count));
            m->column_orders = items;
            for (size_t i = 0; i < m->column_order_count; i++)
                PM_TRY(decode_column_order(t, &m->column_orders[i]));
            break;
        default: PM_TRY(pm_thrift_skip(t, f.type)); break;
        }
    });
    if (!has_schema || m->schema_count == 0)
        return pm_err(t->err, PAIMON_ECORRUPT, "%s: no schema", t->what);
    if (m->num_rows < 0)
        return pm_err(t->err, PAIMON_ECORRUPT, "%s: invalid row count", t->what);
    return PAIMON_OK;
}

int pm_pq_file_meta_decode(const uint8_t *data, size_t len, pm_pq_file_meta *out,
                           paimon_error *err) {
    memset(out, 0, sizeof *out);
    pm_arena_init(&out->arena, 16384);
    pm_thrift t;
    pm_thrift_init(&t, data, len, "file metadata", err);
    int rc = decode_file_meta(&t, out);
    if (rc != PAIMON_OK)
        pm_pq_file_meta_dispose(out);
    return rc;
}

void pm_pq_file_meta_dispose(pm_pq_file_meta *m) {
    pm_arena_dispose(&m->arena);
    memset(m, 0, sizeof *m);
}

/* ---- PageHeader ---- */

static int decode_data_page_v1(pm_thrift *t, pm_pq_page_header *h) {
    h->has_data = true;
    h->num_values = -1;
    STRUCT_FIELDS(t, f, {
        switch (f.id) {
        case 1: PM_TRY(pm_thrift_i32(t, f.type, &h->num_values)); break;
        case 2: PM_TRY(read_enum(t, f.type, &h->encoding)); break;
        case 3: PM_TRY(read_enum(t, f.type, &h->def_encoding)); break;
        case 4: PM_TRY(read_enum(t, f.type, &h->rep_encoding)); break;
        default: PM_TRY(pm_thrift_skip(t, f.type)); break;
        }
    });
    return PAIMON_OK;
}

static int decode_data_page_v2(pm_thrift *t, pm_pq_page_header *h) {
    h->has_v2 = true;
    h->num_values = -1;
    h->is_compressed = true; /* the default when absent */
    STRUCT_FIELDS(t, f, {
        switch (f.id) {
        case 1: PM_TRY(pm_thrift_i32(t, f.type, &h->num_values)); break;
        case 2: PM_TRY(pm_thrift_i32(t, f.type, &h->num_nulls)); break;
        case 3: PM_TRY(pm_thrift_i32(t, f.type, &h->num_rows)); break;
        case 4: PM_TRY(read_enum(t, f.type, &h->encoding)); break;
        case 5: PM_TRY(pm_thrift_i32(t, f.type, &h->def_levels_len)); break;
        case 6: PM_TRY(pm_thrift_i32(t, f.type, &h->rep_levels_len)); break;
        case 7: PM_TRY(pm_thrift_bool(t, f.type, &h->is_compressed)); break;
        default: PM_TRY(pm_thrift_skip(t, f.type)); break;
        }
    });
    return PAIMON_OK;
}

static int decode_dict_page(pm_thrift *t, pm_pq_page_header *h) {
    h->has_dict = true;
    h->num_values = -1;
    STRUCT_FIELDS(t, f, {
        switch (f.id) {
        case 1: PM_TRY(pm_thrift_i32(t, f.type, &h->num_values)); break;
        case 2: PM_TRY(read_enum(t, f.type, &h->encoding)); break;
        default: PM_TRY(pm_thrift_skip(t, f.type)); break;
        }
    });
    return PAIMON_OK;
}

static int decode_page_header(pm_thrift *t, pm_pq_page_header *h) {
    h->type = -1;
    h->uncompressed_size = -1;
    h->compressed_size = -1;
    STRUCT_FIELDS(t, f, {
        switch (f.id) {
        case 1: PM_TRY(read_enum(t, f.type, &h->type)); break;
        case 2: PM_TRY(pm_thrift_i32(t, f.type, &h->uncompressed_size)); break;
        case 3: PM_TRY(pm_thrift_i32(t, f.type, &h->compressed_size)); break;
        case 5:
            PM_TRY(expect_struct(t, f.type));
            PM_TRY(decode_data_page_v1(t, h));
            break;
        case 7:
            PM_TRY(expect_struct(t, f.type));
            PM_TRY(decode_dict_page(t, h));
            break;
        case 8:
            PM_TRY(expect_struct(t, f.type));
            PM_TRY(decode_data_page_v2(t, h));
            break;
        default: PM_TRY(pm_thrift_skip(t, f.type)); break;
        }
    });
    if (h->type < 0 || h->uncompressed_size < 0 || h->compressed_size < 0)
        return pm_err(t->err, PAIMON_ECORRUPT, "%s: missing type or sizes", t->what);
    return PAIMON_OK;
}

int pm_pq_page_header_decode(const uint8_t *data, size_t len, pm_pq_page_header *out,
                             size_t *header_len, paimon_error *err) {
    memset(out, 0, sizeof *out);
    pm_thrift t;
    pm_thrift_init(&t, data, len, "page header", err);
    PM_TRY(decode_page_header(&t, out));
    *header_len = pm_thrift_pos(&t, data);
    return PAIMON_OK;
}

const char *pm_pq_type_name(int physical_type) {
    static const char *const names[] = {"BOOLEAN", "INT32",      "INT64",
                                        "INT96",   "FLOAT",      "DOUBLE",
                                        "BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY"};
    if (physical_type >= 0 && physical_type < 8)
        return names[physical_type];
    return "unknown physical type";
}

const char *pm_pq_codec_name(int codec) {
    static const char *const names[] = {"UNCOMPRESSED", "SNAPPY", "GZIP", "LZO",
                                        "BROTLI",       "LZ4",    "ZSTD", "LZ4_RAW"};
    if (codec >= 0 && codec < 8)
        return names[codec];
    return "unknown codec";
}

/* Parquet CompressionCodec <-> pm_codec (LZO and BROTLI have no decoder here). */
static const struct {
    int parquet;
    pm_codec codec;
} codecs[] = {
    {PM_PQ_UNCOMPRESSED, PM_CODEC_NONE}, {PM_PQ_SNAPPY, PM_CODEC_SNAPPY},
    {PM_PQ_GZIP, PM_CODEC_GZIP},         {PM_PQ_ZSTD, PM_CODEC_ZSTD},
    {PM_PQ_LZ4_RAW, PM_CODEC_LZ4_BLOCK}, {PM_PQ_LZ4, PM_CODEC_LZ4_HADOOP},
};

bool pm_pq_codec_from_parquet(int parquet_codec, pm_codec *out) {
    for (size_t i = 0; i < sizeof codecs / sizeof codecs[0]; i++) {
        if (codecs[i].parquet == parquet_codec) {
            *out = codecs[i].codec;
            return true;
        }
    }
    return false;
}

int pm_pq_codec_to_parquet(pm_codec codec) {
    for (size_t i = 0; i < sizeof codecs / sizeof codecs[0]; i++) {
        if (codecs[i].codec == codec)
            return codecs[i].parquet;
    }
    return -1;
}

const char *pm_pq_encoding_name(int encoding) {
    static const char *const names[] = {"PLAIN",
                                        "GROUP_VAR_INT",
                                        "PLAIN_DICTIONARY",
                                        "RLE",
                                        "BIT_PACKED",
                                        "DELTA_BINARY_PACKED",
                                        "DELTA_LENGTH_BYTE_ARRAY",
                                        "DELTA_BYTE_ARRAY",
                                        "RLE_DICTIONARY",
                                        "BYTE_STREAM_SPLIT"};
    if (encoding >= 0 && encoding < 10)
        return names[encoding];
    return "unknown encoding";
}
