package aws

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/source/dump"
)

// collectTrails writes the region's trails, shadow copies of multi-region
// trails included, and for each the event selectors and status. Those are
// fetched once per trail ARN, in the trail's home region, and filed in
// every region folder that lists the trail.
func (a *account) collectTrails(ctx context.Context, region string) {
	client := cloudtrail.NewFromConfig(cfgFor(a.cfg, region))
	out := save(ctx, a, call{region: region, op: "cloudtrail:DescribeTrails", path: dump.RegionPath(region, inventory.SecTrails, 1), style: describeTrailsStyle},
		func(ctx context.Context) (*cloudtrail.DescribeTrailsOutput, error) {
			return client.DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{IncludeShadowTrails: aws.Bool(true)})
		})
	if out == nil {
		return
	}
	for _, t := range out.TrailList {
		arn, name, home := aws.ToString(t.TrailARN), aws.ToString(t.Name), aws.ToString(t.HomeRegion)
		if home == "" {
			home = region
		}
		homeClient := cloudtrail.NewFromConfig(cfgFor(a.cfg, home))
		a.copyOnce(ctx, "selectors "+arn, call{region: region, op: "cloudtrail:GetEventSelectors", path: dump.TrailPath(region, inventory.SecEventSelectors, name)},
			func(ctx context.Context) (any, error) {
				return homeClient.GetEventSelectors(ctx, &cloudtrail.GetEventSelectorsInput{TrailName: aws.String(arn)})
			})
		a.copyOnce(ctx, "status "+arn, call{region: region, op: "cloudtrail:GetTrailStatus", path: dump.TrailPath(region, inventory.SecTrailStatus, name)},
			func(ctx context.Context) (any, error) {
				return homeClient.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String(arn)})
			})
	}
}

// describeTrailsStyle: the API names DescribeTrails' list "trailList".
var describeTrailsStyle = style{rename: map[string]string{"TrailList": "trailList"}}

// sharedAnswer is one call's outcome, kept to be filed in several places.
type sharedAnswer struct {
	data []byte // the serialized answer, or {} for "none"; nil when it failed
}

// copyOnce makes a call once per key for the whole account and writes its
// answer at cl.path for every caller. A failure is recorded once.
func (a *account) copyOnce(ctx context.Context, key string, cl call, fetch func(context.Context) (any, error)) {
	ans := a.once.do(key, func() any {
		out, err := fetch(ctx)
		if err != nil {
			if o, _, _ := classify(err, cl.notFoundIsNone); o == none {
				return &sharedAnswer{data: []byte("{}")}
			}
			a.failed(cl, err)
			return &sharedAnswer{}
		}
		data, err := cliJSON(out, cl.style)
		if err != nil {
			a.c.fail(Failure{Account: a.id, Region: cl.region, Operation: cl.op, Path: a.rel(cl.path), Kind: KindError, Message: err.Error()})
			return &sharedAnswer{}
		}
		return &sharedAnswer{data: data}
	}).(*sharedAnswer)
	if ans.data == nil {
		return
	}
	if err := a.write(cl.path, ans.data); err != nil {
		a.c.fail(Failure{Account: a.id, Region: cl.region, Operation: cl.op, Path: a.rel(cl.path), Kind: KindError, Message: err.Error()})
	}
}
