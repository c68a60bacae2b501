package report

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/lambdasec/lambdasec/internal/finding"
)

// fingerprintKey names lambdasec's partial fingerprint. The version suffix
// lets the identity change one day without GitHub matching old and new
// fingerprints as if they meant the same thing.
const fingerprintKey = "lambdasecFingerprint/v1"

// fingerprint identifies a finding across runs, for GitHub to recognise the
// same alert: the rule, the resource and the function it concerns, but not
// the message, evidence or line, which change with wording and edits while
// the problem stays the same. Findings sharing all three are told apart by
// an occurrence number appended by the caller.
func fingerprint(f finding.Finding) string {
	sum := sha256.Sum256([]byte(f.RuleID + "\x00" + f.Resource.Key() + "\x00" + f.Function + "\x00" + f.Instance))
	return hex.EncodeToString(sum[:16])
}

// resourceLocation places a finding's resource. Infrastructure-as-code
// resources sit at a line of a file in the repository. Cloud resources get
// their ARN as a logical location and, because GitHub code scanning rejects
// results without a physical location, a pseudo-file from cloudPath.
func resourceLocation(res finding.Resource) sarifLocation {
	if res.File != "" {
		loc := sarifLocation{PhysicalLocation: &sarifPhysicalLocation{
			ArtifactLocation: fileArtifact(res.File),
			Region:           &sarifRegion{StartLine: max(res.Line, 1)},
		}}
		if res.LogicalID != "" {
			loc.LogicalLocations = []sarifLogicalLocation{{Name: res.LogicalID, FullyQualifiedName: res.Key(), Kind: "resource"}}
		}
		return loc
	}
	return sarifLocation{
		PhysicalLocation: &sarifPhysicalLocation{
			ArtifactLocation: sarifArtifactLocation{URI: cloudPath(res)},
			Region:           &sarifRegion{StartLine: 1},
		},
		LogicalLocations: []sarifLogicalLocation{{Name: res.Name, FullyQualifiedName: res.Key(), Kind: "resource"}},
	}
}

// fileArtifact locates a file given on the command line. Relative paths are
// relative to the repository root (%SRCROOT%), as GitHub expects; absolute
// paths become file URIs, which GitHub can show but not link to code.
func fileArtifact(path string) sarifArtifactLocation {
	p := filepath.ToSlash(filepath.Clean(path))
	if filepath.IsAbs(path) {
		return sarifArtifactLocation{URI: (&url.URL{Scheme: "file", Path: p}).String()}
	}
	return sarifArtifactLocation{URI: (&url.URL{Path: p}).String(), URIBaseID: "%SRCROOT%"}
}

// cloudPath names a cloud resource as a relative path built from its ARN:
// partition/account/region/service/resource, e.g.
// aws/111122223333/us-east-1/lambda/function/payments-api, with "global" for
// the account or region an ARN leaves empty (IAM has no region). Resources
// without an ARN are named from their account, region, type and name.
//
// Why a synthetic path rather than the dump folder or file given as input:
// it is the same on every machine and every run wherever the dump was
// unpacked, so GitHub keeps tracking the same alert; each resource gets its
// own path, so alerts list per resource and the path alone says which
// account, region and resource is concerned; and an input is usually a
// folder, where pinning every finding to one file would pile them all onto
// line 1 of it. No uriBaseId is set since the path is not in the source
// tree; GitHub shows such alerts without a code snippet.
func cloudPath(res finding.Resource) string {
	var parts []string
	if arn := strings.SplitN(res.ARN, ":", 6); len(arn) == 6 && arn[0] == "arn" {
		parts = []string{arn[1], orGlobal(arn[4]), orGlobal(arn[3]), arn[2]}
		parts = append(parts, strings.FieldsFunc(arn[5], func(r rune) bool { return r == ':' || r == '/' })...)
	} else {
		parts = []string{"aws", orGlobal(res.Account), orGlobal(res.Region)}
		// AWS::Lambda::Function → lambda/function
		for _, t := range strings.Split(res.Type, "::") {
			if t != "" && t != "AWS" {
				parts = append(parts, strings.ToLower(t))
			}
		}
		if res.Name != "" {
			parts = append(parts, res.Name)
		}
	}
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return strings.Join(parts, "/")
}

func orGlobal(s string) string {
	if s == "" {
		return "global"
	}
	return s
}
