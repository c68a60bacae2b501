package main

import (
	"github.com/spf13/pflag"

	"github.com/lambdasec/lambdasec/internal/iam/usage"
)

// scan --cloudtrail reads CloudTrail logs and records what each execution
// role was seen doing, for LAMBDA-IAM-010.
func init() {
	var paths []string
	extendScan(func(f *pflag.FlagSet) {
		f.StringSliceVar(&paths, "cloudtrail", nil, "CloudTrail logs (S3 log folders, .json/.json.gz files, lookup-events output) giving the roles' usage; repeatable")
	}, func(req *scanRequest) error {
		if len(paths) > 0 {
			req.Options.Enrich = append(req.Options.Enrich, usage.Enricher(paths))
		}
		return nil
	})
}
