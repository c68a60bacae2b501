#!/usr/bin/env bash
# Scans one generated Terraform folder with lambdasec and with Trivy's
# misconfiguration scanner, and prints wall time and peak memory of each.
# Usage:
#   bench/terraform-vs-trivy.sh [FUNCTIONS]     (default 1000)
# Trivy is taken from $TRIVY, else built once into $TRIVY_BIN (default
# /tmp/trivybin) from the Go module proxy: it needs GOEXPERIMENT=jsonv2.
# Trivy runs offline with the checks embedded in its binary.
set -euo pipefail
cd "$(dirname "$0")/.."
fns=${1:-1000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

trivy=${TRIVY:-}
if [ -z "$trivy" ]; then
	bin=${TRIVY_BIN:-/tmp/trivybin}
	if [ ! -x "$bin/trivy" ]; then
		GOEXPERIMENT=jsonv2 GOBIN="$bin" go install github.com/aquasecurity/trivy/cmd/trivy@v0.74.0
	fi
	trivy=$bin/trivy
fi

go build -o "$work/lambdasec" ./cmd/lambdasec
go run ./bench/cmd/gentf -n "$fns" -o "$work/tf"
echo "terraform: $fns functions, $(cat "$work"/tf/*.tf | wc -l) lines in $(ls "$work"/tf/*.tf | wc -l) files"

# Warm-up runs fill the page cache and Trivy's cache folder.
"$work/lambdasec" scan "$work/tf" --format json -o "$work/l.json" -q || true
"$trivy" config --quiet --skip-check-update --cache-dir "$work/cache" --format json -o "$work/t.json" "$work/tf" || true
for i in 1 2 3; do
	set +e
	/usr/bin/time -f "lambdasec run $i: %e s wall, %M KiB peak RSS, %P CPU" \
		"$work/lambdasec" scan "$work/tf" --format json -o "$work/l.json" -q
	/usr/bin/time -f "trivy     run $i: %e s wall, %M KiB peak RSS, %P CPU" \
		"$trivy" config --quiet --skip-check-update --cache-dir "$work/cache" --format json -o "$work/t.json" "$work/tf"
	set -e
done
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print("lambdasec findings:", len(r["findings"]))' "$work/l.json"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print("trivy misconfigurations:", sum(len(x.get("Misconfigurations") or []) for x in r.get("Results") or []))' "$work/t.json"
