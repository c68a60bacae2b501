package dump

import (
	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/source"
)

func init() { source.Register(dumpSource{}) }

// dumpSource plugs the dump reader into the source registry.
type dumpSource struct{}

func (dumpSource) Name() string { return "dump" }

func (dumpSource) Claims(path string) bool { return IsDump(path) }

func (dumpSource) Load(inv *inventory.Inventory, path string, _ source.Options) []error {
	return Load(inv, path)
}
