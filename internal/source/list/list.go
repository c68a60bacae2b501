// Package list is the one place that names every input source: importing
// it registers them all.
package list

import (
	_ "github.com/lambdasec/lambdasec/internal/source/dump" // offline dump folders
)
