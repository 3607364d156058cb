/* data_evolution.c - combining files that hold different columns of the same rows. */
#include "table/data_evolution.h"

#include "data/arrow_ops.h"
#include "table/file_read.h"
#include "util/mem.h"

#include <stdlib.h>
#include <string.h>

static int64_t first_row(const paimon_data_file *f) {
    return f->entry->file.first_row_id;
}
static int64_t last_row(const paimon_data_file *f) {
    return f->entry->file.first_row_id + f->entry->file.row_count - 1;
}

static int by_first_row(const void *a, const void *b) {
    const paimon_data_file *fa = *(const paimon_data_file *const *)a;
    const paimon_data_file *fb = *(const paimon_data_file *const *)b;
    bool ha = fa->entry->file.has_first_row_id, hb = fb->entry->file.has_first_row_id;
    if (ha != hb)
        return ha ? 1 : -1;
    if (!ha)
        return 0;
    int64_t x = first_row(fa), y = first_row(fb);
    return x < y ? -1 : (x > y ? 1 : 0);
}

static int by_max_seq_desc(const void *a, const void *b) {
    int64_t x = (*(const paimon_data_file *const *)a)->entry->file.max_sequence_number;
    int64_t y = (*(const paimon_data_file *const *)b)->entry->file.max_sequence_number;
    return x > y ? -1 : (x < y ? 1 : 0);
}

int pm_evolution_groups(const paimon_split *split, pm_arena *arena, pm_evolution_group **out,
                        size_t *count_out, paimon_error *err) {
    size_t n = split->file_count;
    const paimon_data_file **sorted = pm_arena_calloc(arena, n ? n : 1, sizeof *sorted);
    pm_evolution_group *groups = pm_arena_calloc(arena, n ? n : 1, sizeof *groups);
    if (sorted == NULL || groups == NULL)
        return pm_err_nomem(err);
    for (size_t i = 0; i < n; i++)
        sorted[i] = &split->files[i];
    qsort(sorted, n, sizeof *sorted, by_first_row);
    size_t count = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        if (sorted[i]->entry->file.has_first_row_id) {
            int64_t end = last_row(sorted[i]);
            while (j < n && sorted[j]->entry->file.has_first_row_id &&
                   first_row(sorted[j]) <= end) {
                if (last_row(sorted[j]) > end)
                    end = last_row(sorted[j]);
                j++;
            }
        }
        groups[count].files = sorted + i;
        groups[count].count = j - i;
        qsort(sorted + i, j - i, sizeof *sorted, by_max_seq_desc);
        for (size_t k = i + 1; k < j; k++) {
            if (first_row(sorted[k]) != first_row(sorted[i]) ||
                sorted[k]->entry->file.row_count != sorted[i]->entry->file.row_count)
                return pm_err(err, PAIMON_ECORRUPT,
                              "%s and %s overlap in row ids but cover different row ranges",
                              sorted[i]->path, sorted[k]->path);
        }
        count++;
        i = j;
    }
    *out = groups;
    *count_out = count;
    return PAIMON_OK;
}

/* Does the file hold the column with field id `id`? (_WRITE_COLS lists its columns by name in
 * the file's own schema; absent means all of them.) */
static int file_has_field(paimon_table *t, const paimon_data_file *f, int32_t id, bool *has,
                          paimon_error *err) {
    const pm_schema *data_schema;
    PM_TRY(pm_table_schema(t, f->entry->file.schema_id, &data_schema, err));
    long at = pm_row_field_index_by_id(data_schema->row_type, id);
    *has = false;
    if (at < 0)
        return PAIMON_OK;
    const pm_string_list *cols = &f->entry->file.write_cols;
    if (!cols->present) {
        *has = true;
        return PAIMON_OK;
    }
    const char *name = pm_schema_fields(data_schema)[at].name;
    for (size_t k = 0; k < cols->count; k++) {
        if (strcmp(cols->items[k], name) == 0)
            *has = true;
    }
    return PAIMON_OK;
}

/* Reads all rows of one file's columns `fields` into single arrays (appended to `cols`). */
static int read_whole_file(paimon_table *t, const pm_schema *read_schema, const size_t *fields,
                           size_t field_count, const paimon_data_file *f, pm_col *cols,
                           paimon_error *err) {
    pm_file_read_spec spec;
    memset(&spec, 0, sizeof spec);
    spec.table = t;
    spec.read_schema = read_schema;
    spec.fields = fields;
    spec.field_count = field_count;
    pm_file_reader *r;
    PM_TRY(pm_file_reader_open(&spec, f, &r, err));
    int rc = PAIMON_OK;
    for (;;) {
        struct ArrowArray batch;
        rc = pm_file_reader_next(r, &batch, err);
        if (rc != PAIMON_OK || batch.release == NULL)
            break;
        for (size_t c = 0; c < field_count && rc == PAIMON_OK; c++) {
            for (int64_t i = 0; i < batch.length && rc == PAIMON_OK; i++)
                rc = pm_col_append_from(&cols[c], batch.children[c], i) ? pm_err_nomem(err)
                                                                        : PAIMON_OK;
        }
        pm_arrow_release(&batch);
        if (rc != PAIMON_OK)
            break;
    }
    pm_file_reader_close(r);
    return rc;
}

int pm_evolution_read_group(paimon_table *t, const pm_schema *read_schema, const size_t *fields,
                            size_t field_count, const pm_evolution_group *g, struct ArrowArray *out,
                            paimon_error *err) {
    int64_t rows = g->files[0]->entry->file.row_count;
    long *source = pm_calloc(field_count + 1, sizeof *source); /* file index per field */
    size_t *subset = pm_calloc(field_count + 1, sizeof *subset);
    struct ArrowArray *arrays = pm_calloc(field_count + 1, sizeof *arrays);
    int rc = (source && subset && arrays) ? PAIMON_OK : pm_err_nomem(err);
    for (size_t j = 0; j < field_count && rc == PAIMON_OK; j++) {
        const pm_field *want = &pm_schema_fields(read_schema)[fields[j]];
        source[j] = -1;
        for (size_t k = 0; k < g->count && source[j] < 0 && rc == PAIMON_OK; k++) {
            bool has = false;
            rc = file_has_field(t, g->files[k], want->id, &has, err);
            if (has)
                source[j] = (long)k;
        }
    }
    /* One pass per contributing file, reading only the columns taken from it. */
    for (size_t k = 0; k < g->count && rc == PAIMON_OK; k++) {
        size_t n = 0;
        for (size_t j = 0; j < field_count; j++) {
            if (source[j] == (long)k)
                subset[n++] = fields[j];
        }
        if (n == 0)
            continue;
        pm_col *tmp = pm_calloc(n, sizeof *tmp);
        if (tmp == NULL) {
            rc = pm_err_nomem(err);
            break;
        }
        for (size_t c = 0; c < n && rc == PAIMON_OK; c++)
            rc = pm_col_init(&tmp[c], pm_schema_fields(read_schema)[subset[c]].type, err);
        if (rc == PAIMON_OK)
            rc = read_whole_file(t, read_schema, subset, n, g->files[k], tmp, err);
        size_t c = 0;
        for (size_t j = 0; j < field_count && rc == PAIMON_OK; j++) {
            if (source[j] != (long)k)
                continue;
            if (tmp[c].length != rows)
                rc = pm_err(err, PAIMON_ECORRUPT, "%s: has %lld rows, the manifest says %lld",
                            g->files[k]->path, (long long)tmp[c].length, (long long)rows);
            else
                rc = pm_col_finish(&tmp[c], &arrays[j], err);
            c++;
        }
        for (size_t d = 0; d < n; d++)
            pm_col_dispose(&tmp[d]);
        pm_free(tmp);
    }
    for (size_t j = 0; j < field_count && rc == PAIMON_OK; j++) {
        if (source[j] < 0)
            rc = pm_arrow_nulls(pm_schema_fields(read_schema)[fields[j]].type, rows, &arrays[j],
                                err);
    }
    if (rc == PAIMON_OK) {
        rc = pm_arrow_struct_from_children(arrays, field_count, rows, out, err);
    } else {
        for (size_t j = 0; j < field_count; j++)
            pm_arrow_release(&arrays[j]);
    }
    pm_free(arrays);
    pm_free(source);
    pm_free(subset);
    return rc;
}
