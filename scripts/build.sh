#!/usr/bin/env bash
# Configures and builds one build tree. Usage: scripts/build.sh [release|asan|o3|tsan] (default release)
#   release: build/       optimised, with debug info (gcc)
#   asan:    build-asan/  AddressSanitizer + UndefinedBehaviorSanitizer, libFuzzer targets (clang)
#   o3:      build-o3/    the library alone at -O3 (gcc), whose inlining shows warnings -O2 misses
#   tsan:    build-tsan/  ThreadSanitizer (clang): the library and the concurrency tests
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-release}
jobs=$(nproc 2>/dev/null || echo 2)
case $kind in
release)
    cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    cmake --build build -j "$jobs"
    ;;
asan)
    cmake -S . -B build-asan -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug \
        -DPAIMON_SANITIZE=ON -DPAIMON_BUILD_FUZZ=ON >/dev/null
    cmake --build build-asan -j "$jobs"
    ;;
tsan)
    cmake -S . -B build-tsan -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DPAIMON_TSAN=ON >/dev/null
    cmake --build build-tsan -j "$jobs" --target concurrency_tests
    ;;
o3)
    cmake -S . -B build-o3 -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build build-o3 -j "$jobs" --target paimon_objects
    ;;
*)
    echo "usage: $0 [release|asan|o3|tsan]" >&2
    exit 2
    ;;
esac
