/* table.c - opening tables, the schema cache, and facts derived from a table's options. */
#include "table/table_internal.h"

#include "util/mem.h"
#include "util/strutil.h"
#include "util/vec.h"

#include <stdlib.h>
#include <string.h>

void paimon_free(void *ptr) {
    pm_free(ptr);
}

bool pm_branch_is_main(const char *branch) {
    if (branch == NULL)
        return true;
    const char *p = branch;
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    return *p == '\0' || strcmp(branch, "main") == 0;
}

static bool valid_branch_name(const char *b) {
    return strchr(b, '/') == NULL && strchr(b, '\\') == NULL && strcmp(b, ".") != 0 &&
           strcmp(b, "..") != 0;
}

static int cmp_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ", "-separated names of the table's branches (besides main), or "none". */
static void append_branch_names(pm_fs *fs, const char *root, pm_buf *out) {
    pm_buf dir = PM_BUF_INIT;
    pm_dir_list list = {NULL, 0, 0};
    paimon_error ignored;
    size_t found = 0;
    if (pm_buf_append_fmt(&dir, "%s/branch", root) == PAIMON_OK && pm_buf_cstr(&dir) != NULL &&
        pm_fs_list(fs, (const char *)dir.data, &list, &ignored) == PAIMON_OK && list.count > 0) {
        char **names = pm_calloc(list.count, sizeof *names);
        for (size_t i = 0; names != NULL && i < list.count; i++) {
            const char *n = list.entries[i].name;
            if (list.entries[i].is_dir && strncmp(n, "branch-", 7) == 0 && n[7] != '\0')
                names[found++] = (char *)n + 7;
        }
        if (names != NULL && found > 1)
            qsort(names, found, sizeof *names, cmp_names);
        for (size_t i = 0; names != NULL && i < found; i++)
            pm_buf_append_fmt(out, "%s%s", i ? ", " : "", names[i]);
        pm_free(names);
    }
    if (found == 0)
        pm_buf_append_str(out, "none");
    pm_dir_list_dispose(&list);
    pm_buf_dispose(&dir);
}

/* Creates the table object for `branch` of the table at root[0..root_len) and checks that the
 * branch has a schema. */
static int table_new(pm_fs *fs, const char *root, size_t root_len, const char *branch,
                     paimon_table **out, paimon_error *err) {
    bool main = pm_branch_is_main(branch);
    if (!main && !valid_branch_name(branch))
        return pm_err(err, PAIMON_EINVAL, "invalid branch name '%s'", branch);
    paimon_table *t = pm_calloc(1, sizeof *t);
    if (t == NULL)
        return pm_err_nomem(err);
    atomic_init(&t->refcount, 1);
    if (pthread_mutex_init(&t->schema_lock, NULL) != 0) {
        pm_free(t);
        return pm_err(err, PAIMON_ENOMEM, "%.*s: cannot create a lock", (int)root_len, root);
    }
    t->lock_ready = true;
    t->fs = pm_fs_retain(fs);
    t->path = pm_strndup(root, root_len);
    t->branch = pm_strdup(main ? "main" : branch);
    pm_buf meta = PM_BUF_INIT, name = PM_BUF_INIT;
    int rc = t->path && t->branch ? PAIMON_OK : pm_err_nomem(err);
    if (rc == PAIMON_OK && main)
        rc = pm_buf_append_str(&meta, t->path) || pm_buf_append_str(&name, t->path);
    else if (rc == PAIMON_OK)
        rc = pm_buf_append_fmt(&meta, "%s/branch/branch-%s", t->path, branch) ||
             pm_buf_append_fmt(&name, "%s (branch %s)", t->path, branch);
    if (rc == PAIMON_OK && ((t->meta_path = pm_buf_detach(&meta)) == NULL ||
                            (t->name = pm_buf_detach(&name)) == NULL))
        rc = PAIMON_ENOMEM;
    if (rc == PAIMON_ENOMEM)
        rc = pm_err_nomem(err);
    pm_buf_dispose(&meta);
    pm_buf_dispose(&name);
    if (rc == PAIMON_OK) {
        int64_t latest;
        rc = pm_schema_latest_id(t->fs, t->meta_path, &latest, err);
        if (rc == PAIMON_ENOTFOUND && main) {
            rc = pm_err(err, PAIMON_ENOTFOUND, "%s: not a Paimon table (no schema/schema-N file)",
                        t->path);
        } else if (rc == PAIMON_ENOTFOUND) {
            pm_buf names = PM_BUF_INIT;
            append_branch_names(t->fs, t->path, &names);
            rc = pm_err(err, PAIMON_ENOTFOUND,
                        "%s: the table has no branch '%s' (branch/branch-%s/schema has no "
                        "schema file; branches: %s)",
                        t->path, branch, branch,
                        pm_buf_cstr(&names) ? (const char *)names.data : "none");
            pm_buf_dispose(&names);
        }
    }
    if (rc != PAIMON_OK) {
        pm_table_release(t);
        return rc;
    }
    *out = t;
    return PAIMON_OK;
}

/* A path <table>/branch/branch-<name> whose <table> is a Paimon table is a branch's folder, not
 * a table: say which table and branch it is and how to read it. */
static int refuse_branch_folder(pm_fs *fs, const char *path, size_t len, paimon_error *err) {
    size_t base = len;
    while (base > 0 && path[base - 1] != '/')
        base--;
    if (len - base <= 7 || strncmp(path + base, "branch-", 7) != 0 || base < 7 ||
        strncmp(path + base - 7, "branch/", 7) != 0 || (base > 7 && path[base - 8] != '/'))
        return PAIMON_OK;
    size_t root_len = base >= 8 ? base - 8 : 0;
    while (root_len > 1 && path[root_len - 1] == '/')
        root_len--;
    pm_buf root = PM_BUF_INIT;
    int rc = root_len == 0 ? pm_buf_append_str(&root, base == 7 ? "." : "/")
                           : pm_buf_append(&root, path, root_len);
    if (rc != PAIMON_OK || pm_buf_cstr(&root) == NULL) {
        pm_buf_dispose(&root);
        return pm_err_nomem(err);
    }
    int64_t latest;
    paimon_error ignored;
    const char *r = (const char *)root.data;
    const char *branch = path + base + 7;
    if (pm_schema_latest_id(fs, r, &latest, &ignored) == PAIMON_OK)
        rc = pm_err(err, PAIMON_EINVAL,
                    "%.*s is the folder of branch '%.*s' of the table %s, not a table: open %s "
                    "with the branch '%.*s' (paimon_open_options.branch; CLI: --branch %.*s %s)",
                    (int)len, path, (int)(len - base - 7), branch, r, r, (int)(len - base - 7),
                    branch, (int)(len - base - 7), branch, r);
    pm_buf_dispose(&root);
    return rc;
}

int paimon_table_open_with(paimon_table **out, const char *path,
                           const paimon_open_options *options, paimon_error *err) {
    if (out == NULL || path == NULL || path[0] == '\0')
        return pm_err(err, PAIMON_EINVAL, "paimon_table_open: a table path is required");
    *out = NULL;
    paimon_open_options defaults = PAIMON_OPEN_OPTIONS_INIT;
    if (options == NULL)
        options = &defaults;
    if (options->version != PAIMON_OPEN_OPTIONS_VERSION)
        return pm_err(err, PAIMON_EINVAL, "paimon_open_options: unsupported version %u",
                      options->version);
    size_t len = strlen(path);
    while (len > 1 && path[len - 1] == '/')
        len--;
    pm_fs *fs;
    PM_TRY(pm_fs_local_new(&fs, err));
    pm_file_info info;
    char *dir = pm_strndup(path, len);
    int rc = dir != NULL ? pm_fs_stat(fs, dir, &info, err) : pm_err_nomem(err);
    if (rc == PAIMON_OK && !info.exists)
        rc = pm_err(err, PAIMON_ENOTFOUND, "%s: no such directory", dir);
    else if (rc == PAIMON_OK && !info.is_dir)
        rc = pm_err(err, PAIMON_EINVAL, "%s: not a directory", dir);
    if (rc == PAIMON_OK)
        rc = refuse_branch_folder(fs, path, len, err);
    if (rc == PAIMON_OK)
        rc = table_new(fs, path, len, options->branch, out, err);
    pm_free(dir);
    pm_fs_release(fs);
    return rc;
}

int paimon_table_open(paimon_table **out, const char *path, paimon_error *err) {
    return paimon_table_open_with(out, path, NULL, err);
}

int pm_table_open_branch(const paimon_table *t, const char *branch, paimon_table **out,
                         paimon_error *err) {
    return table_new(t->fs, t->path, strlen(t->path), branch, out, err);
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
    for (size_t i = 0; i < t->travel_count; i++)
        pm_free(t->travel[i]); /* shallow: the parts belong to cached schemas */
    pm_free(t->travel);
    for (size_t i = 0; i < t->schema_cap; i++)
        pm_schema_free(t->schemas[i]);
    pm_free(t->schemas);
    pm_fs_release(t->fs);
    pm_free(t->path);
    pm_free(t->branch);
    pm_free(t->meta_path);
    pm_free(t->name);
    pm_free(t);
}

void paimon_table_free(paimon_table *table) {
    pm_table_release(table);
}

const char *paimon_table_path(const paimon_table *table) {
    return table ? table->path : NULL;
}

const char *paimon_table_branch(const paimon_table *table) {
    return table ? table->branch : NULL;
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
        PM_TRY(pm_schema_load(t->fs, t->meta_path, id, &t->schemas[index], err));
    *out = t->schemas[index];
    return PAIMON_OK;
}

int pm_table_schema(paimon_table *t, int64_t id, const pm_schema **out, paimon_error *err) {
    if (id < 0 || id > 1000000)
        return pm_err(err, PAIMON_ENOTFOUND, "%s: schema id %lld out of range", t->name,
                      (long long)id);
    /* Loaded schemas never move or change, so *out stays valid after the lock is released. */
    pthread_mutex_lock(&t->schema_lock);
    int rc = cached_schema(t, (size_t)id, id, out, err);
    pthread_mutex_unlock(&t->schema_lock);
    return rc;
}

static int travel_schema_locked(paimon_table *t, int64_t fields_id, int64_t options_id,
                                const pm_schema **out, paimon_error *err) {
    for (size_t i = 0; i < t->travel_count; i++) {
        if (t->travel[i]->id == fields_id && t->travel[i]->options_id == options_id) {
            *out = t->travel[i];
            return PAIMON_OK;
        }
    }
    const pm_schema *fields, *options;
    PM_TRY(cached_schema(t, (size_t)fields_id, fields_id, &fields, err));
    PM_TRY(cached_schema(t, (size_t)options_id, options_id, &options, err));
    if (t->travel_count == t->travel_cap &&
        pm_grow((void **)&t->travel, &t->travel_cap, t->travel_count + 1, sizeof *t->travel) !=
            PAIMON_OK)
        return pm_err_nomem(err);
    pm_schema *c = pm_malloc(sizeof *c);
    if (c == NULL)
        return pm_err_nomem(err);
    *c = *fields;
    /* The options map is Java's after deserialization, legacy defaults included, which
     * pm_schema_option derives from the version: both come from the options schema. */
    c->options = options->options;
    c->version = options->version;
    c->options_id = options_id;
    t->travel[t->travel_count++] = c;
    *out = c;
    return PAIMON_OK;
}

int pm_table_travel_schema(paimon_table *t, int64_t fields_id, int64_t options_id,
                           const pm_schema **out, paimon_error *err) {
    if (fields_id == options_id)
        return pm_table_schema(t, fields_id, out, err);
    if (fields_id < 0 || fields_id > 1000000 || options_id < 0 || options_id > 1000000)
        return pm_err(err, PAIMON_ENOTFOUND, "%s: schema id %lld or %lld out of range", t->name,
                      (long long)fields_id, (long long)options_id);
    pthread_mutex_lock(&t->schema_lock);
    int rc = travel_schema_locked(t, fields_id, options_id, out, err);
    pthread_mutex_unlock(&t->schema_lock);
    return rc;
}

int pm_table_latest_schema(paimon_table *t, const pm_schema **out, paimon_error *err) {
    int64_t latest;
    PM_TRY(pm_schema_latest_id(t->fs, t->meta_path, &latest, err));
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
    PM_TRY(pm_options_get_bool(&s->options, "sequence.snapshot-ordering", false,
                               &out->snapshot_sequence, err));
    out->skip_level0 = out->primary_key && ((out->deletion_vectors && !out->dv_merge_on_read) ||
                                            out->merge_engine == PM_MERGE_FIRST_ROW);
    return PAIMON_OK;
}

static int check_internal_mode(const paimon_table *t, const pm_schema *s, const char *key,
                               paimon_error *err) {
    const char *v = pm_schema_option(s, key);
    if (v != NULL && !pm_str_ieq(v, "none"))
        return pm_err(err, PAIMON_EUNSUPPORTED,
                      "%s: the internal option '%s' = '%s' (set by Java's dedicated compaction "
                      "and monitoring jobs) changes what a read returns and is not supported",
                      t->name, key, v);
    return PAIMON_OK;
}

/* FileStoreTableFactory.createChainTable: a chain table read from another branch than its
 * snapshot and delta branches merges them by partition. */
static int check_chain_table(const paimon_table *t, const pm_schema *s, paimon_error *err) {
    bool chain;
    PM_TRY(pm_options_get_bool(&s->options, "chain-table.enabled", false, &chain, err));
    const char *snapshot = pm_schema_option(s, "scan.fallback-snapshot-branch");
    const char *delta = pm_schema_option(s, "scan.fallback-delta-branch");
    if (!chain || snapshot == NULL || delta == NULL || pm_str_ieq(snapshot, t->branch) ||
        pm_str_ieq(delta, t->branch))
        return PAIMON_OK;
    return pm_err(err, PAIMON_EUNSUPPORTED,
                  "%s: chain tables ('chain-table.enabled' = 'true' with "
                  "'scan.fallback-snapshot-branch' = '%s' and 'scan.fallback-delta-branch' = "
                  "'%s') are not supported; the branches '%s' and '%s' can be read on their own",
                  t->name, snapshot, delta, snapshot, delta);
}

int pm_table_check_options(const paimon_table *t, const pm_schema *latest, paimon_error *err) {
    const char *type = pm_schema_option(latest, "type");
    if (type != NULL && !pm_str_ieq(type, "table") && !pm_str_ieq(type, "materialized-table")) {
        static const char *const others[] = {"format-table", "object-table", "lance-table",
                                             "iceberg-table"};
        bool known = false;
        for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
            known = known || pm_str_ieq(type, others[i]);
        if (!known)
            return pm_err(err, PAIMON_EINVAL, "%s: option 'type': unknown table type '%s'",
                          t->name, type);
        return pm_err(err, PAIMON_EUNSUPPORTED,
                      "%s: option 'type' = '%s': only Paimon tables ('table', "
                      "'materialized-table') can be read, a %s is not",
                      t->name, type, type);
    }
    bool auth;
    PM_TRY(pm_options_get_bool(&latest->options, "query-auth.enabled", false, &auth, err));
    if (auth)
        return pm_err(err, PAIMON_EUNSUPPORTED,
                      "%s: option 'query-auth.enabled' = 'true': the catalog decides which rows "
                      "and columns a query may read, which reading the files directly cannot "
                      "apply",
                      t->name);
    static const char *const blob_keys[] = {"blob-descriptor-field",
                                            "blob.stored-descriptor-fields", "blob-view-field"};
    for (size_t i = 0; i < sizeof blob_keys / sizeof blob_keys[0]; i++) {
        const char *v = pm_options_get(&latest->options, blob_keys[i]);
        if (v != NULL && v[0] != '\0')
            return pm_err(err, PAIMON_EUNSUPPORTED,
                          "%s: option '%s' = '%s': BLOB columns stored as descriptors or views "
                          "are resolved to their content by Java readers, which is not supported",
                          t->name, blob_keys[i], v);
    }
    PM_TRY(check_internal_mode(t, latest, "stream-scan-mode", err));
    PM_TRY(check_internal_mode(t, latest, "batch-scan-mode", err));
    const char *branch = pm_options_get(&latest->options, "branch");
    if (branch != NULL && strcmp(pm_branch_is_main(branch) ? "main" : branch, t->branch) != 0)
        return pm_err(err, PAIMON_EUNSUPPORTED,
                      "%s: the schema sets the option 'branch' = '%s', another branch than the "
                      "one read ('%s')",
                      t->name, branch, t->branch);
    return check_chain_table(t, latest, err);
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
