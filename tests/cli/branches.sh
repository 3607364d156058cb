#!/usr/bin/env bash
# Branches from the command line: --branch on every command, fallback and primary branches,
# the error for a branch folder given as the table, and `changes` without --from. The tables
# are written by make_tables (tests/table/branch_fixture.h):
#   main: append table, partition dt; snapshot 1 (t=100): a in dt=1; snapshot 2 (t=300): b in
#         dt=1, c in dt=3; scan.fallback-branch = rt
#   rt:   primary-key table; snapshot 1 (t=200): x in dt=1, p in dt=2; snapshot 2 (t=400): p
#         updated to q, r in dt=2
set -uo pipefail
paimon=$1
make_tables=${2:-}
if [[ -z $make_tables || ! -x $make_tables ]]; then
    echo "make_tables not given"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
"$make_tables" branches "$work/t" || exit 1
"$make_tables" primary "$work/p" || exit 1
t=$work/t

fail() {
    echo "FAIL $1"
    failures=$((failures + 1))
}

# expect NAME EXPECTED CMD...: exit 0 and stdout (sorted) equal to EXPECTED.
expect() {
    local name=$1 expected=$2
    shift 2
    local out status
    out=$("$@" 2>"$work/err")
    status=$?
    out=$(printf '%s\n' "$out" | LC_ALL=C sort)
    expected=$(printf '%s\n' "$expected" | LC_ALL=C sort)
    if [[ $status -ne 0 || "$out" != "$expected" ]]; then
        fail "$name: status $status, got:"
        printf '%s\n' "$out" "$(cat "$work/err")" | head -20
    else
        echo "ok   $name"
    fi
}

# expect_status NAME STATUS PATTERN CMD...: the exit status and a stderr line matching PATTERN.
expect_status() {
    local name=$1 want=$2 pattern=$3
    shift 3
    "$@" >"$work/out" 2>"$work/err"
    local status=$?
    if [[ $status -ne $want ]] || ! grep -q -- "$pattern" "$work/err"; then
        fail "$name: status $status (expected $want), stderr:"
        head -5 "$work/err"
    else
        echo "ok   $name: $(head -1 "$work/err")"
    fi
}

# expect_grep NAME PATTERN CMD...: exit 0 and a stdout line matching PATTERN.
expect_grep() {
    local name=$1 pattern=$2
    shift 2
    if ! "$@" >"$work/out" 2>"$work/err" || ! grep -q -- "$pattern" "$work/out"; then
        fail "$name: no line matching '$pattern' in:"
        head -20 "$work/out" "$work/err"
    else
        echo "ok   $name"
    fi
}

expect scan_fallback '[1,"1","a"]
[2,"1","b"]
[3,"3","c"]
[5,"2","q"]
[6,"2","r"]' "$paimon" scan --format jsonl "$t"
expect scan_branch '[1,"1","x"]
[5,"2","q"]
[6,"2","r"]' "$paimon" scan --format jsonl --branch rt "$t"
expect scan_branch_main '[1,"1","a"]
[2,"1","b"]
[3,"3","c"]
[5,"2","q"]
[6,"2","r"]' "$paimon" scan --format jsonl --branch=main "$t"
expect scan_fallback_time_travel '[1,"1","a"]
[5,"2","p"]' "$paimon" scan --format jsonl --snapshot 1 "$t"
expect scan_fallback_tag '[1,"1","a"]
[5,"2","q"]
[6,"2","r"]' "$paimon" scan --format jsonl --tag t1 "$t"
expect scan_fallback_filter '[5,"2","q"]' "$paimon" scan --format jsonl --where "v = 'q'" "$t"
expect scan_primary '[1,"1","x"]
[3,"3","c"]
[5,"2","q"]
[6,"2","r"]' "$paimon" scan --format jsonl "$work/p"

expect_grep files_branch_column '^rt  *{"dt":"2"}' "$paimon" files "$t"
expect_grep files_footer 'branch main at snapshot 2, branch rt at snapshot 2' "$paimon" files "$t"
expect_grep files_jsonl_branch '"branch":"rt"' "$paimon" files --format jsonl "$t"
expect_grep files_on_branch '^{"dt":"1"} ' "$paimon" files --branch rt "$t"
expect_grep snapshots_branch '^2  *0  *APPEND  *1970-01-01 00:00:00.400' \
    "$paimon" snapshots --branch rt "$t"
expect_grep schema_branch 'INT NOT NULL' "$paimon" schema --branch rt "$t"
expect_grep schema_branch_snapshot 'primary keys: dt id' "$paimon" schema --branch rt --snapshot 1 "$t"

# Changes read the branch itself, never the fallback; --from defaults to the beginning.
expect changes_all '["+I",1,"1","a"]
["+I",2,"1","b"]
["+I",3,"3","c"]' "$paimon" changes --format jsonl "$t"
expect changes_from '["+I",2,"1","b"]
["+I",3,"3","c"]' "$paimon" changes --format jsonl --from 1 "$t"
expect changes_to '["+I",1,"1","a"]' "$paimon" changes --format jsonl --to 1 "$t"
expect changes_branch '["+U",5,"2","q"]
["+I",6,"2","r"]' "$paimon" changes --format jsonl --from 1 --branch rt "$t"
expect_status changes_negative_from 2 'must not be negative' "$paimon" changes --from -1 "$t"

expect_status branch_folder 1 "is the folder of branch 'rt' of the table .*--branch rt" \
    "$paimon" scan "$t/branch/branch-rt"
expect_status branch_folder_files 1 "branch 'rt'" "$paimon" files "$t/branch/branch-rt/"
expect_status unknown_branch 1 "no branch 'nope'.*branches: rt" "$paimon" scan --branch nope "$t"
expect_status branch_without_value 2 "'--branch' needs a value" "$paimon" snapshots "$t" --branch

for command in snapshots schema files scan changes; do
    expect_grep "help_$command" '--branch NAME' "$paimon" "$command" --help
done
expect_grep help_changes_from 'default 0: from the first snapshot' "$paimon" changes --help

if ((failures > 0)); then
    echo "$failures failure(s)"
    exit 1
fi
