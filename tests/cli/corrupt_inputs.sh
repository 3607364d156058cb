#!/usr/bin/env bash
# Corrupt tables give a one-line error that names the damaged file, exit status 1, no crash.
# Run against the ASan build too (ctest does), so memory errors also fail this test.
set -uo pipefail
paimon=$1
corpus=${PAIMON_COMPAT_DIR:-}
src=$corpus/tables/parquet/append_with_bitmap.db/append_with_bitmap
if [[ -z $corpus || ! -d $src ]]; then
    echo "compat corpus not found (PAIMON_COMPAT_DIR)"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

fresh() {
    rm -rf "$work/t"
    cp -r "$src" "$work/t"
    chmod -R u+w "$work/t"
}

# expect_failure NAME PATTERN CMD...: exit 1, exactly one stderr line matching PATTERN.
expect_failure() {
    local name=$1 pattern=$2
    shift 2
    "$@" >"$work/out" 2>"$work/err"
    local status=$?
    local lines
    lines=$(wc -l <"$work/err")
    if [[ $status -ne 1 || $lines -ne 1 ]] || ! grep -q -- "$pattern" "$work/err"; then
        echo "FAIL $name: status $status, $lines stderr line(s), expected 1 line matching '$pattern':"
        head -5 "$work/err"
        failures=$((failures + 1))
    else
        echo "ok   $name: $(cat "$work/err")"
    fi
}

first() { find "$work/t/$1" -name "$2" | sort | head -1; }

# Truncated manifests (all of them: tables keep unreferenced leftovers of retried commits).
fresh
for manifest in $(find "$work/t/manifest" -name 'manifest-*' ! -name 'manifest-list-*'); do
    truncate -s $(($(stat -c %s "$manifest") / 2)) "$manifest"
done
expect_failure truncated_manifest "manifest/manifest-[0-9a-f]" "$paimon" files "$work/t"
expect_failure truncated_manifest_scan "manifest/manifest-[0-9a-f]" "$paimon" scan "$work/t"

# A manifest list whose magic bytes are damaged.
fresh
list=$(first manifest 'manifest-list-*')
printf 'X' | dd of="$list" bs=1 seek=0 conv=notrunc 2>/dev/null
expect_failure damaged_manifest_list "$(basename "$list")" "$paimon" scan "$work/t"

# A snapshot without its schemaId.
fresh
snapshot=$work/t/snapshot/snapshot-1
sed -i '/"schemaId"/d' "$snapshot"
expect_failure snapshot_missing_field "snapshot-1" "$paimon" scan "$work/t"

# A snapshot naming a manifest list outside the table: refused, nothing outside is read.
fresh
sed -i 's|"baseManifestList" : "[^"]*"|"baseManifestList" : "../../../etc/passwd"|' "$snapshot"
expect_failure snapshot_path_traversal "snapshot/snapshot-1: invalid manifest list name '../../../etc/passwd'" \
    "$paimon" files "$work/t"

# A schema with an unknown type.
fresh
sed -i 's/"INT"/"INTEGRAL"/' "$work/t/schema/schema-0"
expect_failure schema_unknown_type "schema-0" "$paimon" schema "$work/t"
expect_failure schema_unknown_type_scan "schema-0" "$paimon" scan "$work/t"

# A truncated data file.
fresh
data=$(find "$work/t" -name '*.parquet' | sort | head -1)
truncate -s 100 "$data"
expect_failure truncated_data_file "$(basename "$data")" "$paimon" scan "$work/t"

# A data file replaced by garbage of the same size.
fresh
data=$(find "$work/t" -name '*.parquet' | sort | head -1)
head -c "$(stat -c %s "$data")" /dev/urandom >"$data"
expect_failure garbage_data_file "$(basename "$data")" "$paimon" scan "$work/t"

# A data file whose magic bytes are wrong.
fresh
data=$(find "$work/t" -name '*.parquet' | sort | head -1)
printf 'XXXX' | dd of="$data" bs=1 seek=0 conv=notrunc 2>/dev/null
expect_failure wrong_parquet_magic "$(basename "$data")" "$paimon" scan "$work/t"

# Bit flips inside the pages of a data file: never a crash; damage that is detected is
# reported with the file name.
fresh
data=$(find "$work/t" -name '*.parquet' | sort | head -1)
cp "$data" "$work/orig_data"
size=$(stat -c %s "$data")
detected=0
for ((pos = 4; pos < size - 8; pos += 13)); do
    cp "$work/orig_data" "$data"
    printf '\x5a' | dd of="$data" bs=1 seek=$pos conv=notrunc 2>/dev/null
    "$paimon" scan --format jsonl "$work/t" >/dev/null 2>"$work/err"
    status=$?
    if [[ $status -ne 0 && $status -ne 1 ]]; then
        echo "FAIL page bit flip at $pos: exit status $status"
        failures=$((failures + 1))
    elif [[ $status -eq 1 ]]; then
        detected=$((detected + 1))
        if ! grep -q "$(basename "$data")" "$work/err"; then
            echo "FAIL page bit flip at $pos: the message does not name the file: $(cat "$work/err")"
            failures=$((failures + 1))
        fi
    fi
done
if ((detected == 0)); then
    echo "FAIL page bit flips: no damage was detected at all"
    failures=$((failures + 1))
fi
echo "ok   page bit flips: $detected damaged positions reported with the file name, none crashed"

# Not a table at all.
expect_failure not_a_table "not a Paimon table" "$paimon" scan "$work"

# Bit flips anywhere in a manifest never crash: each run exits 0 or 1.
fresh
manifest=$(find "$work/t/manifest" -name 'manifest-*' ! -name 'manifest-list-*' | sort | head -1)
size=$(stat -c %s "$manifest")
cp "$manifest" "$work/orig"
for ((pos = 0; pos < size; pos += 7)); do
    cp "$work/orig" "$manifest"
    printf '\xff' | dd of="$manifest" bs=1 seek=$pos conv=notrunc 2>/dev/null
    "$paimon" scan --format jsonl "$work/t" >/dev/null 2>&1
    status=$?
    if [[ $status -ne 0 && $status -ne 1 ]]; then
        echo "FAIL bit flip at $pos: exit status $status"
        failures=$((failures + 1))
    fi
done
echo "ok   bit flips: every position of $(basename "$manifest") tried"

if ((failures > 0)); then
    echo "$failures failure(s)"
    exit 1
fi
