package dump

import (
	"strings"

	"github.com/lambdasec/lambdasec/internal/inventory"
)

// callerIdentity is sts get-caller-identity.
type callerIdentity struct {
	Account string
	Arn     string
}

func decodeCallerIdentity(data []byte) (any, error) {
	var a callerIdentity
	if err := decodeAnswer(data, &a); err != nil {
		return nil, err
	}
	return &a, nil
}

// organizationAnswer is organizations describe-organization; {} when the
// account is in no organization (AWSOrganizationsNotInUseException).
type organizationAnswer struct {
	Organization *struct {
		Id               string
		Arn              string
		MasterAccountId  string
		MasterAccountArn string
	}
}

func decodeOrganization(data []byte) (any, error) {
	var a organizationAnswer
	if err := decodeAnswer(data, &a); err != nil {
		return nil, err
	}
	o := a.Organization
	if o == nil {
		return (*inventory.Organization)(nil), nil
	}
	return &inventory.Organization{ID: o.Id, ARN: o.Arn, MasterAccountID: o.MasterAccountId, MasterAccountARN: o.MasterAccountArn}, nil
}

// orgAccounts is organizations list-accounts, reduced to the account ids.
type orgAccounts []string

func decodeOrgAccounts(data []byte) (any, error) {
	var a struct {
		Accounts []struct{ Id string }
	}
	if err := decodeAnswer(data, &a); err != nil {
		return nil, err
	}
	ids := make(orgAccounts, 0, len(a.Accounts))
	for _, acct := range a.Accounts {
		ids = append(ids, acct.Id)
	}
	return ids, nil
}

// accountID is the id of the dumped account: what STS says, else the
// folder's name when it is an account id, else the account in the function
// ARNs, else "unknown".
func (d *accountDump) accountID() string {
	for _, f := range d.decoded("", inventory.SecCallerIdentity) {
		if id := f.answer.(*callerIdentity).Account; id != "" {
			return id
		}
	}
	if isAccountID(d.folderName) {
		return d.folderName
	}
	for _, region := range d.regions {
		for _, f := range d.decoded(region, inventory.SecFunctions) {
			for _, fn := range f.answer.(functionList) {
				if a, ok := parseARN(fn.ARN); ok && a.Account != "" {
					return a.Account
				}
			}
		}
	}
	return "unknown"
}

// partition is the AWS partition (aws, aws-cn, aws-us-gov …) from the first
// ARN the dump holds, else from the shape of its region names, else "".
func (d *accountDump) partition() string {
	for _, f := range d.decoded("", inventory.SecCallerIdentity) {
		if a, ok := parseARN(f.answer.(*callerIdentity).Arn); ok {
			return a.Partition
		}
	}
	for _, region := range d.regions {
		for _, f := range d.decoded(region, inventory.SecFunctions) {
			for _, fn := range f.answer.(functionList) {
				if a, ok := parseARN(fn.ARN); ok {
					return a.Partition
				}
			}
		}
	}
	for _, f := range d.decoded("", inventory.SecIAM) {
		for _, role := range f.answer.(*authorizationDetails).roles {
			if a, ok := parseARN(role.ARN); ok {
				return a.Partition
			}
		}
	}
	for _, region := range d.regions {
		switch {
		case strings.HasPrefix(region, "cn-"):
			return "aws-cn"
		case strings.HasPrefix(region, "us-gov-"):
			return "aws-us-gov"
		}
	}
	return ""
}

func (d *accountDump) applyCallerIdentity(a *inventory.Account) {
	// The account id is all STS tells; answers records the coverage.
	d.answers("", inventory.SecCallerIdentity, a.Collected)
}

func (d *accountDump) applyOrganization(a *inventory.Account) {
	for _, f := range d.answers("", inventory.SecOrganization, a.Collected) {
		a.Organization = inventory.Collected(f.answer.(*inventory.Organization))
	}
	var ids []string
	accounts := d.answers("", inventory.SecOrgAccounts, a.Collected)
	for _, f := range accounts {
		ids = append(ids, f.answer.(orgAccounts)...)
	}
	if len(accounts) == 0 {
		return
	}
	// list-accounts answers only inside an organization, so it proves
	// membership even when describe-organization was not collected.
	if a.Organization.Value == nil {
		a.Organization = inventory.Collected(&inventory.Organization{})
	}
	a.Organization.Value.Accounts = ids
}
