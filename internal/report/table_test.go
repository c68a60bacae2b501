package report

import (
	"strings"
	"testing"

	"github.com/lambdasec/lambdasec/internal/finding"
)

func TestTableGolden(t *testing.T) {
	checkGolden(t, "report.golden.txt", render(t, "table", Options{}, sampleReport()))
}

func TestTableColorOnlyWhenAsked(t *testing.T) {
	r := sampleReport()
	if out := render(t, "table", Options{}, r); strings.Contains(string(out), "\x1b[") {
		t.Error("table without Color contains ANSI escapes")
	}
	out := string(render(t, "table", Options{Color: true}, r))
	for _, want := range []string{"\x1b[1;31mCRITICAL", "\x1b[31mHIGH", "\x1b[33mMEDIUM", "\x1b[36mLOW", "\x1b[0m"} {
		if !strings.Contains(out, want) {
			t.Errorf("coloured table lacks %q", want)
		}
	}
}

func TestTableGroupsWorstFirst(t *testing.T) {
	out := string(render(t, "table", Options{}, sampleReport()))
	var headers []string
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "function  ") || strings.HasPrefix(line, "resource  ") {
			headers = append(headers, line)
		}
	}
	want := []string{
		"function  " + paymentsARN,            // critical
		"function  " + ordersARN,              // high; "arn:…" sorts before "infra/…"
		"function  " + thumbnailKey,           // high
		"resource  AWS::::Account/" + account, // medium; "AWS…" sorts before "arn:…"
		"function  " + legacyARN,              // medium
	}
	if strings.Join(headers, "\n") != strings.Join(want, "\n") {
		t.Errorf("group order:\n%s\nwant:\n%s", strings.Join(headers, "\n"), strings.Join(want, "\n"))
	}
}

func TestTableWithoutFindings(t *testing.T) {
	r := &finding.Report{Tool: finding.Tool{Name: "lambdasec", Version: "0.4.0"}, Inputs: []string{"."}}
	r.Summarize(0)
	out := string(render(t, "table", Options{}, r))
	for _, want := range []string{"No findings.", "findings      0", "functions     0 scanned"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}

func TestWrapKeepsLongWordsWhole(t *testing.T) {
	got := wrap("see arn:aws:iam::111122223333:role/a-very-long-role-name now and then", 12, 8)
	want := []string{"see", "arn:aws:iam::111122223333:role/a-very-long-role-name", "now and", "then"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("wrap = %q, want %q", got, want)
	}
}

func TestTableRespectsWidth(t *testing.T) {
	out := string(render(t, "table", Options{Width: 80}, sampleReport()))
	for _, line := range strings.Split(out, "\n") {
		// Evidence is printed verbatim and a single word longer than the
		// width has a line of its own; any other line fits.
		text := strings.TrimSpace(line)
		if n := len([]rune(line)); n > 80 && !strings.HasPrefix(line, bodyIndent+"  - ") && strings.Contains(text, " ") {
			t.Errorf("line of %d columns: %s", n, line)
		}
	}
}
