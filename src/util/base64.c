/* base64.c - RFC 4648 encoding. */
#include "util/base64.h"

int pm_base64_append(pm_buf *out, const uint8_t *data, size_t n) {
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    if (pm_buf_reserve(out, (n + 2) / 3 * 4) != PAIMON_OK)
        return PAIMON_ENOMEM;
    char *p = (char *)out->data + out->len;
    size_t i = 0;
    for (; i + 3 <= n; i += 3) {
        uint32_t v = ((uint32_t)data[i] << 16) | ((uint32_t)data[i + 1] << 8) | data[i + 2];
        *p++ = alphabet[v >> 18];
        *p++ = alphabet[(v >> 12) & 63];
        *p++ = alphabet[(v >> 6) & 63];
        *p++ = alphabet[v & 63];
    }
    if (i < n) {
        uint32_t v = (uint32_t)data[i] << 16;
        if (i + 1 < n)
            v |= (uint32_t)data[i + 1] << 8;
        *p++ = alphabet[v >> 18];
        *p++ = alphabet[(v >> 12) & 63];
        *p++ = i + 1 < n ? alphabet[(v >> 6) & 63] : '=';
        *p++ = '=';
    }
    out->len = (size_t)((uint8_t *)p - out->data);
    return PAIMON_OK;
}

static int base64_value(char c) {
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

int pm_base64_decode_append(pm_buf *out, const char *text, size_t n) {
    while (n > 0 && text[n - 1] == '=')
        n--;
    if (n % 4 == 1)
        return PAIMON_EINVAL;
    if (pm_buf_reserve(out, n / 4 * 3 + 3) != PAIMON_OK)
        return PAIMON_ENOMEM;
    uint32_t acc = 0;
    int bits = 0;
    for (size_t i = 0; i < n; i++) {
        int v = base64_value(text[i]);
        if (v < 0)
            return PAIMON_EINVAL;
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out->data[out->len++] = (uint8_t)(acc >> bits);
        }
    }
    return PAIMON_OK;
}
