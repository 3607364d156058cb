/*
 * table_internal.h - the objects behind the public table API (include/paimon.h).
 *
 * Tables and plans are reference counted so that a stream returned by paimon_plan_read keeps
 * working after the caller frees the plan or the table.
 */
#ifndef PM_TABLE_INTERNAL_H
#define PM_TABLE_INTERNAL_H

#include "core/manifest.h"
#include "core/partition.h"
#include "core/schema.h"
#include "core/snapshot.h"
#include "io/fs.h"
#include "paimon.h"
#include "table/predicate.h"
#include "util/arena.h"

#include <stdatomic.h>
#include <pthread.h>

/* A table may be shared by threads (its plans and streams read on several at once): the
 * reference count is atomic and the schema cache locked (a POSIX mutex: ThreadSanitizer does
 * not follow C11's mtx_t). */
struct paimon_table {
    atomic_int refcount;
    char *path;      /* the table directory: manifests, data and index files of every branch */
    char *branch;    /* "main" or the branch name */
    char *meta_path; /* schema/, snapshot/ and tag/ of the branch: `path` or
                        <path>/branch/branch-<name> */
    char *name;      /* for messages: the path, plus " (branch <name>)" on a branch */
    pm_fs *fs;
    pthread_mutex_t schema_lock;
    bool lock_ready;
    pm_schema **schemas; /* cache indexed by schema id (lazy), under schema_lock */
    size_t schema_cap;
    pm_schema **travel; /* composites of pm_table_travel_schema (shallow), under schema_lock */
    size_t travel_count, travel_cap;
};

paimon_table *pm_table_retain(paimon_table *t);
void pm_table_release(paimon_table *t);

/* Another branch of the same table, sharing the file system. `branch` NULL, "" or "main" is
 * the main branch. PAIMON_ENOTFOUND when the branch has no schema. */
int pm_table_open_branch(const paimon_table *t, const char *branch, paimon_table **out,
                         paimon_error *err);
/* Whether `branch` names the main branch (NULL, blank, or "main"). */
bool pm_branch_is_main(const char *branch);

/* The schema with id `id` (loaded once, owned by the table). */
int pm_table_schema(paimon_table *t, int64_t id, const pm_schema **out, paimon_error *err);
/* The highest schema id on disk now. */
int pm_table_latest_schema(paimon_table *t, const pm_schema **out, paimon_error *err);
/* The schema a time travel reads with, as Java's copy with time travel builds it: the fields
 * (and id) of schema `fields_id`, the one the snapshot was written with, under the options of
 * schema `options_id`, the table's latest. The table owns the result. */
int pm_table_travel_schema(paimon_table *t, int64_t fields_id, int64_t options_id,
                           const pm_schema **out, paimon_error *err);

struct paimon_snapshot {
    pm_snapshot *snapshot;
};

struct paimon_schema {
    pm_schema *schema;
    char **type_strings; /* formatted field types, one per field */
};

/* How a table's primary-key data is read (derived from the options of the read schema). */
typedef enum pm_merge_engine_kind {
    PM_MERGE_DEDUPLICATE,
    PM_MERGE_PARTIAL_UPDATE,
    PM_MERGE_AGGREGATION,
    PM_MERGE_FIRST_ROW,
} pm_merge_engine_kind;

typedef struct pm_table_kind {
    bool primary_key;
    bool deletion_vectors;
    bool dv_merge_on_read;
    pm_merge_engine_kind merge_engine;
    bool skip_level0; /* batch reads ignore level-0 files (DV without merge-on-read, first-row) */
    bool data_evolution; /* data-evolution.enabled: files may hold some columns of some rows */
    bool snapshot_sequence; /* sequence.snapshot-ordering: APPEND files merge by commit order */
} pm_table_kind;

int pm_table_kind_of(const pm_schema *s, pm_table_kind *out, paimon_error *err);

/* Refuses what no read of the table may ignore, from the options of its latest schema: a
 * `type` other than a Paimon table, chain tables, Java's internal scan modes, and a `branch`
 * option naming another branch than the one read. */
int pm_table_check_options(const paimon_table *t, const pm_schema *latest, paimon_error *err);

/* A deletion vector reference: where the bitmap of one data file lives. */
typedef struct pm_dv_ref {
    const char *index_path; /* full path of the index file */
    int64_t offset;
    int64_t length;
    int64_t cardinality; /* -1 when unknown */
} pm_dv_ref;

struct paimon_data_file {
    const pm_manifest_entry *entry; /* borrowed from the plan's manifests */
    const char *path;               /* full path (plan arena) */
    bool has_dv;
    pm_dv_ref dv;
};

struct paimon_split {
    pm_bytes partition;
    const char *partition_json;
    int32_t bucket;
    int32_t total_buckets;
    paimon_data_file *files;
    size_t file_count;
    const char *branch;  /* the branch whose snapshot lists the files (its table's name) */
    int64_t snapshot_id; /* that snapshot; 0 when unknown */
};

struct paimon_plan {
    atomic_int refcount; /* streams keep their plan; reading it on several threads is allowed */
    paimon_table *table;     /* retained */
    pm_snapshot *snapshot;   /* NULL without snapshots, and for a deserialized split */
    int64_t snapshot_id;     /* 0 when the table has no snapshot */
    const pm_schema *schema; /* the read schema (owned by the table cache) */
    pm_table_kind kind;
    bool changes;           /* a change stream (paimon_table_changes), not a batch scan */
    pm_manifest *manifests; /* keep the entries' memory alive */
    size_t manifest_count;
    pm_index_manifest index_manifest;
    pm_partition_namer namer; /* partition folder names of the read schema */
    pm_arena arena;           /* paths, JSON, splits, files */
    paimon_split *splits;
    size_t split_count;
    /* Output: indices into the read schema's fields. */
    size_t *out_fields;
    size_t out_count;
    pm_pred *filter;         /* bound to the read schema; NULL = none */
    const char *filter_text; /* as given (plan arena), for serialized splits */
    int64_t limit;
    size_t batch_rows;
    uint32_t threads; /* paimon_scan_options.threads: reads decode on up to this many threads */
    /* Which live files a batch read takes, from the table options (scan_start.c). */
    bool only_real_buckets;      /* bucket = -2: files of the postpone bucket wait for compaction */
    bool postpone_merge_on_read; /* postpone.merge-on-read: engines merge them (refused) */
    bool has_scan_bucket;        /* scan.bucket */
    int32_t scan_bucket;
    bool has_creation_filter; /* only files created at or after creation_millis (local time) */
    int64_t creation_millis;
    /* A read of two branches (scan.fallback-branch, scan.primary-branch): the plan of the other
     * branch, whose splits come after this plan's, or before them when other_first. */
    paimon_plan *other;
    bool other_first;
};

/* Scans use at most this many worker threads, whatever they ask for. */
#define PM_MAX_SCAN_THREADS 256

paimon_plan *pm_plan_retain(paimon_plan *p);

/* The plan that holds split `i` of a (two-branch) plan, and the split's index in it; NULL when
 * out of range. */
const paimon_plan *pm_plan_part(const paimon_plan *p, size_t i, size_t *index_out);
/* The plans of a read in split order: `p` alone, or `p` and its other branch. Returns the count. */
size_t pm_plan_parts(const paimon_plan *p, const paimon_plan *parts[2]);
void pm_plan_release(paimon_plan *p);

/* Resolves a projection list against a schema into field indices (all fields when names is
 * NULL). Unknown names are PAIMON_EINVAL listing the available columns. */
int pm_resolve_columns(const pm_schema *s, const char *const *names, size_t count,
                       size_t **indices_out, size_t *count_out, paimon_error *err);

/* The file format of a data file from its name ("parquet", "orc", "avro"), honouring
 * compression extensions (spec 00 §2). NULL when unknown. */
const char *pm_data_file_format(const char *file_name);

/* Appends "<table>[/<data-file.path-directory>]/<partition path>/bucket-<b>". */
int pm_bucket_dir(const paimon_table *t, const pm_schema *s, const pm_partition_namer *namer,
                  pm_bytes partition, int32_t bucket, pm_buf *out, paimon_error *err);

/* Names read from metadata (manifest lists, manifests, data and index files) must be plain file
 * names: no '/', not "." or "..", not empty. Anything else would let a damaged or malicious
 * table make us read outside it. `what` and `source` name the reference in the error. */
int pm_check_file_name(const char *name, const char *what, const char *source, paimon_error *err);

/* Where a data file of the plan's table lives, as a string in the plan arena: its external path
 * (a local path or file: URI) when it has one, else <bucket dir>/<file name>. `source` names the
 * manifest in errors. */
int pm_plan_file_path(paimon_plan *p, const pm_manifest_entry *e, const char *source,
                      const char **out, paimon_error *err);

/* Turns an external path recorded in a manifest into a local path: plain paths and file: URIs
 * (file:/x, file:///x, any case) are accepted; other schemes (s3://, oss://, hdfs://) are
 * PAIMON_EUNSUPPORTED naming the path. */
int pm_local_path(const char *uri, pm_buf *out, paimon_error *err);

/* Partition values as a JSON object in the compat encoding. */
int pm_partition_json(const pm_schema *s, pm_bytes partition, pm_buf *out, paimon_error *err);

#endif
