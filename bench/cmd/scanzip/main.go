// Command scanzip scans one zip with lambdasec's package scanner and prints
// what it found as JSON lines (file, line, rule; never the value), so that
// bench/secrets-vs-gitleaks.sh can time it as a process and score its
// recall against the labels, like the gitleaks command beside it.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/lambdasec/lambdasec/internal/secrets"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: scanzip FILE.zip")
		os.Exit(2)
	}
	cs, err := secrets.NewScanner(nil, secrets.DefaultLimits()).ScanFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "scanzip:", err)
		os.Exit(1)
	}
	enc := json.NewEncoder(os.Stdout)
	for _, m := range cs.Matches {
		enc.Encode(map[string]any{"file": m.Path, "line": m.Line, "rule": m.Rule})
	}
	fmt.Fprintf(os.Stderr, "scanzip: %d files, %d bytes, %d matches, partial: %q\n", cs.Files, cs.Bytes, len(cs.Matches), cs.Partial)
}
