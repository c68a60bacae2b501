package report

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// validateAgainst checks doc against the JSON Schema in schemaFile. It works
// offline: the meta-schemas the schemas declare (draft-07, 2020-12) are built
// into the library, and the only loader configured reads local files, so a
// $ref to anything else fails instead of reaching for the network.
func validateAgainst(t *testing.T, schemaFile string, doc []byte) {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.UseLoader(jsonschema.SchemeURLLoader{"file": jsonschema.FileLoader{}})
	c.AssertFormat() // uri and uri-reference matter to SARIF consumers
	schema, err := c.Compile(schemaFile)
	if err != nil {
		t.Fatalf("compile %s: %v", schemaFile, err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Errorf("output does not conform to %s:\n%v", schemaFile, err)
	}
}

func reportsEqual(a, b *finding.Report) bool { return reflect.DeepEqual(a, b) }
