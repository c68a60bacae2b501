package config_test

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/lambdasec/lambdasec/internal/config"
	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/source"
)

func TestLoad(t *testing.T) {
	c, err := config.Load(filepath.Join("testdata", "lambdasec.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(c.TrustedAccounts, []string{"464622532012", "555566667777"}) ||
		!slices.Equal(c.TrustedSigningProfiles, []string{"arn:aws:signer:us-east-1:111122223333:/signing-profiles/AcmeReleaseSigning"}) {
		t.Errorf("got %+v", c)
	}

	j, err := config.Load(filepath.Join("testdata", "lambdasec.json"))
	if err != nil {
		t.Fatal(err)
	}
	// An empty list is an allowlist that allows nothing; a missing key is none.
	if j.TrustedSigningProfiles == nil || len(j.TrustedSigningProfiles) != 0 {
		t.Errorf("empty allowlist = %#v, want empty non-nil", j.TrustedSigningProfiles)
	}
	var s inventory.Settings
	j.Apply(&s)
	if s.TrustedSigningProfiles == nil || !slices.Equal(s.TrustedAccounts, []string{"464622532012"}) {
		t.Errorf("settings = %+v", s)
	}
	var none inventory.Settings
	(&config.Config{}).Apply(&none)
	if none.TrustedSigningProfiles != nil {
		t.Errorf("no allowlist became %#v", none.TrustedSigningProfiles)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, text string
		line       int
		want       string
	}{
		{"syntax", "trusted_accounts: [\n", 1, "not valid YAML"},
		{"not a mapping", "- a\n", 1, "want a mapping"},
		{"unknown key", "trusted_acounts: []\n", 1, `unknown setting "trusted_acounts"`},
		{"not a list", "trusted_accounts: 123456789012\n", 1, "want a list"},
		{"unquoted short id", "trusted_accounts:\n  - 12345\n", 2, "12-digit"},
		{"nested", "trusted_accounts:\n  - [a]\n", 2, "list of strings"},
		{"bad profile", "trusted_signing_profiles:\n  - AcmeReleaseSigning\n", 2, "signing profile ARN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := config.Parse("lambdasec.yaml", []byte(tt.text))
			var fe *source.FileError
			if !errors.As(err, &fe) {
				t.Fatalf("err = %v, want a FileError", err)
			}
			if fe.Path != "lambdasec.yaml" || fe.Line != tt.line || !strings.Contains(fe.Err.Error(), tt.want) {
				t.Errorf("err = line %d: %v, want line %d and %q", fe.Line, fe.Err, tt.line, tt.want)
			}
		})
	}
	if c, err := config.Parse("empty.yaml", nil); err != nil || len(c.TrustedAccounts) != 0 {
		t.Errorf("empty file: %+v, %v", c, err)
	}
	if _, err := config.Load(filepath.Join(t.TempDir(), "missing.yaml")); err == nil || !strings.Contains(err.Error(), "missing.yaml") {
		t.Errorf("missing file: %v", err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("trusted_accounts:\n  - \"464622532012\"\n"))
	f.Add([]byte(`{"trusted_signing_profiles": ["arn:aws:signer:us-east-1:1:/signing-profiles/P"]}`))
	f.Add([]byte("&a [*a]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := config.Parse("f.yaml", data)
		var fe *source.FileError
		if err != nil && !errors.As(err, &fe) {
			t.Fatalf("error is not a FileError: %v", err)
		}
	})
}
