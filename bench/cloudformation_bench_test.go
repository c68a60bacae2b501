package bench

import (
	"path/filepath"
	"testing"

	"github.com/lambdasec/lambdasec/bench/samgen"
	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/scan"
)

// BenchmarkCloudFormation1kFunctions scans a 1,000-function SAM template:
// parse, intrinsics, SAM expansion, rules and report assembly.
func BenchmarkCloudFormation1kFunctions(b *testing.B) {
	path := filepath.Join(b.TempDir(), "template.yaml")
	if err := samgen.Write(path, 1000); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	var res *scan.Result
	for b.Loop() {
		res = scan.Run([]string{path}, scan.Options{Tool: finding.Tool{Name: "lambdasec", Version: "bench"}})
	}
	b.StopTimer()
	if n := len(res.Inventory.Functions); n != 1000 {
		b.Fatalf("scanned %d functions, want 1000 (input errors: %v)", n, res.Report.InputErrors)
	}
}
