package terraform

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/source"
)

// hasLines reports the wanted lines missing from a findings listing.
func missingLines(got string, want ...string) []string {
	have := map[string]bool{}
	for _, l := range strings.Split(got, "\n") {
		have[l] = true
	}
	var missing []string
	for _, w := range want {
		if !have[w] {
			missing = append(missing, w)
		}
	}
	return missing
}

// TestLoadTFJSON reads a module written in Terraform's JSON syntax: a
// function with a role, and a public permission.
func TestLoadTFJSON(t *testing.T) {
	for _, path := range []string{"testdata/json", "testdata/json/main.tf.json"} {
		t.Run(path, func(t *testing.T) {
			if !(tfSource{}).Claims(path) {
				t.Fatalf("%s not claimed", path)
			}
			inv, errs := load(t, path, source.Options{})
			for _, err := range errs {
				t.Errorf("unexpected error: %v", err)
			}
			if len(inv.Functions) != 1 {
				t.Fatalf("want 1 function, got %d", len(inv.Functions))
			}
			f := inv.Functions[0]
			if f.Name != "orders-prod-api" || f.Runtime != "python3.12" {
				t.Errorf("function: got %s %s", f.Name, f.Runtime)
			}
			want := inventory.Location{File: "testdata/json/main.tf.json", Line: 26, LogicalID: "aws_lambda_function.api"}
			if *f.Source != want {
				t.Errorf("location: got %+v, want %+v", *f.Source, want)
			}
			if f.Role == nil || f.Role.Source.Line != 20 || f.RoleARN != "arn:aws:iam::111122223333:role/orders-prod-fn" {
				t.Errorf("role not linked at line 20: %s %+v", f.RoleARN, f.Role)
			}
			if f.Environment["STAGE"] != "prod" {
				t.Errorf("environment.variables is a map argument: got %v", f.Environment)
			}
			rp := f.ResourcePolicy
			if !rp.Known || rp.Value == nil || len(rp.Value.Statements) != 1 || rp.Value.Statements[0].Sid != "AllowAnyone" {
				t.Errorf("resource policy: %+v", rp)
			}
			got := findings(t, inv)
			if m := missingLines(got, "LAMBDA-EXP-003 testdata/json/main.tf.json:26 aws_lambda_function.api",
				"LAMBDA-CFG-003 testdata/json/main.tf.json:26 aws_lambda_function.api"); len(m) > 0 {
				t.Errorf("missing findings %v in:\n%s", m, got)
			}
		})
	}
}

// TestLoadMixed reads a folder with both syntaxes: the .tf.json function
// references the role of the .tf file.
func TestLoadMixed(t *testing.T) {
	inv, errs := load(t, "testdata/mixed", source.Options{})
	for _, err := range errs {
		t.Errorf("unexpected error: %v", err)
	}
	if len(inv.Functions) != 1 {
		t.Fatalf("want 1 function, got %d", len(inv.Functions))
	}
	f := inv.Functions[0]
	if f.Role == nil || f.Role.Source.File != "testdata/mixed/main.tf" || f.Role.Source.Line != 6 {
		t.Errorf("role from main.tf not linked: %+v", f.Role)
	}
	if !f.URL.Known || f.URL.Value == nil || f.URL.Value.AuthType != "NONE" {
		t.Errorf("url: %+v", f.URL)
	}
	got := findings(t, inv)
	if m := missingLines(got, "LAMBDA-EXP-001 testdata/mixed/function.tf.json:4 aws_lambda_function.api",
		"LAMBDA-EXP-002 testdata/mixed/function.tf.json:4 aws_lambda_function.api"); len(m) > 0 {
		t.Errorf("missing findings %v in:\n%s", m, got)
	}
}

func TestTFJSONSyntaxError(t *testing.T) {
	_, errs := load(t, "testdata/errors/bad_syntax.tf.json", source.Options{})
	var fe *source.FileError
	if len(errs) != 1 || !errors.As(errs[0], &fe) || fe.Path != "testdata/errors/bad_syntax.tf.json" || fe.Line != 6 {
		t.Errorf("want one error at testdata/errors/bad_syntax.tf.json:6, got %v", errs)
	}
}

// TestTFJSONShapes covers the JSON forms HCL blocks take: a list of
// blocks, dynamic blocks, for_each maps and variable types.
func TestTFJSONShapes(t *testing.T) {
	src := `{
  "variable": {"n": {"type": "map(string)", "default": {"a": "x", "b": "y"}}},
  "resource": {
    "aws_lambda_function": {
      "f": {
        "for_each": "${var.n}",
        "function_name": "fn-${each.key}",
        "role": "arn:aws:iam::111122223333:role/r",
        "runtime": "python3.12",
        "handler": "h",
        "filename": "f.zip",
        "reserved_concurrent_executions": 5,
        "vpc_config": [{"subnet_ids": ["subnet-1"], "security_group_ids": []}],
        "dynamic": {"tracing_config": {"for_each": ["Active"], "content": {"mode": "${tracing_config.value}"}}}
      }
    }
  }
}`
	dir := t.TempDir()
	path := filepath.Join(dir, "main.tf.json")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	inv, errs := load(t, dir, source.Options{})
	for _, err := range errs {
		t.Errorf("unexpected error: %v", err)
	}
	if len(inv.Functions) != 2 {
		t.Fatalf("want 2 functions from for_each, got %d", len(inv.Functions))
	}
	for _, f := range inv.Functions {
		if f.TracingMode != "Active" {
			t.Errorf("%s: dynamic tracing_config not applied: %q", f.Name, f.TracingMode)
		}
		if !f.ReservedConcurrency.Known || f.ReservedConcurrency.Value == nil || *f.ReservedConcurrency.Value != 5 {
			t.Errorf("%s: reserved concurrency: %+v", f.Name, f.ReservedConcurrency)
		}
		if f.Source.Line != 5 {
			t.Errorf("%s: line %d, want 5", f.Name, f.Source.Line)
		}
	}
}

// FuzzTFJSON checks that no input makes the JSON syntax reader panic.
func FuzzTFJSON(f *testing.F) {
	for _, p := range []string{"testdata/json/main.tf.json", "testdata/mixed/function.tf.json", "testdata/errors/bad_syntax.tf.json"} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		m := newModule("x")
		m.addFile("x/main.tf.json", src)
	})
}
