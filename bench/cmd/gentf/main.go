// Command gentf writes a generated Terraform folder for benchmarks:
// gentf -n 1000 -o DIR.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/lambdasec/lambdasec/bench/tfgen"
)

func main() {
	n := flag.Int("n", 1000, "number of functions")
	out := flag.String("o", "", "output folder (created)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "gentf: -o DIR is required")
		os.Exit(2)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "gentf:", err)
		os.Exit(1)
	}
	if err := tfgen.Write(*out, *n); err != nil {
		fmt.Fprintln(os.Stderr, "gentf:", err)
		os.Exit(1)
	}
}
