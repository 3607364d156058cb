/* avro_container.c - the names of Avro block codecs and of the Paimon options that select them. */
#include "format/avro/avro_container.h"

#include "util/strutil.h"

#include <string.h>

static bool name_is(const char *name, size_t len, const char *expected) {
    return strlen(expected) == len && memcmp(name, expected, len) == 0;
}

int pm_avro_codec_parse(const char *name, size_t len, pm_codec *out, paimon_error *err) {
    if (name_is(name, len, "null"))
        *out = PM_CODEC_NONE;
    else if (name_is(name, len, "deflate"))
        *out = PM_CODEC_DEFLATE;
    else if (name_is(name, len, "snappy"))
        *out = PM_CODEC_SNAPPY;
    else if (name_is(name, len, "zstandard"))
        *out = PM_CODEC_ZSTD;
    else
        return pm_err(err, PAIMON_EUNSUPPORTED, "avro codec \"%.*s\" is not supported",
                      (int)(len > 64 ? 64 : len), name);
    return PAIMON_OK;
}

const char *pm_avro_codec_name(pm_codec codec) {
    switch (codec) {
    case PM_CODEC_NONE:
        return "null";
    case PM_CODEC_DEFLATE:
        return "deflate";
    case PM_CODEC_SNAPPY:
        return "snappy";
    case PM_CODEC_ZSTD:
        return "zstandard";
    default:
        return NULL;
    }
}

int pm_avro_codec_from_option(const char *option, pm_codec *out, paimon_error *err) {
    if (option == NULL || pm_str_ieq(option, "zstd") || pm_str_ieq(option, "zstandard"))
        *out = PM_CODEC_ZSTD;
    else if (pm_str_ieq(option, "snappy"))
        *out = PM_CODEC_SNAPPY;
    else if (pm_str_ieq(option, "deflate"))
        *out = PM_CODEC_DEFLATE;
    else if (pm_str_ieq(option, "null") || pm_str_ieq(option, "none") ||
             pm_str_ieq(option, "uncompressed"))
        *out = PM_CODEC_NONE;
    else
        return pm_err(err, PAIMON_EUNSUPPORTED,
                      "compression \"%s\" is not supported for Avro files (use zstd, snappy, "
                      "deflate or none)",
                      option);
    return PAIMON_OK;
}
