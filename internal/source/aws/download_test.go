package aws

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lambdasec/lambdasec/internal/source/dump"
)

func TestAllowedCodeURL(t *testing.T) {
	c := &collector{opts: Options{EndpointURL: "http://127.0.0.1:4566"}}
	for url, ok := range map[string]bool{
		"https://awslambda-us-east-1-tasks.s3.us-east-1.amazonaws.com/fn?X-Amz-Signature=x": true,
		"https://prod-04-2014-tasks.s3.cn-north-1.amazonaws.com.cn/fn":                      true,
		"http://awslambda-us-east-1-tasks.s3.us-east-1.amazonaws.com/fn":                    false, // not https
		"https://evil.example.com/amazonaws.com":                                            false,
		"https://amazonaws.com.evil.example/fn":                                             false,
		"http://127.0.0.1:4566/fn":                                                          true, // the configured endpoint
	} {
		if err := c.allowedCodeURL(url); (err == nil) != ok {
			t.Errorf("allowedCodeURL(%s) = %v, want allowed %v", url, err, ok)
		}
	}
}

func TestDownloadVerifiesSHA256(t *testing.T) {
	pkg := []byte("PK\x05\x06" + strings.Repeat("\x00", 18))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(pkg) }))
	defer srv.Close()
	sum := sha256.Sum256(pkg)
	good := base64.StdEncoding.EncodeToString(sum[:])
	bad := base64.StdEncoding.EncodeToString(make([]byte, 32))

	dir := t.TempDir()
	c := &collector{opts: withDefaults(Options{EndpointURL: srv.URL}), out: &dump.Writer{Root: dir}, calls: map[string]int{}}
	a := &account{c: c, id: "123456789012"}
	arn := "arn:aws:lambda:us-east-1:123456789012:function:f"
	a.download(context.Background(), "us-east-1", "op", arn, srv.URL+"/f?X-Amz-Signature=secret", good)
	if _, err := os.Stat(filepath.Join(dir, PackagePath(arn, sum[:]))); err != nil {
		t.Errorf("verified package not saved: %v", err)
	}
	a.download(context.Background(), "us-east-1", "op", arn+"2", srv.URL+"/f?X-Amz-Signature=secret", bad)
	if len(c.failures) != 1 || !strings.Contains(c.failures[0].Message, "differs") {
		t.Fatalf("mismatch not reported: %v", c.failures)
	}
	if strings.Contains(c.failures[0].String(), "secret") {
		t.Error("the failure prints the presigned URL")
	}
	c.opts.MaxCodeBytes = 4
	a.download(context.Background(), "us-east-1", "op", arn+"3", srv.URL+"/f", good)
	if len(c.failures) != 2 || !strings.Contains(c.failures[1].Message, "limit") {
		t.Errorf("size limit not enforced: %v", c.failures)
	}
}
