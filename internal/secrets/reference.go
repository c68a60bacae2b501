package secrets

import (
	"encoding/base64"
	"regexp"
	"strconv"
	"strings"
)

// ValueKind says what a literal value is when it is not a secret in clear.
type ValueKind string

// The kinds of value that hold no secret themselves.
const (
	KindLiteral       ValueKind = ""                         // a literal value (may be a secret)
	KindEmpty         ValueKind = "empty"                    //
	KindARN           ValueKind = "ARN"                      // Secrets Manager, SSM, KMS or any other ARN
	KindParameterPath ValueKind = "Parameter Store path"     // /prod/db/password
	KindSecretName    ValueKind = "secret or parameter name" // prod/orders/db
	KindDynamicRef    ValueKind = "deployment-time reference"
	KindExtensionURL  ValueKind = "Parameters and Secrets extension URL"
	KindKMSCiphertext ValueKind = "KMS ciphertext (encrypted client-side)"
	KindPlaceholder   ValueKind = "placeholder"
	KindScalar        ValueKind = "boolean or number"
	KindPlainURL      ValueKind = "URL without credentials"
)

var (
	arnShape = regexp.MustCompile(`^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(?:\d{12})?:\S+$`)
	// Parameter Store hierarchies: /a/b/c, letters, digits and _.-/ only.
	paramPath = regexp.MustCompile(`^/[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)*$`)
	// Secret names in the usual path style: at least one /, each part a
	// word made of lower-case letters, digits, - and _.
	secretName = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*(?:/[a-z0-9][a-z0-9_.-]*)+$`)
	// ${ssm:…}, ${env:…} (Serverless), ${var.x}/${aws_…} (Terraform),
	// {{resolve:…}} (CloudFormation dynamic references), $(…) and %(…)s.
	dynamicRef  = regexp.MustCompile(`^(?:\$\{[^}]+\}|\{\{resolve:[^}]+\}\}|\$\([^)]+\)|%\([^)]+\)s|\{\{[^}]+\}\})$`)
	extensionRE = regexp.MustCompile(`^https?://(?:localhost|127\.0\.0\.1):2773/`)
	plainURL    = regexp.MustCompile(`^(?:https?|s3|wss?)://[^\s:@/]+(?::\d+)?(?:/\S*)?$`)
)

// Classify says what kind of value v is. KindLiteral means nothing marks it
// as a reference, an encrypted blob or a harmless scalar.
func Classify(v string) ValueKind {
	t := strings.TrimSpace(v)
	switch {
	case t == "":
		return KindEmpty
	case arnShape.MatchString(t):
		return KindARN
	case extensionRE.MatchString(t):
		return KindExtensionURL
	case dynamicRef.MatchString(t), strings.HasPrefix(t, "!Ref "), strings.HasPrefix(t, "!Sub "), strings.HasPrefix(t, "!GetAtt "), strings.HasPrefix(t, "Fn::"), strings.HasPrefix(t, "{{resolve:"):
		return KindDynamicRef
	case paramPath.MatchString(t):
		return KindParameterPath
	case secretName.MatchString(t):
		return KindSecretName
	case isKMSCiphertext(t):
		return KindKMSCiphertext
	case isScalar(t):
		return KindScalar
	case isPlaceholder(t):
		return KindPlaceholder
	case plainURL.MatchString(t):
		return KindPlainURL
	}
	return KindLiteral
}

// IsReference reports whether v points at a secret kept elsewhere (or is
// encrypted), rather than holding one.
func IsReference(v string) bool {
	switch Classify(v) {
	case KindARN, KindParameterPath, KindSecretName, KindDynamicRef, KindExtensionURL, KindKMSCiphertext:
		return true
	}
	return false
}

// isKMSCiphertext recognises the base64 of a KMS ciphertext blob: its first
// bytes are a format version (1), a key-handle type (1 or 2) and a
// reserved zero, which base64 renders as AQECAH… or AQICAH….
func isKMSCiphertext(v string) bool {
	if len(v) < 100 || !(strings.HasPrefix(v, "AQICAH") || strings.HasPrefix(v, "AQECAH")) {
		return false
	}
	_, err := base64.StdEncoding.DecodeString(v)
	return err == nil
}

func isScalar(v string) bool {
	switch strings.ToLower(v) {
	case "true", "false", "yes", "no", "on", "off", "null", "none", "enabled", "disabled":
		return true
	}
	// Short numbers are settings; a long digit string may be a PIN or key.
	_, err := strconv.ParseFloat(v, 64)
	return err == nil && len(v) < 6
}

// isPlaceholder recognises values that stand in for a secret to be filled
// in: <token>, ${…}, REPLACE_ME-style words, a masked or repeated
// character. Words count only when the value is nothing but words, so a
// random token that happens to contain "todo" stays a token.
func isPlaceholder(v string) bool {
	l := strings.ToLower(strings.TrimSpace(v))
	if l == "" {
		return false
	}
	if strings.HasPrefix(l, "<") && strings.HasSuffix(l, ">") || strings.HasPrefix(l, "${") || strings.HasPrefix(l, "{{") {
		return true
	}
	if strings.Trim(l, l[:1]) == "" || strings.Trim(l, "*x.#-_") == "" {
		return true // masked or one character repeated
	}
	if strings.Trim(l, "abcdefghijklmnopqrstuvwxyz_- ") != "" {
		return false
	}
	for _, w := range placeholderWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

var placeholderWords = []string{"replace", "your", "placeholder", "redacted", "todo", "fixme", "insert", "dummy", "example", "sample", "secret_here", "key_here", "token_here"}
