// Package source defines what an input source is and keeps the registry of
// them. Each source (the dump reader, the IaC readers) registers itself in
// init; internal/source/list imports them all, so adding a source is one new
// package and one line there.
package source

import (
	"fmt"
	"sort"
	"sync"

	"github.com/lambdasec/lambdasec/internal/inventory"
)

// Source reads one kind of input path into the inventory.
type Source interface {
	// Name is a short name for messages ("dump", "cloudformation" …).
	Name() string
	// Claims reports whether path (a file or folder) is an input of this
	// kind. It must be cheap: it runs for every path against every source.
	Claims(path string) bool
	// Load reads path into inv and returns one error per bad file, each
	// naming the file. It keeps going past bad files and never calls
	// inv.Link.
	Load(inv *inventory.Inventory, path string, opts Options) []error
}

// Options are the user's settings for sources that take them; a source
// ignores what is not its own.
type Options struct {
	// Params are CloudFormation parameter values and pseudo-parameters
	// (AWS::AccountId, AWS::Region …) given with --param K=V.
	Params map[string]string
	// ParamFiles are CloudFormation parameter files (--param-file).
	ParamFiles []string
	// Vars are Terraform variable values given with --var K=V.
	Vars map[string]string
	// VarFiles are Terraform variable files (--var-file).
	VarFiles []string
}

var (
	mu       sync.RWMutex
	registry = map[string]Source{}
)

// Register adds a source; a duplicate name is a programming error.
func Register(s Source) {
	mu.Lock()
	defer mu.Unlock()
	if _, dup := registry[s.Name()]; dup {
		panic("source: duplicate source " + s.Name())
	}
	registry[s.Name()] = s
}

// All returns the registered sources sorted by name.
func All() []Source {
	mu.RLock()
	defer mu.RUnlock()
	out := make([]Source, 0, len(registry))
	for _, s := range registry {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out
}

// For returns the sources that claim path.
func For(path string) []Source {
	var out []Source
	for _, s := range All() {
		if s.Claims(path) {
			out = append(out, s)
		}
	}
	return out
}

// FileError is a problem with one file of an input: the path, the line when
// known, and what is wrong. Messages name fields, offsets and lines, never
// values from the file, which may be secrets.
type FileError struct {
	Path string
	Line int // 0 when unknown
	Err  error
}

func (e *FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return e.Path + ": " + e.Err.Error()
}

func (e *FileError) Unwrap() error { return e.Err }
