/* table.c - opening tables, the schema cache, and facts derived from a table's options. */
#include "table/table_internal.h"

#include "util/mem.h"
#include "util/strutil.h"
#include "util/vec.h"

#include <string.h>

void paimon_free(void *ptr) {
    pm_free(ptr);
}

int paimon_table_open(paimon_table **out, const char *path, paimon_error *err) {
    if (out == NULL || path == NULL || path[0] == '\0')
        return pm_err(err, PAIMON_EINVAL, "paimon_table_open: a table path is required");
    *out = NULL;
    paimon_table *t = pm_calloc(1, sizeof *t);
    if (t == NULL)
        return pm_err_nomem(err);
    atomic_init(&t->refcount, 1);
    if (pthread_mutex_init(&t->schema_lock, NULL) != 0) {
        pm_free(t);
        return pm_err(err, PAIMON_ENOMEM, "%s: cannot create a lock", path);
    }
    t->lock_ready = true;
    size_t len = strlen(path);
    while (len > 1 && path[len - 1] == '/')
        len--;
    t->path = pm_strndup(path, len);
    int rc = t->path ? pm_fs_local_new(&t->fs, err) : pm_err_nomem(err);
    if (rc == PAIMON_OK) {
        pm_file_info info;
        rc = pm_fs_stat(t->fs, t->path, &info, err);
        if (rc == PAIMON_OK && !info.exists)
            rc = pm_err(err, PAIMON_ENOTFOUND, "%s: no such directory", t->path);
        else if (rc == PAIMON_OK && !info.is_dir)
            rc = pm_err(err, PAIMON_EINVAL, "%s: not a directory", t->path);
    }
    if (rc == PAIMON_OK) {
        int64_t latest;
        rc = pm_schema_latest_id(t->fs, t->path, &latest, err);
        if (rc == PAIMON_ENOTFOUND)
            rc = pm_err(err, PAIMON_ENOTFOUND, "%s: not a Paimon table (no schema/schema-N file)",
                        t->path);
    }
    if (rc != PAIMON_OK) {
        pm_table_release(t);
        return rc;
    }
    *out = t;
    return PAIMON_OK;
}

paimon_table *pm_table_retain(paimon_table *t) {
    atomic_fetch_add_explicit(&t->refcount, 1, memory_order_relaxed);
    return t;
}

void pm_table_release(paimon_table *t) {
    if (t == NULL || atomic_fetch_sub_explicit(&t->refcount, 1, memory_order_acq_rel) > 1)
        return;
    if (t->lock_ready)
        pthread_mutex_destroy(&t->schema_lock);
    for (size_t i = 0; i < t->schema_cap; i++)
        pm_schema_free(t->schemas[i]);
    pm_free(t->schemas);
    pm_fs_release(t->fs);
    pm_free(t->path);
    pm_free(t);
}

void paimon_table_free(paimon_table *table) {
    pm_table_release(table);
}

const char *paimon_table_path(const paimon_table *table) {
    return table ? table->path : NULL;
}

static int cached_schema(paimon_table *t, size_t index, int64_t id, const pm_schema **out,
                         paimon_error *err) {
    if (index >= t->schema_cap) {
        size_t cap = t->schema_cap;
        if (pm_grow((void **)&t->schemas, &cap, index + 1, sizeof *t->schemas) != PAIMON_OK)
            return pm_err_nomem(err);
        memset(t->schemas + t->schema_cap, 0, (cap - t->schema_cap) * sizeof *t->schemas);
        t->schema_cap = cap;
    }
    if (t->schemas[index] == NULL)
        PM_TRY(pm_schema_load(t->fs, t->path, id, &t->schemas[index], err));
    *out = t->schemas[index];
    return PAIMON_OK;
}

int pm_table_schema(paimon_table *t, int64_t id, const pm_schema **out, paimon_error *err) {
    if (id < 0 || id > 1000000)
        return pm_err(err, PAIMON_ENOTFOUND, "%s: schema id %lld out of range", t->path,
                      (long long)id);
    /* Loaded schemas never move or change, so *out stays valid after the lock is released. */
    pthread_mutex_lock(&t->schema_lock);
    int rc = cached_schema(t, (size_t)id, id, out, err);
    pthread_mutex_unlock(&t->schema_lock);
    return rc;
}

int pm_table_latest_schema(paimon_table *t, const pm_schema **out, paimon_error *err) {
    int64_t latest;
    PM_TRY(pm_schema_latest_id(t->fs, t->path, &latest, err));
    return pm_table_schema(t, latest, out, err);
}

int pm_table_kind_of(const pm_schema *s, pm_table_kind *out, paimon_error *err) {
    memset(out, 0, sizeof *out);
    out->primary_key = s->primary_key_count > 0;
    PM_TRY(pm_options_get_bool(&s->options, "deletion-vectors.enabled", false,
                               &out->deletion_vectors, err));
    PM_TRY(pm_options_get_bool(&s->options, "deletion-vectors.merge-on-read", false,
                               &out->dv_merge_on_read, err));
    PM_TRY(pm_options_get_bool(&s->options, "data-evolution.enabled", false, &out->data_evolution,
                               err));
    const char *engine = pm_schema_option(s, "merge-engine");
    if (engine == NULL || pm_str_ieq(engine, "deduplicate"))
        out->merge_engine = PM_MERGE_DEDUPLICATE;
    else if (pm_str_ieq(engine, "partial-update"))
        out->merge_engine = PM_MERGE_PARTIAL_UPDATE;
    else if (pm_str_ieq(engine, "aggregation"))
        out->merge_engine = PM_MERGE_AGGREGATION;
    else if (pm_str_ieq(engine, "first-row"))
        out->merge_engine = PM_MERGE_FIRST_ROW;
    else
        return pm_err(err, PAIMON_EUNSUPPORTED, "unknown merge-engine '%s'", engine);
    out->skip_level0 = out->primary_key && ((out->deletion_vectors && !out->dv_merge_on_read) ||
                                            out->merge_engine == PM_MERGE_FIRST_ROW);
    return PAIMON_OK;
}

int pm_resolve_columns(const pm_schema *s, const char *const *names, size_t count,
                       size_t **indices_out, size_t *count_out, paimon_error *err) {
    size_t n = names ? count : pm_schema_field_count(s);
    size_t *indices = pm_calloc(n ? n : 1, sizeof *indices);
    if (indices == NULL)
        return pm_err_nomem(err);
    for (size_t i = 0; i < n; i++) {
        if (names == NULL) {
            indices[i] = i;
            continue;
        }
        long at = pm_schema_field_index(s, names[i]);
        if (at < 0) {
            pm_buf avail = PM_BUF_INIT;
            for (size_t k = 0; k < pm_schema_field_count(s); k++)
                pm_buf_append_fmt(&avail, "%s%s", k ? ", " : "", pm_schema_fields(s)[k].name);
            pm_err(err, PAIMON_EINVAL, "unknown column '%s' (columns: %s)", names[i],
                   avail.data ? (const char *)pm_buf_cstr(&avail) : "none");
            pm_buf_dispose(&avail);
            pm_free(indices);
            return PAIMON_EINVAL;
        }
        indices[i] = (size_t)at;
    }
    *indices_out = indices;
    *count_out = n;
    return PAIMON_OK;
}

const char *pm_data_file_format(const char *file_name) {
    static const char *const formats[] = {"parquet", "orc", "avro", "csv", "json", "blob", "lance"};
    static const char *const compressions[] = {"zst", "zstd", "gz", "snappy", "lz4", "lzo", "bz2"};
    const char *dot = strrchr(file_name, '.');
    if (dot == NULL)
        return NULL;
    const char *ext = dot + 1;
    for (size_t i = 0; i < sizeof compressions / sizeof compressions[0]; i++) {
        if (strcmp(ext, compressions[i]) == 0) {
            /* Text formats put the compression last: take the extension before it. */
            const char *prev = dot;
            while (prev > file_name && prev[-1] != '.')
                prev--;
            if (prev == file_name)
                return NULL;
            for (size_t k = 0; k < sizeof formats / sizeof formats[0]; k++) {
                if ((size_t)(dot - prev) == strlen(formats[k]) &&
                    memcmp(prev, formats[k], (size_t)(dot - prev)) == 0)
                    return formats[k];
            }
            return NULL;
        }
    }
    for (size_t k = 0; k < sizeof formats / sizeof formats[0]; k++) {
        if (strcmp(ext, formats[k]) == 0)
            return formats[k];
    }
    return NULL;
}
