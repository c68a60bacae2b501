package secrets

import (
	"encoding/json"
	"os"
	"testing"
)

type corpusEntry struct {
	Name    string `json:"name"`
	Value   string `json:"value"`
	Sec001  bool   `json:"sec001"`
	Sec002  bool   `json:"sec002"`
	Example bool   `json:"example"`
	Note    string `json:"note"`
}

// score counts binary decisions for precision and recall.
type score struct{ tp, fp, fn int }

func (s *score) add(want, got bool) {
	switch {
	case want && got:
		s.tp++
	case got:
		s.fp++
	case want:
		s.fn++
	}
}

func (s score) precision() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s score) recall() float64    { return ratio(s.tp, s.tp+s.fn) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// TestEnvCorpus measures precision and recall of the environment-variable
// assessment on the labelled corpus; each (variable, rule) pair is one
// decision. The figures are printed for the README.
func TestEnvCorpus(t *testing.T) {
	b, err := os.ReadFile("testdata/env-corpus.json")
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		Variables []corpusEntry `json:"variables"`
	}
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	var all score
	for _, e := range c.Variables {
		ev := AssessEnv(map[string]string{e.Name: e.Value})[0]
		got001, got002 := ev.Match != nil, ev.SensitiveLiteral()
		gotExample := ev.Match != nil && ev.Match.Example
		all.add(e.Sec001, got001)
		all.add(e.Sec002, got002)
		if got001 != e.Sec001 || got002 != e.Sec002 || gotExample != e.Example {
			rule := ""
			if ev.Match != nil {
				rule = ev.Match.Rule.ID
			}
			t.Logf("mismatch %s (%s): SEC-001 got %v want %v (%s), SEC-002 got %v want %v (word %q kind %q), example got %v want %v",
				e.Name, e.Note, got001, e.Sec001, rule, got002, e.Sec002, ev.SensitiveWord, ev.Kind, gotExample, e.Example)
		}
	}
	t.Logf("env corpus: %d variables, precision %.3f, recall %.3f (tp %d, fp %d, fn %d)",
		len(c.Variables), all.precision(), all.recall(), all.tp, all.fp, all.fn)
	if all.precision() < 0.95 || all.recall() < 0.95 {
		t.Errorf("precision %.3f / recall %.3f below 0.95", all.precision(), all.recall())
	}
}
