// Package awstest runs moto_server on loopback for the live-collection
// tests and benchmarks, and seeds it with Lambda scenarios through the SDK.
package awstest

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
)

// Region is where the scenarios live.
const Region = "us-east-1"

// StartMoto starts `moto_server -H 127.0.0.1 -p PORT` on a free port, sets
// fake credentials in the environment and returns the endpoint URL. The
// server stops when the test ends. Without moto_server on PATH the test is
// skipped: CI installs it.
func StartMoto(tb testing.TB) string {
	tb.Helper()
	bin, err := exec.LookPath("moto_server")
	if err != nil {
		tb.Skip("moto_server is not on PATH (pip install 'moto[server]'): skipping the live-collection test")
	}
	port := freePort(tb)
	cmd := exec.Command(bin, "-H", "127.0.0.1", "-p", fmt.Sprint(port))
	if err := cmd.Start(); err != nil {
		tb.Fatalf("starting moto_server: %v", err)
	}
	tb.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	url := fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get(url + "/moto-api/")
		if err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			tb.Fatalf("moto_server did not answer on %s within 60s: %v", url, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	SetFakeCredentials(tb)
	return url
}

// SetFakeCredentials points the default credential chain at fake keys and
// away from the developer's own configuration.
func SetFakeCredentials(tb testing.TB) {
	tb.Setenv("AWS_ACCESS_KEY_ID", "testing")
	tb.Setenv("AWS_SECRET_ACCESS_KEY", "testing")
	tb.Setenv("AWS_REGION", Region)
	tb.Setenv("AWS_DEFAULT_REGION", Region)
	for _, v := range []string{"AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE"} {
		tb.Setenv(v, "") // restores the value after the test
		os.Unsetenv(v)   // an empty profile name is an error to the CLI
	}
	tb.Setenv("AWS_CONFIG_FILE", "/dev/null")
	tb.Setenv("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
	tb.Setenv("AWS_EC2_METADATA_DISABLED", "true")
}

func freePort(tb testing.TB) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatalf("finding a free port: %v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// Config is an SDK configuration for seeding moto at endpoint.
func Config(endpoint string) aws.Config {
	return aws.Config{
		Region:       Region,
		Credentials:  credentials.NewStaticCredentialsProvider("testing", "testing", ""),
		BaseEndpoint: aws.String(endpoint),
	}
}

func ctx() context.Context { return context.Background() }
