package main

import (
	"context"
	"fmt"
	"os"

	"github.com/lambdasec/lambdasec/internal/inventory"
	awssrc "github.com/lambdasec/lambdasec/internal/source/aws"
)

// scan --aws collects into a private temporary dump, scans it with the
// dump reader like any other folder, and removes it: the live scan and
// `collect` + `scan DIR` cannot disagree.
func init() {
	var fl awsFlags
	extendScan(fl.add, func(req *scanRequest) error {
		if !fl.enabled {
			return nil
		}
		opts, err := fl.options(req.Stderr, req.Verbose, req.Quiet)
		if err != nil {
			return err
		}
		dir, err := tempDump()
		if err != nil {
			return err
		}
		req.Cleanup = append(req.Cleanup, func() { os.RemoveAll(dir) })
		res, err := awssrc.Collect(context.Background(), opts, dir)
		endProgress(req.Stderr, opts)
		if err != nil {
			return err
		}
		req.Paths = append(req.Paths, dir)
		// Failed calls are input errors of the scan: they are reported and
		// make the exit status 3 (partial input).
		req.Options.Enrich = append(req.Options.Enrich, func(*inventory.Inventory) []error {
			errs := make([]error, len(res.Failures))
			for i, f := range res.Failures {
				errs[i] = fmt.Errorf("aws: %s", f)
			}
			return errs
		})
		return nil
	})
}
