/* Scalar aggregate functions against Java Paimon's results (FieldAggregatorTest and the
 * semantics of Field*Agg.java): sums, products, extremes, value functions, booleans, listagg,
 * refusals. */
#include "agg_test_util.h"

#define E(code) NULL, code

static const agg_case sum_cases[] = {
    {"sum", "INT", {"+1", "+null", "+2", "-4", NULL}, "-1", 0, {{0}}},
    {"sum", "INT", {"+null", NULL}, "null", 0, {{0}}},
    {"sum", "INT", {"-5", NULL}, "-5", 0, {{0}}},
    {"sum", "INT", {"-null", "+3", NULL}, "3", 0, {{0}}},
    {"sum", "INT", {"+2147483647", "+1", NULL}, E(PAIMON_ELIMIT), {{0}}},
    {"sum", "INT", {"-2147483648", NULL}, E(PAIMON_ELIMIT), {{0}}},
    {"sum", "INT", {"+-2147483648", "-1", NULL}, E(PAIMON_ELIMIT), {{0}}},
    {"sum", "TINYINT", {"+100", "+27", NULL}, "127", 0, {{0}}},
    {"sum", "TINYINT", {"+100", "+27", "+1", NULL}, E(PAIMON_ELIMIT), {{0}}},
    {"sum", "TINYINT", {"--128", NULL}, E(PAIMON_ELIMIT), {{0}}},
    {"sum", "SMALLINT", {"+32000", "+767", NULL}, "32767", 0, {{0}}},
    {"sum", "SMALLINT", {"+-32768", "-1", NULL}, E(PAIMON_ELIMIT), {{0}}},
    {"sum", "BIGINT", {"+9223372036854775807", "-1", "+1", NULL}, "9223372036854775807", 0, {{0}}},
    {"sum", "BIGINT", {"+9223372036854775807", "+1", NULL}, E(PAIMON_ELIMIT), {{0}}},
    {"sum", "BIGINT", {"--9223372036854775808", NULL}, E(PAIMON_ELIMIT), {{0}}},
    {"sum", "FLOAT", {"+0.1", "+0.2", NULL}, "0.300000012", 0, {{0}}},
    {"sum", "FLOAT", {"-1.5", NULL}, "-1.5", 0, {{0}}},
    {"sum", "DOUBLE", {"+0.1", "+0.2", NULL}, "0.30000000000000004", 0, {{0}}},
    {"sum", "DOUBLE", {"+1e308", "+1e308", NULL}, "inf", 0, {{0}}},
    {"sum", "DECIMAL(10, 2)", {"+1.25", "+2.50", "-0.05", NULL}, "3.70", 0, {{0}}},
    /* compact decimals keep sums beyond the precision while they fit a long (DecimalUtils.add) */
    {"sum", "DECIMAL(5, 2)", {"+999.99", "+1.00", NULL}, "1000.99", 0, {{0}}},
    {"sum", "DECIMAL(5, 2)", {"-999.99", NULL}, "-999.99", 0, {{0}}},
    /* a long overflow becomes null, and the next input starts over */
    {"sum",
     "DECIMAL(18, 0)",
     {"+999999999999999999", "+999999999999999999", "+999999999999999999", "+999999999999999999",
      "+999999999999999999", "+999999999999999999", "+999999999999999999", "+999999999999999999",
      "+999999999999999999", NULL},
     "8999999999999999991",
     0,
     {{0}}},
    {"sum",
     "DECIMAL(18, 0)",
     {"+999999999999999999", "+999999999999999999", "+999999999999999999", "+999999999999999999",
      "+999999999999999999", "+999999999999999999", "+999999999999999999", "+999999999999999999",
      "+999999999999999999", "+999999999999999999", NULL},
     "null",
     0,
     {{0}}},
    {"sum",
     "DECIMAL(18, 0)",
     {"+999999999999999999", "+999999999999999999", "+999999999999999999", "+999999999999999999",
      "+999999999999999999", "+999999999999999999", "+999999999999999999", "+999999999999999999",
      "+999999999999999999", "+999999999999999999", "+7", NULL},
     "7",
     0,
     {{0}}},
    /* non-compact decimals become null past the precision */
    {"sum", "DECIMAL(20, 2)", {"+999999999999999999.99", "+0.01", NULL}, "null", 0, {{0}}},
    {"sum", "DECIMAL(20, 2)", {"+999999999999999999.98", "+0.01", NULL}, "999999999999999999.99", 0,
     {{0}}},
    {"sum", "DECIMAL(38, 0)", {"+99999999999999999999999999999999999999", "-1", NULL},
     "99999999999999999999999999999999999998", 0, {{0}}},
    {"sum", "DECIMAL(38, 0)", {"+99999999999999999999999999999999999999", "+1", NULL}, "null", 0,
     {{0}}},
};

TEST(sum) { RUN_CASES(sum_cases); }

static const agg_case product_cases[] = {
    {"product", "INT", {"+3", "+null", "+-4", NULL}, "-12", 0, {{0}}},
    {"product", "INT", {"+12", "-4", NULL}, "3", 0, {{0}}},
    {"product", "INT", {"+7", "-2", NULL}, "3", 0, {{0}}},
    {"product", "INT", {"+-7", "-2", NULL}, "-3", 0, {{0}}},
    {"product", "INT", {"-5", NULL}, "null", 0, {{0}}},
    {"product", "INT", {"+5", "-null", NULL}, "5", 0, {{0}}},
    {"product", "INT", {"+5", "-0", NULL}, E(PAIMON_EINVAL), {{0}}},
    {"product", "INT", {"+65536", "+32768", NULL}, E(PAIMON_ELIMIT), {{0}}},
    {"product", "INT", {"+-2147483648", "--1", NULL}, E(PAIMON_ELIMIT), {{0}}},
    {"product", "TINYINT", {"+16", "+8", NULL}, E(PAIMON_ELIMIT), {{0}}},
    {"product", "TINYINT", {"+-128", "--1", NULL}, E(PAIMON_ELIMIT), {{0}}},
    {"product", "TINYINT", {"+-16", "+8", NULL}, "-128", 0, {{0}}},
    {"product", "SMALLINT", {"+256", "+128", NULL}, E(PAIMON_ELIMIT), {{0}}},
    {"product", "BIGINT", {"+4294967296", "+4294967296", NULL}, E(PAIMON_ELIMIT), {{0}}},
    {"product", "BIGINT", {"+-9223372036854775808", "--1", NULL}, E(PAIMON_ELIMIT), {{0}}},
    {"product", "BIGINT", {"+3037000499", "+3037000499", NULL}, "9223372030926249001", 0, {{0}}},
    {"product", "FLOAT", {"+1.1", "+1.1", NULL}, "1.21000004", 0, {{0}}},
    {"product", "FLOAT", {"+3", "-0", NULL}, "inf", 0, {{0}}},
    {"product", "DOUBLE", {"+1.1", "+1.1", NULL}, "1.2100000000000002", 0, {{0}}},
    /* BigDecimal.multiply, then setScale(2, HALF_UP) */
    {"product", "DECIMAL(10, 2)", {"+1.50", "+2.25", NULL}, "3.38", 0, {{0}}},
    {"product", "DECIMAL(10, 2)", {"+-1.50", "+2.25", NULL}, "-3.38", 0, {{0}}},
    {"product", "DECIMAL(10, 2)", {"+1.25", "+0.50", NULL}, "0.63", 0, {{0}}},
    {"product", "DECIMAL(10, 2)", {"+1.25", "+-0.50", NULL}, "-0.63", 0, {{0}}},
    {"product", "DECIMAL(10, 2)", {"+1.24", "+0.50", NULL}, "0.62", 0, {{0}}},
    {"product", "DECIMAL(3, 2)", {"+9.99", "+9.99", NULL}, "null", 0, {{0}}},
    {"product", "DECIMAL(38, 10)",
     {"+1234567890123456789012.1234567890", "+10000000.0000000001", NULL}, "null", 0, {{0}}},
    {"product", "DECIMAL(38, 10)", {"+1234567890123456.1234567891", "+1.0000000001", NULL},
     "1234567890246912.9124691347", 0, {{0}}},
    /* retraction divides exactly (BigDecimal.divide), then rounds to the scale */
    {"product", "DECIMAL(10, 2)", {"+2.00", "+1.25", "-0.50", NULL}, "5.00", 0, {{0}}},
    {"product", "DECIMAL(10, 2)", {"+5.00", "-8.00", NULL}, "0.63", 0, {{0}}},
    {"product", "DECIMAL(10, 2)", {"+-5.00", "-8.00", NULL}, "-0.63", 0, {{0}}},
    {"product", "DECIMAL(10, 2)", {"+1.00", "-3.00", NULL}, E(PAIMON_EINVAL), {{0}}},
    {"product", "DECIMAL(10, 2)", {"+1.00", "-0.00", NULL}, E(PAIMON_EINVAL), {{0}}},
    {"product", "DECIMAL(10, 2)", {"+0.00", "-3.00", NULL}, "0.00", 0, {{0}}},
    {"product", "DECIMAL(4, 2)", {"+10.00", "-0.01", NULL}, "null", 0, {{0}}},
};

TEST(product) { RUN_CASES(product_cases); }

static const agg_case extreme_cases[] = {
    {"max", "INT", {"+1", "+null", "+10", "+3", NULL}, "10", 0, {{0}}},
    {"min", "INT", {"+null", "+10", "+1", "+3", NULL}, "1", 0, {{0}}},
    {"max", "INT", {"+null", NULL}, "null", 0, {{0}}},
    {"max", "BOOLEAN", {"+false", "+true", "+false", NULL}, "true", 0, {{0}}},
    {"min", "BOOLEAN", {"+true", "+false", "+true", NULL}, "false", 0, {{0}}},
    {"max", "STRING", {"+apple", "+banana", "+app", NULL}, "banana", 0, {{0}}},
    {"min", "STRING", {"+apple", "+banana", "+app", NULL}, "app", 0, {{0}}},
    /* strings compare as unsigned bytes: "é" (0xC3 0xA9) > "z" */
    {"max", "STRING", {"+z", "+\xc3\xa9", NULL}, "\xc3\xa9", 0, {{0}}},
    {"max", "VARCHAR(5)", {"+ab", "+b", NULL}, "b", 0, {{0}}},
    {"min", "CHAR(3)", {"+b  ", "+a  ", NULL}, "a  ", 0, {{0}}},
    {"max", "BYTES", {"+0x01ff", "+0x0200", "+0x01", NULL}, "0x0200", 0, {{0}}},
    {"min", "BINARY(2)", {"+0xff00", "+0x0100", NULL}, "0x0100", 0, {{0}}},
    {"max", "DOUBLE", {"+-0.0", "+0.0", NULL}, "0", 0, {{0}}},
    {"min", "DOUBLE", {"+0.0", "+-0.0", NULL}, "-0", 0, {{0}}},
    {"max", "DOUBLE", {"+1", "+nan", "+2", NULL}, "nan", 0, {{0}}},
    {"min", "FLOAT", {"+1.5", "+nan", "+-2.5", NULL}, "-2.5", 0, {{0}}},
    {"max", "DECIMAL(10, 3)", {"+1.500", "+-2.000", "+1.499", NULL}, "1.500", 0, {{0}}},
    {"min", "DECIMAL(30, 3)", {"+1.500", "+-2.000", "+1.499", NULL}, "-2.000", 0, {{0}}},
    {"max", "DATE", {"+19000", "+-5", NULL}, "19000", 0, {{0}}},
    {"min", "TIME", {"+1000", "+999", NULL}, "999", 0, {{0}}},
    {"max", "TIMESTAMP(9)", {"+1000.5", "+1000.7", "+999.999999", NULL}, "1000.7", 0, {{0}}},
    {"min", "TIMESTAMP(3)", {"+1000", "+-1000", NULL}, "-1000", 0, {{0}}},
    {"max", "TIMESTAMP(6) WITH LOCAL TIME ZONE", {"+5.1000", "+5.2000", NULL}, "5.2000", 0,
     {{0}}},
    {"max", "TINYINT", {"+-1", "+-128", NULL}, "-1", 0, {{0}}},
    {"min", "BIGINT", {"+-1", "+-9223372036854775808", NULL}, "-9223372036854775808", 0, {{0}}},
    {"max", "ARRAY<INT>", {NULL}, E(PAIMON_EINVAL), {{0}}},
    {"min", "MAP<INT, INT>", {NULL}, E(PAIMON_EINVAL), {{0}}},
    {"max", "ROW<a INT>", {NULL}, E(PAIMON_EINVAL), {{0}}},
    {"max", "INT", {"+1", "-1", NULL}, E(PAIMON_EUNSUPPORTED), {{0}}},
    {"min", "INT", {"+1", "-1", NULL}, E(PAIMON_EUNSUPPORTED), {{0}}},
};

TEST(max_min) { RUN_CASES(extreme_cases); }

static const agg_case value_cases[] = {
    {"last_value", "INT", {"+1", "+2", NULL}, "2", 0, {{0}}},
    {"last_value", "INT", {"+1", "+null", NULL}, "null", 0, {{0}}},
    {"last_value", "INT", {"+1", "-7", NULL}, "null", 0, {{0}}},
    {"last_value", "INT", {"+1", "-null", "+3", NULL}, "3", 0, {{0}}},
    {"last_value", "STRING", {"+a", "+bc", NULL}, "bc", 0, {{0}}},
    {"last_non_null_value", "INT", {"+1", "+null", NULL}, "1", 0, {{0}}},
    {"last_non_null_value", "INT", {"+1", "+2", "+null", NULL}, "2", 0, {{0}}},
    {"last_non_null_value", "INT", {"+1", "-null", NULL}, "1", 0, {{0}}},
    {"last_non_null_value", "INT", {"+1", "-5", NULL}, "null", 0, {{0}}},
    {"last_non_null_value", "STRING", {"+x", "+null", NULL}, "x", 0, {{0}}},
    {"last_non_null_value", "DECIMAL(30, 2)", {"+1.25", "+null", NULL}, "1.25", 0, {{0}}},
    {"first_value", "INT", {"+null", "+1", "+2", NULL}, "null", 0, {{0}}},
    {"first_value", "INT", {"+3", "+1", "+2", NULL}, "3", 0, {{0}}},
    {"first_value", "INT", {"+3", "R", "+2", NULL}, "2", 0, {{0}}},
    {"first_value", "STRING", {"+first", "+second", NULL}, "first", 0, {{0}}},
    {"first_value", "INT", {"+3", "-3", NULL}, E(PAIMON_EUNSUPPORTED), {{0}}},
    {"first_non_null_value", "INT", {"+null", "+1", "+2", NULL}, "1", 0, {{0}}},
    {"first_non_null_value", "INT", {"+null", "R", "+null", NULL}, "null", 0, {{0}}},
    {"first_non_null_value", "INT", {"+4", "R", "+null", "+5", NULL}, "5", 0, {{0}}},
    {"first_not_null_value", "BIGINT", {"+null", "+7", "+8", NULL}, "7", 0, {{0}}},
    {"first_non_null_value", "INT", {"+1", "-1", NULL}, E(PAIMON_EUNSUPPORTED), {{0}}},
    {"primary-key", "INT", {"+1", "+2", NULL}, "2", 0, {{0}}},
    {"primary-key", "INT", {"+1", "-2", NULL}, "2", 0, {{0}}},
    {"primary-key", "STRING", {"+k", "-k2", NULL}, "k2", 0, {{0}}},
    /* set (remove-record-on-delete) replaces the value but keeps first_value's state */
    {"first_value", "INT", {"+1", "=5", "+7", NULL}, "5", 0, {{0}}},
    {"sum", "INT", {"+1", "=10", "+5", NULL}, "15", 0, {{0}}},
    {"sum", "INT", {"+1", "=null", "+5", NULL}, "5", 0, {{0}}},
    {"listagg", "STRING", {"+a", "=b", "+c", NULL}, "b,c", 0, {{0}}},
    {"bool_and", "BOOLEAN", {"+true", "+null", "+true", NULL}, "true", 0, {{0}}},
    {"bool_and", "BOOLEAN", {"+true", "+false", "+true", NULL}, "false", 0, {{0}}},
    {"bool_and", "BOOLEAN", {"+null", NULL}, "null", 0, {{0}}},
    {"bool_or", "BOOLEAN", {"+false", "+null", "+false", NULL}, "false", 0, {{0}}},
    {"bool_or", "BOOLEAN", {"+false", "+true", "+false", NULL}, "true", 0, {{0}}},
    {"bool_or", "BOOLEAN", {"+true", "-true", NULL}, E(PAIMON_EUNSUPPORTED), {{0}}},
    {"bool_and", "INT", {NULL}, E(PAIMON_EINVAL), {{0}}},
};

TEST(value_functions) { RUN_CASES(value_cases); }

/* aggReversed (a partial-update sequence group receiving an older record): the older value
 * becomes the accumulator and the current accumulator the input, agg(older, current). */
static const agg_case reversed_cases[] = {
    {"sum", "INT", {"+1", "<5", NULL}, "6", 0, {{0}}},
    {"sum", "INT", {"+null", "<5", NULL}, "5", 0, {{0}}},
    {"sum", "INT", {"<5", "+2", NULL}, "7", 0, {{0}}},
    {"listagg", "STRING", {"+a", "<b", NULL}, "b,a", 0, {{0}}},
    {"listagg", "STRING", {"+a", "<b", "+c", "<d", NULL}, "d,b,a,c", 0, {{0}}},
    {"listagg", "STRING", {"+a", "^b", NULL}, "b,a", 0, {{0}}},
    /* PartialUpdateMergeFunctionTest.testFirstValue: the older record's value wins */
    {"first_value", "INT", {"+1", "+2", "<3", NULL}, "3", 0, {{0}}},
    /* not yet initialized: agg(older, null) takes the "input", the old accumulator (null) */
    {"first_value", "INT", {"<7", NULL}, "null", 0, {{0}}},
    {"first_value", "INT", {"<7", "+9", NULL}, "null", 0, {{0}}},
    {"last_value", "INT", {"+2", "<3", NULL}, "2", 0, {{0}}},
    {"last_value", "INT", {"+null", "<3", NULL}, "null", 0, {{0}}},
    {"last_non_null_value", "INT", {"+null", "<4", NULL}, "4", 0, {{0}}},
    {"last_non_null_value", "INT", {"+1", "<4", NULL}, "1", 0, {{0}}},
    {"max", "INT", {"+2", "<5", "<1", NULL}, "5", 0, {{0}}},
    {"first_non_null_value", "STRING", {"+x", "<y", NULL}, "y", 0, {{0}}},
};

TEST(add_reversed) { RUN_CASES(reversed_cases); }

#define DISTINCT {{"distinct", "true"}}
#define DELIM(d) {{"list-agg-delimiter", d}}
#define DISTINCT_DELIM(d) {{"distinct", "true", "list-agg-delimiter", d}}

static const agg_case listagg_cases[] = {
    {"listagg", "STRING", {"+user1", "+user2", NULL}, "user1,user2", 0, {{0}}},
    {"listagg", "STRING", {"+user1", "+user2", NULL}, "user1-user2", 0, DELIM("-")},
    {"listagg", "STRING", {"+user1", "+user2", NULL}, "user1user2", 0, DELIM("")},
    {"listagg", "STRING", {"+null", "+user1", "+null", NULL}, "user1", 0, {{0}}},
    {"listagg", "STRING", {"+ ", "+first line", NULL}, "first line", 0, {{0}}},
    {"listagg", "STRING", {"+ ", NULL}, "null", 0, {{0}}},
    {"listagg",
     "STRING",
     {"+user1", "+", "+ ", "+   ", "+\t", "+\n", "+\r", "+\r\n", "+ \t\n ",
      "+ \t\n\r\n \xe3\x80\x80 ", "+user2", "+\xe3\x80\x80", "+\xe2\x80\x80", "+\x1c\x1d\x1e\x1f",
      "+\xe1\x9a\x80\xe2\x80\xa8\xe2\x80\xa9\xe2\x81\x9f", NULL},
     "user1,user2",
     0,
     {{0}}},
    /* no-break spaces and NEL are not whitespace for Java */
    {"listagg", "STRING", {"+a", "+\xc2\xa0", "+\xe2\x80\x87", "+\xc2\x85", NULL},
     "a,\xc2\xa0,\xe2\x80\x87,\xc2\x85", 0, {{0}}},
    {"listagg", "STRING", {"+user1", "+user2", "+user1", "+user3", NULL}, "user1,user2,user3", 0,
     DISTINCT},
    {"listagg", "STRING", {"+", "+", NULL}, "null", 0, DISTINCT_DELIM(";")},
    {"listagg", "STRING", {"+user1", "+user2", "+user1,user3", NULL}, "user1,user2,user3", 0,
     DISTINCT},
    {"listagg", "STRING", {"+", "+user2", "+user1,user3", NULL}, "user2,user1,user3", 0, DISTINCT},
    {"listagg", "STRING", {"+k1=v1;k2=v2", "+k1=v1;k3=v3", "+", NULL}, "k1=v1;k2=v2;k3=v3", 0,
     DISTINCT_DELIM(";")},
    {"listagg", "STRING", {"+k1=v1 k2=v2", "+ k1=v1  k3=v3", "+ ", NULL}, "k1=v1 k2=v2 k3=v3", 0,
     DISTINCT_DELIM(" ")},
    {"listagg", "STRING", {"+k1=v1,k2=v2", "+k1=v1,k2=v3", "+", NULL}, "k1=v1,k2=v2,k2=v3", 0,
     DISTINCT},
    {"listagg", "STRING", {"+abc,def,asd", "+ab,xy", NULL}, "abc,def,asd,ab,xy", 0, DISTINCT},
    {"listagg", "STRING", {"+abc;def;asd", "+ab;xy;def", NULL}, "abc;def;asd;ab;xy", 0,
     DISTINCT_DELIM(";")},
    {"listagg",
     "STRING",
     {"+user1", "+user2", "+user1", "+user3", "+", "+ ", "+\t", "+ \t\n\r\n \xe3\x80\x80 ",
      "+user2", "+user3", "+\xe3\x80\x80", NULL},
     "user1,user2,user3",
     0,
     DISTINCT},
    /* the accumulator is not deduplicated, only what is added to it */
    {"listagg", "STRING", {"+a,a", "+a,b,b", NULL}, "a,a,b", 0, DISTINCT},
    /* multi-byte delimiter, separators at both ends */
    {"listagg", "STRING", {"+x||y", "+||y||z||", NULL}, "x||y||z", 0, DISTINCT_DELIM("||")},
    /* an empty delimiter splits on single spaces for distinct */
    {"listagg", "STRING", {"+a b", "+b c", NULL}, "a bc", 0, {{"distinct", "true",
                                                                "list-agg-delimiter", ""}}},
    {"listagg", "STRING", {"+a", "-a", NULL}, E(PAIMON_EUNSUPPORTED), {{0}}},
    {"listagg", "VARCHAR(100)", {NULL}, E(PAIMON_EINVAL), {{0}}},
    {"listagg", "CHAR(10)", {NULL}, E(PAIMON_EINVAL), {{0}}},
    {"listagg", "STRING", {NULL}, E(PAIMON_EINVAL), {{"distinct", "yes"}}},
};

TEST(listagg) { RUN_CASES(listagg_cases); }

static const agg_case refusal_cases[] = {
    {"count", "INT", {NULL}, E(PAIMON_EUNSUPPORTED), {{0}}},
    {"SUM", "INT", {NULL}, E(PAIMON_EUNSUPPORTED), {{0}}},
    {"sum", "STRING", {NULL}, E(PAIMON_EINVAL), {{0}}},
    {"sum", "BOOLEAN", {NULL}, E(PAIMON_EINVAL), {{0}}},
    {"product", "DATE", {NULL}, E(PAIMON_EINVAL), {{0}}},
    {"rbm32", "BINARY(8)", {NULL}, E(PAIMON_EINVAL), {{0}}},
    {"rbm64", "STRING", {NULL}, E(PAIMON_EINVAL), {{0}}},
    {"theta_sketch", "STRING", {NULL}, E(PAIMON_EINVAL), {{0}}},
    {"hll_sketch", "INT", {NULL}, E(PAIMON_EINVAL), {{0}}},
    {"collect", "INT", {NULL}, E(PAIMON_EINVAL), {{0}}},
    {"merge_map", "ARRAY<INT>", {NULL}, E(PAIMON_EINVAL), {{0}}},
    {"merge_map", "MULTISET<INT>", {NULL}, E(PAIMON_EINVAL), {{0}}},
    {"nested_update", "ARRAY<INT>", {NULL}, E(PAIMON_EINVAL), {{0}}},
    {"nested_partial_update", "ARRAY<ROW<a INT>>", {NULL}, E(PAIMON_EINVAL), {{0}}},
};

TEST(refusals) { RUN_CASES(refusal_cases); }

TEST(error_messages_name_function_and_column) {
    pm_type *t = NULL;
    paimon_error err = {0};
    pm_field_agg *a = NULL;
    CHECK_OK(pm_type_parse("STRING", &t, &err), &err);
    CHECK_ERR(pm_field_agg_new("sum", "price", t, NULL, NULL, &a, &err), PAIMON_EINVAL, &err);
    CHECK(strstr(err.message, "'sum'") != NULL);
    CHECK(strstr(err.message, "'price'") != NULL);
    CHECK(strstr(err.message, "STRING") != NULL);
    CHECK_ERR(pm_field_agg_new("hll_sketch", "price", t, NULL, NULL, &a, &err), PAIMON_EINVAL,
              &err);
    pm_type_free(t);
    CHECK_OK(pm_type_parse("BYTES", &t, &err), &err);
    CHECK_ERR(pm_field_agg_new("my_udaf", "u", t, NULL, NULL, &a, &err), PAIMON_EUNSUPPORTED, &err);
    CHECK(strstr(err.message, "my_udaf") != NULL);
    pm_type_free(t);

    CHECK_OK(pm_type_parse("INT", &t, &err), &err);
    CHECK_OK(pm_field_agg_new("max", "m", t, NULL, NULL, &a, &err), &err);
    CHECK(!pm_field_agg_supports_retract(a));
    CHECK_EQ_STR(pm_field_agg_name(a), "max");
    struct ArrowArray arr;
    CHECK(agg_array_of(t, "1", &arr) == 0);
    CHECK_ERR(pm_field_agg_retract(a, &arr, 0, &err), PAIMON_EUNSUPPORTED, &err);
    CHECK(strstr(err.message, "'max'") != NULL);
    CHECK(strstr(err.message, "ignore-retract") != NULL);
    pm_field_agg_free(a);
    CHECK_OK(pm_field_agg_new("sum", "s", t, NULL, NULL, &a, &err), &err);
    CHECK(pm_field_agg_supports_retract(a));
    CHECK_OK(pm_field_agg_add(a, &arr, 0, &err), &err);
    pm_field_agg_free(a);
    arr.release(&arr);
    pm_type_free(t);
}

/* Every listed function can be created for some type. */
TEST(function_list) {
    static const char *types[] = {"INT", "STRING", "BOOLEAN", "BYTES", "ARRAY<INT>",
                                  "MAP<INT, ROW<v INT, ts STRING>>", "ARRAY<ROW<k INT, v INT>>"};
    agg_opts opts = {{"nested-key", "k", NULL}};
    for (int i = 0; pm_field_agg_functions[i] != NULL; i++) {
        bool created = false;
        for (size_t k = 0; k < sizeof types / sizeof types[0] && !created; k++) {
            pm_type *t = NULL;
            CHECK_OK(pm_type_parse(types[k], &t, NULL), NULL);
            pm_field_agg *a = NULL;
            if (pm_field_agg_new(pm_field_agg_functions[i], "c", t, agg_test_option, &opts, &a,
                                 NULL) == PAIMON_OK) {
                created = true;
                pm_field_agg_free(a);
            }
            pm_type_free(t);
        }
        if (!created)
            pm_test_fail(__FILE__, __LINE__, "%s: no type accepted", pm_field_agg_functions[i]);
        CHECK(created);
    }
}

/* The accumulator is reset between keys and copies what it keeps. */
TEST(reset_and_copy) {
    pm_type *t = NULL;
    paimon_error err = {0};
    CHECK_OK(pm_type_parse("STRING", &t, &err), &err);
    pm_field_agg *a = NULL;
    CHECK_OK(pm_field_agg_new("max", "m", t, NULL, NULL, &a, &err), &err);
    struct ArrowArray arr;
    CHECK(agg_array_of(t, "zebra", &arr) == 0);
    CHECK_OK(pm_field_agg_add(a, &arr, 0, &err), &err);
    /* Overwrite the input's bytes: the aggregator must have copied them. */
    memset((void *)arr.buffers[2], 'x', 5);
    arr.release(&arr);
    pm_col out;
    CHECK_OK(pm_col_init(&out, t, &err), &err);
    CHECK_OK(pm_field_agg_result(a, &out, &err), &err);
    pm_field_agg_reset(a);
    CHECK_OK(pm_field_agg_result(a, &out, &err), &err);
    struct ArrowArray res;
    CHECK_OK(pm_col_finish(&out, &res, &err), &err);
    pm_datum d = pm_arrow_get_datum(&res, t, 0);
    CHECK_EQ_INT(d.v.bytes.len, 5);
    CHECK_EQ_MEM(d.v.bytes.ptr, "zebra", 5);
    CHECK(!pm_arrow_is_valid(&res, 1));
    res.release(&res);
    pm_col_dispose(&out);
    pm_field_agg_free(a);
    pm_type_free(t);
}
