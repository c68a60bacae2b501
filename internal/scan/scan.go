// Package scan wires the pipeline together: it reads the inputs into one
// inventory, runs the rules and assembles the report. It holds no rule or
// format knowledge of its own.
package scan

import (
	"errors"
	"fmt"
	"os"
	"sort"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/rules"
	"github.com/lambdasec/lambdasec/internal/source"
	_ "github.com/lambdasec/lambdasec/internal/source/list" // registers every source
)

// Options control one scan.
type Options struct {
	Tool   finding.Tool
	Rules  []*rules.Rule // nil: every registered rule
	Source source.Options
	// Enrich steps run on the loaded, linked inventory before the rules:
	// content scanning, usage from logs, lock files, settings. Each returns
	// input errors (naming files), which do not stop the scan.
	Enrich []func(inv *inventory.Inventory) []error
	// Filters run on the report after the rules, before sorting and
	// summarizing: ignore files, inline suppressions. A filter that drops
	// findings adds their number to Report.Summary.Suppressed.
	Filters []func(r *finding.Report, inv *inventory.Inventory)
}

// Result is a scan's report plus what the caller needs to choose an exit
// status.
type Result struct {
	Report *finding.Report
	// Inventory is the linked inventory that was scanned.
	Inventory *inventory.Inventory
	// Scanned counts the inputs that produced at least some data.
	Scanned int
}

// Run loads every path into one inventory, runs the rules and returns the
// report. Input problems do not stop the scan: they are collected in
// Report.InputErrors and the remaining inputs are scanned.
func Run(paths []string, opts Options) *Result {
	inv := inventory.New()
	rep := &finding.Report{SchemaVersion: finding.SchemaVersion, Tool: opts.Tool, Inputs: paths}
	scanned := 0
	for _, p := range paths {
		before := collected(inv)
		for _, err := range load(inv, p, opts.Source) {
			rep.InputErrors = append(rep.InputErrors, inputError(p, err))
		}
		if collected(inv) > before {
			scanned++
		}
	}
	inv.Link()
	for _, enrich := range opts.Enrich {
		for _, err := range enrich(inv) {
			rep.InputErrors = append(rep.InputErrors, inputError("", err))
		}
	}

	rs := opts.Rules
	if rs == nil {
		rs = rules.All()
	}
	rep.Findings, rep.NotAssessed = rules.Run(inv, rs)
	for _, r := range rs {
		rep.Rules = append(rep.Rules, r.Rule)
	}
	rep.Coverage = coverage(inv)
	for _, filter := range opts.Filters {
		filter(rep, inv)
	}
	rep.Sort()
	rep.Summarize(len(inv.Functions))
	return &Result{Report: rep, Inventory: inv, Scanned: scanned}
}

// load reads one input path with every source that claims it.
func load(inv *inventory.Inventory, path string, opts source.Options) []error {
	if _, err := os.Stat(path); err != nil {
		return []error{err}
	}
	srcs := source.For(path)
	if len(srcs) == 0 {
		return []error{fmt.Errorf("%s: not a lambdasec input: expected a dump folder (see docs/dump-format.md)", path)}
	}
	var errs []error
	for _, s := range srcs {
		errs = append(errs, s.Load(inv, path, opts)...)
	}
	return errs
}

// collected counts the sections collected so far, so that Run can tell an
// input that yielded data from one that only yielded errors.
func collected(inv *inventory.Inventory) int {
	n := 0
	for _, a := range inv.Accounts {
		n += len(a.Collected)
		for _, r := range a.Regions {
			n += len(r.Collected)
		}
	}
	return n
}

func inputError(input string, err error) finding.InputError {
	var fe *source.FileError
	if errors.As(err, &fe) {
		return finding.InputError{Path: fe.Path, Line: fe.Line, Message: fe.Err.Error()}
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return finding.InputError{Path: pe.Path, Message: pe.Err.Error()}
	}
	return finding.InputError{Path: input, Message: err.Error()}
}

// accountSections are what a complete dump holds for every account.
var accountSections = []inventory.Section{
	inventory.SecCallerIdentity, inventory.SecIAM, inventory.SecOrganization,
}

// regionSections are what a complete dump holds for a region. need says
// when a section is expected at all: per-function answers only where there
// are functions, layer versions only where a function references one, event
// selectors only where there are trails. A folder that could hold nothing
// is not "not collected".
var regionSections = []struct {
	section inventory.Section
	need    func(*inventory.Region) bool
}{
	{inventory.SecFunctions, always},
	{inventory.SecFunctionDetails, hasFunctions},
	{inventory.SecFunctionPolicies, hasFunctions},
	{inventory.SecFunctionURLs, hasFunctions},
	{inventory.SecFunctionCodeSigning, hasFunctions},
	{inventory.SecEventInvokeConfigs, hasFunctions},
	{inventory.SecEventSourceMappings, hasFunctions},
	{inventory.SecLayerVersions, usesLayers},
	{inventory.SecVPCs, always},
	{inventory.SecSubnets, always},
	{inventory.SecRouteTables, always},
	{inventory.SecSecurityGroups, always},
	{inventory.SecNetworkACLs, always},
	{inventory.SecVPCEndpoints, always},
	{inventory.SecNATGateways, always},
	{inventory.SecInternetGateways, always},
	{inventory.SecTrails, always},
	{inventory.SecEventSelectors, func(r *inventory.Region) bool { return len(r.Trails) > 0 }},
	{inventory.SecLogGroups, hasFunctions},
	{inventory.SecGuardDuty, always},
}

func always(*inventory.Region) bool         { return true }
func hasFunctions(r *inventory.Region) bool { return len(r.Functions) > 0 }
func usesLayers(r *inventory.Region) bool {
	for _, f := range r.Functions {
		if len(f.Layers) > 0 {
			return true
		}
	}
	return false
}

func coverage(inv *inventory.Inventory) []finding.Coverage {
	var out []finding.Coverage
	for _, a := range inv.Accounts {
		c := scope(a.ID, "", a.Collected)
		for _, s := range accountSections {
			if !a.Collected[s] {
				c.NotCollected = append(c.NotCollected, string(s))
			}
		}
		out = append(out, c)
		for _, r := range a.Regions {
			c := scope(a.ID, r.Name, r.Collected)
			for _, s := range regionSections {
				if !r.Collected[s.section] && s.need(r) {
					c.NotCollected = append(c.NotCollected, string(s.section))
				}
			}
			out = append(out, c)
		}
	}
	return out
}

func scope(account, region string, have inventory.Sections) finding.Coverage {
	c := finding.Coverage{Account: account, Region: region}
	for s := range have {
		c.Collected = append(c.Collected, string(s))
	}
	sort.Strings(c.Collected)
	return c
}
