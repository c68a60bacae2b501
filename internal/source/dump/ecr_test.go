package dump

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/lambdasec/lambdasec/internal/inventory"
)

const demoECR = "../../../examples/demo-account/us-east-1/ecr"

func TestLoadECR(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"us-east-1/lambda/list-functions.json": `{"Functions": []}`,
		"us-east-1/ecr/describe-repositories.json": `{"repositories": [
			{"repositoryName": "team/app", "repositoryArn": "arn:aws:ecr:us-east-1:123456789012:repository/team/app", "registryId": "123456789012",
			 "repositoryUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app", "imageTagMutability": "IMMUTABLE",
			 "imageScanningConfiguration": {"scanOnPush": true}},
			{"repositoryName": "other", "imageTagMutability": "MUTABLE", "imageScanningConfiguration": {"scanOnPush": false}}]}`,
		// a numeric timestamp, as the CLI prints with cli_timestamp_format none
		"us-east-1/ecr/describe-images/team%2Fapp.json": `{"imageDetails": [{"imageDigest": "sha256:aa", "imageTags": ["v1"], "imagePushedAt": 1795597597}]}`,
	})
	inv := inventory.New()
	if errs := Load(inv, dir); len(errs) > 0 {
		t.Fatal(errs)
	}
	r := inv.Accounts[0].Regions[0]
	if !r.Has(inventory.SecECRRepositories) || !r.Has(inventory.SecECRImages) {
		t.Errorf("sections: %v", r.Collected)
	}
	app := r.ECRRepository("team/app")
	if app == nil || app.ImageTagMutability != "IMMUTABLE" || !app.ScanOnPush || app.URI != "123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app" {
		t.Fatalf("team/app = %+v", app)
	}
	if !app.Images.Known || len(app.Images.Value) != 1 || app.Images.Value[0].Digest != "sha256:aa" || !slices.Equal(app.Images.Value[0].Tags, []string{"v1"}) {
		t.Errorf("team/app images = %+v", app.Images)
	}
	if other := r.ECRRepository("other"); other == nil || other.Images.Known || other.ScanOnPush {
		t.Errorf("other = %+v: images must stay not collected", other)
	}
	if got := ECRImagesPath("us-east-1", "team/app"); got != "us-east-1/ecr/describe-images/team%2Fapp.json" {
		t.Errorf("ECRImagesPath = %s", got)
	}
}

func TestLoadECRDemo(t *testing.T) {
	inv := inventory.New()
	if errs := Load(inv, filepath.Join("..", "..", "..", "examples", "demo-account")); len(errs) > 0 {
		t.Fatal(errs)
	}
	var repo *inventory.ECRRepository
	for _, r := range inv.Accounts[0].Regions {
		if r.Name == "us-east-1" {
			repo = r.ECRRepository("image-resizer")
		}
	}
	if repo == nil || repo.ImageTagMutability != "MUTABLE" || len(repo.Images.Value) != 2 || repo.Images.Value[1].PushedAt != "2026-11-03T11:10:02+00:00" {
		t.Fatalf("image-resizer = %+v", repo)
	}
}

func TestLoadECRMalformed(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"us-east-1/lambda/list-functions.json":     `{"Functions": []}`,
		"us-east-1/ecr/describe-repositories.json": `{"repositories": [{"repositoryName": 7}]}`,
	})
	inv := inventory.New()
	errs := Load(inv, dir)
	var fe *FileError
	if len(errs) != 1 || !errors.As(errs[0], &fe) || !strings.HasSuffix(fe.Path, "describe-repositories.json") || !strings.Contains(fe.Err.Error(), "repositoryName") {
		t.Fatalf("errs = %v", errs)
	}
	if inv.Accounts[0].Regions[0].Has(inventory.SecECRRepositories) {
		t.Error("a malformed answer counts as collected")
	}
}

func FuzzLoadECR(f *testing.F) {
	fuzzLoad(f, "us-east-1/ecr/describe-images/image-resizer.json", map[string]string{
		"us-east-1/lambda/list-functions.json":     `{"Functions": []}`,
		"us-east-1/ecr/describe-repositories.json": `{"repositories": [{"repositoryName": "image-resizer"}]}`,
	},
		demoECR+"/describe-images/image-resizer.json",
		demoECR+"/describe-repositories.json",
	)
}
