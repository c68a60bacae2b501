package rules

import (
	"testing"
	"time"
)

func TestRuntimeTable(t *testing.T) {
	asOf := isoDay(runtimeTableDate)
	for id, s := range runtimes {
		if !s.BlockCreate.IsZero() && !s.BlockUpdate.IsZero() && s.BlockUpdate.Before(s.BlockCreate) {
			t.Errorf("%s: updates blocked (%s) before creation (%s)", id, s.BlockUpdate.Format(time.DateOnly), s.BlockCreate.Format(time.DateOnly))
		}
		if s.Deprecated.IsZero() && !(s.BlockCreate.IsZero() && s.BlockUpdate.IsZero()) {
			t.Errorf("%s: block dates without a deprecation date", id)
		}
		next := successorRuntime(id)
		if next == "" {
			t.Errorf("%s: no successor runtime for its language", id)
			continue
		}
		succ, ok := runtimes[next]
		if !ok {
			t.Errorf("%s: successor %s is not in the table", id, next)
			continue
		}
		if !succ.Deprecated.After(asOf) {
			t.Errorf("%s: successor %s is deprecated by %s", id, next, runtimeTableDate)
		}
	}
}

func TestSuccessorRuntime(t *testing.T) {
	for id, want := range map[string]string{
		"nodejs":         "nodejs24.x",
		"nodejs4.3-edge": "nodejs24.x",
		"python3.9":      "python3.14",
		"java8.al2":      "java25",
		"java17.al2023":  "java25",
		"dotnetcore3.1":  "dotnet10",
		"dotnet8":        "dotnet10",
		"go1.x":          "provided.al2023",
		"provided.al2":   "provided.al2023",
		"ruby3.2":        "ruby4.0",
		"cobol1.0":       "",
	} {
		if got := successorRuntime(id); got != want {
			t.Errorf("successorRuntime(%q) = %q, want %q", id, got, want)
		}
	}
}
