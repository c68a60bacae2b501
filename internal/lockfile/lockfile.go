// Package lockfile reads and writes lambdasec.lock: what each function ran
// when the file was written (code hash or image digest, and the content hash
// of every layer version), so that a later scan can report drift. The format
// is line-based so that diffs of it read like a change log (docs/lockfile.md):
//
//	lambdasec-lock 1
//	function arn:aws:lambda:us-east-1:111122223333:function:orders-api
//	  code 3dQ9c1…=
//	  layer arn:aws:lambda:us-east-1:111122223333:layer:acme-common-utils:3 JdHU…=
//	function arn:aws:lambda:us-east-1:111122223333:function:image-resizer
//	  image sha256:619668fa…
//
// "-" stands for a value that was not collected when the file was written.
package lockfile

import (
	"strings"

	"github.com/lambdasec/lambdasec/internal/inventory"
)

// Header is the first line of every lock file; the number is the format
// version, raised only for changes old readers would misread.
const Header = "lambdasec-lock 1"

// Unknown marks a value that was not collected.
const Unknown = inventory.LockUnknown

// Build returns the lock of every function in inv that has an ARN, sorted by
// ARN (inv.Link sorts inv.Functions).
func Build(inv *inventory.Inventory) *inventory.Lock {
	lock := &inventory.Lock{}
	for _, f := range inv.Functions {
		if f.ARN == "" {
			continue // defined in IaC only: nothing deployed to pin
		}
		lf := inventory.LockedFunction{ARN: f.ARN}
		if strings.EqualFold(f.PackageType, "Image") {
			lf.ImageDigest = orUnknown(ImageDigest(f.ResolvedImageURI))
		} else {
			lf.CodeSha256 = orUnknown(f.CodeSha256)
		}
		for _, l := range f.Layers {
			ll := inventory.LockedLayer{ARN: l.ARN, CodeSha256: Unknown}
			if l.Layer != nil && l.Layer.CodeSha256 != "" {
				ll.CodeSha256 = l.Layer.CodeSha256
			}
			lf.Layers = append(lf.Layers, ll)
		}
		lock.Functions = append(lock.Functions, lf)
	}
	return lock
}

// ImageDigest returns the digest of an image URI pinned by digest
// (REPO@sha256:…), or "".
func ImageDigest(uri string) string {
	_, d, ok := strings.Cut(uri, "@")
	if !ok {
		return ""
	}
	return d
}

func orUnknown(s string) string {
	if s == "" {
		return Unknown
	}
	return s
}
