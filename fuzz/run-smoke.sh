#!/usr/bin/env bash
# Runs a libFuzzer target for a few seconds from its seed corpus. New corpus entries go to a
# scratch directory (the repository's seeds are never modified); crash reproducers are kept
# in the build directory for inspection.
set -euo pipefail
bin=$1
seeds=$2
seconds=$3
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$seeds"
artifacts="$(dirname "$bin")/artifacts-$(basename "$bin")/"
mkdir -p "$artifacts"
"$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$artifacts" "$scratch" "$seeds" 2>&1 | tail -n 12
