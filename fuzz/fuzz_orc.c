/* fuzz_orc.c - an ORC file from the fuzzer is stored in an in-memory filesystem, its schema is
 * turned into Paimon fields, and every batch is read (with a skip callback that looks at the
 * stripe statistics). Limits keep tiny inputs from asking for huge allocations or endless rows. */
#include "data/arrow_builder.h"
#include "format/orc/orc.h"
#include "io/fs.h"
#include "util/mem.h"

#include <stdint.h>
#include <string.h>

static bool look_at_stats(void *ctx, const pm_column_stats *stats, size_t n, int64_t rows) {
    (void)ctx;
    (void)rows;
    size_t seen = 0;
    for (size_t i = 0; i < n; i++) {
        if (stats[i].has_min_max && stats[i].min.v.bytes.len > 0)
            seen++;
    }
    return seen > 1000000; /* never true: only touches the statistics */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    pm_orc_set_stream_limit((size_t)16 << 20);
    paimon_error err = {0};
    pm_fs *fs;
    if (pm_fs_mem_new(&fs, &err) != PAIMON_OK)
        return 0;
    pm_file *f = NULL;
    pm_field *fields = NULL;
    size_t n = 0;
    if (pm_fs_write_file(fs, "/f.orc", data, size, PM_WRITE_REPLACE, &err) != PAIMON_OK ||
        pm_fs_open(fs, "/f.orc", &f, &err) != PAIMON_OK)
        goto done;
    int rc = pm_orc_file_fields(f, "f.orc", &fields, &n, &err);
    pm_file_close(f);
    f = NULL;
    if (rc != PAIMON_OK)
        goto done;
    for (int pass = 0; pass < 2; pass++) {
        if (pm_fs_open(fs, "/f.orc", &f, &err) != PAIMON_OK)
            break;
        pm_read_options opts = {fields, n, pass == 0 ? 1024 : 7, pass ? look_at_stats : NULL,
                                NULL, NULL, {false, 0, 0}};
        pm_format_reader *r;
        if (pm_orc_reader_open(f, "f.orc", &opts, &r, &err) != PAIMON_OK)
            break; /* the reader closed the file */
        int64_t rows = 0;
        for (int batches = 0; batches < 2000 && rows < 200000; batches++) {
            struct ArrowArray b;
            int64_t first;
            if (pm_format_reader_next(r, &b, &first, &err) != PAIMON_OK || b.release == NULL)
                break;
            rows += b.length;
            b.release(&b);
        }
        pm_format_reader_close(r);
    }
done:
    for (size_t i = 0; i < n; i++)
        pm_field_dispose(&fields[i]);
    pm_free(fields);
    pm_fs_release(fs);
    return 0;
}
