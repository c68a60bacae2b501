#!/usr/bin/env bash
# Measures the lambdasec command itself on a generated dump: wall time and
# peak resident memory, as a user would see them. Usage:
#   bench/run.sh [FUNCTIONS] [ROLES]        (defaults: 10000 2000)
set -euo pipefail
cd "$(dirname "$0")/.."
fns=${1:-10000}
roles=${2:-2000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/lambdasec" ./cmd/lambdasec
go run ./bench/cmd/gendump -out "$work/dump" -functions "$fns" -roles "$roles"
echo "dump: $fns functions, $roles roles, $(find "$work/dump" -type f | wc -l) files, $(du -sh "$work/dump" | cut -f1)"

# One warm-up run fills the page cache, as on a machine that just wrote the dump.
"$work/lambdasec" scan "$work/dump" --format json -o "$work/out.json" -q || true
for i in 1 2 3; do
	set +e
	/usr/bin/time -f "run $i: %e s wall, %M KiB peak RSS, %P CPU" \
		"$work/lambdasec" scan "$work/dump" --format json -o "$work/out.json" -q
	set -e
done
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print("findings:", len(r["findings"]), " not assessed:", len(r.get("not_assessed") or []))' "$work/out.json"
