/* The ORC writer: every Paimon type written by our writer reads back exactly through our reader,
 * across codecs, dictionary settings, stripe sizes and batch sizes; statistics drive skipping. */
#include "test.h"
#include "orc_test_util.h"

#include "data/type.h"

#include <stdio.h>

static const char *const all_types[] = {
    "BOOLEAN", "TINYINT", "SMALLINT", "INT", "BIGINT", "FLOAT", "DOUBLE", "DECIMAL(10, 2)",
    "DECIMAL(38, 6)", "CHAR(5)", "VARCHAR(30)", "STRING", "BYTES", "DATE", "TIME",
    "TIMESTAMP(0)", "TIMESTAMP(3)", "TIMESTAMP(6)", "TIMESTAMP(9)",
    "TIMESTAMP(3) WITH LOCAL TIME ZONE", "TIMESTAMP(9) WITH LOCAL TIME ZONE", "ARRAY<INT>",
    "ARRAY<STRING>", "MAP<STRING, BIGINT>", "MAP<INT, ARRAY<DOUBLE>>",
    "ROW<`a` INT, `b` STRING, `c` ROW<`x` DATE, `y` ARRAY<BOOLEAN>>>",
    "ARRAY<ROW<`k` STRING, `v` DECIMAL(20, 3)>>", "INT NOT NULL", "STRING NOT NULL",
};
#define NTYPES (sizeof all_types / sizeof all_types[0])

typedef struct dataset {
    pm_field fields[NTYPES];
    size_t count;
    struct ArrowArray batch;
} dataset;

static int make_dataset(dataset *d, const char *const *types, size_t n, size_t rows,
                        uint64_t seed, paimon_error *err) {
    memset(d, 0, sizeof *d);
    d->count = n;
    test_rng r = {seed};
    struct ArrowArray children[NTYPES];
    for (size_t i = 0; i < n; i++) {
        char name[16];
        snprintf(name, sizeof name, "c%zu", i);
        d->fields[i].id = (int32_t)(i + 1);
        d->fields[i].name = pm_strdup(name);
        PM_TRY(pm_type_parse(types[i], &d->fields[i].type, err));
        pm_col col;
        PM_TRY(pm_col_init(&col, d->fields[i].type, err));
        for (size_t k = 0; k < rows; k++) {
            int rc = append_random(&r, &col, d->fields[i].type, 0);
            if (rc != PAIMON_OK) {
                pm_col_dispose(&col);
                return pm_err(err, rc, "append failed for %s", types[i]);
            }
        }
        int rc = pm_col_finish(&col, &children[i], err);
        pm_col_dispose(&col);
        PM_TRY(rc);
    }
    return pm_arrow_struct_from_children(children, n, (int64_t)rows, &d->batch, err);
}

static void dataset_dispose(dataset *d) {
    if (d->batch.release)
        d->batch.release(&d->batch);
    for (size_t i = 0; i < d->count; i++)
        pm_field_dispose(&d->fields[i]);
}

static int write_file(const dataset *d, const pm_orc_write_options *o, pm_buf *out,
                      paimon_error *err) {
    pm_orc_writer *w;
    PM_TRY(pm_orc_writer_new(d->fields, d->count, o, &w, err));
    int rc = pm_orc_writer_write(w, &d->batch, err);
    if (rc == PAIMON_OK)
        rc = pm_orc_writer_finish(w, out, err);
    pm_orc_writer_free(w);
    return rc;
}

/* Reads the file back and compares every row; returns the number of rows read. */
static int64_t read_compare(const dataset *d, const pm_buf *file, size_t batch_rows) {
    paimon_error err = {0};
    pm_read_options ro = {d->fields, d->count, batch_rows, NULL, NULL, NULL, {false, 0, 0}};
    pm_format_reader *r;
    if (pm_orc_reader_open_buffer(file->data, file->len, "rt.orc", &ro, &r, &err) != PAIMON_OK) {
        pm_test_fail(__FILE__, __LINE__, "open: %s", err.message);
        return -1;
    }
    int64_t expect_first = 0, total = 0;
    for (;;) {
        struct ArrowArray b;
        int64_t first;
        if (pm_format_reader_next(r, &b, &first, &err) != PAIMON_OK) {
            pm_test_fail(__FILE__, __LINE__, "next: %s", err.message);
            total = -1;
            break;
        }
        if (b.release == NULL)
            break;
        if (first != expect_first || b.length > (int64_t)batch_rows) {
            pm_test_fail(__FILE__, __LINE__, "batch at %lld, expected %lld", (long long)first,
                         (long long)expect_first);
            b.release(&b);
            total = -1;
            break;
        }
        for (int64_t i = 0; i < b.length && total >= 0; i++) {
            for (size_t c = 0; c < d->count; c++) {
                if (!values_equal(b.children[c], i, d->batch.children[c], first + i,
                                  d->fields[c].type)) {
                    pm_test_fail(__FILE__, __LINE__, "row %lld column %s (%s) differs",
                                 (long long)(first + i), d->fields[c].name, all_types[c]);
                    total = -1;
                    break;
                }
            }
        }
        expect_first += b.length;
        if (total >= 0)
            total += b.length;
        b.release(&b);
        if (total < 0)
            break;
    }
    pm_format_reader_close(r);
    return total;
}

static void roundtrip_with(pm_codec codec, bool dict, size_t stripe_rows, size_t batch_rows,
                           size_t rows, uint64_t seed) {
    paimon_error err = {0};
    dataset d;
    CHECK_OK(make_dataset(&d, all_types, NTYPES, rows, seed, &err), &err);
    pm_orc_write_options o = {codec, 0, 0, stripe_rows, dict, true};
    pm_buf file = PM_BUF_INIT;
    int rc = write_file(&d, &o, &file, &err);
    if (rc != PAIMON_OK) {
        dataset_dispose(&d);
        CHECK_OK(rc, &err);
    }
    int64_t n = read_compare(&d, &file, batch_rows);
    pm_buf_dispose(&file);
    dataset_dispose(&d);
    CHECK_EQ_INT(n, (int64_t)rows);
}

TEST(every_type_roundtrips_zstd) { roundtrip_with(PM_CODEC_ZSTD, false, 0, 1000, 3000, 1); }
TEST(every_type_roundtrips_uncompressed_small_stripes) {
    roundtrip_with(PM_CODEC_NONE, false, 700, 333, 2500, 2);
}
TEST(every_type_roundtrips_dictionary) { roundtrip_with(PM_CODEC_ZSTD, true, 1000, 4096, 3000, 3); }
TEST(every_type_roundtrips_zlib_snappy_lz4) {
    roundtrip_with(PM_CODEC_DEFLATE, true, 0, 100, 600, 4);
    roundtrip_with(PM_CODEC_SNAPPY, false, 256, 77, 600, 5);
    roundtrip_with(PM_CODEC_LZ4_BLOCK, true, 300, 1024, 600, 6);
}
TEST(empty_file_roundtrips) { roundtrip_with(PM_CODEC_ZSTD, false, 0, 10, 0, 7); }

TEST(file_schema_maps_back_to_paimon_types) {
    paimon_error err = {0};
    dataset d;
    CHECK_OK(make_dataset(&d, all_types, NTYPES, 10, 8, &err), &err);
    pm_orc_write_options o = {PM_CODEC_ZSTD, 0, 0, 0, false, true};
    pm_buf file = PM_BUF_INIT;
    CHECK_OK(write_file(&d, &o, &file, &err), &err);
    pm_file *f;
    CHECK_OK(pm_orc_mem_file_new(file.data, file.len, &f, &err), &err);
    pm_field *fields;
    size_t n;
    int rc = pm_orc_file_fields(f, "s.orc", &fields, &n, &err);
    pm_file_close(f);
    CHECK_OK(rc, &err);
    CHECK_EQ_INT(n, NTYPES);
    const char *expect[] = {"BOOLEAN", "TINYINT", "SMALLINT", "INT", "BIGINT", "FLOAT", "DOUBLE",
                            "DECIMAL(10, 2)", "DECIMAL(38, 6)", "CHAR(5)", "VARCHAR(30)",
                            "STRING", "BYTES", "DATE", "INT", "TIMESTAMP(9)"};
    for (size_t i = 0; i < sizeof expect / sizeof expect[0]; i++) {
        pm_buf s = PM_BUF_INIT;
        pm_type_format(fields[i].type, &s);
        CHECK_EQ_STR(pm_buf_cstr(&s), expect[i]);
        pm_buf_dispose(&s);
        CHECK_EQ_INT(fields[i].id, (int)i + 1);
        CHECK_EQ_STR(fields[i].name, d.fields[i].name);
    }
    for (size_t i = 0; i < n; i++)
        pm_field_dispose(&fields[i]);
    pm_free(fields);
    pm_buf_dispose(&file);
    dataset_dispose(&d);
}

typedef struct skip_probe {
    int calls;
    int64_t min_seen[8], max_seen[8];
    bool has[8];
} skip_probe;

/* Skips stripes whose maximum of column 0 is below 5000. */
static bool skip_low(void *ctx, const pm_column_stats *stats, size_t n, int64_t rows) {
    skip_probe *p = ctx;
    (void)n;
    (void)rows;
    if (p->calls < 8) {
        p->has[p->calls] = stats[0].has_min_max;
        p->min_seen[p->calls] = stats[0].min.v.i;
        p->max_seen[p->calls] = stats[0].max.v.i;
    }
    p->calls++;
    return stats[0].has_min_max && stats[0].max.v.i < 5000;
}

TEST(stripe_statistics_skip_and_row_positions) {
    paimon_error err = {0};
    pm_field f = {1, pm_strdup("id"), NULL, NULL, NULL};
    CHECK_OK(pm_type_parse("BIGINT", &f.type, &err), &err);
    pm_col col;
    CHECK_OK(pm_col_init(&col, f.type, &err), &err);
    for (int64_t i = 0; i < 10000; i++)
        CHECK(pm_col_append_int(&col, i) == PAIMON_OK);
    struct ArrowArray child, batch;
    CHECK_OK(pm_col_finish(&col, &child, &err), &err);
    pm_col_dispose(&col);
    CHECK_OK(pm_arrow_struct_from_children(&child, 1, 10000, &batch, &err), &err);
    pm_orc_write_options o = {PM_CODEC_ZSTD, 0, 0, 2500, false, true};
    pm_orc_writer *w;
    CHECK_OK(pm_orc_writer_new(&f, 1, &o, &w, &err), &err);
    CHECK_OK(pm_orc_writer_write(w, &batch, &err), &err);
    pm_buf file = PM_BUF_INIT;
    CHECK_OK(pm_orc_writer_finish(w, &file, &err), &err);
    pm_orc_writer_free(w);
    batch.release(&batch);

    skip_probe probe;
    memset(&probe, 0, sizeof probe);
    pm_read_options ro = {&f, 1, 1000, skip_low, &probe, NULL, {false, 0, 0}};
    pm_format_reader *r;
    CHECK_OK(pm_orc_reader_open_buffer(file.data, file.len, "skip.orc", &ro, &r, &err), &err);
    CHECK_EQ_INT(r->ops->row_count(r), 10000);
    int64_t rows = 0, first_seen = -1;
    for (;;) {
        struct ArrowArray b;
        int64_t first;
        CHECK_OK(pm_format_reader_next(r, &b, &first, &err), &err);
        if (b.release == NULL)
            break;
        if (first_seen < 0)
            first_seen = first;
        /* Row i holds value i: positions are exact after skipped stripes. */
        const int64_t *v = b.children[0]->buffers[1];
        for (int64_t i = 0; i < b.length; i++)
            CHECK_EQ_INT(v[i], first + i);
        rows += b.length;
        b.release(&b);
    }
    pm_format_reader_close(r);
    pm_buf_dispose(&file);
    pm_field_dispose(&f);
    CHECK_EQ_INT(probe.calls, 4);
    CHECK(probe.has[0]);
    CHECK_EQ_INT(probe.min_seen[1], 2500);
    CHECK_EQ_INT(probe.max_seen[1], 4999);
    CHECK_EQ_INT(first_seen, 5000);
    CHECK_EQ_INT(rows, 5000);
}

TEST(writer_allocation_failures_neither_crash_nor_leak) {
    paimon_error err = {0};
    dataset d;
    CHECK_OK(make_dataset(&d, all_types, NTYPES, 50, 9, &err), &err);
    pm_orc_write_options o = {PM_CODEC_ZSTD, 0, 0, 20, true, true};
    bool succeeded = false;
    for (long k = 0; k < 20000 && !succeeded; k += 7) {
        pm_buf file = PM_BUF_INIT;
        pm_mem_fail_after(k);
        int rc = write_file(&d, &o, &file, &err);
        pm_mem_fail_after(-1);
        pm_buf_dispose(&file);
        if (rc == PAIMON_OK)
            succeeded = true;
        else if (rc != PAIMON_ENOMEM)
            break;
    }
    dataset_dispose(&d);
    CHECK(succeeded);
}
