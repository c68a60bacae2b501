package aws

import (
	"context"
	"slices"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/source/dump"
)

// account is one account being collected.
type account struct {
	c         *collector
	cfg       aws.Config // credentials for this account
	id        string
	partition string
	prefix    string // the account's folder in the dump: "" or "ACCOUNT/"
	// management: the account is its organization's management account.
	// listedAccounts: organizations/list-accounts.json is already written
	// (--org-role lists the accounts before collecting them).
	management, listedAccounts bool
	once                       onceMap
}

// newAccount identifies the account behind cfg with sts:GetCallerIdentity
// and writes the answer. prefix is the account's folder in the dump.
func (c *collector) newAccount(ctx context.Context, cfg aws.Config, prefix string) (*account, error) {
	a := &account{c: c, cfg: cfg, prefix: prefix}
	out, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return nil, err
	}
	a.id, a.partition = aws.ToString(out.Account), partitionOf(aws.ToString(out.Arn))
	data, err := cliJSON(out, style{})
	if err == nil {
		err = a.write(dump.AccountPath(inventory.SecCallerIdentity, 1), data)
	}
	return a, err
}

func (a *account) write(rel string, data []byte) error { return a.c.out.Write(a.rel(rel), data) }

// rel is a path inside the account folder as a path inside the dump.
func (a *account) rel(p string) string { return a.prefix + p }

// collect writes the account's answers: IAM and Organizations once, then
// every region.
func (a *account) collect(ctx context.Context) {
	var wg sync.WaitGroup
	wg.Go(func() { a.collectIAM(ctx) })
	wg.Go(func() { a.collectOrganization(ctx) })
	regions := a.regions(ctx)
	a.c.addProgress(func(p *Progress) { p.Regions += len(regions) })
	sem := make(chan struct{}, a.c.opts.Workers)
	for _, r := range regions {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			a.collectRegion(ctx, r)
			a.c.addProgress(func(p *Progress) { p.RegionsDone++ })
		})
	}
	wg.Wait()
}

// collectIAM is one paginated GetAccountAuthorizationDetails for the whole
// account: roles, policies with all versions, users and groups.
func (a *account) collectIAM(ctx context.Context) {
	client := iam.NewFromConfig(a.cfg)
	p := iam.NewGetAccountAuthorizationDetailsPaginator(client, &iam.GetAccountAuthorizationDetailsInput{
		Filter: []iamtypes.EntityType{iamtypes.EntityTypeRole, iamtypes.EntityTypeLocalManagedPolicy,
			iamtypes.EntityTypeAWSManagedPolicy, iamtypes.EntityTypeUser, iamtypes.EntityTypeGroup},
	})
	save(ctx, a, call{op: "iam:GetAccountAuthorizationDetails", path: dump.AccountPath(inventory.SecIAM, 1), style: style{decodePolicies: true}},
		allPages(p.HasMorePages, func(ctx context.Context) (*iam.GetAccountAuthorizationDetailsOutput, error) { return p.NextPage(ctx) }))
}

// collectOrganization records the organization the account belongs to.
// An account outside any organization is "none", written as {}. The
// management account also lists the member accounts; only it may, so
// member accounts do not try (that would be a denied call on every run).
func (a *account) collectOrganization(ctx context.Context) {
	client := organizations.NewFromConfig(a.cfg)
	defer func() {
		if a.management && !a.listedAccounts {
			p := organizations.NewListAccountsPaginator(client, &organizations.ListAccountsInput{})
			save(ctx, a, call{op: "organizations:ListAccounts", path: dump.AccountPath(inventory.SecOrgAccounts, 1)},
				allPages(p.HasMorePages, func(ctx context.Context) (*organizations.ListAccountsOutput, error) { return p.NextPage(ctx) }))
		}
	}()
	cl := call{op: "organizations:DescribeOrganization", path: dump.AccountPath(inventory.SecOrganization, 1)}
	out, err := client.DescribeOrganization(ctx, &organizations.DescribeOrganizationInput{})
	if err != nil {
		if _, _, code := classify(err, false); code == "AWSOrganizationsNotInUseException" {
			a.write(cl.path, []byte("{}"))
			return
		}
		a.failed(cl, err)
		return
	}
	if out.Organization != nil && aws.ToString(out.Organization.MasterAccountId) == a.id {
		a.management = true
	}
	data, err := cliJSON(out, style{})
	if err == nil {
		err = a.write(cl.path, data)
	}
	if err != nil {
		a.c.fail(Failure{Account: a.id, Operation: cl.op, Path: a.rel(cl.path), Kind: KindError, Message: err.Error()})
	}
}

// regions resolves --regions: the configured region by default, or every
// region enabled for the account for "all".
func (a *account) regions(ctx context.Context) []string {
	want := a.c.opts.Regions
	if len(want) == 0 {
		return []string{a.cfg.Region}
	}
	if !slices.Contains(want, "all") {
		return want
	}
	out, err := ec2.NewFromConfig(a.cfg).DescribeRegions(ctx, &ec2.DescribeRegionsInput{})
	if err != nil {
		a.failed(call{op: "ec2:DescribeRegions"}, err)
		return nil
	}
	var rs []string
	for _, r := range out.Regions {
		rs = append(rs, aws.ToString(r.RegionName))
	}
	slices.Sort(rs)
	return rs
}

// onceMap runs a fetch once per key across the account's regions and
// functions (layer versions, code-signing configs, trails) and shares the
// result.
type onceMap struct {
	mu sync.Mutex
	m  map[string]*onceEntry
}

type onceEntry struct {
	once sync.Once
	val  any
}

func (o *onceMap) do(key string, f func() any) any {
	o.mu.Lock()
	if o.m == nil {
		o.m = map[string]*onceEntry{}
	}
	e := o.m[key]
	if e == nil {
		e = &onceEntry{}
		o.m[key] = e
	}
	o.mu.Unlock()
	e.once.Do(func() { e.val = f() })
	return e.val
}
