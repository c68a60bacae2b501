// Package policy parses IAM policy documents (identity, resource and trust
// policies) in every legal shape. It only models documents; evaluation lives
// in internal/iam.
package policy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strings"
)

// Document is a parsed policy document.
type Document struct {
	Version    string      `json:"Version,omitempty"`
	ID         string      `json:"Id,omitempty"`
	Statements []Statement `json:"Statement"`
}

// Statement is one statement. Action/NotAction, Resource/NotResource and
// Principal/NotPrincipal are mutually exclusive in valid policies; the
// parser keeps whichever is present.
type Statement struct {
	Sid          string     `json:"Sid,omitempty"`
	Effect       string     `json:"Effect"`
	Principal    *Principal `json:"Principal,omitempty"`
	NotPrincipal *Principal `json:"NotPrincipal,omitempty"`
	Action       Strings    `json:"Action,omitempty"`
	NotAction    Strings    `json:"NotAction,omitempty"`
	Resource     Strings    `json:"Resource,omitempty"`
	NotResource  Strings    `json:"NotResource,omitempty"`
	Condition    Conditions `json:"Condition,omitempty"`
}

// Allow reports whether the statement's effect is Allow.
func (s Statement) Allow() bool { return strings.EqualFold(s.Effect, "Allow") }

// Strings is a JSON value that may be a single string or a list of strings.
type Strings []string

// UnmarshalJSON accepts "a" or ["a", "b"].
func (s *Strings) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var one string
		if err := json.Unmarshal(b, &one); err != nil {
			return err
		}
		*s = Strings{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return fmt.Errorf("want a string or a list of strings, got %s", describe(b))
	}
	*s = many
	return nil
}

// Principal is "*" or a map of principal types (AWS, Service, Federated,
// CanonicalUser) to one or more values. "*" is kept as Any.
type Principal struct {
	Any           bool
	AWS           []string
	Service       []string
	Federated     []string
	CanonicalUser []string
}

// UnmarshalJSON accepts "*" and {"AWS": "..."|[...], "Service": ..., ...}.
func (p *Principal) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		if s != "*" {
			return fmt.Errorf("principal string must be \"*\", got %q", s)
		}
		p.Any = true
		return nil
	}
	var m map[string]Strings
	if err := json.Unmarshal(b, &m); err != nil {
		return fmt.Errorf("principal: want \"*\" or an object of principal types, got %s", describe(b))
	}
	for k, v := range m {
		switch strings.ToLower(k) {
		case "aws":
			p.AWS = append(p.AWS, v...)
		case "service":
			p.Service = append(p.Service, v...)
		case "federated":
			p.Federated = append(p.Federated, v...)
		case "canonicaluser":
			p.CanonicalUser = append(p.CanonicalUser, v...)
		default:
			return fmt.Errorf("principal: unknown principal type %q", k)
		}
	}
	return nil
}

// MarshalJSON writes the principal back in canonical form.
func (p Principal) MarshalJSON() ([]byte, error) {
	if p.Any {
		return []byte(`"*"`), nil
	}
	m := map[string][]string{}
	if len(p.AWS) > 0 {
		m["AWS"] = p.AWS
	}
	if len(p.Service) > 0 {
		m["Service"] = p.Service
	}
	if len(p.Federated) > 0 {
		m["Federated"] = p.Federated
	}
	if len(p.CanonicalUser) > 0 {
		m["CanonicalUser"] = p.CanonicalUser
	}
	return json.Marshal(m)
}

// Conditions maps an operator (StringEquals, ArnLike, ForAnyValue:StringLike,
// StringEqualsIfExists …) to condition keys and their values.
type Conditions map[string]map[string]Strings

// UnmarshalJSON accepts values that are strings, lists, booleans or numbers;
// policies written by hand use all of them ("aws:SecureTransport": false).
func (c *Conditions) UnmarshalJSON(b []byte) error {
	var raw map[string]map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return fmt.Errorf("condition: want an object of operators to objects of keys, got %s", describe(b))
	}
	out := Conditions{}
	for op, keys := range raw {
		m := map[string]Strings{}
		for k, v := range keys {
			vals, err := scalarList(v)
			if err != nil {
				return fmt.Errorf("condition %s %s: %v", op, k, err)
			}
			m[k] = vals
		}
		out[op] = m
	}
	*c = out
	return nil
}

func scalarList(b json.RawMessage) (Strings, error) {
	var anyv any
	if err := json.Unmarshal(b, &anyv); err != nil {
		return nil, err
	}
	var list []any
	switch v := anyv.(type) {
	case []any:
		list = v
	default:
		list = []any{v}
	}
	out := make(Strings, 0, len(list))
	for _, e := range list {
		switch x := e.(type) {
		case string:
			out = append(out, x)
		case bool, float64:
			out = append(out, fmt.Sprint(x))
		default:
			return nil, fmt.Errorf("want strings, booleans or numbers, got %s", describe(b))
		}
	}
	return out, nil
}

// Values returns the values a condition key has under any operator whose name
// matches one of ops (case-insensitive, IfExists and set prefixes included).
// Keys compare case-insensitively, as AWS does.
func (c Conditions) Values(key string, ops ...string) []string {
	var out []string
	for op, keys := range c {
		base := strings.ToLower(op)
		if i := strings.Index(base, ":"); i >= 0 {
			base = base[i+1:]
		}
		base = strings.TrimSuffix(base, "ifexists")
		matched := len(ops) == 0
		for _, o := range ops {
			if strings.EqualFold(base, o) {
				matched = true
			}
		}
		if !matched {
			continue
		}
		for k, v := range keys {
			if strings.EqualFold(k, key) {
				out = append(out, v...)
			}
		}
	}
	sort.Strings(out)
	return out
}

// Has reports whether any operator constrains key.
func (c Conditions) Has(key string) bool {
	for _, keys := range c {
		for k := range keys {
			if strings.EqualFold(k, key) {
				return true
			}
		}
	}
	return false
}

// Parse reads a policy document. It accepts the document as a JSON object,
// as a JSON string holding the document (how Lambda's GetPolicy answers), and
// as a URL-encoded string (how the IAM API answers before the CLI decodes it).
func Parse(b []byte) (*Document, error) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return nil, fmt.Errorf("empty policy document")
	}
	if b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return nil, fmt.Errorf("policy string: %v", err)
		}
		return ParseString(s)
	}
	var raw struct {
		Version   string          `json:"Version"`
		ID        string          `json:"Id"`
		Statement json.RawMessage `json:"Statement"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("policy is not a JSON object: %v", err)
	}
	d := &Document{Version: raw.Version, ID: raw.ID}
	st := bytes.TrimSpace(raw.Statement)
	switch {
	case len(st) == 0 || string(st) == "null":
		// A document without statements grants nothing.
	case st[0] == '{':
		var s Statement
		if err := json.Unmarshal(st, &s); err != nil {
			return nil, fmt.Errorf("statement: %v", err)
		}
		d.Statements = []Statement{s}
	default:
		if err := json.Unmarshal(st, &d.Statements); err != nil {
			return nil, fmt.Errorf("statements: %v", err)
		}
	}
	for i, s := range d.Statements {
		if !strings.EqualFold(s.Effect, "Allow") && !strings.EqualFold(s.Effect, "Deny") {
			return nil, fmt.Errorf("statement %d: Effect must be Allow or Deny, got %q", i, s.Effect)
		}
	}
	return d, nil
}

// ParseString parses a document held in a string, URL-decoding it first when
// it is URL-encoded.
func ParseString(s string) (*Document, error) {
	t := strings.TrimSpace(s)
	if strings.HasPrefix(t, "%7B") || strings.HasPrefix(t, "%7b") {
		dec, err := url.QueryUnescape(t)
		if err != nil {
			return nil, fmt.Errorf("policy is URL-encoded but does not decode: %v", err)
		}
		t = dec
	}
	if !strings.HasPrefix(t, "{") {
		return nil, fmt.Errorf("policy string does not hold a JSON object")
	}
	return Parse([]byte(t))
}

func describe(b []byte) string {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return "nothing"
	}
	switch b[0] {
	case '{':
		return "an object"
	case '[':
		return "a list"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	default:
		return "a number"
	}
}
