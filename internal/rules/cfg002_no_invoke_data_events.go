package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/lambdasec/lambdasec/internal/finding"
	"github.com/lambdasec/lambdasec/internal/inventory"
)

func init() {
	Register(&Rule{
		Rule: finding.Rule{
			ID:       "LAMBDA-CFG-002",
			Title:    "No CloudTrail data events for Lambda invocations",
			Severity: finding.Medium,
			Category: "logging",
			Description: "CloudTrail records Lambda invocations only as data events, which no trail logs unless its event selectors ask for them. " +
				"Without them nobody can tell afterwards who invoked a function, from where and how often, which is the first question after a leaked key or an abused function. " +
				"A function counts as covered when a trail that is logging (or whose status was not collected), that reaches the function's region and account, " +
				"has a basic or advanced event selector matching its Invoke events, which CloudTrail classes as write events. " +
				"The rule reports not assessed rather than a finding when trails, or the selectors of a trail that could cover the function, were not collected; " +
				"CloudTrail Lake event data stores are not read.",
			Remediation: "Log Lambda data events on a multi-Region trail, for example with advanced event selectors: " +
				"`aws cloudtrail put-event-selectors --trail-name TRAIL --advanced-event-selectors " +
				"'[{\"Name\":\"Lambda invocations\",\"FieldSelectors\":[{\"Field\":\"eventCategory\",\"Equals\":[\"Data\"]},{\"Field\":\"resources.type\",\"Equals\":[\"AWS::Lambda::Function\"]}]}]'` " +
				"(CloudFormation: `AWS::CloudTrail::Trail` `AdvancedEventSelectors`; Terraform: `aws_cloudtrail` `advanced_event_selector`). " +
				"Keep the trail's existing selectors in the list: the command replaces them.",
			References: []string{
				"https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html",
				"https://docs.aws.amazon.com/lambda/latest/dg/logging-using-cloudtrail.html",
				"https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_AdvancedFieldSelector.html",
			},
		},
		Needs: []inventory.Section{inventory.SecTrails, inventory.SecEventSelectors, inventory.SecTrailStatus},
		Check: ForEachFunction(checkInvokeDataEvents),
	})
}

func checkInvokeDataEvents(f *inventory.Function, out *Results) {
	res := FunctionResource(f)
	switch {
	case f.Account == nil || f.Region == nil:
		out.Skip(res, "CloudTrail configuration is not part of this input")
		return
	case !anyRegionHas(f.Account, inventory.SecTrails):
		out.Skip(res, fmt.Sprintf("%s was not collected in any region of account %s", inventory.SecTrails, f.Account.ID))
		return
	}
	var evidence, unknownSelectors []string
	for _, t := range sortedTrails(f.Account) {
		if why := trailMisses(t, f); why != "" {
			evidence = append(evidence, fmt.Sprintf("trail %s: %s", t.Name, why))
			continue
		}
		if !t.EventSelectors.Known {
			unknownSelectors = append(unknownSelectors, t.Name)
			continue
		}
		if t.EventSelectors.Value != nil && logsInvoke(t.EventSelectors.Value, f.ARN) {
			return // covered
		}
		evidence = append(evidence, fmt.Sprintf("trail %s%s: its event selectors do not log Invoke for this function", t.Name, loggingNote(t)))
	}
	switch {
	case len(unknownSelectors) > 0:
		out.Skip(res, "event selectors were not collected for trail "+strings.Join(unknownSelectors, ", ")+", which could log this function's invocations")
		return
	case !f.Region.Has(inventory.SecTrails):
		out.Skip(res, notCollected(f, inventory.SecTrails)+"; a single-region trail there could log this function's invocations")
		return
	}
	if len(evidence) == 0 {
		evidence = []string{"no trail exists in account " + f.Account.ID}
	}
	out.Add(Hit{
		Resource: res,
		Function: f.Key(),
		Message:  fmt.Sprintf("No CloudTrail trail logs Invoke data events for function %s, so who invoked it cannot be established afterwards.", f.Name),
		Evidence: evidence,
	})
}

func anyRegionHas(a *inventory.Account, s inventory.Section) bool {
	for _, r := range a.Regions {
		if r.Has(s) {
			return true
		}
	}
	return false
}

func sortedTrails(a *inventory.Account) []*inventory.Trail {
	ts := make([]*inventory.Trail, 0, len(a.Trails))
	for _, t := range a.Trails {
		ts = append(ts, t)
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i].ARN < ts[j].ARN })
	return ts
}

// trailMisses says why a trail cannot log the function's events whatever its
// selectors, or "" when it can.
func trailMisses(t *inventory.Trail, f *inventory.Function) string {
	if t.IsLogging.Known && !t.IsLogging.Value {
		return "logging is stopped"
	}
	if !t.IsMultiRegion && t.HomeRegion != f.Region.Name {
		return "single-region trail of " + t.HomeRegion
	}
	if owner := trailAccount(t); owner != "" && owner != f.Account.ID && !t.IsOrganizationTrail {
		return "belongs to account " + owner
	}
	return ""
}

// loggingNote flags, in evidence, a trail judged without its logging status.
func loggingNote(t *inventory.Trail) string {
	if !t.IsLogging.Known {
		return " (logging status not collected, assumed logging)"
	}
	return ""
}

// trailAccount returns the account that owns a trail, from its ARN.
func trailAccount(t *inventory.Trail) string {
	parts := strings.SplitN(t.ARN, ":", 6)
	if len(parts) < 6 {
		return ""
	}
	return parts[4]
}

// logsInvoke reports whether the selectors log the Invoke data events of the
// function with the given ARN. Invoke is a write event (readOnly false).
func logsInvoke(es *inventory.EventSelectors, fnARN string) bool {
	for _, s := range es.Basic {
		if basicLogsInvoke(s, fnARN) {
			return true
		}
	}
	for _, s := range es.Advanced {
		if advancedLogsInvoke(s, fnARN) {
			return true
		}
	}
	return false
}

// basicLogsInvoke: Lambda data resources are either arn:PARTITION:lambda
// (every function) or an exact, unqualified function ARN; CloudTrail does no
// prefix matching for Lambda.
func basicLogsInvoke(s inventory.EventSelector, fnARN string) bool {
	if strings.EqualFold(s.ReadWriteType, "ReadOnly") {
		return false
	}
	all := "arn:" + functionPartition(fnARN) + ":lambda"
	for _, dr := range s.DataResources {
		if dr.Type != "AWS::Lambda::Function" {
			continue
		}
		for _, v := range dr.Values {
			if v == all || v == fnARN {
				return true
			}
		}
	}
	return false
}

// functionPartition returns the partition (aws, aws-cn, aws-us-gov) of a
// function ARN.
func functionPartition(arn string) string {
	if parts := strings.SplitN(arn, ":", 3); len(parts) == 3 && parts[1] != "" {
		return parts[1]
	}
	return "aws"
}

// advancedLogsInvoke evaluates an advanced selector against the fields of an
// Invoke event of the function. The selector must select Lambda data events
// explicitly; conditions on fields that depend on the caller
// (userIdentity.arn, errorCode, vpcEndpointId …) cannot be judged from
// configuration and are taken as matching, so that a filtered selector never
// produces a false finding.
func advancedLogsInvoke(s inventory.AdvancedEventSelector, fnARN string) bool {
	invoke := map[string]string{
		"eventcategory":  "Data",
		"resources.type": "AWS::Lambda::Function",
		"resources.arn":  fnARN,
		"readonly":       "false",
		"eventname":      "Invoke",
		"eventsource":    "lambda.amazonaws.com",
	}
	var category, lambdaType bool
	for _, fs := range s.FieldSelectors {
		field := strings.ToLower(fs.Field)
		v, judged := invoke[field]
		if !judged {
			continue
		}
		if !fieldMatches(fs, v) {
			return false
		}
		category = category || field == "eventcategory"
		lambdaType = lambdaType || field == "resources.type"
	}
	return category && lambdaType
}

// fieldMatches applies one field selector to a value: it must match one of
// the positive conditions (Equals, StartsWith, EndsWith) when there are any,
// and none of the negative ones.
func fieldMatches(fs inventory.FieldSelector, v string) bool {
	positive := len(fs.Equals)+len(fs.StartsWith)+len(fs.EndsWith) > 0
	if positive && !matchesAny(fs.Equals, v, func(v, x string) bool { return v == x }) &&
		!matchesAny(fs.StartsWith, v, strings.HasPrefix) &&
		!matchesAny(fs.EndsWith, v, strings.HasSuffix) {
		return false
	}
	return !matchesAny(fs.NotEquals, v, func(v, x string) bool { return v == x }) &&
		!matchesAny(fs.NotStartsWith, v, strings.HasPrefix) &&
		!matchesAny(fs.NotEndsWith, v, strings.HasSuffix)
}

func matchesAny(xs []string, v string, match func(v, x string) bool) bool {
	for _, x := range xs {
		if match(v, x) {
			return true
		}
	}
	return false
}
