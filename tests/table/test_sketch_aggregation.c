/*
 * Aggregation tables whose VARBINARY columns merge with rbm64, theta_sketch and hll_sketch, end
 * to end: written with our own writers, read through the public API (paimon_table_scan), and
 * the merged bytes compared with Java's.
 *
 * Each key takes the inputs of a Java vector case per column (tests/agg/vectors/, written by
 * Java Paimon's aggregators) as its records, oldest first - record i holds input i of each
 * column's case, or null where that case has fewer inputs (a null input leaves the union
 * unchanged, in Java as here) - one level-0 file per record. The row a scan returns must hold
 * each case's Java output.
 */
#include "../agg/sketch_vectors.h"
#include "pk_table_builder.h"

#define MAX_INPUTS 8
#define NCOLS 3

static const tb_column columns[] = {
    {"k", "INT NOT NULL"}, {"r", "BYTES"}, {"t", "BYTES"}, {"h", "BYTES"}};
static const char *const functions[NCOLS] = {"rbm64", "theta_sketch", "hll_sketch"};

#define OPTIONS                                                                                    \
    "\"merge-engine\" : \"aggregation\", \"fields.r.aggregate-function\" : \"rbm64\", "          \
    "\"fields.t.aggregate-function\" : \"theta_sketch\", "                                       \
    "\"fields.h.aggregate-function\" : \"hll_sketch\""

/* A key and the vector case each column takes its records from (NULL: the column stays null). */
typedef struct key_cases {
    int32_t key;
    const char *cases[NCOLS];
} key_cases;

static const key_cases KEYS[] = {
    {1, {"random_0", "random_0", "random_0"}},
    /* compressed and pre-2015 theta inputs; an HLL_4 with exceptions; a direct union image */
    {2, {"removals_3", "old_formats_random_5", "aux_updatable_acc"}},
    {3, {"high_words", "v1_estimation", "rebuild_flag_acc_set_input"}},
    {4, {"fanout_grow_48", "v2_exact", "more_random_4"}},
    {5, {"random_7", "old_formats_random_0", "set_promotes_during_acc"}},
    /* a key with one column only, and one whose other columns have more records */
    {6, {NULL, NULL, "lgk_small_large"}},
    {7, {"random_2", NULL, "list_to_set"}},
};
#define NKEYS (sizeof KEYS / sizeof KEYS[0])

typedef struct column_case {
    pm_buf ins[MAX_INPUTS];
    size_t count;
    pm_buf out;
} column_case;

typedef struct scenario {
    column_case c[NKEYS][NCOLS];
    size_t records[NKEYS]; /* records of each key: the most inputs of its cases */
} scenario;

static void scenario_free(scenario *s) {
    for (size_t k = 0; k < NKEYS; k++) {
        for (int c = 0; c < NCOLS; c++) {
            for (int i = 0; i < MAX_INPUTS; i++)
                pm_buf_dispose(&s->c[k][c].ins[i]);
            pm_buf_dispose(&s->c[k][c].out);
        }
    }
}

static bool scenario_load(scenario *s) {
    memset(s, 0, sizeof *s);
    bool ok = true;
    for (int c = 0; c < NCOLS && ok; c++) {
        char *text = sv_read_file(functions[c]);
        if (text == NULL)
            return false;
        for (size_t k = 0; k < NKEYS && ok; k++) {
            const char *name = KEYS[k].cases[c];
            column_case *cc = &s->c[k][c];
            if (name == NULL)
                continue;
            ok = sv_case(text, name, cc->ins, MAX_INPUTS, &cc->count, &cc->out);
            if (!ok)
                fprintf(stderr, "no usable %s case %s\n", functions[c], name);
            if (cc->count > s->records[k])
                s->records[k] = cc->count;
        }
        pm_free(text);
    }
    return ok;
}

static void append_hex(pm_buf *b, const pm_buf *v) {
    static const char digits[] = "0123456789abcdef";
    pm_buf_append(b, "0x", 2);
    for (size_t i = 0; i < v->len; i++) {
        char two[2] = {digits[v->data[i] >> 4], digits[v->data[i] & 15]};
        pm_buf_append(b, two, 2);
    }
}

/* File i holds record i of every key that has one, with sequence number i + 1. */
static tb_xfile *scenario_files(const scenario *s, size_t *nfiles) {
    size_t n = 0;
    for (size_t k = 0; k < NKEYS; k++)
        n = s->records[k] > n ? s->records[k] : n;
    tb_xfile *files = calloc(n, sizeof *files);
    for (size_t i = 0; i < n; i++) {
        tb_xrow *rows = calloc(NKEYS, sizeof *rows);
        size_t count = 0;
        for (size_t k = 0; k < NKEYS; k++) {
            if (i >= s->records[k])
                continue;
            pm_buf text = PM_BUF_INIT;
            char key[16];
            snprintf(key, sizeof key, "%d", (int)KEYS[k].key);
            pm_buf_append_str(&text, key);
            for (int c = 0; c < NCOLS; c++) {
                pm_buf_append_str(&text, ",");
                if (i < s->c[k][c].count)
                    append_hex(&text, &s->c[k][c].ins[i]);
                else
                    pm_buf_append_str(&text, "null");
            }
            rows[count++] = (tb_xrow){0, (int64_t)i + 1, strdup(pm_buf_cstr(&text))};
            pm_buf_dispose(&text);
        }
        files[i] = (tb_xfile){rows, count, 0};
    }
    *nfiles = n;
    return files;
}

/* Scans the table; calls `check` for every row. Returns the scan's error message (static), or
 * NULL. */
typedef void (*row_check)(void *ctx, const struct ArrowArray *batch, int64_t row);

static const char *scan(const char *dir, row_check check, void *ctx, int64_t *rows) {
    static char message[PAIMON_ERROR_MESSAGE_SIZE];
    paimon_error err = {0};
    paimon_table *t;
    *rows = 0;
    if (paimon_table_open(&t, dir, &err) != PAIMON_OK) {
        snprintf(message, sizeof message, "%s", err.message);
        return message;
    }
    paimon_scan_options o = PAIMON_SCAN_OPTIONS_INIT;
    struct ArrowArrayStream s;
    if (paimon_table_scan(t, &o, &s, &err) != PAIMON_OK) {
        snprintf(message, sizeof message, "%s", err.message);
        paimon_table_free(t);
        return message;
    }
    struct ArrowSchema schema;
    const char *failed = NULL;
    if (s.get_schema(&s, &schema) == 0) {
        for (int64_t c = 1; c < schema.n_children; c++)
            if (strcmp(schema.children[c]->format, "z") != 0)
                failed = "a sketch column is not Arrow binary";
        schema.release(&schema);
    }
    while (failed == NULL) {
        struct ArrowArray b;
        if (s.get_next(&s, &b) != 0) {
            snprintf(message, sizeof message, "%s", s.get_last_error(&s));
            failed = message;
            break;
        }
        if (b.release == NULL)
            break;
        for (int64_t r = 0; r < b.length; r++)
            check(ctx, &b, r);
        *rows += b.length;
        b.release(&b);
    }
    s.release(&s);
    paimon_table_free(t);
    return failed;
}

static bool cell_bytes(const struct ArrowArray *col, int64_t row, const uint8_t **p, size_t *n) {
    int64_t at = col->offset + row;
    const uint8_t *validity = col->buffers[0];
    if (validity != NULL && !(validity[at / 8] >> (at % 8) & 1))
        return false;
    const int32_t *offsets = col->buffers[1];
    *p = (const uint8_t *)col->buffers[2] + offsets[at];
    *n = (size_t)(offsets[at + 1] - offsets[at]);
    return true;
}

typedef struct compare_ctx {
    const scenario *s;
    int seen[NKEYS];
} compare_ctx;

static void compare_row(void *ctx, const struct ArrowArray *b, int64_t row) {
    compare_ctx *cc = ctx;
    const struct ArrowArray *keys = b->children[0];
    int32_t key = ((const int32_t *)keys->buffers[1])[keys->offset + row];
    size_t k = 0;
    while (k < NKEYS && KEYS[k].key != key)
        k++;
    if (k == NKEYS) {
        pm_test_fail(__FILE__, __LINE__, "unexpected key %d", (int)key);
        return;
    }
    cc->seen[k]++;
    for (int c = 0; c < NCOLS; c++) {
        const uint8_t *p;
        size_t n;
        bool present = cell_bytes(b->children[1 + c], row, &p, &n);
        const column_case *want = &cc->s->c[k][c];
        if (KEYS[k].cases[c] == NULL) {
            if (present)
                pm_test_fail(__FILE__, __LINE__, "key %d column %s: expected null", (int)key,
                             columns[1 + c].name);
            continue;
        }
        /* a single record is returned as written; otherwise Java's union */
        const pm_buf *expect = want->count == 1 ? &want->ins[0] : &want->out;
        if (!present || n != expect->len || memcmp(p, expect->data, n) != 0)
            pm_test_fail(__FILE__, __LINE__,
                         "key %d column %s (%s case %s): %zu bytes differ from Java's %zu",
                         (int)key, columns[1 + c].name, functions[c], KEYS[k].cases[c],
                         present ? n : 0, expect->len);
    }
}

TEST(sketch_columns_merge_to_javas_bytes) {
    scenario s;
    CHECK(scenario_load(&s));
    size_t nfiles = 0;
    tb_xfile *files = scenario_files(&s, &nfiles);
    CHECK(nfiles >= 4);
    const char *dir = pm_test_tmpdir();
    CHECK(tb_create_table(dir, columns, 4, OPTIONS, files, nfiles) == 0);
    tb_free_xfiles(files, nfiles);
    compare_ctx ctx = {&s, {0}};
    int64_t rows;
    const char *failed = scan(dir, compare_row, &ctx, &rows);
    CHECK(failed == NULL);
    if (failed != NULL)
        fprintf(stderr, "scan failed: %s\n", failed);
    CHECK_EQ_INT(rows, (int64_t)NKEYS);
    for (size_t k = 0; k < NKEYS; k++)
        CHECK_EQ_INT(ctx.seen[k], 1);
    scenario_free(&s);
}

static void ignore_row(void *ctx, const struct ArrowArray *b, int64_t row) {
    (void)ctx, (void)b, (void)row;
}

/* A corrupt sketch fails the read with a message naming the column, the function and what is
 * wrong (Java fails the merge too). */
TEST(corrupt_sketch_fails_the_read_naming_column_and_function) {
    static const tb_xrow a[] = {{0, 1, "1,null,null,0x0201070c030801002bf2fb06"}};
    static const tb_xrow b[] = {{0, 2, "1,null,null,0x0201070c"}};
    tb_xfile files[2];
    tb_xrow *ra = malloc(sizeof a), *rb = malloc(sizeof b);
    ra[0] = a[0];
    ra[0].values = strdup(a[0].values);
    rb[0] = b[0];
    rb[0].values = strdup(b[0].values);
    files[0] = (tb_xfile){ra, 1, 0};
    files[1] = (tb_xfile){rb, 1, 0};
    const char *dir = pm_test_tmpdir();
    CHECK(tb_create_table(dir, columns, 4, OPTIONS, files, 2) == 0);
    free((char *)ra[0].values);
    free((char *)rb[0].values);
    free(ra);
    free(rb);
    int64_t rows;
    const char *failed = scan(dir, ignore_row, NULL, &rows);
    CHECK(failed != NULL);
    if (failed != NULL) {
        CHECK(strstr(failed, "'h'") != NULL);
        CHECK(strstr(failed, "hll_sketch") != NULL);
        CHECK(strstr(failed, "shorter than the 8-byte preamble") != NULL);
    }
}
