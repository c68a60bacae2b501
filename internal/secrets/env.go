package secrets

import (
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/lambdasec/lambdasec/internal/finding"
)

// EnvVar is the assessment of one environment variable.
type EnvVar struct {
	Name string
	// Match is the provider credential found in the value (LAMBDA-SEC-001),
	// nil when none.
	Match *Match
	// SensitiveWord is the word of the name that says the value is
	// sensitive (PASSWORD, TOKEN …), empty when the name says nothing.
	SensitiveWord string
	// Kind says what the value is when it is not a plain literal (a
	// reference, ciphertext, a scalar …).
	Kind ValueKind
}

// SensitiveLiteral reports whether the name says "secret" and the value
// is a literal rather than a reference (LAMBDA-SEC-002). A value already
// recognised as a credential is LAMBDA-SEC-001's alone: one variable, one
// finding.
func (v EnvVar) SensitiveLiteral() bool {
	return v.SensitiveWord != "" && v.Kind == KindLiteral && v.Match == nil
}

var valueEngine = newValueEngine()

// awsSecretShape is a bare AWS secret access key: 40 base64 characters.
var awsSecretShape = regexp.MustCompile(`^[A-Za-z0-9/+]{40}$`)

// AssessEnv judges every variable of one function, sorted by name. The
// variables are judged together because an AWS secret key has no format of
// its own: a 40-character value is one when the same environment holds an
// access key id or its name says so.
func AssessEnv(vars map[string]string) []EnvVar {
	names := make([]string, 0, len(vars))
	hasKeyID := false
	for n, v := range vars {
		names = append(names, n)
		if strings.HasPrefix(v, "AKIA") || strings.HasPrefix(v, "ASIA") {
			hasKeyID = true
		}
	}
	sort.Strings(names)
	out := make([]EnvVar, 0, len(names))
	for _, n := range names {
		v := vars[n]
		ev := EnvVar{Name: n, SensitiveWord: SensitiveName(n), Kind: Classify(v)}
		where := Location{Path: "env:" + n}
		if ms := valueEngine.Scan([]byte(v), where); len(ms) > 0 {
			ev.Match = &ms[0]
		} else if awsSecretShape.MatchString(v) && mixedCase(v) && (hasKeyID || awsSecretName(n)) {
			r := awsSecretRule
			m := Match{Rule: r, Where: where, Value: v, Severity: r.Severity}
			if isDocumentedExample(r, v) {
				m.Example, m.Severity = true, finding.Low
			}
			ev.Match = &m
		}
		out = append(out, ev)
	}
	return out
}

var awsSecretRule = func() *Rule {
	for _, r := range providerRules() {
		if r.ID == "aws-secret-access-key" {
			return r
		}
	}
	panic("secrets: aws-secret-access-key rule missing")
}()

func awsSecretName(n string) bool {
	u := strings.ToUpper(n)
	return strings.Contains(u, "SECRET") || strings.Contains(u, "AWS")
}

// Words of a variable name that mark its value as sensitive on their own.
var sensitiveWords = map[string]bool{
	"PASSWORD": true, "PASSWD": true, "PWD": true, "PASS": true, "SECRET": true, "SECRETS": true,
	"TOKEN": true, "TOKENS": true, "APIKEY": true, "CREDENTIAL": true, "CREDENTIALS": true,
	"CREDS": true, "DSN": true, "PASSPHRASE": true, "PRIVATEKEY": true,
}

// Words that, before KEY, make it a secret key (API_KEY, PRIVATE_KEY …).
// KEY alone is too common (S3_KEY, CACHE_KEY, PARTITION_KEY).
var keyQualifiers = map[string]bool{
	"API": true, "PRIVATE": true, "SECRET": true, "ACCESS": true, "SIGNING": true,
	"ENCRYPTION": true, "MASTER": true, "LICENSE": true, "AUTH": true, "HMAC": true, "CLIENT": true,
}

// Last words that turn a sensitive name into the name of a reference or a
// setting about the secret: DB_PASSWORD_PARAM, SECRET_ARN, TOKEN_TTL.
var referenceSuffixes = map[string]bool{
	"ARN": true, "PARAM": true, "PARAMETER": true, "NAME": true, "ID": true, "PATH": true,
	"FILE": true, "URL": true, "URI": true, "ENDPOINT": true, "HEADER": true, "TTL": true,
	"LENGTH": true, "EXPIRY": true, "EXPIRES": true, "ROTATION": true, "REGION": true,
	"ENABLED": true, "TYPE": true, "FIELD": true, "KEYID": true, "PREFIX": true, "VERSION": true,
	"SECONDS": true, "MINUTES": true, "HOURS": true, "DAYS": true, "SIZE": true, "COUNT": true,
	"LIMIT": true, "RETRIES": true, "TIMEOUT": true, "POLICY": true, "STORE": true, "BACKEND": true,
}

// connection-string names: CONNECTION_STRING, CONN_STR, DATABASE_URL holds
// a password only when it has one, which the url-credentials rule sees.
var connectionNames = [][2]string{{"CONNECTION", "STRING"}, {"CONN", "STR"}, {"CONN", "STRING"}}

// SensitiveName returns the word of an environment variable name that
// marks its value as a secret, or "" when the name says nothing or names a
// reference (…_ARN, …_PARAM, …_SECRET_ID).
func SensitiveName(name string) string {
	words := splitName(name)
	if len(words) == 0 {
		return ""
	}
	last := words[len(words)-1]
	if referenceSuffixes[last] {
		return ""
	}
	for i, w := range words {
		if sensitiveWords[w] && !(w == "PWD" && len(words) == 1) { // PWD alone is the working directory
			return w
		}
		if w == "KEY" && i > 0 && keyQualifiers[words[i-1]] {
			return words[i-1] + "_KEY"
		}
		if i > 0 {
			for _, c := range connectionNames {
				if words[i-1] == c[0] && w == c[1] {
					return c[0] + "_" + c[1]
				}
			}
		}
	}
	return ""
}

// splitName cuts a name into upper-case words at _, -, . and camelCase
// boundaries: dbPassword and DB_PASSWORD both give DB, PASSWORD.
func splitName(name string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToUpper(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(name)
	for i, r := range rs {
		switch {
		case r == '_' || r == '-' || r == '.' || r == ' ':
			flush()
		case unicode.IsUpper(r) && i > 0 && unicode.IsLower(rs[i-1]):
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
	}
	flush()
	return words
}
