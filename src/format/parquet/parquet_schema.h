/*
 * parquet_schema.h - the Parquet schema as a tree, and its translation to Paimon types.
 *
 * The footer lists schema elements flat, depth first, each group announcing its child count.
 * pm_pq_schema rebuilds the tree, checks it (counts, depth, leaf types) and computes the
 * definition and repetition levels of every node: a node's def level counts the optional and
 * repeated nodes on its path (itself included), its rep level the repeated ones. Leaves are
 * numbered in order; leaf i is column chunk i of every row group.
 */
#ifndef PM_FORMAT_PARQUET_SCHEMA_H
#define PM_FORMAT_PARQUET_SCHEMA_H

#include "data/type.h"
#include "format/parquet/parquet_meta.h"

typedef struct pm_pq_node pm_pq_node;

struct pm_pq_node {
    const pm_pq_schema_elem *elem;
    pm_pq_node *parent;
    pm_pq_node **children;
    size_t child_count;
    int def_level;
    int rep_level;
    int depth;      /* root = 0 */
    int leaf_index; /* -1 for groups */
};

typedef struct pm_pq_schema {
    pm_pq_node *nodes; /* nodes[0] is the root */
    size_t node_count;
    pm_pq_node **leaves;
    size_t leaf_count;
    pm_arena arena;
} pm_pq_schema;

static inline bool pm_pq_node_is_leaf(const pm_pq_node *n) { return n->leaf_index >= 0; }
static inline bool pm_pq_node_repeated(const pm_pq_node *n) {
    return n->elem->repetition == PM_PQ_REPEATED;
}

int pm_pq_schema_build(const pm_pq_file_meta *meta, pm_pq_schema *out, paimon_error *err);
void pm_pq_schema_dispose(pm_pq_schema *s);

/* Child of a group by exact name, or NULL. */
const pm_pq_node *pm_pq_node_child(const pm_pq_node *group, const char *name);

/* How a group holding a list is laid out: the repeated node and the node holding one element
 * (the repeated node itself for the legacy 2-level layouts). Fails when `group` is not a list. */
int pm_pq_list_parts(const pm_pq_node *group, const pm_pq_node **repeated,
                     const pm_pq_node **element, paimon_error *err);

bool pm_pq_node_is_list(const pm_pq_node *n); /* LIST-annotated group */
bool pm_pq_node_is_map(const pm_pq_node *n);  /* MAP / MAP_KEY_VALUE-annotated group */

/* The PM_PQ_UNIT_* of a TIME (`timestamp` false) or TIMESTAMP column from its logical type or
 * legacy converted type, 0 when not annotated so; `*utc` receives isAdjustedToUTC (implied by the
 * legacy annotations). */
int pm_pq_time_unit(const pm_pq_schema_elem *e, bool timestamp, bool *utc);
/* Fraction digits of a unit: 3, 6 or 9. */
int pm_pq_unit_precision(int unit);

/* The Paimon type a node reads as by default (nullable unless REQUIRED). */
int pm_pq_node_to_type(const pm_pq_node *n, pm_type **out, paimon_error *err);

/* The top-level columns of a file as Paimon fields (ids from the Parquet field ids when
 * present, else the column position). Free with pm_pq_fields_free. */
int pm_pq_schema_to_fields(const pm_pq_schema *s, pm_field **out, size_t *count,
                           paimon_error *err);
void pm_pq_fields_free(pm_field *fields, size_t count);

#endif
