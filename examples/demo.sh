#!/usr/bin/env bash
# The demo of paimon-c's main job, on a primary-key table written by Java Paimon (from the
# shared compatibility corpus): list its snapshots, show its schema and files, query the latest
# state (merge-on-read), time-travel to an older snapshot, and print the changes committed in
# between. Usage: examples/demo.sh [path/to/paimon]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
paimon=${1:-$here/build/paimon}
corpus=${PAIMON_COMPAT_DIR:-$here/../shared/compat}
if [[ ! -d $corpus/tables ]]; then
    corpus=/work/shared/compat
fi
table=$corpus/tables/parquet/pk_table_scan_and_read_mor.db/pk_table_scan_and_read_mor
if [[ ! -d $table ]]; then
    echo "demo: the sample table is not available (set PAIMON_COMPAT_DIR to the shared compat corpus)" >&2
    exit 1
fi

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@"; }

echo "A primary-key table (primary key f0, f1, f2; partitioned by f1; 2 buckets) written by"
echo "Java Paimon in five commits: inserts, updates and deletes, then a compaction."
step "$paimon" snapshots "$table"
step "$paimon" schema "$table"
step "$paimon" files "$table"
echo
echo "The latest state: every key merged across its files (deduplicate merge engine)."
step "$paimon" scan "$table"
echo
echo "Time travel: the table as of snapshot 2."
step "$paimon" scan --snapshot 2 "$table"
echo
echo "The changes committed after snapshot 1, as a streaming reader sees them."
step "$paimon" changes --from 1 --to 5 "$table"
echo
echo "A filtered, projected query as JSON lines."
step "$paimon" scan --select f0,f3 --where "f3 > 12 AND f0 <> 'Bob'" --format jsonl "$table"
