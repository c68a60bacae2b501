#!/usr/bin/env bash
# dump-with-awscli.sh: write a lambdasec dump of one AWS account with the
# AWS CLI alone (no jq, no Python): every file is the unmodified JSON answer
# of the CLI command its path names. See docs/dump-format.md.
#
# Usage:
#   scripts/dump-with-awscli.sh OUTDIR [--regions r1,r2|all] [--profile P]
#                               [--endpoint-url URL]
#
#   OUTDIR          the dump folder to write (created if missing); for a
#                   multi-account dump run once per account into OUTDIR/ACCOUNT
#   --regions       comma-separated regions, or "all" for every region enabled
#                   in the account; default: the CLI's configured region
#   --profile       AWS CLI profile to use
#   --endpoint-url  send every call to this endpoint (testing, e.g. moto)
#
# Only read-only calls are made: sts get-caller-identity and get-*, list-*,
# describe-*. Where AWS answers ResourceNotFoundException (no resource policy,
# no function URL, ...) the file holds {}: "collected, there is none". Any
# other error (AccessDenied, throttling, ...) writes no file ("not collected")
# and prints a warning naming the call. Progress goes to stderr.
#
# Timestamps: AWS CLI v2 prints them in ISO 8601. CLI v1 prints some as the
# service sent them (epoch numbers) unless its profile sets
# cli_timestamp_format = iso8601; lambdasec reads both.

set -euo pipefail

prog=dump-with-awscli

usage() {
	sed -n '6,15p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}

log() { printf '%s: %s\n' "$prog" "$*" >&2; }

out=""
regions_arg=""
aws_opts=(--output json)
while (($# > 0)); do
	case "$1" in
	--regions) (($# >= 2)) || usage; regions_arg="$2"; shift 2 ;;
	--regions=*) regions_arg="${1#*=}"; shift ;;
	--profile) (($# >= 2)) || usage; aws_opts+=(--profile "$2"); shift 2 ;;
	--profile=*) aws_opts+=(--profile "${1#*=}"); shift ;;
	--endpoint-url) (($# >= 2)) || usage; aws_opts+=(--endpoint-url "$2"); shift 2 ;;
	--endpoint-url=*) aws_opts+=(--endpoint-url "${1#*=}"); shift ;;
	-h | --help) usage ;;
	-*) log "unknown option: $1"; usage ;;
	*)
		[[ -z "$out" ]] || { log "more than one OUTDIR: $out, $1"; usage; }
		out="$1"; shift ;;
	esac
done
[[ -n "$out" ]] || usage
command -v aws >/dev/null 2>&1 || { log "the aws CLI is not on PATH"; exit 1; }

# No pager (CLI v2 pipes long output through less by default).
export AWS_PAGER=""

mkdir -p "$out"
tmpdir="$(mktemp -d "${TMPDIR:-/tmp}/$prog.XXXXXX")"
trap 'rm -rf "$tmpdir"' EXIT

calls=0
written=0
empty=0
failed=0

# awsq REGION ARGS...: run the CLI, print its stdout (for --query/--output
# text look-ups). REGION may be "" for the configured one.
awsq() {
	local region="$1"
	shift
	if [[ -n "$region" ]]; then
		aws "${aws_opts[@]}" --region "$region" "$@"
	else
		aws "${aws_opts[@]}" "$@"
	fi
}

# collect FILE REGION ARGS...: run "aws ARGS" and store its JSON answer in
# OUTDIR/FILE. ResourceNotFoundException (and, for describe-organization,
# AWSOrganizationsNotInUseException) store {}; any other error stores nothing
# and warns. Returns 0 when a file was written.
collect() {
	local file="$1" region="$2"
	shift 2
	local dest="$out/$file" tmp="$tmpdir/answer" err="$tmpdir/stderr"
	calls=$((calls + 1))
	log "${region:-global}: aws $*"
	mkdir -p "$(dirname "$dest")"
	if awsq "$region" "$@" >"$tmp" 2>"$err"; then
		# Some calls answer with no body at all; keep the file valid JSON.
		[[ -s "$tmp" ]] || printf '{}\n' >"$tmp"
		mv "$tmp" "$dest"
		written=$((written + 1))
		return 0
	fi
	if grep -qE '\((ResourceNotFoundException|AWSOrganizationsNotInUseException)\)' "$err"; then
		printf '{}\n' >"$dest"
		empty=$((empty + 1))
		return 0
	fi
	failed=$((failed + 1))
	rm -f "$dest"
	log "WARNING: not collected (${region:-global}): aws $*: $(grep -v '^[[:space:]]*$' "$err" | tail -n 1)"
	return 1
}

# words: split the CLI's text output (tabs, newlines) into one word a line,
# dropping the "None" the CLI prints for a null result.
words() { tr '\t' '\n' | sed -e 's/[[:space:]]*$//' -e '/^$/d' -e '/^None$/d'; }

# --- account-wide -----------------------------------------------------------

collect sts/get-caller-identity.json "" sts get-caller-identity ||
	{ log "cannot call sts get-caller-identity: check credentials"; exit 1; }
account="$(awsq "" sts get-caller-identity --query Account --output text)"
log "account $account"

if [[ -z "$regions_arg" ]]; then
	regions_arg="${AWS_REGION:-${AWS_DEFAULT_REGION:-}}"
	if [[ -z "$regions_arg" ]]; then
		regions_arg="$(awsq "" configure get region 2>/dev/null || true)"
	fi
	[[ -n "$regions_arg" ]] || { log "no region configured: pass --regions"; exit 2; }
fi
if [[ "$regions_arg" == all ]]; then
	home="${AWS_REGION:-${AWS_DEFAULT_REGION:-us-east-1}}"
	mapfile -t regions < <(awsq "$home" ec2 describe-regions --query 'Regions[].RegionName' --output text | words | sort -u)
else
	mapfile -t regions < <(printf '%s\n' "$regions_arg" | tr ',' '\n' | words)
fi
((${#regions[@]} > 0)) || { log "no regions to scan"; exit 2; }
log "regions: ${regions[*]}"

collect iam/get-account-authorization-details.json "" iam get-account-authorization-details || true
collect organizations/describe-organization.json "" organizations describe-organization || true
# Only the management account (or a delegated administrator) may list accounts.
collect organizations/list-accounts.json "" organizations list-accounts || true

# --- per region ---------------------------------------------------------------

for region in "${regions[@]}"; do
	log "== region $region"
	r="$region"

	# Lambda functions and what hangs off each of them.
	if collect "$r/lambda/list-functions.json" "$r" lambda list-functions; then
		mapfile -t functions < <(awsq "$r" lambda list-functions --query 'Functions[].FunctionName' --output text | words | sort -u)
		mapfile -t layer_arns < <(awsq "$r" lambda list-functions --query 'Functions[].Layers[].Arn' --output text | words | sort -u)
	else
		functions=()
		layer_arns=()
	fi
	csc_arns=()
	for fn in "${functions[@]}"; do
		collect "$r/lambda/get-function/$fn.json" "$r" lambda get-function --function-name "$fn" || true
		collect "$r/lambda/get-policy/$fn.json" "$r" lambda get-policy --function-name "$fn" || true
		collect "$r/lambda/get-function-url-config/$fn.json" "$r" lambda get-function-url-config --function-name "$fn" || true
		collect "$r/lambda/get-function-event-invoke-config/$fn.json" "$r" lambda get-function-event-invoke-config --function-name "$fn" || true
		f="$r/lambda/get-function-code-signing-config/$fn.json"
		if collect "$f" "$r" lambda get-function-code-signing-config --function-name "$fn"; then
			# The CLI pretty-prints one key a line; an ARN never holds a quote.
			while IFS= read -r arn; do
				csc_arns+=("$arn")
			done < <(sed -n 's/.*"CodeSigningConfigArn": *"\(arn:[^"]*\)".*/\1/p' "$out/$f")
		fi
	done

	# Code-signing configs referenced by the functions, each fetched once.
	if ((${#csc_arns[@]} > 0)); then
		mapfile -t csc_arns < <(printf '%s\n' "${csc_arns[@]}" | sort -u)
		for arn in "${csc_arns[@]}"; do
			collect "$r/lambda/get-code-signing-config/${arn##*:}.json" "$r" lambda get-code-signing-config --code-signing-config-arn "$arn" || true
		done
	fi

	# Layer versions referenced by the functions, each fetched once. A layer
	# published by another account is stored as ACCOUNT-NAME.
	for arn in "${layer_arns[@]}"; do
		# arn:PARTITION:lambda:REGION:ACCOUNT:layer:NAME:VERSION
		IFS=: read -r _ _ _ lregion lacct _ lname lversion <<<"$arn"
		if [[ -z "$lname" || -z "$lversion" || ! "$lversion" =~ ^[0-9]+$ ]]; then
			log "WARNING: skipping malformed layer version ARN: $arn"
			continue
		fi
		ldir="$lname"
		[[ "$lacct" == "$account" ]] || ldir="$lacct-$lname"
		layer_arn="${arn%:*}"
		collect "$r/lambda/get-layer-version/$ldir/$lversion.json" "${lregion:-$r}" lambda get-layer-version --layer-name "$layer_arn" --version-number "$lversion" || true
		collect "$r/lambda/get-layer-version-policy/$ldir/$lversion.json" "${lregion:-$r}" lambda get-layer-version-policy --layer-name "$layer_arn" --version-number "$lversion" || true
	done

	# ECR repositories of the container-image functions (this account's
	# registry in this region) and their images, for LAMBDA-SUP-006. A
	# namespaced repository name (team/app) is filed URL-escaped (team%2Fapp).
	image_repos=()
	for fn in "${functions[@]}"; do
		f="$out/$r/lambda/get-function/$fn.json"
		[[ -f "$f" ]] || continue
		while IFS= read -r repo; do
			image_repos+=("$repo")
		done < <(sed -n "s#.*\"ImageUri\": *\"$account\.dkr\.ecr\.$r\.amazonaws\.com[.a-z]*/\([^\"@:]*\).*#\1#p" "$f")
	done
	if ((${#image_repos[@]} > 0)); then
		mapfile -t image_repos < <(printf '%s\n' "${image_repos[@]}" | sort -u)
		collect "$r/ecr/describe-repositories.json" "$r" ecr describe-repositories || true
		for repo in "${image_repos[@]}"; do
			collect "$r/ecr/describe-images/${repo//\//%2F}.json" "$r" ecr describe-images --repository-name "$repo" || true
		done
	fi

	collect "$r/lambda/list-event-source-mappings.json" "$r" lambda list-event-source-mappings || true

	# Network.
	for call in describe-vpcs describe-subnets describe-route-tables describe-security-groups \
		describe-network-acls describe-vpc-endpoints describe-nat-gateways \
		describe-internet-gateways describe-network-interfaces; do
		collect "$r/ec2/$call.json" "$r" ec2 "$call" || true
	done

	# CloudTrail: every trail visible in the region, addressed by ARN so that
	# multi-region (shadow) and organization trails resolve from any region.
	if collect "$r/cloudtrail/describe-trails.json" "$r" cloudtrail describe-trails; then
		while IFS=$'\t' read -r tname tarn; do
			[[ -n "$tname" && -n "$tarn" && "$tname" != None ]] || continue
			collect "$r/cloudtrail/get-event-selectors/$tname.json" "$r" cloudtrail get-event-selectors --trail-name "$tarn" || true
			collect "$r/cloudtrail/get-trail-status/$tname.json" "$r" cloudtrail get-trail-status --name "$tarn" || true
		done < <(awsq "$r" cloudtrail describe-trails --query 'trailList[].[Name,TrailARN]' --output text)
	fi

	# CloudWatch Logs.
	collect "$r/logs/describe-log-groups.json" "$r" logs describe-log-groups || true

	# GuardDuty.
	if collect "$r/guardduty/list-detectors.json" "$r" guardduty list-detectors; then
		mapfile -t detectors < <(awsq "$r" guardduty list-detectors --query 'DetectorIds[]' --output text | words)
		for id in "${detectors[@]}"; do
			collect "$r/guardduty/get-detector/$id.json" "$r" guardduty get-detector --detector-id "$id" || true
		done
	fi
done

log "done: $calls calls, $written answers, $empty none ({}), $failed not collected -> $out"
