/* file_entries.h - the live data files of a snapshot from its manifest entries (spec 03 §5). */
#ifndef PM_TABLE_FILE_ENTRIES_H
#define PM_TABLE_FILE_ENTRIES_H

#include "core/manifest.h"
#include "util/arena.h"
#include "util/hashmap.h"

typedef struct pm_file_slot {
    const pm_manifest_entry *entry; /* borrowed */
    bool live;                      /* false once cancelled */
} pm_file_slot;

typedef struct pm_file_entries {
    pm_file_slot *slots; /* insertion order; ADDs that are live, plus unmatched DELETEs */
    size_t slot_count;
    size_t slot_cap;
    size_t live_count; /* live ADDs */
    pm_hashmap index;  /* identifier -> slot index + 1 */
    pm_arena arena;    /* identifier keys */
} pm_file_entries;

void pm_file_entries_init(pm_file_entries *fe);
void pm_file_entries_dispose(pm_file_entries *fe);
/* Applies entries in order; `source` names the manifest in errors. The entries must outlive fe. */
int pm_file_entries_apply(pm_file_entries *fe, const pm_manifest_entry *entries, size_t count,
                          const char *source, paimon_error *err);

/* True for a slot that is a live ADD. */
static inline bool pm_file_slot_is_live_add(const pm_file_slot *s) {
    return s->live && s->entry->kind == PM_FILE_KIND_ADD;
}

#endif
