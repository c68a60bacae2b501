package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/lambdasec/lambdasec/internal/inventory"
)

// The supply-chain rules share one view of who published a layer:
//
//   - LAMBDA-SUP-008 owns third-party layers that are extensions (they run as
//     their own process with the function's credentials);
//   - LAMBDA-SUP-001 owns every other third-party layer.
//
// A layer is first-party when its account was scanned, is a member (or the
// management account) of the organization, is listed as trusted_accounts in
// the config, or is one of AWS's own publishers (sup_publishers.go).

// layerRef is a layer version as its ARN names it.
type layerRef struct {
	ARN     string
	Account string
	Region  string
	Name    string
	Version string
}

// parseLayerARN splits arn:PARTITION:lambda:REGION:ACCOUNT:layer:NAME:VERSION.
func parseLayerARN(arn string) (layerRef, bool) {
	p := strings.Split(arn, ":")
	if len(p) != 8 || p[0] != "arn" || p[2] != "lambda" || p[5] != "layer" || p[4] == "" || p[6] == "" {
		return layerRef{}, false
	}
	return layerRef{ARN: arn, Account: p[4], Region: p[3], Name: p[6], Version: p[7]}, true
}

// trust is how far a layer's publisher is trusted.
type trust int

const (
	trustOwn     trust = iota // a scanned account
	trustOrg                  // the organization of the function's account
	trustUser                 // trusted_accounts in the config
	trustAWS                  // an AWS-published layer
	trustUnknown              // another account; the organization's members were not collected
	trustNone                 // another account, known to be outside the organization
)

// publisherTrust places account relative to the account that runs f, and
// names the AWS product for trustAWS.
func publisherTrust(inv *inventory.Inventory, f *inventory.Function, account string) (trust, string) {
	for _, a := range inv.Accounts {
		if a.ID == account {
			return trustOwn, ""
		}
	}
	if f.Account != nil && f.Account.Organization.Known && f.Account.Organization.Value != nil {
		org := f.Account.Organization.Value
		if org.MasterAccountID == account || slices.Contains(org.Accounts, account) {
			return trustOrg, ""
		}
	}
	if slices.Contains(inv.Settings.TrustedAccounts, account) {
		return trustUser, ""
	}
	if name := awsPublisherOf(account); name != "" {
		return trustAWS, name
	}
	if f.Account != nil && f.Account.Organization.Known && f.Account.Organization.Value != nil && len(f.Account.Organization.Value.Accounts) == 0 {
		return trustUnknown, ""
	}
	return trustNone, ""
}

// thirdPartyLayer is a layer of a function whose publisher is not trusted.
type thirdPartyLayer struct {
	Ref       layerRef
	Layer     *inventory.LayerVersion // nil when get-layer-version was not collected
	Trust     trust
	Extension bool
}

// thirdPartyLayers lists f's layers from untrusted publishers, in the
// function's layer order.
func thirdPartyLayers(inv *inventory.Inventory, f *inventory.Function) []thirdPartyLayer {
	var out []thirdPartyLayer
	for _, l := range f.Layers {
		ref, ok := parseLayerARN(l.ARN)
		if !ok {
			continue
		}
		t, _ := publisherTrust(inv, f, ref.Account)
		if t != trustUnknown && t != trustNone {
			continue
		}
		out = append(out, thirdPartyLayer{Ref: ref, Layer: l.Layer, Trust: t, Extension: isExtensionLayer(ref.Name)})
	}
	return out
}

// layerEvidence describes a third-party layer in one line: ARN, publisher
// and, when collected, its content hash, size and date.
func layerEvidence(l thirdPartyLayer) string {
	s := fmt.Sprintf("layer %s published by account %s", l.Ref.ARN, l.Ref.Account)
	if l.Trust == trustUnknown {
		s += " (organization membership unknown)"
	}
	if v := l.Layer; v != nil {
		s += fmt.Sprintf(", CodeSha256 %s, %d bytes, created %s", v.CodeSha256, v.CodeSize, v.CreatedDate)
		if v.Description != "" {
			s += fmt.Sprintf(", description %q", v.Description)
		}
	}
	return s
}

// vendorAdvice is the remediation for third-party layers of f: copy the
// content into an own layer (pinned by hash) or trust the publisher on purpose.
func vendorAdvice(f *inventory.Function, layers []thirdPartyLayer) string {
	var arns []string
	for _, l := range layers {
		arns = append(arns, l.Ref.ARN)
	}
	return fmt.Sprintf("Vendor the layer: download it (`aws lambda get-layer-version-by-arn --arn %s --query Content.Location`), review it, "+
		"publish it in your own account (`aws lambda publish-layer-version --layer-name NAME --zip-file fileb://layer.zip`) and attach that version "+
		"(CloudFormation/SAM `Layers`; Terraform `layers`); pin what you attach with `lambdasec lock` so a changed layer is noticed. "+
		"If you trust the publisher, list the account under `trusted_accounts` in lambdasec.yaml. Layers of %s: %s.",
		arns[0], f.Name, strings.Join(arns, ", "))
}
