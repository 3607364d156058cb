/* error.c - filling caller-owned paimon_error objects. */
#include "util/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void paimon_error_clear(paimon_error *err) {
    if (err == NULL)
        return;
    err->code = PAIMON_OK;
    err->message[0] = '\0';
}

const char *paimon_status_name(int code) {
    switch (code) {
    case PAIMON_OK: return "OK";
    case PAIMON_EINVAL: return "EINVAL";
    case PAIMON_ENOTFOUND: return "ENOTFOUND";
    case PAIMON_ECORRUPT: return "ECORRUPT";
    case PAIMON_EIO: return "EIO";
    case PAIMON_ENOMEM: return "ENOMEM";
    case PAIMON_EUNSUPPORTED: return "EUNSUPPORTED";
    case PAIMON_ECONFLICT: return "ECONFLICT";
    case PAIMON_EEXISTS: return "EEXISTS";
    case PAIMON_ELIMIT: return "ELIMIT";
    default: return "EUNKNOWN";
    }
}

int pm_err_v(paimon_error *err, int code, const char *fmt, va_list ap) {
    if (err != NULL) {
        err->code = code;
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        /* Messages are one line: a newline from an embedded file name must not split them. */
        for (char *p = err->message; *p; p++) {
            if (*p == '\n' || *p == '\r')
                *p = ' ';
        }
    }
    return code;
}

int pm_err(paimon_error *err, int code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    pm_err_v(err, code, fmt, ap);
    va_end(ap);
    return code;
}

int pm_err_prefix(paimon_error *err, const char *fmt, ...) {
    if (err == NULL)
        return PAIMON_EINVAL;
    char prefix[PAIMON_ERROR_MESSAGE_SIZE];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    if (n < 0)
        return err->code;
    /* Truncation is acceptable: the message keeps as much as fits. */
    char joined[PAIMON_ERROR_MESSAGE_SIZE];
    size_t plen = strlen(prefix);
    if (plen >= sizeof joined)
        plen = sizeof joined - 1;
    memcpy(joined, prefix, plen);
    size_t mlen = strlen(err->message);
    if (mlen > sizeof joined - 1 - plen)
        mlen = sizeof joined - 1 - plen;
    memcpy(joined + plen, err->message, mlen);
    joined[plen + mlen] = '\0';
    memcpy(err->message, joined, sizeof joined);
    for (char *p = err->message; *p; p++) {
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    }
    return err->code;
}

int pm_err_nomem(paimon_error *err) { return pm_err(err, PAIMON_ENOMEM, "out of memory"); }

void pm_assert_fail(const char *cond, const char *file, int line) {
    fprintf(stderr, "paimon: internal assertion failed: %s (%s:%d)\n", cond, file, line);
    abort();
}
