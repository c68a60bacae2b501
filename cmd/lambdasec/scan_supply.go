package main

import (
	"errors"
	"os"

	"github.com/spf13/pflag"

	"github.com/lambdasec/lambdasec/internal/config"
	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/lockfile"
)

// Supply-chain flags: the config file with the user's trusted accounts and
// signing profiles, and the lock file to check drift against.
func init() {
	var configFile, lockFile string
	extendScan(func(f *pflag.FlagSet) {
		f.StringVar(&configFile, "config", "", "settings `FILE` (trusted_accounts, trusted_signing_profiles); default ./lambdasec.yaml or ./lambdasec.json when present")
		f.StringVar(&lockFile, "lock", "", "report drift from the lock `FILE` written by `lambdasec lock` (LAMBDA-SUP-003)")
	}, func(req *scanRequest) error {
		path := configFile
		if path == "" {
			path = defaultConfig()
		}
		if path != "" {
			// A broken config is a usage error: scanning without the trust
			// the user meant to give would report what they chose to accept.
			c, err := config.Load(path)
			if err != nil {
				return err
			}
			req.Options.Enrich = append(req.Options.Enrich, func(inv *inventory.Inventory) []error {
				c.Apply(&inv.Settings)
				return nil
			})
		}
		if lockFile != "" {
			req.Options.Enrich = append(req.Options.Enrich, func(inv *inventory.Inventory) []error {
				lock, err := lockfile.Load(lockFile)
				if err != nil {
					return []error{err}
				}
				inv.Settings.Lock = lock
				return nil
			})
		}
		return nil
	})
}

// defaultConfig returns the config file of the current directory, if any.
func defaultConfig() string {
	for _, name := range []string{config.DefaultFile, "lambdasec.json"} {
		if _, err := os.Stat(name); err == nil || !errors.Is(err, os.ErrNotExist) {
			return name
		}
	}
	return ""
}
