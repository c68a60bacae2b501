package aws

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
)

// PackagePath is the dump file of a downloaded package or layer content:
// packages/ARN-SHA256HEX.zip, with the ARN's ":" and "/" turned into "_"
// so that it is one file name.
func PackagePath(arn string, sum []byte) string {
	name := strings.NewReplacer(":", "_", "/", "_").Replace(arn)
	return "packages/" + name + "-" + hex.EncodeToString(sum) + ".zip"
}

func (a *account) downloadFunctionCode(ctx context.Context, region string, fn *lambda.GetFunctionOutput) {
	if fn.Code == nil || fn.Configuration == nil || aws.ToString(fn.Code.Location) == "" {
		return // container images have no package to download
	}
	a.download(ctx, region, "lambda:GetFunction(Code.Location)", aws.ToString(fn.Configuration.FunctionArn),
		aws.ToString(fn.Code.Location), aws.ToString(fn.Configuration.CodeSha256))
}

func (a *account) downloadLayerCode(ctx context.Context, region string, lv *lambda.GetLayerVersionOutput) {
	if lv.Content == nil || aws.ToString(lv.Content.Location) == "" {
		return
	}
	a.download(ctx, region, "lambda:GetLayerVersion(Content.Location)", aws.ToString(lv.LayerVersionArn),
		aws.ToString(lv.Content.Location), aws.ToString(lv.Content.CodeSha256))
}

// download fetches a presigned package URL, checks its SHA-256 against the
// CodeSha256 AWS reported and saves it. Any problem is a failure of this
// package only.
func (a *account) download(ctx context.Context, region, op, arn, location, wantB64 string) {
	fail := func(err error) {
		// The presigned URL is a bearer credential: never print it.
		a.c.fail(Failure{Account: a.id, Region: region, Operation: op, Kind: KindError, Message: arn + ": " + err.Error()})
	}
	want, err := base64.StdEncoding.DecodeString(wantB64)
	if err != nil || len(want) != sha256.Size {
		fail(errors.New("CodeSha256 is not a base64 SHA-256"))
		return
	}
	if err := a.c.allowedCodeURL(location); err != nil {
		fail(err)
		return
	}
	data, err := a.c.fetch(ctx, location)
	if err != nil {
		fail(err)
		return
	}
	got := sha256.Sum256(data)
	if string(got[:]) != string(want) {
		fail(fmt.Errorf("downloaded package's SHA-256 %s differs from CodeSha256 %s: not saved",
			base64.StdEncoding.EncodeToString(got[:]), wantB64))
		return
	}
	if err := a.writeFile(PackagePath(arn, got[:]), data); err != nil {
		fail(err)
	}
}

// allowedCodeURL accepts only https URLs on AWS hosts, or the configured
// endpoint: a presigned location pointing anywhere else is not followed.
func (c *collector) allowedCodeURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return errors.New("code location is not a URL")
	}
	if ep := c.opts.EndpointURL; ep != "" {
		if e, err := url.Parse(ep); err == nil && e.Scheme == u.Scheme && e.Host == u.Host {
			return nil
		}
	}
	host := u.Hostname()
	if u.Scheme != "https" || !(strings.HasSuffix(host, ".amazonaws.com") || strings.HasSuffix(host, ".amazonaws.com.cn")) {
		return fmt.Errorf("code location %s://%s is not an https AWS host: not downloaded", u.Scheme, host)
	}
	return nil
}

// fetch reads a URL up to the size limit. Redirects are not followed: a
// presigned S3 URL answers directly.
func (c *collector) fetch(ctx context.Context, raw string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, raw, nil)
	if err != nil {
		return nil, errors.New("bad code location")
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the url.Error would print the presigned URL
		}
		return nil, fmt.Errorf("downloading: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("downloading: HTTP %d", resp.StatusCode)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, c.opts.MaxCodeBytes+1))
	if err != nil {
		return nil, fmt.Errorf("downloading: %w", err)
	}
	if int64(len(data)) > c.opts.MaxCodeBytes {
		return nil, fmt.Errorf("package larger than the %d-byte limit: not downloaded", c.opts.MaxCodeBytes)
	}
	return data, nil
}

// writeFile writes a non-JSON file (a package) inside the account folder,
// readable by its owner only, never outside the dump.
func (a *account) writeFile(rel string, data []byte) error {
	rel = a.rel(rel)
	if err := os.MkdirAll(a.c.out.Root, 0o700); err != nil {
		return err
	}
	root, err := os.OpenRoot(a.c.out.Root)
	if err != nil {
		return err
	}
	defer root.Close()
	if err := root.MkdirAll(path.Dir(rel), 0o700); err != nil {
		return err
	}
	return root.WriteFile(rel, data, 0o600)
}
