/* manifest_orc.c - placeholder until the ORC reader lands: ORC manifests are refused clearly. */
#include "core/manifest_orc.h"

static int orc_unsupported(const char *source, paimon_error *err) {
    return pm_err(err, PAIMON_EUNSUPPORTED,
                  "%s: ORC manifests (manifest.format = orc) are not supported yet", source);
}

int pm_manifest_list_decode_orc(const uint8_t *data, size_t len, const char *source,
                                pm_manifest_list *out, paimon_error *err) {
    (void)data, (void)len, (void)out;
    return orc_unsupported(source, err);
}

int pm_manifest_decode_orc(const uint8_t *data, size_t len, const char *source, pm_manifest *out,
                           paimon_error *err) {
    (void)data, (void)len, (void)out;
    return orc_unsupported(source, err);
}

int pm_index_manifest_decode_orc(const uint8_t *data, size_t len, const char *source,
                                 pm_index_manifest *out, paimon_error *err) {
    (void)data, (void)len, (void)out;
    return orc_unsupported(source, err);
}
