package cloudformation

import (
	"errors"
	"testing"

	"github.com/lambdasec/lambdasec/internal/iam"
	"github.com/lambdasec/lambdasec/internal/inventory"
)

// A SAM policy template the scanner cannot expand must not leave the role
// looking less privileged than it is: its permissions become unknown, and
// the role is not judged as a whole.
func TestUnknownSAMPolicyTemplateMakesRoleIncomplete(t *testing.T) {
	src := []byte(`AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      CodeUri: src/
      Policies:
        - SQSSendMessagePolicy:
            QueueName: jobs
        - SomeFuturePolicyTemplate:
            Thing: x
`)
	inv := inventory.New()
	if errs := LoadBytes(inv, "template.yaml", src, Params{}); len(errs) > 0 {
		t.Fatal(errs)
	}
	inv.Link()
	if len(inv.Functions) != 1 || inv.Functions[0].Role == nil {
		t.Fatalf("want one function with its generated role, got %d", len(inv.Functions))
	}
	role := inv.Functions[0].Role
	if len(role.InlinePolicies) != 1 {
		t.Errorf("the known template should expand to one inline policy, got %d", len(role.InlinePolicies))
	}
	_, err := iam.RolePrincipal(role)
	var inc *iam.IncompleteError
	if !errors.As(err, &inc) || len(inc.Missing) != 1 || inc.Missing[0] != "SAM policy template SomeFuturePolicyTemplate" {
		t.Errorf("RolePrincipal error = %v, want the unknown template named as missing", err)
	}
}
