/* main.c - the paimon command-line tool: dispatches to one cmd_<name> per subcommand. */
#include "cli.h"

#include <string.h>

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"snapshots", cmd_snapshots, "list the snapshots of a table"},
    {"schema", cmd_schema, "show a table's schema"},
    {"files", cmd_files, "list the live data files of a snapshot"},
    {"scan", cmd_scan, "read rows (time travel, projection, filters)"},
    {"changes", cmd_changes, "read the changes committed between two snapshots"},
};

static void usage(FILE *out) {
    fprintf(out, "usage: paimon <command> [options] TABLE_DIR\n\nCommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-10s  %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "  %-10s  %s\n", "version", "print the version");
    fprintf(out, "\nRun 'paimon <command> --help' for the options of a command.\n"
                 "Exit status: 0 on success, 1 when the command failed, 2 on a usage error.\n");
}

int main(int argc, char **argv) {
    if (argc < 2) {
        usage(stderr);
        return CLI_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
        usage(stdout);
        return CLI_OK;
    }
    if (strcmp(name, "version") == 0 || strcmp(name, "--version") == 0) {
        printf("paimon %s\n", paimon_version());
        return CLI_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(name, commands[i].name) == 0)
            return commands[i].run(argc - 2, argv + 2);
    }
    fprintf(stderr, "paimon: unknown command '%s' (try 'paimon --help')\n", name);
    return CLI_USAGE;
}
