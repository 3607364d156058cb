/* cli_output.c - printing record batches (table, JSON lines, CSV) and small text tables. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#define TABLE_PAGE_ROWS 1000
/* Cells wider than this are cut in the human table format (JSON lines and CSV are exact). */
#define TABLE_CELL_MAX_CHARS 60

void cli_json_string(FILE *out, const char *s) {
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", out);
        else if (*p < 0x20)
            fprintf(out, "\\u%04x", *p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

/* ---- text tables ---- */

struct cli_table {
    size_t columns;
    char **cells; /* rows * columns, row 0 = headers */
    size_t rows;
    size_t cap;
};

static size_t display_width(const char *s) {
    size_t w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        w += (*p & 0xC0) != 0x80; /* count code points, not bytes */
    return w;
}

static char *dup_text(const char *s) {
    size_t n = strlen(s);
    char *c = malloc(n + 1);
    if (c != NULL)
        memcpy(c, s, n + 1);
    return c;
}

/* A copy cut to TABLE_CELL_MAX_CHARS code points, ending in "..." when cut. */
static char *dup_cell(const char *s) {
    size_t chars = 0, i = 0;
    while (s[i] != '\0' && chars < TABLE_CELL_MAX_CHARS - 3) {
        i++;
        while ((s[i] & 0xC0) == 0x80)
            i++;
        chars++;
    }
    if (display_width(s) <= TABLE_CELL_MAX_CHARS)
        return dup_text(s);
    char *c = malloc(i + 4);
    if (c != NULL) {
        memcpy(c, s, i);
        memcpy(c + i, "...", 4);
    }
    return c;
}

cli_table *cli_table_new(size_t columns, const char *const *headers) {
    cli_table *t = calloc(1, sizeof *t);
    if (t == NULL)
        return NULL;
    t->columns = columns;
    cli_table_add(t, headers);
    return t;
}

void cli_table_add(cli_table *t, const char *const *cells) {
    if (t == NULL)
        return;
    if (t->rows == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        char **grown = realloc(t->cells, cap * t->columns * sizeof *grown);
        if (grown == NULL)
            return;
        t->cells = grown;
        t->cap = cap;
    }
    for (size_t c = 0; c < t->columns; c++)
        t->cells[t->rows * t->columns + c] = dup_text(cells[c] ? cells[c] : "");
    t->rows++;
}

void cli_table_print(cli_table *t, FILE *out) {
    if (t == NULL)
        return;
    size_t *width = calloc(t->columns ? t->columns : 1, sizeof *width);
    if (width == NULL)
        return;
    for (size_t r = 0; r < t->rows; r++) {
        for (size_t c = 0; c < t->columns; c++) {
            const char *cell = t->cells[r * t->columns + c];
            size_t w = cell ? display_width(cell) : 0;
            if (w > width[c])
                width[c] = w;
        }
    }
    for (size_t r = 0; r < t->rows; r++) {
        for (size_t c = 0; c < t->columns; c++) {
            const char *cell = t->cells[r * t->columns + c];
            cell = cell ? cell : "";
            bool last = c + 1 == t->columns;
            fprintf(out, "%s%s", c ? "  " : "", cell);
            if (!last)
                for (size_t pad = display_width(cell); pad < width[c]; pad++)
                    fputc(' ', out);
        }
        fputc('\n', out);
        if (r == 0) {
            for (size_t c = 0; c < t->columns; c++) {
                fprintf(out, "%s", c ? "  " : "");
                for (size_t k = 0; k < width[c]; k++)
                    fputc('-', out);
            }
            fputc('\n', out);
        }
    }
    free(width);
}

void cli_table_free(cli_table *t) {
    if (t == NULL)
        return;
    for (size_t i = 0; i < t->rows * t->columns; i++)
        free(t->cells[i]);
    free(t->cells);
    free(t);
}

/* ---- record batches ---- */

static bool cell_is_null(const struct ArrowArray *batch, size_t column, int64_t row) {
    const struct ArrowArray *child = batch->children[column];
    const uint8_t *bits = child->n_buffers > 0 ? child->buffers[0] : NULL;
    if (bits == NULL || child->null_count == 0)
        return false;
    int64_t i = child->offset + batch->offset + row;
    return ((bits[i >> 3] >> (i & 7)) & 1) == 0;
}

static void csv_cell(FILE *out, const char *s, size_t n) {
    bool quote = n > 0 && (s[0] == ' ' || s[n - 1] == ' ');
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (!quote) {
        fwrite(s, 1, n, out);
        return;
    }
    fputc('"', out);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            fputc('"', out);
        fputc(s[i], out);
    }
    fputc('"', out);
}

static void print_table_page(const struct ArrowSchema *schema, cli_table **page, FILE *out,
                             bool *printed_any) {
    (void)schema;
    cli_table_print(*page, out);
    *printed_any = true;
    cli_table_free(*page);
    *page = NULL;
}

int cli_print_stream(struct ArrowArrayStream *stream, cli_format format, FILE *out) {
    struct ArrowSchema schema;
    if (stream->get_schema(stream, &schema) != 0) {
        const char *msg = stream->get_last_error(stream);
        fprintf(stderr, "paimon: %s\n", msg ? msg : "cannot read the schema");
        return CLI_FAILED;
    }
    paimon_error err = {0};
    paimon_row_formatter *fmt = NULL;
    int style = format == CLI_FORMAT_JSONL ? PAIMON_STYLE_JSON : PAIMON_STYLE_TEXT;
    if (paimon_row_formatter_new(&schema, style, &fmt, &err) != PAIMON_OK) {
        schema.release(&schema);
        return cli_fail(&err);
    }
    size_t columns = (size_t)schema.n_children;
    const char **headers = calloc(columns ? columns : 1, sizeof *headers);
    const char **cells = calloc(columns ? columns : 1, sizeof *cells);
    char **owned = calloc(columns ? columns : 1, sizeof *owned);
    int status = CLI_OK;
    if (headers == NULL || cells == NULL || owned == NULL) {
        fprintf(stderr, "paimon: out of memory\n");
        status = CLI_FAILED;
        columns = 0;
    }
    for (size_t c = 0; c < columns; c++)
        headers[c] = schema.children[c]->name;
    if (format == CLI_FORMAT_CSV && status == CLI_OK) {
        for (size_t c = 0; c < columns; c++) {
            if (c)
                fputc(',', out);
            csv_cell(out, headers[c], strlen(headers[c]));
        }
        fputc('\n', out);
    }
    cli_table *page = NULL;
    bool printed_any = false;
    int64_t rows = 0;
    while (status == CLI_OK) {
        struct ArrowArray batch;
        if (stream->get_next(stream, &batch) != 0) {
            const char *msg = stream->get_last_error(stream);
            fprintf(stderr, "paimon: %s\n", msg ? msg : "read failed");
            status = CLI_FAILED;
            break;
        }
        if (batch.release == NULL)
            break;
        for (int64_t r = 0; r < batch.length; r++, rows++) {
            if (format == CLI_FORMAT_JSONL) {
                size_t len;
                const char *line = paimon_row_formatter_row_json(fmt, &batch, r, &len);
                fwrite(line, 1, len, out);
                fputc('\n', out);
                continue;
            }
            if (format == CLI_FORMAT_CSV) {
                for (size_t c = 0; c < columns; c++) {
                    if (c)
                        fputc(',', out);
                    size_t len;
                    const char *text = paimon_row_formatter_cell(fmt, &batch, r, c, &len);
                    csv_cell(out, text, len);
                }
                fputc('\n', out);
                continue;
            }
            if (page == NULL)
                page = cli_table_new(columns, headers);
            for (size_t c = 0; c < columns; c++) {
                const char *text = cell_is_null(&batch, c, r)
                                       ? "NULL"
                                       : paimon_row_formatter_cell(fmt, &batch, r, c, NULL);
                owned[c] = dup_cell(text);
                cells[c] = owned[c];
            }
            cli_table_add(page, cells);
            for (size_t c = 0; c < columns; c++)
                free(owned[c]);
            if (page != NULL && page->rows > TABLE_PAGE_ROWS)
                print_table_page(&schema, &page, out, &printed_any);
        }
        batch.release(&batch);
    }
    if (format == CLI_FORMAT_TABLE && status == CLI_OK) {
        if (page == NULL && !printed_any)
            page = cli_table_new(columns, headers);
        if (page != NULL)
            print_table_page(&schema, &page, out, &printed_any);
        fprintf(out, "(%lld row%s)\n", (long long)rows, rows == 1 ? "" : "s");
    }
    cli_table_free(page);
    free(headers);
    free(cells);
    free(owned);
    paimon_row_formatter_free(fmt);
    schema.release(&schema);
    return status;
}
