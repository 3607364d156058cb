#!/usr/bin/env bash
# Fails if the shared library exports a symbol without the paimon_ prefix.
set -euo pipefail
lib=$1
bad=$(nm -D --defined-only "$lib" | awk '{print $3}' | grep -v '^paimon_' | grep -v '^_' || true)
if [[ -n $bad ]]; then
    echo "symbols exported without the paimon_ prefix:" >&2
    echo "$bad" >&2
    exit 1
fi
count=$(nm -D --defined-only "$lib" | awk '{print $3}' | grep -c '^paimon_' || true)
echo "ok: $count exported symbols, all paimon_*"
