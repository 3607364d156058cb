/*
 * partition.c - partition folder names as Java's InternalRowPartitionComputer and
 * PartitionPathUtils produce them.
 */
#include "core/partition.h"

#include "core/java_text.h"
#include "util/mem.h"
#include "util/strutil.h"
#include "util/timeutil.h"

#include <string.h>

int pm_partition_namer_init(pm_partition_namer *p, const pm_schema *s, paimon_error *err) {
    memset(p, 0, sizeof *p);
    const char *name = pm_options_get(&s->options, "partition.default-name");
    PM_TRY(pm_options_get_bool(&s->options, "partition.legacy-name", true, &p->legacy, err));
    p->default_name = pm_strdup(name != NULL ? name : PM_DEFAULT_PARTITION_NAME);
    p->fields = pm_calloc(s->partition_key_count + 1, sizeof *p->fields);
    if (p->default_name == NULL || p->fields == NULL) {
        pm_partition_namer_dispose(p);
        return pm_err_nomem(err);
    }
    for (size_t i = 0; i < s->partition_key_count; i++) {
        long idx = pm_schema_field_index(s, s->partition_keys[i]);
        if (idx < 0) {
            pm_partition_namer_dispose(p);
            return pm_err(err, PAIMON_EINVAL, "partition key '%s' is not a column",
                          s->partition_keys[i]);
        }
        p->fields[i] = &pm_schema_fields(s)[idx];
    }
    p->count = s->partition_key_count;
    return PAIMON_OK;
}

void pm_partition_namer_dispose(pm_partition_namer *p) {
    pm_free(p->fields);
    pm_free(p->default_name);
    memset(p, 0, sizeof *p);
}

/* ---- blank test ---- */

/* Decodes one UTF-8 sequence; returns its length (1 for invalid bytes, *cp = 0xFFFD). */
static size_t utf8_next(const uint8_t *s, size_t n, uint32_t *cp) {
    uint8_t b = s[0];
    size_t len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (len == 0 || len > n) {
        *cp = 0xFFFD;
        return 1;
    }
    uint32_t v = len == 1 ? b : (uint32_t)(b & (0x7F >> len));
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (s[i] & 0x3F);
    }
    *cp = v;
    return len;
}

/* Character.isWhitespace: space/line/paragraph separators except no-break spaces, plus the
 * ASCII controls \t \n \v \f \r and 0x1C..0x1F. */
static bool java_whitespace(uint32_t c) {
    if (c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F))
        return true;
    return c == 0x1680 || (c >= 0x2000 && c <= 0x200A && c != 0x2007) || c == 0x2028 ||
           c == 0x2029 || c == 0x205F || c == 0x3000;
}

bool pm_is_blank_utf8(const uint8_t *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        uint32_t c;
        i += utf8_next(s + i, n - i, &c);
        if (!java_whitespace(c))
            return false;
    }
    return true;
}

/* ---- value text ---- */

static int append_text(pm_buf *out, const char *s) {
    return pm_buf_append_str(out, s) == PAIMON_OK ? PAIMON_OK : PAIMON_ENOMEM;
}

static int format_value(const pm_type *type, const pm_datum *v, bool legacy, pm_buf *out,
                        paimon_error *err) {
    char text[PM_JAVA_TEXT_MAX > PM_DECIMAL_TEXT_MAX ? PM_JAVA_TEXT_MAX : PM_DECIMAL_TEXT_MAX];
    switch (type->id) {
    case PM_TYPE_CHAR:
    case PM_TYPE_VARCHAR:
        return pm_buf_append(out, v->v.bytes.ptr, v->v.bytes.len) == PAIMON_OK ? PAIMON_OK
                                                                               : PAIMON_ENOMEM;
    case PM_TYPE_BOOLEAN: return append_text(out, v->v.b ? "true" : "false");
    case PM_TYPE_TINYINT:
    case PM_TYPE_SMALLINT:
    case PM_TYPE_INT:
    case PM_TYPE_BIGINT:
        return pm_buf_append_fmt(out, "%lld", (long long)v->v.i) == PAIMON_OK ? PAIMON_OK
                                                                              : PAIMON_ENOMEM;
    case PM_TYPE_FLOAT:
        pm_java_float_to_string((float)v->v.f, text);
        return append_text(out, text);
    case PM_TYPE_DOUBLE:
        pm_java_double_to_string(v->v.f, text);
        return append_text(out, text);
    case PM_TYPE_DECIMAL:
        pm_dec_format(v->v.dec, type->scale, text);
        return append_text(out, text);
    case PM_TYPE_DATE:
        if (legacy)
            return pm_buf_append_fmt(out, "%lld", (long long)v->v.i) ? PAIMON_ENOMEM : PAIMON_OK;
        pm_format_date(v->v.i, text);
        return append_text(out, text);
    case PM_TYPE_TIME:
        if (legacy)
            return pm_buf_append_fmt(out, "%lld", (long long)v->v.i) ? PAIMON_ENOMEM : PAIMON_OK;
        pm_format_time(v->v.i, 0, type->precision > 3 ? 3 : type->precision, text);
        return append_text(out, text);
    case PM_TYPE_TIMESTAMP:
    case PM_TYPE_TIMESTAMP_LTZ:
        /* Non-legacy LTZ casts in the JVM's zone; UTC is used here. */
        if (legacy)
            pm_java_local_datetime(v->v.ts.millis, v->v.ts.nanos, text);
        else
            pm_java_timestamp_cast(v->v.ts.millis, v->v.ts.nanos, type->precision, text);
        return append_text(out, text);
    case PM_TYPE_BINARY:
    case PM_TYPE_VARBINARY:
        if (legacy)
            return pm_err(err, PAIMON_EUNSUPPORTED,
                          "a %s partition value has no reproducible folder name with "
                          "partition.legacy-name = true (Java prints an object identity)",
                          pm_type_id_name(type->id));
        return pm_buf_append(out, v->v.bytes.ptr, v->v.bytes.len) == PAIMON_OK ? PAIMON_OK
                                                                               : PAIMON_ENOMEM;
    default:
        return pm_err(err, PAIMON_EUNSUPPORTED, "%s values cannot name a partition",
                      pm_type_id_name(type->id));
    }
}

int pm_partition_value_text(const pm_type *type, const pm_datum *value, bool legacy,
                            const char *default_name, pm_buf *out, paimon_error *err) {
    size_t start = out->len;
    if (!value->is_null) {
        int rc = format_value(type, value, legacy, out, err);
        if (rc == PAIMON_ENOMEM)
            return pm_err_nomem(err);
        if (rc != PAIMON_OK)
            return rc;
        if (out->len > start && !pm_is_blank_utf8(out->data + start, out->len - start))
            return PAIMON_OK;
        out->len = start;
    }
    return pm_buf_append_str(out, default_name) == PAIMON_OK ? PAIMON_OK : pm_err_nomem(err);
}

/* ---- escaping ---- */

static bool needs_escape(unsigned char c) {
    if (c < 0x20 || c == 0x7F)
        return true;
    return c != '\0' && strchr("\"#%'*/:=?\\{}[]^", c) != NULL;
}

int pm_partition_escape(const char *s, size_t n, pm_buf *out) {
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (needs_escape(c)) {
            char e[3] = {'%', hex[c >> 4], hex[c & 15]};
            PM_TRY(pm_buf_append(out, e, 3));
        } else {
            PM_TRY(pm_buf_append_byte(out, c));
        }
    }
    return PAIMON_OK;
}

/* Java parses the two characters after '%' with Integer.parseInt(.., 16), which also takes a
 * leading '+'; anything else leaves the '%' as it is. */
int pm_partition_unescape(const char *s, size_t n, pm_buf *out) {
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%' && i + 2 < n) {
            int hi = s[i + 1] == '+' ? 0 : pm_hex_digit(s[i + 1]), lo = pm_hex_digit(s[i + 2]);
            if (hi >= 0 && lo >= 0) {
                /* The code is a UTF-16 char: above 0x7F it takes two UTF-8 bytes. */
                unsigned code = (unsigned)(hi << 4 | lo);
                if (code >= 0x80)
                    PM_TRY(pm_buf_append_byte(out, (uint8_t)(0xC0 | code >> 6)));
                PM_TRY(pm_buf_append_byte(out, (uint8_t)(code >= 0x80 ? 0x80 | (code & 0x3F)
                                                                       : code)));
                i += 2;
                continue;
            }
        }
        PM_TRY(pm_buf_append_byte(out, (uint8_t)s[i]));
    }
    return PAIMON_OK;
}

/* ---- paths ---- */

int pm_partition_path(const pm_partition_namer *p, const pm_binrow *partition, pm_buf *out,
                      paimon_error *err) {
    if ((size_t)partition->arity != p->count)
        return pm_err(err, PAIMON_EINVAL, "partition row of %d fields for %zu partition keys",
                      partition->arity, p->count);
    pm_buf value = PM_BUF_INIT;
    int rc = PAIMON_OK;
    for (size_t i = 0; rc == PAIMON_OK && i < p->count; i++) {
        const pm_field *f = p->fields[i];
        pm_datum d;
        pm_buf_clear(&value);
        rc = pm_binrow_get(partition, (int32_t)i, f->type, &d, err);
        if (rc == PAIMON_OK)
            rc = pm_partition_value_text(f->type, &d, p->legacy, p->default_name, &value, err);
        if (rc != PAIMON_OK) {
            if (err != NULL)
                pm_err_prefix(err, "partition column '%s': ", f->name);
            break;
        }
        if ((i > 0 && pm_buf_append_byte(out, '/') != PAIMON_OK) ||
            pm_partition_escape(f->name, strlen(f->name), out) != PAIMON_OK ||
            pm_buf_append_byte(out, '=') != PAIMON_OK ||
            pm_partition_escape((const char *)value.data, value.len, out) != PAIMON_OK)
            rc = pm_err_nomem(err);
    }
    pm_buf_dispose(&value);
    return rc;
}

int pm_bucket_dir_name(int32_t bucket, pm_buf *out) {
    if (bucket == -2)
        return pm_buf_append_str(out, "bucket-postpone");
    return pm_buf_append_fmt(out, "bucket-%d", bucket);
}
