/*
 * test.h - the in-house test harness.
 *
 * Write tests as `TEST(name) { ... }` at the start of a line; CMake finds them, builds one
 * executable per file and registers each test with ctest. Checks stop the current test on
 * failure and report the file, line and values:
 *
 *   CHECK(cond)               CHECK_EQ_INT(actual, expected)   CHECK_EQ_STR(actual, expected)
 *   CHECK_EQ_MEM(a, b, n)     CHECK_OK(expr, &err)             CHECK_ERR(expr, code, &err)
 *   CHECK_NEAR(a, b, eps)
 *
 * A test that needs an external resource that is missing calls SKIP("why") (ctest shows it as
 * skipped, exit code 77).
 */
#ifndef PM_TEST_H
#define PM_TEST_H

#include "paimon.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct pm_test_case {
    const char *name;
    void (*fn)(void);
} pm_test_case;

extern const pm_test_case pm_test_cases[]; /* generated per file, NULL-terminated */
extern const char *pm_test_file;

#define TEST(name)                                                                                 \
    void test_##name(void);                                                                        \
    void test_##name(void)

void pm_test_fail(const char *file, int line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void pm_test_skip(const char *why);
const char *pm_test_message(const paimon_error *err); /* "" for NULL */
bool pm_test_failed(void);

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            pm_test_fail(__FILE__, __LINE__, "CHECK(%s)", #cond);                                  \
            return;                                                                                \
        }                                                                                          \
    } while (0)

#define CHECK_EQ_INT(actual, expected)                                                             \
    do {                                                                                           \
        long long pm_a_ = (long long)(actual), pm_e_ = (long long)(expected);                      \
        if (pm_a_ != pm_e_) {                                                                      \
            pm_test_fail(__FILE__, __LINE__, "%s == %s: got %lld, expected %lld", #actual,         \
                         #expected, pm_a_, pm_e_);                                                 \
            return;                                                                                \
        }                                                                                          \
    } while (0)

#define CHECK_NEAR(actual, expected, eps)                                                          \
    do {                                                                                           \
        double pm_a_ = (double)(actual), pm_e_ = (double)(expected);                               \
        if (!(pm_a_ - pm_e_ <= (eps) && pm_e_ - pm_a_ <= (eps))) {                                 \
            pm_test_fail(__FILE__, __LINE__, "%s ~= %s: got %.17g, expected %.17g", #actual,       \
                         #expected, pm_a_, pm_e_);                                                 \
            return;                                                                                \
        }                                                                                          \
    } while (0)

#define CHECK_EQ_STR(actual, expected)                                                             \
    do {                                                                                           \
        const char *pm_a_ = (actual), *pm_e_ = (expected);                                         \
        if (pm_a_ == NULL || pm_e_ == NULL || strcmp(pm_a_, pm_e_) != 0) {                         \
            pm_test_fail(__FILE__, __LINE__, "%s == %s: got \"%s\", expected \"%s\"", #actual,     \
                         #expected, pm_a_ ? pm_a_ : "(null)", pm_e_ ? pm_e_ : "(null)");           \
            return;                                                                                \
        }                                                                                          \
    } while (0)

#define CHECK_EQ_MEM(actual, expected, n)                                                          \
    do {                                                                                           \
        if (memcmp((actual), (expected), (n)) != 0) {                                              \
            pm_test_fail(__FILE__, __LINE__, "%s and %s differ in their first %zu bytes",          \
                         #actual, #expected, (size_t)(n));                                         \
            return;                                                                                \
        }                                                                                          \
    } while (0)

#define CHECK_OK(expr, errp)                                                                       \
    do {                                                                                           \
        int pm_rc_ = (expr);                                                                       \
        if (pm_rc_ != PAIMON_OK) {                                                                 \
            pm_test_fail(__FILE__, __LINE__, "%s failed with %s: %s", #expr,                       \
                         paimon_status_name(pm_rc_), pm_test_message(errp));               \
            return;                                                                                \
        }                                                                                          \
    } while (0)

#define CHECK_ERR(expr, code, errp)                                                                \
    do {                                                                                           \
        int pm_rc_ = (expr);                                                                       \
        if (pm_rc_ != (code)) {                                                                    \
            pm_test_fail(__FILE__, __LINE__, "%s returned %s, expected %s (%s)", #expr,            \
                         paimon_status_name(pm_rc_), paimon_status_name(code),                     \
                         pm_test_message(errp));                                           \
            return;                                                                                \
        }                                                                                          \
    } while (0)

#define SKIP(why)                                                                                  \
    do {                                                                                           \
        pm_test_skip(why);                                                                         \
        return;                                                                                    \
    } while (0)

/* Helpers. */

/* The shared compat corpus directory (ends without '/'), or NULL when it is not available. */
const char *pm_test_compat_dir(void);
/* "<compat>/tables/<rel>" in a static buffer; SKIPs through the caller when absent. */
const char *pm_test_table_path(const char *rel);
/* The tables of the corpus folder `format` (e.g. "parquet"): up to `cap` malloc'ed paths
 * "<compat>/tables/<format>/<name>.db/<name>" into dirs (the caller frees them). Returns the
 * count, or -1 when the corpus is absent. */
int pm_test_corpus_tables(const char *format, char **dirs, int cap);
/* A fresh empty directory, removed with its content when the test process exits successfully. */
const char *pm_test_tmpdir(void);
/* Decodes hex (whitespace ignored) into out; returns the byte count or -1 on bad input. */
long pm_test_hex(const char *hex, uint8_t *out, size_t cap);
/* Reads a whole file into a malloc'ed buffer (NUL-terminated); NULL on failure. */
uint8_t *pm_test_read_file(const char *path, size_t *len_out);

#endif
