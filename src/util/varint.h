/*
 * varint.h - unsigned LEB128 varints and zig-zag mapping, as used by Avro, Thrift compact and
 * protobuf. Encoding writes into a caller buffer of PM_VARINT_MAX bytes.
 */
#ifndef PM_UTIL_VARINT_H
#define PM_UTIL_VARINT_H

#include <stddef.h>
#include <stdint.h>

#define PM_VARINT_MAX 10

static inline uint64_t pm_zigzag_encode64(int64_t v) {
    return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}
static inline int64_t pm_zigzag_decode64(uint64_t v) {
    return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}
static inline uint32_t pm_zigzag_encode32(int32_t v) {
    return ((uint32_t)v << 1) ^ (uint32_t)(v >> 31);
}
static inline int32_t pm_zigzag_decode32(uint32_t v) {
    return (int32_t)(v >> 1) ^ -(int32_t)(v & 1);
}

/* Writes v as an unsigned varint into out; returns the number of bytes (1..10). */
size_t pm_varint_encode(uint64_t v, uint8_t out[PM_VARINT_MAX]);

/* Decodes an unsigned varint from [p, end). Returns bytes consumed, or 0 if the input is
 * truncated or longer than 10 bytes (or has bits beyond 64). */
size_t pm_varint_decode(const uint8_t *p, const uint8_t *end, uint64_t *out);

#endif
