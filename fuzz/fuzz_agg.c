/*
 * fuzz_agg.c - aggregate functions over untrusted values.
 *
 * Byte 0 picks the function (byte 0 % 5):
 *   0, 2, 3, 4: rbm32, rbm64, theta_sketch or hll_sketch over serialized values (the rest split
 *         into values at 0xFF 0xFE markers); every union that succeeds is checked to be a fixed
 *         point: its union with an empty value gives the same bytes, as Java's would (for
 *         hll_sketch, an empty sketch of the result's lgK; a SET result, whose coupon order
 *         depends on the order they are inserted in, only has to keep its coupons);
 *   1:    collect (distinct) / nested_update keyed on an INT, over values taken from the first
 *         NESTED_MAX_BYTES bytes (both are quadratic in the number of elements, as in Java, so
 *         longer inputs only slow the fuzzer down), checking that the distinct result has no
 *         duplicates.
 *
 * Memory: what one execution allocates is bounded by a small multiple of its input plus fixed
 * caps no legal value reaches (an HLL gadget of at most 2^21 registers, coupon tables of at most
 * 2^18 ints, Theta's at most 2^14 hashes); the largest single allocation seen in long runs is
 * ~2 MB. The fuzzer's resident size is almost all AddressSanitizer's quarantine, which keeps up
 * to 256 MB of freed blocks to catch use-after-free, filled by the many small allocations of
 * each run (ASAN_OPTIONS=quarantine_size_mb=0 runs the same inputs in ~50 MB).
 */
#include "agg/field_agg.h"
#include "util/endian.h"

#include <stdlib.h>
#include <string.h>

#define NESTED_MAX_BYTES 256

typedef struct union_fn {
    const char *name;
    const uint8_t *empty; /* the serialized empty value */
    size_t empty_len;
} union_fn;

static const uint8_t EMPTY_RBM32[8] = {0x3a, 0x30, 0, 0, 0, 0, 0, 0};
static const uint8_t EMPTY_RBM64[1] = {0};
static const uint8_t EMPTY_THETA[8] = {1, 3, 3, 0, 0, 0x1E, 0, 0};
/* an empty HLL sketch; byte 3 (lgK) is set to the result's */
static const uint8_t EMPTY_HLL[8] = {2, 1, 7, 12, 3, 0x0C, 0, 0};

static const union_fn UNIONS[5] = {
    {"rbm32", EMPTY_RBM32, sizeof EMPTY_RBM32},
    {NULL, NULL, 0},
    {"rbm64", EMPTY_RBM64, sizeof EMPTY_RBM64},
    {"theta_sketch", EMPTY_THETA, sizeof EMPTY_THETA},
    {"hll_sketch", EMPTY_HLL, sizeof EMPTY_HLL},
};

static bool is_hll(const union_fn *fn) { return fn->empty == EMPTY_HLL; }

static int cmp_u32(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* The non-zero coupons of a compact HLL SET image, sorted; -1 when its count disagrees with
 * them (a corrupt input's count carried over). */
static long set_coupons(const uint8_t *p, size_t n, uint32_t *out, size_t cap) {
    if (n < 12 || (n - 12) / 4 > cap)
        return -1;
    size_t k = 0;
    for (size_t at = 12; at + 4 <= n; at += 4) {
        uint32_t c = pm_load_le32(p + at);
        if (c != 0)
            out[k++] = c;
    }
    if (k != pm_load_le32(p + 8))
        return -1;
    qsort(out, k, sizeof *out, cmp_u32);
    return (long)k;
}

/* Whether `again` (the union of result `d` with an empty value) reproduces `d`. */
static bool same_result(const union_fn *fn, const uint8_t *d, size_t dn, const uint8_t *again,
                        size_t an) {
    if (dn == an && memcmp(d, again, dn) == 0)
        return true;
    if (!is_hll(fn) || dn < 12 || an != dn || (d[7] & 3) != 1)
        return false;
    /* SET: re-inserting the coupons may lay the table out differently */
    static uint32_t x[1 << 18], y[1 << 18];
    long nx = set_coupons(d, dn, x, 1 << 18), ny = set_coupons(again, an, y, 1 << 18);
    if (nx < 0)
        return true; /* the count was corrupt: nothing to compare */
    return nx == ny && memcmp(x, y, (size_t)nx * sizeof *x) == 0 && memcmp(d, again, 4) == 0;
}

static int add_bytes(pm_field_agg *a, const pm_type *t, const uint8_t *p, size_t n) {
    pm_col c;
    struct ArrowArray arr;
    if (pm_col_init(&c, t, NULL) != PAIMON_OK)
        return -1;
    pm_col_append_bytes(&c, p, n);
    int rc = pm_col_finish(&c, &arr, NULL);
    pm_col_dispose(&c);
    if (rc != PAIMON_OK)
        return rc;
    rc = pm_field_agg_add(a, &arr, 0, NULL);
    arr.release(&arr);
    return rc;
}

static int result(pm_field_agg *a, const pm_type *t, struct ArrowArray *out) {
    pm_col c;
    if (pm_col_init(&c, t, NULL) != PAIMON_OK)
        return -1;
    int rc = pm_field_agg_result(a, &c, NULL);
    if (rc == PAIMON_OK)
        rc = pm_col_finish(&c, out, NULL);
    pm_col_dispose(&c);
    return rc;
}

static void fuzz_union(const union_fn *fn, const uint8_t *data, size_t size) {
    pm_type *t = NULL;
    pm_field_agg *a = NULL, *check = NULL;
    if (pm_type_parse("BYTES", &t, NULL) != PAIMON_OK)
        return;
    if (pm_field_agg_new(fn->name, "b", t, NULL, NULL, &a, NULL) != PAIMON_OK ||
        pm_field_agg_new(fn->name, "b", t, NULL, NULL, &check, NULL) != PAIMON_OK)
        goto done;
    size_t start = 0;
    int values = 0;
    for (size_t i = 0; i <= size; i++) {
        bool end = i == size || (i + 1 < size && data[i] == 0xFF && data[i + 1] == 0xFE);
        if (!end)
            continue;
        if (add_bytes(a, t, data + start, i - start) != PAIMON_OK)
            goto done;
        values++;
        start = i + 2;
        i++;
    }
    if (values < 2)
        goto done;
    struct ArrowArray res;
    if (result(a, t, &res) != PAIMON_OK)
        goto done;
    pm_datum d = pm_arrow_get_datum(&res, t, 0);
    uint8_t empty[8];
    memcpy(empty, fn->empty, fn->empty_len);
    if (is_hll(fn) && d.v.bytes.len > 3)
        empty[3] = d.v.bytes.ptr[3];
    if (add_bytes(check, t, d.v.bytes.ptr, d.v.bytes.len) == PAIMON_OK &&
        add_bytes(check, t, empty, fn->empty_len) == PAIMON_OK) {
        struct ArrowArray again;
        if (result(check, t, &again) == PAIMON_OK) {
            pm_datum d2 = pm_arrow_get_datum(&again, t, 0);
            if (!same_result(fn, d.v.bytes.ptr, d.v.bytes.len, d2.v.bytes.ptr, d2.v.bytes.len))
                abort();
            again.release(&again);
        }
    }
    res.release(&res);
done:
    pm_field_agg_free(a);
    pm_field_agg_free(check);
    pm_type_free(t);
}

static const char *nested_option(void *ctx, const char *suffix) {
    (void)ctx;
    return strcmp(suffix, "nested-key") == 0 ? "k" : strcmp(suffix, "distinct") == 0 ? "true"
                                                                                    : NULL;
}

static int cmp_i64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

/* Values: groups of up to 8 ints (4 bytes each, 0x80000000 = null), a group per step. */
static void fuzz_nested(const uint8_t *data, size_t size) {
    pm_type *at = NULL, *rt = NULL;
    pm_field_agg *collect = NULL, *nested = NULL;
    if (pm_type_parse("ARRAY<INT>", &at, NULL) != PAIMON_OK ||
        pm_type_parse("ARRAY<ROW<k INT, v INT>>", &rt, NULL) != PAIMON_OK)
        goto done;
    if (pm_field_agg_new("collect", "c", at, nested_option, NULL, &collect, NULL) != PAIMON_OK ||
        pm_field_agg_new("nested_update", "n", rt, nested_option, NULL, &nested, NULL) !=
            PAIMON_OK)
        goto done;
    for (size_t pos = 0; pos < size;) {
        size_t count = data[pos++] % 9;
        bool retract = count == 8;
        pm_col c, r;
        pm_col_init(&c, at, NULL);
        pm_col_init(&r, rt, NULL);
        for (size_t i = 0; i < count && pos + 4 <= size; i++, pos += 4) {
            uint32_t v = pm_load_le32(data + pos);
            if (v == 0x80000000u) {
                pm_col_append_null(&c.children[0]);
                pm_col_append_null(&r.children[0]);
            } else {
                pm_col_append_int(&c.children[0], (int32_t)v);
                pm_col_append_int(&r.children[0].children[0], (int32_t)(v & 0xFFFF0000u));
                pm_col_append_int(&r.children[0].children[1], (int32_t)v);
                pm_col_struct_close(&r.children[0]);
            }
        }
        pm_col_list_close(&c);
        pm_col_list_close(&r);
        struct ArrowArray ca, ra;
        pm_col_finish(&c, &ca, NULL);
        pm_col_finish(&r, &ra, NULL);
        pm_col_dispose(&c);
        pm_col_dispose(&r);
        if (retract) {
            pm_field_agg_retract(collect, &ca, 0, NULL);
            pm_field_agg_retract(nested, &ra, 0, NULL);
        } else {
            pm_field_agg_add(collect, &ca, 0, NULL);
            pm_field_agg_add(nested, &ra, 0, NULL);
        }
        ca.release(&ca);
        ra.release(&ra);
    }
    struct ArrowArray res;
    if (result(collect, at, &res) == PAIMON_OK) {
        if (pm_arrow_is_valid(&res, 0)) {
            const struct ArrowArray *el = res.children[0];
            const uint8_t *offs = res.buffers[1];
            int32_t s = (int32_t)pm_load_le32(offs), e = (int32_t)pm_load_le32(offs + 4);
            /* nulls sort first as INT64_MIN, which no INT is */
            int64_t *vals = malloc(sizeof *vals * (size_t)(e > s ? e - s : 1));
            if (vals != NULL) {
                for (int32_t i = s; i < e; i++) {
                    pm_datum x = pm_arrow_get_datum(el, at->element, i);
                    vals[i - s] = x.is_null ? INT64_MIN : (int64_t)x.v.i;
                }
                qsort(vals, (size_t)(e - s), sizeof *vals, cmp_i64);
                for (int32_t i = 1; i < e - s; i++)
                    if (vals[i] == vals[i - 1])
                        abort();
                free(vals);
            }
        }
        res.release(&res);
    }
    if (result(nested, rt, &res) == PAIMON_OK)
        res.release(&res);
done:
    pm_field_agg_free(collect);
    pm_field_agg_free(nested);
    pm_type_free(at);
    pm_type_free(rt);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0)
        return 0;
    const union_fn *fn = &UNIONS[data[0] % 5];
    if (fn->name != NULL)
        fuzz_union(fn, data + 1, size - 1);
    else
        fuzz_nested(data + 1, size - 1 < NESTED_MAX_BYTES ? size - 1 : NESTED_MAX_BYTES);
    return 0;
}
