/* varint.c - LEB128 varint encode and bounds-checked decode. */
#include "util/varint.h"

size_t pm_varint_encode(uint64_t v, uint8_t out[PM_VARINT_MAX]) {
    size_t n = 0;
    while (v >= 0x80) {
        out[n++] = (uint8_t)(v | 0x80);
        v >>= 7;
    }
    out[n++] = (uint8_t)v;
    return n;
}

size_t pm_varint_decode(const uint8_t *p, const uint8_t *end, uint64_t *out) {
    uint64_t result = 0;
    unsigned shift = 0;
    for (size_t i = 0; i < PM_VARINT_MAX; i++) {
        if (p + i >= end)
            return 0;
        uint8_t byte = p[i];
        /* The tenth byte may only carry the single remaining bit of a 64-bit value. */
        if (i == PM_VARINT_MAX - 1 && byte > 1)
            return 0;
        result |= (uint64_t)(byte & 0x7F) << shift;
        if ((byte & 0x80) == 0) {
            *out = result;
            return i + 1;
        }
        shift += 7;
    }
    return 0;
}
