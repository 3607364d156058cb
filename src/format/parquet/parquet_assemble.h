/*
 * parquet_assemble.h - matching requested Paimon fields to the Parquet schema, and rebuilding
 * nested values (structs, lists, maps) from the levels of their leaves.
 *
 * The plan mirrors the requested types: a tree of pm_pq_rnode, one per requested node, whose
 * leaves are pm_pq_leaf column readers writing into the matching pm_col. Struct and list nodes
 * take their validity and offsets from the levels of one leaf below them (every leaf under a
 * node carries the same information about it). Requested nodes the file does not have read as
 * nulls.
 */
#ifndef PM_FORMAT_PARQUET_ASSEMBLE_H
#define PM_FORMAT_PARQUET_ASSEMBLE_H

#include "format/parquet/parquet_column.h"

typedef enum pm_pq_rkind {
    PM_PQ_RN_MISSING,
    PM_PQ_RN_LEAF,
    PM_PQ_RN_STRUCT,
    PM_PQ_RN_LIST,
} pm_pq_rkind;

typedef struct pm_pq_rnode pm_pq_rnode;

struct pm_pq_rnode {
    pm_pq_rkind kind;
    int def;        /* def >= def: the node is not null */
    int slot_def;   /* an entry with rep <= slot_rep and def >= slot_def makes a slot */
    int slot_rep;
    int elem_def;   /* LIST: def >= elem_def: the slot has an element */
    int rep;        /* LIST: the repetition level of its elements */
    int leaf;       /* LEAF: its reader; STRUCT/LIST: the reader whose levels describe it */
    pm_pq_rnode *children;
    size_t child_count;
};

typedef struct pm_pq_plan {
    pm_field *fields;    /* deep copy of the requested fields */
    size_t field_count;
    pm_col *cols;        /* one per field */
    pm_pq_rnode *nodes;  /* one per field */
    pm_pq_leaf *leaves;
    size_t leaf_count;
    size_t leaf_cap;
    pm_buf valid;        /* scratch validity of one node */
} pm_pq_plan;

int pm_pq_plan_build(const pm_pq_schema *schema, const pm_field *fields, size_t count,
                     pm_pq_plan *out, paimon_error *err);
void pm_pq_plan_dispose(pm_pq_plan *p);

/* After every leaf read `rows` rows: builds the nested structure of field i and checks that
 * all parts agree in length. */
int pm_pq_assemble(pm_pq_plan *p, size_t field, size_t rows, paimon_error *err);

#endif
