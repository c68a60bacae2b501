package aws

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"time"
	"unicode"
	"unicode/utf8"
)

// style says how one service's answers are spelled by the AWS CLI.
type style struct {
	// lowerCamel: the service's API member names start in lower case
	// (CloudWatch Logs: logGroups, logGroupName), while the SDK's Go fields
	// are capitalized.
	lowerCamel bool
	// decodePolicies: IAM returns policy documents URL-encoded; the CLI
	// prints them decoded, as JSON objects.
	decodePolicies bool
	// rename spells the members whose API name differs from the Go field
	// beyond capitalization (CloudTrail's DescribeTrails: trailList).
	rename map[string]string
}

// pagingFields are the pagination tokens of a single page. The CLI follows
// them and prints the merged answer without them, so the collector drops
// them too.
var pagingFields = map[string]bool{
	"NextToken": true, "NextMarker": true, "Marker": true, "IsTruncated": true,
}

// iamDocumentFields hold URL-encoded JSON policy documents in IAM answers.
var iamDocumentFields = map[string]bool{
	"PolicyDocument": true, "AssumeRolePolicyDocument": true, "Document": true,
}

// cliJSON serializes an SDK output struct the way the AWS CLI prints the
// same answer: API member names, nil members left out, timestamps in ISO
// 8601, blobs in base64, pagination tokens dropped. The SDK's own metadata
// (ResultMetadata) is not part of the answer.
func cliJSON(v any, st style) ([]byte, error) {
	var b bytes.Buffer
	if err := encodeValue(&b, reflect.ValueOf(v), st, true); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

var timeType = reflect.TypeOf(time.Time{})

func encodeValue(b *bytes.Buffer, v reflect.Value, st style, top bool) error {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			b.WriteString("null")
			return nil
		}
		v = v.Elem()
	}
	if v.Type() == timeType {
		writeString(b, isoTime(v.Interface().(time.Time)))
		return nil
	}
	switch v.Kind() {
	case reflect.Struct:
		return encodeStruct(b, v, st, top)
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			writeString(b, base64.StdEncoding.EncodeToString(v.Bytes()))
			return nil
		}
		fallthrough
	case reflect.Array:
		b.WriteByte('[')
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := encodeValue(b, v.Index(i), st, false); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case reflect.Map:
		return encodeMap(b, v, st)
	case reflect.String:
		writeString(b, v.String())
	case reflect.Bool:
		b.WriteString(strconv.FormatBool(v.Bool()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		b.WriteString(strconv.FormatInt(v.Int(), 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		b.WriteString(strconv.FormatUint(v.Uint(), 10))
	case reflect.Float32, reflect.Float64:
		out, err := json.Marshal(v.Float())
		if err != nil {
			return err
		}
		b.Write(out)
	default:
		return fmt.Errorf("cannot serialize a %s", v.Type())
	}
	return nil
}

func encodeStruct(b *bytes.Buffer, v reflect.Value, st style, top bool) error {
	t := v.Type()
	b.WriteByte('{')
	n := 0
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		fv := v.Field(i)
		if !f.IsExported() || f.Name == "ResultMetadata" || (top && pagingFields[f.Name]) || omit(fv) {
			continue
		}
		if n > 0 {
			b.WriteByte(',')
		}
		n++
		name := f.Name
		if st.lowerCamel {
			name = lowerFirst(name)
		}
		if r, ok := st.rename[f.Name]; ok {
			name = r
		}
		writeString(b, name)
		b.WriteByte(':')
		if st.decodePolicies && iamDocumentFields[f.Name] && fv.Kind() == reflect.Pointer && fv.Elem().Kind() == reflect.String {
			writeDocument(b, fv.Elem().String())
			continue
		}
		if err := encodeValue(b, fv, st, false); err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
	}
	b.WriteByte('}')
	return nil
}

func encodeMap(b *bytes.Buffer, v reflect.Value, st style) error {
	if v.Type().Key().Kind() != reflect.String {
		return fmt.Errorf("cannot serialize a map keyed by %s", v.Type().Key())
	}
	keys := v.MapKeys()
	ks := make([]string, len(keys))
	for i, k := range keys {
		ks[i] = k.String()
	}
	slices.Sort(ks)
	b.WriteByte('{')
	for i, k := range ks {
		if i > 0 {
			b.WriteByte(',')
		}
		writeString(b, k)
		b.WriteByte(':')
		if err := encodeValue(b, v.MapIndex(reflect.ValueOf(k).Convert(v.Type().Key())), st, false); err != nil {
			return err
		}
	}
	b.WriteByte('}')
	return nil
}

// omit reports whether a member was absent from the answer: a nil pointer,
// slice, map or interface, or an empty enum string (the SDK's zero value for
// an enum it did not receive). Non-pointer numbers and booleans are members
// with defaults that the API always returns, so they are kept.
func omit(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
		return v.IsNil()
	case reflect.String:
		return v.Len() == 0
	}
	return false
}

// writeDocument embeds an IAM policy document as the CLI prints it: the
// URL-decoded JSON object. A document that does not decode is kept as the
// string it was, which the dump reader also accepts.
func writeDocument(b *bytes.Buffer, doc string) {
	if dec, err := url.QueryUnescape(doc); err == nil && json.Valid([]byte(dec)) {
		var c bytes.Buffer
		if json.Compact(&c, []byte(dec)) == nil {
			b.Write(c.Bytes())
			return
		}
	}
	if json.Valid([]byte(doc)) {
		var c bytes.Buffer
		if json.Compact(&c, []byte(doc)) == nil {
			b.Write(c.Bytes())
			return
		}
	}
	writeString(b, doc)
}

// isoTime prints a timestamp the way the CLI does (Python's isoformat of a
// UTC datetime): 2024-03-01T10:00:00+00:00, with microseconds when present.
func isoTime(t time.Time) string {
	t = t.UTC()
	s := t.Format("2006-01-02T15:04:05")
	if us := t.Nanosecond() / 1000; us != 0 {
		s += fmt.Sprintf(".%06d", us)
	}
	return s + "+00:00"
}

// writeString quotes s as JSON without HTML escaping: the CLI prints <, >
// and & as they are.
func writeString(b *bytes.Buffer, s string) {
	e := json.NewEncoder(b)
	e.SetEscapeHTML(false)
	e.Encode(s)             // a Go string always encodes
	b.Truncate(b.Len() - 1) // Encode ends with a newline
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}
