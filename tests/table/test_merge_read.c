/*
 * Merge-on-read of generated primary-key tables: the int64 key fast path against the byte
 * encoding (forced with pm_merge_read_force_general_keys) and both against a brute-force merge,
 * over key types, nulls, retractions, merge engines, batch sizes, and long stretches without
 * output.
 */
#include "test.h"
#include "pk_fixture.h"
#include "table/merge_keys.h"
#include "table/merge_read.h"

#include <stdlib.h>

static uint64_t rng_next(uint64_t *s) {
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* The rows of a scan as JSON lines, and the sequence number of the record each row's s
 * column came from. */
typedef struct scan_out {
    pm_buf json;
    pm_buf seqs; /* int64 each */
    size_t rows;
} scan_out;

static void scan_out_dispose(scan_out *o) {
    pm_buf_dispose(&o->json);
    pm_buf_dispose(&o->seqs);
}

static int read_table(const char *dir, size_t batch_rows, bool general, scan_out *out,
                      paimon_error *err) {
    memset(out, 0, sizeof *out);
    pm_merge_read_force_general_keys(general);
    paimon_table *t;
    PM_TRY(paimon_table_open(&t, dir, err));
    paimon_scan_options o = PAIMON_SCAN_OPTIONS_INIT;
    o.batch_rows = batch_rows;
    struct ArrowArrayStream st;
    int rc = paimon_table_scan(t, &o, &st, err);
    pm_merge_read_force_general_keys(false);
    if (rc != PAIMON_OK) {
        paimon_table_free(t);
        return rc;
    }
    struct ArrowSchema schema;
    paimon_row_formatter *fmt = NULL;
    rc = st.get_schema(&st, &schema) == 0 ? PAIMON_OK : PAIMON_EIO;
    if (rc == PAIMON_OK) {
        rc = paimon_row_formatter_new(&schema, PAIMON_STYLE_JSON, &fmt, err);
        schema.release(&schema);
    }
    while (rc == PAIMON_OK) {
        struct ArrowArray b;
        if (st.get_next(&st, &b) != 0) {
            rc = pm_err(err, PAIMON_EIO, "%s", st.get_last_error(&st));
            break;
        }
        if (b.release == NULL)
            break;
        const struct ArrowArray *s = b.children[2];
        const int32_t *offs = (const int32_t *)s->buffers[1] + s->offset;
        for (int64_t r = 0; r < b.length; r++) {
            size_t len;
            const char *row = paimon_row_formatter_row_json(fmt, &b, r, &len);
            pm_buf_append(&out->json, row, len);
            pm_buf_append_byte(&out->json, '\n');
            char text[32] = {0};
            memcpy(text, (const char *)s->buffers[2] + offs[r] + 1,
                   (size_t)(offs[r + 1] - offs[r] - 1) < 31 ? (size_t)(offs[r + 1] - offs[r] - 1)
                                                            : 31);
            int64_t seq = strtoll(text, NULL, 10);
            pm_buf_append(&out->seqs, &seq, sizeof seq);
            out->rows++;
        }
        b.release(&b);
    }
    paimon_row_formatter_free(fmt);
    st.release(&st);
    paimon_table_free(t);
    return rc;
}

/* ---- generated runs and the brute-force merge ---- */

typedef struct gen_opts {
    int runs;
    int per_run;
    int64_t key_lo, key_hi; /* keys drawn from [key_lo, key_hi) */
    bool nulls;             /* some null keys */
    bool retractions;
    bool extreme; /* some keys at INT64_MIN / INT64_MAX */
} gen_opts;

static int rec_cmp(const void *pa, const void *pb) {
    const pkf_rec *a = pa, *b = pb;
    if (a->key_null != b->key_null)
        return a->key_null ? -1 : 1;
    if (!a->key_null && a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return a->seq < b->seq ? -1 : (a->seq > b->seq ? 1 : 0);
}

/* recs: runs * per_run records; files: runs entries. Sequence numbers are unique and random
 * across runs. */
static void generate(uint64_t *rng, const gen_opts *g, pkf_rec *recs, pkf_file *files) {
    int64_t span = g->key_hi - g->key_lo;
    for (int r = 0; r < g->runs; r++) {
        pkf_rec *run = recs + (size_t)r * (size_t)g->per_run;
        for (int i = 0; i < g->per_run; i++) {
            pkf_rec *x = &run[i];
            uint64_t u = rng_next(rng);
            x->key = g->key_lo + (int64_t)(u % (uint64_t)span);
            x->key_null = g->nulls && u % 23 == 0;
            if (g->extreme && u % 19 == 0)
                x->key = (u >> 8) % 2 ? INT64_MIN : INT64_MAX;
            x->seq = (int64_t)(rng_next(rng) % 1000000) * 1000 + r * g->per_run + i;
            x->kind = (uint8_t)(g->retractions && u % 7 == 0 ? ((u >> 4) % 2 ? 3 : 1)
                                                              : ((u >> 4) % 2 ? 2 : 0));
            x->v = (int32_t)(rng_next(rng) % 1000);
            x->v_null = u % 5 == 0;
        }
        qsort(run, (size_t)g->per_run, sizeof *run, rec_cmp);
        files[r].recs = run;
        files[r].count = (size_t)g->per_run;
    }
}

static bool same_key(const pkf_rec *a, const pkf_rec *b) {
    return a->key_null == b->key_null && (a->key_null || a->key == b->key);
}

static bool retraction(uint8_t kind) { return kind == 1 || kind == 3; }

/* The sequence numbers of the winning records, in key order: the deduplicate engine (the
 * newest record; with ignore_delete the newest that is not a retraction) or first-row (the
 * oldest). */
static size_t brute_force(const pkf_rec *recs, size_t n, bool first_row, bool ignore_delete,
                          int64_t *out) {
    pkf_rec *all = malloc((n ? n : 1) * sizeof *all);
    memcpy(all, recs, n * sizeof *all);
    qsort(all, n, sizeof *all, rec_cmp);
    size_t w = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        const pkf_rec *win = NULL;
        for (; j < n && same_key(&all[i], &all[j]); j++) {
            if (ignore_delete && retraction(all[j].kind))
                continue;
            if (!first_row || win == NULL)
                win = &all[j];
        }
        if (win != NULL && !retraction(win->kind))
            out[w++] = win->seq;
        i = j;
    }
    free(all);
    return w;
}

/* Writes the runs, reads them with the fast and the general key path (batches of batch_rows),
 * and checks both against the brute-force merge. */
static void check_table(const char *key_type, const char *options, const pkf_rec *recs,
                        const pkf_file *files, int runs, size_t batch_rows, bool first_row,
                        bool ignore_delete) {
    paimon_error err = {0};
    const char *dir = pm_test_tmpdir();
    CHECK_OK(pkf_write_table(dir, key_type, options, files, (size_t)runs, &err), &err);
    size_t n = 0;
    for (int r = 0; r < runs; r++)
        n += files[r].count;
    int64_t *want = malloc((n ? n : 1) * sizeof *want);
    size_t want_n = brute_force(recs, n, first_row, ignore_delete, want);
    scan_out fast, general;
    CHECK_OK(read_table(dir, batch_rows, false, &fast, &err), &err);
    CHECK_OK(read_table(dir, batch_rows, true, &general, &err), &err);
    if (general.rows != want_n || fast.rows != want_n)
        pm_test_fail(__FILE__, __LINE__, "%s, batch %zu: %zu rows (general), %zu (fast), expected "
                                         "%zu", key_type, batch_rows, general.rows, fast.rows,
                     want_n);
    if (pm_test_failed())
        return;
    const int64_t *got = (const int64_t *)(const void *)general.seqs.data;
    for (size_t i = 0; i < want_n; i++) {
        if (got[i] != want[i]) {
            pm_test_fail(__FILE__, __LINE__, "%s, batch %zu: row %zu is record s%lld, expected "
                                             "s%lld", key_type, batch_rows, i, (long long)got[i],
                         (long long)want[i]);
            break;
        }
    }
    CHECK_EQ_INT(fast.json.len, general.json.len);
    CHECK(fast.json.len == 0 || memcmp(fast.json.data, general.json.data, fast.json.len) == 0);
    free(want);
    scan_out_dispose(&fast);
    scan_out_dispose(&general);
}

TEST(int_key_fast_path_matches_the_byte_encoding) {
    /* Every type the fast path takes, with signs, duplicates across and within runs, and
     * retractions, in batches smaller than, around and larger than a run. (Timestamps stay
     * after 1970: ORC, like Java's writer, cannot tell -0.1 s from +0.9 s.) */
    static const struct {
        const char *type;
        int64_t lo, hi;
    } types[] = {
        {"BIGINT NOT NULL", -5000000000LL, 5000000000LL}, {"BIGINT NOT NULL", -40, 40},
        {"INT NOT NULL", -300, 300},                       {"SMALLINT NOT NULL", -200, 200},
        {"TINYINT NOT NULL", -100, 100},                   {"DATE NOT NULL", -1000, 1000},
        {"TIME NOT NULL", 0, 86400000},                    {"TIMESTAMP(3) NOT NULL", 0, 199},
        {"TIMESTAMP(6) WITH LOCAL TIME ZONE NOT NULL", 0, 19999},
    };
    static const size_t batches[] = {0, 1, 7, 64};
    uint64_t rng = 0x9E3779B97F4A7C15ULL;
    pkf_rec recs[4 * 150];
    pkf_file files[4];
    for (size_t t = 0; t < sizeof types / sizeof types[0]; t++) {
        gen_opts g = {4, 150, types[t].lo, types[t].hi, false, true, false};
        generate(&rng, &g, recs, files);
        for (size_t b = 0; b < sizeof batches / sizeof batches[0]; b++) {
            check_table(types[t].type, "", recs, files, 4, batches[b], false, false);
            if (pm_test_failed())
                return;
        }
    }
}

TEST(null_and_extreme_int_keys) {
    /* Nulls sort first and equal each other; INT64_MIN is the fast path's stand-in for null
     * and must stay apart from it. */
    uint64_t rng = 12345;
    pkf_rec recs[3 * 200];
    pkf_file files[3];
    gen_opts g = {3, 200, -20, 20, true, true, true};
    for (int round = 0; round < 3; round++) {
        generate(&rng, &g, recs, files);
        check_table("BIGINT", "", recs, files, 3, round == 0 ? 0 : 5, false, false);
        if (pm_test_failed())
            return;
    }
}

TEST(many_runs_use_the_heap) {
    /* More runs than the linear order takes, and a run that ends early. */
    uint64_t rng = 31337;
    pkf_rec recs[11 * 60];
    pkf_file files[11];
    gen_opts g = {11, 60, -100, 100, false, true, false};
    generate(&rng, &g, recs, files);
    files[3].count = 5;
    static pkf_rec kept[11 * 60];
    size_t n = 0;
    for (int r = 0; r < 11; r++) {
        memcpy(kept + n, files[r].recs, files[r].count * sizeof *kept);
        n += files[r].count;
    }
    check_table("BIGINT NOT NULL", "", kept, files, 11, 0, false, false);
    if (pm_test_failed())
        return;
    check_table("INT NOT NULL", "", kept, files, 8, 13, false, false);
}

TEST(string_keys_use_the_byte_encoding) {
    uint64_t rng = 777;
    pkf_rec recs[3 * 120];
    pkf_file files[3];
    gen_opts g = {3, 120, 0, 200, true, true, false};
    generate(&rng, &g, recs, files);
    check_table("STRING", "", recs, files, 3, 4, false, false);
}

TEST(ignore_delete) {
    /* (first-row tables never merge in batch reads: they read compacted levels only.) */
    uint64_t rng = 4242;
    pkf_rec recs[4 * 100];
    pkf_file files[4];
    gen_opts g = {4, 100, -50, 50, false, true, false};
    generate(&rng, &g, recs, files);
    check_table("INT NOT NULL", "\"ignore-delete\":\"true\"", recs, files, 4, 9, false, true);
    if (pm_test_failed())
        return;
    check_table("BIGINT NOT NULL", "\"deduplicate.ignore-delete\":\"true\"", recs, files, 4, 0,
                false, true);
}

/* Partial updates and user sequence fields have no brute force here: the two key paths must
 * agree. */
static void check_paths_agree(const char *key_type, const char *options, const pkf_file *files,
                              int runs, size_t batch_rows) {
    paimon_error err = {0};
    const char *dir = pm_test_tmpdir();
    CHECK_OK(pkf_write_table(dir, key_type, options, files, (size_t)runs, &err), &err);
    scan_out fast, general;
    CHECK_OK(read_table(dir, batch_rows, false, &fast, &err), &err);
    CHECK_OK(read_table(dir, batch_rows, true, &general, &err), &err);
    CHECK(general.rows > 0);
    CHECK_EQ_INT(fast.rows, general.rows);
    CHECK_EQ_INT(fast.json.len, general.json.len);
    CHECK(memcmp(fast.json.data, general.json.data, fast.json.len) == 0);
    scan_out_dispose(&fast);
    scan_out_dispose(&general);
}

TEST(partial_update_and_sequence_field_agree_across_key_paths) {
    uint64_t rng = 99;
    pkf_rec recs[3 * 100];
    pkf_file files[3];
    gen_opts g = {3, 100, -30, 30, false, false, false};
    generate(&rng, &g, recs, files);
    check_paths_agree("BIGINT NOT NULL", "\"merge-engine\":\"partial-update\"", files, 3, 6);
    if (pm_test_failed())
        return;
    check_paths_agree("INT NOT NULL", "\"sequence.field\":\"v\"", files, 3, 0);
    if (pm_test_failed())
        return;
    check_paths_agree("INT NOT NULL",
                      "\"sequence.field\":\"v\",\"sequence.field.sort-order\":\"descending\"",
                      files, 3, 4);
}

TEST(long_stretches_without_output_keep_pending_rows) {
    /* Key 0's newest version is in the newer run; then the newer run deletes keys 1..N, so
     * many batches of both runs are read (and dropped) while key 0 waits in the output. Runs
     * are ordered by their key ranges: both orders, so that the batch holding key 0's winner
     * is preceded by batches that get dropped, or not. */
    enum { N = 400 };
    static pkf_rec older[N + 2], newer[N + 2];
    static pkf_rec all[2 * N + 4];
    static const size_t batches[] = {2, 3, 50};
    for (int order = 0; order < 2; order++) {
        int older_n = order == 0 ? N + 2 : N + 1, newer_n = order == 0 ? N + 1 : N + 2;
        for (int i = 0; i < older_n; i++)
            older[i] = (pkf_rec){i, false, i, 0, i, false};
        newer[0] = (pkf_rec){0, false, 10000, 0, -1, false};
        for (int i = 1; i < newer_n; i++)
            newer[i] = (pkf_rec){i, false, 10000 + i, i <= N ? 3 : 0, 0, false};
        pkf_file files[2] = {{older, (size_t)older_n}, {newer, (size_t)newer_n}};
        memcpy(all, older, (size_t)older_n * sizeof *all);
        memcpy(all + older_n, newer, (size_t)newer_n * sizeof *all);
        for (size_t b = 0; b < 3; b++) {
            check_table("BIGINT NOT NULL", "", all, files, 2, batches[b], false, false);
            if (pm_test_failed())
                return;
            check_table("STRING", "", all, files, 2, batches[b], false, false);
            if (pm_test_failed())
                return;
        }
    }
}

TEST(large_runs_merge_in_windows) {
    /* Runs longer than a batch, so that windows are bounded by batch ends and by the output
     * room, and keys repeat within runs. */
    enum { RUNS = 5, PER_RUN = 20000 };
    static pkf_rec recs[RUNS * PER_RUN];
    pkf_file files[RUNS];
    uint64_t rng = 2024;
    gen_opts g = {RUNS, PER_RUN, 0, 60000, false, true, false};
    generate(&rng, &g, recs, files);
    check_table("BIGINT NOT NULL", "", recs, files, RUNS, 0, false, false);
    if (pm_test_failed())
        return;
    check_table("INT NOT NULL", "\"ignore-delete\":\"true\"", recs, files, RUNS, 5000, false,
                true);
    if (pm_test_failed())
        return;
    /* equal sequence numbers across runs: the later run wins, in windows as record by record */
    for (int r = 0; r < RUNS; r++) {
        for (size_t i = 0; i < files[r].count; i++)
            recs[(size_t)r * PER_RUN + i].seq = recs[(size_t)r * PER_RUN + i].key;
    }
    check_paths_agree("BIGINT NOT NULL", "", files, RUNS, 0);
}

TEST(equal_sequence_numbers_let_the_later_record_win) {
    /* Within a run the later row, across runs the run placed later (runs are laid out by
     * their key ranges: b, starting at key 0, comes first), in windows and through the heap
     * alike. */
    static pkf_rec a[4] = {{1, false, 5, 0, 10, false}, {2, false, 7, 0, 20, false},
                           {2, false, 7, 0, 21, false}, {3, false, 9, 0, 30, false}};
    static pkf_rec b[3] = {{0, false, 1, 0, 0, false}, {3, false, 9, 0, 31, false},
                           {4, false, 2, 0, 40, false}};
    pkf_file files[2] = {{a, 4}, {b, 3}};
    paimon_error err = {0};
    const char *dir = pm_test_tmpdir();
    CHECK_OK(pkf_write_table(dir, "BIGINT NOT NULL", "", files, 2, &err), &err);
    static const char want[] = "[0,0,\"s1\"]\n[1,10,\"s5\"]\n[2,21,\"s7\"]\n[3,30,\"s9\"]\n"
                               "[4,40,\"s2\"]\n";
    for (int general = 0; general < 2; general++) {
        scan_out o;
        CHECK_OK(read_table(dir, 0, general, &o, &err), &err);
        CHECK_EQ_INT(o.json.len, sizeof want - 1);
        CHECK(memcmp(o.json.data, want, sizeof want - 1) == 0);
        scan_out_dispose(&o);
    }
}
