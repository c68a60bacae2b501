package rules_test

import "testing"

func TestSUP005WeakCodeSigning(t *testing.T) {
	const id = "LAMBDA-SUP-005"
	t.Run("no allowlist", func(t *testing.T) {
		compareOutcomes(t, id, supOutcomes(t, id, loadDump(t, "supply")), map[string]string{
			"aws-layers":    "medium/Warn",
			"foreign-layer": "skip", // get-function-code-signing-config not collected
			"csc-missing":   "skip", // get-code-signing-config not collected for its config
		})
	})
	t.Run("allowlist", func(t *testing.T) {
		inv := loadDump(t, "supply")
		// The profile ARN without a version allows every version of it.
		inv.Settings.TrustedSigningProfiles = []string{"arn:aws:signer:us-east-1:111122223333:/signing-profiles/AcmeReleaseSigning"}
		compareOutcomes(t, id, supOutcomes(t, id, inv), map[string]string{
			"aws-layers":        "medium/Warn",
			"own-layer":         "medium/allowed-publishers", // also trusts ContractorBuilds
			"foreign-extension": "medium/allowed-publishers",
			"foreign-layer":     "skip",
			"csc-missing":       "skip",
		})
		mustContain(t, supFinding(t, id, inv, "own-layer", "allowed-publishers"), "ContractorBuilds/a1B2c3D4e5", "csc-0a4f7c2e9b1d35e86")
	})
	mustContain(t, supFinding(t, id, loadDump(t, "supply"), "aws-layers", "Warn"),
		"UntrustedArtifactOnDeployment = Warn", "update-code-signing-config --code-signing-config-arn arn:aws:lambda:us-east-1:111122223333:code-signing-config:csc-07be3d91c5a2f4e18")
}
