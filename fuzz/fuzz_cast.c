/*
 * fuzz_cast.c - casts between random pairs of atomic types on random values.
 *
 * Input: byte 0 picks the source type, byte 1 the target type (indexes into TYPES), the rest is
 * the values: for strings and binaries, newline-separated byte strings (a lone 0x00 is a null);
 * for the other types, consecutive little-endian raw values of the Arrow width (the first byte
 * of each value is 0xFF for a null). Every string payload is also cast, as one STRING value, to
 * every type, which drives all of the text parsers.
 *
 * Checked: no crash or sanitizer report, an error or an array of the same length, and the
 * scalar path agreeing with the array path about nulls.
 */
#include "data/cast.h"

#include "util/endian.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const TYPES[] = {
    "BOOLEAN",      "TINYINT",       "SMALLINT",     "INT",
    "BIGINT",       "FLOAT",         "DOUBLE",       "DECIMAL(5, 2)",
    "DECIMAL(6, 3)", "DECIMAL(18, 4)", "DECIMAL(38, 10)", "DECIMAL(1, 0)",
    "CHAR(3)",      "VARCHAR(5)",    "STRING",       "BINARY(4)",
    "VARBINARY(3)", "BYTES",         "DATE",         "TIME(0)",
    "TIME(3)",      "TIMESTAMP(0)",  "TIMESTAMP(3)", "TIMESTAMP(6)",
    "TIMESTAMP(9)", "TIMESTAMP(3) WITH LOCAL TIME ZONE", "TIMESTAMP(9) WITH LOCAL TIME ZONE",
    "STRING NOT NULL", "DECIMAL(38, 0)",
};
#define TYPE_COUNT (sizeof TYPES / sizeof TYPES[0])
#define MAX_VALUES 64

static pm_type *parsed[TYPE_COUNT];

static void parse_types(void) {
    if (parsed[0] != NULL)
        return;
    for (size_t i = 0; i < TYPE_COUNT; i++) {
        if (pm_type_parse(TYPES[i], &parsed[i], NULL) != PAIMON_OK)
            abort();
    }
}

static int width_of(const pm_type *t) {
    switch (t->id) {
    case PM_TYPE_BOOLEAN:
    case PM_TYPE_TINYINT: return 1;
    case PM_TYPE_SMALLINT: return 2;
    case PM_TYPE_INT:
    case PM_TYPE_FLOAT:
    case PM_TYPE_DATE:
    case PM_TYPE_TIME: return 4;
    case PM_TYPE_DECIMAL: return 16;
    default: return 8;
    }
}

/* Fills `col` (of type t) from the payload; returns 0 or an error. */
static int build(pm_col *col, const pm_type *t, const uint8_t *p, size_t n) {
    int rc = PAIMON_OK;
    size_t count = 0;
    if (pm_type_is_string(t) || pm_type_is_binary(t)) {
        size_t start = 0;
        for (size_t i = 0; i <= n && rc == PAIMON_OK && count < MAX_VALUES; i++) {
            if (i < n && p[i] != '\n')
                continue;
            size_t len = i - start;
            if (len == 1 && p[start] == 0)
                rc = pm_col_append_null(col);
            else
                rc = pm_col_append_bytes(col, p + start, len);
            start = i + 1;
            count++;
        }
        return rc;
    }
    size_t w = (size_t)width_of(t);
    for (size_t at = 0; at + w <= n && rc == PAIMON_OK && count < MAX_VALUES; at += w, count++) {
        const uint8_t *v = p + at;
        if (v[0] == 0xFF) {
            rc = pm_col_append_null(col);
            continue;
        }
        switch (t->id) {
        case PM_TYPE_BOOLEAN: rc = pm_col_append_bool(col, v[0] & 1); break;
        case PM_TYPE_TINYINT: rc = pm_col_append_int(col, (int8_t)v[0]); break;
        case PM_TYPE_SMALLINT: rc = pm_col_append_int(col, (int16_t)pm_load_le16(v)); break;
        case PM_TYPE_INT:
        case PM_TYPE_DATE:
        case PM_TYPE_TIME: rc = pm_col_append_int(col, (int32_t)pm_load_le32(v)); break;
        case PM_TYPE_FLOAT:
            rc = pm_col_append_double(col, pm_f32_from_bits(pm_load_le32(v)));
            break;
        case PM_TYPE_DOUBLE:
            rc = pm_col_append_double(col, pm_f64_from_bits(pm_load_le64(v)));
            break;
        case PM_TYPE_DECIMAL: rc = pm_col_append_decimal(col, pm_dec_load_le(v)); break;
        default: rc = pm_col_append_int(col, (int64_t)pm_load_le64(v)); break; /* raw units */
        }
    }
    return rc;
}

/* Every type from one string: the parsers see arbitrary bytes. */
static void cast_text_everywhere(const uint8_t *p, size_t n) {
    pm_buf scratch = PM_BUF_INIT;
    pm_datum in = pm_datum_bytes(p, n), out;
    for (size_t k = 0; k < TYPE_COUNT; k++) {
        pm_buf_clear(&scratch);
        paimon_error err = {0};
        (void)pm_datum_cast(&in, parsed[14], parsed[k], &scratch, &out, &err);
    }
    pm_buf_dispose(&scratch);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 2)
        return 0;
    parse_types();
    const pm_type *from = parsed[data[0] % TYPE_COUNT];
    const pm_type *to = parsed[data[1] % TYPE_COUNT];
    const uint8_t *p = data + 2;
    size_t n = size - 2;
    if (pm_type_is_string(from) && n <= 4096)
        cast_text_everywhere(p, n);
    pm_col col;
    if (pm_col_init(&col, from, NULL) != PAIMON_OK)
        return 0;
    struct ArrowArray src, out;
    if (build(&col, from, p, n) != PAIMON_OK || pm_col_finish(&col, &src, NULL) != PAIMON_OK) {
        pm_col_dispose(&col);
        return 0;
    }
    paimon_error err = {0};
    int rc = pm_arrow_cast(&src, from, to, &out, &err);
    if (rc == PAIMON_OK) {
        if (out.length != src.length)
            abort();
        pm_buf scratch = PM_BUF_INIT;
        for (int64_t i = 0; i < src.length; i++) {
            pm_buf_clear(&scratch);
            pm_datum in = pm_arrow_get_datum(&src, from, i), res;
            if (pm_datum_cast(&in, from, to, &scratch, &res, NULL) != PAIMON_OK)
                abort(); /* the array cast succeeded on this value */
            if (res.is_null != !pm_arrow_is_valid(&out, i))
                abort();
        }
        pm_buf_dispose(&scratch);
        out.release(&out);
    } else if (rc != PAIMON_EINVAL && rc != PAIMON_ELIMIT && rc != PAIMON_EUNSUPPORTED &&
               rc != PAIMON_ENOMEM) {
        abort();
    }
    src.release(&src);
    pm_col_dispose(&col);
    return 0;
}
