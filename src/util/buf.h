/*
 * buf.h - growable byte buffer.
 *
 * pm_buf owns `data` (NULL while empty). Growth is geometric. Functions return PAIMON_OK or
 * PAIMON_ENOMEM without a message; callers wrap them in PM_TRY_MEM to attach one.
 */
#ifndef PM_UTIL_BUF_H
#define PM_UTIL_BUF_H

#include "util/error.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct pm_buf {
    uint8_t *data;
    size_t len;
    size_t cap;
} pm_buf;

#define PM_BUF_INIT {NULL, 0, 0}

void pm_buf_init(pm_buf *b);
void pm_buf_dispose(pm_buf *b); /* frees data, leaves an empty buffer */

/* Makes room for `extra` more bytes beyond len. */
int pm_buf_reserve(pm_buf *b, size_t extra);
/* Sets len, growing (zero-filled) when needed. */
int pm_buf_resize(pm_buf *b, size_t len);
int pm_buf_append(pm_buf *b, const void *data, size_t n);
int pm_buf_append_byte(pm_buf *b, uint8_t byte);
int pm_buf_append_str(pm_buf *b, const char *s);
int pm_buf_append_fmt(pm_buf *b, const char *fmt, ...) PM_PRINTF(2, 3);
/* Appends n zero bytes. */
int pm_buf_append_zeros(pm_buf *b, size_t n);
/* Ensures data is NUL-terminated (not counted in len) and returns it as a C string. */
const char *pm_buf_cstr(pm_buf *b);
/* Transfers ownership of data to the caller (NUL-terminated); the buffer becomes empty. */
char *pm_buf_detach(pm_buf *b);

static inline void pm_buf_clear(pm_buf *b) { b->len = 0; }

#endif
