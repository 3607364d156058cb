/* value_format.h - rendering values as JSON or plain text (the public paimon_row_formatter). */
#ifndef PM_TABLE_VALUE_FORMAT_H
#define PM_TABLE_VALUE_FORMAT_H

#include "data/arrow_builder.h"
#include "data/datum.h"
#include "data/type.h"
#include "util/buf.h"

/* A scalar value; `json` quotes strings and renders null as null (else as nothing). */
int pm_value_append_datum(pm_buf *out, const pm_type *type, const pm_datum *d, bool json);
/* Cell i of an Arrow array of `type` (nested values always as JSON). */
int pm_value_append_cell(pm_buf *out, const pm_type *type, const struct ArrowArray *a, int64_t i,
                         bool json, int depth);
/* A JSON string literal (or raw text when !quoted); invalid UTF-8 becomes U+FFFD. */
int pm_json_append_string(pm_buf *out, const uint8_t *s, size_t n, bool quoted);

#endif
