#!/usr/bin/env bash
# Compares lambdasec with Trivy's misconfiguration scanner on the same
# generated SAM template (wall time and peak memory of each command).
# Trivy is built from source at a pinned version in a throwaway module.
# Usage: bench/trivy_compare.sh [FUNCTIONS]      (default 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
fns=${1:-1000}
trivy_version=v0.74.0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/lambdasec" ./cmd/lambdasec
mkdir -p "$work/stack"
go run ./bench/cmd/gensam -out "$work/stack/template.yaml" -functions "$fns"
echo "template: $fns functions, $(wc -l <"$work/stack/template.yaml") lines"

(
	cd "$work"
	mkdir trivybuild && cd trivybuild
	go mod init trivybuild >/dev/null 2>&1
	go get "github.com/aquasecurity/trivy/cmd/trivy@$trivy_version" 2>&1 | tail -5
	# Trivy uses encoding/json/v2, behind an experiment flag in Go 1.26.
	GOEXPERIMENT=jsonv2 go build -o "$work/trivy" github.com/aquasecurity/trivy/cmd/trivy 2>&1 | tail -20
)
"$work/trivy" --version | head -1

# Warm-up runs fill the page cache (and Trivy's check bundle cache).
"$work/lambdasec" scan "$work/stack" --format json -o "$work/l.json" -q || true
"$work/trivy" config --quiet --skip-check-update --cache-dir "$work/cache" --format json -o "$work/t.json" "$work/stack" || true
for i in 1 2 3; do
	/usr/bin/time -f "lambdasec run $i: %e s wall, %M KiB peak RSS" \
		"$work/lambdasec" scan "$work/stack" --format json -o "$work/l.json" -q || true
	/usr/bin/time -f "trivy     run $i: %e s wall, %M KiB peak RSS" \
		"$work/trivy" config --quiet --skip-check-update --cache-dir "$work/cache" --format json -o "$work/t.json" "$work/stack" || true
done
python3 - "$work/l.json" "$work/t.json" <<'PY'
import json, sys
l = json.load(open(sys.argv[1]))
t = json.load(open(sys.argv[2]))
mis = sum(len(r.get("Misconfigurations") or []) for r in t.get("Results") or [])
print(f"lambdasec: {len(l['findings'])} findings on {l['summary']['functions']} functions; trivy: {mis} misconfigurations")
PY
