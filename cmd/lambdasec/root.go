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

// env is what every subcommand shares: the output streams and the exit
// status it sets.
type env struct {
	stdout, stderr io.Writer
	status         *int
}

// commands holds the subcommand constructors; each command's file adds its
// own in init, so a new command is one new file.
var commands []func(*env) *cobra.Command

func register(c func(*env) *cobra.Command) { commands = append(commands, c) }

func init() {
	register(func(e *env) *cobra.Command {
		return &cobra.Command{
			Use:   "version",
			Short: "Print the version",
			Args:  cobra.NoArgs,
			RunE: func(*cobra.Command, []string) error {
				_, err := fmt.Fprintln(e.stdout, "lambdasec", toolVersion())
				return err
			},
		}
	})
}

func newRootCommand(stdout, stderr io.Writer) (*cobra.Command, *int) {
	status := exitOK
	e := &env{stdout: stdout, stderr: stderr, status: &status}
	root := &cobra.Command{
		Use:           "lambdasec",
		Short:         "Audit the security of AWS Lambda functions",
		Long:          "lambdasec audits AWS Lambda functions: execution roles, exposure, secrets,\nsupply chain, network and logging, from a dump of AWS CLI answers.",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	for _, c := range commands {
		root.AddCommand(c(e))
	}
	return root, &status
}
