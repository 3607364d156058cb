/*
 * bench_orc_scan.c - full-scan throughput of the ORC reader, against the Parquet reader on the
 * same data when one is built in.
 *
 *   bench_orc_scan gen-orc  FILE [ROWS]   write the benchmark table as ORC (our writer, zstd)
 *   bench_orc_scan gen-parquet FILE [ROWS] the same as Parquet (our writer, Java Paimon's
 *                                         defaults: zstd level 1, dictionaries, 128 MiB row
 *                                         groups); prints the writer's throughput
 *   bench_orc_scan scan     ORC [PARQUET] time full scans (every column summed), one thread
 *
 * The table (INT, BIGINT, DOUBLE, STRING of 8-24 chars, DATE) is defined by formulas that
 * bench/gen_parquet.mjs repeats in DuckDB SQL, so both files hold the same values; the scan
 * prints checksums that must agree. Times are best-of-3 process CPU time (wall time is printed
 * too; on a shared machine it mostly measures the neighbours).
 */
#include "data/arrow_builder.h"
#include "format/format.h"
#include "format/orc/orc.h"
#include "format/parquet/parquet.h"
#include "io/fs.h"
#include "util/mem.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const column_types[][2] = {
    {"c_int", "INT"}, {"c_bigint", "BIGINT"}, {"c_double", "DOUBLE"},
    {"c_string", "STRING"}, {"c_date", "DATE"},
};
#define NCOLS 5

/* CPU time of the process: on a shared machine wall time mostly measures the neighbours. */
static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double wall_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int make_fields(pm_field *fields, paimon_error *err) {
    memset(fields, 0, NCOLS * sizeof *fields);
    for (int i = 0; i < NCOLS; i++) {
        fields[i].id = i;
        fields[i].name = pm_strdup(column_types[i][0]);
        PM_TRY(pm_type_parse(column_types[i][1], &fields[i].type, err));
    }
    return PAIMON_OK;
}

/* Row i of the table; gen_parquet.mjs has the same formulas in SQL. */
static size_t string_of(int64_t i, char *out) {
    char piece[32];
    int n = snprintf(piece, sizeof piece, "%" PRId64 "-", i * 7919);
    size_t len = (size_t)(8 + i % 17);
    for (size_t k = 0; k < len; k++)
        out[k] = piece[k % (size_t)n];
    return len;
}

/* The writers gen can drive. */
typedef struct writer_ops {
    const char *format;
    int (*write)(void *w, const struct ArrowArray *batch, paimon_error *err);
    int (*finish)(void *w, pm_buf *out, paimon_error *err);
    void (*free)(void *w);
} writer_ops;

static int orc_write(void *w, const struct ArrowArray *b, paimon_error *err) {
    return pm_orc_writer_write(w, b, err);
}
static int orc_finish(void *w, pm_buf *out, paimon_error *err) {
    return pm_orc_writer_finish(w, out, err);
}
static void orc_free(void *w) { pm_orc_writer_free(w); }
static int pq_write(void *w, const struct ArrowArray *b, paimon_error *err) {
    return pm_parquet_writer_write(w, b, err);
}
static int pq_finish(void *w, pm_buf *out, paimon_error *err) {
    return pm_parquet_writer_finish(w, out, err);
}
static void pq_free(void *w) { pm_parquet_writer_free(w); }

/* Writes `rows` rows of the table in batches of 64Ki rows; prints the writer's CPU time (the
 * batches are built outside it). */
static int gen(const char *path, int64_t rows, const char *format) {
    paimon_error err = {0};
    pm_field fields[NCOLS];
    if (make_fields(fields, &err) != PAIMON_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    static const writer_ops orc = {"ORC", orc_write, orc_finish, orc_free};
    static const writer_ops parquet = {"Parquet", pq_write, pq_finish, pq_free};
    const writer_ops *ops = strcmp(format, "orc") == 0 ? &orc : &parquet;
    void *w = NULL;
    int rc;
    if (ops == &orc) {
        pm_orc_write_options o = {PM_CODEC_ZSTD, 1, 0, 1 << 20, false, true};
        rc = pm_orc_writer_new(fields, NCOLS, &o, (pm_orc_writer **)&w, &err);
    } else {
        rc = pm_parquet_writer_new(fields, NCOLS, NULL, (pm_parquet_writer **)&w, &err);
    }
    if (rc != PAIMON_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    const int64_t chunk = 65536;
    pm_col cols[NCOLS];
    for (int c = 0; c < NCOLS; c++)
        pm_col_init(&cols[c], fields[c].type, &err);
    double spent = 0, wall = 0;
    for (int64_t start = 0; start < rows; start += chunk) {
        int64_t n = rows - start < chunk ? rows - start : chunk;
        for (int64_t i = start; i < start + n; i++) {
            char s[32];
            pm_col_append_int(&cols[0],
                              (int64_t)((i * 2654435761LL) % 4294967296LL) - 2147483648LL);
            pm_col_append_int(&cols[1], i * 1000000007LL);
            pm_col_append_double(&cols[2], (double)i / 7.0);
            pm_col_append_bytes(&cols[3], s, string_of(i, s));
            pm_col_append_int(&cols[4], 10957 + i % 9000);
        }
        struct ArrowArray arrays[NCOLS], batch;
        for (int c = 0; c < NCOLS; c++)
            pm_col_finish(&cols[c], &arrays[c], &err);
        pm_arrow_struct_from_children(arrays, NCOLS, n, &batch, &err);
        double t0 = now_seconds(), w0 = wall_seconds();
        rc = ops->write(w, &batch, &err);
        spent += now_seconds() - t0;
        wall += wall_seconds() - w0;
        batch.release(&batch);
        if (rc != PAIMON_OK) {
            fprintf(stderr, "%s\n", err.message);
            return 1;
        }
    }
    pm_buf out = PM_BUF_INIT;
    double t0 = now_seconds(), w0 = wall_seconds();
    rc = ops->finish(w, &out, &err);
    spent += now_seconds() - t0;
    wall += wall_seconds() - w0;
    if (rc != PAIMON_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    FILE *f = fopen(path, "wb");
    if (f == NULL || fwrite(out.data, 1, out.len, f) != out.len) {
        fprintf(stderr, "%s: cannot write\n", path);
        return 1;
    }
    fclose(f);
    printf("wrote %s: %" PRId64 " rows, %zu bytes; %s writer %.3f s CPU = %.2f M rows/s "
           "(wall %.3f s)\n",
           path, rows, out.len, ops->format, spent, (double)rows / spent / 1e6, wall);
    pm_buf_dispose(&out);
    ops->free(w);
    for (int c = 0; c < NCOLS; c++) {
        pm_col_dispose(&cols[c]);
        pm_field_dispose(&fields[c]);
    }
    return 0;
}

typedef int (*open_fn)(pm_file *, const char *, const pm_read_options *, pm_format_reader **,
                       paimon_error *);

typedef struct sums {
    int64_t rows, ints, bigints, string_bytes, dates;
    double doubles;
} sums;

static void add_batch(const struct ArrowArray *b, sums *s) {
    s->rows += b->length;
    const struct ArrowArray *c0 = b->children[0], *c1 = b->children[1], *c2 = b->children[2],
                            *c3 = b->children[3], *c4 = b->children[4];
    const int32_t *v0 = c0->buffers[1];
    const int64_t *v1 = c1->buffers[1];
    const double *v2 = c2->buffers[1];
    const int32_t *o3 = c3->buffers[1];
    const int32_t *v4 = c4->buffers[1];
    for (int64_t i = 0; i < b->length; i++) {
        s->ints += v0[c0->offset + i];
        s->bigints += v1[c1->offset + i];
        s->doubles += v2[c2->offset + i];
        s->dates += v4[c4->offset + i];
    }
    s->string_bytes += o3[c3->offset + b->length] - o3[c3->offset];
}

static double last_wall;

static int scan(open_fn open, const char *path, sums *s, double *seconds) {
    paimon_error err = {0};
    pm_field fields[NCOLS];
    make_fields(fields, &err);
    pm_fs *fs;
    pm_fs_local_new(&fs, &err);
    memset(s, 0, sizeof *s);
    double t0 = now_seconds(), w0 = wall_seconds();
    pm_file *f;
    int rc = pm_fs_open(fs, path, &f, &err);
    pm_format_reader *r = NULL;
    pm_read_options o = {fields, NCOLS, 0, NULL, NULL, NULL, {false, 0, 0}};
    if (rc == PAIMON_OK)
        rc = open(f, path, &o, &r, &err);
    while (rc == PAIMON_OK) {
        struct ArrowArray b;
        int64_t first;
        rc = pm_format_reader_next(r, &b, &first, &err);
        if (rc != PAIMON_OK || b.release == NULL)
            break;
        add_batch(&b, s);
        b.release(&b);
    }
    pm_format_reader_close(r);
    *seconds = now_seconds() - t0;
    last_wall = wall_seconds() - w0;
    pm_fs_release(fs);
    for (int c = 0; c < NCOLS; c++)
        pm_field_dispose(&fields[c]);
    if (rc != PAIMON_OK)
        fprintf(stderr, "%s\n", err.message);
    return rc;
}

static double best_wall;

static double best_of(open_fn open, const char *path, int runs, sums *s) {
    double best = 1e30;
    best_wall = 1e30;
    for (int i = 0; i < runs; i++) {
        double t;
        if (scan(open, path, s, &t) != PAIMON_OK)
            return -1;
        if (t < best)
            best = t;
        if (last_wall < best_wall)
            best_wall = last_wall;
    }
    return best;
}

static void report(const char *name, const sums *s, double t) {
    printf("%-8s %" PRId64 " rows in %.3f s CPU = %.1f M rows/s (wall %.3f s = %.1f M rows/s)\n"
           "         sums: int %" PRId64 " bigint %" PRId64 " double %.6e string bytes %" PRId64
           " date %" PRId64 "\n",
           name, s->rows, t, (double)s->rows / t / 1e6, best_wall,
           (double)s->rows / best_wall / 1e6, s->ints, s->bigints, s->doubles, s->string_bytes,
           s->dates);
}

int main(int argc, char **argv) {
    if (argc >= 3 && strcmp(argv[1], "gen-orc") == 0)
        return gen(argv[2], argc > 3 ? atoll(argv[3]) : 10000000, "orc");
    if (argc >= 3 && strcmp(argv[1], "gen-parquet") == 0)
        return gen(argv[2], argc > 3 ? atoll(argv[3]) : 10000000, "parquet");
    if (argc < 3 || strcmp(argv[1], "scan") != 0) {
        fprintf(stderr, "usage: %s gen-orc|gen-parquet FILE [ROWS] | scan ORC [PARQUET]\n",
                argv[0]);
        return 2;
    }
    sums so, sp;
    double to = best_of(pm_orc_reader_open, argv[2], 3, &so);
    if (to < 0)
        return 1;
    report("orc", &so, to);
    if (argc > 3) {
        double tp = best_of(pm_parquet_reader_open, argv[3], 3, &sp);
        if (tp < 0)
            return 1;
        report("parquet", &sp, tp);
        bool same = so.rows == sp.rows && so.ints == sp.ints && so.bigints == sp.bigints &&
                    so.string_bytes == sp.string_bytes && so.dates == sp.dates;
        printf("checksums %s; ORC/Parquet throughput ratio %.2f (CPU time)\n",
               same ? "agree" : "DIFFER", tp / to);
    }
    return 0;
}
