/*
 * sketch_vectors.h - replays the Java reference vectors of tests/agg/vectors/<function>.txt.zst
 * (written by GenVectors.java) through pm_field_agg and compares the result bytes.
 *
 * File format, one item a line:  "case <name>", then "in <hex>" per input value ("-" = empty
 * bytes), then "out <hex>" (Java's folded result) or "err <exception>" (Java failed).
 */
#ifndef PM_SKETCH_VECTORS_H
#define PM_SKETCH_VECTORS_H

#include "agg/field_agg.h"
#include "codec/codec.h"
#include "test.h"
#include "util/buf.h"
#include "util/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SV_UNUSED __attribute__((unused)) /* a test may use only some of these */

typedef struct sv_stats {
    int cases, passed, errors_expected;
} sv_stats;

static SV_UNUSED int sv_hex(const char *s, size_t n, pm_buf *out) {
    out->len = 0;
    if (n == 1 && s[0] == '-')
        return 0;
    if (n % 2 != 0)
        return -1;
    if (pm_buf_reserve(out, n / 2) != PAIMON_OK)
        return -1;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (v < 0)
            return -1;
        if (i % 2 == 0)
            out->data[out->len] = (uint8_t)(v << 4);
        else
            out->data[out->len++] |= (uint8_t)v;
    }
    return 0;
}

/* The vectors are kept zstd-compressed (<function>.txt.zst): a tenth of the hex text's size. */
static SV_UNUSED char *sv_read_file(const char *function) {
    const char *src = getenv("PAIMON_SOURCE_DIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/agg/vectors/%s.txt.zst", src ? src : ".", function);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    pm_buf packed = PM_BUF_INIT, text = PM_BUF_INIT;
    char chunk[65536];
    size_t got;
    bool ok = true;
    while (ok && (got = fread(chunk, 1, sizeof chunk, f)) > 0)
        ok = pm_buf_append(&packed, chunk, got) == PAIMON_OK;
    fclose(f);
    paimon_error err = {0};
    ok = ok && pm_decompress_append(NULL, PM_CODEC_ZSTD, packed.data, packed.len, &text,
                                    (size_t)64 << 20, &err) == PAIMON_OK &&
         pm_buf_append_byte(&text, 0) == PAIMON_OK;
    paimon_error_clear(&err);
    pm_buf_dispose(&packed);
    if (!ok) {
        pm_buf_dispose(&text);
        return NULL;
    }
    return (char *)text.data; /* freed with pm_free */
}

/* Case `name` of a vector file's text: its inputs (into ins[0..*n), at most `cap`) and Java's
 * output; false when the case is missing, has more inputs, or Java failed on it. */
static SV_UNUSED bool sv_case(const char *text, const char *name, pm_buf *ins, size_t cap,
                              size_t *n, pm_buf *out) {
    size_t name_len = strlen(name);
    bool in_case = false;
    *n = 0;
    for (const char *line = text; *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (len >= 5 && strncmp(line, "case ", 5) == 0) {
            if (in_case)
                return false;
            in_case = len - 5 == name_len && strncmp(line + 5, name, name_len) == 0;
        } else if (in_case && len >= 3 && strncmp(line, "in ", 3) == 0) {
            if (*n == cap || sv_hex(line + 3, len - 3, &ins[(*n)++]) != 0)
                return false;
        } else if (in_case && len >= 4 && strncmp(line, "out ", 4) == 0) {
            return sv_hex(line + 4, len - 4, out) == 0;
        } else if (in_case) {
            return false; /* err */
        }
        line += len + (end != NULL);
    }
    return false;
}

/* Runs one case; returns NULL when Java's outcome is reproduced, else a description. */
static SV_UNUSED const char *sv_run_case(const char *function, const pm_type *t, pm_buf *ins,
                               size_t in_count, const pm_buf *expected, bool expect_err,
                               char *msg, size_t msg_len) {
    pm_field_agg *a = NULL;
    paimon_error err = {0};
    if (pm_field_agg_new(function, "c", t, NULL, NULL, &a, &err) != PAIMON_OK) {
        snprintf(msg, msg_len, "create: %s", pm_test_message(&err));
        paimon_error_clear(&err);
        return msg;
    }
    const char *res = NULL;
    bool failed = false;
    for (size_t i = 0; i < in_count && !failed; i++) {
        pm_col c;
        struct ArrowArray arr;
        pm_col_init(&c, t, NULL);
        pm_col_append_bytes(&c, ins[i].data ? (const void *)ins[i].data : "", ins[i].len);
        pm_col_finish(&c, &arr, NULL);
        pm_col_dispose(&c);
        if (pm_field_agg_add(a, &arr, 0, &err) != PAIMON_OK) {
            failed = true;
            if (!expect_err) {
                snprintf(msg, msg_len, "add #%zu failed: %s", i, pm_test_message(&err));
                res = msg;
            }
        }
        arr.release(&arr);
    }
    if (!failed && expect_err) {
        snprintf(msg, msg_len, "Java failed, we did not");
        res = msg;
    } else if (!failed) {
        pm_col c;
        struct ArrowArray arr;
        pm_col_init(&c, t, NULL);
        if (pm_field_agg_result(a, &c, &err) != PAIMON_OK) {
            snprintf(msg, msg_len, "result failed: %s", pm_test_message(&err));
            res = msg;
        } else {
            pm_col_finish(&c, &arr, NULL);
            pm_datum d = pm_arrow_get_datum(&arr, t, 0);
            if (d.is_null || d.v.bytes.len != expected->len ||
                (expected->len > 0 && memcmp(d.v.bytes.ptr, expected->data, expected->len) != 0)) {
                size_t at = 0;
                while (!d.is_null && at < d.v.bytes.len && at < expected->len &&
                       d.v.bytes.ptr[at] == expected->data[at])
                    at++;
                snprintf(msg, msg_len, "bytes differ: got %zu bytes, expected %zu, first difference at %zu",
                         d.is_null ? 0 : d.v.bytes.len, expected->len, at);
                res = msg;
            }
            arr.release(&arr);
        }
        pm_col_dispose(&c);
    }
    paimon_error_clear(&err);
    pm_field_agg_free(a);
    return res;
}

/* Replays every case of the function's vector file; fails the test on the first mismatch
 * (reporting every mismatching case first). */
static SV_UNUSED bool sv_replay(const char *function, sv_stats *st) {
    memset(st, 0, sizeof *st);
    char *text = sv_read_file(function);
    if (text == NULL) {
        pm_test_fail(__FILE__, __LINE__, "cannot read the vectors of %s", function);
        return false;
    }
    pm_type *t = NULL;
    pm_type_parse("BYTES", &t, NULL);
    pm_buf ins[16], expected;
    for (int i = 0; i < 16; i++)
        pm_buf_init(&ins[i]);
    pm_buf_init(&expected);
    size_t in_count = 0;
    char name[128] = "", msg[512];
    bool ok = true;
    for (char *line = text; *line;) {
        char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (len >= 5 && strncmp(line, "case ", 5) == 0) {
            snprintf(name, sizeof name, "%.*s", (int)(len - 5), line + 5);
            in_count = 0;
        } else if (len >= 3 && strncmp(line, "in ", 3) == 0 && in_count < 16) {
            if (sv_hex(line + 3, len - 3, &ins[in_count++]) != 0)
                ok = false;
        } else if ((len >= 4 && strncmp(line, "out ", 4) == 0) ||
                   (len >= 4 && strncmp(line, "err ", 4) == 0)) {
            bool is_err = line[0] == 'e';
            if (!is_err && sv_hex(line + 4, len - 4, &expected) != 0)
                ok = false;
            st->cases++;
            st->errors_expected += is_err;
            const char *why = sv_run_case(function, t, ins, in_count, &expected, is_err, msg,
                                          sizeof msg);
            if (why != NULL) {
                fprintf(stderr, "%s case %s: %s\n", function, name, why);
                ok = false;
            } else {
                st->passed++;
            }
        }
        line += len + (end != NULL);
    }
    for (int i = 0; i < 16; i++)
        pm_buf_dispose(&ins[i]);
    pm_buf_dispose(&expected);
    pm_type_free(t);
    pm_free(text);
    fprintf(stderr, "%s: %d of %d cases reproduce Java (%d where Java fails)\n", function,
            st->passed, st->cases, st->errors_expected);
    return ok;
}

#endif
