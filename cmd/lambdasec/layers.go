package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/lambdasec/lambdasec/internal/config"
	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/rules"
	"github.com/lambdasec/lambdasec/internal/scan"
)

func init() {
	register(func(e *env) *cobra.Command {
		var format, configFile string
		cmd := &cobra.Command{
			Use:   "layers [PATH...]",
			Short: "List the layer versions the functions use: publisher, extension, hash, policy",
			Long: `Layers reads each PATH (dump folders, like scan) and lists every layer
version a function uses: who publishes it (scanned account, organization,
AWS product, trusted in the config, or third party), whether it is an
extension, its content hash, size and runtimes, its layer-version policy
and the functions that use it. See docs/trusted-layer-publishers.md.`,
			RunE: func(cmd *cobra.Command, args []string) error {
				st, err := runLayers(args, format, configFile, e)
				*e.status = st
				return err
			},
		}
		cmd.Flags().StringVarP(&format, "format", "f", "table", "output format: table|json")
		cmd.Flags().StringVar(&configFile, "config", "", "settings `FILE` with trusted_accounts; default ./lambdasec.yaml or ./lambdasec.json when present")
		return cmd
	})
}

func runLayers(paths []string, format, configFile string, e *env) (int, error) {
	if format != "table" && format != "json" {
		return exitUsage, fmt.Errorf("--format: unknown format %q (want table or json)", format)
	}
	opts := scan.Options{Rules: []*rules.Rule{}, Tool: finding.Tool{Name: "lambdasec", Version: toolVersion()}}
	if configFile == "" {
		configFile = defaultConfig()
	}
	if configFile != "" {
		c, err := config.Load(configFile)
		if err != nil {
			return exitUsage, err
		}
		opts.Enrich = append(opts.Enrich, func(inv *inventory.Inventory) []error {
			c.Apply(&inv.Settings)
			return nil
		})
	}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	res := scan.Run(paths, opts)
	for _, ie := range res.Report.InputErrors {
		fmt.Fprintln(e.stderr, "lambdasec: error:", ie.Error())
	}
	if res.Scanned == 0 {
		return exitUsage, fmt.Errorf("no input could be read")
	}
	layers := rules.LayerInventory(res.Inventory)
	var err error
	if format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(layers)
	} else {
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "LAYER VERSION\tPUBLISHER\tEXTENSION\tCODE SHA-256\tSIZE\tPOLICY\tFUNCTIONS")
		for _, l := range layers {
			name := l.ARN
			if l.Name != "" {
				name = fmt.Sprintf("%s:%s (%s, %s)", l.Name, l.Version, l.Account, l.Region)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", name, l.Publisher, yesNo(l.Extension),
				dash(l.CodeSha256), size(l.CodeSize), l.Policy, strings.Join(shortNames(l.Functions), ", "))
		}
		err = tw.Flush()
	}
	if err != nil {
		return exitUsage, err
	}
	if len(res.Report.InputErrors) > 0 {
		return exitPartial, nil
	}
	return exitOK, nil
}

// shortNames turns function keys (ARNs) into function names for the table.
func shortNames(keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		if _, name, ok := strings.Cut(k, ":function:"); ok {
			k = name
		}
		out[i] = k
	}
	return out
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func size(n int64) string {
	if n == 0 {
		return "-"
	}
	return fmt.Sprintf("%d", n)
}
