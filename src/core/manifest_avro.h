/*
 * manifest_avro.h - the Avro side of manifest.h: decoders that resolve fields by name against
 * each file's writer schema, and the exact writer schemas Java's master writes (spec 03 §3).
 * pm_manifest_*_decode (manifest_io.c) sniff the format and dispatch here for Avro files.
 */
#ifndef PM_CORE_MANIFEST_AVRO_H
#define PM_CORE_MANIFEST_AVRO_H

#include "core/manifest.h"

/* Format identifiers stored in `_VERSION` (ManifestSchemaUtils); any other value is refused. */
#define PM_MANIFEST_VERSION 2
#define PM_INDEX_MANIFEST_VERSION 1

/* The writer schemas, byte-identical to Java's (spec 03 §3.1-3.3). */
extern const char PM_MANIFEST_AVRO_SCHEMA[];
extern const char PM_MANIFEST_LIST_AVRO_SCHEMA[];
extern const char PM_INDEX_MANIFEST_AVRO_SCHEMA[];
/* The record schema of `_GLOBAL_INDEX`; pm_index_manifest_entry.global_index holds one datum
 * of it in the Avro binary encoding. */
extern const char PM_GLOBAL_INDEX_AVRO_SCHEMA[];

/* Decode Avro files into `out` (zeroed first; disposed again on failure). Errors carry no file
 * name: manifest_io.c adds it. */
int pm_manifest_list_decode_avro(const uint8_t *data, size_t len, pm_manifest_list *out,
                                 paimon_error *err);
int pm_manifest_decode_avro(const uint8_t *data, size_t len, pm_manifest *out, paimon_error *err);
int pm_index_manifest_decode_avro(const uint8_t *data, size_t len, pm_index_manifest *out,
                                  paimon_error *err);

#endif
