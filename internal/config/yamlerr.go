package config

import (
	"regexp"
	"strconv"
)

// yaml reports syntax errors as "yaml: line N: message".
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlErrorLine returns the line a YAML error names, or 0.
func yamlErrorLine(err error) int {
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 0
}

// yamlErrorText is the message without the "yaml: line N:" prefix, which the
// file error states on its own.
func yamlErrorText(err error) string {
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		return m[2]
	}
	return err.Error()
}
