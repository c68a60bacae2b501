package cloudformation

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/source"
	"github.com/lambdasec/lambdasec/internal/source/iac"
)

func init() { source.Register(cfnSource{}) }

// cfnSource reads CloudFormation and SAM templates: a template file, or
// every template found under a folder.
type cfnSource struct{}

func (cfnSource) Name() string { return "cloudformation" }

func (cfnSource) Claims(path string) bool { return iac.Claims(path, IsTemplate) }

func (cfnSource) Load(inv *inventory.Inventory, path string, opts source.Options) []error {
	params, errs := Parameters(opts)
	files := []string{path}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		var err error
		if files, err = iac.Find(path, IsTemplate); err != nil {
			return append(errs, err)
		}
	}
	for _, f := range files {
		errs = append(errs, LoadFile(inv, f, params)...)
	}
	return errs
}

// sniffSize is how much of a file IsTemplate reads: template markers sit
// near the top.
const sniffSize = 64 << 10

// IsTemplate reports whether a file looks like a CloudFormation or SAM
// template: a YAML or JSON file naming AWSTemplateFormatVersion, the SAM
// transform, or resources of AWS:: types. serverless.yml is left to the
// Serverless Framework source.
func IsTemplate(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	switch ext {
	case ".yaml", ".yml", ".json", ".template":
	default:
		return false
	}
	base := strings.ToLower(filepath.Base(path))
	if strings.HasPrefix(base, "serverless.") || strings.HasPrefix(base, "samconfig") {
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head, _ := io.ReadAll(io.LimitReader(f, sniffSize))
	if bytes.Contains(head, []byte("AWSTemplateFormatVersion")) || bytes.Contains(head, []byte("AWS::Serverless-2016-10-31")) {
		return true
	}
	// A Resources key of its own (not DataResources, as in CloudTrail event
	// selectors) with AWS:: types.
	yamlResources := bytes.HasPrefix(head, []byte("Resources:")) || bytes.Contains(head, []byte("\nResources:"))
	if yamlResources && bytes.Contains(head, []byte("Type: AWS::")) {
		return true
	}
	return bytes.Contains(head, []byte(`"Resources"`)) &&
		(bytes.Contains(head, []byte(`"Type": "AWS::`)) || bytes.Contains(head, []byte(`"Type":"AWS::`)))
}

// Parameters merges the parameter files (in order) and then the --param
// values, which win.
func Parameters(opts source.Options) (Params, []error) {
	params := Params{}
	var errs []error
	for _, file := range opts.ParamFiles {
		vals, err := ReadParamFile(file)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for k, v := range vals {
			params[k] = v
		}
	}
	for k, v := range opts.Params {
		params[k] = v
	}
	return params, errs
}

// ReadParamFile reads parameter values in CloudFormation's shape
// ([{"ParameterKey": …, "ParameterValue": …}], as `aws cloudformation
// create-stack --parameters file://…` takes) or as {"Parameters": {K: V}}
// (CodePipeline template configuration files).
func ReadParamFile(file string) (Params, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, &source.FileError{Path: file, Err: err}
	}
	var list []struct {
		ParameterKey   string
		ParameterValue string
	}
	if err := json.Unmarshal(b, &list); err == nil {
		out := Params{}
		for i, p := range list {
			if p.ParameterKey == "" {
				return nil, &source.FileError{Path: file, Err: fmt.Errorf("entry %d has no ParameterKey", i)}
			}
			out[p.ParameterKey] = p.ParameterValue
		}
		return out, nil
	}
	var obj struct{ Parameters map[string]string }
	if err := json.Unmarshal(b, &obj); err != nil || obj.Parameters == nil {
		return nil, &source.FileError{Path: file, Err: fmt.Errorf(`not a parameters file: want [{"ParameterKey": …, "ParameterValue": …}] or {"Parameters": {…}}`)}
	}
	return Params(obj.Parameters), nil
}
