package bench

import (
	"context"
	"fmt"
	"testing"
	"time"

	awssrc "github.com/lambdasec/lambdasec/internal/source/aws"
	"github.com/lambdasec/lambdasec/internal/source/aws/awstest"
)

// BenchmarkCollect1000Functions collects 1,000 functions from moto through
// the test proxy, as is and with 20 ms added to every call as a remote API
// would. The functions are created once; each iteration collects them all.
// It reports calls per function, the other calls, and the wall time.
//
//	go test ./bench -run XXX -bench Collect -benchtime 1x
func BenchmarkCollect1000Functions(b *testing.B) {
	const n = 1000
	endpoint := awstest.StartMoto(b)
	cfg := awstest.Config(endpoint)
	role := awstest.CreateRole(b, cfg, "bench-role", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:*","Resource":"*"}]}`)
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("bench-fn-%04d", i)
	}
	awstest.CreateFunctions(b, cfg, role, names)
	for _, latency := range []time.Duration{0, 20 * time.Millisecond} {
		b.Run(fmt.Sprintf("latency=%s", latency), func(b *testing.B) {
			collectBench(b, awstest.NewProxy(b, endpoint, awstest.Faults{Latency: latency}), n)
		})
	}
}

func collectBench(b *testing.B, proxy *awstest.Proxy, n int) {
	for range b.N {
		before := proxy.Total()
		start := time.Now()
		res, err := awssrc.Collect(context.Background(), awssrc.Options{EndpointURL: proxy.URL}, b.TempDir())
		if err != nil || len(res.Failures) > 0 || res.Functions != n {
			b.Fatalf("collect: %v, %d failures, %d functions", err, len(res.Failures), res.Functions)
		}
		perFn := res.Calls["lambda:GetFunction"] + res.Calls["lambda:GetPolicy"] + res.Calls["lambda:GetFunctionUrlConfig"] +
			res.Calls["lambda:GetFunctionCodeSigningConfig"] + res.Calls["lambda:GetFunctionEventInvokeConfig"]
		total := proxy.Total() - before
		b.ReportMetric(float64(perFn)/float64(n), "calls/function")
		b.ReportMetric(float64(total-perFn), "other-calls")
		b.ReportMetric(time.Since(start).Seconds(), "wall-s")
	}
}
