package serverless

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/source"
	"github.com/lambdasec/lambdasec/internal/source/iac"
	"github.com/lambdasec/lambdasec/internal/source/iac/cloudformation"
)

// LoadFile reads a serverless.yml into inv. params holds --param values:
// stage and region (as `serverless deploy --stage/--region` would), other
// ${opt:…} and ${param:…} values, and AWS::AccountId.
func LoadFile(inv *inventory.Inventory, file string, params map[string]string) []error {
	src, err := os.ReadFile(file)
	if err != nil {
		return []error{&source.FileError{Path: file, Err: err}}
	}
	return LoadBytes(inv, file, src, params)
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// LoadBytes reads a serverless.yml held in memory; file names it in errors
// and locations, and anchors ${file(…)} paths.
func LoadBytes(inv *inventory.Inventory, file string, src []byte, params map[string]string) []error {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		line := 0
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			fmt.Sscanf(m[1], "%d", &line)
			msg = m[2]
		}
		return []error{&source.FileError{Path: file, Line: line, Err: errors.New("invalid YAML: " + msg)}}
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return []error{&source.FileError{Path: file, Err: errors.New("serverless.yml must be a mapping with service and functions")}}
	}
	root := doc.Content[0]
	r := &resolver{file: file, dir: filepath.Dir(file), root: root, params: params,
		files: map[string]*yaml.Node{}, active: map[string]bool{}}
	r.account = orDefault(params["AWS::AccountId"], iac.UnknownAccount)
	// Stage and region may themselves be variables: resolve them first.
	r.stage = "dev"
	if v, ok := params["stage"]; ok {
		r.stage = v
	} else if n := get(root, "provider", "stage"); n != nil {
		if s, err := r.resolve(n); err == nil && text(s) != "" {
			r.stage = text(s)
		}
	}
	r.region = "us-east-1"
	if v, ok := params["region"]; ok {
		r.region = v
	} else if n := get(root, "provider", "region"); n != nil {
		if s, err := r.resolve(n); err == nil && text(s) != "" {
			r.region = text(s)
		}
	}
	r.params = withDefaults(params, map[string]string{"stage": r.stage, "region": r.region})
	resolved, err := r.resolve(root)
	if err != nil {
		return []error{fileErr(file, err)}
	}
	g := newGenerator(resolved, r)
	if err := g.generate(); err != nil {
		return []error{fileErr(file, err)}
	}
	cfnParams := cloudformation.Params{"AWS::AccountId": r.account, "AWS::Region": r.region, "AWS::StackName": g.service + "-" + r.stage}
	if err := cloudformation.LoadResources(inv, file, src, g.resources, cfnParams, g.external); err != nil {
		return []error{err}
	}
	g.applyRoutes(inv, file)
	return nil
}

func withDefaults(m, defaults map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range defaults {
		out[k] = v
	}
	for k, v := range m {
		out[k] = v
	}
	return out
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

func fileErr(file string, err error) error {
	var ve *varError
	if errors.As(err, &ve) {
		return &source.FileError{Path: ve.file, Line: ve.line, Err: ve.err}
	}
	return &source.FileError{Path: file, Err: err}
}
