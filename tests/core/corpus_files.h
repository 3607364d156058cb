/* corpus_files.h - finding metadata files of the shared compat corpus (for core tests). */
#ifndef PM_TEST_CORPUS_FILES_H
#define PM_TEST_CORPUS_FILES_H

#include "test.h"

#include <glob.h>
#include <stdio.h>

/* Paths matching <compat>/tables/<pattern>; false (and nothing allocated) when the corpus is
 * absent or nothing matches. Free with globfree. */
static inline bool corpus_glob(const char *pattern, glob_t *out) {
    const char *dir = pm_test_compat_dir();
    if (dir == NULL)
        return false;
    char full[4096];
    snprintf(full, sizeof full, "%s/tables/%s", dir, pattern);
    if (glob(full, 0, NULL, out) != 0)
        return false;
    return out->gl_pathc > 0;
}

/* The file name part of a path. */
static inline const char *corpus_base(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

#endif
