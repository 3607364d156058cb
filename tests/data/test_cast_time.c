/* Casts of DATE, TIME, TIMESTAMP and TIMESTAMP_LTZ (LTZ in UTC) with Java Paimon's results
 * (CastExecutorTest and DateTimeUtils' formats and parsers). */
#include "cast_fixture.h"

TEST(dates_times_timestamps_to_strings) {
    static const cast_case cases[] = {
        /* CastExecutorTest.testDateToString / testTimeToString */
        {"DATE", "19516", "STRING", "2023-06-08"},
        {"TIME(2)", "36115615", "STRING", "10:01:55.61"},
        {"DATE", "0", "STRING", "1970-01-01"},
        {"DATE", "-1", "STRING", "1969-12-31"},
        {"DATE", "19782", "STRING", "2024-02-29"},
        {"DATE", "-719528", "STRING", "0000-01-01"},
        /* four digits of the year, as DateTimeUtils writes them */
        {"DATE", "2932897", "STRING", "0000-01-01"},
        {"DATE", "-719529", "STRING", "000/-12-31"},
        /* TIME: at least one fraction digit when the precision asks for any, no zeros after */
        {"TIME(0)", "36115615", "STRING", "10:01:55"},
        {"TIME(3)", "43200000", "STRING", "12:00:00.0"},
        {"TIME(3)", "43200120", "STRING", "12:00:00.12"},
        {"TIME(1)", "43200123", "STRING", "12:00:00.1"},
        {"TIME(9)", "43200123", "STRING", "12:00:00.123"},
        {"TIME(3)", "-1", "STRING", "23:59:59.999"},
        {"TIME(0)", "90000000", "STRING", "25:00:00"},
        /* TIMESTAMP: the fraction keeps `precision` digits, more when they are not zero;
         * the compatibility corpus: f1 TIMESTAMP(9) -> STRING */
        {"TIMESTAMP(9)", "2024-11-26 06:38:56.001000001", "STRING",
         "2024-11-26 06:38:56.001000001"},
        {"TIMESTAMP(9)", "2024-11-26 06:38:56.011000011", "STRING",
         "2024-11-26 06:38:56.011000011"},
        {"TIMESTAMP(9)", "2024-11-26 15:28:31", "STRING", "2024-11-26 15:28:31.000000000"},
        {"TIMESTAMP(3)", "2024-11-26 15:28:31", "STRING", "2024-11-26 15:28:31.000"},
        {"TIMESTAMP(0)", "2024-11-26 15:28:31", "STRING", "2024-11-26 15:28:31"},
        {"TIMESTAMP(6)", "2024-11-26 15:28:31.123", "STRING", "2024-11-26 15:28:31.123000"},
        {"TIMESTAMP(0)", "2024-01-01 00:00:00.5", "STRING", "2024-01-01 00:00:00.5"},
        {"TIMESTAMP(9)", "1969-12-31 23:59:59.999999999", "STRING",
         "1969-12-31 23:59:59.999999999"},
        {"TIMESTAMP(3)", "-0001-12-31 00:00:00", "STRING", "000/-12-31 00:00:00.000"},
        {"TIMESTAMP(3) WITH LOCAL TIME ZONE", "2024-07-25 09:12:28.123", "STRING",
         "2024-07-25 09:12:28.123"},
        /* only STRING (nullable VARCHAR(2147483647)) has these rules */
        {"DATE", "0", "VARCHAR(10)", "ERR:EINVAL"},
        {"DATE", "0", "STRING NOT NULL", "ERR:EINVAL"},
        {"TIMESTAMP(3)", "2024-01-01 00:00:00", "CHAR(30)", "ERR:EINVAL"},
        {"TIME(0)", "0", "VARCHAR(20)", "ERR:EINVAL"},
    };
    RUN_CASES(cases);
}

TEST(dates_and_times_to_timestamps) {
    static const cast_case cases[] = {
        /* the compatibility corpus: f4 DATE -> TIMESTAMP(9) */
        {"DATE", "4", "TIMESTAMP(9)", "1970-01-05 00:00:00.000000000"},
        {"DATE", "-44", "TIMESTAMP(9)", "1969-11-18 00:00:00.000000000"},
        {"DATE", "444", "TIMESTAMP(9)", "1971-03-21 00:00:00.000000000"},
        {"DATE", "-4444", "TIMESTAMP(9)", "1957-11-01 00:00:00.000000000"},
        {"DATE", "44444", "TIMESTAMP(9)", "2091-09-07 00:00:00.000000000"},
        /* CastExecutorTest.testDateToTimestamp / testTimeToTimestamp */
        {"DATE", "19514", "TIMESTAMP(5)", "2023-06-06 00:00:00.000000000"},
        {"DATE", "19514", "TIMESTAMP(5) WITH LOCAL TIME ZONE", "2023-06-06 00:00:00.000000000"},
        {"TIME(0)", "43200123", "TIMESTAMP(3)", "1970-01-01 12:00:00.123000000"},
        {"TIME(3)", "43200123", "TIMESTAMP(3) WITH LOCAL TIME ZONE",
         "1970-01-01 12:00:00.123000000"},
        /* Java does not truncate here */
        {"TIME(3)", "43200123", "TIMESTAMP(0)", "1970-01-01 12:00:00.123000000"},
        {"DATE", "-719162", "TIMESTAMP(3)", "0001-01-01 00:00:00.000000000"},
        {"DATE", NULL, "TIMESTAMP(3)", "NULL"},
    };
    RUN_CASES(cases);
}

TEST(timestamps_to_dates_and_times) {
    static const cast_case cases[] = {
        /* CastExecutorTest.testTimestampToDatePreEpoch / testTimestampToTimePreEpoch */
        {"TIMESTAMP(6)", "1969-12-31 23:59:59", "DATE", "-1"},
        {"TIMESTAMP(6)", "1960-06-15 10:30:00", "DATE", "-3487"},
        {"TIMESTAMP(6)", "1969-12-31 00:00:00", "DATE", "-1"},
        {"TIMESTAMP(6)", "2024-03-04 05:06:07", "DATE", "19786"},
        {"TIMESTAMP(3)", "1969-12-31 23:00:00", "TIME(3)", "82800000"},
        {"TIMESTAMP(3)", "1969-12-31 12:34:56.789", "TIME(3)", "45296789"},
        {"TIMESTAMP(3)", "1970-01-01 10:00:00", "TIME(3)", "36000000"},
        {"TIMESTAMP(9)", "2024-03-04 05:06:07.123456789", "TIME(0)", "18367123"},
        {"TIMESTAMP(5) WITH LOCAL TIME ZONE", "1969-12-31 23:59:59", "DATE", "-1"},
        {"TIMESTAMP(5) WITH LOCAL TIME ZONE", "1969-12-31 12:34:56.789", "TIME(2)", "45296789"},
    };
    RUN_CASES(cases);
}

TEST(timestamp_precision_and_zone_changes) {
    static const cast_case cases[] = {
        {"TIMESTAMP(9)", "2024-11-26 06:38:56.001000001", "TIMESTAMP(3)",
         "2024-11-26 06:38:56.001000000"},
        {"TIMESTAMP(9)", "2024-11-26 06:38:56.001000001", "TIMESTAMP(6)",
         "2024-11-26 06:38:56.001000000"},
        {"TIMESTAMP(6)", "2024-11-26 06:38:56.123456", "TIMESTAMP(4)",
         "2024-11-26 06:38:56.123400000"},
        {"TIMESTAMP(3)", "2024-11-26 06:38:56.123", "TIMESTAMP(9)",
         "2024-11-26 06:38:56.123000000"},
        /* DateTimeUtils.truncate rounds the milliseconds toward zero, so before 1970 a
         * truncation to seconds goes up */
        {"TIMESTAMP(9)", "1969-12-31 23:59:58.5", "TIMESTAMP(0)", "1969-12-31 23:59:59.000000000"},
        {"TIMESTAMP(9)", "1969-12-31 23:59:58.500000001", "TIMESTAMP(3)",
         "1969-12-31 23:59:58.500000000"},
        {"TIMESTAMP(6)", "2024-01-01 10:00:00.5", "TIMESTAMP(1)", "2024-01-01 10:00:00.500000000"},
        /* TIMESTAMP <-> TIMESTAMP_LTZ through the session zone (UTC) */
        {"TIMESTAMP(3)", "2024-07-25 09:12:28.123", "TIMESTAMP(3) WITH LOCAL TIME ZONE",
         "2024-07-25 09:12:28.123000000"},
        {"TIMESTAMP(6) WITH LOCAL TIME ZONE", "2024-07-25 09:12:28.123456", "TIMESTAMP(3)",
         "2024-07-25 09:12:28.123000000"},
    };
    RUN_CASES(cases);
}

TEST(timestamps_and_numbers) {
    static const cast_case cases[] = {
        /* CastExecutorTest.testNumericToTimestamp / testTimestampToNumeric: seconds */
        {"BIGINT", "1721898748", "TIMESTAMP(3)", "2024-07-25 09:12:28.000000000"},
        {"INT", "1721898748", "TIMESTAMP(3) WITH LOCAL TIME ZONE", "2024-07-25 09:12:28.000000000"},
        {"INT", "-1", "TIMESTAMP(3)", "1969-12-31 23:59:59.000000000"},
        {"TIMESTAMP(3)", "2024-07-25 09:12:28.123", "BIGINT", "1721898748"},
        {"TIMESTAMP(3) WITH LOCAL TIME ZONE", "2024-07-25 09:12:28.123", "INT", "1721898748"},
        {"TIMESTAMP(3)", "1969-12-31 23:59:58.5", "BIGINT", "-1"}, /* toward zero */
        {"TIMESTAMP(3)", "2286-11-20 17:46:40", "INT", "1410065408"}, /* (int) 10^10 */
        /* only INT and BIGINT have executors, and only to INT and BIGINT */
        {"TINYINT", "1", "TIMESTAMP(3)", "ERR:EINVAL"},
        {"DOUBLE", "1", "TIMESTAMP(3)", "ERR:EINVAL"},
        {"DECIMAL(10, 0)", "1", "TIMESTAMP(3)", "ERR:EINVAL"},
        {"TIMESTAMP(3)", "2024-01-01 00:00:00", "SMALLINT", "ERR:EINVAL"},
        {"TIMESTAMP(3)", "2024-01-01 00:00:00", "DOUBLE", "ERR:EINVAL"},
        {"TIMESTAMP(3)", "2024-01-01 00:00:00", "DECIMAL(20, 0)", "ERR:EINVAL"},
        /* no TIME precision change, no DATE <-> INT */
        {"TIME(0)", "0", "TIME(3)", "ERR:EINVAL"},
        {"DATE", "0", "INT", "ERR:EINVAL"},
        {"INT", "0", "DATE", "ERR:EINVAL"},
        {"DATE", "0", "TIME(0)", "ERR:EINVAL"},
    };
    RUN_CASES(cases);
}

TEST(strings_to_dates_and_times) {
    static const cast_case cases[] = {
        /* CastExecutorTest.testStringToDate / testStringToTime */
        {"VARCHAR(25)", "2023-06-06", "DATE", "19514"},
        {"VARCHAR(25)", "09:30:00.0", "TIME(2)", "34200000"},
        /* DateTimeUtils.parseDate: a time part is ignored, components trimmed, years 0..9999,
         * and digits alone are a day count */
        {"STRING", "2024-02-29", "DATE", "19782"},
        {"STRING", "2023-02-29", "DATE", "ERR:EINVAL"},
        {"STRING", "2023-04-31", "DATE", "ERR:EINVAL"},
        {"STRING", "2017-12-12 09:30:00.0", "DATE", "17512"},
        {"STRING", " 2023 - 6 - 6 ", "DATE", "19514"},
        {"STRING", "2023-6", "DATE", "19509"},
        {"STRING", "2023", "DATE", "2023"},
        {"STRING", "-5", "DATE", "-5"},
        {"STRING", "0000-01-01", "DATE", "-719528"},
        {"STRING", "10000-01-01", "DATE", "ERR:EINVAL"},
        {"STRING", "2023-13-01", "DATE", "ERR:EINVAL"},
        {"STRING", "+2023-01-01", "DATE", "ERR:EINVAL"},
        {"STRING", "2023/01/01", "DATE", "ERR:EINVAL"},
        {"STRING", "99999999999", "DATE", "ERR:EINVAL"},
        {"STRING", "", "DATE", "ERR:EINVAL"},
        /* DateTimeUtils.parseTime: lenient fields, three fraction digits rounded by the fourth,
         * a zone offset applied with Java's sign convention */
        {"STRING", "10:01:55.615", "TIME(3)", "36115615"},
        {"STRING", "10:01:55.6159", "TIME(3)", "36115616"},
        {"STRING", "10:01:55.6", "TIME(3)", "36115600"},
        {"STRING", "10:30", "TIME(0)", "37800000"},
        {"STRING", "10", "TIME(0)", "10"}, /* digits alone are milliseconds */
        {"STRING", "25:00", "TIME(0)", "90000000"},
        {"STRING", "10:00:00+01", "TIME(0)", "39600000"},
        {"STRING", "10:00:00-01:30", "TIME(0)", "30600000"},
        {"STRING", " 10 : 30 ", "TIME(0)", "37800000"},
        {"STRING", "10:00:00.1x5", "TIME(3)", "36000105"}, /* non-digits count as 0 */
        {"STRING", "a", "TIME(0)", "ERR:EINVAL"},
        {"STRING", "10:", "TIME(0)", "ERR:EINVAL"},
        {"STRING", "+5", "TIME(0)", "ERR:EINVAL"},
    };
    RUN_CASES(cases);
}

TEST(strings_to_timestamps) {
    static const cast_case cases[] = {
        /* CastExecutorTest.testStringToTimestamp */
        {"VARCHAR(25)", "2017-12-12 09:30:00.0", "TIMESTAMP(3)", "2017-12-12 09:30:00.000000000"},
        {"VARCHAR(25)", "2017-12-12 09:30:00.0", "TIMESTAMP(3) WITH LOCAL TIME ZONE",
         "2017-12-12 09:30:00.000000000"},
        {"STRING", "2024-11-26 06:38:56.001000001", "TIMESTAMP(9)",
         "2024-11-26 06:38:56.001000001"},
        {"STRING", "2024-11-26 06:38:56.001000001", "TIMESTAMP(3)",
         "2024-11-26 06:38:56.001000000"},
        {"STRING", "2024-01-01T10:00:00.999", "TIMESTAMP(0)", "2024-01-01 10:00:00.000000000"},
        {"STRING", "2024-1-5T1:2", "TIMESTAMP(3)", "2024-01-05 01:02:00.000000000"},
        {"STRING", "2024-01-01", "TIMESTAMP(6)", "2024-01-01 00:00:00.000000000"},
        /* SMART resolution: the last day of the month, 24:00 is the next midnight */
        {"STRING", "2023-02-30", "TIMESTAMP(3)", "2023-02-28 00:00:00.000000000"},
        {"STRING", "2024-01-01 24:00:00", "TIMESTAMP(3)", "2024-01-02 00:00:00.000000000"},
        {"STRING", "2024-01-01 24:00:01", "TIMESTAMP(3)", "ERR:EINVAL"},
        {"STRING", "2024-01-", "TIMESTAMP(3)", "2024-01-01 00:00:00.000000000"},
        {"STRING", "2024-01-01 10::.5", "TIMESTAMP(3)", "2024-01-01 10:00:00.500000000"},
        {"STRING", "2024-01-01 10:00", "TIMESTAMP(3)", "ERR:EINVAL"}, /* seconds needed */
        {"STRING", "+12345-01-01", "TIMESTAMP(3)", "+12345-01-01 00:00:00.000000000"},
        /* more than 4 digits of year need a sign */
        {"STRING", "12345-01-01", "TIMESTAMP(3)", "ERR:EINVAL"},
        {"STRING", "0000-01-01", "TIMESTAMP(3)", "ERR:EINVAL"},
        {"STRING", "2024-13-01", "TIMESTAMP(3)", "ERR:EINVAL"},
        {"STRING", "2024-01-01 10:00:00T11:00", "TIMESTAMP(3)", "ERR:EINVAL"},
        {"STRING", "2024-01-01 10:00:00.1234567891", "TIMESTAMP(9)", "ERR:EINVAL"},
        /* TIMESTAMP (not LTZ) also reads digits as an epoch in the precision's unit */
        {"STRING", "1721898748000", "TIMESTAMP(3)", "2024-07-25 09:12:28.000000000"},
        {"STRING", "1721898748", "TIMESTAMP(0)", "2024-07-25 09:12:28.000000000"},
        {"STRING", "-5", "TIMESTAMP(6)", "1969-12-31 23:59:59.999995000"},
        {"STRING", "1721898748000000001", "TIMESTAMP(9)", "2024-07-25 09:12:28.000000001"},
        {"STRING", "123", "TIMESTAMP(2)", "ERR:EINVAL"},
        {"STRING", "1721898748000", "TIMESTAMP(3) WITH LOCAL TIME ZONE", "ERR:EINVAL"},
        {"STRING", "99999999999999999999", "TIMESTAMP(3)", "ERR:EINVAL"},
    };
    RUN_CASES(cases);
}
