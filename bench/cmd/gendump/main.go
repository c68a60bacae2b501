// Command gendump writes a large synthetic dump for benchmarks:
//
//	go run ./bench/cmd/gendump -out /tmp/big -functions 10000 -roles 2000
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/lambdasec/lambdasec/bench/dumpgen"
)

func main() {
	out := flag.String("out", "", "folder to write the dump into (created)")
	fns := flag.Int("functions", 10000, "number of functions")
	roles := flag.Int("roles", 2000, "number of execution roles")
	regions := flag.String("regions", "us-east-1,eu-west-1", "comma-separated regions")
	flag.Parse()
	if *out == "" || *fns < 0 || *roles < 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "gendump:", err)
		os.Exit(1)
	}
	size := dumpgen.Size{Functions: *fns, Roles: *roles, Regions: strings.Split(*regions, ",")}
	if err := dumpgen.Write(*out, size); err != nil {
		fmt.Fprintln(os.Stderr, "gendump:", err)
		os.Exit(1)
	}
}
