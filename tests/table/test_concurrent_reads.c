/* One table handle read by several threads at once (each with its own stream) gives every
 * thread the same rows a single reader gets: the table's shared state (reference count,
 * schema cache) and the merge are safe to use concurrently. */
#include "pk_table_builder.h"

/* POSIX threads rather than C11's: ThreadSanitizer (clang 14) only follows pthread_create. */
#include <pthread.h>

#define KEYS 3000
#define RUNS 4
#define THREADS 4

typedef struct reader_job {
    paimon_table *table;
    const char *filter;
    const paimon_plan *plan; /* read this plan instead of planning a scan */
    uint64_t checksum; /* of the rows' JSON texts, order-independent */
    int64_t rows;
    int status;
    char message[1100];
} reader_job;

static uint64_t fnv1a(const char *s) {
    uint64_t h = 14695981039346656037ULL;
    for (; *s; s++)
        h = (h ^ (uint8_t)*s) * 1099511628211ULL;
    return h;
}

static void *read_all(void *arg) {
    reader_job *job = arg;
    paimon_error err = {0};
    paimon_scan_options o = PAIMON_SCAN_OPTIONS_INIT;
    o.filter = job->filter;
    o.batch_rows = 100;
    struct ArrowArrayStream s;
    job->status = job->plan != NULL ? paimon_plan_read(job->table, job->plan, &s, &err)
                                    : paimon_table_scan(job->table, &o, &s, &err);
    if (job->status != PAIMON_OK) {
        snprintf(job->message, sizeof job->message, "%s", err.message);
        return NULL;
    }
    struct ArrowSchema schema;
    s.get_schema(&s, &schema);
    paimon_row_formatter *f = NULL;
    paimon_row_formatter_new(&schema, PAIMON_STYLE_JSON, &f, &err);
    for (;;) {
        struct ArrowArray b;
        if (s.get_next(&s, &b) != 0) {
            job->status = PAIMON_EIO;
            snprintf(job->message, sizeof job->message, "%s", s.get_last_error(&s));
            break;
        }
        if (b.release == NULL)
            break;
        for (int64_t r = 0; r < b.length; r++) {
            job->checksum += fnv1a(paimon_row_formatter_row_json(f, &b, r, NULL));
            job->rows++;
        }
        b.release(&b);
    }
    paimon_row_formatter_free(f);
    schema.release(&schema);
    s.release(&s);
    return NULL;
}

/* Run r holds every key k with k % (r + 1) == 0 (the later runs update the earlier ones). */
static int build_table(const char *dir) {
    static tb_row rows[RUNS][KEYS];
    static char values[RUNS][KEYS][16];
    tb_file files[RUNS];
    for (int r = 0; r < RUNS; r++) {
        size_t n = 0;
        for (int64_t k = 0; k < KEYS; k++) {
            if (k % (r + 1) != 0)
                continue;
            snprintf(values[r][n], sizeof values[r][n], "v%d-%lld", r, (long long)k);
            tb_row row = {k, (uint8_t)(r == 3 && k % 8 == 0 ? 3 : 0), r * KEYS + k,
                          values[r][n], (int32_t)(k * 10 + r), k % 7 == 0};
            rows[r][n++] = row;
        }
        files[r].rows = rows[r];
        files[r].count = n;
        files[r].level = 0;
    }
    return tb_create(dir, "", files, RUNS);
}

static void check_concurrent(const char *filter, bool share_plan) {
    const char *dir = pm_test_tmpdir();
    CHECK_EQ_INT(build_table(dir), 0);
    paimon_error err = {0};
    paimon_table *alone_table, *shared;
    CHECK_OK(paimon_table_open(&alone_table, dir, &err), &err);
    reader_job alone = {alone_table, filter, NULL, 0, 0, 0, ""};
    read_all(&alone);
    paimon_table_free(alone_table);
    CHECK_EQ_INT(alone.status, PAIMON_OK);
    CHECK(alone.rows > KEYS / 2);

    CHECK_OK(paimon_table_open(&shared, dir, &err), &err);
    paimon_plan *plan = NULL;
    if (share_plan) {
        paimon_scan_options o = PAIMON_SCAN_OPTIONS_INIT;
        o.filter = filter;
        CHECK_OK(paimon_table_plan(shared, &o, &plan, &err), &err);
    }
    reader_job jobs[THREADS];
    pthread_t threads[THREADS];
    for (int i = 0; i < THREADS; i++) {
        reader_job j = {shared, filter, plan, 0, 0, 0, ""};
        jobs[i] = j;
        CHECK_EQ_INT(pthread_create(&threads[i], NULL, read_all, &jobs[i]), 0);
    }
    for (int i = 0; i < THREADS; i++)
        pthread_join(threads[i], NULL);
    paimon_plan_free(plan);
    paimon_table_free(shared);
    for (int i = 0; i < THREADS; i++) {
        if (jobs[i].status != PAIMON_OK)
            pm_test_fail(__FILE__, __LINE__, "thread %d: %s", i, jobs[i].message);
        CHECK_EQ_INT(jobs[i].rows, alone.rows);
        CHECK(jobs[i].checksum == alone.checksum);
    }
}

TEST(threads_sharing_a_table_read_what_one_reader_reads) {
    check_concurrent(NULL, false);
}

TEST(threads_sharing_a_table_with_filters) {
    check_concurrent("n > 5000 OR v IS NULL", false);
}

TEST(threads_reading_one_plan) {
    check_concurrent("n > 5000 OR v IS NULL", true);
}
