/*
 * file_entries.c - replaying manifest entries into the live file set (spec 03 §5).
 *
 * Entries are keyed by their identifier (partition, bucket, level, file name, extra files,
 * embedded index, external path). An ADD inserts; a DELETE removes its ADD, or is remembered when
 * the ADD is not known (it cancels an ADD of a manifest the caller did not include). Adding an
 * identifier twice is corruption, as in Java. Insertion order is kept.
 */
#include "table/file_entries.h"

#include "util/endian.h"
#include "util/hashmap.h"
#include "util/mem.h"
#include "util/vec.h"

#include <string.h>

static int identifier_key(const pm_manifest_entry *e, pm_arena *arena, pm_buf *scratch,
                          const uint8_t **key_out, size_t *len_out) {
    pm_buf_clear(scratch);
    uint8_t nums[8];
    pm_store_le32(nums, (uint32_t)e->bucket);
    pm_store_le32(nums + 4, (uint32_t)e->file.level);
    int rc = pm_buf_append(scratch, nums, 8);
    if (rc == PAIMON_OK)
        rc = pm_buf_append(scratch, e->file.file_name, strlen(e->file.file_name) + 1);
    if (rc == PAIMON_OK) {
        pm_store_le32(nums, (uint32_t)e->partition.len);
        rc = pm_buf_append(scratch, nums, 4);
    }
    if (rc == PAIMON_OK)
        rc = pm_buf_append(scratch, e->partition.data, e->partition.len);
    for (size_t i = 0; rc == PAIMON_OK && i < e->file.extra_files.count; i++)
        rc = pm_buf_append(scratch, e->file.extra_files.items[i],
                           strlen(e->file.extra_files.items[i]) + 1);
    if (rc == PAIMON_OK)
        rc = pm_buf_append_byte(scratch, 0xFF);
    if (rc == PAIMON_OK && e->file.embedded_index.data != NULL)
        rc = pm_buf_append(scratch, e->file.embedded_index.data, e->file.embedded_index.len);
    if (rc == PAIMON_OK)
        rc = pm_buf_append_byte(scratch, 0xFE);
    if (rc == PAIMON_OK && e->file.external_path != NULL)
        rc = pm_buf_append_str(scratch, e->file.external_path);
    if (rc != PAIMON_OK)
        return rc;
    uint8_t *key = pm_arena_memdup(arena, scratch->data, scratch->len);
    if (key == NULL)
        return PAIMON_ENOMEM;
    *key_out = key;
    *len_out = scratch->len;
    return PAIMON_OK;
}

void pm_file_entries_init(pm_file_entries *fe) {
    memset(fe, 0, sizeof *fe);
    pm_arena_init(&fe->arena, 1 << 16);
}

void pm_file_entries_dispose(pm_file_entries *fe) {
    pm_hashmap_dispose(&fe->index);
    pm_free(fe->slots);
    pm_arena_dispose(&fe->arena);
    memset(fe, 0, sizeof *fe);
}

int pm_file_entries_apply(pm_file_entries *fe, const pm_manifest_entry *entries, size_t count,
                          const char *source, paimon_error *err) {
    pm_buf scratch = PM_BUF_INIT;
    int rc = PAIMON_OK;
    for (size_t i = 0; i < count && rc == PAIMON_OK; i++) {
        const pm_manifest_entry *e = &entries[i];
        const uint8_t *key;
        size_t key_len;
        if (identifier_key(e, &fe->arena, &scratch, &key, &key_len) != PAIMON_OK) {
            rc = pm_err_nomem(err);
            break;
        }
        uintptr_t found = (uintptr_t)pm_hashmap_get(&fe->index, key, key_len);
        if (e->kind == PM_FILE_KIND_ADD) {
            if (found != 0) {
                rc = pm_err(err, PAIMON_ECORRUPT,
                            "%s: file %s (bucket %d, level %d) is added although it was already "
                            "added or deleted",
                            source, e->file.file_name, e->bucket, e->file.level);
                break;
            }
        } else if (e->kind != PM_FILE_KIND_DELETE) {
            rc = pm_err(err, PAIMON_ECORRUPT, "%s: entry of file %s has unknown kind %d", source,
                        e->file.file_name, e->kind);
            break;
        } else if (found != 0) {
            /* DELETE cancels the earlier ADD: both disappear. */
            size_t slot = found - 1;
            fe->slots[slot].live = false;
            fe->live_count -= fe->slots[slot].entry->kind == PM_FILE_KIND_ADD;
            pm_hashmap_remove(&fe->index, key, key_len);
            continue;
        }
        pm_file_slot s = {e, true};
        if (pm_grow((void **)&fe->slots, &fe->slot_cap, fe->slot_count + 1, sizeof *fe->slots) ||
            pm_hashmap_put(&fe->index, key, key_len, (void *)(uintptr_t)(fe->slot_count + 1))) {
            rc = pm_err_nomem(err);
            break;
        }
        fe->slots[fe->slot_count++] = s;
        fe->live_count += e->kind == PM_FILE_KIND_ADD;
    }
    pm_buf_dispose(&scratch);
    return rc;
}
