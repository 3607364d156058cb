/*
 * cli.h - shared pieces of the paimon command-line tool. The tool is a client of the public API
 * (paimon.h) and of src/util only.
 */
#ifndef PM_CLI_H
#define PM_CLI_H

#include "paimon.h"

#include <stdbool.h>
#include <stdio.h>

/* Exit statuses. */
enum { CLI_OK = 0, CLI_FAILED = 1, CLI_USAGE = 2 };

/* A declared option: "--name" with a value (or a flag). */
typedef struct cli_option {
    const char *name; /* without the dashes */
    bool takes_value;
    const char *value; /* set by parsing (flags get "true") */
} cli_option;

/* Parses argv (after the command name) into the declared options and positional arguments.
 * Prints a usage error and returns false on unknown options or missing values. */
bool cli_parse(const char *command, int argc, char **argv, cli_option *options, size_t option_count,
               const char **positional, size_t positional_cap, size_t *positional_count);
const char *cli_get(const cli_option *options, size_t count, const char *name);
bool cli_wants_help(int argc, char **argv);

/* Parses an int64 option value; prints an error naming the option when malformed. */
bool cli_int64(const char *option, const char *text, int64_t *out);

/* Reports a failed library call ("paimon: <message>") and returns CLI_FAILED. */
int cli_fail(const paimon_error *err);

/* Opens TABLE_DIR on `branch` (NULL: main); reports failures and returns a CLI status. */
int cli_open_table(const char *path, const char *branch, paimon_table **out);

/* The help line of the --branch option, shared by every command. */
#define CLI_BRANCH_HELP                                                                            \
    "  --branch NAME              read branch NAME of the table (default: main): its own\n"      \
    "                             snapshots, schemas and tags\n"
int cli_usage_error(const char *command, const char *fmt, ...);

typedef enum cli_format {
    CLI_FORMAT_TABLE,
    CLI_FORMAT_JSONL,
    CLI_FORMAT_CSV,
    CLI_FORMAT_JSON
} cli_format;
/* Parses --format; `allowed` is a bit set of (1 << cli_format). */
bool cli_parse_format(const char *command, const char *text, unsigned allowed, cli_format *out);

/* Prints every batch of a stream in the format; returns a CLI status. */
int cli_print_stream(struct ArrowArrayStream *stream, cli_format format, FILE *out);

/* A simple text table for the human formats of metadata commands. */
typedef struct cli_table cli_table;
cli_table *cli_table_new(size_t columns, const char *const *headers);
void cli_table_add(cli_table *t, const char *const *cells);
void cli_table_print(cli_table *t, FILE *out);
void cli_table_free(cli_table *t);

/* JSON string literal of s (NUL-terminated) to out. */
void cli_json_string(FILE *out, const char *s);

/* Subcommands. */
int cmd_snapshots(int argc, char **argv);
int cmd_schema(int argc, char **argv);
int cmd_files(int argc, char **argv);
int cmd_scan(int argc, char **argv);
int cmd_changes(int argc, char **argv);

#endif
