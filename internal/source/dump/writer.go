package dump

import (
	"crypto/rand"
	"encoding/json"
	"errors"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Writer writes AWS CLI answers in the dump layout under Root, which it
// creates when needed. It keeps no state, so one Writer may be used from
// many goroutines.
type Writer struct{ Root string }

// Write stores answer, the raw JSON of one command's answer, at relPath: a
// slash-separated path inside Root built with the path helpers (e.g.
// FunctionPath("us-east-1", inventory.SecFunctionPolicies, "my-fn") is
// "us-east-1/lambda/get-policy/my-fn.json"). It creates the folders on the
// way and replaces the file atomically, so a reader, or a collection run
// that is interrupted, never sees half an answer. It refuses paths that
// would leave Root and answers that are not a JSON object, since the reader
// would reject them.
//
// Dumps hold environment variables, which may be secrets: the folders and
// files are readable by their owner only.
func (w *Writer) Write(relPath string, answer []byte) error {
	if err := checkRelPath(relPath); err != nil {
		return &FileError{Path: relPath, Err: err}
	}
	full := filepath.Join(w.Root, filepath.FromSlash(relPath))
	if !json.Valid(answer) {
		return &FileError{Path: full, Err: errors.New("answer is not valid JSON")}
	}
	if firstByte(answer) != '{' {
		return &FileError{Path: full, Err: errors.New("answer is not a JSON object")}
	}
	if err := w.write(relPath, answer); err != nil {
		return &FileError{Path: full, Err: unwrapPathError(err)}
	}
	return nil
}

func (w *Writer) write(relPath string, answer []byte) error {
	if err := os.MkdirAll(w.Root, 0o700); err != nil {
		return err
	}
	// os.Root also refuses symbolic links that point out of the dump.
	root, err := os.OpenRoot(w.Root)
	if err != nil {
		return err
	}
	defer root.Close()
	dir, name := path.Split(relPath)
	if dir != "" {
		if err := root.MkdirAll(dir, 0o700); err != nil {
			return err
		}
	}
	// The temporary name ends in neither .json nor a page number, so a
	// reader that lists the folder meanwhile ignores it. There is no fsync:
	// an interrupted run is redone, and syncing tens of thousands of small
	// files would dominate the collection time.
	tmp := dir + "." + name + ".tmp-" + rand.Text()
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = f.Write(answer)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = root.Rename(tmp, relPath)
	}
	if err != nil {
		root.Remove(tmp)
	}
	return err
}

// checkRelPath accepts a relative, slash-separated path of plain names
// ending in .json.
func checkRelPath(p string) error {
	switch {
	case p == "":
		return errors.New("empty path")
	case path.IsAbs(p) || filepath.IsAbs(p) || filepath.VolumeName(p) != "":
		return errors.New("absolute path: want a path relative to the dump folder")
	case strings.ContainsAny(p, "\\\x00"):
		return errors.New("a path component holds a backslash or NUL: names must not contain path separators")
	case !strings.HasSuffix(p, ".json"):
		return errors.New("answers are .json files")
	}
	for _, part := range strings.Split(p, "/") {
		switch part {
		case "", ".json":
			return errors.New("empty name in the path")
		case "..":
			return errors.New("path component .. would leave the dump folder")
		case ".":
			return errors.New("path component . is not a name")
		}
	}
	return nil
}
