package terraform

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/source"
)

// FuzzHCL runs arbitrary configuration text through parsing, evaluation
// and the mapping to the inventory: it must never panic, whatever the
// input.
func FuzzHCL(f *testing.F) {
	for _, p := range []string{"testdata/app/main.tf", "testdata/app/modules/lambda-role/main.tf", "testdata/errors/cycle/main.tf", "testdata/errors/badpolicy/main.tf"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`resource "aws_lambda_function" "f" { count = 3; function_name = "f-${count.index}" }`))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, src []byte) {
		m := newModule(dir)
		name := filepath.Join(dir, "main.tf")
		if errs := m.addFile(name, src); len(errs) > 0 {
			return
		}
		w, _ := evaluate(m, source.Options{})
		inv := inventory.New()
		build(inv, w)
		suppressions(inv, w)
		inv.Link()
	})
}

// FuzzPlan runs arbitrary bytes through the plan reader.
func FuzzPlan(f *testing.F) {
	for _, p := range []string{"testdata/app/plan.json", "testdata/errors/bad_plan.json"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, src []byte) {
		path := filepath.Join(dir, "plan.json")
		if err := os.WriteFile(path, src, 0o600); err != nil {
			t.Fatal(err)
		}
		inv := inventory.New()
		loadPlan(inv, path)
		inv.Link()
	})
}
