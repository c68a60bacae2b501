package terraform

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"

	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// maxFileSize bounds what file() reads: policy documents and templates are
// small, and a scan must not load arbitrary large files into memory.
const maxFileSize = 1 << 20

// functions returns the Terraform built-ins that matter for IAM documents,
// names and maps. A call to any other function fails evaluation, and the
// value is treated as unknown. dir is the module folder file() reads from.
func functions(dir string) map[string]function.Function {
	return map[string]function.Function{
		"abs": stdlib.AbsoluteFunc, "ceil": stdlib.CeilFunc, "floor": stdlib.FloorFunc,
		"max": stdlib.MaxFunc, "min": stdlib.MinFunc, "parseint": stdlib.ParseIntFunc,
		"chomp": stdlib.ChompFunc, "format": boundedFormat(stdlib.FormatFunc), "formatlist": boundedFormat(stdlib.FormatListFunc),
		"indent": stdlib.IndentFunc, "join": stdlib.JoinFunc, "lower": stdlib.LowerFunc,
		"upper": stdlib.UpperFunc, "regex": stdlib.RegexFunc, "regexall": stdlib.RegexAllFunc,
		"replace": stdlib.ReplaceFunc, "split": stdlib.SplitFunc, "strrev": stdlib.ReverseFunc,
		"substr": stdlib.SubstrFunc, "title": stdlib.TitleFunc, "trim": stdlib.TrimFunc,
		"trimprefix": stdlib.TrimPrefixFunc, "trimsuffix": stdlib.TrimSuffixFunc, "trimspace": stdlib.TrimSpaceFunc,
		"chunklist": stdlib.ChunklistFunc, "coalesce": stdlib.CoalesceFunc, "coalescelist": stdlib.CoalesceListFunc,
		"compact": stdlib.CompactFunc, "concat": stdlib.ConcatFunc, "contains": stdlib.ContainsFunc,
		"distinct": stdlib.DistinctFunc, "element": stdlib.ElementFunc, "flatten": stdlib.FlattenFunc,
		"keys": stdlib.KeysFunc, "length": stdlib.LengthFunc, "lookup": stdlib.LookupFunc,
		"merge": stdlib.MergeFunc, "range": stdlib.RangeFunc, "reverse": stdlib.ReverseListFunc,
		"setintersection": stdlib.SetIntersectionFunc, "setproduct": stdlib.SetProductFunc,
		"setsubtract": stdlib.SetSubtractFunc, "setunion": stdlib.SetUnionFunc, "slice": stdlib.SliceFunc,
		"sort": stdlib.SortFunc, "values": stdlib.ValuesFunc, "zipmap": stdlib.ZipmapFunc,
		"jsonencode": stdlib.JSONEncodeFunc, "jsondecode": stdlib.JSONDecodeFunc, "csvdecode": stdlib.CSVDecodeFunc,
		"tostring": stdlib.MakeToFunc(cty.String), "tonumber": stdlib.MakeToFunc(cty.Number),
		"tobool": stdlib.MakeToFunc(cty.Bool), "tolist": stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
		"toset": stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)), "tomap": stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)),
		"try": tryfunc.TryFunc, "can": tryfunc.CanFunc,
		"file": fileFunc(dir),
	}
}

// hugeVerb matches a format verb with a width or precision of 5 digits or
// more, which would build strings of many megabytes.
var hugeVerb = regexp.MustCompile(`%[-+# 0]*\d*(\.\d*)?(\d{5,}|\.\d{5,})`)

// boundedFormat refuses format strings with huge widths: no real
// configuration needs them, and a scan must not exhaust memory on one.
func boundedFormat(f function.Function) function.Function {
	return function.New(&function.Spec{
		Params:   f.Params(),
		VarParam: f.VarParam(),
		Type: func(args []cty.Value) (cty.Type, error) {
			return f.ReturnTypeForValues(args)
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if len(args) > 0 && args[0].IsKnown() && !args[0].IsNull() && args[0].Type() == cty.String && hugeVerb.MatchString(args[0].AsString()) {
				return cty.DynamicVal, fmt.Errorf("format width or precision too large")
			}
			return f.Call(args)
		},
	})
}

// fileFunc is Terraform's file(): policies are often kept in .json files
// next to the code.
func fileFunc(dir string) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			// Terraform reads relative to the working directory; most
			// configurations say "${path.module}/…", which is that too.
			// A bare name is also tried in the module folder, so a scan
			// started elsewhere still finds it.
			p := args[0].AsString()
			st, err := os.Stat(p)
			if err != nil && !filepath.IsAbs(p) {
				p = filepath.Join(dir, p)
				st, err = os.Stat(p)
			}
			if err != nil {
				return cty.DynamicVal, fmt.Errorf("file(): %w", err)
			}
			if !st.Mode().IsRegular() {
				// Devices and pipes could block or never end.
				return cty.DynamicVal, fmt.Errorf("file(): %s is not a regular file", p)
			}
			if st.Size() > maxFileSize {
				return cty.DynamicVal, fmt.Errorf("file(): %s is larger than %d bytes", p, maxFileSize)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return cty.DynamicVal, fmt.Errorf("file(): %w", err)
			}
			return cty.StringVal(string(b)), nil
		},
	})
}
