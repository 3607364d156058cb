/* avro_data_writer.c - encodes Arrow record batches as Avro records of the schema built by
 * avro_data_schema.c, into an object container file held in memory. */
#include "format/avro/avro_data_writer.h"

#include "data/arrow_builder.h"
#include "format/avro/avro_binary.h"
#include "format/avro/avro_container.h"
#include "format/avro/avro_writer.h"
#include "util/mem.h"

#include <string.h>

struct pm_avro_data_writer {
    pm_field *fields;
    size_t field_count;
    pm_buf file;
    pm_avro_writer avro;
    bool avro_open;
};

static const pm_type COUNT_TYPE = {.id = PM_TYPE_INT, .nullable = false};

static int put_value(pm_buf *b, const struct ArrowArray *a, const pm_type *t, int64_t i, int depth,
                     paimon_error *err);

/* Items [start, end) of a list array's child, as one Avro block. */
static int put_list(pm_buf *b, const struct ArrowArray *a, int64_t i, int64_t *start,
                    int64_t *end) {
    const int32_t *offsets = a->buffers[1];
    *start = offsets[a->offset + i];
    *end = offsets[a->offset + i + 1];
    return pm_avro_put_block_start(b, (size_t)(*end - *start));
}

static int put_map(pm_buf *b, const struct ArrowArray *a, const pm_type *t, int64_t i, int depth,
                   paimon_error *err) {
    const pm_type *key = t->id == PM_TYPE_MAP ? t->key : t->element;
    const pm_type *value = t->id == PM_TYPE_MAP ? t->value : &COUNT_TYPE;
    const struct ArrowArray *entries = a->children[0];
    const struct ArrowArray *keys = entries->children[0], *values = entries->children[1];
    int64_t start, end;
    PM_TRY_MEM(err, put_list(b, a, i, &start, &end));
    bool avro_map = pm_type_is_string(key);
    for (int64_t j = start; j < end; j++) {
        int64_t at = entries->offset + j; /* a struct's offset applies to its children */
        if (avro_map) {
            pm_datum k = pm_arrow_get_datum(keys, key, at);
            if (k.is_null)
                return pm_err(err, PAIMON_EINVAL, "null map key");
            PM_TRY_MEM(err, pm_avro_put_bytes(b, k.v.bytes.ptr, k.v.bytes.len));
        } else {
            PM_TRY(put_value(b, keys, key, at, depth + 1, err));
        }
        PM_TRY(put_value(b, values, value, at, depth + 1, err));
    }
    PM_TRY_MEM(err, pm_avro_put_block_end(b));
    return PAIMON_OK;
}

static int put_atomic(pm_buf *b, const struct ArrowArray *a, const pm_type *t, int64_t i,
                      paimon_error *err) {
    pm_datum d = pm_arrow_get_datum(a, t, i);
    int rc;
    switch (t->id) {
    case PM_TYPE_BOOLEAN:
        rc = pm_avro_put_boolean(b, d.v.b);
        break;
    case PM_TYPE_TINYINT:
    case PM_TYPE_SMALLINT:
    case PM_TYPE_INT:
    case PM_TYPE_DATE:
    case PM_TYPE_TIME:
        rc = pm_avro_put_int(b, (int32_t)d.v.i);
        break;
    case PM_TYPE_BIGINT:
        rc = pm_avro_put_long(b, d.v.i);
        break;
    case PM_TYPE_FLOAT:
        rc = pm_avro_put_float(b, (float)d.v.f);
        break;
    case PM_TYPE_DOUBLE:
        rc = pm_avro_put_double(b, d.v.f);
        break;
    case PM_TYPE_CHAR:
    case PM_TYPE_VARCHAR:
    case PM_TYPE_BINARY:
    case PM_TYPE_VARBINARY:
    case PM_TYPE_BLOB:
        rc = pm_avro_put_bytes(b, d.v.bytes.ptr, d.v.bytes.len);
        break;
    case PM_TYPE_DECIMAL: {
        uint8_t bytes[16];
        size_t n = pm_dec_to_be_bytes(d.v.dec, bytes);
        rc = pm_avro_put_bytes(b, bytes, n);
        break;
    }
    case PM_TYPE_TIMESTAMP:
    case PM_TYPE_TIMESTAMP_LTZ: {
        /* The column's unit (millis for p <= 3, micros for p <= 6) is the Avro unit. */
        const int64_t *values = a->buffers[1];
        rc = pm_avro_put_long(b, values[a->offset + i]);
        break;
    }
    default:
        return pm_err(err, PAIMON_EUNSUPPORTED, "%s cannot be written to Avro files",
                      pm_type_id_name(t->id));
    }
    return rc == PAIMON_OK ? PAIMON_OK : pm_err_nomem(err);
}

static int put_value(pm_buf *b, const struct ArrowArray *a, const pm_type *t, int64_t i, int depth,
                     paimon_error *err) {
    if (depth > PM_MAX_NESTING_DEPTH)
        return pm_err(err, PAIMON_ELIMIT, "value nested deeper than %d levels",
                      PM_MAX_NESTING_DEPTH);
    bool valid = pm_arrow_is_valid(a, i);
    if (t->nullable) {
        PM_TRY_MEM(err, pm_avro_put_branch(b, valid ? 1 : 0));
        if (!valid)
            return PAIMON_OK;
    } else if (!valid) {
        return pm_err(err, PAIMON_EINVAL, "null in a NOT NULL %s column", pm_type_id_name(t->id));
    }
    switch (t->id) {
    case PM_TYPE_ARRAY: {
        int64_t start, end;
        PM_TRY_MEM(err, put_list(b, a, i, &start, &end));
        for (int64_t j = start; j < end; j++)
            PM_TRY(put_value(b, a->children[0], t->element, j, depth + 1, err));
        PM_TRY_MEM(err, pm_avro_put_block_end(b));
        return PAIMON_OK;
    }
    case PM_TYPE_MAP:
    case PM_TYPE_MULTISET:
        return put_map(b, a, t, i, depth, err);
    case PM_TYPE_ROW:
        for (size_t k = 0; k < t->field_count; k++) {
            int rc = put_value(b, a->children[k], t->fields[k].type, a->offset + i, depth + 1, err);
            if (rc != PAIMON_OK) {
                pm_err_prefix(err, "%s: ", t->fields[k].name);
                return rc;
            }
        }
        return PAIMON_OK;
    default:
        return put_atomic(b, a, t, i, err);
    }
}

int pm_avro_data_writer_new(const pm_field *fields, size_t count, const char *compression,
                            int zstd_level, pm_avro_data_writer **out, paimon_error *err) {
    *out = NULL;
    pm_codec codec;
    PM_TRY(pm_avro_codec_from_option(compression, &codec, err));
    pm_avro_data_writer *w = pm_calloc(1, sizeof *w);
    if (w == NULL)
        return pm_err_nomem(err);
    int rc = PAIMON_OK;
    w->fields = pm_calloc(count ? count : 1, sizeof *w->fields);
    if (w->fields == NULL)
        rc = pm_err_nomem(err);
    for (size_t i = 0; rc == PAIMON_OK && i < count; i++) {
        if (pm_field_copy(&w->fields[i], &fields[i]) != PAIMON_OK)
            rc = pm_err_nomem(err);
        else
            w->field_count = i + 1;
    }
    pm_buf schema = PM_BUF_INIT;
    if (rc == PAIMON_OK)
        rc = pm_avro_schema_json_for_fields(fields, count, &schema, err);
    if (rc == PAIMON_OK && pm_buf_cstr(&schema) == NULL)
        rc = pm_err_nomem(err);
    if (rc == PAIMON_OK) {
        rc = pm_avro_writer_open(&w->avro, &w->file, (const char *)schema.data, codec,
                                 codec == PM_CODEC_ZSTD ? zstd_level : 0, err);
        w->avro_open = true;
    }
    pm_buf_dispose(&schema);
    if (rc != PAIMON_OK) {
        pm_avro_data_writer_free(w);
        return rc;
    }
    *out = w;
    return PAIMON_OK;
}

int pm_avro_data_writer_write(pm_avro_data_writer *w, const struct ArrowArray *batch,
                              paimon_error *err) {
    if (batch->n_children != (int64_t)w->field_count)
        return pm_err(err, PAIMON_EINVAL, "batch has %lld columns, the file %zu",
                      (long long)batch->n_children, w->field_count);
    pm_buf *b = pm_avro_writer_record(&w->avro);
    for (int64_t i = 0; i < batch->length; i++) {
        size_t mark = b->len;
        for (size_t k = 0; k < w->field_count; k++) {
            int rc = put_value(b, batch->children[k], w->fields[k].type, batch->offset + i, 0, err);
            if (rc != PAIMON_OK) {
                b->len = mark; /* drop the half-written record */
                pm_err_prefix(err, "row %lld: column %s: ", (long long)i, w->fields[k].name);
                return rc;
            }
        }
        PM_TRY(pm_avro_writer_end_record(&w->avro, err));
    }
    return PAIMON_OK;
}

int64_t pm_avro_data_writer_row_count(const pm_avro_data_writer *w) {
    return w->avro.total_records;
}

int pm_avro_data_writer_finish(pm_avro_data_writer *w, pm_buf *out, paimon_error *err) {
    PM_TRY(pm_avro_writer_finish(&w->avro, err));
    PM_TRY_MEM(err, pm_buf_append(out, w->file.data, w->file.len));
    return PAIMON_OK;
}

void pm_avro_data_writer_free(pm_avro_data_writer *w) {
    if (w == NULL)
        return;
    if (w->avro_open)
        pm_avro_writer_dispose(&w->avro);
    for (size_t i = 0; i < w->field_count; i++)
        pm_field_dispose(&w->fields[i]);
    pm_free(w->fields);
    pm_buf_dispose(&w->file);
    pm_free(w);
}
