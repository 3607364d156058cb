/*
 * endian.h - explicit-endianness loads and stores. Multi-byte values are never read by casting
 * a pointer into a buffer (alignment and byte order); memcpy compiles to a single move.
 */
#ifndef PM_UTIL_ENDIAN_H
#define PM_UTIL_ENDIAN_H

#include <stdint.h>
#include <string.h>

static inline uint16_t pm_load_le16(const void *p) {
    const uint8_t *b = p;
    return (uint16_t)(b[0] | (b[1] << 8));
}
static inline uint32_t pm_load_le32(const void *p) {
    const uint8_t *b = p;
    return (uint32_t)b[0] | ((uint32_t)b[1] << 8) | ((uint32_t)b[2] << 16) | ((uint32_t)b[3] << 24);
}
static inline uint64_t pm_load_le64(const void *p) {
    return (uint64_t)pm_load_le32(p) | ((uint64_t)pm_load_le32((const uint8_t *)p + 4) << 32);
}
static inline uint16_t pm_load_be16(const void *p) {
    const uint8_t *b = p;
    return (uint16_t)((b[0] << 8) | b[1]);
}
static inline uint32_t pm_load_be32(const void *p) {
    const uint8_t *b = p;
    return ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) | ((uint32_t)b[2] << 8) | (uint32_t)b[3];
}
static inline uint64_t pm_load_be64(const void *p) {
    return ((uint64_t)pm_load_be32(p) << 32) | (uint64_t)pm_load_be32((const uint8_t *)p + 4);
}
static inline void pm_store_le16(void *p, uint16_t v) {
    uint8_t *b = p;
    b[0] = (uint8_t)v;
    b[1] = (uint8_t)(v >> 8);
}
static inline void pm_store_le32(void *p, uint32_t v) {
    uint8_t *b = p;
    b[0] = (uint8_t)v;
    b[1] = (uint8_t)(v >> 8);
    b[2] = (uint8_t)(v >> 16);
    b[3] = (uint8_t)(v >> 24);
}
static inline void pm_store_le64(void *p, uint64_t v) {
    pm_store_le32(p, (uint32_t)v);
    pm_store_le32((uint8_t *)p + 4, (uint32_t)(v >> 32));
}
static inline void pm_store_be16(void *p, uint16_t v) {
    uint8_t *b = p;
    b[0] = (uint8_t)(v >> 8);
    b[1] = (uint8_t)v;
}
static inline void pm_store_be32(void *p, uint32_t v) {
    uint8_t *b = p;
    b[0] = (uint8_t)(v >> 24);
    b[1] = (uint8_t)(v >> 16);
    b[2] = (uint8_t)(v >> 8);
    b[3] = (uint8_t)v;
}
static inline void pm_store_be64(void *p, uint64_t v) {
    pm_store_be32(p, (uint32_t)(v >> 32));
    pm_store_be32((uint8_t *)p + 4, (uint32_t)v);
}

/* IEEE-754 bit casts. */
static inline float pm_f32_from_bits(uint32_t bits) {
    float f;
    memcpy(&f, &bits, sizeof f);
    return f;
}
static inline double pm_f64_from_bits(uint64_t bits) {
    double d;
    memcpy(&d, &bits, sizeof d);
    return d;
}
static inline uint32_t pm_f32_bits(float f) {
    uint32_t bits;
    memcpy(&bits, &f, sizeof bits);
    return bits;
}
static inline uint64_t pm_f64_bits(double d) {
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    return bits;
}

#endif
