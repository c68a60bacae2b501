// Package redact turns secret values into a form that is safe to print
// anywhere: enough to recognise a value, never enough to use it.
package redact

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"unicode/utf8"
)

// Secret returns the first four characters of v, its length and the first
// eight hex digits of its SHA-256, e.g. `AKIA… (20 chars, sha256:1a2b3c4d)`.
// Values of eight characters or fewer show no characters at all, since four
// of them would be half the secret.
func Secret(v string) string {
	sum := sha256.Sum256([]byte(v))
	n := utf8.RuneCountInString(v)
	prefix := ""
	if n > 8 {
		r := []rune(v)
		prefix = string(r[:4]) + "…"
	}
	return fmt.Sprintf("%s(%d chars, sha256:%s)", prefix, n, hex.EncodeToString(sum[:4]))
}
