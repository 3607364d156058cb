/* cmd_scan.c - reading rows: batch scans (with time travel) and change streams. */
#include "cli.h"

#include "util/strutil.h"
#include "util/timeutil.h"

#include <stdlib.h>
#include <string.h>

static const char *scan_help =
    "usage: paimon scan [options] TABLE_DIR\n\n"
    "Reads the rows of a table as of a snapshot (default: the latest one).\n\n"
    "Options:\n"
    "  --format table|jsonl|csv   output format (default: table)\n"
    "  --snapshot ID              time travel to snapshot ID\n"
    "  --tag NAME                 time travel to a tag\n"
    "  --as-of TIME               time travel to the latest snapshot committed at or before\n"
    "                             TIME: epoch milliseconds or 'YYYY-MM-DD[ HH:MM[:SS[.fff]]]' "
    "(UTC)\n"
    "  --select c1,c2,...         columns to return, in this order (default: all)\n"
    "  --where EXPR               filter, e.g. \"dt = '2024-01-01' AND amount > 10\"; supports\n"
    "                             = != <> < <= > >=, IS [NOT] NULL, [NOT] IN (...),\n"
    "                             [NOT] BETWEEN a AND b, AND, OR, NOT and parentheses\n"
    "  --limit N                  return at most N rows\n"
    "  --threads N                decode on N threads, 1 to 256 (default 1); the rows and their\n"
    "                             order are the same for every N\n" CLI_BRANCH_HELP
    "\n"
    "Without --snapshot, --tag and --as-of, the table's own scan options (scan.mode,\n"
    "scan.snapshot-id, scan.tag-name, ...) choose the snapshot, as in Java Paimon. When the\n"
    "table sets scan.fallback-branch (or scan.primary-branch), the partitions the branch lacks\n"
    "(or the primary branch has) are read from that branch.\n";

static const char *changes_help =
    "usage: paimon changes [--from ID1] [--to ID2] [options] TABLE_DIR\n\n"
    "Prints the changes committed by snapshots ID1+1 .. ID2, as a streaming reader sees them.\n"
    "The first column, _ROW_KIND, is +I, -U, +U or -D.\n\n"
    "Options:\n"
    "  --from ID1                 start after snapshot ID1 (default 0: from the first snapshot)\n"
    "  --to ID2                   end with snapshot ID2 (default: the latest snapshot)\n"
    "  --format table|jsonl|csv   output format (default: table)\n"
    "  --select c1,c2,...         columns to return after the row kind (default: all columns of\n"
    "                             the schema of snapshot ID2)\n"
    "  --where EXPR               filter on the columns (see 'paimon scan --help')\n"
    "  --limit N                  return at most N rows\n" CLI_BRANCH_HELP;

/* Splits "a,b,c" into a NULL-free array of trimmed names (owned by the caller). */
static char **split_columns(const char *text, size_t *count) {
    size_t n = 1;
    for (const char *p = text; *p; p++)
        n += *p == ',';
    char **names = calloc(n, sizeof *names);
    if (names == NULL)
        return NULL;
    *count = 0;
    const char *start = text;
    for (;;) {
        const char *end = strchr(start, ',');
        size_t len = end ? (size_t)(end - start) : strlen(start);
        while (len > 0 && (*start == ' ' || *start == '\t')) {
            start++;
            len--;
        }
        while (len > 0 && (start[len - 1] == ' ' || start[len - 1] == '\t'))
            len--;
        char *name = malloc(len + 1);
        if (name == NULL)
            break;
        memcpy(name, start, len);
        name[len] = '\0';
        names[(*count)++] = name;
        if (end == NULL)
            break;
        start = end + 1;
    }
    return names;
}

static void free_columns(char **names, size_t count) {
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
}

static bool parse_as_of(const char *text, int64_t *millis) {
    int64_t v;
    if (pm_parse_i64(text, strlen(text), &v)) {
        *millis = v;
        return true;
    }
    int32_t nanos;
    return pm_parse_timestamp(text, strlen(text), millis, &nanos);
}

/* Starts a row stream of an open table (a scan or a change stream) with the given columns. */
typedef int (*stream_start)(paimon_table *t, void *options, const char *const *columns,
                            size_t column_count, struct ArrowArrayStream *out,
                            paimon_error *err);

static int start_scan(paimon_table *t, void *options, const char *const *columns,
                      size_t column_count, struct ArrowArrayStream *out, paimon_error *err) {
    paimon_scan_options *so = options;
    so->columns = columns;
    so->column_count = column_count;
    return paimon_table_scan(t, so, out, err);
}

static int start_changes(paimon_table *t, void *options, const char *const *columns,
                         size_t column_count, struct ArrowArrayStream *out, paimon_error *err) {
    paimon_changes_options *co = options;
    co->columns = columns;
    co->column_count = column_count;
    return paimon_table_changes(t, co, out, err);
}

/* Opens the table (of `branch`, NULL: main), starts its stream over the --select columns
 * (`select`, NULL: all) and prints the rows. */
static int print_rows(const char *table_dir, const char *branch, const char *select,
                      stream_start start, void *options, cli_format format) {
    char **columns = NULL;
    size_t column_count = 0;
    if (select != NULL)
        columns = split_columns(select, &column_count);
    paimon_error err = {0};
    paimon_table *t;
    struct ArrowArrayStream stream;
    int status = CLI_OK;
    if (cli_open_table(table_dir, branch, &t) != CLI_OK) {
        status = CLI_FAILED;
    } else if (start(t, options, (const char *const *)columns, column_count, &stream, &err) !=
               PAIMON_OK) {
        paimon_table_free(t);
        status = cli_fail(&err);
    }
    free_columns(columns, column_count); /* the stream keeps its own copy */
    if (status != CLI_OK)
        return status;
    status = cli_print_stream(&stream, format, stdout);
    stream.release(&stream);
    paimon_table_free(t);
    if (fflush(stdout) != 0) {
        fprintf(stderr, "paimon: cannot write the output\n");
        return CLI_FAILED;
    }
    return status;
}

int cmd_scan(int argc, char **argv) {
    if (cli_wants_help(argc, argv)) {
        fputs(scan_help, stdout);
        return CLI_OK;
    }
    cli_option opts[] = {
        {"format", true, "table"}, {"snapshot", true, NULL}, {"tag", true, NULL},
        {"as-of", true, NULL},     {"select", true, NULL},   {"where", true, NULL},
        {"limit", true, NULL},     {"branch", true, NULL},   {"threads", true, NULL}};
    const size_t nopts = sizeof opts / sizeof opts[0];
    const char *pos[1];
    size_t npos;
    if (!cli_parse("scan", argc, argv, opts, nopts, pos, 1, &npos))
        return CLI_USAGE;
    if (npos != 1)
        return cli_usage_error("scan", "expected one TABLE_DIR");
    cli_format format;
    if (!cli_parse_format(
            "scan", opts[0].value,
            (1u << CLI_FORMAT_TABLE) | (1u << CLI_FORMAT_JSONL) | (1u << CLI_FORMAT_CSV), &format))
        return CLI_USAGE;
    paimon_scan_options so = PAIMON_SCAN_OPTIONS_INIT;
    const char *v;
    if ((v = cli_get(opts, nopts, "snapshot")) != NULL) {
        if (!cli_int64("snapshot", v, &so.snapshot_id))
            return CLI_USAGE;
        if (so.snapshot_id <= 0)
            return cli_usage_error("scan", "--snapshot must be a positive snapshot id");
    }
    so.tag = cli_get(opts, nopts, "tag");
    if ((v = cli_get(opts, nopts, "as-of")) != NULL) {
        if (!parse_as_of(v, &so.timestamp_millis))
            return cli_usage_error("scan",
                                   "--as-of '%s' is neither epoch milliseconds nor a "
                                   "timestamp 'YYYY-MM-DD HH:MM:SS'",
                                   v);
        so.has_timestamp = true;
    }
    if ((v = cli_get(opts, nopts, "limit")) != NULL) {
        if (!cli_int64("limit", v, &so.limit))
            return CLI_USAGE;
        if (so.limit < 0)
            return cli_usage_error("scan", "--limit must not be negative");
    }
    if ((v = cli_get(opts, nopts, "threads")) != NULL) {
        int64_t threads;
        if (!cli_int64("threads", v, &threads))
            return CLI_USAGE;
        if (threads < 1 || threads > 256)
            return cli_usage_error("scan", "--threads must be between 1 and 256");
        so.threads = (uint32_t)threads;
    }
    so.filter = cli_get(opts, nopts, "where");
    return print_rows(pos[0], cli_get(opts, nopts, "branch"), cli_get(opts, nopts, "select"),
                      start_scan, &so, format);
}

int cmd_changes(int argc, char **argv) {
    if (cli_wants_help(argc, argv)) {
        fputs(changes_help, stdout);
        return CLI_OK;
    }
    cli_option opts[] = {{"format", true, "table"}, {"from", true, NULL},  {"to", true, NULL},
                         {"select", true, NULL},    {"where", true, NULL}, {"limit", true, NULL},
                         {"branch", true, NULL}};
    const size_t nopts = sizeof opts / sizeof opts[0];
    const char *pos[1];
    size_t npos;
    if (!cli_parse("changes", argc, argv, opts, nopts, pos, 1, &npos))
        return CLI_USAGE;
    if (npos != 1)
        return cli_usage_error("changes", "expected one TABLE_DIR");
    cli_format format;
    if (!cli_parse_format(
            "changes", opts[0].value,
            (1u << CLI_FORMAT_TABLE) | (1u << CLI_FORMAT_JSONL) | (1u << CLI_FORMAT_CSV), &format))
        return CLI_USAGE;
    paimon_changes_options co = PAIMON_CHANGES_OPTIONS_INIT;
    const char *v;
    if ((v = cli_get(opts, nopts, "from")) != NULL && !cli_int64("from", v, &co.from_snapshot))
        return CLI_USAGE;
    if (v != NULL && co.from_snapshot < 0)
        return cli_usage_error("changes", "--from must not be negative");
    if ((v = cli_get(opts, nopts, "to")) != NULL && !cli_int64("to", v, &co.to_snapshot))
        return CLI_USAGE;
    if ((v = cli_get(opts, nopts, "limit")) != NULL && !cli_int64("limit", v, &co.limit))
        return CLI_USAGE;
    co.filter = cli_get(opts, nopts, "where");
    return print_rows(pos[0], cli_get(opts, nopts, "branch"), cli_get(opts, nopts, "select"),
                      start_changes, &co, format);
}
