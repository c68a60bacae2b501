// Command gensam writes a SAM template of N functions for benchmarks
// (bench/trivy_compare.sh).
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/lambdasec/lambdasec/bench/samgen"
)

func main() {
	out := flag.String("out", "template.yaml", "template file to write")
	n := flag.Int("functions", 1000, "number of functions")
	flag.Parse()
	if err := samgen.Write(*out, *n); err != nil {
		fmt.Fprintln(os.Stderr, "gensam:", err)
		os.Exit(1)
	}
}
