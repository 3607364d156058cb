/* Casts to and from CHAR/VARCHAR/BINARY/VARBINARY with Java Paimon's text forms and parsers
 * (CastExecutorTest, BinaryStringUtils, and JDK 8-18 Double/Float.toString). */
#include "cast_fixture.h"

TEST(numbers_and_booleans_to_strings) {
    static const cast_case cases[] = {
        /* CastExecutorTest.testNumericToString / testBooleanToString */
        {"TINYINT", "1", "VARCHAR(5)", "1"},
        {"SMALLINT", "1", "VARCHAR(5)", "1"},
        {"INT", "1", "VARCHAR(5)", "1"},
        {"BIGINT", "1", "VARCHAR(5)", "1"},
        {"FLOAT", "1.23456", "VARCHAR(10)", "1.23456"},
        {"DOUBLE", "1.23456", "VARCHAR(10)", "1.23456"},
        {"DECIMAL(10, 5)", "1.23456", "VARCHAR(20)", "1.23456"},
        {"BOOLEAN", "true", "CHAR(5)", "true "},
        {"BOOLEAN", "true", "VARCHAR(5)", "true"},
        /* the compatibility corpus: v1 BOOLEAN -> STRING */
        {"BOOLEAN", "false", "STRING", "false"},
        {"BOOLEAN", "false", "CHAR(3)", "fal"},
        /* the target length cuts, CHAR pads */
        {"BIGINT", "-9223372036854775808", "STRING", "-9223372036854775808"},
        {"BIGINT", "123456", "CHAR(3)", "123"},
        {"INT", "7", "CHAR(3)", "7  "},
        {"DECIMAL(5, 2)", "-0.05", "STRING", "-0.05"},
        {"DECIMAL(5, 0)", "12345", "CHAR(7)", "12345  "},
        {"DECIMAL(38, 0)", "-12345678901234567890123456789012345678", "STRING",
         "-12345678901234567890123456789012345678"},
        {"DOUBLE", "12.5", "CHAR(3)", "12."},
    };
    RUN_CASES(cases);
}

TEST(floating_point_text_is_javas) {
    static const cast_case cases[] = {
        {"DOUBLE", "100", "STRING", "100.0"},
        {"DOUBLE", "1e10", "STRING", "1.0E10"},
        {"DOUBLE", "0.001", "STRING", "0.001"},
        {"DOUBLE", "1e-4", "STRING", "1.0E-4"},
        {"DOUBLE", "1e7", "STRING", "1.0E7"},
        {"DOUBLE", "9999999", "STRING", "9999999.0"},
        {"DOUBLE", "123456789", "STRING", "1.23456789E8"},
        {"DOUBLE", "-1.5e-7", "STRING", "-1.5E-7"},
        {"DOUBLE", "nan", "STRING", "NaN"},
        {"DOUBLE", "inf", "STRING", "Infinity"},
        {"DOUBLE", "-inf", "STRING", "-Infinity"},
        {"DOUBLE", "0", "STRING", "0.0"},
        {"DOUBLE", "-0.0", "STRING", "-0.0"},
        {"DOUBLE", "0.30000000000000004", "STRING", "0.30000000000000004"},
        {"DOUBLE", "4.9e-324", "STRING", "4.9E-324"},
        {"DOUBLE", "1.7976931348623157e308", "STRING", "1.7976931348623157E308"},
        /* JDK 8-18 print these with more digits than needed (JDK 19+ would not) */
        {"DOUBLE", "1e23", "STRING", "9.999999999999999E22"},
        {"DOUBLE", "2e23", "STRING", "1.9999999999999998E23"},
        {"DOUBLE", "8.41e21", "STRING", "8.409999999999999E21"},
        {"DOUBLE", "1442562335564268032", "STRING", "1.44256233556426803E18"},
        {"FLOAT", "1.1", "STRING", "1.1"},
        {"FLOAT", "0.1", "STRING", "0.1"},
        {"FLOAT", "1e10", "STRING", "1.0E10"},
        {"FLOAT", "3.4028235e38", "STRING", "3.4028235E38"},
        {"FLOAT", "1.4e-45", "STRING", "1.4E-45"},
        {"FLOAT", "9.0948422E8", "STRING", "9.0948422E8"},
        {"FLOAT", "-nan", "STRING", "NaN"},
    };
    RUN_CASES(cases);
}

TEST(strings_to_strings_cut_and_pad) {
    static const cast_case cases[] = {
        /* CastExecutorTest.testStringToString */
        {"VARCHAR(10)", "1234567890", "VARCHAR(5)", "12345"},
        {"VARCHAR(10)", "1234567890", "VARCHAR(20)", "1234567890"},
        {"VARCHAR(10)", "1234567890", "CHAR(5)", "12345"},
        {"VARCHAR(10)", "1234567890", "CHAR(20)", "1234567890          "},
        {"CHAR(10)", "1234567890", "VARCHAR(5)", "12345"},
        {"CHAR(10)", "12345678  ", "VARCHAR(20)", "12345678  "},
        {"CHAR(10)", "12345678  ", "CHAR(5)", "12345"},
        {"CHAR(10)", "12345678  ", "CHAR(20)", "12345678            "},
        /* lengths count characters, not bytes */
        {"STRING", "h\xc3\xa9llo", "CHAR(2)", "h\xc3\xa9"},
        {"STRING", "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", "VARCHAR(2)",
         "\xe6\x97\xa5\xe6\x9c\xac"},
        {"STRING", "\xe6\x97\xa5\xe6\x9c\xac", "CHAR(4)", "\xe6\x97\xa5\xe6\x9c\xac  "},
        /* a byte that cannot start a sequence counts as one character */
        {"STRING", "\xc0" "ab", "VARCHAR(2)", "\xc0" "a"},
        {"STRING", "", "CHAR(2)", "  "},
        {"VARCHAR(5)", NULL, "CHAR(5)", "NULL"},
    };
    RUN_CASES(cases);
}

TEST(binaries) {
    static const cast_case cases[] = {
        /* CastExecutorTest.testBinaryToString / testStringToBinary / testBinaryToBinary */
        {"VARBINARY(5)", "12345", "VARCHAR(10)", "12345"},
        {"VARBINARY(20)", "12345678", "VARCHAR(10)", "12345678"},
        {"STRING", "12345678", "VARBINARY(5)", "x'3132333435'"},
        {"STRING", "12345678", "VARBINARY(20)", "x'3132333435363738'"},
        {"BINARY(10)", "1234567890", "BINARY(5)", "x'3132333435'"},
        {"BINARY(10)", "12345678", "BINARY(20)", "x'3132333435363738000000000000000000000000'"},
        {"BINARY(10)", "1234567890", "VARBINARY(5)", "x'3132333435'"},
        {"BINARY(10)", "12345678", "VARBINARY(20)", "x'3132333435363738'"},
        /* to a string, bytes stay as they are whatever the target length */
        {"BYTES", "123456789012", "VARCHAR(5)", "123456789012"},
        {"BINARY(3)", "abc", "CHAR(5)", "abc"},
        {"STRING", "12345678", "BINARY(10)", "x'31323334353637380000'"},
        {"STRING", "abc", "BYTES", "x'616263'"},
        {"BYTES", "", "BINARY(2)", "x'0000'"},
    };
    RUN_CASES(cases);
}

TEST(strings_to_booleans) {
    static const cast_case cases[] = {
        /* CastExecutorTest.testStringToBoolean */
        {"VARCHAR(5)", "t", "BOOLEAN", "true"},
        {"VARCHAR(5)", "true", "BOOLEAN", "true"},
        {"VARCHAR(5)", "y", "BOOLEAN", "true"},
        {"VARCHAR(5)", "yes", "BOOLEAN", "true"},
        {"VARCHAR(5)", "1", "BOOLEAN", "true"},
        {"VARCHAR(5)", "TRUE", "BOOLEAN", "true"},
        {"VARCHAR(5)", "f", "BOOLEAN", "false"},
        {"VARCHAR(5)", "false", "BOOLEAN", "false"},
        {"VARCHAR(5)", "n", "BOOLEAN", "false"},
        {"VARCHAR(5)", "no", "BOOLEAN", "false"},
        {"VARCHAR(5)", "0", "BOOLEAN", "false"},
        {"VARCHAR(5)", "11", "BOOLEAN", "ERR:EINVAL"},
        {"STRING", "YeS", "BOOLEAN", "true"},
        {"STRING", "FaLsE", "BOOLEAN", "false"},
        {"STRING", " true", "BOOLEAN", "ERR:EINVAL"},
        {"STRING", "", "BOOLEAN", "ERR:EINVAL"},
        {"STRING", "on", "BOOLEAN", "ERR:EINVAL"},
    };
    RUN_CASES(cases);
}

TEST(strings_to_integers) {
    static const cast_case cases[] = {
        /* CastExecutorTest.testStringToNumeric */
        {"VARCHAR(5)", "1", "TINYINT", "1"},
        {"VARCHAR(5)", "1", "SMALLINT", "1"},
        {"VARCHAR(5)", "1", "INT", "1"},
        {"VARCHAR(5)", "1", "BIGINT", "1"},
        /* BinaryStringUtils.toInt: a fraction is checked and dropped, no blanks, no exponent */
        {"STRING", "12.5", "INT", "12"},
        {"STRING", "-12.9", "INT", "-12"},
        {"STRING", "1.", "INT", "1"},
        {"STRING", ".", "INT", "0"},
        {"STRING", "-.", "INT", "0"},
        {"STRING", "+5", "INT", "5"},
        {"STRING", "+", "INT", "ERR:EINVAL"},
        {"STRING", "-", "INT", "ERR:EINVAL"},
        {"STRING", "", "INT", "ERR:EINVAL"},
        {"STRING", " 1", "INT", "ERR:EINVAL"},
        {"STRING", "1e5", "INT", "ERR:EINVAL"},
        {"STRING", "1.2.3", "INT", "ERR:EINVAL"},
        {"STRING", "1.abc", "INT", "ERR:EINVAL"},
        {"STRING", "2147483647", "INT", "2147483647"},
        {"STRING", "2147483648", "INT", "ERR:EINVAL"},
        {"STRING", "-2147483648", "INT", "-2147483648"},
        {"STRING", "-2147483649", "INT", "ERR:EINVAL"},
        {"STRING", "127", "TINYINT", "127"},
        {"STRING", "128", "TINYINT", "ERR:EINVAL"},
        {"STRING", "-128", "TINYINT", "-128"},
        {"STRING", "32768", "SMALLINT", "ERR:EINVAL"},
        {"STRING", "9223372036854775807", "BIGINT", "9223372036854775807"},
        {"STRING", "9223372036854775808", "BIGINT", "ERR:EINVAL"},
        {"STRING", "-9223372036854775808", "BIGINT", "-9223372036854775808"},
        {"STRING", "00000000000000000000012", "BIGINT", "12"},
        /* the compatibility corpus: f3 STRING -> INT */
        {"STRING", "100", "INT", "100"},
        {"STRING", "abc", "INT", "ERR:EINVAL"},
    };
    RUN_CASES(cases);
}

TEST(strings_to_floating_point) {
    static const cast_case cases[] = {
        {"VARCHAR(10)", "1.23456", "FLOAT", "0x1.3c0c2p+0"},
        {"VARCHAR(10)", "1.23456", "DOUBLE", "0x1.3c0c1fc8f3238p+0"},
        /* Double.parseDouble: trims, NaN/Infinity spelled exactly, hex, type suffixes */
        {"STRING", " 1.5 ", "DOUBLE", "0x1.8p+0"},
        {"STRING", "1.5f", "DOUBLE", "0x1.8p+0"},
        {"STRING", "1.5D", "DOUBLE", "0x1.8p+0"},
        {"STRING", "0x1p3", "DOUBLE", "0x1p+3"},
        {"STRING", "-0x1.8P-1d", "DOUBLE", "-0x1.8p-1"},
        {"STRING", ".5", "DOUBLE", "0x1p-1"},
        {"STRING", "5.", "DOUBLE", "0x1.4p+2"},
        {"STRING", "1e400", "DOUBLE", "inf"},
        {"STRING", "-1e-400", "DOUBLE", "-0x0p+0"},
        {"STRING", "NaN", "DOUBLE", "nan"},
        {"STRING", "+NaN", "DOUBLE", "nan"},
        {"STRING", "-Infinity", "DOUBLE", "-inf"},
        {"STRING", "nan", "DOUBLE", "ERR:EINVAL"},
        {"STRING", "inf", "DOUBLE", "ERR:EINVAL"},
        {"STRING", "Infinityf", "DOUBLE", "ERR:EINVAL"},
        {"STRING", "0x1.8", "DOUBLE", "ERR:EINVAL"},
        {"STRING", "1e", "DOUBLE", "ERR:EINVAL"},
        {"STRING", ".", "DOUBLE", "ERR:EINVAL"},
        {"STRING", "1,5", "DOUBLE", "ERR:EINVAL"},
        {"STRING", "", "DOUBLE", "ERR:EINVAL"},
        {"STRING", "  ", "DOUBLE", "ERR:EINVAL"},
        {"STRING", "3.4028235e38", "FLOAT", "0x1.fffffep+127"},
        {"STRING", "1e39", "FLOAT", "inf"},
        {"STRING", "1.00000017881393432617187499", "FLOAT", "0x1.000002p+0"}, /* rounded once */
    };
    RUN_CASES(cases);
}

TEST(strings_to_decimals) {
    static const cast_case cases[] = {
        /* CastExecutorTest.testStringToDecimal */
        {"VARCHAR(5)", "1.233", "DECIMAL(5, 2)", "1.23"},
        /* new BigDecimal(text), HALF_UP, null beyond the precision */
        {"STRING", "1.235", "DECIMAL(5, 2)", "1.24"},
        {"STRING", "-1.235", "DECIMAL(5, 2)", "-1.24"},
        {"STRING", "1e2", "DECIMAL(5, 2)", "100.00"},
        {"STRING", "+.5E-1", "DECIMAL(5, 2)", "0.05"},
        {"STRING", "1000", "DECIMAL(5, 2)", "NULL"},
        {"STRING", "999.995", "DECIMAL(5, 2)", "NULL"},
        {"STRING", "0.000001", "DECIMAL(5, 2)", "0.00"},
        {"STRING", "0.005", "DECIMAL(5, 2)", "0.01"},
        {"STRING", "-0.004", "DECIMAL(5, 2)", "0.00"},
        {"STRING", "12345678901234567890123456789012345678901234567890e-40", "DECIMAL(38, 10)",
         "1234567890.1234567890"},
        {"STRING", "0.0000000000000000000000000000000000000000000000000015", "DECIMAL(38, 0)",
         "0"},
        {"STRING", "5E-1", "DECIMAL(1, 0)", "1"},
        {"STRING", "1E+00000000000000000002", "DECIMAL(5, 0)", "100"},
        {"STRING", "1E12345678901", "DECIMAL(5, 0)", "ERR:EINVAL"},
        {"STRING", "abc", "DECIMAL(5, 2)", "ERR:EINVAL"},
        {"STRING", " 1", "DECIMAL(5, 2)", "ERR:EINVAL"},
        {"STRING", "1.", "DECIMAL(5, 2)", "1.00"},
        {"STRING", ".", "DECIMAL(5, 2)", "ERR:EINVAL"},
        {"STRING", "1e", "DECIMAL(5, 2)", "ERR:EINVAL"},
        {"STRING", "1.5f", "DECIMAL(5, 2)", "ERR:EINVAL"},
        {"STRING", "NaN", "DECIMAL(5, 2)", "ERR:EINVAL"},
    };
    RUN_CASES(cases);
}
