package secrets

import (
	"encoding/base64"
	"encoding/json"
	"regexp"
	"strings"

	"github.com/lambdasec/lambdasec/internal/finding"
)

// providerRules is the built-in rule set. Each expression was written here
// from the provider's documented token format (prefix, alphabet, length);
// the comment on each rule says what it relies on.
func providerRules() []*Rule {
	return []*Rule{
		{
			// IAM access key ids: a four-letter prefix (AKIA long-term,
			// ASIA temporary) and 16 base32 characters.
			ID: "aws-access-key-id", Description: "AWS access key id", Severity: finding.High,
			Keywords: []string{"AKIA", "ASIA"},
			re:       regexp.MustCompile(`\b((?:AKIA|ASIA)[A-Z2-7]{16})\b`), group: 1,
		},
		{
			// Secret access keys are 40 characters of base64 with no fixed
			// prefix, so only an assignment to a name saying so counts.
			ID: "aws-secret-access-key", Description: "AWS secret access key", Severity: finding.Critical,
			Keywords: []string{"secret_access_key", "SECRET_ACCESS_KEY", "SecretAccessKey", "secretAccessKey", "aws_secret", "AWS_SECRET"},
			re:       regexp.MustCompile(`(?i)(?:secret_?access_?key|aws_?secret(?:_?key)?)["']?\s*(?:[:=]|=>)\s*["']?([A-Za-z0-9/+]{40})\b`), group: 1,
			valid: mixedCase,
		},
		{
			// GitHub tokens: ghp_ (classic PAT), gho_ (OAuth), ghu_/ghs_
			// (app user/server), ghr_ (refresh), 36 alphanumerics.
			ID: "github-token", Description: "GitHub token", Severity: finding.High,
			Keywords: []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_"},
			re:       regexp.MustCompile(`\b(gh[pousr]_[A-Za-z0-9]{36})\b`), group: 1,
		},
		{
			// Fine-grained PATs: github_pat_, 22 alphanumerics, _, 59 more.
			ID: "github-fine-grained-pat", Description: "GitHub fine-grained personal access token", Severity: finding.High,
			Keywords: []string{"github_pat_"},
			re:       regexp.MustCompile(`\b(github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b`), group: 1,
		},
		{
			ID: "gitlab-token", Description: "GitLab personal access token", Severity: finding.High,
			Keywords: []string{"glpat-"},
			re:       regexp.MustCompile(`\b(glpat-[A-Za-z0-9_-]{20,})`), group: 1,
		},
		{
			// Slack tokens: xoxb- (bot), xoxp- (user), xoxa-/xoxr-/xoxs-,
			// xoxe- (refresh): numeric team/user parts then a random part.
			ID: "slack-token", Description: "Slack API token", Severity: finding.High,
			Keywords: []string{"xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxe-"},
			re:       regexp.MustCompile(`\b(xox[bparse]-[0-9]{6,}-[A-Za-z0-9-]{8,})`), group: 1,
		},
		{
			// Incoming webhooks carry their secret in the path.
			ID: "slack-webhook", Description: "Slack incoming webhook URL", Severity: finding.High,
			Keywords: []string{"hooks.slack.com/"},
			re:       regexp.MustCompile(`(https://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9_]+/[A-Za-z0-9_]+/[A-Za-z0-9_]{16,})`), group: 1,
		},
		{
			// Stripe secret (sk_) and restricted (rk_) keys, live mode.
			ID: "stripe-live-key", Description: "Stripe live secret or restricted key", Severity: finding.Critical,
			Keywords: []string{"sk_live_", "rk_live_"},
			re:       regexp.MustCompile(`\b([sr]k_live_[A-Za-z0-9]{20,})\b`), group: 1,
		},
		{
			ID: "stripe-test-key", Description: "Stripe test-mode secret key", Severity: finding.Low,
			Keywords: []string{"sk_test_", "rk_test_"},
			re:       regexp.MustCompile(`\b([sr]k_test_[A-Za-z0-9]{20,})\b`), group: 1,
		},
		{
			// Webhook signing secrets: whsec_ and base64-ish characters.
			ID: "stripe-webhook-secret", Description: "Stripe webhook signing secret", Severity: finding.High,
			Keywords: []string{"whsec_"},
			re:       regexp.MustCompile(`\b(whsec_[A-Za-z0-9+/=]{24,})`), group: 1,
		},
		{
			// A PEM private key needs its base64 body; the header alone is
			// what key-handling code contains.
			ID: "private-key", Description: "PEM private key", Severity: finding.Critical,
			Keywords: []string{"PRIVATE KEY-----"},
			re:       regexp.MustCompile(`(-----BEGIN (?:[A-Z]+ )?PRIVATE KEY(?: BLOCK)?-----(?:\\[rn]|[\sA-Za-z0-9+/=:,-]){64,}?-----END)`), group: 1,
		},
		{
			// Google API keys: AIza and 35 URL-safe characters.
			ID: "google-api-key", Description: "Google API key", Severity: finding.High,
			Keywords: []string{"AIza"},
			re:       regexp.MustCompile(`\b(AIza[0-9A-Za-z_-]{35})(?:[^0-9A-Za-z_-]|$)`), group: 1,
		},
		{
			// SendGrid: SG. 22 characters . 43 characters.
			ID: "sendgrid-api-key", Description: "SendGrid API key", Severity: finding.High,
			Keywords: []string{"SG."},
			re:       regexp.MustCompile(`\b(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})\b`), group: 1,
		},
		{
			// Twilio API key SIDs are SK + 32 hex; the secret sits next to
			// them, so report the SID where the word twilio is near.
			ID: "twilio-api-key", Description: "Twilio API key", Severity: finding.High,
			Keywords: []string{"twilio", "TWILIO", "Twilio"},
			re:       regexp.MustCompile(`(?i)twilio.{0,40}?\b(SK[0-9a-f]{32})\b`), group: 1,
		},
		{
			ID: "npm-token", Description: "npm access token", Severity: finding.High,
			Keywords: []string{"npm_"},
			re:       regexp.MustCompile(`\b(npm_[A-Za-z0-9]{36})\b`), group: 1,
		},
		{
			// PyPI tokens are macaroons whose base64 starts with the
			// encoding of "pypi.org".
			ID: "pypi-token", Description: "PyPI upload token", Severity: finding.High,
			Keywords: []string{"pypi-AgEIcHlwaS5vcmc"},
			re:       regexp.MustCompile(`\b(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,})`), group: 1,
		},
		{
			// OpenAI keys embed T3BlbkFJ, the base64 of "OpenAI".
			ID: "openai-api-key", Description: "OpenAI API key", Severity: finding.High,
			Keywords: []string{"T3BlbkFJ"},
			re:       regexp.MustCompile(`\b(sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{16,}T3BlbkFJ[A-Za-z0-9_-]{16,})`), group: 1,
		},
		{
			ID: "anthropic-api-key", Description: "Anthropic API key", Severity: finding.High,
			Keywords: []string{"sk-ant-"},
			re:       regexp.MustCompile(`\b(sk-ant-(?:api|admin)\d\d-[A-Za-z0-9_-]{80,})`), group: 1,
		},
		{
			// Three base64url parts, the first two JSON objects; a JWT that
			// decodes to a header with "alg" is a bearer credential.
			ID: "jwt", Description: "JSON Web Token", Severity: finding.Medium,
			Keywords: []string{"eyJ"},
			re:       regexp.MustCompile(`\b(eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{16,})`), group: 1,
			valid: validJWT,
		},
		{
			// scheme://user:password@host: a connection string with an
			// embedded password (databases, brokers, SMTP, HTTP).
			ID: "url-credentials", Description: "password embedded in a connection URL", Severity: finding.High,
			Keywords: []string{"://"},
			re:       regexp.MustCompile(`\b((?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|redis|rediss|amqps?|mssql|sqlserver|smtps?|ftp|https?|ldaps?)://[^\s:@/'"<>]{1,64}:([^\s@/'"<>]{3,128})@[A-Za-z0-9.-]+)`), group: 1,
			valid: urlPasswordReal,
		},
	}
}

// genericRule reports a quoted literal assigned to a name that says it is a
// secret, in source code and configuration files. Its keywords are the
// lower-, upper- and title-case spellings of the words.
var genericRule = &Rule{
	ID: "generic-secret-assignment", Description: "secret-named variable assigned a random-looking literal", Severity: finding.Medium,
	Keywords: casings("password", "passwd", "secret", "token", "api_key", "apikey", "api-key", "private_key", "client_secret"),
	re:       regexp.MustCompile(`(?i)([A-Za-z0-9_.-]*(?:password|passwd|secret|token|api[_-]?key|private[_-]?key)[A-Za-z0-9_.-]*)["']?\s*(?::=|=>|[:=])\s*["']([^"'\s]{8,200})["']`), group: 2,
	nameGroup: 1,
	validName: func(n string) bool { return SensitiveName(n) != "" },
	valid: func(v string) bool {
		return !IsReference(v) && !isPlaceholder(v) && entropy(v) >= 3.2 && mixedClasses(v)
	},
	generic: true,
}

func casings(words ...string) []string {
	var out []string
	for _, w := range words {
		out = append(out, w, strings.ToUpper(w), strings.ToUpper(w[:1])+w[1:])
	}
	return out
}

// mixedCase reports whether s has upper and lower case letters and is not
// a run of one character class (AWS secret keys always mix).
func mixedCase(s string) bool {
	return strings.ContainsAny(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") && strings.ContainsAny(s, "abcdefghijklmnopqrstuvwxyz")
}

// mixedClasses reports whether s mixes letters with digits or symbols.
func mixedClasses(s string) bool {
	var letter, other bool
	for _, c := range s {
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			letter = true
		default:
			other = true
		}
	}
	return letter && other
}

func validJWT(s string) bool {
	parts := strings.SplitN(s, ".", 3)
	hdr, err := base64.RawURLEncoding.DecodeString(parts[0])
	if err != nil {
		return false
	}
	var h map[string]any
	if json.Unmarshal(hdr, &h) != nil {
		return false
	}
	_, ok := h["alg"]
	return ok
}

// urlPasswordReal rejects connection URLs whose password is a template
// variable or placeholder rather than a value.
func urlPasswordReal(u string) bool {
	rest := u[strings.Index(u, "://")+3:]
	at := strings.LastIndexByte(rest, '@')
	colon := strings.IndexByte(rest, ':')
	if at < 0 || colon < 0 || colon > at {
		return false
	}
	return !isPlaceholder(rest[colon+1 : at])
}

// isDocumentedExample recognises the example credentials AWS publishes in
// its documentation (AKIAIOSFODNN7EXAMPLE, wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
// and their siblings), which all end in EXAMPLE or EXAMPLEKEY.
func isDocumentedExample(r *Rule, v string) bool {
	if !strings.HasPrefix(r.ID, "aws-") {
		return false
	}
	return strings.HasSuffix(v, "EXAMPLE") || strings.HasSuffix(v, "EXAMPLEKEY")
}
