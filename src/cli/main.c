/* main.c - the paimon command-line tool: dispatches to one cmd_<name> per subcommand. */
#include "paimon.h"

#include <stdio.h>
#include <string.h>

static void usage(FILE *out) {
    fprintf(out, "usage: paimon <command> [options]\n\n"
                 "Commands:\n"
                 "  version     print the library version\n\n"
                 "Run 'paimon <command> --help' for the options of a command.\n");
}

int main(int argc, char **argv) {
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 1 : 0;
    }
    if (strcmp(argv[1], "version") == 0 || strcmp(argv[1], "--version") == 0) {
        printf("paimon %s\n", paimon_version());
        return 0;
    }
    fprintf(stderr, "paimon: unknown command '%s' (try 'paimon --help')\n", argv[1]);
    return 1;
}
