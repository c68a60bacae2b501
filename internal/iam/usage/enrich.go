package usage

import (
	"fmt"
	"strings"
	"time"

	"github.com/lambdasec/lambdasec/internal/cloudtrail"
	"github.com/lambdasec/lambdasec/internal/inventory"
)

// Read reads CloudTrail files under paths and returns the window they
// cover, the activity of every role session in them by lowercase role ARN
// (actions only: ActionUse.ARNs stay empty), and the number of files.
func Read(paths []string) (*Window, map[string]*Activity, int, []error) {
	files, _ := cloudtrail.Files(paths)
	w := &Window{}
	roles := map[string]*Activity{}
	errs := cloudtrail.ReadPaths(paths, func(r *cloudtrail.Record) {
		w.Add(r)
		role := strings.ToLower(r.RoleARN())
		if role == "" {
			return
		}
		a := roles[role]
		if a == nil {
			a = newActionsActivity()
			roles[role] = a
		}
		a.Add(r)
	})
	return w, roles, len(files), errs
}

// Enricher returns a scan step that reads CloudTrail under paths and sets
// Usage on every role of the accounts the logs cover. Roles of other
// accounts keep Usage unknown, so rules report them as not assessed rather
// than as unused.
func Enricher(paths []string) func(inv *inventory.Inventory) []error {
	return func(inv *inventory.Inventory) []error {
		w, roles, files, errs := Read(paths)
		if w.Records == 0 {
			return append(errs, fmt.Errorf("--cloudtrail: no CloudTrail records under %s", strings.Join(paths, ", ")))
		}
		src := fmt.Sprintf("CloudTrail, %d records in %d files", w.Records, files)
		for _, acc := range inv.Accounts {
			if !w.Accounts[acc.ID] {
				continue
			}
			for arn, role := range acc.Roles {
				u := &inventory.RoleUsage{Actions: map[string]time.Time{}, Since: w.Since, Until: w.Until, DataEvents: w.DataEvents, Source: src}
				if a := roles[strings.ToLower(arn)]; a != nil {
					for k, use := range a.Actions {
						u.Actions[k] = use.Last
					}
				}
				role.Usage = inventory.Collected(u)
			}
		}
		return errs
	}
}
