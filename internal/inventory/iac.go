package inventory

// Suppression is an inline `lambdasec:ignore RULE reason` comment on a
// resource defined in infrastructure-as-code. A scan drops the findings of
// RuleID on that resource (and, for a function, on what it is reported
// through, such as its role) and counts them as suppressed.
type Suppression struct {
	File      string
	Line      int // the line of the comment
	LogicalID string
	RuleID    string
	Reason    string
}
