/* buf.c - growable byte buffer. */
#include "util/buf.h"

#include "util/mem.h"

#include <stdarg.h>
#include <stdio.h>

void pm_buf_init(pm_buf *b) {
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

void pm_buf_dispose(pm_buf *b) {
    pm_free(b->data);
    pm_buf_init(b);
}

int pm_buf_reserve(pm_buf *b, size_t extra) {
    size_t need;
    if (pm_add_overflow(b->len, extra, &need))
        return PAIMON_ENOMEM;
    if (need <= b->cap)
        return PAIMON_OK;
    size_t cap = b->cap < 64 ? 64 : b->cap;
    while (cap < need) {
        size_t next = cap * 2;
        if (next < cap) {
            cap = need;
            break;
        }
        cap = next;
    }
    uint8_t *data = pm_realloc(b->data, cap);
    if (data == NULL)
        return PAIMON_ENOMEM;
    b->data = data;
    b->cap = cap;
    return PAIMON_OK;
}

int pm_buf_resize(pm_buf *b, size_t len) {
    if (len > b->len) {
        if (pm_buf_reserve(b, len - b->len) != PAIMON_OK)
            return PAIMON_ENOMEM;
        memset(b->data + b->len, 0, len - b->len);
    }
    b->len = len;
    return PAIMON_OK;
}

int pm_buf_append(pm_buf *b, const void *data, size_t n) {
    if (n == 0)
        return PAIMON_OK;
    if (pm_buf_reserve(b, n) != PAIMON_OK)
        return PAIMON_ENOMEM;
    memcpy(b->data + b->len, data, n);
    b->len += n;
    return PAIMON_OK;
}

int pm_buf_append_byte(pm_buf *b, uint8_t byte) { return pm_buf_append(b, &byte, 1); }

int pm_buf_append_str(pm_buf *b, const char *s) { return pm_buf_append(b, s, strlen(s)); }

int pm_buf_append_zeros(pm_buf *b, size_t n) { return pm_buf_resize(b, b->len + n); }

int pm_buf_append_fmt(pm_buf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return PAIMON_EINVAL;
    if (pm_buf_reserve(b, (size_t)n + 1) != PAIMON_OK)
        return PAIMON_ENOMEM;
    va_start(ap, fmt);
    vsnprintf((char *)b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return PAIMON_OK;
}

const char *pm_buf_cstr(pm_buf *b) {
    if (pm_buf_reserve(b, 1) != PAIMON_OK)
        return NULL;
    b->data[b->len] = '\0';
    return (const char *)b->data;
}

char *pm_buf_detach(pm_buf *b) {
    if (pm_buf_cstr(b) == NULL)
        return NULL;
    char *data = (char *)b->data;
    pm_buf_init(b);
    return data;
}
