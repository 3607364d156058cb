/*
 * bench_duckdb.h - DuckDB as a reference engine for the benchmarks, loaded at run time from
 * libduckdb.so (shipped by the npm package @duckdb/node-api; bench/run.sh installs it). Only a
 * handful of functions of DuckDB's C API are used: open, connect, query, read a value as text.
 */
#ifndef PM_BENCH_DUCKDB_H
#define PM_BENCH_DUCKDB_H

#include <stdbool.h>
#include <stddef.h>

typedef struct bench_duck bench_duck;

/* Loads the library at `lib_path` (NULL: $DUCKDB_LIB) and opens an in-memory database with
 * one connection. Returns NULL after printing why. */
bench_duck *bench_duck_open(const char *lib_path);
void bench_duck_close(bench_duck *d);
/* DuckDB's version string, e.g. "v1.5.0". */
const char *bench_duck_version(bench_duck *d);

/* Runs a statement; false after printing DuckDB's error. */
bool bench_duck_exec(bench_duck *d, const char *sql);
/* Runs a query and copies the first `cols` values of its first row, as text, into `out`
 * (truncated to 63 bytes, "NULL" for nulls). */
bool bench_duck_row(bench_duck *d, const char *sql, char (*out)[64], size_t cols);

#endif
