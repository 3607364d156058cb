/*
 * error.h - status codes and error messages inside the library.
 *
 * Every fallible internal function returns an int status (PAIMON_OK or a negative PAIMON_E* code)
 * and takes a `paimon_error *err` (NULL allowed). pm_err() records the code and a one-line message
 * and returns the code, so failure paths read `return pm_err(err, PAIMON_ECORRUPT, "...")`.
 * Layers that know the file being read add it with pm_err_prefix(), so parsers of in-memory
 * buffers can report "what" and the caller adds "where".
 */
#ifndef PM_UTIL_ERROR_H
#define PM_UTIL_ERROR_H

#include "paimon.h"

#include <stdarg.h>

#if defined(__GNUC__)
#define PM_PRINTF(fmt_index, args_index) __attribute__((format(printf, fmt_index, args_index)))
#else
#define PM_PRINTF(fmt_index, args_index)
#endif

/* Records `code` and a formatted message in err (if not NULL); returns code. */
int pm_err(paimon_error *err, int code, const char *fmt, ...) PM_PRINTF(3, 4);
int pm_err_v(paimon_error *err, int code, const char *fmt, va_list ap);

/* Prepends formatted context ("manifest/x: ") to the message already in err; returns err->code
 * (or PAIMON_EINVAL when err is NULL, since the code is then unknown to this function). */
int pm_err_prefix(paimon_error *err, const char *fmt, ...) PM_PRINTF(2, 3);

/* Shorthands for the most common failures. */
int pm_err_nomem(paimon_error *err);
#define PM_CORRUPT(err, ...) pm_err((err), PAIMON_ECORRUPT, __VA_ARGS__)

/* Propagates a failure unchanged. */
#define PM_TRY(expr)                                                                               \
    do {                                                                                           \
        int pm_try_rc_ = (expr);                                                                   \
        if (pm_try_rc_ != PAIMON_OK)                                                               \
            return pm_try_rc_;                                                                     \
    } while (0)

/* For functions that only return a status without a message (allocation helpers): turns a
 * failure into an "out of memory" error. */
#define PM_TRY_MEM(err, expr)                                                                      \
    do {                                                                                           \
        if ((expr) != PAIMON_OK)                                                                   \
            return pm_err_nomem(err);                                                              \
    } while (0)

/* Internal invariant: a programmer error, never a property of input data. Stays on in release
 * builds because the checks are cheap and a silent corruption costs more than an abort. */
#define PM_ASSERT(cond)                                                                            \
    do {                                                                                           \
        if (!(cond))                                                                               \
            pm_assert_fail(#cond, __FILE__, __LINE__);                                             \
    } while (0)

#if defined(__GNUC__)
__attribute__((noreturn))
#endif
void pm_assert_fail(const char *cond, const char *file, int line);

#endif
