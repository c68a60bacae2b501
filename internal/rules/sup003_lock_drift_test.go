package rules_test

import (
	"path/filepath"
	"testing"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/lockfile"
)

// withLock loads the supply dump with the lock file testdata/supply-locks/NAME.
func withLock(t *testing.T, name string) *inventory.Inventory {
	t.Helper()
	inv := loadDump(t, "supply")
	lock, err := lockfile.Load(filepath.Join("testdata", "supply-locks", name))
	if err != nil {
		t.Fatal(err)
	}
	inv.Settings.Lock = lock
	return inv
}

func TestSUP003LockDrift(t *testing.T) {
	const id = "LAMBDA-SUP-003"
	t.Run("no lock given", func(t *testing.T) {
		compareOutcomes(t, id, supOutcomes(t, id, loadDump(t, "supply")), map[string]string{})
	})
	t.Run("lock of the same dump", func(t *testing.T) {
		compareOutcomes(t, id, supOutcomes(t, id, withLock(t, "clean.lock")), map[string]string{})
		inv := loadDump(t, "supply")
		inv.Settings.Lock = lockfile.Build(inv)
		compareOutcomes(t, id, supOutcomes(t, id, inv), map[string]string{})
	})
	t.Run("drift", func(t *testing.T) {
		inv := withLock(t, "drift.lock")
		compareOutcomes(t, id, supOutcomes(t, id, inv), map[string]string{
			"own-layer":     "high/code",
			"acme-utils:1":  "high/layer-content", // one finding for the two functions using it
			"vendor-layer":  "high/layers",        // vendor-sdk:3 added
			"foreign-layer": "high/layers",        // acme-utils:1 removed
			"image-tag":     "high/image",
			"csc-missing":   "medium/new-function",
			"deleted-fn":    "medium/missing-function",
		})
		mustContain(t, supFinding(t, id, inv, "own-layer", "code"),
			"CodeSha256 OGDdLI0xIY/8VGbT37VpsP1c+VdjHeRCmK48KT0dyBk=, locked 4bX1rA0mT2c9dQ7eZ5kP3nW8vY6uJ1hG0fS4aL2xC9o=", "drift.lock line ")
		mustContain(t, supFinding(t, id, inv, "acme-utils:1", "layer-content"),
			"CodeSha256 JdHU5D4AlEaKH3GVK0hnRF+qU/lMWcWTGFhajwtuyaA=, locked mS3kQ8wN2pT6xV0zB4cF7hJ1lR5yD9gA3eU6iO0tY2w=", "foreign-extension, own-layer")
		mustContain(t, supFinding(t, id, inv, "vendor-layer", "layers"), "added arn:aws:lambda:us-east-1:555566667777:layer:vendor-sdk:3")
		mustContain(t, supFinding(t, id, inv, "foreign-layer", "layers"), "removed arn:aws:lambda:us-east-1:111122223333:layer:acme-utils:1")
		mustContain(t, supFinding(t, id, inv, "image-tag", "image"), "runs image sha256:5be0ed1b", "not the locked sha256:77aa8e2d")
	})
	t.Run("layer not collected", func(t *testing.T) {
		inv := withLock(t, "clean.lock")
		for _, f := range inv.Functions {
			for i := range f.Layers {
				f.Layers[i].Layer = nil
			}
		}
		compareOutcomes(t, id, supOutcomes(t, id, inv), map[string]string{"acme-utils:1": "skip", "json-logger:4": "skip"})
	})
}
