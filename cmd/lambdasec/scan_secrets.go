package main

import (
	"fmt"
	"os"

	"github.com/spf13/pflag"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/secrets"
)

// Content scanning: deployment packages and layers are read, before the
// rules run, from each dump's packages/ folder and from --packages folders.
func init() {
	var dirs []string
	extendScan(func(f *pflag.FlagSet) {
		f.StringArrayVar(&dirs, "packages", nil, "also read function and layer zips from `DIR` (any file names: matched by SHA-256) for LAMBDA-SEC-003/004 and LAMBDA-SUP-007; repeatable")
	}, func(req *scanRequest) error {
		for _, d := range dirs {
			if st, err := os.Stat(d); err != nil || !st.IsDir() {
				return fmt.Errorf("--packages %s: not a folder", d)
			}
		}
		req.Options.Enrich = append(req.Options.Enrich, func(inv *inventory.Inventory) []error {
			// Paths are read here, not when flags are applied, because other
			// flag groups (live collection) may still replace them.
			all := append(secrets.PackageDirs(req.Paths), dirs...)
			if len(all) == 0 {
				return nil
			}
			return secrets.ScanPackages(inv, secrets.PackageOptions{Dirs: all, Limits: secrets.DefaultLimits()})
		})
		return nil
	})
}
