/*
 * paimon.h - public API of libpaimon, a C11 implementation of the Apache Paimon table format.
 *
 * Conventions (docs/conventions.md has the long form):
 *  - Every fallible function returns an int status: PAIMON_OK (0) or a negative PAIMON_E* code.
 *    When the caller passes a paimon_error, it receives the code and a one-line message that names
 *    the file and what was wrong. The error object belongs to the caller; NULL is allowed.
 *  - Objects returned through an `out` parameter belong to the caller and are released with the
 *    matching paimon_*_free function. Every _free function accepts NULL.
 *  - Pointers returned as function results are borrowed and live as long as their parent object.
 *  - Threads: a paimon_table may be shared; the plans, streams and other handles made from it
 *    may be used on different threads at once (so may one plan by several paimon_plan_read
 *    calls), but each of those handles by one thread at a time. Record batches and their
 *    buffers may be released on any thread. The library starts threads only for scans that
 *    ask for them (paimon_scan_options.threads); those stay inside the stream: they block all
 *    signals, touch nothing of the caller's but the table and plan the stream holds, and are
 *    joined by the stream's release (or once it has returned its last batch).
 *  - Record batches cross the API as the Arrow C Data Interface (ArrowSchema, ArrowArray,
 *    ArrowArrayStream), declared below exactly as the Arrow specification defines them.
 */
#ifndef PAIMON_H
#define PAIMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define PAIMON_EXTERN __declspec(dllexport)
#elif defined(__GNUC__)
#define PAIMON_EXTERN __attribute__((visibility("default")))
#else
#define PAIMON_EXTERN
#endif

#define PAIMON_VERSION_MAJOR 0
#define PAIMON_VERSION_MINOR 1
#define PAIMON_VERSION_PATCH 0
#define PAIMON_VERSION_STRING "0.1.0"

/** Returns the library version string, e.g. "0.1.0". */
PAIMON_EXTERN const char *paimon_version(void);

/* ------------------------------------------------------------------------------------------ */
/* Status codes and errors                                                                    */
/* ------------------------------------------------------------------------------------------ */

enum {
    PAIMON_OK = 0,
    PAIMON_EINVAL = -1,       /* bad argument or bad user input (option, expression, path) */
    PAIMON_ENOTFOUND = -2,    /* a table, snapshot, schema, tag or file does not exist */
    PAIMON_ECORRUPT = -3,     /* a file does not match its format */
    PAIMON_EIO = -4,          /* the storage failed */
    PAIMON_ENOMEM = -5,       /* an allocation failed */
    PAIMON_EUNSUPPORTED = -6, /* valid, but a feature this version does not implement */
    PAIMON_ECONFLICT = -7,    /* a commit lost a race with another writer; may be retried */
    PAIMON_EEXISTS = -8,      /* the object to create exists already */
    PAIMON_ELIMIT = -9        /* a configured or built-in limit was exceeded */
};

#define PAIMON_ERROR_MESSAGE_SIZE 1024

/** Caller-owned error details. Zero-initialise it (or call paimon_error_clear) before use. */
typedef struct paimon_error {
    int code;                                 /* the status of the failed call */
    char message[PAIMON_ERROR_MESSAGE_SIZE]; /* one line, NUL-terminated */
} paimon_error;

/** Resets an error to PAIMON_OK with an empty message. Accepts NULL. */
PAIMON_EXTERN void paimon_error_clear(paimon_error *err);

/** Short constant name of a status code, e.g. "ECORRUPT". */
PAIMON_EXTERN const char *paimon_status_name(int code);

/* ------------------------------------------------------------------------------------------ */
/* Arrow C Data Interface (https://arrow.apache.org/docs/format/CDataInterface.html)          */
/* Declared verbatim from the specification so that any Arrow consumer can use our batches.   */
/* ------------------------------------------------------------------------------------------ */

#ifndef ARROW_C_DATA_INTERFACE
#define ARROW_C_DATA_INTERFACE

#define ARROW_FLAG_DICTIONARY_ORDERED 1
#define ARROW_FLAG_NULLABLE 2
#define ARROW_FLAG_MAP_KEYS_SORTED 4

struct ArrowSchema {
    /* Array type description */
    const char *format;
    const char *name;
    const char *metadata;
    int64_t flags;
    int64_t n_children;
    struct ArrowSchema **children;
    struct ArrowSchema *dictionary;

    /* Release callback */
    void (*release)(struct ArrowSchema *);
    /* Opaque producer-specific data */
    void *private_data;
};

struct ArrowArray {
    /* Array data description */
    int64_t length;
    int64_t null_count;
    int64_t offset;
    int64_t n_buffers;
    int64_t n_children;
    const void **buffers;
    struct ArrowArray **children;
    struct ArrowArray *dictionary;

    /* Release callback */
    void (*release)(struct ArrowArray *);
    /* Opaque producer-specific data */
    void *private_data;
};

#endif /* ARROW_C_DATA_INTERFACE */

#ifndef ARROW_C_STREAM_INTERFACE
#define ARROW_C_STREAM_INTERFACE

struct ArrowArrayStream {
    /* Callbacks providing stream functionality */
    int (*get_schema)(struct ArrowArrayStream *, struct ArrowSchema *out);
    int (*get_next)(struct ArrowArrayStream *, struct ArrowArray *out);
    const char *(*get_last_error)(struct ArrowArrayStream *);

    /* Release callback */
    void (*release)(struct ArrowArrayStream *);

    /* Opaque producer-specific data */
    void *private_data;
};

#endif /* ARROW_C_STREAM_INTERFACE */


/* ------------------------------------------------------------------------------------------ */
/* Memory returned by the library                                                             */
/* ------------------------------------------------------------------------------------------ */

/** Frees arrays and strings the library returned through `*_out` parameters. Accepts NULL. */
PAIMON_EXTERN void paimon_free(void *ptr);

/** Formats an Arrow decimal128 value (16 bytes, little-endian two's complement) with exactly
 *  `scale` fraction digits, e.g. "12.30". `out` receives at most `cap` bytes including the NUL;
 *  returns the length of the full text (48 bytes always suffice). */
PAIMON_EXTERN size_t paimon_decimal128_format(const uint8_t value[16], int32_t scale, char *out,
                                              size_t cap);

/* ------------------------------------------------------------------------------------------ */
/* Tables                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/** An open table: a directory holding schema/, snapshot/, manifest/ and data folders. */
typedef struct paimon_table paimon_table;

/** Opens the table at `path` (a local directory), on its main branch. Fails with
 *  PAIMON_ENOTFOUND when `path` is not a Paimon table (no schema/schema-N file), and with
 *  PAIMON_EINVAL when `path` is the folder of a branch (<table>/branch/branch-<name>): the
 *  message names the table and the branch to open instead. */
PAIMON_EXTERN int paimon_table_open(paimon_table **out, const char *path, paimon_error *err);

#define PAIMON_OPEN_OPTIONS_VERSION 1

/** How to open a table. Initialise with PAIMON_OPEN_OPTIONS_INIT, then set the fields you need. */
typedef struct paimon_open_options {
    uint32_t version;   /* PAIMON_OPEN_OPTIONS_VERSION */
    const char *branch; /* the branch to read: NULL, "" or "main" for the main branch */
} paimon_open_options;

#define PAIMON_OPEN_OPTIONS_INIT { PAIMON_OPEN_OPTIONS_VERSION, NULL }

/** Opens the table at `path` with options (NULL: the defaults, as paimon_table_open). On a
 *  branch, every call on the table (snapshots, tags, schemas, scans, changes) uses the branch's
 *  own snapshot/, schema/ and tag/ folders (<table>/branch/branch-<name>/); data files,
 *  manifests and index files are shared with the table. PAIMON_ENOTFOUND names the branches
 *  that exist when the branch does not. */
PAIMON_EXTERN int paimon_table_open_with(paimon_table **out, const char *path,
                                         const paimon_open_options *options, paimon_error *err);
PAIMON_EXTERN void paimon_table_free(paimon_table *table);
/** The table directory (also for a table opened on a branch). */
PAIMON_EXTERN const char *paimon_table_path(const paimon_table *table);
/** The branch the table was opened on: "main" or the branch name. */
PAIMON_EXTERN const char *paimon_table_branch(const paimon_table *table);

/* ------------------------------------------------------------------------------------------ */
/* Snapshots                                                                                  */
/* ------------------------------------------------------------------------------------------ */

/** One committed version of a table (an immutable copy of snapshot-N or of a tag). */
typedef struct paimon_snapshot paimon_snapshot;

/** All snapshot ids, ascending. `*ids_out` is freed with paimon_free. An empty table gives 0. */
PAIMON_EXTERN int paimon_table_snapshot_ids(paimon_table *table, int64_t **ids_out,
                                            size_t *count_out, paimon_error *err);
/** Loads snapshot `id`, or the latest one when id <= 0. PAIMON_ENOTFOUND when absent or when
 *  the table has no snapshot yet. */
PAIMON_EXTERN int paimon_table_snapshot(paimon_table *table, int64_t id, paimon_snapshot **out,
                                        paimon_error *err);
/** Loads the snapshot a tag points to. */
PAIMON_EXTERN int paimon_table_tag(paimon_table *table, const char *name, paimon_snapshot **out,
                                   paimon_error *err);
PAIMON_EXTERN void paimon_snapshot_free(paimon_snapshot *snapshot);
PAIMON_EXTERN int64_t paimon_snapshot_id(const paimon_snapshot *snapshot);
PAIMON_EXTERN int64_t paimon_snapshot_schema_id(const paimon_snapshot *snapshot);
PAIMON_EXTERN int64_t paimon_snapshot_time_millis(const paimon_snapshot *snapshot);
/** "APPEND", "COMPACT", "OVERWRITE" or "ANALYZE". */
PAIMON_EXTERN const char *paimon_snapshot_commit_kind(const paimon_snapshot *snapshot);
PAIMON_EXTERN const char *paimon_snapshot_commit_user(const paimon_snapshot *snapshot);
PAIMON_EXTERN int64_t paimon_snapshot_commit_identifier(const paimon_snapshot *snapshot);
/** Record counts; -1 when the snapshot does not record them. */
PAIMON_EXTERN int64_t paimon_snapshot_total_record_count(const paimon_snapshot *snapshot);
PAIMON_EXTERN int64_t paimon_snapshot_delta_record_count(const paimon_snapshot *snapshot);
PAIMON_EXTERN int64_t paimon_snapshot_changelog_record_count(const paimon_snapshot *snapshot);
/** Watermark; returns false when absent. */
PAIMON_EXTERN bool paimon_snapshot_watermark(const paimon_snapshot *snapshot, int64_t *out);

/* ------------------------------------------------------------------------------------------ */
/* Schemas                                                                                    */
/* ------------------------------------------------------------------------------------------ */

/** One version of a table's schema (schema/schema-N). */
typedef struct paimon_schema paimon_schema;

/** Loads schema `schema_id`, or the latest one when schema_id < 0. */
PAIMON_EXTERN int paimon_table_schema(paimon_table *table, int64_t schema_id, paimon_schema **out,
                                      paimon_error *err);
PAIMON_EXTERN void paimon_schema_free(paimon_schema *schema);
PAIMON_EXTERN int64_t paimon_schema_id(const paimon_schema *schema);
PAIMON_EXTERN size_t paimon_schema_field_count(const paimon_schema *schema);
PAIMON_EXTERN const char *paimon_schema_field_name(const paimon_schema *schema, size_t i);
PAIMON_EXTERN int32_t paimon_schema_field_id(const paimon_schema *schema, size_t i);
/** The field's type as Paimon writes it, e.g. "INT NOT NULL", "ARRAY<STRING>". */
PAIMON_EXTERN const char *paimon_schema_field_type(const paimon_schema *schema, size_t i);
/** The column comment, or NULL. */
PAIMON_EXTERN const char *paimon_schema_field_description(const paimon_schema *schema, size_t i);
PAIMON_EXTERN size_t paimon_schema_partition_key_count(const paimon_schema *schema);
PAIMON_EXTERN const char *paimon_schema_partition_key(const paimon_schema *schema, size_t i);
PAIMON_EXTERN size_t paimon_schema_primary_key_count(const paimon_schema *schema);
PAIMON_EXTERN const char *paimon_schema_primary_key(const paimon_schema *schema, size_t i);
PAIMON_EXTERN size_t paimon_schema_option_count(const paimon_schema *schema);
PAIMON_EXTERN const char *paimon_schema_option_key(const paimon_schema *schema, size_t i);
PAIMON_EXTERN const char *paimon_schema_option_value(const paimon_schema *schema, size_t i);
/** The value of an option, or NULL when unset. */
PAIMON_EXTERN const char *paimon_schema_option(const paimon_schema *schema, const char *key);
/** The table comment, or NULL. */
PAIMON_EXTERN const char *paimon_schema_comment(const paimon_schema *schema);
/** The schema as a struct ArrowSchema of its fields (the layout of record batches). */
PAIMON_EXTERN int paimon_schema_to_arrow(const paimon_schema *schema, struct ArrowSchema *out,
                                         paimon_error *err);
/** The schema as JSON in Paimon's schema-file layout; `*json_out` is freed with paimon_free. */
PAIMON_EXTERN int paimon_schema_to_json(const paimon_schema *schema, char **json_out,
                                        paimon_error *err);

/* ------------------------------------------------------------------------------------------ */
/* Scans: planning and reading                                                                */
/* ------------------------------------------------------------------------------------------ */

#define PAIMON_SCAN_OPTIONS_VERSION 2

/** What to read. Initialise with PAIMON_SCAN_OPTIONS_INIT, then set the fields you need.
 *  Version 2 added `threads`; structs of version 1 (which end at `all_files`) are accepted and
 *  read single-threaded. */
typedef struct paimon_scan_options {
    uint32_t version;            /* PAIMON_SCAN_OPTIONS_VERSION */
    int64_t snapshot_id;         /* > 0: time travel to this snapshot */
    const char *tag;             /* non-NULL: time travel to this tag */
    bool has_timestamp;          /* time travel to the latest snapshot committed at or */
    int64_t timestamp_millis;    /*   before this instant (epoch milliseconds) */
    const char *const *columns;  /* projection by name, in output order; NULL = all */
    size_t column_count;
    const char *filter;          /* predicate, e.g. "a > 3 AND b IS NOT NULL"; NULL = none */
    int64_t limit;               /* stop after this many rows; < 0 = no limit */
    size_t batch_rows;           /* maximum rows per batch; 0 = default */
    bool all_files;              /* plan every live file, even those a batch read skips */
    /* Version 2. */
    uint32_t threads;            /* decode on up to this many worker threads (at most 256);
                                    0 or 1 = on the thread calling get_next. See below. */
} paimon_scan_options;

#define PAIMON_SCAN_OPTIONS_INIT                                                                   \
    { PAIMON_SCAN_OPTIONS_VERSION, 0, NULL, false, 0, NULL, 0, NULL, -1, 0, false, 0 }

/*
 * Parallel scans (threads > 1). A plan planned with threads > 1 is read (paimon_plan_read,
 * paimon_table_scan) by worker threads the stream starts: one data file at a time where a
 * split's files are read one after another (append tables, deletion-vector and first-row
 * primary-key tables), large Parquet and ORC files in slices of their row groups / stripes,
 * and one split at a time where the files are merged (merge-on-read) or combined (data
 * evolution), so a merge-on-read table gains only with several buckets or partitions. The
 * stream returns the rows, in the same batches and the same order, that the single-threaded
 * read returns; errors too come at the same point, with the same message. Memory stays
 * bounded: at most 2 * threads files, slices or splits are read ahead of the one get_next
 * returns from, and at most 8 * threads + 4 batches wait; once the ones read hold `limit` rows
 * no further one is started. The stream itself is still used by one thread at a time;
 * releasing it early stops and joins the workers (each finishes the batch it decodes). A plan
 * rebuilt from a serialized split reads single-threaded, and so do change streams
 * (paimon_table_changes).
 */

/*
 * Reads of two branches. When the latest schema of the branch read sets
 *   scan.fallback-branch = B: partitions that have data in the branch read come from it, the
 *     other partitions from branch B;
 *   scan.primary-branch = B: partitions that have data in branch B come from B, the others from
 *     the branch read;
 * as Java's FallbackReadFileStoreTable does for batch scans. The splits of a plan then belong to
 * two branches (paimon_split_branch). Both branches must have the same columns; each is read
 * with its own options (bucket count, merge engine, ...). Per-query time travel applies to
 * both: a snapshot id of the branch read is converted to the other branch's latest snapshot
 * committed at or before its time (snapshot 1 when there is none), a tag name or timestamp is
 * used as is. Change streams (paimon_table_changes) read the branch itself only.
 */

/** The files a scan reads, grouped into splits (one partition and bucket each). */
typedef struct paimon_plan paimon_plan;
typedef struct paimon_split paimon_split;
typedef struct paimon_data_file paimon_data_file;

PAIMON_EXTERN int paimon_table_plan(paimon_table *table, const paimon_scan_options *options,
                                    paimon_plan **out, paimon_error *err);
PAIMON_EXTERN void paimon_plan_free(paimon_plan *plan);
/** The snapshot planned (of the branch the table was opened on), or 0 when the table has no
 *  snapshot. */
PAIMON_EXTERN int64_t paimon_plan_snapshot_id(const paimon_plan *plan);
/** The id of the schema the rows are returned in. */
PAIMON_EXTERN int64_t paimon_plan_schema_id(const paimon_plan *plan);
PAIMON_EXTERN size_t paimon_plan_split_count(const paimon_plan *plan);
PAIMON_EXTERN const paimon_split *paimon_plan_split(const paimon_plan *plan, size_t i);
/** The output columns as a struct ArrowSchema. */
PAIMON_EXTERN int paimon_plan_arrow_schema(const paimon_plan *plan, struct ArrowSchema *out,
                                           paimon_error *err);

/** The split's partition as a JSON object, e.g. {"dt":"2024-01-01","hr":10} ({} if none). */
PAIMON_EXTERN const char *paimon_split_partition_json(const paimon_split *split);
PAIMON_EXTERN int32_t paimon_split_bucket(const paimon_split *split);
/** The branch whose files the split reads: "main" or a branch name (see above). */
PAIMON_EXTERN const char *paimon_split_branch(const paimon_split *split);
/** The snapshot of that branch the split was planned from (0 when the table had none). */
PAIMON_EXTERN int64_t paimon_split_snapshot_id(const paimon_split *split);
PAIMON_EXTERN size_t paimon_split_file_count(const paimon_split *split);
PAIMON_EXTERN const paimon_data_file *paimon_split_file(const paimon_split *split, size_t i);

PAIMON_EXTERN const char *paimon_data_file_name(const paimon_data_file *file);
/** Full path of the file. */
PAIMON_EXTERN const char *paimon_data_file_path(const paimon_data_file *file);
PAIMON_EXTERN int32_t paimon_data_file_level(const paimon_data_file *file);
PAIMON_EXTERN int64_t paimon_data_file_row_count(const paimon_data_file *file);
PAIMON_EXTERN int64_t paimon_data_file_size(const paimon_data_file *file);
PAIMON_EXTERN int64_t paimon_data_file_min_sequence_number(const paimon_data_file *file);
PAIMON_EXTERN int64_t paimon_data_file_max_sequence_number(const paimon_data_file *file);
PAIMON_EXTERN int64_t paimon_data_file_schema_id(const paimon_data_file *file);
/** The deletion vector of the file, if any: its index file name, offset, length and the
 *  number of deleted rows (-1 if unknown). Returns false when the file has none. */
PAIMON_EXTERN bool paimon_data_file_deletion_vector(const paimon_data_file *file,
                                                    const char **index_file_out,
                                                    int64_t *offset_out, int64_t *length_out,
                                                    int64_t *cardinality_out);

/** Serializes split `i` of a plan, with everything needed to read it elsewhere (snapshot and
 *  schema ids, output columns, filter, limit, partition, bucket, the files' manifest entries and
 *  their deletion vectors), as a self-contained JSON document (docs/split-format.md).
 *  `*json_out` is NUL-terminated and freed with paimon_free. */
PAIMON_EXTERN int paimon_plan_split_serialize(const paimon_plan *plan, size_t i, char **json_out,
                                              size_t *len_out, paimon_error *err);
/** Rebuilds a plan holding the one serialized split, for the same table opened in any process
 *  (its path may differ). A split of another branch than the one `table` was opened on (e.g.
 *  from a scan.fallback-branch read) is read with that branch's schemas. Read it with
 *  paimon_plan_read, passing `table`. */
PAIMON_EXTERN int paimon_plan_split_deserialize(paimon_table *table, const char *json, size_t len,
                                                paimon_plan **out, paimon_error *err);

/*
 * Record batches are struct arrays, one child per selected column, named like the column.
 * Arrow types (C Data Interface format strings) by Paimon type:
 *   BOOLEAN b, TINYINT c, SMALLINT s, INT i, BIGINT l, FLOAT f, DOUBLE g,
 *   DECIMAL(p, s) d:p,s (decimal128), CHAR/VARCHAR/STRING u (plain utf8: dictionary-encoded
 *   file columns are decoded, never returned as Arrow dictionaries), BINARY/VARBINARY/BYTES z,
 *   DATE tdD (days), TIME ttm (milliseconds), TIMESTAMP(p) tsm: / tsu: / tsn: for p <= 3,
 *   <= 6, else (no time zone), TIMESTAMP_LTZ(p) the same units with time zone "UTC",
 *   ARRAY +l (child "element"), MAP +m (struct "entries" of "key", "value"), MULTISET<T> as
 *   a map from T to its INT NOT NULL count, ROW +s (children named like its fields).
 * Fields carry metadata "paimon.type" (the Paimon type text) and, where Paimon numbers them
 * (columns and ROW fields), "paimon.id" (the field id). Nullability follows the schema's NOT NULL. Batches hold at most `batch_rows`
 * rows.
 */

/** Reads every split of the plan as one stream of record batches (struct arrays). The stream
 *  keeps what it needs; the plan may be freed while it is in use. */
PAIMON_EXTERN int paimon_plan_read(paimon_table *table, const paimon_plan *plan,
                                   struct ArrowArrayStream *out, paimon_error *err);
/** Plans and reads in one call. */
PAIMON_EXTERN int paimon_table_scan(paimon_table *table, const paimon_scan_options *options,
                                    struct ArrowArrayStream *out, paimon_error *err);

/* ------------------------------------------------------------------------------------------ */
/* Changes between snapshots                                                                  */
/* ------------------------------------------------------------------------------------------ */

#define PAIMON_CHANGES_OPTIONS_VERSION 1

typedef struct paimon_changes_options {
    uint32_t version;           /* PAIMON_CHANGES_OPTIONS_VERSION */
    int64_t from_snapshot;      /* exclusive: changes committed after this snapshot (0 = all) */
    int64_t to_snapshot;        /* inclusive; <= 0 = the latest snapshot */
    const char *const *columns; /* projection; NULL = all columns of the schema of to_snapshot */
    size_t column_count;
    const char *filter;         /* predicate on the columns; NULL = none */
    int64_t limit;              /* < 0 = no limit */
    size_t batch_rows;          /* 0 = default */
} paimon_changes_options;

#define PAIMON_CHANGES_OPTIONS_INIT                                                                \
    { PAIMON_CHANGES_OPTIONS_VERSION, 0, 0, NULL, 0, NULL, -1, 0 }

/** The changes committed by snapshots from_snapshot+1 .. to_snapshot, as a streaming reader
 *  sees them: batches whose first column "_ROW_KIND" (utf8) holds "+I", "-U", "+U" or "-D",
 *  followed by the selected columns. The table options that decide what a stream reads apply
 *  (changelog-producer, streaming-read-append-overwrite, scan.bounded.watermark; see
 *  docs/read-options.md); those that decide where a stream starts do not, the range does. */
PAIMON_EXTERN int paimon_table_changes(paimon_table *table, const paimon_changes_options *options,
                                       struct ArrowArrayStream *out, paimon_error *err);


/* ------------------------------------------------------------------------------------------ */
/* Rendering values of record batches as text                                                 */
/* ------------------------------------------------------------------------------------------ */

enum {
    /* JSON values: numbers, strings, "NaN"/"Infinity", decimals as strings with exactly `scale`
     * fraction digits, binaries in base64, dates "YYYY-MM-DD", times "HH:MM:SS[.fff]",
     * timestamps "YYYY-MM-DD HH:MM:SS[.f...]" (local time zone ones in UTC), arrays and rows as
     * arrays, maps as arrays of [key, value] pairs, null as null. */
    PAIMON_STYLE_JSON = 0,
    /* The same, but top-level strings unquoted and null as the empty string (for CSV and
     * tables). */
    PAIMON_STYLE_TEXT = 1
};

/** Renders cells of record batches with a given schema (a struct ArrowSchema as returned by
 *  paimon_plan_arrow_schema or a stream's get_schema; columns of other producers are rendered
 *  from their Arrow types). */
typedef struct paimon_row_formatter paimon_row_formatter;

PAIMON_EXTERN int paimon_row_formatter_new(const struct ArrowSchema *schema, int style,
                                           paimon_row_formatter **out, paimon_error *err);
PAIMON_EXTERN void paimon_row_formatter_free(paimon_row_formatter *formatter);
/** Renders cell (row, column) of `batch`; the text stays valid until the next call. */
PAIMON_EXTERN const char *paimon_row_formatter_cell(paimon_row_formatter *formatter,
                                                    const struct ArrowArray *batch, int64_t row,
                                                    size_t column, size_t *len_out);
/** Renders a whole row as a JSON array, e.g. [1,"a",null]; valid until the next call. */
PAIMON_EXTERN const char *paimon_row_formatter_row_json(paimon_row_formatter *formatter,
                                                        const struct ArrowArray *batch,
                                                        int64_t row, size_t *len_out);

#ifdef __cplusplus
}
#endif

#endif /* PAIMON_H */
