package lockfile

import (
	"bufio"
	"fmt"
	"io"

	"github.com/lambdasec/lambdasec/internal/inventory"
)

// Write writes lock in the lock-file format. Functions are written in the
// order given (Build sorts them), layers in the function's layer order,
// which is the order Lambda merges them in.
func Write(w io.Writer, lock *inventory.Lock) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, Header)
	fmt.Fprintln(bw, "# Written by `lambdasec lock`; check with `lambdasec scan --lock FILE` (docs/lockfile.md).")
	for _, f := range lock.Functions {
		fmt.Fprintln(bw, "function", f.ARN)
		if f.ImageDigest != "" {
			fmt.Fprintln(bw, "  image", f.ImageDigest)
		} else {
			fmt.Fprintln(bw, "  code", orUnknown(f.CodeSha256))
		}
		for _, l := range f.Layers {
			fmt.Fprintln(bw, "  layer", l.ARN, orUnknown(l.CodeSha256))
		}
	}
	return bw.Flush()
}
