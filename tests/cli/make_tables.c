/*
 * make_tables.c - writes the tables the CLI tests read, with the test table builder:
 *   make_tables branches DIR   the two-branch table of tests/table/branch_fixture.h, main with
 *                              scan.fallback-branch = rt
 *   make_tables primary DIR    the same with scan.primary-branch = rt
 */
#include "branch_fixture.h"

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: make_tables branches|primary DIR\n");
        return 2;
    }
    const char *options = NULL;
    if (strcmp(argv[1], "branches") == 0)
        options = BF_FALLBACK_RT;
    else if (strcmp(argv[1], "primary") == 0)
        options = "\"scan.primary-branch\" : \"rt\"";
    if (options == NULL || mkdir(argv[2], 0755) != 0) {
        fprintf(stderr, "make_tables: cannot create %s table %s\n", argv[1], argv[2]);
        return 1;
    }
    return bf_build(argv[2], options, BF_RT_OPTIONS) == 0 ? 0 : 1;
}
