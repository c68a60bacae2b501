package inventory

// ContentScan is what content analysis found in one deployment package or
// layer archive. Sources never fill it: the content-analysis step
// (internal/secrets) does, between loading and the rules.
type ContentScan struct {
	// Archive names the file that was read (for evidence), e.g.
	// "dump/packages/<sha256>.zip".
	Archive string
	// Matches are the secrets and malicious markers found, in archive order.
	Matches []ContentMatch
	// Partial says why only part of the archive was assessed (a size,
	// entry-count, nesting or compression-ratio limit; a corrupt entry);
	// empty when all of it was read.
	Partial string
	// Notes record unusual entries that were handled safely: names that
	// would escape the archive root (../), symbolic links (not followed).
	Notes []string
	// Files and Bytes count what was read: entries and uncompressed bytes.
	Files int
	Bytes int64
}

// ContentKind tells secrets from malicious content.
type ContentKind string

// The kinds of content match.
const (
	ContentSecret    ContentKind = "secret"
	ContentMalicious ContentKind = "malicious"
)

// ContentMatch is one detection inside an archive. It never holds a
// secret: Preview is already redacted.
type ContentMatch struct {
	Kind ContentKind
	// Rule is the detector rule id (e.g. "aws-access-key-id", "stratum-url").
	Rule        string
	Description string
	Severity    int // finding.Severity value; the inventory does not import finding
	// Path is the file inside the archive; nested archives are joined with
	// "!" (lib/deps.jar!config/app.properties).
	Path    string
	Line    int    // 1-based, 0 for binaries
	Preview string // redacted secret, or the marker found for malicious content
	Example bool   // a documented example credential
}
