package terraform

import (
	"errors"

	"github.com/hashicorp/hcl/v2"
	"github.com/lambdasec/lambdasec/internal/source"
)

// diagErrors turns HCL diagnostics into file errors. HCL's messages name
// the construct and position, not attribute values.
func diagErrors(diags hcl.Diagnostics) []error {
	var out []error
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		msg := d.Summary
		if d.Detail != "" {
			msg += ": " + d.Detail
		}
		e := &source.FileError{Err: errors.New(msg)}
		if d.Subject != nil {
			e.Path, e.Line = d.Subject.Filename, d.Subject.Start.Line
		}
		out = append(out, e)
	}
	return out
}

// rangeError is a problem at a position of a configuration file.
func rangeError(r hcl.Range, msg string) error {
	return &source.FileError{Path: r.Filename, Line: r.Start.Line, Err: errors.New(msg)}
}
