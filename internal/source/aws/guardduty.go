package aws

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/guardduty"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/source/dump"
)

// collectGuardDuty lists the region's detectors and describes each: its
// features say whether Lambda Protection is on.
func (a *account) collectGuardDuty(ctx context.Context, region string) {
	client := guardduty.NewFromConfig(cfgFor(a.cfg, region))
	p := guardduty.NewListDetectorsPaginator(client, &guardduty.ListDetectorsInput{})
	out := save(ctx, a, call{region: region, op: "guardduty:ListDetectors", path: dump.RegionPath(region, inventory.SecGuardDuty, 1)},
		allPages(p.HasMorePages, func(ctx context.Context) (*guardduty.ListDetectorsOutput, error) { return p.NextPage(ctx) }))
	if out == nil {
		return
	}
	for _, id := range out.DetectorIds {
		save(ctx, a, call{region: region, op: "guardduty:GetDetector", path: dump.DetectorPath(region, id)},
			func(ctx context.Context) (*guardduty.GetDetectorOutput, error) {
				return client.GetDetector(ctx, &guardduty.GetDetectorInput{DetectorId: aws.String(id)})
			})
	}
}
