/* Column builders produce valid Arrow arrays that read back the values appended. */
#include "test.h"
#include "data/arrow_builder.h"
#include "util/mem.h"

#include <stdio.h>

TEST(atomic_columns_roundtrip) {
    paimon_error err = {0};
    pm_type *t;
    CHECK_OK(pm_type_parse("ROW<i INT, s STRING, d DECIMAL(20, 2), ts TIMESTAMP(6), b BOOLEAN>",
                           &t, &err), &err);
    pm_col cols[5];
    for (int k = 0; k < 5; k++)
        CHECK_OK(pm_col_init(&cols[k], t->fields[k].type, &err), &err);
    for (int r = 0; r < 100; r++) {
        if (r % 10 == 3) {
            for (int k = 0; k < 5; k++)
                CHECK_EQ_INT(pm_col_append_null(&cols[k]), PAIMON_OK);
            continue;
        }
        char text[32];
        int n = snprintf(text, sizeof text, "row-%d", r);
        pm_timestamp ts = {1700000000000LL + r, 123000};
        CHECK_EQ_INT(pm_col_append_int(&cols[0], r * 3), PAIMON_OK);
        CHECK_EQ_INT(pm_col_append_bytes(&cols[1], text, (size_t)n), PAIMON_OK);
        CHECK_EQ_INT(pm_col_append_decimal(&cols[2], pm_dec_from_i64(-r * 101)), PAIMON_OK);
        CHECK_EQ_INT(pm_col_append_timestamp(&cols[3], ts), PAIMON_OK);
        CHECK_EQ_INT(pm_col_append_bool(&cols[4], r % 2 == 0), PAIMON_OK);
    }
    struct ArrowArray arrays[5];
    for (int k = 0; k < 5; k++) {
        CHECK_OK(pm_col_finish(&cols[k], &arrays[k], &err), &err);
        CHECK_EQ_INT(arrays[k].length, 100);
        CHECK_EQ_INT(arrays[k].null_count, 10);
    }
    for (int r = 0; r < 100; r++) {
        pm_datum d0 = pm_arrow_get_datum(&arrays[0], t->fields[0].type, r);
        pm_datum d1 = pm_arrow_get_datum(&arrays[1], t->fields[1].type, r);
        pm_datum d2 = pm_arrow_get_datum(&arrays[2], t->fields[2].type, r);
        pm_datum d3 = pm_arrow_get_datum(&arrays[3], t->fields[3].type, r);
        pm_datum d4 = pm_arrow_get_datum(&arrays[4], t->fields[4].type, r);
        if (r % 10 == 3) {
            CHECK(d0.is_null && d1.is_null && d2.is_null && d3.is_null && d4.is_null);
            continue;
        }
        char text[32];
        int n = snprintf(text, sizeof text, "row-%d", r);
        CHECK_EQ_INT(d0.v.i, r * 3);
        CHECK_EQ_INT(d1.v.bytes.len, n);
        CHECK_EQ_MEM(d1.v.bytes.ptr, text, (size_t)n);
        CHECK(pm_dec_compare(d2.v.dec, pm_dec_from_i64(-r * 101)) == 0);
        CHECK_EQ_INT(d3.v.ts.millis, 1700000000000LL + r);
        CHECK_EQ_INT(d3.v.ts.nanos, 123000);
        CHECK_EQ_INT(d4.v.b, r % 2 == 0);
    }
    for (int k = 0; k < 5; k++) {
        arrays[k].release(&arrays[k]);
        CHECK(arrays[k].release == NULL);
        pm_col_dispose(&cols[k]);
    }
    pm_type_free(t);
}

TEST(nested_columns_and_schema) {
    paimon_error err = {0};
    pm_type *t;
    CHECK_OK(pm_type_parse("ROW<a ARRAY<INT>, m MAP<STRING, BIGINT>, r ROW<x INT, y STRING>>", &t,
                           &err), &err);
    pm_col c;
    CHECK_OK(pm_col_init(&c, t, &err), &err);
    /* Row 0: a = [1, 2], m = {"k": 7}, r = (5, "y5"). Row 1: all null (struct null). */
    pm_col *a = &c.children[0], *m = &c.children[1], *r = &c.children[2];
    CHECK_EQ_INT(pm_col_append_int(&a->children[0], 1), 0);
    CHECK_EQ_INT(pm_col_append_int(&a->children[0], 2), 0);
    CHECK_EQ_INT(pm_col_list_close(a), 0);
    pm_col *entries = &m->children[0];
    CHECK_EQ_INT(pm_col_append_bytes(&entries->children[0], "k", 1), 0);
    CHECK_EQ_INT(pm_col_append_int(&entries->children[1], 7), 0);
    CHECK_EQ_INT(pm_col_struct_close(entries), 0);
    CHECK_EQ_INT(pm_col_list_close(m), 0);
    CHECK_EQ_INT(pm_col_append_int(&r->children[0], 5), 0);
    CHECK_EQ_INT(pm_col_append_bytes(&r->children[1], "y5", 2), 0);
    CHECK_EQ_INT(pm_col_struct_close(r), 0);
    CHECK_EQ_INT(pm_col_struct_close(&c), 0);
    CHECK_EQ_INT(pm_col_append_null(&c), 0);

    struct ArrowArray arr;
    CHECK_OK(pm_col_finish(&c, &arr, &err), &err);
    CHECK_EQ_INT(arr.length, 2);
    CHECK_EQ_INT(arr.null_count, 1);
    CHECK_EQ_INT(arr.n_children, 3);
    CHECK_EQ_INT(arr.children[0]->length, 2); /* struct children padded with nulls */
    CHECK_EQ_INT(arr.children[0]->children[0]->length, 2);
    CHECK_EQ_INT(arr.children[1]->children[0]->n_children, 2);

    /* Copying rows re-creates the same nested values. */
    pm_col copy;
    CHECK_OK(pm_col_init(&copy, t, &err), &err);
    CHECK_EQ_INT(pm_col_append_from(&copy, &arr, 0), 0);
    CHECK_EQ_INT(pm_col_append_from(&copy, &arr, 1), 0);
    struct ArrowArray arr2;
    CHECK_OK(pm_col_finish(&copy, &arr2, &err), &err);
    CHECK_EQ_INT(arr2.null_count, 1);
    pm_datum y = pm_arrow_get_datum(arr2.children[2]->children[1], t->fields[2].type->fields[1].type,
                                    0);
    CHECK_EQ_INT(y.v.bytes.len, 2);
    CHECK_EQ_MEM(y.v.bytes.ptr, "y5", 2);

    struct ArrowSchema schema;
    pm_field field = {7, "col", t, NULL, NULL};
    CHECK_OK(pm_arrow_schema_for_field(&field, &schema, &err), &err);
    CHECK_EQ_STR(schema.format, "+s");
    CHECK_EQ_STR(schema.children[0]->format, "+l");
    CHECK_EQ_STR(schema.children[1]->format, "+m");
    CHECK_EQ_STR(schema.children[1]->children[0]->format, "+s");
    CHECK_EQ_STR(schema.children[1]->children[0]->children[0]->name, "key");
    CHECK_EQ_INT(schema.children[1]->children[0]->children[0]->flags & ARROW_FLAG_NULLABLE, 0);
    schema.release(&schema);
    arr.release(&arr);
    arr2.release(&arr2);
    pm_col_dispose(&c);
    pm_col_dispose(&copy);
    pm_type_free(t);
}

TEST(bulk_advance_with_validity) {
    paimon_error err = {0};
    pm_type *t = pm_type_new(PM_TYPE_BIGINT, true);
    pm_col c;
    CHECK_OK(pm_col_init(&c, t, &err), &err);
    for (int round = 0; round < 3; round++) {
        CHECK_EQ_INT(pm_col_reserve(&c, 10), 0);
        int64_t *values = (int64_t *)(void *)(c.values.data + c.length * 8);
        uint8_t valid[10];
        for (int i = 0; i < 10; i++) {
            values[i] = round * 10 + i;
            valid[i] = (uint8_t)(round != 1 || i % 2 == 0);
        }
        CHECK_EQ_INT(pm_col_advance(&c, 10, round == 0 ? NULL : valid), 0);
    }
    struct ArrowArray arr;
    CHECK_OK(pm_col_finish(&c, &arr, &err), &err);
    CHECK_EQ_INT(arr.length, 30);
    CHECK_EQ_INT(arr.null_count, 5);
    for (int i = 0; i < 30; i++) {
        pm_datum d = pm_arrow_get_datum(&arr, t, i);
        bool null = i >= 10 && i < 20 && i % 2 == 1;
        CHECK_EQ_INT(d.is_null, null);
        if (!null)
            CHECK_EQ_INT(d.v.i, i);
    }
    arr.release(&arr);
    pm_col_dispose(&c);
    pm_type_free(t);
}

TEST(finish_failure_leaves_a_usable_builder) {
    paimon_error err = {0};
    pm_type *t = pm_type_new(PM_TYPE_VARCHAR, true);
    pm_col c;
    CHECK_OK(pm_col_init(&c, t, &err), &err);
    CHECK_EQ_INT(pm_col_append_bytes(&c, "abc", 3), PAIMON_OK);
    /* Fail every allocation finish makes, one after the other. */
    for (long n = 0; n < 6; n++) {
        struct ArrowArray arr;
        pm_mem_fail_after(n);
        int rc = pm_col_finish(&c, &arr, &err);
        pm_mem_fail_after(-1);
        if (rc == PAIMON_OK)
            arr.release(&arr);
        pm_col_clear(&c); /* must not crash whatever happened */
        CHECK_EQ_INT(pm_col_append_bytes(&c, "xyz", 3), PAIMON_OK);
        CHECK_EQ_INT(c.length, 1);
    }
    pm_col_dispose(&c);
    pm_type_free(t);
}

/* Builders with a pool reuse the buffers of released batches, and batches released after the
 * builder and the pool's owner are gone still free cleanly. */
TEST(pooled_builders_reuse_released_buffers) {
    paimon_error err = {0};
    pm_buf_pool *pool;
    CHECK_OK(pm_buf_pool_new(&pool, &err), &err);
    pm_type *t;
    CHECK_OK(pm_type_parse("ROW<i BIGINT, s STRING, b BOOLEAN>", &t, &err), &err);
    pm_col cols[3];
    for (int k = 0; k < 3; k++) {
        CHECK_OK(pm_col_init(&cols[k], t->fields[k].type, &err), &err);
        pm_col_set_pool(&cols[k], pool);
    }
    const void *first_values = NULL, *first_strings = NULL;
    struct ArrowArray held[3];
    for (int batch = 0; batch < 4; batch++) {
        for (int r = 0; r < 5000; r++) {
            char text[40];
            int n = snprintf(text, sizeof text, "batch %d row %d", batch, r);
            if (r == 7)
                CHECK_EQ_INT(pm_col_append_null(&cols[0]), PAIMON_OK);
            else
                CHECK_EQ_INT(pm_col_append_int(&cols[0], batch * 100000 + r), PAIMON_OK);
            CHECK_EQ_INT(pm_col_append_bytes(&cols[1], text, (size_t)n), PAIMON_OK);
            CHECK_EQ_INT(pm_col_append_bool(&cols[2], r % 3 == 0), PAIMON_OK);
        }
        struct ArrowArray a[3];
        for (int k = 0; k < 3; k++)
            CHECK_OK(pm_col_finish(&cols[k], &a[k], &err), &err);
        CHECK_EQ_INT(a[0].null_count, 1);
        CHECK(!pm_arrow_is_valid(&a[0], 7));
        for (int r = 0; r < 5000; r += 997) {
            char text[40];
            int n = snprintf(text, sizeof text, "batch %d row %d", batch, r);
            pm_datum s = pm_arrow_get_datum(&a[1], t->fields[1].type, r);
            CHECK_EQ_INT(s.v.bytes.len, n);
            CHECK(memcmp(s.v.bytes.ptr, text, (size_t)n) == 0);
            if (r != 7)
                CHECK_EQ_INT(pm_arrow_get_datum(&a[0], t->fields[0].type, r).v.i,
                             batch * 100000 + r);
            CHECK_EQ_INT(pm_arrow_get_datum(&a[2], t->fields[2].type, r).v.b, r % 3 == 0);
        }
        if (batch == 0) {
            first_values = a[0].buffers[1];
            first_strings = a[1].buffers[2];
        }
        if (batch == 2) {
            /* batch 0 was released before batch 1 was built: its buffers came back */
            CHECK(a[0].buffers[1] == first_values || a[1].buffers[2] == first_strings);
        }
        if (batch < 3) {
            for (int k = 0; k < 3; k++)
                a[k].release(&a[k]);
        } else {
            memcpy(held, a, sizeof held);
        }
    }
    for (int k = 0; k < 3; k++)
        pm_col_dispose(&cols[k]);
    CHECK(pm_buf_pool_count(pool, NULL) > 0); /* the builders gave their buffers back */
    pm_buf_pool_release(pool); /* the held arrays keep it alive */
    for (int k = 0; k < 3; k++) {
        CHECK_EQ_INT(held[k].length, 5000);
        held[k].release(&held[k]);
    }
    pm_type_free(t);
}
