package iac

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// skipDirs are folders that hold tools' output or downloaded dependencies,
// never the user's own IaC: scanning them would report other people's
// templates and build copies twice.
var skipDirs = map[string]bool{
	"node_modules": true, ".aws-sam": true, ".serverless": true, "cdk.out": true,
	".terraform": true, ".git": true, "vendor": true, ".venv": true, "venv": true,
	"__pycache__": true, ".idea": true, ".vscode": true,
}

// Find walks dir and returns, in lexical order, the files keep accepts,
// skipping build output and dependency folders (node_modules, .aws-sam,
// .serverless, cdk.out, .terraform …), hidden folders and dump folders. keep sees the
// path and should decide cheaply (by name, then by a short read).
func Find(dir string, keep func(path string) bool) ([]string, error) {
	return find(dir, keep, false)
}

// errFound stops a walk at the first match.
var errFound = errors.New("found")

// Claims reports whether path is a file that keep accepts, or a folder
// holding one below it (with Find's skipping rules). It stops at the first
// match: every source asks it for every path, so a large repository must
// not be walked in full just to answer yes.
func Claims(path string, keep func(path string) bool) bool {
	st, err := os.Stat(path)
	if err != nil {
		return false
	}
	if !st.IsDir() {
		return keep(path)
	}
	found, _ := find(path, keep, true)
	return len(found) > 0
}

func find(dir string, keep func(path string) bool, first bool) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if p != dir && (skipDirs[name] || (len(name) > 1 && name[0] == '.')) {
				return filepath.SkipDir
			}
			if isDump(p) {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() && keep(p) {
			out = append(out, p)
			if first {
				return errFound
			}
		}
		return nil
	})
	if errors.Is(err, errFound) {
		err = nil
	}
	return out, err
}

// dumpMarkers are files only a dump folder (docs/dump-format.md) holds:
// its thousands of AWS CLI answers are never IaC and not worth sniffing.
var dumpMarkers = []string{
	filepath.Join("sts", "get-caller-identity.json"),
	filepath.Join("iam", "get-account-authorization-details.json"),
	filepath.Join("lambda", "list-functions.json"),
}

func isDump(dir string) bool {
	for _, m := range dumpMarkers {
		if _, err := os.Stat(filepath.Join(dir, m)); err == nil {
			return true
		}
	}
	return false
}
