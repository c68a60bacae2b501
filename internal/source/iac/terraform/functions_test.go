package terraform

import (
	"testing"

	"github.com/zclconf/go-cty/cty"
)

func TestBoundedFormat(t *testing.T) {
	f := functions(".")["format"]
	v, err := f.Call([]cty.Value{cty.StringVal("%s-%03d"), cty.StringVal("fn"), cty.NumberIntVal(7)})
	if err != nil || v.AsString() != "fn-007" {
		t.Errorf("format: got %v, %v", v, err)
	}
	if _, err := f.Call([]cty.Value{cty.StringVal("%999999999s"), cty.StringVal("x")}); err == nil {
		t.Errorf("a huge width must be refused")
	}
}
