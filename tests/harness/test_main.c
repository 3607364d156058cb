/* test_main.c - runs the tests of one file: all of them, or the ones named on the command line. */
#include "test.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool current_failed;
static bool current_skipped;
static char tmpdir[4096];

void pm_test_fail(const char *file, int line, const char *fmt, ...) {
    va_list ap;
    fprintf(stderr, "  %s:%d: ", file, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    current_failed = true;
}

void pm_test_skip(const char *why) {
    fprintf(stderr, "  skipped: %s\n", why);
    current_skipped = true;
}

bool pm_test_failed(void) { return current_failed; }

const char *pm_test_message(const paimon_error *err) { return err ? err->message : ""; }

const char *pm_test_compat_dir(void) {
    const char *dir = getenv("PAIMON_COMPAT_DIR");
    if (dir == NULL || dir[0] == '\0')
        return NULL;
    return dir;
}

const char *pm_test_table_path(const char *rel) {
    static char path[4096];
    const char *dir = pm_test_compat_dir();
    if (dir == NULL)
        return NULL;
    snprintf(path, sizeof path, "%s/tables/%s", dir, rel);
    return path;
}

int pm_test_corpus_tables(const char *format, char **dirs, int cap) {
    const char *compat = pm_test_compat_dir();
    if (compat == NULL)
        return -1;
    char base[4096];
    snprintf(base, sizeof base, "%s/tables/%s", compat, format);
    DIR *d = opendir(base);
    if (d == NULL)
        return -1;
    int n = 0;
    struct dirent *e;
    while (n < cap && (e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len < 4 || strcmp(e->d_name + len - 3, ".db") != 0)
            continue;
        size_t size = 2 * strlen(base) + 2 * len + 4;
        if ((dirs[n] = malloc(size)) == NULL)
            break;
        snprintf(dirs[n++], size, "%s/%s/%.*s", base, e->d_name, (int)(len - 3), e->d_name);
    }
    closedir(d);
    return n;
}

static void remove_tree(const char *path) {
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
    if (system(cmd) != 0)
        fprintf(stderr, "warning: could not remove %s\n", path);
}

const char *pm_test_tmpdir(void) {
    if (tmpdir[0] != '\0') {
        remove_tree(tmpdir);
        tmpdir[0] = '\0';
    }
    const char *base = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/paimon-test-XXXXXX", base ? base : "/tmp");
    if (mkdtemp(tmpdir) == NULL) {
        perror("mkdtemp");
        exit(2);
    }
    return tmpdir;
}

long pm_test_hex(const char *hex, uint8_t *out, size_t cap) {
    size_t n = 0;
    int high = -1;
    for (const char *p = hex; *p; p++) {
        int v;
        if (*p >= '0' && *p <= '9')
            v = *p - '0';
        else if (*p >= 'a' && *p <= 'f')
            v = *p - 'a' + 10;
        else if (*p >= 'A' && *p <= 'F')
            v = *p - 'A' + 10;
        else if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '|')
            continue;
        else
            return -1;
        if (high < 0) {
            high = v;
        } else {
            if (n >= cap)
                return -1;
            out[n++] = (uint8_t)(high * 16 + v);
            high = -1;
        }
    }
    return high < 0 ? (long)n : -1;
}

uint8_t *pm_test_read_file(const char *path, size_t *len_out) {
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *data = malloc((size_t)size + 1);
    if (data != NULL && fread(data, 1, (size_t)size, f) != (size_t)size) {
        free(data);
        data = NULL;
    }
    fclose(f);
    if (data != NULL) {
        data[size] = 0;
        *len_out = (size_t)size;
    }
    return data;
}

static int run_one(const pm_test_case *tc) {
    current_failed = false;
    current_skipped = false;
    tc->fn();
    if (current_failed) {
        printf("FAIL %s:%s\n", pm_test_file, tc->name);
        return 1;
    }
    printf("%s %s:%s\n", current_skipped ? "SKIP" : "PASS", pm_test_file, tc->name);
    return current_skipped ? 77 : 0;
}

int main(int argc, char **argv) {
    int failures = 0, skipped = 0, ran = 0;
    for (const pm_test_case *tc = pm_test_cases; tc->name != NULL; tc++) {
        bool selected = argc < 2;
        for (int i = 1; i < argc; i++) {
            if (strcmp(argv[i], tc->name) == 0)
                selected = true;
        }
        if (!selected)
            continue;
        int rc = run_one(tc);
        ran++;
        if (rc == 1)
            failures++;
        else if (rc == 77)
            skipped++;
        fflush(stdout);
    }
    if (tmpdir[0] != '\0' && failures == 0)
        remove_tree(tmpdir);
    if (ran == 0) {
        fprintf(stderr, "no test matched\n");
        return 2;
    }
    if (failures > 0)
        return 1;
    return (skipped == ran) ? 77 : 0;
}
