package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/lockfile"
	"github.com/lambdasec/lambdasec/internal/rules"
	"github.com/lambdasec/lambdasec/internal/scan"
)

func init() {
	register(func(e *env) *cobra.Command {
		var output string
		cmd := &cobra.Command{
			Use:   "lock [PATH...]",
			Short: "Write a lock file pinning each function's code and layer hashes",
			Long: `Lock reads each PATH (dump folders, like scan) and writes a lock file: per
function its code SHA-256 or image digest, and the content hash of every layer
version it uses. Check an account against it later with
'lambdasec scan --lock FILE' (LAMBDA-SUP-003). See docs/lockfile.md.

Exit status: 0 written; 2 usage error or no input could be read; 3 some
inputs could not be read (the lock holds what could).`,
			RunE: func(cmd *cobra.Command, args []string) error {
				st, err := runLock(args, output, e)
				*e.status = st
				return err
			},
		}
		cmd.Flags().StringVarP(&output, "output", "o", "lambdasec.lock", "write the lock to `FILE` (- for standard output)")
		return cmd
	})
}

func runLock(paths []string, output string, e *env) (int, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	// No rules: only the loaded inventory is needed.
	res := scan.Run(paths, scan.Options{Rules: []*rules.Rule{}, Tool: finding.Tool{Name: "lambdasec", Version: toolVersion()}})
	for _, ie := range res.Report.InputErrors {
		fmt.Fprintln(e.stderr, "lambdasec: error:", ie.Error())
	}
	if res.Scanned == 0 {
		return exitUsage, fmt.Errorf("no input could be read")
	}
	lock := lockfile.Build(res.Inventory)
	var buf bytes.Buffer
	if err := lockfile.Write(&buf, lock); err != nil {
		return exitUsage, err
	}
	if output == "-" {
		if _, err := e.stdout.Write(buf.Bytes()); err != nil {
			return exitUsage, err
		}
	} else {
		if err := writeAtomic(output, buf.Bytes()); err != nil {
			return exitUsage, err
		}
		fmt.Fprintf(e.stderr, "lambdasec: locked %d functions in %s\n", len(lock.Functions), output)
	}
	if len(res.Report.InputErrors) > 0 {
		return exitPartial, nil
	}
	return exitOK, nil
}

// writeAtomic replaces path with data, never leaving half a file behind.
func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".lambdasec-lock-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
