/* fuzz_manifest.c - decodes any bytes as a manifest, a manifest list and an index manifest;
 * whatever decodes must encode again and decode to as many records. */
#include "core/manifest.h"

#include <stdint.h>

static void check(bool ok) {
    if (!ok)
        __builtin_trap();
}

static void manifest(const uint8_t *data, size_t size) {
    pm_manifest m, again;
    if (pm_manifest_decode(data, size, "fuzz", &m, NULL) != PAIMON_OK)
        return;
    pm_buf out = PM_BUF_INIT;
    check(pm_manifest_encode(m.items, m.count, "null", 0, &out, NULL) == PAIMON_OK);
    check(pm_manifest_decode(out.data, out.len, "again", &again, NULL) == PAIMON_OK);
    check(again.count == m.count);
    pm_manifest_dispose(&again);
    pm_manifest_dispose(&m);
    pm_buf_dispose(&out);
}

static void manifest_list(const uint8_t *data, size_t size) {
    pm_manifest_list l, again;
    if (pm_manifest_list_decode(data, size, "fuzz", &l, NULL) != PAIMON_OK)
        return;
    pm_buf out = PM_BUF_INIT;
    check(pm_manifest_list_encode(l.items, l.count, "null", 0, &out, NULL) == PAIMON_OK);
    check(pm_manifest_list_decode(out.data, out.len, "again", &again, NULL) == PAIMON_OK);
    check(again.count == l.count);
    pm_manifest_list_dispose(&again);
    pm_manifest_list_dispose(&l);
    pm_buf_dispose(&out);
}

static void index_manifest(const uint8_t *data, size_t size) {
    pm_index_manifest x, again;
    if (pm_index_manifest_decode(data, size, "fuzz", &x, NULL) != PAIMON_OK)
        return;
    pm_buf out = PM_BUF_INIT;
    check(pm_index_manifest_encode(x.items, x.count, "null", 0, &out, NULL) == PAIMON_OK);
    check(pm_index_manifest_decode(out.data, out.len, "again", &again, NULL) == PAIMON_OK);
    check(again.count == x.count);
    pm_index_manifest_dispose(&again);
    pm_index_manifest_dispose(&x);
    pm_buf_dispose(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    manifest(data, size);
    manifest_list(data, size);
    index_manifest(data, size);
    return 0;
}
