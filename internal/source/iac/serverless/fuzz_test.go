package serverless

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/lambdasec/lambdasec/internal/inventory"
)

// FuzzLoad feeds arbitrary bytes to the serverless.yml reader and variable
// resolver: it must return errors, never panic or loop.
func FuzzLoad(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join("testdata", "orders-service", "serverless.yml")); err == nil {
		f.Add(b)
	}
	f.Add([]byte("service: x\ncustom:\n  a: ${self:custom.b, ${opt:stage, 'dev'}}\n  b: ${file(./config/dev.yml):memorySize}\nfunctions:\n  f:\n    handler: h\n    url: true\n    events:\n      - sqs: arn:aws:sqs:us-east-1:1:q\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		inv := inventory.New()
		// Anchored in testdata so ${file(…)} finds the fixture's files.
		LoadBytes(inv, filepath.Join("testdata", "orders-service", "serverless.yml"), src, map[string]string{"stage": "dev"})
		inv.Link()
	})
}
