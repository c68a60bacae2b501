package rules

import (
	"fmt"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/redact"
	"github.com/lambdasec/lambdasec/internal/secrets"
)

// envAssessed returns the judged environment variables of f, or false after
// recording "not assessed" when Lambda could not decrypt them (the values
// are then unknown, not absent).
func envAssessed(f *inventory.Function, out *Results) ([]secrets.EnvVar, bool) {
	if f.EnvironmentError != "" {
		out.Skip(FunctionResource(f), fmt.Sprintf("the environment variables of %s could not be read: %s", f.Name, f.EnvironmentError))
		return nil, false
	}
	return secrets.AssessEnv(f.Environment), true
}

// envPreview is the evidence line for a variable: its name and the value
// in redacted form only.
func envPreview(f *inventory.Function, name string) string {
	return fmt.Sprintf("%s = %s", name, redact.Secret(f.Environment[name]))
}
