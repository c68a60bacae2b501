package cloudformation

import (
	"os"
	"path/filepath"
	"testing"
)

func TestIsTemplate(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, body string
		want       bool
	}{
		{"sam.yaml", "Transform: AWS::Serverless-2016-10-31\nResources: {}\n", true},
		{"cfn.yml", "AWSTemplateFormatVersion: '2010-09-09'\n", true},
		{"bare.yaml", "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n", true},
		{"bare.json", `{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}`, true},
		{"stack.template", `{"AWSTemplateFormatVersion": "2010-09-09"}`, true},
		// A CloudTrail event selector answer names DataResources of AWS:: types.
		{"account-trail.json", `{"EventSelectors": [{"DataResources": [{"Type": "AWS::Lambda::Function", "Values": ["arn:aws:lambda"]}]}]}`, false},
		{"list-functions.json", `{"Functions": []}`, false},
		{"serverless.yml", "service: x\nresources:\n  Resources:\n    Q:\n      Type: AWS::SQS::Queue\n", false},
		{"samconfig.yaml", "AWSTemplateFormatVersion\n", false},
		{"notes.txt", "AWSTemplateFormatVersion", false},
	} {
		p := filepath.Join(dir, tc.name)
		if err := os.WriteFile(p, []byte(tc.body), 0o644); err != nil {
			t.Fatal(err)
		}
		if got := IsTemplate(p); got != tc.want {
			t.Errorf("IsTemplate(%s) = %v, want %v", tc.name, got, tc.want)
		}
	}
	if (cfnSource{}).Claims(filepath.Join("..", "..", "..", "..", "examples", "demo-account")) {
		t.Error("a dump folder is claimed as CloudFormation")
	}
}
