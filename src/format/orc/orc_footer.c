/*
 * orc_footer.c - decoding the ORC tail (PostScript, Footer, Metadata) and stripe footers, with
 * every length and index checked before use. Compression framing lives here too because the
 * tail sections are framed like the streams.
 */
#include "format/orc/orc_footer.h"

#include "format/orc/orc.h"
#include "format/orc/orc_proto.h"
#include "util/endian.h"
#include "util/mem.h"
#include "util/varint.h"

#include <string.h>

#define ORC_TAIL_PROBE 16384u
#define ORC_DEFAULT_BLOCK 262144u

const char *pm_orc_kind_name(uint32_t kind) {
    static const char *const names[] = {
        "boolean", "tinyint", "smallint", "int",   "bigint",  "float",   "double",
        "string",  "binary",  "timestamp", "array", "map",    "struct",  "uniontype",
        "decimal", "date",    "varchar", "char",  "timestamp with local time zone"};
    return kind < sizeof names / sizeof names[0] ? names[kind] : "unknown";
}

/* ---- compression framing ---- */

static size_t stream_limit = (size_t)2 << 30;

size_t pm_orc_stream_limit(void) { return stream_limit; }

void pm_orc_set_stream_limit(size_t bytes) { stream_limit = bytes; }

int pm_orc_decompress(const pm_orc_tail *t, pm_codec_ctx *ctx, const uint8_t *data, size_t len,
                      pm_buf *out, paimon_error *err) {
    out->len = 0;
    if (len > stream_limit)
        return pm_err(err, PAIMON_ELIMIT, "section of %zu bytes exceeds the limit of %zu", len,
                      stream_limit);
    if (t->compression == PM_ORC_COMP_NONE) {
        if (len > 0)
            PM_TRY_MEM(err, pm_buf_append(out, data, len));
        return PAIMON_OK;
    }
    size_t cap = (size_t)t->block_size;
    size_t pos = 0;
    while (pos < len) {
        if (len - pos < 3)
            return PM_CORRUPT(err, "truncated compression chunk header");
        uint32_t h = (uint32_t)data[pos] | ((uint32_t)data[pos + 1] << 8) |
                     ((uint32_t)data[pos + 2] << 16);
        pos += 3;
        size_t n = h >> 1;
        /* Decoded chunks hold at most one block, so this bounds the output before it grows. */
        if (out->len > stream_limit || cap > stream_limit - out->len)
            return pm_err(err, PAIMON_ELIMIT, "decompressed data exceeds the limit of %zu bytes",
                          stream_limit);
        if (n > len - pos)
            return PM_CORRUPT(err, "compression chunk of %zu bytes overruns its stream (%zu left)",
                              n, len - pos);
        if (h & 1) {
            /* "original": the writer stored the bytes because compressing did not pay. */
            PM_TRY_MEM(err, pm_buf_append(out, data + pos, n));
        } else {
            PM_TRY_MEM(err, pm_buf_reserve(out, cap));
            size_t produced = 0;
            int rc = pm_decompress_bounded(ctx, t->codec, data + pos, n, out->data + out->len, cap,
                                           &produced, err);
            if (rc != PAIMON_OK)
                return pm_err_prefix(err, "compression chunk at byte %zu: ", pos - 3);
            out->len += produced;
        }
        pos += n;
    }
    return PAIMON_OK;
}

/* ---- PostScript ---- */

static int parse_postscript(const uint8_t *ps, size_t len, pm_orc_tail *t, uint64_t *footer_len,
                            paimon_error *err) {
    pm_pb m = pm_pb_make(ps, len);
    pm_pb_field f;
    int rc;
    bool magic = false;
    *footer_len = 0;
    t->compression = PM_ORC_COMP_NONE;
    t->block_size = ORC_DEFAULT_BLOCK;
    while ((rc = pm_pb_next(&m, &f, err)) == 1) {
        switch (f.number) {
        case 1: *footer_len = f.value; break;
        case 2: t->compression = (uint32_t)f.value; break;
        case 3: t->block_size = f.value; break;
        case 5: t->metadata_length = f.value; break;
        case 6: t->writer_version = (uint32_t)f.value; break;
        case 8000: magic = f.wire == PM_PB_LEN && f.len == 3 && memcmp(f.data, "ORC", 3) == 0; break;
        default: break;
        }
    }
    if (rc < 0)
        return pm_err_prefix(err, "postscript: ");
    if (!magic)
        return PM_CORRUPT(err, "postscript: missing \"ORC\" magic");
    switch (t->compression) {
    case PM_ORC_COMP_NONE: t->codec = PM_CODEC_NONE; break;
    case PM_ORC_COMP_ZLIB: t->codec = PM_CODEC_DEFLATE; break;
    case PM_ORC_COMP_SNAPPY: t->codec = PM_CODEC_SNAPPY; break;
    case PM_ORC_COMP_LZ4: t->codec = PM_CODEC_LZ4_BLOCK; break;
    case PM_ORC_COMP_ZSTD: t->codec = PM_CODEC_ZSTD; break;
    case PM_ORC_COMP_LZO:
        return pm_err(err, PAIMON_EUNSUPPORTED, "LZO compression is not supported");
    default:
        return PM_CORRUPT(err, "postscript: unknown compression kind %u", t->compression);
    }
    if (t->block_size == 0 || t->block_size > PM_ORC_MAX_BLOCK_SIZE)
        return PM_CORRUPT(err, "postscript: compression block size %llu out of range",
                          (unsigned long long)t->block_size);
    return PAIMON_OK;
}

/* ---- statistics ---- */

static int parse_stats_sub(const pm_pb_field *outer, pm_orc_stats *s, pm_arena *arena,
                           paimon_error *err) {
    if (outer->wire != PM_PB_LEN)
        return PM_CORRUPT(err, "statistics field %u is not a message", outer->number);
    pm_pb m = pm_pb_make(outer->data, outer->len);
    pm_pb_field f;
    int rc;
    switch (outer->number) {
    case 2: s->kind = PM_ORC_STATS_INT; break;
    case 3: s->kind = PM_ORC_STATS_DOUBLE; break;
    case 4: s->kind = PM_ORC_STATS_STRING; break;
    case 5: s->kind = PM_ORC_STATS_BUCKET; break;
    case 6: s->kind = PM_ORC_STATS_DECIMAL; break;
    case 7: s->kind = PM_ORC_STATS_DATE; break;
    case 8: s->kind = PM_ORC_STATS_BINARY; break;
    case 9: s->kind = PM_ORC_STATS_TIMESTAMP; break;
    default: return PAIMON_OK;
    }
    bool has_utc_min = false, has_utc_max = false;
    while ((rc = pm_pb_next(&m, &f, err)) == 1) {
        switch (s->kind) {
        case PM_ORC_STATS_INT:
        case PM_ORC_STATS_DATE:
            if (f.wire != PM_PB_VARINT)
                break;
            if (f.number == 1) {
                s->has_min = true;
                s->int_min = pm_zigzag_decode64(f.value);
            } else if (f.number == 2) {
                s->has_max = true;
                s->int_max = pm_zigzag_decode64(f.value);
            } else if (f.number == 3 && s->kind == PM_ORC_STATS_INT) {
                s->has_sum = true;
                s->int_sum = pm_zigzag_decode64(f.value);
            }
            break;
        case PM_ORC_STATS_DOUBLE: {
            if (f.wire != PM_PB_FIXED64)
                break;
            double v = pm_f64_from_bits(f.value);
            if (f.number == 1) {
                s->has_min = true;
                s->dbl_min = v;
            } else if (f.number == 2) {
                s->has_max = true;
                s->dbl_max = v;
            } else if (f.number == 3) {
                s->has_sum = true;
                s->dbl_sum = v;
            }
            break;
        }
        case PM_ORC_STATS_STRING:
        case PM_ORC_STATS_DECIMAL:
            if (f.wire == PM_PB_LEN && (f.number == 1 || f.number == 2)) {
                uint8_t *copy = pm_arena_memdup(arena, f.data, f.len ? f.len : 1);
                if (copy == NULL)
                    return pm_err_nomem(err);
                if (f.number == 1) {
                    s->has_min = true;
                    s->str_min = copy;
                    s->str_min_len = f.len;
                } else {
                    s->has_max = true;
                    s->str_max = copy;
                    s->str_max_len = f.len;
                }
            } else if (f.wire == PM_PB_VARINT && f.number == 3 && s->kind == PM_ORC_STATS_STRING) {
                s->has_sum = true;
                s->int_sum = pm_zigzag_decode64(f.value);
            }
            break;
        case PM_ORC_STATS_BUCKET:
            if (f.number == 1) {
                pm_pb it = pm_pb_make(NULL, 0);
                bool started = false;
                uint64_t v;
                int r = pm_pb_packed_next(&f, &it, &started, &v, err);
                if (r < 0)
                    return r;
                if (r == 1) {
                    s->has_sum = true;
                    s->true_count = v;
                }
            }
            break;
        case PM_ORC_STATS_BINARY:
            if (f.wire == PM_PB_VARINT && f.number == 1) {
                s->has_sum = true;
                s->int_sum = pm_zigzag_decode64(f.value);
            }
            break;
        case PM_ORC_STATS_TIMESTAMP:
            if (f.wire != PM_PB_VARINT)
                break;
            /* Only the UTC fields (ORC-135) are unambiguous; 1 and 2 depend on the writer's zone. */
            if (f.number == 3) {
                has_utc_min = true;
                s->int_min = pm_zigzag_decode64(f.value);
            } else if (f.number == 4) {
                has_utc_max = true;
                s->int_max = pm_zigzag_decode64(f.value);
            } else if (f.number == 5) {
                s->ts_min_nanos = (int32_t)(f.value > 0 && f.value <= 1000000 ? f.value - 1 : 0);
            } else if (f.number == 6) {
                s->ts_max_nanos = (int32_t)(f.value > 0 && f.value <= 1000000 ? f.value - 1 : 0);
            }
            break;
        default: break;
        }
    }
    if (rc < 0)
        return rc;
    if (s->kind == PM_ORC_STATS_TIMESTAMP) {
        s->has_min = has_utc_min;
        s->has_max = has_utc_max;
    }
    return PAIMON_OK;
}

int pm_orc_stats_parse(const uint8_t *data, size_t len, pm_arena *arena, pm_orc_stats *out,
                       paimon_error *err) {
    memset(out, 0, sizeof *out);
    pm_pb m = pm_pb_make(data, len);
    pm_pb_field f;
    int rc;
    while ((rc = pm_pb_next(&m, &f, err)) == 1) {
        if (f.number == 1 && f.wire == PM_PB_VARINT) {
            out->has_value_count = true;
            out->value_count = f.value;
        } else if (f.number == 10 && f.wire == PM_PB_VARINT) {
            out->has_null_flag = true;
            out->has_null = f.value != 0;
        } else if (f.number >= 2 && f.number <= 9) {
            PM_TRY(parse_stats_sub(&f, out, arena, err));
        }
    }
    return rc < 0 ? rc : PAIMON_OK;
}

/* ---- types ---- */

static int parse_attribute(const pm_pb_field *outer, pm_orc_type *ty, paimon_error *err) {
    if (outer->wire != PM_PB_LEN)
        return PM_CORRUPT(err, "type attribute is not a message");
    pm_pb m = pm_pb_make(outer->data, outer->len);
    pm_pb_field f;
    int rc;
    const uint8_t *key = NULL, *value = NULL;
    size_t key_len = 0, value_len = 0;
    while ((rc = pm_pb_next(&m, &f, err)) == 1) {
        if (f.wire != PM_PB_LEN)
            continue;
        if (f.number == 1) {
            key = f.data;
            key_len = f.len;
        } else if (f.number == 2) {
            value = f.data;
            value_len = f.len;
        }
    }
    if (rc < 0)
        return rc;
    if (key_len == 9 && memcmp(key, "paimon.id", 9) == 0 && value != NULL && value_len > 0 &&
        value_len <= 11) {
        int64_t v = 0;
        size_t i = 0;
        bool neg = value[0] == '-';
        for (i = neg ? 1 : 0; i < value_len && value[i] >= '0' && value[i] <= '9'; i++)
            v = v * 10 + (value[i] - '0');
        if (i == value_len && v <= 2147483647LL) {
            ty->has_field_id = true;
            ty->field_id = (int32_t)(neg ? -v : v);
        }
    }
    return PAIMON_OK;
}

static int parse_type(const uint8_t *data, size_t len, pm_arena *arena, pm_orc_type *ty,
                      paimon_error *err) {
    memset(ty, 0, sizeof *ty);
    pm_pb m = pm_pb_make(data, len);
    pm_pb_field f;
    int rc;
    uint32_t subtypes_local[64];
    size_t sub_count = 0, sub_cap = 64;
    uint32_t *subs = subtypes_local;
    const char *names_local[64];
    size_t name_count = 0, name_cap = 64;
    const char **names = names_local;
    bool has_kind = false;
    rc = PAIMON_OK;
    int r;
    while ((r = pm_pb_next(&m, &f, err)) == 1) {
        if (f.number == 1 && f.wire == PM_PB_VARINT) {
            ty->kind = (uint32_t)f.value;
            has_kind = true;
        } else if (f.number == 2) {
            pm_pb it = pm_pb_make(NULL, 0);
            bool started = false;
            uint64_t v;
            while ((r = pm_pb_packed_next(&f, &it, &started, &v, err)) == 1) {
                if (v > PM_ORC_MAX_TYPES) {
                    rc = PM_CORRUPT(err, "subtype id %llu out of range", (unsigned long long)v);
                    goto done;
                }
                if (sub_count == sub_cap) {
                    /* Grow from the arena; old arrays stay there until the tail is freed. */
                    uint32_t *bigger = pm_arena_alloc(arena, sub_cap * 2 * sizeof *bigger);
                    if (bigger == NULL) {
                        rc = pm_err_nomem(err);
                        goto done;
                    }
                    memcpy(bigger, subs, sub_count * sizeof *subs);
                    subs = bigger;
                    sub_cap *= 2;
                }
                subs[sub_count++] = (uint32_t)v;
            }
            if (r < 0) {
                rc = r;
                goto done;
            }
        } else if (f.number == 3 && f.wire == PM_PB_LEN) {
            if (name_count == name_cap) {
                const char **bigger = pm_arena_alloc(arena, name_cap * 2 * sizeof *bigger);
                if (bigger == NULL) {
                    rc = pm_err_nomem(err);
                    goto done;
                }
                memcpy(bigger, names, name_count * sizeof *names);
                names = bigger;
                name_cap *= 2;
            }
            char *s = pm_arena_strndup(arena, (const char *)f.data, f.len);
            if (s == NULL) {
                rc = pm_err_nomem(err);
                goto done;
            }
            names[name_count++] = s;
        } else if (f.number == 4 && f.wire == PM_PB_VARINT) {
            ty->max_length = (uint32_t)(f.value > UINT32_MAX ? UINT32_MAX : f.value);
        } else if (f.number == 5 && f.wire == PM_PB_VARINT) {
            ty->precision = (uint32_t)(f.value > 1000 ? 1000 : f.value);
        } else if (f.number == 6 && f.wire == PM_PB_VARINT) {
            ty->scale = (uint32_t)(f.value > 1000 ? 1000 : f.value);
        } else if (f.number == 7) {
            rc = parse_attribute(&f, ty, err);
            if (rc != PAIMON_OK)
                goto done;
        }
    }
    if (r < 0) {
        rc = r;
        goto done;
    }
    if (!has_kind) {
        rc = PM_CORRUPT(err, "type without kind");
        goto done;
    }
    if (sub_count > 0) {
        uint32_t *copy = pm_arena_memdup(arena, subs, sub_count * sizeof *subs);
        if (copy == NULL) {
            rc = pm_err_nomem(err);
            goto done;
        }
        ty->subtypes = copy;
        ty->subtype_count = sub_count;
    }
    if (name_count > 0) {
        const char **copy = pm_arena_memdup(arena, names, name_count * sizeof *names);
        if (copy == NULL) {
            rc = pm_err_nomem(err);
            goto done;
        }
        ty->field_names = copy;
    }
    if (ty->kind == PM_ORC_STRUCT && name_count != sub_count)
        rc = PM_CORRUPT(err, "struct with %zu fields but %zu names", sub_count, name_count);
done:
    return rc;
}

/* Checks the tree shape: children come after their parent (pre-order), every type but the root
 * has exactly one parent, and each kind has the right number of children. */
static int validate_types(pm_orc_tail *t, paimon_error *err) {
    if (t->type_count == 0)
        return PM_CORRUPT(err, "footer has no types");
    if (t->types[0].kind != PM_ORC_STRUCT)
        return pm_err(err, PAIMON_EUNSUPPORTED, "root type is %s, expected struct",
                      pm_orc_kind_name(t->types[0].kind));
    for (size_t i = 0; i < t->type_count; i++)
        t->types[i].parent = UINT32_MAX;
    t->types[0].parent = 0;
    for (size_t i = 0; i < t->type_count; i++) {
        pm_orc_type *ty = &t->types[i];
        if (ty->kind > PM_ORC_TIMESTAMP_INSTANT)
            return PM_CORRUPT(err, "type %zu: unknown kind %u", i, ty->kind);
        size_t want;
        switch (ty->kind) {
        case PM_ORC_LIST: want = 1; break;
        case PM_ORC_MAP: want = 2; break;
        case PM_ORC_STRUCT:
        case PM_ORC_UNION: want = ty->subtype_count; break;
        default: want = 0; break;
        }
        if (ty->subtype_count != want)
            return PM_CORRUPT(err, "type %zu (%s) has %zu children", i, pm_orc_kind_name(ty->kind),
                              ty->subtype_count);
        for (size_t k = 0; k < ty->subtype_count; k++) {
            uint32_t c = ty->subtypes[k];
            if (c <= i || c >= t->type_count)
                return PM_CORRUPT(err, "type %zu: child id %u out of order", i, c);
            if (t->types[c].parent != UINT32_MAX)
                return PM_CORRUPT(err, "type %u has two parents", c);
            t->types[c].parent = (uint32_t)i;
        }
        if (ty->kind == PM_ORC_DECIMAL) {
            if (ty->precision == 0)
                ty->precision = 38; /* Hive 0.11 files: unbounded decimals */
            if (ty->precision > 38 || ty->scale > ty->precision)
                return PM_CORRUPT(err, "type %zu: decimal(%u, %u) out of range", i, ty->precision,
                                  ty->scale);
        }
    }
    for (size_t i = 1; i < t->type_count; i++) {
        if (t->types[i].parent == UINT32_MAX)
            return PM_CORRUPT(err, "type %zu is not reachable from the root", i);
    }
    return PAIMON_OK;
}

/* ---- Footer ---- */

static int parse_stripe_info(const pm_pb_field *outer, pm_orc_stripe_info *s, paimon_error *err) {
    memset(s, 0, sizeof *s);
    if (outer->wire != PM_PB_LEN)
        return PM_CORRUPT(err, "stripe information is not a message");
    pm_pb m = pm_pb_make(outer->data, outer->len);
    pm_pb_field f;
    int rc;
    while ((rc = pm_pb_next(&m, &f, err)) == 1) {
        if (f.wire != PM_PB_VARINT)
            continue;
        switch (f.number) {
        case 1: s->offset = f.value; break;
        case 2: s->index_length = f.value; break;
        case 3: s->data_length = f.value; break;
        case 4: s->footer_length = f.value; break;
        case 5: s->row_count = f.value; break;
        default: break;
        }
    }
    return rc < 0 ? rc : PAIMON_OK;
}

static int parse_footer(const uint8_t *data, size_t len, pm_orc_tail *t, uint64_t content_end,
                        paimon_error *err) {
    /* Two passes: count the repeated fields, then decode into exactly sized arrays. */
    size_t n_types = 0, n_stripes = 0, n_stats = 0;
    pm_pb m = pm_pb_make(data, len);
    pm_pb_field f;
    int rc;
    while ((rc = pm_pb_next(&m, &f, err)) == 1) {
        if (f.wire != PM_PB_LEN)
            continue;
        if (f.number == 3)
            n_stripes++;
        else if (f.number == 4)
            n_types++;
        else if (f.number == 7)
            n_stats++;
    }
    if (rc < 0)
        return rc;
    if (n_types > PM_ORC_MAX_TYPES)
        return PM_CORRUPT(err, "%zu types exceed the limit", n_types);
    t->types = pm_arena_calloc(&t->arena, n_types ? n_types : 1, sizeof *t->types);
    t->stripes = pm_arena_calloc(&t->arena, n_stripes ? n_stripes : 1, sizeof *t->stripes);
    if (t->types == NULL || t->stripes == NULL)
        return pm_err_nomem(err);
    pm_orc_stats *stats = NULL;
    if (n_stats > 0) {
        stats = pm_arena_calloc(&t->arena, n_stats, sizeof *stats);
        if (stats == NULL)
            return pm_err_nomem(err);
    }
    size_t ti = 0, si = 0, ci = 0;
    m = pm_pb_make(data, len);
    while ((rc = pm_pb_next(&m, &f, err)) == 1) {
        switch (f.number) {
        case 3:
            if (f.wire != PM_PB_LEN)
                break;
            rc = parse_stripe_info(&f, &t->stripes[si], err);
            if (rc != PAIMON_OK)
                return pm_err_prefix(err, "stripe %zu: ", si);
            si++;
            break;
        case 4:
            if (f.wire != PM_PB_LEN)
                break;
            rc = parse_type(f.data, f.len, &t->arena, &t->types[ti], err);
            if (rc != PAIMON_OK)
                return pm_err_prefix(err, "type %zu: ", ti);
            ti++;
            break;
        case 6:
            if (f.wire == PM_PB_VARINT)
                t->row_count = f.value;
            break;
        case 7:
            if (f.wire != PM_PB_LEN)
                break;
            rc = pm_orc_stats_parse(f.data, f.len, &t->arena, &stats[ci], err);
            if (rc != PAIMON_OK)
                return pm_err_prefix(err, "file statistics %zu: ", ci);
            ci++;
            break;
        case 8:
            if (f.wire == PM_PB_VARINT)
                t->row_index_stride = (uint32_t)f.value;
            break;
        case 9:
            if (f.wire == PM_PB_VARINT) {
                t->has_writer = true;
                t->writer = (uint32_t)f.value;
            }
            break;
        default: break;
        }
    }
    if (rc < 0)
        return rc;
    t->type_count = n_types;
    t->stripe_count = n_stripes;
    PM_TRY(validate_types(t, err));
    /* File statistics indexed by column id; absent ones stay zeroed (kind NONE). */
    t->file_stats = pm_arena_calloc(&t->arena, n_types, sizeof *t->file_stats);
    if (t->file_stats == NULL)
        return pm_err_nomem(err);
    for (size_t i = 0; i < n_stats && i < n_types; i++)
        t->file_stats[i] = stats[i];
    uint64_t rows = 0;
    for (size_t i = 0; i < n_stripes; i++) {
        const pm_orc_stripe_info *s = &t->stripes[i];
        uint64_t end = s->offset;
        if (s->offset < 3 || s->index_length > content_end || s->data_length > content_end ||
            s->footer_length > content_end)
            return PM_CORRUPT(err, "stripe %zu lies outside the file", i);
        end += s->index_length + s->data_length + s->footer_length;
        if (end > content_end || end < s->offset)
            return PM_CORRUPT(err, "stripe %zu lies outside the file", i);
        if (s->footer_length == 0 || s->footer_length > PM_ORC_MAX_TAIL_BYTES)
            return PM_CORRUPT(err, "stripe %zu: footer length %llu out of range", i,
                              (unsigned long long)s->footer_length);
        rows += s->row_count;
        if (rows < s->row_count)
            return PM_CORRUPT(err, "stripe row counts overflow");
    }
    if (rows != t->row_count)
        return PM_CORRUPT(err, "stripes hold %llu rows but the footer says %llu",
                          (unsigned long long)rows, (unsigned long long)t->row_count);
    if (t->row_count > (uint64_t)INT64_MAX)
        return PM_CORRUPT(err, "row count out of range");
    return PAIMON_OK;
}

int pm_orc_tail_read(pm_file *file, pm_codec_ctx *ctx, pm_orc_tail *out, paimon_error *err) {
    memset(out, 0, sizeof *out);
    pm_arena_init(&out->arena, 16384);
    uint64_t size = pm_file_size(file);
    out->file_size = size;
    if (size < 4)
        return PM_CORRUPT(err, "file of %llu bytes is too short for ORC", (unsigned long long)size);
    size_t probe = size < ORC_TAIL_PROBE ? (size_t)size : ORC_TAIL_PROBE;
    pm_buf tail = PM_BUF_INIT, footer = PM_BUF_INIT;
    int rc = PAIMON_OK;
    if (pm_buf_resize(&tail, probe) != PAIMON_OK) {
        rc = pm_err_nomem(err);
        goto done;
    }
    rc = pm_file_pread(file, size - probe, tail.data, probe, err);
    if (rc != PAIMON_OK)
        goto done;
    size_t ps_len = tail.data[probe - 1];
    if (ps_len == 0 || ps_len + 1 > probe) {
        rc = PM_CORRUPT(err, "postscript length %zu out of range", ps_len);
        goto done;
    }
    uint64_t footer_len;
    rc = parse_postscript(tail.data + probe - 1 - ps_len, ps_len, out, &footer_len, err);
    if (rc != PAIMON_OK)
        goto done;
    uint64_t tail_len = footer_len + out->metadata_length + ps_len + 1;
    if (footer_len > PM_ORC_MAX_TAIL_BYTES || out->metadata_length > PM_ORC_MAX_TAIL_BYTES ||
        tail_len > size - 3) {
        rc = PM_CORRUPT(err, "footer (%llu bytes) and metadata (%llu bytes) do not fit the file",
                        (unsigned long long)footer_len, (unsigned long long)out->metadata_length);
        goto done;
    }
    if (tail_len > probe) {
        /* The 16 KiB guess was short: read the whole tail. */
        if (pm_buf_resize(&tail, (size_t)tail_len) != PAIMON_OK) {
            rc = pm_err_nomem(err);
            goto done;
        }
        probe = (size_t)tail_len;
        rc = pm_file_pread(file, size - probe, tail.data, probe, err);
        if (rc != PAIMON_OK)
            goto done;
    }
    const uint8_t *footer_raw = tail.data + probe - 1 - ps_len - footer_len;
    rc = pm_orc_decompress(out, ctx, footer_raw, (size_t)footer_len, &footer, err);
    if (rc != PAIMON_OK) {
        pm_err_prefix(err, "footer: ");
        goto done;
    }
    uint64_t content_end = size - tail_len;
    out->metadata_offset = content_end;
    rc = parse_footer(footer.data, footer.len, out, content_end, err);
    if (rc != PAIMON_OK)
        pm_err_prefix(err, "footer: ");
done:
    pm_buf_dispose(&tail);
    pm_buf_dispose(&footer);
    if (rc != PAIMON_OK)
        pm_orc_tail_dispose(out);
    return rc;
}

void pm_orc_tail_dispose(pm_orc_tail *t) {
    pm_arena_dispose(&t->arena);
    memset(t, 0, sizeof *t);
}

static int parse_metadata(pm_orc_tail *t, const uint8_t *data, size_t len, paimon_error *err) {
    pm_pb m = pm_pb_make(data, len);
    pm_pb_field f;
    int rc;
    size_t si = 0;
    size_t total;
    /* Statistics only help skipping: past a few million entries, do without them. */
    if (pm_mul_overflow(t->stripe_count, t->type_count, &total) || total > ((size_t)1 << 22))
        return PAIMON_OK;
    pm_orc_stats *all = pm_arena_calloc(&t->arena, total ? total : 1, sizeof *all);
    if (all == NULL)
        return pm_err_nomem(err);
    while ((rc = pm_pb_next(&m, &f, err)) == 1) {
        if (f.number != 1 || f.wire != PM_PB_LEN)
            continue;
        if (si >= t->stripe_count)
            return PM_CORRUPT(err, "metadata has more stripe statistics than stripes");
        pm_pb sm = pm_pb_make(f.data, f.len);
        pm_pb_field sf;
        size_t ci = 0;
        while ((rc = pm_pb_next(&sm, &sf, err)) == 1) {
            if (sf.number != 1 || sf.wire != PM_PB_LEN)
                continue;
            if (ci < t->type_count)
                PM_TRY(pm_orc_stats_parse(sf.data, sf.len, &t->arena,
                                          &all[si * t->type_count + ci], err));
            ci++;
        }
        if (rc < 0)
            return rc;
        si++;
    }
    if (rc < 0)
        return rc;
    if (si == t->stripe_count)
        t->stripe_stats = all;
    return PAIMON_OK;
}

int pm_orc_tail_load_stripe_stats(pm_orc_tail *t, pm_file *file, pm_codec_ctx *ctx,
                                  paimon_error *err) {
    if (t->stripe_stats_loaded)
        return PAIMON_OK;
    t->stripe_stats_loaded = true;
    if (t->metadata_length == 0 || t->stripe_count == 0)
        return PAIMON_OK;
    pm_buf raw = PM_BUF_INIT, plain = PM_BUF_INIT;
    int rc = PAIMON_OK;
    if (pm_buf_resize(&raw, (size_t)t->metadata_length) != PAIMON_OK) {
        rc = pm_err_nomem(err);
        goto done;
    }
    rc = pm_file_pread(file, t->metadata_offset, raw.data, raw.len, err);
    if (rc == PAIMON_OK)
        rc = pm_orc_decompress(t, ctx, raw.data, raw.len, &plain, err);
    if (rc == PAIMON_OK)
        rc = parse_metadata(t, plain.data, plain.len, err);
    if (rc != PAIMON_OK)
        pm_err_prefix(err, "stripe statistics: ");
done:
    pm_buf_dispose(&raw);
    pm_buf_dispose(&plain);
    return rc;
}

/* ---- stripe footer ---- */

int pm_orc_stripe_footer_read(const pm_orc_tail *t, pm_file *file, pm_codec_ctx *ctx,
                              size_t index, pm_arena *arena, pm_orc_stripe_footer *out,
                              paimon_error *err) {
    memset(out, 0, sizeof *out);
    const pm_orc_stripe_info *s = &t->stripes[index];
    pm_buf raw = PM_BUF_INIT, plain = PM_BUF_INIT;
    int rc = PAIMON_OK;
    if (pm_buf_resize(&raw, (size_t)s->footer_length) != PAIMON_OK) {
        rc = pm_err_nomem(err);
        goto done;
    }
    rc = pm_file_pread(file, s->offset + s->index_length + s->data_length, raw.data, raw.len, err);
    if (rc == PAIMON_OK)
        rc = pm_orc_decompress(t, ctx, raw.data, raw.len, &plain, err);
    if (rc != PAIMON_OK)
        goto done;
    size_t n_streams = 0, n_enc = 0;
    pm_pb m = pm_pb_make(plain.data, plain.len);
    pm_pb_field f;
    int r;
    while ((r = pm_pb_next(&m, &f, err)) == 1) {
        if (f.wire != PM_PB_LEN)
            continue;
        n_streams += f.number == 1;
        n_enc += f.number == 2;
    }
    if (r < 0) {
        rc = r;
        goto done;
    }
    out->streams = pm_arena_calloc(arena, n_streams ? n_streams : 1, sizeof *out->streams);
    out->encodings = pm_arena_calloc(arena, n_enc ? n_enc : 1, sizeof *out->encodings);
    if (out->streams == NULL || out->encodings == NULL) {
        rc = pm_err_nomem(err);
        goto done;
    }
    uint64_t offset = 0;
    uint64_t limit = s->index_length + s->data_length;
    m = pm_pb_make(plain.data, plain.len);
    while ((r = pm_pb_next(&m, &f, err)) == 1) {
        if (f.number == 3 && f.wire == PM_PB_LEN) {
            out->writer_timezone = pm_arena_strndup(arena, (const char *)f.data, f.len);
            if (out->writer_timezone == NULL) {
                rc = pm_err_nomem(err);
                goto done;
            }
            continue;
        }
        if (f.wire != PM_PB_LEN || (f.number != 1 && f.number != 2))
            continue;
        pm_pb sm = pm_pb_make(f.data, f.len);
        pm_pb_field sf;
        uint64_t a = 0, b = 0, c = 0;
        while ((r = pm_pb_next(&sm, &sf, err)) == 1) {
            if (sf.wire != PM_PB_VARINT)
                continue;
            if (sf.number == 1)
                a = sf.value;
            else if (sf.number == 2)
                b = sf.value;
            else if (sf.number == 3)
                c = sf.value;
        }
        if (r < 0) {
            rc = r;
            goto done;
        }
        if (f.number == 1) {
            pm_orc_stream_info *si = &out->streams[out->stream_count++];
            si->kind = (uint32_t)(a > UINT32_MAX ? UINT32_MAX : a);
            si->column = (uint32_t)(b > UINT32_MAX ? UINT32_MAX : b);
            si->length = c;
            si->offset = offset;
            if (c > limit - offset) {
                rc = PM_CORRUPT(err, "stream %zu (column %llu) of %llu bytes overruns the stripe",
                                out->stream_count - 1, (unsigned long long)b,
                                (unsigned long long)c);
                goto done;
            }
            offset += c;
        } else {
            pm_orc_encoding *e = &out->encodings[out->encoding_count++];
            e->kind = (uint32_t)(a > UINT32_MAX ? UINT32_MAX : a);
            e->dictionary_size = (uint32_t)(b > UINT32_MAX ? UINT32_MAX : b);
        }
    }
    if (r < 0)
        rc = r;
done:
    if (rc != PAIMON_OK)
        pm_err_prefix(err, "stripe %zu footer: ", index);
    pm_buf_dispose(&raw);
    pm_buf_dispose(&plain);
    return rc;
}
