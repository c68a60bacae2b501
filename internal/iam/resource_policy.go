// Package iam answers questions about AWS IAM policies. This file reads the
// resource policy of a Lambda function (or layer version): who may do what
// with it, and whether conditions narrow "anyone" down to someone.
package iam

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/lambdasec/lambdasec/internal/policy"
)

// The actions that run a function. lambda:InvokeAsync is deprecated but
// still honoured by Lambda.
const (
	InvokeFunction    = "lambda:InvokeFunction"
	InvokeFunctionURL = "lambda:InvokeFunctionUrl"
	InvokeAsync       = "lambda:InvokeAsync"
)

// lambdaFunctionActions are the Lambda actions that act on a function: the
// only ones a function's resource policy can usefully grant. Wildcards in a
// policy expand against this list.
var lambdaFunctionActions = []string{
	"lambda:AddPermission", "lambda:CreateAlias", "lambda:CreateFunctionUrlConfig",
	"lambda:DeleteAlias", "lambda:DeleteFunction", "lambda:DeleteFunctionCodeSigningConfig",
	"lambda:DeleteFunctionConcurrency", "lambda:DeleteFunctionEventInvokeConfig",
	"lambda:DeleteFunctionUrlConfig", "lambda:DeleteProvisionedConcurrencyConfig",
	"lambda:DisableReplication", "lambda:EnableReplication",
	"lambda:GetAlias", "lambda:GetFunction", "lambda:GetFunctionCodeSigningConfig",
	"lambda:GetFunctionConcurrency", "lambda:GetFunctionConfiguration",
	"lambda:GetFunctionEventInvokeConfig", "lambda:GetFunctionRecursionConfig",
	"lambda:GetFunctionScalingConfig", "lambda:GetFunctionUrlConfig", "lambda:GetPolicy",
	"lambda:GetProvisionedConcurrencyConfig", "lambda:GetRuntimeManagementConfig",
	InvokeAsync, InvokeFunction, InvokeFunctionURL,
	"lambda:ListAliases", "lambda:ListFunctionEventInvokeConfigs", "lambda:ListFunctionUrlConfigs",
	"lambda:ListProvisionedConcurrencyConfigs", "lambda:ListTags", "lambda:ListVersionsByFunction",
	"lambda:PublishVersion", "lambda:PutFunctionCodeSigningConfig", "lambda:PutFunctionConcurrency",
	"lambda:PutFunctionEventInvokeConfig", "lambda:PutFunctionRecursionConfig",
	"lambda:PutFunctionScalingConfig", "lambda:PutProvisionedConcurrencyConfig",
	"lambda:PutRuntimeManagementConfig", "lambda:RemovePermission",
	"lambda:TagResource", "lambda:UntagResource", "lambda:UpdateAlias",
	"lambda:UpdateFunctionCode", "lambda:UpdateFunctionCodeSigningConfig",
	"lambda:UpdateFunctionConfiguration", "lambda:UpdateFunctionEventInvokeConfig",
	"lambda:UpdateFunctionUrlConfig",
}

// IsInvokeAction reports whether action runs the function.
func IsInvokeAction(action string) bool {
	for _, a := range []string{InvokeFunction, InvokeFunctionURL, InvokeAsync} {
		if strings.EqualFold(action, a) {
			return true
		}
	}
	return false
}

// IsReadOnlyAction reports whether action only reads (Get…, List…). Reading
// is not harmless: GetFunction hands out the code and the environment.
func IsReadOnlyAction(action string) bool {
	name := strings.ToLower(action[strings.Index(action, ":")+1:])
	return strings.HasPrefix(name, "get") || strings.HasPrefix(name, "list")
}

// Owner is the account that owns a resource policy, and what it trusts.
type Owner struct {
	Account string
	// Organization is the owner's organization id (o-…); "" when the account
	// is in none or it is not known.
	Organization string
	// Members are the organization's member accounts. MembersKnown says the
	// list is complete, so an account not in it (or in Trusted) is outside;
	// it is also true for an account known to be in no organization.
	Members      []string
	MembersKnown bool
	// Trusted are further accounts treated like members, such as the other
	// accounts of the same scan.
	Trusted []string
}

// Kind is what sort of grantee a grant names.
type Kind int

const (
	AnyPrincipal          Kind = iota // "*" (or NotPrincipal): anyone the conditions let through
	AccountPrincipal                  // an account, or a user or role in it
	OrganizationPrincipal             // every account of an AWS Organization
	ServicePrincipal                  // an AWS service such as s3.amazonaws.com
)

// Reach places a grantee relative to the owner.
type Reach int

const (
	ReachOwner       Reach = iota // the owner account itself
	ReachTrusted                  // a member of the owner's organization, or a scanned account
	ReachExternal                 // an account or organization known to be outside
	ReachUnknown                  // another account whose organization membership is not known
	ReachPublic                   // anyone
	ReachConditional              // anyone, narrowed by a condition that names no account (source IP, VPC, token, bucket)
	ReachService                  // a service acting for resources whose account no condition names
)

// Grant is one grantee of one Allow statement, after Deny statements that
// plainly cancel it are applied.
type Grant struct {
	Statement int    // index of the statement in the document
	Sid       string // the statement's Sid, if any
	Kind      Kind
	// Principal is the grantee as the policy writes it: "*", an account id or
	// ARN, a service name. With NotPrincipal it is "*" and Except lists the
	// principals left out.
	Principal    string
	NotPrincipal bool
	Except       []string
	// Account is the account the grantee belongs to, also when a condition on
	// "*" names it (aws:PrincipalAccount, aws:SourceAccount …); Organization
	// is the organization a condition names.
	Account      string
	Organization string
	Reach        Reach
	// Actions are the granted actions, wildcards expanded, sorted.
	Actions []string
	// URLAuthType is the function URL auth type the statement is limited to
	// by lambda:FunctionUrlAuthType ("NONE" or "AWS_IAM"), "" when none.
	URLAuthType string
	// ViaURLOnly is set by lambda:InvokedViaFunctionUrl "true": the grant
	// only covers invocations that come through the function URL.
	ViaURLOnly bool
	// ConfusedDeputyProtected is set for service grants tied to specific
	// resources or accounts by a source condition (aws:SourceArn,
	// aws:SourceAccount, aws:SourceOwner, aws:SourceOrgID, lambda:EventSourceToken).
	ConfusedDeputyProtected bool
	// Conditions summarizes every condition of the statement for evidence,
	// e.g. "StringEquals AWS:SourceAccount=111122223333".
	Conditions []string
}

// Public reports whether anyone at all may use the grant.
func (g Grant) Public() bool { return g.Reach == ReachPublic }

// CrossAccount reports whether the grantee is outside the owner's trust:
// another account or organization that is not known to be trusted.
func (g Grant) CrossAccount() bool { return g.Reach == ReachExternal || g.Reach == ReachUnknown }

// Service returns the service principal, or "".
func (g Grant) Service() string {
	if g.Kind == ServicePrincipal {
		return g.Principal
	}
	return ""
}

// InvokeActions returns the granted actions that run the function.
func (g Grant) InvokeActions() []string { return filter(g.Actions, IsInvokeAction) }

// OtherActions returns the granted actions that do more than run it.
func (g Grant) OtherActions() []string {
	return filter(g.Actions, func(a string) bool { return !IsInvokeAction(a) })
}

// URLOnly reports whether the grant can only be used through a function URL:
// it grants nothing but lambda:InvokeFunctionUrl, or a condition ties it to
// URL requests.
func (g Grant) URLOnly() bool {
	if g.ViaURLOnly || g.URLAuthType != "" {
		return true
	}
	for _, a := range g.Actions {
		if !strings.EqualFold(a, InvokeFunctionURL) {
			return false
		}
	}
	return len(g.Actions) > 0
}

// AppliesToURL reports whether the grant holds for a function URL with the
// given auth type.
func (g Grant) AppliesToURL(authType string) bool {
	return g.URLAuthType == "" || strings.EqualFold(g.URLAuthType, authType)
}

// Label names the statement for people: its Sid, or its position.
func (g Grant) Label() string {
	if g.Sid != "" {
		return g.Sid
	}
	return fmt.Sprintf("statement %d", g.Statement+1)
}

// String describes the grant in one line for evidence.
func (g Grant) String() string {
	who := g.Principal
	switch {
	case g.NotPrincipal:
		who = "anyone except " + strings.Join(g.Except, ", ")
	case g.Kind == AccountPrincipal && g.Principal == "*":
		who = "* limited to account " + g.Account
	case g.Kind == OrganizationPrincipal:
		who = "* limited to organization " + g.Organization
	}
	s := fmt.Sprintf("%s: %s may %s", g.Label(), who, SummarizeActions(g.Actions))
	if len(g.Conditions) > 0 {
		s += " when " + strings.Join(g.Conditions, " and ")
	}
	return s
}

// AllFunctionActions reports whether actions include every action that acts
// on a function, as a grant of lambda:* or "*" does.
func AllFunctionActions(actions []string) bool {
	return coversAll(actions, lambdaFunctionActions)
}

// SummarizeActions writes a list of actions for people: all of them when
// few, "every function action" for the whole of lambda:*, else the first
// few and a count.
func SummarizeActions(actions []string) string {
	const shown = 6
	switch {
	case AllFunctionActions(actions):
		return "every function action (lambda:*)"
	case len(actions) > shown:
		return fmt.Sprintf("%s and %d more", strings.Join(actions[:shown-1], ", "), len(actions)-shown+1)
	}
	return strings.Join(actions, ", ")
}

// AnalyzeResourcePolicy lists who the Allow statements of doc let do what,
// one Grant per grantee of each statement, in statement order.
//
// "*" counts as public unless a condition narrows who can call with a value
// that is not a wildcard; see narrowingKeys. lambda:FunctionUrlAuthType does
// not narrow the caller: it only limits the statement to function-URL
// requests of that auth type (URLAuthType). With NONE those requests carry no
// identity at all; with AWS_IAM they must be signed, but any AWS account can
// sign, so "*" stays public. Deny statements are applied only where they
// plainly hold: no condition (the covered actions are removed), or a single
// negated narrowing condition on "*" such as StringNotEquals
// aws:PrincipalOrgID (read as narrowing the Allow statements whose actions it
// covers). Any other Deny is ignored, which can only over-report.
//
// Wildcard actions expand against the actions that act on a function, so
// for a layer version policy pass exact actions (lambda:GetLayerVersion),
// which are kept as written.
func AnalyzeResourcePolicy(doc *policy.Document, owner Owner) []Grant {
	if doc == nil {
		return nil
	}
	denies := readDenies(doc)
	var out []Grant
	for i, st := range doc.Statements {
		if !st.Allow() || (st.Principal == nil && st.NotPrincipal == nil) {
			continue
		}
		actions := statementActions(st)
		if len(actions) == 0 {
			continue
		}
		n := narrowingOf(st.Condition, narrowingOperator)
		for _, d := range denies {
			if d.guard != nil && coversAll(d.actions, actions) {
				n.merge(*d.guard)
			}
		}
		base := Grant{Statement: i, Sid: st.Sid, Actions: actions, Conditions: describeConditions(st.Condition)}
		base.URLAuthType, base.ViaURLOnly = urlScope(st.Condition)
		base.ConfusedDeputyProtected = n.source
		for _, g := range grantees(st, n, owner, base) {
			g.Actions = removeDenied(denies, g)
			if len(g.Actions) > 0 {
				out = append(out, g)
			}
		}
	}
	return out
}

// grantees splits a statement into one grant per grantee.
func grantees(st policy.Statement, n narrowing, owner Owner, base Grant) []Grant {
	if st.NotPrincipal != nil {
		// Allow with NotPrincipal grants everyone but the listed principals.
		g := base
		g.NotPrincipal, g.Except = true, principalValues(st.NotPrincipal)
		return anyone(g, n, owner)
	}
	p := st.Principal
	if p.Any {
		return anyone(base, n, owner)
	}
	var out []Grant
	for _, v := range p.AWS {
		if strings.Contains(v, "*") {
			out = append(out, anyone(base, n, owner)...)
			continue
		}
		acct := accountOf(v)
		if acct == "" {
			// A unique id (AROA…, AIDA…) stands for a deleted user or role:
			// it matches no one, not even a new principal of the same name.
			continue
		}
		g := base
		g.Kind, g.Principal, g.Account, g.Reach = AccountPrincipal, v, acct, reachOf(owner, acct)
		out = append(out, g)
	}
	for _, v := range p.Service {
		g := base
		g.Kind, g.Principal, g.Reach = ServicePrincipal, v, ReachService
		// A service acts for resources of the accounts its source conditions
		// name; where they name one, the grant reaches that account.
		if accts := n.sourceAccounts; len(accts) > 0 {
			g.Account, g.Reach = widest(owner, accts)
		}
		out = append(out, g)
	}
	// Federated and CanonicalUser principals are not accepted by Lambda.
	return out
}

// anyone turns a "*" grant into the grantees its conditions narrow it to.
func anyone(g Grant, n narrowing, owner Owner) []Grant {
	g.Kind, g.Principal = AnyPrincipal, "*"
	accts := n.principalAccounts
	if len(accts) == 0 {
		accts = n.sourceAccounts
	}
	var out []Grant
	switch {
	case len(accts) > 0:
		for _, a := range accts {
			h := g
			h.Kind, h.Account, h.Reach = AccountPrincipal, a, reachOf(owner, a)
			out = append(out, h)
		}
	case len(n.orgs) > 0:
		for _, o := range n.orgs {
			h := g
			h.Kind, h.Organization = OrganizationPrincipal, o
			switch {
			case owner.Organization != "" && o == owner.Organization:
				h.Reach = ReachTrusted
			case owner.Organization != "" || owner.MembersKnown:
				h.Reach = ReachExternal
			default:
				h.Reach = ReachUnknown
			}
			out = append(out, h)
		}
	case n.other:
		g.Reach = ReachConditional
		out = append(out, g)
	default:
		g.Reach = ReachPublic
		out = append(out, g)
	}
	return out
}

func reachOf(owner Owner, acct string) Reach {
	switch {
	case owner.Account != "" && acct == owner.Account:
		return ReachOwner
	case slices.Contains(owner.Trusted, acct) || slices.Contains(owner.Members, acct):
		return ReachTrusted
	case owner.MembersKnown:
		return ReachExternal
	default:
		return ReachUnknown
	}
}

// widest returns the account among accts that is least trusted, and its reach.
func widest(owner Owner, accts []string) (string, Reach) {
	rank := map[Reach]int{ReachOwner: 0, ReachTrusted: 1, ReachUnknown: 2, ReachExternal: 3}
	best, reach := accts[0], reachOf(owner, accts[0])
	for _, a := range accts[1:] {
		if r := reachOf(owner, a); rank[r] > rank[reach] {
			best, reach = a, r
		}
	}
	return best, reach
}

var accountID = regexp.MustCompile(`^\d{12}$`)

// accountOf returns the account an AWS principal names: an account id, the
// root ARN, or a user, role or assumed-role ARN.
func accountOf(principal string) string {
	if accountID.MatchString(principal) {
		return principal
	}
	parts := strings.SplitN(principal, ":", 6)
	if len(parts) == 6 && parts[0] == "arn" && accountID.MatchString(parts[4]) {
		return parts[4]
	}
	return ""
}

// statementActions expands Action, or inverts NotAction (an Allow with
// NotAction grants every function action it does not name).
func statementActions(st policy.Statement) []string {
	if len(st.NotAction) > 0 {
		var out []string
		for _, a := range lambdaFunctionActions {
			if !matchesAny(st.NotAction, a) {
				out = append(out, a)
			}
		}
		return out
	}
	set := map[string]bool{}
	for _, p := range st.Action {
		matched := false
		for _, a := range lambdaFunctionActions {
			if wildcardMatch(p, a) {
				set[a], matched = true, true
			}
		}
		// An exact Lambda action missing from the list (a layer action, or
		// one newer than this list) is kept as written. Other services'
		// actions grant nothing on a function.
		if !matched && strings.HasPrefix(strings.ToLower(p), "lambda:") && !strings.ContainsAny(p, "*?") {
			set[p] = true
		}
	}
	out := make([]string, 0, len(set))
	for a := range set {
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}

func matchesAny(patterns []string, action string) bool {
	for _, p := range patterns {
		if wildcardMatch(p, action) {
			return true
		}
	}
	return false
}

// wildcardMatch matches IAM-style patterns (* and ?) case-insensitively.
func wildcardMatch(pattern, s string) bool {
	if isASCII(pattern) && isASCII(s) {
		return glob(pattern, s, true)
	}
	return glob(strings.ToLower(pattern), strings.ToLower(s), false)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func filter(xs []string, keep func(string) bool) []string {
	var out []string
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

func principalValues(p *policy.Principal) []string {
	if p.Any {
		return []string{"*"}
	}
	var out []string
	out = append(out, p.AWS...)
	out = append(out, p.Service...)
	out = append(out, p.Federated...)
	return append(out, p.CanonicalUser...)
}

// describeConditions writes each condition as "Operator key=value,value",
// sorted so evidence is stable.
func describeConditions(c policy.Conditions) []string {
	var out []string
	for op, keys := range c {
		for k, vals := range keys {
			out = append(out, fmt.Sprintf("%s %s=%s", op, k, strings.Join(vals, ",")))
		}
	}
	sort.Strings(out)
	return out
}

// urlScope reads the conditions that limit a statement to function-URL
// requests.
func urlScope(c policy.Conditions) (authType string, viaURL bool) {
	for op, keys := range c {
		prefix, base := splitOperator(op)
		if prefix != "" || strings.HasSuffix(base, "ifexists") {
			continue
		}
		for k, vals := range keys {
			switch {
			case strings.EqualFold(k, "lambda:FunctionUrlAuthType") && strings.HasPrefix(base, "stringequals") && len(vals) == 1:
				authType = strings.ToUpper(vals[0])
			case strings.EqualFold(k, "lambda:InvokedViaFunctionUrl") && base == "bool" && len(vals) == 1 && strings.EqualFold(vals[0], "true"):
				viaURL = true
			}
		}
	}
	return authType, viaURL
}
