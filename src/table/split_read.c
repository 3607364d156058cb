/* split_read.c - file-by-file reading of a split (no merge). */
#include "table/split_read.h"

#include "data/arrow_ops.h"
#include "format/format.h"
#include "table/deletion_vector.h"
#include "table/evolve.h"
#include "util/mem.h"

#include <string.h>

#define VALUE_KIND_FIELD_ID 2147483645

struct pm_split_reader {
    pm_split_read_spec spec;
    const paimon_split *split;
    size_t next_file;
    /* The file being read. */
    const paimon_data_file *file;
    pm_format_reader *reader;
    const pm_schema *data_schema;
    pm_field *request;
    size_t request_count;
    long *source_of; /* per produced field: index into request, or -1 */
    long kind_index;
    pm_dv *dv;
    pm_type *kind_type;
    uint8_t *kinds;
    uint8_t *keep;
    size_t scratch_cap;
};

int pm_open_data_file(paimon_table *t, const char *path, const pm_field *fields, size_t count,
                      size_t batch_rows, pm_format_reader **out, paimon_error *err) {
    const char *slash = strrchr(path, '/');
    const char *format = pm_data_file_format(slash ? slash + 1 : path);
    if (format == NULL)
        return pm_err(err, PAIMON_EUNSUPPORTED, "%s: unknown data file format", path);
    pm_read_options opts;
    memset(&opts, 0, sizeof opts);
    opts.fields = fields;
    opts.field_count = count;
    opts.batch_rows = batch_rows;
    pm_file *file;
    PM_TRY(pm_fs_open(t->fs, path, &file, err));
    if (strcmp(format, "parquet") == 0)
        return pm_parquet_reader_open(file, path, &opts, out, err);
    if (strcmp(format, "orc") == 0)
        return pm_orc_reader_open(file, path, &opts, out, err);
    if (strcmp(format, "avro") == 0)
        return pm_avro_data_reader_open(file, path, &opts, out, err);
    pm_file_close(file);
    return pm_err(err, PAIMON_EUNSUPPORTED, "%s: %s data files are not supported", path, format);
}

static void close_file(pm_split_reader *r) {
    pm_format_reader_close(r->reader);
    r->reader = NULL;
    pm_dv_free(r->dv);
    r->dv = NULL;
    pm_free(r->request);
    r->request = NULL;
    pm_free(r->source_of);
    r->source_of = NULL;
    r->file = NULL;
}

static int open_next_file(pm_split_reader *r, paimon_error *err) {
    const paimon_data_file *f = &r->split->files[r->next_file++];
    const pm_schema *read = r->spec.read_schema;
    PM_TRY(pm_table_schema(r->spec.table, f->entry->file.schema_id, &r->data_schema, err));
    r->request = pm_calloc(r->spec.field_count + 1, sizeof *r->request);
    r->source_of = pm_calloc(r->spec.field_count + 1, sizeof *r->source_of);
    if (r->request == NULL || r->source_of == NULL)
        return pm_err_nomem(err);
    r->request_count = 0;
    r->kind_index = -1;
    for (size_t j = 0; j < r->spec.field_count; j++) {
        const pm_field *want = &pm_schema_fields(read)[r->spec.fields[j]];
        long at = pm_row_field_index_by_id(r->data_schema->row_type, want->id);
        r->source_of[j] = at < 0 ? -1 : (long)r->request_count;
        if (at >= 0)
            r->request[r->request_count++] = pm_schema_fields(r->data_schema)[at];
    }
    if (r->spec.primary_key && (r->spec.with_row_kind || r->spec.drop_retractions)) {
        pm_field kind = {VALUE_KIND_FIELD_ID, "_VALUE_KIND", r->kind_type, NULL, NULL};
        r->kind_index = (long)r->request_count;
        r->request[r->request_count++] = kind;
    }
    if (r->spec.apply_deletion_vectors && f->has_dv)
        PM_TRY(pm_dv_load(r->spec.table->fs, f->dv.index_path, f->dv.offset, f->dv.length,
                          &r->dv, err));
    r->file = f;
    return pm_open_data_file(r->spec.table, f->path, r->request, r->request_count,
                             r->spec.batch_rows, &r->reader, err);
}

int pm_split_reader_open(const pm_split_read_spec *spec, const paimon_split *split,
                         pm_split_reader **out, paimon_error *err) {
    pm_split_reader *r = pm_calloc(1, sizeof *r);
    if (r == NULL)
        return pm_err_nomem(err);
    r->spec = *spec;
    r->split = split;
    r->kind_type = pm_type_new(PM_TYPE_TINYINT, false);
    if (r->kind_type == NULL) {
        pm_free(r);
        return pm_err_nomem(err);
    }
    *out = r;
    return PAIMON_OK;
}

void pm_split_reader_close(pm_split_reader *r) {
    if (r == NULL)
        return;
    close_file(r);
    pm_type_free(r->kind_type);
    pm_free(r->kinds);
    pm_free(r->keep);
    pm_free(r);
}

static int ensure_scratch(pm_split_reader *r, int64_t n, paimon_error *err) {
    if ((size_t)n <= r->scratch_cap)
        return PAIMON_OK;
    uint8_t *kinds = pm_realloc(r->kinds, (size_t)n);
    if (kinds == NULL)
        return pm_err_nomem(err);
    r->kinds = kinds;
    uint8_t *keep = pm_realloc(r->keep, (size_t)n);
    if (keep == NULL)
        return pm_err_nomem(err);
    r->keep = keep;
    r->scratch_cap = (size_t)n;
    return PAIMON_OK;
}

/* Row kinds and the rows to keep; returns the number kept. */
static int64_t select_rows(pm_split_reader *r, const struct ArrowArray *batch, int64_t first_row,
                           bool *all_kept) {
    int64_t n = batch->length, kept = 0;
    const struct ArrowArray *kinds = r->kind_index >= 0 ? batch->children[r->kind_index] : NULL;
    for (int64_t i = 0; i < n; i++) {
        uint8_t kind = 0;
        if (kinds != NULL)
            kind = ((const uint8_t *)kinds->buffers[1])[kinds->offset + i];
        r->kinds[i] = kind;
        bool keep = !(r->spec.drop_retractions && (kind == 1 || kind == 3)) &&
                    !(r->dv != NULL && pm_dv_contains(r->dv, first_row + i));
        r->keep[i] = keep;
        kept += keep;
    }
    *all_kept = kept == n;
    return kept;
}

static int produce(pm_split_reader *r, struct ArrowArray *batch, int64_t first_row,
                   struct ArrowArray *out, const uint8_t **kinds_out, paimon_error *err) {
    int64_t n = batch->length;
    PM_TRY(ensure_scratch(r, n, err));
    bool all_kept;
    int64_t kept = select_rows(r, batch, first_row, &all_kept);
    if (kept == 0) {
        pm_arrow_release(batch);
        out->release = NULL;
        return PAIMON_OK;
    }
    size_t count = r->spec.field_count;
    struct ArrowArray *cols = pm_calloc(count ? count : 1, sizeof *cols);
    if (cols == NULL) {
        pm_arrow_release(batch);
        return pm_err_nomem(err);
    }
    int rc = PAIMON_OK;
    size_t done = 0;
    for (; done < count && rc == PAIMON_OK; done++) {
        const pm_field *want = &pm_schema_fields(r->spec.read_schema)[r->spec.fields[done]];
        long src = r->source_of[done];
        if (src < 0) {
            rc = pm_arrow_nulls(want->type, kept, &cols[done], err);
            continue;
        }
        const pm_type *have = r->request[src].type;
        struct ArrowArray raw;
        pm_arrow_take_child(batch, (size_t)src, &raw);
        if (!all_kept) {
            struct ArrowArray filtered;
            rc = pm_arrow_filter(&raw, have, r->keep, kept, &filtered, err);
            pm_arrow_release(&raw);
            if (rc != PAIMON_OK)
                break;
            raw = filtered;
        }
        rc = pm_evolve_array(&raw, have, want->type, &cols[done], err);
        if (rc != PAIMON_OK)
            pm_err_prefix(err, "%s: column %s: ", r->file->path, want->name);
    }
    pm_arrow_release(batch);
    if (rc == PAIMON_OK) {
        if (!all_kept) {
            int64_t w = 0;
            for (int64_t i = 0; i < n; i++) {
                if (r->keep[i])
                    r->kinds[w++] = r->kinds[i];
            }
        }
        *kinds_out = r->kinds;
        rc = pm_arrow_struct_from_children(cols, count, kept, out, err);
    } else {
        for (size_t i = 0; i < done; i++)
            pm_arrow_release(&cols[i]);
    }
    pm_free(cols);
    return rc;
}

int pm_split_reader_next(pm_split_reader *r, struct ArrowArray *out, const uint8_t **kinds_out,
                         paimon_error *err) {
    out->release = NULL;
    *kinds_out = NULL;
    for (;;) {
        if (r->reader == NULL) {
            if (r->next_file >= r->split->file_count)
                return PAIMON_OK;
            int rc = open_next_file(r, err);
            if (rc != PAIMON_OK) {
                close_file(r);
                return rc;
            }
        }
        struct ArrowArray batch;
        int64_t first_row = 0;
        int rc = pm_format_reader_next(r->reader, &batch, &first_row, err);
        if (rc != PAIMON_OK) {
            close_file(r);
            return rc;
        }
        if (batch.release == NULL) {
            close_file(r);
            continue;
        }
        PM_TRY(produce(r, &batch, first_row, out, kinds_out, err));
        if (out->release != NULL)
            return PAIMON_OK;
    }
}
