package lockfile_test

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/lockfile"
	"github.com/lambdasec/lambdasec/internal/source"
	"github.com/lambdasec/lambdasec/internal/source/dump"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestWriteGolden locks the rules' supply fixture and compares with the
// golden file: sorted by ARN, layers in function order, "-" where a layer
// version was not collected.
func TestWriteGolden(t *testing.T) {
	inv := inventory.New()
	if errs := dump.Load(inv, filepath.Join("..", "rules", "testdata", "supply")); len(errs) > 0 {
		t.Fatal(errs)
	}
	inv.Link()
	var buf bytes.Buffer
	if err := lockfile.Write(&buf, lockfile.Build(inv)); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "supply.golden")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("lock differs from %s (run with -update to accept):\n%s", golden, buf.String())
	}

	// What is written reads back the same.
	lock, err := lockfile.Parse("supply.lock", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := lockfile.Write(&again, lock); err != nil {
		t.Fatal(err)
	}
	if again.String() != buf.String() {
		t.Errorf("round trip changed the lock:\n%s", again.String())
	}
	if lock.Functions[0].Line != 3 || lock.Functions[0].ARN != "arn:aws:lambda:us-east-1:111122223333:function:aws-layers" {
		t.Errorf("first function = %+v", lock.Functions[0])
	}
}

func TestParseErrors(t *testing.T) {
	const fn = "function arn:aws:lambda:us-east-1:111122223333:function:f\n"
	tests := []struct {
		name, text string
		line       int
		want       string
	}{
		{"empty", "", 0, "empty file"},
		{"no header", "function arn:aws:lambda:us-east-1:1:function:f\n", 1, "not a lambdasec lock file"},
		{"future version", "lambdasec-lock 2\n", 1, "not a lambdasec lock file"},
		{"bad function", lockfile.Header + "\nfunction\n", 2, `want "function ARN"`},
		{"unknown top-level", lockfile.Header + "\n" + fn + "sk_live_secret here\n", 3, "unknown entry"},
		{"code before function", lockfile.Header + "\n  code abc\n", 2, "before the first"},
		{"two codes", lockfile.Header + "\n" + fn + "  code a\n  image sha256:b\n", 4, "second code or image"},
		{"bad layer", lockfile.Header + "\n" + fn + "  code a\n  layer arn:aws:lambda:us-east-1:1:layer:l:1\n", 4, "want \"layer"},
		{"no code", lockfile.Header + "\n" + fn, 2, "has no code or image line"},
		{"duplicate", lockfile.Header + "\n" + fn + "  code a\n" + fn + "  code b\n", 4, "locked twice (first on line 2)"},
		{"long line", lockfile.Header + "\n" + fn + "  code " + strings.Repeat("a", 5000) + "\n", 3, "longer than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := lockfile.Parse("x.lock", []byte(tt.text))
			var fe *source.FileError
			if !errors.As(err, &fe) {
				t.Fatalf("err = %v, want a *source.FileError", err)
			}
			if fe.Path != "x.lock" || fe.Line != tt.line || !strings.Contains(fe.Err.Error(), tt.want) {
				t.Errorf("err = %s:%d: %v, want line %d and %q", fe.Path, fe.Line, fe.Err, tt.line, tt.want)
			}
			if strings.Contains(err.Error(), "sk_live") {
				t.Errorf("error quotes the content: %v", err)
			}
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := lockfile.Load(filepath.Join(t.TempDir(), "nope.lock"))
	var fe *source.FileError
	if !errors.As(err, &fe) || !strings.Contains(err.Error(), "nope.lock") {
		t.Errorf("err = %v, want a FileError naming the file", err)
	}
}

func TestCommentsAndBlankLines(t *testing.T) {
	text := "# pinned at release 42\n\n" + lockfile.Header + "\r\n# orders\nfunction arn:aws:lambda:us-east-1:111122223333:function:f\r\n\n  code abc=\n"
	lock, err := lockfile.Parse("x.lock", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if len(lock.Functions) != 1 || lock.Functions[0].CodeSha256 != "abc=" || lock.Functions[0].Line != 5 {
		t.Errorf("got %+v", lock.Functions)
	}
}

func FuzzParse(f *testing.F) {
	golden, _ := os.ReadFile(filepath.Join("testdata", "supply.golden"))
	f.Add(golden)
	f.Add([]byte(lockfile.Header + "\nfunction arn:x\n  image sha256:1\n  layer arn:y -\n"))
	f.Add([]byte("\xff\xfe"))
	f.Fuzz(func(t *testing.T, data []byte) {
		lock, err := lockfile.Parse("f.lock", data)
		if err != nil {
			var fe *source.FileError
			if !errors.As(err, &fe) {
				t.Fatalf("error is not a FileError: %v", err)
			}
			return
		}
		var buf bytes.Buffer
		if err := lockfile.Write(&buf, lock); err != nil {
			t.Fatal(err)
		}
		again, err := lockfile.Parse("f.lock", buf.Bytes())
		if err != nil {
			t.Fatalf("rewritten lock does not parse: %v\n%s", err, buf.String())
		}
		if len(again.Functions) != len(lock.Functions) {
			t.Fatalf("round trip lost functions")
		}
	})
}
