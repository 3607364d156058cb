/*
 * Every Avro manifest list, manifest and index manifest of the compat corpus and of the Java
 * fixtures decodes; manifest-list statistics agree with the manifests they describe; decoded
 * files re-encode into the same structs; and our records are Java's byte for byte (plus null
 * bytes for the fields newer than the file).
 */
#include "test.h"
#include "core/manifest.h"
#include "core/manifest_avro.h"
#include "format/avro/avro_reader.h"
#include "manifest_compare.h"

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

typedef enum { KIND_LIST, KIND_MANIFEST, KIND_INDEX } meta_kind;

typedef struct meta_file {
    char path[1024];
    char table[1024]; /* the table directory, "" for fixtures */
    meta_kind kind;
} meta_file;

typedef struct file_set {
    meta_file *items;
    size_t count, cap;
} file_set;

static meta_kind kind_of(const char *name) {
    if (strncmp(name, "manifest-list", 13) == 0 || strstr(name, "manifest_list") != NULL)
        return KIND_LIST;
    if (strncmp(name, "index-manifest", 14) == 0)
        return KIND_INDEX;
    return KIND_MANIFEST;
}

static void add_file(file_set *set, const char *path, const char *table, const char *name) {
    if (set->count == set->cap) {
        set->cap = set->cap ? set->cap * 2 : 64;
        set->items = realloc(set->items, set->cap * sizeof *set->items);
    }
    meta_file *f = &set->items[set->count++];
    snprintf(f->path, sizeof f->path, "%s", path);
    snprintf(f->table, sizeof f->table, "%s", table);
    f->kind = kind_of(name);
}

/* Collects the files of every `manifest` directory below `dir`. */
static void walk(file_set *set, const char *dir, int depth) {
    DIR *d = opendir(dir);
    if (d == NULL || depth > 8) {
        if (d)
            closedir(d);
        return;
    }
    const char *base = strrchr(dir, '/');
    bool is_manifest_dir = base != NULL && strcmp(base + 1, "manifest") == 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            walk(set, path, depth + 1);
        } else if (is_manifest_dir) {
            char table[1024];
            snprintf(table, sizeof table, "%.*s", (int)(base - dir), dir);
            add_file(set, path, table, e->d_name);
        }
    }
    closedir(d);
}

static const char *resources_dir(void) {
    static char dir[1024];
    const char *src = getenv("PAIMON_SOURCE_DIR");
    snprintf(dir, sizeof dir, "%s/tests/resources/avro", src ? src : ".");
    return dir;
}

static void collect(file_set *set) {
    memset(set, 0, sizeof *set);
    const char *compat = pm_test_compat_dir();
    if (compat != NULL) {
        char tables[1024];
        snprintf(tables, sizeof tables, "%s/tables", compat);
        walk(set, tables, 0);
    }
    static const char *fixtures[] = {"avro_manifest_09", "avro_manifest_11",
                                     "avro_manifest_list_09", "avro_manifest_list_11",
                                     "manifest_10_value_stats_cols_only"};
    for (size_t i = 0; i < sizeof fixtures / sizeof fixtures[0]; i++) {
        char path[2200];
        snprintf(path, sizeof path, "%s/%s", resources_dir(), fixtures[i]);
        add_file(set, path, "", fixtures[i]);
    }
}

static bool is_avro(const uint8_t *data, size_t len) {
    return len >= 4 && memcmp(data, "Obj\x01", 4) == 0;
}

TEST(every_avro_metadata_file_decodes) {
    file_set set;
    collect(&set);
    if (pm_test_compat_dir() == NULL)
        SKIP("compat corpus not available");
    size_t decoded[3] = {0, 0, 0}, orc = 0, entries = 0;
    for (size_t i = 0; i < set.count; i++) {
        meta_file *f = &set.items[i];
        size_t len;
        uint8_t *data = pm_test_read_file(f->path, &len);
        CHECK(data != NULL);
        if (!is_avro(data, len)) {
            orc++;
            free(data);
            continue;
        }
        paimon_error err = {0};
        int rc;
        if (f->kind == KIND_LIST) {
            pm_manifest_list l;
            rc = pm_manifest_list_decode(data, len, f->path, &l, &err);
            entries += l.count;
            pm_manifest_list_dispose(&l);
        } else if (f->kind == KIND_MANIFEST) {
            pm_manifest m;
            rc = pm_manifest_decode(data, len, f->path, &m, &err);
            entries += m.count;
            pm_manifest_dispose(&m);
        } else {
            pm_index_manifest m;
            rc = pm_index_manifest_decode(data, len, f->path, &m, &err);
            entries += m.count;
            pm_index_manifest_dispose(&m);
        }
        free(data);
        CHECK_OK(rc, &err);
        decoded[f->kind]++;
    }
    fprintf(stderr,
            "  decoded %zu manifest lists, %zu manifests, %zu index manifests (%zu "
            "records); %zu ORC files skipped\n",
            decoded[KIND_LIST], decoded[KIND_MANIFEST], decoded[KIND_INDEX], entries, orc);
    CHECK(decoded[KIND_LIST] >= 150);
    CHECK(decoded[KIND_MANIFEST] >= 70);
    CHECK(decoded[KIND_INDEX] >= 9);
    free(set.items);
}

/* The manifest-list record of a manifest must describe exactly what the manifest holds. */
static void check_list_record(const pm_manifest_file_meta *rec, const pm_manifest *m,
                              uint64_t file_size, const char *where) {
    int64_t added = 0, deleted = 0, max_schema = -1;
    int32_t min_bucket = INT32_MAX, max_bucket = INT32_MIN, min_level = INT32_MAX,
            max_level = INT32_MIN;
    bool all_row_ids = true;
    int64_t min_row = INT64_MAX, max_row = INT64_MIN;
    for (size_t i = 0; i < m->count; i++) {
        const pm_manifest_entry *e = &m->items[i];
        if (e->kind == PM_FILE_KIND_ADD)
            added++;
        else
            deleted++;
        if (e->file.schema_id > max_schema)
            max_schema = e->file.schema_id;
        if (e->bucket < min_bucket)
            min_bucket = e->bucket;
        if (e->bucket > max_bucket)
            max_bucket = e->bucket;
        if (e->file.level < min_level)
            min_level = e->file.level;
        if (e->file.level > max_level)
            max_level = e->file.level;
        if (!e->file.has_first_row_id) {
            all_row_ids = false;
        } else {
            if (e->file.first_row_id < min_row)
                min_row = e->file.first_row_id;
            if (e->file.first_row_id + e->file.row_count - 1 > max_row)
                max_row = e->file.first_row_id + e->file.row_count - 1;
        }
    }
    bool ok = rec->num_added_files == added && rec->num_deleted_files == deleted &&
              (uint64_t)rec->file_size == file_size &&
              (m->count == 0 || rec->schema_id == max_schema);
    if (rec->has_bucket_range)
        ok = ok && rec->min_bucket == min_bucket && rec->max_bucket == max_bucket;
    if (rec->has_level_range)
        ok = ok && rec->min_level == min_level && rec->max_level == max_level;
    if (rec->has_row_id_range)
        ok = ok && all_row_ids && rec->min_row_id == min_row && rec->max_row_id == max_row;
    if (!ok)
        pm_test_fail(__FILE__, __LINE__, "%s: list record for %s disagrees with the manifest",
                     where, rec->file_name);
}

TEST(manifest_list_records_match_their_manifests) {
    if (pm_test_compat_dir() == NULL)
        SKIP("compat corpus not available");
    file_set set;
    collect(&set);
    size_t checked = 0;
    for (size_t i = 0; i < set.count; i++) {
        meta_file *f = &set.items[i];
        if (f->kind != KIND_LIST || f->table[0] == '\0')
            continue;
        size_t len;
        uint8_t *data = pm_test_read_file(f->path, &len);
        if (!is_avro(data, len)) {
            free(data);
            continue;
        }
        paimon_error err = {0};
        pm_manifest_list l;
        CHECK_OK(pm_manifest_list_decode(data, len, f->path, &l, &err), &err);
        free(data);
        for (size_t r = 0; r < l.count; r++) {
            char path[2048];
            snprintf(path, sizeof path, "%s/manifest/%s", f->table, l.items[r].file_name);
            size_t mlen;
            uint8_t *mdata = pm_test_read_file(path, &mlen);
            if (mdata == NULL || !is_avro(mdata, mlen)) { /* expired or ORC */
                free(mdata);
                continue;
            }
            pm_manifest m;
            int rc = pm_manifest_decode(mdata, mlen, path, &m, &err);
            free(mdata);
            CHECK_OK(rc, &err);
            check_list_record(&l.items[r], &m, mlen, f->path);
            pm_manifest_dispose(&m);
            if (pm_test_failed())
                return;
            checked++;
        }
        pm_manifest_list_dispose(&l);
    }
    fprintf(stderr, "  %zu manifest-list records checked against their manifests\n", checked);
    CHECK(checked >= 190);
    free(set.items);
}

/* Number of partition keys of a table (from schema-0), or -1 when unknown. */
static int partition_key_count(const char *table) {
    char path[2048];
    snprintf(path, sizeof path, "%s/schema/schema-0", table);
    json_t *root = json_load_file(path, 0, NULL);
    if (root == NULL)
        return -1;
    json_t *keys = json_object_get(root, "partitionKeys");
    int n = json_is_array(keys) ? (int)json_array_size(keys) : -1;
    json_decref(root);
    return n;
}

static const uint8_t EMPTY_ROW[12] = {0};

TEST(partitions_have_the_arity_of_the_partition_keys) {
    if (pm_test_compat_dir() == NULL)
        SKIP("compat corpus not available");
    file_set set;
    collect(&set);
    size_t unpartitioned = 0, partitioned = 0;
    for (size_t i = 0; i < set.count; i++) {
        meta_file *f = &set.items[i];
        if (f->table[0] == '\0' || f->kind == KIND_INDEX)
            continue;
        int keys = partition_key_count(f->table);
        if (keys < 0)
            continue;
        size_t len;
        uint8_t *data = pm_test_read_file(f->path, &len);
        if (!is_avro(data, len)) {
            free(data);
            continue;
        }
        paimon_error err = {0};
        if (f->kind == KIND_MANIFEST) {
            pm_manifest m;
            CHECK_OK(pm_manifest_decode(data, len, f->path, &m, &err), &err);
            for (size_t k = 0; k < m.count; k++) {
                pm_bytes p = m.items[k].partition;
                CHECK(p.len >= 12);
                CHECK_EQ_INT(pm_load_be32(p.data), keys);
                if (keys == 0) {
                    CHECK_EQ_INT(p.len, 12);
                    CHECK_EQ_MEM(p.data, EMPTY_ROW, 12);
                    unpartitioned++;
                } else {
                    partitioned++;
                }
            }
            pm_manifest_dispose(&m);
        } else {
            pm_manifest_list l;
            CHECK_OK(pm_manifest_list_decode(data, len, f->path, &l, &err), &err);
            for (size_t k = 0; k < l.count; k++) {
                const pm_simple_stats *s = &l.items[k].partition_stats;
                CHECK_EQ_INT(pm_load_be32(s->min_values.data), keys);
                CHECK_EQ_INT(pm_load_be32(s->max_values.data), keys);
                CHECK(s->has_null_counts);
                CHECK_EQ_INT(s->null_count_len, keys);
                if (keys == 0) {
                    CHECK_EQ_INT(s->min_values.len, 12);
                    CHECK_EQ_MEM(s->min_values.data, EMPTY_ROW, 12);
                }
            }
            pm_manifest_list_dispose(&l);
        }
        free(data);
    }
    CHECK(unpartitioned > 0 && partitioned > 0);
    free(set.items);
}

static bool bytes_are(pm_bytes b, const char *hex) {
    uint8_t expected[512];
    long n = pm_test_hex(hex, expected, sizeof expected);
    return n >= 0 && b.len >= (size_t)n && memcmp(b.data, expected, (size_t)n) == 0;
}

TEST(pk_09_partition_and_key_bytes) {
    const char *table = pm_test_table_path("parquet/pk_09.db/pk_09");
    if (table == NULL)
        SKIP("compat corpus not available");
    file_set set;
    collect(&set);
    bool partition_seen = false, min_key_seen = false, max_key_seen = false, stats_seen = false;
    for (size_t i = 0; i < set.count; i++) {
        meta_file *f = &set.items[i];
        if (f->kind != KIND_MANIFEST || strcmp(f->table, table) != 0)
            continue;
        size_t len;
        uint8_t *data = pm_test_read_file(f->path, &len);
        paimon_error err = {0};
        pm_manifest m;
        CHECK_OK(pm_manifest_decode(data, len, f->path, &m, &err), &err);
        free(data);
        for (size_t k = 0; k < m.count; k++) {
            const pm_manifest_entry *e = &m.items[k];
            if (bytes_are(e->partition, "00000001 0000000000000000 0a00000000000000") &&
                e->partition.len == 20)
                partition_seen = true;
            if (bytes_are(e->file.min_key, "00000002 0000000000000000 416c696365000085 "
                                           "0100000000000000") &&
                e->file.min_key.len == 28)
                min_key_seen = true;
            if (bytes_are(e->file.max_key, "00000002 0000000000000000 6800000018000000 "
                                           "0100000000000000") &&
                e->file.max_key.len == 28 + 104)
                max_key_seen = true;
            if (bytes_are(e->file.value_stats.min_values,
                          "00000004 0000000000000000 416c696365000085 0a00000000000000 "
                          "0100000000000000 9a99999999193340"))
                stats_seen = true;
        }
        pm_manifest_dispose(&m);
    }
    CHECK(partition_seen);
    CHECK(min_key_seen);
    CHECK(max_key_seen);
    CHECK(stats_seen);
    free(set.items);
}

static int encode_any(meta_kind kind, const void *decoded, const char *codec, pm_buf *out,
                      paimon_error *err) {
    switch (kind) {
    case KIND_LIST: {
        const pm_manifest_list *l = decoded;
        return pm_manifest_list_encode(l->items, l->count, codec, 1, out, err);
    }
    case KIND_MANIFEST: {
        const pm_manifest *m = decoded;
        return pm_manifest_encode(m->items, m->count, codec, 1, out, err);
    }
    default: {
        const pm_index_manifest *m = decoded;
        return pm_index_manifest_encode(m->items, m->count, codec, 1, out, err);
    }
    }
}

/* Decodes, re-encodes with `codec`, decodes again and compares. */
static bool round_trip(meta_kind kind, const uint8_t *data, size_t len, const char *codec,
                       pm_buf *encoded, paimon_error *err) {
    union {
        pm_manifest_list l;
        pm_manifest m;
        pm_index_manifest x;
    } a, b;
    int rc = kind == KIND_LIST       ? pm_manifest_list_decode(data, len, "a", &a.l, err)
             : kind == KIND_MANIFEST ? pm_manifest_decode(data, len, "a", &a.m, err)
                                     : pm_index_manifest_decode(data, len, "a", &a.x, err);
    if (rc != PAIMON_OK)
        return false;
    pm_buf_clear(encoded);
    rc = encode_any(kind, &a, codec, encoded, err);
    if (rc == PAIMON_OK)
        rc = kind == KIND_LIST
                 ? pm_manifest_list_decode(encoded->data, encoded->len, "b", &b.l, err)
             : kind == KIND_MANIFEST
                 ? pm_manifest_decode(encoded->data, encoded->len, "b", &b.m, err)
                 : pm_index_manifest_decode(encoded->data, encoded->len, "b", &b.x, err);
    bool same = rc == PAIMON_OK;
    if (same) {
        size_t n = kind == KIND_LIST ? a.l.count : kind == KIND_MANIFEST ? a.m.count : a.x.count;
        size_t nb = kind == KIND_LIST ? b.l.count : kind == KIND_MANIFEST ? b.m.count : b.x.count;
        same = n == nb;
        for (size_t i = 0; same && i < n; i++) {
            same = kind == KIND_LIST       ? cmp_list_meta(&a.l.items[i], &b.l.items[i])
                   : kind == KIND_MANIFEST ? cmp_entry(&a.m.items[i], &b.m.items[i])
                                           : cmp_index_entry(&a.x.items[i], &b.x.items[i]);
        }
        if (kind == KIND_LIST)
            pm_manifest_list_dispose(&b.l);
        else if (kind == KIND_MANIFEST)
            pm_manifest_dispose(&b.m);
        else
            pm_index_manifest_dispose(&b.x);
    }
    if (kind == KIND_LIST)
        pm_manifest_list_dispose(&a.l);
    else if (kind == KIND_MANIFEST)
        pm_manifest_dispose(&a.m);
    else
        pm_index_manifest_dispose(&a.x);
    return same;
}

TEST(decode_encode_decode_gives_equal_structs) {
    file_set set;
    collect(&set);
    static const char *codecs[] = {"zstd", "null", "snappy", "deflate"};
    pm_buf encoded = PM_BUF_INIT;
    size_t done = 0;
    for (size_t i = 0; i < set.count; i++) {
        meta_file *f = &set.items[i];
        size_t len;
        uint8_t *data = pm_test_read_file(f->path, &len);
        CHECK(data != NULL);
        if (!is_avro(data, len)) {
            free(data);
            continue;
        }
        paimon_error err = {0};
        bool same = round_trip(f->kind, data, len, codecs[i % 4], &encoded, &err);
        free(data);
        if (!same) {
            pm_test_fail(__FILE__, __LINE__, "%s: round trip differs (%s)", f->path, err.message);
            return;
        }
        done++;
    }
    pm_buf_dispose(&encoded);
    fprintf(stderr, "  %zu files round-tripped\n", done);
    CHECK(done >= 5);
    free(set.items);
}

/* The encoded records of an Avro file, each as [start, end) offsets into `blob`. */
typedef struct record_spans {
    pm_buf blob;
    size_t *ends;
    size_t count, cap;
} record_spans;

static int split_records(const uint8_t *data, size_t len, record_spans *out, char **schema,
                         paimon_error *err) {
    pm_avro_reader r;
    PM_TRY(pm_avro_reader_open_mem(&r, data, len, err));
    *schema = strdup(r.schema_json);
    int rc = PAIMON_OK;
    for (;;) {
        bool has;
        rc = pm_avro_reader_next_block(&r, &has, err);
        if (rc != PAIMON_OK || !has)
            break;
        while (r.records_left > 0) {
            const uint8_t *start = r.cur.p;
            rc = pm_avro_skip(&r.cur, r.schema, NULL, err);
            if (rc != PAIMON_OK)
                break;
            r.records_left--;
            pm_buf_append(&out->blob, start, (size_t)(r.cur.p - start));
            if (out->count == out->cap) {
                out->cap = out->cap ? out->cap * 2 : 64;
                out->ends = realloc(out->ends, out->cap * sizeof *out->ends);
            }
            out->ends[out->count++] = out->blob.len;
        }
        if (rc != PAIMON_OK)
            break;
    }
    pm_avro_reader_close(&r);
    return rc;
}

/* Java's schema without its closing brackets, when it is a prefix of ours: then our records
 * must be Java's followed only by null branches (0x00) of the fields it lacks. */
static bool schema_extends(const char *java, const char *ours) {
    size_t n = strlen(java);
    while (n > 0 && (java[n - 1] == ']' || java[n - 1] == '}'))
        n--;
    return strncmp(java, ours, n) == 0;
}

TEST(records_are_java_bytes_plus_nulls_for_newer_fields) {
    file_set set;
    collect(&set);
    pm_buf encoded = PM_BUF_INIT;
    size_t compared_files = 0, compared_records = 0;
    for (size_t i = 0; i < set.count; i++) {
        meta_file *f = &set.items[i];
        size_t len;
        uint8_t *data = pm_test_read_file(f->path, &len);
        if (!is_avro(data, len)) {
            free(data);
            continue;
        }
        paimon_error err = {0};
        record_spans java = {PM_BUF_INIT, NULL, 0, 0}, ours = {PM_BUF_INIT, NULL, 0, 0};
        char *java_schema = NULL, *our_schema = NULL;
        union {
            pm_manifest_list l;
            pm_manifest m;
            pm_index_manifest x;
        } decoded;
        int rc = f->kind == KIND_LIST ? pm_manifest_list_decode(data, len, "", &decoded.l, &err)
                 : f->kind == KIND_MANIFEST
                     ? pm_manifest_decode(data, len, "", &decoded.m, &err)
                     : pm_index_manifest_decode(data, len, "", &decoded.x, &err);
        CHECK_OK(rc, &err);
        pm_buf_clear(&encoded);
        CHECK_OK(encode_any(f->kind, &decoded, "null", &encoded, &err), &err);
        if (f->kind == KIND_LIST)
            pm_manifest_list_dispose(&decoded.l);
        else if (f->kind == KIND_MANIFEST)
            pm_manifest_dispose(&decoded.m);
        else
            pm_index_manifest_dispose(&decoded.x);
        CHECK_OK(split_records(data, len, &java, &java_schema, &err), &err);
        CHECK_OK(split_records(encoded.data, encoded.len, &ours, &our_schema, &err), &err);
        free(data);
        if (schema_extends(java_schema, our_schema)) {
            CHECK_EQ_INT(java.count, ours.count);
            for (size_t r = 0; r < java.count; r++) {
                size_t js = r ? java.ends[r - 1] : 0, je = java.ends[r];
                size_t os = r ? ours.ends[r - 1] : 0, oe = ours.ends[r];
                CHECK(oe - os >= je - js);
                CHECK_EQ_MEM(ours.blob.data + os, java.blob.data + js, je - js);
                for (size_t k = os + (je - js); k < oe; k++)
                    CHECK_EQ_INT(ours.blob.data[k], 0);
                compared_records++;
            }
            compared_files++;
        }
        pm_buf_dispose(&java.blob);
        pm_buf_dispose(&ours.blob);
        free(java.ends);
        free(ours.ends);
        free(java_schema);
        free(our_schema);
    }
    pm_buf_dispose(&encoded);
    fprintf(stderr, "  %zu files (%zu records) byte-compared with Java's encoding\n",
            compared_files, compared_records);
    CHECK(compared_files >= 3);
    free(set.items);
}
