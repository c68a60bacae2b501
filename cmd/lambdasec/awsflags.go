package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	"github.com/spf13/pflag"

	awssrc "github.com/lambdasec/lambdasec/internal/source/aws"
)

// awsFlags are the live-collection flags shared by `collect` and `scan`.
type awsFlags struct {
	enabled  bool
	opts     awssrc.Options
	regions  string
	accounts string
}

func (f *awsFlags) add(fs *pflag.FlagSet) {
	fs.BoolVar(&f.enabled, "aws", false, "collect the live AWS account(s) with the default credential chain")
	fs.StringVar(&f.opts.Profile, "profile", "", "shared config profile to use with --aws")
	fs.StringVar(&f.opts.RoleARN, "role-arn", "", "role to assume first with --aws")
	fs.StringVar(&f.opts.ExternalID, "external-id", "", "external id for --role-arn and --org-role")
	fs.StringVar(&f.opts.SessionName, "role-session-name", "lambdasec", "session name for assumed roles")
	fs.StringVar(&f.opts.EndpointURL, "endpoint-url", "", "send every AWS call to this endpoint (tests, private endpoints)")
	fs.StringVar(&f.regions, "regions", "", "regions to collect: r1,r2 or all (enabled regions); default the configured region")
	fs.StringVar(&f.opts.OrgRole, "org-role", "", "collect every account of the organization by assuming this role name in each")
	fs.StringVar(&f.accounts, "accounts", "", "with --org-role: only these account ids (id,id)")
	fs.StringVar(&f.opts.OU, "ou", "", "with --org-role: only accounts under this organizational unit (ou-…), recursively")
	fs.BoolVar(&f.opts.DownloadCode, "download-code", false, "also download function packages and layer contents (SHA-256 verified)")
}

// options turns the parsed flags into collector options; log receives
// failed calls when verbose, progress is drawn on a terminal.
func (f *awsFlags) options(stderr io.Writer, verbose, quiet bool) (awssrc.Options, error) {
	o := f.opts
	o.Regions = splitList(f.regions)
	o.Accounts = splitList(f.accounts)
	if (len(o.Accounts) > 0 || o.OU != "") && o.OrgRole == "" {
		return o, fmt.Errorf("--accounts and --ou need --org-role")
	}
	if verbose {
		o.Log = stderr
	}
	if !quiet && isTerminal(stderr) {
		o.Progress = progressBar(stderr)
	}
	return o, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// progressBar redraws one status line on a terminal.
func progressBar(w io.Writer) func(awssrc.Progress) {
	var mu sync.Mutex
	return func(p awssrc.Progress) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(w, "\r\033[Kcollecting: accounts %d/%d  regions %d/%d  functions %d/%d",
			p.AccountsDone, p.Accounts, p.RegionsDone, p.Regions, p.FunctionsDone, p.Functions)
	}
}

// endProgress ends the progress line so that what follows starts clean.
func endProgress(w io.Writer, o awssrc.Options) {
	if o.Progress != nil {
		fmt.Fprintln(w)
	}
}

// tempDump makes the private folder `scan --aws` collects into.
func tempDump() (string, error) { return os.MkdirTemp("", "lambdasec-aws-*") }
