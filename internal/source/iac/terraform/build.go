package terraform

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/policy"
	"github.com/lambdasec/lambdasec/internal/source"
)

// builder maps evaluated instances (from HCL or a plan) into the inventory.
type builder struct {
	inv     *inventory.Inventory
	account *inventory.Account
	region  *inventory.Region
	byType  map[string][]*instance
	funcs   map[string]*inventory.Function // by name, ARN and qualified ARN
	roles   map[string]*inventory.Role     // by name and ARN
	errs    []error
}

// build maps the world's instances into inv. A Terraform configuration is
// authoritative for what it declares about its functions (permissions,
// URLs, concurrency, code signing, invoke configs, mappings, log groups):
// those sections are marked collected. Network and trail sections are
// collected only when the configuration declares such resources.
func build(inv *inventory.Inventory, w *world) []error {
	b := &builder{
		inv:     inv,
		account: inv.Account(w.account),
		byType:  map[string][]*instance{},
		funcs:   map[string]*inventory.Function{},
		roles:   map[string]*inventory.Role{},
	}
	b.region = b.account.Region(w.region)
	for _, in := range w.instances {
		t := in.typ
		if in.data {
			t = "data." + t
		}
		b.byType[t] = append(b.byType[t], in)
	}
	for _, s := range []inventory.Section{
		inventory.SecFunctions, inventory.SecFunctionDetails, inventory.SecFunctionPolicies,
		inventory.SecFunctionURLs, inventory.SecFunctionCodeSigning, inventory.SecCodeSigningConfigs,
		inventory.SecEventInvokeConfigs, inventory.SecEventSourceMappings, inventory.SecLogGroups,
	} {
		b.region.Collected.Add(s)
	}
	b.account.Collected.Add(inventory.SecIAM)
	// Order matters: policies and roles before functions, functions before
	// what attaches to them.
	b.policies()
	b.roleResources()
	b.layers()
	b.codeSigning()
	b.functions()
	b.permissions()
	b.urls()
	b.invokeConfigs()
	b.mappings()
	b.logGroups()
	b.network()
	b.trails()
	return b.errs
}

func (b *builder) each(typ string, fn func(in *instance)) {
	for _, in := range b.byType[typ] {
		fn(in)
	}
}

// fail records a problem with a resource at its definition.
func (b *builder) fail(in *instance, format string, args ...any) {
	b.errs = append(b.errs, &source.FileError{Path: in.loc.File, Line: in.loc.Line, Err: fmt.Errorf("%s: %s", in.addr, fmt.Sprintf(format, args...))})
}

// document parses a policy argument. An unknown value gives nil without
// error; a malformed one is reported on the resource.
func (b *builder) document(in *instance, name string, v cty.Value) (*policy.Document, bool) {
	s, ok := str(v)
	if !ok || s == "" {
		return nil, false
	}
	if isPlaceholder(s) && !strings.HasPrefix(strings.TrimSpace(s), "{") {
		return nil, false
	}
	d, err := policy.ParseString(s)
	if err != nil {
		b.fail(in, "%s is not a valid policy document: %v", name, err)
		return nil, false
	}
	return d, true
}

func loc(in *instance) *inventory.Location {
	l := in.loc
	return &l
}

// function finds a function of the configuration by the name, ARN or
// qualified ARN another resource gives for it.
func (b *builder) function(ref string) *inventory.Function {
	if f := b.funcs[ref]; f != nil {
		return f
	}
	if m := qualified.FindStringSubmatch(ref); m != nil {
		return b.funcs[m[1]]
	}
	return nil
}

var qualified = regexp.MustCompile(`^(arn:[^:]+:lambda:[^:]*:[^:]*:function:[^:]+):[^:]+$`)

// int0 returns a known number, or def.
func int0(v cty.Value, def int) int {
	if n, ok := num(v); ok {
		return n
	}
	return def
}
