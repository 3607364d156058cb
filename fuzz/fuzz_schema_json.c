/*
 * fuzz_schema_json.c - parses arbitrary text as a schema file. A schema that parses must be
 * written, parse again, and be written identically; its partition namer and bucket key must
 * not crash.
 */
#include "core/bucket.h"
#include "core/partition.h"
#include "core/schema.h"
#include "util/mem.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    pm_schema *s;
    if (pm_schema_parse((const char *)data, size, "fuzz", &s, NULL) != PAIMON_OK)
        return 0;
    pm_buf a = PM_BUF_INIT, b = PM_BUF_INIT;
    pm_schema *again;
    if (pm_schema_to_json(s, &a, NULL) != PAIMON_OK ||
        pm_schema_parse((const char *)a.data, a.len, "again", &again, NULL) != PAIMON_OK ||
        pm_schema_to_json(again, &b, NULL) != PAIMON_OK || a.len != b.len ||
        memcmp(a.data, b.data, a.len) != 0)
        abort();
    pm_partition_namer namer;
    if (pm_partition_namer_init(&namer, s, NULL) == PAIMON_OK)
        pm_partition_namer_dispose(&namer);
    size_t *key, n;
    if (pm_bucket_key_indexes(s, &key, &n, NULL) == PAIMON_OK)
        pm_free(key);
    bool flag;
    int64_t v;
    (void)pm_options_get_bool(&s->options, "partition.legacy-name", true, &flag, NULL);
    (void)pm_options_get_memory(&s->options, "write-buffer-size", 0, &v, NULL);
    (void)pm_options_get_duration_ms(&s->options, "snapshot.time-retained", 0, &v, NULL);
    (void)pm_schema_option(s, "bucket");
    pm_schema_free(again);
    pm_schema_free(s);
    pm_buf_dispose(&a);
    pm_buf_dispose(&b);
    return 0;
}
