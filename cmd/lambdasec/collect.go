package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	awssrc "github.com/lambdasec/lambdasec/internal/source/aws"
)

func init() { register(newCollectCommand) }

func newCollectCommand(e *env) *cobra.Command {
	var fl awsFlags
	var out string
	var verbose, quiet bool
	cmd := &cobra.Command{
		Use:   "collect --aws --out DIR",
		Short: "Collect a live account or organization into a dump folder",
		Long: `Collect reads AWS with read-only calls (Get*, List*, Describe* and STS) and
writes every answer, exactly as the AWS CLI prints it, to DIR in the dump
layout (docs/dump-format.md). ` + "`lambdasec scan DIR`" + ` then gives the same
findings as ` + "`lambdasec scan --aws`" + `. Calls that fail are listed in
DIR/collection-errors.json (and on standard error with --verbose).

Exit status: 0 complete; 2 usage error or nothing collected; 3 some calls
failed (the rest was collected).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !fl.enabled {
				*e.status = exitUsage
				return errors.New("collect needs --aws (the only source to collect from)")
			}
			if out == "" {
				*e.status = exitUsage
				return errors.New("collect needs --out DIR")
			}
			if quiet && verbose {
				*e.status = exitUsage
				return errors.New("--quiet and --verbose exclude each other")
			}
			opts, err := fl.options(e.stderr, verbose, quiet)
			if err != nil {
				*e.status = exitUsage
				return err
			}
			res, err := awssrc.Collect(context.Background(), opts, out)
			endProgress(e.stderr, opts)
			if err != nil {
				*e.status = exitUsage
				return err
			}
			if !quiet {
				fmt.Fprintf(e.stderr, "lambdasec: collected %d account(s), %d function(s) into %s\n", len(res.Accounts), res.Functions, out)
			}
			if len(res.Failures) > 0 {
				fmt.Fprintf(e.stderr, "lambdasec: %d call(s) failed; see %s/%s\n", len(res.Failures), out, awssrc.ErrorsFile)
				*e.status = exitPartial
			}
			return nil
		},
	}
	f := cmd.Flags()
	fl.add(f)
	f.StringVar(&out, "out", "", "dump folder to write (created if needed)")
	f.BoolVarP(&quiet, "quiet", "q", false, "print nothing on standard error but errors")
	f.BoolVarP(&verbose, "verbose", "v", false, "print each failed call on standard error")
	return cmd
}
