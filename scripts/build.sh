#!/usr/bin/env bash
# Configures and builds one build tree. Usage: scripts/build.sh [release|asan] (default release)
#   release: build/       optimised, with debug info (gcc)
#   asan:    build-asan/  AddressSanitizer + UndefinedBehaviorSanitizer, libFuzzer targets (clang)
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
*)
    echo "usage: $0 [release|asan]" >&2
    exit 2
    ;;
esac
