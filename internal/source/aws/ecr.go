package aws

import (
	"context"
	"regexp"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/source/dump"
)

// imageRepo matches an image URI in an ECR registry:
// ACCOUNT.dkr.ecr.REGION.amazonaws.com[.cn]/REPO(:tag|@digest).
var imageRepo = regexp.MustCompile(`^([0-9]{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?/([^:@]+)`)

// ownRepository returns the repository an image function runs from when it
// is in this account and region: the only registry the collector can be
// expected to read.
func (a *account) ownRepository(region, imageURI string) string {
	m := imageRepo.FindStringSubmatch(imageURI)
	if m == nil || m[1] != a.id || m[2] != region {
		return ""
	}
	return m[3]
}

// collectECR describes the region's repositories and the images of each
// repository an image function runs from; regions without image functions
// need neither.
func (a *account) collectECR(ctx context.Context, region string, repos []string) {
	if len(repos) == 0 {
		return
	}
	slices.Sort(repos)
	repos = slices.Compact(repos)
	client := ecr.NewFromConfig(cfgFor(a.cfg, region))
	p := ecr.NewDescribeRepositoriesPaginator(client, &ecr.DescribeRepositoriesInput{})
	save(ctx, a, call{region: region, op: "ecr:DescribeRepositories", path: dump.RegionPath(region, inventory.SecECRRepositories, 1)},
		allPages(p.HasMorePages, func(ctx context.Context) (*ecr.DescribeRepositoriesOutput, error) { return p.NextPage(ctx) }))
	for _, repo := range repos {
		ip := ecr.NewDescribeImagesPaginator(client, &ecr.DescribeImagesInput{RepositoryName: aws.String(repo)})
		save(ctx, a, call{region: region, op: "ecr:DescribeImages", path: dump.ECRImagesPath(region, repo)},
			allPages(ip.HasMorePages, func(ctx context.Context) (*ecr.DescribeImagesOutput, error) { return ip.NextPage(ctx) }))
	}
}
