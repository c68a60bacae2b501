package main

import (
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"github.com/lambdasec/lambdasec/internal/source/iac"
)

// IaC flags: CloudFormation parameter values (and pseudo-parameters such as
// AWS::AccountId) and parameter files; inline `lambdasec:ignore` comments
// are always honoured.
func init() {
	var params []string
	var paramFiles []string
	extendScan(func(f *pflag.FlagSet) {
		f.StringArrayVar(&params, "param", nil, "CloudFormation/SAM parameter `KEY=VALUE`, repeatable; also AWS::AccountId, AWS::Region, AWS::StackName")
		f.StringArrayVar(&paramFiles, "param-file", nil, "CloudFormation parameters `FILE` ([{\"ParameterKey\":…,\"ParameterValue\":…}] or {\"Parameters\":{…}}), repeatable")
	}, func(req *scanRequest) error {
		for i, kv := range params {
			k, v, ok := strings.Cut(kv, "=")
			if !ok || k == "" {
				// The argument is not echoed: it may be a secret value.
				return fmt.Errorf("--param #%d: want KEY=VALUE", i+1)
			}
			if req.Options.Source.Params == nil {
				req.Options.Source.Params = map[string]string{}
			}
			req.Options.Source.Params[k] = v
		}
		req.Options.Source.ParamFiles = append(req.Options.Source.ParamFiles, paramFiles...)
		req.Options.Filters = append(req.Options.Filters, iac.Suppress)
		return nil
	})
}
