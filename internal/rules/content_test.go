package rules_test

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/secrets"
)

// packageFile writes a zip named by the SHA-256 the fixture gives for
// content key (sha256 of the key string) with the given files.
func packageFile(t *testing.T, dir, key string, files map[string]string) {
	t.Helper()
	sum := sha256.Sum256([]byte(key))
	f, err := os.Create(filepath.Join(dir, hex.EncodeToString(sum[:])+".zip"))
	if err != nil {
		t.Fatal(err)
	}
	w := zip.NewWriter(f)
	for name, body := range files {
		fw, _ := w.Create(name)
		fw.Write([]byte(body))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// contentInventory loads testdata/sec-content and scans the packages the
// test writes: leaky's package has a token and a miner URL, clean's has
// neither, missing's is absent; layer acme-common-utils:3 has a Stripe key,
// acme-fonts:1 is absent.
func contentInventory(t *testing.T) *inventory.Inventory {
	t.Helper()
	inv := loadDump(t, "sec-content")
	dir := t.TempDir()
	packageFile(t, dir, "leaky", map[string]string{
		"app.py":             "import os\nGITHUB_TOKEN = 'ghp_Zq4Lm8Rt2Vx6Bn0Pc3Hs7Kd1Wf5Jy9Ga2Ue4'\n",
		"bin/config.json":    `{"url": "stratum+tcp://198.51.100.7:3333"}`,
		"README.md":          "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n",
		"vendor/lock.json":   `{"integrity": "sha512-3wvz2yV4Q2HUx0lq2J2jg8ZcZ8RW3TnPSm3W8A7WVmGJ2E8kb8e2tgyX0e6wv2v+9tK7vw=="}`,
		"tests/fixtures.txt": "token = 'REPLACE_ME'\n",
	})
	packageFile(t, dir, "clean", map[string]string{"app.py": "import os\nTABLE = os.environ['TABLE_NAME']\n"})
	packageFile(t, dir, "layer-utils", map[string]string{"python/acme/billing.py": "STRIPE = 'sk_live_51Hq8ZkLm3Tn7Qx2Vb9Rw4Ys6Ud1Pe0Ja5Kc8Mf2Ng7Oh3Ri9Sj4'\n"})
	if errs := secrets.ScanPackages(inv, secrets.PackageOptions{Dirs: []string{dir}, Limits: secrets.DefaultLimits()}); len(errs) > 0 {
		t.Fatal(errs)
	}
	return inv
}

func TestSEC003PackageSecret(t *testing.T) {
	out := runRule(t, "LAMBDA-SEC-003", contentInventory(t))
	var got []string
	for _, f := range out.Findings {
		got = append(got, f.Resource.Name+"/"+f.Instance+":"+f.Severity.String())
		if strings.Contains(strings.Join(f.Evidence, " ")+f.Message, "Zq4Lm8Rt") {
			t.Errorf("secret leaked: %v", f)
		}
	}
	sort.Strings(got)
	want := []string{"leaky/README.md:1#aws-access-key-id:low", "leaky/app.py:2#github-token:high"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("findings %q, want %q", got, want)
	}
	if s := skipped(out.NotAssessed); strings.Join(s, ",") != "container,missing" {
		t.Errorf("not assessed %q", s)
	}
}

func TestSEC004LayerSecret(t *testing.T) {
	out := runRule(t, "LAMBDA-SEC-004", contentInventory(t))
	if h := hits(out.Findings); strings.Join(h, ",") != "acme-common-utils:3:critical" {
		t.Errorf("findings %q", h)
	}
	mustContain(t, out.Findings[0].Message, "used by leaky", "python/acme/billing.py:1")
	if s := skipped(out.NotAssessed); strings.Join(s, ",") != "acme-fonts:1" {
		t.Errorf("not assessed %q", s)
	}
}

func TestSUP007MaliciousContent(t *testing.T) {
	out := runRule(t, "LAMBDA-SUP-007", contentInventory(t))
	if h := hits(out.Findings); strings.Join(h, ",") != "leaky:critical" {
		t.Errorf("findings %q", h)
	}
	mustContain(t, strings.Join(out.Findings[0].Evidence, "\n"), "file: bin/config.json:1", "marker: stratum+tcp://")
	if s := skipped(out.NotAssessed); strings.Join(s, ",") != "acme-fonts:1,container,missing" {
		t.Errorf("not assessed %q", s)
	}
}
