/* Damaged files: truncations, bad magic, bad footer lengths, bit flips everywhere (page headers
 * included) and allocation failures. Each must end in an error naming the file, never in a
 * crash, a hang or a leak (the sanitizer build checks the last two). */
#include "test.h"
#include "pq_test_util.h"

static uint8_t *load(const char *rel_to_source, size_t *len) {
    char p[4096];
    const char *src = getenv("PAIMON_SOURCE_DIR");
    snprintf(p, sizeof p, "%s/%s", src ? src : ".", rel_to_source);
    return pm_test_read_file(p, len);
}

/* Reads the in-memory file with its own schema (plus a nested projection when it has one).
 * Returns the status; on failure the message must name the file. */
static int read_mem(const uint8_t *data, size_t len, bool *named) {
    paimon_error err = {0};
    pm_file *f = pqt_open_mem(data, len, &err);
    *named = true; /* failures before the reader are the in-memory filesystem's */
    if (f == NULL)
        return err.code;
    pm_field *fields = NULL;
    size_t n = 0;
    int rc = pm_parquet_read_fields(f, "broken.parquet", &fields, &n, &err);
    if (rc != PAIMON_OK) {
        pm_file_close(f);
    } else {
        /* Plain calloc: allocation failures are injected into the library's allocator. */
        pqt_result *res = calloc(1, sizeof *res);
        rc = pqt_read_file(f, "broken.parquet", fields, n, 5, NULL, NULL, res, &err);
        pqt_result_free(res);
        free(res);
    }
    pm_parquet_fields_free(fields, n);
    *named = rc == PAIMON_OK || strncmp(err.message, "broken.parquet: ", 16) == 0;
    if (!*named)
        fprintf(stderr, "message without the file name: %s\n", err.message);
    return rc;
}

static const char *const files[] = {
    "fuzz/corpora/parquet/duckdb_flat_v1.parquet", "fuzz/corpora/parquet/duckdb_flat_v2.parquet",
    "fuzz/corpora/parquet/duckdb_nested_v1.parquet",
    "fuzz/corpora/parquet/duckdb_nested_v2.parquet",
    "fuzz/corpora/parquet/java_pk_nested.parquet", "fuzz/corpora/parquet/java_map_of_arrays.parquet",
};

TEST(truncated_files_fail) {
    for (size_t k = 0; k < sizeof files / sizeof *files; k++) {
        size_t len;
        uint8_t *data = load(files[k], &len);
        CHECK(data != NULL);
        bool named;
        CHECK_EQ_INT(read_mem(data, len, &named), PAIMON_OK);
        for (size_t cut = 0; cut < len; cut += (cut + 80 > len ? 1 : 37)) {
            int rc = read_mem(data, cut, &named);
            CHECK(rc == PAIMON_ECORRUPT);
            CHECK(named);
        }
        free(data);
    }
}

TEST(bad_magic_and_footer_lengths) {
    size_t len;
    uint8_t *data = load(files[0], &len);
    CHECK(data != NULL);
    bool named;
    uint8_t *copy = malloc(len);
    static const uint32_t lengths[] = {0, 1, 7, 0x7FFFFFFF, 0xFFFFFFFF};
    for (size_t i = 0; i < 5; i++) {
        memcpy(copy, data, len);
        pm_store_le32(copy + len - 8, lengths[i]);
        CHECK_EQ_INT(read_mem(copy, len, &named), PAIMON_ECORRUPT);
        CHECK(named);
    }
    pm_store_le32(copy + len - 8, (uint32_t)(len - 11));
    CHECK_EQ_INT(read_mem(copy, len, &named), PAIMON_ECORRUPT);
    memcpy(copy, data, len);
    copy[len - 1] = 'X';
    CHECK_EQ_INT(read_mem(copy, len, &named), PAIMON_ECORRUPT);
    memcpy(copy, data, len);
    copy[0] = 'Q';
    CHECK_EQ_INT(read_mem(copy, len, &named), PAIMON_ECORRUPT);
    memcpy(copy, data, len);
    memcpy(copy + len - 4, "PARE", 4);
    CHECK_EQ_INT(read_mem(copy, len, &named), PAIMON_EUNSUPPORTED);
    free(copy);
    free(data);
}

/* Flips bits all over the file; the reader may succeed (a flipped value) or fail, but must stay
 * well-behaved. The first bytes after the leading magic are a page header: every bit there. */
TEST(bit_flips_anywhere) {
    /* Every other file (v2, nested v1, Java map): enough variety at a sanitizer-friendly cost. */
    for (size_t k = 1; k < sizeof files / sizeof *files; k += 2) {
        size_t len;
        uint8_t *data = load(files[k], &len);
        CHECK(data != NULL);
        uint8_t *copy = malloc(len);
        int failures = 0;
        for (size_t pos = 4; pos < len; pos += pos < 48 ? 1 : 23) {
            for (int bit = 0; bit < 8; bit += pos < 48 ? 1 : 4) {
                memcpy(copy, data, len);
                copy[pos] ^= (uint8_t)(1u << bit);
                bool named;
                int rc = read_mem(copy, len, &named);
                failures += rc != PAIMON_OK;
                CHECK(named);
                CHECK(rc == PAIMON_OK || rc == PAIMON_ECORRUPT || rc == PAIMON_EUNSUPPORTED ||
                      rc == PAIMON_ELIMIT);
            }
        }
        CHECK(failures > 0);
        free(copy);
        free(data);
    }
}

TEST(allocation_failures_are_clean) {
    for (size_t k = 0; k < sizeof files / sizeof *files; k++) {
        size_t len;
        uint8_t *data = load(files[k], &len);
        CHECK(data != NULL);
        bool named;
        pm_file *warm = pqt_open_mem("", 0, &(paimon_error){0}); /* creates the filesystem */
        pm_file_close(warm);
        for (long n = 0;; n++) {
            pm_mem_fail_after(n);
            int rc = read_mem(data, len, &named);
            pm_mem_fail_after(-1);
            if (rc == PAIMON_OK)
                break;
            CHECK(rc == PAIMON_ENOMEM);
            CHECK(n < 100000);
        }
        free(data);
    }
}
