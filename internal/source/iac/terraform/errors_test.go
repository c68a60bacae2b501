package terraform

import (
	"errors"
	"strings"
	"testing"

	"github.com/lambdasec/lambdasec/internal/source"
)

func TestMalformedInput(t *testing.T) {
	tests := []struct {
		path      string
		wantFile  string
		wantLine  int
		wantError string
		functions int // what is still read
	}{
		{"testdata/errors/bad_syntax.tf", "testdata/errors/bad_syntax.tf", 1, "Unclosed configuration block", 0},
		{"testdata/errors/unknown_ref.tf", "testdata/errors/unknown_ref.tf", 3, "reference to undeclared resource aws_iam_role.missing", 1},
		{"testdata/errors/cycle", "testdata/errors/cycle/main.tf", 2, "dependency cycle: local.a -> local.b -> local.c -> local.a", 1},
		{"testdata/errors/bad_plan.json", "testdata/errors/bad_plan.json", 8, "not a Terraform plan JSON file", 0},
		{"testdata/errors/old_plan.json", "testdata/errors/old_plan.json", 0, `format_version "0.1" is not supported`, 0},
		{"testdata/errors/badpolicy", "testdata/errors/badpolicy/main.tf", 1, "aws_iam_role.r: assume_role_policy is not a valid policy document", 1},
		{"testdata/errors/badpolicy", "testdata/errors/badpolicy/main.tf", 6, `"EXP-001" is not a rule id`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.path+tt.wantError, func(t *testing.T) {
			inv, errs := load(t, tt.path, source.Options{})
			found := false
			for _, err := range errs {
				var fe *source.FileError
				if !errors.As(err, &fe) {
					t.Errorf("error is not a FileError naming the file: %v", err)
					continue
				}
				if fe.Path == tt.wantFile && fe.Line == tt.wantLine && strings.Contains(fe.Err.Error(), tt.wantError) {
					found = true
				}
			}
			if !found {
				t.Errorf("want an error at %s:%d containing %q, got %v", tt.wantFile, tt.wantLine, tt.wantError, errs)
			}
			if len(inv.Functions) != tt.functions {
				t.Errorf("functions still read: got %d, want %d", len(inv.Functions), tt.functions)
			}
		})
	}
}
