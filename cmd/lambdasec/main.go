// Command lambdasec audits the security of AWS Lambda functions. This file
// only parses flags and wires the stages together; the work lives in
// internal/.
package main

import (
	"fmt"
	"io"
	"os"
)

// Exit statuses. They are part of the interface: scripts and CI gates rely
// on them.
const (
	exitOK       = 0 // scan complete, nothing at or above --fail-on
	exitFindings = 1 // a finding at or above --fail-on remains
	exitUsage    = 2 // bad flags or arguments, or no input could be read
	exitPartial  = 3 // some inputs could not be read; the rest were scanned
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes the command line and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	cmd, status := newRootCommand(stdout, stderr)
	cmd.SetArgs(args)
	if err := cmd.Execute(); err != nil {
		fmt.Fprintln(stderr, "lambdasec:", err)
		if *status == exitOK {
			return exitUsage
		}
	}
	return *status
}
