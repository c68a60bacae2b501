// Package config reads lambdasec.yaml (or .json): the accounts and signing
// profiles the user trusts beyond what lambdasec trusts by itself.
//
//	trusted_accounts:          # layer publishers (LAMBDA-SUP-001, SUP-008)
//	  - "464622532012"
//	trusted_signing_profiles:  # allowlist for code-signing configs (LAMBDA-SUP-005)
//	  - arn:aws:signer:us-east-1:111122223333:/signing-profiles/AcmeReleaseSigning
package config

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/source"
)

// DefaultFile is read when it exists and no --config is given.
const DefaultFile = "lambdasec.yaml"

// Config is the content of the file.
type Config struct {
	TrustedAccounts []string
	// TrustedSigningProfiles is nil when the file does not set it, so that
	// "no allowlist" and "allow nothing" stay apart.
	TrustedSigningProfiles []string
}

// Apply copies the config into the inventory's settings.
func (c *Config) Apply(s *inventory.Settings) {
	s.TrustedAccounts = append(s.TrustedAccounts, c.TrustedAccounts...)
	if c.TrustedSigningProfiles != nil {
		// Non-nil even when empty: an empty allowlist allows nothing.
		s.TrustedSigningProfiles = append(append([]string{}, s.TrustedSigningProfiles...), c.TrustedSigningProfiles...)
	}
}

// Load reads the config file at path. Errors are *source.FileError with the
// line of the offending entry.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, &source.FileError{Path: path, Err: err}
	}
	return Parse(path, data)
}

// Parse reads a config's content (YAML, of which JSON is a subset); path is
// used in errors. Values are not quoted in errors.
func Parse(path string, data []byte) (*Config, error) {
	fail := func(line int, format string, args ...any) (*Config, error) {
		return nil, &source.FileError{Path: path, Line: line, Err: fmt.Errorf(format, args...)}
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return fail(yamlErrorLine(err), "not valid YAML or JSON: %s", yamlErrorText(err))
	}
	c := &Config{}
	if len(root.Content) == 0 {
		return c, nil // an empty file trusts nothing more
	}
	doc := root.Content[0]
	if doc.Kind != yaml.MappingNode {
		return fail(doc.Line, "want a mapping with trusted_accounts and trusted_signing_profiles")
	}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		key, val := doc.Content[i], doc.Content[i+1]
		var list []string
		if val.Kind != yaml.SequenceNode && !(val.Kind == yaml.ScalarNode && val.Tag == "!!null") {
			return fail(val.Line, "%s: want a list", key.Value)
		}
		for _, item := range val.Content {
			if item.Kind != yaml.ScalarNode {
				return fail(item.Line, "%s: want a list of strings", key.Value)
			}
			list = append(list, strings.TrimSpace(item.Value))
		}
		switch key.Value {
		case "trusted_accounts":
			for j, a := range list {
				if !isAccountID(a) {
					return fail(val.Content[j].Line, "trusted_accounts: want a 12-digit account id (quote it in YAML so leading zeros stay)")
				}
			}
			c.TrustedAccounts = list
		case "trusted_signing_profiles":
			for j, p := range list {
				if !strings.HasPrefix(p, "arn:") || !strings.Contains(p, ":signer:") || !strings.Contains(p, "/signing-profiles/") {
					return fail(val.Content[j].Line, "trusted_signing_profiles: want a signing profile ARN (arn:aws:signer:REGION:ACCOUNT:/signing-profiles/NAME[/VERSION])")
				}
			}
			c.TrustedSigningProfiles = append([]string{}, list...)
		default:
			return fail(key.Line, "unknown setting %q (want trusted_accounts or trusted_signing_profiles)", key.Value)
		}
	}
	return c, nil
}

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
