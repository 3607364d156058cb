/* ORC manifests (manifest.format = orc): every ORC manifest list and manifest of the compat
 * corpus decodes, and the lists agree with the manifests they name. */
#include "test.h"
#include "core/manifest_orc.h"
#include "util/mem.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const orc_tables[] = {
    "append_09",
    "append_10",
    "append_with_empty_partition",
    "append_with_empty_partition_with_empty_value",
    "append_with_empty_partition_with_specific_name",
    "parquet_append_table",
    "pk_table_nested_type",
};

static const uint8_t empty_row[12] = {0};

/* snprintf whose result is checked (and so not flagged as possibly truncated). */
#define JOIN(buf, ...) CHECK(snprintf((buf), sizeof(buf), __VA_ARGS__) < (int)sizeof(buf))

static long file_size(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

typedef struct counts {
    int lists, manifests, records, entries;
} counts;

/* Decodes manifest `name` and counts its ADD and DELETE entries. */
static bool count_kinds(const char *dir, const char *name, int64_t *adds, int64_t *deletes) {
    char path[4096];
    if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path)
        return false;
    size_t len;
    uint8_t *data = pm_test_read_file(path, &len);
    if (data == NULL)
        return false;
    paimon_error err = {0};
    pm_manifest m;
    int rc = pm_manifest_decode_orc(data, len, path, &m, &err);
    free(data);
    if (rc != PAIMON_OK)
        return false;
    *adds = *deletes = 0;
    for (size_t i = 0; i < m.count; i++) {
        if (m.items[i].kind == PM_FILE_KIND_ADD)
            (*adds)++;
        else
            (*deletes)++;
    }
    pm_arena_dispose(&m.arena);
    return true;
}

static void check_table(const char *table, bool unpartitioned, counts *c) {
    char rel[512], dir[4096];
    JOIN(rel, "parquet/%s.db/%s", table, table);
    const char *root = pm_test_table_path(rel);
    if (root == NULL)
        SKIP("compat corpus not available");
    JOIN(dir, "%s/manifest", root);
    DIR *d = opendir(dir);
    CHECK(d != NULL);
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        char path[4096];
        JOIN(path, "%s/%s", dir, de->d_name);
        size_t len;
        uint8_t *data = pm_test_read_file(path, &len);
        CHECK(data != NULL);
        CHECK(len > 3 && memcmp(data, "ORC", 3) == 0);
        paimon_error err = {0};
        if (strncmp(de->d_name, "manifest-list-", 14) == 0) {
            pm_manifest_list l;
            int rc = pm_manifest_list_decode_orc(data, len, path, &l, &err);
            free(data);
            CHECK_OK(rc, &err);
            c->lists++;
            for (size_t i = 0; i < l.count; i++) {
                const pm_manifest_file_meta *m = &l.items[i];
                char mpath[4096];
                JOIN(mpath, "%s/%s", dir, m->file_name);
                CHECK_EQ_INT(m->file_size, file_size(mpath));
                int64_t adds, deletes;
                CHECK(count_kinds(dir, m->file_name, &adds, &deletes));
                CHECK_EQ_INT(m->num_added_files, adds);
                CHECK_EQ_INT(m->num_deleted_files, deletes);
                CHECK(m->partition_stats.min_values.data != NULL);
                CHECK(m->partition_stats.has_null_counts);
                if (unpartitioned)
                    CHECK_EQ_INT(m->partition_stats.null_count_len, 0);
                c->records++;
            }
            pm_arena_dispose(&l.arena);
        } else if (strncmp(de->d_name, "manifest-", 9) == 0) {
            pm_manifest m;
            int rc = pm_manifest_decode_orc(data, len, path, &m, &err);
            free(data);
            CHECK_OK(rc, &err);
            c->manifests++;
            CHECK(m.count > 0);
            for (size_t i = 0; i < m.count; i++) {
                const pm_manifest_entry *e = &m.items[i];
                CHECK(e->kind == PM_FILE_KIND_ADD || e->kind == PM_FILE_KIND_DELETE);
                CHECK(e->file.file_name != NULL && strlen(e->file.file_name) > 10);
                CHECK(e->file.row_count > 0);
                CHECK(e->file.file_size > 0);
                CHECK(e->file.min_sequence_number <= e->file.max_sequence_number);
                CHECK(e->file.has_creation_time);
                CHECK(e->partition.data != NULL);
                if (unpartitioned) {
                    CHECK_EQ_INT(e->partition.len, 12);
                    CHECK_EQ_MEM(e->partition.data, empty_row, 12);
                    char fpath[4096];
                    JOIN(fpath, "%s/bucket-%d/%s", root, e->bucket,
                             e->file.file_name);
                    if (e->kind == PM_FILE_KIND_ADD)
                        CHECK_EQ_INT(e->file.file_size, file_size(fpath));
                } else {
                    CHECK(e->partition.len > 12);
                }
                c->entries++;
            }
            pm_arena_dispose(&m.arena);
        } else {
            free(data);
        }
    }
    closedir(d);
}

TEST(corpus_orc_manifests_decode_consistently) {
    counts c = {0, 0, 0, 0};
    for (size_t t = 0; t < sizeof orc_tables / sizeof orc_tables[0]; t++) {
        bool unpartitioned = strcmp(orc_tables[t], "parquet_append_table") == 0;
        check_table(orc_tables[t], unpartitioned, &c);
        if (pm_test_failed())
            return;
    }
    /* 39 ORC files in the corpus: 24 manifest lists and 15 manifests. */
    CHECK_EQ_INT(c.lists + c.manifests, 39);
    CHECK(c.records > 0);
    CHECK(c.entries > 0);
}

TEST(append_09_manifest_values) {
    const char *root = pm_test_table_path("parquet/append_09.db/append_09");
    if (root == NULL)
        SKIP("compat corpus not available");
    char path[4096];
    JOIN(path, "%s/manifest/manifest-7008d4c0-b1b0-4237-ac6d-845b887efc92-0",
             root);
    size_t len;
    uint8_t *data = pm_test_read_file(path, &len);
    CHECK(data != NULL);
    paimon_error err = {0};
    pm_manifest m;
    int rc = pm_manifest_decode_orc(data, len, path, &m, &err);
    free(data);
    CHECK_OK(rc, &err);
    CHECK(m.count >= 1);
    const pm_manifest_entry *e = &m.items[0];
    /* Paimon 0.9: _FILE_SOURCE exists, 1.0+ fields do not. */
    CHECK(e->file.has_file_source);
    CHECK(!e->file.value_stats_cols.present);
    CHECK(e->file.external_path == NULL);
    CHECK(!e->file.has_first_row_id);
    CHECK_EQ_INT(e->total_buckets, 2);
    CHECK_EQ_INT(e->file.level, 0);
    CHECK_EQ_INT(e->file.min_key.len, 12);
    pm_arena_dispose(&m.arena);
}

TEST(corrupt_manifest_is_an_error_naming_the_file) {
    const char *root = pm_test_table_path("parquet/append_10.db/append_10");
    if (root == NULL)
        SKIP("compat corpus not available");
    char dir[4096];
    JOIN(dir, "%s/manifest", root);
    DIR *d = opendir(dir);
    CHECK(d != NULL);
    struct dirent *de;
    char name[512] = "";
    while ((de = readdir(d)) != NULL) {
        if (strncmp(de->d_name, "manifest-list-", 14) != 0 &&
            strncmp(de->d_name, "manifest-", 9) == 0)
            JOIN(name, "%s", de->d_name);
    }
    closedir(d);
    CHECK(name[0] != '\0');
    char path[4096];
    JOIN(path, "%s/%s", dir, name);
    size_t len;
    uint8_t *data = pm_test_read_file(path, &len);
    CHECK(data != NULL);
    /* Every truncation and every single-byte flip fails cleanly or decodes; none crashes. */
    for (size_t cut = 0; cut < len; cut += 7) {
        paimon_error err = {0};
        pm_manifest m;
        int rc = pm_manifest_decode_orc(data, cut, "m-trunc", &m, &err);
        CHECK(rc != PAIMON_OK);
        CHECK(strncmp(err.message, "m-trunc: ", 9) == 0);
    }
    for (size_t i = 0; i < len; i++) {
        uint8_t saved = data[i];
        data[i] ^= 0x5a;
        paimon_error err = {0};
        pm_manifest m;
        if (pm_manifest_decode_orc(data, len, "m-flip", &m, &err) == PAIMON_OK)
            pm_arena_dispose(&m.arena);
        else
            CHECK(strncmp(err.message, "m-flip: ", 8) == 0);
        data[i] = saved;
    }
    free(data);
}

TEST(java_index_manifest_with_deletion_vectors) {
    const char *src = getenv("PAIMON_SOURCE_DIR");
    char path[4096];
    if (src == NULL)
        SKIP("PAIMON_SOURCE_DIR not set");
    JOIN(path, "%s/tests/resources/orc/index_manifest_dv.orc", src);
    size_t len;
    uint8_t *data = pm_test_read_file(path, &len);
    CHECK(data != NULL);
    paimon_error err = {0};
    pm_index_manifest m;
    int rc = pm_index_manifest_decode_orc(data, len, path, &m, &err);
    free(data);
    CHECK_OK(rc, &err);
    CHECK_EQ_INT(m.count, 1);
    const pm_index_manifest_entry *e = &m.items[0];
    CHECK_EQ_INT(e->kind, 0);
    CHECK_EQ_INT(e->bucket, 0);
    CHECK_EQ_STR(e->index_type, "DELETION_VECTORS");
    CHECK_EQ_STR(e->file_name, "index-e1bac517-5e97-41ed-a719-e7ee11594946-0");
    CHECK_EQ_INT(e->file_size, 33);
    CHECK_EQ_INT(e->row_count, 1);
    CHECK_EQ_INT(e->partition.len, 20);
    CHECK(e->has_dv_ranges);
    CHECK_EQ_INT(e->dv_range_count, 1);
    CHECK_EQ_STR(e->dv_ranges[0].data_file, "data-a7615d0f-aa7f-4523-a3a0-4d9000ceec8c-0.orc");
    CHECK_EQ_INT(e->dv_ranges[0].offset, 1);
    CHECK_EQ_INT(e->dv_ranges[0].length, 24);
    CHECK(!e->dv_ranges[0].has_cardinality); /* written by Paimon 0.9 */
    CHECK(e->external_path == NULL);
    pm_arena_dispose(&m.arena);
}

TEST(manifest_allocation_failures_neither_crash_nor_leak) {
    const char *src = getenv("PAIMON_SOURCE_DIR");
    char path[4096];
    if (src == NULL)
        SKIP("PAIMON_SOURCE_DIR not set");
    JOIN(path, "%s/tests/resources/orc/index_manifest_dv.orc", src);
    size_t len;
    uint8_t *data = pm_test_read_file(path, &len);
    CHECK(data != NULL);
    bool succeeded = false;
    for (long k = 0; k < 5000 && !succeeded; k++) {
        paimon_error err = {0};
        pm_index_manifest m;
        pm_mem_fail_after(k);
        int rc = pm_index_manifest_decode_orc(data, len, path, &m, &err);
        pm_mem_fail_after(-1);
        if (rc == PAIMON_OK) {
            succeeded = true;
            pm_arena_dispose(&m.arena);
        } else if (rc != PAIMON_ENOMEM) {
            break;
        }
    }
    free(data);
    CHECK(succeeded);
}
