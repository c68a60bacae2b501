// Package bench measures lambdasec on large generated dumps. Timings are
// measured here, never asserted in unit tests. See the README for figures
// and bench/run.sh for whole-command wall time and peak memory.
package bench

import (
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/lambdasec/lambdasec/bench/dumpgen"
	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/rules"
	"github.com/lambdasec/lambdasec/internal/scan"
	"github.com/lambdasec/lambdasec/internal/source/dump"
)

var (
	bigOnce sync.Once
	bigDir  string
	bigErr  error
)

// bigDump generates the 10,000-function, 2,000-role dump once per process.
func bigDump(b *testing.B) string {
	bigOnce.Do(func() {
		bigDir, bigErr = os.MkdirTemp("", "lambdasec-bench-")
		if bigErr == nil {
			bigErr = dumpgen.Write(bigDir, dumpgen.Size{Functions: 10000, Roles: 2000, Regions: []string{"us-east-1", "eu-west-1"}})
		}
	})
	if bigErr != nil {
		b.Fatal(bigErr)
	}
	return bigDir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bigDir != "" {
		os.RemoveAll(bigDir)
	}
	os.Exit(code)
}

// BenchmarkScan10kFunctions runs the whole scan (load, link, rules, report
// assembly) over the big dump, and reports the process's peak RSS.
func BenchmarkScan10kFunctions(b *testing.B) {
	dir := bigDump(b)
	b.ResetTimer()
	var res *scan.Result
	for b.Loop() {
		res = scan.Run([]string{dir}, scan.Options{Tool: finding.Tool{Name: "lambdasec", Version: "bench"}})
	}
	b.StopTimer()
	if n := len(res.Inventory.Functions); n != 10000 {
		b.Fatalf("scanned %d functions, want 10000", n)
	}
	if len(res.Report.InputErrors) > 0 {
		b.Fatalf("input errors: %v", res.Report.InputErrors[0])
	}
	b.ReportMetric(float64(len(res.Report.Findings)), "findings")
	if kb := peakRSSKiB(); kb > 0 {
		b.ReportMetric(float64(kb)/1024, "peak-RSS-MiB")
	}
}

// BenchmarkLoad10kFunctions measures the dump reader alone.
func BenchmarkLoad10kFunctions(b *testing.B) {
	dir := bigDump(b)
	b.ResetTimer()
	for b.Loop() {
		inv := inventory.New()
		if errs := dump.Load(inv, dir); len(errs) > 0 {
			b.Fatal(errs[0])
		}
		inv.Link()
	}
}

// BenchmarkRules10kFunctions measures the rules alone on a loaded inventory.
func BenchmarkRules10kFunctions(b *testing.B) {
	dir := bigDump(b)
	inv := inventory.New()
	if errs := dump.Load(inv, dir); len(errs) > 0 {
		b.Fatal(errs[0])
	}
	inv.Link()
	all := rules.All()
	b.ResetTimer()
	for b.Loop() {
		rules.Run(inv, all)
	}
}

// peakRSSKiB reads VmHWM, the process's peak resident set, on Linux.
func peakRSSKiB() int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			return n
		}
	}
	return 0
}
