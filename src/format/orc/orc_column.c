/*
 * orc_column.c - per-type decoding of ORC columns into pm_col builders.
 *
 * Every read follows the same shape: work out which of the n rows have a value (the parent's
 * mask combined with this column's PRESENT stream), decode exactly that many values from the
 * data streams in one call, then spread them over the rows while converting to the Arrow layout
 * of the requested type. Decoding straight into the builder's buffers avoids per-value calls.
 */
#include "format/orc/orc_column.h"

#include "data/decimal.h"
#include "util/endian.h"
#include "util/mem.h"

#include <limits.h>
#include <string.h>

#define NANOS_PER_SECOND 1000000000LL

static const pm_type multiset_count_type = {.id = PM_TYPE_INT, .nullable = false};

int64_t pm_orc_struct_child(const pm_orc_tail *tail, uint32_t struct_id, const char *name) {
    const pm_orc_type *st = &tail->types[struct_id];
    if (st->kind != PM_ORC_STRUCT)
        return -1;
    for (size_t i = 0; i < st->subtype_count; i++) {
        if (strcmp(st->field_names[i], name) == 0)
            return st->subtypes[i];
    }
    return -1;
}

static bool is_integer_kind(uint32_t k) {
    return k == PM_ORC_BYTE || k == PM_ORC_SHORT || k == PM_ORC_INT || k == PM_ORC_LONG;
}

static bool is_string_kind(uint32_t k) {
    return k == PM_ORC_STRING || k == PM_ORC_VARCHAR || k == PM_ORC_CHAR || k == PM_ORC_BINARY;
}

static bool compatible(uint32_t k, const pm_type *t) {
    switch (t->id) {
    case PM_TYPE_BOOLEAN: return k == PM_ORC_BOOLEAN;
    case PM_TYPE_TINYINT:
    case PM_TYPE_SMALLINT:
    case PM_TYPE_INT:
    case PM_TYPE_BIGINT:
    case PM_TYPE_TIME: return is_integer_kind(k);
    case PM_TYPE_FLOAT:
    case PM_TYPE_DOUBLE: return k == PM_ORC_FLOAT || k == PM_ORC_DOUBLE;
    case PM_TYPE_DECIMAL: return k == PM_ORC_DECIMAL;
    case PM_TYPE_CHAR:
    case PM_TYPE_VARCHAR:
    case PM_TYPE_BINARY:
    case PM_TYPE_VARBINARY:
    case PM_TYPE_BLOB: return is_string_kind(k);
    case PM_TYPE_DATE: return k == PM_ORC_DATE;
    case PM_TYPE_TIMESTAMP:
    case PM_TYPE_TIMESTAMP_LTZ: return k == PM_ORC_TIMESTAMP || k == PM_ORC_TIMESTAMP_INSTANT;
    case PM_TYPE_ARRAY: return k == PM_ORC_LIST;
    case PM_TYPE_MAP:
    case PM_TYPE_MULTISET: return k == PM_ORC_MAP;
    case PM_TYPE_ROW: return k == PM_ORC_STRUCT;
    default: return false;
    }
}

int pm_orc_column_build(pm_orc_column *c, const pm_orc_tail *tail, int64_t orc_id,
                        const pm_type *target, const char *name, int depth, paimon_error *err) {
    memset(c, 0, sizeof *c);
    c->target = target;
    c->name = name;
    c->orc_id = orc_id;
    if (orc_id < 0)
        return PAIMON_OK;
    if (depth > PM_MAX_NESTING_DEPTH)
        return pm_err(err, PAIMON_ELIMIT, "column %s: nesting deeper than %d", name,
                      PM_MAX_NESTING_DEPTH);
    c->otype = &tail->types[orc_id];
    if (!compatible(c->otype->kind, target))
        return pm_err(err, PAIMON_EUNSUPPORTED, "column %s: cannot read ORC %s as %s", name,
                      pm_orc_kind_name(c->otype->kind), pm_type_id_name(target->id));
    size_t nchild = 0;
    switch (target->id) {
    case PM_TYPE_ROW: nchild = target->field_count; break;
    case PM_TYPE_ARRAY: nchild = 1; break;
    case PM_TYPE_MAP:
    case PM_TYPE_MULTISET: nchild = 2; break;
    default: return PAIMON_OK;
    }
    c->children = pm_calloc(nchild ? nchild : 1, sizeof *c->children);
    if (c->children == NULL)
        return pm_err_nomem(err);
    c->child_count = nchild;
    for (size_t i = 0; i < nchild; i++) {
        int64_t cid;
        const pm_type *ct;
        const char *cname = name;
        if (target->id == PM_TYPE_ROW) {
            cid = pm_orc_struct_child(tail, (uint32_t)orc_id, target->fields[i].name);
            ct = target->fields[i].type;
            cname = target->fields[i].name;
        } else if (target->id == PM_TYPE_ARRAY) {
            cid = c->otype->subtypes[0];
            ct = target->element;
        } else {
            cid = c->otype->subtypes[i];
            if (target->id == PM_TYPE_MAP)
                ct = i == 0 ? target->key : target->value;
            else
                ct = i == 0 ? target->element : &multiset_count_type;
        }
        PM_TRY(pm_orc_column_build(&c->children[i], tail, cid, ct, cname, depth + 1, err));
    }
    return PAIMON_OK;
}

void pm_orc_column_dispose(pm_orc_column *c) {
    for (size_t i = 0; i < c->child_count; i++)
        pm_orc_column_dispose(&c->children[i]);
    pm_free(c->children);
    for (int i = 0; i < PM_ORC_BUF_COUNT; i++)
        pm_buf_dispose(&c->bufs[i]);
    pm_buf_dispose(&c->dict_offsets);
    pm_buf_dispose(&c->valid);
    pm_buf_dispose(&c->scratch);
    pm_buf_dispose(&c->scratch2);
    c->children = NULL;
    c->child_count = 0;
}

/* ---- stripe setup ---- */

static int load(pm_orc_column *c, int slot, uint32_t kind, pm_orc_stream_loader fn, void *ctx,
                bool *found, paimon_error *err) {
    c->bufs[slot].len = 0;
    return fn(ctx, (uint32_t)c->orc_id, kind, &c->bufs[slot], found, err);
}

static int load_dictionary(pm_orc_column *c, int version, paimon_error *err) {
    const pm_buf *lens = &c->bufs[PM_ORC_BUF_LENGTH];
    /* An RLE byte yields at most 512 values, which bounds a believable dictionary size. */
    if ((uint64_t)c->dict_size > (uint64_t)lens->len * PM_ORC_RLE_MAX_RUN)
        return PM_CORRUPT(err, "dictionary of %u entries but %zu length bytes", c->dict_size,
                          lens->len);
    pm_orc_int_rle rle;
    pm_orc_int_rle_init(&rle, lens->data, lens->len, version, false);
    size_t n = c->dict_size;
    PM_TRY_MEM(err, pm_buf_resize(&c->scratch, n * sizeof(int64_t)));
    PM_TRY_MEM(err, pm_buf_resize(&c->dict_offsets, (n + 1) * sizeof(uint32_t)));
    int64_t *v = (int64_t *)c->scratch.data;
    PM_TRY(pm_orc_int_rle_read(&rle, v, n, err));
    uint32_t *off = (uint32_t *)c->dict_offsets.data;
    uint64_t total = 0;
    size_t blob = c->bufs[PM_ORC_BUF_DICT].len;
    off[0] = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i] < 0 || (uint64_t)v[i] > blob - total)
            return PM_CORRUPT(err, "dictionary entry %zu of %lld bytes overruns the dictionary",
                              i, (long long)v[i]);
        total += (uint64_t)v[i];
        off[i + 1] = (uint32_t)total;
    }
    return PAIMON_OK;
}

int pm_orc_column_start_stripe(pm_orc_column *c, const pm_orc_stripe_footer *footer,
                               const pm_orc_tz *tz, pm_orc_stream_loader fn, void *ctx,
                               paimon_error *err) {
    if (c->orc_id < 0)
        return PAIMON_OK;
    bool found;
    uint32_t kind = c->otype->kind;
    c->encoding = (uint64_t)c->orc_id < footer->encoding_count
                      ? footer->encodings[c->orc_id].kind
                      : PM_ORC_DIRECT;
    int version = (c->encoding == PM_ORC_DIRECT || c->encoding == PM_ORC_DICTIONARY) ? 1 : 2;
    PM_TRY(load(c, PM_ORC_BUF_PRESENT, PM_ORC_PRESENT, fn, ctx, &found, err));
    c->has_present = found;
    pm_orc_bool_rle_init(&c->present, c->bufs[PM_ORC_BUF_PRESENT].data,
                         c->bufs[PM_ORC_BUF_PRESENT].len);
    bool is_dict = c->encoding == PM_ORC_DICTIONARY || c->encoding == PM_ORC_DICTIONARY_V2;
    if (kind != PM_ORC_STRUCT && kind != PM_ORC_LIST && kind != PM_ORC_MAP)
        PM_TRY(load(c, PM_ORC_BUF_DATA, PM_ORC_DATA, fn, ctx, &found, err));
    const pm_buf *data = &c->bufs[PM_ORC_BUF_DATA];
    c->raw = data->data;
    c->raw_end = data->len ? data->data + data->len : data->data;
    switch (kind) {
    case PM_ORC_BOOLEAN: pm_orc_bool_rle_init(&c->bools, data->data, data->len); break;
    case PM_ORC_BYTE: pm_orc_byte_rle_init(&c->bytes, data->data, data->len); break;
    case PM_ORC_SHORT:
    case PM_ORC_INT:
    case PM_ORC_LONG:
    case PM_ORC_DATE:
        pm_orc_int_rle_init(&c->ints, data->data, data->len, version, true);
        break;
    case PM_ORC_TIMESTAMP:
    case PM_ORC_TIMESTAMP_INSTANT:
        pm_orc_int_rle_init(&c->ints, data->data, data->len, version, true);
        PM_TRY(load(c, PM_ORC_BUF_SECONDARY, PM_ORC_SECONDARY, fn, ctx, &found, err));
        pm_orc_int_rle_init(&c->secondary, c->bufs[PM_ORC_BUF_SECONDARY].data,
                            c->bufs[PM_ORC_BUF_SECONDARY].len, version, false);
        /* Instants are always relative to UTC; plain timestamps to the writer's zone. */
        c->tz = kind == PM_ORC_TIMESTAMP && tz != NULL && (tz->count > 0 || tz->initial != 0)
                    ? tz
                    : NULL;
        c->ts_base = c->tz != NULL ? pm_orc_tz_base(c->tz) : 1420070400LL;
        break;
    case PM_ORC_DECIMAL:
        if (c->encoding == PM_ORC_DECIMAL_64) {
            pm_orc_int_rle_init(&c->ints, data->data, data->len, 2, true);
        } else {
            PM_TRY(load(c, PM_ORC_BUF_SECONDARY, PM_ORC_SECONDARY, fn, ctx, &found, err));
            pm_orc_int_rle_init(&c->secondary, c->bufs[PM_ORC_BUF_SECONDARY].data,
                                c->bufs[PM_ORC_BUF_SECONDARY].len, version, true);
        }
        break;
    case PM_ORC_STRING:
    case PM_ORC_VARCHAR:
    case PM_ORC_CHAR:
    case PM_ORC_BINARY:
        PM_TRY(load(c, PM_ORC_BUF_LENGTH, PM_ORC_LENGTH, fn, ctx, &found, err));
        if (is_dict) {
            pm_orc_int_rle_init(&c->ints, data->data, data->len, version, false);
            PM_TRY(load(c, PM_ORC_BUF_DICT, PM_ORC_DICTIONARY_DATA, fn, ctx, &found, err));
            c->dict_size = (uint64_t)c->orc_id < footer->encoding_count
                               ? footer->encodings[c->orc_id].dictionary_size
                               : 0;
            int rc = load_dictionary(c, version, err);
            if (rc != PAIMON_OK)
                return pm_err_prefix(err, "column %s: ", c->name);
        } else {
            pm_orc_int_rle_init(&c->lengths, c->bufs[PM_ORC_BUF_LENGTH].data,
                                c->bufs[PM_ORC_BUF_LENGTH].len, version, false);
        }
        break;
    case PM_ORC_LIST:
    case PM_ORC_MAP:
        PM_TRY(load(c, PM_ORC_BUF_LENGTH, PM_ORC_LENGTH, fn, ctx, &found, err));
        pm_orc_int_rle_init(&c->lengths, c->bufs[PM_ORC_BUF_LENGTH].data,
                            c->bufs[PM_ORC_BUF_LENGTH].len, version, false);
        break;
    default: break;
    }
    for (size_t i = 0; i < c->child_count; i++)
        PM_TRY(pm_orc_column_start_stripe(&c->children[i], footer, tz, fn, ctx, err));
    return PAIMON_OK;
}

/* ---- reading ---- */

/* Works out which of the n rows hold a value. *valid_out is NULL when all of them do. */
static int read_validity(pm_orc_column *c, size_t n, const uint8_t *parent_valid,
                         const uint8_t **valid_out, size_t *count_out, paimon_error *err) {
    if (!c->has_present && parent_valid == NULL) {
        *valid_out = NULL;
        *count_out = n;
        return PAIMON_OK;
    }
    PM_TRY_MEM(err, pm_buf_resize(&c->valid, n ? n : 1));
    uint8_t *v = c->valid.data;
    size_t count = 0;
    if (parent_valid == NULL) {
        PM_TRY(pm_orc_bool_rle_read(&c->present, v, n, err));
    } else if (!c->has_present) {
        memcpy(v, parent_valid, n);
    } else {
        /* Present bits exist only for rows whose parent is present: read them compactly at the
         * end of the array, then spread them forward. */
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            k += parent_valid[i] != 0;
        uint8_t *bits = v + (n - k);
        PM_TRY(pm_orc_bool_rle_read(&c->present, bits, k, err));
        size_t j = 0;
        for (size_t i = 0; i < n; i++)
            v[i] = parent_valid[i] ? bits[j++] : 0;
    }
    for (size_t i = 0; i < n; i++)
        count += v[i];
    *valid_out = count == n ? NULL : v;
    *count_out = count;
    return PAIMON_OK;
}

static int64_t *scratch_i64(pm_buf *b, size_t n) {
    if (pm_buf_resize(b, (n ? n : 1) * sizeof(int64_t)) != PAIMON_OK)
        return NULL;
    return (int64_t *)b->data;
}

static int decode_integers(pm_orc_column *c, size_t k, int64_t *out, paimon_error *err) {
    if (c->otype->kind != PM_ORC_BYTE)
        return pm_orc_int_rle_read(&c->ints, out, k, err);
    /* Bytes decode into the tail of the same array, then widen front to back. */
    uint8_t *b = (uint8_t *)(out + k) - k;
    PM_TRY(pm_orc_byte_rle_read(&c->bytes, b, k, err));
    for (size_t i = 0; i < k; i++)
        out[i] = (int8_t)b[i];
    return PAIMON_OK;
}

static void store_fixed_ints(uint8_t *dst, unsigned width, const int64_t *v, size_t n,
                             const uint8_t *valid) {
    size_t j = 0;
    switch (width) {
    case 1:
        for (size_t i = 0; i < n; i++)
            dst[i] = (valid == NULL || valid[i]) ? (uint8_t)v[j++] : 0;
        break;
    case 2: {
        int16_t *d = (int16_t *)dst;
        for (size_t i = 0; i < n; i++)
            d[i] = (valid == NULL || valid[i]) ? (int16_t)v[j++] : 0;
        break;
    }
    case 4: {
        int32_t *d = (int32_t *)dst;
        if (valid == NULL) {
            for (size_t i = 0; i < n; i++)
                d[i] = (int32_t)v[i];
        } else {
            for (size_t i = 0; i < n; i++)
                d[i] = valid[i] ? (int32_t)v[j++] : 0;
        }
        break;
    }
    default: {
        int64_t *d = (int64_t *)dst;
        if (valid == NULL) {
            if ((const void *)d != (const void *)v)
                memmove(d, v, n * sizeof *d);
        } else {
            /* Back to front, so v may alias d (values decoded in place). */
            size_t jj = 0;
            for (size_t i = 0; i < n; i++)
                jj += valid[i] != 0;
            for (size_t i = n; i-- > 0;)
                d[i] = valid[i] ? v[--jj] : 0;
        }
        break;
    }
    }
}

static int read_int_like(pm_orc_column *c, pm_col *out, size_t n, const uint8_t *valid, size_t k,
                         paimon_error *err) {
    PM_TRY_MEM(err, pm_col_reserve(out, n));
    uint8_t *dst = out->values.data + (size_t)out->length * out->width;
    int64_t *v;
    if (out->width == 8 && c->otype->kind != PM_ORC_BYTE) {
        /* 64-bit targets decode in place. */
        v = (int64_t *)dst;
    } else {
        v = scratch_i64(&c->scratch, k + 1);
        if (v == NULL)
            return pm_err_nomem(err);
    }
    PM_TRY(decode_integers(c, k, v, err));
    store_fixed_ints(dst, out->width, v, n, valid);
    PM_TRY_MEM(err, pm_col_advance(out, n, valid));
    return PAIMON_OK;
}

static int read_boolean(pm_orc_column *c, pm_col *out, size_t n, const uint8_t *valid, size_t k,
                        paimon_error *err) {
    PM_TRY_MEM(err, pm_buf_resize(&c->scratch, k ? k : 1));
    uint8_t *b = c->scratch.data;
    PM_TRY(pm_orc_bool_rle_read(&c->bools, b, k, err));
    PM_TRY_MEM(err, pm_col_reserve(out, n));
    uint8_t *bits = out->values.data;
    int64_t base = out->length;
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        bool bit = (valid == NULL || valid[i]) ? b[j++] != 0 : false;
        if (bit)
            pm_bit_set(bits, base + (int64_t)i);
        else
            pm_bit_clear(bits, base + (int64_t)i);
    }
    PM_TRY_MEM(err, pm_col_advance(out, n, valid));
    return PAIMON_OK;
}

static int read_floating(pm_orc_column *c, pm_col *out, size_t n, const uint8_t *valid, size_t k,
                         paimon_error *err) {
    size_t in_width = c->otype->kind == PM_ORC_FLOAT ? 4 : 8;
    if ((size_t)(c->raw_end - c->raw) / in_width < k)
        return PM_CORRUPT(err, "column %s: float data ends before %zu values", c->name, k);
    PM_TRY_MEM(err, pm_col_reserve(out, n));
    uint8_t *dst = out->values.data + (size_t)out->length * out->width;
    const uint8_t *src = c->raw;
    if (k == 0) {
        memset(dst, 0, n * out->width);
    } else if (in_width == out->width && valid == NULL) {
        memcpy(dst, src, k * in_width);
    } else {
        size_t j = 0;
        for (size_t i = 0; i < n; i++) {
            double v = 0;
            if (valid == NULL || valid[i]) {
                const uint8_t *p = src + (j++) * in_width;
                v = in_width == 4 ? (double)pm_f32_from_bits(pm_load_le32(p))
                                  : pm_f64_from_bits(pm_load_le64(p));
            }
            if (out->width == 4) {
                float f = (float)v;
                memcpy(dst + i * 4, &f, 4);
            } else {
                memcpy(dst + i * 8, &v, 8);
            }
        }
    }
    if (k > 0)
        c->raw += k * in_width;
    PM_TRY_MEM(err, pm_col_advance(out, n, valid));
    return PAIMON_OK;
}

/* Fills offsets for n rows from k lengths; returns the byte total through *total. */
static int fill_offsets(pm_col *out, size_t n, const uint8_t *valid, const int64_t *lens,
                        uint64_t limit, uint64_t *total, const char *name, paimon_error *err) {
    int32_t *off = (int32_t *)out->offsets.data + out->length;
    uint64_t start = (uint64_t)(uint32_t)off[0];
    uint64_t sum = 0;
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        if (valid == NULL || valid[i]) {
            int64_t len = lens[j++];
            if (len < 0 || (uint64_t)len > limit - sum)
                return PM_CORRUPT(err, "column %s: length %lld overruns its data", name,
                                  (long long)len);
            sum += (uint64_t)len;
            if (start + sum > INT32_MAX)
                return pm_err(err, PAIMON_ELIMIT, "column %s: more than 2 GiB in one batch",
                              name);
        }
        off[i + 1] = (int32_t)(start + sum);
    }
    *total = sum;
    return PAIMON_OK;
}

static int read_string_direct(pm_orc_column *c, pm_col *out, size_t n, const uint8_t *valid,
                              size_t k, paimon_error *err) {
    int64_t *lens = scratch_i64(&c->scratch, k);
    if (lens == NULL)
        return pm_err_nomem(err);
    PM_TRY(pm_orc_int_rle_read(&c->lengths, lens, k, err));
    PM_TRY_MEM(err, pm_col_reserve(out, n));
    uint64_t total;
    PM_TRY(fill_offsets(out, n, valid, lens, (uint64_t)(c->raw_end - c->raw), &total, c->name,
                        err));
    if (total > 0) {
        PM_TRY_MEM(err, pm_buf_append(&out->values, c->raw, (size_t)total));
        c->raw += total;
    }
    PM_TRY_MEM(err, pm_col_advance(out, n, valid));
    return PAIMON_OK;
}

static int read_string_dict(pm_orc_column *c, pm_col *out, size_t n, const uint8_t *valid,
                            size_t k, paimon_error *err) {
    int64_t *idx = scratch_i64(&c->scratch2, k);
    if (idx == NULL)
        return pm_err_nomem(err);
    PM_TRY(pm_orc_int_rle_read(&c->ints, idx, k, err));
    const uint32_t *doff = (const uint32_t *)c->dict_offsets.data;
    const uint8_t *blob = c->bufs[PM_ORC_BUF_DICT].data;
    uint64_t total = 0;
    for (size_t j = 0; j < k; j++) {
        if (idx[j] < 0 || (uint64_t)idx[j] >= c->dict_size)
            return PM_CORRUPT(err, "column %s: dictionary index %lld out of %u entries", c->name,
                              (long long)idx[j], c->dict_size);
        total += doff[idx[j] + 1] - doff[idx[j]];
    }
    PM_TRY_MEM(err, pm_col_reserve(out, n));
    int32_t *off = (int32_t *)out->offsets.data + out->length;
    uint64_t start = (uint64_t)(uint32_t)off[0];
    if (start + total > INT32_MAX || total > pm_orc_stream_limit())
        return pm_err(err, PAIMON_ELIMIT, "column %s: too many string bytes in one batch",
                      c->name);
    PM_TRY_MEM(err, pm_buf_reserve(&out->values, (size_t)total));
    uint8_t *dst = total > 0 ? out->values.data + out->values.len : NULL;
    uint64_t pos = 0;
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        if (valid == NULL || valid[i]) {
            int64_t e = idx[j++];
            uint32_t len = doff[e + 1] - doff[e];
            if (len > 0)
                memcpy(dst + pos, blob + doff[e], len);
            pos += len;
        }
        off[i + 1] = (int32_t)(start + pos);
    }
    out->values.len += (size_t)total;
    PM_TRY_MEM(err, pm_col_advance(out, n, valid));
    return PAIMON_OK;
}

/* Unbounded zig-zag base-128 varint, as ORC stores decimal unscaled values. */
static bool read_varint128(const uint8_t **pp, const uint8_t *end, pm_decimal128 *out) {
    const uint8_t *p = *pp;
    uint64_t lo = 0, hi = 0;
    unsigned shift = 0;
    for (;;) {
        if (p >= end || shift > 126)
            return false;
        uint8_t b = *p++;
        uint64_t payload = b & 0x7f;
        if (shift < 64) {
            lo |= payload << shift;
            if (shift > 57)
                hi |= payload >> (64 - shift);
        } else {
            hi |= payload << (shift - 64);
        }
        if (!(b & 0x80))
            break;
        shift += 7;
    }
    uint64_t neg = lo & 1;
    lo = (lo >> 1) | (hi << 63);
    hi >>= 1;
    if (neg) {
        lo = ~lo;
        hi = ~hi;
    }
    out->lo = lo;
    out->hi = (int64_t)hi;
    *pp = p;
    return true;
}

static int read_decimal(pm_orc_column *c, pm_col *out, size_t n, const uint8_t *valid, size_t k,
                        paimon_error *err) {
    int32_t target_scale = out->type->scale;
    int64_t *scales = scratch_i64(&c->scratch, k);
    if (scales == NULL)
        return pm_err_nomem(err);
    bool dec64 = c->encoding == PM_ORC_DECIMAL_64;
    if (dec64) {
        PM_TRY(pm_orc_int_rle_read(&c->ints, scales, k, err)); /* unscaled values here */
    } else {
        PM_TRY(pm_orc_int_rle_read(&c->secondary, scales, k, err));
    }
    PM_TRY_MEM(err, pm_col_reserve(out, n));
    uint8_t *dst = out->values.data + (size_t)out->length * 16;
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        pm_decimal128 d = {0, 0};
        if (valid == NULL || valid[i]) {
            int64_t scale;
            if (dec64) {
                d = pm_dec_from_i64(scales[j++]);
                scale = (int64_t)c->otype->scale;
            } else {
                if (!read_varint128(&c->raw, c->raw_end, &d))
                    return PM_CORRUPT(err, "column %s: truncated or oversized decimal", c->name);
                scale = scales[j++];
            }
            if (scale != target_scale) {
                if (scale < -38 || scale > 76 ||
                    !pm_dec_rescale(d, (int)scale, target_scale, &d))
                    return PM_CORRUPT(err, "column %s: decimal with scale %lld out of range",
                                      c->name, (long long)scale);
            }
        }
        pm_dec_store_le(d, dst + i * 16);
    }
    PM_TRY_MEM(err, pm_col_advance(out, n, valid));
    return PAIMON_OK;
}

/* Seconds and nanoseconds of ORC timestamps to the column's unit. */
static int read_timestamp(pm_orc_column *c, pm_col *out, size_t n, const uint8_t *valid,
                          size_t k, paimon_error *err) {
    int64_t *secs = scratch_i64(&c->scratch, k);
    int64_t *nanos = scratch_i64(&c->scratch2, k);
    if (secs == NULL || nanos == NULL)
        return pm_err_nomem(err);
    PM_TRY(pm_orc_int_rle_read(&c->ints, secs, k, err));
    PM_TRY(pm_orc_int_rle_read(&c->secondary, nanos, k, err));
    pm_time_unit unit = pm_timestamp_unit(out->type->precision);
    PM_TRY_MEM(err, pm_col_reserve(out, n));
    int64_t *dst = (int64_t *)(out->values.data + (size_t)out->length * 8);
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        if (valid != NULL && !valid[i]) {
            dst[i] = 0;
            continue;
        }
        uint64_t raw_nanos = (uint64_t)nanos[j];
        int64_t s = (int64_t)((uint64_t)secs[j] + (uint64_t)c->ts_base);
        j++;
        /* Nanos drop trailing decimal zeros; the low 3 bits count them (minus one). */
        unsigned zeros = raw_nanos & 7;
        uint64_t ns = raw_nanos >> 3;
        if (zeros != 0) {
            for (unsigned z = 0; z <= zeros; z++)
                ns *= 10;
        }
        if (ns >= (uint64_t)NANOS_PER_SECOND)
            return PM_CORRUPT(err, "column %s: timestamp nanoseconds %llu out of range", c->name,
                              (unsigned long long)ns);
        /* Writers truncate seconds toward zero while nanos stay positive: step back a second
         * for negative times with a fraction (as ORC's own readers do). */
        if (s < 0 && ns > 999999)
            s--;
        if (c->tz != NULL)
            s += pm_orc_tz_offset(c->tz, s);
        uint64_t us = (uint64_t)s;
        switch (unit) {
        case PM_UNIT_MILLI: dst[i] = (int64_t)(us * 1000u + ns / 1000000u); break;
        case PM_UNIT_MICRO: dst[i] = (int64_t)(us * 1000000u + ns / 1000u); break;
        default: dst[i] = (int64_t)(us * 1000000000u + ns); break;
        }
    }
    PM_TRY_MEM(err, pm_col_advance(out, n, valid));
    return PAIMON_OK;
}

static int read_list_lengths(pm_orc_column *c, pm_col *out, size_t n, const uint8_t *valid,
                             size_t k, uint64_t *total, paimon_error *err) {
    int64_t *lens = scratch_i64(&c->scratch, k);
    if (lens == NULL)
        return pm_err_nomem(err);
    PM_TRY(pm_orc_int_rle_read(&c->lengths, lens, k, err));
    PM_TRY_MEM(err, pm_col_reserve(out, n));
    /* Arrow offsets stop at INT32_MAX; the stream limit keeps a few bytes of RLE from asking
     * for billions of child slots. */
    uint64_t limit = pm_orc_stream_limit() / 8;
    PM_TRY(fill_offsets(out, n, valid, lens, limit < INT32_MAX ? limit : INT32_MAX, total, c->name,
                        err));
    PM_TRY_MEM(err, pm_col_advance(out, n, valid));
    return PAIMON_OK;
}

int pm_orc_column_read(pm_orc_column *c, pm_col *out, size_t n, const uint8_t *parent_valid,
                       paimon_error *err) {
    if (n == 0)
        return PAIMON_OK;
    if (c->orc_id < 0) {
        PM_TRY_MEM(err, pm_col_append_nulls(out, n));
        return PAIMON_OK;
    }
    const uint8_t *valid = NULL;
    size_t k = 0;
    int rc = read_validity(c, n, parent_valid, &valid, &k, err);
    if (rc != PAIMON_OK)
        return pm_err_prefix(err, "column %s: ", c->name);
    switch (c->otype->kind) {
    case PM_ORC_BOOLEAN: rc = read_boolean(c, out, n, valid, k, err); break;
    case PM_ORC_BYTE:
    case PM_ORC_SHORT:
    case PM_ORC_INT:
    case PM_ORC_LONG:
    case PM_ORC_DATE: rc = read_int_like(c, out, n, valid, k, err); break;
    case PM_ORC_FLOAT:
    case PM_ORC_DOUBLE: rc = read_floating(c, out, n, valid, k, err); break;
    case PM_ORC_STRING:
    case PM_ORC_VARCHAR:
    case PM_ORC_CHAR:
    case PM_ORC_BINARY:
        if (c->encoding == PM_ORC_DICTIONARY || c->encoding == PM_ORC_DICTIONARY_V2)
            rc = read_string_dict(c, out, n, valid, k, err);
        else
            rc = read_string_direct(c, out, n, valid, k, err);
        break;
    case PM_ORC_DECIMAL: rc = read_decimal(c, out, n, valid, k, err); break;
    case PM_ORC_TIMESTAMP:
    case PM_ORC_TIMESTAMP_INSTANT: rc = read_timestamp(c, out, n, valid, k, err); break;
    case PM_ORC_STRUCT:
        for (size_t i = 0; i < c->child_count && rc == PAIMON_OK; i++)
            rc = pm_orc_column_read(&c->children[i], &out->children[i], n, valid, err);
        if (rc == PAIMON_OK && pm_col_advance(out, n, valid) != PAIMON_OK)
            rc = pm_err_nomem(err);
        return rc;
    case PM_ORC_LIST: {
        pm_col *child = &out->children[0];
        uint64_t total;
        rc = read_list_lengths(c, out, n, valid, k, &total, err);
        if (rc == PAIMON_OK)
            rc = pm_orc_column_read(&c->children[0], child, (size_t)total, NULL, err);
        return rc;
    }
    case PM_ORC_MAP: {
        pm_col *entries = &out->children[0];
        uint64_t total;
        rc = read_list_lengths(c, out, n, valid, k, &total, err);
        if (rc == PAIMON_OK)
            rc = pm_orc_column_read(&c->children[0], &entries->children[0], (size_t)total, NULL,
                                    err);
        if (rc == PAIMON_OK)
            rc = pm_orc_column_read(&c->children[1], &entries->children[1], (size_t)total, NULL,
                                    err);
        if (rc == PAIMON_OK && pm_col_advance(entries, (size_t)total, NULL) != PAIMON_OK)
            rc = pm_err_nomem(err);
        return rc;
    }
    default:
        return pm_err(err, PAIMON_EUNSUPPORTED, "column %s: ORC %s is not supported", c->name,
                      pm_orc_kind_name(c->otype->kind));
    }
    if (rc != PAIMON_OK && err != NULL && strncmp(err->message, "column ", 7) != 0)
        pm_err_prefix(err, "column %s: ", c->name);
    return rc;
}
