package rules_test

import "testing"

func TestSUP004NoCodeSigning(t *testing.T) {
	const id = "LAMBDA-SUP-004"
	compareOutcomes(t, id, supOutcomes(t, id, loadDump(t, "supply")), map[string]string{
		// own-layer and foreign-extension: Enforce; aws-layers: Warn (SUP-005);
		// csc-missing: a config is attached, even if it was not collected;
		// image-*: container images, which code signing does not cover.
		"org-layer":     "medium",
		"vendor-layer":  "medium",
		"foreign-layer": "skip", // no get-function-code-signing-config answer
	})
	mustContain(t, supFinding(t, id, loadDump(t, "supply"), "org-layer", ""),
		"aws lambda put-function-code-signing-config --function-name org-layer", "UntrustedArtifactOnDeployment=Enforce")
}
