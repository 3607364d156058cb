/*
 * orc_writer.c - writing Paimon-typed Arrow batches as an ORC file.
 *
 * Each column of the type tree (pre-order ids, as ORC numbers them) buffers its streams for the
 * current stripe: PRESENT (dropped when the stripe has no nulls), DATA, LENGTH, SECONDARY and,
 * for dictionary strings, DICTIONARY_DATA. At the end of a stripe every stream is compressed in
 * chunks behind 3-byte headers and appended to the file; the tail (stripe statistics, footer with
 * types and file statistics, postscript) follows at finish. Plain timestamps are written with
 * writer time zone UTC, so their seconds are the wall clock minus 2015-01-01.
 */
#include "format/orc/orc.h"

#include "data/decimal.h"
#include "format/orc/orc_footer.h"
#include "format/orc/orc_proto.h"
#include "format/orc/orc_wrle.h"
#include "util/endian.h"
#include "util/mem.h"
#include "util/varint.h"
#include "util/vec.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ORC_EPOCH_2015 1420070400LL

typedef struct wstats {
    uint64_t count;
    bool has_null;
    bool has_minmax;
    int64_t imin, imax, isum;
    bool sum_ok;
    double dmin, dmax, dsum;
    pm_buf smin, smax;
    pm_decimal128 decmin, decmax;
    uint64_t trues;
} wstats;

typedef struct dict_entry {
    size_t offset; /* into the stripe's value bytes */
    size_t len;
    uint32_t id;   /* insertion order */
} dict_entry;

typedef struct wcol wcol;
struct wcol {
    const pm_type *type;
    uint32_t id;
    uint32_t kind; /* pm_orc_kind */
    wcol *children;
    size_t child_count;
    pm_buf present, data, length, secondary, dict;
    pm_orc_bool_enc present_enc;
    pm_orc_bool_enc bool_enc;
    pm_orc_byte_enc byte_enc;
    pm_orc_int_enc *data_enc;
    pm_orc_int_enc *length_enc;
    pm_orc_int_enc *secondary_enc;
    uint64_t stripe_nulls;
    uint64_t stripe_values;
    wstats stripe, file;
    /* Dictionary candidates: the stripe's strings, kept until the stripe ends. */
    bool use_dict;
    pm_buf dvalues;   /* concatenated values */
    pm_buf dlens;     /* size_t per value */
};

struct pm_orc_writer {
    pm_field *fields;
    size_t field_count;
    pm_type *root_type; /* ROW of the fields (owns nothing: fields are borrowed) */
    pm_orc_write_options opts;
    wcol root;
    wcol **cols;        /* by column id */
    size_t col_count;
    size_t col_cap;
    pm_codec_ctx *codec;
    pm_buf file;
    pm_buf stripe_infos;  /* serialized StripeInformation messages, each length-prefixed */
    pm_buf stripe_stats;  /* serialized StripeStatistics messages, each length-prefixed */
    uint64_t stripe_rows;
    uint64_t total_rows;
    pm_buf scratch;
    pm_buf chunk;
};

/* ---- type tree ---- */

static int kind_of(const pm_type *t, uint32_t *kind, paimon_error *err) {
    switch (t->id) {
    case PM_TYPE_BOOLEAN: *kind = PM_ORC_BOOLEAN; break;
    case PM_TYPE_TINYINT: *kind = PM_ORC_BYTE; break;
    case PM_TYPE_SMALLINT: *kind = PM_ORC_SHORT; break;
    case PM_TYPE_INT:
    case PM_TYPE_TIME: *kind = PM_ORC_INT; break;
    case PM_TYPE_BIGINT: *kind = PM_ORC_LONG; break;
    case PM_TYPE_FLOAT: *kind = PM_ORC_FLOAT; break;
    case PM_TYPE_DOUBLE: *kind = PM_ORC_DOUBLE; break;
    case PM_TYPE_DECIMAL: *kind = PM_ORC_DECIMAL; break;
    case PM_TYPE_CHAR: *kind = PM_ORC_CHAR; break;
    case PM_TYPE_VARCHAR:
        *kind = t->length == PM_MAX_LENGTH ? PM_ORC_STRING : PM_ORC_VARCHAR;
        break;
    case PM_TYPE_BINARY:
    case PM_TYPE_VARBINARY:
    case PM_TYPE_BLOB: *kind = PM_ORC_BINARY; break;
    case PM_TYPE_DATE: *kind = PM_ORC_DATE; break;
    case PM_TYPE_TIMESTAMP: *kind = PM_ORC_TIMESTAMP; break;
    case PM_TYPE_TIMESTAMP_LTZ: *kind = PM_ORC_TIMESTAMP_INSTANT; break;
    case PM_TYPE_ARRAY: *kind = PM_ORC_LIST; break;
    case PM_TYPE_MAP:
    case PM_TYPE_MULTISET: *kind = PM_ORC_MAP; break;
    case PM_TYPE_ROW: *kind = PM_ORC_STRUCT; break;
    default:
        return pm_err(err, PAIMON_EUNSUPPORTED, "ORC writer: type %s is not supported",
                      pm_type_id_name(t->id));
    }
    return PAIMON_OK;
}

static const pm_type multiset_count = {.id = PM_TYPE_INT, .nullable = false};

static pm_orc_int_enc *new_enc(pm_buf *out, bool is_signed) {
    pm_orc_int_enc *e = pm_malloc(sizeof *e);
    if (e != NULL)
        pm_orc_int_enc_init(e, out, is_signed);
    return e;
}

static int build(pm_orc_writer *w, wcol *c, const pm_type *t, int depth, paimon_error *err) {
    if (depth > PM_MAX_NESTING_DEPTH)
        return pm_err(err, PAIMON_ELIMIT, "ORC writer: types nested too deeply");
    c->type = t;
    PM_TRY(kind_of(t, &c->kind, err));
    PM_TRY_MEM(err, pm_grow((void **)&w->cols, &w->col_cap, w->col_count + 1, sizeof *w->cols));
    c->id = (uint32_t)w->col_count;
    w->cols[w->col_count++] = c;
    pm_orc_bool_enc_init(&c->present_enc, &c->present);
    pm_orc_bool_enc_init(&c->bool_enc, &c->data);
    pm_orc_byte_enc_init(&c->byte_enc, &c->data);
    c->stripe.sum_ok = c->file.sum_ok = true;
    switch (c->kind) {
    case PM_ORC_SHORT:
    case PM_ORC_INT:
    case PM_ORC_LONG:
    case PM_ORC_DATE: c->data_enc = new_enc(&c->data, true); break;
    case PM_ORC_TIMESTAMP:
    case PM_ORC_TIMESTAMP_INSTANT:
        c->data_enc = new_enc(&c->data, true);
        c->secondary_enc = new_enc(&c->secondary, false);
        break;
    case PM_ORC_DECIMAL: c->secondary_enc = new_enc(&c->secondary, true); break;
    case PM_ORC_STRING:
    case PM_ORC_VARCHAR:
    case PM_ORC_CHAR:
    case PM_ORC_BINARY:
        c->length_enc = new_enc(&c->length, false);
        c->data_enc = new_enc(&c->data, false); /* dictionary indexes */
        c->use_dict = w->opts.dictionary && c->kind != PM_ORC_BINARY;
        break;
    case PM_ORC_LIST:
    case PM_ORC_MAP: c->length_enc = new_enc(&c->length, false); break;
    default: break;
    }
    if ((c->kind == PM_ORC_SHORT || c->kind == PM_ORC_INT || c->kind == PM_ORC_LONG ||
         c->kind == PM_ORC_DATE || c->kind == PM_ORC_TIMESTAMP ||
         c->kind == PM_ORC_TIMESTAMP_INSTANT) &&
        c->data_enc == NULL)
        return pm_err_nomem(err);
    size_t n = 0;
    if (t->id == PM_TYPE_ROW)
        n = t->field_count;
    else if (t->id == PM_TYPE_ARRAY)
        n = 1;
    else if (t->id == PM_TYPE_MAP || t->id == PM_TYPE_MULTISET)
        n = 2;
    if (n == 0)
        return PAIMON_OK;
    c->children = pm_calloc(n, sizeof *c->children);
    if (c->children == NULL)
        return pm_err_nomem(err);
    c->child_count = n;
    for (size_t i = 0; i < n; i++) {
        const pm_type *ct;
        if (t->id == PM_TYPE_ROW)
            ct = t->fields[i].type;
        else if (t->id == PM_TYPE_ARRAY)
            ct = t->element;
        else if (t->id == PM_TYPE_MAP)
            ct = i == 0 ? t->key : t->value;
        else
            ct = i == 0 ? t->element : &multiset_count;
        PM_TRY(build(w, &c->children[i], ct, depth + 1, err));
    }
    return PAIMON_OK;
}

static void wcol_dispose(wcol *c) {
    for (size_t i = 0; i < c->child_count; i++)
        wcol_dispose(&c->children[i]);
    pm_free(c->children);
    pm_buf_dispose(&c->present);
    pm_buf_dispose(&c->data);
    pm_buf_dispose(&c->length);
    pm_buf_dispose(&c->secondary);
    pm_buf_dispose(&c->dict);
    pm_buf_dispose(&c->dvalues);
    pm_buf_dispose(&c->dlens);
    pm_buf_dispose(&c->stripe.smin);
    pm_buf_dispose(&c->stripe.smax);
    pm_buf_dispose(&c->file.smin);
    pm_buf_dispose(&c->file.smax);
    pm_free(c->data_enc);
    pm_free(c->length_enc);
    pm_free(c->secondary_enc);
}

/* ---- statistics ---- */

static void stats_int(wstats *s, int64_t v) {
    if (!s->has_minmax) {
        s->imin = s->imax = v;
        s->has_minmax = true;
    } else {
        if (v < s->imin)
            s->imin = v;
        if (v > s->imax)
            s->imax = v;
    }
    if (s->sum_ok && __builtin_add_overflow(s->isum, v, &s->isum))
        s->sum_ok = false;
}

static void stats_double(wstats *s, double v) {
    if (isnan(v))
        return;
    if (!s->has_minmax) {
        s->dmin = s->dmax = v;
        s->has_minmax = true;
    } else {
        if (v < s->dmin)
            s->dmin = v;
        if (v > s->dmax)
            s->dmax = v;
    }
    s->dsum += v;
}

static int bytes_cmp(const uint8_t *a, size_t an, const uint8_t *b, size_t bn) {
    size_t n = an < bn ? an : bn;
    int c = n ? memcmp(a, b, n) : 0;
    return c != 0 ? c : (an < bn ? -1 : an > bn);
}

static int stats_bytes(wstats *s, const uint8_t *p, size_t n) {
    s->isum += (int64_t)n;
    if (!s->has_minmax || bytes_cmp(p, n, s->smin.data, s->smin.len) < 0) {
        s->smin.len = 0;
        PM_TRY(pm_buf_append(&s->smin, n ? p : (const uint8_t *)"", n));
    }
    if (!s->has_minmax || bytes_cmp(p, n, s->smax.data, s->smax.len) > 0) {
        s->smax.len = 0;
        PM_TRY(pm_buf_append(&s->smax, n ? p : (const uint8_t *)"", n));
    }
    s->has_minmax = true;
    return PAIMON_OK;
}

static void stats_decimal(wstats *s, pm_decimal128 d) {
    if (!s->has_minmax) {
        s->decmin = s->decmax = d;
        s->has_minmax = true;
        return;
    }
    if (pm_dec_compare(d, s->decmin) < 0)
        s->decmin = d;
    if (pm_dec_compare(d, s->decmax) > 0)
        s->decmax = d;
}

/* Folds a stripe's statistics into the file's. */
static int stats_merge(wcol *c) {
    wstats *f = &c->file, *s = &c->stripe;
    f->count += s->count;
    f->has_null = f->has_null || s->has_null;
    f->trues += s->trues;
    if (s->has_minmax) {
        switch (c->kind) {
        case PM_ORC_FLOAT:
        case PM_ORC_DOUBLE:
            stats_double(f, s->dmin);
            stats_double(f, s->dmax);
            f->dsum += s->dsum - s->dmin - s->dmax;
            break;
        case PM_ORC_STRING:
        case PM_ORC_VARCHAR:
        case PM_ORC_CHAR: {
            int64_t sum = f->isum;
            PM_TRY(stats_bytes(f, s->smin.data, s->smin.len));
            PM_TRY(stats_bytes(f, s->smax.data, s->smax.len));
            f->isum = sum + s->isum;
            break;
        }
        case PM_ORC_DECIMAL:
            stats_decimal(f, s->decmin);
            stats_decimal(f, s->decmax);
            break;
        default:
            if (!f->has_minmax) {
                f->imin = s->imin;
                f->imax = s->imax;
                f->has_minmax = true;
            } else {
                if (s->imin < f->imin)
                    f->imin = s->imin;
                if (s->imax > f->imax)
                    f->imax = s->imax;
            }
            if (!s->sum_ok || (f->sum_ok && __builtin_add_overflow(f->isum, s->isum, &f->isum)))
                f->sum_ok = false;
            break;
        }
    }
    if (c->kind == PM_ORC_BINARY)
        f->isum += s->isum;
    pm_buf smin = s->smin, smax = s->smax;
    smin.len = smax.len = 0;
    memset(s, 0, sizeof *s);
    s->smin = smin;
    s->smax = smax;
    s->sum_ok = true;
    return PAIMON_OK;
}

static int encode_stats(const wcol *c, const wstats *s, pm_buf *out) {
    pm_buf sub = PM_BUF_INIT;
    int rc = pm_pb_put_uint(out, 1, s->count);
    bool has = s->has_minmax && s->count > 0;
    switch (c->kind) {
    case PM_ORC_BYTE:
    case PM_ORC_SHORT:
    case PM_ORC_INT:
    case PM_ORC_LONG:
        if (has) {
            rc |= pm_pb_put_sint(&sub, 1, s->imin);
            rc |= pm_pb_put_sint(&sub, 2, s->imax);
            if (s->sum_ok)
                rc |= pm_pb_put_sint(&sub, 3, s->isum);
        }
        rc |= pm_pb_put_msg(out, 2, &sub);
        break;
    case PM_ORC_FLOAT:
    case PM_ORC_DOUBLE:
        if (has) {
            rc |= pm_pb_put_double(&sub, 1, s->dmin);
            rc |= pm_pb_put_double(&sub, 2, s->dmax);
            rc |= pm_pb_put_double(&sub, 3, s->dsum);
        }
        rc |= pm_pb_put_msg(out, 3, &sub);
        break;
    case PM_ORC_STRING:
    case PM_ORC_VARCHAR:
    case PM_ORC_CHAR:
        if (has) {
            rc |= pm_pb_put_bytes(&sub, 1, s->smin.data, s->smin.len);
            rc |= pm_pb_put_bytes(&sub, 2, s->smax.data, s->smax.len);
        }
        rc |= pm_pb_put_sint(&sub, 3, s->isum);
        rc |= pm_pb_put_msg(out, 4, &sub);
        break;
    case PM_ORC_BOOLEAN:
        rc |= pm_pb_put_uint(&sub, 1, s->trues);
        rc |= pm_pb_put_msg(out, 5, &sub);
        break;
    case PM_ORC_DECIMAL:
        if (has) {
            char text[PM_DECIMAL_TEXT_MAX];
            size_t n = pm_dec_format(s->decmin, c->type->scale, text);
            rc |= pm_pb_put_bytes(&sub, 1, text, n);
            n = pm_dec_format(s->decmax, c->type->scale, text);
            rc |= pm_pb_put_bytes(&sub, 2, text, n);
        }
        rc |= pm_pb_put_msg(out, 6, &sub);
        break;
    case PM_ORC_DATE:
        if (has) {
            rc |= pm_pb_put_sint(&sub, 1, s->imin);
            rc |= pm_pb_put_sint(&sub, 2, s->imax);
        }
        rc |= pm_pb_put_msg(out, 7, &sub);
        break;
    case PM_ORC_BINARY:
        rc |= pm_pb_put_sint(&sub, 1, s->isum);
        rc |= pm_pb_put_msg(out, 8, &sub);
        break;
    default: break;
    }
    rc |= pm_pb_put_uint(out, 10, s->has_null ? 1 : 0);
    pm_buf_dispose(&sub);
    return rc == PAIMON_OK ? PAIMON_OK : PAIMON_ENOMEM;
}

/* ---- values ---- */

static int write_row(pm_orc_writer *w, wcol *c, const struct ArrowArray *a, int64_t i);

static int put_varint128(pm_buf *out, pm_decimal128 d) {
    /* Zig-zag over 128 bits, then base-128 groups. */
    uint64_t lo = d.lo, hi = (uint64_t)d.hi;
    uint64_t sign = (uint64_t)(d.hi >> 63);
    uint64_t zlo = (lo << 1) ^ sign, zhi = ((hi << 1) | (lo >> 63)) ^ sign;
    do {
        uint8_t b = (uint8_t)(zlo & 0x7f);
        zlo = (zlo >> 7) | (zhi << 57);
        zhi >>= 7;
        if (zlo != 0 || zhi != 0)
            b |= 0x80;
        PM_TRY(pm_buf_append_byte(out, b));
    } while (zlo != 0 || zhi != 0);
    return PAIMON_OK;
}

static uint64_t encode_nanos(int64_t nanos) {
    if (nanos == 0)
        return 0;
    if (nanos % 100 != 0)
        return (uint64_t)nanos << 3;
    nanos /= 100;
    unsigned zeros = 1;
    while (nanos % 10 == 0 && zeros < 7) {
        nanos /= 10;
        zeros++;
    }
    return ((uint64_t)nanos << 3) | zeros;
}

static int write_string(pm_orc_writer *w, wcol *c, const uint8_t *p, size_t n) {
    (void)w;
    if (c->kind != PM_ORC_BINARY)
        PM_TRY(stats_bytes(&c->stripe, p, n));
    else
        c->stripe.isum += (int64_t)n;
    if (c->use_dict) {
        PM_TRY(pm_buf_append(&c->dvalues, n ? p : (const uint8_t *)"", n));
        return pm_buf_append(&c->dlens, &n, sizeof n);
    }
    PM_TRY(pm_buf_append(&c->data, n ? p : (const uint8_t *)"", n));
    return pm_orc_int_enc_add(c->length_enc, (int64_t)n);
}

static int write_value(pm_orc_writer *w, wcol *c, const struct ArrowArray *a, int64_t i) {
    const pm_type *t = c->type;
    switch (c->kind) {
    case PM_ORC_LIST: {
        const int32_t *off = a->buffers[1];
        int64_t s = off[a->offset + i], e = off[a->offset + i + 1];
        PM_TRY(pm_orc_int_enc_add(c->length_enc, e - s));
        for (int64_t k = s; k < e; k++)
            PM_TRY(write_row(w, &c->children[0], a->children[0], k));
        return PAIMON_OK;
    }
    case PM_ORC_MAP: {
        const int32_t *off = a->buffers[1];
        int64_t s = off[a->offset + i], e = off[a->offset + i + 1];
        const struct ArrowArray *entries = a->children[0];
        PM_TRY(pm_orc_int_enc_add(c->length_enc, e - s));
        for (int64_t k = s; k < e; k++) {
            PM_TRY(write_row(w, &c->children[0], entries->children[0], entries->offset + k));
            PM_TRY(write_row(w, &c->children[1], entries->children[1], entries->offset + k));
        }
        return PAIMON_OK;
    }
    case PM_ORC_STRUCT:
        for (size_t f = 0; f < c->child_count; f++)
            PM_TRY(write_row(w, &c->children[f], a->children[f], a->offset + i));
        return PAIMON_OK;
    default: break;
    }
    pm_datum d = pm_arrow_get_datum(a, t, i);
    switch (c->kind) {
    case PM_ORC_BOOLEAN:
        c->stripe.trues += d.v.b;
        c->stripe.has_minmax = true;
        return pm_orc_bool_enc_add(&c->bool_enc, d.v.b);
    case PM_ORC_BYTE: stats_int(&c->stripe, d.v.i); return pm_orc_byte_enc_add(&c->byte_enc, (uint8_t)d.v.i);
    case PM_ORC_SHORT:
    case PM_ORC_INT:
    case PM_ORC_LONG:
    case PM_ORC_DATE: stats_int(&c->stripe, d.v.i); return pm_orc_int_enc_add(c->data_enc, d.v.i);
    case PM_ORC_FLOAT: {
        uint8_t b[4];
        pm_store_le32(b, pm_f32_bits((float)d.v.f));
        stats_double(&c->stripe, (double)(float)d.v.f);
        return pm_buf_append(&c->data, b, 4);
    }
    case PM_ORC_DOUBLE: {
        uint8_t b[8];
        pm_store_le64(b, pm_f64_bits(d.v.f));
        stats_double(&c->stripe, d.v.f);
        return pm_buf_append(&c->data, b, 8);
    }
    case PM_ORC_DECIMAL:
        stats_decimal(&c->stripe, d.v.dec);
        PM_TRY(put_varint128(&c->data, d.v.dec));
        return pm_orc_int_enc_add(c->secondary_enc, t->scale);
    case PM_ORC_TIMESTAMP:
    case PM_ORC_TIMESTAMP_INSTANT: {
        int64_t secs = d.v.ts.millis >= 0 ? d.v.ts.millis / 1000 : -((-(d.v.ts.millis + 1)) / 1000) - 1;
        int64_t nanos = (d.v.ts.millis - secs * 1000) * 1000000 + d.v.ts.nanos;
        /* Mirror Java: seconds are truncated toward zero from the millis. */
        if (secs < 0 && nanos >= 1000000)
            secs++;
        PM_TRY(pm_orc_int_enc_add(c->data_enc, secs - ORC_EPOCH_2015));
        return pm_orc_int_enc_add(c->secondary_enc, (int64_t)encode_nanos(nanos));
    }
    default: return write_string(w, c, d.v.bytes.ptr, d.v.bytes.len);
    }
}

static int write_row(pm_orc_writer *w, wcol *c, const struct ArrowArray *a, int64_t i) {
    bool valid = pm_arrow_is_valid(a, i);
    PM_TRY(pm_orc_bool_enc_add(&c->present_enc, valid));
    if (!valid) {
        c->stripe_nulls++;
        c->stripe.has_null = true;
        return PAIMON_OK;
    }
    c->stripe_values++;
    c->stripe.count++;
    return write_value(w, c, a, i);
}

/* ---- stripes ---- */

static int put_stream(pm_orc_writer *w, const pm_buf *plain, uint32_t column, uint32_t kind,
                      pm_buf *streams_msg, uint64_t *data_len, paimon_error *err) {
    size_t before = w->file.len;
    if (w->opts.codec == PM_CODEC_NONE) {
        PM_TRY_MEM(err, pm_buf_append(&w->file, plain->data ? plain->data : (const uint8_t *)"",
                                      plain->len));
    } else {
        size_t block = w->opts.block_size;
        for (size_t pos = 0; pos < plain->len; pos += block) {
            size_t n = plain->len - pos < block ? plain->len - pos : block;
            w->chunk.len = 0;
            PM_TRY(pm_compress_append(w->codec, w->opts.codec, w->opts.compression_level,
                                      plain->data + pos, n, &w->chunk, err));
            bool original = w->chunk.len >= n;
            size_t len = original ? n : w->chunk.len;
            uint32_t h = (uint32_t)(len * 2 + (original ? 1 : 0));
            uint8_t hdr[3] = {(uint8_t)h, (uint8_t)(h >> 8), (uint8_t)(h >> 16)};
            PM_TRY_MEM(err, pm_buf_append(&w->file, hdr, 3));
            PM_TRY_MEM(err, pm_buf_append(&w->file, original ? plain->data + pos : w->chunk.data,
                                          len));
        }
    }
    uint64_t len = w->file.len - before;
    pm_buf msg = PM_BUF_INIT;
    int rc = pm_pb_put_uint(&msg, 1, kind);
    rc |= pm_pb_put_uint(&msg, 2, column);
    rc |= pm_pb_put_uint(&msg, 3, len);
    rc |= pm_pb_put_msg(streams_msg, 1, &msg);
    pm_buf_dispose(&msg);
    if (rc != PAIMON_OK)
        return pm_err_nomem(err);
    *data_len += len;
    return PAIMON_OK;
}

static _Thread_local const uint8_t *dict_sort_values;

static int dict_cmp(const void *pa, const void *pb) {
    const dict_entry *a = pa, *b = pb;
    return bytes_cmp(dict_sort_values + a->offset, a->len, dict_sort_values + b->offset, b->len);
}

/* Builds the sorted dictionary of a string column's stripe values; falls back to direct when
 * fewer than half of the values repeat. */
static int finish_strings(wcol *c, uint32_t *encoding, uint32_t *dict_size, paimon_error *err) {
    size_t n = c->dlens.len / sizeof(size_t);
    const size_t *lens = (const size_t *)c->dlens.data;
    dict_entry *e = pm_calloc(n ? n : 1, sizeof *e);
    if (e == NULL)
        return pm_err_nomem(err);
    size_t off = 0;
    for (size_t i = 0; i < n; i++) {
        e[i].offset = off;
        e[i].len = lens[i];
        e[i].id = (uint32_t)i;
        off += lens[i];
    }
    dict_sort_values = c->dvalues.data;
    qsort(e, n, sizeof *e, dict_cmp);
    uint32_t *index = pm_calloc(n ? n : 1, sizeof *index);
    if (index == NULL) {
        pm_free(e);
        return pm_err_nomem(err);
    }
    size_t distinct = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || dict_cmp(&e[i], &e[i - 1]) != 0)
            distinct++;
        index[e[i].id] = (uint32_t)(distinct - 1);
    }
    int rc = PAIMON_OK;
    if (distinct * 2 <= n) {
        *encoding = PM_ORC_DICTIONARY_V2;
        *dict_size = (uint32_t)distinct;
        for (size_t i = 0; i < n && rc == PAIMON_OK; i++) {
            if (i == 0 || dict_cmp(&e[i], &e[i - 1]) != 0) {
                rc = pm_buf_append(&c->dict, c->dvalues.data + e[i].offset, e[i].len);
                if (rc == PAIMON_OK)
                    rc = pm_orc_int_enc_add(c->length_enc, (int64_t)e[i].len);
            }
        }
        for (size_t i = 0; i < n && rc == PAIMON_OK; i++)
            rc = pm_orc_int_enc_add(c->data_enc, index[i]);
    } else {
        *encoding = PM_ORC_DIRECT_V2;
        rc = pm_buf_append(&c->data, c->dvalues.data ? c->dvalues.data : (const uint8_t *)"",
                           c->dvalues.len);
        for (size_t i = 0; i < n && rc == PAIMON_OK; i++)
            rc = pm_orc_int_enc_add(c->length_enc, (int64_t)lens[i]);
    }
    pm_free(e);
    pm_free(index);
    c->dvalues.len = 0;
    c->dlens.len = 0;
    return rc == PAIMON_OK ? PAIMON_OK : pm_err_nomem(err);
}

static int flush_encoders(wcol *c, uint32_t *encoding, uint32_t *dict_size, paimon_error *err) {
    *dict_size = 0;
    *encoding = PM_ORC_DIRECT;
    switch (c->kind) {
    case PM_ORC_SHORT:
    case PM_ORC_INT:
    case PM_ORC_LONG:
    case PM_ORC_DATE:
    case PM_ORC_TIMESTAMP:
    case PM_ORC_TIMESTAMP_INSTANT:
    case PM_ORC_DECIMAL:
    case PM_ORC_LIST:
    case PM_ORC_MAP: *encoding = PM_ORC_DIRECT_V2; break;
    case PM_ORC_STRING:
    case PM_ORC_VARCHAR:
    case PM_ORC_CHAR:
    case PM_ORC_BINARY:
        *encoding = PM_ORC_DIRECT_V2;
        if (c->use_dict)
            PM_TRY(finish_strings(c, encoding, dict_size, err));
        break;
    default: break;
    }
    int rc = pm_orc_bool_enc_flush(&c->present_enc);
    if (c->kind == PM_ORC_BOOLEAN)
        rc |= pm_orc_bool_enc_flush(&c->bool_enc);
    if (c->kind == PM_ORC_BYTE)
        rc |= pm_orc_byte_enc_flush(&c->byte_enc);
    if (c->data_enc != NULL)
        rc |= pm_orc_int_enc_flush(c->data_enc);
    if (c->length_enc != NULL)
        rc |= pm_orc_int_enc_flush(c->length_enc);
    if (c->secondary_enc != NULL)
        rc |= pm_orc_int_enc_flush(c->secondary_enc);
    return rc == PAIMON_OK ? PAIMON_OK : pm_err_nomem(err);
}

static int flush_stripe(pm_orc_writer *w, paimon_error *err) {
    if (w->stripe_rows == 0)
        return PAIMON_OK;
    uint64_t offset = w->file.len;
    uint64_t data_len = 0;
    pm_buf footer = PM_BUF_INIT, encodings = PM_BUF_INIT, enc = PM_BUF_INIT, stats = PM_BUF_INIT,
           one = PM_BUF_INIT;
    int rc = PAIMON_OK;
    /* Root struct: no streams, DIRECT. */
    for (size_t i = 0; i < w->col_count && rc == PAIMON_OK; i++) {
        wcol *c = w->cols[i];
        uint32_t encoding, dict_size;
        rc = flush_encoders(c, &encoding, &dict_size, err);
        if (rc != PAIMON_OK)
            break;
        if (c->stripe_nulls > 0)
            rc = put_stream(w, &c->present, c->id, PM_ORC_PRESENT, &footer, &data_len, err);
        bool has_data = c->kind != PM_ORC_STRUCT && c->kind != PM_ORC_LIST && c->kind != PM_ORC_MAP;
        if (rc == PAIMON_OK && has_data)
            rc = put_stream(w, &c->data, c->id, PM_ORC_DATA, &footer, &data_len, err);
        if (rc == PAIMON_OK && c->length_enc != NULL)
            rc = put_stream(w, &c->length, c->id, PM_ORC_LENGTH, &footer, &data_len, err);
        if (rc == PAIMON_OK && dict_size > 0)
            rc = put_stream(w, &c->dict, c->id, PM_ORC_DICTIONARY_DATA, &footer, &data_len, err);
        if (rc == PAIMON_OK && c->secondary_enc != NULL)
            rc = put_stream(w, &c->secondary, c->id, PM_ORC_SECONDARY, &footer, &data_len, err);
        if (rc != PAIMON_OK)
            break;
        enc.len = 0;
        int mrc = pm_pb_put_uint(&enc, 1, encoding);
        if (dict_size > 0)
            mrc |= pm_pb_put_uint(&enc, 2, dict_size);
        mrc |= pm_pb_put_msg(&encodings, 2, &enc);
        one.len = 0;
        mrc |= encode_stats(c, &c->stripe, &one);
        mrc |= pm_pb_put_msg(&stats, 1, &one);
        if (mrc != PAIMON_OK)
            rc = pm_err_nomem(err);
        else
            rc = stats_merge(c) == PAIMON_OK ? PAIMON_OK : pm_err_nomem(err);
        c->present.len = c->data.len = c->length.len = c->secondary.len = c->dict.len = 0;
        c->stripe_nulls = c->stripe_values = 0;
    }
    if (rc == PAIMON_OK) {
        int mrc = pm_buf_append(&footer, encodings.data, encodings.len);
        mrc |= pm_pb_put_str(&footer, 3, "UTC");
        if (mrc != PAIMON_OK)
            rc = pm_err_nomem(err);
    }
    uint64_t footer_at = w->file.len;
    if (rc == PAIMON_OK) {
        /* The stripe footer is framed like a stream. */
        pm_buf ignore = PM_BUF_INIT;
        uint64_t flen = 0;
        rc = put_stream(w, &footer, 0, 0, &ignore, &flen, err);
        pm_buf_dispose(&ignore);
    }
    if (rc == PAIMON_OK) {
        one.len = 0;
        int mrc = pm_pb_put_uint(&one, 1, offset);
        mrc |= pm_pb_put_uint(&one, 2, 0);
        mrc |= pm_pb_put_uint(&one, 3, data_len);
        mrc |= pm_pb_put_uint(&one, 4, w->file.len - footer_at);
        mrc |= pm_pb_put_uint(&one, 5, w->stripe_rows);
        mrc |= pm_pb_put_msg(&w->stripe_infos, 3, &one);
        mrc |= pm_pb_put_msg(&w->stripe_stats, 1, &stats);
        if (mrc != PAIMON_OK)
            rc = pm_err_nomem(err);
    }
    pm_buf_dispose(&footer);
    pm_buf_dispose(&encodings);
    pm_buf_dispose(&enc);
    pm_buf_dispose(&stats);
    pm_buf_dispose(&one);
    w->total_rows += w->stripe_rows;
    w->stripe_rows = 0;
    return rc;
}

/* ---- public ---- */

int pm_orc_writer_new(const pm_field *fields, size_t field_count, const pm_orc_write_options *opts,
                      pm_orc_writer **out, paimon_error *err) {
    *out = NULL;
    pm_orc_writer *w = pm_calloc(1, sizeof *w);
    if (w == NULL)
        return pm_err_nomem(err);
    if (opts != NULL)
        w->opts = *opts;
    if (w->opts.block_size == 0 || w->opts.block_size > (1u << 22))
        w->opts.block_size = 262144;
    if (w->opts.stripe_rows == 0)
        w->opts.stripe_rows = 1u << 20;
    int rc = pm_codec_ctx_new(&w->codec, err);
    if (rc == PAIMON_OK) {
        w->fields = pm_calloc(field_count ? field_count : 1, sizeof *w->fields);
        if (w->fields == NULL)
            rc = pm_err_nomem(err);
    }
    for (size_t i = 0; i < field_count && rc == PAIMON_OK; i++) {
        if (pm_field_copy(&w->fields[i], &fields[i]) != PAIMON_OK)
            rc = pm_err_nomem(err);
        else
            w->field_count = i + 1;
    }
    if (rc == PAIMON_OK) {
        /* A ROW shell over the copied fields, used only to build the tree. */
        w->root_type = pm_calloc(1, sizeof *w->root_type);
        if (w->root_type == NULL) {
            rc = pm_err_nomem(err);
        } else {
            w->root_type->id = PM_TYPE_ROW;
            w->root_type->fields = w->fields;
            w->root_type->field_count = w->field_count;
            rc = build(w, &w->root, w->root_type, 0, err);
        }
    }
    if (rc == PAIMON_OK && pm_buf_append(&w->file, "ORC", 3) != PAIMON_OK)
        rc = pm_err_nomem(err);
    if (rc != PAIMON_OK) {
        pm_orc_writer_free(w);
        return rc;
    }
    *out = w;
    return PAIMON_OK;
}

int pm_orc_writer_write(pm_orc_writer *w, const struct ArrowArray *batch, paimon_error *err) {
    if ((size_t)batch->n_children != w->field_count)
        return pm_err(err, PAIMON_EINVAL, "ORC writer: batch has %lld columns, expected %zu",
                      (long long)batch->n_children, w->field_count);
    for (int64_t i = 0; i < batch->length; i++) {
        for (size_t f = 0; f < w->field_count; f++) {
            if (write_row(w, &w->root.children[f], batch->children[f], batch->offset + i) !=
                PAIMON_OK)
                return pm_err_nomem(err);
        }
        w->root.stripe.count++;
        PM_TRY_MEM(err, pm_orc_bool_enc_add(&w->root.present_enc, true));
        if (++w->stripe_rows == w->opts.stripe_rows)
            PM_TRY(flush_stripe(w, err));
    }
    return PAIMON_OK;
}

/* One Type message; `field_id` >= 0 adds the "paimon.id" attribute Java writes since 1.0. */
static int encode_type(const wcol *c, int64_t field_id, pm_buf *out) {
    pm_buf t = PM_BUF_INIT, sub = PM_BUF_INIT, attr = PM_BUF_INIT;
    int rc = pm_pb_put_uint(&t, 1, c->kind);
    for (size_t i = 0; i < c->child_count; i++)
        rc |= pm_pb_put_varint(&sub, c->children[i].id);
    if (c->child_count > 0)
        rc |= pm_pb_put_msg(&t, 2, &sub);
    if (c->kind == PM_ORC_STRUCT) {
        for (size_t i = 0; i < c->child_count; i++)
            rc |= pm_pb_put_str(&t, 3, c->type->fields[i].name);
    }
    if (c->kind == PM_ORC_VARCHAR || c->kind == PM_ORC_CHAR)
        rc |= pm_pb_put_uint(&t, 4, (uint64_t)c->type->length);
    if (c->kind == PM_ORC_DECIMAL) {
        rc |= pm_pb_put_uint(&t, 5, (uint64_t)c->type->precision);
        rc |= pm_pb_put_uint(&t, 6, (uint64_t)c->type->scale);
    }
    if (field_id >= 0) {
        char text[24];
        snprintf(text, sizeof text, "%lld", (long long)field_id);
        rc |= pm_pb_put_str(&attr, 1, "paimon.id");
        rc |= pm_pb_put_str(&attr, 2, text);
        rc |= pm_pb_put_msg(&t, 7, &attr);
    }
    rc |= pm_pb_put_msg(out, 4, &t);
    pm_buf_dispose(&t);
    pm_buf_dispose(&sub);
    pm_buf_dispose(&attr);
    return rc == PAIMON_OK ? PAIMON_OK : PAIMON_ENOMEM;
}

/* All types in column-id order (pre-order, as ORC numbers them). Named struct fields carry
 * their Paimon field id. */
static int encode_types(const pm_orc_writer *w, pm_buf *out) {
    int64_t *ids = pm_malloc(w->col_count * sizeof *ids);
    if (ids == NULL)
        return PAIMON_ENOMEM;
    for (size_t i = 0; i < w->col_count; i++)
        ids[i] = -1;
    for (size_t i = 0; i < w->col_count && w->opts.field_ids; i++) {
        const wcol *c = w->cols[i];
        if (c->kind != PM_ORC_STRUCT)
            continue;
        for (size_t k = 0; k < c->child_count; k++)
            ids[c->children[k].id] = c->type->fields[k].id;
    }
    int rc = PAIMON_OK;
    for (size_t i = 0; i < w->col_count && rc == PAIMON_OK; i++)
        rc = encode_type(w->cols[i], ids[i], out);
    pm_free(ids);
    return rc;
}

static uint32_t compression_kind(pm_codec codec) {
    switch (codec) {
    case PM_CODEC_ZSTD: return PM_ORC_COMP_ZSTD;
    case PM_CODEC_DEFLATE: return PM_ORC_COMP_ZLIB;
    case PM_CODEC_SNAPPY: return PM_ORC_COMP_SNAPPY;
    case PM_CODEC_LZ4_BLOCK: return PM_ORC_COMP_LZ4;
    default: return PM_ORC_COMP_NONE;
    }
}

/* Appends a tail section (metadata or footer) framed like a stream; returns its length. */
static int put_section(pm_orc_writer *w, const pm_buf *plain, uint64_t *len, paimon_error *err) {
    pm_buf ignore = PM_BUF_INIT;
    *len = 0;
    uint64_t before = w->file.len;
    int rc = put_stream(w, plain, 0, 0, &ignore, len, err);
    pm_buf_dispose(&ignore);
    *len = w->file.len - before;
    return rc;
}

int pm_orc_writer_finish(pm_orc_writer *w, pm_buf *out, paimon_error *err) {
    switch (w->opts.codec) {
    case PM_CODEC_NONE:
    case PM_CODEC_ZSTD:
    case PM_CODEC_DEFLATE:
    case PM_CODEC_SNAPPY:
    case PM_CODEC_LZ4_BLOCK: break;
    default:
        return pm_err(err, PAIMON_EUNSUPPORTED, "ORC writer: codec %s has no ORC equivalent",
                      pm_codec_name(w->opts.codec));
    }
    PM_TRY(flush_stripe(w, err));
    uint64_t content_len = w->file.len;
    pm_buf footer = PM_BUF_INIT, ps = PM_BUF_INIT, one = PM_BUF_INIT;
    uint64_t metadata_len = 0, footer_len = 0;
    int rc = put_section(w, &w->stripe_stats, &metadata_len, err);
    if (rc == PAIMON_OK) {
        int mrc = pm_pb_put_uint(&footer, 1, 3);
        mrc |= pm_pb_put_uint(&footer, 2, content_len);
        mrc |= pm_buf_append(&footer, w->stripe_infos.data, w->stripe_infos.len);
        mrc |= encode_types(w, &footer);
        mrc |= pm_pb_put_uint(&footer, 6, w->total_rows);
        for (size_t i = 0; i < w->col_count; i++) {
            one.len = 0;
            mrc |= encode_stats(w->cols[i], &w->cols[i]->file, &one);
            mrc |= pm_pb_put_msg(&footer, 7, &one);
        }
        mrc |= pm_pb_put_uint(&footer, 8, 0);
        if (mrc != PAIMON_OK)
            rc = pm_err_nomem(err);
    }
    if (rc == PAIMON_OK)
        rc = put_section(w, &footer, &footer_len, err);
    if (rc == PAIMON_OK) {
        int mrc = pm_pb_put_uint(&ps, 1, footer_len);
        mrc |= pm_pb_put_uint(&ps, 2, compression_kind(w->opts.codec));
        mrc |= pm_pb_put_uint(&ps, 3, w->opts.block_size);
        pm_buf version = PM_BUF_INIT;
        mrc |= pm_pb_put_varint(&version, 0);
        mrc |= pm_pb_put_varint(&version, 12);
        mrc |= pm_pb_put_msg(&ps, 4, &version);
        pm_buf_dispose(&version);
        mrc |= pm_pb_put_uint(&ps, 5, metadata_len);
        mrc |= pm_pb_put_uint(&ps, 6, 6); /* writer version: ORC-135 fixed (UTC statistics) */
        mrc |= pm_pb_put_str(&ps, 8000, "ORC");
        mrc |= pm_buf_append(&w->file, ps.data, ps.len);
        mrc |= pm_buf_append_byte(&w->file, (uint8_t)ps.len);
        if (mrc != PAIMON_OK)
            rc = pm_err_nomem(err);
    }
    pm_buf_dispose(&footer);
    pm_buf_dispose(&ps);
    pm_buf_dispose(&one);
    if (rc != PAIMON_OK)
        return rc;
    pm_buf_dispose(out);
    *out = w->file;
    pm_buf_init(&w->file);
    return PAIMON_OK;
}

void pm_orc_writer_free(pm_orc_writer *w) {
    if (w == NULL)
        return;
    wcol_dispose(&w->root);
    pm_free(w->cols);
    pm_free(w->root_type);
    for (size_t i = 0; i < w->field_count; i++)
        pm_field_dispose(&w->fields[i]);
    pm_free(w->fields);
    pm_codec_ctx_free(w->codec);
    pm_buf_dispose(&w->file);
    pm_buf_dispose(&w->stripe_infos);
    pm_buf_dispose(&w->stripe_stats);
    pm_buf_dispose(&w->scratch);
    pm_buf_dispose(&w->chunk);
    pm_free(w);
}
