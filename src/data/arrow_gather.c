/* arrow_gather.c - typed gathers into column builders. */
#include "data/arrow_gather.h"

#include "util/endian.h"

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

static int gather_fixed(pm_col *c, const struct ArrowArray *const *sources,
                        const pm_gather_ref *refs, size_t n, uint8_t *valid) {
    if (pm_col_reserve(c, n) != PAIMON_OK)
        return PAIMON_ENOMEM;
    size_t w = c->width;
    uint8_t *dst = c->values.data + (size_t)c->length * w;
    for (size_t k = 0; k < n; k++) {
        if (refs[k].source == PM_GATHER_NULL) {
            memset(dst + k * w, 0, w);
            continue;
        }
        const struct ArrowArray *a = sources[refs[k].source];
        const uint8_t *src = (const uint8_t *)a->buffers[1] + (a->offset + refs[k].row) * w;
        switch (w) {
        case 4: memcpy(dst + k * 4, src, 4); break;
        case 8: memcpy(dst + k * 8, src, 8); break;
        default: memcpy(dst + k * w, src, w); break;
        }
    }
    return pm_col_advance(c, n, gather_validity(sources, refs, n, valid) ? valid : NULL);
}

static int gather_varbin(pm_col *c, const struct ArrowArray *const *sources,
                         const pm_gather_ref *refs, size_t n, uint8_t *valid) {
    size_t bytes = 0;
    for (size_t k = 0; k < n; k++) {
        if (refs[k].source == PM_GATHER_NULL)
            continue;
        const struct ArrowArray *a = sources[refs[k].source];
        const uint8_t *off = (const uint8_t *)a->buffers[1] + (a->offset + refs[k].row) * 4;
        bytes += (size_t)(pm_load_le32(off + 4) - pm_load_le32(off));
    }
    if (pm_col_reserve(c, n) != PAIMON_OK || pm_buf_reserve(&c->values, bytes) != PAIMON_OK)
        return PAIMON_ENOMEM;
    if (c->values.len + bytes > INT32_MAX)
        return PAIMON_ELIMIT;
    uint8_t *offsets = c->offsets.data + (size_t)c->length * 4;
    uint32_t end = (uint32_t)c->values.len;
    for (size_t k = 0; k < n; k++) {
        if (refs[k].source != PM_GATHER_NULL) {
            const struct ArrowArray *a = sources[refs[k].source];
            const uint8_t *off = (const uint8_t *)a->buffers[1] + (a->offset + refs[k].row) * 4;
            uint32_t start = pm_load_le32(off), stop = pm_load_le32(off + 4);
            if (stop > start) /* empty values may come with no buffers at all */
                memcpy(c->values.data + end, (const uint8_t *)a->buffers[2] + start,
                       stop - start);
            end += stop - start;
        }
        pm_store_le32(offsets + (k + 1) * 4, end);
    }
    c->values.len = end;
    return pm_col_advance(c, n, gather_validity(sources, refs, n, valid) ? valid : NULL);
}

int pm_col_gather(pm_col *c, const struct ArrowArray *const *sources, const pm_gather_ref *refs,
                  size_t n) {
    if (n == 0)
        return PAIMON_OK;
    uint8_t stack_valid[1024];
    uint8_t *valid = n <= sizeof stack_valid ? stack_valid : NULL;
    if (valid == NULL) {
        /* Large gathers go in pieces so the flags fit on the stack. */
        for (size_t done = 0; done < n; done += sizeof stack_valid) {
            size_t part = n - done < sizeof stack_valid ? n - done : sizeof stack_valid;
            PM_TRY(pm_col_gather(c, sources, refs + done, part));
        }
        return PAIMON_OK;
    }
    switch (c->layout) {
    case PM_LAYOUT_FIXED: return gather_fixed(c, sources, refs, n, valid);
    case PM_LAYOUT_VARBIN: return gather_varbin(c, sources, refs, n, valid);
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
