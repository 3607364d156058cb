#!/usr/bin/env bash
# bench/run.sh - the benchmarks of bench/README.md, one command each:
#
#   bench/run.sh scan    10M-row append table (zstd Parquet by DuckDB): paimon-c vs DuckDB
#   bench/run.sh orc     the same table as ORC and as Parquet, both read by paimon-c
#   bench/run.sh mor     primary-key table, 5 overlapping sorted runs: merge-on-read vs DuckDB
#   bench/run.sh all     all three
#
# Options after the benchmark: --threads N scans with paimon_scan_options.threads = N (and
# DuckDB with N threads); scan then also times paimon-c on one thread and prints the speedup.
# Environment: PAIMON_BENCH_THREADS (as --threads; default 1), BENCH_ROWS (default 10000000;
# also the key count of mor), BENCH_RUNS (best of, default 3), BENCH_DATA (default bench/data),
# BUILD_DIR (default build), DUCKDB_LIB (default: libduckdb.so of the npm package
# @duckdb/node-api, installed into bench/node_modules on first use). Tables are generated once
# per row count and reused.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
data="${BENCH_DATA:-$root/bench/data}"
rows="${BENCH_ROWS:-10000000}"
runs="${BENCH_RUNS:-3}"
what="${1:-}"
threads="${PAIMON_BENCH_THREADS:-1}"

usage() {
    sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
}
case "$what" in
scan | orc | mor | all) ;;
*) usage ;;
esac
shift
while [ $# -gt 0 ]; do
    case "$1" in
    --threads)
        [ $# -ge 2 ] || usage
        threads="$2"
        shift 2
        ;;
    *) usage ;;
    esac
done
case "$threads" in
'' | *[!0-9]* | 0) usage ;;
esac

find_duckdb() {
    find "$root/bench/node_modules/@duckdb" -name libduckdb.so -print -quit 2>/dev/null || true
}

if [ -z "${DUCKDB_LIB:-}" ]; then
    DUCKDB_LIB="$(find_duckdb)"
    if [ -z "$DUCKDB_LIB" ]; then
        echo "installing DuckDB (npm @duckdb/node-api) into bench/node_modules" >&2
        (cd "$root/bench" && npm install --no-audit --no-fund --loglevel=error >&2)
        DUCKDB_LIB="$(find_duckdb)"
    fi
    [ -n "$DUCKDB_LIB" ] || { echo "libduckdb.so not found under bench/node_modules" >&2; exit 1; }
fi
export DUCKDB_LIB

if [ ! -f "$build/build.ninja" ] && [ ! -f "$build/Makefile" ]; then
    cmake -S "$root" -B "$build" -G Ninja >&2
fi
cmake --build "$build" --target paimon_bench paimon >&2
bench="$build/bench/paimon_bench"
cli="$build/paimon"

# generate NAME COMMAND...: runs the generator unless $data/NAME.done holds the row count.
generate() {
    local name="$1"
    shift
    if [ "$(cat "$data/$name.done" 2>/dev/null)" = "$rows" ]; then
        return
    fi
    rm -rf "${data:?}/$name" "$data/$name.done"
    mkdir -p "$data"
    echo "generating $name ($rows rows)" >&2
    "$@" >&2
    echo "$rows" >"$data/$name.done"
}

scan_table="$data/scan_parquet/t"
orc_table="$data/scan_orc/t"
mor_table="$data/mor/t"

check_table() { # the table opens with the CLI
    "$cli" snapshots "$1" >/dev/null
    "$cli" scan --limit 1 "$1" >/dev/null
}

run_scan() {
    generate scan_parquet "$bench" gen-scan "$scan_table" "$rows"
    check_table "$scan_table"
    "$bench" --runs "$runs" --threads "$threads" scan "$scan_table"
}

run_orc() {
    generate scan_parquet "$bench" gen-scan "$scan_table" "$rows"
    generate scan_orc "$bench" gen-orc "$scan_table" "$orc_table"
    check_table "$orc_table"
    "$bench" --runs "$runs" --threads "$threads" orc "$orc_table" "$scan_table"
}

run_mor() {
    generate mor "$bench" gen-mor "$mor_table" "$rows"
    check_table "$mor_table"
    "$bench" --runs "$runs" --threads "$threads" mor "$mor_table"
}

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(uname -m), git $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
case "$what" in
scan) run_scan ;;
orc) run_orc ;;
mor) run_mor ;;
all)
    run_scan
    echo
    run_orc
    echo
    run_mor
    ;;
esac
