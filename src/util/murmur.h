/*
 * murmur.h - Paimon's word-wise MurmurHash3 (MurmurHashUtils.hashBytesByWords), the hash of
 * BinaryRow.hashCode() and therefore of fixed-bucket assignment (spec 06 §2).
 */
#ifndef PM_UTIL_MURMUR_H
#define PM_UTIL_MURMUR_H

#include <stddef.h>
#include <stdint.h>

#define PM_MURMUR_DEFAULT_SEED 42

/* Hashes `len` bytes (a multiple of 4) as little-endian 32-bit words. */
int32_t pm_murmur_hash_words(const uint8_t *data, size_t len, uint32_t seed);

/* MurmurHashUtils.hashBytes: the same over any length, the bytes after the last whole word
 * mixed one by one, each sign-extended as a Java byte (BinaryString.hashCode and friends). */
int32_t pm_murmur_hash_bytes(const uint8_t *data, size_t len, uint32_t seed);

/* Java's abs(hash % n) for n > 0. */
int32_t pm_bucket_of_hash(int32_t hash, int32_t n);

#endif
