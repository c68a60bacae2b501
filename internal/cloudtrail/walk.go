package cloudtrail

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
)

// Files lists the CloudTrail files under paths. A path naming a file is
// always included; directories are walked for *.json and *.json.gz files,
// skipping CloudTrail-Digest folders (integrity digests, not events).
// Problems are returned with the path they concern; the rest is listed.
func Files(paths []string) ([]string, []error) {
	var files []string
	var errs []error
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			errs = append(errs, &Error{File: p, Err: err})
			continue
		}
		if !fi.IsDir() {
			files = append(files, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, &Error{File: path, Err: err})
				return nil
			}
			if d.IsDir() {
				if d.Name() == "CloudTrail-Digest" {
					return filepath.SkipDir
				}
				return nil
			}
			if n := strings.ToLower(d.Name()); strings.HasSuffix(n, ".json") || strings.HasSuffix(n, ".json.gz") {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			errs = append(errs, &Error{File: p, Err: err})
		}
	}
	sort.Strings(files)
	return files, errs
}

// ReadPaths reads every CloudTrail file under paths (see Files), several
// files at a time, and calls fn for every record. Calls to fn are
// serialized, so fn needs no locking; record order across files is not
// defined. Errors name their file; a bad file does not stop the others.
func ReadPaths(paths []string, fn func(*Record)) []error {
	files, errs := Files(paths)
	var (
		mu   sync.Mutex
		wg   sync.WaitGroup
		work = make(chan string)
	)
	locked := func(r *Record) {
		mu.Lock()
		defer mu.Unlock()
		fn(r)
	}
	for range min(runtime.GOMAXPROCS(0), max(len(files), 1)) {
		wg.Go(func() {
			for f := range work {
				fileErrs := ReadFile(f, locked)
				mu.Lock()
				errs = append(errs, fileErrs...)
				mu.Unlock()
			}
		})
	}
	for _, f := range files {
		work <- f
	}
	close(work)
	wg.Wait()
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Error() < errs[j].Error() })
	return errs
}
