/*
 * json_java.h - JSON as Java Paimon reads and writes its metadata files (jansson underneath).
 *
 * Writing reproduces Jackson's default pretty printer byte for byte: two-space indentation for
 * object members, `"key" : value`, arrays inline (`[ 1, 2 ]`, objects inside them open on the
 * same line), `[ ]` and `{ }` when empty, no trailing newline, non-ASCII characters unescaped.
 *
 * Reading helpers give one-line errors that name the member ("missing required member \"id\"",
 * "member \"id\" must be an integer, not a string"); callers prefix the file name.
 */
#ifndef PM_CORE_JSON_JAVA_H
#define PM_CORE_JSON_JAVA_H

#include "util/buf.h"
#include "util/error.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

/* Parses a whole document that must be a JSON object. Duplicate keys are rejected. */
int pm_json_parse_object(const char *text, size_t len, json_t **out, paimon_error *err);

/* Appends `v` in Jackson's pretty layout. PAIMON_ENOMEM, or PAIMON_ELIMIT when nested deeper
 * than the parser accepts. */
int pm_json_write_java(const json_t *v, pm_buf *out);

/* "an integer", "a string", ... for messages. */
const char *pm_json_kind(const json_t *v);

/* Member readers. "opt" variants treat absent and null alike (*present = false). */
int pm_json_req_int(const json_t *obj, const char *key, int64_t *out, paimon_error *err);
int pm_json_opt_int(const json_t *obj, const char *key, bool *present, int64_t *out,
                    paimon_error *err);
int pm_json_req_str(const json_t *obj, const char *key, const char **out, paimon_error *err);
int pm_json_opt_str(const json_t *obj, const char *key, const char **out, paimon_error *err);
int pm_json_req_member(const json_t *obj, const char *key, json_type type, json_t **out,
                       paimon_error *err);

/* Sets obj[key] to a new value, reporting allocation failure (jansson steals the reference). */
int pm_json_set(json_t *obj, const char *key, json_t *value);

#endif
