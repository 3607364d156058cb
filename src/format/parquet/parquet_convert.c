/*
 * parquet_convert.c - which Parquet columns can be read as which Paimon types, and the
 * conversions themselves (spec 05 §3 lists how Paimon writes each type; other writers' usual
 * annotations are accepted too). Every loop here runs over a whole run of values with the
 * conversion chosen once outside it.
 */
#include "format/parquet/parquet_column.h"

#include "data/decimal.h"
#include "util/buf.h"
#include "util/endian.h"
#include "util/timeutil.h"

#include <string.h>

size_t pm_pq_phys_width(const pm_pq_leaf *leaf) {
    switch (leaf->phys) {
    case PM_PQ_INT32:
    case PM_PQ_FLOAT: return 4;
    case PM_PQ_INT64:
    case PM_PQ_DOUBLE: return 8;
    case PM_PQ_INT96: return 12;
    case PM_PQ_FIXED_LEN_BYTE_ARRAY: return (size_t)leaf->type_length;
    default: return 0;
    }
}

static bool has_decimal(const pm_pq_schema_elem *e, int32_t *scale) {
    if (e->logical.kind == PM_PQ_LT_DECIMAL) {
        *scale = e->logical.scale;
        return true;
    }
    if (e->converted == PM_PQ_CT_DECIMAL) {
        *scale = e->scale;
        return true;
    }
    return false;
}

static bool is_unsigned(const pm_pq_schema_elem *e) {
    if (e->logical.kind == PM_PQ_LT_INTEGER)
        return !e->logical.is_signed;
    return e->converted >= PM_PQ_CT_UINT_8 && e->converted <= PM_PQ_CT_UINT_64;
}

/* TIME/TIMESTAMP unit of an INT64 (or INT32 TIME) column, 0 when not annotated so. */
static int annotated_unit(const pm_pq_schema_elem *e, bool timestamp) {
    bool utc;
    return pm_pq_time_unit(e, timestamp, &utc);
}


static int64_t pow10i(int64_t e) {
    int64_t v = 1;
    while (e-- > 0)
        v *= 10;
    return v;
}

static int choose(pm_pq_leaf *leaf, const pm_type *t) {
    const pm_pq_schema_elem *e = leaf->node->elem;
    int phys = leaf->phys;
    int32_t scale = 0;
    bool dec = has_decimal(e, &scale);
    leaf->factor = 1;
    switch (t->id) {
    case PM_TYPE_BOOLEAN: return phys == PM_PQ_BOOLEAN ? PM_PQC_BOOL : -1;
    case PM_TYPE_TINYINT: return phys == PM_PQ_INT32 && !dec ? PM_PQC_I32_I8 : -1;
    case PM_TYPE_SMALLINT: return phys == PM_PQ_INT32 && !dec ? PM_PQC_I32_I16 : -1;
    case PM_TYPE_INT: return phys == PM_PQ_INT32 && !dec ? PM_PQC_COPY : -1;
    case PM_TYPE_BIGINT:
        if (phys == PM_PQ_INT64 && !dec && annotated_unit(e, true) == 0)
            return PM_PQC_COPY;
        if (phys == PM_PQ_INT32 && !dec)
            return is_unsigned(e) ? PM_PQC_U32_I64 : PM_PQC_I32_I64;
        return -1;
    case PM_TYPE_FLOAT: return phys == PM_PQ_FLOAT ? PM_PQC_COPY : -1;
    case PM_TYPE_DOUBLE:
        return phys == PM_PQ_DOUBLE ? PM_PQC_COPY : phys == PM_PQ_FLOAT ? PM_PQC_F32_F64 : -1;
    case PM_TYPE_DECIMAL:
        if (!dec) {
            /* Plain integers read as DECIMAL(p, 0); UINT_64 needs this to fit at all. */
            if (t->scale != 0)
                return -1;
            if (phys == PM_PQ_INT32)
                return is_unsigned(e) ? PM_PQC_U32_DEC : PM_PQC_I32_DEC;
            if (phys == PM_PQ_INT64)
                return is_unsigned(e) ? PM_PQC_U64_DEC : PM_PQC_I64_DEC;
            return -1;
        }
        if (scale != t->scale)
            return -1;
        switch (phys) {
        case PM_PQ_INT32: return PM_PQC_I32_DEC;
        case PM_PQ_INT64: return PM_PQC_I64_DEC;
        case PM_PQ_FIXED_LEN_BYTE_ARRAY:
        case PM_PQ_BYTE_ARRAY: return PM_PQC_BE_DEC;
        default: return -1;
        }
    case PM_TYPE_CHAR:
    case PM_TYPE_VARCHAR:
    case PM_TYPE_BINARY:
    case PM_TYPE_VARBINARY:
    case PM_TYPE_BLOB:
        return (phys == PM_PQ_BYTE_ARRAY || phys == PM_PQ_FIXED_LEN_BYTE_ARRAY) && !dec
                   ? PM_PQC_BYTES
                   : -1;
    case PM_TYPE_DATE:
        return phys == PM_PQ_INT32 && !dec && annotated_unit(e, false) == 0 ? PM_PQC_COPY : -1;
    case PM_TYPE_TIME: {
        int u = annotated_unit(e, false);
        if (phys == PM_PQ_INT32 && !dec && (u == 0 || u == PM_PQ_UNIT_MILLIS))
            return PM_PQC_COPY;
        if (phys == PM_PQ_INT64 && (u == PM_PQ_UNIT_MICROS || u == PM_PQ_UNIT_NANOS)) {
            leaf->factor = pow10i(pm_pq_unit_precision(u) - 3);
            return PM_PQC_I64_DIV_I32;
        }
        return -1;
    }
    case PM_TYPE_TIMESTAMP:
    case PM_TYPE_TIMESTAMP_LTZ: {
        pm_time_unit tu = pm_timestamp_unit(t->precision);
        int64_t texp = tu == PM_UNIT_MILLI ? 3 : tu == PM_UNIT_MICRO ? 6 : 9;
        if (phys == PM_PQ_INT96) {
            leaf->unit = tu;
            return PM_PQC_INT96;
        }
        int u = annotated_unit(e, true);
        if (phys != PM_PQ_INT64 || u == 0)
            return -1;
        int64_t fexp = pm_pq_unit_precision(u);
        if (fexp == texp)
            return PM_PQC_COPY;
        leaf->factor = pow10i(fexp > texp ? fexp - texp : texp - fexp);
        return fexp > texp ? PM_PQC_I64_DIV : PM_PQC_I64_MUL;
    }
    default: return -1;
    }
}

/* Short description of the Parquet side for error messages, e.g. "INT64 (TIMESTAMP)". */
static const char *annotation_name(const pm_pq_schema_elem *e) {
    static const char *const lt_names[] = {"",        "STRING", "MAP",       "LIST",
                                           "ENUM",    "DECIMAL", "DATE",     "TIME",
                                           "TIMESTAMP", "",     "INTEGER",  "UNKNOWN",
                                           "JSON",    "BSON",   "UUID",      "FLOAT16"};
    if (e->logical.kind > 0 && e->logical.kind < 16)
        return lt_names[e->logical.kind];
    if (e->converted == PM_PQ_CT_UTF8)
        return "UTF8";
    if (e->converted == PM_PQ_CT_DECIMAL)
        return "DECIMAL";
    return "";
}

int pm_pq_leaf_plan(pm_pq_leaf *leaf, const pm_pq_node *node, const pm_type *target,
                    const char *name, paimon_error *err) {
    leaf->node = node;
    leaf->name = name;
    leaf->column = node->leaf_index;
    leaf->phys = node->elem->type;
    leaf->type_length = node->elem->type_length;
    leaf->max_def = node->def_level;
    leaf->max_rep = node->rep_level;
    int conv = choose(leaf, target);
    if (conv < 0) {
        pm_buf tn = PM_BUF_INIT;
        const char *ts = pm_type_format(target, &tn) == PAIMON_OK ? pm_buf_cstr(&tn) : "?";
        const char *an = annotation_name(node->elem);
        pm_err(err, PAIMON_EUNSUPPORTED, "column '%s': cannot read Parquet %s%s%s%s as %s", name,
               pm_pq_type_name(leaf->phys), *an ? " (" : "", an, *an ? ")" : "", ts);
        pm_buf_dispose(&tn);
        return PAIMON_EUNSUPPORTED;
    }
    leaf->conv = (pm_pq_conv)conv;
    return PAIMON_OK;
}

/* INT96: nanoseconds of the day (int64 LE, may be negative for Java-written pre-1970 values)
 * then the Julian day (int32 LE). */
static int64_t int96_to_unit(const uint8_t *p, pm_time_unit unit) {
    int64_t nanos_of_day = (int64_t)pm_load_le64(p);
    int64_t days = (int64_t)(int32_t)pm_load_le32(p + 8) - 2440588;
    int64_t ms_of_day = pm_floor_div(nanos_of_day, 1000000);
    int64_t sub_ms = pm_pq_mod(nanos_of_day, 1000000);
    /* Wrapping arithmetic: absurd day numbers must not be undefined behaviour. */
    uint64_t millis = (uint64_t)days * (uint64_t)PM_MILLIS_PER_DAY + (uint64_t)ms_of_day;
    switch (unit) {
    case PM_UNIT_MILLI: return (int64_t)millis;
    case PM_UNIT_MICRO: return (int64_t)(millis * 1000u + (uint64_t)(sub_ms / 1000));
    default: return (int64_t)(millis * 1000000u + (uint64_t)sub_ms);
    }
}

int pm_pq_convert_fixed(const pm_pq_leaf *leaf, const uint8_t *src, size_t n, uint8_t *dst,
                        paimon_error *err) {
    int64_t f = leaf->factor;
    size_t tl = (size_t)leaf->type_length;
    switch (leaf->conv) {
    case PM_PQC_COPY: memcpy(dst, src, n * pm_pq_phys_width(leaf)); break;
    case PM_PQC_I32_I8:
        for (size_t i = 0; i < n; i++)
            dst[i] = src[i * 4];
        break;
    case PM_PQC_I32_I16:
        for (size_t i = 0; i < n; i++)
            memcpy(dst + i * 2, src + i * 4, 2); /* low half of a little-endian int32 */
        break;
    case PM_PQC_I32_I64:
        for (size_t i = 0; i < n; i++)
            pm_store_le64(dst + i * 8, (uint64_t)(int64_t)(int32_t)pm_load_le32(src + i * 4));
        break;
    case PM_PQC_U32_I64:
        for (size_t i = 0; i < n; i++)
            pm_store_le64(dst + i * 8, (uint64_t)pm_load_le32(src + i * 4));
        break;
    case PM_PQC_I64_MUL:
        for (size_t i = 0; i < n; i++)
            pm_store_le64(dst + i * 8, pm_load_le64(src + i * 8) * (uint64_t)f);
        break;
    case PM_PQC_I64_DIV:
        for (size_t i = 0; i < n; i++)
            pm_store_le64(dst + i * 8,
                          (uint64_t)pm_floor_div((int64_t)pm_load_le64(src + i * 8), f));
        break;
    case PM_PQC_I64_DIV_I32:
        for (size_t i = 0; i < n; i++)
            pm_store_le32(dst + i * 4,
                          (uint32_t)pm_floor_div((int64_t)pm_load_le64(src + i * 8), f));
        break;
    case PM_PQC_INT96:
        for (size_t i = 0; i < n; i++)
            pm_store_le64(dst + i * 8, (uint64_t)int96_to_unit(src + i * 12, leaf->unit));
        break;
    case PM_PQC_F32_F64:
        for (size_t i = 0; i < n; i++)
            pm_store_le64(dst + i * 8,
                          pm_f64_bits((double)pm_f32_from_bits(pm_load_le32(src + i * 4))));
        break;
    case PM_PQC_I32_DEC:
        for (size_t i = 0; i < n; i++)
            pm_dec_store_le(pm_dec_from_i64((int32_t)pm_load_le32(src + i * 4)), dst + i * 16);
        break;
    case PM_PQC_U32_DEC:
        for (size_t i = 0; i < n; i++)
            pm_dec_store_le(pm_dec_from_i64((int64_t)pm_load_le32(src + i * 4)), dst + i * 16);
        break;
    case PM_PQC_I64_DEC:
        for (size_t i = 0; i < n; i++)
            pm_dec_store_le(pm_dec_from_i64((int64_t)pm_load_le64(src + i * 8)), dst + i * 16);
        break;
    case PM_PQC_U64_DEC:
        for (size_t i = 0; i < n; i++) {
            pm_decimal128 d = {pm_load_le64(src + i * 8), 0};
            pm_dec_store_le(d, dst + i * 16);
        }
        break;
    case PM_PQC_BE_DEC:
        for (size_t i = 0; i < n; i++) {
            pm_decimal128 d;
            if (!pm_dec_from_be_bytes(src + i * tl, tl, &d))
                return pm_err(err, PAIMON_ECORRUPT, "decimal value does not fit 128 bits");
            pm_dec_store_le(d, dst + i * 16);
        }
        break;
    default:
        return pm_err(err, PAIMON_ECORRUPT, "conversion %d does not apply to fixed-width values",
                      (int)leaf->conv);
    }
    return PAIMON_OK;
}

int pm_pq_convert_bytes(const pm_pq_leaf *leaf, const uint8_t *p, size_t len, pm_col *dst,
                        size_t index, paimon_error *err) {
    if (leaf->conv == PM_PQC_BE_DEC) {
        pm_decimal128 d = {0, 0};
        if (len > 0 && !pm_dec_from_be_bytes(p, len, &d))
            return pm_err(err, PAIMON_ECORRUPT, "decimal value does not fit 128 bits");
        pm_dec_store_le(d, dst->values.data + ((size_t)dst->length + index) * 16);
        return PAIMON_OK;
    }
    if (pm_buf_append(&dst->values, p, len) != PAIMON_OK)
        return pm_err_nomem(err);
    if (pm_pq_set_offset(dst, index, dst->values.len) != PAIMON_OK)
        return pm_err(err, PAIMON_ELIMIT, "more than 2 GiB of string data in one batch");
    return PAIMON_OK;
}
