// Command gensecrets writes the secret-scanning benchmark corpus: a folder
// of real source text with planted credentials, the same folder as one zip
// (a deployment package), and the labels. bench/secrets-vs-gitleaks.sh uses it.
package main

import (
	"archive/zip"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/lambdasec/lambdasec/bench/secretsgen"
)

func main() {
	dir := flag.String("dir", "", "write the corpus folder here")
	zipPath := flag.String("zip", "", "also write it as one zip here")
	labels := flag.String("labels", "", "write the labels (JSON) here")
	mb := flag.Int64("mb", 64, "corpus size in MiB")
	every := flag.Int("every", 20, "plant a secret in one file of every N")
	flag.Parse()
	if *dir == "" || *labels == "" {
		fmt.Fprintln(os.Stderr, "usage: gensecrets -dir DIR -labels FILE [-zip FILE] [-mb N] [-every N]")
		os.Exit(2)
	}
	ls, err := secretsgen.Write(*dir, *mb<<20, *every, 1)
	if err == nil {
		err = secretsgen.WriteLabels(*labels, ls)
	}
	if err == nil && *zipPath != "" {
		err = zipDir(*dir, *zipPath)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gensecrets:", err)
		os.Exit(1)
	}
	fmt.Printf("planted %d secrets\n", len(ls))
}

func zipDir(dir, out string) error {
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer f.Close()
	w := zip.NewWriter(f)
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		fw, err := w.Create(filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		in, err := os.Open(p)
		if err != nil {
			return err
		}
		defer in.Close()
		_, err = io.Copy(fw, in)
		return err
	})
	if err != nil {
		return err
	}
	return w.Close()
}
