package cloudtrail

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

// Error is a problem reading one file, or one record of it.
type Error struct {
	File   string
	Record int   // 1-based index of the record in the file; 0 when not about one record
	Offset int64 // byte offset in the (decompressed) JSON, when known
	Err    error
}

func (e *Error) Error() string {
	switch {
	case e.Record > 0:
		return fmt.Sprintf("%s: record %d: %v", e.File, e.Record, e.Err)
	case e.Offset > 0:
		return fmt.Sprintf("%s: at byte %d: %v", e.File, e.Offset, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// ErrNotCloudTrail is returned for JSON that holds no CloudTrail events.
var ErrNotCloudTrail = errors.New(`not a CloudTrail log: want {"Records":[...]}, lookup-events output {"Events":[...]}, or event objects`)

// ReadFile reads one file, plain or gzipped, calling fn for every record.
func ReadFile(path string, fn func(*Record)) []error {
	f, err := os.Open(path)
	if err != nil {
		return []error{&Error{File: path, Err: err}}
	}
	defer f.Close()
	return Read(f, path, fn)
}

// Read reads CloudTrail JSON from r, gunzipping it when it starts with the
// gzip magic number. It accepts, one or more times in a row:
//   - a log file as delivered to S3: {"Records":[record, ...]}
//   - lookup-events output: {"Events":[{"CloudTrailEvent":"<record JSON>"}, ...]}
//   - a bare record object (e.g. JSON Lines of records).
//
// A malformed record is reported and skipped; malformed JSON around records
// stops the file. name labels errors.
func Read(r io.Reader, name string, fn func(*Record)) []error {
	br := bufio.NewReaderSize(r, 64<<10)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return []error{&Error{File: name, Err: fmt.Errorf("gzip: %w", err)}}
		}
		defer zr.Close()
		r = zr
	} else {
		r = br
	}
	rd := &reader{name: name, dec: json.NewDecoder(r), fn: fn}
	rd.dec.UseNumber()
	rd.read()
	return rd.errs
}

type reader struct {
	name  string
	dec   *json.Decoder
	fn    func(*Record)
	n     int // records seen, for error positions
	found bool
	errs  []error
}

func (rd *reader) fail(err error) {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		err = errors.New("unexpected end of JSON (truncated file?)")
	}
	rd.errs = append(rd.errs, &Error{File: rd.name, Offset: rd.dec.InputOffset(), Err: err})
}

func (rd *reader) read() {
	for {
		tok, err := rd.dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			rd.fail(err)
			return
		}
		if tok != json.Delim('{') {
			rd.fail(fmt.Errorf("want a JSON object, got %v", tok))
			return
		}
		if !rd.object() {
			return
		}
	}
	if !rd.found && len(rd.errs) == 0 {
		rd.errs = append(rd.errs, &Error{File: rd.name, Err: ErrNotCloudTrail})
	}
}

// object reads the members of a top-level object whose '{' was consumed.
// Records and Events arrays are streamed; any other member is buffered in
// case the object turns out to be a bare record.
func (rd *reader) object() bool {
	var rest map[string]json.RawMessage
	for rd.dec.More() {
		tok, err := rd.dec.Token()
		if err != nil {
			rd.fail(err)
			return false
		}
		key, _ := tok.(string)
		switch key {
		case "Records", "Events":
			if !rd.array(key == "Events") {
				return false
			}
		default:
			var v json.RawMessage
			if err := rd.dec.Decode(&v); err != nil {
				rd.fail(err)
				return false
			}
			if rest == nil {
				rest = map[string]json.RawMessage{}
			}
			rest[key] = v
		}
	}
	if _, err := rd.dec.Token(); err != nil { // the closing '}'
		rd.fail(err)
		return false
	}
	if _, ok := rest["eventName"]; ok {
		b, _ := json.Marshal(rest)
		rd.record(b, false)
	}
	return true
}

// array streams the elements of a Records or Events array.
func (rd *reader) array(lookup bool) bool {
	tok, err := rd.dec.Token()
	if err != nil {
		rd.fail(err)
		return false
	}
	if tok == nil { // "Records": null
		rd.found = true
		return true
	}
	if tok != json.Delim('[') {
		rd.fail(fmt.Errorf("want an array of events, got %v", tok))
		return false
	}
	rd.found = true
	for rd.dec.More() {
		if lookup {
			var raw json.RawMessage
			if err := rd.dec.Decode(&raw); err != nil {
				rd.fail(err)
				return false
			}
			rd.record(raw, true)
			continue
		}
		// Decode straight into a Record: the decoder reads the whole value
		// before decoding it, so a record of the wrong shape is skipped
		// without losing the stream; only broken JSON stops the file.
		var rec Record
		before := rd.dec.InputOffset()
		if err := rd.dec.Decode(&rec); err != nil {
			// A read error (corrupt gzip) leaves the decoder where it was:
			// retrying would loop, so it stops the file like broken JSON.
			var syntax *json.SyntaxError
			if errors.As(err, &syntax) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || rd.dec.InputOffset() == before {
				rd.fail(err)
				return false
			}
			rd.n++
			rd.errs = append(rd.errs, &Error{File: rd.name, Record: rd.n, Err: err})
			continue
		}
		rd.n++
		rd.deliver(&rec)
	}
	if _, err := rd.dec.Token(); err != nil { // the closing ']'
		rd.fail(err)
		return false
	}
	return true
}

// record decodes one buffered element and hands it to fn. lookup marks a
// lookup-events element whose CloudTrailEvent member holds the record as a
// JSON string.
func (rd *reader) record(raw json.RawMessage, lookup bool) {
	rd.n++
	rd.found = true
	if lookup {
		var ev struct {
			CloudTrailEvent *string
		}
		if err := json.Unmarshal(raw, &ev); err != nil {
			rd.errs = append(rd.errs, &Error{File: rd.name, Record: rd.n, Err: err})
			return
		}
		if ev.CloudTrailEvent == nil {
			rd.errs = append(rd.errs, &Error{File: rd.name, Record: rd.n, Err: errors.New("lookup-events entry has no CloudTrailEvent")})
			return
		}
		raw = json.RawMessage(*ev.CloudTrailEvent)
	}
	var rec Record
	if err := json.Unmarshal(bytes.TrimSpace(raw), &rec); err != nil {
		rd.errs = append(rd.errs, &Error{File: rd.name, Record: rd.n, Err: err})
		return
	}
	rd.deliver(&rec)
}

// deliver hands a decoded record (the rd.n-th) to fn, or reports it when it
// lacks the fields every consumer needs.
func (rd *reader) deliver(rec *Record) {
	if rec.EventName == "" || rec.EventSource == "" {
		rd.errs = append(rd.errs, &Error{File: rd.name, Record: rd.n, Err: errors.New("record has no eventSource or eventName")})
		return
	}
	rd.fn(rec)
}
