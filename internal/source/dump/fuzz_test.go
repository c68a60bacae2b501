package dump

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/lambdasec/lambdasec/internal/inventory"
)

// fuzzLoad writes data as the answer at rel beside the fixed files, loads
// and links the dump, and checks that whatever the bytes, Load neither
// panics nor returns anything but *FileError.
func fuzzLoad(f *testing.F, rel string, fixed map[string]string, seeds ...string) {
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{}`))
	f.Add([]byte(`null`))
	// One dump per fuzzing process, its answer rewritten for every input:
	// inputs run one after another.
	dir := f.TempDir()
	writeFiles(f, dir, fixed)
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		inv := inventory.New()
		errs := Load(inv, dir)
		inv.Link()
		for _, err := range errs {
			var fe *FileError
			if !errors.As(err, &fe) || fe.Path != p {
				t.Fatalf("got %v, want only a *FileError naming %s", err, p)
			}
		}
	})
}

func FuzzLoadListFunctions(f *testing.F) {
	fuzzLoad(f, "us-east-1/lambda/list-functions.json", map[string]string{
		"us-east-1/lambda/get-function/orders-api.json": `{"Concurrency": {"ReservedConcurrentExecutions": 1}}`,
		"us-east-1/lambda/get-policy/orders-api.json":   `{}`,
	},
		"testdata/complete/us-east-1/lambda/list-functions.json",
		"testdata/paginated/us-east-1/lambda/list-functions.2.json",
		"testdata/malformed/us-west-2/lambda/list-functions.json",
	)
}

func FuzzLoadGetPolicy(f *testing.F) {
	fuzzLoad(f, "us-east-1/lambda/get-policy/orders-api.json", map[string]string{
		"us-east-1/lambda/list-functions.json": `{"Functions": [{"FunctionName": "orders-api", "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:orders-api"}]}`,
	},
		"testdata/complete/us-east-1/lambda/get-policy/orders-api.json",
		"testdata/complete/us-east-1/lambda/get-layer-version-policy/999988887777-public-tools/3.json",
		"testdata/malformed/us-east-1/lambda/get-policy/fn-a.json",
	)
}

func FuzzLoadAuthorizationDetails(f *testing.F) {
	fuzzLoad(f, "iam/get-account-authorization-details.json", map[string]string{
		"us-east-1/lambda/list-functions.json": `{"Functions": [{"FunctionName": "f", "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:f",
			"Role": "arn:aws:iam::123456789012:role/service/fn-role"}]}`,
	},
		"testdata/complete/iam/get-account-authorization-details.json",
		"testdata/urlencoded/iam/get-account-authorization-details.json",
		"testdata/malformed/iam/get-account-authorization-details.json",
	)
}
