package main

import (
	"fmt"
	"io"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3";
// otherwise the module version recorded by `go install` is used.
var version = ""

func toolVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

func newRootCommand(stdout, stderr io.Writer) (*cobra.Command, *int) {
	status := exitOK
	root := &cobra.Command{
		Use:           "lambdasec",
		Short:         "Audit the security of AWS Lambda functions",
		Long:          "lambdasec audits AWS Lambda functions: execution roles, exposure, secrets,\nsupply chain, network and logging, from a dump of AWS CLI answers.",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(
		newScanCommand(stdout, stderr, &status),
		newRulesCommand(stdout),
		newExplainCommand(stdout),
		&cobra.Command{
			Use:   "version",
			Short: "Print the version",
			Args:  cobra.NoArgs,
			RunE: func(*cobra.Command, []string) error {
				_, err := fmt.Fprintln(stdout, "lambdasec", toolVersion())
				return err
			},
		},
	)
	return root, &status
}
