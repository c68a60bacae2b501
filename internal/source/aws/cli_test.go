package aws_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	awssrc "github.com/lambdasec/lambdasec/internal/source/aws"
	"github.com/lambdasec/lambdasec/internal/source/aws/awstest"
)

// TestSameAnswersAsAWSCLI dumps one seeded moto twice, with the AWS CLI
// (scripts/dump-with-awscli.sh) and with the collector, and compares every
// answer the CLI wrote: same files, same JSON.
func TestSameAnswersAsAWSCLI(t *testing.T) {
	// Each CLI call costs seconds, so this comparison runs on demand
	// (about 7 minutes), not in every CI run.
	if os.Getenv("LAMBDASEC_AWSCLI_TEST") == "" {
		t.Skip("set LAMBDASEC_AWSCLI_TEST=1 to compare the collector's answers with the AWS CLI's (slow)")
	}
	if _, err := exec.LookPath("aws"); err != nil {
		t.Skip("the aws CLI is not on PATH: skipping the comparison with its answers")
	}
	endpoint := awstest.StartMoto(t)
	awstest.Seed(t, endpoint)
	cliDir, goDir := filepath.Join(t.TempDir(), "cli"), filepath.Join(t.TempDir(), "go")
	cmd := exec.Command("bash", "../../../scripts/dump-with-awscli.sh", cliDir, "--endpoint-url", endpoint, "--regions", awstest.Region)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("dump-with-awscli.sh: %v\n%s", err, out)
	}
	if _, err := awssrc.Collect(context.Background(), awssrc.Options{EndpointURL: endpoint}, goDir); err != nil {
		t.Fatal(err)
	}
	filepath.Walk(cliDir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.HasSuffix(p, ".json") {
			return err
		}
		rel, _ := filepath.Rel(cliDir, p)
		want, got := normalize(readJSON(t, p)), normalize(readJSON(t, filepath.Join(goDir, rel)))
		if !reflect.DeepEqual(want, got) {
			w, _ := json.Marshal(want)
			g, _ := json.Marshal(got)
			t.Errorf("%s differs:\ncli: %.1500s\ngo:  %.1500s", rel, w, g)
		}
		return nil
	})
}

func readJSON(t *testing.T, path string) any {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Errorf("%v", err)
		return nil
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Errorf("%s: %v", path, err)
	}
	return v
}

// normalize turns timestamps into one spelling: CLI v1 prints them as the
// service sent them ("…Z"), CLI v2 and the collector in ISO 8601 with
// "+00:00"; the dump reader takes both.
func normalize(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = normalize(e)
		}
	case []any:
		for i, e := range x {
			x[i] = normalize(e)
		}
	case string:
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.000-0700"} {
			if t, err := time.Parse(layout, x); err == nil {
				return t.UTC().Format(time.RFC3339Nano)
			}
		}
	}
	return v
}
