/*
 * The partial-update merge engine end to end, with the scenarios (inputs and expected rows) of
 * Java Paimon's PartialUpdateMergeFunctionTest and PrimaryKeySimpleTableTest, on tables
 * written with our own writers and read through the public API.
 *
 * A scenario is a list of records of one key, oldest first. The table gets one level-0 file per
 * record, and key 10 + k receives the first k records: its row is the state after k records
 * (Java's unit tests validate the merge function after each record). As in Java's read path, a
 * key with a single record is that record unchanged, and a row whose result is a deletion is
 * not returned.
 */
#include "pk_table_builder.h"

enum { I = 0, UB = 1, UA = 2, D = 3 };

typedef struct step {
    uint8_t kind;
    const char *values; /* the columns after the key */
    const char *expect; /* the row after this record, without the key; NULL: no row */
} step;

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define PU "\"merge-engine\" : \"partial-update\""
#define OPT(k, v) ", \"" k "\" : \"" v "\""

/* Builds the scenario's table and reads it (all columns, or `select`). */
static char *run_steps(const tb_column *cols, size_t ncols, const char *options, const step *steps,
                       size_t n, const char *select) {
    tb_xfile *files = calloc(n, sizeof *files);
    for (size_t i = 0; i < n; i++) {
        tb_xrow *rows = calloc(n - i, sizeof *rows);
        for (size_t k = i + 1; k <= n; k++) {
            char text[512];
            snprintf(text, sizeof text, "%zu,%s", 10 + k, steps[i].values);
            rows[k - i - 1] = (tb_xrow){steps[i].kind, (int64_t)i + 1, strdup(text)};
        }
        files[i] = (tb_xfile){rows, n - i, 0};
    }
    const char *dir = pm_test_tmpdir();
    char *got = tb_create_table(dir, cols, ncols, options, files, n) == 0
                    ? tb_read(dir, NULL, select, false)
                    : strdup("ERROR: could not build the table");
    tb_free_xfiles(files, n);
    return got;
}

/* The rows the steps expect, as tb_read renders them. */
static char *expected_rows(const step *steps, size_t n) {
    size_t len = 1;
    for (size_t k = 0; k < n; k++)
        len += steps[k].expect ? strlen(steps[k].expect) + 16 : 0;
    char *out = calloc(1, len);
    for (size_t k = 0; k < n; k++) {
        if (steps[k].expect == NULL)
            continue;
        size_t at = strlen(out);
        snprintf(out + at, len - at, "%s[%zu,%s]", at ? "\n" : "", 11 + k, steps[k].expect);
    }
    return out;
}

#define CHECK_TEXT(actual, expected)                                                               \
    do {                                                                                           \
        char *got_ = (actual);                                                                     \
        char *want_ = (expected);                                                                  \
        bool same_ = strcmp(got_, want_) == 0;                                                     \
        if (!same_)                                                                                \
            pm_test_fail(__FILE__, __LINE__, "scan gave\n%s\nexpected\n%s", got_, want_);          \
        free(got_);                                                                                \
        free(want_);                                                                               \
        if (!same_)                                                                                \
            return;                                                                                \
    } while (0)

#define CHECK_STEPS(cols, options, steps)                                                          \
    CHECK_TEXT(run_steps(cols, N(cols), options, steps, N(steps), NULL),                           \
               expected_rows(steps, N(steps)))

#define CHECK_SELECT(cols, options, steps, select, expected)                                       \
    CHECK_TEXT(run_steps(cols, N(cols), options, steps, N(steps), select), strdup(expected))

/* Whether `got` is an error whose message contains `needle` (and `needle2` unless NULL). */
static bool is_error_with(const char *got, const char *needle, const char *needle2) {
    return strncmp(got, "ERROR: ", 7) == 0 && strstr(got, needle) != NULL &&
           (needle2 == NULL || strstr(got, needle2) != NULL);
}

#define CHECK_ERROR(actual, needle, needle2)                                                       \
    do {                                                                                           \
        char *got_ = (actual);                                                                     \
        bool ok_ = is_error_with(got_, needle, needle2);                                           \
        if (!ok_)                                                                                  \
            pm_test_fail(__FILE__, __LINE__, "expected an error with '%s', got\n%s", needle,       \
                         got_);                                                                    \
        free(got_);                                                                                \
        if (!ok_)                                                                                  \
            return;                                                                                \
    } while (0)

/* Reading the scenario's table fails so. */
#define CHECK_FAILS(cols, options, steps, needle, needle2)                                         \
    CHECK_ERROR(run_steps(cols, N(cols), options, steps, N(steps), NULL), needle, needle2)

static const tb_column c4[] = {{"f0", "INT NOT NULL"}, {"f1", "INT"}, {"f2", "INT"}, {"f3", "INT"}};
static const tb_column c5[] = {
    {"f0", "INT NOT NULL"}, {"f1", "INT"}, {"f2", "INT"}, {"f3", "INT"}, {"f4", "INT"}};
static const tb_column c7[] = {{"f0", "INT NOT NULL"}, {"f1", "INT"}, {"f2", "INT"}, {"f3", "INT"},
                               {"f4", "INT"},          {"f5", "INT"}, {"f6", "INT"}};
static const tb_column c8[] = {{"f0", "INT NOT NULL"}, {"f1", "INT"}, {"f2", "INT"}, {"f3", "INT"},
                               {"f4", "INT"},          {"f5", "INT"}, {"f6", "INT"}, {"f7", "INT"}};
static const tb_column c9[] = {{"f0", "INT NOT NULL"}, {"f1", "INT"}, {"f2", "INT"},
                               {"f3", "INT"},          {"f4", "INT"}, {"f5", "INT"},
                               {"f6", "INT"},          {"f7", "INT"}, {"f8", "INT"}};

/* ---- PartialUpdateMergeFunctionTest ---- */

TEST(update_non_null) {
    static const step s[] = {
        {I, "1,1,1,1,1,1", "1,1,1,1,1,1"},
        {I, "2,2,2,2,2,null", "2,2,2,2,2,1"},
    };
    CHECK_STEPS(c7, PU, s);
}

#define GROUPS_F3_F6                                                                               \
    PU OPT("fields.f3.sequence-group", "f1,f2") OPT("fields.f6.sequence-group", "f4,f5")

TEST(sequence_group) {
    static const step s[] = {
        {I, "1,1,1,1,1,1", "1,1,1,1,1,1"},
        {I, "2,2,2,2,2,null", "2,2,2,1,1,1"}, /* null sequence: the group is left alone */
        {I, "3,3,1,3,3,3", "2,2,2,3,3,3"},    /* older in the first group, newer in the second */
        {D, "1,1,3,1,1,null", "null,null,3,3,3,3"}, /* retracts the first group */
        {D, "1,1,3,1,1,4", "null,null,3,null,null,4"},
        {I, "4,4,4,5,5,5", "4,4,4,5,5,5"},
        {D, "1,1,6,1,1,6", "null,null,6,null,null,6"},
    };
    CHECK_STEPS(c7, GROUPS_F3_F6, s);
}

TEST(sequence_group_with_string_values) {
    /* testSequenceGroupWithBlobField, with a STRING where Java has a BLOB. */
    static const tb_column cols[] = {
        {"f0", "INT NOT NULL"}, {"f1", "INT"}, {"f2", "STRING"}, {"f3", "INT"}};
    static const step s[] = {
        {I, "10,first,1", "10,\"first\",1"},
        {I, "20,second,null", "10,\"first\",1"}, /* null sequence: no overwrite */
        {I, "30,third,2", "30,\"third\",2"},
        {I, "40,second,2", "40,\"second\",2"}, /* an equal sequence overwrites */
        {I, "50,null,3", "50,null,3"},         /* the whole group, nulls included */
        {I, "60,first,2", "50,null,3"},        /* an older sequence does not */
    };
    CHECK_STEPS(cols, PU OPT("fields.f3.sequence-group", "f1,f2"), s);
}

TEST(sequence_group_partial_delete) {
    static const step s[] = {
        {I, "1,1,1,1,1,1", "1,1,1,1,1,1"},
        {I, "2,2,2,2,2,null", "2,2,2,1,1,1"},
        {I, "3,3,1,3,3,3", "2,2,2,3,3,3"},
        {D, "1,1,3,1,1,null", "null,null,3,3,3,3"}, /* f6's group skips the record */
        {D, "1,1,3,1,1,4", NULL},                   /* a -D of f6's group removes the row */
        {I, "4,4,4,5,5,5", "4,4,4,5,5,5"},
        {D, "1,1,6,1,1,6", NULL},
    };
    CHECK_STEPS(c7, GROUPS_F3_F6 OPT("partial-update.remove-record-on-sequence-group", "f6"), s);
}

TEST(sequence_group_partial_delete_keeps_the_delete_values) {
    /* After a row is removed, the state is the -D record's values (Java's initRow): a later
     * insert fills only its group. */
    static const step s[] = {
        {I, "1,1,1,1,1,1", "1,1,1,1,1,1"},
        {D, "7,7,1,8,8,2", NULL},
        {I, "null,null,null,9,9,3", "7,7,1,9,9,3"},
    };
    CHECK_STEPS(c7, GROUPS_F3_F6 OPT("partial-update.remove-record-on-sequence-group", "f6"), s);
}

TEST(sequence_group_partial_delete_with_projection) {
    /* testSequenceGroupPartialDeleteWithProjection: the columns read in another order. */
    static const step s[] = {
        {I, "200,1,11,12,21,22", NULL},
        {D, "200,1,11,12,21,22", NULL},
    };
    CHECK_SELECT(c7, GROUPS_F3_F6 OPT("partial-update.remove-record-on-sequence-group", "f3,f6"), s,
                 "f3,f6,f0,f1,f2,f4,f5", "[11,22,11,200,1,12,21]");
}

#define MULTI_GROUPS                                                                               \
    PU OPT("fields.f3,f4.sequence-group", "f1,f2") OPT("fields.f7,f8.sequence-group", "f5,f6")

TEST(multiple_sequence_fields_null_sequence) {
    static const step s[] = {
        {I, "null,null,null,null,1,1,1,3", "null,null,null,null,1,1,1,3"},
        {I, "2,2,null,null,2,2,1,3", "null,null,null,null,2,2,1,3"},
    };
    CHECK_STEPS(c9, MULTI_GROUPS, s);
}

TEST(multiple_sequence_fields) {
    static const step s[] = {
        {I, "1,1,1,1,1,1,1,3", "1,1,1,1,1,1,1,3"},
        {I, "2,2,2,2,2,1,1,null", "2,2,2,2,1,1,1,3"}, /* (1,null) is older than (1,3) */
        {I, "1,3,1,3,3,3,3,2", "2,2,2,2,3,3,3,2"},
        {D, "1,1,3,3,1,1,null,null", "null,null,3,3,3,3,3,2"},
        {D, "1,1,3,1,1,1,4,4", "null,null,3,3,null,null,4,4"},
        {I, "4,4,4,4,5,5,5,5", "4,4,4,4,5,5,5,5"},
        {D, "1,1,6,1,1,1,6,1", "null,null,6,1,null,null,6,1"},
    };
    CHECK_STEPS(c9, MULTI_GROUPS, s);
}

TEST(sequence_group_default_aggregate_function) {
    static const step s[] = {
        {I, "1,1,1,1,1,1", "1,1,1,1,1,1"},
        {I, "2,2,2,2,2,null", "2,2,2,1,1,1"},
        {I, "3,3,1,3,3,3", "2,2,2,3,3,3"},
        {I, "4,null,4,5,null,5", "4,2,4,5,3,5"},
    };
    CHECK_STEPS(c7, GROUPS_F3_F6 OPT("fields.default-aggregate-function", "last_non_null_value"),
                s);
}

TEST(multiple_sequence_fields_default_aggregate_function) {
    static const step s[] = {
        {I, "1,1,1,1,1,1,1,1", "1,1,1,1,1,1,1,1"},
        {I, "2,2,2,2,2,2,null,null", "2,2,2,2,1,1,1,1"},
        {I, "3,3,1,1,3,3,3,3", "2,2,2,2,3,3,3,3"},
        {I, "4,null,4,4,5,null,5,5", "4,2,4,4,5,3,5,5"},
    };
    CHECK_STEPS(c9, MULTI_GROUPS OPT("fields.default-aggregate-function", "last_non_null_value"),
                s);
}

#define PROJECTION_GROUPS                                                                          \
    PU OPT("fields.f4.sequence-group", "f1,f3") OPT("fields.f5.sequence-group", "f7")

TEST(projection_reads_the_sequence_fields) {
    /* testAdjustProjectionSequenceFieldsProject: reading f1,f4,f3,f7 also reads f5, f7's
     * sequence field; a null f4 leaves f1 and f3 alone. */
    static const step s[] = {
        {I, "1,9,1,1,1,9,1", NULL},
        {I, "1,9,1,null,2,9,2", NULL},
    };
    CHECK_SELECT(c8, PROJECTION_GROUPS, s, "f1,f4,f3,f7", "[1,1,1,1]\n[1,1,1,2]");
}

TEST(projection_reads_multiple_sequence_fields) {
    /* testMultiSequenceFieldsAdjustProjectionProject */
    static const step s[] = {
        {I, "1,1,1,1,1,1,1", NULL},
        {I, "null,2,3,1,2,2,2", NULL},
    };
    CHECK_SELECT(
        c8, PU OPT("fields.f2,f4.sequence-group", "f1,f3") OPT("fields.f5,f6.sequence-group", "f7"),
        s, "f1,f4,f3,f7", "[1,1,1,1]\n[null,1,3,2]");
}

TEST(projection_all_fields) {
    /* testAdjustProjectionAllFieldsProject: f6 is in no group, a null does not overwrite it. */
    static const step s[] = {
        {I, "1,1,1,1,1,1,1", "1,1,1,1,1,1,1"},
        {I, "2,4,2,2,0,null,3", "2,4,2,2,1,1,1"},
    };
    CHECK_STEPS(c8, PROJECTION_GROUPS, s);
}

TEST(first_value_in_a_group) {
    static const step s[] = {
        {I, "1,1,1", "1,1,1"},
        {I, "2,2,2", "2,1,2"},
        {I, "0,3,3", "2,3,2"}, /* older: first_value takes it, last_value keeps its value */
    };
    CHECK_STEPS(c4,
                PU OPT("fields.f1.sequence-group", "f2,f3")
                    OPT("fields.f2.aggregate-function", "first_value")
                        OPT("fields.f3.aggregate-function", "last_value"),
                s);
}

TEST(first_value_with_multiple_sequence_fields) {
    static const step s[] = {
        {I, "1,1,1,1", "1,1,1,1"},
        {I, "2,2,2,2", "2,2,1,2"},
        {I, "0,1,3,3", "2,2,3,2"},
    };
    CHECK_STEPS(c5,
                PU OPT("fields.f1,f2.sequence-group", "f3,f4")
                    OPT("fields.f3.aggregate-function", "first_value")
                        OPT("fields.f4.aggregate-function", "last_value"),
                s);
}

TEST(aggregation_in_groups) {
    /* testPartialUpdateWithAggregation. f0 (the primary key) names listagg, which Java ignores
     * for keys; f2 sums, f4 last_value and f6 last_non_null_value ignore retractions. */
    static const step s[] = {
        {I, "1,1,1,1,1,1,1", "1,1,1,1,1,1,1"},
        {I, "2,1,2,2,2,2,0", "2,2,2,2,2,1,1"},
        {I, "1,1,1,1,1,2,0", "2,3,2,2,1,1,1"}, /* both groups older: reversed sum */
        {I, "1,-1,1,1,2,2,0", "2,2,2,2,2,1,1"},
        {I, "3,null,null,null,null,null,2", "3,2,null,null,2,1,2"},
        {I, "3,1,1,1,1,1,3", "3,3,1,1,1,1,3"},
        {UB, "3,2,1,1,1,1,3", "3,1,null,1,1,1,3"},
        {D, "3,2,1,1,1,1,3", "3,-1,null,1,1,1,3"},
        {D, "2,2,1,1,1,1,3", "3,-3,null,1,1,1,3"}, /* older: the sum is still retracted */
    };
    CHECK_STEPS(c8,
                PU OPT("fields.f1.sequence-group", "f2,f3,f4") OPT("fields.f7.sequence-group", "f6")
                    OPT("fields.f0.aggregate-function", "listagg")
                        OPT("fields.f2.aggregate-function", "sum")
                            OPT("fields.f4.aggregate-function", "last_value")
                                OPT("fields.f6.aggregate-function", "last_non_null_value")
                                    OPT("fields.f4.ignore-retract", "true")
                                        OPT("fields.f6.ignore-retract", "true"),
                s);
}

TEST(aggregation_in_groups_with_multiple_sequence_fields) {
    /* testMultiSequenceFieldsPartialUpdateWithAggregation. The first key has a single record,
     * returned as it is (Java's reader does not merge it). */
    static const step s[] = {
        {I, "null,null,1,1,1,1,1,1", "null,null,1,1,1,1,1,1"},
        {D, "null,null,1,1,1,0,1,1", "null,null,null,null,null,1,1,1"},
        {I, "1,1,1,1,1,1,1,1", "1,1,1,1,1,1,1,1"},
        {I, "1,2,1,2,2,null,2,0", "1,2,2,1,2,1,2,0"},
        {I, "1,1,1,3,1,1,2,0", "1,2,3,3,2,1,2,0"},
        {I, "1,3,null,null,null,null,4,2", "1,3,3,3,null,1,4,2"},
        {I, "2,3,1,1,1,1,4,3", "2,3,4,3,1,1,4,3"},
        {UB, "2,3,2,1,2,1,4,3", "2,3,2,3,null,1,4,3"},
        {D, "3,2,3,1,1,4,3,null", "3,2,-1,3,null,1,4,3"},
        {D, "2,2,2,1,1,1,1,3", "3,2,-3,3,null,1,4,3"},
    };
    CHECK_STEPS(c9,
                PU OPT("fields.f1,f2.sequence-group", "f3,f4,f5")
                    OPT("fields.f7,f8.sequence-group", "f6")
                        OPT("fields.f0.aggregate-function", "listagg")
                            OPT("fields.f3.aggregate-function", "sum")
                                OPT("fields.f4.aggregate-function", "first_value")
                                    OPT("fields.f5.aggregate-function", "last_value")
                                        OPT("fields.f6.aggregate-function", "last_non_null_value")
                                            OPT("fields.f4.ignore-retract", "true")
                                                OPT("fields.f6.ignore-retract", "true"),
                s);
}

TEST(aggregation_in_groups_projected) {
    /* testPartialUpdateWithAggregationProjectPushDown: f3, f2, f5 read (f1 added). */
    static const step s[] = {
        {I, "1,1,1,9,1,9,9", NULL},          {I, "2,1,2,9,2,9,9", NULL},
        {I, "3,null,null,9,null,9,9", NULL}, {UB, "3,2,1,9,1,9,9", NULL},
        {D, "3,2,1,9,1,9,9", NULL},
    };
    CHECK_SELECT(
        c8,
        PU OPT("fields.f1.sequence-group", "f2,f3,f4") OPT("fields.f7.sequence-group", "f6") OPT(
            "fields.f2.aggregate-function", "sum") OPT("fields.f4.aggregate-function", "last_value")
            OPT("fields.f6.aggregate-function", "last_non_null_value")
                OPT("fields.f4.ignore-retract", "true") OPT("fields.f6.ignore-retract", "true"),
        s, "f3,f2,f5", "[1,1,1]\n[2,2,2]\n[null,-2,2]\n[null,0,2]\n[null,2,2]");
}

TEST(aggregate_function_needs_a_group) {
    static const tb_column cols[] = {
        {"pk", "INT NOT NULL"}, {"f0", "STRING"}, {"g0", "INT"}, {"f1", "STRING"}, {"g1", "INT"}};
    static const step s[] = {{I, "a,1,b,1", NULL}, {I, "c,2,d,2", NULL}};
    CHECK_FAILS(cols,
                PU OPT("fields.f0.aggregate-function", "listagg")
                    OPT("fields.f1.aggregate-function", "listagg"),
                s, "must use sequence group for aggregation functions but not found for field f0",
                "fields.f0.aggregate-function");
    CHECK_FAILS(cols,
                PU OPT("fields.f0.aggregate-function", "listagg")
                    OPT("fields.f1.aggregate-function", "listagg")
                        OPT("fields.g0.sequence-group", "f0"),
                s, "not found for field f1", NULL);
    CHECK_FAILS(cols,
                PU OPT("fields.g0.sequence-group", "f0")
                    OPT("fields.default-aggregate-function", "max"),
                s, "not found for field f1", "fields.default-aggregate-function");
    /* last_non_null_value needs no group; with both groups listagg works */
    CHECK_TEXT(run_steps(cols, N(cols),
                         PU OPT("fields.f0.aggregate-function", "listagg")
                             OPT("fields.f1.aggregate-function", "last_non_null_value")
                                 OPT("fields.g0.sequence-group", "f0"),
                         s, N(s), NULL),
               strdup("[11,\"a\",1,\"b\",1]\n[12,\"a,c\",2,\"d\",2]"));
}

TEST(primary_key_cannot_be_in_a_group) {
    static const step s[] = {{I, "1,1,1", NULL}, {I, "2,2,2", NULL}};
    CHECK_FAILS(c4, PU OPT("fields.f0.sequence-group", "f1,f2"), s,
                "'fields.f0.sequence-group' contains primary key field 'f0'", NULL);
    CHECK_FAILS(c4, PU OPT("fields.f1,f0.sequence-group", "f2"), s,
                "'fields.f1,f0.sequence-group' contains primary key field 'f0'", NULL);
    CHECK_FAILS(c4, PU OPT("fields.f3.sequence-group", "f1,f0"), s,
                "'fields.f3.sequence-group' contains primary key field 'f0'", NULL);
}

TEST(unknown_fields_in_groups) {
    static const step s[] = {{I, "1,1,1,1,1,1", NULL}, {I, "2,2,2,2,2,2", NULL}};
    CHECK_FAILS(
        c7, PU OPT("fields.f3.sequence-group", "f1,f2,f7") OPT("fields.f6.sequence-group", "f4,f5"),
        s, "field 'f7' can not be found in table schema", "fields.f3.sequence-group");
    CHECK_FAILS(
        c7, PU OPT("fields.f2,f3.sequence-group", "f1,f7") OPT("fields.f5,f6.sequence-group", "f4"),
        s, "field 'f7' can not be found in table schema", NULL);
    CHECK_FAILS(c7, PU OPT("fields.f9.sequence-group", "f1"), s,
                "field 'f9' can not be found in table schema", "fields.f9.sequence-group");
    /* Java does not trim the names */
    CHECK_FAILS(c7, PU OPT("fields.f3.sequence-group", "f1, f2"), s, "field ' f2' can not be found",
                NULL);
    CHECK_FAILS(c7, PU OPT("fields.f3.xsequence-group", "f1"), s,
                "invalid sequence-group option: fields.f3.xsequence-group", NULL);
}

TEST(sequence_field_types) {
    static const tb_column blob[] = {{"k", "INT NOT NULL"}, {"a", "INT"}, {"b", "BLOB"}};
    static const step s[] = {{I, "1,null", NULL}, {I, "2,null", NULL}};
    CHECK_FAILS(blob, PU OPT("fields.b.sequence-group", "a"), s,
                "cannot be used as a sequence-group ordering field", "fields.b.sequence-group");
    /* a BLOB member is fine */
    static const step members[] = {{I, "1,null", "1,null"}, {I, "2,null", "2,null"}};
    CHECK_STEPS(blob, PU OPT("fields.a.sequence-group", "b"), members);
    static const tb_column nested[] = {{"k", "INT NOT NULL"}, {"a", "INT"}, {"r", "ARRAY<INT>"}};
    CHECK_FAILS(nested, PU OPT("fields.r.sequence-group", "a"), s, "nested column 'r'", NULL);
}

TEST(a_column_in_two_groups) {
    static const step s[] = {{I, "1,1,1,1,1,1", NULL}, {I, "2,2,2,2,2,2", NULL}};
    CHECK_FAILS(
        c7, PU OPT("fields.f3.sequence-group", "f1,f2") OPT("fields.f4.sequence-group", "f1,f2"), s,
        "is defined repeatedly by multiple groups", NULL);
    CHECK_FAILS(c7,
                PU OPT("fields.f3,f4.sequence-group", "f1,f2")
                    OPT("fields.f5,f6.sequence-group", "f1,f2"),
                s, "is defined repeatedly by multiple groups", NULL);
    CHECK_FAILS(c7, PU OPT("fields.f3.sequence-group", "f1,f2,f1"), s,
                "is defined repeatedly by multiple groups", NULL);
    /* a sequence field of one group in another: Java's outcome depends on hash order */
    CHECK_FAILS(c7, PU OPT("fields.f3.sequence-group", "f1") OPT("fields.f4.sequence-group", "f3"),
                s, "column 'f3'", "fields.f4.sequence-group");
}

TEST(a_group_may_list_its_own_sequence_field) {
    static const step s[] = {
        {I, "1,1,1", "1,1,1"},
        {I, "2,2,0", "1,1,1"},
        {I, "3,null,5", "3,null,5"},
    };
    CHECK_STEPS(c4, PU OPT("fields.f3.sequence-group", "f1,f2,f3"), s);
}

/* ---- PrimaryKeySimpleTableTest ---- */

static const tb_column seq_cols[] = {{"a", "INT NOT NULL"}, {"b", "INT"}, {"seq1", "INT"},
                                     {"c", "INT"},          {"d", "INT"}, {"seq2", "INT"}};
#define SEQ_GROUPS                                                                                 \
    PU OPT("fields.seq1.sequence-group", "b") OPT("fields.seq2.sequence-group", "c,d")

TEST(remove_record_on_sequence_group) {
    /* testPartialUpdateRemoveRecordOnSequenceGroup, one file per commit (the first commit's
     * three inserts merged by the writer). */
    static const step s[] = {
        {I, "11,2,29,29,2", "11,2,29,29,2"},
        {UB, "11,2,29,29,2", "null,2,null,null,2"},
        {UA, "11,2,30,30,3", "11,2,30,30,3"},
        {D, "12,3,30,30,2", "null,3,30,30,3"},
        {D, "12,2,30,31,5", NULL},
        {I, "11,2,30,31,6", "11,2,30,31,6"},
    };
    CHECK_STEPS(seq_cols, SEQ_GROUPS OPT("partial-update.remove-record-on-sequence-group", "seq2"),
                s);
}

TEST(remove_record_on_sequence_group_needs_a_sequence_field) {
    static const step s[] = {{I, "1,1,1,1,1", NULL}, {I, "1,1,1,1,1", NULL}};
    CHECK_FAILS(seq_cols, SEQ_GROUPS OPT("partial-update.remove-record-on-sequence-group", "b"), s,
                "field 'b' defined in 'partial-update.remove-record-on-sequence-group' option "
                "must be part of sequence groups",
                NULL);
    CHECK_FAILS(seq_cols, PU OPT("partial-update.remove-record-on-sequence-group", "seq1"), s,
                "must be part of sequence groups", NULL);
}

TEST(remove_record_on_sequence_group_of_a_group_not_read) {
    /* As in Java, only groups with a read column take part: reading b alone leaves seq2's
     * group out, so its -D does not remove the row. */
    static const step s[] = {
        {I, "1,1,1,1,1", NULL},
        {D, "1,0,1,1,2", NULL},
    };
    const char *options = SEQ_GROUPS OPT("partial-update.remove-record-on-sequence-group", "seq2");
    CHECK_SELECT(seq_cols, options, s, NULL, "[11,1,1,1,1,1]");
    CHECK_SELECT(seq_cols, options, s, "a,b", "[11,1]\n[12,1]");
    CHECK_SELECT(seq_cols, options, s, "a,c", "[11,1]");
}

TEST(aggregate_function_in_a_group) {
    /* testPartialUpdateWithAgg: b orders c, which sums. */
    static const tb_column cols[] = {{"a", "INT NOT NULL"}, {"b", "INT"}, {"c", "INT"}};
    static const step s[] = {
        {I, "3,6", "3,6"},
        {UB, "3,2", "3,4"},
        {UA, "3,3", "3,7"},
        {D, "3,3", "3,4"},
    };
    CHECK_STEPS(
        cols, PU OPT("fields.b.sequence-group", "c") OPT("fields.c.aggregate-function", "sum"), s);
}

static const tb_column abc[] = {{"a", "INT NOT NULL"}, {"b", "INT"}, {"c", "INT"}};

TEST(remove_record_on_delete) {
    /* testPartialUpdateRemoveRecordOnDelete: -U is ignored, -D removes the row. */
    static const step s[] = {
        {I, "2,2", "2,2"}, {UB, "2,2", "2,2"}, {UA, "2,3", "2,3"},
        {D, "2,3", NULL},  {I, "2,2", "2,2"},
    };
    CHECK_STEPS(abc, PU OPT("partial-update.remove-record-on-delete", "true"), s);
}

TEST(remove_record_on_delete_keeps_the_delete_values) {
    /* The state after a -D is its values (testInitRowWithNullableFieldOnDelete); a later -U
     * does not delete, so the row is back with them. */
    static const tb_column cols[] = {
        {"f0", "INT NOT NULL"}, {"f1", "INT NOT NULL"}, {"f2", "INT"}, {"f3", "INT"}};
    static const step s[] = {
        {I, "3,5,7", "3,5,7"}, {D, "2,2,null", NULL},     {I, "4,null,null", "4,2,null"},
        {D, "6,null,8", NULL}, {UB, "1,1,1", "6,null,8"},
    };
    CHECK_STEPS(cols, PU OPT("partial-update.remove-record-on-delete", "true"), s);
}

/* ---- options Java refuses together ---- */

TEST(conflicting_delete_options) {
    static const step s[] = {{I, "1,1", NULL}, {I, "2,2", NULL}};
    CHECK_FAILS(
        abc, PU OPT("ignore-delete", "true") OPT("partial-update.remove-record-on-delete", "true"),
        s, "ignore-delete and partial-update.remove-record-on-delete", NULL);
    CHECK_FAILS(abc,
                PU OPT("fields.b.sequence-group", "c") OPT("ignore-delete", "true")
                    OPT("partial-update.remove-record-on-sequence-group", "b"),
                s, "ignore-delete and partial-update.remove-record-on-sequence-group", NULL);
    CHECK_FAILS(abc,
                PU OPT("fields.b.sequence-group", "c")
                    OPT("partial-update.remove-record-on-delete", "true"),
                s, "partial-update.remove-record-on-delete", "fields.b.sequence-group");
    CHECK_FAILS(abc,
                PU OPT("fields.b.sequence-group", "c") OPT("fields.c.aggregate-function", "sum")
                    OPT("fields.c.ignore-retract", "true")
                        OPT("aggregation.remove-record-on-delete", "true"),
                s, "fields.c.ignore-retract", "aggregation.remove-record-on-delete");
}

/* ---- deletes, ignore-delete and the single-record rule ---- */

TEST(deletes_are_refused_without_options) {
    static const step s[] = {{I, "1,1", "1,1"}, {D, "1,1", NULL}};
    CHECK_FAILS(abc, PU, s, "can not accept delete records",
                "partial-update.remove-record-on-delete");
}

TEST(a_single_record_is_returned_unmerged) {
    /* Java's reader merges only keys with several records: a lone -D is dropped without the
     * error above, a lone insert keeps a null in a NOT NULL column. */
    static const tb_column cols[] = {{"a", "INT NOT NULL"}, {"b", "INT NOT NULL"}, {"c", "INT"}};
    static const step deletes[] = {{D, "1,1", NULL}};
    CHECK_STEPS(abc, PU, deletes);
    static const step nulls[] = {{I, "null,1", "null,1"}};
    CHECK_STEPS(cols, PU, nulls);
}

TEST(not_null_columns) {
    static const tb_column cols[] = {{"a", "INT NOT NULL"}, {"b", "INT NOT NULL"}, {"c", "INT"}};
    static const step insert[] = {{I, "1,1", NULL}, {I, "null,2", NULL}};
    CHECK_FAILS(cols, PU, insert, "column 'b' is NOT NULL", NULL);
    static const step remove[] = {{I, "1,1", NULL}, {D, "null,2", NULL}};
    CHECK_FAILS(cols, PU OPT("partial-update.remove-record-on-delete", "true"), remove,
                "column 'b' is NOT NULL", NULL);
    /* with sequence groups Java does not check inserts: the group takes the null */
    static const step grouped[] = {{I, "1,1", "1,1"}, {I, "null,2", "null,2"}};
    CHECK_STEPS(cols, PU OPT("fields.c.sequence-group", "b"), grouped);
}

TEST(ignore_delete) {
    /* Retractions are skipped, but a first one fills the row (Java's initRow): its values stay
     * where later inserts hold nulls. Only retractions: no row. */
    static const step s[] = {
        {D, "5,6", NULL},
        {I, "null,7", "5,7"},
        {UB, "8,8", "5,7"},
    };
    CHECK_STEPS(abc, PU OPT("ignore-delete", "true"), s);
    static const step retractions[] = {{D, "5,6", NULL}, {UB, "1,1", NULL}};
    CHECK_STEPS(abc, PU OPT("partial-update.ignore-delete", "true"), retractions);
    /* the current key wins over the legacy one */
    CHECK_FAILS(abc, PU OPT("ignore-delete", "false") OPT("partial-update.ignore-delete", "true"),
                retractions, "can not accept delete records", NULL);
}

TEST(ignore_delete_with_sequence_groups) {
    static const step s[] = {
        {I, "1,1", "1,1"},
        {D, "5,5", "1,1"},
        {I, "2,2", "2,2"},
    };
    CHECK_STEPS(abc, PU OPT("fields.c.sequence-group", "b") OPT("ignore-delete", "true"), s);
}

TEST(retraction_first_with_groups) {
    /* A first -D fills the state, then retracts its own group (same sequence): sum's
     * accumulator, filled with 5, retracts 5. */
    static const step s[] = {
        {D, "5,1", NULL},
        {I, "2,1", "2,1"},
        {I, "3,0", "5,1"},
    };
    CHECK_STEPS(
        abc, PU OPT("fields.c.sequence-group", "b") OPT("fields.b.aggregate-function", "sum"), s);
}

TEST(retraction_of_a_function_without_one) {
    static const step s[] = {{I, "4,1", "4,1"}, {UB, "4,1", NULL}};
    CHECK_FAILS(abc,
                PU OPT("fields.c.sequence-group", "b") OPT("fields.b.aggregate-function", "max"), s,
                "'max'", "fields.b.ignore-retract");
}

TEST(unknown_aggregate_function_in_a_group) {
    static const step s[] = {{I, "4,1", NULL}, {I, "5,2", NULL}};
    CHECK_FAILS(abc,
                PU OPT("fields.c.sequence-group", "b") OPT("fields.b.aggregate-function", "median"),
                s, "median", NULL);
}

TEST(sequence_field_with_groups) {
    /* sequence.field orders the records first (s), then the group compares g. */
    static const tb_column cols[] = {
        {"k", "INT NOT NULL"}, {"a", "INT"}, {"g", "INT"}, {"s", "INT"}};
    static const step s[] = {
        {I, "1,5,20", "1,5,20"},
        {I, "2,7,10", "2,7,20"}, /* ordered first by s: then the older record by g */
    };
    CHECK_STEPS(cols, PU OPT("fields.g.sequence-group", "a") OPT("sequence.field", "s"), s);
    static const step unordered[] = {
        {I, "1,5,20", "1,5,20"},
        {I, "2,7,10", "2,7,10"},
    };
    CHECK_STEPS(cols, PU OPT("fields.g.sequence-group", "a"), unordered);
}

TEST(string_sequence_fields) {
    static const tb_column cols[] = {{"k", "INT NOT NULL"}, {"a", "INT"}, {"g", "STRING"}};
    static const step s[] = {
        {I, "1,b", "1,\"b\""},
        {I, "2,a", "1,\"b\""},
        {I, "3,ba", "3,\"ba\""},
        {I, "4,null", "3,\"ba\""},
    };
    CHECK_STEPS(cols, PU OPT("fields.g.sequence-group", "a"), s);
}

/* ---- aggregation tables ---- */

TEST(aggregation_ignores_sequence_groups) {
    /* Java's aggregation engine does not look at sequence-group options. */
    static const step s[] = {
        {I, "5,x", "5,\"x\""},
        {I, "3,y", "8,\"y\""},
    };
    static const tb_column cols[] = {{"k", "INT NOT NULL"}, {"n", "INT"}, {"v", "STRING"}};
    CHECK_STEPS(cols,
                "\"merge-engine\" : \"aggregation\"" OPT("fields.n.aggregate-function", "sum")
                    OPT("fields.n.sequence-group", "v"),
                s);
}

TEST(aggregation_remove_record_on_delete_keeps_the_delete_values) {
    /* testAggregationRemoveRecordOnDelete, and with sum: after a -D the row is its values. */
    static const step s[] = {
        {I, "2,2", "2,2"}, {UB, "2,2", "null,null"}, {UA, "2,3", "2,3"},
        {D, "2,3", NULL},  {I, "2,2", "2,2"},
    };
    CHECK_STEPS(
        abc,
        "\"merge-engine\" : \"aggregation\"" OPT("aggregation.remove-record-on-delete", "true"), s);
    static const step sums[] = {{I, "5,1", "5,1"}, {D, "5,1", NULL}, {I, "3,1", "8,2"}};
    CHECK_STEPS(
        abc,
        "\"merge-engine\" : \"aggregation\"" OPT("aggregation.remove-record-on-delete", "true")
            OPT("fields.default-aggregate-function", "sum"),
        sums);
}

TEST(aggregation_sequence_field_takes_the_last_value) {
    static const step s[] = {{I, "1,a", "1,\"a\""}, {I, "2,b", "2,\"b\""}};
    static const tb_column cols[] = {{"k", "INT NOT NULL"}, {"n", "INT"}, {"v", "STRING"}};
    CHECK_STEPS(cols,
                "\"merge-engine\" : \"aggregation\"" OPT("sequence.field", "n")
                    OPT("fields.default-aggregate-function", "sum")
                        OPT("fields.v.aggregate-function", "max"),
                s);
}

TEST(aggregation_single_records_are_returned_unmerged) {
    /* A lone -U is dropped, not retracted from nothing. */
    static const step s[] = {{UB, "4,1", NULL}};
    CHECK_STEPS(
        abc, "\"merge-engine\" : \"aggregation\"" OPT("fields.default-aggregate-function", "sum"),
        s);
}
