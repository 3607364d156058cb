/* cmd_meta.c - the metadata commands: snapshots, schema, files. */
#include "cli.h"

#include "util/timeutil.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static const char *snapshots_help =
    "usage: paimon snapshots [--branch NAME] [--format table|jsonl] TABLE_DIR\n\n"
    "Lists the snapshots of a table, oldest first: id, schema id, commit kind, commit time\n"
    "(UTC), record counts and the committing user.\n\n"
    "Options:\n"
    "  --format table|jsonl       output format (default: table)\n" CLI_BRANCH_HELP;

static void format_time(int64_t millis, char *out) {
    pm_format_timestamp(millis, 0, 3, out);
}

int cmd_snapshots(int argc, char **argv) {
    if (cli_wants_help(argc, argv)) {
        fputs(snapshots_help, stdout);
        return CLI_OK;
    }
    cli_option opts[] = {{"format", true, "table"}, {"branch", true, NULL}};
    const char *pos[1];
    size_t npos;
    if (!cli_parse("snapshots", argc, argv, opts, 2, pos, 1, &npos))
        return CLI_USAGE;
    if (npos != 1)
        return cli_usage_error("snapshots", "expected one TABLE_DIR");
    cli_format format;
    if (!cli_parse_format("snapshots", opts[0].value,
                          (1u << CLI_FORMAT_TABLE) | (1u << CLI_FORMAT_JSONL), &format))
        return CLI_USAGE;
    paimon_error err = {0};
    paimon_table *t;
    if (cli_open_table(pos[0], opts[1].value, &t) != CLI_OK)
        return CLI_FAILED;
    int64_t *ids = NULL;
    size_t count = 0;
    int status = CLI_OK;
    if (paimon_table_snapshot_ids(t, &ids, &count, &err) != PAIMON_OK) {
        paimon_table_free(t);
        return cli_fail(&err);
    }
    static const char *const headers[] = {"id",      "schema", "kind",      "time (UTC)",
                                          "records", "delta",  "changelog", "commit user"};
    cli_table *table = format == CLI_FORMAT_TABLE ? cli_table_new(8, headers) : NULL;
    for (size_t i = 0; i < count && status == CLI_OK; i++) {
        paimon_snapshot *s;
        if (paimon_table_snapshot(t, ids[i], &s, &err) != PAIMON_OK) {
            status = cli_fail(&err);
            break;
        }
        char when[64];
        format_time(paimon_snapshot_time_millis(s), when);
        if (format == CLI_FORMAT_JSONL) {
            printf("{\"id\":%" PRId64 ",\"schema_id\":%" PRId64 ",\"commit_kind\":\"%s\","
                   "\"time_millis\":%" PRId64 ",\"time\":\"%s\",\"total_record_count\":%" PRId64
                   ",\"delta_record_count\":%" PRId64 ",\"changelog_record_count\":%" PRId64
                   ",\"commit_identifier\":%" PRId64 ",\"commit_user\":",
                   paimon_snapshot_id(s), paimon_snapshot_schema_id(s),
                   paimon_snapshot_commit_kind(s), paimon_snapshot_time_millis(s), when,
                   paimon_snapshot_total_record_count(s), paimon_snapshot_delta_record_count(s),
                   paimon_snapshot_changelog_record_count(s), paimon_snapshot_commit_identifier(s));
            cli_json_string(stdout, paimon_snapshot_commit_user(s));
            printf("}\n");
        } else {
            char id[24], schema[24], total[24], delta[24], changelog[24];
            snprintf(id, sizeof id, "%" PRId64, paimon_snapshot_id(s));
            snprintf(schema, sizeof schema, "%" PRId64, paimon_snapshot_schema_id(s));
            snprintf(total, sizeof total, "%" PRId64, paimon_snapshot_total_record_count(s));
            snprintf(delta, sizeof delta, "%" PRId64, paimon_snapshot_delta_record_count(s));
            int64_t cl = paimon_snapshot_changelog_record_count(s);
            snprintf(changelog, sizeof changelog, cl < 0 ? "-" : "%" PRId64, cl);
            const char *cells[] = {id,    schema,    paimon_snapshot_commit_kind(s), when, total,
                                   delta, changelog, paimon_snapshot_commit_user(s)};
            cli_table_add(table, cells);
        }
        paimon_snapshot_free(s);
    }
    if (status == CLI_OK && table != NULL) {
        cli_table_print(table, stdout);
        printf("(%zu snapshot%s)\n", count, count == 1 ? "" : "s");
    }
    cli_table_free(table);
    paimon_free(ids);
    paimon_table_free(t);
    return status;
}

static const char *schema_help =
    "usage: paimon schema [--snapshot ID] [--branch NAME] [--format table|json] TABLE_DIR\n\n"
    "Shows the table's schema: the latest one, or the one snapshot ID was written with.\n\n"
    "Options:\n"
    "  --format table|json        output format (default: table); json prints the schema\n"
    "                             file content as Paimon writes it\n"
    "  --snapshot ID              the schema snapshot ID was written with\n" CLI_BRANCH_HELP;

int cmd_schema(int argc, char **argv) {
    if (cli_wants_help(argc, argv)) {
        fputs(schema_help, stdout);
        return CLI_OK;
    }
    cli_option opts[] = {{"format", true, "table"}, {"snapshot", true, NULL}, {"branch", true, NULL}};
    const char *pos[1];
    size_t npos;
    if (!cli_parse("schema", argc, argv, opts, 3, pos, 1, &npos))
        return CLI_USAGE;
    if (npos != 1)
        return cli_usage_error("schema", "expected one TABLE_DIR");
    cli_format format;
    if (!cli_parse_format("schema", opts[0].value,
                          (1u << CLI_FORMAT_TABLE) | (1u << CLI_FORMAT_JSON), &format))
        return CLI_USAGE;
    int64_t snapshot_id = 0;
    if (opts[1].value != NULL && !cli_int64("snapshot", opts[1].value, &snapshot_id))
        return CLI_USAGE;
    paimon_error err = {0};
    paimon_table *t;
    if (cli_open_table(pos[0], opts[2].value, &t) != CLI_OK)
        return CLI_FAILED;
    int64_t schema_id = -1;
    if (opts[1].value != NULL) {
        paimon_snapshot *s;
        if (paimon_table_snapshot(t, snapshot_id, &s, &err) != PAIMON_OK) {
            paimon_table_free(t);
            return cli_fail(&err);
        }
        schema_id = paimon_snapshot_schema_id(s);
        paimon_snapshot_free(s);
    }
    paimon_schema *schema;
    if (paimon_table_schema(t, schema_id, &schema, &err) != PAIMON_OK) {
        paimon_table_free(t);
        return cli_fail(&err);
    }
    int status = CLI_OK;
    if (format == CLI_FORMAT_JSON) {
        char *json;
        if (paimon_schema_to_json(schema, &json, &err) != PAIMON_OK) {
            status = cli_fail(&err);
        } else {
            printf("%s\n", json);
            paimon_free(json);
        }
    } else {
        printf("schema %" PRId64 "\n\n", paimon_schema_id(schema));
        static const char *const headers[] = {"id", "name", "type", "comment"};
        cli_table *fields = cli_table_new(4, headers);
        for (size_t i = 0; i < paimon_schema_field_count(schema); i++) {
            char id[16];
            snprintf(id, sizeof id, "%d", paimon_schema_field_id(schema, i));
            const char *cells[] = {id, paimon_schema_field_name(schema, i),
                                   paimon_schema_field_type(schema, i),
                                   paimon_schema_field_description(schema, i)};
            cli_table_add(fields, cells);
        }
        cli_table_print(fields, stdout);
        cli_table_free(fields);
        printf("\npartition keys:");
        for (size_t i = 0; i < paimon_schema_partition_key_count(schema); i++)
            printf(" %s", paimon_schema_partition_key(schema, i));
        printf("%s\nprimary keys:", paimon_schema_partition_key_count(schema) ? "" : " (none)");
        for (size_t i = 0; i < paimon_schema_primary_key_count(schema); i++)
            printf(" %s", paimon_schema_primary_key(schema, i));
        printf("%s\n", paimon_schema_primary_key_count(schema) ? "" : " (none)");
        if (paimon_schema_comment(schema) != NULL)
            printf("comment: %s\n", paimon_schema_comment(schema));
        printf("options:%s\n", paimon_schema_option_count(schema) ? "" : " (none)");
        for (size_t i = 0; i < paimon_schema_option_count(schema); i++)
            printf("  %s = %s\n", paimon_schema_option_key(schema, i),
                   paimon_schema_option_value(schema, i));
    }
    paimon_schema_free(schema);
    paimon_table_free(t);
    return status;
}

static const char *files_help =
    "usage: paimon files [--snapshot ID] [--branch NAME] [--format table|jsonl] TABLE_DIR\n\n"
    "Lists the live data files of the latest snapshot (or of snapshot ID): partition, bucket,\n"
    "LSM level, file name, row count, sequence number range, schema id and deletion vector.\n"
    "When the table reads a second branch (options scan.fallback-branch, scan.primary-branch),\n"
    "the files of both are listed, each with its branch.\n\n"
    "Options:\n"
    "  --format table|jsonl       output format (default: table)\n"
    "  --snapshot ID              the files of snapshot ID\n" CLI_BRANCH_HELP;

int cmd_files(int argc, char **argv) {
    if (cli_wants_help(argc, argv)) {
        fputs(files_help, stdout);
        return CLI_OK;
    }
    cli_option opts[] = {{"format", true, "table"}, {"snapshot", true, NULL}, {"branch", true, NULL}};
    const char *pos[1];
    size_t npos;
    if (!cli_parse("files", argc, argv, opts, 3, pos, 1, &npos))
        return CLI_USAGE;
    if (npos != 1)
        return cli_usage_error("files", "expected one TABLE_DIR");
    cli_format format;
    if (!cli_parse_format("files", opts[0].value,
                          (1u << CLI_FORMAT_TABLE) | (1u << CLI_FORMAT_JSONL), &format))
        return CLI_USAGE;
    paimon_scan_options so = PAIMON_SCAN_OPTIONS_INIT;
    so.all_files = true;
    if (opts[1].value != NULL && !cli_int64("snapshot", opts[1].value, &so.snapshot_id))
        return CLI_USAGE;
    if (opts[1].value != NULL && so.snapshot_id <= 0)
        return cli_usage_error("files", "--snapshot must be a positive snapshot id");
    paimon_error err = {0};
    paimon_table *t;
    if (cli_open_table(pos[0], opts[2].value, &t) != CLI_OK)
        return CLI_FAILED;
    paimon_plan *plan;
    if (paimon_table_plan(t, &so, &plan, &err) != PAIMON_OK) {
        paimon_table_free(t);
        return cli_fail(&err);
    }
    /* A read of two branches (scan.fallback-branch, scan.primary-branch) adds a branch column. */
    const paimon_split *other = NULL;
    for (size_t s = 0; s < paimon_plan_split_count(plan) && other == NULL; s++) {
        const paimon_split *split = paimon_plan_split(plan, s);
        if (strcmp(paimon_split_branch(split), paimon_table_branch(t)) != 0)
            other = split;
    }
    static const char *const headers[] = {"branch",  "partition", "bucket",    "level",
                                          "file",    "rows",      "min_seq",   "max_seq",
                                          "schema_id", "deletion vector"};
    size_t skip = other != NULL ? 0 : 1;
    cli_table *table =
        format == CLI_FORMAT_TABLE ? cli_table_new(10 - skip, headers + skip) : NULL;
    size_t total = 0;
    for (size_t s = 0; s < paimon_plan_split_count(plan); s++) {
        const paimon_split *split = paimon_plan_split(plan, s);
        for (size_t i = 0; i < paimon_split_file_count(split); i++, total++) {
            const paimon_data_file *f = paimon_split_file(split, i);
            const char *dv_file = NULL;
            int64_t dv_off = 0, dv_len = 0, dv_card = -1;
            bool has_dv = paimon_data_file_deletion_vector(f, &dv_file, &dv_off, &dv_len, &dv_card);
            if (format == CLI_FORMAT_JSONL) {
                printf("{\"partition\":%s,\"bucket\":%d,\"level\":%d,\"file\":",
                       paimon_split_partition_json(split), paimon_split_bucket(split),
                       paimon_data_file_level(f));
                cli_json_string(stdout, paimon_data_file_name(f));
                printf(",\"rows\":%" PRId64 ",\"min_seq\":%" PRId64 ",\"max_seq\":%" PRId64
                       ",\"schema_id\":%" PRId64 ",\"size\":%" PRId64,
                       paimon_data_file_row_count(f), paimon_data_file_min_sequence_number(f),
                       paimon_data_file_max_sequence_number(f), paimon_data_file_schema_id(f),
                       paimon_data_file_size(f));
                printf(",\"branch\":");
                cli_json_string(stdout, paimon_split_branch(split));
                if (has_dv) {
                    const char *slash = strrchr(dv_file, '/');
                    printf(",\"deletion_vector\":{\"index_file\":");
                    cli_json_string(stdout, slash ? slash + 1 : dv_file);
                    printf(",\"offset\":%" PRId64 ",\"length\":%" PRId64 ",\"cardinality\":%" PRId64
                           "}",
                           dv_off, dv_len, dv_card);
                }
                printf("}\n");
                continue;
            }
            char bucket[16], level[16], rows[24], min_seq[24], max_seq[24], schema[24], dv[64];
            snprintf(bucket, sizeof bucket, "%d", paimon_split_bucket(split));
            snprintf(level, sizeof level, "%d", paimon_data_file_level(f));
            snprintf(rows, sizeof rows, "%" PRId64, paimon_data_file_row_count(f));
            snprintf(min_seq, sizeof min_seq, "%" PRId64, paimon_data_file_min_sequence_number(f));
            snprintf(max_seq, sizeof max_seq, "%" PRId64, paimon_data_file_max_sequence_number(f));
            snprintf(schema, sizeof schema, "%" PRId64, paimon_data_file_schema_id(f));
            if (has_dv)
                snprintf(dv, sizeof dv, "%" PRId64 " deleted", dv_card);
            else
                snprintf(dv, sizeof dv, "-");
            const char *cells[] = {paimon_split_branch(split),
                                   paimon_split_partition_json(split),
                                   bucket,
                                   level,
                                   paimon_data_file_name(f),
                                   rows,
                                   min_seq,
                                   max_seq,
                                   schema,
                                   dv};
            cli_table_add(table, cells + skip);
        }
    }
    if (table != NULL) {
        cli_table_print(table, stdout);
        if (other != NULL)
            printf("(%zu file%s: branch %s at snapshot %" PRId64 ", branch %s at snapshot %" PRId64
                   ")\n",
                   total, total == 1 ? "" : "s", paimon_table_branch(t),
                   paimon_plan_snapshot_id(plan), paimon_split_branch(other),
                   paimon_split_snapshot_id(other));
        else
            printf("(%zu file%s, snapshot %" PRId64 ")\n", total, total == 1 ? "" : "s",
                   paimon_plan_snapshot_id(plan));
    }
    cli_table_free(table);
    paimon_plan_free(plan);
    paimon_table_free(t);
    return CLI_OK;
}
