package main

import (
	"bytes"
	"strings"
	"testing"

	awssrc "github.com/lambdasec/lambdasec/internal/source/aws"
)

func TestProgressBar(t *testing.T) {
	var b bytes.Buffer
	progressBar(&b)(awssrc.Progress{Accounts: 2, AccountsDone: 1, Regions: 4, RegionsDone: 3, Functions: 10, FunctionsDone: 7})
	if got := b.String(); !strings.HasPrefix(got, "\r") || !strings.Contains(got, "accounts 1/2  regions 3/4  functions 7/10") {
		t.Errorf("progress line = %q", got)
	}
}

func TestSplitList(t *testing.T) {
	if got := splitList(" us-east-1, ,eu-west-1 "); len(got) != 2 || got[0] != "us-east-1" || got[1] != "eu-west-1" {
		t.Errorf("splitList = %q", got)
	}
	if got := splitList(""); got != nil {
		t.Errorf("splitList(\"\") = %q, want nil (the configured region)", got)
	}
}
