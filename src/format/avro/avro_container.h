/*
 * avro_container.h - constants and codec names shared by the Avro object container reader and
 * writer (Avro 1.x specification, "Object Container Files").
 *
 * A container file is: the magic "Obj\1", a metadata map<bytes> (avro.schema = writer schema
 * JSON, avro.codec = block codec), a 16-byte sync marker, then blocks of
 * (long record count, long byte size, data, sync marker).
 */
#ifndef PM_FORMAT_AVRO_CONTAINER_H
#define PM_FORMAT_AVRO_CONTAINER_H

#include "codec/codec.h"
#include "util/error.h"

#include <stddef.h>

#define PM_AVRO_MAGIC "Obj\x01"
#define PM_AVRO_MAGIC_LEN 4
#define PM_AVRO_SYNC_LEN 16
/* Java's DataFileWriter flushes a block once its buffer reaches this many bytes. */
#define PM_AVRO_SYNC_INTERVAL 64000
/* Default bound on one decompressed block; blocks are ~64 KB when Java writes them, larger
 * only around huge single values. */
#define PM_AVRO_DEFAULT_MAX_BLOCK_BYTES ((size_t)256 << 20)

/* Maps an avro.codec value ("null", "deflate", "snappy", "zstandard") to a pm_codec. Known but
 * unsupported codecs (bzip2, xz) and unknown names are PAIMON_EUNSUPPORTED. */
int pm_avro_codec_parse(const char *name, size_t len, pm_codec *out, paimon_error *err);

/* The avro.codec name of a codec: "null", "deflate", "snappy" or "zstandard"; NULL for codecs
 * Avro has no name for. */
const char *pm_avro_codec_name(pm_codec codec);

/* Maps a Paimon compression option value to a container codec: "zstd"/"zstandard",
 * "snappy", "deflate", and "null"/"none"/"uncompressed". NULL selects zstandard. */
int pm_avro_codec_from_option(const char *option, pm_codec *out, paimon_error *err);

#endif
