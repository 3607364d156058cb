/* bucket.c - bucket-key resolution and the fixed-bucket function of Java's default bucket
 * function (FixedBucketRowKeyExtractor + DefaultBucketFunction). */
#include "core/bucket.h"

#include "util/mem.h"
#include "util/murmur.h"

#include <string.h>

int32_t pm_bucket_of_row(const uint8_t *row, size_t size, int32_t num_buckets) {
    PM_ASSERT(num_buckets > 0);
    return pm_bucket_of_hash(pm_binrow_hash(row, size), num_buckets);
}

int pm_bucket_of_values(const pm_type *const *types, const pm_datum *values, int32_t n,
                        int32_t num_buckets, int32_t *bucket_out, paimon_error *err) {
    if (num_buckets <= 0)
        return pm_err(err, PAIMON_EINVAL, "bucket count must be positive, got %d", num_buckets);
    pm_buf row = PM_BUF_INIT;
    PM_TRY(pm_binrow_encode(types, values, n, false, &row, err));
    *bucket_out = pm_bucket_of_row(row.data, row.len, num_buckets);
    pm_buf_dispose(&row);
    return PAIMON_OK;
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Appends the index of column `name` (n bytes) to the key, checking it can be hashed. */
static int add_key_column(const pm_schema *s, const char *name, size_t n, size_t *key,
                          size_t *count, paimon_error *err) {
    for (size_t i = 0; i < pm_schema_field_count(s); i++) {
        const pm_field *f = &pm_schema_fields(s)[i];
        if (strlen(f->name) != n || memcmp(f->name, name, n) != 0)
            continue;
        if (pm_type_is_nested(f->type))
            return pm_err(err, PAIMON_EINVAL, "bucket key column '%s' has type %s, which cannot "
                                              "be hashed into a bucket",
                          f->name, pm_type_id_name(f->type->id));
        key[(*count)++] = i;
        return PAIMON_OK;
    }
    return pm_err(err, PAIMON_EINVAL, "bucket key column '%.*s' is not a column of the table",
                  (int)n, name);
}

int pm_bucket_key_indexes(const pm_schema *s, size_t **indexes_out, size_t *count_out,
                          paimon_error *err) {
    const char *option = pm_options_get(&s->options, "bucket-key");
    size_t cap = pm_schema_field_count(s) + s->primary_key_count + 1;
    if (option != NULL) {
        for (const char *p = option; *p; p++)
            cap += *p == ',';
    }
    size_t *key = pm_calloc(cap, sizeof *key);
    if (key == NULL)
        return pm_err_nomem(err);
    size_t count = 0;
    int rc = PAIMON_OK;
    bool blank = true;
    for (const char *p = option ? option : ""; *p; p++)
        blank = blank && is_space(*p);
    if (!blank) {
        /* Split on ',' and trim each name. */
        const char *p = option;
        while (rc == PAIMON_OK) {
            const char *end = strchr(p, ',');
            size_t n = end ? (size_t)(end - p) : strlen(p);
            const char *b = p, *e = p + n;
            while (b < e && is_space(*b))
                b++;
            while (e > b && is_space(e[-1]))
                e--;
            rc = add_key_column(s, b, (size_t)(e - b), key, &count, err);
            if (end == NULL)
                break;
            p = end + 1;
        }
    } else {
        const char **names = pm_calloc(s->primary_key_count + 1, sizeof *names);
        if (names == NULL) {
            pm_free(key);
            return pm_err_nomem(err);
        }
        size_t n = pm_schema_trimmed_pk(s, names, s->primary_key_count);
        for (size_t i = 0; rc == PAIMON_OK && i < n; i++)
            rc = add_key_column(s, names[i], strlen(names[i]), key, &count, err);
        pm_free(names);
        if (rc == PAIMON_OK && count == 0)
            rc = pm_err(err, PAIMON_EINVAL, "fixed-bucket table needs a bucket key: set "
                                            "'bucket-key' or a primary key");
    }
    if (rc != PAIMON_OK) {
        pm_free(key);
        return rc;
    }
    *indexes_out = key;
    *count_out = count;
    return PAIMON_OK;
}

int pm_bucket_of_batch_row(const pm_schema *s, const size_t *key, size_t key_count,
                           const struct ArrowArray *batch, int64_t index, int32_t num_buckets,
                           pm_binrow_writer *scratch, int32_t *bucket_out, paimon_error *err) {
    if (num_buckets <= 0)
        return pm_err(err, PAIMON_EINVAL, "bucket count must be positive, got %d", num_buckets);
    if (key_count > (size_t)INT32_MAX)
        return pm_err(err, PAIMON_EINVAL, "bucket key of %zu columns", key_count);
    pm_binrow_writer_reset(scratch, (int32_t)key_count);
    for (size_t i = 0; i < key_count; i++) {
        if ((int64_t)key[i] >= batch->n_children)
            return pm_err(err, PAIMON_EINVAL, "bucket key column %zu is not in the batch", key[i]);
        const pm_field *f = &pm_schema_fields(s)[key[i]];
        int rc = pm_binrow_write_from_arrow(scratch, (int32_t)i, f->type,
                                            batch->children[key[i]], batch->offset + index);
        if (rc == PAIMON_ENOMEM)
            return pm_err_nomem(err);
        if (rc != PAIMON_OK)
            return pm_err(err, rc, "bucket key column '%s': value cannot be encoded", f->name);
    }
    if (scratch->status != PAIMON_OK)
        return pm_err_nomem(err);
    *bucket_out = pm_bucket_of_row(scratch->row.data, scratch->row.len, num_buckets);
    return PAIMON_OK;
}
