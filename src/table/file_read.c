/* file_read.c - one data file, converted to the read schema. */
#include "table/file_read.h"

#include "data/arrow_builder.h"
#include "data/arrow_ops.h"
#include "table/deletion_vector.h"
#include "table/evolve.h"
#include "util/mem.h"

#include <string.h>

struct pm_file_reader {
    pm_file_read_spec spec;
    const paimon_data_file *file;
    const pm_schema *data_schema;
    pm_format_reader *reader;
    pm_field *request;
    size_t request_count;
    long *source_of; /* per output field: index into request, or -1 */
    long seq_index;  /* in request, or -1 */
    long kind_index;
    pm_dv *dv;
    pm_type *seq_type;
    pm_type *kind_type;
    bool seq_override; /* every record has the sequence number seq_value */
    int64_t seq_value;
    uint8_t *keep;
    size_t keep_cap;
};

int pm_open_data_file(paimon_table *t, const char *path, const pm_read_options *opts,
                      pm_format_reader **out, paimon_error *err) {
    const char *slash = strrchr(path, '/');
    const char *format = pm_data_file_format(slash ? slash + 1 : path);
    if (format == NULL)
        return pm_err(err, PAIMON_EUNSUPPORTED, "%s: unknown data file format", path);
    pm_file *file;
    PM_TRY(pm_fs_open(t->fs, path, &file, err));
    if (strcmp(format, "parquet") == 0)
        return pm_parquet_reader_open(file, path, opts, out, err);
    if (strcmp(format, "orc") == 0)
        return pm_orc_reader_open(file, path, opts, out, err);
    if (strcmp(format, "avro") == 0)
        return pm_avro_data_reader_open(file, path, opts, out, err);
    pm_file_close(file);
    return pm_err(err, PAIMON_EUNSUPPORTED, "%s: %s data files are not supported", path, format);
}

void pm_file_reader_close(pm_file_reader *r) {
    if (r == NULL)
        return;
    pm_format_reader_close(r->reader);
    pm_dv_free(r->dv);
    pm_free(r->request);
    pm_free(r->source_of);
    pm_type_free(r->seq_type);
    pm_type_free(r->kind_type);
    pm_free(r->keep);
    pm_free(r);
}

static int build_request(pm_file_reader *r, paimon_error *err) {
    const pm_file_read_spec *spec = &r->spec;
    size_t cap = spec->field_count + 2;
    r->request = pm_calloc(cap, sizeof *r->request);
    r->source_of = pm_calloc(cap, sizeof *r->source_of);
    r->seq_type = pm_type_new(PM_TYPE_BIGINT, false);
    r->kind_type = pm_type_new(PM_TYPE_TINYINT, false);
    if (!r->request || !r->source_of || !r->seq_type || !r->kind_type)
        return pm_err_nomem(err);
    for (size_t j = 0; j < spec->field_count; j++) {
        const pm_field *want = &pm_schema_fields(spec->read_schema)[spec->fields[j]];
        long at = pm_row_field_index_by_id(r->data_schema->row_type, want->id);
        r->source_of[j] = at < 0 ? -1 : (long)r->request_count;
        if (at >= 0)
            r->request[r->request_count++] = pm_schema_fields(r->data_schema)[at];
    }
    r->seq_index = r->kind_index = -1;
    if (spec->with_sequence_number) {
        pm_field f = {PM_SEQUENCE_NUMBER_FIELD_ID, "_SEQUENCE_NUMBER", r->seq_type, NULL, NULL};
        r->seq_index = (long)r->request_count;
        r->request[r->request_count++] = f;
    }
    if (spec->with_value_kind) {
        pm_field f = {PM_VALUE_KIND_FIELD_ID, "_VALUE_KIND", r->kind_type, NULL, NULL};
        r->kind_index = (long)r->request_count;
        r->request[r->request_count++] = f;
    }
    return PAIMON_OK;
}

int pm_file_reader_open(const pm_file_read_spec *spec, const paimon_data_file *file,
                        pm_file_reader **out, paimon_error *err) {
    pm_file_reader *r = pm_calloc(1, sizeof *r);
    if (r == NULL)
        return pm_err_nomem(err);
    r->spec = *spec;
    r->file = file;
    int rc = pm_table_schema(spec->table, file->entry->file.schema_id, &r->data_schema, err);
    if (rc == PAIMON_OK)
        rc = build_request(r, err);
    if (rc == PAIMON_OK && spec->snapshot_sequence && spec->with_sequence_number) {
        const pm_data_file_meta *m = &file->entry->file;
        if (!m->has_file_source)
            rc = pm_err(err, PAIMON_EUNSUPPORTED,
                        "%s: the table option 'sequence.snapshot-ordering' needs data files that "
                        "record their file source, which this one does not",
                        file->path);
        r->seq_override = m->file_source == PM_FILE_SOURCE_APPEND;
        r->seq_value = m->min_sequence_number;
    }
    if (rc == PAIMON_OK && spec->apply_deletion_vector && file->has_dv)
        rc = pm_dv_load(spec->table->fs, file->dv.index_path, file->dv.offset, file->dv.length,
                        &r->dv, err);
    if (rc == PAIMON_OK) {
        pm_read_options opts;
        memset(&opts, 0, sizeof opts);
        opts.fields = r->request;
        opts.field_count = r->request_count;
        opts.batch_rows = spec->batch_rows;
        opts.pool = spec->pool;
        opts.range = spec->range;
        rc = pm_open_data_file(spec->table, file->path, &opts, &r->reader, err);
    }
    if (rc != PAIMON_OK) {
        pm_file_reader_close(r);
        return rc;
    }
    *out = r;
    return PAIMON_OK;
}

/* Rows not deleted by the deletion vector; returns the count kept. */
static int64_t select_live(pm_file_reader *r, int64_t n, int64_t first_row) {
    int64_t kept = 0;
    for (int64_t i = 0; i < n; i++) {
        r->keep[i] = !pm_dv_contains(r->dv, first_row + i);
        kept += r->keep[i];
    }
    return kept;
}

static int constant_bigint(const pm_type *type, int64_t value, int64_t n, struct ArrowArray *out,
                           paimon_error *err) {
    pm_col c;
    PM_TRY(pm_col_init(&c, type, err));
    int rc = PAIMON_OK;
    for (int64_t i = 0; i < n && rc == PAIMON_OK; i++)
        rc = pm_col_append_int(&c, value);
    rc = rc == PAIMON_OK ? pm_col_finish(&c, out, err) : pm_err_nomem(err);
    pm_col_dispose(&c);
    return rc;
}

static int convert(pm_file_reader *r, struct ArrowArray *batch, int64_t first_row,
                   struct ArrowArray *out, paimon_error *err) {
    int64_t n = batch->length, kept = n;
    if (r->dv != NULL) {
        if ((size_t)n > r->keep_cap) {
            uint8_t *keep = pm_realloc(r->keep, (size_t)n);
            if (keep == NULL)
                return pm_err_nomem(err);
            r->keep = keep;
            r->keep_cap = (size_t)n;
        }
        kept = select_live(r, n, first_row);
    }
    size_t extra = (r->seq_index >= 0) + (r->kind_index >= 0);
    size_t count = r->spec.field_count + extra;
    struct ArrowArray *cols = pm_calloc(count ? count : 1, sizeof *cols);
    if (cols == NULL)
        return pm_err_nomem(err);
    int rc = PAIMON_OK;
    size_t done = 0;
    for (; done < count && rc == PAIMON_OK; done++) {
        long src;
        const pm_type *want;
        const pm_field *want_field = NULL;
        if (done < r->spec.field_count) {
            want_field = &pm_schema_fields(r->spec.read_schema)[r->spec.fields[done]];
            want = want_field->type;
            src = r->source_of[done];
        } else if (done == r->spec.field_count && r->seq_index >= 0) {
            want = r->seq_type;
            src = r->seq_index;
        } else {
            want = r->kind_type;
            src = r->kind_index;
        }
        if (src < 0) {
            rc = pm_arrow_nulls(want, kept, &cols[done], err);
            continue;
        }
        if (src == r->seq_index && r->seq_override) {
            rc = constant_bigint(r->seq_type, r->seq_value, kept, &cols[done], err);
            continue;
        }
        const pm_type *have = r->request[src].type;
        struct ArrowArray raw;
        pm_arrow_take_child(batch, (size_t)src, &raw);
        if (kept != n) {
            struct ArrowArray filtered;
            rc = pm_arrow_filter(&raw, have, r->keep, kept, &filtered, err);
            pm_arrow_release(&raw);
            if (rc != PAIMON_OK)
                break;
            raw = filtered;
        }
        rc = pm_evolve_array(&raw, have, want, &cols[done], err);
        if (rc != PAIMON_OK && want_field != NULL)
            pm_err_prefix(err, "%s: column %s: ", r->file->path, want_field->name);
    }
    if (rc == PAIMON_OK) {
        /* The struct takes the columns over, also when it fails. */
        rc = pm_arrow_struct_from_children(cols, count, kept, out, err);
        pm_free(cols);
        return rc;
    }
    for (size_t i = 0; i + 1 < done; i++)
        pm_arrow_release(&cols[i]);
    pm_free(cols);
    return rc;
}

int pm_file_reader_next(pm_file_reader *r, struct ArrowArray *out, paimon_error *err) {
    for (;;) {
        struct ArrowArray batch;
        int64_t first_row = 0;
        PM_TRY(pm_format_reader_next(r->reader, &batch, &first_row, err));
        if (batch.release == NULL) {
            out->release = NULL;
            return PAIMON_OK;
        }
        int rc = convert(r, &batch, first_row, out, err);
        pm_arrow_release(&batch);
        PM_TRY(rc);
        if (out->length > 0)
            return PAIMON_OK;
        pm_arrow_release(out);
    }
}
