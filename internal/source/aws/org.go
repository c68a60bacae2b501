package aws

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	orgtypes "github.com/aws/aws-sdk-go-v2/service/organizations/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/source/dump"
)

// orgAccounts lists the organization's active accounts (all, --ou, or
// --accounts), assumes OrgRole in each and identifies it. An account whose
// role cannot be assumed is a failure of that account only.
func (c *collector) orgAccounts(ctx context.Context, base aws.Config) ([]*account, error) {
	me, err := sts.NewFromConfig(base).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return nil, fmt.Errorf("sts:GetCallerIdentity: %w", err)
	}
	partition := partitionOf(aws.ToString(me.Arn))
	client := organizations.NewFromConfig(base)
	var listed []orgtypes.Account
	var listAnswer []byte
	if c.opts.OU != "" {
		listed, err = accountsUnder(ctx, client, c.opts.OU)
	} else {
		p := organizations.NewListAccountsPaginator(client, &organizations.ListAccountsInput{})
		var out *organizations.ListAccountsOutput
		out, err = allPages(p.HasMorePages, func(ctx context.Context) (*organizations.ListAccountsOutput, error) { return p.NextPage(ctx) })(ctx)
		if err == nil {
			listed = out.Accounts
			listAnswer, err = cliJSON(out, style{})
		}
	}
	if err != nil {
		return nil, fmt.Errorf("listing the organization's accounts: %w", err)
	}

	var ids []string
	for _, acc := range listed {
		id := aws.ToString(acc.Id)
		if acc.State != orgtypes.AccountStateActive && acc.Status != orgtypes.AccountStatusActive {
			continue
		}
		if len(c.opts.Accounts) > 0 && !slices.Contains(c.opts.Accounts, id) {
			continue
		}
		ids = append(ids, id)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)

	var mu sync.Mutex
	var accounts []*account
	sem := make(chan struct{}, c.opts.AccountWorkers)
	var wg sync.WaitGroup
	for _, id := range ids {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			cfg := base.Copy()
			role := fmt.Sprintf("arn:%s:iam::%s:role/%s", partition, id, c.opts.OrgRole)
			cfg.Credentials = assumeRole(base, role, c.opts.ExternalID, c.opts.SessionName)
			a, err := c.newAccount(ctx, cfg, id+"/")
			if err != nil {
				_, kind, code := classify(err, false)
				c.fail(Failure{Account: id, Operation: "sts:AssumeRole", Kind: kind, Code: code, Message: err.Error()})
				return
			}
			if listAnswer != nil {
				a.listedAccounts = true
				if err := a.write(dump.AccountPath(inventory.SecOrgAccounts, 1), listAnswer); err != nil {
					c.fail(Failure{Account: id, Operation: "organizations:ListAccounts", Kind: KindError, Message: err.Error()})
				}
			}
			mu.Lock()
			accounts = append(accounts, a)
			mu.Unlock()
		})
	}
	wg.Wait()
	slices.SortFunc(accounts, func(x, y *account) int { return strings.Compare(x.id, y.id) })
	return accounts, nil
}

// accountsUnder lists the accounts in an organizational unit and, depth
// first, in every unit below it.
func accountsUnder(ctx context.Context, client *organizations.Client, parent string) ([]orgtypes.Account, error) {
	p := organizations.NewListAccountsForParentPaginator(client, &organizations.ListAccountsForParentInput{ParentId: aws.String(parent)})
	out, err := allPages(p.HasMorePages, func(ctx context.Context) (*organizations.ListAccountsForParentOutput, error) { return p.NextPage(ctx) })(ctx)
	if err != nil {
		return nil, err
	}
	accounts := out.Accounts
	up := organizations.NewListOrganizationalUnitsForParentPaginator(client, &organizations.ListOrganizationalUnitsForParentInput{ParentId: aws.String(parent)})
	ous, err := allPages(up.HasMorePages, func(ctx context.Context) (*organizations.ListOrganizationalUnitsForParentOutput, error) {
		return up.NextPage(ctx)
	})(ctx)
	if err != nil {
		return nil, err
	}
	for _, ou := range ous.OrganizationalUnits {
		sub, err := accountsUnder(ctx, client, aws.ToString(ou.Id))
		if err != nil {
			return nil, err
		}
		accounts = append(accounts, sub...)
	}
	return accounts, nil
}
