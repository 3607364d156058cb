/* The Parquet writer: every Paimon type round-trips through our reader across codecs, page and
 * row-group sizes, dictionary settings and batch slicing; empty files; projected reads. */
#include "test.h"
#include "pqw_test_util.h"

static const char *const all_types[] = {
    "BOOLEAN", "TINYINT", "SMALLINT", "INT", "BIGINT", "FLOAT", "DOUBLE", "DECIMAL(5, 2)",
    "DECIMAL(18, 4)", "DECIMAL(23, 3)", "DECIMAL(38, 10)", "CHAR(5)", "VARCHAR(30)", "STRING",
    "BINARY(4)", "BYTES", "DATE", "TIME", "TIMESTAMP(0)", "TIMESTAMP(3)", "TIMESTAMP(5)",
    "TIMESTAMP(6)", "TIMESTAMP(7)", "TIMESTAMP(9)", "TIMESTAMP(3) WITH LOCAL TIME ZONE",
    "TIMESTAMP(6) WITH LOCAL TIME ZONE", "TIMESTAMP(9) WITH LOCAL TIME ZONE", "ARRAY<INT>",
    "ARRAY<STRING NOT NULL>", "ARRAY<ARRAY<DOUBLE>>", "MAP<STRING, BIGINT>",
    "MAP<INT NOT NULL, ARRAY<DECIMAL(20, 2)>>", "MAP<DATE, MAP<STRING, BOOLEAN>>",
    "MULTISET<STRING>", "ROW<`a` INT, `b` STRING, `c` ROW<`x` DATE, `y` ARRAY<BOOLEAN>>>",
    "ARRAY<ROW<`k` STRING, `v` DECIMAL(20, 3)>>", "ROW<`r` ROW<`s` TIMESTAMP(9) NOT NULL>>",
    "INT NOT NULL", "STRING NOT NULL", "ARRAY<INT> NOT NULL",
    "ROW<`n` BIGINT NOT NULL, `m` MAP<STRING, STRING>> NOT NULL",
};
#define NTYPES (sizeof all_types / sizeof all_types[0])

static void roundtrip(const pm_parquet_write_options *o, size_t rows, size_t slice,
                      size_t batch_rows, uint64_t seed) {
    paimon_error err = {0};
    pqw_data d;
    CHECK_OK(pqw_data_make(&d, all_types, NTYPES, rows, seed, &err), &err);
    pm_buf file = PM_BUF_INIT;
    int rc = pqw_write(&d, o, slice, &file, NULL, &err);
    int64_t n = rc == PAIMON_OK ? pqw_compare(&d, &file, batch_rows) : -1;
    pm_buf_dispose(&file);
    pqw_data_dispose(&d);
    CHECK_OK(rc, &err);
    CHECK_EQ_INT(n, (int64_t)rows);
}

static pm_parquet_write_options defaults(void) {
    pm_parquet_write_options o;
    pm_parquet_write_options_init(&o);
    return o;
}

TEST(every_type_roundtrips_with_defaults) { roundtrip(NULL, 3000, 0, 1024, 1); }

TEST(every_type_roundtrips_with_each_codec) {
    pm_codec codecs[] = {PM_CODEC_NONE, PM_CODEC_SNAPPY, PM_CODEC_GZIP, PM_CODEC_LZ4_BLOCK,
                         PM_CODEC_LZ4_HADOOP, PM_CODEC_ZSTD};
    for (size_t i = 0; i < sizeof codecs / sizeof codecs[0]; i++) {
        pm_parquet_write_options o = defaults();
        o.codec = codecs[i];
        o.compression_level = 0;
        roundtrip(&o, 700, 250, 333, 10 + i);
        if (pm_test_failed())
            return;
    }
}

TEST(every_type_roundtrips_without_dictionary) {
    pm_parquet_write_options o = defaults();
    o.dictionary = false;
    o.page_checksums = false;
    roundtrip(&o, 2000, 0, 4096, 2);
}

TEST(every_type_roundtrips_in_small_pages_and_row_groups) {
    pm_parquet_write_options o = defaults();
    o.page_size = 512;
    o.page_row_limit = 37;
    o.row_group_size = 24 * 1024;
    roundtrip(&o, 5000, 999, 1000, 3);
}

TEST(every_type_roundtrips_one_row_at_a_time) {
    pm_parquet_write_options o = defaults();
    o.row_group_size = 8 * 1024;
    o.dictionary_page_size = 256;
    roundtrip(&o, 300, 1, 7, 4);
}

TEST(small_pages_and_row_groups_are_cut_where_asked) {
    static const char *const types[] = {"BIGINT", "STRING", "ARRAY<INT>"};
    paimon_error err = {0};
    pqw_data d;
    CHECK_OK(pqw_data_make(&d, types, 3, 20000, 5, &err), &err);
    pm_parquet_write_options o = defaults();
    o.page_size = 4096;
    o.page_row_limit = 1000;
    o.row_group_size = 64 * 1024;
    o.dictionary = false;
    pm_buf file = PM_BUF_INIT;
    CHECK_OK(pqw_write(&d, &o, 3000, &file, NULL, &err), &err);
    pm_pq_file_meta m;
    CHECK_OK(pqw_footer(&file, &m, &err), &err);
    CHECK(m.row_group_count > 2);
    CHECK_EQ_INT(m.num_rows, 20000);
    int64_t rows = 0;
    for (size_t g = 0; g < m.row_group_count; g++) {
        const pm_pq_row_group *rg = &m.row_groups[g];
        rows += rg->num_rows;
        CHECK_EQ_INT(rg->column_count, 3);
        /* Every row group but the last reaches the target (within a check interval): the
         * target counts buffered bytes, i.e. compressed pages (as parquet-mr). */
        int64_t bytes = 0;
        for (size_t k = 0; k < 3; k++)
            bytes += rg->columns[k].total_compressed_size;
        if (g + 1 < m.row_group_count)
            CHECK(bytes >= 60 * 1024 && bytes < 100 * 1024);
        pm_pq_page_header pages[256];
        size_t np = pqw_pages(&file, &rg->columns[0], pages, 256);
        CHECK(np > 1);
        int64_t values = 0;
        for (size_t p = 0; p < np; p++) {
            CHECK_EQ_INT(pages[p].type, PM_PQ_DATA_PAGE);
            CHECK(pages[p].num_values <= 1000);
            /* BIGINT: 8 bytes a value, so 4096-byte pages hold about 512 values. */
            CHECK(pages[p].uncompressed_size <= 4096 + 8 + 64);
            values += pages[p].num_values;
        }
        CHECK_EQ_INT(values, rg->num_rows);
        CHECK_EQ_INT(rg->columns[0].num_values, rg->num_rows);
    }
    CHECK_EQ_INT(rows, 20000);
    pm_pq_file_meta_dispose(&m);
    CHECK_EQ_INT(pqw_compare(&d, &file, 5000), 20000);
    pm_buf_dispose(&file);
    pqw_data_dispose(&d);
}

TEST(empty_file_has_schema_and_no_row_groups) {
    paimon_error err = {0};
    pqw_data d;
    CHECK_OK(pqw_data_make(&d, all_types, NTYPES, 0, 6, &err), &err);
    pm_buf file = PM_BUF_INIT;
    pm_parquet_writer *w = NULL;
    CHECK_OK(pqw_write(&d, NULL, 0, &file, &w, &err), &err);
    CHECK_EQ_INT(pm_parquet_writer_row_count(w), 0);
    pm_column_stats st;
    pm_parquet_writer_field_stats(w, 3, &st);
    CHECK(!st.has_min_max && !st.has_null_count);
    pm_parquet_writer_free(w);
    pm_pq_file_meta m;
    CHECK_OK(pqw_footer(&file, &m, &err), &err);
    CHECK_EQ_INT(m.num_rows, 0);
    CHECK_EQ_INT(m.row_group_count, 0);
    CHECK_EQ_STR(m.schema[0].name, "paimon_schema");
    pm_pq_file_meta_dispose(&m);
    CHECK_EQ_INT(pqw_compare(&d, &file, 100), 0);
    /* Its schema maps back to the columns. */
    pm_file *f = pqt_open_mem(file.data, file.len, &err);
    pm_field *fields;
    size_t n;
    CHECK_OK(pm_parquet_read_fields(f, "e.parquet", &fields, &n, &err), &err);
    pm_file_close(f);
    CHECK_EQ_INT(n, NTYPES);
    CHECK_EQ_STR(fields[NTYPES - 1].name, "c40");
    CHECK_EQ_INT(fields[NTYPES - 1].id, (int)NTYPES);
    pm_parquet_fields_free(fields, n);
    pm_buf_dispose(&file);
    pqw_data_dispose(&d);
}

TEST(projected_read_of_a_written_file) {
    paimon_error err = {0};
    pqw_data d;
    CHECK_OK(pqw_data_make(&d, all_types, NTYPES, 1500, 7, &err), &err);
    pm_parquet_write_options o = defaults();
    o.row_group_size = 32 * 1024;
    pm_buf file = PM_BUF_INIT;
    CHECK_OK(pqw_write(&d, &o, 0, &file, NULL, &err), &err);
    /* Three columns out of order, one of them nested, one a ROW. */
    size_t proj[] = {34, 13, 30};
    pm_field fields[3];
    for (size_t k = 0; k < 3; k++)
        fields[k] = d.fields[proj[k]];
    CHECK_EQ_INT(pqw_compare_projected(&d, &file, fields, proj, 3, 512), 1500);
    /* A nested field of a ROW, by name. */
    pm_type *sub;
    CHECK_OK(pm_type_parse("ROW<`b` STRING>", &sub, &err), &err);
    pm_field one = {d.fields[34].id, "c34", sub, NULL, NULL};
    pqt_result *res = calloc(1, sizeof *res);
    CHECK_OK(pqt_read_file(pqt_open_mem(file.data, file.len, &err), "p.parquet", &one, 1, 0,
                           NULL, NULL, res, &err),
             &err);
    CHECK_EQ_INT(res->rows, 1500);
    const struct ArrowArray *full = d.batch.children[34];
    int64_t row = 0;
    for (size_t b = 0; b < res->count; b++) {
        const struct ArrowArray *got = res->batches[b].children[0];
        for (int64_t i = 0; i < got->length; i++, row++) {
            CHECK_EQ_INT(pm_arrow_is_valid(got, i), pm_arrow_is_valid(full, row));
            if (!pm_arrow_is_valid(full, row))
                continue;
            CHECK(values_equal(got->children[0], got->offset + i, full->children[1],
                               full->offset + row, sub->fields[0].type));
        }
    }
    pqt_result_free(res);
    free(res);
    pm_type_free(sub);
    pm_buf_dispose(&file);
    pqw_data_dispose(&d);
}

TEST(estimated_size_and_row_count_grow) {
    static const char *const types[] = {"BIGINT", "STRING"};
    paimon_error err = {0};
    pqw_data d;
    CHECK_OK(pqw_data_make(&d, types, 2, 4000, 8, &err), &err);
    pm_parquet_write_options o = defaults();
    o.row_group_size = 16 * 1024;
    pm_parquet_writer *w;
    CHECK_OK(pm_parquet_writer_new(d.fields, 2, &o, &w, &err), &err);
    CHECK_EQ_INT(pm_parquet_writer_estimated_size(w), 4);
    struct ArrowArray view = d.batch;
    view.release = NULL;
    view.length = 2000;
    CHECK_OK(pm_parquet_writer_write(w, &view, &err), &err);
    uint64_t half = pm_parquet_writer_estimated_size(w);
    CHECK_EQ_INT(pm_parquet_writer_row_count(w), 2000);
    view.offset = 2000;
    CHECK_OK(pm_parquet_writer_write(w, &view, &err), &err);
    CHECK_EQ_INT(pm_parquet_writer_row_count(w), 4000);
    CHECK(pm_parquet_writer_estimated_size(w) > half + half / 2);
    pm_buf file = PM_BUF_INIT;
    CHECK_OK(pm_parquet_writer_finish(w, &file, &err), &err);
    /* The estimate is close to the real size (the footer comes on top). */
    CHECK(file.len > half * 3 / 2 && file.len < half * 3);
    CHECK_ERR(pm_parquet_writer_write(w, &view, &err), PAIMON_EINVAL, &err);
    pm_parquet_writer_free(w);
    CHECK_EQ_INT(pqw_compare(&d, &file, 1000), 4000);
    pm_buf_dispose(&file);
    pqw_data_dispose(&d);
}

TEST(drained_output_is_the_same_file) {
    static const char *const types[] = {"BIGINT", "STRING", "MAP<INT NOT NULL, DOUBLE>"};
    paimon_error err = {0};
    pqw_data d;
    CHECK_OK(pqw_data_make(&d, types, 3, 6000, 9, &err), &err);
    pm_parquet_write_options o = defaults();
    o.row_group_size = 16 * 1024;
    pm_buf whole = PM_BUF_INIT, parts = PM_BUF_INIT, tail = PM_BUF_INIT;
    CHECK_OK(pqw_write(&d, &o, 500, &whole, NULL, &err), &err);
    pm_parquet_writer *w;
    CHECK_OK(pm_parquet_writer_new(d.fields, 3, &o, &w, &err), &err);
    int drains = 0;
    for (int64_t at = 0; at < 6000; at += 500) {
        struct ArrowArray view = d.batch;
        view.release = NULL;
        view.offset = at;
        view.length = 500;
        CHECK_OK(pm_parquet_writer_write(w, &view, &err), &err);
        size_t before = parts.len;
        CHECK_OK(pm_parquet_writer_drain(w, &parts, &err), &err);
        drains += parts.len > before;
        CHECK_EQ_INT(pm_parquet_writer_estimated_size(w) >= parts.len, 1);
    }
    CHECK(drains > 2); /* the magic number and several row groups came out early */
    CHECK_OK(pm_parquet_writer_finish(w, &tail, &err), &err);
    pm_parquet_writer_free(w);
    pm_buf_append(&parts, tail.data, tail.len);
    CHECK_EQ_INT(parts.len, whole.len);
    CHECK_EQ_MEM(parts.data, whole.data, whole.len);
    CHECK_EQ_INT(pqw_compare(&d, &parts, 1000), 6000);
    pm_buf_dispose(&whole);
    pm_buf_dispose(&parts);
    pm_buf_dispose(&tail);
    pqw_data_dispose(&d);
}

TEST(allocation_failures_neither_crash_nor_leak) {
    paimon_error err = {0};
    pqw_data d;
    CHECK_OK(pqw_data_make(&d, all_types, NTYPES, 60, 10, &err), &err);
    pm_parquet_write_options o = defaults();
    o.row_group_size = 4096;
    o.page_row_limit = 7;
    o.dictionary_page_size = 64;
    bool succeeded = false;
    int rc = PAIMON_OK;
    for (long k = 0; k < 50000 && !succeeded; k += 3) {
        pm_buf file = PM_BUF_INIT;
        pm_mem_fail_after(k);
        rc = pqw_write(&d, &o, 25, &file, NULL, &err);
        pm_mem_fail_after(-1);
        if (rc == PAIMON_OK)
            succeeded = pqw_compare(&d, &file, 100) == 60;
        pm_buf_dispose(&file);
        if (rc != PAIMON_OK && rc != PAIMON_ENOMEM)
            break;
    }
    pqw_data_dispose(&d);
    CHECK_OK(rc, &err);
    CHECK(succeeded);
}
