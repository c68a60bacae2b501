package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/lambdasec/lambdasec/internal/cloudtrail"
	"github.com/lambdasec/lambdasec/internal/iam/catalog"
	"github.com/lambdasec/lambdasec/internal/iam/usage"
	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/source/dump"
)

func init() { register(newPolicyCommand) }

func newPolicyCommand(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "policy",
		Short: "Work with execution-role policies",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(newPolicySuggestCommand(e))
	return cmd
}

type suggestFlags struct {
	role, function, dump string
	cloudtrail           []string
}

func newPolicySuggestCommand(e *env) *cobra.Command {
	var fl suggestFlags
	cmd := &cobra.Command{
		Use:   "suggest (--role ROLE | --function FUNCTION [--dump DIR]) --cloudtrail PATH...",
		Short: "Suggest a least-privilege policy from the calls CloudTrail recorded",
		Long: `Suggest reads CloudTrail logs and writes, on standard output, an IAM policy
allowing exactly the actions the role's sessions performed, scoped to the
resources the calls named where the action supports it. A summary goes to
standard error: the window read, the calls per action, the calls that map to
no known IAM action and the calls that were denied (neither is in the policy).

--role takes a role ARN or name. --function takes a function name or ARN:
with --dump the function's execution role is looked up in the dump and every
session of that role counts; without it, the sessions named after the
function (Lambda names the session after the function) count.

--cloudtrail takes S3 log folders (AWSLogs/...), .json or .json.gz log files,
or saved "aws cloudtrail lookup-events" output; repeatable.

Only calls in the logs are seen: review the policy before use, and run the
function's rare paths (error handling, monthly jobs) inside the window.`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			st, err := runSuggest(fl, e.stdout, e.stderr)
			*e.status = st
			return err
		},
	}
	f := cmd.Flags()
	f.StringVar(&fl.role, "role", "", "execution role ARN or name")
	f.StringVar(&fl.function, "function", "", "function name or ARN")
	f.StringVar(&fl.dump, "dump", "", "dump `DIR` to find the function's role in")
	f.StringSliceVar(&fl.cloudtrail, "cloudtrail", nil, "CloudTrail logs: folders, .json/.json.gz files, lookup-events output; repeatable")
	return cmd
}

func runSuggest(fl suggestFlags, stdout, stderr io.Writer) (int, error) {
	switch {
	case (fl.role == "") == (fl.function == ""):
		return exitUsage, errors.New("give one of --role and --function")
	case len(fl.cloudtrail) == 0:
		return exitUsage, errors.New("--cloudtrail is required")
	case fl.dump != "" && fl.function == "":
		return exitUsage, errors.New("--dump goes with --function")
	}
	identity, match, err := suggestSelector(fl, stderr)
	if err != nil {
		return exitUsage, err
	}
	act, w := usage.NewActivity(), &usage.Window{}
	files, _ := cloudtrail.Files(fl.cloudtrail)
	errs := cloudtrail.ReadPaths(fl.cloudtrail, func(r *cloudtrail.Record) {
		w.Add(r)
		if match(r) {
			act.Add(r)
		}
	})
	for _, err := range errs {
		fmt.Fprintln(stderr, "lambdasec:", err)
	}
	if w.Records == 0 {
		return exitUsage, fmt.Errorf("no CloudTrail records read from %s", strings.Join(fl.cloudtrail, ", "))
	}
	if act.Calls == 0 {
		return exitUsage, fmt.Errorf("no call by %s in %d CloudTrail records (%s to %s)", identity, w.Records, stamp(w.Since), stamp(w.Until))
	}
	b, err := json.MarshalIndent(usage.Suggest(act), "", "  ")
	if err != nil {
		return exitUsage, err
	}
	if _, err := fmt.Fprintf(stdout, "%s\n", b); err != nil {
		return exitUsage, err
	}
	summarize(stderr, identity, len(files), w, act)
	if len(errs) > 0 {
		return exitPartial, nil
	}
	return exitOK, nil
}

// suggestSelector returns a description of whose calls count and the test
// that selects them.
// Problems with other parts of the dump are printed and do not stop it.
func suggestSelector(fl suggestFlags, stderr io.Writer) (string, func(*cloudtrail.Record) bool, error) {
	if fl.role != "" {
		return "role " + fl.role, func(r *cloudtrail.Record) bool { return usage.RoleSession(r, fl.role) }, nil
	}
	name := fl.function
	if i := strings.Index(name, ":function:"); i >= 0 {
		name = strings.SplitN(name[i+len(":function:"):], ":", 2)[0]
	}
	if fl.dump == "" {
		return "function " + name + " (sessions named after it)", func(r *cloudtrail.Record) bool {
			return r.RoleARN() != "" && r.SessionName() == name
		}, nil
	}
	inv := inventory.New()
	for _, err := range dump.Load(inv, fl.dump) {
		fmt.Fprintln(stderr, "lambdasec: --dump:", err)
	}
	inv.Link()
	var found []*inventory.Function
	for _, f := range inv.Functions {
		if f.Name == name || f.ARN == fl.function {
			found = append(found, f)
		}
	}
	switch {
	case len(found) == 0:
		return "", nil, fmt.Errorf("--function: no function %s in %s", fl.function, fl.dump)
	case len(found) > 1:
		return "", nil, fmt.Errorf("--function: %d functions named %s in %s; give its ARN", len(found), name, fl.dump)
	case found[0].RoleARN == "":
		return "", nil, fmt.Errorf("--function: %s names no execution role", found[0].ARN)
	}
	role := found[0].RoleARN
	return "role " + role + " of function " + found[0].Name, func(r *cloudtrail.Record) bool { return usage.RoleSession(r, role) }, nil
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// summarize writes the human summary, every line a "# " comment so the
// stream can be kept next to the policy.
func summarize(w io.Writer, identity string, files int, win *usage.Window, a *usage.Activity) {
	fmt.Fprintf(w, "# lambdasec policy suggest: %s\n", identity)
	fmt.Fprintf(w, "# read %d CloudTrail records in %d files, %s to %s; %d calls by the role (catalog %s)\n",
		win.Records, files, stamp(win.Since), stamp(win.Until), a.Calls, catalog.Version())
	if !win.DataEvents {
		fmt.Fprintln(w, "# the logs hold no data events: S3 object, DynamoDB item and Lambda Invoke calls are missing unless the trail selects them")
	}
	for _, u := range a.Sorted() {
		scope := "*"
		if len(u.ARNs) > 0 && !u.Unscoped {
			scope = fmt.Sprintf("%d resources", len(u.ARNs))
		}
		fmt.Fprintf(w, "#   %-40s %5d calls  last %s  %s\n", u.Action.String(), u.Calls, stamp(u.Last), scope)
	}
	list := func(title string, m map[string]int) {
		if len(m) == 0 {
			return
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		fmt.Fprintf(w, "# %s:\n", title)
		for _, k := range keys {
			fmt.Fprintf(w, "#   %-40s %5d calls\n", k, m[k])
		}
	}
	list("unknown: calls that map to no IAM action in the catalog (not in the policy; add them by hand if needed)", a.Unknown)
	list("denied: calls refused for lack of permission (not in the policy)", a.Denied)
}
