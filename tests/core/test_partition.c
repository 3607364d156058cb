/* Partition folder names: Java value texts, escaping, default names, the corpus folders. */
#include "core/java_text.h"
#include "core/partition.h"
#include "corpus_files.h"
#include "test.h"
#include "util/endian.h"
#include "util/mem.h"
#include "util/strutil.h"

#include <stdlib.h>
#include <string.h>

TEST(java_double_and_float_text) {
    struct {
        double v;
        const char *text;
    } d[] = {{1e10, "1.0E10"},
             {0.1, "0.1"},
             {100.0, "100.0"},
             {1e7, "1.0E7"},
             {9999999.0, "9999999.0"},
             {0.001, "0.001"},
             {1e-4, "1.0E-4"},
             {-0.0, "-0.0"},
             {0.0, "0.0"},
             {19.1, "19.1"},
             {123456.789, "123456.789"},
             {-1.5, "-1.5"},
             {4.9e-324, "4.9E-324"},
             {1.7976931348623157e308, "1.7976931348623157E308"},
             {0.3332183994766498, "0.3332183994766498"},
             {1.0 / 3, "0.3333333333333333"},
             {2e-3, "0.002"},
             /* JDK 8-18 digits, as printed by JDK 17 (JDK 19+ would print 1.23E22). */
             {123e20, "1.2300000000000001E22"},
             {2.82879384806159E17, "2.82879384806159008E17"},
             {1.0E23, "9.999999999999999E22"}};
    char text[PM_JAVA_TEXT_MAX];
    for (size_t i = 0; i < sizeof d / sizeof d[0]; i++) {
        pm_java_double_to_string(d[i].v, text);
        CHECK_EQ_STR(text, d[i].text);
    }
    pm_java_double_to_string(0.0 / 0.0, text);
    CHECK_EQ_STR(text, "NaN");
    pm_java_double_to_string(-1.0 / 0.0, text);
    CHECK_EQ_STR(text, "-Infinity");
    struct {
        float v;
        const char *text;
    } f[] = {{0.7815346f, "0.7815346"}, {1e10f, "1.0E10"},       {3.4028235e38f, "3.4028235E38"},
             {1.4e-45f, "1.4E-45"},     {0.1f, "0.1"},           {1.0f, "1.0"},
             {0.54673976f, "0.54673976"}, {-12.5f, "-12.5"}};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        pm_java_float_to_string(f[i].v, text);
        CHECK_EQ_STR(text, f[i].text);
    }
}

TEST(java_datetime_text) {
    char text[PM_JAVA_TEXT_MAX];
    const int64_t base = 1704112200000LL; /* 2024-01-01T12:30 */
    pm_java_local_datetime(base, 0, text);
    CHECK_EQ_STR(text, "2024-01-01T12:30");
    pm_java_local_datetime(base + 5000, 0, text);
    CHECK_EQ_STR(text, "2024-01-01T12:30:05");
    pm_java_local_datetime(base + 100, 0, text);
    CHECK_EQ_STR(text, "2024-01-01T12:30:00.100");
    pm_java_local_datetime(base, 123000, text);
    CHECK_EQ_STR(text, "2024-01-01T12:30:00.000123");
    pm_java_local_datetime(base, 1, text);
    CHECK_EQ_STR(text, "2024-01-01T12:30:00.000000001");
    pm_java_local_datetime(-1, 0, text);
    CHECK_EQ_STR(text, "1969-12-31T23:59:59.999");
    pm_java_timestamp_cast(base, 0, 0, text);
    CHECK_EQ_STR(text, "2024-01-01 12:30:00");
    pm_java_timestamp_cast(base, 0, 3, text);
    CHECK_EQ_STR(text, "2024-01-01 12:30:00.000");
    pm_java_timestamp_cast(base + 120, 0, 0, text);
    CHECK_EQ_STR(text, "2024-01-01 12:30:00.12");
    pm_java_timestamp_cast(base + 120, 4500, 9, text);
    CHECK_EQ_STR(text, "2024-01-01 12:30:00.120004500");
    pm_java_timestamp_cast(base + 120, 4500, 3, text);
    CHECK_EQ_STR(text, "2024-01-01 12:30:00.1200045");
}

static int text_of(const char *type_str, pm_datum v, bool legacy, char *out, size_t cap,
                   paimon_error *err) {
    pm_type *t;
    PM_TRY(pm_type_parse(type_str, &t, err));
    pm_buf b = PM_BUF_INIT;
    int rc = pm_partition_value_text(t, &v, legacy, "__DEFAULT_PARTITION__", &b, err);
    if (rc == PAIMON_OK)
        snprintf(out, cap, "%.*s", (int)b.len, b.data ? (const char *)b.data : "");
    pm_buf_dispose(&b);
    pm_type_free(t);
    return rc;
}

TEST(value_texts_legacy_and_cast) {
    char s[128];
    paimon_error err;
    pm_datum v = pm_datum_int(19723);
    CHECK_OK(text_of("DATE", v, true, s, sizeof s, &err), &err);
    CHECK_EQ_STR(s, "19723");
    CHECK_OK(text_of("DATE", v, false, s, sizeof s, &err), &err);
    CHECK_EQ_STR(s, "2024-01-01");
    v.v.ts.millis = 1704112200000LL;
    v.v.ts.nanos = 0;
    CHECK_OK(text_of("TIMESTAMP(3)", v, true, s, sizeof s, &err), &err);
    CHECK_EQ_STR(s, "2024-01-01T12:30");
    CHECK_OK(text_of("TIMESTAMP(0)", v, false, s, sizeof s, &err), &err);
    CHECK_EQ_STR(s, "2024-01-01 12:30:00");
    v.v.dec = pm_dec_from_i64(1230);
    CHECK_OK(text_of("DECIMAL(10, 2)", v, true, s, sizeof s, &err), &err);
    CHECK_EQ_STR(s, "12.30");
    v.v.dec = pm_dec_from_i64(-5);
    CHECK_OK(text_of("DECIMAL(20, 2)", v, false, s, sizeof s, &err), &err);
    CHECK_EQ_STR(s, "-0.05");
    v = pm_datum_double(1e10);
    CHECK_OK(text_of("DOUBLE", v, true, s, sizeof s, &err), &err);
    CHECK_EQ_STR(s, "1.0E10");
    v = pm_datum_double(1.5);
    CHECK_OK(text_of("FLOAT", v, true, s, sizeof s, &err), &err);
    CHECK_EQ_STR(s, "1.5");
    v.v.b = false;
    CHECK_OK(text_of("BOOLEAN", v, true, s, sizeof s, &err), &err);
    CHECK_EQ_STR(s, "false");
    v = pm_datum_int(-3);
    CHECK_OK(text_of("TINYINT", v, true, s, sizeof s, &err), &err);
    CHECK_EQ_STR(s, "-3");
    v = pm_datum_int(45296789); /* 12:34:56.789 */
    CHECK_OK(text_of("TIME(3)", v, true, s, sizeof s, &err), &err);
    CHECK_EQ_STR(s, "45296789");
    CHECK_OK(text_of("TIME(3)", v, false, s, sizeof s, &err), &err);
    CHECK_EQ_STR(s, "12:34:56.789");
    v = pm_datum_bytes("ab", 2);
    CHECK_ERR(text_of("BYTES", v, true, s, sizeof s, &err), PAIMON_EUNSUPPORTED, &err);
    CHECK_OK(text_of("BYTES", v, false, s, sizeof s, &err), &err);
    CHECK_EQ_STR(s, "ab");
    /* null, empty and whitespace-only (Java's Character.isWhitespace) use the default */
    const char *blank[] = {"", " ", "\t\n", "\xe3\x80\x80", "\xe2\x80\xa8 "};
    for (size_t i = 0; i < 5; i++) {
        v = pm_datum_bytes(blank[i], strlen(blank[i]));
        CHECK_OK(text_of("STRING", v, true, s, sizeof s, &err), &err);
        CHECK_EQ_STR(s, "__DEFAULT_PARTITION__");
    }
    v = pm_datum_null();
    CHECK_OK(text_of("INT", v, true, s, sizeof s, &err), &err);
    CHECK_EQ_STR(s, "__DEFAULT_PARTITION__");
    /* no-break spaces are not whitespace for Java */
    v = pm_datum_bytes("\xc2\xa0", 2);
    CHECK_OK(text_of("STRING", v, true, s, sizeof s, &err), &err);
    CHECK_EQ_STR(s, "\xc2\xa0");
}

TEST(escaping) {
    pm_buf b = PM_BUF_INIT;
    const char *in = "a/b:c=d%e\"#'*?\\{}[]^\x01\x7f x\xc3\xa9";
    CHECK_OK(pm_partition_escape(in, strlen(in), &b), NULL);
    CHECK_EQ_STR(pm_buf_cstr(&b),
                 "a%2Fb%3Ac%3Dd%25e%22%23%27%2A%3F%5C%7B%7D%5B%5D%5E%01%7F x\xc3\xa9");
    pm_buf back = PM_BUF_INIT;
    CHECK_OK(pm_partition_unescape((const char *)b.data, b.len, &back), NULL);
    CHECK_EQ_STR(pm_buf_cstr(&back), in);
    pm_buf_clear(&back);
    CHECK_OK(pm_partition_unescape("100%zz%4", 8, &back), NULL);
    CHECK_EQ_STR(pm_buf_cstr(&back), "100%zz%4");
    pm_buf_clear(&back);
    CHECK_OK(pm_partition_unescape("%41%+9%e9", 9, &back), NULL);
    CHECK_EQ_STR(pm_buf_cstr(&back), "A\t\xc3\xa9");
    pm_buf_dispose(&b);
    pm_buf_dispose(&back);
    pm_buf_clear(&b);
    CHECK_OK(pm_bucket_dir_name(3, &b), NULL);
    CHECK_EQ_STR(pm_buf_cstr(&b), "bucket-3");
    pm_buf_clear(&b);
    CHECK_OK(pm_bucket_dir_name(-2, &b), NULL);
    CHECK_EQ_STR(pm_buf_cstr(&b), "bucket-postpone");
    pm_buf_dispose(&b);
}

static pm_schema *schema_with(const char *fields, const char *part, const char *options) {
    char text[2048];
    snprintf(text, sizeof text,
             "{\"version\":3,\"id\":0,\"fields\":[%s],\"highestFieldId\":9,\"partitionKeys\":[%s],"
             "\"primaryKeys\":[],\"options\":{%s}}",
             fields, part, options);
    pm_schema *s = NULL;
    paimon_error err;
    if (pm_schema_parse(text, strlen(text), "s", &s, &err) != PAIMON_OK)
        fprintf(stderr, "%s\n", err.message);
    return s;
}

static int path_of(const pm_schema *s, const pm_type *const *types, const pm_datum *values,
                   char *out, size_t cap, paimon_error *err) {
    pm_partition_namer namer;
    PM_TRY(pm_partition_namer_init(&namer, s, err));
    pm_buf row = PM_BUF_INIT, path = PM_BUF_INIT;
    int32_t n = (int32_t)namer.count;
    int rc = pm_binrow_encode(types, values, n, true, &row, err);
    pm_binrow r;
    if (rc == PAIMON_OK)
        rc = pm_binrow_from_serialized(row.data, row.len, &r, err);
    if (rc == PAIMON_OK)
        rc = pm_partition_path(&namer, &r, &path, err);
    if (rc == PAIMON_OK)
        snprintf(out, cap, "%.*s", (int)path.len, path.data ? (const char *)path.data : "");
    pm_buf_dispose(&row);
    pm_buf_dispose(&path);
    pm_partition_namer_dispose(&namer);
    return rc;
}

TEST(paths_with_options) {
    pm_schema *s = schema_with("{\"id\":0,\"name\":\"dt\",\"type\":\"DATE\"},"
                               "{\"id\":1,\"name\":\"k=1\",\"type\":\"STRING\"}",
                               "\"dt\",\"k=1\"", "");
    CHECK(s != NULL);
    const pm_type *types[2] = {pm_schema_fields(s)[0].type, pm_schema_fields(s)[1].type};
    pm_datum v[2] = {pm_datum_int(19723), pm_datum_bytes("a/b", 3)};
    char p[256];
    paimon_error err;
    CHECK_OK(path_of(s, types, v, p, sizeof p, &err), &err);
    CHECK_EQ_STR(p, "dt=19723/k%3D1=a%2Fb");
    pm_schema_free(s);

    s = schema_with("{\"id\":0,\"name\":\"dt\",\"type\":\"DATE\"},"
                    "{\"id\":1,\"name\":\"s\",\"type\":\"STRING\"}",
                    "\"dt\",\"s\"",
                    "\"partition.legacy-name\":\"false\","
                    "\"partition.default-name\":\"__HIVE_DEFAULT_PARTITION__\"");
    CHECK(s != NULL);
    types[0] = pm_schema_fields(s)[0].type;
    types[1] = pm_schema_fields(s)[1].type;
    v[1] = pm_datum_bytes(" ", 1);
    CHECK_OK(path_of(s, types, v, p, sizeof p, &err), &err);
    CHECK_EQ_STR(p, "dt=2024-01-01/s=__HIVE_DEFAULT_PARTITION__");
    pm_schema_free(s);

    s = schema_with("{\"id\":0,\"name\":\"a\",\"type\":\"INT\"}", "\"a\"",
                    "\"partition.legacy-name\":\"maybe\"");
    pm_partition_namer namer;
    CHECK_ERR(pm_partition_namer_init(&namer, s, &err), PAIMON_EINVAL, &err);
    pm_schema_free(s);
}

/* Every partition folder of the corpus: parse the values back from the folder name (by the
 * schema's types), encode the partition row, and get the same folder name. Null, "" and " "
 * rows of the empty-partition tables all land in the default folder. */
TEST(corpus_partition_folders) {
    glob_t g;
    if (!corpus_glob("*/*.db/*/schema", &g))
        SKIP("compat corpus not available");
    pm_fs *fs;
    paimon_error err;
    CHECK_OK(pm_fs_local_new(&fs, &err), &err);
    size_t checked = 0;
    for (size_t i = 0; i < g.gl_pathc; i++) {
        char table[4096];
        snprintf(table, sizeof table, "%s", g.gl_pathv[i]);
        *strrchr(table, '/') = '\0';
        int64_t latest;
        CHECK_OK(pm_schema_latest_id(fs, table, &latest, &err), &err);
        pm_schema *s;
        CHECK_OK(pm_schema_load(fs, table, latest, &s, &err), &err);
        size_t nk = s->partition_key_count;
        if (nk == 0) {
            pm_schema_free(s);
            continue;
        }
        char pattern[4200];
        int off = snprintf(pattern, sizeof pattern, "%s", table);
        for (size_t k = 0; k < nk; k++)
            off += snprintf(pattern + off, sizeof pattern - (size_t)off, "/%s=*",
                            s->partition_keys[k]);
        glob_t folders;
        CHECK(glob(pattern, 0, NULL, &folders) == 0);
        pm_partition_namer namer;
        CHECK_OK(pm_partition_namer_init(&namer, s, &err), &err);
        for (size_t f = 0; f < folders.gl_pathc; f++) {
            const char *rel = folders.gl_pathv[f] + strlen(table) + 1;
            const pm_type *types[8];
            pm_datum values[8];
            pm_buf texts[8];
            const char *part = rel;
            for (size_t k = 0; k < nk; k++) {
                const char *eq = strchr(part, '=');
                const char *end = strchr(part, '/');
                size_t vlen = end ? (size_t)(end - eq - 1) : strlen(eq + 1);
                pm_buf_init(&texts[k]);
                CHECK_OK(pm_partition_unescape(eq + 1, vlen, &texts[k]), NULL);
                pm_buf_cstr(&texts[k]);
                types[k] = namer.fields[k]->type;
                const char *t = (const char *)texts[k].data;
                if (strcmp(t, namer.default_name) == 0)
                    values[k] = pm_datum_null();
                else if (pm_type_is_string(types[k]))
                    values[k] = pm_datum_bytes(t, texts[k].len);
                else {
                    CHECK_EQ_INT(types[k]->id, PM_TYPE_INT);
                    values[k] = pm_datum_int(atoi(t));
                }
                part = end ? end + 1 : part;
            }
            char p[512];
            CHECK_OK(path_of(s, types, values, p, sizeof p, &err), &err);
            CHECK_EQ_STR(p, rel);
            /* blank strings go to the same default folder as null */
            if (values[0].is_null && pm_type_is_string(types[0])) {
                values[0] = pm_datum_bytes(" ", 1);
                CHECK_OK(path_of(s, types, values, p, sizeof p, &err), &err);
                CHECK_EQ_STR(p, rel);
                values[0] = pm_datum_bytes("", 0);
                CHECK_OK(path_of(s, types, values, p, sizeof p, &err), &err);
                CHECK_EQ_STR(p, rel);
            }
            for (size_t k = 0; k < nk; k++)
                pm_buf_dispose(&texts[k]);
            checked++;
        }
        pm_partition_namer_dispose(&namer);
        globfree(&folders);
        pm_schema_free(s);
    }
    globfree(&g);
    pm_fs_release(fs);
    /* f1=10/20 (x8 tables), f0=2024/2025/default (x3), dt/hr, key0/key1 (x3), p0/p1, f1=10 */
    CHECK(checked >= 30);
}

/* The folders written for the partitions of pk_09 (f1 INT) and pk_table_nested_type
 * (dt STRING, hr INT), with rows built as the manifest's _PARTITION would be. */
TEST(corpus_named_examples) {
    const char *t1 = pm_test_table_path("parquet/pk_table_nested_type.db/pk_table_nested_type");
    if (t1 == NULL)
        SKIP("compat corpus not available");
    pm_fs *fs;
    paimon_error err;
    CHECK_OK(pm_fs_local_new(&fs, &err), &err);
    pm_schema *s;
    CHECK_OK(pm_schema_load(fs, t1, 0, &s, &err), &err);
    const pm_type *types[2] = {pm_schema_fields(s)[1].type, pm_schema_fields(s)[2].type};
    pm_datum v[2] = {pm_datum_bytes("2025-04-14", 10), pm_datum_int(10)};
    char p[256];
    CHECK_OK(path_of(s, types, v, p, sizeof p, &err), &err);
    CHECK_EQ_STR(p, "dt=2025-04-14/hr=10");
    pm_schema_free(s);
    const char *t2 = pm_test_table_path(
        "parquet/append_with_empty_partition_with_specific_name.db/"
        "append_with_empty_partition_with_specific_name");
    CHECK_OK(pm_schema_load(fs, t2, 0, &s, &err), &err);
    const pm_type *st[1] = {pm_schema_fields(s)[0].type};
    pm_datum sv[1] = {pm_datum_null()};
    CHECK_OK(path_of(s, st, sv, p, sizeof p, &err), &err);
    CHECK_EQ_STR(p, "f0=__HIVE_DEFAULT_PARTITION__");
    pm_schema_free(s);
    pm_fs_release(fs);
}
