package dump

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lambdasec/lambdasec/internal/inventory"
)

func TestPathHelpers(t *testing.T) {
	tests := []struct{ got, want string }{
		{AccountPath(inventory.SecCallerIdentity, 1), "sts/get-caller-identity.json"},
		{AccountPath(inventory.SecIAM, 2), "iam/get-account-authorization-details.2.json"},
		{RegionPath("us-east-1", inventory.SecFunctions, 1), "us-east-1/lambda/list-functions.json"},
		{RegionPath("eu-west-1", inventory.SecSubnets, 3), "eu-west-1/ec2/describe-subnets.3.json"},
		{FunctionPath("us-east-1", inventory.SecFunctionPolicies, "my-fn"), "us-east-1/lambda/get-policy/my-fn.json"},
		{CodeSigningConfigPath("us-east-1", "csc-0a1b"), "us-east-1/lambda/get-code-signing-config/csc-0a1b.json"},
		{LayerPath("us-east-1", inventory.SecLayerVersions, "utils", acct, acct, 4), "us-east-1/lambda/get-layer-version/utils/4.json"},
		{LayerPath("us-east-1", inventory.SecLayerPolicies, "utils", "999988887777", acct, 4), "us-east-1/lambda/get-layer-version-policy/999988887777-utils/4.json"},
		{TrailPath("us-east-1", inventory.SecEventSelectors, "org.trail"), "us-east-1/cloudtrail/get-event-selectors/org.trail.json"},
		{DetectorPath("us-east-1", "abc123"), "us-east-1/guardduty/get-detector/abc123.json"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %s, want %s", tt.got, tt.want)
		}
	}
}

// TestWriterRoundTrip writes answers the way the collector does and reads
// them back.
func TestWriterRoundTrip(t *testing.T) {
	root := filepath.Join(t.TempDir(), "dump")
	w := &Writer{Root: root}
	const fnARN = "arn:aws:lambda:us-east-1:" + acct + ":function:"
	answers := []struct{ path, answer string }{
		{AccountPath(inventory.SecCallerIdentity, 1), `{"UserId": "AIDA", "Account": "` + acct + `", "Arn": "arn:aws:iam::` + acct + `:user/audit"}`},
		{RegionPath("us-east-1", inventory.SecFunctions, 1), `{"Functions": [{"FunctionName": "one", "FunctionArn": "` + fnARN + `one", "Layers": [{"Arn": "arn:aws:lambda:us-east-1:999988887777:layer:ext:2"}]}], "NextMarker": "m"}`},
		{RegionPath("us-east-1", inventory.SecFunctions, 2), `{"Functions": [{"FunctionName": "two", "FunctionArn": "` + fnARN + `two"}]}`},
		{FunctionPath("us-east-1", inventory.SecFunctionPolicies, "one"), `{"Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"lambda:InvokeFunction\",\"Resource\":\"*\"}]}"}`},
		{FunctionPath("us-east-1", inventory.SecFunctionPolicies, "two"), `{}`},
		{LayerPath("us-east-1", inventory.SecLayerVersions, "ext", "999988887777", acct, 2), `{"LayerVersionArn": "arn:aws:lambda:us-east-1:999988887777:layer:ext:2", "Version": 2, "Content": {"CodeSha256": "abc="}}`},
		{LayerPath("us-east-1", inventory.SecLayerPolicies, "ext", "999988887777", acct, 2), `{}`},
		{RegionPath("us-east-1", inventory.SecTrails, 1), `{"trailList": [{"Name": "t", "TrailARN": "arn:aws:cloudtrail:us-east-1:` + acct + `:trail/t"}]}`},
		{TrailPath("us-east-1", inventory.SecTrailStatus, "t"), `{"IsLogging": false}`},
		{RegionPath("us-east-1", inventory.SecGuardDuty, 1), `{"DetectorIds": ["d1"]}`},
		{DetectorPath("us-east-1", "d1"), `{"Status": "ENABLED", "Features": [{"Name": "LAMBDA_NETWORK_LOGS", "Status": "ENABLED"}]}`},
	}
	for _, a := range answers {
		if err := w.Write(a.path, []byte(a.answer)); err != nil {
			t.Fatalf("Write(%s): %v", a.path, err)
		}
	}
	// Writing again replaces the file.
	if err := w.Write(answers[4].path, []byte(`{ }`)); err != nil {
		t.Fatal(err)
	}

	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.Contains(d.Name(), ".tmp-") {
			t.Errorf("temporary file left behind: %s", p)
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if perm := info.Mode().Perm(); perm&0o077 != 0 {
			t.Errorf("%s is readable by others (%v): dumps hold secrets", p, perm)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	inv := load(t, root)
	a := inv.Accounts[0]
	r := region(t, a, "us-east-1")
	equal(t, "account", a.ID, acct)
	equal(t, "sections", sections(r.Collected), []string{
		"cloudtrail/describe-trails", "cloudtrail/get-trail-status", "guardduty/list-detectors",
		"lambda/get-layer-version", "lambda/get-layer-version-policy", "lambda/get-policy", "lambda/list-functions",
	})
	one, two := function(t, inv, "one"), function(t, inv, "two")
	if !one.ResourcePolicy.Known || one.ResourcePolicy.Value == nil || !two.ResourcePolicy.Known || two.ResourcePolicy.Value != nil {
		t.Errorf("policies: %+v, %+v", one.ResourcePolicy, two.ResourcePolicy)
	}
	if l := one.Layers[0].Layer; l == nil || l.AccountID != "999988887777" || !l.Policy.Known || l.CodeSha256 != "abc=" {
		t.Errorf("layer: %+v", l)
	}
	if tr := r.Trails[0]; !tr.IsLogging.Known || tr.IsLogging.Value {
		t.Errorf("trail status: %+v", tr.IsLogging)
	}
	if g := r.GuardDuty; !g.Known || g.Value.ID != "d1" || !g.Value.LambdaNetworkLogs.Value {
		t.Errorf("GuardDuty: %+v", g)
	}
}

func TestWriterRefuses(t *testing.T) {
	outside := t.TempDir()
	root := t.TempDir()
	// A link inside the dump that points out of it.
	if err := os.Symlink(outside, filepath.Join(root, "us-east-1")); err != nil {
		t.Fatal(err)
	}
	w := &Writer{Root: root}
	tests := []struct {
		name, path, answer, message string
	}{
		{"parent", "../escape.json", `{}`, "would leave the dump folder"},
		{"parent inside", "us-west-2/lambda/../../../escape.json", `{}`, "would leave the dump folder"},
		{"absolute", "/tmp/escape.json", `{}`, "absolute path"},
		{"backslash", `us-west-2\..\..\escape.json`, `{}`, "path separators"},
		{"name with a separator", "us-west-2/lambda/get-policy/a\\b.json", `{}`, "path separators"},
		{"empty component", "us-west-2//lambda/list-functions.json", `{}`, "empty name"},
		{"empty name", "us-west-2/lambda/get-policy/.json", `{}`, "empty name"},
		{"dot", "./sts/get-caller-identity.json", `{}`, "not a name"},
		{"empty", "", `{}`, "empty path"},
		{"not .json", "packages/fn.zip", `{}`, ".json"},
		{"name from a path helper", FunctionPath("us-west-2", inventory.SecFunctionPolicies, "../../x"), `{}`, "would leave the dump folder"},
		{"symbolic link out", "us-east-1/lambda/list-functions.json", `{"Functions": []}`, ""},
		{"invalid JSON", "sts/get-caller-identity.json", `{"Account": "1`, "not valid JSON"},
		{"not an object", "sts/get-caller-identity.json", `["x"]`, "not a JSON object"},
	}
	for _, tt := range tests {
		err := w.Write(tt.path, []byte(tt.answer))
		var fe *FileError
		if err == nil || !errors.As(err, &fe) || !strings.Contains(err.Error(), tt.message) {
			t.Errorf("%s: Write(%q) = %v, want a *FileError about %q", tt.name, tt.path, err, tt.message)
		}
	}
	for _, dir := range []string{outside, filepath.Dir(root)} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if e.Name() != filepath.Base(root) && e.Name() != filepath.Base(outside) {
				t.Errorf("Write escaped into %s: %s", dir, e.Name())
			}
		}
	}
}

// TestWriterConcurrent writes from many goroutines into shared folders, as
// the collector does.
func TestWriterConcurrent(t *testing.T) {
	w := &Writer{Root: filepath.Join(t.TempDir(), "dump")}
	done := make(chan error)
	for i := range 16 {
		go func() {
			name := "fn-" + string(rune('a'+i))
			done <- w.Write(FunctionPath("us-east-1", inventory.SecFunctionPolicies, name), []byte(`{}`))
		}()
	}
	for range 16 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
	entries, err := os.ReadDir(filepath.Join(w.Root, "us-east-1", "lambda", "get-policy"))
	if err != nil || len(entries) != 16 {
		t.Errorf("got %d files (%v), want 16", len(entries), err)
	}
}
