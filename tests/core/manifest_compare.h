/* manifest_compare.h - deep equality of decoded manifest structs, for round-trip tests. */
#ifndef PM_TEST_MANIFEST_COMPARE_H
#define PM_TEST_MANIFEST_COMPARE_H

#include "core/manifest.h"

#include <stdio.h>
#include <string.h>

static inline bool cmp_str(const char *a, const char *b) {
    return (a == NULL) == (b == NULL) && (a == NULL || strcmp(a, b) == 0);
}

static inline bool cmp_bytes(pm_bytes a, pm_bytes b) {
    return (a.data == NULL) == (b.data == NULL) && a.len == b.len &&
           (a.len == 0 || memcmp(a.data, b.data, a.len) == 0);
}

static inline bool cmp_list(const pm_string_list *a, const pm_string_list *b) {
    if (a->present != b->present || a->count != b->count)
        return false;
    for (size_t i = 0; i < a->count; i++) {
        if (!cmp_str(a->items[i], b->items[i]))
            return false;
    }
    return true;
}

static inline bool cmp_stats(const pm_simple_stats *a, const pm_simple_stats *b) {
    if (!cmp_bytes(a->min_values, b->min_values) || !cmp_bytes(a->max_values, b->max_values) ||
        a->has_null_counts != b->has_null_counts || a->null_count_len != b->null_count_len)
        return false;
    for (size_t i = 0; i < a->null_count_len; i++) {
        bool pa = a->null_count_present == NULL || a->null_count_present[i];
        bool pb = b->null_count_present == NULL || b->null_count_present[i];
        if (pa != pb || (pa && a->null_counts[i] != b->null_counts[i]))
            return false;
    }
    return true;
}

#define CMP_FIELD(cond, what)                                                                      \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "  differs in %s\n", what);                                            \
            return false;                                                                          \
        }                                                                                          \
    } while (0)

static inline bool cmp_file_meta(const pm_data_file_meta *a, const pm_data_file_meta *b) {
    CMP_FIELD(cmp_str(a->file_name, b->file_name), "file_name");
    CMP_FIELD(a->file_size == b->file_size && a->row_count == b->row_count, "size/rows");
    CMP_FIELD(cmp_bytes(a->min_key, b->min_key) && cmp_bytes(a->max_key, b->max_key), "keys");
    CMP_FIELD(cmp_stats(&a->key_stats, &b->key_stats), "key_stats");
    CMP_FIELD(cmp_stats(&a->value_stats, &b->value_stats), "value_stats");
    CMP_FIELD(a->min_sequence_number == b->min_sequence_number &&
                  a->max_sequence_number == b->max_sequence_number,
              "sequence numbers");
    CMP_FIELD(a->schema_id == b->schema_id && a->level == b->level, "schema_id/level");
    CMP_FIELD(cmp_list(&a->extra_files, &b->extra_files), "extra_files");
    CMP_FIELD(a->has_creation_time == b->has_creation_time &&
                  (!a->has_creation_time || a->creation_time_millis == b->creation_time_millis),
              "creation_time");
    CMP_FIELD(a->has_delete_row_count == b->has_delete_row_count &&
                  (!a->has_delete_row_count || a->delete_row_count == b->delete_row_count),
              "delete_row_count");
    CMP_FIELD(cmp_bytes(a->embedded_index, b->embedded_index), "embedded_index");
    CMP_FIELD(a->has_file_source == b->has_file_source &&
                  (!a->has_file_source || a->file_source == b->file_source),
              "file_source");
    CMP_FIELD(cmp_list(&a->value_stats_cols, &b->value_stats_cols), "value_stats_cols");
    CMP_FIELD(cmp_str(a->external_path, b->external_path), "external_path");
    CMP_FIELD(a->has_first_row_id == b->has_first_row_id &&
                  (!a->has_first_row_id || a->first_row_id == b->first_row_id),
              "first_row_id");
    CMP_FIELD(cmp_list(&a->write_cols, &b->write_cols), "write_cols");
    CMP_FIELD(a->has_write_cols_sequences == b->has_write_cols_sequences &&
                  a->write_cols_sequence_count == b->write_cols_sequence_count,
              "write_cols_sequences");
    for (size_t i = 0; i < a->write_cols_sequence_count; i++)
        CMP_FIELD(a->write_cols_sequences[i] == b->write_cols_sequences[i], "write_cols_sequences");
    return true;
}

static inline bool cmp_entry(const pm_manifest_entry *a, const pm_manifest_entry *b) {
    CMP_FIELD(a->kind == b->kind && a->bucket == b->bucket && a->total_buckets == b->total_buckets,
              "kind/bucket/total_buckets");
    CMP_FIELD(cmp_bytes(a->partition, b->partition), "partition");
    return cmp_file_meta(&a->file, &b->file);
}

static inline bool cmp_list_meta(const pm_manifest_file_meta *a, const pm_manifest_file_meta *b) {
    CMP_FIELD(cmp_str(a->file_name, b->file_name) && a->file_size == b->file_size, "file");
    CMP_FIELD(a->num_added_files == b->num_added_files &&
                  a->num_deleted_files == b->num_deleted_files,
              "counts");
    CMP_FIELD(cmp_stats(&a->partition_stats, &b->partition_stats), "partition_stats");
    CMP_FIELD(a->schema_id == b->schema_id, "schema_id");
    CMP_FIELD(a->has_bucket_range == b->has_bucket_range &&
                  (!a->has_bucket_range ||
                   (a->min_bucket == b->min_bucket && a->max_bucket == b->max_bucket)),
              "bucket range");
    CMP_FIELD(
        a->has_level_range == b->has_level_range &&
            (!a->has_level_range || (a->min_level == b->min_level && a->max_level == b->max_level)),
        "level range");
    CMP_FIELD(a->has_row_id_range == b->has_row_id_range &&
                  (!a->has_row_id_range ||
                   (a->min_row_id == b->min_row_id && a->max_row_id == b->max_row_id)),
              "row id range");
    return true;
}

static inline bool cmp_index_entry(const pm_index_manifest_entry *a,
                                   const pm_index_manifest_entry *b) {
    CMP_FIELD(a->kind == b->kind && a->bucket == b->bucket, "kind/bucket");
    CMP_FIELD(cmp_bytes(a->partition, b->partition), "partition");
    CMP_FIELD(cmp_str(a->index_type, b->index_type) && cmp_str(a->file_name, b->file_name),
              "type/name");
    CMP_FIELD(a->file_size == b->file_size && a->row_count == b->row_count, "size/rows");
    CMP_FIELD(a->has_dv_ranges == b->has_dv_ranges && a->dv_range_count == b->dv_range_count,
              "dv ranges");
    for (size_t i = 0; i < a->dv_range_count; i++) {
        const pm_dv_range *x = &a->dv_ranges[i], *y = &b->dv_ranges[i];
        CMP_FIELD(cmp_str(x->data_file, y->data_file) && x->offset == y->offset &&
                      x->length == y->length && x->has_cardinality == y->has_cardinality &&
                      (!x->has_cardinality || x->cardinality == y->cardinality),
                  "dv range");
    }
    CMP_FIELD(cmp_str(a->external_path, b->external_path), "external_path");
    CMP_FIELD(cmp_bytes(a->global_index, b->global_index), "global_index");
    return true;
}

#endif
