/* Statistics of the Parquet writer: the footer's Statistics of every column chunk (Parquet's
 * sort orders, NaN and signed zeros, the legacy fields parquet-mr writes), the file-level
 * statistics handed to Paimon, and row groups skipped by our reader with them. */
#include "test.h"
#include "pqw_test_util.h"

#define ROWS 5

/* Columns of a test table, each built from ROWS values. */
typedef struct table {
    pm_field *fields;
    size_t n;
    pm_col cols[32];
} table;

static void table_init(table *t, const char *spec) {
    t->fields = pqt_fields(spec, &t->n);
    for (size_t i = 0; i < t->n; i++)
        pm_col_init(&t->cols[i], t->fields[i].type, NULL);
}

static void table_batch(table *t, int64_t rows, struct ArrowArray *out) {
    struct ArrowArray kids[32];
    for (size_t i = 0; i < t->n; i++) {
        pm_col_finish(&t->cols[i], &kids[i], NULL);
        pm_col_dispose(&t->cols[i]);
    }
    pm_arrow_struct_from_children(kids, t->n, rows, out, NULL);
}

static void ints(pm_col *c, const int64_t *v, const bool *null) {
    for (int i = 0; i < ROWS; i++) {
        if (null != NULL && null[i])
            pm_col_append_null(c);
        else
            pm_col_append_int(c, v[i]);
    }
}

static void doubles(pm_col *c, const double *v, const bool *null) {
    for (int i = 0; i < ROWS; i++) {
        if (null != NULL && null[i])
            pm_col_append_null(c);
        else
            pm_col_append_double(c, v[i]);
    }
}

static void strings(pm_col *c, const char *const *v) {
    for (int i = 0; i < ROWS; i++) {
        if (v[i] == NULL)
            pm_col_append_null(c);
        else
            pm_col_append_bytes(c, v[i], strlen(v[i]));
    }
}

static void decimals(pm_col *c, const int64_t *v) {
    for (int i = 0; i < ROWS; i++)
        pm_col_append_decimal(c, pm_dec_from_i64(v[i]));
}

static bool bytes_are(pm_pq_bytes b, const void *want, size_t n) {
    return b.ptr != NULL && b.len == n && (n == 0 || memcmp(b.ptr, want, n) == 0);
}

static bool le32_is(pm_pq_bytes b, int32_t v) {
    uint8_t w[4];
    pm_store_le32(w, (uint32_t)v);
    return bytes_are(b, w, 4);
}

static bool le64_is(pm_pq_bytes b, uint64_t v) {
    uint8_t w[8];
    pm_store_le64(w, v);
    return bytes_are(b, w, 8);
}

static const char spec[] =
    "a INT, b BIGINT, c DOUBLE, d FLOAT, e DOUBLE, f STRING, g STRING, h BYTES, "
    "i DECIMAL(30, 2), j DECIMAL(5, 2), k TIMESTAMP(9), l TIMESTAMP(9), m TIMESTAMP(6), "
    "n INT, o ARRAY<INT>, p BOOLEAN, q DATE, r TINYINT, s DECIMAL(15, 1)";

static void build(table *t, struct ArrowArray *batch) {
    table_init(t, spec);
    bool n_a[] = {0, 1, 0, 0, 1};
    int64_t a[] = {5, 0, -3, 7, 0};
    ints(&t->cols[0], a, n_a);
    int64_t b[] = {INT64_MIN, INT64_MAX, 0, 1, -1};
    ints(&t->cols[1], b, NULL);
    bool n_c[] = {0, 0, 0, 1, 0};
    double c[] = {NAN, -0.0, 2.5, 0, 0.0};
    doubles(&t->cols[2], c, n_c);
    bool n_d[] = {0, 0, 1, 0, 0};
    double d[] = {NAN, NAN, 0, NAN, NAN};
    doubles(&t->cols[3], d, n_d);
    double e[] = {0.0, 0.0, 0.0, 0.0, 0.0};
    doubles(&t->cols[4], e, NULL);
    const char *f[] = {"b", "\xc3\xa9", "a", "", NULL};
    strings(&t->cols[5], f);
    const char *g[] = {"same", NULL, "same", "same", "same"};
    strings(&t->cols[6], g);
    const char *h[] = {"\x01", "\xff", "\x7f", "\x01\x02", NULL};
    strings(&t->cols[7], h);
    int64_t i[] = {-500, 300, -1, 0, 299};
    decimals(&t->cols[8], i);
    int64_t j[] = {123, -456, 0, 99, -1};
    decimals(&t->cols[9], j);
    for (int k = 0; k < ROWS; k++) {
        pm_timestamp ts = {k * 1000, k};
        pm_col_append_timestamp(&t->cols[10], ts);
        pm_timestamp same = {-1, 5};
        pm_col_append_timestamp(&t->cols[11], same);
        pm_timestamp micros = {-1500 + k, k * 1000};
        pm_col_append_timestamp(&t->cols[12], micros);
    }
    pm_col_append_nulls(&t->cols[13], ROWS);
    for (int k = 0; k < ROWS; k++) {
        pm_col_append_int(&t->cols[14].children[0], k);
        pm_col_list_close(&t->cols[14]);
    }
    for (int k = 0; k < ROWS; k++)
        pm_col_append_bool(&t->cols[15], k == 2);
    int64_t q[] = {-719162, 0, 2932896, 18000, -1};
    ints(&t->cols[16], q, NULL);
    int64_t r[] = {-128, 127, 0, -1, 1};
    ints(&t->cols[17], r, NULL);
    int64_t s[] = {7, 7, 7, 7, 7};
    decimals(&t->cols[18], s);
    table_batch(t, ROWS, batch);
}

TEST(footer_statistics_follow_parquet_orders) {
    table t;
    struct ArrowArray batch;
    build(&t, &batch);
    pm_parquet_writer *w;
    paimon_error err = {0};
    CHECK_OK(pm_parquet_writer_new(t.fields, t.n, NULL, &w, &err), &err);
    CHECK_OK(pm_parquet_writer_write(w, &batch, &err), &err);
    pm_buf file = PM_BUF_INIT;
    CHECK_OK(pm_parquet_writer_finish(w, &file, &err), &err);
    pm_pq_file_meta m;
    CHECK_OK(pqw_footer(&file, &m, &err), &err);
    CHECK_EQ_INT(m.row_group_count, 1);
    const pm_pq_column_chunk *cc = m.row_groups[0].columns;
    CHECK_EQ_INT(m.row_groups[0].column_count, 19);
    /* a INT: signed, nulls counted, legacy fields too. */
    CHECK(cc[0].has_stats);
    CHECK_EQ_INT(cc[0].stats.null_count, 2);
    CHECK(le32_is(cc[0].stats.min_value, -3) && le32_is(cc[0].stats.max_value, 7));
    CHECK(le32_is(cc[0].stats.min, -3) && le32_is(cc[0].stats.max, 7));
    /* b BIGINT extremes. */
    CHECK(le64_is(cc[1].stats.min_value, (uint64_t)INT64_MIN));
    CHECK(le64_is(cc[1].stats.max_value, (uint64_t)INT64_MAX));
    CHECK_EQ_INT(cc[1].stats.null_count, 0);
    /* c DOUBLE: NaN ignored, the zero minimum written as -0.0. */
    CHECK(le64_is(cc[2].stats.min_value, pm_f64_bits(-0.0)));
    CHECK(le64_is(cc[2].stats.max_value, pm_f64_bits(2.5)));
    CHECK_EQ_INT(cc[2].stats.null_count, 1);
    /* d FLOAT: only NaN and nulls, so no bounds at all. */
    CHECK(cc[3].stats.min_value.ptr == NULL && cc[3].stats.max_value.ptr == NULL);
    CHECK(cc[3].stats.min.ptr == NULL && cc[3].stats.max.ptr == NULL);
    CHECK_EQ_INT(cc[3].stats.null_count, 1);
    /* e DOUBLE, all +0.0: bounds -0.0 and +0.0. */
    CHECK(le64_is(cc[4].stats.min_value, pm_f64_bits(-0.0)));
    CHECK(le64_is(cc[4].stats.max_value, pm_f64_bits(0.0)));
    /* f STRING: unsigned bytes ("é" = C3 A9 sorts after "b"), the empty string is the
     * minimum; no legacy fields (their order would be signed). */
    CHECK(bytes_are(cc[5].stats.min_value, "", 0));
    CHECK(bytes_are(cc[5].stats.max_value, "\xc3\xa9", 2));
    CHECK(cc[5].stats.min.ptr == NULL && cc[5].stats.max.ptr == NULL);
    CHECK_EQ_INT(cc[5].stats.null_count, 1);
    /* g STRING, one value: the legacy fields too (min == max). */
    CHECK(bytes_are(cc[6].stats.min, "same", 4) && bytes_are(cc[6].stats.max, "same", 4));
    CHECK(bytes_are(cc[6].stats.min_value, "same", 4));
    /* h BYTES: unsigned. */
    CHECK(bytes_are(cc[7].stats.min_value, "\x01", 1));
    CHECK(bytes_are(cc[7].stats.max_value, "\xff", 1));
    /* i DECIMAL(30, 2): 13-byte big-endian two's complement, signed order, no legacy. */
    uint8_t lo[13], hi[13];
    pm_dec_to_be_fixed(pm_dec_from_i64(-500), lo, 13);
    pm_dec_to_be_fixed(pm_dec_from_i64(300), hi, 13);
    CHECK(bytes_are(cc[8].stats.min_value, lo, 13) && bytes_are(cc[8].stats.max_value, hi, 13));
    CHECK(cc[8].stats.min.ptr == NULL);
    /* j DECIMAL(5, 2) as INT32: signed, no legacy (parquet-mr: decimals have no known
     * legacy order). */
    CHECK(le32_is(cc[9].stats.min_value, -456) && le32_is(cc[9].stats.max_value, 123));
    CHECK(cc[9].stats.min.ptr == NULL);
    /* k TIMESTAMP(9) (INT96): no order, no bounds; l: all values equal, so written. */
    CHECK(cc[10].stats.min_value.ptr == NULL && cc[10].stats.min.ptr == NULL);
    uint8_t int96[12];
    pm_store_le64(int96, (uint64_t)(int64_t)-999995);
    pm_store_le32(int96 + 8, 2440588);
    CHECK(bytes_are(cc[11].stats.min_value, int96, 12) && bytes_are(cc[11].stats.max, int96, 12));
    /* m TIMESTAMP(6): micros. */
    CHECK(le64_is(cc[12].stats.min_value, (uint64_t)(int64_t)-1500000));
    CHECK(le64_is(cc[12].stats.max_value, (uint64_t)(int64_t)-1495996));
    /* n all null. */
    CHECK(cc[13].stats.min_value.ptr == NULL);
    CHECK_EQ_INT(cc[13].stats.null_count, ROWS);
    /* o ARRAY<INT>: the leaf has statistics in the footer. */
    CHECK(le32_is(cc[14].stats.min_value, 0) && le32_is(cc[14].stats.max_value, 4));
    /* p BOOLEAN, q DATE, r TINYINT (as INT32). */
    CHECK(bytes_are(cc[15].stats.min_value, "\x00", 1) && bytes_are(cc[15].stats.max, "\x01", 1));
    CHECK(le32_is(cc[16].stats.min_value, -719162) && le32_is(cc[16].stats.max_value, 2932896));
    CHECK(le32_is(cc[17].stats.min, -128) && le32_is(cc[17].stats.max_value, 127));
    /* s DECIMAL(15, 1) as INT64, one value: legacy written as min == max. */
    CHECK(le64_is(cc[18].stats.min, 7) && le64_is(cc[18].stats.max_value, 7));
    pm_pq_file_meta_dispose(&m);

    /* The file statistics Paimon's SimpleStats take. */
    pm_column_stats st;
    pm_parquet_writer_field_stats(w, 0, &st);
    CHECK(st.has_min_max && st.has_null_count);
    CHECK_EQ_INT(st.min.v.i, -3);
    CHECK_EQ_INT(st.max.v.i, 7);
    CHECK_EQ_INT(st.null_count, 2);
    pm_parquet_writer_field_stats(w, 2, &st);
    CHECK(st.has_min_max);
    CHECK(st.min.v.f == 0.0 && signbit(st.min.v.f)); /* the -0.0 that was written */
    CHECK(st.max.v.f == 2.5);
    pm_parquet_writer_field_stats(w, 3, &st);
    CHECK(!st.has_min_max && st.has_null_count);
    CHECK_EQ_INT(st.null_count, 1);
    pm_parquet_writer_field_stats(w, 4, &st);
    CHECK(st.has_min_max && !signbit(st.min.v.f) && !signbit(st.max.v.f)); /* values as seen */
    pm_parquet_writer_field_stats(w, 5, &st);
    CHECK(st.has_min_max);
    CHECK_EQ_INT(st.min.v.bytes.len, 0);
    CHECK_EQ_INT(st.max.v.bytes.len, 2);
    CHECK_EQ_MEM(st.max.v.bytes.ptr, "\xc3\xa9", 2);
    pm_parquet_writer_field_stats(w, 8, &st);
    CHECK(st.has_min_max);
    CHECK(pm_dec_compare(st.min.v.dec, pm_dec_from_i64(-500)) == 0);
    CHECK(pm_dec_compare(st.max.v.dec, pm_dec_from_i64(300)) == 0);
    pm_parquet_writer_field_stats(w, 9, &st);
    CHECK(pm_dec_compare(st.min.v.dec, pm_dec_from_i64(-456)) == 0);
    pm_parquet_writer_field_stats(w, 11, &st);
    CHECK(!st.has_min_max && st.has_null_count); /* INT96: Java reports no bounds */
    pm_parquet_writer_field_stats(w, 12, &st);
    CHECK(st.has_min_max);
    CHECK_EQ_INT(st.min.v.ts.millis, -1500);
    CHECK_EQ_INT(st.min.v.ts.nanos, 0);
    CHECK_EQ_INT(st.max.v.ts.millis, -1496);
    CHECK_EQ_INT(st.max.v.ts.nanos, 4000);
    pm_parquet_writer_field_stats(w, 13, &st);
    CHECK(!st.has_min_max && st.has_null_count);
    CHECK_EQ_INT(st.null_count, ROWS);
    pm_parquet_writer_field_stats(w, 14, &st);
    CHECK(!st.has_min_max && !st.has_null_count); /* nested: nothing, as in Java */
    pm_parquet_writer_field_stats(w, 15, &st);
    CHECK(st.has_min_max && !st.min.v.b && st.max.v.b);
    pm_parquet_writer_field_stats(w, 17, &st);
    CHECK_EQ_INT(st.min.v.i, -128);
    pm_parquet_writer_free(w);
    batch.release(&batch);
    pm_buf_dispose(&file);
    pm_parquet_fields_free(t.fields, t.n);
}

/* Skips row groups whose maximum of column 0 is below 2000. */
static bool skip_low(void *ctx, const pm_column_stats *stats, size_t n, int64_t rows) {
    int *groups = ctx;
    (void)n;
    (void)rows;
    (*groups)++;
    return stats[0].has_min_max && stats[0].max.v.i < 2000;
}

TEST(statistics_merge_over_row_groups_and_drive_skipping) {
    size_t n;
    pm_field *f = pqt_fields("v BIGINT, s STRING", &n);
    pm_col c0, c1;
    pm_col_init(&c0, f[0].type, NULL);
    pm_col_init(&c1, f[1].type, NULL);
    for (int i = 0; i < 4000; i++) {
        pm_col_append_int(&c0, i);
        char s[16];
        int len = snprintf(s, sizeof s, "k%05d", 3999 - i);
        pm_col_append_bytes(&c1, s, (size_t)len);
    }
    struct ArrowArray kids[2], batch;
    pm_col_finish(&c0, &kids[0], NULL);
    pm_col_finish(&c1, &kids[1], NULL);
    pm_col_dispose(&c0);
    pm_col_dispose(&c1);
    pm_arrow_struct_from_children(kids, 2, 4000, &batch, NULL);
    pm_parquet_write_options o;
    pm_parquet_write_options_init(&o);
    o.codec = PM_CODEC_NONE;
    o.dictionary = false;
    o.row_group_size = 16 * 1024;
    pm_parquet_writer *w;
    paimon_error err = {0};
    CHECK_OK(pm_parquet_writer_new(f, n, &o, &w, &err), &err);
    CHECK_OK(pm_parquet_writer_write(w, &batch, &err), &err);
    pm_buf file = PM_BUF_INIT;
    CHECK_OK(pm_parquet_writer_finish(w, &file, &err), &err);
    pm_pq_file_meta m;
    CHECK_OK(pqw_footer(&file, &m, &err), &err);
    size_t groups = m.row_group_count;
    CHECK(groups >= 3);
    /* Each row group's bounds are its own rows. */
    int64_t first = 0;
    for (size_t g = 0; g < groups; g++) {
        const pm_pq_column_chunk *cc = &m.row_groups[g].columns[0];
        int64_t last = first + m.row_groups[g].num_rows - 1;
        CHECK(le64_is(cc->stats.min_value, (uint64_t)first));
        CHECK(le64_is(cc->stats.max_value, (uint64_t)last));
        first = last + 1;
    }
    CHECK_EQ_INT(first, 4000);
    pm_pq_file_meta_dispose(&m);
    /* The file's statistics span them all. */
    pm_column_stats st;
    pm_parquet_writer_field_stats(w, 0, &st);
    CHECK(st.has_min_max);
    CHECK_EQ_INT(st.min.v.i, 0);
    CHECK_EQ_INT(st.max.v.i, 3999);
    CHECK_EQ_INT(st.null_count, 0);
    pm_parquet_writer_field_stats(w, 1, &st);
    CHECK_EQ_INT(st.min.v.bytes.len, 6);
    CHECK_EQ_MEM(st.min.v.bytes.ptr, "k00000", 6);
    CHECK_EQ_MEM(st.max.v.bytes.ptr, "k03999", 6);
    pm_parquet_writer_free(w);
    /* Our reader skips the row groups below 2000 with these statistics. */
    int seen = 0;
    pqt_result *res = calloc(1, sizeof *res);
    CHECK_OK(pqt_read_file(pqt_open_mem(file.data, file.len, &err), "s.parquet", f, n, 0,
                           skip_low, &seen, res, &err),
             &err);
    CHECK_EQ_INT(seen, (int)groups);
    CHECK(res->rows < 4000 && res->rows > 2000 - 1);
    CHECK(res->first_rows[0] > 0 && res->first_rows[0] <= 2000);
    const struct ArrowArray *v = res->batches[0].children[0];
    CHECK_EQ_INT(((const int64_t *)v->buffers[1])[v->offset], res->first_rows[0]);
    pqt_result_free(res);
    free(res);
    batch.release(&batch);
    pm_buf_dispose(&file);
    pm_parquet_fields_free(f, n);
}
