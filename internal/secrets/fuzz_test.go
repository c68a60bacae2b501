package secrets

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzEngineScan checks that any content scans without panicking, that
// every match lies inside the content and on a line that exists.
func FuzzEngineScan(f *testing.F) {
	f.Add([]byte("GITHUB_TOKEN = 'ghp_Zq4Lm8Rt2Vx6Bn0Pc3Hs7Kd1Wf5Jy9Ga2Ue4'\n"))
	f.Add([]byte("-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----"))
	f.Add([]byte("postgres://u:p@ss@h/db eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcdefghijklmnopqrstuv"))
	e := NewEngine()
	f.Fuzz(func(t *testing.T, b []byte) {
		lines := bytes.Count(b, nl) + 1
		for _, m := range e.Scan(b, Location{Path: "f"}) {
			if !bytes.Contains(b, []byte(m.Value)) {
				t.Fatalf("match %q not in content", m.Value)
			}
			if m.Line < 1 || m.Line > lines {
				t.Fatalf("line %d outside 1..%d", m.Line, lines)
			}
		}
	})
}

// FuzzAssessEnv checks that any variable is judged without panicking and
// that a reference is never reported as a sensitive literal.
func FuzzAssessEnv(f *testing.F) {
	f.Add("DB_PASSWORD", "Winter2019!Reports#42")
	f.Add("API_KEY", "{{resolve:secretsmanager:x}}")
	f.Add("dbPassword_ARN", "arn:aws:secretsmanager:us-east-1:111122223333:secret:x")
	f.Fuzz(func(t *testing.T, name, value string) {
		for _, v := range AssessEnv(map[string]string{name: value}) {
			if v.SensitiveLiteral() && IsReference(value) {
				t.Fatalf("reference %q reported as a literal", value)
			}
			if v.Match != nil && !strings.Contains(value, v.Match.Value) {
				t.Fatalf("match %q not in value", v.Match.Value)
			}
		}
	})
}

// FuzzArchive feeds arbitrary bytes (seeded with real zips) to the archive
// scanner: it must return an error or a result, never panic or run away.
func FuzzArchive(f *testing.F) {
	f.Add(makeZip(f, zipEntry{name: "a.py", data: []byte("token = 'ghp_Zq4Lm8Rt2Vx6Bn0Pc3Hs7Kd1Wf5Jy9Ga2Ue4'\n")}))
	f.Add(makeZip(f, zipEntry{name: "lib/x.jar", data: makeZip(f, zipEntry{name: "../b.txt", data: []byte("stratum+tcp://x")})}))
	f.Add([]byte("PK\x03\x04"))
	l := DefaultLimits()
	l.MaxTotalBytes = 8 << 20
	s := NewScanner(nil, l)
	f.Fuzz(func(t *testing.T, b []byte) {
		cs, err := s.Scan(bytes.NewReader(b), int64(len(b)), "fuzz.zip")
		if err != nil {
			return
		}
		for _, m := range cs.Matches {
			if strings.HasPrefix(m.Path, "/") || strings.Contains("/"+m.Path+"/", "/../") {
				t.Fatalf("unsafe path %q", m.Path)
			}
		}
	})
}
