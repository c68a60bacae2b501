package aws

import "testing"

func TestOwnRepository(t *testing.T) {
	a := &account{id: "123456789012"}
	for uri, want := range map[string]string{
		"123456789012.dkr.ecr.us-east-1.amazonaws.com/image-fn:latest":            "image-fn",
		"123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app@sha256:5f0c1b7e4e": "team/app",
		"123456789012.dkr.ecr.eu-west-1.amazonaws.com/other-region:1":             "",
		"999999999999.dkr.ecr.us-east-1.amazonaws.com/other-account:1":            "",
		"public.ecr.aws/lambda/python:3.12":                                       "",
	} {
		if got := a.ownRepository("us-east-1", uri); got != want {
			t.Errorf("ownRepository(%s) = %q, want %q", uri, got, want)
		}
	}
}
