package dump

import (
	"cmp"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/lambdasec/lambdasec/internal/inventory"
)

// accountDump is one account's dump folder and the answers found in it.
type accountDump struct {
	dir        string
	folderName string // the folder's own name: an account id in a multi-account dump
	groups     map[groupKey]*group
	regions    []string // region folders holding at least one answer, sorted
}

// groupKey names the answers of one command in one region ("" for the
// account-wide commands).
type groupKey struct {
	region  string
	command inventory.Section
}

// group is every answer file of one command in one region.
type group struct {
	cmd   *command
	files []*file // by resource, then page
	// missingPage is set when a split answer lacks a page: what was read is
	// loaded, but the section is incomplete and not marked collected.
	missingPage bool
}

// file is one answer file and, once read, its decoded answer or error.
type file struct {
	path     string // as named in errors: the dump folder joined with the relative path
	cmd      *command
	resource string // NAME of a per-resource file, LAYER/VERSION of a layer version
	page     int
	answer   any
	err      error
}

// accountServices are the top-level folders of account-wide answers.
var accountServices = map[string]bool{"sts": true, "iam": true, "organizations": true}

// regionalServices are the folders a region folder may hold.
var regionalServices = map[string]bool{"lambda": true, "ec2": true, "cloudtrail": true, "logs": true, "guardduty": true}

// findDumps returns the account dumps under dir: dir itself when it looks
// like a dump, and every 12-digit subfolder that does. When neither, dir is
// still scanned as one dump so that partial dumps (say, only ec2 answers)
// load; if it holds no answer at all the caller reports that.
func findDumps(dir string) ([]*accountDump, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var dumps []*accountDump
	if isAccountDump(dir) {
		dumps = append(dumps, newAccountDump(dir))
	}
	for _, e := range entries {
		sub := filepath.Join(dir, e.Name())
		if isAccountID(e.Name()) && isDir(sub, e) && isAccountDump(sub) {
			dumps = append(dumps, newAccountDump(sub))
		}
	}
	if len(dumps) == 0 {
		dumps = append(dumps, newAccountDump(dir))
	}
	return dumps, nil
}

func newAccountDump(dir string) *accountDump {
	name := filepath.Base(dir)
	if abs, err := filepath.Abs(dir); err == nil {
		name = filepath.Base(abs)
	}
	return &accountDump{dir: dir, folderName: name, groups: map[groupKey]*group{}}
}

// isAccountDump reports whether dir holds one account's dump.
func isAccountDump(dir string) bool {
	for s := range accountServices {
		if st, err := os.Stat(filepath.Join(dir, s)); err == nil && st.IsDir() {
			return true
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if !isRegion(e.Name()) {
			continue
		}
		if st, err := os.Stat(filepath.Join(dir, e.Name(), "lambda")); err == nil && st.IsDir() {
			return true
		}
	}
	return false
}

// scan finds the answer files of the dump. It returns the folders it could
// not read and the missing pages of split answers.
func (d *accountDump) scan() []error {
	entries, err := os.ReadDir(d.dir)
	if err != nil {
		return []error{&FileError{Path: d.dir, Err: unwrapPathError(err)}}
	}
	var errs []error
	for _, e := range entries {
		name := e.Name()
		if !isDir(filepath.Join(d.dir, name), e) {
			continue
		}
		switch {
		case accountServices[name]:
			errs = append(errs, d.scanService("", name)...)
		case isRegion(name):
			services, err := os.ReadDir(filepath.Join(d.dir, name))
			if err != nil {
				errs = append(errs, &FileError{Path: filepath.Join(d.dir, name), Err: unwrapPathError(err)})
				continue
			}
			for _, s := range services {
				if regionalServices[s.Name()] && isDir(filepath.Join(d.dir, name, s.Name()), s) {
					errs = append(errs, d.scanService(name, s.Name())...)
				}
			}
		}
	}
	for key, g := range d.groups {
		slices.SortFunc(g.files, func(a, b *file) int {
			return cmp.Or(strings.Compare(a.resource, b.resource), cmp.Compare(a.page, b.page))
		})
		if g.cmd.layout == pages {
			errs = append(errs, d.checkPages(key, g)...)
		}
		if key.region != "" && !slices.Contains(d.regions, key.region) {
			d.regions = append(d.regions, key.region)
		}
	}
	slices.Sort(d.regions)
	return errs
}

// scanService records the answers in one service folder (REGION/lambda,
// iam, …).
func (d *accountDump) scanService(region, service string) []error {
	dir := filepath.Join(d.dir, region, service)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return []error{&FileError{Path: dir, Err: unwrapPathError(err)}}
	}
	var errs []error
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if isDir(p, e) {
			cmd := commands[inventory.Section(service+"/"+e.Name())]
			if cmd == nil || cmd.regional != (region != "") || !cmd.perFolder() {
				continue
			}
			g := d.group(region, cmd)
			if err := d.scanResources(g, p); err != nil {
				errs = append(errs, err)
			}
			continue
		}
		base, page, ok := parsePageName(e.Name())
		if !ok {
			continue
		}
		cmd := commands[inventory.Section(service+"/"+base)]
		if cmd == nil || cmd.regional != (region != "") || cmd.perFolder() || (page > 1 && cmd.layout != pages) {
			continue
		}
		g := d.group(region, cmd)
		g.files = append(g.files, &file{path: p, cmd: cmd, page: page})
	}
	return errs
}

// scanResources records the per-resource answers in a command's folder:
// NAME.json, or LAYER/VERSION.json for layer versions.
func (d *accountDump) scanResources(g *group, dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return &FileError{Path: dir, Err: unwrapPathError(err)}
	}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if g.cmd.layout == perLayerVersion {
			if !isDir(p, e) {
				continue
			}
			versions, err := os.ReadDir(p)
			if err != nil {
				return &FileError{Path: p, Err: unwrapPathError(err)}
			}
			for _, v := range versions {
				version, ok := strings.CutSuffix(v.Name(), ".json")
				vp := filepath.Join(p, v.Name())
				if ok && isVersion(version) && !isDir(vp, v) {
					g.files = append(g.files, &file{path: vp, cmd: g.cmd, resource: e.Name() + "/" + version, page: 1})
				}
			}
			continue
		}
		name, ok := strings.CutSuffix(e.Name(), ".json")
		if ok && name != "" && !isDir(p, e) {
			g.files = append(g.files, &file{path: p, cmd: g.cmd, resource: name, page: 1})
		}
	}
	return nil
}

func (d *accountDump) group(region string, cmd *command) *group {
	key := groupKey{region, cmd.name}
	g := d.groups[key]
	if g == nil {
		g = &group{cmd: cmd}
		d.groups[key] = g
	}
	return g
}

// checkPages reports the pages missing from a split answer: pages 1..N must
// all be there for the answer to be complete.
func (d *accountDump) checkPages(key groupKey, g *group) []error {
	var errs []error
	want := 1
	for _, f := range g.files {
		for ; want < f.page; want++ {
			g.missingPage = true
			errs = append(errs, &FileError{
				Path: filepath.Join(d.dir, filepath.FromSlash(pagePath(key, want))),
				Err:  fmt.Errorf("missing page %d of a split answer (page %d exists)", want, f.page),
			})
		}
		want = f.page + 1
	}
	return errs
}

// pagePath is the relative path of one page of a group's answer.
func pagePath(key groupKey, page int) string {
	if key.region == "" {
		return AccountPath(key.command, page)
	}
	return RegionPath(key.region, key.command, page)
}

// parsePageName splits "name.json" into ("name", 1) and "name.3.json" into
// ("name", 3).
func parsePageName(fileName string) (base string, page int, ok bool) {
	base, ok = strings.CutSuffix(fileName, ".json")
	if !ok || base == "" {
		return "", 0, false
	}
	if i := strings.LastIndexByte(base, '.'); i >= 0 {
		n, err := strconv.Atoi(base[i+1:])
		if err != nil || n < 2 || strconv.Itoa(n) != base[i+1:] {
			return "", 0, false
		}
		return base[:i], n, true
	}
	return base, 1, true
}

// isVersion reports whether s is a layer version number.
func isVersion(s string) bool {
	n, err := strconv.ParseInt(s, 10, 64)
	return err == nil && n > 0 && strconv.FormatInt(n, 10) == s
}

// isDir reports whether the entry at p is a folder, following symbolic
// links so that dumps assembled from links load like copies.
func isDir(p string, e fs.DirEntry) bool {
	if e.Type()&fs.ModeSymlink != 0 {
		st, err := os.Stat(p)
		return err == nil && st.IsDir()
	}
	return e.IsDir()
}

// unwrapPathError drops the path from an *fs.PathError: FileError names it.
func unwrapPathError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}
