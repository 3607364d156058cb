/*
 * cast_fixture.h - table-driven cast tests: values written as text, cast with pm_datum_cast and
 * shown as text again, independently of the cast module (timeutil and decimal do the text).
 *
 * Inputs by type: BOOLEAN true/false; integers, DATE (days) and TIME (millis) as integers;
 * FLOAT/DOUBLE as C literals (hex floats, "nan", "inf"); DECIMAL as decimal text; strings and
 * binaries as their bytes; TIMESTAMP as "YYYY-MM-DD HH:MM:SS[.fffffffff]" (UTC wall clock).
 * Outputs: the same forms, FLOAT/DOUBLE as "%a" hex floats, timestamps always with nine
 * fraction digits, binaries as x'hex', "NULL" for null, and "ERR:<status>" when the cast fails.
 */
#ifndef PM_TEST_CAST_FIXTURE_H
#define PM_TEST_CAST_FIXTURE_H

#include "test.h"
#include "data/cast.h"
#include "util/timeutil.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct cast_case {
    const char *from;
    const char *input;
    const char *to;
    const char *expected;
} cast_case;

/* A datum of `type` from the text forms above; string payloads point into `text`. */
static inline pm_datum fixture_datum(const pm_type *type, const char *text) {
    pm_datum d = pm_datum_null();
    if (text == NULL)
        return d;
    d.is_null = false;
    size_t n = strlen(text);
    switch (type->id) {
    case PM_TYPE_BOOLEAN: d.v.b = strcmp(text, "true") == 0; break;
    case PM_TYPE_FLOAT: d.v.f = (float)strtod(text, NULL); break;
    case PM_TYPE_DOUBLE: d.v.f = strtod(text, NULL); break;
    case PM_TYPE_DECIMAL:
        if (!pm_dec_parse(text, n, type->scale, &d.v.dec))
            d.is_null = true;
        break;
    case PM_TYPE_TIMESTAMP:
    case PM_TYPE_TIMESTAMP_LTZ:
        if (!pm_parse_timestamp(text, n, &d.v.ts.millis, &d.v.ts.nanos))
            d.is_null = true;
        break;
    case PM_TYPE_CHAR:
    case PM_TYPE_VARCHAR:
    case PM_TYPE_BINARY:
    case PM_TYPE_VARBINARY: d = pm_datum_bytes(text, n); break;
    default: d.v.i = strtoll(text, NULL, 10); break;
    }
    return d;
}

/* The text form of a datum of `type` (a static buffer). */
static inline const char *fixture_show(const pm_type *type, const pm_datum *d) {
    static char buf[512];
    if (d->is_null)
        return "NULL";
    switch (type->id) {
    case PM_TYPE_BOOLEAN: return d->v.b ? "true" : "false";
    case PM_TYPE_FLOAT:
    case PM_TYPE_DOUBLE:
        if (isnan(d->v.f))
            return "nan";
        snprintf(buf, sizeof buf, "%a", d->v.f);
        return buf;
    case PM_TYPE_DECIMAL: pm_dec_format(d->v.dec, type->scale, buf); return buf;
    case PM_TYPE_TIMESTAMP:
    case PM_TYPE_TIMESTAMP_LTZ:
        pm_format_timestamp(d->v.ts.millis, d->v.ts.nanos, 9, buf);
        return buf;
    case PM_TYPE_CHAR:
    case PM_TYPE_VARCHAR:
        snprintf(buf, sizeof buf, "%.*s", (int)d->v.bytes.len, (const char *)d->v.bytes.ptr);
        return buf;
    case PM_TYPE_BINARY:
    case PM_TYPE_VARBINARY: {
        size_t p = (size_t)snprintf(buf, sizeof buf, "x'");
        for (size_t i = 0; i < d->v.bytes.len && p + 4 < sizeof buf; i++)
            p += (size_t)snprintf(buf + p, sizeof buf - p, "%02x", d->v.bytes.ptr[i]);
        snprintf(buf + p, sizeof buf - p, "'");
        return buf;
    }
    default: snprintf(buf, sizeof buf, "%" PRId64, d->v.i); return buf;
    }
}

/* Runs a table; on a mismatch the failure names the row. */
static inline void run_cast_cases(const cast_case *cases, size_t count) {
    for (size_t i = 0; i < count; i++) {
        const cast_case *c = &cases[i];
        pm_type *from = NULL, *to = NULL;
        paimon_error err = {0};
        if (pm_type_parse(c->from, &from, &err) != PAIMON_OK ||
            pm_type_parse(c->to, &to, &err) != PAIMON_OK) {
            pm_test_fail(__FILE__, __LINE__, "row %zu: bad type: %s", i, err.message);
            pm_type_free(from);
            return;
        }
        pm_datum in = fixture_datum(from, c->input), out;
        pm_buf scratch = PM_BUF_INIT;
        int rc = pm_datum_cast(&in, from, to, &scratch, &out, &err);
        char got[600];
        if (rc != PAIMON_OK)
            snprintf(got, sizeof got, "ERR:%s", paimon_status_name(rc));
        else
            snprintf(got, sizeof got, "%s", fixture_show(to, &out));
        bool ok = strcmp(got, c->expected) == 0;
        if (!ok)
            pm_test_fail(__FILE__, __LINE__,
                         "row %zu: %s '%s' -> %s: got \"%s\", expected \"%s\" (%s)", i, c->from,
                         c->input ? c->input : "NULL", c->to, got, c->expected, err.message);
        pm_buf_dispose(&scratch);
        pm_type_free(from);
        pm_type_free(to);
        if (!ok)
            return;
    }
}

#define RUN_CASES(table) run_cast_cases((table), sizeof(table) / sizeof((table)[0]))

#endif
