/* Calendar conversions and the date/time text forms of the compat contract. */
#include "test.h"
#include "util/timeutil.h"

TEST(civil_roundtrip) {
    CHECK_EQ_INT(pm_days_from_civil(1970, 1, 1), 0);
    CHECK_EQ_INT(pm_days_from_civil(2024, 1, 1), 19723);
    CHECK_EQ_INT(pm_days_from_civil(1969, 12, 31), -1);
    CHECK_EQ_INT(pm_days_from_civil(2000, 2, 29), 11016);
    for (int64_t d = -800000; d <= 800000; d += 997) {
        int64_t y;
        unsigned m, day;
        pm_civil_from_days(d, &y, &m, &day);
        CHECK_EQ_INT(pm_days_from_civil(y, m, day), d);
    }
}

TEST(format_date_time_timestamp) {
    char buf[PM_TIME_TEXT_MAX];
    pm_format_date(19723, buf);
    CHECK_EQ_STR(buf, "2024-01-01");
    pm_format_time(45296789, 0, 3, buf);
    CHECK_EQ_STR(buf, "12:34:56.789");
    pm_format_time(45296000, 0, 0, buf);
    CHECK_EQ_STR(buf, "12:34:56");
    pm_format_timestamp(1704112496789LL, 123456, 9, buf);
    CHECK_EQ_STR(buf, "2024-01-01 12:34:56.789123456");
    /* Before 1970: -1 ms is 1969-12-31 23:59:59.999. */
    pm_format_timestamp(-1, 0, 3, buf);
    CHECK_EQ_STR(buf, "1969-12-31 23:59:59.999");
    pm_format_timestamp(0, 0, 0, buf);
    CHECK_EQ_STR(buf, "1970-01-01 00:00:00");
}

TEST(parse) {
    int64_t days, ms;
    int32_t nanos;
    CHECK(pm_parse_date("2024-01-01", 10, &days));
    CHECK_EQ_INT(days, 19723);
    CHECK(!pm_parse_date("2023-02-30", 10, &days));
    CHECK(!pm_parse_date("2023-2-3", 8, &days));
    CHECK(pm_parse_timestamp("2024-01-01 12:34:56.789123456", 29, &ms, &nanos));
    CHECK_EQ_INT(ms, 1704112496789LL);
    CHECK_EQ_INT(nanos, 123456);
    CHECK(pm_parse_timestamp("2024-01-01T00:00", 16, &ms, &nanos));
    CHECK_EQ_INT(ms, 1704067200000LL);
    CHECK(pm_parse_timestamp("2024-01-01", 10, &ms, &nanos));
    CHECK(!pm_parse_timestamp("2024-01-01 25:00", 16, &ms, &nanos));
    CHECK(pm_parse_time("23:59:59.5", 10, &ms, &nanos));
    CHECK_EQ_INT(ms, 86399500);
}

TEST(floor_division_and_modulo_at_the_int64_ends) {
    CHECK_EQ_INT(pm_floor_div(-7, 2), -4);
    CHECK_EQ_INT(pm_floor_mod(-7, 2), 1);
    CHECK_EQ_INT(pm_floor_mod(7, 2), 1);
    CHECK_EQ_INT(pm_floor_mod(-86400000, 86400000), 0);
    /* -2^63 milliseconds: floor_div(a, d) * d would overflow */
    CHECK_EQ_INT(pm_floor_mod(INT64_MIN, 86400000), 60424192);
    CHECK_EQ_INT(pm_floor_div(INT64_MIN, 86400000), -106751991168LL);
    CHECK_EQ_INT(pm_floor_mod(INT64_MAX, 86400000), 25975807);
}
