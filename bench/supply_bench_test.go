package bench

import (
	"bytes"
	"testing"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/lockfile"
	"github.com/lambdasec/lambdasec/internal/rules"
	"github.com/lambdasec/lambdasec/internal/source/dump"
)

// BenchmarkLockRoundTrip10kFunctions writes the lock of the big dump and
// reads it back: what `lambdasec lock` and `scan --lock` add to a scan.
func BenchmarkLockRoundTrip10kFunctions(b *testing.B) {
	inv := loadBig(b)
	b.ResetTimer()
	var size int
	for b.Loop() {
		var buf bytes.Buffer
		if err := lockfile.Write(&buf, lockfile.Build(inv)); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
		if _, err := lockfile.Parse("bench.lock", buf.Bytes()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(size)/1024, "lock-KiB")
}

// BenchmarkSupplyRules10kFunctions runs the supply-chain rules, lock drift
// included, over the big dump.
func BenchmarkSupplyRules10kFunctions(b *testing.B) {
	inv := loadBig(b)
	inv.Settings.Lock = lockfile.Build(inv)
	var rs []*rules.Rule
	for _, id := range []string{"LAMBDA-SUP-001", "LAMBDA-SUP-002", "LAMBDA-SUP-003", "LAMBDA-SUP-004", "LAMBDA-SUP-005", "LAMBDA-SUP-006", "LAMBDA-SUP-008"} {
		r, ok := rules.Lookup(id)
		if !ok {
			b.Fatalf("%s not registered", id)
		}
		rs = append(rs, r)
	}
	b.ResetTimer()
	for b.Loop() {
		rules.Run(inv, rs)
	}
}

func loadBig(b *testing.B) *inventory.Inventory {
	inv := inventory.New()
	if errs := dump.Load(inv, bigDump(b)); len(errs) > 0 {
		b.Fatal(errs[0])
	}
	inv.Link()
	return inv
}
