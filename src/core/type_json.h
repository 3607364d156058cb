/*
 * type_json.h - Paimon data types and fields in their schema-file JSON form (spec 01 §2-3):
 * atomic types as SQL strings, ARRAY/MULTISET/MAP/ROW as objects, fields as
 * {"id", "name", "type", "description"?, "defaultValue"?}.
 */
#ifndef PM_CORE_TYPE_JSON_H
#define PM_CORE_TYPE_JSON_H

#include "data/type.h"
#include "util/error.h"

#include <jansson.h>

/* Parses a JSON array of field objects into a ROW type (owned by the caller). Field ids must be
 * present and unique across all nesting levels; names unique within each ROW. Errors say which
 * field ("field 'a': field 'b': unknown type ..."). */
int pm_row_type_from_json(const json_t *fields, pm_type **out, paimon_error *err);

/* Parses one type value (a string or a nested-type object). `depth` counts enclosing types. */
int pm_type_from_json(const json_t *j, int depth, pm_type **out, paimon_error *err);

/* The JSON of a type / of the fields of a ROW. `original` (may be NULL) is the JSON the type or
 * fields were parsed from: members this version does not know are copied from the field objects
 * with the same id, so rewriting a schema keeps them. NULL on allocation failure. */
json_t *pm_type_to_json(const pm_type *t, const json_t *original);
json_t *pm_fields_to_json(const pm_type *row, const json_t *original_fields);

#endif
