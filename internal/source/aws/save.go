package aws

import (
	"context"
	"reflect"
)

// call is one API call whose answer goes to one dump file.
type call struct {
	region string // "" for account-wide calls
	op     string // service:Operation, for the collection log
	path   string // the dump file, relative to the account folder
	style  style
	// notFoundIsNone: ResourceNotFoundException means "there is none" and
	// the file holds {}.
	notFoundIsNone bool
}

// save runs fetch and writes its answer to cl.path. On "there is none" it
// writes {} and returns nil; on a failure it writes nothing, records the
// failure and returns nil. The answer is returned for calls whose results
// drive further calls.
func save[T any](ctx context.Context, a *account, cl call, fetch func(context.Context) (*T, error)) *T {
	out, err := fetch(ctx)
	if err != nil {
		a.failed(cl, err)
		return nil
	}
	data, err := cliJSON(out, cl.style)
	if err == nil {
		err = a.write(cl.path, data)
	}
	if err != nil {
		a.c.fail(Failure{Account: a.id, Region: cl.region, Operation: cl.op, Path: a.rel(cl.path), Kind: KindError, Message: err.Error()})
		return nil
	}
	return out
}

// failed records a failed call, or writes {} where AWS says there is none.
func (a *account) failed(cl call, err error) {
	o, kind, code := classify(err, cl.notFoundIsNone)
	if o == none {
		if werr := a.write(cl.path, []byte("{}")); werr != nil {
			a.c.fail(Failure{Account: a.id, Region: cl.region, Operation: cl.op, Path: a.rel(cl.path), Kind: KindError, Message: werr.Error()})
		}
		return
	}
	a.c.fail(Failure{Account: a.id, Region: cl.region, Operation: cl.op, Path: a.rel(cl.path), Kind: kind, Code: code, Message: err.Error()})
}

// allPages runs a paginated call to the end and merges the pages into the
// first, the way the CLI prints a paginated answer: every list member holds
// the items of all pages. Any failed page fails the whole answer, so that a
// dump never holds a list that looks whole but is not.
func allPages[T any](more func() bool, next func(context.Context) (*T, error)) func(context.Context) (*T, error) {
	return func(ctx context.Context) (*T, error) {
		var first *T
		for more() {
			p, err := next(ctx)
			if err != nil {
				return nil, err
			}
			if first == nil {
				first = p
				continue
			}
			mergePage(reflect.ValueOf(first).Elem(), reflect.ValueOf(p).Elem())
		}
		if first == nil {
			first = new(T)
		}
		return first, nil
	}
}

// mergePage appends every slice member of page to the same member of into.
func mergePage(into, page reflect.Value) {
	for i := 0; i < into.NumField(); i++ {
		f := into.Field(i)
		if f.Kind() == reflect.Slice && f.CanSet() && f.Type().Elem().Kind() != reflect.Uint8 {
			f.Set(reflect.AppendSlice(f, page.Field(i)))
		}
	}
}
