/* parquet_thrift.c - bounds-checked decoding of the Thrift compact protocol (see the header). */
#include "format/parquet/parquet_thrift.h"

void pm_thrift_init(pm_thrift *t, const void *data, size_t len, const char *what,
                    paimon_error *err) {
    t->cur = pm_cursor_make(data, len);
    t->depth = 0;
    t->what = what;
    t->err = err;
}

static int corrupt(pm_thrift *t, const char *why) {
    return pm_err(t->err, PAIMON_ECORRUPT, "%s: %s", t->what, why);
}

static int truncated(pm_thrift *t) { return corrupt(t, "truncated thrift data"); }

int pm_thrift_struct_begin(pm_thrift *t) {
    if (t->depth >= PM_THRIFT_MAX_DEPTH)
        return corrupt(t, "thrift structures nested too deeply");
    t->depth++;
    return PAIMON_OK;
}

void pm_thrift_struct_end(pm_thrift *t) { t->depth--; }

int pm_thrift_next_field(pm_thrift *t, int16_t *last_id, pm_thrift_field *out) {
    uint8_t b;
    if (!pm_cur_u8(&t->cur, &b))
        return truncated(t);
    out->type = b & 0x0F;
    if (out->type == PM_TT_STOP) {
        out->id = 0;
        return PAIMON_OK;
    }
    uint8_t delta = b >> 4;
    if (delta != 0) {
        out->id = (int16_t)(*last_id + delta);
    } else {
        int64_t id;
        if (!pm_cur_zigzag(&t->cur, &id))
            return truncated(t);
        if (id < INT16_MIN || id > INT16_MAX)
            return corrupt(t, "thrift field id out of range");
        out->id = (int16_t)id;
    }
    if (out->type > PM_TT_STRUCT)
        return corrupt(t, "unknown thrift wire type");
    *last_id = out->id;
    return PAIMON_OK;
}

static int read_varint(pm_thrift *t, uint64_t *out) {
    if (!pm_cur_uvarint(&t->cur, out))
        return truncated(t);
    return PAIMON_OK;
}

int pm_thrift_list(pm_thrift *t, uint8_t type, uint8_t *elem_type, uint32_t *count) {
    if (type != PM_TT_LIST && type != PM_TT_SET)
        return corrupt(t, "expected a thrift list");
    uint8_t b;
    if (!pm_cur_u8(&t->cur, &b))
        return truncated(t);
    uint64_t n = b >> 4;
    if (n == 15)
        PM_TRY(read_varint(t, &n));
    *elem_type = b & 0x0F;
    if (*elem_type == PM_TT_STOP || *elem_type > PM_TT_STRUCT)
        return corrupt(t, "unknown thrift list element type");
    /* Each element takes at least one byte. */
    if (n > pm_cur_left(&t->cur))
        return corrupt(t, "thrift list longer than its data");
    *count = (uint32_t)n;
    return PAIMON_OK;
}

static int skip_value(pm_thrift *t, uint8_t type, bool in_container) {
    uint64_t u;
    switch (type) {
    case PM_TT_TRUE:
    case PM_TT_FALSE:
        /* In structs a bool lives in the field header; inside containers it is one byte. */
        if (in_container && !pm_cur_skip(&t->cur, 1))
            return truncated(t);
        return PAIMON_OK;
    case PM_TT_BYTE:
        if (!pm_cur_skip(&t->cur, 1))
            return truncated(t);
        return PAIMON_OK;
    case PM_TT_I16:
    case PM_TT_I32:
    case PM_TT_I64: return read_varint(t, &u);
    case PM_TT_DOUBLE:
        if (!pm_cur_skip(&t->cur, 8))
            return truncated(t);
        return PAIMON_OK;
    case PM_TT_BINARY:
        PM_TRY(read_varint(t, &u));
        if (u > pm_cur_left(&t->cur))
            return truncated(t);
        t->cur.p += u;
        return PAIMON_OK;
    case PM_TT_LIST:
    case PM_TT_SET: {
        uint8_t et;
        uint32_t n;
        PM_TRY(pm_thrift_list(t, type, &et, &n));
        PM_TRY(pm_thrift_struct_begin(t));
        for (uint32_t i = 0; i < n; i++)
            PM_TRY(skip_value(t, et, true));
        pm_thrift_struct_end(t);
        return PAIMON_OK;
    }
    case PM_TT_MAP: {
        PM_TRY(read_varint(t, &u));
        if (u == 0)
            return PAIMON_OK;
        uint8_t kv;
        if (!pm_cur_u8(&t->cur, &kv))
            return truncated(t);
        if (u > pm_cur_left(&t->cur))
            return corrupt(t, "thrift map longer than its data");
        uint8_t kt = kv >> 4, vt = kv & 0x0F;
        if (kt == PM_TT_STOP || kt > PM_TT_STRUCT || vt == PM_TT_STOP || vt > PM_TT_STRUCT)
            return corrupt(t, "unknown thrift map element type");
        PM_TRY(pm_thrift_struct_begin(t));
        for (uint64_t i = 0; i < u; i++) {
            PM_TRY(skip_value(t, kt, true));
            PM_TRY(skip_value(t, vt, true));
        }
        pm_thrift_struct_end(t);
        return PAIMON_OK;
    }
    case PM_TT_STRUCT: {
        PM_TRY(pm_thrift_struct_begin(t));
        int16_t last = 0;
        for (;;) {
            pm_thrift_field f;
            PM_TRY(pm_thrift_next_field(t, &last, &f));
            if (f.type == PM_TT_STOP)
                break;
            PM_TRY(skip_value(t, f.type, false));
        }
        pm_thrift_struct_end(t);
        return PAIMON_OK;
    }
    default: return corrupt(t, "unknown thrift wire type");
    }
}

int pm_thrift_skip(pm_thrift *t, uint8_t type) { return skip_value(t, type, false); }

int pm_thrift_bool(pm_thrift *t, uint8_t type, bool *out) {
    if (type == PM_TT_TRUE || type == PM_TT_FALSE) {
        *out = type == PM_TT_TRUE;
        return PAIMON_OK;
    }
    return corrupt(t, "expected a thrift bool");
}

int pm_thrift_i64(pm_thrift *t, uint8_t type, int64_t *out) {
    if (type == PM_TT_BYTE) {
        uint8_t b;
        if (!pm_cur_u8(&t->cur, &b))
            return truncated(t);
        *out = (int8_t)b;
        return PAIMON_OK;
    }
    if (type != PM_TT_I16 && type != PM_TT_I32 && type != PM_TT_I64)
        return corrupt(t, "expected a thrift integer");
    if (!pm_cur_zigzag(&t->cur, out))
        return truncated(t);
    return PAIMON_OK;
}

int pm_thrift_i32(pm_thrift *t, uint8_t type, int32_t *out) {
    int64_t v = 0; /* set on success; -O3 cannot see it */
    PM_TRY(pm_thrift_i64(t, type, &v));
    if (v < INT32_MIN || v > INT32_MAX)
        return corrupt(t, "thrift i32 out of range");
    *out = (int32_t)v;
    return PAIMON_OK;
}

int pm_thrift_binary(pm_thrift *t, uint8_t type, const uint8_t **ptr, size_t *len) {
    if (type != PM_TT_BINARY)
        return corrupt(t, "expected thrift binary");
    uint64_t n;
    PM_TRY(read_varint(t, &n));
    if (n > pm_cur_left(&t->cur))
        return truncated(t);
    *ptr = t->cur.p;
    *len = (size_t)n;
    t->cur.p += n;
    return PAIMON_OK;
}
