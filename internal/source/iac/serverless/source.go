// Package serverless reads Serverless Framework services (serverless.yml):
// it resolves the framework's variables, generates the CloudFormation
// resources the framework would deploy, and maps them, together with the
// service's own resources: section, through the CloudFormation mapper.
package serverless

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/source"
	"github.com/lambdasec/lambdasec/internal/source/iac"
)

func init() { source.Register(slsSource{}) }

type slsSource struct{}

func (slsSource) Name() string { return "serverless" }

func (slsSource) Claims(path string) bool { return iac.Claims(path, IsService) }

func (slsSource) Load(inv *inventory.Inventory, path string, opts source.Options) []error {
	files := []string{path}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		var err error
		if files, err = iac.Find(path, IsService); err != nil {
			return []error{err}
		}
	}
	var errs []error
	for _, f := range files {
		errs = append(errs, LoadFile(inv, f, opts.Params)...)
	}
	return errs
}

// IsService reports whether path is a Serverless Framework service file.
func IsService(path string) bool {
	base := strings.ToLower(filepath.Base(path))
	return base == "serverless.yml" || base == "serverless.yaml"
}
