/*
 * fuzz_snapshot_json.c - parses arbitrary text as a snapshot (or tag) file. A snapshot that
 * parses must be written, parse again, and be written identically.
 */
#include "core/snapshot.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    pm_snapshot *s;
    if (pm_snapshot_parse((const char *)data, size, "fuzz", &s, NULL) != PAIMON_OK)
        return 0;
    pm_buf a = PM_BUF_INIT, b = PM_BUF_INIT;
    pm_snapshot *again;
    if (pm_snapshot_to_json(s, &a, NULL) != PAIMON_OK ||
        pm_snapshot_parse((const char *)a.data, a.len, "again", &again, NULL) != PAIMON_OK ||
        pm_snapshot_to_json(again, &b, NULL) != PAIMON_OK || a.len != b.len ||
        memcmp(a.data, b.data, a.len) != 0)
        abort();
    pm_tag_meta meta;
    (void)pm_tag_meta_of(s, &meta, NULL);
    pm_snapshot_free(again);
    pm_snapshot_free(s);
    pm_buf_dispose(&a);
    pm_buf_dispose(&b);
    return 0;
}
