package terraform

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// module is one folder of .tf files, parsed but not evaluated.
type module struct {
	dir       string
	files     []string // the .tf files read, sorted
	variables map[string]*variable
	locals    map[string]*hclsyntax.Attribute
	outputs   map[string]*hclsyntax.Attribute
	blocks    []*block // resource and data blocks in file order
	calls     map[string]*call
	providers []*hclsyntax.Body // provider "aws" blocks
	sources   map[string][]byte // file contents, for suppression comments
}

// variable is a variable block.
type variable struct {
	name     string
	def      hclsyntax.Expression // nil when there is no default
	typeExpr hclsyntax.Expression
	rng      hcl.Range
}

// block is a resource or data block.
type block struct {
	data      bool
	typ, name string
	body      *hclsyntax.Body
	rng       hcl.Range // the block header, where findings point
}

// key is the block's configuration address within its module.
func (b *block) key() string {
	if b.data {
		return "data." + b.typ + "." + b.name
	}
	return b.typ + "." + b.name
}

// call is a module block.
type call struct {
	name   string
	source string
	body   *hclsyntax.Body
	rng    hcl.Range
}

// metaArgs are resource arguments that configure Terraform, not the resource.
var metaArgs = map[string]bool{"count": true, "for_each": true, "depends_on": true, "provider": true, "lifecycle": true, "provisioner": true, "connection": true}

// parseDir reads every .tf file of dir. Errors name the file and line; a
// file that does not parse is skipped, the others are still read.
func parseDir(dir string) (*module, []error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, []error{err}
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && isTF(e.Name()) {
			names = append(names, filepath.Join(dir, e.Name()))
		}
	}
	sort.Strings(names)
	// Files parse independently: parse them concurrently, then add them
	// in name order so that results do not depend on scheduling.
	parsed := make([]parsedFile, len(names))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, name := range names {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			parsed[i] = parseFile(name)
		}()
	}
	wg.Wait()
	m := newModule(dir)
	var errs []error
	for _, p := range parsed {
		errs = append(errs, m.add(p)...)
	}
	return m, errs
}

// parsedFile is one file read and parsed, or the errors that stopped it.
type parsedFile struct {
	name string
	src  []byte
	body *hclsyntax.Body
	errs []error
}

func parseFile(name string) parsedFile {
	src, err := os.ReadFile(name)
	if err != nil {
		return parsedFile{name: name, errs: []error{err}}
	}
	return parseSource(name, src)
}

func parseSource(name string, src []byte) parsedFile {
	if strings.HasSuffix(name, ".tf.json") {
		return parseJSONSource(name, src)
	}
	f, diags := hclsyntax.ParseConfig(src, name, hcl.InitialPos)
	if diags.HasErrors() {
		return parsedFile{name: name, errs: diagErrors(diags)}
	}
	return parsedFile{name: name, src: src, body: f.Body.(*hclsyntax.Body)}
}

func newModule(dir string) *module {
	return &module{
		dir:       dir,
		variables: map[string]*variable{},
		locals:    map[string]*hclsyntax.Attribute{},
		outputs:   map[string]*hclsyntax.Attribute{},
		calls:     map[string]*call{},
		sources:   map[string][]byte{},
	}
}

// addFile parses one file's top-level blocks into m.
func (m *module) addFile(name string, src []byte) []error {
	return m.add(parseSource(name, src))
}

// add records a parsed file's top-level blocks.
func (m *module) add(p parsedFile) []error {
	if p.body == nil {
		return p.errs
	}
	name, body := p.name, p.body
	m.files = append(m.files, name)
	m.sources[name] = p.src
	var errs []error
	for _, b := range body.Blocks {
		switch b.Type {
		case "variable":
			if len(b.Labels) != 1 {
				errs = append(errs, rangeError(b.DefRange(), "variable block needs one label"))
				continue
			}
			v := &variable{name: b.Labels[0], rng: b.DefRange()}
			if a := b.Body.Attributes["default"]; a != nil {
				v.def = a.Expr
			}
			if a := b.Body.Attributes["type"]; a != nil {
				v.typeExpr = a.Expr
			}
			m.variables[v.name] = v
		case "locals":
			for name, a := range b.Body.Attributes {
				if prev := m.locals[name]; prev != nil {
					errs = append(errs, rangeError(a.NameRange, fmt.Sprintf("local %s is defined twice (first at line %d)", name, prev.NameRange.Start.Line)))
					continue
				}
				m.locals[name] = a
			}
		case "output":
			if len(b.Labels) == 1 && b.Body.Attributes["value"] != nil {
				m.outputs[b.Labels[0]] = b.Body.Attributes["value"]
			}
		case "resource", "data":
			if len(b.Labels) != 2 {
				errs = append(errs, rangeError(b.DefRange(), b.Type+" block needs two labels: type and name"))
				continue
			}
			r := &block{data: b.Type == "data", typ: b.Labels[0], name: b.Labels[1], body: b.Body, rng: b.DefRange()}
			m.blocks = append(m.blocks, r)
		case "module":
			if len(b.Labels) != 1 {
				errs = append(errs, rangeError(b.DefRange(), "module block needs one label"))
				continue
			}
			c := &call{name: b.Labels[0], body: b.Body, rng: b.DefRange()}
			if a := b.Body.Attributes["source"]; a != nil {
				if v, d := a.Expr.Value(nil); !d.HasErrors() && v.Type().FriendlyName() == "string" && v.IsKnown() && !v.IsNull() {
					c.source = v.AsString()
				}
			}
			m.calls[c.name] = c
		case "provider":
			if len(b.Labels) == 1 && b.Labels[0] == "aws" {
				m.providers = append(m.providers, b.Body)
			}
		}
	}
	return errs
}
