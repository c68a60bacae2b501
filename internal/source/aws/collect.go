// Package aws collects a live AWS account (or a whole organization) with
// aws-sdk-go-v2 and writes every answer, in the exact shape the AWS CLI
// prints it, into the dump layout of internal/source/dump. Scanning live is
// collecting into a temporary dump and reading it back, so `collect` +
// `scan DIR` and `scan --aws` give the same findings by construction.
//
// The collector only reads: it calls Get*, List* and Describe* operations
// and STS (docs/iam-policy.json lists every one).
package aws

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/lambdasec/lambdasec/internal/source/dump"
)

// Options are the user's choices for one collection run.
type Options struct {
	Profile     string // shared config profile; "" = the default chain
	RoleARN     string // role to assume first (--role-arn)
	ExternalID  string
	SessionName string // default "lambdasec"
	// EndpointURL replaces every service's endpoint (tests, private
	// endpoints).
	EndpointURL string
	// Regions to collect; nil = the configured region; ["all"] = every
	// region enabled for the account (ec2:DescribeRegions).
	Regions []string
	// OrgRole, when set, lists the organization's accounts and assumes
	// arn:PARTITION:iam::ACCOUNT:role/OrgRole in each.
	OrgRole  string
	Accounts []string // restrict OrgRole to these account ids
	OU       string   // restrict OrgRole to this organizational unit (recursively)
	// DownloadCode also fetches function packages and layer contents.
	DownloadCode bool
	MaxCodeBytes int64 // per package; 0 = DefaultMaxCodeBytes
	// Workers bounds the concurrent calls per service per region; 0 =
	// DefaultWorkers. AccountWorkers bounds the accounts collected at once.
	Workers        int
	AccountWorkers int
	// MaxAttempts per call including retries; 0 = DefaultMaxAttempts.
	MaxAttempts int
	// Log receives one line per failed call (--verbose); nil = none.
	Log io.Writer
	// Progress is called whenever an account, region or function is done.
	Progress func(Progress)
}

// Defaults for Options' zero values.
const (
	DefaultWorkers        = 8
	DefaultAccountWorkers = 4
	DefaultMaxAttempts    = 12
	DefaultMaxCodeBytes   = 512 << 20 // above Lambda's 250 MB unzipped limit for a zipped package
)

// Progress counts what is done so far.
type Progress struct {
	Accounts, AccountsDone   int
	Regions, RegionsDone     int
	Functions, FunctionsDone int
}

// Result is what a run did: the accounts written and the calls that failed.
type Result struct {
	Accounts  []string // account ids collected (sorted)
	Functions int
	// Failures are the calls whose answers are missing from the dump
	// (AccessDenied, unsupported, errors): the scan reports what depends on
	// them as not assessed. Empty for a complete run.
	Failures []Failure
	// Calls counts the API operations made, by "service:Operation",
	// retries not included.
	Calls map[string]int
}

// ErrorsFile is the collection log written to the dump root.
const ErrorsFile = "collection-errors.json"

// Collect collects every account Options selects into outDir, which becomes a
// dump (one account) or a multi-account dump (OrgRole). It returns an error
// only when nothing could be collected (no credentials, no region, the
// organization cannot be listed); per-call and per-account failures are in
// Result.Failures and in outDir/collection-errors.json.
func Collect(ctx context.Context, opts Options, outDir string) (*Result, error) {
	opts = withDefaults(opts)
	// Answers left from an earlier run would describe resources that may be
	// gone, and nothing would tell them from fresh ones.
	if entries, err := os.ReadDir(outDir); err == nil && len(entries) > 0 {
		return nil, fmt.Errorf("%s is not empty: collect writes a fresh dump; remove it or choose another folder", outDir)
	}
	c := &collector{opts: opts, out: &dump.Writer{Root: outDir}, calls: map[string]int{}}
	base, err := c.loadConfig(ctx)
	if err != nil {
		return nil, err
	}
	var accounts []*account
	if opts.OrgRole != "" {
		accounts, err = c.orgAccounts(ctx, base)
	} else {
		var a *account
		a, err = c.newAccount(ctx, base, "")
		accounts = []*account{a}
	}
	if err != nil {
		return nil, err
	}
	c.progress.Accounts = len(accounts)
	c.report()

	sem := make(chan struct{}, opts.AccountWorkers)
	var wg sync.WaitGroup
	for _, a := range accounts {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			a.collect(ctx)
			c.mu.Lock()
			c.progress.AccountsDone++
			c.mu.Unlock()
			c.report()
		}()
	}
	wg.Wait()
	return c.finish(accounts)
}

func withDefaults(o Options) Options {
	if o.Workers <= 0 {
		o.Workers = DefaultWorkers
	}
	if o.AccountWorkers <= 0 {
		o.AccountWorkers = DefaultAccountWorkers
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = DefaultMaxAttempts
	}
	if o.MaxCodeBytes <= 0 {
		o.MaxCodeBytes = DefaultMaxCodeBytes
	}
	if o.SessionName == "" {
		o.SessionName = "lambdasec"
	}
	return o
}

// collector is one run: shared by every account.
type collector struct {
	opts     Options
	out      *dump.Writer
	mu       sync.Mutex
	failures []Failure
	calls    map[string]int
	progress Progress
	nfn      atomic.Int64
}

func (c *collector) report() {
	if c.opts.Progress == nil {
		return
	}
	c.mu.Lock()
	p := c.progress
	c.mu.Unlock()
	c.opts.Progress(p)
}

func (c *collector) addProgress(f func(p *Progress)) {
	c.mu.Lock()
	f(&c.progress)
	c.mu.Unlock()
	c.report()
}

func (c *collector) countCall(op string) {
	c.mu.Lock()
	c.calls[op]++
	c.mu.Unlock()
}

func (c *collector) finish(accounts []*account) (*Result, error) {
	r := &Result{Calls: c.calls, Functions: int(c.nfn.Load())}
	for _, a := range accounts {
		if a.id != "" {
			r.Accounts = append(r.Accounts, a.id)
		}
	}
	slices.Sort(r.Accounts)
	r.Failures = sortFailures(c.failures)
	if err := c.writeErrors(r.Failures); err != nil {
		return r, err
	}
	if len(r.Accounts) == 0 {
		return r, errors.New("no account could be collected: " + firstFailure(r.Failures))
	}
	return r, nil
}

func firstFailure(fs []Failure) string {
	if len(fs) == 0 {
		return "no account selected"
	}
	return fs[0].String()
}

// cfgFor returns cfg for a region: the SDK clients pick the region from it.
func cfgFor(cfg aws.Config, region string) aws.Config {
	c := cfg.Copy()
	c.Region = region
	return c
}
