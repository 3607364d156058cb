/* murmur.c - MurmurHash3 x86_32 mixing over whole words, without a byte tail. */
#include "util/murmur.h"

#include "util/endian.h"

static uint32_t rotl32(uint32_t x, unsigned r) { return (x << r) | (x >> (32 - r)); }

static uint32_t mix_k1(uint32_t k1) {
    k1 *= 0xcc9e2d51u;
    k1 = rotl32(k1, 15);
    return k1 * 0x1b873593u;
}

static uint32_t mix_h1(uint32_t h1, uint32_t k1) {
    h1 ^= k1;
    h1 = rotl32(h1, 13);
    return h1 * 5 + 0xe6546b64u;
}

static int32_t finish(uint32_t h1, size_t len) {
    h1 ^= (uint32_t)len;
    h1 ^= h1 >> 16;
    h1 *= 0x85ebca6bu;
    h1 ^= h1 >> 13;
    h1 *= 0xc2b2ae35u;
    h1 ^= h1 >> 16;
    return (int32_t)h1;
}

int32_t pm_murmur_hash_words(const uint8_t *data, size_t len, uint32_t seed) {
    uint32_t h1 = seed;
    for (size_t i = 0; i + 4 <= len; i += 4)
        h1 = mix_h1(h1, mix_k1(pm_load_le32(data + i)));
    return finish(h1, len);
}

int32_t pm_murmur_hash_bytes(const uint8_t *data, size_t len, uint32_t seed) {
    uint32_t h1 = seed;
    size_t aligned = len - len % 4;
    for (size_t i = 0; i < aligned; i += 4)
        h1 = mix_h1(h1, mix_k1(pm_load_le32(data + i)));
    for (size_t i = aligned; i < len; i++)
        h1 = mix_h1(h1, mix_k1((uint32_t)(int32_t)(int8_t)data[i]));
    return finish(h1, len);
}

int32_t pm_bucket_of_hash(int32_t hash, int32_t n) {
    /* C99 and Java agree: % truncates toward zero. INT32_MIN % n cannot overflow for n > 0. */
    int32_t r = hash % n;
    return r < 0 ? -r : r;
}
