/*
 * orc_proto.h - the subset of the protobuf wire format that ORC metadata uses.
 *
 * ORC's PostScript, Footer, Metadata and StripeFooter are protobuf messages. Instead of a
 * generated parser, readers walk a message field by field with pm_pb_next and pick the field
 * numbers they know; everything else is skipped, so files from newer writers still parse. Every
 * length is checked against the enclosing message. The writer side appends fields to a pm_buf.
 */
#ifndef PM_FORMAT_ORC_PROTO_H
#define PM_FORMAT_ORC_PROTO_H

#include "util/buf.h"
#include "util/error.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { PM_PB_VARINT = 0, PM_PB_FIXED64 = 1, PM_PB_LEN = 2, PM_PB_FIXED32 = 5 };

typedef struct pm_pb {
    const uint8_t *p;
    const uint8_t *end;
} pm_pb;

typedef struct pm_pb_field {
    uint32_t number;
    uint8_t wire;
    uint64_t value;      /* PM_PB_VARINT, PM_PB_FIXED64, PM_PB_FIXED32 */
    const uint8_t *data; /* PM_PB_LEN */
    size_t len;
} pm_pb_field;

static inline pm_pb pm_pb_make(const void *data, size_t len) {
    pm_pb m;
    m.p = data;
    m.end = len ? m.p + len : m.p; /* NULL + 0 is undefined */
    return m;
}

/* Reads the next field. Returns 1 when a field was read, 0 at the end of the message, or a
 * negative status for malformed input ("protobuf: ..."). */
int pm_pb_next(pm_pb *m, pm_pb_field *f, paimon_error *err);

/* Iterates the varints of a repeated scalar field, which writers may emit packed (one PM_PB_LEN
 * field) or unpacked (one PM_PB_VARINT field per element). `it` starts as pm_pb_make(NULL, 0)
 * and is filled from the field on the first call. Returns 1 with *out set, 0 when done. */
int pm_pb_packed_next(const pm_pb_field *f, pm_pb *it, bool *started, uint64_t *out,
                      paimon_error *err);

/* Encoding (append to a buffer). Return PAIMON_OK or PAIMON_ENOMEM. */
int pm_pb_put_varint(pm_buf *b, uint64_t v);
int pm_pb_put_uint(pm_buf *b, uint32_t number, uint64_t v);
int pm_pb_put_sint(pm_buf *b, uint32_t number, int64_t v);
int pm_pb_put_double(pm_buf *b, uint32_t number, double v);
int pm_pb_put_bytes(pm_buf *b, uint32_t number, const void *data, size_t len);
int pm_pb_put_str(pm_buf *b, uint32_t number, const char *s);
/* Embeds a finished sub-message. */
static inline int pm_pb_put_msg(pm_buf *b, uint32_t number, const pm_buf *msg) {
    return pm_pb_put_bytes(b, number, msg->data, msg->len);
}

#endif
