package rules

import (
	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/iam"
	"github.com/lambdasec/lambdasec/internal/inventory"
)

func init() {
	Register(&Rule{
		Rule: finding.Rule{
			ID:       "LAMBDA-IAM-004",
			Title:    "Execution role can obtain credentials or keys",
			Severity: finding.High,
			Category: "iam",
			Description: "The execution role may call actions whose answer is a credential: long-lived IAM access keys (iam:CreateAccessKey), " +
				"temporary credentials for other roles or federated users (sts:AssumeRole on any role, sts:GetFederationToken), " +
				"registry and database tokens (ecr:GetAuthorizationToken, redshift:GetClusterCredentials, rds-db:connect), " +
				"Cognito identity credentials, Lightsail instance access details, or an IAM Identity Center role's credentials. " +
				"Credentials leave the function and outlive it, so whoever controls the code can keep the access. " +
				"High when a grant reaches every resource, medium when it is limited or conditional. " +
				"sts:AssumeRole on named roles and ecr:GetAuthorizationToken (needed to pull images, and scoped to the caller's registry) are not reported. Roles with administrator access are reported by LAMBDA-IAM-001 alone.",
			Remediation: "Remove the credential-returning actions the function does not call, and limit the rest to named resources " +
				"(sts:AssumeRole on `arn:aws:iam::ACCOUNT:role/NAME`, redshift:GetClusterCredentials on one cluster and database user). " +
				"Apply with `aws iam put-role-policy` (inline) or `aws iam create-policy-version --set-as-default` (customer managed); CloudFormation/SAM `Policies`, Terraform `aws_iam_role_policy`.",
			Compliance: []string{"MITRE ATT&CK T1098.001", "MITRE ATT&CK T1078.004"},
			References: []string{
				"https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_request.html",
				"https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
			},
		},
		Needs: []inventory.Section{inventory.SecIAM},
		Check: forEachFunctionRole(true, checkCredentialsExposure),
	})
}

// credentialActions return credentials or keys. broadOnly marks those that
// only matter on every resource (assuming a named role is normal).
var credentialActions = []struct {
	action    string
	broadOnly bool
}{
	{"iam:CreateAccessKey", false},
	{"iam:CreateServiceSpecificCredential", false},
	{"iam:ResetServiceSpecificCredential", false},
	{"sts:AssumeRole", true},
	{"sts:GetFederationToken", false},
	{"sts:GetSessionToken", false},
	{"redshift:GetClusterCredentials", true},
	{"redshift:GetClusterCredentialsWithIAM", true},
	{"redshift-serverless:GetCredentials", true},
	{"rds-db:connect", true},
	{"cognito-identity:GetCredentialsForIdentity", true},
	{"cognito-identity:GetOpenIdTokenForDeveloperIdentity", true},
	{"lightsail:GetInstanceAccessDetails", false},
	{"lightsail:DownloadDefaultKeyPair", false},
	{"sso:GetRoleCredentials", false},
	{"ec2-instance-connect:SendSSHPublicKey", true},
	{"codeartifact:GetAuthorizationToken", true},
	{"eks:CreateAccessEntry", true},
}

// credentialPermissions returns the credential actions eff reports on.
func credentialPermissions(eff *iam.Effective) (perms []iam.Permission, broad bool) {
	for _, c := range credentialActions {
		p, ok := eff.Get(c.action)
		if !ok || (c.broadOnly && !p.Broad) {
			continue
		}
		perms = append(perms, p)
		broad = broad || (p.Broad && p.Decision == iam.Allowed)
	}
	return perms, broad
}

func checkCredentialsExposure(f *inventory.Function, role *inventory.Role, eff *iam.Effective, out *Results) {
	if adminLevel(eff) == iam.Allowed {
		return // LAMBDA-IAM-001 says it all
	}
	perms, broad := credentialPermissions(eff)
	addRolePermissions(out, f, role, "obtain credentials or keys", perms, broad)
}
