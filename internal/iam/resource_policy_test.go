package iam

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/lambdasec/lambdasec/internal/policy"
)

const fn = `"Resource":"arn:aws:lambda:us-east-1:111122223333:function:web"`

// doc wraps statements the way Lambda's GetPolicy writes a policy.
func doc(t *testing.T, statements ...string) *policy.Document {
	t.Helper()
	d, err := policy.ParseString(`{"Version":"2012-10-17","Id":"default","Statement":[` + strings.Join(statements, ",") + `]}`)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

var reachNames = map[Reach]string{
	ReachOwner: "owner", ReachTrusted: "trusted", ReachExternal: "external", ReachUnknown: "unknown",
	ReachPublic: "public", ReachConditional: "conditional", ReachService: "service",
}

// summary writes a grant compactly: "Sid reach who actions [flags]".
func summary(g Grant) string {
	who := g.Principal
	if g.Account != "" && g.Principal == "*" {
		who = "*@" + g.Account
	}
	if g.Organization != "" {
		who = "*@" + g.Organization
	}
	if g.NotPrincipal {
		who = "not:" + strings.Join(g.Except, ",")
	}
	s := fmt.Sprintf("%s %s %s %s", g.Label(), reachNames[g.Reach], who, strings.Join(g.Actions, ","))
	if g.URLAuthType != "" {
		s += " url=" + g.URLAuthType
	}
	if g.ViaURLOnly {
		s += " via-url"
	}
	if g.Kind == ServicePrincipal && g.ConfusedDeputyProtected {
		s += " protected"
	}
	return s
}

func TestAnalyzeResourcePolicy(t *testing.T) {
	owner := Owner{Account: "111122223333", Organization: "o-a1b2c3d4e5", Members: []string{"111122223333", "222233334444"}, MembersKnown: true}
	tests := []struct {
		name       string
		statements []string
		owner      Owner
		want       []string
	}{
		{
			name: "public function URL pair as the console writes it",
			statements: []string{
				`{"Sid":"FunctionURLAllowPublicAccess","Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunctionUrl",` + fn + `,"Condition":{"StringEquals":{"lambda:FunctionUrlAuthType":"NONE"}}}`,
				`{"Sid":"FunctionURLAllowInvokeAction","Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunction",` + fn + `,"Condition":{"Bool":{"lambda:InvokedViaFunctionUrl":"true"}}}`,
			},
			want: []string{
				"FunctionURLAllowPublicAccess public * lambda:InvokeFunctionUrl url=NONE",
				"FunctionURLAllowInvokeAction public * lambda:InvokeFunction via-url",
			},
		},
		{
			name: "s3 with SourceArn and SourceAccount in capitals",
			statements: []string{
				`{"Sid":"s3invoke","Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"lambda:InvokeFunction",` + fn + `,"Condition":{"StringEquals":{"AWS:SourceAccount":"111122223333"},"ArnLike":{"AWS:SourceArn":"arn:aws:s3:::uploads"}}}`,
			},
			want: []string{"s3invoke owner s3.amazonaws.com lambda:InvokeFunction protected"},
		},
		{
			name:       "service without source conditions",
			statements: []string{`{"Sid":"sns","Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"lambda:InvokeFunction",` + fn + `}`},
			want:       []string{"sns service sns.amazonaws.com lambda:InvokeFunction"},
		},
		{
			name:       "service whose source is another account",
			statements: []string{`{"Sid":"events","Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"lambda:InvokeFunction",` + fn + `,"Condition":{"ArnLike":{"AWS:SourceArn":"arn:aws:events:us-east-1:999988887777:rule/nightly"}}}`},
			want:       []string{"events external events.amazonaws.com lambda:InvokeFunction protected"},
		},
		{
			name:       "wildcard SourceArn does not protect",
			statements: []string{`{"Sid":"s3any","Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"lambda:InvokeFunction",` + fn + `,"Condition":{"ArnLike":{"AWS:SourceArn":"arn:aws:s3:::*"}}}`},
			want:       []string{"s3any service s3.amazonaws.com lambda:InvokeFunction"},
		},
		{
			name:       "star narrowed to the owner's organization",
			statements: []string{`{"Sid":"org","Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunction",` + fn + `,"Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}`},
			want:       []string{"org trusted *@o-a1b2c3d4e5 lambda:InvokeFunction"},
		},
		{
			name:       "star narrowed to another organization",
			statements: []string{`{"Sid":"org","Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunction",` + fn + `,"Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-zzzzzzzzzz"}}}`},
			want:       []string{"org external *@o-zzzzzzzzzz lambda:InvokeFunction"},
		},
		{
			name:       "IfExists does not narrow",
			statements: []string{`{"Sid":"weak","Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunction",` + fn + `,"Condition":{"StringEqualsIfExists":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}`},
			want:       []string{"weak public * lambda:InvokeFunction"},
		},
		{
			name:       "wildcard account does not narrow",
			statements: []string{`{"Sid":"weak","Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunction",` + fn + `,"Condition":{"StringLike":{"aws:SourceAccount":"*"}}}`},
			want:       []string{"weak public * lambda:InvokeFunction"},
		},
		{
			name:       "source IP narrows without naming an account",
			statements: []string{`{"Sid":"office","Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunctionUrl",` + fn + `,"Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}`},
			want:       []string{"office conditional * lambda:InvokeFunctionUrl"},
		},
		{
			name:       "star narrowed to one account",
			statements: []string{`{"Sid":"acct","Effect":"Allow","Principal":{"AWS":"*"},"Action":"lambda:InvokeFunction",` + fn + `,"Condition":{"StringEquals":{"aws:PrincipalAccount":"999988887777"}}}`},
			want:       []string{"acct external *@999988887777 lambda:InvokeFunction"},
		},
		{
			name: "account principals: same account, member, outsider, deleted role",
			statements: []string{
				`{"Sid":"accts","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root","arn:aws:iam::222233334444:role/ci","arn:aws:iam::999988887777:root","AROAEXAMPLEID1234567"]},"Action":"lambda:InvokeFunction",` + fn + `}`,
			},
			want: []string{
				"accts owner arn:aws:iam::111122223333:root lambda:InvokeFunction",
				"accts trusted arn:aws:iam::222233334444:role/ci lambda:InvokeFunction",
				"accts external arn:aws:iam::999988887777:root lambda:InvokeFunction",
			},
		},
		{
			name:       "membership unknown",
			statements: []string{`{"Sid":"x","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"lambda:InvokeFunction",` + fn + `}`},
			owner:      Owner{Account: "111122223333"},
			want:       []string{"x unknown arn:aws:iam::999988887777:root lambda:InvokeFunction"},
		},
		{
			name:       "scanned accounts are trusted",
			statements: []string{`{"Sid":"x","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"lambda:InvokeFunction",` + fn + `}`},
			owner:      Owner{Account: "111122223333", Trusted: []string{"999988887777"}},
			want:       []string{"x trusted arn:aws:iam::999988887777:root lambda:InvokeFunction"},
		},
		{
			name:       "wildcards expand case-insensitively",
			statements: []string{`{"Sid":"inv","Effect":"Allow","Principal":"*","Action":"LAMBDA:invoke*",` + fn + `}`},
			want:       []string{"inv public * lambda:InvokeAsync,lambda:InvokeFunction,lambda:InvokeFunctionUrl"},
		},
		{
			name:       "NotAction allows everything else",
			statements: []string{`{"Sid":"na","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"NotAction":["lambda:*Function*","lambda:*Alias*","lambda:*Permission","lambda:*Polic*","lambda:*Tag*","lambda:*Config*","lambda:*Replication","lambda:InvokeAsync","lambda:ListVersionsByFunction"],` + fn + `}`},
			want:       []string{"na owner arn:aws:iam::111122223333:root lambda:PublishVersion"},
		},
		{
			name:       "NotPrincipal with Allow grants everyone else",
			statements: []string{`{"Sid":"np","Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"lambda:GetFunction",` + fn + `}`},
			want:       []string{"np public not:arn:aws:iam::999988887777:root lambda:GetFunction"},
		},
		{
			name: "unconditional Deny cancels actions for the same principal",
			statements: []string{
				`{"Sid":"all","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"lambda:*",` + fn + `}`,
				`{"Sid":"nowrite","Effect":"Deny","Principal":{"AWS":"999988887777"},"NotAction":"lambda:Get*",` + fn + `}`,
				`{"Sid":"noupdate","Effect":"Deny","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":["lambda:Update*","lambda:Delete*","lambda:Put*","lambda:*Permission","lambda:*Tag*","lambda:*Alias","lambda:Publish*","lambda:*Replication","lambda:Get*","lambda:List*","lambda:CreateFunctionUrlConfig"],` + fn + `}`,
			},
			want: []string{"all external arn:aws:iam::999988887777:root lambda:InvokeAsync,lambda:InvokeFunction,lambda:InvokeFunctionUrl"},
		},
		{
			name: "Deny everyone outside the organization narrows star",
			statements: []string{
				`{"Sid":"any","Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunction",` + fn + `}`,
				`{"Sid":"guard","Effect":"Deny","Principal":"*","Action":"lambda:*",` + fn + `,"Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}`,
			},
			want: []string{"any trusted *@o-a1b2c3d4e5 lambda:InvokeFunction"},
		},
		{
			name: "conditional Deny on other keys is ignored",
			statements: []string{
				`{"Sid":"any","Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunction",` + fn + `}`,
				`{"Sid":"tls","Effect":"Deny","Principal":"*","Action":"lambda:*",` + fn + `,"Condition":{"Bool":{"aws:SecureTransport":"false"}}}`,
			},
			want: []string{"any public * lambda:InvokeFunction"},
		},
		{
			name:       "other services' actions grant nothing",
			statements: []string{`{"Sid":"s3","Effect":"Allow","Principal":"*","Action":"s3:GetObject",` + fn + `}`},
		},
		{
			name:       "layer version policy keeps its exact action",
			statements: []string{`{"Sid":"share","Effect":"Allow","Principal":"*","Action":"lambda:GetLayerVersion","Resource":"arn:aws:lambda:us-east-1:111122223333:layer:deps:3"}`},
			want:       []string{"share public * lambda:GetLayerVersion"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := tt.owner
			if o.Account == "" {
				o = owner
			}
			var got []string
			for _, g := range AnalyzeResourcePolicy(doc(t, tt.statements...), o) {
				got = append(got, summary(g))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

func TestGrantScope(t *testing.T) {
	d := doc(t,
		`{"Sid":"url","Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunctionUrl",`+fn+`,"Condition":{"StringEquals":{"lambda:FunctionUrlAuthType":"AWS_IAM"}}}`,
		`{"Sid":"both","Effect":"Allow","Principal":"*","Action":["lambda:InvokeFunction","lambda:GetFunction"],`+fn+`}`,
	)
	gs := AnalyzeResourcePolicy(d, Owner{Account: "111122223333"})
	if len(gs) != 2 {
		t.Fatalf("got %d grants, want 2", len(gs))
	}
	url, both := gs[0], gs[1]
	if !url.URLOnly() || url.AppliesToURL("NONE") || !url.AppliesToURL("aws_iam") {
		t.Errorf("url grant scope wrong: %+v", url)
	}
	if both.URLOnly() || !both.AppliesToURL("NONE") {
		t.Errorf("direct grant treated as URL-only: %+v", both)
	}
	if got := both.OtherActions(); !reflect.DeepEqual(got, []string{"lambda:GetFunction"}) {
		t.Errorf("OtherActions = %v", got)
	}
	if got := both.InvokeActions(); !reflect.DeepEqual(got, []string{"lambda:InvokeFunction"}) {
		t.Errorf("InvokeActions = %v", got)
	}
	want := `url: * may lambda:InvokeFunctionUrl when StringEquals lambda:FunctionUrlAuthType=AWS_IAM`
	if url.String() != want {
		t.Errorf("String() = %q, want %q", url.String(), want)
	}
}

func TestWildcardMatch(t *testing.T) {
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"*", "lambda:InvokeFunction", true},
		{"lambda:*", "lambda:InvokeFunction", true},
		{"lambda:Invoke*", "lambda:InvokeFunctionUrl", true},
		{"lambda:invokefunction", "lambda:InvokeFunction", true},
		{"lambda:InvokeFunction", "lambda:InvokeFunctionUrl", false},
		{"lambda:*Function?rl", "lambda:InvokeFunctionUrl", true},
		{"lambda:Get*Config*", "lambda:GetFunctionUrlConfig", true},
		{"s3:*", "lambda:InvokeFunction", false},
	}
	for _, tt := range tests {
		if got := wildcardMatch(tt.pattern, tt.s); got != tt.want {
			t.Errorf("wildcardMatch(%q, %q) = %v, want %v", tt.pattern, tt.s, got, tt.want)
		}
	}
}

func TestSummarizeActions(t *testing.T) {
	tests := []struct {
		actions []string
		want    string
	}{
		{[]string{InvokeFunction}, "lambda:InvokeFunction"},
		{lambdaFunctionActions, "every function action (lambda:*)"},
		{lambdaFunctionActions[:8], "lambda:AddPermission, lambda:CreateAlias, lambda:CreateFunctionUrlConfig, lambda:DeleteAlias, lambda:DeleteFunction and 3 more"},
	}
	for _, tt := range tests {
		if got := SummarizeActions(tt.actions); got != tt.want {
			t.Errorf("SummarizeActions(%d actions) = %q, want %q", len(tt.actions), got, tt.want)
		}
	}
}
