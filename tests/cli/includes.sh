#!/usr/bin/env bash
# The CLI is a client of the public API: besides paimon.h it may include only src/util headers.
set -euo pipefail
src="${PAIMON_SOURCE_DIR:?}/src/cli"
bad=$(grep -hE '^#include "' "$src"/*.c "$src"/*.h | grep -vE '"(paimon\.h|cli\.h|util/[a-z_]+\.h)"' || true)
if [[ -n $bad ]]; then
    echo "src/cli includes library internals:" >&2
    echo "$bad" >&2
    exit 1
fi
echo "ok: src/cli uses only paimon.h and src/util"
