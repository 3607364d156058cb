/* Writer time zones of ORC timestamps: UTC names need no file, real zones come from the system
 * tz database (with their historical rules), bad names are refused. */
#include "test.h"
#include "format/orc/orc_tz.h"

#include <stdio.h>

TEST(utc_names_need_no_database) {
    paimon_error err = {0};
    pm_orc_tz tz;
    CHECK_OK(pm_orc_tz_load("GMT", &tz, &err), &err);
    CHECK_EQ_INT(pm_orc_tz_offset(&tz, 1700000000), 0);
    CHECK_EQ_INT(pm_orc_tz_base(&tz), 1420070400);
    pm_orc_tz_dispose(&tz);
}

TEST(shanghai_offsets_including_1988_daylight_saving) {
    paimon_error err = {0};
    pm_orc_tz tz;
    int rc = pm_orc_tz_load("Asia/Shanghai", &tz, &err);
    if (rc == PAIMON_EUNSUPPORTED)
        SKIP("no system tz database");
    CHECK_OK(rc, &err);
    CHECK_EQ_INT(pm_orc_tz_offset(&tz, 1577836800), 8 * 3600); /* 2020-01-01 */
    CHECK_EQ_INT(pm_orc_tz_offset(&tz, 583718400), 9 * 3600);  /* 1988-07-01: DST */
    CHECK_EQ_INT(pm_orc_tz_base(&tz), 1420070400 - 8 * 3600);
    pm_orc_tz_dispose(&tz);
}

TEST(invalid_zone_names_are_refused) {
    paimon_error err = {0};
    pm_orc_tz tz;
    CHECK_ERR(pm_orc_tz_load("../../etc/passwd", &tz, &err), PAIMON_EUNSUPPORTED, &err);
    CHECK_ERR(pm_orc_tz_load("No/Such_Zone", &tz, &err), PAIMON_EUNSUPPORTED, &err);
    CHECK(strstr(err.message, "No/Such_Zone") != NULL);
    const uint8_t junk[] = "TZif2 but far too short";
    CHECK_ERR(pm_orc_tz_parse(junk, sizeof junk, &tz, &err), PAIMON_ECORRUPT, &err);
}
