package terraform

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	"github.com/lambdasec/lambdasec/internal/source"
)

// rootVars computes the root module's variable values in Terraform's order
// of precedence, later winning: defaults, TF_VAR_name environment
// variables, terraform.tfvars,
// terraform.tfvars.json, *.auto.tfvars(.json) in name order, --var-file
// files in the order given, then --var values. A variable with no value
// anywhere is unknown.
func rootVars(m *module, opts source.Options) (map[string]cty.Value, []error) {
	given := map[string]cty.Value{}
	for name := range m.variables {
		if v, ok := os.LookupEnv("TF_VAR_" + name); ok {
			given[name] = cliValue(v)
		}
	}
	var errs []error
	var files []string
	for _, f := range []string{"terraform.tfvars", "terraform.tfvars.json"} {
		if p := filepath.Join(m.dir, f); exists(p) {
			files = append(files, p)
		}
	}
	auto, _ := filepath.Glob(filepath.Join(m.dir, "*.auto.tfvars"))
	autoJSON, _ := filepath.Glob(filepath.Join(m.dir, "*.auto.tfvars.json"))
	auto = append(auto, autoJSON...)
	sort.Strings(auto)
	files = append(files, auto...)
	files = append(files, opts.VarFiles...)
	for _, f := range files {
		errs = append(errs, readVarFile(f, given)...)
	}
	for _, k := range sortedKeys(opts.Vars) {
		given[k] = cliValue(opts.Vars[k])
	}
	vars, verrs := moduleVars(m, given)
	return vars, append(errs, verrs...)
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// cliValue reads a --var value: lists and objects are HCL expressions,
// anything else is taken as a string, as Terraform does.
func cliValue(s string) cty.Value {
	t := strings.TrimSpace(s)
	if strings.HasPrefix(t, "[") || strings.HasPrefix(t, "{") {
		if x, d := hclsyntax.ParseExpression([]byte(t), "--var", hcl.InitialPos); !d.HasErrors() {
			if v, d := x.Value(nil); !d.HasErrors() {
				return v
			}
		}
	}
	return cty.StringVal(s)
}

// readVarFile reads a .tfvars (HCL) or .tfvars.json file into vals.
func readVarFile(path string, vals map[string]cty.Value) []error {
	src, err := os.ReadFile(path)
	if err != nil {
		return []error{err}
	}
	if strings.HasSuffix(path, ".json") {
		ty, err := ctyjson.ImpliedType(src)
		if err == nil {
			var v cty.Value
			if v, err = ctyjson.Unmarshal(src, ty); err == nil && v.Type().IsObjectType() {
				for k, x := range v.AsValueMap() {
					vals[k] = x
				}
				return nil
			}
		}
		return []error{&source.FileError{Path: path, Err: fmt.Errorf("variable file must hold a JSON object: %v", err)}}
	}
	f, diags := hclsyntax.ParseConfig(src, path, hcl.InitialPos)
	if diags.HasErrors() {
		return diagErrors(diags)
	}
	attrs, diags := f.Body.JustAttributes()
	if diags.HasErrors() {
		return diagErrors(diags)
	}
	var errs []error
	for name, a := range attrs {
		v, d := a.Expr.Value(nil)
		if d.HasErrors() {
			errs = append(errs, rangeError(a.Range, "variable "+name+" must be a literal value in a variable file"))
			continue
		}
		vals[name] = v
	}
	return errs
}

// moduleVars gives every declared variable its value: the one given, else
// its default, else unknown, converted to the declared type when there is
// one. Values given for undeclared variables are ignored, as Terraform
// only warns about them in files.
func moduleVars(m *module, given map[string]cty.Value) (map[string]cty.Value, []error) {
	out := map[string]cty.Value{}
	var errs []error
	for name, v := range m.variables {
		val, ok := given[name]
		if !ok {
			val = cty.DynamicVal
			if v.def != nil {
				if d, diags := v.def.Value(nil); !diags.HasErrors() {
					val = d
				}
			}
		}
		if v.typeExpr != nil && val.IsWhollyKnown() {
			if ty, diags := typeexpr.TypeConstraint(v.typeExpr); !diags.HasErrors() {
				conv, err := convert.Convert(val, ty)
				if err != nil {
					errs = append(errs, rangeError(v.rng, fmt.Sprintf("variable %s: value does not match its type: %v", name, err)))
					val = cty.DynamicVal
				} else {
					val = conv
				}
			}
		}
		out[name] = val
	}
	return out, errs
}
