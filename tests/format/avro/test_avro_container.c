/* Avro object container files: round trips per codec and source, and corrupt files that must
 * fail with a clear error (never a crash). */
#include "test.h"
#include "format/avro/avro_binary.h"
#include "format/avro/avro_reader.h"
#include "format/avro/avro_writer.h"

#include <stdio.h>
#include <stdlib.h>
#include <zstd.h>

static const char *ALL_KINDS_SCHEMA =
    "{\"type\":\"record\",\"name\":\"r\",\"fields\":["
    "{\"name\":\"i\",\"type\":\"int\"},{\"name\":\"l\",\"type\":\"long\"},"
    "{\"name\":\"s\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"bytes\"},"
    "{\"name\":\"d\",\"type\":\"double\"},{\"name\":\"f\",\"type\":\"float\"},"
    "{\"name\":\"t\",\"type\":\"boolean\"},"
    "{\"name\":\"a\",\"type\":{\"type\":\"array\",\"items\":\"long\"}},"
    "{\"name\":\"m\",\"type\":{\"type\":\"map\",\"values\":\"string\"}},"
    "{\"name\":\"u\",\"type\":[\"null\",\"string\"]},"
    "{\"name\":\"e\",\"type\":{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"X\",\"Y\",\"Z\"]}},"
    "{\"name\":\"x\",\"type\":{\"type\":\"fixed\",\"name\":\"F\",\"size\":3}}]}";

static void encode_row(pm_buf *b, int k) {
    char text[32];
    uint8_t bytes[20];
    pm_avro_put_int(b, k * 7 - 100);
    pm_avro_put_long(b, (int64_t)k * 1000003 - ((int64_t)1 << 40));
    snprintf(text, sizeof text, "row-%d", k);
    pm_avro_put_string(b, text);
    for (int j = 0; j < k % 20; j++)
        bytes[j] = (uint8_t)(j * 13 + k);
    pm_avro_put_bytes(b, bytes, (size_t)(k % 20));
    pm_avro_put_double(b, k * 0.5);
    pm_avro_put_float(b, (float)k * 0.25f);
    pm_avro_put_boolean(b, k % 2 == 1);
    pm_avro_put_block_start(b, (size_t)(k % 3));
    for (int j = 0; j < k % 3; j++)
        pm_avro_put_long(b, j == 0 ? k : -k);
    pm_avro_put_block_end(b);
    pm_avro_put_block_start(b, (size_t)(k % 2));
    if (k % 2) {
        pm_avro_put_string(b, "k");
        snprintf(text, sizeof text, "v%d", k);
        pm_avro_put_string(b, text);
    }
    pm_avro_put_block_end(b);
    if (k % 4 == 0) {
        pm_avro_put_branch(b, 0);
    } else {
        pm_avro_put_branch(b, 1);
        snprintf(text, sizeof text, "u%d", k);
        pm_avro_put_string(b, text);
    }
    pm_avro_put_int(b, k % 3);
    pm_buf_append(b, "\x01\x02\x03", 3);
}

static int write_file(pm_buf *out, pm_codec codec, int rows, paimon_error *err) {
    pm_avro_writer w;
    int rc = pm_avro_writer_open(&w, out, ALL_KINDS_SCHEMA, codec, 0, err);
    for (int k = 0; rc == PAIMON_OK && k < rows; k++) {
        encode_row(pm_avro_writer_record(&w), k);
        rc = pm_avro_writer_end_record(&w, err);
    }
    if (rc == PAIMON_OK)
        rc = pm_avro_writer_finish(&w, err);
    pm_avro_writer_dispose(&w);
    return rc;
}

/* Checks record k against what encode_row wrote; returns false with a message on mismatch. */
static bool row_matches(const pm_avro_value *v, int k) {
    char text[32];
    const pm_avro_value *f = v->u.fields;
    if (f[0].u.integer != k * 7 - 100 ||
        f[1].u.integer != (int64_t)k * 1000003 - ((int64_t)1 << 40))
        return false;
    snprintf(text, sizeof text, "row-%d", k);
    if (f[2].u.bytes.len != strlen(text) || memcmp(f[2].u.bytes.data, text, strlen(text)) != 0)
        return false;
    if (f[3].u.bytes.len != (size_t)(k % 20))
        return false;
    for (int j = 0; j < k % 20; j++)
        if (f[3].u.bytes.data[j] != (uint8_t)(j * 13 + k))
            return false;
    if (f[4].u.f64 != k * 0.5 || f[5].u.f32 != (float)k * 0.25f || f[6].u.boolean != (k % 2 == 1))
        return false;
    if (f[7].u.array.count != (size_t)(k % 3))
        return false;
    if (k % 3 >= 1 && f[7].u.array.items[0].u.integer != k)
        return false;
    if (k % 3 == 2 && f[7].u.array.items[1].u.integer != -k)
        return false;
    if (f[8].u.map.count != (size_t)(k % 2))
        return false;
    if (k % 2) {
        snprintf(text, sizeof text, "v%d", k);
        const pm_avro_map_entry *e = &f[8].u.map.entries[0];
        if (e->key_len != 1 || e->key[0] != 'k' || e->value.u.bytes.len != strlen(text) ||
            memcmp(e->value.u.bytes.data, text, strlen(text)) != 0)
            return false;
    }
    if (k % 4 == 0) {
        if (!pm_avro_value_is_null(&f[9]) || f[9].branch != 0)
            return false;
    } else {
        snprintf(text, sizeof text, "u%d", k);
        if (f[9].branch != 1 || f[9].schema->kind != PM_AVRO_STRING ||
            memcmp(f[9].u.bytes.data, text, strlen(text)) != 0)
            return false;
    }
    return f[10].u.integer == k % 3 && f[11].u.bytes.len == 3 &&
           memcmp(f[11].u.bytes.data, "\x01\x02\x03", 3) == 0;
}

/* Reads every record; returns the status and the count in *rows. */
static int read_all(pm_avro_reader *r, int *rows, bool check_rows, paimon_error *err) {
    *rows = 0;
    for (;;) {
        pm_avro_value v;
        bool has;
        int rc = pm_avro_reader_next_value(r, &v, &has, err);
        if (rc != PAIMON_OK)
            return rc;
        if (!has)
            return PAIMON_OK;
        if (check_rows && !row_matches(&v, *rows))
            return pm_err(err, PAIMON_ECORRUPT, "row %d differs", *rows);
        (*rows)++;
    }
}

static int read_mem(const uint8_t *data, size_t len, int *rows, paimon_error *err) {
    pm_avro_reader r;
    int rc = pm_avro_reader_open_mem(&r, data, len, err);
    if (rc != PAIMON_OK)
        return rc;
    rc = read_all(&r, rows, false, err);
    pm_avro_reader_close(&r);
    return rc;
}

TEST(round_trip_every_codec_from_memory_and_file) {
    const pm_codec codecs[] = {PM_CODEC_NONE, PM_CODEC_DEFLATE, PM_CODEC_SNAPPY, PM_CODEC_ZSTD};
    const char *names[] = {"null", "deflate", "snappy", "zstandard"};
    const int rows = 6000; /* several 64000-byte blocks */
    paimon_error err = {0};
    pm_fs *fs;
    CHECK_OK(pm_fs_mem_new(&fs, &err), &err);
    for (size_t i = 0; i < 4; i++) {
        pm_buf file = PM_BUF_INIT;
        CHECK_OK(write_file(&file, codecs[i], rows, &err), &err);
        pm_avro_reader r;
        CHECK_OK(pm_avro_reader_open_mem(&r, file.data, file.len, &err), &err);
        size_t len;
        const uint8_t *codec = pm_avro_reader_meta(&r, "avro.codec", &len);
        CHECK(codec != NULL && len == strlen(names[i]) && memcmp(codec, names[i], len) == 0);
        CHECK_EQ_STR(r.schema_json, ALL_KINDS_SCHEMA);
        int64_t count;
        CHECK_OK(pm_avro_reader_count_records(&r, &count, &err), &err);
        CHECK_EQ_INT(count, rows);
        int n;
        CHECK_OK(read_all(&r, &n, true, &err), &err);
        CHECK_EQ_INT(n, rows);
        CHECK(r.block_index >= 3);
        pm_avro_reader_close(&r);

        CHECK_OK(pm_fs_write_file(fs, "/f.avro", file.data, file.len, PM_WRITE_REPLACE, &err),
                 &err);
        pm_file *f;
        CHECK_OK(pm_fs_open(fs, "/f.avro", &f, &err), &err);
        CHECK_OK(pm_avro_reader_open_file(&r, f, &err), &err);
        CHECK_OK(pm_avro_reader_count_records(&r, &count, &err), &err);
        CHECK_EQ_INT(count, rows);
        CHECK_OK(read_all(&r, &n, true, &err), &err);
        CHECK_EQ_INT(n, rows);
        pm_avro_reader_close(&r);
        pm_file_close(f);
        pm_buf_dispose(&file);
    }
    pm_fs_release(fs);
}

TEST(generic_values_encode_back_to_the_same_bytes) {
    paimon_error err = {0};
    pm_buf file = PM_BUF_INIT, again = PM_BUF_INIT, row = PM_BUF_INIT;
    CHECK_OK(write_file(&file, PM_CODEC_NONE, 50, &err), &err);
    pm_avro_reader r;
    CHECK_OK(pm_avro_reader_open_mem(&r, file.data, file.len, &err), &err);
    for (int k = 0; k < 50; k++) {
        pm_avro_value v;
        bool has;
        CHECK_OK(pm_avro_reader_next_value(&r, &v, &has, &err), &err);
        CHECK(has);
        pm_buf_clear(&again);
        pm_buf_clear(&row);
        CHECK_OK(pm_avro_value_write(&again, &v, r.schema, &err), &err);
        encode_row(&row, k);
        CHECK_EQ_INT(again.len, row.len);
        CHECK_EQ_MEM(again.data, row.data, row.len);
    }
    pm_avro_reader_close(&r);
    pm_buf_dispose(&file);
    pm_buf_dispose(&again);
    pm_buf_dispose(&row);
}

TEST(header_only_file_is_empty) {
    paimon_error err = {0};
    pm_buf file = PM_BUF_INIT;
    CHECK_OK(write_file(&file, PM_CODEC_ZSTD, 0, &err), &err);
    pm_avro_reader r;
    CHECK_OK(pm_avro_reader_open_mem(&r, file.data, file.len, &err), &err);
    CHECK_EQ_INT(r.first_block_offset, file.len);
    int64_t count;
    CHECK_OK(pm_avro_reader_count_records(&r, &count, &err), &err);
    CHECK_EQ_INT(count, 0);
    int n;
    CHECK_OK(read_all(&r, &n, false, &err), &err);
    CHECK_EQ_INT(n, 0);
    pm_avro_reader_close(&r);
    pm_buf_dispose(&file);
}

/* A container with the given schema and codec name and a fixed sync marker; blocks are added
 * with add_block. */
static const uint8_t SYNC[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

static void build_header(pm_buf *out, const char *schema, const char *codec) {
    pm_buf_append(out, "Obj\x01", 4);
    pm_avro_put_long(out, codec ? 2 : 1);
    pm_avro_put_string(out, "avro.schema");
    pm_avro_put_string(out, schema);
    if (codec) {
        pm_avro_put_string(out, "avro.codec");
        pm_avro_put_string(out, codec);
    }
    pm_avro_put_block_end(out);
    pm_buf_append(out, SYNC, 16);
}

static void add_block(pm_buf *out, int64_t count, const void *data, size_t len) {
    pm_avro_put_long(out, count);
    pm_avro_put_long(out, (int64_t)len);
    if (len > 0)
        pm_buf_append(out, data, len);
    pm_buf_append(out, SYNC, 16);
}

static void expect_corrupt(const pm_buf *file, int code, const char *needle) {
    paimon_error err = {0};
    int rows;
    int rc = read_mem(file->data, file->len, &rows, &err);
    if (rc != code || strstr(err.message, needle) == NULL)
        pm_test_fail(__FILE__, __LINE__, "got %s \"%s\", expected %s with \"%s\"",
                     paimon_status_name(rc), err.message, paimon_status_name(code), needle);
}

TEST(bad_headers) {
    pm_buf f = PM_BUF_INIT;
    pm_buf_append(&f, "Obj\x02", 4);
    expect_corrupt(&f, PAIMON_ECORRUPT, "not an Avro object container file");
    pm_buf_clear(&f);
    pm_buf_append(&f, "Ob", 2);
    expect_corrupt(&f, PAIMON_ECORRUPT, "too short for the magic");
    pm_buf_clear(&f);
    build_header(&f, "\"long\"", "bzip2");
    expect_corrupt(&f, PAIMON_EUNSUPPORTED, "avro codec \"bzip2\" is not supported");
    pm_buf_clear(&f);
    build_header(&f, "{\"type\":\"nope\"}", "null");
    expect_corrupt(&f, PAIMON_ECORRUPT, "avro schema: unknown type \"nope\"");
    pm_buf_clear(&f);
    pm_buf_append(&f, "Obj\x01", 4);
    pm_avro_put_long(&f, 1);
    pm_avro_put_string(&f, "avro.codec");
    pm_avro_put_string(&f, "null");
    pm_avro_put_block_end(&f);
    pm_buf_append(&f, SYNC, 16);
    expect_corrupt(&f, PAIMON_ECORRUPT, "no avro.schema");
    pm_buf_clear(&f);
    pm_buf_append(&f, "Obj\x01", 4);
    pm_avro_put_long(&f, (int64_t)1 << 40); /* metadata entries */
    expect_corrupt(&f, PAIMON_ECORRUPT, "metadata entry count exceeds the file");
    pm_buf_clear(&f);
    build_header(&f, "\"long\"", NULL);
    f.len -= 3; /* cut into the sync marker */
    expect_corrupt(&f, PAIMON_ECORRUPT, "truncated sync marker");
    pm_buf_dispose(&f);
}

TEST(bad_blocks) {
    pm_buf f = PM_BUF_INIT;
    uint8_t longs[] = {0x02, 0x04, 0x06};
    /* a codec-less file without avro.codec reads fine */
    build_header(&f, "\"long\"", NULL);
    add_block(&f, 3, longs, 3);
    paimon_error err = {0};
    int rows;
    CHECK_OK(read_mem(f.data, f.len, &rows, &err), &err);
    CHECK_EQ_INT(rows, 3);
    /* wrong sync marker */
    f.data[f.len - 1] ^= 0xFF;
    expect_corrupt(&f, PAIMON_ECORRUPT, "avro block 0 at offset");
    expect_corrupt(&f, PAIMON_ECORRUPT, "sync marker does not match");
    /* a count that cannot fit the data */
    pm_buf_clear(&f);
    build_header(&f, "\"long\"", "null");
    add_block(&f, (int64_t)1 << 40, longs, 3);
    expect_corrupt(&f, PAIMON_ECORRUPT, "records cannot fit in 3 bytes");
    /* fewer records than the data holds */
    pm_buf_clear(&f);
    build_header(&f, "\"long\"", "null");
    add_block(&f, 2, longs, 3);
    expect_corrupt(&f, PAIMON_ECORRUPT, "1 bytes left after the last record");
    /* more records than the data holds */
    pm_buf_clear(&f);
    build_header(&f, "\"long\"", "null");
    const uint8_t two_longs[] = {0x02, 0x80, 0x01};
    add_block(&f, 3, two_longs, 3);
    expect_corrupt(&f, PAIMON_ECORRUPT, "record 2: truncated or malformed long");
    /* a block size beyond the file */
    pm_buf_clear(&f);
    build_header(&f, "\"long\"", "null");
    pm_avro_put_long(&f, 1);
    pm_avro_put_long(&f, 1000);
    pm_buf_append(&f, longs, 3);
    expect_corrupt(&f, PAIMON_ECORRUPT, "exceed the");
    /* negative counts */
    pm_buf_clear(&f);
    build_header(&f, "\"long\"", "null");
    add_block(&f, -1, longs, 3);
    expect_corrupt(&f, PAIMON_ECORRUPT, "negative record count");
    /* truncated block header */
    pm_buf_clear(&f);
    build_header(&f, "\"long\"", "null");
    pm_buf_append_byte(&f, 0x80);
    expect_corrupt(&f, PAIMON_ECORRUPT, "truncated or malformed block header");
    /* records of zero bytes: a few are fine, an absurd count is not */
    pm_buf_clear(&f);
    build_header(&f, "\"null\"", "null");
    add_block(&f, 10, NULL, 0);
    CHECK_OK(read_mem(f.data, f.len, &rows, &err), &err);
    CHECK_EQ_INT(rows, 10);
    pm_buf_clear(&f);
    build_header(&f, "\"null\"", "null");
    add_block(&f, (int64_t)1 << 40, NULL, 0);
    expect_corrupt(&f, PAIMON_ELIMIT, "more than 65536 values that take no bytes");
    /* the budget is shared by the whole file: many small blocks exhaust it too */
    pm_buf_clear(&f);
    build_header(&f, "\"null\"", "null");
    for (int i = 0; i < 3; i++)
        add_block(&f, 30000, NULL, 0);
    expect_corrupt(&f, PAIMON_ELIMIT, "avro block 2");
    pm_buf_dispose(&f);
}

TEST(huge_array_counts_are_rejected_before_allocating) {
    pm_buf f = PM_BUF_INIT, data = PM_BUF_INIT;
    build_header(&f, "{\"type\":\"array\",\"items\":\"long\"}", "null");
    pm_avro_put_long(&data, (int64_t)1 << 50);
    pm_avro_put_long(&data, 1);
    pm_avro_put_block_end(&data);
    add_block(&f, 1, data.data, data.len);
    expect_corrupt(&f, PAIMON_ECORRUPT, "array block of 1125899906842624 items exceeds");
    /* arrays of nulls cannot be bounded by size: the item budget stops them */
    pm_buf_clear(&f);
    pm_buf_clear(&data);
    build_header(&f, "{\"type\":\"array\",\"items\":{\"type\":\"array\",\"items\":\"null\"}}",
                 "null");
    pm_avro_put_long(&data, 100);
    for (int i = 0; i < 100; i++) {
        pm_avro_put_long(&data, 60000);
        pm_avro_put_block_end(&data);
    }
    pm_avro_put_block_end(&data);
    add_block(&f, 1, data.data, data.len);
    expect_corrupt(&f, PAIMON_ELIMIT, "values that take no bytes");
    /* an invalid union branch and enum index */
    pm_buf_clear(&f);
    pm_buf_clear(&data);
    build_header(&f, "[\"null\",\"long\"]", "null");
    pm_avro_put_long(&data, 2);
    add_block(&f, 1, data.data, data.len);
    expect_corrupt(&f, PAIMON_ECORRUPT, "union branch 2 out of range");
    pm_buf_clear(&f);
    pm_buf_clear(&data);
    build_header(&f, "{\"type\":\"enum\",\"name\":\"e\",\"symbols\":[\"A\"]}", "null");
    pm_avro_put_long(&data, 1);
    add_block(&f, 1, data.data, data.len);
    expect_corrupt(&f, PAIMON_ECORRUPT, "enum index 1 out of range");
    pm_buf_dispose(&f);
    pm_buf_dispose(&data);
}

TEST(deep_values_are_bounded) {
    /* a recursive record nested 1000 levels */
    pm_buf f = PM_BUF_INIT, data = PM_BUF_INIT;
    build_header(&f,
                 "{\"type\":\"record\",\"name\":\"N\",\"fields\":[{\"name\":\"next\",\"type\":"
                 "[\"null\",\"N\"]}]}",
                 "null");
    for (int i = 0; i < 1000; i++)
        pm_avro_put_branch(&data, 1);
    pm_avro_put_branch(&data, 0);
    add_block(&f, 1, data.data, data.len);
    expect_corrupt(&f, PAIMON_ELIMIT, "nested deeper than");
    pm_buf_dispose(&f);
    pm_buf_dispose(&data);
}

TEST(snappy_checksum_is_verified) {
    paimon_error err = {0};
    pm_buf file = PM_BUF_INIT;
    CHECK_OK(write_file(&file, PM_CODEC_SNAPPY, 10, &err), &err);
    /* the CRC sits right before the final sync marker */
    file.data[file.len - 16 - 1] ^= 0x01;
    expect_corrupt(&file, PAIMON_ECORRUPT, "snappy block checksum");
    pm_buf_dispose(&file);
}

TEST(block_size_limit) {
    paimon_error err = {0};
    pm_buf file = PM_BUF_INIT;
    CHECK_OK(write_file(&file, PM_CODEC_ZSTD, 100, &err), &err);
    pm_avro_reader r;
    CHECK_OK(pm_avro_reader_open_mem(&r, file.data, file.len, &err), &err);
    r.max_block_bytes = 100;
    int rows;
    CHECK_ERR(read_all(&r, &rows, false, &err), PAIMON_ELIMIT, &err);
    CHECK(strstr(err.message, "avro block 0") != NULL);
    pm_avro_reader_close(&r);
    pm_buf_dispose(&file);
}

TEST(truncation_at_every_length_never_crashes) {
    const pm_codec codecs[] = {PM_CODEC_NONE, PM_CODEC_DEFLATE, PM_CODEC_SNAPPY, PM_CODEC_ZSTD};
    for (size_t ci = 0; ci < 4; ci++) {
        paimon_error err = {0};
        pm_buf file = PM_BUF_INIT;
        CHECK_OK(write_file(&file, codecs[ci], 40, &err), &err);
        pm_avro_reader r;
        CHECK_OK(pm_avro_reader_open_mem(&r, file.data, file.len, &err), &err);
        size_t header = (size_t)r.first_block_offset;
        pm_avro_reader_close(&r);
        for (size_t len = 0; len < file.len; len++) {
            uint8_t *copy = malloc(len ? len : 1);
            memcpy(copy, file.data, len);
            int rows;
            int rc = read_mem(copy, len, &rows, &err);
            free(copy);
            if (len == header) {
                CHECK_OK(rc, &err); /* a header alone is a valid empty file */
                CHECK_EQ_INT(rows, 0);
            } else {
                CHECK(rc != PAIMON_OK);
                CHECK(err.message[0] != '\0');
            }
        }
        pm_buf_dispose(&file);
    }
}

TEST(bit_flips_never_crash) {
    const pm_codec codecs[] = {PM_CODEC_NONE, PM_CODEC_DEFLATE, PM_CODEC_SNAPPY, PM_CODEC_ZSTD};
    for (size_t ci = 0; ci < 4; ci++) {
        paimon_error err = {0};
        pm_buf file = PM_BUF_INIT;
        CHECK_OK(write_file(&file, codecs[ci], 30, &err), &err);
        int failures = 0;
        for (size_t i = 0; i < file.len; i++) {
            for (int bit = 0; bit < 8; bit += 3) {
                file.data[i] ^= (uint8_t)(1u << bit);
                int rows;
                if (read_mem(file.data, file.len, &rows, &err) != PAIMON_OK)
                    failures++;
                file.data[i] ^= (uint8_t)(1u << bit);
            }
        }
        CHECK(failures > 0);
        pm_buf_dispose(&file);
    }
}

TEST(records_of_nulls_cost_their_fields) {
    /* 30000 items of a record with two null fields: 90000 zero-byte values */
    pm_buf f = PM_BUF_INIT, data = PM_BUF_INIT;
    build_header(&f,
                 "{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"e\",\"fields\":"
                 "[{\"name\":\"a\",\"type\":\"null\"},{\"name\":\"b\",\"type\":\"null\"}]}}",
                 "null");
    pm_avro_put_long(&data, 30000);
    pm_avro_put_block_end(&data);
    add_block(&f, 1, data.data, data.len);
    expect_corrupt(&f, PAIMON_ELIMIT, "values that take no bytes");
    pm_buf_dispose(&f);
    pm_buf_dispose(&data);
}

TEST(zstd_frames_without_content_size) {
    /* Java's zstandard blocks are streamed frames whose header has no content size. */
    uint8_t raw[64];
    pm_buf rec = PM_BUF_INIT;
    for (int i = 0; i < 20; i++)
        pm_avro_put_long(&rec, i * 1000);
    ZSTD_CCtx *cctx = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(cctx, ZSTD_c_contentSizeFlag, 0);
    ZSTD_inBuffer in = {rec.data, rec.len, 0};
    ZSTD_outBuffer out = {raw, sizeof raw, 0};
    size_t left = ZSTD_compressStream2(cctx, &out, &in, ZSTD_e_end);
    ZSTD_freeCCtx(cctx);
    CHECK_EQ_INT(left, 0);
    CHECK_EQ_INT(raw[4] & 0xC0, 0); /* frame header descriptor: no content size field */
    pm_buf f = PM_BUF_INIT;
    build_header(&f, "\"long\"", "zstandard");
    add_block(&f, 20, raw, out.pos);
    paimon_error err = {0};
    pm_avro_reader r;
    CHECK_OK(pm_avro_reader_open_mem(&r, f.data, f.len, &err), &err);
    for (int i = 0; i < 20; i++) {
        pm_avro_value v;
        bool has;
        CHECK_OK(pm_avro_reader_next_value(&r, &v, &has, &err), &err);
        CHECK(has);
        CHECK_EQ_INT(v.u.integer, i * 1000);
    }
    pm_avro_reader_close(&r);
    pm_buf_dispose(&f);
    pm_buf_dispose(&rec);
}
