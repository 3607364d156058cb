#!/usr/bin/env bash
# Independent check of the Parquet writer: DuckDB reads the files our writer produces (every
# Paimon type; zstd, uncompressed with small pages and row groups, snappy with dictionary
# fallback, gzip, lz4_raw; an empty file) and must see exactly the values written.
# Not part of ctest (it needs node and the npm package @duckdb/node-api).
#   tests/format/parquet/duckdb_check.sh [ROWS]
# Environment: BUILD_DIR (default build), NODE_PATH (default bench/node_modules, where
# bench/run.sh installs DuckDB), OUT (default a temporary directory).
set -euo pipefail
cd "$(dirname "$0")/../../.."
rows=${1:-5000}
build=${BUILD_DIR:-build}
export NODE_PATH=${NODE_PATH:-$PWD/bench/node_modules}
if [ ! -d "$NODE_PATH/@duckdb/node-api" ]; then
    echo "duckdb_check: @duckdb/node-api not found under $NODE_PATH (run: cd bench && npm install)" >&2
    exit 77
fi
[ -f "$build/build.ninja" ] || cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target parquet_write_check >/dev/null
out=${OUT:-$(mktemp -d)}
mkdir -p "$out"
"$build/bench/parquet_write_check" "$out" "$rows"
node tests/format/parquet/duckdb_check.mjs "$out"
