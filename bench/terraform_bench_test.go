package bench

import (
	"testing"

	"github.com/lambdasec/lambdasec/bench/tfgen"
	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/scan"
	"github.com/lambdasec/lambdasec/internal/source"
)

// BenchmarkScanTerraform1kFunctions runs the whole scan over a generated
// Terraform folder of 1,000 functions (about 6,000 resources).
func BenchmarkScanTerraform1kFunctions(b *testing.B) {
	dir := b.TempDir()
	if err := tfgen.Write(dir, 1000); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	var res *scan.Result
	for b.Loop() {
		res = scan.Run([]string{dir}, scan.Options{Tool: finding.Tool{Name: "lambdasec", Version: "bench"}})
	}
	b.StopTimer()
	if n := len(res.Inventory.Functions); n != 1000 {
		b.Fatalf("scanned %d functions, want 1000", n)
	}
	if len(res.Report.InputErrors) > 0 {
		b.Fatalf("input errors: %v", res.Report.InputErrors[0])
	}
	b.ReportMetric(float64(len(res.Report.Findings)), "findings")
}

// BenchmarkLoadTerraform1kFunctions measures the Terraform reader alone:
// parsing, evaluation and the mapping to the inventory.
func BenchmarkLoadTerraform1kFunctions(b *testing.B) {
	dir := b.TempDir()
	if err := tfgen.Write(dir, 1000); err != nil {
		b.Fatal(err)
	}
	src := source.For(dir)
	b.ResetTimer()
	for b.Loop() {
		inv := inventory.New()
		for _, s := range src {
			if errs := s.Load(inv, dir, source.Options{}); len(errs) > 0 {
				b.Fatal(errs[0])
			}
		}
		inv.Link()
	}
}
