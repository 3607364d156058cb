/* The Parquet writer's layout: the schema Java's ParquetSchemaConverter writes (field ids,
 * annotations, repetition), dictionary pages and the fallback to PLAIN, page checksums, INT96
 * bytes, the level encoder, and the errors Java raises. */
#include "test.h"
#include "pqw_test_util.h"

#include "format/parquet/parquet_encode.h"
#include "format/parquet/parquet_encoding.h"
#include "format/parquet/parquet_thrift.h"
#include "util/crc32.h"

static pm_field *parse_fields(const char *spec, const int32_t *ids, size_t *n) {
    pm_field *f = pqt_fields(spec, n);
    for (size_t i = 0; f != NULL && i < *n; i++)
        f[i].id = ids[i];
    return f;
}

/* Writes the batch `b` (or nothing when NULL) with `o`; returns the file. */
static int write_fields(const pm_field *f, size_t n, const struct ArrowArray *b,
                        const pm_parquet_write_options *o, pm_buf *out, paimon_error *err) {
    pm_parquet_writer *w;
    PM_TRY(pm_parquet_writer_new(f, n, o, &w, err));
    int rc = b != NULL ? pm_parquet_writer_write(w, b, err) : PAIMON_OK;
    if (rc == PAIMON_OK)
        rc = pm_parquet_writer_finish(w, out, err);
    pm_parquet_writer_free(w);
    return rc;
}

/* The decoded footer of a file of `f` without rows. */
static int schema_footer(const pm_field *f, size_t n, const pm_parquet_write_options *o,
                         pm_buf *file, pm_pq_file_meta *m, paimon_error *err) {
    PM_TRY(write_fields(f, n, NULL, o, file, err));
    return pqw_footer(file, m, err);
}

typedef struct elem_want {
    const char *name;
    int type, repetition, num_children, converted;
    bool has_id;
    int32_t id;
    int logical;
} elem_want;

static void check_schema(const pm_pq_file_meta *m, const elem_want *want, size_t n) {
    CHECK_EQ_INT(m->schema_count, n);
    for (size_t i = 0; i < n; i++) {
        const pm_pq_schema_elem *e = &m->schema[i];
        CHECK_EQ_STR(e->name, want[i].name);
        CHECK_EQ_INT(e->type, want[i].type);
        CHECK_EQ_INT(e->repetition, want[i].repetition);
        CHECK_EQ_INT(e->num_children, want[i].num_children);
        CHECK_EQ_INT(e->converted, want[i].converted);
        CHECK_EQ_INT(e->has_field_id, want[i].has_id);
        if (want[i].has_id)
            CHECK_EQ_INT(e->field_id, want[i].id);
        CHECK_EQ_INT(e->logical.kind, want[i].logical);
    }
}

#define G -1
#define OPT PM_PQ_OPTIONAL
#define REQ PM_PQ_REQUIRED
#define REP PM_PQ_REPEATED

TEST(schema_is_the_one_java_writes) {
    /* The columns of parquet/append_complex_build_in_fieldid.db in the compat corpus, whose
     * footer (parquet-mr 1.15.1) lists exactly these elements. */
    int32_t ids[] = {0, 1, 2, 5, 6, 7};
    size_t n;
    pm_field *f = parse_fields("f1 MAP<TINYINT, SMALLINT>, f2 ARRAY<FLOAT>, "
                               "f3 ROW<`f0` BOOLEAN, `f1` BIGINT>, f4 TIMESTAMP(9), f5 DATE, "
                               "f6 DECIMAL(2, 2)",
                               ids, &n);
    f[2].type->fields[0].id = 3;
    f[2].type->fields[1].id = 4;
    pm_buf file = PM_BUF_INIT;
    paimon_error err = {0};
    pm_pq_file_meta m;
    CHECK_OK(schema_footer(f, n, NULL, &file, &m, &err), &err);
    const elem_want want[] = {
        {"paimon_schema", G, -1, 6, -1, false, 0, 0},
        {"f1", G, OPT, 1, PM_PQ_CT_MAP, true, 0, PM_PQ_LT_MAP},
        {"key_value", G, REP, 2, PM_PQ_CT_MAP_KEY_VALUE, false, 0, 0},
        {"key", PM_PQ_INT32, REQ, -1, PM_PQ_CT_INT_8, true, 536870910, PM_PQ_LT_INTEGER},
        {"value", PM_PQ_INT32, OPT, -1, PM_PQ_CT_INT_16, true, 536870912, PM_PQ_LT_INTEGER},
        {"f2", G, OPT, 1, PM_PQ_CT_LIST, true, 1, PM_PQ_LT_LIST},
        {"list", G, REP, 1, -1, false, 0, 0},
        {"element", PM_PQ_FLOAT, OPT, -1, -1, true, 536871936, 0},
        {"f3", G, OPT, 2, -1, true, 2, 0},
        {"f0", PM_PQ_BOOLEAN, OPT, -1, -1, true, 3, 0},
        {"f1", PM_PQ_INT64, OPT, -1, -1, true, 4, 0},
        {"f4", PM_PQ_INT96, OPT, -1, -1, true, 5, 0},
        {"f5", PM_PQ_INT32, OPT, -1, PM_PQ_CT_DATE, true, 6, PM_PQ_LT_DATE},
        {"f6", PM_PQ_INT32, OPT, -1, PM_PQ_CT_DECIMAL, true, 7, PM_PQ_LT_DECIMAL},
    };
    check_schema(&m, want, sizeof want / sizeof want[0]);
    CHECK_EQ_INT(m.schema[3].logical.bit_width, 8);
    CHECK(m.schema[3].logical.is_signed);
    CHECK_EQ_INT(m.schema[13].scale, 2);
    CHECK_EQ_INT(m.schema[13].precision, 2);
    CHECK_EQ_INT(m.schema[13].logical.scale, 2);
    CHECK_EQ_INT(m.schema[13].logical.precision, 2);
    CHECK_EQ_INT(m.version, 1);
    CHECK(m.created_by.len > 9 && memcmp(m.created_by.ptr, "paimon-c ", 9) == 0);
    CHECK_EQ_INT(m.column_order_count, 8);
    CHECK_EQ_INT(m.column_orders[5], 1);
    if (getenv("PQW_DUMP") != NULL) {
        FILE *out = fopen(getenv("PQW_DUMP"), "wb");
        if (out != NULL) {
            fwrite(file.data, 1, file.len, out);
            fclose(out);
        }
    }
    pm_pq_file_meta_dispose(&m);
    pm_buf_dispose(&file);
    pm_parquet_fields_free(f, n);
}

TEST(schema_annotations_of_every_atomic_type) {
    int32_t ids[] = {10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22};
    size_t n;
    pm_field *f = parse_fields(
        "a STRING NOT NULL, b CHAR(3), c BYTES, d BINARY(2), e TIME, f TIMESTAMP(0), "
        "g TIMESTAMP(6), h TIMESTAMP(7), i TIMESTAMP(3) WITH LOCAL TIME ZONE, "
        "j TIMESTAMP(5) WITH LOCAL TIME ZONE, k DECIMAL(10, 3), l DECIMAL(19, 0), m DECIMAL(38, 2)",
        ids, &n);
    pm_buf file = PM_BUF_INIT;
    paimon_error err = {0};
    pm_pq_file_meta m;
    CHECK_OK(schema_footer(f, n, NULL, &file, &m, &err), &err);
    const elem_want want[] = {
        {"paimon_schema", G, -1, 13, -1, false, 0, 0},
        {"a", PM_PQ_BYTE_ARRAY, REQ, -1, PM_PQ_CT_UTF8, true, 10, PM_PQ_LT_STRING},
        {"b", PM_PQ_BYTE_ARRAY, OPT, -1, PM_PQ_CT_UTF8, true, 11, PM_PQ_LT_STRING},
        {"c", PM_PQ_BYTE_ARRAY, OPT, -1, -1, true, 12, 0},
        {"d", PM_PQ_BYTE_ARRAY, OPT, -1, -1, true, 13, 0},
        {"e", PM_PQ_INT32, OPT, -1, PM_PQ_CT_TIME_MILLIS, true, 14, PM_PQ_LT_TIME},
        {"f", PM_PQ_INT64, OPT, -1, PM_PQ_CT_TIMESTAMP_MILLIS, true, 15, PM_PQ_LT_TIMESTAMP},
        {"g", PM_PQ_INT64, OPT, -1, PM_PQ_CT_TIMESTAMP_MICROS, true, 16, PM_PQ_LT_TIMESTAMP},
        {"h", PM_PQ_INT96, OPT, -1, -1, true, 17, 0},
        {"i", PM_PQ_INT64, OPT, -1, PM_PQ_CT_TIMESTAMP_MILLIS, true, 18, PM_PQ_LT_TIMESTAMP},
        {"j", PM_PQ_INT64, OPT, -1, PM_PQ_CT_TIMESTAMP_MICROS, true, 19, PM_PQ_LT_TIMESTAMP},
        {"k", PM_PQ_INT64, OPT, -1, PM_PQ_CT_DECIMAL, true, 20, PM_PQ_LT_DECIMAL},
        {"l", PM_PQ_FIXED_LEN_BYTE_ARRAY, OPT, -1, PM_PQ_CT_DECIMAL, true, 21, PM_PQ_LT_DECIMAL},
        {"m", PM_PQ_FIXED_LEN_BYTE_ARRAY, OPT, -1, PM_PQ_CT_DECIMAL, true, 22, PM_PQ_LT_DECIMAL},
    };
    check_schema(&m, want, sizeof want / sizeof want[0]);
    /* TIME(MILLIS) is adjusted to UTC, TIMESTAMP is not, TIMESTAMP_LTZ is. */
    CHECK(m.schema[5].logical.utc);
    CHECK_EQ_INT(m.schema[5].logical.unit, PM_PQ_UNIT_MILLIS);
    CHECK(!m.schema[6].logical.utc);
    CHECK_EQ_INT(m.schema[6].logical.unit, PM_PQ_UNIT_MILLIS);
    CHECK_EQ_INT(m.schema[7].logical.unit, PM_PQ_UNIT_MICROS);
    CHECK(m.schema[9].logical.utc);
    CHECK(m.schema[10].logical.utc);
    CHECK_EQ_INT(m.schema[10].logical.unit, PM_PQ_UNIT_MICROS);
    /* FIXED_LEN_BYTE_ARRAY lengths: the smallest n with 2^(8n-1) >= 10^p. */
    CHECK_EQ_INT(m.schema[12].type_length, 9);
    CHECK_EQ_INT(m.schema[13].type_length, 16);
    pm_pq_file_meta_dispose(&m);
    /* Our reader maps the file back to the types. */
    pm_file *file_in = pqt_open_mem(file.data, file.len, &err);
    pm_field *back;
    size_t nb;
    CHECK_OK(pm_parquet_read_fields(file_in, "s.parquet", &back, &nb, &err), &err);
    pm_file_close(file_in);
    const char *types[] = {"STRING NOT NULL", "STRING", "BYTES", "BYTES", "TIME(3)",
                           "TIMESTAMP(3)", "TIMESTAMP(6)", "TIMESTAMP(9)",
                           "TIMESTAMP(3) WITH LOCAL TIME ZONE",
                           "TIMESTAMP(6) WITH LOCAL TIME ZONE", "DECIMAL(10, 3)",
                           "DECIMAL(19, 0)", "DECIMAL(38, 2)"};
    for (size_t i = 0; i < nb; i++) {
        pm_buf t = PM_BUF_INIT;
        pm_type_format(back[i].type, &t);
        CHECK_EQ_STR(pm_buf_cstr(&t), types[i]);
        pm_buf_dispose(&t);
        CHECK_EQ_INT(back[i].id, ids[i]);
    }
    pm_parquet_fields_free(back, nb);
    pm_buf_dispose(&file);
    pm_parquet_fields_free(f, n);
}

TEST(nested_field_ids_follow_java) {
    /* Spec 05: element of field 7 -> 536878080; key/value of field 8 -> 536862718 /
     * 536879104; deeper levels add the depth; ROW fields inside keep their own ids; Java's
     * int arithmetic wraps for the large ids of system fields. */
    int32_t ids[] = {7, 8, 9, 1073741830};
    size_t n;
    pm_field *f = parse_fields("a ARRAY<ARRAY<INT>>, m MAP<STRING, ARRAY<INT>>, "
                               "r ARRAY<ROW<`x` INT>>, k ARRAY<INT>",
                               ids, &n);
    f[2].type->element->fields[0].id = 40;
    pm_buf file = PM_BUF_INIT;
    paimon_error err = {0};
    pm_pq_file_meta m;
    CHECK_OK(schema_footer(f, n, NULL, &file, &m, &err), &err);
    const elem_want want[] = {
        {"paimon_schema", G, -1, 4, -1, false, 0, 0},
        {"a", G, OPT, 1, PM_PQ_CT_LIST, true, 7, PM_PQ_LT_LIST},
        {"list", G, REP, 1, -1, false, 0, 0},
        {"element", G, OPT, 1, PM_PQ_CT_LIST, true, 536878080, PM_PQ_LT_LIST},
        {"list", G, REP, 1, -1, false, 0, 0},
        {"element", PM_PQ_INT32, OPT, -1, -1, true, 536878081, 0},
        {"m", G, OPT, 1, PM_PQ_CT_MAP, true, 8, PM_PQ_LT_MAP},
        {"key_value", G, REP, 2, PM_PQ_CT_MAP_KEY_VALUE, false, 0, 0},
        {"key", PM_PQ_BYTE_ARRAY, REQ, -1, PM_PQ_CT_UTF8, true, 536862718, PM_PQ_LT_STRING},
        {"value", G, OPT, 1, PM_PQ_CT_LIST, true, 536879104, PM_PQ_LT_LIST},
        {"list", G, REP, 1, -1, false, 0, 0},
        {"element", PM_PQ_INT32, OPT, -1, -1, true, 536879105, 0},
        {"r", G, OPT, 1, PM_PQ_CT_LIST, true, 9, PM_PQ_LT_LIST},
        {"list", G, REP, 1, -1, false, 0, 0},
        {"element", G, OPT, 1, -1, true, 536880128, 0},
        {"x", PM_PQ_INT32, OPT, -1, -1, true, 40, 0},
        {"k", G, OPT, 1, PM_PQ_CT_LIST, true, 1073741830, PM_PQ_LT_LIST},
        {"list", G, REP, 1, -1, false, 0, 0},
        {"element", PM_PQ_INT32, OPT, -1, -1, true,
         (int32_t)(536870911u + 1073741830u * 1024u + 1u), 0},
    };
    check_schema(&m, want, sizeof want / sizeof want[0]);
    pm_pq_file_meta_dispose(&m);
    pm_buf_dispose(&file);
    pm_parquet_fields_free(f, n);
}

TEST(multiset_is_a_map_to_int_counts) {
    int32_t ids[] = {3};
    size_t n;
    pm_field *f = parse_fields("s MULTISET<STRING> NOT NULL", ids, &n);
    pm_buf file = PM_BUF_INIT;
    paimon_error err = {0};
    pm_pq_file_meta m;
    CHECK_OK(schema_footer(f, n, NULL, &file, &m, &err), &err);
    const elem_want want[] = {
        {"paimon_schema", G, -1, 1, -1, false, 0, 0},
        {"s", G, REQ, 1, PM_PQ_CT_MAP, true, 3, PM_PQ_LT_MAP},
        {"key_value", G, REP, 2, PM_PQ_CT_MAP_KEY_VALUE, false, 0, 0},
        {"key", PM_PQ_BYTE_ARRAY, REQ, -1, PM_PQ_CT_UTF8, true, 536867838, PM_PQ_LT_STRING},
        {"value", PM_PQ_INT32, REQ, -1, -1, true, 536873984, 0},
    };
    check_schema(&m, want, sizeof want / sizeof want[0]);
    pm_pq_file_meta_dispose(&m);
    pm_buf_dispose(&file);
    pm_parquet_fields_free(f, n);
}

TEST(field_ids_can_be_left_out) {
    int32_t ids[] = {4};
    size_t n;
    pm_field *f = parse_fields("a ARRAY<INT>", ids, &n);
    pm_parquet_write_options o;
    pm_parquet_write_options_init(&o);
    o.field_ids = false;
    o.created_by = "test writer";
    pm_buf file = PM_BUF_INIT;
    paimon_error err = {0};
    pm_pq_file_meta m;
    CHECK_OK(schema_footer(f, n, &o, &file, &m, &err), &err);
    for (size_t i = 0; i < m.schema_count; i++)
        CHECK(!m.schema[i].has_field_id);
    CHECK_EQ_INT(m.created_by.len, 11);
    CHECK_EQ_MEM(m.created_by.ptr, "test writer", 11);
    pm_pq_file_meta_dispose(&m);
    pm_buf_dispose(&file);
    pm_parquet_fields_free(f, n);
}

/* Value i of strings_batch: "v<i % distinct>" before row `unique_from`, "v<i>" from there. */
static size_t string_at(size_t i, size_t distinct, size_t unique_from) {
    return i >= unique_from ? i : i % distinct;
}

/* One STRING column of `rows` values string_at(i). */
static void strings_batch(size_t rows, size_t distinct, size_t unique_from,
                          struct ArrowArray *out) {
    pm_type *t = pm_type_new_sized(PM_TYPE_VARCHAR, PM_MAX_LENGTH, true);
    pm_col c;
    pm_col_init(&c, t, NULL);
    for (size_t i = 0; i < rows; i++) {
        char s[32];
        int len = snprintf(s, sizeof s, "v%zu", string_at(i, distinct, unique_from));
        pm_col_append_bytes(&c, s, (size_t)len);
    }
    struct ArrowArray child;
    pm_col_finish(&c, &child, NULL);
    pm_col_dispose(&c);
    pm_arrow_struct_from_children(&child, 1, (int64_t)rows, out, NULL);
    pm_type_free(t);
}

/* Writes the strings, checks the page sequence of the chunk and reads the values back. */
static void dictionary_case(size_t rows, size_t distinct, size_t unique_from, size_t dict_limit,
                            int want_dict_entries, int want_dict_pages, int want_plain_pages) {
    size_t n;
    pm_field *f = pqt_fields("s STRING", &n);
    struct ArrowArray b;
    strings_batch(rows, distinct, unique_from, &b);
    pm_parquet_write_options o;
    pm_parquet_write_options_init(&o);
    o.page_row_limit = 1000;
    o.dictionary_page_size = dict_limit;
    pm_buf file = PM_BUF_INIT;
    paimon_error err = {0};
    CHECK_OK(write_fields(f, n, &b, &o, &file, &err), &err);
    pm_pq_file_meta m;
    CHECK_OK(pqw_footer(&file, &m, &err), &err);
    CHECK_EQ_INT(m.row_group_count, 1);
    const pm_pq_column_chunk *cc = &m.row_groups[0].columns[0];
    pm_pq_page_header pages[64];
    size_t np = pqw_pages(&file, cc, pages, 64);
    size_t k = 0;
    if (want_dict_entries > 0) {
        CHECK(cc->dictionary_page_offset > 0);
        CHECK_EQ_INT(pages[0].type, PM_PQ_DICTIONARY_PAGE);
        CHECK_EQ_INT(pages[0].num_values, want_dict_entries);
        k = 1;
    } else {
        CHECK_EQ_INT(cc->dictionary_page_offset, -1);
    }
    int dict_pages = 0, plain_pages = 0;
    bool plain_seen = false;
    for (; k < np; k++) {
        CHECK_EQ_INT(pages[k].type, PM_PQ_DATA_PAGE);
        if (pages[k].encoding == PM_PQ_ENC_PLAIN_DICTIONARY) {
            CHECK(!plain_seen); /* dictionary pages come first, then PLAIN ones */
            dict_pages++;
        } else {
            CHECK_EQ_INT(pages[k].encoding, PM_PQ_ENC_PLAIN);
            plain_seen = true;
            plain_pages++;
        }
    }
    CHECK_EQ_INT(dict_pages, want_dict_pages);
    CHECK_EQ_INT(plain_pages, want_plain_pages);
    pm_pq_file_meta_dispose(&m);
    pqt_result *res = calloc(1, sizeof *res);
    CHECK_OK(pqt_read_file(pqt_open_mem(file.data, file.len, &err), "d.parquet", f, n, 0, NULL,
                           NULL, res, &err),
             &err);
    CHECK_EQ_INT(res->rows, (int64_t)rows);
    size_t row = 0;
    for (size_t bi = 0; bi < res->count; bi++) {
        for (int64_t i = 0; i < res->batches[bi].length; i++, row++) {
            char s[32];
            snprintf(s, sizeof s, "v%zu", string_at(row, distinct, unique_from));
            pm_datum d = pm_arrow_get_datum(res->batches[bi].children[0], f[0].type, i);
            CHECK_EQ_INT(d.v.bytes.len, strlen(s));
            CHECK_EQ_MEM(d.v.bytes.ptr, s, strlen(s));
        }
    }
    pqt_result_free(res);
    free(res);
    b.release(&b);
    pm_buf_dispose(&file);
    pm_parquet_fields_free(f, n);
}

TEST(dictionary_pages_and_fallback_to_plain) {
    /* 50 distinct values: one dictionary page of 50 entries, 5 dictionary-encoded pages. */
    dictionary_case(5000, 50, SIZE_MAX, 1 << 20, 50, 5, 0);
    if (pm_test_failed())
        return;
    /* All values distinct: the first page does not shrink, so no dictionary at all. */
    dictionary_case(3000, 1, 0, 1 << 20, 0, 0, 3);
    if (pm_test_failed())
        return;
    /* The first page repeats 100 values (690 dictionary bytes), then every value is new
     * ("v1000".., 9 bytes each with the length): the 4 KiB limit is passed during the second
     * page, which is re-encoded PLAIN with the rest; the dictionary keeps the first page's
     * 100 entries. */
    dictionary_case(3000, 100, 1000, 4096, 100, 1, 2);
}

TEST(pages_carry_the_crc_of_their_bytes) {
    size_t n;
    pm_field *f = pqt_fields("s STRING", &n);
    struct ArrowArray b;
    strings_batch(3000, 10, SIZE_MAX, &b);
    pm_parquet_write_options o;
    pm_parquet_write_options_init(&o);
    o.page_row_limit = 1000;
    pm_buf file = PM_BUF_INIT;
    paimon_error err = {0};
    CHECK_OK(write_fields(f, n, &b, &o, &file, &err), &err);
    pm_pq_file_meta m;
    CHECK_OK(pqw_footer(&file, &m, &err), &err);
    const pm_pq_column_chunk *cc = &m.row_groups[0].columns[0];
    int64_t at = cc->dictionary_page_offset, end = at + cc->total_compressed_size;
    int pages = 0;
    while (at < end) {
        pm_thrift t;
        pm_thrift_init(&t, file.data + at, (size_t)(end - at), "page header", &err);
        CHECK_OK(pm_thrift_struct_begin(&t), &err);
        int16_t last = 0;
        int32_t comp = -1, crc = 0;
        bool has_crc = false;
        for (;;) {
            pm_thrift_field fl;
            CHECK_OK(pm_thrift_next_field(&t, &last, &fl), &err);
            if (fl.type == PM_TT_STOP)
                break;
            if (fl.id == 3) {
                CHECK_OK(pm_thrift_i32(&t, fl.type, &comp), &err);
            } else if (fl.id == 4) {
                CHECK_OK(pm_thrift_i32(&t, fl.type, &crc), &err);
                has_crc = true;
            } else {
                CHECK_OK(pm_thrift_skip(&t, fl.type), &err);
            }
        }
        size_t header = pm_thrift_pos(&t, file.data + at);
        CHECK(has_crc);
        CHECK_EQ_INT((uint32_t)crc, pm_crc32(0, file.data + at + header, (size_t)comp));
        at += (int64_t)header + comp;
        pages++;
    }
    CHECK_EQ_INT(pages, 4); /* the dictionary and three data pages */
    pm_pq_file_meta_dispose(&m);
    b.release(&b);
    pm_buf_dispose(&file);
    pm_parquet_fields_free(f, n);
}

TEST(int96_bytes_are_javas) {
    /* Java: julian day = trunc(millis / 86400000) + 2440588, nanos of day =
     * (millis % 86400000) * 1e6 + nano of milli, with truncating division: 1969-12-31
     * 23:59:59.999000001 is day 2440588 with -999999 nanoseconds. */
    size_t n;
    pm_field *f = pqt_fields("t TIMESTAMP(9) NOT NULL", &n);
    pm_col c;
    pm_col_init(&c, f[0].type, NULL);
    pm_timestamp ts[] = {{-1, 1}, {86400000LL * 3 + 5, 7}};
    for (size_t i = 0; i < 2; i++)
        pm_col_append_timestamp(&c, ts[i]);
    struct ArrowArray child, b;
    pm_col_finish(&c, &child, NULL);
    pm_col_dispose(&c);
    pm_arrow_struct_from_children(&child, 1, 2, &b, NULL);
    pm_parquet_write_options o;
    pm_parquet_write_options_init(&o);
    o.codec = PM_CODEC_NONE;
    o.dictionary = false;
    pm_buf file = PM_BUF_INIT;
    paimon_error err = {0};
    CHECK_OK(write_fields(f, n, &b, &o, &file, &err), &err);
    uint8_t want[24];
    pm_store_le64(want, (uint64_t)(int64_t)-999999);
    pm_store_le32(want + 8, 2440588);
    pm_store_le64(want + 12, (uint64_t)(5 * 1000000LL + 7));
    pm_store_le32(want + 20, 2440591);
    bool found = false;
    for (size_t i = 0; i + 24 <= file.len && !found; i++)
        found = memcmp(file.data + i, want, 24) == 0;
    CHECK(found);
    pqt_result *res = calloc(1, sizeof *res);
    CHECK_OK(pqt_read_file(pqt_open_mem(file.data, file.len, &err), "t.parquet", f, n, 0, NULL,
                           NULL, res, &err),
             &err);
    pm_buf text = PM_BUF_INIT;
    pqt_render_all(&text, res, f, n);
    CHECK_EQ_STR(pm_buf_cstr(&text),
                 "[\"1969-12-31 23:59:59.999000001\"]\n[\"1970-01-04 00:00:00.005000007\"]\n");
    pm_buf_dispose(&text);
    pqt_result_free(res);
    free(res);
    b.release(&b);
    pm_buf_dispose(&file);
    pm_parquet_fields_free(f, n);
}

TEST(hybrid_encoder_roundtrips_through_the_decoder) {
    /* Eight equal values make one run: header (8 << 1), then the value in one byte. */
    uint8_t zeros[8] = {0};
    pm_buf b = PM_BUF_INIT;
    CHECK_OK(pm_pq_hybrid_append(&b, zeros, 1, 8, 1), NULL);
    CHECK_EQ_INT(b.len, 2);
    CHECK_EQ_INT(b.data[0], 16);
    CHECK_EQ_INT(b.data[1], 0);
    /* Three 3-bit values bit-packed LSB first, padded to a group of 8: header (1 << 1 | 1),
     * then 001, 100, 111 and five zeros in three bytes: 0xE1, 0x01, 0x00. */
    b.len = 0;
    uint32_t three[3] = {1, 4, 7};
    CHECK_OK(pm_pq_hybrid_append(&b, three, 4, 3, 3), NULL);
    CHECK_EQ_INT(b.len, 4);
    CHECK_EQ_INT(b.data[0], 3);
    CHECK_EQ_INT(b.data[1], 0xE1);
    CHECK_EQ_INT(b.data[2], 0x01);
    CHECK_EQ_INT(b.data[3], 0x00);
    /* Random sequences with runs, every bit width, decoded by the reader's decoder. */
    test_rng r = {42};
    uint32_t v[3000], got[3000];
    for (int bw = 0; bw <= 32; bw++) {
        for (int round = 0; round < 4; round++) {
            size_t n = (size_t)rng_range(&r, 1, 3000);
            uint64_t mask = bw == 32 ? 0xffffffffu : ((uint64_t)1 << bw) - 1;
            for (size_t i = 0; i < n;) {
                uint32_t x = (uint32_t)(rng_next(&r) & mask);
                size_t len = rng_next(&r) % 3 == 0 ? (size_t)rng_range(&r, 1, 40) : 1;
                for (size_t k = 0; k < len && i < n; k++)
                    v[i++] = x;
            }
            b.len = 0;
            CHECK_OK(pm_pq_hybrid_append(&b, v, 4, n, bw), NULL);
            pm_pq_rle dec;
            pm_pq_rle_init(&dec, b.data, b.len, bw);
            paimon_error err = {0};
            CHECK_OK(pm_pq_rle_get_u32(&dec, got, n, &err), &err);
            CHECK_EQ_MEM(got, v, n * sizeof *v);
        }
    }
    pm_buf_dispose(&b);
}

TEST(java_errors_are_refused) {
    paimon_error err = {0};
    size_t n;
    /* VARIANT has no writer here. */
    pm_field *f = pqt_fields("v VARIANT", &n);
    pm_parquet_writer *w;
    if (f != NULL) {
        CHECK_ERR(pm_parquet_writer_new(f, n, NULL, &w, &err), PAIMON_EUNSUPPORTED, &err);
        pm_parquet_fields_free(f, n);
    }
    /* An unsupported codec. */
    f = pqt_fields("a INT", &n);
    pm_parquet_write_options o;
    pm_parquet_write_options_init(&o);
    o.codec = PM_CODEC_DEFLATE;
    CHECK_ERR(pm_parquet_writer_new(f, n, &o, &w, &err), PAIMON_EUNSUPPORTED, &err);
    pm_parquet_fields_free(f, n);
    /* A null in a NOT NULL column, a null map key, a decimal past its precision, a batch of
     * the wrong width. */
    const char *specs[] = {"a INT NOT NULL", "m MAP<STRING, INT>", "d DECIMAL(3, 1)", "a INT"};
    const char *msgs[] = {"column 'a' is NOT NULL", "map keys are required", "more than 3 digits",
                          "batch has 2 columns"};
    for (size_t i = 0; i < 4; i++) {
        f = pqt_fields(specs[i], &n);
        pm_col c, c2;
        pm_col_init(&c, f[0].type, NULL);
        pm_col_init(&c2, f[0].type, NULL);
        if (i == 0 || i == 3) {
            pm_col_append_int(&c, 1);
            pm_col_append_null(&c);
        } else if (i == 1) {
            pm_col_append_null(&c.children[0].children[0]);
            pm_col_append_int(&c.children[0].children[1], 1);
            pm_col_struct_close(&c.children[0]);
            pm_col_list_close(&c);
            pm_col_append_null(&c);
        } else {
            pm_col_append_decimal(&c, pm_dec_from_i64(999));
            pm_col_append_decimal(&c, pm_dec_from_i64(1000));
        }
        pm_col_append_nulls(&c2, 2);
        struct ArrowArray kids[2], b;
        pm_col_finish(&c, &kids[0], NULL);
        pm_col_finish(&c2, &kids[1], NULL);
        pm_col_dispose(&c);
        pm_col_dispose(&c2);
        size_t width = i == 3 ? 2 : 1;
        if (width == 1)
            kids[1].release(&kids[1]);
        pm_arrow_struct_from_children(kids, width, 2, &b, NULL);
        CHECK_OK(pm_parquet_writer_new(f, n, NULL, &w, &err), &err);
        CHECK_ERR(pm_parquet_writer_write(w, &b, &err), PAIMON_EINVAL, &err);
        CHECK(strstr(err.message, msgs[i]) != NULL);
        pm_buf out = PM_BUF_INIT;
        if (i < 3) /* after a failed write, the writer accepts nothing more */
            CHECK_ERR(pm_parquet_writer_finish(w, &out, &err), PAIMON_EINVAL, &err);
        pm_parquet_writer_free(w);
        b.release(&b);
        pm_parquet_fields_free(f, n);
    }
}
