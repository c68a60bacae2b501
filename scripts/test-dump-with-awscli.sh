#!/usr/bin/env bash
# test-dump-with-awscli.sh: run scripts/dump-with-awscli.sh for real against a
# local moto_server and check the dump it writes.
#
# Starts moto_server on a free loopback port, creates a few Lambda functions
# (with and without resource policy, function URL, layer, event-invoke
# config, VPC), a VPC, a trail with event selectors and a log group with the
# aws CLI, runs the dump script, checks the files, and stops moto_server.
# An aws shim in front of the real CLI makes one call answer AccessDenied
# (the error path) and limits "describe-regions" to us-east-1 so that
# "--regions all" stays fast. Prints "dump-with-awscli: N passed, M failed"
# and exits non-zero on any failure.
#
# Needs: aws CLI, moto_server, python3 (moto's own interpreter).

set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dump_script="$here/dump-with-awscli.sh"

for cmd in aws moto_server python3; do
	command -v "$cmd" >/dev/null 2>&1 || { echo "test-dump-with-awscli: $cmd not found" >&2; exit 1; }
done

work="$(mktemp -d "${TMPDIR:-/tmp}/test-dump-with-awscli.XXXXXX")"
moto_pid=""
cleanup() {
	if [[ -n "$moto_pid" ]]; then
		kill "$moto_pid" 2>/dev/null || true
		wait "$moto_pid" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
endpoint="http://127.0.0.1:$port"
MOTO_ACCOUNT_ID=111122223333 moto_server -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
moto_pid=$!

# Isolated, dummy credentials: never the caller's real ones.
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_SESSION_TOKEN=testing
export AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1 AWS_PAGER=""
export AWS_CONFIG_FILE="$work/aws-config" AWS_SHARED_CREDENTIALS_FILE="$work/aws-credentials"
: >"$AWS_CONFIG_FILE"
: >"$AWS_SHARED_CREDENTIALS_FILE"
unset AWS_PROFILE AWS_DEFAULT_PROFILE

ready=0
for _ in $(seq 1 60); do
	if python3 -c "import urllib.request,sys; urllib.request.urlopen('$endpoint/moto-api/', timeout=1)" 2>/dev/null; then
		ready=1
		break
	fi
	kill -0 "$moto_pid" 2>/dev/null || break
	sleep 0.5
done
if ((ready == 0)); then
	echo "test-dump-with-awscli: moto_server did not start on $endpoint" >&2
	cat "$work/moto.log" >&2
	echo "dump-with-awscli: 0 passed, 1 failed"
	exit 1
fi

a() { aws --endpoint-url "$endpoint" --region us-east-1 "$@"; }

# ---- create resources --------------------------------------------------------
echo "test-dump-with-awscli: creating resources on $endpoint" >&2
python3 - "$work/fn.zip" "$work/layer.zip" <<'EOF'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("app.py", "def handler(event, context):\n    return {'ok': True}\n")
with zipfile.ZipFile(sys.argv[2], "w") as z:
    z.writestr("python/helpers/__init__.py", "def hello():\n    return 'hi'\n")
EOF
trust='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
role_arn="$(a iam create-role --role-name test-fn-role --assume-role-policy-document "$trust" --query Role.Arn --output text)"
layer_arn="$(a lambda publish-layer-version --layer-name test-helpers --zip-file "fileb://$work/layer.zip" \
	--compatible-runtimes python3.13 --query LayerVersionArn --output text)"
vpc="$(a ec2 create-vpc --cidr-block 10.50.0.0/16 --query Vpc.VpcId --output text)"
subnet="$(a ec2 create-subnet --vpc-id "$vpc" --cidr-block 10.50.1.0/24 --availability-zone us-east-1a --query Subnet.SubnetId --output text)"
sg="$(a ec2 create-security-group --vpc-id "$vpc" --group-name test-fn-sg --description "test fn" --query GroupId --output text)"
a sqs create-queue --queue-name test-failures >/dev/null

mkfn() {
	local name="$1"
	shift
	a lambda create-function --function-name "$name" --runtime python3.13 --handler app.handler \
		--role "$role_arn" --zip-file "fileb://$work/fn.zip" "$@" >/dev/null
}
mkfn fn-plain --layers "$layer_arn"
mkfn fn-public --layers "$layer_arn" --tracing-config Mode=Active
mkfn fn-vpc --vpc-config "SubnetIds=$subnet,SecurityGroupIds=$sg"
a lambda add-permission --function-name fn-public --statement-id FunctionURLAllowPublicAccess \
	--action lambda:InvokeFunctionUrl --principal '*' --function-url-auth-type NONE >/dev/null
a lambda create-function-url-config --function-name fn-public --auth-type NONE --cors 'AllowOrigins=*' >/dev/null
a lambda put-function-event-invoke-config --function-name fn-public \
	--destination-config 'OnFailure={Destination=arn:aws:sqs:us-east-1:111122223333:test-failures}' >/dev/null
a lambda put-function-concurrency --function-name fn-public --reserved-concurrent-executions 7 >/dev/null
a s3api create-bucket --bucket test-trail-bucket >/dev/null
a cloudtrail create-trail --name test-trail --s3-bucket-name test-trail-bucket --is-multi-region-trail >/dev/null
a cloudtrail put-event-selectors --trail-name test-trail --event-selectors \
	'[{"ReadWriteType":"All","IncludeManagementEvents":true,"DataResources":[{"Type":"AWS::Lambda::Function","Values":["arn:aws:lambda"]}]}]' >/dev/null
a cloudtrail start-logging --name test-trail
a logs create-log-group --log-group-name /aws/lambda/fn-public
a logs put-retention-policy --log-group-name /aws/lambda/fn-public --retention-in-days 14

# ---- an aws shim: one AccessDenied, describe-regions limited to us-east-1 ----
real_aws="$(command -v aws)"
mkdir -p "$work/bin"
cat >"$work/bin/aws" <<EOF
#!/usr/bin/env bash
args=" \$* "
if [[ "\$args" == *" get-function-url-config "* && "\$args" == *" fn-vpc "* ]]; then
	echo >&2
	echo "An error occurred (AccessDeniedException) when calling the GetFunctionUrlConfig operation: User is not authorized" >&2
	exit 254
fi
if [[ "\$args" == *" describe-regions "* ]]; then
	exec "$real_aws" "\$@" --region-names us-east-1
fi
exec "$real_aws" "\$@"
EOF
chmod +x "$work/bin/aws"

# ---- run the dump script -----------------------------------------------------
out="$work/dump"
echo "test-dump-with-awscli: running $dump_script" >&2
rc=0
PATH="$work/bin:$PATH" "$dump_script" "$out" --regions all --endpoint-url "$endpoint" 2>"$work/dump.log" || rc=$?

# ---- checks ------------------------------------------------------------------
passed=0
failed=0
check() {
	local desc="$1"
	shift
	if "$@" >/dev/null 2>&1; then
		passed=$((passed + 1))
		echo "ok   $desc"
	else
		failed=$((failed + 1))
		echo "FAIL $desc"
	fi
}
# jtrue FILE PYEXPR: the JSON in FILE (as d) makes PYEXPR true.
jtrue() {
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if eval(sys.argv[2]) else 1)' "$1" "$2"
}
is_empty_obj() { [[ "$(tr -d '[:space:]' <"$1")" == "{}" ]]; }
all_json_valid() {
	python3 - "$out" <<'EOF'
import json, os, sys
bad = []
for root, _, files in os.walk(sys.argv[1]):
    for f in files:
        p = os.path.join(root, f)
        if not f.endswith(".json"):
            bad.append(p)
            continue
        try:
            json.load(open(p))
        except Exception:
            bad.append(p)
sys.exit(1 if bad else 0)
EOF
}

L="$out/us-east-1/lambda"
check "dump script exits 0" test "$rc" -eq 0
check "every file is valid JSON named *.json" all_json_valid
check "sts/get-caller-identity names the account" jtrue "$out/sts/get-caller-identity.json" 'd["Account"] == "111122223333"'
check "iam/get-account-authorization-details lists the role" jtrue "$out/iam/get-account-authorization-details.json" \
	'any(r["RoleName"] == "test-fn-role" for r in d["RoleDetailList"])'
only_us_east_1() {
	[[ -d "$out/us-east-1" && $(find "$out" -mindepth 1 -maxdepth 1 -type d -name "*-*-[0-9]" | wc -l) -eq 1 ]]
}
check "--regions all resolved through describe-regions (us-east-1 only)" only_us_east_1
check "list-functions lists the three functions" jtrue "$L/list-functions.json" \
	'sorted(f["FunctionName"] for f in d["Functions"]) == ["fn-plain", "fn-public", "fn-vpc"]'
for fn in fn-plain fn-public fn-vpc; do
	check "get-function/$fn.json has the configuration" jtrue "$L/get-function/$fn.json" "d['Configuration']['FunctionName'] == '$fn'"
	check "get-function-code-signing-config/$fn.json collected" test -s "$L/get-function-code-signing-config/$fn.json"
done
check "get-function/fn-public.json has Concurrency" jtrue "$L/get-function/fn-public.json" \
	'd["Concurrency"]["ReservedConcurrentExecutions"] == 7'
check "get-policy/fn-plain.json is {} (no resource policy)" is_empty_obj "$L/get-policy/fn-plain.json"
check "get-policy/fn-public.json holds a Policy string" jtrue "$L/get-policy/fn-public.json" \
	'isinstance(d["Policy"], str) and "lambda:InvokeFunctionUrl" in d["Policy"]'
check "get-function-url-config/fn-public.json is the NONE URL" jtrue "$L/get-function-url-config/fn-public.json" \
	'd["AuthType"] == "NONE" and d["Cors"]["AllowOrigins"] == ["*"]'
check "get-function-url-config/fn-plain.json is {} (no URL)" is_empty_obj "$L/get-function-url-config/fn-plain.json"
check "AccessDenied writes no file (fn-vpc URL not collected)" test ! -e "$L/get-function-url-config/fn-vpc.json"
check "AccessDenied warns naming the call" grep -q "WARNING: not collected.*get-function-url-config --function-name fn-vpc.*AccessDenied" "$work/dump.log"
check "get-function-event-invoke-config/fn-public.json has OnFailure" jtrue "$L/get-function-event-invoke-config/fn-public.json" \
	'"OnFailure" in d["DestinationConfig"]'
check "get-function-event-invoke-config/fn-plain.json is {}" is_empty_obj "$L/get-function-event-invoke-config/fn-plain.json"
check "get-layer-version/test-helpers/1.json has Content.CodeSha256" jtrue "$L/get-layer-version/test-helpers/1.json" \
	'd["LayerVersionArn"].endswith(":layer:test-helpers:1") and d["Content"]["CodeSha256"]'
check "get-layer-version-policy/test-helpers/1.json is {}" is_empty_obj "$L/get-layer-version-policy/test-helpers/1.json"
layer_fetched_once() { [[ $(grep -c "aws lambda get-layer-version --layer-name" "$work/dump.log") -eq 1 ]]; }
check "layer version fetched once for two functions" layer_fetched_once
check "list-event-source-mappings collected" jtrue "$L/list-event-source-mappings.json" '"EventSourceMappings" in d'
for call in describe-vpcs describe-subnets describe-route-tables describe-security-groups describe-network-acls \
	describe-vpc-endpoints describe-nat-gateways describe-internet-gateways describe-network-interfaces; do
	check "ec2/$call.json collected" test -s "$out/us-east-1/ec2/$call.json"
done
check "describe-subnets holds the function's subnet" jtrue "$out/us-east-1/ec2/describe-subnets.json" \
	"any(s['SubnetId'] == '$subnet' for s in d['Subnets'])"
check "describe-trails lists test-trail" jtrue "$out/us-east-1/cloudtrail/describe-trails.json" \
	'any(t["Name"] == "test-trail" for t in d["trailList"])'
check "get-event-selectors/test-trail.json selects Lambda data events" jtrue "$out/us-east-1/cloudtrail/get-event-selectors/test-trail.json" \
	'any(r["Type"] == "AWS::Lambda::Function" for s in d["EventSelectors"] for r in s["DataResources"])'
check "get-trail-status/test-trail.json is logging" jtrue "$out/us-east-1/cloudtrail/get-trail-status/test-trail.json" 'd["IsLogging"] is True'
check "logs/describe-log-groups.json has the retention" jtrue "$out/us-east-1/logs/describe-log-groups.json" \
	'any(g["logGroupName"] == "/aws/lambda/fn-public" and g.get("retentionInDays") == 14 for g in d["logGroups"])'
check "guardduty/list-detectors.json collected" jtrue "$out/us-east-1/guardduty/list-detectors.json" '"DetectorIds" in d'
read_only_calls() {
	grep -qE ": aws [a-z0-9-]+ (get-|list-|describe-)" "$work/dump.log" &&
		! grep -E ": aws [a-z0-9-]+ " "$work/dump.log" | grep -qvE ": aws [a-z0-9-]+ (get-|list-|describe-)"
}
check "only read-only calls were made" read_only_calls
check "summary line printed" grep -q "done: .* calls" "$work/dump.log"

if ((failed > 0)); then
	echo "--- dump script stderr ---" >&2
	cat "$work/dump.log" >&2
fi
echo "dump-with-awscli: $passed passed, $failed failed"
((failed == 0))
