package inventory

// Settings is what the user told the scan beyond the inputs: whom they trust
// and what they pinned. Rules read it like any other part of the inventory,
// so they stay pure functions; Enrich steps fill it from the config and lock
// files.
type Settings struct {
	// TrustedAccounts are account ids whose layers the user trusts, on top of
	// the scanned accounts, their organization and AWS's own publishers.
	TrustedAccounts []string
	// TrustedSigningProfiles is the allowlist of signing profile (version)
	// ARNs a code-signing config may trust; nil when no allowlist was given.
	TrustedSigningProfiles []string
	// Lock is the lock file to compare against; nil when none was given.
	Lock *Lock
}

// Lock is a lock file: what was deployed when it was written.
type Lock struct {
	Path      string
	Functions []LockedFunction // sorted by ARN
}

// LockedFunction is one function as the lock file pinned it.
type LockedFunction struct {
	ARN string
	// CodeSha256 is the deployment package's hash (zip functions), or
	// ImageDigest the image digest (sha256:…) Lambda resolved at deploy time.
	CodeSha256  string
	ImageDigest string
	Layers      []LockedLayer // in the function's layer order
	Line        int           // where the function starts in the lock file
}

// LockedLayer is one layer version as a function used it.
type LockedLayer struct {
	ARN        string // layer version ARN
	CodeSha256 string
	Line       int // in the lock file
}

// LockUnknown stands in a lock for a value that was not collected when it
// was written; it matches nothing and is never reported as drift.
const LockUnknown = "-"
