package report

import (
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
