package terraform

import "testing"

func TestAddressParts(t *testing.T) {
	tests := []struct{ addr, key, instance string }{
		{`aws_iam_role.r`, `aws_iam_role.r`, ``},
		{`aws_lambda_function.api["eu"]`, `aws_lambda_function.api`, `["eu"]`},
		{`module.app["x"].aws_subnet.s[1]`, `module.app.aws_subnet.s`, `[1]`},
		{`module.m.data.aws_iam_policy_document.d["a]b"]`, `module.m.data.aws_iam_policy_document.d`, `["a]b"]`},
	}
	for _, tt := range tests {
		if got := configKey(tt.addr); got != tt.key {
			t.Errorf("configKey(%s) = %s, want %s", tt.addr, got, tt.key)
		}
		if got := instanceKey(tt.addr); got != tt.instance {
			t.Errorf("instanceKey(%s) = %s, want %s", tt.addr, got, tt.instance)
		}
	}
}
