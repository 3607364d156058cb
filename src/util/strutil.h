/* strutil.h - strict number parsing and small string helpers (no locale, no silent overflow). */
#ifndef PM_UTIL_STRUTIL_H
#define PM_UTIL_STRUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decimal integer with optional sign, no whitespace, whole input. */
bool pm_parse_i64(const char *s, size_t n, int64_t *out);
bool pm_parse_i32(const char *s, size_t n, int32_t *out);
/* Floating point number (strtod syntax, whole input). */
bool pm_parse_double(const char *s, size_t n, double *out);

/* The value of a hexadecimal digit (either case), or -1. */
int pm_hex_digit(char c);

bool pm_str_starts_with(const char *s, const char *prefix);
bool pm_str_ends_with(const char *s, const char *suffix);
/* ASCII case-insensitive comparison of n bytes / of whole strings. */
bool pm_str_ieq(const char *a, const char *b);
bool pm_strn_ieq(const char *a, const char *b, size_t n);

#endif
