package secrets

import (
	"crypto/sha256"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lambdasec/lambdasec/internal/inventory"
)

// TestScanPackagesByContentHash: a zip with any name is matched to the
// function whose CodeSha256 is its hash; a function without one stays
// unknown; a broken zip is an error naming the file.
func TestScanPackagesByContentHash(t *testing.T) {
	dir := t.TempDir()
	z := makeZip(t, zipEntry{name: "app.py", data: []byte("KEY = 'AKIAQ3EGRJ7NZ5VXDMPL'\n")})
	if err := os.WriteFile(filepath.Join(dir, "orders-api.zip"), z, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "broken.zip"), []byte("PK\x03\x04 not really"), 0o644); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(z)
	broken := sha256.Sum256([]byte("PK\x03\x04 not really"))
	inv := inventory.New()
	r := inv.Account("111122223333").Region("us-east-1")
	r.Functions = []*inventory.Function{
		{ARN: "arn:aws:lambda:us-east-1:111122223333:function:orders-api", Name: "orders-api", PackageType: "Zip", CodeSha256: base64.StdEncoding.EncodeToString(sum[:])},
		{ARN: "arn:aws:lambda:us-east-1:111122223333:function:other", Name: "other", PackageType: "Zip", CodeSha256: base64.StdEncoding.EncodeToString(broken[:])},
		{ARN: "arn:aws:lambda:us-east-1:111122223333:function:absent", Name: "absent", PackageType: "Zip", CodeSha256: "krH2PqdNFuyF2ksT8h/wsrEZWEgMCqGj8TfKHlALyWc="},
	}
	inv.Link()
	errs := ScanPackages(inv, PackageOptions{Dirs: []string{dir}, Limits: DefaultLimits()})
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "broken.zip") {
		t.Errorf("errors = %v, want one naming broken.zip", errs)
	}
	byName := map[string]*inventory.Function{}
	for _, f := range inv.Functions {
		byName[f.Name] = f
	}
	p := byName["orders-api"].Package
	if !p.Known || len(p.Value.Matches) != 1 || p.Value.Matches[0].Rule != "aws-access-key-id" || p.Value.Matches[0].Path != "app.py" || p.Value.Matches[0].Line != 1 {
		t.Errorf("orders-api package = %+v", p)
	}
	if strings.Contains(p.Value.Matches[0].Preview, "Q3EGRJ7N") {
		t.Errorf("preview not redacted: %s", p.Value.Matches[0].Preview)
	}
	if byName["other"].Package.Known || byName["absent"].Package.Known {
		t.Error("functions without a readable package must stay unknown")
	}
}
