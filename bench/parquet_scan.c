/*
 * parquet_scan.c - scans Parquet files with the library's reader and reports rows/s, or dumps
 * their rows as text. Not part of the test suite.
 *
 *   parquet_scan [--dump] [--batch N] [--repeat N] FILE...
 */
#include "pq_test_util.h"

#include <time.h>

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int scan(const char *path, bool dump, size_t batch, int64_t *rows_out) {
    paimon_error err = {0};
    pm_file *f = pqt_open_local(path, &err);
    pm_field *fields = NULL;
    size_t n = 0;
    if (f == NULL || pm_parquet_read_fields(f, path, &fields, &n, &err) != PAIMON_OK) {
        fprintf(stderr, "%s\n", err.message);
        if (f != NULL)
            pm_file_close(f);
        return 1;
    }
    if (dump) {
        for (size_t i = 0; i < n; i++) {
            pm_buf t = PM_BUF_INIT;
            pm_type_format(fields[i].type, &t);
            printf("# %s %s\n", fields[i].name, pm_buf_cstr(&t));
            pm_buf_dispose(&t);
        }
    }
    pm_read_options opts = {fields, n, batch, NULL, NULL, NULL, {false, 0, 0}};
    pm_format_reader *r;
    if (pm_parquet_reader_open(f, path, &opts, &r, &err) != PAIMON_OK) {
        fprintf(stderr, "%s\n", err.message);
        pm_parquet_fields_free(fields, n);
        return 1;
    }
    int rc = 0;
    for (;;) {
        struct ArrowArray a;
        int64_t first;
        if (pm_format_reader_next(r, &a, &first, &err) != PAIMON_OK) {
            fprintf(stderr, "%s\n", err.message);
            rc = 1;
            break;
        }
        if (a.release == NULL)
            break;
        *rows_out += a.length;
        if (dump) {
            pm_buf b = PM_BUF_INIT;
            for (int64_t i = 0; i < a.length; i++) {
                b.len = 0;
                pqt_render_row(&b, &a, fields, n, i);
                printf("%lld %s\n", (long long)(first + i), pm_buf_cstr(&b));
            }
            pm_buf_dispose(&b);
        }
        a.release(&a);
    }
    pm_format_reader_close(r);
    pm_parquet_fields_free(fields, n);
    return rc;
}

int main(int argc, char **argv) {
    bool dump = false;
    size_t batch = 0;
    int repeat = 1, a = 1;
    for (; a < argc && argv[a][0] == '-'; a++) {
        if (strcmp(argv[a], "--dump") == 0)
            dump = true;
        else if (strcmp(argv[a], "--batch") == 0 && a + 1 < argc)
            batch = (size_t)atol(argv[++a]);
        else if (strcmp(argv[a], "--repeat") == 0 && a + 1 < argc)
            repeat = atoi(argv[++a]);
    }
    int rc = 0;
    for (int k = 0; k < repeat; k++) {
        int64_t rows = 0;
        double t0 = now_seconds();
        for (int i = a; i < argc; i++)
            rc |= scan(argv[i], dump, batch, &rows);
        double dt = now_seconds() - t0;
        if (!dump)
            fprintf(stderr, "%lld rows in %.3f s: %.1f M rows/s\n", (long long)rows, dt,
                    (double)rows / dt / 1e6);
    }
    return rc;
}
