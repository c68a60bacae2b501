package report

import (
	"slices"
	"strings"
	"testing"
)

func TestFormatsListsEveryFormat(t *testing.T) {
	got := Formats()
	for _, want := range []string{"json", "sarif", "table"} {
		if !slices.Contains(got, want) {
			t.Errorf("Formats() = %v, missing %q", got, want)
		}
	}
	if !slices.IsSorted(got) {
		t.Errorf("Formats() = %v, not sorted", got)
	}
}

func TestNewAcceptsAnyCase(t *testing.T) {
	if _, err := New("SARIF", Options{}); err != nil {
		t.Fatal(err)
	}
}

func TestNewUnknownFormatNamesTheKnownOnes(t *testing.T) {
	_, err := New("xml", Options{})
	if err == nil {
		t.Fatal("New(xml) succeeded")
	}
	for _, want := range append([]string{`"xml"`}, Formats()...) {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %s", err, want)
		}
	}
}

// Secrets never leave redacted form in any output.
func TestNoFormatPrintsSecretsInClear(t *testing.T) {
	r := sampleReport()
	for _, format := range Formats() {
		out := string(render(t, format, Options{}, r))
		for _, secret := range []string{exampleAccessKeyID, exampleSecretAccessKey, exampleDBPassword} {
			if strings.Contains(out, secret) {
				t.Errorf("%s output contains a secret in clear", format)
			}
		}
		if !strings.Contains(out, "AKIA…(20 chars, sha256:") {
			t.Errorf("%s output lacks the redacted access key id", format)
		}
	}
}

// Reporters only read the report.
func TestReportersDoNotModifyTheReport(t *testing.T) {
	want := sampleReport()
	for _, format := range Formats() {
		r := sampleReport()
		render(t, format, Options{Color: true}, r)
		if !reportsEqual(r, want) {
			t.Errorf("%s reporter modified the report", format)
		}
	}
}
