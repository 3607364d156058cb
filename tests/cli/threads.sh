#!/usr/bin/env bash
# `paimon scan --threads N` prints what `paimon scan` prints, in the same order: tables of two
# branches (written by make_tables, tests/table/branch_fixture.h) and every table of the
# compat corpus, with and without filters and limits; bad thread counts are usage errors.
set -uo pipefail
paimon=$1
[[ -x ${2:-} ]] || { echo "make_tables not given"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$2" branches "$work/t" || exit 1
failures=0

# same NAME ARGS...: the output of scan ARGS on 1 thread and on 2 and 5 threads is identical
# (not sorted: the order is part of it), and not empty.
same() {
    local name=$1
    shift
    "$paimon" scan --format jsonl "$@" >"$work/one" 2>&1
    local status=$?
    for n in 2 5; do
        "$paimon" scan --format jsonl --threads "$n" "$@" >"$work/many" 2>&1
        if [[ $? -ne $status ]] || ! cmp -s "$work/one" "$work/many"; then
            echo "FAIL $name: --threads $n differs"
            diff "$work/one" "$work/many" | head -10
            failures=$((failures + 1))
            return
        fi
    done
    if [[ ! -s $work/one ]]; then
        echo "FAIL $name: no output"
        failures=$((failures + 1))
        return
    fi
    echo "ok   $name ($(wc -l <"$work/one") lines)"
}

same "two branches" "$work/t"
same "two branches, limit" --limit 2 "$work/t"
same "two branches, filter" --where "v <> 'b'" "$work/t"

tables=0
if [[ -n ${PAIMON_COMPAT_DIR:-} && -d $PAIMON_COMPAT_DIR/tables/parquet ]]; then
    for db in "$PAIMON_COMPAT_DIR"/tables/parquet/*.db; do
        name=$(basename "$db" .db)
        same "$name" "$db/$name"
        tables=$((tables + 1))
    done
fi
echo "$tables corpus tables"

for bad in 0 257 -1 two; do
    "$paimon" scan --threads "$bad" "$work/t" >/dev/null 2>"$work/err"
    status=$?
    if [[ $status -ne 2 ]] || ! grep -q -- "--threads" "$work/err"; then
        echo "FAIL --threads $bad: status $status"
        head -3 "$work/err"
        failures=$((failures + 1))
    else
        echo "ok   --threads $bad: $(head -1 "$work/err")"
    fi
done
"$paimon" scan --help | grep -q -- "--threads N" || {
    echo "FAIL scan --help does not list --threads"
    failures=$((failures + 1))
}

[[ $failures -eq 0 ]]
