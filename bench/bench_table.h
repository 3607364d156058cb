/*
 * bench_table.h - wrapping data files of the benchmarks into a Paimon table: schema-0, one
 * manifest, the manifest lists and snapshot-1, written with the library's own JSON and Avro
 * writers, so that the table opens with `paimon snapshots/files/scan` and Java readers.
 */
#ifndef PM_BENCH_TABLE_H
#define PM_BENCH_TABLE_H

#include "paimon.h"

#include <stdint.h>

/* One data file in <table>/bucket-0/. */
typedef struct bench_file {
    char name[96];
    int64_t size_bytes;
    int64_t row_count;
    /* Primary-key tables (a single BIGINT key): bounds of the file's keys and sequence
     * numbers. Append tables: ignored (sequence numbers count rows). */
    int64_t min_key, max_key;
    int64_t min_seq, max_seq;
} bench_file;

typedef struct bench_table_spec {
    const char *path;        /* the table directory (created) */
    const char *fields_json; /* the "fields" array of the schema file */
    int highest_field_id;
    const char *primary_key; /* NULL: append table (bucket -1); else one BIGINT column */
    const char *format;      /* "parquet" or "orc" */
} bench_table_spec;

/* "data-<uuid>-<index>.<format>"; the uuid is made once per process. */
int bench_data_file_name(char *out, size_t cap, int index, const char *format,
                         paimon_error *err);

/* Writes schema-0, a manifest listing `files` as added at level 0, an empty base manifest
 * list, the delta manifest list and snapshot-1 (with LATEST). */
int bench_table_commit(const bench_table_spec *spec, const bench_file *files, size_t count,
                       paimon_error *err);

#endif
