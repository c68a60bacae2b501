package rules_test

import (
	"testing"

	"github.com/lambdasec/lambdasec/internal/rules"
)

func TestSUP006ImagePinning(t *testing.T) {
	const id = "LAMBDA-SUP-006"
	inv := loadDump(t, "supply")
	compareOutcomes(t, id, supOutcomes(t, id, inv), map[string]string{
		// thumbnailer: by tag, tags mutable, no scan on push, and the deployed
		// digest lost its tag.
		"image-tag": "low/scan-on-push medium/tag medium/tag-mutability medium/untagged-digest",
		// image-digest: by digest from an immutable, scanned repository.
		// image-elsewhere: by tag, repository in an account not scanned.
		"image-elsewhere": "medium/tag skip",
	})
	mustContain(t, supFinding(t, id, inv, "image-tag", "tag"), "mutable tag :v1",
		"--image-uri 111122223333.dkr.ecr.us-east-1.amazonaws.com/thumbnailer@sha256:5be0ed1b")
	mustContain(t, supFinding(t, id, inv, "image-tag", "untagged-digest"), "carries no tag in repository thumbnailer")

	t.Run("image URI not collected", func(t *testing.T) {
		inv := loadDump(t, "supply")
		for _, f := range inv.Functions {
			if f.Name == "image-digest" {
				f.ImageURI, f.ResolvedImageURI = "", "" // as without get-function
			}
		}
		if got := supOutcomes(t, id, inv)["image-digest"]; got != "skip" {
			t.Errorf("image-digest = %q, want skip", got)
		}
	})
	t.Run("no image functions", func(t *testing.T) {
		inv := loadDump(t, "cfg003") // no image functions at all
		compareOutcomes(t, id, supOutcomes(t, id, inv), map[string]string{})
	})
}

func TestParseImageURI(t *testing.T) {
	tests := []struct{ uri, account, region, repo, tag, digest string }{
		{"111122223333.dkr.ecr.us-east-1.amazonaws.com/app:v1", "111122223333", "us-east-1", "app", "v1", ""},
		{"111122223333.dkr.ecr.us-east-1.amazonaws.com/team/app@sha256:abc", "111122223333", "us-east-1", "team/app", "", "sha256:abc"},
		{"111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn/app", "111122223333", "cn-north-1", "app", "", ""},
		{"localhost:5000/app:v2", "", "", "app", "v2", ""},
		{"no-slash", "", "", "", "", ""},
	}
	for _, tt := range tests {
		got := rules.RulesParseImageURIForTest(tt.uri)
		if got != [5]string{tt.account, tt.region, tt.repo, tt.tag, tt.digest} {
			t.Errorf("parseImageURI(%q) = %v", tt.uri, got)
		}
	}
}
