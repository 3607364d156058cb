#!/usr/bin/env bash
# Installs dependencies, builds, and runs every test: first the whole suite under
# AddressSanitizer + UndefinedBehaviorSanitizer (with short libFuzzer runs), the concurrency
# tests under ThreadSanitizer, a -O3 build of the library (for its warnings), then the
# optimised build, whose ctest summary (including the compat corpus) ends the output.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
jobs=$(nproc 2>/dev/null || echo 2)

scripts/build.sh asan
echo "== tests under ASan + UBSan =="
asan_status=0
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j "$jobs" || asan_status=$?

scripts/build.sh tsan
echo "== concurrency tests under ThreadSanitizer =="
tsan_status=0
TSAN_OPTIONS=halt_on_error=1 ctest --test-dir build-tsan --output-on-failure -L concurrency \
    -j "$jobs" || tsan_status=$?

echo "== library at -O3 (warnings only) =="
o3_status=0
scripts/build.sh o3 || o3_status=$?

scripts/build.sh release
echo "== tests (optimised build) =="
release_status=0
ctest --test-dir build --output-on-failure -j "$jobs" || release_status=$?

if ((asan_status != 0)); then
    echo "sanitizer run failed (see above)" >&2
    exit "$asan_status"
fi
if ((tsan_status != 0)); then
    echo "the ThreadSanitizer run failed (see above)" >&2
    exit "$tsan_status"
fi
if ((o3_status != 0)); then
    echo "the -O3 build failed (see above)" >&2
    exit "$o3_status"
fi
exit "$release_status"
