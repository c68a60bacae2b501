package rules

import (
	"fmt"
	"time"

	"github.com/lambdasec/lambdasec/internal/inventory"
)

// Now is the clock date-aware rules judge against. The CLI may pin it for a
// reproducible report; tests always pin it. Set it before rules run, never
// while they run.
var Now = time.Now

// today is Now's calendar day in UTC, the granularity of AWS's published
// dates.
func today() time.Time {
	return Now().UTC().Truncate(24 * time.Hour)
}

// daysBetween counts whole days from a to b (negative when b is earlier).
func daysBetween(a, b time.Time) int {
	return int(b.Sub(a).Hours() / 24)
}

// regionHas reports whether section s was collected in the function's
// region. Functions read from infrastructure-as-code have no collected
// sections at all.
func regionHas(f *inventory.Function, s inventory.Section) bool {
	return f.Region != nil && f.Region.Has(s)
}

// notCollected says which section is missing where, for "not assessed"
// reasons.
func notCollected(f *inventory.Function, s inventory.Section) string {
	if f.Region == nil {
		return fmt.Sprintf("%s is not part of this input", s)
	}
	if f.Region.Account != nil {
		return fmt.Sprintf("%s was not collected in account %s, region %s", s, f.Region.Account.ID, f.Region.Name)
	}
	return fmt.Sprintf("%s was not collected in region %s", s, f.Region.Name)
}
