package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/lambdasec/lambdasec/internal/finding"
)

const reportSchema = "../../docs/report.schema.json"

func TestJSONGolden(t *testing.T) {
	checkGolden(t, "report.golden.json", render(t, "json", Options{}, sampleReport()))
}

func TestJSONRoundTrips(t *testing.T) {
	want := sampleReport()
	var got finding.Report
	if err := json.Unmarshal(render(t, "json", Options{}, want), &got); err != nil {
		t.Fatal(err)
	}
	if !reportsEqual(&got, want) {
		t.Errorf("report changed in a JSON round trip:\ngot  %+v\nwant %+v", got, *want)
	}
}

func TestJSONConformsToSchema(t *testing.T) {
	validateAgainst(t, reportSchema, render(t, "json", Options{}, sampleReport()))
}

// An empty run still has every always-present field, as [] or {} rather
// than null, and the schema version of this build.
func TestJSONEmptyReport(t *testing.T) {
	out := render(t, "json", Options{}, &finding.Report{SchemaVersion: "0.9"})
	validateAgainst(t, reportSchema, out)
	for _, want := range []string{`"schema_version": "` + finding.SchemaVersion + `"`, `"findings": []`, `"inputs": []`, `"rules": []`, `"critical": 0`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("empty report lacks %s:\n%s", want, out)
		}
	}
}

// TestStreamedJSONMatchesEncodingJSON checks that the element-by-element
// writer produces exactly what encoding/json writes for the whole report,
// for a full report and for one whose optional lists are empty.
func TestStreamedJSONMatchesEncodingJSON(t *testing.T) {
	full := sampleReport()
	empty := &finding.Report{SchemaVersion: finding.SchemaVersion, Inputs: []string{}, Findings: []finding.Finding{}, Rules: []finding.Rule{}}
	for name, r := range map[string]*finding.Report{"full": full, "empty": empty} {
		var want, got bytes.Buffer
		if err := writeJSON(&want, r); err != nil {
			t.Fatal(err)
		}
		if err := streamReport(&got, r); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%s: streamed JSON differs from encoding/json:\n got %s\nwant %s", name, got.String(), want.String())
		}
	}
}
