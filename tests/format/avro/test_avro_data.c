/* Avro data files into Arrow batches: Java-written fixtures with known rows, projection, missing
 * columns, batch boundaries, time units, and refused conversions. */
#include "test.h"
#include "data/arrow_builder.h"
#include "format/format.h"

#include <stdio.h>
#include <stdlib.h>

static const char *resource(const char *name) {
    static char path[1024];
    const char *src = getenv("PAIMON_SOURCE_DIR");
    snprintf(path, sizeof path, "%s/tests/resources/avro/%s", src ? src : ".", name);
    return path;
}

/* Opens `path` asking for the fields of `row_type` ("ROW<`a` INT, ...>"). */
static pm_fs *local_fs; /* files point to their filesystem: it lives as long as the process */

static int open_file(const char *path, pm_type *row, size_t batch_rows, pm_format_reader **out,
                     paimon_error *err) {
    if (local_fs == NULL)
        PM_TRY(pm_fs_local_new(&local_fs, err));
    pm_file *f;
    PM_TRY(pm_fs_open(local_fs, path, &f, err));
    pm_read_options opts = {row->fields, row->field_count, batch_rows, NULL, NULL,
                            NULL,        {false, 0, 0}};
    return pm_avro_data_reader_open(f, path, &opts, out, err);
}

static pm_type *row_type(const char *text) {
    pm_type *t = NULL;
    paimon_error err = {0};
    if (pm_type_parse(text, &t, &err) != PAIMON_OK)
        fprintf(stderr, "  bad type: %s\n", err.message);
    return t;
}

static pm_datum cell(const struct ArrowArray *batch, const pm_type *row, size_t col, int64_t i) {
    return pm_arrow_get_datum(batch->children[col], row->fields[col].type, i);
}

static bool is_text(pm_datum d, const char *s) {
    return !d.is_null && d.v.bytes.len == strlen(s) && memcmp(d.v.bytes.ptr, s, d.v.bytes.len) == 0;
}

static int64_t micros_of(pm_datum d) {
    return d.v.ts.millis * 1000 + d.v.ts.nanos / 1000;
}

TEST(java_all_types_fixture) {
    pm_type *row = row_type(
        "ROW<`f0` BOOLEAN, `f1` TINYINT, `f2` SMALLINT, `f3` INT, `f4` BIGINT, `f5` FLOAT, "
        "`f6` DOUBLE, `f7` STRING, `f8` BYTES, `f10` ARRAY<FLOAT>, `f11` ROW<`f0` BOOLEAN, `f1` "
        "BIGINT>, `f12` TIMESTAMP(6), `f13` DATE, `f14` DECIMAL(2, 2), `f15` DECIMAL(10, 10), "
        "`f16` DECIMAL(19, 19)>");
    CHECK(row != NULL);
    paimon_error err = {0};
    pm_format_reader *r;
    CHECK_OK(open_file(resource("avro_all_types"), row, 0, &r, &err), &err);
    CHECK_EQ_INT(r->ops->row_count(r), 3);
    struct ArrowArray batch;
    int64_t first;
    CHECK_OK(pm_format_reader_next(r, &batch, &first, &err), &err);
    CHECK(batch.release != NULL);
    CHECK_EQ_INT(batch.length, 3);
    CHECK_EQ_INT(first, 0);
    CHECK_EQ_INT(batch.n_children, 16);
    /* row 0 */
    CHECK(cell(&batch, row, 0, 0).v.b == true);
    CHECK_EQ_INT(cell(&batch, row, 1, 0).v.i, 127);
    CHECK_EQ_INT(cell(&batch, row, 2, 0).v.i, 32767);
    CHECK_EQ_INT(cell(&batch, row, 3, 0).v.i, 2147483647);
    CHECK_EQ_INT(cell(&batch, row, 4, 0).v.i, 9999999999999LL);
    CHECK_NEAR(cell(&batch, row, 5, 0).v.f, 1234.56, 1e-3);
    CHECK_NEAR(cell(&batch, row, 6, 0).v.f, 1234567890.0987654321, 1e-6);
    CHECK(is_text(cell(&batch, row, 7, 0), "aa"));
    CHECK(is_text(cell(&batch, row, 8, 0), "qq"));
    CHECK_EQ_INT(micros_of(cell(&batch, row, 11, 0)), 123123123);
    CHECK_EQ_INT(cell(&batch, row, 12, 0).v.i, 2456);
    int64_t v;
    CHECK(pm_dec_to_i64(cell(&batch, row, 13, 0).v.dec, &v) && v == 22);
    CHECK(pm_dec_to_i64(cell(&batch, row, 14, 0).v.dec, &v) && v == 1234567890);
    CHECK(pm_dec_to_i64(cell(&batch, row, 15, 0).v.dec, &v) && v == 1234567890987654321LL);
    /* row 1 */
    CHECK(cell(&batch, row, 0, 1).v.b == false);
    CHECK_EQ_INT(cell(&batch, row, 1, 1).v.i, -128);
    CHECK_EQ_INT(cell(&batch, row, 2, 1).v.i, -32768);
    CHECK_EQ_INT(cell(&batch, row, 3, 1).v.i, INT32_MIN);
    CHECK_EQ_INT(cell(&batch, row, 4, 1).v.i, -9999999999999LL);
    CHECK(cell(&batch, row, 7, 1).is_null);
    CHECK(is_text(cell(&batch, row, 8, 1), "ww"));
    CHECK_EQ_INT(micros_of(cell(&batch, row, 11, 1)), 999999999);
    CHECK(cell(&batch, row, 12, 1).is_null);
    CHECK(pm_dec_to_i64(cell(&batch, row, 13, 1).v.dec, &v) && v == -22);
    CHECK(pm_dec_to_i64(cell(&batch, row, 14, 1).v.dec, &v) && v == -1234567890);
    CHECK(cell(&batch, row, 15, 1).is_null);
    /* row 2: all null */
    for (size_t c = 0; c < 16; c++)
        CHECK(!pm_arrow_is_valid(batch.children[c], 2));
    /* the array column: [0.1, 0.2], [-0.1, -0.2, null, 0.3, 0.4], null */
    const struct ArrowArray *arr = batch.children[9];
    const int32_t *offsets = arr->buffers[1];
    CHECK_EQ_INT(offsets[0], 0);
    CHECK_EQ_INT(offsets[1], 2);
    CHECK_EQ_INT(offsets[2], 7);
    CHECK_EQ_INT(offsets[3], 7);
    const pm_type *ft = row->fields[9].type->element;
    CHECK_NEAR(pm_arrow_get_datum(arr->children[0], ft, 1).v.f, 0.2, 1e-6);
    CHECK(pm_arrow_get_datum(arr->children[0], ft, 4).is_null);
    CHECK_NEAR(pm_arrow_get_datum(arr->children[0], ft, 6).v.f, 0.4, 1e-6);
    /* the row column: [true, null], [null, 2], null */
    const struct ArrowArray *st = batch.children[10];
    const pm_type *st_type = row->fields[10].type;
    CHECK(pm_arrow_get_datum(st->children[0], st_type->fields[0].type, 0).v.b);
    CHECK(pm_arrow_get_datum(st->children[1], st_type->fields[1].type, 0).is_null);
    CHECK(pm_arrow_get_datum(st->children[0], st_type->fields[0].type, 1).is_null);
    CHECK_EQ_INT(pm_arrow_get_datum(st->children[1], st_type->fields[1].type, 1).v.i, 2);
    CHECK(!pm_arrow_is_valid(st, 2));
    batch.release(&batch);
    CHECK_OK(pm_format_reader_next(r, &batch, &first, &err), &err);
    CHECK(batch.release == NULL);
    pm_format_reader_close(r);
    pm_type_free(row);
}

TEST(java_primary_key_file_with_projection_and_batches) {
    /* request out of order, with a column the file lacks */
    pm_type *row = row_type("ROW<`f3` DOUBLE, `zz` INT, `_KEY_f0` STRING, `_VALUE_KIND` TINYINT, "
                            "`f2` INT, `_SEQUENCE_NUMBER` BIGINT>");
    paimon_error err = {0};
    pm_format_reader *r;
    CHECK_OK(open_file(resource("avro_with_null"), row, 2, &r, &err), &err);
    struct ArrowArray batch;
    int64_t first;
    CHECK_OK(pm_format_reader_next(r, &batch, &first, &err), &err);
    CHECK_EQ_INT(batch.length, 2);
    CHECK_EQ_INT(first, 0);
    CHECK_NEAR(cell(&batch, row, 0, 0).v.f, 10.1, 1e-12);
    CHECK(cell(&batch, row, 1, 0).is_null);
    CHECK(cell(&batch, row, 1, 1).is_null);
    CHECK(is_text(cell(&batch, row, 2, 0), "Alex"));
    CHECK(is_text(cell(&batch, row, 2, 1), "Bob"));
    CHECK_EQ_INT(cell(&batch, row, 3, 0).v.i, 3);
    CHECK_EQ_INT(cell(&batch, row, 4, 1).v.i, 19);
    CHECK_EQ_INT(cell(&batch, row, 5, 0).v.i, 2);
    batch.release(&batch);
    CHECK_OK(pm_format_reader_next(r, &batch, &first, &err), &err);
    CHECK_EQ_INT(batch.length, 1);
    CHECK_EQ_INT(first, 2);
    CHECK(is_text(cell(&batch, row, 2, 0), "Evan"));
    CHECK_EQ_INT(cell(&batch, row, 3, 0).v.i, 0);
    CHECK(cell(&batch, row, 4, 0).is_null);
    CHECK_NEAR(cell(&batch, row, 0, 0).v.f, 14.1, 1e-12);
    CHECK_EQ_INT(cell(&batch, row, 5, 0).v.i, 1);
    batch.release(&batch);
    CHECK_OK(pm_format_reader_next(r, &batch, &first, &err), &err);
    CHECK(batch.release == NULL);
    CHECK_EQ_INT(r->ops->row_count(r), 3);
    pm_format_reader_close(r);
    pm_type_free(row);
}

TEST(java_timestamps_in_every_precision) {
    /* local-timestamp-* are Paimon's TIMESTAMP WITH LOCAL TIME ZONE: raw instants. */
    pm_type *row = row_type("ROW<`ts_sec` TIMESTAMP(0), `ts_milli` TIMESTAMP(3), `ts_micro` "
                            "TIMESTAMP(6), `ts_tz_sec` TIMESTAMP(0) WITH LOCAL TIME ZONE, "
                            "`ts_tz_milli` TIMESTAMP(3) WITH LOCAL TIME ZONE, `ts_tz_micro` "
                            "TIMESTAMP(6) WITH LOCAL TIME ZONE>");
    paimon_error err = {0};
    pm_format_reader *r;
    CHECK_OK(open_file(resource("multiple_ts_precision.avro"), row, 0, &r, &err), &err);
    struct ArrowArray batch;
    int64_t first;
    CHECK_OK(pm_format_reader_next(r, &batch, &first, &err), &err);
    CHECK_EQ_INT(batch.length, 3);
    /* raw stored units: millis for p <= 3, micros for p <= 6 */
    static const int64_t expected[3][6] = {
        {1000, 1, 1, 2000, 2, 2}, {-1, 3, -1, -1, 4, -1}, {5000, -1, 5, 6000, -1, 6}};
    for (int i = 0; i < 3; i++) {
        for (int c = 0; c < 6; c++) {
            const struct ArrowArray *a = batch.children[c];
            if (expected[i][c] < 0) {
                CHECK(!pm_arrow_is_valid(a, i));
            } else {
                CHECK(pm_arrow_is_valid(a, i));
                CHECK_EQ_INT(((const int64_t *)a->buffers[1])[i], expected[i][c]);
            }
        }
    }
    batch.release(&batch);
    pm_format_reader_close(r);
    pm_type_free(row);
    /* other precisions convert units: micros to nanos and millis, millis to micros */
    row = row_type("ROW<`ts_micro` TIMESTAMP(9), `ts_milli` TIMESTAMP(6), `ts_tz_micro` "
                   "TIMESTAMP(3) WITH LOCAL TIME ZONE>");
    CHECK_OK(open_file(resource("multiple_ts_precision.avro"), row, 0, &r, &err), &err);
    CHECK_OK(pm_format_reader_next(r, &batch, &first, &err), &err);
    CHECK_EQ_INT(((const int64_t *)batch.children[0]->buffers[1])[0], 1000);
    CHECK_EQ_INT(((const int64_t *)batch.children[1]->buffers[1])[0], 1000);
    CHECK_EQ_INT(((const int64_t *)batch.children[2]->buffers[1])[0], 0);
    batch.release(&batch);
    pm_format_reader_close(r);
    pm_type_free(row);
}

TEST(impossible_conversions_name_the_column) {
    paimon_error err = {0};
    pm_format_reader *r;
    pm_type *row = row_type("ROW<`f2` INT, `f0` INT>");
    CHECK_ERR(open_file(resource("avro_with_null"), row, 0, &r, &err), PAIMON_EUNSUPPORTED, &err);
    CHECK(strstr(err.message, "avro_with_null: column f0: cannot read Avro string as INT") != NULL);
    pm_type_free(row);
    row = row_type("ROW<`f11` ROW<`f1` STRING>>");
    CHECK_ERR(open_file(resource("avro_all_types"), row, 0, &r, &err), PAIMON_EUNSUPPORTED, &err);
    CHECK(strstr(err.message, "column f11.f1: cannot read Avro long as STRING") != NULL);
    pm_type_free(row);
    row = row_type("ROW<`f0` STRING, `f0` STRING>");
    CHECK_ERR(open_file(resource("avro_with_null"), row, 0, &r, &err), PAIMON_EINVAL, &err);
    CHECK(strstr(err.message, "column f0 is requested twice") != NULL);
    pm_type_free(row);
    /* not an Avro file */
    row = row_type("ROW<`a` INT>");
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/resources/avro/README.md",
             getenv("PAIMON_SOURCE_DIR") ? getenv("PAIMON_SOURCE_DIR") : ".");
    CHECK_ERR(open_file(path, row, 0, &r, &err), PAIMON_ECORRUPT, &err);
    CHECK(strstr(err.message, "README.md: not an Avro object container file") != NULL);
    pm_type_free(row);
}
