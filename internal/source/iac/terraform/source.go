// Package terraform reads Terraform configurations into the inventory: HCL
// folders (evaluated with variables, tfvars, locals, count/for_each, local
// modules and references between resources) and `terraform show -json`
// plan files, whose values are already resolved. Every function, role and
// resource keeps its file, line and address so findings point at the code.
package terraform

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/source"
	"github.com/lambdasec/lambdasec/internal/source/iac"
)

func init() { source.Register(tfSource{}) }

type tfSource struct{}

func (tfSource) Name() string { return "terraform" }

// Claims accepts a .tf or .tf.json file, a folder with such files anywhere below it, and
// a plan JSON file, recognized by its content.
func (tfSource) Claims(path string) bool {
	return iac.Claims(path, isTF) || isPlan(path)
}

// isTF reports whether path is a Terraform configuration file, in native
// (.tf) or JSON (.tf.json) syntax.
func isTF(path string) bool {
	return strings.HasSuffix(path, ".tf") || strings.HasSuffix(path, ".tf.json")
}

func hasTF(dir string) bool {
	m, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
	j, _ := filepath.Glob(filepath.Join(dir, "*.tf.json"))
	return len(m)+len(j) > 0
}

// isPlan sniffs the start of a JSON file for the keys `terraform show
// -json` writes first.
func isPlan(path string) bool {
	if !strings.HasSuffix(strings.ToLower(path), ".json") {
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 1024)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	return bytes.Contains(head, []byte(`"format_version"`)) && bytes.Contains(head, []byte(`"terraform_version"`))
}

func (tfSource) Load(inv *inventory.Inventory, path string, opts source.Options) []error {
	st, err := os.Stat(path)
	if err != nil {
		return []error{err}
	}
	if !st.IsDir() && !isTF(path) {
		return loadPlan(inv, path)
	}
	if !st.IsDir() {
		m := newModule(filepath.Dir(path))
		src, err := os.ReadFile(path)
		if err != nil {
			return []error{err}
		}
		return append(m.addFile(path, src), loadRoot(inv, m, opts)...)
	}
	roots, errs := rootModules(path)
	for _, m := range roots {
		errs = append(errs, loadRoot(inv, m, opts)...)
	}
	return errs
}

// loadRoot evaluates one root module into inv.
func loadRoot(inv *inventory.Inventory, m *module, opts source.Options) []error {
	w, errs := evaluate(m, opts)
	errs = append(errs, build(inv, w)...)
	return append(errs, suppressions(inv, w)...)
}

// rootModules finds the root modules below dir: every folder with .tf
// files that no other folder calls as a local module (those are read
// through their calls, with the arguments given there).
func rootModules(dir string) ([]*module, []error) {
	files, err := iac.Find(dir, isTF)
	if err != nil {
		return nil, []error{err}
	}
	var dirs []string
	seen := map[string]bool{}
	for _, f := range files {
		if d := filepath.Dir(f); !seen[d] {
			seen[d] = true
			dirs = append(dirs, d)
		}
	}
	called := map[string]bool{}
	parsed := map[string]*module{}
	errsOf := map[string][]error{}
	for _, d := range dirs {
		m, errs := parseDir(d)
		parsed[d], errsOf[d] = m, errs
		if m == nil {
			continue
		}
		for _, c := range m.calls {
			if isLocalSource(c.source) {
				called[filepath.Clean(filepath.Join(d, c.source))] = true
			}
		}
	}
	var roots []*module
	var errs []error
	for _, d := range dirs {
		if called[filepath.Clean(d)] {
			continue
		}
		errs = append(errs, errsOf[d]...)
		if parsed[d] != nil {
			roots = append(roots, parsed[d])
		}
	}
	return roots, errs
}

// isLocalSource reports whether a module source is a folder of this
// repository rather than a registry, git or archive address.
func isLocalSource(s string) bool { return strings.HasPrefix(s, "./") || strings.HasPrefix(s, "../") }

// evaluate evaluates a root module and everything it calls.
func evaluate(m *module, opts source.Options) (*world, []error) {
	w := &world{account: iac.UnknownAccount, region: iac.UnknownRegion, modules: []*module{m}}
	vars, errs := rootVars(m, opts)
	e := newEvaluator(w, m, "", 0, vars, m.dir)
	e.run(providerSettings)
	return w, append(errs, w.errs...)
}

// providerSettings takes the account and region from the aws provider when
// they are static: region, allowed_account_ids with one account, or the
// account of assume_role's role_arn; else a variable named account_id.
func providerSettings(e *evaluator) {
	for _, p := range e.m.providers {
		if p.Attributes["alias"] != nil {
			continue
		}
		if a := p.Attributes["region"]; a != nil {
			if r, ok := str(e.evalExpr(a.Expr, nil)); ok && r != "" {
				e.w.region = r
			}
		}
		if a := p.Attributes["allowed_account_ids"]; a != nil {
			if ids, ok := strs(e.evalExpr(a.Expr, nil)); ok && len(ids) == 1 && accountID.MatchString(ids[0]) {
				e.w.account = ids[0]
			}
		}
		for _, b := range p.Blocks {
			if a := b.Body.Attributes["role_arn"]; b.Type == "assume_role" && a != nil {
				if arn, ok := str(e.evalExpr(a.Expr, nil)); ok {
					if parts := strings.Split(arn, ":"); len(parts) > 4 && accountID.MatchString(parts[4]) {
						e.w.account = parts[4]
					}
				}
			}
		}
	}
	if e.w.account == iac.UnknownAccount {
		for _, name := range []string{"account_id", "aws_account_id"} {
			if id, ok := str(e.vars[name]); ok && accountID.MatchString(id) {
				e.w.account = id
			}
		}
	}
}

// suppressions records the inline ignore comments on each resource.
func suppressions(inv *inventory.Inventory, w *world) []error {
	comments := map[string]*iac.Comments{}
	var errs []error
	for _, m := range w.modules {
		for _, f := range m.files {
			src := m.sources[f]
			if strings.HasSuffix(f, ".tf.json") {
				src = nil // JSON has no comments: "//" keys are documentation
			}
			c, lerrs := iac.ParseComments(src)
			comments[f] = c
			for _, le := range lerrs {
				errs = append(errs, &source.FileError{Path: f, Line: le.Line, Err: le.Err})
			}
		}
	}
	for _, in := range w.instances {
		inv.Suppressions = append(inv.Suppressions, comments[in.loc.File].For(in.loc.File, in.loc.LogicalID, in.loc.Line)...)
	}
	return errs
}
