/* avro_value.c - decoding any Avro datum into a generic value tree, skipping datums, and
 * encoding value trees back. Every count is checked against the bytes left before allocating. */
#include "format/avro/avro_value.h"

#include "data/type.h"
#include "format/avro/avro_binary.h"
#include "util/mem.h"

#include <string.h>

static int truncated(paimon_error *err, const pm_avro_schema *s) {
    return pm_err(err, PAIMON_ECORRUPT, "truncated or malformed %s", pm_avro_kind_name(s->kind));
}

static int too_deep(paimon_error *err) {
    return pm_err(err, PAIMON_ELIMIT, "value nested deeper than %d levels", PM_MAX_NESTING_DEPTH);
}

int pm_avro_charge_empty(int64_t *budget, int64_t n, paimon_error *err) {
    if (n > *budget)
        return pm_err(err, PAIMON_ELIMIT, "more than %lld values that take no bytes",
                      (long long)PM_AVRO_EMPTY_BUDGET);
    *budget -= n;
    return PAIMON_OK;
}

/* Reads the next block count of an array or map and checks it against the input left; items
 * that take no bytes are charged to the budget instead. */
static int block_count(pm_cursor *c, const pm_avro_schema *s, size_t item_min_size,
                       int64_t *empty_budget, int64_t *count, paimon_error *err) {
    int64_t byte_size;
    if (!pm_avro_get_block_count(c, count, &byte_size))
        return pm_err(err, PAIMON_ECORRUPT, "malformed %s block header",
                      pm_avro_kind_name(s->kind));
    if (item_min_size == 0)
        return pm_avro_charge_empty(empty_budget, *count, err);
    if ((uint64_t)*count > pm_cur_left(c) / item_min_size)
        return pm_err(err, PAIMON_ECORRUPT, "%s block of %lld items exceeds the %zu bytes left",
                      pm_avro_kind_name(s->kind), (long long)*count, pm_cur_left(c));
    return PAIMON_OK;
}

/* A record that takes no bytes still costs its fields. */
static int charge_record(const pm_avro_schema *s, int64_t *empty_budget, paimon_error *err) {
    if (s->min_size > 0 || s->field_count == 0)
        return PAIMON_OK;
    return pm_avro_charge_empty(empty_budget, (int64_t)s->field_count, err);
}

static int read_union_branch(pm_cursor *c, const pm_avro_schema *s, int64_t *index,
                             paimon_error *err) {
    if (!pm_avro_get_long(c, index))
        return truncated(err, s);
    if (*index < 0 || (uint64_t)*index >= s->branch_count)
        return pm_err(err, PAIMON_ECORRUPT, "union branch %lld out of range (%zu branches)",
                      (long long)*index, s->branch_count);
    return PAIMON_OK;
}

/* Primitive kinds shared by reading and skipping. */
static int read_primitive(pm_cursor *c, const pm_avro_schema *s, pm_avro_value *out,
                          paimon_error *err) {
    bool ok = true;
    switch (s->kind) {
    case PM_AVRO_NULL:
        break;
    case PM_AVRO_BOOLEAN:
        ok = pm_avro_get_boolean(c, &out->u.boolean);
        break;
    case PM_AVRO_INT: {
        int32_t v = 0;
        ok = pm_avro_get_int(c, &v);
        out->u.integer = v;
        break;
    }
    case PM_AVRO_LONG:
        ok = pm_avro_get_long(c, &out->u.integer);
        break;
    case PM_AVRO_FLOAT:
        ok = pm_avro_get_float(c, &out->u.f32);
        break;
    case PM_AVRO_DOUBLE:
        ok = pm_avro_get_double(c, &out->u.f64);
        break;
    case PM_AVRO_BYTES:
    case PM_AVRO_STRING:
        ok = pm_avro_get_bytes(c, &out->u.bytes.data, &out->u.bytes.len);
        break;
    case PM_AVRO_FIXED:
        out->u.bytes.len = s->fixed_size;
        ok = pm_cur_bytes(c, s->fixed_size, &out->u.bytes.data);
        break;
    case PM_AVRO_ENUM: {
        int32_t v = 0;
        ok = pm_avro_get_int(c, &v);
        if (ok && (v < 0 || (size_t)v >= s->symbol_count))
            return pm_err(err, PAIMON_ECORRUPT, "enum index %d out of range (%zu symbols)", v,
                          s->symbol_count);
        out->u.integer = v;
        break;
    }
    default:
        PM_ASSERT(!"not a primitive kind");
    }
    return ok ? PAIMON_OK : truncated(err, s);
}

/* State of one datum being read or skipped. */
typedef struct reader {
    pm_cursor *c;
    pm_arena *arena; /* NULL when skipping */
    int64_t *empty_budget;
    paimon_error *err;
} reader;

static int read_value(reader *r, const pm_avro_schema *s, int depth, pm_avro_value *out);

/* Room for `total + count` items of `size` bytes, keeping the first `total`. Java writes one
 * block per array, so a second block (rare) is appended by copying. */
static void *grow_items(reader *r, void *items, size_t total, int64_t count, size_t size) {
    size_t n, bytes;
    if (pm_add_overflow(total, (size_t)count, &n) || pm_mul_overflow(n, size, &bytes))
        return NULL;
    void *grown = pm_arena_alloc(r->arena, bytes);
    if (grown != NULL && total > 0)
        memcpy(grown, items, total * size);
    return grown;
}

static int read_array(reader *r, const pm_avro_schema *s, int depth, pm_avro_value *out) {
    pm_avro_value *items = NULL;
    size_t total = 0;
    for (;;) {
        int64_t count;
        PM_TRY(block_count(r->c, s, s->items->min_size, r->empty_budget, &count, r->err));
        if (count == 0)
            break;
        items = grow_items(r, items, total, count, sizeof *items);
        if (items == NULL)
            return pm_err_nomem(r->err);
        for (int64_t i = 0; i < count; i++) {
            int rc = read_value(r, s->items, depth + 1, &items[total]);
            if (rc != PAIMON_OK) {
                pm_err_prefix(r->err, "item %zu: ", total);
                return rc;
            }
            total++;
        }
    }
    out->u.array.items = items;
    out->u.array.count = total;
    return PAIMON_OK;
}

static int read_map(reader *r, const pm_avro_schema *s, int depth, pm_avro_value *out) {
    pm_avro_map_entry *entries = NULL;
    size_t total = 0;
    for (;;) {
        int64_t count;
        /* Each entry has at least its key length byte. */
        PM_TRY(block_count(r->c, s, 1 + s->values->min_size, r->empty_budget, &count, r->err));
        if (count == 0)
            break;
        entries = grow_items(r, entries, total, count, sizeof *entries);
        if (entries == NULL)
            return pm_err_nomem(r->err);
        for (int64_t i = 0; i < count; i++) {
            pm_avro_map_entry *e = &entries[total];
            if (!pm_avro_get_bytes(r->c, &e->key, &e->key_len))
                return pm_err(r->err, PAIMON_ECORRUPT, "map entry %zu: truncated key", total);
            int rc = read_value(r, s->values, depth + 1, &e->value);
            if (rc != PAIMON_OK) {
                pm_err_prefix(r->err, "map entry %zu: ", total);
                return rc;
            }
            total++;
        }
    }
    out->u.map.entries = entries;
    out->u.map.count = total;
    return PAIMON_OK;
}

static int read_value(reader *r, const pm_avro_schema *s, int depth, pm_avro_value *out) {
    if (depth > PM_MAX_NESTING_DEPTH)
        return too_deep(r->err);
    out->branch = -1;
    if (s->kind == PM_AVRO_UNION) {
        int64_t index;
        PM_TRY(read_union_branch(r->c, s, &index, r->err));
        PM_TRY(read_value(r, s->branches[index], depth + 1, out));
        out->branch = (int32_t)index;
        return PAIMON_OK;
    }
    out->schema = s;
    switch (s->kind) {
    case PM_AVRO_RECORD: {
        PM_TRY(charge_record(s, r->empty_budget, r->err));
        pm_avro_value *fields = NULL;
        if (s->field_count > 0) {
            fields = pm_arena_alloc(r->arena, s->field_count * sizeof *fields);
            if (fields == NULL)
                return pm_err_nomem(r->err);
        }
        for (size_t i = 0; i < s->field_count; i++) {
            int rc = read_value(r, s->fields[i].type, depth + 1, &fields[i]);
            if (rc != PAIMON_OK) {
                pm_err_prefix(r->err, "%s: ", s->fields[i].name);
                return rc;
            }
        }
        out->u.fields = fields;
        return PAIMON_OK;
    }
    case PM_AVRO_ARRAY:
        return read_array(r, s, depth, out);
    case PM_AVRO_MAP:
        return read_map(r, s, depth, out);
    default:
        return read_primitive(r->c, s, out, r->err);
    }
}

int pm_avro_value_read(pm_cursor *c, const pm_avro_schema *schema, pm_arena *arena,
                       int64_t *empty_budget, pm_avro_value *out, paimon_error *err) {
    int64_t own_budget = PM_AVRO_EMPTY_BUDGET;
    reader r = {c, arena, empty_budget ? empty_budget : &own_budget, err};
    return read_value(&r, schema, 0, out);
}

static int skip_value(reader *r, const pm_avro_schema *s, int depth) {
    if (depth > PM_MAX_NESTING_DEPTH)
        return too_deep(r->err);
    switch (s->kind) {
    case PM_AVRO_UNION: {
        int64_t index;
        PM_TRY(read_union_branch(r->c, s, &index, r->err));
        return skip_value(r, s->branches[index], depth + 1);
    }
    case PM_AVRO_RECORD:
        PM_TRY(charge_record(s, r->empty_budget, r->err));
        for (size_t i = 0; i < s->field_count; i++)
            PM_TRY(skip_value(r, s->fields[i].type, depth + 1));
        return PAIMON_OK;
    case PM_AVRO_ARRAY:
    case PM_AVRO_MAP: {
        const pm_avro_schema *item = s->kind == PM_AVRO_ARRAY ? s->items : s->values;
        size_t item_min = s->kind == PM_AVRO_ARRAY ? item->min_size : 1 + item->min_size;
        for (;;) {
            int64_t count, byte_size;
            pm_cursor save = *r->c;
            if (!pm_avro_get_block_count(r->c, &count, &byte_size))
                return pm_err(r->err, PAIMON_ECORRUPT, "malformed %s block header",
                              pm_avro_kind_name(s->kind));
            if (count == 0)
                return PAIMON_OK;
            if (byte_size >= 0) { /* the block says how long it is: jump over it */
                r->c->p += byte_size;
                continue;
            }
            *r->c = save;
            PM_TRY(block_count(r->c, s, item_min, r->empty_budget, &count, r->err));
            for (int64_t i = 0; i < count; i++) {
                if (s->kind == PM_AVRO_MAP) {
                    const uint8_t *key;
                    size_t key_len;
                    if (!pm_avro_get_bytes(r->c, &key, &key_len))
                        return pm_err(r->err, PAIMON_ECORRUPT, "truncated map key");
                }
                PM_TRY(skip_value(r, item, depth + 1));
            }
        }
    }
    default: {
        pm_avro_value ignored;
        return read_primitive(r->c, s, &ignored, r->err);
    }
    }
}

int pm_avro_skip(pm_cursor *c, const pm_avro_schema *schema, int64_t *empty_budget,
                 paimon_error *err) {
    int64_t own_budget = PM_AVRO_EMPTY_BUDGET;
    reader r = {c, NULL, empty_budget ? empty_budget : &own_budget, err};
    return skip_value(&r, schema, 0);
}

static int write_value(pm_buf *out, const pm_avro_value *v, const pm_avro_schema *s, int depth,
                       paimon_error *err) {
    if (depth > PM_MAX_NESTING_DEPTH)
        return too_deep(err);
    if (s->kind == PM_AVRO_UNION) {
        if (v->branch < 0 || (size_t)v->branch >= s->branch_count ||
            s->branches[v->branch] != v->schema)
            return pm_err(err, PAIMON_EINVAL, "value does not match a branch of its union");
        PM_TRY_MEM(err, pm_avro_put_branch(out, v->branch));
        return write_value(out, v, v->schema, depth + 1, err);
    }
    if (v->schema != s)
        return pm_err(err, PAIMON_EINVAL, "value of type %s written as %s",
                      pm_avro_kind_name(v->schema->kind), pm_avro_kind_name(s->kind));
    int rc = PAIMON_OK;
    switch (s->kind) {
    case PM_AVRO_NULL:
        break;
    case PM_AVRO_BOOLEAN:
        rc = pm_avro_put_boolean(out, v->u.boolean);
        break;
    case PM_AVRO_INT:
    case PM_AVRO_LONG:
    case PM_AVRO_ENUM:
        rc = pm_avro_put_long(out, v->u.integer);
        break;
    case PM_AVRO_FLOAT:
        rc = pm_avro_put_float(out, v->u.f32);
        break;
    case PM_AVRO_DOUBLE:
        rc = pm_avro_put_double(out, v->u.f64);
        break;
    case PM_AVRO_BYTES:
    case PM_AVRO_STRING:
        rc = pm_avro_put_bytes(out, v->u.bytes.data, v->u.bytes.len);
        break;
    case PM_AVRO_FIXED:
        rc = pm_buf_append(out, v->u.bytes.data, v->u.bytes.len);
        break;
    case PM_AVRO_RECORD:
        for (size_t i = 0; i < s->field_count; i++)
            PM_TRY(write_value(out, &v->u.fields[i], s->fields[i].type, depth + 1, err));
        break;
    case PM_AVRO_ARRAY:
        PM_TRY_MEM(err, pm_avro_put_block_start(out, v->u.array.count));
        for (size_t i = 0; i < v->u.array.count; i++)
            PM_TRY(write_value(out, &v->u.array.items[i], s->items, depth + 1, err));
        rc = pm_avro_put_block_end(out);
        break;
    case PM_AVRO_MAP:
        PM_TRY_MEM(err, pm_avro_put_block_start(out, v->u.map.count));
        for (size_t i = 0; i < v->u.map.count; i++) {
            const pm_avro_map_entry *e = &v->u.map.entries[i];
            PM_TRY_MEM(err, pm_avro_put_bytes(out, e->key, e->key_len));
            PM_TRY(write_value(out, &e->value, s->values, depth + 1, err));
        }
        rc = pm_avro_put_block_end(out);
        break;
    case PM_AVRO_UNION:
        break; /* handled above */
    }
    return rc == PAIMON_OK ? PAIMON_OK : pm_err_nomem(err);
}

int pm_avro_value_write(pm_buf *out, const pm_avro_value *v, const pm_avro_schema *schema,
                        paimon_error *err) {
    return write_value(out, v, schema, 0, err);
}

const pm_avro_value *pm_avro_value_field(const pm_avro_value *record, const char *name) {
    if (record == NULL || record->schema->kind != PM_AVRO_RECORD)
        return NULL;
    long i = pm_avro_schema_field_index(record->schema, name);
    return i < 0 ? NULL : &record->u.fields[i];
}
