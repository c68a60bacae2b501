package dump

import "strings"

// arn is the part of an Amazon Resource Name the loader needs:
// arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE.
type arn struct {
	Partition, Service, Region, Account, Resource string
}

// parseARN splits s; ok is false when s is not an ARN.
func parseARN(s string) (a arn, ok bool) {
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" {
		return arn{}, false
	}
	return arn{parts[1], parts[2], parts[3], parts[4], parts[5]}, true
}

// unqualifiedFunctionARN strips a version or alias from a function ARN
// (arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]); answers such
// as get-function-event-invoke-config name the function as NAME:$LATEST.
func unqualifiedFunctionARN(s string) string {
	a, ok := parseARN(s)
	if !ok || !strings.HasPrefix(a.Resource, "function:") {
		return s
	}
	rest := a.Resource[len("function:"):]
	if i := strings.IndexByte(rest, ':'); i >= 0 {
		return s[:len(s)-len(rest)+i]
	}
	return s
}

// layerNameFromARN returns the layer name of a layer or layer version ARN
// (arn:aws:lambda:REGION:ACCOUNT:layer:NAME[:VERSION]).
func layerNameFromARN(a arn) string {
	name, ok := strings.CutPrefix(a.Resource, "layer:")
	if !ok {
		return ""
	}
	name, _, _ = strings.Cut(name, ":")
	return name
}

// lastSegment returns what follows the last "/" of an ARN: the name of a
// role or policy whatever its path.
func lastSegment(s string) string {
	return s[strings.LastIndexByte(s, '/')+1:]
}
