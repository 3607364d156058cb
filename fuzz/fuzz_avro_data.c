/* fuzz_avro_data.c - reads any bytes as an Avro data file through pm_avro_data_reader_open,
 * requesting the Paimon types that correspond to the file's own writer schema, so that the
 * whole decoding path runs; must never crash, leak or hang. */
#include "data/type.h"
#include "format/avro/avro_reader.h"
#include "format/format.h"
#include "util/mem.h"

#include <stdint.h>
#include <string.h>

static pm_type *type_of(const pm_avro_schema *s, int depth);

static pm_type *row_of(const pm_avro_schema *s, bool nullable, int depth) {
    pm_field *fields = pm_calloc(s->field_count ? s->field_count : 1, sizeof *fields);
    size_t n = 0;
    for (size_t i = 0; fields != NULL && i < s->field_count; i++) {
        pm_type *t = type_of(s->fields[i].type, depth + 1);
        if (t == NULL)
            continue;
        fields[n].name = pm_strdup(s->fields[i].name);
        fields[n].type = t;
        fields[n].id = (int32_t)i;
        n++;
    }
    return fields ? pm_type_new_row(fields, n, nullable) : NULL;
}

static pm_type *long_type(const pm_avro_schema *s, bool nullable) {
    switch (s->logical) {
    case PM_AVRO_LOGICAL_TIMESTAMP_MILLIS:
        return pm_type_new_sized(PM_TYPE_TIMESTAMP, 3, nullable);
    case PM_AVRO_LOGICAL_TIMESTAMP_MICROS:
        return pm_type_new_sized(PM_TYPE_TIMESTAMP, 6, nullable);
    case PM_AVRO_LOGICAL_TIMESTAMP_NANOS:
        return pm_type_new_sized(PM_TYPE_TIMESTAMP, 9, nullable);
    case PM_AVRO_LOGICAL_LOCAL_TIMESTAMP_MILLIS:
        return pm_type_new_sized(PM_TYPE_TIMESTAMP_LTZ, 3, nullable);
    case PM_AVRO_LOGICAL_LOCAL_TIMESTAMP_MICROS:
        return pm_type_new_sized(PM_TYPE_TIMESTAMP_LTZ, 6, nullable);
    case PM_AVRO_LOGICAL_TIME_MICROS:
        return pm_type_new_sized(PM_TYPE_TIME, 6, nullable);
    default:
        return pm_type_new(PM_TYPE_BIGINT, nullable);
    }
}

static pm_type *type_of(const pm_avro_schema *s, int depth) {
    if (depth > 12)
        return NULL;
    bool nullable = false;
    if (s->kind == PM_AVRO_UNION) {
        int null_index, value_index;
        const pm_avro_schema *inner = pm_avro_schema_unwrap_nullable(s, &null_index, &value_index);
        if (inner == s)
            return NULL;
        s = inner;
        nullable = true;
    }
    bool decimal = s->logical == PM_AVRO_LOGICAL_DECIMAL && s->precision <= 38;
    switch (s->kind) {
    case PM_AVRO_NULL:
        return pm_type_new(PM_TYPE_INT, true);
    case PM_AVRO_BOOLEAN:
        return pm_type_new(PM_TYPE_BOOLEAN, nullable);
    case PM_AVRO_INT:
        if (s->logical == PM_AVRO_LOGICAL_DATE)
            return pm_type_new(PM_TYPE_DATE, nullable);
        if (s->logical == PM_AVRO_LOGICAL_TIME_MILLIS)
            return pm_type_new_sized(PM_TYPE_TIME, 3, nullable);
        return pm_type_new(PM_TYPE_INT, nullable);
    case PM_AVRO_LONG:
        return long_type(s, nullable);
    case PM_AVRO_FLOAT:
        return pm_type_new(PM_TYPE_FLOAT, nullable);
    case PM_AVRO_DOUBLE:
        return pm_type_new(PM_TYPE_DOUBLE, nullable);
    case PM_AVRO_STRING:
    case PM_AVRO_ENUM:
        return pm_type_new(PM_TYPE_VARCHAR, nullable);
    case PM_AVRO_BYTES:
    case PM_AVRO_FIXED:
        return decimal ? pm_type_new_decimal(s->precision, s->scale, nullable)
                       : pm_type_new(PM_TYPE_VARBINARY, nullable);
    case PM_AVRO_ARRAY: {
        int n, v;
        const pm_avro_schema *item = pm_avro_schema_unwrap_nullable(s->items, &n, &v);
        long k = pm_avro_schema_field_index(item, "key");
        long val = pm_avro_schema_field_index(item, "value");
        if (s->logical == PM_AVRO_LOGICAL_MAP && k >= 0 && val >= 0) {
            pm_type *key = type_of(item->fields[k].type, depth + 1);
            pm_type *value = type_of(item->fields[val].type, depth + 1);
            if (key != NULL)
                key->nullable = false;
            return pm_type_new_map(key, value, nullable);
        }
        return pm_type_new_array(type_of(s->items, depth + 1), nullable);
    }
    case PM_AVRO_MAP: {
        pm_type *key = pm_type_new(PM_TYPE_VARCHAR, false);
        pm_type *value = type_of(s->values, depth + 1);
        if (key == NULL || value == NULL) {
            pm_type_free(key);
            pm_type_free(value);
            return NULL;
        }
        return pm_type_new_map(key, value, nullable);
    }
    case PM_AVRO_RECORD:
        return row_of(s, nullable, depth);
    case PM_AVRO_UNION:
        return NULL;
    }
    return NULL;
}

static pm_fs *fs;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    /* Derive the request from the writer schema. */
    pm_avro_reader header;
    if (pm_avro_reader_open_mem(&header, data, size, NULL) != PAIMON_OK)
        return 0;
    int n, v;
    const pm_avro_schema *top = pm_avro_schema_unwrap_nullable(header.schema, &n, &v);
    pm_type *row = top->kind == PM_AVRO_RECORD ? row_of(top, false, 0) : NULL;
    pm_avro_reader_close(&header);
    if (row == NULL)
        return 0;
    if (fs == NULL && pm_fs_mem_new(&fs, NULL) != PAIMON_OK)
        __builtin_trap();
    pm_file *f;
    if (pm_fs_write_file(fs, "/f.avro", data, size, PM_WRITE_REPLACE, NULL) != PAIMON_OK ||
        pm_fs_open(fs, "/f.avro", &f, NULL) != PAIMON_OK)
        __builtin_trap();
    pm_read_options opts = {row->fields, row->field_count, 97, NULL, NULL, NULL, {false, 0, 0}};
    pm_format_reader *r;
    if (pm_avro_data_reader_open(f, "/f.avro", &opts, &r, NULL) == PAIMON_OK) {
        (void)r->ops->row_count(r);
        for (int batches = 0; batches < 2000; batches++) {
            struct ArrowArray batch;
            int64_t first;
            if (pm_format_reader_next(r, &batch, &first, NULL) != PAIMON_OK ||
                batch.release == NULL)
                break;
            batch.release(&batch);
        }
        pm_format_reader_close(r);
    }
    pm_type_free(row);
    return 0;
}
