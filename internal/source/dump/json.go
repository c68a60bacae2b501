package dump

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// decodeAnswer unmarshals one AWS CLI answer, which must be a JSON object,
// into v. Its errors name fields, kinds and byte offsets but never values:
// answers hold environment variables, and those may be secrets.
func decodeAnswer(data []byte, v any) error {
	data, err := toUTF8(data)
	if err != nil {
		return err
	}
	first := firstByte(data)
	if first == 0 {
		return errors.New("empty file: want a JSON object")
	}
	err = json.Unmarshal(data, v)
	var syntax *json.SyntaxError
	if errors.As(err, &syntax) {
		return describeSyntaxError(syntax)
	}
	if first != '{' {
		return fmt.Errorf("want a JSON object, got %s", jsonKind(first))
	}
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		return fmt.Errorf("%s: want %s, got %s (byte offset %d)",
			typ.Field, goKind(typ.Type), article(typ.Value), typ.Offset)
	}
	return err
}

// toUTF8 undoes the encodings Windows shells give redirected CLI output: a
// UTF-8 byte-order mark, or UTF-16 (PowerShell 5's `>`).
func toUTF8(b []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return b[3:], nil
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return fromUTF16(b[2:], false)
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return fromUTF16(b[2:], true)
	}
	return b, nil
}

func fromUTF16(b []byte, bigEndian bool) ([]byte, error) {
	if len(b)%2 != 0 {
		return nil, errors.New("truncated UTF-16 text: odd number of bytes")
	}
	units := make([]uint16, len(b)/2)
	for i := range units {
		if bigEndian {
			units[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			units[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	out := make([]byte, 0, len(units))
	for _, r := range utf16.Decode(units) {
		out = utf8.AppendRune(out, r)
	}
	return out, nil
}

// describeSyntaxError restates a syntax error without the offending
// character, which is a byte of the file.
func describeSyntaxError(e *json.SyntaxError) error {
	msg := e.Error()
	if msg == "unexpected end of JSON input" {
		return fmt.Errorf("truncated JSON: unexpected end at byte offset %d", e.Offset)
	}
	// "invalid character 'x' looking for beginning of value": keep what
	// follows the quoted character (which may itself be a quote, '\'').
	if rest, ok := strings.CutPrefix(msg, "invalid character "); ok && len(rest) > 1 {
		context := ""
		if i := strings.Index(rest[1:], "' "); i >= 0 {
			context = " " + rest[1+i+2:]
		}
		return fmt.Errorf("invalid JSON at byte offset %d: unexpected character%s", e.Offset, context)
	}
	return fmt.Errorf("invalid JSON at byte offset %d: %s", e.Offset, msg)
}

func firstByte(b []byte) byte {
	b = bytes.TrimLeft(b, " \t\r\n")
	if len(b) == 0 {
		return 0
	}
	return b[0]
}

// jsonKind names the JSON value that starts with c.
func jsonKind(c byte) string {
	switch c {
	case '{':
		return "an object"
	case '[':
		return "a list"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

// article turns encoding/json's description of a value ("string",
// "number -5.5", "array") into a phrase without the value itself.
func article(value string) string {
	kind, _, _ := strings.Cut(value, " ")
	switch kind {
	case "array":
		return "a list"
	case "object":
		return "an object"
	case "bool":
		return "a boolean"
	case "number":
		return "a number"
	case "string":
		return "a string"
	}
	return kind
}

// goKind names what a Go type accepts, in JSON terms.
func goKind(t reflect.Type) string {
	if t == nil {
		return "another type"
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Map, reflect.Struct:
		return "an object"
	case reflect.Pointer:
		return goKind(t.Elem())
	}
	return "another type"
}
