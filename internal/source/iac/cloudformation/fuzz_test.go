package cloudformation

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/lambdasec/lambdasec/internal/inventory"
)

// FuzzLoad feeds arbitrary bytes to the template reader and intrinsic
// resolver: it must return errors, never panic or loop.
func FuzzLoad(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*", "*.yaml"))
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(intrinsicsTemplate))
	f.Add([]byte(`{"Resources":{"F":{"Type":"AWS::Lambda::Function","Properties":{"Role":{"Fn::GetAtt":["F","Arn"]}}}}}`))
	f.Add([]byte("Resources:\n  A: &a\n    Type: AWS::SQS::Queue\n    Properties: {X: [*a, *a]}\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		inv := inventory.New()
		LoadBytes(inv, "fuzz.yaml", src, Params{"Env": "prod"})
		inv.Link()
	})
}
