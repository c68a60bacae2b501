package inventory

import "time"

// RoleUsage is what a role was seen doing, from CloudTrail. Rules compare
// it with what the role is granted; it says nothing about calls outside the
// observed window or calls CloudTrail did not log (data events are logged
// only when a trail selects them).
type RoleUsage struct {
	// Actions maps each IAM action the role's sessions exercised
	// ("s3:GetObject", catalog casing) to the last time it was seen.
	Actions map[string]time.Time
	// Since and Until bound the logs read (all identities), so a role that
	// made no call at all still has a window.
	Since, Until time.Time
	// DataEvents reports whether the logs held any data events (S3 object,
	// DynamoDB item, Lambda invoke, …); without them data-plane actions look
	// unused even when they are not.
	DataEvents bool
	// Source says where the usage comes from, for evidence (e.g. "CloudTrail, 3 files").
	Source string
}
