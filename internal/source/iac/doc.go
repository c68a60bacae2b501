// Package iac holds what the infrastructure-as-code sources share
// (CloudFormation/SAM, Serverless Framework, Terraform): where IaC files are
// found in a folder, the inline `lambdasec:ignore` comments and the filter
// that applies them, and the placeholders for values a template cannot know
// before it is deployed. Each format lives in its own sub-package.
package iac

// Values that only exist once a stack is deployed. Sources use them where
// the user gave no value (--param AWS::AccountId=…, AWS::Region=…).
//
// UnknownAccount is a syntactically valid account id so that ARNs built
// from it stay well-formed and principals naming "this account" are still
// recognized as the owner by the resource-policy analysis; it is never a
// real account (AWS account ids of all zeros are not issued).
const (
	UnknownAccount = "000000000000"
	UnknownRegion  = "unknown"
)
