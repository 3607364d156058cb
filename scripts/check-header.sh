#!/usr/bin/env bash
# The public header must compile alone under strict C11 and C99 settings.
set -euo pipefail
cc=$1
inc=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '#include "paimon.h"\nint main(void) { return paimon_version() == 0; }\n' >"$tmp/h.c"
for std in c11 c99; do
    "$cc" -std=$std -Wall -Wextra -Wpedantic -Werror -I"$inc" -c "$tmp/h.c" -o "$tmp/h.o"
done
if command -v g++ >/dev/null 2>&1; then
    printf '#include "paimon.h"\nint main() { return paimon_version() == 0; }\n' >"$tmp/h.cc"
    g++ -std=c++11 -Wall -Wextra -Wpedantic -Werror -I"$inc" -c "$tmp/h.cc" -o "$tmp/hpp.o"
fi
echo "ok: public header compiles as C11, C99 and C++11"
