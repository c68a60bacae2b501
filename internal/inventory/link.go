package inventory

import (
	"sort"
	"strings"
)

// Link resolves the references between the parts of the inventory: function
// to role, role to managed policies, function to layers, subnets, security
// groups, log group, code-signing config and event sources; subnet to route
// table and network ACL; trails deduplicated per account. Sources call it
// once after loading everything; calling it again is harmless.
func (inv *Inventory) Link() {
	sort.Slice(inv.Accounts, func(i, j int) bool { return inv.Accounts[i].ID < inv.Accounts[j].ID })
	inv.Functions = inv.Functions[:0]
	for _, a := range inv.Accounts {
		a.link()
		for _, r := range a.Regions {
			inv.Functions = append(inv.Functions, r.Functions...)
		}
	}
	sort.SliceStable(inv.Functions, func(i, j int) bool { return inv.Functions[i].Key() < inv.Functions[j].Key() })
}

func (a *Account) link() {
	sort.Slice(a.Regions, func(i, j int) bool { return a.Regions[i].Name < a.Regions[j].Name })

	for _, role := range a.Roles {
		role.Functions = role.Functions[:0]
		for i := range role.AttachedPolicies {
			p := &role.AttachedPolicies[i]
			if p.Policy == nil {
				p.Policy = a.Policies[p.ARN]
			}
		}
		if b := role.PermissionsBoundary; b != nil && b.Policy == nil {
			b.Policy = a.Policies[b.ARN]
		}
	}
	rolesByName := map[string]*Role{}
	for _, role := range a.Roles {
		rolesByName[role.Name] = role
	}

	for _, r := range a.Regions {
		r.Network.link()
		sort.SliceStable(r.Functions, func(i, j int) bool { return r.Functions[i].Key() < r.Functions[j].Key() })
		for _, t := range r.Trails {
			if t.ARN == "" {
				continue
			}
			if have, ok := a.Trails[t.ARN]; ok {
				mergeTrail(have, t)
			} else {
				a.Trails[t.ARN] = t
			}
		}
		byARN := make(map[string]*Function, len(r.Functions))
		for _, f := range r.Functions {
			f.Account, f.Region = a, r
			byARN[f.ARN] = f
			f.EventSources = f.EventSources[:0]
			r.linkFunction(f, a, rolesByName)
		}
		for _, m := range r.EventSourceMappings {
			// Mappings may target a version or alias: FUNCTION_ARN:qualifier.
			f := byARN[m.FunctionARN]
			if f == nil {
				f = byARN[unqualified(m.FunctionARN)]
			}
			if f != nil {
				m.Function = f
				f.EventSources = append(f.EventSources, m)
			}
		}
	}
	for _, role := range a.Roles {
		sort.Slice(role.Functions, func(i, j int) bool { return role.Functions[i].Key() < role.Functions[j].Key() })
	}
}

func (r *Region) linkFunction(f *Function, a *Account, rolesByName map[string]*Role) {
	if f.Role == nil && f.RoleARN != "" {
		f.Role = a.Roles[f.RoleARN]
		if f.Role == nil {
			// Role ARNs may carry a path in one place and not in another.
			f.Role = rolesByName[roleName(f.RoleARN)]
		}
	}
	if f.Role != nil {
		f.Role.Functions = append(f.Role.Functions, f)
	}
	for i := range f.Layers {
		if f.Layers[i].Layer == nil {
			f.Layers[i].Layer = r.Layers[f.Layers[i].ARN]
		}
	}
	if v := f.VPC; v != nil {
		n := r.Network
		v.Subnets, v.SecurityGroups = v.Subnets[:0], v.SecurityGroups[:0]
		for _, id := range v.SubnetIDs {
			if s := n.Subnets[id]; s != nil {
				v.Subnets = append(v.Subnets, s)
			}
		}
		for _, id := range v.SecurityGroupIDs {
			if g := n.SecurityGroups[id]; g != nil {
				v.SecurityGroups = append(v.SecurityGroups, g)
			}
		}
		if v.VPCID == "" && len(v.Subnets) > 0 {
			v.VPCID = v.Subnets[0].VPCID
		}
		v.VPC = n.VPCs[v.VPCID]
	}
	if f.LogGroupName == "" && f.Name != "" {
		f.LogGroupName = "/aws/lambda/" + f.Name
	}
	if f.LogGroup == nil {
		f.LogGroup = r.LogGroups[f.LogGroupName]
	}
	if f.CodeSigning == nil && f.CodeSigningConfigARN.Value != "" {
		f.CodeSigning = r.CodeSigningConfigs[f.CodeSigningConfigARN.Value]
	}
}

func (n *Network) link() {
	for _, v := range n.VPCs {
		v.Subnets, v.MainRouteTable, v.InternetGateways = v.Subnets[:0], nil, v.InternetGateways[:0]
	}
	explicit := map[string]*RouteTable{}
	for _, rt := range sortedValues(n.RouteTables) {
		for _, id := range rt.SubnetIDs {
			explicit[id] = rt
		}
		if rt.Main {
			if v := n.VPCs[rt.VPCID]; v != nil {
				v.MainRouteTable = rt
			}
		}
	}
	mainByVPC := map[string]*RouteTable{}
	for _, rt := range n.RouteTables {
		if rt.Main {
			mainByVPC[rt.VPCID] = rt
		}
	}
	acls := map[string]*NetworkACL{}
	for _, acl := range sortedValues(n.NetworkACLs) {
		for _, id := range acl.SubnetIDs {
			acls[id] = acl
		}
	}
	for _, s := range sortedValues(n.Subnets) {
		s.RouteTable = explicit[s.ID]
		if s.RouteTable == nil {
			s.RouteTable = mainByVPC[s.VPCID]
		}
		s.NetworkACL = acls[s.ID]
		if v := n.VPCs[s.VPCID]; v != nil {
			v.Subnets = append(v.Subnets, s)
		}
	}
	for _, g := range sortedValues(n.InternetGateways) {
		for _, id := range g.VPCIDs {
			if v := n.VPCs[id]; v != nil {
				v.InternetGateways = append(v.InternetGateways, g)
			}
		}
	}
}

// sortedValues returns a map's values ordered by key so linking is
// deterministic.
func sortedValues[T any](m map[string]*T) []*T {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]*T, len(keys))
	for i, k := range keys {
		out[i] = m[k]
	}
	return out
}

func mergeTrail(have, t *Trail) {
	if !have.IsLogging.Known {
		have.IsLogging = t.IsLogging
	}
	if !have.EventSelectors.Known {
		have.EventSelectors = t.EventSelectors
	}
}

// roleName returns the last path segment of a role ARN.
func roleName(arn string) string {
	if i := strings.LastIndex(arn, "/"); i >= 0 {
		return arn[i+1:]
	}
	return arn
}

// unqualified strips a version or alias from a function ARN
// (arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]).
func unqualified(arn string) string {
	parts := strings.Split(arn, ":")
	if len(parts) > 7 {
		return strings.Join(parts[:7], ":")
	}
	return arn
}
