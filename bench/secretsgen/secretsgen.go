// Package secretsgen writes a realistic corpus for measuring secret
// scanning: real source text (the Go distribution's own sources) with
// planted credentials of common providers, labelled by file and line, so
// that throughput and recall can be compared between scanners on the same
// bytes.
package secretsgen

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// Label is one planted secret.
type Label struct {
	File string `json:"file"` // slash path relative to the corpus root
	Line int    `json:"line"`
	Kind string `json:"kind"`
}

const (
	alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	b32   = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	b64   = alnum + "+/"
	url64 = alnum + "-_"
)

// planters produce one line holding a fresh secret of one provider format,
// written as code or configuration would hold it.
var planters = []struct {
	kind string
	line func(r *rand.Rand) string
}{
	{"aws-access-key-id", func(r *rand.Rand) string { return `aws_access_key_id = "AKIA` + rnd(r, 16, b32) + `"` }},
	{"github-token", func(r *rand.Rand) string { return `const token = "ghp_` + rnd(r, 36, alnum) + `"` }},
	{"gitlab-token", func(r *rand.Rand) string { return `GITLAB_TOKEN=glpat-` + rnd(r, 20, alnum) }},
	{"slack-webhook", func(r *rand.Rand) string {
		return `webhook: https://hooks.slack.com/services/T` + rnd(r, 8, b32) + `/B` + rnd(r, 10, b32) + `/` + rnd(r, 24, alnum)
	}},
	{"slack-token", func(r *rand.Rand) string {
		return `SLACK_BOT_TOKEN = "xoxb-` + rnd(r, 12, "0123456789") + `-` + rnd(r, 13, "0123456789") + `-` + rnd(r, 24, alnum) + `"`
	}},
	{"stripe-live-key", func(r *rand.Rand) string { return `stripe.api_key = "sk_live_` + rnd(r, 99, alnum) + `"` }},
	{"sendgrid-api-key", func(r *rand.Rand) string {
		return `SENDGRID_API_KEY: "SG.` + rnd(r, 22, url64) + `.` + rnd(r, 43, url64) + `"`
	}},
	{"google-api-key", func(r *rand.Rand) string { return `"mapsKey": "AIza` + rnd(r, 35, url64) + `",` }},
	{"npm-token", func(r *rand.Rand) string { return `//registry.npmjs.org/:_authToken=npm_` + rnd(r, 36, alnum) }},
	{"jwt", func(r *rand.Rand) string {
		h := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`))
		p := base64.RawURLEncoding.EncodeToString([]byte(fmt.Sprintf(`{"sub":"svc-%d","iat":1764000000}`, r.IntN(1e6))))
		return `Authorization: Bearer ` + h + "." + p + "." + rnd(r, 43, url64)
	}},
	{"private-key", func(r *rand.Rand) string {
		var b strings.Builder
		b.WriteString("-----BEGIN RSA PRIVATE KEY-----\n")
		for range 12 {
			b.WriteString(rnd(r, 64, b64) + "\n")
		}
		b.WriteString(rnd(r, 24, b64) + "==\n-----END RSA PRIVATE KEY-----")
		return b.String()
	}},
}

func rnd(r *rand.Rand, n int, alphabet string) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.IntN(len(alphabet))]
	}
	return string(b)
}

// sourceExt are the text files copied from GOROOT.
var sourceExt = map[string]bool{".go": true, ".js": true, ".json": true, ".md": true, ".txt": true, ".html": true, ".s": true, ".c": true, ".h": true, ".py": true, ".sh": true}

// Write fills dir with about size bytes of source text and planted secrets
// (one in every plantEvery files) and returns the labels.
func Write(dir string, size int64, plantEvery int, seed uint64) ([]Label, error) {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	src := filepath.Join(runtime.GOROOT(), "src")
	var labels []Label
	var written int64
	n := 0
	stop := fmt.Errorf("enough")
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == "testdata" {
				return filepath.SkipDir // test fixtures hold deliberate look-alike keys
			}
			return nil
		}
		if !sourceExt[filepath.Ext(p)] {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		rel = filepath.ToSlash(rel)
		n++
		if n%plantEvery == 0 {
			pl := planters[r.IntN(len(planters))]
			lines := strings.SplitAfter(string(b), "\n")
			if lines[len(lines)-1] == "" {
				lines = lines[:len(lines)-1] // the text ended with a newline
			} else {
				lines[len(lines)-1] += "\n"
			}
			at := r.IntN(len(lines) + 1)
			secret := pl.line(r) + "\n"
			lines = append(lines[:at], append([]string{secret}, lines[at:]...)...)
			b = []byte(strings.Join(lines, ""))
			labels = append(labels, Label{File: rel, Line: at + 1, Kind: pl.kind})
		}
		out := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(out, b, 0o644); err != nil {
			return err
		}
		written += int64(len(b))
		if written >= size {
			return stop
		}
		return nil
	})
	if err != nil && err != stop {
		return nil, err
	}
	return labels, nil
}

// WriteLabels saves labels as JSON, outside the corpus so that no scanner
// reads them.
func WriteLabels(path string, labels []Label) error {
	b, err := json.MarshalIndent(labels, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}
