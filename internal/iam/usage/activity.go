package usage

import (
	"sort"
	"strings"
	"time"

	"github.com/lambdasec/lambdasec/internal/cloudtrail"
	"github.com/lambdasec/lambdasec/internal/iam/catalog"
)

// Window describes the logs read, whoever made the calls.
type Window struct {
	Since, Until time.Time
	Records      int
	DataEvents   bool            // any record of category Data
	Accounts     map[string]bool // recipient accounts seen
}

// Add widens the window to cover r.
func (w *Window) Add(r *cloudtrail.Record) {
	w.Records++
	if !r.EventTime.IsZero() {
		if w.Since.IsZero() || r.EventTime.Before(w.Since) {
			w.Since = r.EventTime
		}
		if r.EventTime.After(w.Until) {
			w.Until = r.EventTime
		}
	}
	if strings.EqualFold(r.EventCategory, "Data") {
		w.DataEvents = true
	}
	if w.Accounts == nil {
		w.Accounts = map[string]bool{}
	}
	if a := r.RecipientAccountID; a != "" {
		w.Accounts[a] = true
	}
}

// ActionUse is one IAM action an identity exercised.
type ActionUse struct {
	Action catalog.Action
	Calls  int
	Last   time.Time
	// ARNs are the resources the calls named, of types the action supports.
	ARNs map[string]bool
	// Unscoped is set when some call named no such resource, so the
	// action cannot be narrowed below "*".
	Unscoped bool
}

// Activity is what one identity was seen doing.
type Activity struct {
	Calls   int
	Actions map[string]*ActionUse // by action, catalog casing
	Unknown map[string]int        // calls that map to no catalog action, by "source:EventName"
	Denied  map[string]int        // calls refused by authorization, by action

	seen     map[string]bool   // event ids, so overlapping inputs count a call once
	types    map[string]string // resource type of each ARN seen, see scopedARNs
	actsOnly bool              // skip resource extraction: callers that need only the actions
}

// NewActivity returns an empty Activity that records actions and the
// resources their calls named.
func NewActivity() *Activity {
	return &Activity{Actions: map[string]*ActionUse{}, Unknown: map[string]int{}, Denied: map[string]int{}, seen: map[string]bool{}, types: map[string]string{}}
}

// newActionsActivity returns an Activity that records actions only, which
// is all the unused-permission rule needs and much cheaper on large logs.
func newActionsActivity() *Activity {
	a := NewActivity()
	a.actsOnly = true
	return a
}

// Add records one call. Calls refused with an authorization error are kept
// apart: they show what the identity lacks, not what it uses. Calls that
// failed for other reasons (NoSuchKey, throttling) passed authorization and
// count as use.
// The same event read twice (a trail's files and lookup-events output) is
// counted once.
func (a *Activity) Add(r *cloudtrail.Record) {
	if r.EventID != "" {
		if a.seen[r.EventID] {
			return
		}
		a.seen[r.EventID] = true
	}
	a.Calls++
	acts, unknown := Actions(r)
	if unknown != "" {
		a.Unknown[unknown]++
		return
	}
	for _, act := range acts {
		key := act.String()
		if denied(r) {
			a.Denied[key]++
			continue
		}
		u := a.Actions[key]
		if u == nil {
			u = &ActionUse{Action: act, ARNs: map[string]bool{}}
			a.Actions[key] = u
		}
		u.Calls++
		if r.EventTime.After(u.Last) {
			u.Last = r.EventTime
		}
		if len(act.ResourceTypes) == 0 || a.actsOnly {
			continue
		}
		arns := scopedARNs(r, act, a.types)
		if len(arns) == 0 {
			u.Unscoped = true
		}
		for _, arn := range arns {
			u.ARNs[arn] = true
		}
	}
}

// Sorted returns the exercised actions ordered by service then name.
func (a *Activity) Sorted() []*ActionUse {
	out := make([]*ActionUse, 0, len(a.Actions))
	for _, u := range a.Actions {
		out = append(out, u)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Action.String() < out[j].Action.String() })
	return out
}

// RoleSession reports whether r was made with a session of the role named
// by roleARNOrName (a role ARN, or a role name matched against the
// session issuer's name).
func RoleSession(r *cloudtrail.Record, roleARNOrName string) bool {
	issuer := r.RoleARN()
	if issuer == "" {
		return false
	}
	if strings.HasPrefix(roleARNOrName, "arn:") {
		return strings.EqualFold(issuer, roleARNOrName)
	}
	return strings.EqualFold(issuer[strings.LastIndex(issuer, "/")+1:], roleARNOrName)
}
