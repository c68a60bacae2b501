package report

import (
	"cmp"
	"fmt"
	"io"
	"net/url"
	"strings"
	"unicode"

	"github.com/lambdasec/lambdasec/internal/finding"
)

func init() { register("sarif", func(Options) Reporter { return sarifReporter{} }) }

const (
	sarifSchemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion   = "2.1.0"
	// projectURI stands in when the report names no tool URI: SARIF wants an
	// absolute informationUri or none, and GitHub shows it.
	projectURI = "https://github.com/lambdasec/lambdasec"
)

// sarifReporter writes SARIF 2.1.0 as GitHub code scanning accepts it: one
// run, every rule described, security-severity on every rule, a physical
// location on every result and partial fingerprints for de-duplication.
type sarifReporter struct{}

func (sarifReporter) Write(w io.Writer, r *finding.Report) error {
	rules, ruleIndex := sarifRules(r)
	driver := sarifDriver{
		Name:           cmp.Or(r.Tool.Name, toolName),
		Version:        r.Tool.Version,
		InformationURI: r.Tool.URI,
		Rules:          rules,
	}
	if !isAbsoluteURL(driver.InformationURI) {
		driver.InformationURI = projectURI
	}
	return writeJSON(w, sarifLog{
		Schema:  sarifSchemaURI,
		Version: sarifVersion,
		Runs: []sarifRun{{
			Tool:        sarifTool{Driver: driver},
			Invocations: []sarifInvocation{sarifInvocationOf(r, ruleIndex)},
			Results:     sarifResults(r.Findings, ruleIndex),
		}},
	})
}

// sarifRules describes every rule of the report, in its order, and returns
// each id's index. A finding whose rule is missing from Report.Rules still
// gets an entry built from the finding, since every result must point at one.
func sarifRules(r *finding.Report) ([]sarifRule, map[string]int) {
	var rules []sarifRule
	index := map[string]int{}
	add := func(m finding.Rule) {
		if _, dup := index[m.ID]; dup {
			return // SARIF wants rules unique
		}
		index[m.ID] = len(rules)
		rules = append(rules, sarifRuleOf(m))
	}
	for _, m := range r.Rules {
		add(m)
	}
	for _, f := range r.Findings {
		add(finding.Rule{ID: f.RuleID, Title: f.Title, Severity: f.Severity, Category: f.Category, Remediation: f.Remediation, Compliance: f.Compliance})
	}
	if rules == nil {
		rules = []sarifRule{}
	}
	return rules, index
}

func sarifRuleOf(m finding.Rule) sarifRule {
	title := cmp.Or(m.Title, m.ID)
	rule := sarifRule{
		ID:                   m.ID,
		Name:                 cmp.Or(camelCase(m.Title), m.ID),
		ShortDescription:     sarifText{Text: title},
		FullDescription:      sarifText{Text: cmp.Or(m.Description, title)},
		Help:                 ruleHelp(m),
		DefaultConfiguration: sarifConfiguration{Level: sarifLevel(m.Severity)},
		Properties: sarifRuleProperties{
			Tags:             unique(append([]string{"security", m.Category}, m.Compliance...)), // SARIF wants tags distinct
			SecuritySeverity: securitySeverity(m.Severity),
			Precision:        "high",
		},
	}
	for _, ref := range m.References {
		if isAbsoluteURL(ref) {
			rule.HelpURI = ref
			break
		}
	}
	return rule
}

// ruleHelp is the rule's documentation as GitHub shows it under an alert:
// what is wrong, how to fix it, which controls it maps to, where to read more.
func ruleHelp(m finding.Rule) sarifText {
	var text, md strings.Builder
	desc := cmp.Or(m.Description, m.Title)
	text.WriteString(desc)
	md.WriteString(desc)
	if m.Remediation != "" {
		text.WriteString("\n\nRemediation: " + m.Remediation)
		md.WriteString("\n\n**Remediation.** " + m.Remediation)
	}
	if len(m.Compliance) > 0 {
		text.WriteString("\n\nCompliance: " + strings.Join(m.Compliance, ", "))
		md.WriteString("\n\n**Compliance.** " + strings.Join(m.Compliance, ", "))
	}
	if len(m.References) > 0 {
		text.WriteString("\n\nReferences:")
		md.WriteString("\n\n**References**\n")
		for _, ref := range m.References {
			text.WriteString("\n- " + ref)
			fmt.Fprintf(&md, "\n- [%s](%s)", ref, ref)
		}
	}
	return sarifText{Text: text.String(), Markdown: md.String()}
}

func sarifResults(fs []finding.Finding, ruleIndex map[string]int) []sarifResult {
	results := make([]sarifResult, 0, len(fs))
	// occurrences numbers findings that share an identity (one per
	// environment variable of the same function, say) in report order.
	occurrences := map[string]int{}
	for _, f := range fs {
		id := fingerprint(f)
		occurrences[id]++
		results = append(results, sarifResult{
			RuleID:              f.RuleID,
			RuleIndex:           ruleIndex[f.RuleID],
			Level:               sarifLevel(f.Severity),
			Message:             sarifText{Text: cmp.Or(f.Message, f.Title, f.RuleID)},
			Locations:           []sarifLocation{resourceLocation(f.Resource)},
			PartialFingerprints: map[string]string{fingerprintKey: fmt.Sprintf("%s:%d", id, occurrences[id])},
			Properties: sarifResultProperties{
				Severity:   f.Severity.String(),
				Category:   f.Category,
				Resource:   f.Resource.Key(),
				Function:   f.Function,
				Evidence:   f.Evidence,
				Compliance: f.Compliance,
			},
		})
	}
	return results
}

// sarifInvocationOf reports how the run went: input errors make it
// unsuccessful and each becomes an error notification, which GitHub lists
// as a tool error; rules that could not judge some resources become notes,
// so that "no alert" is not mistaken for "checked and fine".
func sarifInvocationOf(r *finding.Report, ruleIndex map[string]int) sarifInvocation {
	inv := sarifInvocation{ExecutionSuccessful: len(r.InputErrors) == 0}
	for _, e := range r.InputErrors {
		n := sarifNotification{Level: "error", Message: sarifText{Text: e.Error()}}
		if e.Path != "" {
			n.Locations = []sarifLocation{{PhysicalLocation: &sarifPhysicalLocation{ArtifactLocation: fileArtifact(e.Path)}}}
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
	}
	for _, na := range notAssessedByRule(r.NotAssessed) {
		n := sarifNotification{
			Level:   "note",
			Message: sarifText{Text: fmt.Sprintf("%s could not assess %s: %s", na.ruleID, plural(na.count, "resource"), na.firstReason)},
		}
		if i, ok := ruleIndex[na.ruleID]; ok {
			n.AssociatedRule = &sarifRuleReference{ID: na.ruleID, Index: i}
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
	}
	return inv
}

// sarifLevel maps severity onto SARIF's three levels; GitHub fails a check
// on "error" by default, so only high and critical get it.
func sarifLevel(s finding.Severity) string {
	switch {
	case s >= finding.High:
		return "error"
	case s == finding.Medium:
		return "warning"
	default:
		return "note"
	}
}

// securitySeverity gives GitHub's security-severity score, chosen inside the
// band GitHub maps to the same severity name (critical above 9.0, high from
// 7.0, medium from 4.0, low from 0.1).
func securitySeverity(s finding.Severity) string {
	switch s {
	case finding.Critical:
		return "9.5"
	case finding.High:
		return "8.0"
	case finding.Medium:
		return "5.5"
	case finding.Low:
		return "3.0"
	default:
		return "0.0"
	}
}

// camelCase turns a rule title into a SARIF rule name:
// "No CloudTrail data events for Lambda invocations" →
// "NoCloudTrailDataEventsForLambdaInvocations".
func camelCase(title string) string {
	var b strings.Builder
	words := strings.FieldsFunc(title, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for _, w := range words {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		b.WriteString(string(r))
	}
	return b.String()
}

func isAbsoluteURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme != "" && u.Host != ""
}
