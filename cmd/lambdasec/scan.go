package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/report"
	"github.com/lambdasec/lambdasec/internal/rules"
	"github.com/lambdasec/lambdasec/internal/scan"
)

type scanFlags struct {
	format   string
	output   string
	severity string
	failOn   string
	quiet    bool
	verbose  bool
	warnDays int
	asOf     string
}

func init() { register(newScanCommand) }

// scanRequest is what a scan runs on; flag groups in other files adjust it
// once flags are parsed.
type scanRequest struct {
	Paths   []string
	Options scan.Options
	Stderr  io.Writer
	Quiet   bool
	Verbose bool
	// Cleanup runs after the scan, e.g. to remove a temporary folder.
	Cleanup []func()
}

// scanExtension is a group of scan flags that lives in its own file
// (template parameters, live collection, lock files …): add defines the
// flags, apply turns their parsed values into the request.
type scanExtension struct {
	add   func(*pflag.FlagSet)
	apply func(*scanRequest) error
}

var scanExtensions []scanExtension

// extendScan adds a flag group to `lambdasec scan`; call it from init.
func extendScan(add func(*pflag.FlagSet), apply func(*scanRequest) error) {
	scanExtensions = append(scanExtensions, scanExtension{add, apply})
}

func newScanCommand(e *env) *cobra.Command {
	var fl scanFlags
	cmd := &cobra.Command{
		Use:   "scan [PATH...]",
		Short: "Scan live accounts, dump folders or infrastructure-as-code",
		Long: `Scan reads each PATH (or, with --aws, the live account or organization)
and reports findings.

A PATH is a dump folder of AWS CLI answers (see docs/dump-format.md), a
folder holding one such folder per account, a CloudFormation/SAM template,
a serverless.yml, a Terraform directory or plan JSON, or a folder of
templates. With no PATH and no --aws, the infrastructure-as-code in the
current directory is scanned.

Exit status: 0 no finding at or above --fail-on; 1 a finding at or above
--fail-on; 2 usage error or no input could be read; 3 some inputs could not
be read or some live calls failed (the rest was scanned and reported, the
gaps are listed as input errors).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := runScan(args, fl, e.stdout, e.stderr)
			*e.status = st
			return err
		},
	}
	f := cmd.Flags()
	f.StringVarP(&fl.format, "format", "f", "table", "output format: "+joinFormats())
	f.StringVarP(&fl.output, "output", "o", "", "write the report to FILE instead of standard output")
	f.StringVar(&fl.severity, "severity", "info", "report only findings at or above this severity (info|low|medium|high|critical)")
	f.StringVar(&fl.failOn, "fail-on", "", "exit 1 when a finding at or above this severity remains (info|low|medium|high|critical)")
	f.IntVar(&fl.warnDays, "runtime-warning-days", rules.RuntimeWarningDays, "report runtimes deprecated within this many days (LAMBDA-CFG-001)")
	f.StringVar(&fl.asOf, "as-of", "", "judge dates (runtime deprecation) as of this day, YYYY-MM-DD, for reproducible reports; default today")
	f.BoolVarP(&fl.quiet, "quiet", "q", false, "print nothing on standard error but errors")
	f.BoolVarP(&fl.verbose, "verbose", "v", false, "also print coverage and not-assessed details on standard error")
	for _, x := range scanExtensions {
		x.add(f)
	}
	return cmd
}

func runScan(args []string, fl scanFlags, stdout, stderr io.Writer) (int, error) {
	minSev, err := finding.ParseSeverity(fl.severity)
	if err != nil {
		return exitUsage, fmt.Errorf("--severity: %w", err)
	}
	var failOn *finding.Severity
	if fl.failOn != "" {
		s, err := finding.ParseSeverity(fl.failOn)
		if err != nil {
			return exitUsage, fmt.Errorf("--fail-on: %w", err)
		}
		failOn = &s
	}
	if fl.warnDays < 0 {
		return exitUsage, fmt.Errorf("--runtime-warning-days must not be negative")
	}
	rules.RuntimeWarningDays = fl.warnDays
	if fl.asOf != "" {
		day, err := time.Parse(time.DateOnly, fl.asOf)
		if err != nil {
			return exitUsage, fmt.Errorf("--as-of: want YYYY-MM-DD, got %q", fl.asOf)
		}
		rules.Now = func() time.Time { return day }
	}
	if fl.quiet && fl.verbose {
		return exitUsage, fmt.Errorf("--quiet and --verbose exclude each other")
	}
	color := fl.output == "" && isTerminal(stdout) && os.Getenv("NO_COLOR") == ""
	rep, err := report.New(fl.format, report.Options{Color: color})
	if err != nil {
		return exitUsage, err
	}
	req := &scanRequest{
		Paths:   args,
		Options: scan.Options{Tool: finding.Tool{Name: "lambdasec", Version: toolVersion(), URI: "https://github.com/lambdasec/lambdasec"}},
		Stderr:  stderr,
		Quiet:   fl.quiet,
		Verbose: fl.verbose,
	}
	defer func() {
		for _, c := range req.Cleanup {
			c()
		}
	}()
	for _, x := range scanExtensions {
		if err := x.apply(req); err != nil {
			return exitUsage, err
		}
	}
	if len(req.Paths) == 0 {
		req.Paths = []string{"."}
	}

	res := scan.Run(req.Paths, req.Options)
	r := res.Report
	r.Filter(minSev)
	r.Summarize(len(res.Inventory.Functions))

	for _, e := range r.InputErrors {
		fmt.Fprintln(stderr, "lambdasec: error:", e.Error())
	}
	if fl.verbose {
		printDetails(stderr, r)
	}
	if res.Scanned == 0 {
		return exitUsage, fmt.Errorf("no input could be scanned")
	}

	if err := writeReport(rep, r, fl.output, stdout); err != nil {
		return exitUsage, err
	}
	if !fl.quiet && fl.output != "" {
		fmt.Fprintf(stderr, "lambdasec: wrote %d findings to %s\n", len(r.Findings), fl.output)
	}

	if max, any := r.Max(); failOn != nil && any && max >= *failOn {
		return exitFindings, nil
	}
	if len(r.InputErrors) > 0 {
		return exitPartial, nil
	}
	return exitOK, nil
}

// writeReport renders to the output file (atomically, so a failed run never
// leaves half a report behind) or to stdout.
func writeReport(rep report.Reporter, r *finding.Report, path string, stdout io.Writer) error {
	if path == "" {
		w := bufio.NewWriter(stdout)
		if err := rep.Write(w, r); err != nil {
			return err
		}
		return w.Flush()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".lambdasec-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriter(tmp)
	if err := rep.Write(w, r); err != nil {
		tmp.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// printDetails writes coverage and not-assessed records for --verbose.
func printDetails(w io.Writer, r *finding.Report) {
	for _, c := range r.Coverage {
		scope := c.Account
		if c.Region != "" {
			scope += "/" + c.Region
		}
		if len(c.NotCollected) > 0 {
			fmt.Fprintf(w, "lambdasec: coverage %s: not collected: %v\n", scope, c.NotCollected)
		}
	}
	for _, n := range r.NotAssessed {
		fmt.Fprintf(w, "lambdasec: not assessed: %s on %s: %s\n", n.RuleID, n.Resource.Key(), n.Reason)
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func joinFormats() string {
	s := ""
	for i, n := range report.Formats() {
		if i > 0 {
			s += "|"
		}
		s += n
	}
	return s
}
