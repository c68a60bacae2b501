package main

import (
	"fmt"
	"strings"

	"github.com/spf13/pflag"
)

// Terraform flags: variable values and variable files, as `terraform plan`
// takes them; they win over terraform.tfvars and *.auto.tfvars.
func init() {
	var vars, varFiles []string
	extendScan(func(f *pflag.FlagSet) {
		f.StringArrayVar(&vars, "var", nil, "Terraform variable `KEY=VALUE`, repeatable (lists and maps in HCL syntax)")
		f.StringArrayVar(&varFiles, "var-file", nil, "Terraform variable `FILE` (.tfvars or .tfvars.json), repeatable")
	}, func(req *scanRequest) error {
		for i, kv := range vars {
			k, v, ok := strings.Cut(kv, "=")
			if !ok || k == "" {
				// The argument is not echoed: it may be a secret value.
				return fmt.Errorf("--var #%d: want KEY=VALUE", i+1)
			}
			if req.Options.Source.Vars == nil {
				req.Options.Source.Vars = map[string]string{}
			}
			req.Options.Source.Vars[k] = v
		}
		req.Options.Source.VarFiles = append(req.Options.Source.VarFiles, varFiles...)
		return nil
	})
}
