package report

import (
	"fmt"
	"sort"

	"github.com/lambdasec/lambdasec/internal/finding"
)

// ruleNotAssessed condenses the not-assessed entries of one rule for the
// formats that show them to people (the table's summary, SARIF
// notifications): one line per rule reads better than one per resource, and
// the first reason is usually the reason for all.
type ruleNotAssessed struct {
	ruleID      string
	count       int
	firstReason string
}

// notAssessedByRule condenses entries per rule, ordered by rule id.
func notAssessedByRule(entries []finding.NotAssessed) []ruleNotAssessed {
	index := map[string]int{}
	var out []ruleNotAssessed
	for _, e := range entries {
		i, ok := index[e.RuleID]
		if !ok {
			i = len(out)
			index[e.RuleID] = i
			out = append(out, ruleNotAssessed{ruleID: e.RuleID, firstReason: e.Reason})
		}
		out[i].count++
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ruleID < out[j].ruleID })
	return out
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
