package dump

import (
	"net/url"

	"github.com/lambdasec/lambdasec/internal/inventory"
)

// ECR answers live under REGION/ecr/.
func init() { regionalServices["ecr"] = true }

// decodeRepositories reads ecr describe-repositories.
func decodeRepositories(data []byte) (any, error) {
	var a struct {
		Repositories []struct {
			RepositoryName             string `json:"repositoryName"`
			RepositoryArn              string `json:"repositoryArn"`
			RepositoryUri              string `json:"repositoryUri"`
			RegistryId                 string `json:"registryId"`
			ImageTagMutability         string `json:"imageTagMutability"`
			ImageScanningConfiguration struct {
				ScanOnPush bool `json:"scanOnPush"`
			} `json:"imageScanningConfiguration"`
		} `json:"repositories"`
	}
	if err := decodeAnswer(data, &a); err != nil {
		return nil, err
	}
	out := make([]*inventory.ECRRepository, len(a.Repositories))
	for i, r := range a.Repositories {
		out[i] = &inventory.ECRRepository{
			Name:               r.RepositoryName,
			ARN:                r.RepositoryArn,
			URI:                r.RepositoryUri,
			RegistryID:         r.RegistryId,
			ImageTagMutability: r.ImageTagMutability,
			ScanOnPush:         r.ImageScanningConfiguration.ScanOnPush,
		}
	}
	return out, nil
}

// decodeImages reads ecr describe-images for one repository.
func decodeImages(data []byte) (any, error) {
	var a struct {
		ImageDetails []struct {
			ImageDigest string   `json:"imageDigest"`
			ImageTags   []string `json:"imageTags"`
			// imagePushedAt is a timestamp the CLI prints as text or, with
			// cli_timestamp_format none, as a number: kept as given.
			ImagePushedAt any `json:"imagePushedAt"`
		} `json:"imageDetails"`
	}
	if err := decodeAnswer(data, &a); err != nil {
		return nil, err
	}
	out := make([]inventory.ECRImage, 0, len(a.ImageDetails))
	for _, d := range a.ImageDetails {
		img := inventory.ECRImage{Digest: d.ImageDigest, Tags: d.ImageTags}
		if s, ok := d.ImagePushedAt.(string); ok {
			img.PushedAt = s
		}
		out = append(out, img)
	}
	return out, nil
}

// applyECR adds the repositories, then the images filed under each
// repository's name. Repository names may hold "/", which a file name
// cannot: such names are filed URL-escaped (team%2Fapp.json).
func (r *regionLoad) applyECR() {
	addRepos := r.answers(inventory.SecECRRepositories)
	for _, f := range addRepos {
		for _, repo := range f.answer.([]*inventory.ECRRepository) {
			r.region.AddECRRepository(repo)
		}
	}
	for _, f := range r.answers(inventory.SecECRImages) {
		name, err := url.PathUnescape(f.resource)
		if err != nil {
			name = f.resource
		}
		if repo := r.region.ECRRepository(name); repo != nil {
			repo.Images = inventory.Collected(f.answer.([]inventory.ECRImage))
		}
	}
}

// ECRImagesPath is the describe-images answer for one repository, its name
// URL-escaped so that namespaced names ("team/app") stay one file.
func ECRImagesPath(region, repository string) string {
	return resourceFile(region, inventory.SecECRImages, url.PathEscape(repository))
}
