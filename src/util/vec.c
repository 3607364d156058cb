/* vec.c - geometric growth for typed arrays. */
#include "util/vec.h"

#include "util/mem.h"

int pm_grow(void **items, size_t *cap, size_t need, size_t elem_size) {
    if (need <= *cap)
        return PAIMON_OK;
    size_t new_cap = *cap < 8 ? 8 : *cap;
    while (new_cap < need) {
        if (new_cap > ((size_t)-1) / 2)
            return PAIMON_ENOMEM;
        new_cap *= 2;
    }
    void *p = pm_realloc_array(*items, new_cap, elem_size);
    if (p == NULL)
        return PAIMON_ENOMEM;
    *items = p;
    *cap = new_cap;
    return PAIMON_OK;
}
