/* Parallel scans (paimon_scan_options.threads > 1) return what the single-threaded scan
 * returns: the same rows, in the same batches and order, the same error at the same point.
 * Append tables (one unit per file), merge-on-read (one unit per split), reads that skip
 * level 0, the compat corpus, projections with filters and limits; streams released early
 * join their workers. Runs under ThreadSanitizer (ctest -L concurrency). */
#include "table_builder.h"

#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#define FILES 24
#define ROWS_PER_FILE 300
#define BUCKETS 4
#define KEYS 2000
#define RUNS 3

/* ---- what a scan returned, as text ---- */

/* "#<length>" before the rows of every batch, so batch boundaries are compared too, one JSON
 * line per row, and "ERROR: <message>" when the scan failed. */
typedef struct scan_text {
    char *text;
    size_t len, cap;
    int64_t rows;
    int64_t batches;
    bool failed;
} scan_text;

static void text_add(scan_text *t, const char *s) {
    size_t n = strlen(s);
    if (t->len + n + 2 > t->cap) {
        t->cap = (t->len + n + 2) * 2;
        t->text = realloc(t->text, t->cap);
    }
    memcpy(t->text + t->len, s, n);
    t->len += n;
    t->text[t->len++] = '\n';
    t->text[t->len] = '\0';
}

/* Reads up to `max_batches` batches (< 0: all) of a stream into *t. */
static void read_batches(struct ArrowArrayStream *s, scan_text *t, int64_t max_batches) {
    paimon_error err = {0};
    struct ArrowSchema schema;
    if (s->get_schema(s, &schema) != 0) {
        t->failed = true;
        text_add(t, "ERROR: get_schema");
        return;
    }
    paimon_row_formatter *f = NULL;
    paimon_row_formatter_new(&schema, PAIMON_STYLE_JSON, &f, &err);
    for (int64_t k = 0; max_batches < 0 || k < max_batches; k++) {
        struct ArrowArray b;
        if (s->get_next(s, &b) != 0) {
            char line[PAIMON_ERROR_MESSAGE_SIZE + 16];
            snprintf(line, sizeof line, "ERROR: %s", s->get_last_error(s));
            text_add(t, line);
            t->failed = true;
            break;
        }
        if (b.release == NULL)
            break;
        char head[32];
        snprintf(head, sizeof head, "#%lld", (long long)b.length);
        text_add(t, head);
        for (int64_t r = 0; r < b.length; r++)
            text_add(t, paimon_row_formatter_row_json(f, &b, r, NULL));
        t->rows += b.length;
        t->batches++;
        b.release(&b);
    }
    paimon_row_formatter_free(f);
    schema.release(&schema);
}

/* Opens the table at `dir` and starts a scan with `o`. */
static int open_scan(const char *dir, const paimon_scan_options *o, paimon_table **t,
                     struct ArrowArrayStream *s, paimon_error *err) {
    PM_TRY(paimon_table_open(t, dir, err));
    int rc = paimon_table_scan(*t, o, s, err);
    if (rc != PAIMON_OK)
        paimon_table_free(*t);
    return rc;
}

/* Starts a scan of the whole table on `threads` threads. */
static int start_scan(const char *dir, uint32_t threads, paimon_table **t,
                      struct ArrowArrayStream *s, paimon_error *err) {
    paimon_scan_options o = PAIMON_SCAN_OPTIONS_INIT;
    o.threads = threads;
    return open_scan(dir, &o, t, s, err);
}

/* Scans the table at `dir` with `o` to its end. */
static scan_text scan_all(const char *dir, const paimon_scan_options *o) {
    scan_text t = {0};
    paimon_table *table;
    struct ArrowArrayStream s;
    paimon_error err = {0};
    if (open_scan(dir, o, &table, &s, &err) == PAIMON_OK) {
        read_batches(&s, &t, -1);
        s.release(&s);
        paimon_table_free(table);
    } else {
        text_add(&t, err.message);
        t.failed = true;
    }
    if (t.text == NULL)
        t.text = calloc(1, 1); /* no rows */
    return t;
}

/* Scans with 1 and with `threads` threads and checks that both return the same; `*serial`
 * gets the single-threaded result (the caller frees its text). */
static bool same_with_threads(const char *dir, paimon_scan_options o, uint32_t threads,
                              scan_text *serial) {
    o.threads = 1;
    *serial = scan_all(dir, &o);
    o.threads = threads;
    scan_text parallel = scan_all(dir, &o);
    bool same = serial->text != NULL && parallel.text != NULL &&
                strcmp(serial->text, parallel.text) == 0 && serial->rows == parallel.rows &&
                serial->batches == parallel.batches;
    if (!same)
        fprintf(stderr, "  %s: %u threads differ (%lld vs %lld rows)\n%.2000s\n---\n%.2000s\n", dir,
                threads, (long long)serial->rows, (long long)parallel.rows,
                serial->text ? serial->text : "", parallel.text ? parallel.text : "");
    free(parallel.text);
    return same;
}

/* The rows of the scan when 1 and `threads` threads return the same, else -1. */
static int64_t rows_if_same(const char *dir, paimon_scan_options o, uint32_t threads) {
    scan_text serial;
    bool same = same_with_threads(dir, o, threads, &serial);
    free(serial.text);
    return same ? serial.rows : -1;
}

/* rows_if_same with a filter and a limit. */
static int64_t filtered_rows_if_same(const char *dir, size_t batch_rows, const char *filter,
                                     int64_t limit, uint32_t threads) {
    paimon_scan_options o = PAIMON_SCAN_OPTIONS_INIT;
    o.batch_rows = batch_rows;
    o.filter = filter;
    o.limit = limit;
    return rows_if_same(dir, o, threads);
}

/* Whether 1 and `threads` threads return the same for each of the `n` batch sizes, and
 * `check` accepts the rows. */
static bool same_and_right(const char *dir, uint32_t threads, const size_t *batch_rows, size_t n,
                           bool (*check)(const scan_text *)) {
    paimon_scan_options o = PAIMON_SCAN_OPTIONS_INIT;
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++) {
        o.batch_rows = batch_rows[i];
        scan_text serial;
        ok = same_with_threads(dir, o, threads, &serial) && check(&serial);
        if (!ok)
            fprintf(stderr, "  with batches of %zu rows\n", batch_rows[i]);
        free(serial.text);
    }
    return ok;
}

/* The number of threads of this process (Linux), or -1. */
static int thread_count(void) {
    FILE *f = fopen("/proc/self/status", "r");
    if (f == NULL)
        return -1;
    char line[256];
    int n = -1;
    while (fgets(line, sizeof line, f) != NULL) {
        if (sscanf(line, "Threads: %d", &n) == 1)
            break;
    }
    fclose(f);
    return n;
}

static void *no_op(void *arg) {
    return arg;
}

/* The threads of this process before a scan starts any. ThreadSanitizer starts a helper
 * thread of its own with the first thread the program creates: one is created first. */
static int baseline_threads(void) {
    pthread_t t;
    if (pthread_create(&t, NULL, no_op, NULL) == 0)
        pthread_join(t, NULL);
    return thread_count();
}

/* ---- an append table with many files ---- */

static const tb_column append_columns[] = {{"id", "INT"}, {"v", "STRING"}, {"n", "BIGINT"}};

/* Row i of the table: id i, v "v<i>", n i * 3 (null for every 7th row). */
static bool expected_append_row(int64_t id, const char *json) {
    char want[96];
    if (id % 7 == 0)
        snprintf(want, sizeof want, "[%lld,\"v%lld\",null]", (long long)id, (long long)id);
    else
        snprintf(want, sizeof want, "[%lld,\"v%lld\",%lld]", (long long)id, (long long)id,
                 (long long)(id * 3));
    return strcmp(json, want) == 0;
}

/* FILES files of ROWS_PER_FILE rows, spread over BUCKETS buckets and three snapshots; file f
 * holds ids f * ROWS_PER_FILE onwards. Avro files, or ORC files with stripes of
 * `orc_stripe_rows` rows (which parallel reads cut into slices). */
static const char *build_append_files(size_t orc_stripe_rows) {
    static tb_xrow rows[FILES][ROWS_PER_FILE];
    static char values[FILES][ROWS_PER_FILE][48];
    const char *dir = pm_test_tmpdir();
    bt_table b;
    int rc = bt_init(&b, dir, append_columns, 3, NULL, false);
    b.orc_stripe_rows = orc_stripe_rows;
    rc = rc ? rc : bt_schema(&b, NULL, 0, "\"bucket\" : \"4\", \"bucket-key\" : \"id\"");
    bt_file files[FILES];
    for (int f = 0; f < FILES; f++) {
        for (int r = 0; r < ROWS_PER_FILE; r++) {
            int64_t id = (int64_t)f * ROWS_PER_FILE + r;
            if (id % 7 == 0)
                snprintf(values[f][r], sizeof values[f][r], "%lld,v%lld,null", (long long)id,
                         (long long)id);
            else
                snprintf(values[f][r], sizeof values[f][r], "%lld,v%lld,%lld", (long long)id,
                         (long long)id, (long long)(id * 3));
            rows[f][r] = (tb_xrow){0, id, values[f][r]};
        }
        files[f] = (bt_file){NULL, f % BUCKETS, 0, rows[f], ROWS_PER_FILE, 0, 0};
    }
    for (int c = 0; c < 3 && rc == 0; c++)
        rc = bt_commit(&b, NULL, "APPEND", 1000 + c, &files[c * FILES / 3], FILES / 3, NULL);
    bt_dispose(&b);
    return rc == 0 ? dir : NULL;
}

static const char *build_append(void) {
    return build_append_files(0);
}

/* The data file written as the f-th file of an append table (builder names and buckets). */
static void append_file_path(const char *dir, int f, const char *format, char *out, size_t cap) {
    snprintf(out, cap, "%s/bucket-%d/data-bt%06d-0000-0000-0000-000000000000-0.%s", dir,
             f % BUCKETS, f, format);
}

/* Drops the last `bytes` bytes of data file f (-1: half of it). */
static bool cut_file(const char *dir, int f, const char *format, off_t bytes) {
    char path[4200];
    append_file_path(dir, f, format, path, sizeof path);
    struct stat st;
    if (stat(path, &st) != 0)
        return false;
    return truncate(path, bytes < 0 ? st.st_size / 2 : st.st_size - bytes) == 0;
}

/* Whether a scan of the append table fails the same way on 1 and `threads` threads, naming
 * `file`, after the rows of the files before the broken one. */
static bool fails_the_same(const char *dir, size_t batch_rows, uint32_t threads, const char *file) {
    paimon_scan_options o = PAIMON_SCAN_OPTIONS_INIT;
    o.batch_rows = batch_rows;
    scan_text serial;
    bool same = same_with_threads(dir, o, threads, &serial);
    bool ok = same && serial.failed && strstr(serial.text, file) != NULL && serial.rows > 0 &&
              serial.rows < FILES * ROWS_PER_FILE;
    if (same && !ok)
        fprintf(stderr, "  unexpected result:\n%.3000s\n", serial.text);
    free(serial.text);
    return ok;
}

/* Checks that every row of a scan of the whole append table is there once, as written. */
static bool check_append_rows(const scan_text *t) {
    static bool seen[FILES * ROWS_PER_FILE];
    memset(seen, 0, sizeof seen);
    int64_t rows = 0;
    for (const char *line = t->text; line != NULL && *line; line = strchr(line, '\n') + 1) {
        char row[128];
        size_t n = strcspn(line, "\n");
        snprintf(row, sizeof row, "%.*s", (int)n, line);
        if (row[0] == '#')
            continue;
        long long id;
        if (sscanf(row, "[%lld,", &id) != 1 || id < 0 || id >= FILES * ROWS_PER_FILE || seen[id] ||
            !expected_append_row(id, row)) {
            fprintf(stderr, "  unexpected row %s\n", row);
            return false;
        }
        seen[id] = true;
        rows++;
    }
    return rows == FILES * ROWS_PER_FILE;
}

TEST(append_table_with_many_files) {
    const char *dir = build_append();
    CHECK(dir != NULL);
    paimon_scan_options o = PAIMON_SCAN_OPTIONS_INIT;
    o.batch_rows = 64; /* several batches per file: the queues fill up */
    uint32_t threads[] = {2, 4, 7, 64};
    for (size_t i = 0; i < sizeof threads / sizeof threads[0]; i++) {
        scan_text serial;
        bool same = same_with_threads(dir, o, threads[i], &serial);
        bool rows_ok = check_append_rows(&serial);
        int64_t batches = serial.batches;
        free(serial.text);
        CHECK(same);
        CHECK(rows_ok);
        CHECK_EQ_INT(batches, FILES * ((ROWS_PER_FILE + 63) / 64));
    }
}

TEST(append_table_with_default_batches) {
    const char *dir = build_append();
    CHECK(dir != NULL);
    paimon_scan_options o = PAIMON_SCAN_OPTIONS_INIT;
    scan_text serial;
    bool same = same_with_threads(dir, o, 3, &serial);
    bool rows_ok = check_append_rows(&serial);
    int64_t batches = serial.batches;
    free(serial.text);
    CHECK(same);
    CHECK(rows_ok);
    CHECK_EQ_INT(batches, FILES); /* a batch never spans two files */
}

/* Parallel reads cut ORC files into slices of their stripes: every stripe is read once, in
 * order, whether slices hold none, one or several. */
TEST(orc_files_read_in_slices) {
    const char *dir = build_append_files(40);
    CHECK(dir != NULL);
    size_t batch_rows[] = {3, 5, 7, 16, 64, 0}; /* slices of 24 .. 131072 rows */
    CHECK(same_and_right(dir, 3, batch_rows, 6, check_append_rows));
    CHECK_EQ_INT(filtered_rows_if_same(dir, 5, "id >= 1000 AND id < 1100", 70, 2), 70);
}

/* A slice of a broken ORC file fails as the whole file fails in a single reader. */
TEST(broken_orc_file_read_in_slices) {
    const char *dir = build_append_files(40);
    CHECK(dir != NULL);
    CHECK(cut_file(dir, 9, "orc", 20));
    CHECK(fails_the_same(dir, 5, 4, "data-bt000009"));
}

TEST(projection_filter_and_limit) {
    const char *dir = build_append();
    CHECK(dir != NULL);
    const char *columns[] = {"n", "id"};
    paimon_scan_options o = PAIMON_SCAN_OPTIONS_INIT;
    o.columns = columns;
    o.column_count = 2;
    o.filter = "id >= 1000 AND (n IS NULL OR n > 9000)";
    o.batch_rows = 50;
    int64_t limits[] = {-1, 0, 1, 10, 50, 777, 4000, 100000};
    int64_t matching = 0; /* ids 1000.. with n null (id % 7 == 0) or id > 3000 */
    for (int64_t id = 1000; id < FILES * ROWS_PER_FILE; id++)
        matching += id % 7 == 0 || id > 3000;
    for (size_t i = 0; i < sizeof limits / sizeof limits[0]; i++) {
        o.limit = limits[i];
        scan_text serial;
        bool same = same_with_threads(dir, o, 4, &serial);
        bool values_ok = true;
        for (const char *line = serial.text; line != NULL && *line; line = strchr(line, '\n') + 1) {
            long long n, id;
            if (line[0] == '#')
                continue;
            if (sscanf(line, "[null,%lld]", &id) == 1)
                values_ok = values_ok && id >= 1000 && id % 7 == 0;
            else if (sscanf(line, "[%lld,%lld]", &n, &id) == 2)
                values_ok = values_ok && id >= 1000 && n == id * 3 && n > 9000;
            else
                values_ok = false;
        }
        int64_t rows = serial.rows;
        free(serial.text);
        CHECK(same);
        CHECK(values_ok);
        int64_t want = limits[i] < 0 || limits[i] > matching ? matching : limits[i];
        CHECK_EQ_INT(rows, want);
    }
}

/* A truncated data file fails the scan after the rows of the files before it, with the same
 * message, whichever thread decoded it. */
TEST(error_in_a_worker_surfaces_as_in_a_single_reader) {
    const char *dir = build_append();
    CHECK(dir != NULL);
    CHECK(cut_file(dir, 13, "avro", -1));
    uint32_t threads[] = {2, 4, 16};
    for (size_t i = 0; i < sizeof threads / sizeof threads[0]; i++)
        CHECK(fails_the_same(dir, 64, threads[i], "data-bt000013"));
}

/* get_next after a failure fails again, with the same message. */
TEST(errors_are_repeated) {
    const char *dir = build_append();
    CHECK(dir != NULL);
    char path[4200];
    append_file_path(dir, 0, "avro", path, sizeof path);
    CHECK(truncate(path, 10) == 0);
    paimon_table *t;
    struct ArrowArrayStream s;
    paimon_error err = {0};
    CHECK_OK(start_scan(dir, 4, &t, &s, &err), &err);
    scan_text first = {0}, second = {0};
    read_batches(&s, &first, -1);
    read_batches(&s, &second, -1);
    s.release(&s);
    paimon_table_free(t);
    const char *message = first.text != NULL ? strstr(first.text, "ERROR: ") : NULL;
    bool same = message != NULL && second.text != NULL && strcmp(message, second.text) == 0;
    bool names_file = message != NULL && strstr(message, "data-bt000000") != NULL;
    bool failed = first.failed && second.failed && second.rows == 0;
    free(first.text);
    free(second.text);
    CHECK(failed);
    CHECK(same);
    CHECK(names_file);
}

/* With a limit the workers stop claiming files once the files claimed hold enough rows: a
 * broken file far behind is never opened. */
TEST(limit_stops_the_workers_early) {
    const char *dir = build_append();
    CHECK(dir != NULL);
    char path[4200];
    append_file_path(dir, FILES - 1, "avro", path, sizeof path);
    CHECK(truncate(path, 10) == 0);
    paimon_scan_options o = PAIMON_SCAN_OPTIONS_INIT;
    o.batch_rows = 64;
    o.limit = 100;
    scan_text serial;
    bool same = same_with_threads(dir, o, 4, &serial);
    bool failed = serial.failed;
    int64_t rows = serial.rows;
    free(serial.text);
    CHECK(same);
    CHECK(!failed);
    CHECK_EQ_INT(rows, 100);
    o.limit = -1;
    o.threads = 4;
    serial = scan_all(dir, &o);
    failed = serial.failed;
    free(serial.text);
    CHECK(failed); /* the file is broken indeed */
}

/* A file's 300 rows come in 18 batches of 16 and one of 12. */
static int64_t rows_in_batches_of_16(int64_t batches) {
    return batches / 19 * ROWS_PER_FILE + batches % 19 * 16;
}

/* Releasing a stream before its end stops and joins the workers, whatever they were doing. */
TEST(early_release_joins_the_workers) {
    const char *dir = build_append();
    CHECK(dir != NULL);
    int before = baseline_threads();
    paimon_error err = {0};
    paimon_table *t;
    CHECK_OK(paimon_table_open(&t, dir, &err), &err);
    paimon_scan_options o = PAIMON_SCAN_OPTIONS_INIT;
    o.batch_rows = 16; /* the workers fill their queues and wait */
    o.threads = 1;
    scan_text serial = {0};
    struct ArrowArrayStream s;
    CHECK_OK(paimon_table_scan(t, &o, &s, &err), &err);
    read_batches(&s, &serial, 40);
    s.release(&s);
    o.threads = 4;
    for (int64_t batches = 0; batches <= 40; batches += 10) {
        scan_text part = {0};
        CHECK_OK(paimon_table_scan(t, &o, &s, &err), &err);
        read_batches(&s, &part, batches);
        if (batches == 0)
            usleep(20000); /* the workers start and fill their queues */
        int during = thread_count();
        s.release(&s);
        int after = thread_count();
        bool prefix = part.text == NULL || strncmp(serial.text, part.text, strlen(part.text)) == 0;
        int64_t rows = part.rows;
        free(part.text);
        CHECK(prefix);
        CHECK_EQ_INT(rows, rows_in_batches_of_16(batches));
        if (before > 0) {
            CHECK(during > before);
            CHECK_EQ_INT(after, before);
        }
    }
    /* Released at once. */
    CHECK_OK(paimon_table_scan(t, &o, &s, &err), &err);
    s.release(&s);
    paimon_table_free(t);
    bool first_ok =
        serial.rows == rows_in_batches_of_16(40) && strncmp(serial.text, "#16\n[", 5) == 0;
    free(serial.text);
    CHECK(first_ok);
    if (before > 0)
        CHECK_EQ_INT(thread_count(), before);
}

/* At the end of the rows the workers are gone before the stream is released. */
TEST(workers_end_with_the_rows) {
    const char *dir = build_append();
    CHECK(dir != NULL);
    int before = baseline_threads();
    if (before < 0)
        SKIP("no /proc/self/status");
    paimon_table *t;
    struct ArrowArrayStream s;
    paimon_error err = {0};
    CHECK_OK(start_scan(dir, 4, &t, &s, &err), &err);
    scan_text all = {0};
    read_batches(&s, &all, -1);
    int after_end = thread_count();
    s.release(&s);
    paimon_table_free(t);
    bool rows_ok = check_append_rows(&all);
    free(all.text);
    CHECK(rows_ok);
    CHECK_EQ_INT(after_end, before);
}

/* ---- primary-key tables ---- */

static const tb_column pk_columns[] = {{"id", "INT NOT NULL"}, {"v", "STRING"}, {"n", "BIGINT"}};

/* Run r holds the keys k with k % (r + 1) == 0, each in bucket k % BUCKETS, with v "r<r>-<k>"
 * and n k * 10 + r; the last run deletes its keys divisible by 9. With `levels` the runs are
 * levels 3, 2, 1 of a table with deletion vectors (read without merging, so every live row
 * of every run is returned); otherwise level-0 files that merge-on-read merges. */
static const char *build_pk(bool levels) {
    static tb_xrow rows[RUNS][BUCKETS][KEYS];
    static char values[RUNS][KEYS][48];
    const char *dir = pm_test_tmpdir();
    bt_table b;
    int rc = bt_init(&b, dir, pk_columns, 3, NULL, true);
    rc = rc ? rc
            : bt_schema(&b, NULL, 0,
                        levels ? "\"bucket\" : \"4\", \"deletion-vectors.enabled\" : \"true\""
                               : "\"bucket\" : \"4\"");
    for (int r = 0; r < RUNS && rc == 0; r++) {
        bt_file files[BUCKETS];
        size_t counts[BUCKETS] = {0};
        for (int64_t k = 0; k < KEYS; k++) {
            if (k % (r + 1) != 0)
                continue;
            snprintf(values[r][k], sizeof values[r][k], "%lld,r%d-%lld,%lld", (long long)k, r,
                     (long long)k, (long long)(k * 10 + r));
            uint8_t kind = r == RUNS - 1 && k % 9 == 0 ? 3 : 0;
            int bucket = (int)(k % BUCKETS);
            rows[r][bucket][counts[bucket]++] = (tb_xrow){kind, r * KEYS + k, values[r][k]};
        }
        size_t nfiles = 0; /* a bucket without keys of the run has no file */
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            if (counts[bucket] > 0)
                files[nfiles++] = (bt_file){
                    NULL, bucket, levels ? RUNS - r : 0, rows[r][bucket], counts[bucket], 0, 0};
        }
        rc = bt_commit(&b, NULL, "APPEND", 1000 + r, files, nfiles, NULL);
    }
    bt_dispose(&b);
    return rc == 0 ? dir : NULL;
}

/* Checks the merged rows: every key once, ascending within its bucket, as its last run wrote
 * it, unless deleted. */
static bool check_merged(const scan_text *t) {
    int64_t rows = 0, expected = 0, last = -1;
    for (int64_t k = 0; k < KEYS; k++)
        expected += !(k % 3 == 0 && k % 9 == 0);
    for (const char *line = t->text; line != NULL && *line; line = strchr(line, '\n') + 1) {
        if (line[0] == '#')
            continue;
        long long k, k2, n;
        int r;
        if (sscanf(line, "[%lld,\"r%d-%lld\",%lld]", &k, &r, &k2, &n) != 4)
            return false;
        int want_run = k % 3 == 0 ? 2 : k % 2 == 0 ? 1 : 0;
        if (k2 != k || r != want_run || n != k * 10 + r || k % 9 == 0) {
            fprintf(stderr, "  unexpected merged row %.60s\n", line);
            return false;
        }
        if (last >= 0 && k % BUCKETS == last % BUCKETS && k <= last)
            return false;
        last = k;
        rows++;
    }
    return rows == expected;
}

TEST(merge_on_read_table) {
    const char *dir = build_pk(false);
    CHECK(dir != NULL);
    size_t batch_rows[] = {0, 7, 100};
    CHECK(same_and_right(dir, 4, batch_rows, 3, check_merged));
    CHECK_EQ_INT(filtered_rows_if_same(dir, 10, "n > 5000 OR v IS NULL", 333, 2), 333);
}

/* Deletion-vector tables read level 1 and up file by file, without merging. */
TEST(deletion_vector_table_without_merge) {
    const char *dir = build_pk(true);
    CHECK(dir != NULL);
    paimon_scan_options o = PAIMON_SCAN_OPTIONS_INIT;
    o.batch_rows = 33;
    scan_text serial;
    bool same = same_with_threads(dir, o, 4, &serial);
    int64_t rows = serial.rows;
    bool run_two_ok = serial.text != NULL && strstr(serial.text, "[0,\"r2-0\"") == NULL &&
                      strstr(serial.text, "[3,\"r2-3\",32]") != NULL;
    free(serial.text);
    CHECK(same);
    CHECK(run_two_ok);
    /* Every run's rows but the deletions of the last run: 2000 + 1000 + 667 - 223. */
    CHECK_EQ_INT(rows, KEYS + KEYS / 2 + (KEYS + 2) / 3 - (KEYS + 8) / 9);
}

/* ---- the compat corpus ---- */

TEST(compat_corpus_tables) {
    char *dirs[256];
    int tables = pm_test_corpus_tables("parquet", dirs, 256);
    if (tables < 0)
        SKIP("compat corpus not available");
    int differ = 0;
    int64_t rows = 0;
    for (int i = 0; i < tables; i++) {
        size_t batch_rows[] = {0, 1, 3};
        for (size_t k = 0; k < 3; k++) {
            paimon_scan_options o = PAIMON_SCAN_OPTIONS_INIT;
            o.batch_rows = batch_rows[k];
            scan_text serial;
            differ += !same_with_threads(dirs[i], o, 4, &serial);
            rows += serial.failed ? 0 : serial.rows;
            free(serial.text);
        }
        free(dirs[i]);
    }
    CHECK(tables >= 25);
    CHECK(rows > 300);
    CHECK_EQ_INT(differ, 0);
    /* A primary-key table with deletion vectors, exactly. */
    char dv[4096];
    snprintf(dv, sizeof dv, "%s",
             pm_test_table_path("parquet/pk_table_scan_and_read_dv.db/pk_table_scan_and_read_dv"));
    paimon_scan_options o = PAIMON_SCAN_OPTIONS_INIT;
    o.batch_rows = 1;
    CHECK_EQ_INT(rows_if_same(dv, o, 3), 8);
}

/* ---- the options struct ---- */

/* A caller built against version 1 of paimon.h: its struct ends at all_files; whatever its
 * padding holds, the scan is single-threaded and reads the fields it has. */
TEST(version_1_options_are_read_single_threaded) {
    const char *dir = build_append();
    CHECK(dir != NULL);
    int before = baseline_threads();
    paimon_scan_options o;
    memset(&o, 0xff, sizeof o); /* `threads` would be garbage */
    o.version = 1;
    o.snapshot_id = 0;
    o.tag = NULL;
    o.has_timestamp = false;
    o.timestamp_millis = 0;
    o.columns = NULL;
    o.column_count = 0;
    o.filter = "id < 1000";
    o.limit = 900;
    o.batch_rows = 16;
    o.all_files = false;
    paimon_error err = {0};
    paimon_table *t;
    CHECK_OK(paimon_table_open(&t, dir, &err), &err);
    struct ArrowArrayStream s;
    CHECK_OK(paimon_table_scan(t, &o, &s, &err), &err);
    scan_text part = {0};
    read_batches(&s, &part, 1);
    int during = thread_count();
    read_batches(&s, &part, -1);
    s.release(&s);
    int64_t rows = part.rows;
    free(part.text);
    o.version = 3;
    int rc = paimon_table_scan(t, &o, &s, &err);
    paimon_table_free(t);
    CHECK_EQ_INT(rows, 900);
    CHECK_EQ_INT(during, before);
    CHECK_EQ_INT(rc, PAIMON_EINVAL);
    CHECK(strstr(err.message, "unsupported version 3") != NULL);
}

/* A plan made with threads is read in parallel by every paimon_plan_read, also by several
 * threads at once. */
static void *read_plan(void *arg) {
    const paimon_plan *plan = ((void **)arg)[0];
    scan_text *out = ((void **)arg)[1];
    paimon_error err = {0};
    struct ArrowArrayStream s;
    if (paimon_plan_read(NULL, plan, &s, &err) != PAIMON_OK) {
        text_add(out, err.message);
        out->failed = true;
        return NULL;
    }
    read_batches(&s, out, -1);
    s.release(&s);
    return NULL;
}

TEST(parallel_plans_read_on_several_threads) {
    const char *dir = build_pk(false);
    CHECK(dir != NULL);
    paimon_error err = {0};
    paimon_table *t;
    CHECK_OK(paimon_table_open(&t, dir, &err), &err);
    paimon_scan_options o = PAIMON_SCAN_OPTIONS_INIT;
    o.batch_rows = 50;
    o.threads = 3;
    paimon_plan *plan;
    CHECK_OK(paimon_table_plan(t, &o, &plan, &err), &err);
    paimon_table_free(t);
    scan_text results[3] = {{0}};
    void *args[3][2];
    pthread_t threads[3];
    for (int i = 0; i < 3; i++) {
        args[i][0] = plan;
        args[i][1] = &results[i];
        CHECK_EQ_INT(pthread_create(&threads[i], NULL, read_plan, args[i]), 0);
    }
    for (int i = 0; i < 3; i++)
        pthread_join(threads[i], NULL);
    paimon_plan_free(plan);
    o.threads = 1;
    scan_text serial = scan_all(dir, &o);
    bool all_same = true;
    for (int i = 0; i < 3; i++) {
        all_same = all_same && results[i].text != NULL && serial.text != NULL &&
                   strcmp(results[i].text, serial.text) == 0;
        free(results[i].text);
    }
    bool merged = check_merged(&serial);
    free(serial.text);
    CHECK(all_same);
    CHECK(merged);
}
