package iam

import "strings"

// MatchAction reports whether an IAM action pattern (* and ? wildcards)
// matches an action. Action names compare case-insensitively, as AWS does.
func MatchAction(pattern, action string) bool { return wildcardMatch(pattern, action) }

// MatchResource reports whether a policy's resource pattern matches a
// concrete ARN. Wildcards stay within an ARN segment for the partition,
// service, region and account; the resource part may span ":" and "/".
// Resource ARNs compare case-sensitively. A policy variable (${aws:username})
// matches anything: callers asking what might be allowed read it as a
// wildcard.
func MatchResource(pattern, arn string) bool { return resourceIntersects(pattern, arn) }

// hasVariable reports whether a pattern holds a policy variable.
func hasVariable(s string) bool { return strings.Contains(s, "${") }

// varsToWildcards replaces every policy variable by "*". The escapes ${*},
// ${?} and ${$} stand for literal characters; reading them as "*" only
// widens the match, which is the conservative side for Allow.
func varsToWildcards(s string) string {
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			return s
		}
		j := strings.Index(s[i:], "}")
		if j < 0 {
			return s
		}
		s = s[:i] + "*" + s[i+j+1:]
	}
}

// arnSegments splits an ARN (or ARN pattern) into its six parts; ok is false
// when it has fewer, as "*" does.
func arnSegments(s string) ([6]string, bool) {
	var out [6]string
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 {
		return out, false
	}
	copy(out[:], parts)
	return out, true
}

// resourceIntersects reports whether some ARN matches both the policy
// pattern p and the query q. A query may itself hold wildcards, meaning
// "some resource of this shape" (arn:aws:iam::123456789012:role/*).
func resourceIntersects(p, q string) bool {
	p = varsToWildcards(p)
	if p == "*" || q == "*" {
		return true
	}
	ps, pok := arnSegments(p)
	qs, qok := arnSegments(q)
	if !pok || !qok {
		return globIntersect(p, q)
	}
	for i := range ps {
		if !globIntersect(ps[i], qs[i]) {
			return false
		}
	}
	return true
}

// resourceCovers reports whether every ARN the query q stands for matches
// the policy pattern p: what a Deny needs to be sure to apply. Policy
// variables never cover (the caller treats them as unknown).
func resourceCovers(p, q string) bool {
	if p == "*" {
		return true
	}
	if hasVariable(p) {
		return false
	}
	if q == "*" {
		ps, ok := arnSegments(p)
		if !ok {
			return false
		}
		for _, s := range ps[1:] {
			if strings.Trim(s, "*") != "" {
				return false
			}
		}
		return strings.Trim(ps[0], "*") == "" || ps[0] == "arn"
	}
	ps, pok := arnSegments(p)
	qs, qok := arnSegments(q)
	if !pok || !qok {
		return globCovers(p, q)
	}
	for i := range ps {
		if !globCovers(ps[i], qs[i]) {
			return false
		}
	}
	return true
}

// globIntersect reports whether two glob patterns (* and ?) can match a
// common string.
func globIntersect(a, b string) bool {
	memo := make([]int8, (len(a)+1)*(len(b)+1))
	var rec func(i, j int) bool
	rec = func(i, j int) bool {
		k := i*(len(b)+1) + j
		if memo[k] != 0 {
			return memo[k] > 0
		}
		var r bool
		switch {
		case i == len(a) && j == len(b):
			r = true
		case i < len(a) && a[i] == '*':
			r = rec(i+1, j) || (j < len(b) && rec(i, j+1))
		case j < len(b) && b[j] == '*':
			r = rec(i, j+1) || (i < len(a) && rec(i+1, j))
		case i == len(a) || j == len(b):
			r = false
		default:
			r = (a[i] == b[j] || a[i] == '?' || b[j] == '?') && rec(i+1, j+1)
		}
		memo[k] = 1
		if !r {
			memo[k] = -1
		}
		return r
	}
	return rec(0, 0)
}

// globCovers reports whether pattern p matches every string the pattern q
// matches: q's wildcards must be absorbed by p's.
func globCovers(p, q string) bool {
	memo := make([]int8, (len(p)+1)*(len(q)+1))
	var rec func(i, j int) bool
	rec = func(i, j int) bool {
		k := i*(len(q)+1) + j
		if memo[k] != 0 {
			return memo[k] > 0
		}
		var r bool
		switch {
		case i == len(p):
			r = j == len(q)
		case p[i] == '*':
			r = rec(i+1, j) || (j < len(q) && rec(i, j+1))
		case j == len(q) || q[j] == '*':
			r = false
		case p[i] == '?':
			r = rec(i+1, j+1)
		default:
			r = p[i] == q[j] && rec(i+1, j+1)
		}
		memo[k] = 1
		if !r {
			memo[k] = -1
		}
		return r
	}
	return rec(0, 0)
}

// BroadResource reports whether a policy resource pattern reaches every
// resource of its kind in at least one account: "*", "arn:aws:s3:::*",
// "arn:aws:secretsmanager:*:*:secret:*", "arn:aws:ssm:us-east-1:1234:parameter/*".
// S3 object patterns under one named bucket ("my-bucket/*") are scoped.
func BroadResource(p string) bool {
	p = varsToWildcards(p)
	if strings.Trim(p, "*") == "" {
		return true
	}
	s, ok := arnSegments(p)
	if !ok {
		return false
	}
	res := s[5]
	if strings.Trim(res, "*") == "" {
		return true
	}
	if s[2] == "s3" {
		return false
	}
	// A resource type followed only by a wildcard: "secret:*", "table/*".
	i := strings.IndexAny(res, ":/")
	return i > 0 && !strings.ContainsAny(res[:i], "*?") && strings.Trim(res[i+1:], "*") == ""
}
