/*
 * arrow_gather.c - typed gathers into column builders.
 *
 * The source buffers are looked up once per call (a base pointer per source), so the loop over
 * the references does one indexed load per value; validity is only worked out when a source
 * has nulls or a reference asks for one.
 */
#include "data/arrow_gather.h"

#include "util/endian.h"
#include "util/mem.h"

#include <string.h>

static bool src_valid(const struct ArrowArray *a, int64_t i) {
    const uint8_t *bits = a->buffers[0];
    return bits == NULL || a->null_count == 0 || pm_bit_get(bits, a->offset + i);
}

/* Validity flags of the picked rows into `valid` (n bytes); returns whether any is null. */
static bool gather_validity(const struct ArrowArray *const *sources, const pm_gather_ref *refs,
                            size_t n, uint8_t *valid) {
    bool any_null = false;
    for (size_t k = 0; k < n; k++) {
        bool v = refs[k].source != PM_GATHER_NULL &&
                 src_valid(sources[refs[k].source], refs[k].row);
        valid[k] = v;
        any_null |= !v;
    }
    return any_null;
}

/* Per source: the address of row 0 of the values (fixed width) or of the offsets. */
typedef struct bases {
    const uint8_t *local[64];
    const uint8_t **ptr;
    const uint8_t *data_local[64]; /* VARBIN: the bytes */
    const uint8_t **data;
} bases;

static int bases_init(bases *b, size_t count, bool with_data) {
    b->ptr = b->local;
    b->data = b->data_local;
    if (count > 64) {
        b->ptr = pm_malloc(count * sizeof *b->ptr);
        b->data = with_data ? pm_malloc(count * sizeof *b->data) : NULL;
        if (b->ptr == NULL || (with_data && b->data == NULL)) {
            if (b->ptr != b->local)
                pm_free(b->ptr);
            pm_free(b->data);
            return PAIMON_ENOMEM;
        }
    }
    return PAIMON_OK;
}

static void bases_dispose(bases *b) {
    if (b->ptr != b->local)
        pm_free(b->ptr);
    if (b->data != b->data_local)
        pm_free(b->data);
}

static int gather_fixed(pm_col *c, const struct ArrowArray *const *sources, size_t source_count,
                        const pm_gather_ref *refs, size_t n, bool nulls, uint8_t *valid) {
    size_t w = c->width;
    bases b;
    if (bases_init(&b, source_count, false) != PAIMON_OK)
        return PAIMON_ENOMEM;
    for (size_t s = 0; s < source_count; s++)
        b.ptr[s] = (const uint8_t *)sources[s]->buffers[1] + sources[s]->offset * (int64_t)w;
    if (pm_col_reserve(c, n) != PAIMON_OK) {
        bases_dispose(&b);
        return PAIMON_ENOMEM;
    }
    uint8_t *dst = c->values.data + (size_t)c->length * w;
    bool null_refs = false;
    /* memcpy with a constant size compiles to one move. */
#define GATHER_LOOP(W)                                                                             \
    for (size_t k = 0; k < n; k++) {                                                               \
        uint32_t s = refs[k].source;                                                               \
        if (s == PM_GATHER_NULL) {                                                                 \
            memset(dst + k * (W), 0, (W));                                                         \
            null_refs = true;                                                                      \
            continue;                                                                              \
        }                                                                                          \
        memcpy(dst + k * (W), b.ptr[s] + (size_t)refs[k].row * (W), (W));                         \
    }
    switch (w) {
    case 1: GATHER_LOOP(1) break;
    case 2: GATHER_LOOP(2) break;
    case 4: GATHER_LOOP(4) break;
    case 8: GATHER_LOOP(8) break;
    case 16: GATHER_LOOP(16) break;
    default: GATHER_LOOP(w) break;
    }
#undef GATHER_LOOP
    bases_dispose(&b);
    bool any_null = (nulls || null_refs) && gather_validity(sources, refs, n, valid);
    return pm_col_advance(c, n, any_null ? valid : NULL);
}

static int gather_varbin(pm_col *c, const struct ArrowArray *const *sources,
                         size_t source_count, const pm_gather_ref *refs, size_t n, bool nulls,
                         uint8_t *valid) {
    bases b;
    if (bases_init(&b, source_count, true) != PAIMON_OK)
        return PAIMON_ENOMEM;
    for (size_t s = 0; s < source_count; s++) {
        b.ptr[s] = (const uint8_t *)sources[s]->buffers[1] + sources[s]->offset * 4;
        b.data[s] = sources[s]->buffers[2];
    }
    size_t bytes = 0;
    bool null_refs = false;
    for (size_t k = 0; k < n; k++) {
        uint32_t s = refs[k].source;
        if (s == PM_GATHER_NULL) {
            null_refs = true;
            continue;
        }
        const uint8_t *off = b.ptr[s] + (size_t)refs[k].row * 4;
        bytes += (size_t)(pm_load_le32(off + 4) - pm_load_le32(off));
    }
    int rc = PAIMON_OK;
    if (pm_col_reserve(c, n) != PAIMON_OK || pm_buf_reserve(&c->values, bytes) != PAIMON_OK)
        rc = PAIMON_ENOMEM;
    else if (c->values.len + bytes > INT32_MAX)
        rc = PAIMON_ELIMIT;
    if (rc != PAIMON_OK) {
        bases_dispose(&b);
        return rc;
    }
    uint8_t *offsets = c->offsets.data + (size_t)c->length * 4;
    uint8_t *out = c->values.data;
    uint32_t end = (uint32_t)c->values.len;
    for (size_t k = 0; k < n; k++) {
        uint32_t s = refs[k].source;
        if (s != PM_GATHER_NULL) {
            const uint8_t *off = b.ptr[s] + (size_t)refs[k].row * 4;
            uint32_t start = pm_load_le32(off), stop = pm_load_le32(off + 4);
            if (stop > start) /* empty values may come with no buffers at all */
                memcpy(out + end, b.data[s] + start, stop - start);
            end += stop - start;
        }
        pm_store_le32(offsets + (k + 1) * 4, end);
    }
    c->values.len = end;
    bases_dispose(&b);
    bool any_null = (nulls || null_refs) && gather_validity(sources, refs, n, valid);
    return pm_col_advance(c, n, any_null ? valid : NULL);
}

int pm_col_gather(pm_col *c, const struct ArrowArray *const *sources, size_t source_count,
                  const pm_gather_ref *refs, size_t n) {
    if (n == 0)
        return PAIMON_OK;
    uint8_t stack_valid[1024];
    if (n > sizeof stack_valid) {
        /* Large gathers go in pieces so the flags fit on the stack. */
        for (size_t done = 0; done < n; done += sizeof stack_valid) {
            size_t part = n - done < sizeof stack_valid ? n - done : sizeof stack_valid;
            PM_TRY(pm_col_gather(c, sources, source_count, refs + done, part));
        }
        return PAIMON_OK;
    }
    bool nulls = false;
    for (size_t s = 0; s < source_count; s++)
        nulls |= sources[s]->null_count != 0 && sources[s]->buffers[0] != NULL;
    switch (c->layout) {
    case PM_LAYOUT_FIXED: return gather_fixed(c, sources, source_count, refs, n, nulls, stack_valid);
    case PM_LAYOUT_VARBIN:
        return gather_varbin(c, sources, source_count, refs, n, nulls, stack_valid);
    default:
        for (size_t k = 0; k < n; k++) {
            int rc = refs[k].source == PM_GATHER_NULL
                         ? pm_col_append_null(c)
                         : pm_col_append_from(c, sources[refs[k].source], refs[k].row);
            if (rc != PAIMON_OK)
                return rc;
        }
        return PAIMON_OK;
    }
}
