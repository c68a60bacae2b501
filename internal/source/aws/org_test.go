package aws_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/lambdasec/lambdasec/internal/scan"
	awssrc "github.com/lambdasec/lambdasec/internal/source/aws"
	"github.com/lambdasec/lambdasec/internal/source/aws/awstest"
)

// TestCollectOrganization creates a member account in moto's organization,
// a function in it, and collects the organization with --org-role.
func TestCollectOrganization(t *testing.T) {
	endpoint := awstest.StartMoto(t)
	sc := awstest.Seed(t, endpoint)
	cfg := awstest.Config(endpoint)
	org := organizations.NewFromConfig(cfg)
	created, err := org.CreateAccount(context.Background(), &organizations.CreateAccountInput{AccountName: aws.String("member"), Email: aws.String("member@example.com")})
	if err != nil {
		t.Fatal(err)
	}
	member := waitAccount(t, org, aws.ToString(created.CreateAccountStatus.Id))

	memberCfg := cfg.Copy()
	memberCfg.Credentials = aws.NewCredentialsCache(stscreds.NewAssumeRoleProvider(sts.NewFromConfig(cfg), "arn:aws:iam::"+member+":role/Audit"))
	role := awstest.CreateRole(t, memberCfg, "member-role", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`)
	awstest.CreateFunctions(t, memberCfg, role, []string{"member-fn"})

	dir := t.TempDir()
	res, err := awssrc.Collect(context.Background(), awssrc.Options{EndpointURL: endpoint, OrgRole: "Audit"}, dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Failures) > 0 {
		t.Errorf("failures: %v", res.Failures)
	}
	if !slices.Contains(res.Accounts, member) || !slices.Contains(res.Accounts, "123456789012") {
		t.Fatalf("accounts = %v, want the management account and %s", res.Accounts, member)
	}
	for _, p := range []string{member + "/us-east-1/lambda/get-function/member-fn.json", "123456789012/us-east-1/lambda/get-function/" + sc.OpenFn + ".json", "123456789012/organizations/list-accounts.json"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Errorf("multi-account dump lacks %s", p)
		}
	}
	r := scan.Run([]string{dir}, scan.Options{}).Report
	var memberFinding bool
	for _, f := range r.Findings {
		memberFinding = memberFinding || (f.Resource.Account == member && f.Resource.Name == "member-role" && f.RuleID == "LAMBDA-IAM-002")
	}
	if !memberFinding {
		t.Errorf("no LAMBDA-IAM-002 (s3:*) on the member account's role")
	}

	t.Run("--accounts selects", func(t *testing.T) {
		res, err := awssrc.Collect(context.Background(), awssrc.Options{EndpointURL: endpoint, OrgRole: "Audit", Accounts: []string{member}}, t.TempDir())
		if err != nil || !slices.Equal(res.Accounts, []string{member}) {
			t.Errorf("accounts = %v, %v; want only %s", res.Accounts, err, member)
		}
	})
}

func waitAccount(t *testing.T, org *organizations.Client, requestID string) string {
	for range 50 {
		st, err := org.DescribeCreateAccountStatus(context.Background(), &organizations.DescribeCreateAccountStatusInput{CreateAccountRequestId: aws.String(requestID)})
		if err != nil {
			t.Fatal(err)
		}
		if id := aws.ToString(st.CreateAccountStatus.AccountId); id != "" {
			return id
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("moto did not create the member account")
	return ""
}
