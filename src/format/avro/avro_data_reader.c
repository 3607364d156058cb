/*
 * avro_data_reader.c - Paimon data files with file.format = avro, read into Arrow batches
 * (format.h). Blocks are read through the pm_file one at a time; every record is decoded
 * straight into the column builders following the plan (avro_data_plan.h). Avro has no
 * statistics, so nothing is skipped: batches cover the file in order.
 */
#include "data/arrow_builder.h"
#include "format/avro/avro_binary.h"
#include "format/avro/avro_data_plan.h"
#include "format/avro/avro_reader.h"
#include "format/format.h"
#include "util/mem.h"
#include "util/timeutil.h"

#include <string.h>

typedef struct avro_data_reader {
    pm_format_reader base;
    pm_file *file;
    char *path;
    pm_avro_reader avro;
    bool avro_open;
    pm_field *fields; /* deep copy of the request: the builders keep pointers to its types */
    size_t field_count;
    pm_col *cols;
    pm_arena plan_arena;
    pm_avro_plan plan;
    size_t batch_rows;
    int64_t rows_read;
    int64_t row_count; /* -1 until counted */
    bool done;
} avro_data_reader;

static int truncated(paimon_error *err, const pm_avro_schema *s) {
    return pm_err(err, PAIMON_ECORRUPT, "truncated or malformed %s", pm_avro_kind_name(s->kind));
}

static int out_of_range(paimon_error *err, const char *what) {
    return pm_err(err, PAIMON_ECORRUPT, "%s out of range", what);
}

static int nomem_if(int rc, paimon_error *err) {
    return rc == PAIMON_OK       ? PAIMON_OK
           : rc == PAIMON_ENOMEM ? pm_err_nomem(err)
                                 : pm_err(err, rc, "column too large");
}

/* Converts between time units with overflow checks; rounding down as Java's floorDiv. */
static bool convert_unit(int64_t v, pm_avro_unit from, pm_time_unit to, int64_t *out) {
    static const int64_t per_second[] = {1000, 1000000, 1000000000};
    int64_t f = per_second[from];
    int64_t t = to == PM_UNIT_MILLI ? 1000 : to == PM_UNIT_MICRO ? 1000000 : 1000000000;
    if (f == t) {
        *out = v;
        return true;
    }
    if (f > t) {
        *out = pm_floor_div(v, f / t);
        return true;
    }
    return !__builtin_mul_overflow(v, t / f, out);
}

/* An int or a long, by the stored kind. */
static bool get_integer(pm_cursor *c, const pm_avro_schema *s, int64_t *out) {
    if (s->kind == PM_AVRO_LONG)
        return pm_avro_get_long(c, out);
    int32_t v;
    if (!pm_avro_get_int(c, &v))
        return false;
    *out = v;
    return true;
}

/* A float or a double, by the stored kind. */
static bool get_floating(pm_cursor *c, const pm_avro_schema *s, double *out) {
    if (s->kind == PM_AVRO_DOUBLE)
        return pm_avro_get_double(c, out);
    float v;
    if (!pm_avro_get_float(c, &v))
        return false;
    *out = v;
    return true;
}

/* bytes, or fixed of the schema's size. */
static bool get_bytes_or_fixed(pm_cursor *c, const pm_avro_schema *s, const uint8_t **data,
                               size_t *len) {
    if (s->kind != PM_AVRO_FIXED)
        return pm_avro_get_bytes(c, data, len);
    *len = s->fixed_size;
    return pm_cur_bytes(c, *len, data);
}

static int read_decimal(pm_cursor *c, const pm_avro_plan *p, pm_col *col, paimon_error *err) {
    const uint8_t *data;
    size_t len;
    if (!get_bytes_or_fixed(c, p->schema, &data, &len))
        return truncated(err, p->schema);
    pm_decimal128 v;
    if (len == 0 || !pm_dec_from_be_bytes(data, len, &v))
        return pm_err(err, PAIMON_ECORRUPT, "decimal of %zu bytes is not a valid 128-bit value",
                      len);
    const pm_type *t = col->type;
    if (p->scale != t->scale && !pm_dec_rescale(v, p->scale, t->scale, &v))
        return nomem_if(pm_col_append_null(col), err);
    /* Java's Decimal.fromBigDecimal yields null when the value has too many digits. */
    if (pm_dec_digits(v) > t->precision)
        return nomem_if(pm_col_append_null(col), err);
    return nomem_if(pm_col_append_decimal(col, v), err);
}

static int read_value(avro_data_reader *r, pm_cursor *c, const pm_avro_plan *p, pm_col *col,
                      paimon_error *err);

/* The next block count of an array or map, checked against the input left. */
static int block_count(avro_data_reader *r, pm_cursor *c, size_t item_min, int64_t *count,
                       paimon_error *err) {
    int64_t byte_size;
    if (!pm_avro_get_block_count(c, count, &byte_size))
        return pm_err(err, PAIMON_ECORRUPT, "malformed array or map block header");
    if (item_min == 0)
        return pm_avro_charge_empty(&r->avro.empty_budget, *count, err);
    if ((uint64_t)*count > pm_cur_left(c) / item_min)
        return pm_err(err, PAIMON_ECORRUPT, "block of %lld items exceeds the input",
                      (long long)*count);
    return PAIMON_OK;
}

static int read_array(avro_data_reader *r, pm_cursor *c, const pm_avro_plan *p, pm_col *col,
                      paimon_error *err) {
    const pm_avro_plan *item = &p->children[0];
    for (;;) {
        int64_t count;
        PM_TRY(block_count(r, c, p->schema->items->min_size, &count, err));
        if (count == 0)
            break;
        for (int64_t i = 0; i < count; i++)
            PM_TRY(read_value(r, c, item, &col->children[0], err));
    }
    return nomem_if(pm_col_list_close(col), err);
}

static int read_map(avro_data_reader *r, pm_cursor *c, const pm_avro_plan *p, pm_col *col,
                    paimon_error *err) {
    pm_col *entries = &col->children[0];
    for (;;) {
        int64_t count;
        PM_TRY(block_count(r, c, 1 + p->schema->values->min_size, &count, err));
        if (count == 0)
            break;
        for (int64_t i = 0; i < count; i++) {
            const uint8_t *key;
            size_t key_len;
            if (!pm_avro_get_bytes(c, &key, &key_len))
                return pm_err(err, PAIMON_ECORRUPT, "truncated map key");
            PM_TRY(nomem_if(pm_col_append_bytes(&entries->children[0], key, key_len), err));
            PM_TRY(read_value(r, c, &p->children[0], &entries->children[1], err));
            PM_TRY(nomem_if(pm_col_struct_close(entries), err));
        }
    }
    return nomem_if(pm_col_list_close(col), err);
}

/* Reads the fields of a record into `cols` (one per requested field). */
static int read_fields(avro_data_reader *r, pm_cursor *c, const pm_avro_plan *p, pm_col *cols,
                       paimon_error *err) {
    const pm_avro_schema *s = p->schema;
    if (s->min_size == 0) /* a record that takes no bytes still costs its fields */
        PM_TRY(pm_avro_charge_empty(&r->avro.empty_budget,
                                    (int64_t)(s->field_count + p->missing_count), err));
    for (size_t i = 0; i < s->field_count; i++) {
        int rc = p->target[i] < 0 ? pm_avro_skip(c, s->fields[i].type, &r->avro.empty_budget, err)
                                  : read_value(r, c, &p->children[i], &cols[p->target[i]], err);
        if (rc != PAIMON_OK) {
            pm_err_prefix(err, "%s: ", s->fields[i].name);
            return rc;
        }
    }
    for (size_t j = 0; j < p->missing_count; j++)
        PM_TRY(nomem_if(pm_col_append_null(&cols[p->missing[j]]), err));
    return PAIMON_OK;
}

static int read_scalar(pm_cursor *c, const pm_avro_plan *p, pm_col *col, paimon_error *err) {
    const pm_avro_schema *s = p->schema;
    switch (p->op) {
    case PM_AVRO_OP_BOOLEAN: {
        bool v;
        if (!pm_avro_get_boolean(c, &v))
            return truncated(err, s);
        return nomem_if(pm_col_append_bool(col, v), err);
    }
    case PM_AVRO_OP_INTEGER:
    case PM_AVRO_OP_DATE: {
        int64_t v;
        if (!get_integer(c, s, &v))
            return truncated(err, s);
        return nomem_if(pm_col_append_int(col, v), err);
    }
    case PM_AVRO_OP_FLOAT:
    case PM_AVRO_OP_DOUBLE: {
        double v;
        if (!get_floating(c, s, &v))
            return truncated(err, s);
        return nomem_if(pm_col_append_double(col, v), err);
    }
    case PM_AVRO_OP_BYTES: {
        const uint8_t *data;
        size_t len;
        if (!pm_avro_get_bytes(c, &data, &len))
            return truncated(err, s);
        return nomem_if(pm_col_append_bytes(col, data, len), err);
    }
    case PM_AVRO_OP_FIXED: {
        const uint8_t *data;
        if (!pm_cur_bytes(c, s->fixed_size, &data))
            return truncated(err, s);
        return nomem_if(pm_col_append_bytes(col, data, s->fixed_size), err);
    }
    case PM_AVRO_OP_ENUM: {
        int32_t index;
        if (!pm_avro_get_int(c, &index))
            return truncated(err, s);
        if (index < 0 || (size_t)index >= s->symbol_count)
            return out_of_range(err, "enum index");
        const char *symbol = s->symbols[index];
        return nomem_if(pm_col_append_bytes(col, symbol, strlen(symbol)), err);
    }
    case PM_AVRO_OP_DECIMAL:
        return read_decimal(c, p, col, err);
    case PM_AVRO_OP_TIME: {
        int64_t v;
        if (!get_integer(c, s, &v))
            return truncated(err, s);
        if (p->unit == PM_AVRO_MICROS)
            v = pm_floor_div(v, 1000);
        if (v < INT32_MIN || v > INT32_MAX)
            return out_of_range(err, "time");
        return nomem_if(pm_col_append_int(col, v), err);
    }
    case PM_AVRO_OP_TIMESTAMP: {
        int64_t v;
        if (!pm_avro_get_long(c, &v))
            return truncated(err, s);
        if (!convert_unit(v, p->unit, pm_timestamp_unit(col->type->precision), &v))
            return out_of_range(err, "timestamp");
        return nomem_if(pm_col_append_int(col, v), err);
    }
    default:
        PM_ASSERT(!"not a scalar op");
        return PAIMON_EINVAL;
    }
}

static int read_value(avro_data_reader *r, pm_cursor *c, const pm_avro_plan *p, pm_col *col,
                      paimon_error *err) {
    if (p->in_union) {
        int64_t branch;
        if (!pm_avro_get_long(c, &branch))
            return pm_err(err, PAIMON_ECORRUPT, "truncated union branch");
        if (branch == p->null_branch)
            return nomem_if(pm_col_append_null(col), err);
        if (branch != p->value_branch)
            return pm_err(err, PAIMON_ECORRUPT, "union branch %lld out of range",
                          (long long)branch);
    }
    switch (p->op) {
    case PM_AVRO_OP_NULL:
        return nomem_if(pm_col_append_null(col), err);
    case PM_AVRO_OP_ARRAY:
        return read_array(r, c, p, col, err);
    case PM_AVRO_OP_MAP:
        return read_map(r, c, p, col, err);
    case PM_AVRO_OP_RECORD:
        PM_TRY(read_fields(r, c, p, col->children, err));
        return nomem_if(pm_col_struct_close(col), err);
    default:
        return read_scalar(c, p, col, err);
    }
}

/* One top-level record into the requested columns. */
static int read_record(avro_data_reader *r, paimon_error *err) {
    pm_cursor *c = &r->avro.cur;
    const pm_avro_plan *p = &r->plan;
    if (p->in_union) {
        int64_t branch;
        if (!pm_avro_get_long(c, &branch) ||
            (branch != p->null_branch && branch != p->value_branch))
            return pm_err(err, PAIMON_ECORRUPT, "malformed record union branch");
        if (branch == p->null_branch) {
            for (size_t j = 0; j < r->field_count; j++)
                PM_TRY(nomem_if(pm_col_append_null(&r->cols[j]), err));
            return PAIMON_OK;
        }
    }
    return read_fields(r, c, p, r->cols, err);
}

static void clear_columns(avro_data_reader *r) {
    for (size_t j = 0; j < r->field_count; j++)
        pm_col_clear(&r->cols[j]);
}

static int finish_batch(avro_data_reader *r, int64_t rows, struct ArrowArray *out,
                        paimon_error *err) {
    struct ArrowArray *children = pm_calloc(r->field_count ? r->field_count : 1, sizeof *children);
    if (children == NULL)
        return pm_err_nomem(err);
    int rc = PAIMON_OK;
    size_t done = 0;
    for (; done < r->field_count && rc == PAIMON_OK; done++)
        rc = pm_col_finish(&r->cols[done], &children[done], err);
    if (rc == PAIMON_OK) {
        rc = pm_arrow_struct_from_children(children, r->field_count, rows, out, err);
    } else {
        for (size_t j = 0; j < done; j++) {
            if (children[j].release != NULL)
                children[j].release(&children[j]);
        }
        clear_columns(r);
    }
    pm_free(children);
    return rc;
}

static int reader_next(pm_format_reader *base, struct ArrowArray *out, int64_t *first_row_out,
                       paimon_error *err) {
    avro_data_reader *r = (avro_data_reader *)base;
    memset(out, 0, sizeof *out);
    int64_t rows = 0;
    int rc = PAIMON_OK;
    while (!r->done && (size_t)rows < r->batch_rows) {
        if (r->avro.records_left == 0) {
            bool has;
            rc = pm_avro_reader_next_block(&r->avro, &has, err);
            if (rc != PAIMON_OK)
                break;
            if (!has) {
                r->done = true;
                break;
            }
        }
        rc = read_record(r, err);
        if (rc != PAIMON_OK) {
            pm_err_prefix(err, "avro block %lld at offset %llu: record %lld: ",
                          (long long)r->avro.block_index, (unsigned long long)r->avro.block_offset,
                          (long long)(r->avro.block_records - r->avro.records_left));
            break;
        }
        r->avro.records_left--;
        rows++;
    }
    if (rc != PAIMON_OK) {
        clear_columns(r);
        r->done = true;
        pm_err_prefix(err, "%s: ", r->path);
        return rc;
    }
    if (rows == 0)
        return PAIMON_OK; /* the end: out->release stays NULL */
    rc = finish_batch(r, rows, out, err);
    if (rc != PAIMON_OK) {
        pm_err_prefix(err, "%s: ", r->path);
        return rc;
    }
    *first_row_out = r->rows_read;
    r->rows_read += rows;
    return PAIMON_OK;
}

static int64_t reader_row_count(pm_format_reader *base) {
    avro_data_reader *r = (avro_data_reader *)base;
    if (r->row_count < 0) {
        int64_t n;
        if (pm_avro_reader_count_records(&r->avro, &n, NULL) == PAIMON_OK)
            r->row_count = n;
    }
    return r->row_count;
}

static void reader_close(pm_format_reader *base) {
    avro_data_reader *r = (avro_data_reader *)base;
    if (r->cols != NULL) {
        for (size_t j = 0; j < r->field_count; j++)
            pm_col_dispose(&r->cols[j]);
        pm_free(r->cols);
    }
    if (r->fields != NULL) {
        for (size_t j = 0; j < r->field_count; j++)
            pm_field_dispose(&r->fields[j]);
        pm_free(r->fields);
    }
    if (r->avro_open)
        pm_avro_reader_close(&r->avro);
    pm_arena_dispose(&r->plan_arena);
    pm_file_close(r->file);
    pm_free(r->path);
    pm_free(r);
}

static const pm_format_reader_ops AVRO_DATA_OPS = {reader_next, reader_row_count, reader_close};

static int copy_request(avro_data_reader *r, const pm_read_options *opts, paimon_error *err) {
    size_t n = opts->field_count;
    r->fields = pm_calloc(n ? n : 1, sizeof *r->fields);
    r->cols = pm_calloc(n ? n : 1, sizeof *r->cols);
    if (r->fields == NULL || r->cols == NULL)
        return pm_err_nomem(err);
    for (size_t j = 0; j < n; j++) {
        if (pm_field_copy(&r->fields[j], &opts->fields[j]) != PAIMON_OK)
            return pm_err_nomem(err);
        r->field_count = j + 1;
    }
    for (size_t j = 0; j < n; j++)
        PM_TRY(pm_col_init(&r->cols[j], r->fields[j].type, err));
    return PAIMON_OK;
}

static int open_reader(avro_data_reader *r, const pm_read_options *opts, paimon_error *err) {
    PM_TRY(pm_avro_reader_open_file(&r->avro, r->file, err));
    r->avro_open = true;
    PM_TRY(copy_request(r, opts, err));
    return pm_avro_plan_build(r->avro.schema, r->fields, r->field_count, &r->plan_arena, &r->plan,
                              err);
}

int pm_avro_data_reader_open(pm_file *file, const char *path, const pm_read_options *opts,
                             pm_format_reader **out, paimon_error *err) {
    *out = NULL;
    avro_data_reader *r = pm_calloc(1, sizeof *r);
    if (r == NULL) {
        pm_file_close(file);
        return pm_err_nomem(err);
    }
    r->base.ops = &AVRO_DATA_OPS;
    r->file = file;
    r->row_count = -1;
    r->batch_rows = opts->batch_rows ? opts->batch_rows : PM_DEFAULT_BATCH_ROWS;
    pm_arena_init(&r->plan_arena, 4096);
    r->path = pm_strdup(path ? path : "");
    int rc = r->path != NULL ? open_reader(r, opts, err) : pm_err_nomem(err);
    if (rc != PAIMON_OK) {
        pm_err_prefix(err, "%s: ", path ? path : "");
        reader_close(&r->base);
        return rc;
    }
    *out = &r->base;
    return PAIMON_OK;
}
