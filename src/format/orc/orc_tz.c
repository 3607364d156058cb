/* orc_tz.c - reading TZif files for the writer time zones of ORC timestamps. */
#include "format/orc/orc_tz.h"

#include "util/endian.h"
#include "util/mem.h"

#include <stdio.h>
#include <string.h>

#define ORC_EPOCH_2015 1420070400LL
#define TZIF_MAX_BYTES (1u << 20)

static bool is_utc_name(const char *name) {
    static const char *const utc[] = {"",        "UTC",     "GMT",     "Z",         "Etc/UTC",
                                      "Etc/GMT", "Etc/UCT", "UCT",     "Universal", "Zulu",
                                      "Etc/Universal", "Etc/Zulu", "GMT0", "Etc/GMT0", "Etc/GMT+0",
                                      "Etc/GMT-0", "Greenwich", "Etc/Greenwich"};
    for (size_t i = 0; i < sizeof utc / sizeof utc[0]; i++) {
        if (strcmp(name, utc[i]) == 0)
            return true;
    }
    return false;
}

/* A zone name becomes a path: allow only the characters tz names use, never "..". */
static bool is_safe_name(const char *name) {
    if (name[0] == '/' || strstr(name, "..") != NULL)
        return false;
    for (const char *p = name; *p; p++) {
        char c = *p;
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '/' || c == '_' || c == '-' || c == '+'))
            return false;
    }
    return true;
}

int pm_orc_tz_parse(const uint8_t *data, size_t len, pm_orc_tz *out, paimon_error *err) {
    /* Header: "TZif", version, 15 unused bytes, six big-endian counts. */
    if (len < 44 || memcmp(data, "TZif", 4) != 0)
        return PM_CORRUPT(err, "time zone file is not TZif");
    uint8_t version = data[4];
    const uint8_t *h = data;
    size_t time_size = 4;
    for (int pass = 0; pass < 2; pass++) {
        if ((size_t)(h - data) + 44 > len)
            return PM_CORRUPT(err, "time zone file truncated");
        uint32_t isutcnt = pm_load_be32(h + 20), isstdcnt = pm_load_be32(h + 24),
                 leapcnt = pm_load_be32(h + 28), timecnt = pm_load_be32(h + 32),
                 typecnt = pm_load_be32(h + 36), charcnt = pm_load_be32(h + 40);
        if (timecnt > 100000 || typecnt == 0 || typecnt > 256 || leapcnt > 10000 ||
            charcnt > 100000 || isutcnt > 256 || isstdcnt > 256)
            return PM_CORRUPT(err, "time zone file has implausible counts");
        size_t body = (size_t)timecnt * time_size + timecnt + (size_t)typecnt * 6 + charcnt +
                      (size_t)leapcnt * (time_size + 4) + isstdcnt + isutcnt;
        const uint8_t *b = h + 44;
        if ((size_t)(b - data) + body > len)
            return PM_CORRUPT(err, "time zone file truncated");
        if (pass == 0 && version >= '2') {
            /* Skip the 32-bit section; the 64-bit one follows with its own header. */
            h = b + body;
            time_size = 8;
            continue;
        }
        const uint8_t *times = b;
        const uint8_t *idx = times + (size_t)timecnt * time_size;
        const uint8_t *types = idx + timecnt;
        out->times = pm_calloc(timecnt ? timecnt : 1, sizeof *out->times);
        out->offsets = pm_calloc(timecnt ? timecnt : 1, sizeof *out->offsets);
        if (out->times == NULL || out->offsets == NULL) {
            pm_orc_tz_dispose(out);
            return pm_err_nomem(err);
        }
        for (uint32_t i = 0; i < timecnt; i++) {
            int64_t t = time_size == 8 ? (int64_t)pm_load_be64(times + (size_t)i * 8)
                                       : (int64_t)(int32_t)pm_load_be32(times + (size_t)i * 4);
            uint8_t ti = idx[i];
            if (ti >= typecnt) {
                pm_orc_tz_dispose(out);
                return PM_CORRUPT(err, "time zone file: bad type index");
            }
            out->times[i] = t;
            out->offsets[i] = (int32_t)pm_load_be32(types + (size_t)ti * 6);
        }
        out->count = timecnt;
        /* Before the first transition: the first non-DST type (RFC 8536 §3.2), else type 0. */
        out->initial = (int32_t)pm_load_be32(types);
        for (uint32_t k = 0; k < typecnt; k++) {
            if (types[(size_t)k * 6 + 4] == 0) {
                out->initial = (int32_t)pm_load_be32(types + (size_t)k * 6);
                break;
            }
        }
        return PAIMON_OK;
    }
    return PM_CORRUPT(err, "time zone file truncated");
}

int pm_orc_tz_load(const char *name, pm_orc_tz *out, paimon_error *err) {
    memset(out, 0, sizeof *out);
    size_t n = strlen(name);
    if (n >= sizeof out->name)
        return pm_err(err, PAIMON_EUNSUPPORTED, "writer time zone name too long");
    memcpy(out->name, name, n + 1);
    if (is_utc_name(name))
        return PAIMON_OK;
    if (!is_safe_name(name))
        return pm_err(err, PAIMON_EUNSUPPORTED, "invalid writer time zone \"%s\"", name);
    char path[160];
    snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", name);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return pm_err(err, PAIMON_EUNSUPPORTED,
                      "writer time zone \"%s\" is not in the system tz database", name);
    uint8_t *buf = pm_malloc(TZIF_MAX_BYTES);
    if (buf == NULL) {
        fclose(f);
        return pm_err_nomem(err);
    }
    size_t len = fread(buf, 1, TZIF_MAX_BYTES, f);
    fclose(f);
    int rc = pm_orc_tz_parse(buf, len, out, err);
    pm_free(buf);
    if (rc != PAIMON_OK)
        return pm_err_prefix(err, "writer time zone \"%s\": ", name);
    return PAIMON_OK;
}

void pm_orc_tz_dispose(pm_orc_tz *tz) {
    pm_free(tz->times);
    pm_free(tz->offsets);
    tz->times = NULL;
    tz->offsets = NULL;
    tz->count = 0;
}

int32_t pm_orc_tz_offset(const pm_orc_tz *tz, int64_t utc_seconds) {
    if (tz->count == 0 || utc_seconds < tz->times[0])
        return tz->initial;
    size_t lo = 0, hi = tz->count; /* last transition <= utc_seconds */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (tz->times[mid] <= utc_seconds)
            lo = mid;
        else
            hi = mid;
    }
    return tz->offsets[lo];
}

int64_t pm_orc_tz_base(const pm_orc_tz *tz) {
    int32_t guess = pm_orc_tz_offset(tz, ORC_EPOCH_2015);
    return ORC_EPOCH_2015 - pm_orc_tz_offset(tz, ORC_EPOCH_2015 - guess);
}
