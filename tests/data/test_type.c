/* The type-string grammar: what Java writes, its aliases, and the nested display forms. */
#include "test.h"
#include "data/type.h"
#include "util/mem.h"

#include <stdio.h>

static int roundtrip(const char *text, const char *expected) {
    paimon_error err = {0};
    pm_type *t = NULL;
    if (pm_type_parse(text, &t, &err) != PAIMON_OK) {
        fprintf(stderr, "  parse of \"%s\" failed: %s\n", text, err.message);
        return 0;
    }
    pm_buf out = PM_BUF_INIT;
    pm_type_format(t, &out);
    int ok = strcmp(pm_buf_cstr(&out), expected) == 0;
    if (!ok)
        fprintf(stderr, "  \"%s\" formatted as \"%s\", expected \"%s\"\n", text,
                (const char *)out.data, expected);
    pm_buf_dispose(&out);
    pm_type_free(t);
    return ok;
}


TEST(java_written_forms_roundtrip) {
    const char *forms[] = {"BOOLEAN", "TINYINT", "SMALLINT", "INT NOT NULL", "BIGINT", "FLOAT",
                           "DOUBLE", "DECIMAL(23, 5)", "DECIMAL(2, 2)", "CHAR(3)", "VARCHAR(10)",
                           "STRING", "STRING NOT NULL", "BINARY(4)", "VARBINARY(9)", "BYTES",
                           "DATE", "TIME(0)", "TIME(3)", "TIMESTAMP(9)", "TIMESTAMP(0)",
                           "TIMESTAMP(3) WITH LOCAL TIME ZONE", "BLOB NOT NULL", "VARIANT"};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
        CHECK(roundtrip(forms[i], forms[i]));
}

TEST(aliases) {
    CHECK(roundtrip("integer", "INT"));
    CHECK(roundtrip("DOUBLE PRECISION", "DOUBLE"));
    CHECK(roundtrip("DECIMAL", "DECIMAL(10, 0)"));
    CHECK(roundtrip("NUMERIC(5)", "DECIMAL(5, 0)"));
    CHECK(roundtrip("VARCHAR", "VARCHAR(1)"));
    CHECK(roundtrip("VARCHAR(2147483647)", "STRING"));
    CHECK(roundtrip("TIMESTAMP", "TIMESTAMP(6)"));
    CHECK(roundtrip("TIMESTAMP(3) WITHOUT TIME ZONE", "TIMESTAMP(3)"));
    CHECK(roundtrip("TIMESTAMP_LTZ(9)", "TIMESTAMP(9) WITH LOCAL TIME ZONE"));
    CHECK(roundtrip("TIME WITHOUT TIME ZONE", "TIME(0)"));
    CHECK(roundtrip("INT ARRAY", "ARRAY<INT>"));
    CHECK(roundtrip("int null", "INT"));
}

TEST(nested_forms) {
    CHECK(roundtrip("ARRAY<INT NOT NULL>", "ARRAY<INT NOT NULL>"));
    CHECK(roundtrip("MAP<INT, ROW<`f0` STRING, `f1` ARRAY<INT>>> NOT NULL",
                    "MAP<INT, ROW<`f0` STRING, `f1` ARRAY<INT>>> NOT NULL"));
    CHECK(roundtrip("ROW<a INT, `b c` STRING 'a comment'>",
                    "ROW<`a` INT, `b c` STRING 'a comment'>"));
    CHECK(roundtrip("MULTISET<STRING>", "MULTISET<STRING>"));
}

TEST(invalid_types_are_rejected_with_the_text) {
    const char *bad[] = {"", "INTEGRAL", "DECIMAL(39, 2)", "DECIMAL(5, 6)", "TIMESTAMP(10)",
                         "CHAR(0)", "INT NOT", "ARRAY<INT", "MAP<INT>", "ROW<a>",
                         "INT extra", "TIMESTAMP(3) WITH ZONE"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        paimon_error err = {0};
        pm_type *t = NULL;
        CHECK_ERR(pm_type_parse(bad[i], &t, &err), PAIMON_EINVAL, &err);
        CHECK(strstr(err.message, "invalid type") != NULL);
        CHECK(t == NULL);
    }
}

TEST(deep_nesting_is_bounded) {
    char text[2000] = "";
    for (int i = 0; i < 100; i++)
        strcat(text, "ARRAY<");
    strcat(text, "INT");
    for (int i = 0; i < 100; i++)
        strcat(text, ">");
    paimon_error err = {0};
    pm_type *t = NULL;
    CHECK_ERR(pm_type_parse(text, &t, &err), PAIMON_EINVAL, &err);
}

TEST(clone_and_equals) {
    paimon_error err = {0};
    pm_type *t;
    CHECK_OK(pm_type_parse("ROW<a INT, b MAP<STRING, DECIMAL(20, 3)>>", &t, &err), &err);
    pm_type *c = pm_type_clone(t);
    CHECK(c != NULL);
    CHECK(pm_type_equals(t, c, false));
    c->fields[1].type->value->scale = 2;
    CHECK(!pm_type_equals(t, c, false));
    pm_type_free(t);
    pm_type_free(c);
}
