/*
 * fuzz_parquet.c - the input is a whole Parquet file: derive fields from its schema (plus one
 * column the file does not have), read every batch, and check the batch invariants the reader
 * promises (row positions, lengths). Any crash, leak or sanitizer report is a bug.
 */
#include "format/format.h"
#include "format/parquet/parquet.h"
#include "io/fs.h"
#include "util/mem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Bounds the work per input: a tiny file may legitimately describe billions of null rows. */
#define MAX_ROWS 300000

static bool skip_every_other(void *ctx, const pm_column_stats *stats, size_t n, int64_t rows) {
    (void)stats;
    (void)n;
    (void)rows;
    int *k = ctx;
    return (*k)++ % 2 == 1;
}

static void read_all(pm_fs *fs, const pm_field *fields, size_t n, size_t batch, bool skip) {
    pm_file *f;
    paimon_error err = {0};
    if (pm_fs_open(fs, "/in.parquet", &f, &err) != PAIMON_OK)
        return;
    int k = 0;
    pm_read_options opts = {fields, n,    batch,        skip ? skip_every_other : NULL,
                            &k,     NULL, {false, 0, 0}};
    pm_format_reader *r;
    if (pm_parquet_reader_open(f, "in.parquet", &opts, &r, &err) != PAIMON_OK)
        return;
    int64_t rows = 0, last_end = -1;
    while (rows < MAX_ROWS) {
        struct ArrowArray a;
        int64_t first = -1;
        if (pm_format_reader_next(r, &a, &first, &err) != PAIMON_OK || a.release == NULL)
            break;
        if (a.length <= 0 || (size_t)a.length > batch || first < last_end ||
            (size_t)a.n_children != n)
            abort();
        for (size_t i = 0; i < n; i++) {
            if (a.children[i]->length != a.length)
                abort();
        }
        last_end = first + a.length;
        rows += a.length;
        a.release(&a);
    }
    pm_format_reader_close(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static pm_fs *fs;
    if (fs == NULL && pm_fs_mem_new(&fs, NULL) != PAIMON_OK)
        return 0;
    if (pm_fs_write_file(fs, "/in.parquet", data, size, PM_WRITE_REPLACE, NULL) != PAIMON_OK)
        return 0;
    pm_file *f;
    if (pm_fs_open(fs, "/in.parquet", &f, NULL) != PAIMON_OK)
        return 0;
    pm_field *fields = NULL;
    size_t n = 0;
    int rc = pm_parquet_read_fields(f, "in.parquet", &fields, &n, NULL);
    pm_file_close(f);
    if (rc != PAIMON_OK)
        return 0;
    pm_field *all = pm_calloc(n + 1, sizeof *all);
    if (all != NULL) {
        memcpy(all, fields, n * sizeof *all);
        all[n].name = "__not_in_file__";
        all[n].type = pm_type_new(PM_TYPE_INT, true);
        if (all[n].type != NULL) {
            read_all(fs, all, n + 1, 1000, false);
            read_all(fs, all, n + 1, 7, true);
        }
        pm_type_free(all[n].type);
        pm_free(all);
    }
    pm_parquet_fields_free(fields, n);
    return 0;
}
