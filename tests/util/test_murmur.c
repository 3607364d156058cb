/* Paimon's bucket hash, against the Java-computed vectors of spec 06 §2. */
#include "test.h"
#include "util/murmur.h"

static int32_t hash_hex(const char *hex) {
    uint8_t buf[64];
    long n = pm_test_hex(hex, buf, sizeof buf);
    return pm_murmur_hash_words(buf, (size_t)n, PM_MURMUR_DEFAULT_SEED);
}

TEST(spec_vectors) {
    CHECK_EQ_INT(hash_hex("00000000000000000000000000000000"), -300363099);
    CHECK_EQ_INT(hash_hex("00000000000000000100000000000000"), 1465514398);
    CHECK_EQ_INT(hash_hex("0000000000000000416c696365000085"), 1285337400);
    CHECK_EQ_INT(hash_hex("000000000000000015cd5b0700000000"), -1751827701);
}

TEST(bucket_java_semantics) {
    CHECK_EQ_INT(pm_bucket_of_hash(-300363099, 2), 1);
    CHECK_EQ_INT(pm_bucket_of_hash(1465514398, 2), 0);
    CHECK_EQ_INT(pm_bucket_of_hash(1285337400, 16), 8);
    CHECK_EQ_INT(pm_bucket_of_hash(1285337400, 10), 0);
    CHECK_EQ_INT(pm_bucket_of_hash(-1751827701, 16), 5);
    CHECK_EQ_INT(pm_bucket_of_hash(-1751827701, 10), 1);
    CHECK_EQ_INT(pm_bucket_of_hash(-1751827701, 3), 0);
    CHECK_EQ_INT(pm_bucket_of_hash(INT32_MIN, 7), 2);
}
