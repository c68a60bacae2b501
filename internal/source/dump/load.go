// Package dump reads and writes the offline dump: a folder of unmodified
// AWS CLI JSON answers whose paths name the commands that produced them
// (docs/dump-format.md). It is the interop contract between `lambdasec
// collect`, hand-made dumps and `lambdasec scan DIR`.
//
// Reading happens in two steps. Files are read and decoded concurrently into
// answer values that are complete and checked; those are then applied to the
// inventory one by one in a fixed order, so the result never depends on
// which file finished first.
package dump

import (
	"cmp"
	"errors"
	"os"
	"path/filepath"
	"slices"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/source"
)

// FileError is a problem with one file (or folder) of a dump. Its message
// names fields and byte offsets, never the values in the file, which may be
// secrets.
type FileError = source.FileError

// Load reads the dump folder (one account) or multi-account folder
// (subfolders named by 12-digit account id, each a dump) at dir into inv. It
// records in each Account.Collected and Region.Collected which sections were
// present and complete. It returns one *FileError per bad file and keeps
// loading everything else: a bad file's data is dropped and what it would
// have told is left "not collected". It does not call inv.Link; the caller
// does, once every source is loaded.
func Load(inv *inventory.Inventory, dir string) []error {
	dumps, err := findDumps(dir)
	if err != nil {
		return []error{&FileError{Path: dir, Err: unwrapPathError(err)}}
	}
	var errs []error
	var files []*file
	for _, d := range dumps {
		errs = append(errs, d.scan()...)
		files = append(files, d.files()...)
	}
	if !slices.ContainsFunc(dumps, func(d *accountDump) bool { return len(d.groups) > 0 }) {
		return append(errs, &FileError{Path: dir, Err: errNotADump})
	}
	readAll(files)
	for _, f := range files {
		if f.err != nil {
			errs = append(errs, &FileError{Path: f.path, Err: f.err})
		}
	}
	for _, d := range dumps {
		d.apply(inv)
	}
	slices.SortStableFunc(errs, func(a, b error) int { return cmp.Compare(errorPath(a), errorPath(b)) })
	return errs
}

var errNotADump = errors.New("not a dump folder: no AWS CLI answers found (want sts/, iam/, organizations/, REGION/lambda/ … or 12-digit account folders)")

func errorPath(err error) string {
	var fe *FileError
	if errors.As(err, &fe) {
		return fe.Path
	}
	return ""
}

// IsDump reports whether dir looks like a dump or a multi-account dump: it
// has sts/, iam/, organizations/ or a REGION/lambda/ folder, or 12-digit
// subfolders that do.
func IsDump(dir string) bool {
	if isAccountDump(dir) {
		return true
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		sub := filepath.Join(dir, e.Name())
		if isAccountID(e.Name()) && isDir(sub, e) && isAccountDump(sub) {
			return true
		}
	}
	return false
}

// files lists the dump's answer files, the account-wide and list answers
// first: they are the largest, and starting them early keeps every worker
// busy to the end.
func (d *accountDump) files() []*file {
	var big, small []*file
	for _, g := range d.groups {
		if g.cmd.perFolder() {
			small = append(small, g.files...)
		} else {
			big = append(big, g.files...)
		}
	}
	return append(big, small...)
}

// answers returns the decoded answers of one command in one region ("" for
// account-wide ones), ordered by resource and page, and records the section
// in collected when the command's answers are there and whole. A folder of
// per-resource answers counts as collected when it exists; whether one
// resource was covered shows in that resource's fields.
func (d *accountDump) answers(region string, cmd inventory.Section, collected inventory.Sections) []*file {
	g := d.groups[groupKey{region, cmd}]
	if g == nil {
		return nil
	}
	good := d.decoded(region, cmd)
	if g.cmd.perFolder() || (!g.missingPage && len(good) == len(g.files) && len(good) > 0) {
		collected.Add(cmd)
	}
	return good
}

// decoded returns the answers of one command in one region that decoded
// without error, ordered by resource and page.
func (d *accountDump) decoded(region string, cmd inventory.Section) []*file {
	g := d.groups[groupKey{region, cmd}]
	if g == nil {
		return nil
	}
	good := make([]*file, 0, len(g.files))
	for _, f := range g.files {
		if f.err == nil {
			good = append(good, f)
		}
	}
	return good
}

// apply adds the dump's answers to inv: account-wide ones first, then each
// region in name order, each command in the order its data depends on.
func (d *accountDump) apply(inv *inventory.Inventory) {
	if len(d.groups) == 0 {
		return
	}
	a := inv.Account(d.accountID())
	if p := d.partition(); p != "" {
		a.Partition = p
	}
	d.applyCallerIdentity(a)
	d.applyAuthorizationDetails(a)
	d.applyOrganization(a)
	for _, name := range d.regions {
		r := newRegionLoad(d, a.Region(name))
		r.applyFunctions()
		r.applyFunctionAnswers()
		r.applyCodeSigningConfigs()
		r.applyEventSourceMappings()
		r.applyLayers()
		r.applyNetwork()
		r.applyTrails()
		r.applyLogGroups()
		r.applyGuardDuty()
		r.applyECR()
	}
}

// regionLoad applies one region's answers, with the indexes that pair
// per-resource answers with what they describe.
type regionLoad struct {
	d      *accountDump
	region *inventory.Region
	// functions by unqualified ARN and by name, including any the region
	// already held from an earlier Load.
	byARN  map[string]*inventory.Function
	byName map[string]*inventory.Function
	// layersAt holds the layer versions by their LAYER/VERSION path, which
	// pairs each with its get-layer-version-policy answer.
	layersAt map[string]*inventory.LayerVersion
}

func newRegionLoad(d *accountDump, r *inventory.Region) *regionLoad {
	rl := &regionLoad{
		d:        d,
		region:   r,
		byARN:    make(map[string]*inventory.Function, len(r.Functions)),
		byName:   make(map[string]*inventory.Function, len(r.Functions)),
		layersAt: map[string]*inventory.LayerVersion{},
	}
	for _, f := range r.Functions {
		rl.index(f)
	}
	return rl
}

func (r *regionLoad) answers(cmd inventory.Section) []*file {
	return r.d.answers(r.region.Name, cmd, r.region.Collected)
}
