/* avro_reader.c - the Avro object container reader: header, metadata, block framing, sync
 * markers and block codecs, over a memory buffer or a pm_file. */
#include "format/avro/avro_reader.h"

#include "format/avro/avro_binary.h"
#include "util/crc32.h"
#include "util/mem.h"

#include <string.h>

#define NEED_MORE 1 /* parse_header: the buffer ends before the header does */
/* A header larger than this is not plausible (schemas of very wide tables are a few MB). */
#define MAX_HEADER_BYTES ((size_t)64 << 20)
#define FIRST_HEADER_READ ((size_t)64 << 10)
#define BLOCK_HEADER_MAX (2 * PM_VARINT_MAX)

/* pm_cursor_make must not see a NULL pointer (pointer arithmetic on NULL is undefined). */
static const uint8_t NO_BYTES[1];
static pm_cursor cursor_over(const uint8_t *p, size_t n) {
    return pm_cursor_make(p != NULL ? p : NO_BYTES, p != NULL ? n : 0);
}

static int header_short(bool complete, paimon_error *err, const char *what) {
    if (!complete)
        return NEED_MORE;
    return pm_err(err, PAIMON_ECORRUPT, "avro header: %s", what);
}

static int add_meta(pm_avro_reader *r, size_t *cap, const uint8_t *key, size_t key_len,
                    const uint8_t *value, size_t value_len, paimon_error *err) {
    if (r->meta_count == *cap) {
        size_t new_cap = *cap == 0 ? 4 : *cap * 2;
        pm_avro_meta_entry *grown = pm_arena_alloc(&r->arena, new_cap * sizeof *grown);
        if (grown == NULL)
            return pm_err_nomem(err);
        if (r->meta_count > 0)
            memcpy(grown, r->meta, r->meta_count * sizeof *grown);
        r->meta = grown;
        *cap = new_cap;
    }
    pm_avro_meta_entry *e = &r->meta[r->meta_count];
    e->key = pm_arena_strndup(&r->arena, (const char *)key, key_len);
    e->value = pm_arena_memdup(&r->arena, value, value_len);
    e->len = value_len;
    if (e->key == NULL || e->value == NULL)
        return pm_err_nomem(err);
    r->meta_count++;
    return PAIMON_OK;
}

/* Parses the header from the first `n` bytes of the source. When `complete` is false the
 * buffer may end early and NEED_MORE asks for a longer one. */
static int parse_header(pm_avro_reader *r, const uint8_t *p, size_t n, bool complete,
                        paimon_error *err) {
    pm_cursor c = cursor_over(p, n);
    const uint8_t *magic;
    if (!pm_cur_bytes(&c, PM_AVRO_MAGIC_LEN, &magic))
        return header_short(complete, err, "file too short for the magic");
    if (memcmp(magic, PM_AVRO_MAGIC, PM_AVRO_MAGIC_LEN) != 0)
        return pm_err(err, PAIMON_ECORRUPT,
                      "not an Avro object container file (magic %02x %02x %02x %02x)", magic[0],
                      magic[1], magic[2], magic[3]);
    r->meta_count = 0;
    size_t cap = 0;
    for (;;) {
        int64_t count, byte_size;
        if (!pm_avro_get_block_count(&c, &count, &byte_size))
            return header_short(complete, err, "truncated or malformed metadata map");
        if (count == 0)
            break;
        /* Each entry takes at least two length bytes. */
        if ((uint64_t)count > pm_cur_left(&c) / 2)
            return header_short(complete, err, "metadata entry count exceeds the file");
        for (int64_t i = 0; i < count; i++) {
            const uint8_t *key, *value;
            size_t key_len, value_len;
            if (!pm_avro_get_bytes(&c, &key, &key_len) ||
                !pm_avro_get_bytes(&c, &value, &value_len))
                return header_short(complete, err, "truncated metadata entry");
            PM_TRY(add_meta(r, &cap, key, key_len, value, value_len, err));
        }
    }
    const uint8_t *sync;
    if (!pm_cur_bytes(&c, PM_AVRO_SYNC_LEN, &sync))
        return header_short(complete, err, "truncated sync marker");
    memcpy(r->sync, sync, PM_AVRO_SYNC_LEN);
    r->first_block_offset = (uint64_t)(c.p - p);
    return PAIMON_OK;
}

static int interpret_metadata(pm_avro_reader *r, paimon_error *err) {
    size_t len;
    const uint8_t *schema = pm_avro_reader_meta(r, "avro.schema", &len);
    if (schema == NULL)
        return pm_err(err, PAIMON_ECORRUPT, "avro header: no avro.schema");
    char *json = pm_arena_strndup(&r->arena, (const char *)schema, len);
    if (json == NULL)
        return pm_err_nomem(err);
    r->schema_json = json;
    PM_TRY(pm_avro_schema_parse(json, len, &r->arena, &r->schema, err));
    const uint8_t *codec = pm_avro_reader_meta(r, "avro.codec", &len);
    r->codec = PM_CODEC_NONE;
    if (codec != NULL)
        PM_TRY(pm_avro_codec_parse((const char *)codec, len, &r->codec, err));
    return PAIMON_OK;
}

static void init_reader(pm_avro_reader *r) {
    memset(r, 0, sizeof *r);
    pm_arena_init(&r->arena, 4096);
    pm_arena_init(&r->values, 64 << 10);
    r->max_block_bytes = PM_AVRO_DEFAULT_MAX_BLOCK_BYTES;
    r->empty_budget = PM_AVRO_EMPTY_BUDGET;
    r->block_index = -1;
}

static int finish_open(pm_avro_reader *r, paimon_error *err) {
    int rc = interpret_metadata(r, err);
    if (rc == PAIMON_OK && r->codec != PM_CODEC_NONE)
        rc = pm_codec_ctx_new(&r->codec_ctx, err);
    if (rc != PAIMON_OK) {
        pm_avro_reader_close(r);
        return rc;
    }
    r->next_offset = r->first_block_offset;
    r->cur = cursor_over(NULL, 0);
    return PAIMON_OK;
}

int pm_avro_reader_open_mem(pm_avro_reader *r, const uint8_t *data, size_t len, paimon_error *err) {
    init_reader(r);
    r->mem = data;
    r->mem_len = len;
    r->size = len;
    int rc = parse_header(r, data, len, true, err);
    if (rc != PAIMON_OK) {
        pm_avro_reader_close(r);
        return rc;
    }
    return finish_open(r, err);
}

int pm_avro_reader_open_file(pm_avro_reader *r, pm_file *file, paimon_error *err) {
    init_reader(r);
    r->file = file;
    r->size = pm_file_size(file);
    size_t want = FIRST_HEADER_READ;
    int rc;
    for (;;) {
        bool complete = r->size <= want;
        size_t n = complete ? (size_t)r->size : want;
        rc = pm_buf_resize(&r->stored, n) == PAIMON_OK ? PAIMON_OK : pm_err_nomem(err);
        if (rc == PAIMON_OK)
            rc = pm_file_pread(file, 0, r->stored.data, n, err);
        if (rc == PAIMON_OK)
            rc = parse_header(r, r->stored.data, n, complete, err);
        if (rc != NEED_MORE)
            break;
        if (want >= MAX_HEADER_BYTES) {
            rc = pm_err(err, PAIMON_ELIMIT, "avro header larger than %zu bytes", MAX_HEADER_BYTES);
            break;
        }
        want *= 2;
    }
    if (rc != PAIMON_OK) {
        pm_avro_reader_close(r);
        return rc;
    }
    return finish_open(r, err);
}

/* Reads the count and byte size of the block at `off`; *header_len receives their length. */
static int read_block_header(pm_avro_reader *r, uint64_t off, int64_t *count, int64_t *size,
                             size_t *header_len, paimon_error *err) {
    uint8_t tmp[BLOCK_HEADER_MAX];
    const uint8_t *p;
    size_t n = r->size - off < BLOCK_HEADER_MAX ? (size_t)(r->size - off) : BLOCK_HEADER_MAX;
    if (r->file == NULL) {
        p = r->mem + off;
    } else {
        PM_TRY(pm_file_pread(r->file, off, tmp, n, err));
        p = tmp;
    }
    pm_cursor c = cursor_over(p, n);
    if (!pm_avro_get_long(&c, count) || !pm_avro_get_long(&c, size))
        return pm_err(err, PAIMON_ECORRUPT, "truncated or malformed block header");
    if (*count < 0 || *size < 0)
        return pm_err(err, PAIMON_ECORRUPT, "negative record count %lld or size %lld",
                      (long long)*count, (long long)*size);
    *header_len = (size_t)(c.p - p);
    uint64_t left = r->size - off - *header_len;
    if ((uint64_t)*size > left || left - (uint64_t)*size < PM_AVRO_SYNC_LEN)
        return pm_err(err, PAIMON_ECORRUPT,
                      "block of %lld bytes and its sync marker exceed the %llu bytes left",
                      (long long)*size, (unsigned long long)left);
    return PAIMON_OK;
}

/* Decompresses the stored block into r->data and points r->cur at the result. */
static int decode_block(pm_avro_reader *r, const uint8_t *stored, size_t len, paimon_error *err) {
    if (r->codec == PM_CODEC_NONE) {
        if (len > r->max_block_bytes)
            return pm_err(err, PAIMON_ELIMIT, "block of %zu bytes exceeds the limit of %zu", len,
                          r->max_block_bytes);
        r->cur = cursor_over(stored, len);
        return PAIMON_OK;
    }
    pm_buf_clear(&r->data);
    if (r->codec == PM_CODEC_SNAPPY) {
        /* Avro's snappy blocks end with the CRC-32 of the uncompressed data, big-endian. */
        if (len < 4)
            return pm_err(err, PAIMON_ECORRUPT, "snappy block too short for its checksum");
        PM_TRY(pm_decompress_append(r->codec_ctx, r->codec, stored, len - 4, &r->data,
                                    r->max_block_bytes, err));
        uint32_t expected = pm_load_be32(stored + len - 4);
        uint32_t actual = pm_crc32(0, r->data.data, r->data.len);
        if (actual != expected)
            return pm_err(err, PAIMON_ECORRUPT, "snappy block checksum %08x, expected %08x", actual,
                          expected);
    } else {
        PM_TRY(pm_decompress_append(r->codec_ctx, r->codec, stored, len, &r->data,
                                    r->max_block_bytes, err));
    }
    r->cur = cursor_over(r->data.data, r->data.len);
    return PAIMON_OK;
}

static int check_record_count(pm_avro_reader *r, int64_t count, paimon_error *err) {
    size_t min = r->schema->min_size;
    size_t left = pm_cur_left(&r->cur);
    if (min == 0) /* records that take no bytes */
        return pm_avro_charge_empty(&r->empty_budget, count, err);
    if ((uint64_t)count > left / min)
        return pm_err(err, PAIMON_ECORRUPT, "%lld records cannot fit in %zu bytes",
                      (long long)count, left);
    return PAIMON_OK;
}

static int load_block(pm_avro_reader *r, uint64_t off, paimon_error *err) {
    int64_t count = 0, size = 0; /* set by read_block_header; -O3 cannot see it */
    size_t header_len = 0;
    PM_TRY(read_block_header(r, off, &count, &size, &header_len, err));
    /* Stored blocks are at most slightly larger than their content (incompressible data):
     * refuse absurd sizes before reading them into memory. */
    if ((uint64_t)size > (uint64_t)r->max_block_bytes + r->max_block_bytes / 8 + 1024)
        return pm_err(err, PAIMON_ELIMIT, "block of %lld bytes exceeds the limit of %zu",
                      (long long)size, r->max_block_bytes);
    uint64_t data_off = off + header_len;
    size_t total = (size_t)size + PM_AVRO_SYNC_LEN;
    const uint8_t *stored;
    if (r->file == NULL) {
        stored = r->mem + data_off;
    } else {
        PM_TRY_MEM(err, pm_buf_resize(&r->stored, total));
        PM_TRY(pm_file_pread(r->file, data_off, r->stored.data, total, err));
        stored = r->stored.data;
    }
    if (memcmp(stored + size, r->sync, PM_AVRO_SYNC_LEN) != 0)
        return pm_err(err, PAIMON_ECORRUPT, "sync marker does not match the header");
    r->next_offset = data_off + total;
    PM_TRY(decode_block(r, stored, (size_t)size, err));
    PM_TRY(check_record_count(r, count, err));
    r->records_left = count;
    r->block_records = count;
    return PAIMON_OK;
}

int pm_avro_reader_next_block(pm_avro_reader *r, bool *has_block, paimon_error *err) {
    /* A block fully read must have been consumed exactly: leftovers mean the data does not
     * match the schema. */
    if (r->block_index >= 0 && r->records_left == 0 && pm_cur_left(&r->cur) > 0)
        return pm_err(err, PAIMON_ECORRUPT,
                      "avro block %lld at offset %llu: %zu bytes left after "
                      "the last record",
                      (long long)r->block_index, (unsigned long long)r->block_offset,
                      pm_cur_left(&r->cur));
    pm_arena_dispose(&r->values);
    for (;;) {
        if (r->next_offset >= r->size) {
            r->records_left = 0;
            r->cur = cursor_over(NULL, 0);
            *has_block = false;
            return PAIMON_OK;
        }
        r->block_index++;
        r->block_offset = r->next_offset;
        int rc = load_block(r, r->next_offset, err);
        if (rc != PAIMON_OK) {
            pm_err_prefix(err, "avro block %lld at offset %llu: ", (long long)r->block_index,
                          (unsigned long long)r->block_offset);
            return rc;
        }
        if (r->records_left > 0)
            break;
        if (pm_cur_left(&r->cur) > 0)
            return pm_err(err, PAIMON_ECORRUPT,
                          "avro block %lld at offset %llu: no records but "
                          "%zu bytes",
                          (long long)r->block_index, (unsigned long long)r->block_offset,
                          pm_cur_left(&r->cur));
    }
    *has_block = true;
    return PAIMON_OK;
}

int pm_avro_reader_next_value(pm_avro_reader *r, pm_avro_value *out, bool *has_value,
                              paimon_error *err) {
    if (r->records_left == 0) {
        bool has_block;
        PM_TRY(pm_avro_reader_next_block(r, &has_block, err));
        if (!has_block) {
            *has_value = false;
            return PAIMON_OK;
        }
    }
    int rc = pm_avro_value_read(&r->cur, r->schema, &r->values, &r->empty_budget, out, err);
    if (rc != PAIMON_OK) {
        pm_err_prefix(
            err, "avro block %lld at offset %llu: record %lld: ", (long long)r->block_index,
            (unsigned long long)r->block_offset, (long long)(r->block_records - r->records_left));
        return rc;
    }
    r->records_left--;
    *has_value = true;
    return PAIMON_OK;
}

int pm_avro_reader_count_records(pm_avro_reader *r, int64_t *out, paimon_error *err) {
    int64_t total = 0;
    uint64_t off = r->first_block_offset;
    for (int64_t block = 0; off < r->size; block++) {
        int64_t count = 0, size = 0;
        size_t header_len = 0;
        int rc = read_block_header(r, off, &count, &size, &header_len, err);
        if (rc != PAIMON_OK) {
            pm_err_prefix(err, "avro block %lld at offset %llu: ", (long long)block,
                          (unsigned long long)off);
            return rc;
        }
        if (count > INT64_MAX - total)
            return pm_err(err, PAIMON_ECORRUPT, "avro: record count overflows");
        total += count;
        off += header_len + (uint64_t)size + PM_AVRO_SYNC_LEN;
    }
    *out = total;
    return PAIMON_OK;
}

const uint8_t *pm_avro_reader_meta(const pm_avro_reader *r, const char *key, size_t *len) {
    for (size_t i = 0; i < r->meta_count; i++) {
        if (strcmp(r->meta[i].key, key) == 0) {
            *len = r->meta[i].len;
            return r->meta[i].value;
        }
    }
    return NULL;
}

void pm_avro_reader_close(pm_avro_reader *r) {
    pm_arena_dispose(&r->arena);
    pm_arena_dispose(&r->values);
    pm_buf_dispose(&r->stored);
    pm_buf_dispose(&r->data);
    pm_codec_ctx_free(r->codec_ctx);
    r->codec_ctx = NULL;
    r->schema = NULL;
    r->meta = NULL;
    r->meta_count = 0;
}
