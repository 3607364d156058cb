/* cli_args.c - option parsing shared by the subcommands: "--name value", "--name=value". */
#include "cli.h"

#include "util/strutil.h"

#include <stdarg.h>
#include <string.h>

bool cli_wants_help(int argc, char **argv) {
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return true;
    }
    return false;
}

int cli_usage_error(const char *command, const char *fmt, ...) {
    va_list ap;
    fprintf(stderr, "paimon %s: ", command);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, " (try 'paimon %s --help')\n", command);
    return CLI_USAGE;
}

bool cli_parse(const char *command, int argc, char **argv, cli_option *options, size_t option_count,
               const char **positional, size_t positional_cap, size_t *positional_count) {
    *positional_count = 0;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0') {
            if (*positional_count >= positional_cap) {
                cli_usage_error(command, "unexpected argument '%s'", arg);
                return false;
            }
            positional[(*positional_count)++] = arg;
            continue;
        }
        const char *name = arg + 2;
        const char *eq = strchr(name, '=');
        size_t name_len = eq ? (size_t)(eq - name) : strlen(name);
        cli_option *opt = NULL;
        for (size_t k = 0; k < option_count; k++) {
            if (strlen(options[k].name) == name_len &&
                strncmp(options[k].name, name, name_len) == 0)
                opt = &options[k];
        }
        if (opt == NULL) {
            cli_usage_error(command, "unknown option '--%.*s'", (int)name_len, name);
            return false;
        }
        if (!opt->takes_value) {
            if (eq != NULL) {
                cli_usage_error(command, "option '--%s' takes no value", opt->name);
                return false;
            }
            opt->value = "true";
            continue;
        }
        if (eq != NULL) {
            opt->value = eq + 1;
        } else if (i + 1 < argc) {
            opt->value = argv[++i];
        } else {
            cli_usage_error(command, "option '--%s' needs a value", opt->name);
            return false;
        }
    }
    return true;
}

const char *cli_get(const cli_option *options, size_t count, const char *name) {
    for (size_t k = 0; k < count; k++) {
        if (strcmp(options[k].name, name) == 0)
            return options[k].value;
    }
    return NULL;
}

bool cli_int64(const char *option, const char *text, int64_t *out) {
    if (!pm_parse_i64(text, strlen(text), out)) {
        fprintf(stderr, "paimon: --%s: '%s' is not an integer\n", option, text);
        return false;
    }
    return true;
}

int cli_fail(const paimon_error *err) {
    fprintf(stderr, "paimon: %s\n", err->message[0] ? err->message : paimon_status_name(err->code));
    return CLI_FAILED;
}

int cli_open_table(const char *path, const char *branch, paimon_table **out) {
    paimon_error err = {0};
    paimon_open_options options = PAIMON_OPEN_OPTIONS_INIT;
    options.branch = branch;
    if (paimon_table_open_with(out, path, &options, &err) != PAIMON_OK)
        return cli_fail(&err);
    return CLI_OK;
}

bool cli_parse_format(const char *command, const char *text, unsigned allowed, cli_format *out) {
    static const char *const names[] = {"table", "jsonl", "csv", "json"};
    for (unsigned f = 0; f < 4; f++) {
        if ((allowed & (1u << f)) && text != NULL && strcmp(text, names[f]) == 0) {
            *out = (cli_format)f;
            return true;
        }
    }
    char list[64] = "";
    for (unsigned f = 0; f < 4; f++) {
        if (allowed & (1u << f)) {
            if (list[0])
                strcat(list, ", ");
            strcat(list, names[f]);
        }
    }
    cli_usage_error(command, "unknown format '%s' (formats: %s)", text ? text : "", list);
    return false;
}
