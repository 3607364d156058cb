/*
 * agg_internal.h - what the aggregator files share: the aggregator struct, its per-function
 * operations, read-only Arrow views over pm_col builders, Java value semantics of Arrow cells
 * (hashCode, equals, compareTo) and the emulation of java.util.HashMap iteration order.
 *
 * Accumulator representation, the same for every function so that `pm_field_agg_set` and
 * `pm_field_agg_result` need not know the function:
 *   - atomic types: `acc` (a pm_datum) whose string/binary payload lives in `acc_bytes`;
 *   - nested types: `cur`, a builder of the column's type holding exactly one row.
 * `is_null` says whether the accumulator is null (then `acc`/`cur` are meaningless).
 */
#ifndef PM_AGG_INTERNAL_H
#define PM_AGG_INTERNAL_H

#include "agg/field_agg.h"
#include "util/buf.h"

#include <stdbool.h>
#include <stdint.h>

/* ---- read-only views of builders ---- */

/* A non-owning ArrowArray over the current content of a pm_col tree. The node structure is
 * allocated once (the type's shape does not change); agg_view_of refreshes lengths and buffer
 * pointers, which move whenever the builder grows. */
typedef struct agg_view {
    struct ArrowArray arr;
    const void *bufs[3];
    struct ArrowArray **child_ptrs;
    struct agg_view *children;
    size_t child_count;
} agg_view;

int agg_view_init(agg_view *v, const pm_col *shape);
const struct ArrowArray *agg_view_of(agg_view *v, const pm_col *c);
void agg_view_dispose(agg_view *v);

/* ---- cells ---- */

typedef struct agg_cell {
    const struct ArrowArray *arr;
    int64_t idx;
} agg_cell;

/* Element range [start, end) of the list (ARRAY/MAP/MULTISET) value at `row`. */
void agg_list_range(const struct ArrowArray *a, int64_t row, int64_t *start, int64_t *end);

/* Java's equals between two cells of `type` (the generated RecordEqualiser for nested values):
 * nulls equal each other, floats compare by Float/Double.compare, strings and binaries by
 * bytes, decimals and timestamps by value, nested values structurally. */
bool agg_cell_equals(const pm_type *type, agg_cell a, agg_cell b);
/* hashCode() of the Java object an atomic cell becomes (Integer, Long, BinaryString, Decimal,
 * Timestamp, ...); 0 for null. Only for types agg_java_hashable() accepts. */
int32_t agg_java_hash(const pm_type *type, agg_cell c);
/* Types whose Java objects have value-based hashCode/equals (no byte[], no nested). */
bool agg_java_hashable(const pm_type *type);

/* ---- java.util.HashMap emulation ---- */

/* Keys are identified by caller ids; the caller answers questions about them. */
typedef struct jhm_key_ops {
    bool (*equals)(void *ctx, uint32_t a, uint32_t b);
    bool (*is_null)(void *ctx, uint32_t a);
    /* compareTo of two non-null keys when the key class is Comparable, else 0. */
    int (*compare)(void *ctx, uint32_t a, uint32_t b);
    /* Order of two unequal non-null keys that compare() cannot order (Java falls back to
     * identity hash codes there, so any fixed order is one Java could have produced). */
    int (*tiebreak)(void *ctx, uint32_t a, uint32_t b);
} jhm_key_ops;

typedef struct jhm_node {
    int32_t hash; /* spread hash: h ^ (h >>> 16) */
    uint32_t key;
    uint32_t val;
    int32_t next, prev, left, right, parent;
    bool red;
} jhm_node;

typedef struct jhm {
    jhm_node *nodes;
    size_t node_count, node_cap;
    int32_t *table;
    uint8_t *tree; /* per bucket: 1 when the bin is a red-black tree */
    size_t table_alloc;
    uint32_t cap; /* current table length, 0 before the first insertion */
    uint32_t size;
    uint32_t threshold;
    const jhm_key_ops *ops;
    void *ctx;
} jhm;

void jhm_init(jhm *m, const jhm_key_ops *ops);
void jhm_dispose(jhm *m);
/* Empties the map (a `new HashMap<>()`), keeping allocations. */
void jhm_clear(jhm *m, void *ctx);
/* Node index of the key equal to `key`, or -1. `h` is the key's hashCode(). */
int32_t jhm_find(jhm *m, int32_t h, uint32_t key);
/* HashMap.put: replaces the value of an equal key (keeping the old key), else inserts.
 * Returns PAIMON_OK or PAIMON_ENOMEM. */
int jhm_put(jhm *m, int32_t h, uint32_t key, uint32_t val);
/* HashMap.remove. */
void jhm_remove(jhm *m, int32_t h, uint32_t key);
/* Iteration in Java's order: first node, then jhm_next until -1. */
int32_t jhm_first(const jhm *m);
int32_t jhm_next(const jhm *m, int32_t node);

/* ---- the aggregator ---- */

typedef struct agg_ops {
    int (*add)(pm_field_agg *a, const struct ArrowArray *in, int64_t row, paimon_error *err);
    /* NULL when the function has no retraction. */
    int (*retract)(pm_field_agg *a, const struct ArrowArray *in, int64_t row, paimon_error *err);
} agg_ops;

typedef struct agg_span {
    size_t off, len;
    bool from_input;
} agg_span;

typedef enum agg_null_strategy {
    AGG_NESTED_NULL_MERGE,
    AGG_NESTED_NULL_IGNORE,
    AGG_NESTED_NULL_ERROR,
} agg_null_strategy;

struct pm_field_agg {
    const agg_ops *ops;
    char *function; /* the name the table uses (legacy names kept) */
    char *column;
    pm_type *type; /* owned clone */
    bool nested;   /* accumulator in `cur` rather than `acc` */

    bool is_null;
    pm_datum acc;
    pm_buf acc_bytes;
    bool initialized; /* first_value, first_non_null_value */

    pm_col cur, next; /* nested accumulators: the value and the one being built */
    agg_view cur_view;
    pm_col prev; /* pm_field_agg_add_reversed: the accumulator it replaces, as one row */
    agg_view prev_view;
    bool prev_ready;

    /* options */
    bool distinct;
    pm_buf delimiter;
    int32_t count_limit;
    int32_t *nested_key; /* field indexes of nested-key, nested_key_count entries */
    size_t nested_key_count;
    int32_t *nested_seq; /* nested-sequence-field */
    size_t nested_seq_count;
    agg_null_strategy null_strategy;
    int32_t ts_field; /* merge_map_with_keytime */

    /* scratch reused across calls */
    pm_buf scratch;
    agg_span *tokens; /* listagg */
    size_t token_cap;
    agg_cell *cells;
    size_t cell_count, cell_cap;
    int32_t *hashes;
    size_t hash_cap;
    pm_buf keys;       /* nested keys: concatenated BinaryRow bytes */
    size_t *key_offs;  /* key i = keys[key_offs[i], key_offs[i + 1]) */
    size_t key_offs_cap;
    int32_t *marks;
    size_t mark_cap;
    jhm map;
    const pm_type *key_type; /* of the cells the map's keys refer to */
    void *bitmap; /* rbm32/rbm64 scratch */
};

/* Setting the accumulator. */
int agg_keep(pm_field_agg *a, const struct ArrowArray *in, int64_t row, paimon_error *err);
int agg_keep_bytes(pm_field_agg *a, const uint8_t *data, size_t len, paimon_error *err);
void agg_set_null(pm_field_agg *a);
/* The accumulator of a nested column as an array of length 1. */
const struct ArrowArray *agg_cur(pm_field_agg *a);
/* Makes `next` the accumulator (a value of one row just built there). */
void agg_swap_next(pm_field_agg *a);

int agg_err_retract(const pm_field_agg *a, paimon_error *err);
/* Grows the scratch cell table to hold n cells. */
int agg_cells_reserve(pm_field_agg *a, size_t n, paimon_error *err);

/* Function families, in their own files. */
extern const agg_ops agg_sum_ops, agg_product_ops, agg_max_ops, agg_min_ops, agg_last_value_ops,
    agg_last_non_null_ops, agg_first_value_ops, agg_first_non_null_ops, agg_listagg_ops,
    agg_bool_and_ops, agg_bool_or_ops, agg_primary_key_ops;
extern const agg_ops agg_collect_ops, agg_merge_map_ops, agg_merge_map_keytime_ops,
    agg_nested_update_ops, agg_nested_partial_update_ops;
extern const agg_ops agg_rbm32_ops, agg_rbm64_ops, agg_theta_ops, agg_hll_ops;
void agg_bitmap_free(pm_field_agg *a);
/* A union of two serialized values (rbm64, theta_sketch, hll_sketch), written to `out`. */
typedef int (*agg_union_fn)(const uint8_t *acc, size_t acc_len, const uint8_t *in,
                            size_t in_len, pm_buf *out, paimon_error *err);
/* `add` of the functions that keep the first non-null value and then replace the accumulator
 * with union(accumulator, input), as Java's Field*Agg.agg does for them. */
int agg_union_add(pm_field_agg *a, const struct ArrowArray *in, int64_t row, agg_union_fn fn,
                  paimon_error *err);
/* The union Java's FieldThetaSketchAgg computes of two serialized Theta sketches
 * (agg_theta.c). */
int agg_theta_union(const uint8_t *acc, size_t acc_len, const uint8_t *in, size_t in_len,
                    pm_buf *out, paimon_error *err);
/* The union Java's FieldHllSketchAgg computes of two serialized HLL sketches (agg_hll.c). */
int agg_hll_union(const uint8_t *acc, size_t acc_len, const uint8_t *in, size_t in_len,
                  pm_buf *out, paimon_error *err);
/* The union Java's FieldRoaringBitmap64Agg computes of two serialized Roaring64Bitmaps, written
 * to `out` (agg_rbm64.c). */
int agg_rbm64_union(const uint8_t *acc, size_t acc_len, const uint8_t *in, size_t in_len,
                    pm_buf *out, paimon_error *err);

/* Encodes the projection of struct row `idx` of `rows` on `fields` as a Paimon BinaryRow
 * (header 0), appending the bytes to `out`. Fields must be atomic. */
int agg_binrow_project(const pm_type *row_type, const struct ArrowArray *rows, int64_t idx,
                       const int32_t *fields, size_t field_count, pm_buf *out);
bool agg_binrow_supports(const pm_type *type);

#endif
