package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/rules"
)

func init() {
	register(newRulesCommand)
	register(newExplainCommand)
}

func newRulesCommand(e *env) *cobra.Command {
	stdout := e.stdout
	var format string
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List every rule",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			all := rules.All()
			switch format {
			case "table":
				tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tSEVERITY\tCATEGORY\tTITLE")
				for _, r := range all {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Severity, r.Category, r.Title)
				}
				return tw.Flush()
			case "json":
				meta := make([]finding.Rule, len(all))
				for i, r := range all {
					meta[i] = r.Rule
				}
				enc := json.NewEncoder(stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(meta)
			default:
				return fmt.Errorf("--format: unknown format %q (want table or json)", format)
			}
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "table", "output format: table|json")
	return cmd
}

func newExplainCommand(e *env) *cobra.Command {
	stdout := e.stdout
	return &cobra.Command{
		Use:   "explain RULE-ID",
		Short: "Describe one rule and how to fix what it finds",
		Args:  cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			r, ok := rules.Lookup(strings.ToUpper(args[0]))
			if !ok {
				return fmt.Errorf("no rule %q; `lambdasec rules` lists them", args[0])
			}
			w := &strings.Builder{}
			fmt.Fprintf(w, "%s  %s\n", r.ID, r.Title)
			fmt.Fprintf(w, "Severity: %s    Category: %s\n\n", r.Severity, r.Category)
			fmt.Fprintf(w, "%s\n\nRemediation:\n  %s\n", r.Description, r.Remediation)
			if len(r.Compliance) > 0 {
				fmt.Fprintf(w, "\nCompliance: %s\n", strings.Join(r.Compliance, ", "))
			}
			if len(r.Needs) > 0 {
				needs := make([]string, len(r.Needs))
				for i, n := range r.Needs {
					needs[i] = string(n)
				}
				fmt.Fprintf(w, "\nReads: %s\n", strings.Join(needs, ", "))
			}
			if len(r.References) > 0 {
				fmt.Fprintln(w, "\nReferences:")
				for _, ref := range r.References {
					fmt.Fprintf(w, "  %s\n", ref)
				}
			}
			_, err := io.WriteString(stdout, w.String())
			return err
		},
	}
}
