#!/usr/bin/env bash
# Compares lambdasec's package scanner with the gitleaks command-line tool
# on the same bytes: a corpus of real source text (the Go distribution's
# sources) with planted credentials (bench/secretsgen), scanned by lambdasec
# as one zip (decompression included) and by `gitleaks dir` extracted.
# gitleaks is built with `go build` from the module cache at the version
# given (default v8.30.1). Prints wall time, throughput, peak memory and
# recall against the labels, at full parallelism and on one core.
# Usage: bench/secrets-vs-gitleaks.sh [MiB] [GITLEAKS_VERSION]
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-64}
ver=${2:-v8.30.1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dir=$(GOFLAGS=-mod=mod go mod download -json "github.com/zricethezav/gitleaks/v8@$ver" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')
(cd "$dir" && GOFLAGS=-mod=mod go build -o "$work/gitleaks" .)
go build -o "$work/scanzip" ./bench/cmd/scanzip
go run ./bench/cmd/gensecrets -dir "$work/corpus" -zip "$work/corpus.zip" -labels "$work/labels.json" -mb "$mb"
bytes=$(find "$work/corpus" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
echo "corpus: $(find "$work/corpus" -type f | wc -l) files, $bytes bytes uncompressed, zip $(stat -c %s "$work/corpus.zip") bytes; gitleaks $ver"

score() { # tool findings-file
	python3 - "$work/labels.json" "$1" "$2" <<'PY'
import json, sys
labels = {(l["file"], l["line"]) for l in json.load(open(sys.argv[1]))}
tool, path = sys.argv[2], sys.argv[3]
if tool == "gitleaks":
    import os
    root = os.environ["CORPUS"]
    found = {(os.path.relpath(f["File"], root), f["StartLine"]) for f in json.load(open(path))}
else:
    found = {(f["file"], f["line"]) for f in map(json.loads, open(path))}
tp = len(labels & found)
# Unlabelled findings are not all false: the Go sources hold real test
# keys (crypto/tls, net/http) that both tools rightly report.
print(f"  recall {tp}/{len(labels)} = {tp/len(labels):.3f}; findings at unlabelled places: {len(found - labels)}")
PY
}

run() { # label procs
	local procs=$2
	echo "== $1"
	for tool in lambdasec gitleaks; do
		# A warm-up run fills the page cache for both.
		if [ $tool = lambdasec ]; then
			cmd=("$work/scanzip" "$work/corpus.zip")
			out="$work/ours.jsonl"
		else
			cmd=("$work/gitleaks" dir "$work/corpus" --no-banner --log-level error --exit-code 0 -f json -r "$work/gl.json")
			out="$work/gl.json"
		fi
		GOMAXPROCS=$procs "${cmd[@]}" > "$work/stdout" 2>/dev/null
		/usr/bin/time -f "%e %M %U %S" -o "$work/time" env GOMAXPROCS=$procs "${cmd[@]}" > "$work/stdout" 2>/dev/null
		[ $tool = lambdasec ] && cp "$work/stdout" "$out"
		read -r secs kib usr sys < "$work/time"
		# CPU time as well as wall time: on a busy machine it is the steadier figure.
		python3 -c "import sys; b,s,k,c=int(sys.argv[1]),float(sys.argv[2]),int(sys.argv[3]),float(sys.argv[5])+float(sys.argv[6]); print(f'  {sys.argv[4]:9s} {s:6.2f} s wall {b/s/1e6:7.1f} MB/s | {c:6.2f} s CPU {b/max(c,0.01)/1e6:7.1f} MB/s per CPU-second | {k/1024:4.0f} MiB peak RSS')" "$bytes" "$secs" "$kib" "$tool" "$usr" "$sys"
		CORPUS="$work/corpus" score $tool "$out"
	done
}
run "all cores ($(nproc))" "$(nproc)"
run "one core" 1
