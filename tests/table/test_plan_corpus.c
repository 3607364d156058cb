/* Planning every snapshot of every table of the Java-written corpus: the live files exist on
 * disk in their bucket folders, are listed once, and their row counts add up to the snapshot's
 * totalRecordCount (which Java computes from the same manifests). */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static bool file_exists(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int check_table(const char *dir, int *snapshots_checked, int *files_checked) {
    paimon_error err = {0};
    paimon_table *t;
    if (paimon_table_open(&t, dir, &err) != PAIMON_OK) {
        fprintf(stderr, "  %s: %s\n", dir, err.message);
        return 1;
    }
    int64_t *ids = NULL;
    size_t count = 0;
    int failures = 0;
    if (paimon_table_snapshot_ids(t, &ids, &count, &err) != PAIMON_OK) {
        fprintf(stderr, "  %s: %s\n", dir, err.message);
        failures++;
    }
    for (size_t i = 0; i < count; i++) {
        paimon_snapshot *s;
        if (paimon_table_snapshot(t, ids[i], &s, &err) != PAIMON_OK) {
            fprintf(stderr, "  %s: %s\n", dir, err.message);
            failures++;
            continue;
        }
        paimon_scan_options o = PAIMON_SCAN_OPTIONS_INIT;
        o.snapshot_id = ids[i];
        o.all_files = true;
        paimon_plan *plan;
        if (paimon_table_plan(t, &o, &plan, &err) != PAIMON_OK) {
            fprintf(stderr, "  %s snapshot %lld: %s\n", dir, (long long)ids[i], err.message);
            failures++;
            paimon_snapshot_free(s);
            continue;
        }
        int64_t rows = 0;
        size_t files = 0;
        char **seen = NULL;
        for (size_t sp = 0; sp < paimon_plan_split_count(plan); sp++) {
            const paimon_split *split = paimon_plan_split(plan, sp);
            char bucket_dir[32];
            snprintf(bucket_dir, sizeof bucket_dir, "/bucket-%d/", paimon_split_bucket(split));
            for (size_t f = 0; f < paimon_split_file_count(split); f++) {
                const paimon_data_file *df = paimon_split_file(split, f);
                const char *path = paimon_data_file_path(df);
                rows += paimon_data_file_row_count(df);
                if (!file_exists(path) || strstr(path, bucket_dir) == NULL) {
                    fprintf(stderr, "  %s snapshot %lld: %s is missing or misplaced\n", dir,
                            (long long)ids[i], path);
                    failures++;
                }
                for (size_t k = 0; k < files; k++) {
                    if (strcmp(seen[k], path) == 0) {
                        fprintf(stderr, "  %s snapshot %lld: %s listed twice\n", dir,
                                (long long)ids[i], path);
                        failures++;
                    }
                }
                seen = realloc(seen, (files + 1) * sizeof *seen);
                seen[files++] = strdup(path);
            }
        }
        int64_t expected = paimon_snapshot_total_record_count(s);
        if (expected >= 0 && rows != expected) {
            fprintf(stderr, "  %s snapshot %lld: live files hold %lld rows, totalRecordCount %lld\n",
                    dir, (long long)ids[i], (long long)rows, (long long)expected);
            failures++;
        }
        for (size_t k = 0; k < files; k++)
            free(seen[k]);
        free(seen);
        *files_checked += (int)files;
        (*snapshots_checked)++;
        paimon_plan_free(plan);
        paimon_snapshot_free(s);
    }
    paimon_free(ids);
    paimon_table_free(t);
    return failures;
}

TEST(every_snapshot_of_every_table) {
    char *dirs[256];
    int tables = pm_test_corpus_tables("parquet", dirs, 256);
    if (tables < 0)
        SKIP("compat corpus not available");
    int failures = 0, snapshots = 0, files = 0;
    for (int i = 0; i < tables; i++) {
        failures += check_table(dirs[i], &snapshots, &files);
        free(dirs[i]);
    }
    fprintf(stderr, "  %d tables, %d snapshots, %d files checked\n", tables, snapshots, files);
    CHECK(tables >= 30);
    CHECK(snapshots >= 80);
    CHECK_EQ_INT(failures, 0);
}
