/* Fixed-bucket assignment against the 15 000 Java-computed vectors (spec/vectors) and bucket-key
 * resolution. */
#include "core/bucket.h"
#include "test.h"
#include "util/mem.h"
#include "util/strutil.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COLS 16

typedef struct token {
    const char *p; /* raw text; for strings the content without quotes */
    size_t n;
    bool is_string;
    bool is_null;
} token;

/* Splits "[a, "b, c", null, 7]," into tokens; strings in these files hold no escapes. */
static int tokenize(const char *line, token *out, int cap) {
    const char *p = strchr(line, '[');
    if (p == NULL)
        return -1;
    p++;
    int n = 0;
    while (*p && *p != ']') {
        while (*p == ' ' || *p == ',')
            p++;
        if (*p == ']' || n == cap)
            break;
        token *t = &out[n++];
        memset(t, 0, sizeof *t);
        if (*p == '"') {
            const char *end = strchr(p + 1, '"');
            if (end == NULL)
                return -1;
            t->p = p + 1;
            t->n = (size_t)(end - p - 1);
            t->is_string = true;
            p = end + 1;
        } else {
            const char *start = p;
            while (*p && *p != ',' && *p != ']' && *p != ' ')
                p++;
            t->p = start;
            t->n = (size_t)(p - start);
            t->is_null = t->n == 4 && memcmp(start, "null", 4) == 0;
        }
    }
    return n;
}

static bool to_datum(const token *t, const pm_type *type, pm_datum *d) {
    char buf[128];
    *d = pm_datum_null();
    if (t->is_null)
        return true;
    d->is_null = false;
    if (t->n >= sizeof buf)
        return pm_type_is_string(type) || pm_type_is_binary(type)
                   ? (*d = pm_datum_bytes(t->p, t->n), true)
                   : false;
    memcpy(buf, t->p, t->n);
    buf[t->n] = '\0';
    switch (type->id) {
    case PM_TYPE_BOOLEAN: d->v.b = strcmp(buf, "true") == 0; return true;
    case PM_TYPE_TINYINT:
    case PM_TYPE_SMALLINT:
    case PM_TYPE_INT:
    case PM_TYPE_BIGINT:
    case PM_TYPE_DATE: return pm_parse_i64(buf, t->n, &d->v.i);
    case PM_TYPE_FLOAT: d->v.f = strtof(buf, NULL); return true;
    case PM_TYPE_DOUBLE: d->v.f = strtod(buf, NULL); return true;
    case PM_TYPE_DECIMAL: return pm_dec_parse(buf, t->n, type->scale, &d->v.dec);
    case PM_TYPE_TIMESTAMP:
    case PM_TYPE_TIMESTAMP_LTZ:
        if (t->is_string)
            return pm_parse_timestamp(buf, t->n, &d->v.ts.millis, &d->v.ts.nanos);
        int64_t ns;
        if (!pm_parse_i64(buf, t->n, &ns))
            return false;
        d->v.ts.millis = pm_floor_div(ns, 1000000);
        d->v.ts.nanos = (int32_t)pm_floor_mod(ns, 1000000);
        return true;
    case PM_TYPE_VARCHAR:
    case PM_TYPE_VARBINARY: *d = pm_datum_bytes(t->p, t->n); return true;
    default: return false;
    }
}

/* Checks every row of one vector file; returns the number of rows checked (-1 on error). */
static long check_file(const char *name, const char *const *type_strs, int ncols) {
    const char *compat = pm_test_compat_dir();
    if (compat == NULL)
        return -2;
    char path[4096];
    snprintf(path, sizeof path, "%s/../spec/vectors/%s", compat, name);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return -2;
    pm_type *types[MAX_COLS];
    for (int i = 0; i < ncols; i++) {
        if (pm_type_parse(type_strs[i], &types[i], NULL) != PAIMON_OK)
            return -1;
    }
    static char line[8192];
    long rows = 0, mismatches = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        token tok[MAX_COLS + 1];
        int n = tokenize(line, tok, MAX_COLS + 1);
        if (n != ncols + 1) {
            fprintf(stderr, "%s row %ld: %d fields\n", name, rows, n);
            mismatches++;
            continue;
        }
        pm_datum values[MAX_COLS];
        for (int i = 0; i < ncols; i++) {
            if (!to_datum(&tok[i], types[i], &values[i])) {
                fprintf(stderr, "%s row %ld: bad value %.*s\n", name, rows, (int)tok[i].n,
                        tok[i].p);
                mismatches++;
            }
        }
        int32_t expected = (int32_t)strtol(tok[ncols].p, NULL, 10), bucket = -1;
        paimon_error err;
        if (pm_bucket_of_values((const pm_type *const *)types, values, ncols, 12345, &bucket,
                                &err) != PAIMON_OK ||
            bucket != expected) {
            if (mismatches < 5)
                fprintf(stderr, "%s row %ld: bucket %d, Java %d\n", name, rows, bucket, expected);
            mismatches++;
        }
        rows++;
    }
    fclose(f);
    for (int i = 0; i < ncols; i++)
        pm_type_free(types[i]);
    return mismatches == 0 ? rows : -1;
}

TEST(java_vectors_all_types) {
    static const char *types[] = {"BOOLEAN", "TINYINT", "SMALLINT", "INT",
                                  "BIGINT", "FLOAT", "DOUBLE", "DATE",
                                  "TIMESTAMP(9)", "DECIMAL(30, 20)", "STRING", "BYTES"};
    long rows = check_file("record_for_bucket_id.data", types, 12);
    if (rows == -2)
        SKIP("spec vectors not available");
    CHECK_EQ_INT(rows, 5000);
}

TEST(java_vectors_with_nulls) {
    static const char *types[] = {"BOOLEAN", "TINYINT", "SMALLINT", "INT", "BIGINT",
                                  "FLOAT", "DOUBLE", "DATE", "TIMESTAMP(9)",
                                  "DECIMAL(5, 2)", "DECIMAL(30, 2)", "STRING", "BYTES"};
    long rows = check_file("record_with_null_for_bucket_id.data", types, 13);
    if (rows == -2)
        SKIP("spec vectors not available");
    CHECK_EQ_INT(rows, 5000);
}

TEST(java_vectors_timestamps) {
    static const char *types[] = {"TIMESTAMP(0)", "TIMESTAMP(3)", "TIMESTAMP(6)", "TIMESTAMP(9)",
                                  "TIMESTAMP_LTZ(0)", "TIMESTAMP_LTZ(3)", "TIMESTAMP_LTZ(6)",
                                  "TIMESTAMP_LTZ(9)"};
    long rows = check_file("record_with_timestamp_for_bucket_id.data", types, 8);
    if (rows == -2)
        SKIP("spec vectors not available");
    CHECK_EQ_INT(rows, 5000);
}

TEST(spec_table_vectors) {
    pm_type *t_int = pm_type_new(PM_TYPE_INT, true);
    pm_type *t_str = pm_type_new(PM_TYPE_VARCHAR, true);
    pm_type *t_big = pm_type_new(PM_TYPE_BIGINT, true);
    int32_t b;
    pm_datum v = pm_datum_int(0);
    CHECK_OK(pm_bucket_of_values((const pm_type *const *)&t_int, &v, 1, 2, &b, NULL), NULL);
    CHECK_EQ_INT(b, 1);
    v = pm_datum_int(1);
    CHECK_OK(pm_bucket_of_values((const pm_type *const *)&t_int, &v, 1, 2, &b, NULL), NULL);
    CHECK_EQ_INT(b, 0);
    v = pm_datum_bytes("Alice", 5);
    CHECK_OK(pm_bucket_of_values((const pm_type *const *)&t_str, &v, 1, 16, &b, NULL), NULL);
    CHECK_EQ_INT(b, 8);
    CHECK_OK(pm_bucket_of_values((const pm_type *const *)&t_str, &v, 1, 10, &b, NULL), NULL);
    CHECK_EQ_INT(b, 0);
    v = pm_datum_int(123456789);
    CHECK_OK(pm_bucket_of_values((const pm_type *const *)&t_big, &v, 1, 16, &b, NULL), NULL);
    CHECK_EQ_INT(b, 5);
    CHECK_OK(pm_bucket_of_values((const pm_type *const *)&t_big, &v, 1, 3, &b, NULL), NULL);
    CHECK_EQ_INT(b, 0);
    paimon_error err;
    CHECK_ERR(pm_bucket_of_values((const pm_type *const *)&t_big, &v, 1, 0, &b, &err),
              PAIMON_EINVAL, &err);
    pm_type_free(t_int);
    pm_type_free(t_str);
    pm_type_free(t_big);
}

static pm_schema *schema_of(const char *pk, const char *part, const char *bucket_key) {
    char text[2048];
    char opts[256] = "";
    if (bucket_key != NULL)
        snprintf(opts, sizeof opts, "\"bucket-key\":\"%s\"", bucket_key);
    snprintf(text, sizeof text,
             "{\"version\":3,\"id\":0,\"fields\":[{\"id\":0,\"name\":\"a\",\"type\":\"INT\"},"
             "{\"id\":1,\"name\":\"b\",\"type\":\"STRING\"},{\"id\":2,\"name\":\"c\",\"type\":"
             "{\"type\":\"ARRAY\",\"element\":\"INT\"}},"
             "{\"id\":3,\"name\":\"d\",\"type\":\"INT\"}],"
             "\"highestFieldId\":3,\"partitionKeys\":[%s],\"primaryKeys\":[%s],\"options\":{%s}}",
             part, pk, opts);
    pm_schema *s = NULL;
    paimon_error err;
    if (pm_schema_parse(text, strlen(text), "s", &s, &err) != PAIMON_OK)
        fprintf(stderr, "%s\n", err.message);
    return s;
}

TEST(bucket_key_resolution) {
    size_t *key, n;
    paimon_error err;
    pm_schema *s = schema_of("\"d\",\"a\",\"b\"", "\"a\"", NULL);
    CHECK(s != NULL);
    CHECK_OK(pm_bucket_key_indexes(s, &key, &n, &err), &err);
    CHECK_EQ_INT(n, 2); /* trimmed primary key: d, b */
    CHECK_EQ_INT(key[0], 3);
    CHECK_EQ_INT(key[1], 1);
    pm_free(key);
    pm_schema_free(s);

    s = schema_of("\"a\"", "", " b , a");
    CHECK_OK(pm_bucket_key_indexes(s, &key, &n, &err), &err);
    CHECK_EQ_INT(n, 2);
    CHECK_EQ_INT(key[0], 1);
    CHECK_EQ_INT(key[1], 0);
    pm_free(key);
    pm_schema_free(s);

    s = schema_of("", "", "zz");
    CHECK_ERR(pm_bucket_key_indexes(s, &key, &n, &err), PAIMON_EINVAL, &err);
    CHECK(strstr(err.message, "'zz'") != NULL);
    pm_schema_free(s);

    s = schema_of("", "", "c");
    CHECK_ERR(pm_bucket_key_indexes(s, &key, &n, &err), PAIMON_EINVAL, &err);
    CHECK(strstr(err.message, "ARRAY") != NULL);
    pm_schema_free(s);

    s = schema_of("", "", NULL);
    CHECK_ERR(pm_bucket_key_indexes(s, &key, &n, &err), PAIMON_EINVAL, &err);
    pm_schema_free(s);
}

/* A record batch of (a INT, b STRING, c ARRAY<INT>, d INT): the bucket of a row with key (d, b)
 * equals the bucket of the same values encoded directly. */
TEST(bucket_of_batch_row) {
    pm_schema *s = schema_of("\"d\",\"b\"", "", NULL);
    CHECK(s != NULL);
    size_t *key, n;
    paimon_error err;
    CHECK_OK(pm_bucket_key_indexes(s, &key, &n, &err), &err);
    pm_col cols[4];
    struct ArrowArray arrays[4], batch;
    for (int i = 0; i < 4; i++)
        CHECK_OK(pm_col_init(&cols[i], pm_schema_fields(s)[i].type, &err), &err);
    for (int r = 0; r < 3; r++) {
        CHECK_OK(pm_col_append_int(&cols[0], r), NULL);
        if (r == 1)
            CHECK_OK(pm_col_append_null(&cols[1]), NULL);
        else
            CHECK_OK(pm_col_append_bytes(&cols[1], r ? "a longer string value" : "x",
                                         r ? 21 : 1),
                     NULL);
        CHECK_OK(pm_col_list_close(&cols[2]), NULL);
        CHECK_OK(pm_col_append_int(&cols[3], 100 * r - 7), NULL);
    }
    for (int i = 0; i < 4; i++)
        CHECK_OK(pm_col_finish(&cols[i], &arrays[i], &err), &err);
    CHECK_OK(pm_arrow_struct_from_children(arrays, 4, 3, &batch, &err), &err);
    pm_binrow_writer w;
    CHECK_OK(pm_binrow_writer_init(&w, 0), NULL);
    const pm_type *types[2] = {pm_schema_fields(s)[3].type, pm_schema_fields(s)[1].type};
    for (int r = 0; r < 3; r++) {
        int32_t got, want;
        CHECK_OK(pm_bucket_of_batch_row(s, key, n, &batch, r, 7, &w, &got, &err), &err);
        pm_datum v[2] = {pm_datum_int(100 * r - 7),
                         r == 1 ? pm_datum_null()
                                : pm_datum_bytes(r ? "a longer string value" : "x", r ? 21 : 1)};
        CHECK_OK(pm_bucket_of_values(types, v, 2, 7, &want, &err), &err);
        CHECK_EQ_INT(got, want);
    }
    pm_binrow_writer_dispose(&w);
    batch.release(&batch);
    for (int i = 0; i < 4; i++)
        pm_col_dispose(&cols[i]);
    pm_free(key);
    pm_schema_free(s);
}
