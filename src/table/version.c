/* version.c - library version. */
#include "paimon.h"

const char *paimon_version(void) {
    return PAIMON_VERSION_STRING;
}
