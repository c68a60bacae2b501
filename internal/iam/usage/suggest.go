package usage

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/lambdasec/lambdasec/internal/policy"
)

// Suggest builds a least-privilege identity policy from observed activity:
// one Allow statement per service and resource set, actions and resources
// sorted, so the same logs always give the same policy. An action is scoped
// to the ARNs its calls named when it supports resource-level permissions
// and every call named one; otherwise it gets "*". S3 object ARNs are
// widened to their bucket's common key prefix, since a function reads and
// writes new keys on every run (see widenObjects).
func Suggest(a *Activity) *policy.Document {
	type group struct {
		service   string
		resources []string
		actions   []string
	}
	groups := map[string]*group{}
	for _, u := range a.Sorted() {
		res := []string{"*"}
		if len(u.ARNs) > 0 && !u.Unscoped {
			res = widenObjects(keys(u.ARNs))
		}
		k := u.Action.Service + "\x00" + strings.Join(res, "\x00")
		g := groups[k]
		if g == nil {
			g = &group{service: u.Action.Service, resources: res}
			groups[k] = g
		}
		g.actions = append(g.actions, u.Action.String())
	}
	ordered := make([]*group, 0, len(groups))
	for _, g := range groups {
		ordered = append(ordered, g)
	}
	sort.Slice(ordered, func(i, j int) bool {
		if ordered[i].service != ordered[j].service {
			return ordered[i].service < ordered[j].service
		}
		return strings.Join(ordered[i].resources, ",") < strings.Join(ordered[j].resources, ",")
	})
	doc := &policy.Document{Version: "2012-10-17", Statements: []policy.Statement{}}
	perService := map[string]int{}
	for _, g := range ordered {
		perService[g.service]++
		doc.Statements = append(doc.Statements, policy.Statement{
			Sid:      sid(g.service, perService[g.service]),
			Effect:   "Allow",
			Action:   g.actions,
			Resource: g.resources,
		})
	}
	return doc
}

// sid names a statement after its service: "DynamodbAccess", then
// "DynamodbAccess2" … (Sids allow only letters and digits).
func sid(service string, n int) string {
	var b strings.Builder
	upper := true
	for _, r := range service {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			upper = true
			continue
		}
		if upper {
			r = unicode.ToUpper(r)
			upper = false
		}
		b.WriteRune(r)
	}
	b.WriteString("Access")
	if n > 1 {
		fmt.Fprint(&b, n)
	}
	return b.String()
}

// widenObjects replaces the S3 object ARNs of each bucket by one ARN ending
// in "*" after the longest common folder ("arn:aws:s3:::b/invoices/2026/*"),
// even for a single key: functions typically write a new key per run.
// Other ARNs are kept as they are.
func widenObjects(arns []string) []string {
	byBucket := map[string][]string{}
	var out []string
	for _, arn := range arns {
		parts := strings.SplitN(arn, ":", 6)
		if len(parts) == 6 && parts[2] == "s3" && parts[3] == "" && parts[4] == "" && strings.Contains(parts[5], "/") {
			bucket, key, _ := strings.Cut(parts[5], "/")
			prefix := strings.Join(parts[:5], ":") + ":" + bucket
			byBucket[prefix] = append(byBucket[prefix], key)
			continue
		}
		out = append(out, arn)
	}
	for bucket, ks := range byBucket {
		common := ks[0]
		for _, k := range ks[1:] {
			for !strings.HasPrefix(k, common) {
				common = common[:len(common)-1]
			}
		}
		common = common[:strings.LastIndex(common, "/")+1]
		out = append(out, bucket+"/"+common+"*")
	}
	sort.Strings(out)
	return out
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
