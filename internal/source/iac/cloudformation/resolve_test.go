package cloudformation

import (
	"reflect"
	"strings"
	"testing"
)

// resolved loads src as a template and returns the properties of resource id.
func resolved(t *testing.T, src string, params Params, id string) map[string]any {
	t.Helper()
	root, err := parseYAML([]byte(src))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	tmpl, err := newTemplate("stack/template.yaml", root, params)
	if err != nil {
		t.Fatalf("template: %v", err)
	}
	if err := tmpl.resolveAll(); err != nil {
		t.Fatalf("resolve: %v", err)
	}
	r := tmpl.resources[id]
	if r == nil {
		t.Fatalf("resource %s was dropped", id)
	}
	out := map[string]any{}
	for k, v := range r.Props {
		out[k] = tmpl.plain(v)
	}
	return out
}

const intrinsicsTemplate = `
Parameters:
  Env: {Type: String, Default: dev}
  Subnets: {Type: CommaDelimitedList, Default: "subnet-a, subnet-b"}
  NoDefault: {Type: String}
Mappings:
  Sizes:
    dev: {Mem: "128"}
    prod: {Mem: "1024"}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  NotProd: !Not [!Condition IsProd]
  Both: !And [!Condition NotProd, {Condition: NotProd}]
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties: {RoleName: app-role}
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Ref: !Ref Env
      RefPseudo: !Ref AWS::Region
      Sub: !Sub "arn:${AWS::Partition}:s3:::${Env}-bucket/${!Literal}"
      SubVars: !Sub ["${A}-${Role.Arn}", {A: x}]
      Join: !Join ["-", [a, !Ref Env, c]]
      Select: !Select [1, !Ref Subnets]
      Split: !Split [",", "a,b"]
      If: !If [IsProd, big, small]
      IfBoth: !If [Both, yes, no]
      Find: !FindInMap [Sizes, !Ref Env, Mem]
      Import: !ImportValue shared-vpc
      Unknown: !Ref NoDefault
      GetAtt: !GetAtt Role.Arn
      GetAttList: {"Fn::GetAtt": [Role, Arn]}
      LongRef: {Ref: Role}
      B64: !Base64 hi
      NoValue: !Ref AWS::NoValue
      Account: !Sub "${AWS::AccountId}"
  Dropped:
    Type: AWS::SQS::Queue
    Condition: IsProd
`

func TestIntrinsics(t *testing.T) {
	got := resolved(t, intrinsicsTemplate, nil, "Fn")
	want := map[string]any{
		"Ref": "dev", "RefPseudo": "unknown",
		"Sub":     "arn:aws:s3:::dev-bucket/${Literal}",
		"SubVars": "x-arn:aws:iam::000000000000:role/app-role",
		"Join":    "a-dev-c", "Select": "subnet-b", "Split": []any{"a", "b"},
		"If": "small", "IfBoth": "yes", "Find": "128",
		"Import": "${ImportValue:shared-vpc}", "Unknown": "${NoDefault}",
		"GetAtt": "arn:aws:iam::000000000000:role/app-role", "GetAttList": "arn:aws:iam::000000000000:role/app-role",
		"LongRef": "app-role", "B64": "aGk=", "Account": "000000000000",
	}
	if !reflect.DeepEqual(got, want) {
		for k := range want {
			if !reflect.DeepEqual(got[k], want[k]) {
				t.Errorf("%s = %#v, want %#v", k, got[k], want[k])
			}
		}
		for k := range got {
			if _, ok := want[k]; !ok {
				t.Errorf("unexpected property %s = %#v", k, got[k])
			}
		}
	}
}

func TestParametersOverride(t *testing.T) {
	got := resolved(t, intrinsicsTemplate, Params{"Env": "prod", "AWS::AccountId": "111122223333", "AWS::Region": "eu-west-1"}, "Fn")
	for k, want := range map[string]any{"Ref": "prod", "If": "big", "Find": "1024", "RefPseudo": "eu-west-1",
		"GetAtt": "arn:aws:iam::111122223333:role/app-role"} {
		if got[k] != want {
			t.Errorf("%s = %#v, want %#v", k, got[k], want)
		}
	}
}

func TestTemplateErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"bad yaml", "Resources:\n  Fn:\n    Type: [unclosed\n", "template.yaml:2: invalid YAML/JSON"},
		{"no resources", "Parameters: {}\n", "template.yaml:1: no Resources section"},
		{"not a mapping", "- a\n- b\n", "template.yaml:1: a template must be a mapping"},
		{"unknown tag", "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: !Bogus x\n", "template.yaml:5: unknown tag !Bogus"},
		{"undefined ref", "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Role: !Ref Missing\n", "template.yaml:5: Ref names Missing"},
		{"bad getatt", "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Role: !GetAtt Missing.Arn\n", "template.yaml:5: Fn::GetAtt names Missing"},
		{"circular", "Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !GetAtt B.QueueName\n  B:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Sub '${A.QueueName}-b'\n",
			"template.yaml:2: circular reference between resources: A → B → A"},
		{"circular condition", "Conditions:\n  C1: !Condition C2\n  C2: !Condition C1\nResources:\n  A:\n    Type: AWS::SQS::Queue\n    Condition: C1\n", "circular reference"},
		{"no type", "Resources:\n  Fn:\n    Properties: {}\n", "template.yaml:2: resource Fn has no Type"},
		{"bad join", "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Handler: !Join [only-one]\n", "template.yaml:5: Fn::Join takes a list of 2 arguments"},
		{"missing mapping", "Mappings: {M: {a: {b: c}}}\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Handler: !FindInMap [M, a, zz]\n", "is not in Mappings"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			errs := LoadBytes(nil, "stack/template.yaml", []byte(tc.src), nil)
			if len(errs) != 1 || !strings.Contains(errs[0].Error(), tc.want) {
				t.Fatalf("errors = %v, want one containing %q", errs, tc.want)
			}
		})
	}
}

func TestSecretsStayOutOfErrors(t *testing.T) {
	src := "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Environment:\n        Variables:\n          PASSWORD: !Bogus hunter2-very-secret\n"
	errs := LoadBytes(nil, "t.yaml", []byte(src), nil)
	if len(errs) != 1 || strings.Contains(errs[0].Error(), "hunter2") {
		t.Fatalf("errors = %v: want one error that does not quote the value", errs)
	}
}
