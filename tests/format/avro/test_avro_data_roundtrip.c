/* Avro data files written by our writer read back equal, in every Paimon type Avro can hold,
 * nested and with nulls, through every codec; and the writer schema is Java's. */
#include "test.h"
#include "data/arrow_builder.h"
#include "format/avro/avro_data_writer.h"
#include "format/avro/avro_reader.h"
#include "format/format.h"

#include <stdio.h>
#include <stdlib.h>

static uint32_t rng_state;
static uint32_t rnd(void) {
    rng_state = rng_state * 1664525u + 1013904223u;
    return rng_state >> 8;
}

/* Appends one generated value of `t` to `col` (nulls for nullable types now and then). */
static int gen_value(pm_col *col, const pm_type *t, int depth) {
    if (t->nullable && rnd() % 6 == 0)
        return pm_col_append_null(col);
    pm_datum d = pm_datum_int(0);
    char text[40];
    switch (t->id) {
    case PM_TYPE_BOOLEAN:
        return pm_col_append_bool(col, rnd() % 2);
    case PM_TYPE_TINYINT:
        return pm_col_append_int(col, (int8_t)rnd());
    case PM_TYPE_SMALLINT:
        return pm_col_append_int(col, (int16_t)rnd());
    case PM_TYPE_INT:
        return pm_col_append_int(col, (int32_t)(rnd() * 977u));
    case PM_TYPE_DATE:
        return pm_col_append_int(col, (int32_t)(rnd() % 40000) - 10000);
    case PM_TYPE_TIME:
        return pm_col_append_int(col, (int32_t)(rnd() % 86400000));
    case PM_TYPE_BIGINT:
        return pm_col_append_int(col, (int64_t)((uint64_t)rnd() << 40 ^ rnd()) - (1LL << 50));
    case PM_TYPE_FLOAT:
        return pm_col_append_double(col, (float)((int)rnd() % 100000) / 7.0f);
    case PM_TYPE_DOUBLE:
        return pm_col_append_double(col, ((int)rnd() % 1000000) / 3.0);
    case PM_TYPE_DECIMAL: {
        /* up to `precision` digits, both signs */
        pm_decimal128 v = pm_dec_from_i64(0);
        for (int i = 0; i < t->precision; i++)
            pm_dec_mul_i64(v, 10, &v), pm_dec_add(v, pm_dec_from_i64(rnd() % 10), &v);
        if (rnd() % 2)
            v = pm_dec_negate(v);
        return pm_col_append_decimal(col, v);
    }
    case PM_TYPE_CHAR:
    case PM_TYPE_VARCHAR:
    case PM_TYPE_BINARY:
    case PM_TYPE_VARBINARY:
    case PM_TYPE_BLOB: {
        size_t n = rnd() % 20;
        for (size_t i = 0; i < n; i++)
            text[i] = (char)(pm_type_is_string(t) ? 'a' + rnd() % 26 : rnd());
        return pm_col_append_bytes(col, text, n);
    }
    case PM_TYPE_TIMESTAMP:
    case PM_TYPE_TIMESTAMP_LTZ: {
        int64_t v = (int64_t)(rnd() % 4000000000u) * 1000 - 1000000000000LL;
        return pm_col_append_int(col, v + (t->precision > 3 ? rnd() % 1000 : 0));
    }
    case PM_TYPE_ARRAY: {
        int n = depth > 3 ? 0 : (int)(rnd() % 4);
        for (int i = 0; i < n; i++)
            PM_TRY(gen_value(&col->children[0], t->element, depth + 1));
        return pm_col_list_close(col);
    }
    case PM_TYPE_MAP:
    case PM_TYPE_MULTISET: {
        pm_col *entries = &col->children[0];
        int n = depth > 3 ? 0 : (int)(rnd() % 4);
        for (int i = 0; i < n; i++) {
            PM_TRY(gen_value(&entries->children[0], entries->type->fields[0].type, depth + 1));
            PM_TRY(gen_value(&entries->children[1], entries->type->fields[1].type, depth + 1));
            PM_TRY(pm_col_struct_close(entries));
        }
        return pm_col_list_close(col);
    }
    case PM_TYPE_ROW:
        for (size_t i = 0; i < t->field_count; i++)
            PM_TRY(gen_value(&col->children[i], t->fields[i].type, depth + 1));
        return pm_col_struct_close(col);
    default:
        (void)d;
        return PAIMON_EUNSUPPORTED;
    }
}

/* Deep equality of row a_i of `a` and row b_i of `b`, both of type `t`. */
static bool same_value(const struct ArrowArray *a, int64_t ai, const struct ArrowArray *b,
                       int64_t bi, const pm_type *t, const pm_type *entry_type) {
    bool va = pm_arrow_is_valid(a, ai), vb = pm_arrow_is_valid(b, bi);
    if (va != vb)
        return false;
    if (!va)
        return true;
    switch (t->id) {
    case PM_TYPE_ARRAY:
    case PM_TYPE_MAP:
    case PM_TYPE_MULTISET: {
        const int32_t *oa = a->buffers[1], *ob = b->buffers[1];
        int32_t sa = oa[a->offset + ai], ea = oa[a->offset + ai + 1];
        int32_t sb = ob[b->offset + bi], eb = ob[b->offset + bi + 1];
        if (ea - sa != eb - sb)
            return false;
        for (int32_t k = 0; k < ea - sa; k++) {
            const pm_type *child = t->id == PM_TYPE_ARRAY ? t->element : entry_type;
            if (!same_value(a->children[0], sa + k, b->children[0], sb + k, child, NULL))
                return false;
        }
        return true;
    }
    case PM_TYPE_ROW:
        for (size_t k = 0; k < t->field_count; k++) {
            const pm_type *ft = t->fields[k].type;
            pm_type *entry = NULL;
            if (ft->id == PM_TYPE_MAP || ft->id == PM_TYPE_MULTISET) {
                pm_col tmp;
                pm_col_init(&tmp, ft, NULL);
                entry = tmp.owned_type;
                tmp.owned_type = NULL;
                pm_col_dispose(&tmp);
            }
            bool same = same_value(a->children[k], a->offset + ai, b->children[k], b->offset + bi,
                                   ft, entry);
            pm_type_free(entry);
            if (!same)
                return false;
        }
        return true;
    default: {
        pm_datum da = pm_arrow_get_datum(a, t, ai), db = pm_arrow_get_datum(b, t, bi);
        if (t->id == PM_TYPE_TIMESTAMP || t->id == PM_TYPE_TIMESTAMP_LTZ)
            return da.v.ts.millis == db.v.ts.millis && da.v.ts.nanos == db.v.ts.nanos;
        if (t->id == PM_TYPE_BOOLEAN)
            return da.v.b == db.v.b;
        if (t->id == PM_TYPE_FLOAT || t->id == PM_TYPE_DOUBLE)
            return da.v.f == db.v.f;
        return pm_datum_compare(t, &da, &db) == 0;
    }
    }
}

static const char *EVERY_TYPE =
    "ROW<`b` BOOLEAN, `t` TINYINT, `s` SMALLINT, `i` INT NOT NULL, `l` BIGINT, `f` FLOAT, "
    "`d` DOUBLE, `d5` DECIMAL(5, 2), `d18` DECIMAL(18, 4) NOT NULL, `d38` DECIMAL(38, 10), "
    "`c` CHAR(3), `v` VARCHAR(10), `str` STRING NOT NULL, `bin` BINARY(4), `vb` VARBINARY(8), "
    "`by` BYTES, `blob` BLOB, `dt` DATE, `tm` TIME(3), `tm0` TIME(0), `ts0` TIMESTAMP(0), "
    "`ts3` TIMESTAMP(3), `ts6` TIMESTAMP(6), `ltz3` TIMESTAMP(3) WITH LOCAL TIME ZONE, "
    "`ltz6` TIMESTAMP(6) WITH LOCAL TIME ZONE NOT NULL, `ai` ARRAY<INT>, `aas` "
    "ARRAY<ARRAY<STRING>>, "
    "`ann` ARRAY<INT NOT NULL> NOT NULL, `msi` MAP<STRING, INT>, `mis` MAP<INT NOT NULL, STRING>, "
    "`mrow` MAP<ROW<`k1` INT, `k2` STRING>, ARRAY<DOUBLE>>, `mss` MAP<STRING, ROW<`x` BIGINT>>, "
    "`mset` MULTISET<STRING>, `mseti` MULTISET<INT>, "
    "`r` ROW<`a` INT, `b` ROW<`c` STRING, `d` ARRAY<DECIMAL(20, 3)>>, `e` MAP<STRING, DATE>>, "
    "`ar` ARRAY<ROW<`p` INT, `q` TIMESTAMP(6)>>>";

static pm_fs *mem_fs;

static void round_trip(const char *codec, int rows, size_t batch_rows) {
    paimon_error err = {0};
    pm_type *row = NULL;
    CHECK_OK(pm_type_parse(EVERY_TYPE, &row, &err), &err);
    size_t n = row->field_count;
    /* build the expected batch */
    pm_col *cols = calloc(n, sizeof *cols);
    for (size_t k = 0; k < n; k++)
        CHECK_OK(pm_col_init(&cols[k], row->fields[k].type, &err), &err);
    rng_state = 12345;
    for (int i = 0; i < rows; i++) {
        for (size_t k = 0; k < n; k++)
            CHECK_EQ_INT(gen_value(&cols[k], row->fields[k].type, 0), PAIMON_OK);
    }
    struct ArrowArray *children = calloc(n, sizeof *children);
    for (size_t k = 0; k < n; k++)
        CHECK_OK(pm_col_finish(&cols[k], &children[k], &err), &err);
    struct ArrowArray expected;
    CHECK_OK(pm_arrow_struct_from_children(children, n, rows, &expected, &err), &err);
    /* write */
    pm_avro_data_writer *w;
    CHECK_OK(pm_avro_data_writer_new(row->fields, n, codec, 3, &w, &err), &err);
    CHECK_OK(pm_avro_data_writer_write(w, &expected, &err), &err);
    CHECK_EQ_INT(pm_avro_data_writer_row_count(w), rows);
    pm_buf file = PM_BUF_INIT;
    CHECK_OK(pm_avro_data_writer_finish(w, &file, &err), &err);
    pm_avro_data_writer_free(w);
    if (mem_fs == NULL)
        CHECK_OK(pm_fs_mem_new(&mem_fs, &err), &err);
    CHECK_OK(pm_fs_write_file(mem_fs, "/data.avro", file.data, file.len, PM_WRITE_REPLACE, &err),
             &err);
    /* read back in batches */
    pm_file *f;
    CHECK_OK(pm_fs_open(mem_fs, "/data.avro", &f, &err), &err);
    pm_read_options opts = {row->fields, n, batch_rows, NULL, NULL, NULL, {false, 0, 0}};
    pm_format_reader *r;
    CHECK_OK(pm_avro_data_reader_open(f, "/data.avro", &opts, &r, &err), &err);
    CHECK_EQ_INT(r->ops->row_count(r), rows);
    int64_t seen = 0;
    for (;;) {
        struct ArrowArray batch;
        int64_t first;
        CHECK_OK(pm_format_reader_next(r, &batch, &first, &err), &err);
        if (batch.release == NULL)
            break;
        CHECK_EQ_INT(first, seen);
        CHECK((size_t)batch.length <= batch_rows);
        for (int64_t i = 0; i < batch.length; i++) {
            if (!same_value(&expected, first + i, &batch, i, row, NULL)) {
                pm_test_fail(__FILE__, __LINE__, "codec %s: row %lld differs", codec,
                             (long long)(first + i));
                batch.release(&batch);
                return;
            }
        }
        seen += batch.length;
        batch.release(&batch);
    }
    CHECK_EQ_INT(seen, rows);
    pm_format_reader_close(r);
    expected.release(&expected);
    for (size_t k = 0; k < n; k++)
        pm_col_dispose(&cols[k]);
    free(cols);
    free(children);
    pm_buf_dispose(&file);
    pm_type_free(row);
}

TEST(every_type_round_trips_uncompressed) {
    round_trip("none", 300, 64);
}
TEST(every_type_round_trips_zstd_many_blocks) {
    round_trip("zstd", 5000, 4096);
}
TEST(every_type_round_trips_snappy) {
    round_trip("snappy", 700, 1000);
}
TEST(every_type_round_trips_deflate) {
    round_trip("deflate", 700, 7);
}

TEST(writer_schema_is_javas) {
    /* Java's AvroSchemaConverter output for the fixture avro_all_types (see its header). */
    paimon_error err = {0};
    pm_type *row = NULL;
    CHECK_OK(pm_type_parse("ROW<`f0` BOOLEAN, `f1` TINYINT, `f2` SMALLINT, `f3` INT, `f4` BIGINT, "
                           "`f5` FLOAT, `f6` DOUBLE, `f7` STRING, `f8` BYTES, `f10` ARRAY<FLOAT>, "
                           "`f11` ROW<`f0` BOOLEAN, `f1` BIGINT>, `f12` TIMESTAMP(6), `f13` DATE, "
                           "`f14` DECIMAL(2, 2), `f15` DECIMAL(10, 10), `f16` DECIMAL(19, 19)>",
                           &row, &err),
             &err);
    pm_buf json = PM_BUF_INIT;
    CHECK_OK(pm_avro_schema_json_for_fields(row->fields, row->field_count, &json, &err), &err);
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/resources/avro/avro_all_types",
             getenv("PAIMON_SOURCE_DIR") ? getenv("PAIMON_SOURCE_DIR") : ".");
    size_t len;
    uint8_t *data = pm_test_read_file(path, &len);
    CHECK(data != NULL);
    pm_avro_reader r;
    CHECK_OK(pm_avro_reader_open_mem(&r, data, len, &err), &err);
    CHECK_EQ_STR(pm_buf_cstr(&json), r.schema_json);
    pm_avro_reader_close(&r);
    free(data);
    pm_buf_dispose(&json);
    pm_type_free(row);
    /* maps: string keys as Avro maps, other keys as arrays of key/value records */
    CHECK_OK(pm_type_parse("ROW<`m` MAP<INT NOT NULL, STRING> NOT NULL, `s` MULTISET<STRING>, "
                           "`t` TIMESTAMP(3) WITH LOCAL TIME ZONE NOT NULL, `x` TIME>",
                           &row, &err),
             &err);
    CHECK_OK(pm_avro_schema_json_for_fields(row->fields, row->field_count, &json, &err), &err);
    CHECK_EQ_STR(
        pm_buf_cstr(&json),
        "{\"type\":\"record\",\"name\":\"record\",\"namespace\":\"org.apache.paimon.avro."
        "generated\",\"fields\":[{\"name\":\"m\",\"type\":{\"type\":\"array\",\"items\":{"
        "\"type\":\"record\",\"name\":\"record_m\",\"fields\":[{\"name\":\"key\",\"type\":"
        "\"int\"},{\"name\":\"value\",\"type\":[\"null\",\"string\"],\"default\":null}]},"
        "\"logicalType\":\"map\"}},{\"name\":\"s\",\"type\":[\"null\",{\"type\":\"map\","
        "\"values\":\"int\"}],\"default\":null},{\"name\":\"t\",\"type\":{\"type\":"
        "\"long\",\"logicalType\":\"local-timestamp-millis\"}},{\"name\":\"x\",\"type\":["
        "\"null\",{\"type\":\"int\",\"logicalType\":\"time-millis\"}],\"default\":null}]}");
    pm_buf_dispose(&json);
    pm_type_free(row);
}

TEST(unwritable_types_and_nulls_are_refused) {
    paimon_error err = {0};
    pm_type *row = NULL;
    pm_avro_data_writer *w;
    CHECK_OK(pm_type_parse("ROW<`t` TIMESTAMP(9)>", &row, &err), &err);
    CHECK_ERR(pm_avro_data_writer_new(row->fields, 1, NULL, 0, &w, &err), PAIMON_EUNSUPPORTED,
              &err);
    CHECK(strstr(err.message, "precision above 6") != NULL);
    pm_type_free(row);
    CHECK_OK(pm_type_parse("ROW<`v` VARIANT>", &row, &err), &err);
    CHECK_ERR(pm_avro_data_writer_new(row->fields, 1, NULL, 0, &w, &err), PAIMON_EUNSUPPORTED,
              &err);
    pm_type_free(row);
    CHECK_OK(pm_type_parse("ROW<`i` INT>", &row, &err), &err);
    CHECK_ERR(pm_avro_data_writer_new(row->fields, 1, "lzo", 0, &w, &err), PAIMON_EUNSUPPORTED,
              &err);
    pm_type_free(row);
    /* a null in a NOT NULL column */
    CHECK_OK(pm_type_parse("ROW<`i` INT NOT NULL>", &row, &err), &err);
    pm_col col;
    CHECK_OK(pm_col_init(&col, row->fields[0].type, &err), &err);
    pm_col_append_int(&col, 1);
    pm_col_append_null(&col);
    struct ArrowArray child, batch;
    CHECK_OK(pm_col_finish(&col, &child, &err), &err);
    CHECK_OK(pm_arrow_struct_from_children(&child, 1, 2, &batch, &err), &err);
    CHECK_OK(pm_avro_data_writer_new(row->fields, 1, NULL, 0, &w, &err), &err);
    CHECK_ERR(pm_avro_data_writer_write(w, &batch, &err), PAIMON_EINVAL, &err);
    CHECK(strstr(err.message, "row 1: column i: null in a NOT NULL INT column") != NULL);
    CHECK_EQ_INT(pm_avro_data_writer_row_count(w), 1);
    pm_avro_data_writer_free(w);
    batch.release(&batch);
    pm_col_dispose(&col);
    pm_type_free(row);
}

TEST(corrupt_data_files_fail_cleanly) {
    /* Write a small file, then truncate and flip bits: every read ends with OK or an error. */
    paimon_error err = {0};
    pm_type *row = NULL;
    CHECK_OK(pm_type_parse("ROW<`a` INT, `s` STRING, `m` MAP<INT, ARRAY<STRING>>, `r` ROW<`x` "
                           "DECIMAL(20, 2), `ts` TIMESTAMP(6)>>",
                           &row, &err),
             &err);
    pm_col cols[4];
    for (int k = 0; k < 4; k++)
        CHECK_OK(pm_col_init(&cols[k], row->fields[k].type, &err), &err);
    rng_state = 7;
    for (int i = 0; i < 40; i++)
        for (int k = 0; k < 4; k++)
            CHECK_EQ_INT(gen_value(&cols[k], row->fields[k].type, 0), PAIMON_OK);
    struct ArrowArray children[4], batch;
    for (int k = 0; k < 4; k++)
        CHECK_OK(pm_col_finish(&cols[k], &children[k], &err), &err);
    CHECK_OK(pm_arrow_struct_from_children(children, 4, 40, &batch, &err), &err);
    pm_avro_data_writer *w;
    CHECK_OK(pm_avro_data_writer_new(row->fields, 4, "none", 0, &w, &err), &err);
    CHECK_OK(pm_avro_data_writer_write(w, &batch, &err), &err);
    pm_buf file = PM_BUF_INIT;
    CHECK_OK(pm_avro_data_writer_finish(w, &file, &err), &err);
    pm_avro_data_writer_free(w);
    batch.release(&batch);
    if (mem_fs == NULL)
        CHECK_OK(pm_fs_mem_new(&mem_fs, &err), &err);
    int errors = 0;
    for (size_t pos = 0; pos < file.len; pos += 3) {
        for (int mode = 0; mode < 2; mode++) {
            size_t len = mode == 0 ? pos : file.len;
            if (mode == 1)
                file.data[pos] ^= 0x5a;
            pm_fs_write_file(mem_fs, "/c.avro", file.data, len, PM_WRITE_REPLACE, &err);
            if (mode == 1)
                file.data[pos] ^= 0x5a;
            pm_file *f;
            CHECK_OK(pm_fs_open(mem_fs, "/c.avro", &f, &err), &err);
            pm_read_options opts = {row->fields, 4, 16, NULL, NULL, NULL, {false, 0, 0}};
            pm_format_reader *r = NULL;
            int rc = pm_avro_data_reader_open(f, "/c.avro", &opts, &r, &err);
            bool opened = rc == PAIMON_OK;
            while (rc == PAIMON_OK) {
                struct ArrowArray out;
                int64_t first;
                rc = pm_format_reader_next(r, &out, &first, &err);
                if (rc != PAIMON_OK || out.release == NULL)
                    break;
                out.release(&out);
            }
            if (rc != PAIMON_OK) {
                errors++;
                CHECK(strncmp(err.message, "/c.avro: ", 9) == 0);
            }
            if (opened)
                pm_format_reader_close(r);
        }
    }
    CHECK(errors > 0);
    pm_buf_dispose(&file);
    for (int k = 0; k < 4; k++)
        pm_col_dispose(&cols[k]);
    pm_type_free(row);
}
