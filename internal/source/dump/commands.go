package dump

import "github.com/lambdasec/lambdasec/internal/inventory"

// layout says how a command's answers are filed under its path.
type layout int

const (
	single          layout = iota // COMMAND.json
	pages                         // COMMAND.json, COMMAND.2.json, … (a split paginated answer)
	perResource                   // COMMAND/NAME.json
	perLayerVersion               // COMMAND/LAYER/VERSION.json
)

// command is one AWS CLI command the reader understands.
type command struct {
	name     inventory.Section // "service/command", the path of its answers
	regional bool              // under REGION/ rather than at the top of the dump
	layout   layout
	// decode turns the bytes of one answer into a value of the command's own
	// answer type, checking everything, so that applying it cannot fail.
	decode func(data []byte) (any, error)
}

// perFolder reports whether the answers live in a folder of per-resource
// files rather than in one file.
func (c *command) perFolder() bool { return c.layout == perResource || c.layout == perLayerVersion }

// commands lists every answer the reader loads, by command path. Anything
// else in a dump is ignored.
var commands = byName([]*command{
	{inventory.SecCallerIdentity, false, single, decodeCallerIdentity},
	{inventory.SecIAM, false, pages, decodeAuthorizationDetails},
	{inventory.SecOrganization, false, single, decodeOrganization},
	{inventory.SecOrgAccounts, false, pages, decodeOrgAccounts},

	{inventory.SecFunctions, true, pages, decodeListFunctions},
	{inventory.SecFunctionDetails, true, perResource, decodeGetFunction},
	{inventory.SecFunctionPolicies, true, perResource, decodeResourcePolicy},
	{inventory.SecFunctionURLs, true, perResource, decodeFunctionURL},
	{inventory.SecFunctionCodeSigning, true, perResource, decodeFunctionCodeSigning},
	{inventory.SecCodeSigningConfigs, true, perResource, decodeCodeSigningConfig},
	{inventory.SecEventInvokeConfigs, true, perResource, decodeEventInvokeConfig},
	{inventory.SecEventSourceMappings, true, pages, decodeEventSourceMappings},
	{inventory.SecLayerVersions, true, perLayerVersion, decodeLayerVersion},
	{inventory.SecLayerPolicies, true, perLayerVersion, decodeResourcePolicy},

	{inventory.SecVPCs, true, pages, decodeVPCs},
	{inventory.SecSubnets, true, pages, decodeSubnets},
	{inventory.SecRouteTables, true, pages, decodeRouteTables},
	{inventory.SecSecurityGroups, true, pages, decodeSecurityGroups},
	{inventory.SecNetworkACLs, true, pages, decodeNetworkACLs},
	{inventory.SecVPCEndpoints, true, pages, decodeVPCEndpoints},
	{inventory.SecNATGateways, true, pages, decodeNATGateways},
	{inventory.SecInternetGateways, true, pages, decodeInternetGateways},
	{inventory.SecNetworkInterfaces, true, pages, decodeNetworkInterfaces},

	{inventory.SecTrails, true, single, decodeTrails},
	{inventory.SecEventSelectors, true, perResource, decodeEventSelectors},
	{inventory.SecTrailStatus, true, perResource, decodeTrailStatus},
	{inventory.SecLogGroups, true, pages, decodeLogGroups},
	{inventory.SecGuardDuty, true, pages, decodeDetectorIDs},
	{cmdGetDetector, true, perResource, decodeDetector},

	{inventory.SecECRRepositories, true, pages, decodeRepositories},
	{inventory.SecECRImages, true, perResource, decodeImages},
})

func byName(list []*command) map[inventory.Section]*command {
	m := make(map[inventory.Section]*command, len(list))
	for _, c := range list {
		m[c.name] = c
	}
	return m
}
