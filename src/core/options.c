/*
 * options.c - table options: an ordered string map plus the typed readings Java's ConfigOption
 * conversions perform (booleans case-insensitively, MemorySize.parse, TimeUtils.parseDuration).
 */
#include "core/schema.h"

#include "util/mem.h"
#include "util/strutil.h"
#include "util/vec.h"

#include <ctype.h>
#include <string.h>

const char *pm_options_get(const pm_options *o, const char *key) {
    for (size_t i = 0; i < o->count; i++) {
        if (strcmp(o->keys[i], key) == 0)
            return o->values[i];
    }
    return NULL;
}

int pm_options_set(pm_options *o, const char *key, const char *value) {
    char *v = pm_strdup(value);
    if (v == NULL)
        return PAIMON_ENOMEM;
    for (size_t i = 0; i < o->count; i++) {
        if (strcmp(o->keys[i], key) == 0) {
            pm_free(o->values[i]);
            o->values[i] = v;
            return PAIMON_OK;
        }
    }
    char *k = pm_strdup(key);
    size_t cap = o->cap;
    if (k == NULL || pm_grow((void **)&o->keys, &cap, o->count + 1, sizeof *o->keys) ||
        pm_grow((void **)&o->values, &o->cap, o->count + 1, sizeof *o->values)) {
        pm_free(k);
        pm_free(v);
        return PAIMON_ENOMEM;
    }
    o->keys[o->count] = k;
    o->values[o->count] = v;
    o->count++;
    return PAIMON_OK;
}

void pm_options_dispose(pm_options *o) {
    for (size_t i = 0; i < o->count; i++) {
        pm_free(o->keys[i]);
        pm_free(o->values[i]);
    }
    pm_free(o->keys);
    pm_free(o->values);
    memset(o, 0, sizeof *o);
}

/* The value with surrounding whitespace removed: [*start, *start + *len). */
static void trimmed(const char *s, const char **start, size_t *len) {
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        n--;
    *start = s;
    *len = n;
}

int pm_options_get_bool(const pm_options *o, const char *key, bool fallback, bool *out,
                        paimon_error *err) {
    const char *v = pm_options_get(o, key);
    if (v == NULL) {
        *out = fallback;
        return PAIMON_OK;
    }
    const char *s;
    size_t n;
    trimmed(v, &s, &n);
    if (n == 4 && pm_strn_ieq(s, "true", 4))
        *out = true;
    else if (n == 5 && pm_strn_ieq(s, "false", 5))
        *out = false;
    else
        return pm_err(err, PAIMON_EINVAL, "option '%s': \"%s\" is not a boolean (true/false)",
                      key, v);
    return PAIMON_OK;
}

int pm_options_get_int(const pm_options *o, const char *key, int64_t fallback, int64_t *out,
                       paimon_error *err) {
    const char *v = pm_options_get(o, key);
    if (v == NULL) {
        *out = fallback;
        return PAIMON_OK;
    }
    const char *s;
    size_t n;
    trimmed(v, &s, &n);
    if (!pm_parse_i64(s, n, out))
        return pm_err(err, PAIMON_EINVAL, "option '%s': \"%s\" is not an integer", key, v);
    return PAIMON_OK;
}

typedef struct unit {
    const char *name;
    int64_t factor; /* negative: divide by -factor */
} unit;

/* Splits "<digits><spaces><unit>" into the number and the unit; false when malformed. */
static bool split_amount(const char *v, uint64_t *number, const char **unit_start,
                         size_t *unit_len) {
    const char *s;
    size_t n;
    trimmed(v, &s, &n);
    size_t i = 0;
    uint64_t x = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9') {
        unsigned d = (unsigned)(s[i] - '0');
        if (x > (UINT64_MAX - d) / 10)
            return false;
        x = x * 10 + d;
        i++;
    }
    if (i == 0)
        return false;
    while (i < n && isspace((unsigned char)s[i]))
        i++;
    *number = x;
    *unit_start = s + i;
    *unit_len = n - i;
    return true;
}

static int parse_with_units(const pm_options *o, const char *key, int64_t fallback,
                            const unit *units, const char *what, int64_t *out,
                            paimon_error *err) {
    const char *v = pm_options_get(o, key);
    if (v == NULL) {
        *out = fallback;
        return PAIMON_OK;
    }
    uint64_t number;
    const char *u;
    size_t ulen;
    if (!split_amount(v, &number, &u, &ulen))
        return pm_err(err, PAIMON_EINVAL, "option '%s': \"%s\" is not a %s", key, v, what);
    int64_t factor = 0;
    for (const unit *x = units; x->name != NULL; x++) {
        if (strlen(x->name) == ulen && pm_strn_ieq(u, x->name, ulen)) {
            factor = x->factor;
            break;
        }
    }
    if (factor == 0)
        return pm_err(err, PAIMON_EINVAL, "option '%s': unknown unit in \"%s\"", key, v);
    if (factor < 0) {
        *out = (int64_t)(number / (uint64_t)-factor);
        return PAIMON_OK;
    }
    if (number > (uint64_t)INT64_MAX / (uint64_t)factor)
        return pm_err(err, PAIMON_EINVAL, "option '%s': \"%s\" is too large", key, v);
    *out = (int64_t)number * factor;
    return PAIMON_OK;
}

int pm_options_get_memory(const pm_options *o, const char *key, int64_t fallback, int64_t *out,
                          paimon_error *err) {
    static const unit units[] = {
        {"", 1}, {"b", 1}, {"bytes", 1},
        {"k", 1LL << 10}, {"kb", 1LL << 10}, {"kibibytes", 1LL << 10},
        {"m", 1LL << 20}, {"mb", 1LL << 20}, {"mebibytes", 1LL << 20},
        {"g", 1LL << 30}, {"gb", 1LL << 30}, {"gibibytes", 1LL << 30},
        {"t", 1LL << 40}, {"tb", 1LL << 40}, {"tebibytes", 1LL << 40},
        {NULL, 0},
    };
    return parse_with_units(o, key, fallback, units, "memory size", out, err);
}

int pm_options_get_duration_ms(const pm_options *o, const char *key, int64_t fallback,
                               int64_t *out, paimon_error *err) {
    /* TimeUtils.parseDuration's unit labels; results below a millisecond round down. */
    static const unit units[] = {
        {"", 1},
        {"ns", -1000000}, {"nano", -1000000}, {"nanos", -1000000},
        {"nanosecond", -1000000}, {"nanoseconds", -1000000},
        {"\xc2\xb5s", -1000}, {"us", -1000}, {"micro", -1000}, {"micros", -1000},
        {"microsecond", -1000}, {"microseconds", -1000},
        {"ms", 1}, {"milli", 1}, {"millis", 1}, {"millisecond", 1}, {"milliseconds", 1},
        {"s", 1000}, {"sec", 1000}, {"secs", 1000}, {"second", 1000}, {"seconds", 1000},
        {"m", 60000}, {"min", 60000}, {"mins", 60000}, {"minute", 60000}, {"minutes", 60000},
        {"h", 3600000}, {"hour", 3600000}, {"hours", 3600000},
        {"d", 86400000}, {"day", 86400000}, {"days", 86400000},
        {NULL, 0},
    };
    return parse_with_units(o, key, fallback, units, "duration", out, err);
}
