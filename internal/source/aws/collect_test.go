package aws

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCollectRefusesNonEmptyFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "old.json"), []byte("{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Collect(context.Background(), Options{}, dir)
	if err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("Collect into a used folder: %v, want a 'not empty' error", err)
	}
}
