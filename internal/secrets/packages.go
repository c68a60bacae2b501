package secrets

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/source"
)

// PackageOptions configure ScanPackages.
type PackageOptions struct {
	// Dirs are folders of package zips: a dump's packages/ folder and any
	// --packages folder.
	Dirs    []string
	Limits  Limits
	Workers int // 0: GOMAXPROCS
}

var hexName = regexp.MustCompile(`^[0-9a-f]{64}$`)

// PackageDirs returns the packages/ folders of the given inputs: a dump
// folder's own, or those of the account folders of a multi-account dump.
func PackageDirs(inputs []string) []string {
	var out []string
	for _, in := range inputs {
		for _, cand := range append([]string{filepath.Join(in, "packages")}, glob(filepath.Join(in, "*", "packages"))...) {
			if st, err := os.Stat(cand); err == nil && st.IsDir() {
				out = append(out, cand)
			}
		}
	}
	return out
}

func glob(p string) []string {
	m, _ := filepath.Glob(p) // the only error is a malformed pattern, and ours is fixed
	return m
}

// CodeKey turns a CodeSha256 as Lambda reports it (base64 of the digest)
// into the lower-case hex that names package files. A value already in
// hex is accepted too.
func CodeKey(codeSha256 string) string {
	if hexName.MatchString(strings.ToLower(codeSha256)) {
		return strings.ToLower(codeSha256)
	}
	b, err := base64.StdEncoding.DecodeString(codeSha256)
	if err != nil || len(b) != sha256.Size {
		return ""
	}
	return hex.EncodeToString(b)
}

// ScanPackages finds the archive of every zip function and every layer
// version by its SHA-256, scans each archive once, and attaches the result
// to the inventory (Function.Package, LayerVersion.Content). Functions and
// layers without an archive stay unknown, so rules report them as not
// assessed. Errors name the archive that could not be read.
func ScanPackages(inv *inventory.Inventory, opts PackageOptions) []error {
	files, errs := indexArchives(opts.Dirs)
	if len(files) == 0 {
		return errs
	}
	want := map[string]bool{}
	for _, f := range inv.Functions {
		if k := CodeKey(f.CodeSha256); k != "" && files[k] != "" && f.PackageType != "Image" {
			want[k] = true
		}
	}
	forEachLayer(inv, func(l *inventory.LayerVersion) {
		if k := CodeKey(l.CodeSha256); k != "" && files[k] != "" {
			want[k] = true
		}
	})
	keys := make([]string, 0, len(want))
	for k := range want {
		keys = append(keys, k)
	}
	sort.Strings(keys)

	results := make([]*inventory.ContentScan, len(keys))
	scanErrs := make([]error, len(keys))
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	sc := NewScanner(nil, opts.Limits)
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				res, err := sc.ScanFile(files[keys[i]])
				if err != nil {
					scanErrs[i] = &source.FileError{Path: files[keys[i]], Err: err}
				}
				results[i] = res
			}
		}()
	}
	for i := range keys {
		next <- i
	}
	close(next)
	wg.Wait()

	byKey := map[string]*inventory.ContentScan{}
	for i, k := range keys {
		if results[i] != nil {
			byKey[k] = results[i]
		}
		if scanErrs[i] != nil {
			errs = append(errs, scanErrs[i])
		}
	}
	for _, f := range inv.Functions {
		if r := byKey[CodeKey(f.CodeSha256)]; r != nil && f.PackageType != "Image" {
			f.Package = inventory.Collected(r)
		}
	}
	forEachLayer(inv, func(l *inventory.LayerVersion) {
		if r := byKey[CodeKey(l.CodeSha256)]; r != nil {
			l.Content = inventory.Collected(r)
		}
	})
	return errs
}

func forEachLayer(inv *inventory.Inventory, fn func(*inventory.LayerVersion)) {
	for _, a := range inv.Accounts {
		for _, r := range a.Regions {
			for _, l := range r.Layers {
				fn(l)
			}
		}
	}
}

// indexArchives maps the hex SHA-256 of every .zip in dirs to its path.
// Files named <hex sha256>.zip or NAME-<hex sha256>.zip (what `lambdasec
// collect` writes, after checking the hash) are trusted to be what they
// say; any other name is hashed, so a folder of zips downloaded by hand
// works too.
func indexArchives(dirs []string) (map[string]string, []error) {
	files := map[string]string{}
	var errs []error
	for _, d := range dirs {
		ents, err := os.ReadDir(d)
		if err != nil {
			errs = append(errs, &source.FileError{Path: d, Err: err})
			continue
		}
		for _, e := range ents {
			name := e.Name()
			if e.IsDir() || !strings.EqualFold(filepath.Ext(name), ".zip") {
				continue
			}
			p := filepath.Join(d, name)
			key := hashInName(name)
			if key == "" {
				if key, err = hashFile(p); err != nil {
					errs = append(errs, &source.FileError{Path: p, Err: err})
					continue
				}
			}
			if _, dup := files[key]; !dup {
				files[key] = p
			}
		}
	}
	return files, errs
}

// hashInName returns the lower-case hex SHA-256 that ends a package file
// name, or "".
func hashInName(name string) string {
	base := strings.ToLower(strings.TrimSuffix(name, filepath.Ext(name)))
	if i := strings.LastIndexByte(base, '-'); i >= 0 {
		base = base[i+1:]
	}
	if hexName.MatchString(base) {
		return base
	}
	return ""
}

func hashFile(p string) (string, error) {
	f, err := os.Open(p)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("hashing: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
