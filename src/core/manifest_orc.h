/*
 * manifest_orc.h - manifest files written with manifest.format = orc (Paimon <= 2.0 tables).
 * pm_manifest_*_decode dispatch here when a file starts with the ORC magic. Same structs and
 * semantics as the Avro path (manifest.h).
 */
#ifndef PM_CORE_MANIFEST_ORC_H
#define PM_CORE_MANIFEST_ORC_H

#include "core/manifest.h"

int pm_manifest_list_decode_orc(const uint8_t *data, size_t len, const char *source,
                                pm_manifest_list *out, paimon_error *err);
int pm_manifest_decode_orc(const uint8_t *data, size_t len, const char *source, pm_manifest *out,
                           paimon_error *err);
int pm_index_manifest_decode_orc(const uint8_t *data, size_t len, const char *source,
                                 pm_index_manifest *out, paimon_error *err);

#endif
