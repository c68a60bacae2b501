package rules_test

import "testing"

func TestSUP002LayerShared(t *testing.T) {
	const id = "LAMBDA-SUP-002"
	// acme-utils: no policy; acme-org: limited to the own organization;
	// json-logger: another publisher's layer, not judged.
	compareOutcomes(t, id, supOutcomes(t, id, loadDump(t, "supply")), map[string]string{
		"acme-public:2":  "high",
		"acme-partner:1": "high",
		"acme-unknown:1": "skip", // get-layer-version-policy not collected
	})
	compareOutcomes(t, id, supOutcomes(t, id, withoutOrgMembers(loadDump(t, "supply"))), map[string]string{
		"acme-public:2":  "high",
		"acme-partner:1": "medium",
		"acme-maybe:1":   "medium", // 444455556666 may or may not be a member
		"acme-unknown:1": "skip",
	})
	mustContain(t, supFinding(t, id, loadDump(t, "supply"), "acme-public:2", ""), `anyone (Principal "*")`,
		"aws lambda remove-layer-version-permission --layer-name acme-public --version-number 2 --statement-id public-share --region us-east-1")
}
