/*
 * fallback_read.c - batch scans of two branches (scan.fallback-branch, scan.primary-branch), as
 * Java's FallbackReadFileStoreTable plans them.
 *
 * The first branch (the branch read for a fallback branch, the primary branch otherwise) is
 * planned whole; the partitions in which it has files that a batch read takes are complete. The
 * second branch contributes only the other partitions. Both plans apply the same filter,
 * projection and limit; each branch is read with its own latest schema and options (bucket
 * count, merge engine, its own scan options), and per-query time travel is carried over as
 * FallbackReadFileStoreTable.rewriteOtherOptions does. Filtering by the partition predicate
 * before listing, as Java does, would give the same rows: a partition the filter rejects yields
 * nothing from either branch.
 */
#include "table/plan.h"

#include "util/strutil.h"

#include <string.h>

static bool blank(const char *s) {
    if (s == NULL)
        return true;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    return *s == '\0';
}

/* A snapshot id of the branch read becomes the other branch's latest snapshot committed at or
 * before that snapshot's time, or snapshot 1 when there is none. */
static int convert_snapshot_id(paimon_table *t, paimon_table *other, int64_t id, int64_t *out,
                               paimon_error *err) {
    pm_snapshot *s;
    PM_TRY(pm_snapshot_load(t->fs, t->meta_path, id, &s, err));
    int64_t millis = s->time_millis;
    pm_snapshot_free(s);
    bool found;
    PM_TRY(pm_snapshot_at_or_before(other->fs, other->meta_path, millis, out, &found, err));
    if (!found)
        *out = 1;
    return PAIMON_OK;
}

static int row_type_text(const pm_schema *s, pm_buf *out) {
    pm_type row = *s->row_type;
    row.nullable = true;
    return pm_type_format(&row, out);
}

/* FallbackReadFileStoreTable.validateSchema: the same column types in the same order, nullability
 * aside. Columns are also matched by name and field id here, which Java leaves to the readers. */
static int check_same_columns(const paimon_plan *p, const paimon_plan *o, const char *key,
                              paimon_error *err) {
    size_t n = pm_schema_field_count(p->schema);
    bool same = n == pm_schema_field_count(o->schema);
    for (size_t i = 0; same && i < n; i++)
        same = pm_type_equals(pm_schema_fields(p->schema)[i].type,
                              pm_schema_fields(o->schema)[i].type, true);
    const char *b = p->table->branch, *ob = o->table->branch;
    if (!same) {
        pm_buf a = PM_BUF_INIT, c = PM_BUF_INIT;
        int rc = row_type_text(p->schema, &a) || row_type_text(o->schema, &c) ||
                         pm_buf_cstr(&a) == NULL || pm_buf_cstr(&c) == NULL
                     ? pm_err_nomem(err)
                     : pm_err(err, PAIMON_EINVAL,
                              "%s: branches %s and %s do not have the same row type, which the "
                              "option '%s' = '%s' requires: %s is %s, %s is %s",
                              p->table->path, b, ob, key, ob, b, (const char *)a.data, ob,
                              (const char *)c.data);
        pm_buf_dispose(&a);
        pm_buf_dispose(&c);
        return rc;
    }
    for (size_t i = 0; i < n; i++) {
        const pm_field *f = &pm_schema_fields(p->schema)[i], *g = &pm_schema_fields(o->schema)[i];
        if (f->id != g->id || strcmp(f->name, g->name) != 0)
            return pm_err(err, PAIMON_EUNSUPPORTED,
                          "%s: column %zu is %s (field id %d) in branch %s but %s (field id %d) in "
                          "branch %s (option '%s'): reading branches whose columns differ in "
                          "names or field ids is not supported",
                          p->table->path, i + 1, f->name, f->id, b, g->name, g->id, ob, key);
    }
    return PAIMON_OK;
}

static int plan_two(paimon_table *t, paimon_table *other, bool fallback,
                    const paimon_scan_options *o, const char *key, paimon_plan **out,
                    paimon_error *err) {
    paimon_scan_options oo = *o;
    if (o->snapshot_id > 0)
        PM_TRY(convert_snapshot_id(t, other, o->snapshot_id, &oo.snapshot_id, err));
    pm_hashmap listed;
    pm_hashmap_init(&listed);
    pm_plan_scope first_scope = {&listed, NULL}, second_scope = {NULL, &listed};
    paimon_plan *first = NULL, *second = NULL;
    int rc = fallback ? pm_plan_create(t, o, &first_scope, &first, err)
                      : pm_plan_create(other, &oo, &first_scope, &first, err);
    if (rc == PAIMON_OK)
        rc = fallback ? pm_plan_create(other, &oo, &second_scope, &second, err)
                      : pm_plan_create(t, o, &second_scope, &second, err);
    pm_hashmap_dispose(&listed);
    paimon_plan *current = fallback ? first : second;
    if (rc == PAIMON_OK) {
        current->other = fallback ? second : first;
        current->other_first = !fallback;
        rc = check_same_columns(current, current->other, key, err);
        if (rc != PAIMON_OK)
            current->other = NULL;
    }
    if (rc != PAIMON_OK) {
        pm_plan_release(first);
        pm_plan_release(second);
        return rc;
    }
    *out = current;
    return PAIMON_OK;
}

int pm_plan_build(paimon_table *t, const paimon_scan_options *o, paimon_plan **out,
                  paimon_error *err) {
    const pm_schema *latest;
    PM_TRY(pm_table_latest_schema(t, &latest, err));
    /* Chain tables read from another branch are refused by pm_scan_start. */
    bool chain;
    PM_TRY(pm_options_get_bool(&latest->options, "chain-table.enabled", false, &chain, err));
    const char *fallback = pm_options_get(&latest->options, "scan.fallback-branch");
    const char *primary = pm_options_get(&latest->options, "scan.primary-branch");
    if (chain || (blank(fallback) && blank(primary)))
        return pm_plan_create(t, o, NULL, out, err);
    if (!blank(fallback) && !blank(primary))
        return pm_err(err, PAIMON_EINVAL,
                      "%s: the options 'scan.fallback-branch' and 'scan.primary-branch' cannot "
                      "both be set",
                      t->name);
    bool is_fallback = !blank(fallback);
    const char *name = is_fallback ? fallback : primary;
    const char *key = is_fallback ? "scan.fallback-branch" : "scan.primary-branch";
    /* The branch itself: reading it twice changes nothing. */
    if (strcmp(pm_branch_is_main(name) ? "main" : name, t->branch) == 0)
        return pm_plan_create(t, o, NULL, out, err);
    paimon_table *other;
    paimon_error ignored;
    int rc = pm_table_open_branch(t, name, &other, &ignored);
    /* Java reads the branch alone (and logs an error) when the other branch does not exist. */
    if (rc == PAIMON_ENOTFOUND)
        return pm_plan_create(t, o, NULL, out, err);
    if (rc != PAIMON_OK)
        return pm_err(err, rc, "%s: option '%s': %s", t->name, key, ignored.message);
    rc = plan_two(t, other, is_fallback, o, key, out, err);
    pm_table_release(other);
    return rc;
}
