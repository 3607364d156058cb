/*
 * paimon.h - public API of libpaimon, a C11 implementation of the Apache Paimon table format.
 *
 * Conventions (docs/conventions.md has the long form):
 *  - Every fallible function returns an int status: PAIMON_OK (0) or a negative PAIMON_E* code.
 *    When the caller passes a paimon_error, it receives the code and a one-line message that names
 *    the file and what was wrong. The error object belongs to the caller; NULL is allowed.
 *  - Objects returned through an `out` parameter belong to the caller and are released with the
 *    matching paimon_*_free function. Every _free function accepts NULL.
 *  - Pointers returned as function results are borrowed and live as long as their parent object.
 *  - A handle is used by one thread at a time. Distinct handles may be used concurrently.
 *  - Record batches cross the API as the Arrow C Data Interface (ArrowSchema, ArrowArray,
 *    ArrowArrayStream), declared below exactly as the Arrow specification defines them.
 */
#ifndef PAIMON_H
#define PAIMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define PAIMON_EXTERN __declspec(dllexport)
#elif defined(__GNUC__)
#define PAIMON_EXTERN __attribute__((visibility("default")))
#else
#define PAIMON_EXTERN
#endif

#define PAIMON_VERSION_MAJOR 0
#define PAIMON_VERSION_MINOR 1
#define PAIMON_VERSION_PATCH 0
#define PAIMON_VERSION_STRING "0.1.0"

/** Returns the library version string, e.g. "0.1.0". */
PAIMON_EXTERN const char *paimon_version(void);

/* ------------------------------------------------------------------------------------------ */
/* Status codes and errors                                                                    */
/* ------------------------------------------------------------------------------------------ */

enum {
    PAIMON_OK = 0,
    PAIMON_EINVAL = -1,       /* bad argument or bad user input (option, expression, path) */
    PAIMON_ENOTFOUND = -2,    /* a table, snapshot, schema, tag or file does not exist */
    PAIMON_ECORRUPT = -3,     /* a file does not match its format */
    PAIMON_EIO = -4,          /* the storage failed */
    PAIMON_ENOMEM = -5,       /* an allocation failed */
    PAIMON_EUNSUPPORTED = -6, /* valid, but a feature this version does not implement */
    PAIMON_ECONFLICT = -7,    /* a commit lost a race with another writer; may be retried */
    PAIMON_EEXISTS = -8,      /* the object to create exists already */
    PAIMON_ELIMIT = -9        /* a configured or built-in limit was exceeded */
};

#define PAIMON_ERROR_MESSAGE_SIZE 1024

/** Caller-owned error details. Zero-initialise it (or call paimon_error_clear) before use. */
typedef struct paimon_error {
    int code;                                 /* the status of the failed call */
    char message[PAIMON_ERROR_MESSAGE_SIZE]; /* one line, NUL-terminated */
} paimon_error;

/** Resets an error to PAIMON_OK with an empty message. Accepts NULL. */
PAIMON_EXTERN void paimon_error_clear(paimon_error *err);

/** Short constant name of a status code, e.g. "ECORRUPT". */
PAIMON_EXTERN const char *paimon_status_name(int code);

/* ------------------------------------------------------------------------------------------ */
/* Arrow C Data Interface (https://arrow.apache.org/docs/format/CDataInterface.html)          */
/* Declared verbatim from the specification so that any Arrow consumer can use our batches.   */
/* ------------------------------------------------------------------------------------------ */

#ifndef ARROW_C_DATA_INTERFACE
#define ARROW_C_DATA_INTERFACE

#define ARROW_FLAG_DICTIONARY_ORDERED 1
#define ARROW_FLAG_NULLABLE 2
#define ARROW_FLAG_MAP_KEYS_SORTED 4

struct ArrowSchema {
    /* Array type description */
    const char *format;
    const char *name;
    const char *metadata;
    int64_t flags;
    int64_t n_children;
    struct ArrowSchema **children;
    struct ArrowSchema *dictionary;

    /* Release callback */
    void (*release)(struct ArrowSchema *);
    /* Opaque producer-specific data */
    void *private_data;
};

struct ArrowArray {
    /* Array data description */
    int64_t length;
    int64_t null_count;
    int64_t offset;
    int64_t n_buffers;
    int64_t n_children;
    const void **buffers;
    struct ArrowArray **children;
    struct ArrowArray *dictionary;

    /* Release callback */
    void (*release)(struct ArrowArray *);
    /* Opaque producer-specific data */
    void *private_data;
};

#endif /* ARROW_C_DATA_INTERFACE */

#ifndef ARROW_C_STREAM_INTERFACE
#define ARROW_C_STREAM_INTERFACE

struct ArrowArrayStream {
    /* Callbacks providing stream functionality */
    int (*get_schema)(struct ArrowArrayStream *, struct ArrowSchema *out);
    int (*get_next)(struct ArrowArrayStream *, struct ArrowArray *out);
    const char *(*get_last_error)(struct ArrowArrayStream *);

    /* Release callback */
    void (*release)(struct ArrowArrayStream *);

    /* Opaque producer-specific data */
    void *private_data;
};

#endif /* ARROW_C_STREAM_INTERFACE */

#ifdef __cplusplus
}
#endif

#endif /* PAIMON_H */
