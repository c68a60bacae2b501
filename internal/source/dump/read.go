package dump

import (
	"bytes"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
)

// readAll reads and decodes the files concurrently, storing each answer or
// error in its file. The pool is bounded by the processors available:
// decoding JSON, not waiting for the disk, is what takes the time. Each file
// is written by exactly one worker, so the results do not depend on
// scheduling.
func readAll(files []*file) {
	workers := min(runtime.GOMAXPROCS(0), len(files))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			// One buffer per worker: the decoded answers copy what they
			// keep, so no file's bytes outlive its decoding.
			var buf bytes.Buffer
			for {
				i := int(next.Add(1)) - 1
				if i >= len(files) {
					return
				}
				files[i].read(&buf)
			}
		})
	}
	wg.Wait()
}

func (f *file) read(buf *bytes.Buffer) {
	buf.Reset()
	fh, err := os.Open(f.path)
	if err != nil {
		f.err = unwrapPathError(err)
		return
	}
	_, err = buf.ReadFrom(fh)
	fh.Close()
	if err != nil {
		f.err = unwrapPathError(err)
		return
	}
	f.answer, f.err = f.cmd.decode(buf.Bytes())
}
