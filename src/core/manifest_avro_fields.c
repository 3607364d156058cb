/* manifest_avro_fields.c - typed, name-resolved field access on generic Avro records for the
 * manifest decoders (see the header for the rules). */
#include "core/manifest_avro_fields.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *const PM_MFIELD_STATS_NAMES[3] = {"_MIN_VALUES", "_MAX_VALUES", "_NULL_COUNTS"};

void pm_mfield_map_init(pm_mfield_map *m, const char *prefix, const char *const *names,
                        size_t count) {
    PM_ASSERT(count <= PM_MFIELD_MAX);
    memset(m, 0, sizeof *m);
    m->prefix = prefix;
    m->names = names;
    m->count = count;
}

/* ---- errors ---- */

int pm_mfield_error(pm_mfield_ctx *d, const pm_mfield_map *m, int f, int code, const char *fmt,
                    ...) {
    char what[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return pm_err(d->err, code, "record %lld: %s%s: %s", (long long)d->record, m->prefix,
                  m->names[f], what);
}

/* ---- typed field access ---- */

/* Field `f` of `rec`, or NULL when the writer schema has no such field. */
static const pm_avro_value *mfield_lookup(pm_mfield_map *m, const pm_avro_value *rec, int f) {
    if (m->schema != rec->schema) {
        m->schema = rec->schema;
        for (size_t i = 0; i < m->count; i++)
            m->index[i] = (int32_t)pm_avro_schema_field_index(rec->schema, m->names[i]);
    }
    int32_t i = m->index[f];
    return i < 0 ? NULL : &rec->u.fields[i];
}

/* Looks up field `f`; *out is NULL when it is absent or null, which is an error if required. */
static int mfield_value(pm_mfield_ctx *d, pm_mfield_map *m, const pm_avro_value *rec, int f,
                        bool required, const pm_avro_value **out) {
    const pm_avro_value *v = mfield_lookup(m, rec, f);
    if (pm_avro_value_is_null(v)) {
        *out = NULL;
        if (required)
            return pm_mfield_error(d, m, f, PAIMON_ECORRUPT, v == NULL ? "missing" : "null");
        return PAIMON_OK;
    }
    *out = v;
    return PAIMON_OK;
}

static int mfield_wrong_type(pm_mfield_ctx *d, pm_mfield_map *m, int f, const char *expected,
                             const pm_avro_value *v) {
    return pm_mfield_error(d, m, f, PAIMON_ECORRUPT, "expected %s, found %s", expected,
                           pm_avro_kind_name(v->schema->kind));
}

int pm_mfield_long(pm_mfield_ctx *d, pm_mfield_map *m, const pm_avro_value *rec, int f,
                   bool required, bool *present, int64_t *out) {
    const pm_avro_value *v;
    PM_TRY(mfield_value(d, m, rec, f, required, &v));
    *present = v != NULL;
    if (v == NULL)
        return PAIMON_OK;
    if (v->schema->kind != PM_AVRO_LONG && v->schema->kind != PM_AVRO_INT)
        return mfield_wrong_type(d, m, f, "long", v);
    *out = v->u.integer;
    return PAIMON_OK;
}

int pm_mfield_int(pm_mfield_ctx *d, pm_mfield_map *m, const pm_avro_value *rec, int f,
                  bool required, bool *present, int32_t *out) {
    int64_t v = 0;
    PM_TRY(pm_mfield_long(d, m, rec, f, required, present, &v));
    if (v < INT32_MIN || v > INT32_MAX)
        return pm_mfield_error(d, m, f, PAIMON_ECORRUPT, "%lld does not fit an int", (long long)v);
    *out = (int32_t)v;
    return PAIMON_OK;
}

int pm_mfield_required_long(pm_mfield_ctx *d, pm_mfield_map *m, const pm_avro_value *rec, int f,
                            int64_t *out) {
    bool present;
    return pm_mfield_long(d, m, rec, f, true, &present, out);
}

int pm_mfield_required_int(pm_mfield_ctx *d, pm_mfield_map *m, const pm_avro_value *rec, int f,
                           int32_t *out) {
    bool present;
    return pm_mfield_int(d, m, rec, f, true, &present, out);
}

static bool mfield_is_bytes_like(const pm_avro_value *v) {
    return v->schema->kind == PM_AVRO_STRING || v->schema->kind == PM_AVRO_BYTES;
}

/* A string copied into the arena; NULL when absent or null (and not required). */
int pm_mfield_string(pm_mfield_ctx *d, pm_mfield_map *m, const pm_avro_value *rec, int f,
                     bool required, const char **out) {
    const pm_avro_value *v;
    PM_TRY(mfield_value(d, m, rec, f, required, &v));
    *out = NULL;
    if (v == NULL)
        return PAIMON_OK;
    if (!mfield_is_bytes_like(v))
        return mfield_wrong_type(d, m, f, "string", v);
    *out = pm_arena_strndup(d->arena, (const char *)v->u.bytes.data, v->u.bytes.len);
    return *out != NULL ? PAIMON_OK : pm_err_nomem(d->err);
}

int pm_mfield_copy_bytes(pm_mfield_ctx *d, const uint8_t *data, size_t len, pm_bytes *out) {
    /* A zero-length allocation still yields a non-NULL pointer: present but empty. */
    out->data = pm_arena_memdup(d->arena, data, len);
    out->len = len;
    return out->data != NULL ? PAIMON_OK : pm_err_nomem(d->err);
}

int pm_mfield_bytes(pm_mfield_ctx *d, pm_mfield_map *m, const pm_avro_value *rec, int f,
                    bool required, pm_bytes *out) {
    const pm_avro_value *v;
    PM_TRY(mfield_value(d, m, rec, f, required, &v));
    out->data = NULL;
    out->len = 0;
    if (v == NULL)
        return PAIMON_OK;
    if (!mfield_is_bytes_like(v))
        return mfield_wrong_type(d, m, f, "bytes", v);
    return pm_mfield_copy_bytes(d, v->u.bytes.data, v->u.bytes.len, out);
}

int pm_mfield_typed(pm_mfield_ctx *d, pm_mfield_map *m, const pm_avro_value *rec, int f,
                    bool required, pm_avro_kind kind, const pm_avro_value **out) {
    PM_TRY(mfield_value(d, m, rec, f, required, out));
    if (*out != NULL && (*out)->schema->kind != kind)
        return mfield_wrong_type(d, m, f, pm_avro_kind_name(kind), *out);
    return PAIMON_OK;
}

int pm_mfield_string_list(pm_mfield_ctx *d, pm_mfield_map *m, const pm_avro_value *rec, int f,
                          bool required, pm_string_list *out) {
    const pm_avro_value *v;
    PM_TRY(pm_mfield_typed(d, m, rec, f, required, PM_AVRO_ARRAY, &v));
    memset(out, 0, sizeof *out);
    if (v == NULL)
        return PAIMON_OK;
    size_t n = v->u.array.count;
    out->present = true;
    out->items = pm_arena_calloc(d->arena, n ? n : 1, sizeof *out->items);
    if (out->items == NULL)
        return pm_err_nomem(d->err);
    for (size_t i = 0; i < n; i++) {
        const pm_avro_value *item = &v->u.array.items[i];
        if (!mfield_is_bytes_like(item))
            return pm_mfield_error(d, m, f, PAIMON_ECORRUPT, "item %zu: expected string, found %s",
                                   i, pm_avro_kind_name(item->schema->kind));
        out->items[i] =
            pm_arena_strndup(d->arena, (const char *)item->u.bytes.data, item->u.bytes.len);
        if (out->items[i] == NULL)
            return pm_err_nomem(d->err);
    }
    out->count = n;
    return PAIMON_OK;
}

/* An array of longs whose items may be null (`present` receives per-item flags when not NULL;
 * when it is NULL a null item is an error). */
int pm_mfield_long_array(pm_mfield_ctx *d, pm_mfield_map *m, const pm_avro_value *rec, int f,
                         const int64_t **items, bool **present, size_t *count, bool *has) {
    const pm_avro_value *v;
    PM_TRY(pm_mfield_typed(d, m, rec, f, false, PM_AVRO_ARRAY, &v));
    *items = NULL;
    *count = 0;
    *has = v != NULL;
    if (present != NULL)
        *present = NULL;
    if (v == NULL)
        return PAIMON_OK;
    size_t n = v->u.array.count;
    int64_t *values = pm_arena_calloc(d->arena, n ? n : 1, sizeof *values);
    bool *flags = present ? pm_arena_calloc(d->arena, n ? n : 1, sizeof *flags) : NULL;
    if (values == NULL || (present != NULL && flags == NULL))
        return pm_err_nomem(d->err);
    for (size_t i = 0; i < n; i++) {
        const pm_avro_value *item = &v->u.array.items[i];
        if (item->schema->kind == PM_AVRO_NULL && flags != NULL)
            continue;
        if (item->schema->kind != PM_AVRO_LONG && item->schema->kind != PM_AVRO_INT)
            return pm_mfield_error(d, m, f, PAIMON_ECORRUPT, "item %zu: expected long, found %s", i,
                                   pm_avro_kind_name(item->schema->kind));
        values[i] = item->u.integer;
        if (flags != NULL)
            flags[i] = true;
    }
    *items = values;
    if (present != NULL)
        *present = flags;
    *count = n;
    return PAIMON_OK;
}

/* ---- records ---- */

int pm_mfield_stats(pm_mfield_ctx *d, pm_mfield_map *m, const pm_avro_value *rec,
                    pm_simple_stats *out) {
    memset(out, 0, sizeof *out);
    PM_TRY(pm_mfield_bytes(d, m, rec, 0, true, &out->min_values));
    PM_TRY(pm_mfield_bytes(d, m, rec, 1, true, &out->max_values));
    bool *present;
    PM_TRY(pm_mfield_long_array(d, m, rec, 2, &out->null_counts, &present, &out->null_count_len,
                                &out->has_null_counts));
    out->null_count_present = present;
    return PAIMON_OK;
}
