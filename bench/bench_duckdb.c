/*
 * bench_duckdb.c - the few DuckDB C API calls the benchmarks need, resolved with dlsym so that
 * the build does not depend on DuckDB. The prototypes are declared here from DuckDB's documented
 * C API: handles are opaque pointers, duckdb_state is 0 on success, and a duckdb_result is a
 * caller-allocated struct of six 8-byte members (we reserve more room than that).
 */
#include "bench_duckdb.h"

#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct duck_result {
    uint64_t words[16]; /* DuckDB fills the first six */
} duck_result;

typedef int (*open_fn)(const char *path, void **db_out);
typedef int (*connect_fn)(void *db, void **con_out);
typedef int (*query_fn)(void *con, const char *sql, duck_result *out);
typedef void (*destroy_result_fn)(duck_result *res);
typedef const char *(*result_error_fn)(duck_result *res);
typedef uint64_t (*count_fn)(duck_result *res);
typedef char *(*value_varchar_fn)(duck_result *res, uint64_t col, uint64_t row);
typedef bool (*value_is_null_fn)(duck_result *res, uint64_t col, uint64_t row);
typedef void (*free_fn)(void *p);
typedef void (*disconnect_fn)(void **con);
typedef void (*close_fn)(void **db);
typedef const char *(*version_fn)(void);

struct bench_duck {
    void *lib;
    void *db;
    void *con;
    open_fn open;
    connect_fn connect;
    query_fn query;
    destroy_result_fn destroy_result;
    result_error_fn result_error;
    count_fn row_count;
    count_fn column_count;
    value_varchar_fn value_varchar;
    value_is_null_fn value_is_null;
    free_fn free;
    disconnect_fn disconnect;
    close_fn close;
    version_fn version;
};

static bool resolve(void *lib, const char *name, void *slot) {
    void *sym = dlsym(lib, name);
    if (sym == NULL) {
        fprintf(stderr, "duckdb: %s not found in the library\n", name);
        return false;
    }
    memcpy(slot, &sym, sizeof sym); /* object pointer to function pointer, as POSIX allows */
    return true;
}

bench_duck *bench_duck_open(const char *lib_path) {
    if (lib_path == NULL)
        lib_path = getenv("DUCKDB_LIB");
    if (lib_path == NULL || lib_path[0] == '\0') {
        fprintf(stderr, "duckdb: set DUCKDB_LIB to libduckdb.so (bench/run.sh does)\n");
        return NULL;
    }
    bench_duck *d = calloc(1, sizeof *d);
    if (d == NULL)
        return NULL;
    d->lib = dlopen(lib_path, RTLD_NOW | RTLD_LOCAL);
    if (d->lib == NULL) {
        fprintf(stderr, "duckdb: %s\n", dlerror());
        free(d);
        return NULL;
    }
    bool ok = resolve(d->lib, "duckdb_open", &d->open) &&
              resolve(d->lib, "duckdb_connect", &d->connect) &&
              resolve(d->lib, "duckdb_query", &d->query) &&
              resolve(d->lib, "duckdb_destroy_result", &d->destroy_result) &&
              resolve(d->lib, "duckdb_result_error", &d->result_error) &&
              resolve(d->lib, "duckdb_row_count", &d->row_count) &&
              resolve(d->lib, "duckdb_column_count", &d->column_count) &&
              resolve(d->lib, "duckdb_value_varchar", &d->value_varchar) &&
              resolve(d->lib, "duckdb_value_is_null", &d->value_is_null) &&
              resolve(d->lib, "duckdb_free", &d->free) &&
              resolve(d->lib, "duckdb_disconnect", &d->disconnect) &&
              resolve(d->lib, "duckdb_close", &d->close) &&
              resolve(d->lib, "duckdb_library_version", &d->version);
    if (ok && d->open(NULL, &d->db) != 0) {
        fprintf(stderr, "duckdb: cannot open an in-memory database\n");
        ok = false;
    }
    if (ok && d->connect(d->db, &d->con) != 0) {
        fprintf(stderr, "duckdb: cannot connect\n");
        ok = false;
    }
    if (!ok) {
        bench_duck_close(d);
        return NULL;
    }
    return d;
}

void bench_duck_close(bench_duck *d) {
    if (d == NULL)
        return;
    if (d->con != NULL)
        d->disconnect(&d->con);
    if (d->db != NULL)
        d->close(&d->db);
    /* The library stays loaded: DuckDB may have registered exit handlers. */
    free(d);
}

const char *bench_duck_version(bench_duck *d) { return d->version(); }

static bool run(bench_duck *d, const char *sql, duck_result *res) {
    memset(res, 0, sizeof *res);
    if (d->query(d->con, sql, res) == 0)
        return true;
    const char *msg = d->result_error(res);
    fprintf(stderr, "duckdb: %s\n  in: %.300s\n", msg ? msg : "query failed", sql);
    d->destroy_result(res);
    return false;
}

bool bench_duck_exec(bench_duck *d, const char *sql) {
    duck_result res;
    if (!run(d, sql, &res))
        return false;
    d->destroy_result(&res);
    return true;
}

bool bench_duck_row(bench_duck *d, const char *sql, char (*out)[64], size_t cols) {
    duck_result res;
    if (!run(d, sql, &res))
        return false;
    bool ok = d->row_count(&res) >= 1 && d->column_count(&res) >= cols;
    if (!ok)
        fprintf(stderr, "duckdb: expected a row of %zu values\n  in: %.300s\n", cols, sql);
    for (size_t c = 0; ok && c < cols; c++) {
        if (d->value_is_null(&res, c, 0)) {
            snprintf(out[c], 64, "NULL");
            continue;
        }
        char *v = d->value_varchar(&res, c, 0);
        snprintf(out[c], 64, "%s", v ? v : "NULL");
        d->free(v);
    }
    d->destroy_result(&res);
    return ok;
}
