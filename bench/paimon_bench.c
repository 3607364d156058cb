/*
 * paimon_bench.c - the benchmarks of bench/README.md: table generation and timed scans of
 * paimon-c (through the public API) next to DuckDB (loaded from libduckdb.so), both on one
 * thread unless --threads N says otherwise (paimon_scan_options.threads, DuckDB's threads).
 *
 *   paimon_bench gen-scan TABLE ROWS        10M-row append table, zstd Parquet written by DuckDB
 *   paimon_bench gen-orc PARQUET_TABLE ORC_TABLE   the same rows as ORC (our writer)
 *   paimon_bench gen-mor TABLE KEYS         primary-key table: 5 overlapping sorted runs, 30% of
 *                                           the keys updated; TABLE.expected holds the merged
 *                                           result's checksums, computed by DuckDB
 *   paimon_bench scan TABLE                 paimon-c vs DuckDB over the table's Parquet files
 *   paimon_bench orc ORC_TABLE PARQUET_TABLE
 *   paimon_bench mor TABLE                  merge-on-read vs DuckDB's plain scan of the files
 *
 * Every scan sums every column (strings: the sum of their byte lengths) and is repeated; the
 * best of the runs is reported, in process CPU time (the machine is shared, so wall time mostly
 * measures the neighbours) and in wall time. Checksums are compared so that no side can skip
 * work: paimon-c against DuckDB over the same files (scan), ORC against Parquet (orc), and the
 * merged rows against DuckDB's own deduplication (mor), with the keys checked to come out
 * strictly ascending.
 */
#include "bench_duckdb.h"
#include "bench_table.h"

#include "data/arrow_builder.h"
#include "format/format.h"
#include "format/orc/orc.h"
#include "io/fs.h"
#include "util/mem.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

__extension__ typedef __int128 i128;

#define MAX_COLS 16
#define MOR_RUNS 5

static int runs = 3;
static int threads = 1; /* of paimon-c's scans and of DuckDB */

/* ---- timing ---- */

typedef struct timing {
    double cpu;
    double wall;
} timing;

static timing clock_now(void) {
    struct timespec c, w;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c);
    clock_gettime(CLOCK_MONOTONIC, &w);
    timing t = {(double)c.tv_sec + (double)c.tv_nsec / 1e9,
                (double)w.tv_sec + (double)w.tv_nsec / 1e9};
    return t;
}

static timing since(timing t0) {
    timing t = clock_now();
    t.cpu -= t0.cpu;
    t.wall -= t0.wall;
    return t;
}

static void keep_best(timing *best, timing t) {
    if (t.cpu < best->cpu)
        best->cpu = t.cpu;
    if (t.wall < best->wall)
        best->wall = t.wall;
}

/* ---- checksums of a scan ---- */

typedef struct col_sum {
    char name[48];
    char kind; /* 'i' integer (dates as days), 'f' floating point, 's' string bytes */
    bool is_date;
    i128 i;
    double f;
} col_sum;

typedef struct sums {
    int64_t rows;
    size_t count;
    col_sum cols[MAX_COLS];
    /* merge-on-read: column 0 (the key) must come out strictly ascending */
    bool check_order;
    bool ordered;
    bool have_last;
    int64_t last_key;
} sums;

static void format_i128(i128 v, char *out, size_t cap) {
    char tmp[48];
    size_t n = 0;
    bool neg = v < 0;
    unsigned __int128 u = neg ? (unsigned __int128)0 - (unsigned __int128)v : (unsigned __int128)v;
    do {
        tmp[n++] = (char)('0' + (int)(u % 10));
        u /= 10;
    } while (u != 0);
    size_t w = 0;
    if (neg && w + 1 < cap)
        out[w++] = '-';
    while (n > 0 && w + 1 < cap)
        out[w++] = tmp[--n];
    out[w] = '\0';
}

static bool sums_init(sums *s, const struct ArrowSchema *schema) {
    memset(s, 0, sizeof *s);
    s->ordered = true;
    if (schema->n_children > MAX_COLS) {
        fprintf(stderr, "too many columns\n");
        return false;
    }
    s->count = (size_t)schema->n_children;
    for (size_t c = 0; c < s->count; c++) {
        const struct ArrowSchema *f = schema->children[c];
        col_sum *cs = &s->cols[c];
        snprintf(cs->name, sizeof cs->name, "%s", f->name);
        const char *fmt = f->format;
        if (strcmp(fmt, "g") == 0 || strcmp(fmt, "f") == 0)
            cs->kind = 'f';
        else if (strcmp(fmt, "u") == 0 || strcmp(fmt, "z") == 0)
            cs->kind = 's';
        else if (strcmp(fmt, "c") == 0 || strcmp(fmt, "s") == 0 || strcmp(fmt, "i") == 0 ||
                 strcmp(fmt, "l") == 0 || strcmp(fmt, "tdD") == 0)
            cs->kind = 'i';
        else {
            fprintf(stderr, "column %s: Arrow format %s is not summed by the benchmark\n",
                    f->name, fmt);
            return false;
        }
        cs->is_date = strcmp(fmt, "tdD") == 0;
    }
    return true;
}

static bool valid_at(const struct ArrowArray *a, int64_t i) {
    const uint8_t *bits = a->buffers[0];
    return a->null_count == 0 || bits == NULL ||
           (bits[(a->offset + i) >> 3] >> ((a->offset + i) & 7)) & 1;
}

/* Sums one column of a batch: a tight loop without nulls, a checked one with. */
static void sum_column(col_sum *cs, const struct ArrowArray *a, const char *format, int64_t n) {
    bool nulls = a->null_count != 0 && a->buffers[0] != NULL;
    switch (cs->kind) {
    case 'f': {
        double acc = 0;
        if (format[0] == 'g') {
            const double *v = (const double *)a->buffers[1] + a->offset;
            for (int64_t i = 0; i < n; i++)
                acc += nulls && !valid_at(a, i) ? 0.0 : v[i];
        } else {
            const float *v = (const float *)a->buffers[1] + a->offset;
            for (int64_t i = 0; i < n; i++)
                acc += nulls && !valid_at(a, i) ? 0.0 : (double)v[i];
        }
        cs->f += acc;
        return;
    }
    case 's': {
        const int32_t *o = (const int32_t *)a->buffers[1] + a->offset;
        int64_t acc = 0;
        for (int64_t i = 0; i < n; i++)
            acc += nulls && !valid_at(a, i) ? 0 : o[i + 1] - o[i];
        cs->i += acc;
        return;
    }
    default: break;
    }
    if (format[0] == 'l') {
        const int64_t *v = (const int64_t *)a->buffers[1] + a->offset;
        i128 acc = 0;
        for (int64_t i = 0; i < n; i++)
            acc += nulls && !valid_at(a, i) ? 0 : v[i];
        cs->i += acc;
    } else if (format[0] == 'c') {
        const int8_t *v = (const int8_t *)a->buffers[1] + a->offset;
        int64_t acc = 0;
        for (int64_t i = 0; i < n; i++)
            acc += nulls && !valid_at(a, i) ? 0 : v[i];
        cs->i += acc;
    } else if (format[0] == 's') {
        const int16_t *v = (const int16_t *)a->buffers[1] + a->offset;
        int64_t acc = 0;
        for (int64_t i = 0; i < n; i++)
            acc += nulls && !valid_at(a, i) ? 0 : v[i];
        cs->i += acc;
    } else { /* int32, date32 */
        const int32_t *v = (const int32_t *)a->buffers[1] + a->offset;
        int64_t acc = 0;
        for (int64_t i = 0; i < n; i++)
            acc += nulls && !valid_at(a, i) ? 0 : v[i];
        cs->i += acc;
    }
}

static void check_order(sums *s, const struct ArrowArray *key, int64_t n) {
    const int64_t *v = (const int64_t *)key->buffers[1] + key->offset;
    if (key->null_count != 0)
        s->ordered = false;
    for (int64_t i = 0; i < n; i++) {
        if (s->have_last && v[i] <= s->last_key)
            s->ordered = false;
        s->last_key = v[i];
        s->have_last = true;
    }
}

static void sum_batch(sums *s, const struct ArrowSchema *schema, const struct ArrowArray *b) {
    s->rows += b->length;
    for (size_t c = 0; c < s->count; c++)
        sum_column(&s->cols[c], b->children[c], schema->children[c]->format, b->length);
    if (s->check_order)
        check_order(s, b->children[0], b->length);
}

static void sums_print(const char *who, const sums *s) {
    printf("  %-8s rows %" PRId64, who, s->rows);
    for (size_t c = 0; c < s->count; c++) {
        const col_sum *cs = &s->cols[c];
        if (cs->kind == 'f') {
            printf("  %s %.9g", cs->name, cs->f);
        } else {
            char t[48];
            format_i128(cs->i, t, sizeof t);
            printf("  %s %s", cs->name, t);
        }
    }
    printf("\n");
}

/* The checksums as text, one per column after the row count (the layout of DuckDB's row). */
static void sums_to_text(const sums *s, char (*out)[64]) {
    snprintf(out[0], 64, "%" PRId64, s->rows);
    for (size_t c = 0; c < s->count; c++) {
        if (s->cols[c].kind == 'f')
            snprintf(out[c + 1], 64, "%.17g", s->cols[c].f);
        else
            format_i128(s->cols[c].i, out[c + 1], 64);
    }
}

static bool same_value(const char *a, const char *b, bool floating) {
    if (!floating)
        return strcmp(a, b) == 0;
    double x = strtod(a, NULL), y = strtod(b, NULL);
    return fabs(x - y) <= 1e-9 * fmax(1.0, fmax(fabs(x), fabs(y)));
}

static bool compare_text(const sums *s, char (*ours)[64], char (*theirs)[64], const char *what) {
    bool ok = true;
    for (size_t c = 0; c <= s->count; c++) {
        bool floating = c > 0 && s->cols[c - 1].kind == 'f';
        if (!same_value(ours[c], theirs[c], floating)) {
            fprintf(stderr, "MISMATCH %s: %s is %s, expected %s\n", what,
                    c == 0 ? "row count" : s->cols[c - 1].name, ours[c], theirs[c]);
            ok = false;
        }
    }
    return ok;
}

/* ---- paimon-c through the public API ---- */

/* Opens the table, scans it whole on `nthreads` threads and sums every column. */
static int paimon_scan(const char *table_path, int nthreads, sums *s, bool ordered_key) {
    paimon_error err = {0};
    paimon_table *t;
    if (paimon_table_open(&t, table_path, &err) != PAIMON_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    paimon_scan_options o = PAIMON_SCAN_OPTIONS_INIT;
    o.threads = (uint32_t)nthreads;
    struct ArrowArrayStream st;
    if (paimon_table_scan(t, &o, &st, &err) != PAIMON_OK) {
        fprintf(stderr, "%s\n", err.message);
        paimon_table_free(t);
        return 1;
    }
    struct ArrowSchema schema;
    int rc = st.get_schema(&st, &schema);
    if (rc != 0 || !sums_init(s, &schema)) {
        fprintf(stderr, "schema: %s\n", rc ? st.get_last_error(&st) : "unsupported");
        if (rc == 0)
            schema.release(&schema);
        st.release(&st);
        paimon_table_free(t);
        return 1;
    }
    s->check_order = ordered_key;
    for (;;) {
        struct ArrowArray b;
        rc = st.get_next(&st, &b);
        if (rc != 0) {
            fprintf(stderr, "scan: %s\n", st.get_last_error(&st));
            break;
        }
        if (b.release == NULL)
            break;
        sum_batch(s, &schema, &b);
        b.release(&b);
    }
    schema.release(&schema);
    st.release(&st);
    paimon_table_free(t);
    return rc != 0;
}

/* Rows and files the plan of the latest snapshot reads. */
static int plan_inputs(const char *table_path, int64_t *rows, size_t *files) {
    paimon_error err = {0};
    paimon_table *t;
    paimon_plan *p;
    paimon_scan_options o = PAIMON_SCAN_OPTIONS_INIT;
    if (paimon_table_open(&t, table_path, &err) != PAIMON_OK ||
        paimon_table_plan(t, &o, &p, &err) != PAIMON_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    *rows = 0;
    *files = 0;
    for (size_t i = 0; i < paimon_plan_split_count(p); i++) {
        const paimon_split *sp = paimon_plan_split(p, i);
        for (size_t f = 0; f < paimon_split_file_count(sp); f++) {
            *rows += paimon_data_file_row_count(paimon_split_file(sp, f));
            ++*files;
        }
    }
    paimon_plan_free(p);
    paimon_table_free(t);
    return 0;
}

/* ---- DuckDB ---- */

static bench_duck *duck_open(int nthreads) {
    bench_duck *d = bench_duck_open(NULL);
    if (d == NULL || nthreads <= 0)
        return d;
    char sql[64];
    snprintf(sql, sizeof sql, "SET threads = %d", nthreads);
    if (!bench_duck_exec(d, sql)) {
        bench_duck_close(d);
        return NULL;
    }
    return d;
}

/* SELECT count(*), one sum per column (as `s` describes them) FROM read_parquet(files). */
static void sum_query(const sums *s, const char *from, char *sql, size_t cap) {
    size_t n = (size_t)snprintf(sql, cap, "SELECT count(*)");
    for (size_t c = 0; c < s->count && n < cap; c++) {
        const col_sum *cs = &s->cols[c];
        const char *name = cs->name;
        if (cs->kind == 'f')
            n += (size_t)snprintf(sql + n, cap - n, ", sum(\"%s\")", name);
        else if (cs->kind == 's')
            n += (size_t)snprintf(sql + n, cap - n, ", sum(strlen(\"%s\"))::VARCHAR", name);
        else if (cs->is_date)
            n += (size_t)snprintf(sql + n, cap - n, ", sum(\"%s\" - DATE '1970-01-01')::VARCHAR",
                                  name);
        else
            n += (size_t)snprintf(sql + n, cap - n, ", sum(\"%s\")::VARCHAR", name);
    }
    if (n < cap)
        snprintf(sql + n, cap - n, " FROM %s", from);
}

/* Runs paimon-c and DuckDB alternately, `runs` times each, so that both see the same
 * neighbours and page cache; keeps the best times and the last results. */
static int time_both(const char *table, bool ordered_key, sums *s, timing *tp, bench_duck *d,
                     const char *sql, size_t cols, char (*row)[64], timing *td) {
    tp->cpu = tp->wall = td->cpu = td->wall = 1e30;
    for (int k = 0; k < runs; k++) {
        timing t0 = clock_now();
        if (paimon_scan(table, threads, s, ordered_key) != 0)
            return 1;
        keep_best(tp, since(t0));
        t0 = clock_now();
        if (!bench_duck_row(d, sql, row, cols))
            return 1;
        keep_best(td, since(t0));
    }
    return 0;
}

static void report_line(const char *who, int64_t rows, timing t) {
    printf("  %-28s %10" PRId64 " rows  CPU %7.3f s = %6.2f M rows/s   wall %7.3f s = %6.2f M "
           "rows/s\n",
           who, rows, t.cpu, (double)rows / t.cpu / 1e6, t.wall, (double)rows / t.wall / 1e6);
}

/* ---- scan: paimon-c vs DuckDB over the same Parquet files ---- */

/* With --threads N: the same scan on one thread, for the speedup of N (`tn`, sums `sn`). In
 * wall time: CPU time adds up the threads, so it shows what the threads cost, not gain. */
static bool compare_single_thread(const char *table, const sums *sn, timing tn) {
    sums s1;
    timing t1 = {1e30, 1e30};
    for (int k = 0; k < runs; k++) {
        timing t0 = clock_now();
        if (paimon_scan(table, 1, &s1, false) != 0)
            return false;
        keep_best(&t1, since(t0));
    }
    char a[MAX_COLS + 1][64], b[MAX_COLS + 1][64];
    sums_to_text(&s1, a);
    sums_to_text(sn, b);
    bool ok = compare_text(&s1, a, b, "1 thread vs N threads");
    report_line("paimon-c, 1 thread", s1.rows, t1);
    printf("  speedup %d threads / 1 thread: %.2fx wall (CPU %.2fx as much); checksums %s\n",
           threads, t1.wall / tn.wall, tn.cpu / t1.cpu, ok ? "agree" : "DIFFER");
    return ok;
}

static int cmd_scan(const char *table) {
    bench_duck *d = duck_open(threads);
    if (d == NULL)
        return 1;
    int64_t in_rows;
    size_t files;
    if (plan_inputs(table, &in_rows, &files) != 0)
        return 1;
    printf("scan: %s (%zu data files, %" PRId64 " rows), %d thread(s), best of %d\n", table,
           files, in_rows, threads, runs);
    printf("  DuckDB %s\n", bench_duck_version(d));
    sums ps;
    timing tp, td;
    if (paimon_scan(table, threads, &ps, false) != 0) /* the columns, a warm page cache */
        return 1;
    char sql[2048], from[1024], row[MAX_COLS + 1][64], ours[MAX_COLS + 1][64];
    snprintf(from, sizeof from, "read_parquet('%s/bucket-0/*.parquet')", table);
    sum_query(&ps, from, sql, sizeof sql);
    if (time_both(table, false, &ps, &tp, d, sql, ps.count + 1, row, &td) != 0)
        return 1;
    sums_to_text(&ps, ours);
    bool ok = compare_text(&ps, ours, row, "paimon-c vs DuckDB");
    sums_print("paimon-c", &ps);
    report_line("paimon-c (paimon_table_scan)", ps.rows, tp);
    report_line("DuckDB (read_parquet)", strtoll(row[0], NULL, 10), td);
    printf("  ratio paimon-c / DuckDB rows/s: %.2fx CPU, %.2fx wall; checksums %s\n",
           td.cpu / tp.cpu, td.wall / tp.wall, ok ? "agree" : "DIFFER");
    bench_duck_close(d);
    return ok && (threads == 1 || compare_single_thread(table, &ps, tp)) ? 0 : 1;
}

/* ---- orc: the same table as ORC and as Parquet ---- */

static int cmd_orc(const char *orc_table, const char *parquet_table) {
    printf("orc: %s vs %s, %d thread(s), best of %d\n", orc_table, parquet_table, threads, runs);
    sums so, sp;
    timing to = {1e30, 1e30}, tq = {1e30, 1e30};
    for (int k = 0; k < runs; k++) {
        timing t0 = clock_now();
        if (paimon_scan(orc_table, threads, &so, false) != 0)
            return 1;
        keep_best(&to, since(t0));
        t0 = clock_now();
        if (paimon_scan(parquet_table, threads, &sp, false) != 0)
            return 1;
        keep_best(&tq, since(t0));
    }
    char a[MAX_COLS + 1][64], b[MAX_COLS + 1][64];
    sums_to_text(&so, a);
    sums_to_text(&sp, b);
    bool ok = so.count == sp.count && compare_text(&so, a, b, "ORC vs Parquet");
    sums_print("orc", &so);
    report_line("paimon-c ORC table", so.rows, to);
    report_line("paimon-c Parquet table", sp.rows, tq);
    printf("  ratio ORC / Parquet rows/s: %.2fx CPU, %.2fx wall; checksums %s\n",
           tq.cpu / to.cpu, tq.wall / to.wall, ok ? "agree" : "DIFFER");
    return ok ? 0 : 1;
}

/* ---- mor: merge-on-read vs DuckDB's plain scan ---- */

static int read_expected(const char *table, char (*out)[64], size_t cols) {
    char path[1024];
    snprintf(path, sizeof path, "%s.expected", table);
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        fprintf(stderr, "%s: missing (run gen-mor)\n", path);
        return 1;
    }
    size_t n = 0;
    char line[128];
    while (n < cols && fgets(line, sizeof line, f) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        snprintf(out[n++], 64, "%.63s", line);
    }
    fclose(f);
    if (n != cols) {
        fprintf(stderr, "%s: %zu values, expected %zu\n", path, n, cols);
        return 1;
    }
    return 0;
}

static int cmd_mor(const char *table) {
    bench_duck *d = duck_open(threads);
    if (d == NULL)
        return 1;
    int64_t in_rows;
    size_t files;
    if (plan_inputs(table, &in_rows, &files) != 0)
        return 1;
    printf("mor: %s (%zu level-0 files, %" PRId64 " records), deduplicate, %d thread(s), best "
           "of %d\n",
           table, files, in_rows, threads, runs);
    printf("  DuckDB %s\n", bench_duck_version(d));
    sums ps;
    timing tp, td;
    if (paimon_scan(table, threads, &ps, true) != 0)
        return 1;
    /* DuckDB reads what the merge reads: the value columns, sequence numbers and kinds. */
    sums plain = ps;
    plain.count = ps.count + 2;
    memset(&plain.cols[ps.count], 0, 2 * sizeof plain.cols[0]);
    snprintf(plain.cols[ps.count].name, sizeof plain.cols[0].name, "_SEQUENCE_NUMBER");
    snprintf(plain.cols[ps.count + 1].name, sizeof plain.cols[0].name, "_VALUE_KIND");
    plain.cols[ps.count].kind = plain.cols[ps.count + 1].kind = 'i';
    char sql[2048], from[1024], row[MAX_COLS + 1][64], ours[MAX_COLS + 1][64],
        expected[MAX_COLS + 1][64];
    snprintf(from, sizeof from, "read_parquet('%s/bucket-0/*.parquet')", table);
    sum_query(&plain, from, sql, sizeof sql);
    if (read_expected(table, expected, ps.count + 1) != 0)
        return 1;
    if (time_both(table, true, &ps, &tp, d, sql, plain.count + 1, row, &td) != 0)
        return 1;
    sums_to_text(&ps, ours);
    bool ok = compare_text(&ps, ours, expected, "merged rows vs DuckDB's deduplication");
    if (!ps.ordered) {
        fprintf(stderr, "MISMATCH: merged keys are not strictly ascending\n");
        ok = false;
    }
    int64_t duck_rows = strtoll(row[0], NULL, 10);
    if (duck_rows != in_rows) {
        fprintf(stderr, "MISMATCH: DuckDB scanned %" PRId64 " records, the plan %" PRId64 "\n",
                duck_rows, in_rows);
        ok = false;
    }
    sums_print("merged", &ps);
    report_line("paimon-c merge (input recs)", in_rows, tp);
    report_line("paimon-c merge (output rows)", ps.rows, tp);
    report_line("DuckDB plain scan (records)", duck_rows, td);
    printf("  ratio paimon-c merge input records/s / DuckDB plain-scan rows/s: %.2fx CPU, %.2fx "
           "wall\n",
           td.cpu / tp.cpu * (double)in_rows / (double)duck_rows,
           td.wall / tp.wall * (double)in_rows / (double)duck_rows);
    printf("  merged result: %s\n", ok ? "verified (count, checksums, key order)" : "WRONG");
    bench_duck_close(d);
    return ok ? 0 : 1;
}

/* ---- generation ---- */

static int mkdirs(const char *path) {
    paimon_error err = {0};
    pm_fs *fs;
    int rc = pm_fs_local_new(&fs, &err);
    if (rc == PAIMON_OK)
        rc = pm_fs_mkdirs(fs, path, &err);
    if (rc != PAIMON_OK)
        fprintf(stderr, "%s\n", err.message);
    pm_fs_release(fs);
    return rc;
}

static int64_t file_size(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 ? (int64_t)st.st_size : -1;
}

#define SCAN_FIELDS                                                                                \
    "[{\"id\":0,\"name\":\"c_int\",\"type\":\"INT\"},"                                             \
    "{\"id\":1,\"name\":\"c_bigint\",\"type\":\"BIGINT\"},"                                        \
    "{\"id\":2,\"name\":\"c_double\",\"type\":\"DOUBLE\"},"                                        \
    "{\"id\":3,\"name\":\"c_string\",\"type\":\"STRING\"},"                                        \
    "{\"id\":4,\"name\":\"c_date\",\"type\":\"DATE\"}]"

/* Rows per data file of the scan tables (Paimon's default target file size, 128 MB, holds
 * about 7M of these rows; smaller files keep several files in the plan). */
#define SCAN_FILE_ROWS 2500000

static int cmd_gen_scan(const char *table, int64_t rows) {
    bench_duck *d = duck_open(0);
    if (d == NULL)
        return 1;
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/bucket-0", table);
    if (mkdirs(dir) != PAIMON_OK)
        return 1;
    paimon_error err = {0};
    size_t nfiles = (size_t)((rows + SCAN_FILE_ROWS - 1) / SCAN_FILE_ROWS);
    bench_file *files = calloc(nfiles ? nfiles : 1, sizeof *files);
    for (size_t i = 0; i < nfiles; i++) {
        int64_t lo = (int64_t)i * SCAN_FILE_ROWS;
        int64_t hi = lo + SCAN_FILE_ROWS < rows ? lo + SCAN_FILE_ROWS : rows;
        if (bench_data_file_name(files[i].name, sizeof files[i].name, (int)i, "parquet", &err)) {
            fprintf(stderr, "%s\n", err.message);
            return 1;
        }
        char path[1280], sql[4096];
        snprintf(path, sizeof path, "%s/%s", dir, files[i].name);
        /* The formulas of the original ORC benchmark (bench_orc_scan.c). */
        snprintf(sql, sizeof sql,
                 "COPY (SELECT"
                 " CAST((i * 2654435761) %% 4294967296 - 2147483648 AS INTEGER) AS c_int,"
                 " CAST(i * 1000000007 AS BIGINT) AS c_bigint,"
                 " CAST(i AS DOUBLE) / 7.0 AS c_double,"
                 " substr(repeat(CAST(i * 7919 AS VARCHAR) || '-', 24), 1,"
                 " CAST(8 + i %% 17 AS INTEGER)) AS c_string,"
                 " CAST(DATE '2000-01-01' + CAST(i %% 9000 AS INTEGER) AS DATE) AS c_date"
                 " FROM range(%" PRId64 ", %" PRId64 ") t(i) ORDER BY i)"
                 " TO '%s' (FORMAT parquet, COMPRESSION zstd,"
                 " FIELD_IDS {c_int: 0, c_bigint: 1, c_double: 2, c_string: 3, c_date: 4})",
                 lo, hi, path);
        if (!bench_duck_exec(d, sql))
            return 1;
        files[i].row_count = hi - lo;
        files[i].size_bytes = file_size(path);
    }
    bench_duck_close(d);
    bench_table_spec spec = {table, SCAN_FIELDS, 4, NULL, "parquet"};
    if (bench_table_commit(&spec, files, nfiles, &err) != PAIMON_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    printf("wrote %s: %" PRId64 " rows in %zu zstd Parquet files (DuckDB)\n", table, rows, nfiles);
    free(files);
    return 0;
}

static int scan_fields(pm_field *fields, paimon_error *err) {
    static const char *const spec[5][2] = {
        {"c_int", "INT"}, {"c_bigint", "BIGINT"}, {"c_double", "DOUBLE"},
        {"c_string", "STRING"}, {"c_date", "DATE"}};
    memset(fields, 0, 5 * sizeof *fields);
    for (int i = 0; i < 5; i++) {
        fields[i].id = i;
        fields[i].name = pm_strdup(spec[i][0]);
        PM_TRY(pm_type_parse(spec[i][1], &fields[i].type, err));
    }
    return PAIMON_OK;
}

/* Rewrites one Parquet data file as ORC: read with our Parquet reader, written with our ORC
 * writer (zstd, 1M-row stripes), so both tables hold exactly the same values. */
static int parquet_to_orc(const char *src, const char *dst, const pm_field *fields,
                          int64_t *rows_out, paimon_error *err) {
    pm_fs *fs;
    PM_TRY(pm_fs_local_new(&fs, err));
    pm_file *f;
    pm_format_reader *r = NULL;
    pm_orc_writer *w = NULL;
    pm_read_options ro = {fields, 5, 0, NULL, NULL, NULL, {false, 0, 0}};
    pm_orc_write_options wo = {PM_CODEC_ZSTD, 1, 0, 1 << 20, false, true};
    int rc = pm_fs_open(fs, src, &f, err);
    if (rc == PAIMON_OK)
        rc = pm_parquet_reader_open(f, src, &ro, &r, err);
    if (rc == PAIMON_OK)
        rc = pm_orc_writer_new(fields, 5, &wo, &w, err);
    *rows_out = 0;
    while (rc == PAIMON_OK) {
        struct ArrowArray b;
        int64_t first;
        rc = pm_format_reader_next(r, &b, &first, err);
        if (rc != PAIMON_OK || b.release == NULL)
            break;
        rc = pm_orc_writer_write(w, &b, err);
        *rows_out += b.length;
        b.release(&b);
    }
    pm_buf out = PM_BUF_INIT;
    if (rc == PAIMON_OK)
        rc = pm_orc_writer_finish(w, &out, err);
    if (rc == PAIMON_OK)
        rc = pm_fs_write_file(fs, dst, out.data, out.len, PM_WRITE_REPLACE, err);
    pm_buf_dispose(&out);
    pm_orc_writer_free(w);
    pm_format_reader_close(r);
    pm_fs_release(fs);
    return rc;
}

static int cmd_gen_orc(const char *parquet_table, const char *orc_table) {
    paimon_error err = {0};
    paimon_table *t;
    paimon_plan *p;
    paimon_scan_options o = PAIMON_SCAN_OPTIONS_INIT;
    if (paimon_table_open(&t, parquet_table, &err) != PAIMON_OK ||
        paimon_table_plan(t, &o, &p, &err) != PAIMON_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/bucket-0", orc_table);
    if (mkdirs(dir) != PAIMON_OK)
        return 1;
    pm_field fields[5];
    if (scan_fields(fields, &err) != PAIMON_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    bench_file files[64];
    size_t n = 0;
    int64_t rows = 0;
    for (size_t s = 0; s < paimon_plan_split_count(p); s++) {
        const paimon_split *sp = paimon_plan_split(p, s);
        for (size_t i = 0; i < paimon_split_file_count(sp) && n < 64; i++, n++) {
            const char *src = paimon_data_file_path(paimon_split_file(sp, i));
            memset(&files[n], 0, sizeof files[n]);
            char dst[1280];
            if (bench_data_file_name(files[n].name, sizeof files[n].name, (int)n, "orc", &err) ||
                (snprintf(dst, sizeof dst, "%s/%s", dir, files[n].name),
                 parquet_to_orc(src, dst, fields, &files[n].row_count, &err))) {
                fprintf(stderr, "%s\n", err.message);
                return 1;
            }
            files[n].size_bytes = file_size(dst);
            rows += files[n].row_count;
        }
    }
    paimon_plan_free(p);
    paimon_table_free(t);
    for (int i = 0; i < 5; i++)
        pm_field_dispose(&fields[i]);
    bench_table_spec spec = {orc_table, SCAN_FIELDS, 4, NULL, "orc"};
    if (bench_table_commit(&spec, files, n, &err) != PAIMON_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    printf("wrote %s: %" PRId64 " rows in %zu zstd ORC files (paimon-c's writer)\n", orc_table,
           rows, n);
    return 0;
}

#define MOR_FIELDS                                                                                 \
    "[{\"id\":0,\"name\":\"id\",\"type\":\"BIGINT NOT NULL\"},"                                    \
    "{\"id\":1,\"name\":\"v_int\",\"type\":\"INT\"},"                                              \
    "{\"id\":2,\"name\":\"v_bigint\",\"type\":\"BIGINT\"},"                                        \
    "{\"id\":3,\"name\":\"v_double\",\"type\":\"DOUBLE\"},"                                        \
    "{\"id\":4,\"name\":\"v_str\",\"type\":\"STRING\"}]"

/*
 * Keys 0..KEYS-1. A key is updated when its hash h ends in 0, 1 or 2 (30% of the keys): it is
 * inserted in run k % 4 and updated in a later run; other keys are inserted in run k % 5. The
 * record of key k in run r has sequence number r * 2^32 + k, so later runs hold newer versions,
 * and values that depend on r, so a merge that picked an older version changes the checksums.
 */
static const char MOR_RECORDS[] =
    "WITH keys AS (SELECT k, (k * 2654435761) %% 4294967296 AS h FROM range(%" PRId64 ") t(k)),"
    " recs AS ("
    " SELECT k, CASE WHEN h %% 10 < 3 THEN k %% 4 ELSE k %% 5 END AS r FROM keys"
    " UNION ALL"
    " SELECT k, k %% 4 + 1 + (h // 10) %% (4 - k %% 4) AS r FROM keys WHERE h %% 10 < 3)"
    " SELECT k AS _KEY_id, r * 4294967296 + k AS _SEQUENCE_NUMBER,"
    " CAST(0 AS TINYINT) AS _VALUE_KIND, k AS id,"
    " CAST((k * 7919 + r * 1000003) %% 2147483647 AS INTEGER) AS v_int,"
    " k * 1000000007 + r AS v_bigint,"
    " CAST(k AS DOUBLE) / 7.0 + r AS v_double,"
    " substr(repeat(CAST(k * 7919 + r AS VARCHAR) || '-', 24), 1,"
    " CAST(8 + (k + r) %% 17 AS INTEGER)) AS v_str"
    " FROM recs";

static int cmd_gen_mor(const char *table, int64_t keys) {
    bench_duck *d = duck_open(0);
    if (d == NULL)
        return 1;
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/bucket-0", table);
    if (mkdirs(dir) != PAIMON_OK)
        return 1;
    paimon_error err = {0};
    char records[2048], sql[8192];
    snprintf(records, sizeof records, MOR_RECORDS, keys);
    bench_file files[MOR_RUNS];
    memset(files, 0, sizeof files);
    for (int r = 0; r < MOR_RUNS; r++) {
        if (bench_data_file_name(files[r].name, sizeof files[r].name, r, "parquet", &err)) {
            fprintf(stderr, "%s\n", err.message);
            return 1;
        }
        char path[1200];
        snprintf(path, sizeof path, "%.1000s/%.95s", dir, files[r].name);
        snprintf(sql, sizeof sql,
                 "COPY (%s WHERE r = %d ORDER BY k) TO '%s' (FORMAT parquet, COMPRESSION zstd,"
                 " FIELD_IDS {_KEY_id: 1073741823,"
                 " _SEQUENCE_NUMBER: 2147483646, _VALUE_KIND: 2147483645, id: 0, v_int: 1,"
                 " v_bigint: 2, v_double: 3, v_str: 4})",
                 records, r, path);
        if (!bench_duck_exec(d, sql))
            return 1;
        char row[5][64];
        snprintf(sql, sizeof sql,
                 "SELECT count(*), min(id), max(id), min(_SEQUENCE_NUMBER), max(_SEQUENCE_NUMBER)"
                 " FROM read_parquet('%s')",
                 path);
        if (!bench_duck_row(d, sql, row, 5))
            return 1;
        files[r].row_count = strtoll(row[0], NULL, 10);
        files[r].min_key = strtoll(row[1], NULL, 10);
        files[r].max_key = strtoll(row[2], NULL, 10);
        files[r].min_seq = strtoll(row[3], NULL, 10);
        files[r].max_seq = strtoll(row[4], NULL, 10);
        files[r].size_bytes = file_size(path);
    }
    /* The expected merge result, by DuckDB: the newest record of every key, unless a
     * retraction. */
    char expected[6][64];
    snprintf(sql, sizeof sql,
             "SELECT count(*), sum(id)::VARCHAR, sum(v_int)::VARCHAR, sum(v_bigint)::VARCHAR,"
             " sum(v_double), sum(strlen(v_str))::VARCHAR FROM (SELECT * FROM"
             " read_parquet('%s/*.parquet') QUALIFY row_number() OVER (PARTITION BY id ORDER BY"
             " _SEQUENCE_NUMBER DESC) = 1) WHERE _VALUE_KIND IN (0, 2)",
             dir);
    if (!bench_duck_row(d, sql, expected, 6))
        return 1;
    bench_duck_close(d);
    char path[1280];
    snprintf(path, sizeof path, "%s.expected", table);
    FILE *f = fopen(path, "w");
    for (int i = 0; f != NULL && i < 6; i++)
        fprintf(f, "%s\n", expected[i]);
    if (f == NULL || fclose(f) != 0) {
        fprintf(stderr, "%s: cannot write\n", path);
        return 1;
    }
    bench_table_spec spec = {table, MOR_FIELDS, 4, "id", "parquet"};
    if (bench_table_commit(&spec, files, MOR_RUNS, &err) != PAIMON_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    int64_t total = 0;
    for (int r = 0; r < MOR_RUNS; r++)
        total += files[r].row_count;
    printf("wrote %s: %" PRId64 " keys, %" PRId64 " records in %d sorted runs; merged: %s rows\n",
           table, keys, total, MOR_RUNS, expected[0]);
    return 0;
}

static int usage(const char *argv0) {
    fprintf(stderr,
            "usage: %s [--runs N] [--threads N] gen-scan TABLE ROWS |\n"
            "       gen-orc PARQUET_TABLE ORC_TABLE | gen-mor TABLE KEYS | scan TABLE |\n"
            "       orc ORC_TABLE PARQUET_TABLE | mor TABLE\n",
            argv0);
    return 2;
}

int main(int argc, char **argv) {
    int a = 1;
    while (a + 1 < argc && (strcmp(argv[a], "--runs") == 0 || strcmp(argv[a], "--threads") == 0)) {
        int v = atoi(argv[a + 1]);
        if (strcmp(argv[a], "--runs") == 0)
            runs = v < 1 ? 1 : v;
        else
            threads = v < 1 ? 1 : v;
        a += 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc - a < 2)
        return usage(argv[0]);
    const char *cmd = argv[a];
    if (strcmp(cmd, "scan") == 0)
        return cmd_scan(argv[a + 1]);
    if (strcmp(cmd, "mor") == 0)
        return cmd_mor(argv[a + 1]);
    if (argc - a < 3)
        return usage(argv[0]);
    if (strcmp(cmd, "orc") == 0)
        return cmd_orc(argv[a + 1], argv[a + 2]);
    if (strcmp(cmd, "gen-scan") == 0)
        return cmd_gen_scan(argv[a + 1], atoll(argv[a + 2]));
    if (strcmp(cmd, "gen-orc") == 0)
        return cmd_gen_orc(argv[a + 1], argv[a + 2]);
    if (strcmp(cmd, "gen-mor") == 0)
        return cmd_gen_mor(argv[a + 1], atoll(argv[a + 2]));
    return usage(argv[0]);
}
