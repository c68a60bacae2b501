package redact

import (
	"strings"
	"testing"
)

func TestSecret(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"AKIAIOSFODNN7EXAMPLE", "AKIA…(20 chars, sha256:"},
		{"hunter2", "(7 chars, sha256:"},
		{"", "(0 chars, sha256:e3b0c442)"},
	}
	for _, tt := range tests {
		got := Secret(tt.in)
		if !strings.HasPrefix(got, tt.want) {
			t.Errorf("Secret(%q) = %q, want prefix %q", tt.in, got, tt.want)
		}
		if len(tt.in) > 4 && strings.Contains(got, tt.in[4:]) {
			t.Errorf("Secret(%q) = %q leaks the value", tt.in, got)
		}
	}
}
