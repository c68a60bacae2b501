package aws

import (
	"context"
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/lambda"
	lambdatypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/source/dump"
)

// collectRegion writes one region's answers. Services run side by side;
// the log groups wait for the function list, which names custom log groups.
func (a *account) collectRegion(ctx context.Context, region string) {
	var wg sync.WaitGroup
	wg.Go(func() { a.collectNetwork(ctx, region) })
	wg.Go(func() { a.collectTrails(ctx, region) })
	wg.Go(func() { a.collectGuardDuty(ctx, region) })
	wg.Go(func() { a.collectEventSourceMappings(ctx, region) })
	fns, repos := a.collectFunctions(ctx, region)
	wg.Go(func() { a.collectLogGroups(ctx, region, fns) })
	wg.Go(func() { a.collectECR(ctx, region, repos) })
	wg.Wait()
}

// collectFunctions lists the region's functions and collects each one. It
// returns the functions and the ECR repositories image functions run from.
func (a *account) collectFunctions(ctx context.Context, region string) ([]lambdatypes.FunctionConfiguration, []string) {
	client := lambda.NewFromConfig(cfgFor(a.cfg, region))
	p := lambda.NewListFunctionsPaginator(client, &lambda.ListFunctionsInput{})
	out := save(ctx, a, call{region: region, op: "lambda:ListFunctions", path: dump.RegionPath(region, inventory.SecFunctions, 1)},
		allPages(p.HasMorePages, func(ctx context.Context) (*lambda.ListFunctionsOutput, error) { return p.NextPage(ctx) }))
	if out == nil {
		return nil, nil
	}
	a.c.nfn.Add(int64(len(out.Functions)))
	a.c.addProgress(func(p *Progress) { p.Functions += len(out.Functions) })
	sem := make(chan struct{}, a.c.opts.Workers)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var repos []string
	for _, fn := range out.Functions {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			if repo := a.collectFunction(ctx, client, region, fn); repo != "" {
				mu.Lock()
				repos = append(repos, repo)
				mu.Unlock()
			}
			a.c.addProgress(func(p *Progress) { p.FunctionsDone++ })
		})
	}
	wg.Wait()
	return out.Functions, repos
}

func (a *account) collectEventSourceMappings(ctx context.Context, region string) {
	client := lambda.NewFromConfig(cfgFor(a.cfg, region))
	p := lambda.NewListEventSourceMappingsPaginator(client, &lambda.ListEventSourceMappingsInput{})
	save(ctx, a, call{region: region, op: "lambda:ListEventSourceMappings", path: dump.RegionPath(region, inventory.SecEventSourceMappings, 1)},
		allPages(p.HasMorePages, func(ctx context.Context) (*lambda.ListEventSourceMappingsOutput, error) { return p.NextPage(ctx) }))
}
