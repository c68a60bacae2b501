package main

import (
	"os"
	"regexp"
	"slices"
	"testing"

	"github.com/lambdasec/lambdasec/internal/rules"
)

// TestReadmeListsEveryRule keeps the README's rule table in step with the
// registry: every rule listed, none listed that does not exist.
func TestReadmeListsEveryRule(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile(`(?m)^\| (LAMBDA-[A-Z]{3}-\d{3}) \|`)
	var listed []string
	for _, m := range row.FindAllStringSubmatch(string(b), -1) {
		listed = append(listed, m[1])
	}
	for _, r := range rules.All() {
		if !slices.Contains(listed, r.ID) {
			t.Errorf("README's rule table lacks %s", r.ID)
		}
	}
	for _, id := range listed {
		if _, ok := rules.Lookup(id); !ok {
			t.Errorf("README lists %s, which is not a rule", id)
		}
	}
}
