/* Casts between numbers, booleans and decimals, with Java Paimon's expected results
 * (CastExecutorTest, and Java's narrowing and BigDecimal rules for the edge cases). */
#include "cast_fixture.h"

TEST(numeric_primitive_widening_and_narrowing) {
    static const cast_case cases[] = {
        /* CastExecutorTest.testNumericToNumeric */
        {"TINYINT", "1", "SMALLINT", "1"},
        {"TINYINT", "1", "INT", "1"},
        {"TINYINT", "1", "BIGINT", "1"},
        {"TINYINT", "1", "FLOAT", "0x1p+0"},
        {"TINYINT", "1", "DOUBLE", "0x1p+0"},
        {"SMALLINT", "123", "TINYINT", "123"},
        {"INT", "1", "BIGINT", "1"},
        {"BIGINT", "1", "FLOAT", "0x1p+0"},
        {"FLOAT", "1", "DOUBLE", "0x1p+0"},
        /* narrowing wraps (two's complement), e.g. (byte) 383 == 127 */
        {"SMALLINT", "383", "TINYINT", "127"},
        {"SMALLINT", "-129", "TINYINT", "127"},
        {"INT", "65535", "SMALLINT", "-1"},
        {"INT", "32768", "SMALLINT", "-32768"},
        {"BIGINT", "4294967296", "INT", "0"},
        {"BIGINT", "2147483648", "INT", "-2147483648"},
        {"BIGINT", "-1", "TINYINT", "-1"},
        /* long to float/double rounds to nearest even */
        {"BIGINT", "9007199254740993", "DOUBLE", "0x1p+53"},
        {"BIGINT", "16777217", "FLOAT", "0x1p+24"},
        {"INT", "2147483647", "FLOAT", "0x1p+31"},
        /* floating to integers: truncation toward zero, saturation, NaN is 0 */
        {"DOUBLE", "1e10", "INT", "2147483647"},
        {"DOUBLE", "-1e10", "INT", "-2147483648"},
        {"DOUBLE", "nan", "INT", "0"},
        {"DOUBLE", "nan", "BIGINT", "0"},
        {"DOUBLE", "inf", "BIGINT", "9223372036854775807"},
        {"DOUBLE", "-inf", "BIGINT", "-9223372036854775808"},
        {"DOUBLE", "3.0e9", "BIGINT", "3000000000"},
        {"DOUBLE", "-1.9", "INT", "-1"},
        {"DOUBLE", "-0.0", "INT", "0"},
        {"DOUBLE", "2147483647.9", "INT", "2147483647"},
        /* to byte/short Java goes through int: (byte)(int)300.7 == 44, (byte)MAX_INT == -1 */
        {"DOUBLE", "300.7", "TINYINT", "44"},
        {"DOUBLE", "1e10", "TINYINT", "-1"},
        {"DOUBLE", "1e10", "SMALLINT", "-1"},
        {"FLOAT", "nan", "TINYINT", "0"},
        {"FLOAT", "-40000.5", "SMALLINT", "25536"},
        /* double to float rounds, overflows to infinity */
        {"DOUBLE", "0.1", "FLOAT", "0x1.99999ap-4"},
        {"DOUBLE", "1e300", "FLOAT", "inf"},
        {"DOUBLE", "-1e300", "FLOAT", "-inf"},
        {"DOUBLE", "3.4028235e38", "FLOAT", "0x1.fffffep+127"},
        {"DOUBLE", "3.4028235677973366e38", "FLOAT", "inf"}, /* halfway: to even, infinity */
        {"DOUBLE", "3.4028236692093846e38", "FLOAT", "inf"},
        {"DOUBLE", "nan", "FLOAT", "nan"},
        {"FLOAT", "0.1", "DOUBLE", "0x1.99999ap-4"},
        {"INT", NULL, "BIGINT", "NULL"},
    };
    RUN_CASES(cases);
}

TEST(boolean_and_numbers) {
    static const cast_case cases[] = {
        /* CastExecutorTest.testBooleanToNumeric / testNumericToBoolean */
        {"BOOLEAN", "true", "TINYINT", "1"},
        {"BOOLEAN", "true", "SMALLINT", "1"},
        {"BOOLEAN", "true", "INT", "1"},
        {"BOOLEAN", "true", "BIGINT", "1"},
        {"BOOLEAN", "true", "FLOAT", "0x1p+0"},
        {"BOOLEAN", "true", "DOUBLE", "0x1p+0"},
        {"BOOLEAN", "true", "DECIMAL(1, 0)", "1"},
        {"BOOLEAN", "false", "DOUBLE", "0x0p+0"},
        {"BOOLEAN", "true", "DECIMAL(5, 2)", "1.00"},
        {"BOOLEAN", "true", "DECIMAL(1, 1)", "NULL"}, /* 1.0 needs two digits */
        {"TINYINT", "1", "BOOLEAN", "true"},
        {"SMALLINT", "1", "BOOLEAN", "true"},
        {"INT", "0", "BOOLEAN", "false"},
        {"BIGINT", "12", "BOOLEAN", "true"},
        {"TINYINT", "-1", "BOOLEAN", "true"},
        /* only integers cast to BOOLEAN */
        {"DOUBLE", "1", "BOOLEAN", "ERR:EINVAL"},
        {"DECIMAL(5, 2)", "1", "BOOLEAN", "ERR:EINVAL"},
    };
    RUN_CASES(cases);
}

TEST(decimal_to_decimal_rounds_half_up_and_overflows_to_null) {
    static const cast_case cases[] = {
        /* CastExecutorTest.testDecimalToDecimal */
        {"DECIMAL(10, 4)", "1.2346", "DECIMAL(10, 2)", "1.23"},
        {"DECIMAL(10, 2)", "1.23", "DECIMAL(10, 4)", "1.2300"},
        /* the compatibility corpus: f2 DECIMAL(5, 2) -> DECIMAL(6, 3) */
        {"DECIMAL(5, 2)", "0.02", "DECIMAL(6, 3)", "0.020"},
        {"DECIMAL(5, 2)", "-999.42", "DECIMAL(6, 3)", "-999.420"},
        {"DECIMAL(5, 2)", "999.99", "DECIMAL(5, 3)", "NULL"}, /* 999.990 needs six digits */
        {"DECIMAL(5, 2)", "444.42", "DECIMAL(6, 3)", "444.420"},
        {"DECIMAL(5, 2)", "1.25", "DECIMAL(5, 1)", "1.3"},
        {"DECIMAL(5, 2)", "-1.25", "DECIMAL(5, 1)", "-1.3"},
        {"DECIMAL(5, 2)", "-1.24", "DECIMAL(5, 1)", "-1.2"},
        {"DECIMAL(5, 2)", "999.94", "DECIMAL(4, 1)", "999.9"},
        {"DECIMAL(5, 2)", "999.99", "DECIMAL(4, 1)", "NULL"},
        {"DECIMAL(5, 2)", "0.00", "DECIMAL(1, 1)", "0.0"},
        {"DECIMAL(38, 0)", "99999999999999999999999999999999999999", "DECIMAL(38, 1)", "NULL"},
        {"DECIMAL(38, 10)", "1234567890123456789012345678.0123456789", "DECIMAL(38, 0)",
         "1234567890123456789012345678"},
        {"DECIMAL(38, 10)", "-0.5000000000", "DECIMAL(10, 0)", "-1"},
        {"DECIMAL(10, 2)", NULL, "DECIMAL(12, 4)", "NULL"},
    };
    RUN_CASES(cases);
}

TEST(decimal_to_numbers) {
    static const cast_case cases[] = {
        /* CastExecutorTest.testDecimalToNumeric */
        {"DECIMAL(10, 4)", "1.2346", "FLOAT", "0x1.3c0ebep+0"},
        {"DECIMAL(10, 2)", "1.23", "DOUBLE", "0x1.3ae147ae147aep+0"},
        /* castToIntegral: RoundingMode.DOWN, then the low 64 bits, then Java's narrowing */
        {"DECIMAL(10, 2)", "12.99", "INT", "12"},
        {"DECIMAL(10, 2)", "-12.99", "INT", "-12"},
        {"DECIMAL(10, 1)", "300.5", "TINYINT", "44"},
        {"DECIMAL(38, 0)", "18446744073709551621", "BIGINT", "5"},
        {"DECIMAL(38, 0)", "9223372036854775808", "BIGINT", "-9223372036854775808"},
        {"DECIMAL(38, 0)", "4294967297", "INT", "1"},
        /* non-compact decimals convert correctly rounded */
        {"DECIMAL(20, 2)", "12345678901234567.89", "DOUBLE", "0x1.5ee2a2eb5a5c4p+53"},
        {"DECIMAL(38, 37)", "0.1000000000000000000000000000000000000", "DOUBLE",
         "0x1.999999999999ap-4"},
    };
    RUN_CASES(cases);
}

TEST(numbers_to_decimal) {
    static const cast_case cases[] = {
        /* CastExecutorTest.testNumericToDecimal */
        {"TINYINT", "1", "DECIMAL(10, 2)", "1.00"},
        {"SMALLINT", "1", "DECIMAL(10, 2)", "1.00"},
        {"INT", "1", "DECIMAL(10, 2)", "1.00"},
        {"BIGINT", "1", "DECIMAL(10, 2)", "1.00"},
        {"FLOAT", "1.23456", "DECIMAL(10, 2)", "1.23"},
        {"DOUBLE", "1.23456", "DECIMAL(10, 2)", "1.23"},
        {"BIGINT", "123456", "DECIMAL(5, 0)", "NULL"},
        {"INT", "-5", "DECIMAL(3, 2)", "-5.00"},
        {"BIGINT", "-9223372036854775808", "DECIMAL(19, 0)", "-9223372036854775808"},
        /* doubles go through Double.toString: 1.005 is "1.005" and rounds up, although the
         * binary value is slightly below */
        {"DOUBLE", "1.005", "DECIMAL(5, 2)", "1.01"},
        {"DOUBLE", "0.125", "DECIMAL(5, 2)", "0.13"},
        {"DOUBLE", "1e10", "DECIMAL(12, 2)", "NULL"},
        {"DOUBLE", "1e10", "DECIMAL(13, 2)", "10000000000.00"},
        {"DOUBLE", "1.0E-5", "DECIMAL(10, 6)", "0.000010"},
        {"DOUBLE", "-2.5", "DECIMAL(5, 0)", "-3"},
        /* floats are widened first: Double.toString(0.1f) == "0.10000000149011612" */
        {"FLOAT", "0.1", "DECIMAL(20, 18)", "0.100000001490116120"},
        {"DOUBLE", "nan", "DECIMAL(10, 2)", "ERR:EINVAL"},
        {"DOUBLE", "inf", "DECIMAL(10, 2)", "ERR:EINVAL"},
    };
    RUN_CASES(cases);
}
