package policy

import (
	"net/url"
	"reflect"
	"strings"
	"testing"
)

func TestParseShapes(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want []Statement
	}{
		{
			name: "single statement object, string action and resource",
			doc:  `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}`,
			want: []Statement{{Effect: "Allow", Action: Strings{"s3:GetObject"}, Resource: Strings{"arn:aws:s3:::b/*"}}},
		},
		{
			name: "lambda get-policy statement with service principal and conditions",
			doc: `{"Version":"2012-10-17","Id":"default","Statement":[{"Sid":"s3invoke","Effect":"Allow",
				"Principal":{"Service":"s3.amazonaws.com"},"Action":"lambda:InvokeFunction",
				"Resource":"arn:aws:lambda:us-east-1:111122223333:function:f",
				"Condition":{"StringEquals":{"AWS:SourceAccount":"111122223333"},"ArnLike":{"AWS:SourceArn":"arn:aws:s3:::b"}}}]}`,
			want: []Statement{{
				Sid: "s3invoke", Effect: "Allow",
				Principal: &Principal{Service: []string{"s3.amazonaws.com"}},
				Action:    Strings{"lambda:InvokeFunction"},
				Resource:  Strings{"arn:aws:lambda:us-east-1:111122223333:function:f"},
				Condition: Conditions{
					"StringEquals": {"AWS:SourceAccount": Strings{"111122223333"}},
					"ArnLike":      {"AWS:SourceArn": Strings{"arn:aws:s3:::b"}},
				},
			}},
		},
		{
			name: "principal star, NotAction, NotResource, boolean and number conditions",
			doc: `{"Statement":[{"Effect":"Deny","Principal":"*","NotAction":["iam:*","sts:*"],"NotResource":"arn:aws:s3:::x",
				"Condition":{"Bool":{"aws:SecureTransport":false},"NumericLessThan":{"s3:TlsVersion":[1.2]}}}]}`,
			want: []Statement{{
				Effect: "Deny", Principal: &Principal{Any: true},
				NotAction: Strings{"iam:*", "sts:*"}, NotResource: Strings{"arn:aws:s3:::x"},
				Condition: Conditions{
					"Bool":            {"aws:SecureTransport": Strings{"false"}},
					"NumericLessThan": {"s3:TlsVersion": Strings{"1.2"}},
				},
			}},
		},
		{
			name: "AWS principal list and NotPrincipal",
			doc:  `{"Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":["arn:aws:iam::111122223333:root","444455556666"]},"Action":"*","Resource":"*"}]}`,
			want: []Statement{{
				Effect: "Allow", NotPrincipal: &Principal{AWS: []string{"arn:aws:iam::111122223333:root", "444455556666"}},
				Action: Strings{"*"}, Resource: Strings{"*"},
			}},
		},
		{
			name: "no statement grants nothing",
			doc:  `{"Version":"2012-10-17"}`,
			want: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse([]byte(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(d.Statements, tt.want) {
				t.Errorf("got  %#v\nwant %#v", d.Statements, tt.want)
			}
		})
	}
}

func TestParseEncodings(t *testing.T) {
	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	for name, in := range map[string]string{
		"object":       doc,
		"json string":  `"` + strings.ReplaceAll(doc, `"`, `\"`) + `"`,
		"url-encoded":  `"` + url.QueryEscape(doc) + `"`,
		"padded space": "\n  " + doc + "\n",
	} {
		d, err := Parse([]byte(in))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(d.Statements) != 1 || d.Statements[0].Principal.Service[0] != "lambda.amazonaws.com" {
			t.Errorf("%s: parsed %+v", name, d)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := map[string]string{
		"truncated":           `{"Statement":[{"Effect":"Allow"`,
		"not an object":       `[1,2]`,
		"string not a policy": `"hello"`,
		"bad effect":          `{"Statement":[{"Effect":"Maybe","Action":"*"}]}`,
		"action wrong type":   `{"Statement":[{"Effect":"Allow","Action":5}]}`,
		"principal string":    `{"Statement":[{"Effect":"Allow","Principal":"arn:aws:iam::1:root"}]}`,
		"unknown principal":   `{"Statement":[{"Effect":"Allow","Principal":{"Robot":"x"}}]}`,
		"condition shape":     `{"Statement":[{"Effect":"Allow","Condition":{"StringEquals":"x"}}]}`,
		"empty":               ``,
	}
	for name, in := range tests {
		if _, err := Parse([]byte(in)); err == nil {
			t.Errorf("%s: Parse(%q) succeeded, want an error", name, in)
		}
	}
}

func TestConditionValues(t *testing.T) {
	d, err := Parse([]byte(`{"Statement":[{"Effect":"Allow","Action":"*","Condition":{
		"StringEqualsIfExists":{"aws:SourceAccount":"1"},
		"ForAnyValue:StringLike":{"AWS:SOURCEACCOUNT":["2","3"]},
		"ArnLike":{"aws:SourceArn":"arn:aws:s3:::b"}}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	c := d.Statements[0].Condition
	if got := c.Values("aws:SourceAccount", "StringEquals", "StringLike"); !reflect.DeepEqual(got, []string{"1", "2", "3"}) {
		t.Errorf("Values = %v", got)
	}
	if got := c.Values("aws:SourceAccount", "ArnLike"); got != nil {
		t.Errorf("Values under ArnLike = %v, want none", got)
	}
	if !c.Has("AWS:SourceArn") || c.Has("aws:PrincipalOrgID") {
		t.Error("Has gives wrong answers")
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunction","Condition":{"StringEquals":{"a":["b"]}}}]}`))
	f.Add([]byte(`"%7B%22Statement%22%3A%5B%5D%7D"`))
	f.Add([]byte(`{"Statement":{"Effect":"Deny","NotPrincipal":{"AWS":"1"}}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := Parse(b)
		if err == nil && d == nil {
			t.Fatal("nil document without error")
		}
	})
}
