package aws

import (
	"context"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	lambdatypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/source/dump"
)

// collectFunction makes the five per-function calls. GetFunction already
// holds the configuration, code location, tags and reserved concurrency, so
// there is no GetFunctionConfiguration, GetFunctionConcurrency or ListTags.
// Layer versions and code-signing configs are shared between functions and
// fetched once per account. It returns the ECR repository of an image
// function in this account and region, "" otherwise.
func (a *account) collectFunction(ctx context.Context, client *lambda.Client, region string, fn lambdatypes.FunctionConfiguration) string {
	name, arn := aws.ToString(fn.FunctionName), fn.FunctionArn
	path := func(s inventory.Section) string { return dump.FunctionPath(region, s, name) }
	op := func(o string) call { return call{region: region, op: "lambda:" + o} }
	with := func(c call, s inventory.Section, none bool) call {
		c.path, c.notFoundIsNone = path(s), none
		return c
	}

	got := save(ctx, a, with(op("GetFunction"), inventory.SecFunctionDetails, false), func(ctx context.Context) (*lambda.GetFunctionOutput, error) {
		return client.GetFunction(ctx, &lambda.GetFunctionInput{FunctionName: arn})
	})
	save(ctx, a, with(op("GetPolicy"), inventory.SecFunctionPolicies, true), func(ctx context.Context) (*lambda.GetPolicyOutput, error) {
		return client.GetPolicy(ctx, &lambda.GetPolicyInput{FunctionName: arn})
	})
	save(ctx, a, with(op("GetFunctionUrlConfig"), inventory.SecFunctionURLs, true), func(ctx context.Context) (*lambda.GetFunctionUrlConfigOutput, error) {
		return client.GetFunctionUrlConfig(ctx, &lambda.GetFunctionUrlConfigInput{FunctionName: arn})
	})
	save(ctx, a, with(op("GetFunctionEventInvokeConfig"), inventory.SecEventInvokeConfigs, true), func(ctx context.Context) (*lambda.GetFunctionEventInvokeConfigOutput, error) {
		return client.GetFunctionEventInvokeConfig(ctx, &lambda.GetFunctionEventInvokeConfigInput{FunctionName: arn})
	})
	csc := save(ctx, a, with(op("GetFunctionCodeSigningConfig"), inventory.SecFunctionCodeSigning, true), func(ctx context.Context) (*lambda.GetFunctionCodeSigningConfigOutput, error) {
		return client.GetFunctionCodeSigningConfig(ctx, &lambda.GetFunctionCodeSigningConfigInput{FunctionName: arn})
	})
	if csc != nil && aws.ToString(csc.CodeSigningConfigArn) != "" {
		a.collectCodeSigningConfig(ctx, client, region, aws.ToString(csc.CodeSigningConfigArn))
	}
	for _, l := range fn.Layers {
		a.collectLayerVersion(ctx, client, region, aws.ToString(l.Arn))
	}
	if got == nil {
		return ""
	}
	if a.c.opts.DownloadCode {
		a.downloadFunctionCode(ctx, region, got)
	}
	if got.Code != nil {
		return a.ownRepository(region, aws.ToString(got.Code.ImageUri))
	}
	return ""
}

func (a *account) collectCodeSigningConfig(ctx context.Context, client *lambda.Client, region, arn string) {
	id := arn[strings.LastIndex(arn, ":")+1:]
	a.once.do("csc "+arn, func() any {
		return save(ctx, a, call{region: region, op: "lambda:GetCodeSigningConfig", path: dump.CodeSigningConfigPath(region, id)},
			func(ctx context.Context) (*lambda.GetCodeSigningConfigOutput, error) {
				return client.GetCodeSigningConfig(ctx, &lambda.GetCodeSigningConfigInput{CodeSigningConfigArn: aws.String(arn)})
			})
	})
}

// collectLayerVersion fetches a layer version and its policy once per
// account, however many functions use it.
func (a *account) collectLayerVersion(ctx context.Context, client *lambda.Client, region, arn string) {
	// arn:PARTITION:lambda:REGION:ACCOUNT:layer:NAME:VERSION
	parts := strings.Split(arn, ":")
	if len(parts) != 8 || parts[5] != "layer" {
		return
	}
	publisher, name := parts[4], parts[6]
	version, err := strconv.ParseInt(parts[7], 10, 64)
	if err != nil {
		return
	}
	a.once.do("layer "+arn, func() any {
		layerARN := aws.String(strings.Join(parts[:7], ":"))
		// GetLayerVersion by layer ARN and number works across accounts like
		// GetLayerVersionByArn (same action, same answer) and is the call
		// every endpoint implements.
		lv := save(ctx, a, call{region: region, op: "lambda:GetLayerVersion", path: dump.LayerPath(region, inventory.SecLayerVersions, name, publisher, a.id, version)},
			func(ctx context.Context) (*lambda.GetLayerVersionOutput, error) {
				return client.GetLayerVersion(ctx, &lambda.GetLayerVersionInput{LayerName: layerARN, VersionNumber: aws.Int64(version)})
			})
		save(ctx, a, call{region: region, op: "lambda:GetLayerVersionPolicy", notFoundIsNone: true, path: dump.LayerPath(region, inventory.SecLayerPolicies, name, publisher, a.id, version)},
			func(ctx context.Context) (*lambda.GetLayerVersionPolicyOutput, error) {
				return client.GetLayerVersionPolicy(ctx, &lambda.GetLayerVersionPolicyInput{LayerName: layerARN, VersionNumber: aws.Int64(version)})
			})
		if lv != nil && a.c.opts.DownloadCode {
			a.downloadLayerCode(ctx, region, lv)
		}
		return nil
	})
}
