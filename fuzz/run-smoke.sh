#!/usr/bin/env bash
# Runs a libFuzzer target for a few seconds from its seed corpus. New corpus entries go to a
# scratch directory (the repository's seeds are never modified); crash reproducers are kept
# in the build directory for inspection.
#
# The random seed is fixed (PAIMON_FUZZ_SEED, default 1) so that a failing CI run fails again
# on the same machine: a test that passes or fails by chance teaches nothing. Longer campaigns
# with other seeds are run by hand (see fuzz/README.md).
set -euo pipefail
bin=$1
seeds=$2
seconds=$3
seed=${PAIMON_FUZZ_SEED:-1}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$seeds"
artifacts="$(dirname "$bin")/artifacts-$(basename "$bin")/"
mkdir -p "$artifacts"
log="$artifacts/last-run.log"
status=0
"$bin" -seed="$seed" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$artifacts" "$scratch" "$seeds" >"$log" 2>&1 ||
    status=$?
if ((status != 0)); then
    # the sanitizer's report (what went wrong, where) comes before libFuzzer's summary
    grep -m 1 -A 40 -E "runtime error|ERROR: |==[0-9]+==" "$log" || true
    echo "..."
fi
tail -n 12 "$log"
exit "$status"
