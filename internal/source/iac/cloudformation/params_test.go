package cloudformation

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/lambdasec/lambdasec/internal/source"
)

func TestParameterFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cli := write("cli.json", `[{"ParameterKey": "Stage", "ParameterValue": "prod"}, {"ParameterKey": "Size", "ParameterValue": "3"}]`)
	pipeline := write("pipeline.json", `{"Parameters": {"Size": "5", "AWS::Region": "eu-west-1"}}`)
	params, errs := Parameters(source.Options{ParamFiles: []string{cli, pipeline}, Params: map[string]string{"Stage": "test"}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := Params{"Stage": "test", "Size": "5", "AWS::Region": "eu-west-1"}
	if !reflect.DeepEqual(params, want) {
		t.Errorf("params = %v, want %v", params, want)
	}

	for _, tc := range []struct{ body, want string }{
		{`{"Stage": "prod"}`, "not a parameters file"},
		{`[{"ParameterValue": "x"}]`, "entry 0 has no ParameterKey"},
		{`not json`, "not a parameters file"},
	} {
		_, errs := Parameters(source.Options{ParamFiles: []string{write("bad.json", tc.body)}})
		if len(errs) != 1 || !strings.Contains(errs[0].Error(), "bad.json: "+tc.want) {
			t.Errorf("%s: errors %v, want %q", tc.body, errs, tc.want)
		}
	}
	if _, errs := Parameters(source.Options{ParamFiles: []string{filepath.Join(dir, "missing.json")}}); len(errs) != 1 {
		t.Errorf("missing file: errors %v", errs)
	}
}
