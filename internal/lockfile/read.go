package lockfile

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/source"
)

// maxLine bounds one line; no ARN or hash comes close.
const maxLine = 4096

// Load reads the lock file at path. Errors are *source.FileError naming the
// file and line.
func Load(path string) (*inventory.Lock, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, &source.FileError{Path: path, Err: err}
	}
	return Parse(path, data)
}

// Parse reads a lock file's content; path is used in errors and kept in the
// result. Errors never quote the content: a pasted secret must not reach a
// log.
func Parse(path string, data []byte) (*inventory.Lock, error) {
	lock := &inventory.Lock{Path: path}
	fail := func(line int, format string, args ...any) (*inventory.Lock, error) {
		return nil, &source.FileError{Path: path, Line: line, Err: fmt.Errorf(format, args...)}
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 256), maxLine)
	seen := map[string]int{}
	var cur *inventory.LockedFunction
	n, header := 0, false
	for sc.Scan() {
		n++
		text := strings.TrimRight(sc.Text(), " \t\r")
		trimmed := strings.TrimLeft(text, " \t")
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		if !header {
			if trimmed != Header {
				return fail(n, "not a lambdasec lock file: want %q as the first line", Header)
			}
			header = true
			continue
		}
		fields := strings.Fields(trimmed)
		indented := trimmed != text
		switch {
		case fields[0] == "function" && !indented:
			if len(fields) != 2 || !strings.HasPrefix(fields[1], "arn:") {
				return fail(n, "want \"function ARN\"")
			}
			if first, dup := seen[fields[1]]; dup {
				return fail(n, "function %s is locked twice (first on line %d)", fields[1], first)
			}
			seen[fields[1]] = n
			lock.Functions = append(lock.Functions, inventory.LockedFunction{ARN: fields[1], Line: n})
			cur = &lock.Functions[len(lock.Functions)-1]
		case !indented:
			return fail(n, "unknown entry: want \"function ARN\" or an indented code, image or layer line")
		case cur == nil:
			return fail(n, "indented line before the first \"function\" line")
		case fields[0] == "code" || fields[0] == "image":
			if len(fields) != 2 {
				return fail(n, "want \"%s HASH\"", fields[0])
			}
			if cur.CodeSha256 != "" || cur.ImageDigest != "" {
				return fail(n, "function %s has a second code or image line", cur.ARN)
			}
			if fields[0] == "code" {
				cur.CodeSha256 = fields[1]
			} else {
				cur.ImageDigest = fields[1]
			}
		case fields[0] == "layer":
			if len(fields) != 3 || !strings.HasPrefix(fields[1], "arn:") {
				return fail(n, "want \"layer LAYER_VERSION_ARN HASH\"")
			}
			cur.Layers = append(cur.Layers, inventory.LockedLayer{ARN: fields[1], CodeSha256: fields[2], Line: n})
		default:
			return fail(n, "unknown entry: want an indented code, image or layer line")
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return fail(n+1, "line longer than %d bytes", maxLine)
		}
		return fail(n, "%v", err)
	}
	if !header {
		return fail(0, "empty file: want %q as the first line", Header)
	}
	for _, f := range lock.Functions {
		if f.CodeSha256 == "" && f.ImageDigest == "" {
			return fail(f.Line, "function %s has no code or image line", f.ARN)
		}
	}
	return lock, nil
}
