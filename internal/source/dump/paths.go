package dump

import (
	"regexp"
	"strconv"

	"github.com/lambdasec/lambdasec/internal/inventory"
)

// A command is named like an inventory section, "service/command" (e.g.
// "lambda/get-policy"), and its answers live under that path. The helpers
// below are the one place that spells out file names, so that the writer and
// the reader cannot disagree.
//
// Names are used as given, not cleaned, so that Writer.Write sees and
// refuses a name such as ".." instead of a path quietly changed; AWS never
// puts a path separator in a function, layer, trail or detector name.

// Commands without an inventory section of their own.
const (
	// cmdGetDetector is GuardDuty's per-detector answer; list-detectors
	// (inventory.SecGuardDuty) records the coverage.
	cmdGetDetector inventory.Section = "guardduty/get-detector"
)

// AccountPath is the file of an account-wide answer (sts, iam,
// organizations): "iam/get-account-authorization-details.json" for page 1,
// "….2.json" for page 2 of a split paginated answer.
func AccountPath(command inventory.Section, page int) string {
	return pageFile(string(command), page)
}

// RegionPath is the file of a regional list or describe answer, e.g.
// "us-east-1/lambda/list-functions.json" or, for page 3 of a split answer,
// "us-east-1/lambda/list-functions.3.json".
func RegionPath(region string, command inventory.Section, page int) string {
	return pageFile(region+"/"+string(command), page)
}

// FunctionPath is the file of a per-function answer, e.g.
// FunctionPath("us-east-1", inventory.SecFunctionPolicies, "my-fn") is
// "us-east-1/lambda/get-policy/my-fn.json".
func FunctionPath(region string, command inventory.Section, function string) string {
	return resourceFile(region, command, function)
}

// CodeSigningConfigPath is the get-code-signing-config answer for the
// configuration with the given id (csc-…).
func CodeSigningConfigPath(region, id string) string {
	return resourceFile(region, inventory.SecCodeSigningConfigs, id)
}

// LayerPath is the file of a per-layer-version answer (get-layer-version or
// get-layer-version-policy). A layer published by another account is filed
// as ACCOUNT-NAME so that equal names from different publishers cannot
// collide; ownAccount is the account being dumped.
func LayerPath(region string, command inventory.Section, layer, publisherAccount, ownAccount string, version int64) string {
	dir := layer
	if publisherAccount != "" && publisherAccount != ownAccount {
		dir = publisherAccount + "-" + layer
	}
	return region + "/" + string(command) + "/" + dir + "/" + strconv.FormatInt(version, 10) + ".json"
}

// TrailPath is the file of a per-trail answer (get-event-selectors or
// get-trail-status), named by the trail's name.
func TrailPath(region string, command inventory.Section, trail string) string {
	return resourceFile(region, command, trail)
}

// DetectorPath is the get-detector answer for a GuardDuty detector id.
func DetectorPath(region, detectorID string) string {
	return resourceFile(region, cmdGetDetector, detectorID)
}

func resourceFile(region string, command inventory.Section, name string) string {
	return region + "/" + string(command) + "/" + name + ".json"
}

// pageFile names page n of a paginated answer: base.json, base.2.json, …
func pageFile(base string, page int) string {
	if page <= 1 {
		return base + ".json"
	}
	return base + "." + strconv.Itoa(page) + ".json"
}

// regionName matches the shape of AWS region names in every partition:
// us-east-1, eu-central-2, us-gov-west-1, cn-north-1, us-isob-east-1,
// eusc-de-east-1. Folders are recognised by shape rather than by a list so
// that regions launched after this release still load.
var regionName = regexp.MustCompile(`^[a-z]{2,4}(-[a-z]{2,4})?-[a-z]+-[0-9]{1,2}$`)

func isRegion(name string) bool { return regionName.MatchString(name) }

// isAccountID reports whether s is a 12-digit AWS account id.
func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
