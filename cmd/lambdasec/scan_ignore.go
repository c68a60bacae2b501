package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/pflag"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/ignore"
	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/rules"
)

// The ignore file: accepted findings, each with a reason and optionally an
// expiry date (docs/ignore.md).
func init() {
	var file string
	var none bool
	extendScan(func(f *pflag.FlagSet) {
		f.StringVar(&file, "ignore-file", "", "drop the findings listed in `FILE` (docs/ignore.md); default ./"+ignore.DefaultFile+" when present")
		f.BoolVar(&none, "no-ignore-file", false, "do not read ./"+ignore.DefaultFile)
	}, func(req *scanRequest) error {
		path := file
		if path == "" && !none {
			if _, err := os.Stat(ignore.DefaultFile); err == nil || !errors.Is(err, os.ErrNotExist) {
				path = ignore.DefaultFile
			}
		}
		if path == "" {
			return nil
		}
		// A broken ignore file is a usage error: scanning without it would
		// report what the user chose to accept, or hide why it failed.
		list, err := ignore.Load(path)
		if err != nil {
			return err
		}
		req.Options.Filters = append(req.Options.Filters, func(r *finding.Report, _ *inventory.Inventory) {
			for _, e := range list.Apply(r, rules.Now()) {
				if !req.Quiet {
					fmt.Fprintf(req.Stderr, "lambdasec: warning: ignore entry expired on %s, its findings are reported again: %s\n", e.Expires.Format("2006-01-02"), e)
				}
			}
		})
		return nil
	})
}
