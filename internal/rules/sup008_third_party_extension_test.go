package rules_test

import (
	"testing"

	"github.com/lambdasec/lambdasec/internal/inventory"
)

func TestSUP008ThirdPartyExtension(t *testing.T) {
	const id = "LAMBDA-SUP-008"
	// aws-layers carries AWS's Parameters and Secrets extension (trusted);
	// foreign-layer's json-logger is not an extension (SUP-001's).
	compareOutcomes(t, id, supOutcomes(t, id, loadDump(t, "supply")), map[string]string{"foreign-extension": "high"})
	compareOutcomes(t, id, supOutcomes(t, id, withoutOrgMembers(loadDump(t, "supply"))), map[string]string{"foreign-extension": "medium"})

	inv := loadDump(t, "supply")
	inv.Settings.TrustedAccounts = []string{"464622532012"}
	compareOutcomes(t, id, supOutcomes(t, id, inv), map[string]string{})

	inv = loadDump(t, "supply")
	for _, f := range inv.Functions {
		if f.Name == "own-layer" {
			f.Layers = append(f.Layers, inventory.LayerAttachment{ARN: "${DatadogLayer}"})
		}
	}
	compareOutcomes(t, id, supOutcomes(t, id, inv), map[string]string{"foreign-extension": "high", "own-layer": "skip"})

	text := supFinding(t, id, loadDump(t, "supply"), "foreign-extension", "")
	mustContain(t, text, "Datadog-Extension (account 464622532012)", "separate process")
}

func TestExtensionHeuristic(t *testing.T) {
	// Mirrors docs/trusted-layer-publishers.md: names decide.
	inv := inventory.New()
	a := inv.Account("111122223333")
	r := a.Region("us-east-1")
	for _, name := range []string{"NewRelicLambdaExtension", "aws-otel-python-amd64-ver-1-25-0", "my-otel-collector", "pandas-layer", "fast-json-logger"} {
		r.Functions = append(r.Functions, &inventory.Function{
			ARN:    "arn:aws:lambda:us-east-1:111122223333:function:" + name,
			Name:   name,
			Layers: []inventory.LayerAttachment{{ARN: "arn:aws:lambda:us-east-1:999988887777:layer:" + name + ":1"}},
		})
	}
	inv.Link()
	compareOutcomes(t, "LAMBDA-SUP-008", supOutcomes(t, "LAMBDA-SUP-008", inv), map[string]string{
		"NewRelicLambdaExtension":          "high",
		"aws-otel-python-amd64-ver-1-25-0": "high",
		"my-otel-collector":                "high",
	})
}
