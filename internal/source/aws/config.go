package aws

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go/middleware"
)

// loadConfig resolves credentials the AWS way: the default chain
// (environment, shared config and credentials files, SSO, web identity,
// ECS/IMDS) or --profile, then --role-arn on top.
func (c *collector) loadConfig(ctx context.Context) (aws.Config, error) {
	o := c.opts
	lo := []func(*config.LoadOptions) error{
		config.WithRetryer(func() aws.Retryer { return newRetryer(o.MaxAttempts) }),
	}
	if o.Profile != "" {
		lo = append(lo, config.WithSharedConfigProfile(o.Profile))
	}
	if o.EndpointURL != "" {
		lo = append(lo, config.WithBaseEndpoint(o.EndpointURL))
	}
	cfg, err := config.LoadDefaultConfig(ctx, lo...)
	if err != nil {
		return aws.Config{}, fmt.Errorf("loading AWS configuration: %w", err)
	}
	if cfg.Region == "" {
		// Account-wide calls (STS, IAM, DescribeRegions) need some region;
		// take the first one asked for.
		if len(o.Regions) == 0 || o.Regions[0] == "all" {
			return aws.Config{}, errors.New("no AWS region configured: set AWS_REGION, a region in the profile, or --regions")
		}
		cfg.Region = o.Regions[0]
	}
	cfg.APIOptions = append(cfg.APIOptions, c.countMiddleware)
	if o.RoleARN != "" {
		cfg.Credentials = assumeRole(cfg, o.RoleARN, o.ExternalID, o.SessionName)
	}
	return cfg, nil
}

// newRetryer retries throttling and server errors with adaptive client-side
// rate limiting. The standard retry quota is switched off: it gives up
// after a burst of throttles, and a throttled call that is given up is data
// lost; MaxAttempts and the backoff bound the run instead.
func newRetryer(maxAttempts int) aws.Retryer {
	return retry.NewAdaptiveMode(func(o *retry.AdaptiveModeOptions) {
		o.StandardOptions = append(o.StandardOptions, func(so *retry.StandardOptions) {
			so.MaxAttempts = maxAttempts
			so.MaxBackoff = 20 * time.Second
			so.RateLimiter = ratelimit.None
		})
	})
}

func assumeRole(cfg aws.Config, roleARN, externalID, session string) aws.CredentialsProvider {
	p := stscreds.NewAssumeRoleProvider(sts.NewFromConfig(cfg), roleARN, func(ao *stscreds.AssumeRoleOptions) {
		ao.RoleSessionName = session
		if externalID != "" {
			ao.ExternalID = aws.String(externalID)
		}
	})
	return aws.NewCredentialsCache(p)
}

// countMiddleware counts each operation once per call (not per retry
// attempt) for Result.Calls.
func (c *collector) countMiddleware(stack *middleware.Stack) error {
	return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("lambdasecCount",
		func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
			c.countCall(opName(awsmiddleware.GetServiceID(ctx), awsmiddleware.GetOperationName(ctx)))
			return next.HandleInitialize(ctx, in)
		}), middleware.After)
}

// serviceIAMPrefix maps SDK service ids to IAM action prefixes.
var serviceIAMPrefix = map[string]string{
	"CloudWatch Logs": "logs",
	"CloudTrail":      "cloudtrail",
}

// opName is the IAM action of an SDK operation: "lambda:GetFunction".
func opName(serviceID, op string) string {
	p, ok := serviceIAMPrefix[serviceID]
	if !ok {
		p = strings.ToLower(strings.ReplaceAll(serviceID, " ", ""))
	}
	return p + ":" + op
}

// partitionOf returns the partition of an ARN ("aws", "aws-cn", "aws-us-gov").
func partitionOf(arn string) string {
	parts := strings.SplitN(arn, ":", 3)
	if len(parts) < 3 || parts[0] != "arn" {
		return ""
	}
	return parts[1]
}
