package dump

import (
	"fmt"
	"slices"

	"github.com/lambdasec/lambdasec/internal/inventory"
	"github.com/lambdasec/lambdasec/internal/policy"
)

// The EC2 describe answers, each decoded into the network model. Every one
// is a list of resources under one key, possibly split into pages.

func decodeVPCs(data []byte) (any, error) {
	var a struct {
		Vpcs []struct {
			VpcId                   string
			CidrBlock               string
			CidrBlockAssociationSet []struct {
				CidrBlock      string
				CidrBlockState struct{ State string }
			}
			Ipv6CidrBlockAssociationSet []struct {
				Ipv6CidrBlock      string
				Ipv6CidrBlockState struct{ State string }
			}
			IsDefault bool
			Tags      tagList
		}
	}
	if err := decodeAnswer(data, &a); err != nil {
		return nil, err
	}
	out := make([]*inventory.VPC, len(a.Vpcs))
	for i, v := range a.Vpcs {
		vpc := &inventory.VPC{ID: v.VpcId, IsDefault: v.IsDefault, Tags: v.Tags.toMap()}
		if v.CidrBlock != "" {
			vpc.CIDRs = append(vpc.CIDRs, v.CidrBlock)
		}
		for _, c := range v.CidrBlockAssociationSet {
			if associated(c.CidrBlockState.State) && c.CidrBlock != "" && !slices.Contains(vpc.CIDRs, c.CidrBlock) {
				vpc.CIDRs = append(vpc.CIDRs, c.CidrBlock)
			}
		}
		for _, c := range v.Ipv6CidrBlockAssociationSet {
			if associated(c.Ipv6CidrBlockState.State) && c.Ipv6CidrBlock != "" {
				vpc.IPv6CIDRs = append(vpc.IPv6CIDRs, c.Ipv6CidrBlock)
			}
		}
		out[i] = vpc
	}
	return out, nil
}

func decodeSubnets(data []byte) (any, error) {
	var a struct {
		Subnets []struct {
			SubnetId                    string
			VpcId                       string
			AvailabilityZone            string
			AvailabilityZoneId          string
			CidrBlock                   string
			Ipv6CidrBlockAssociationSet []struct {
				Ipv6CidrBlock      string
				Ipv6CidrBlockState struct{ State string }
			}
			MapPublicIpOnLaunch bool
			Tags                tagList
		}
	}
	if err := decodeAnswer(data, &a); err != nil {
		return nil, err
	}
	out := make([]*inventory.Subnet, len(a.Subnets))
	for i, s := range a.Subnets {
		sub := &inventory.Subnet{
			ID:                  s.SubnetId,
			VPCID:               s.VpcId,
			AvailabilityZone:    s.AvailabilityZone,
			AvailabilityZoneID:  s.AvailabilityZoneId,
			CIDR:                s.CidrBlock,
			MapPublicIPOnLaunch: s.MapPublicIpOnLaunch,
			Tags:                s.Tags.toMap(),
		}
		for _, c := range s.Ipv6CidrBlockAssociationSet {
			if associated(c.Ipv6CidrBlockState.State) && c.Ipv6CidrBlock != "" {
				sub.IPv6CIDRs = append(sub.IPv6CIDRs, c.Ipv6CidrBlock)
			}
		}
		out[i] = sub
	}
	return out, nil
}

func decodeRouteTables(data []byte) (any, error) {
	var a struct {
		RouteTables []struct {
			RouteTableId string
			VpcId        string
			Associations []struct {
				Main             bool
				SubnetId         string
				AssociationState struct{ State string }
			}
			Routes []struct {
				DestinationCidrBlock        string
				DestinationIpv6CidrBlock    string
				DestinationPrefixListId     string
				GatewayId                   string
				NatGatewayId                string
				TransitGatewayId            string
				VpcPeeringConnectionId      string
				NetworkInterfaceId          string
				EgressOnlyInternetGatewayId string
				InstanceId                  string
				State                       string
			}
		}
	}
	if err := decodeAnswer(data, &a); err != nil {
		return nil, err
	}
	out := make([]*inventory.RouteTable, len(a.RouteTables))
	for i, t := range a.RouteTables {
		rt := &inventory.RouteTable{ID: t.RouteTableId, VPCID: t.VpcId}
		for _, as := range t.Associations {
			if !associated(as.AssociationState.State) {
				continue
			}
			rt.Main = rt.Main || as.Main
			if as.SubnetId != "" {
				rt.SubnetIDs = append(rt.SubnetIDs, as.SubnetId)
			}
		}
		for _, r := range t.Routes {
			rt.Routes = append(rt.Routes, inventory.Route{
				DestinationCIDR:         r.DestinationCidrBlock,
				DestinationIPv6CIDR:     r.DestinationIpv6CidrBlock,
				DestinationPrefixListID: r.DestinationPrefixListId,
				GatewayID:               r.GatewayId,
				NATGatewayID:            r.NatGatewayId,
				TransitGatewayID:        r.TransitGatewayId,
				VPCPeeringConnectionID:  r.VpcPeeringConnectionId,
				NetworkInterfaceID:      r.NetworkInterfaceId,
				EgressOnlyGatewayID:     r.EgressOnlyInternetGatewayId,
				InstanceID:              r.InstanceId,
				State:                   r.State,
			})
		}
		out[i] = rt
	}
	return out, nil
}

// ipPermission is one rule of a security group, as EC2 answers it.
type ipPermission struct {
	IpProtocol       string
	FromPort         *int
	ToPort           *int
	IpRanges         []struct{ CidrIp string }
	Ipv6Ranges       []struct{ CidrIpv6 string }
	PrefixListIds    []struct{ PrefixListId string }
	UserIdGroupPairs []struct{ GroupId string }
}

func (p *ipPermission) rule() inventory.SGRule {
	r := inventory.SGRule{Protocol: p.IpProtocol, FromPort: portOrNone(p.FromPort), ToPort: portOrNone(p.ToPort)}
	for _, x := range p.IpRanges {
		r.CIDRs = append(r.CIDRs, x.CidrIp)
	}
	for _, x := range p.Ipv6Ranges {
		r.IPv6CIDRs = append(r.IPv6CIDRs, x.CidrIpv6)
	}
	for _, x := range p.PrefixListIds {
		r.PrefixListIDs = append(r.PrefixListIDs, x.PrefixListId)
	}
	for _, x := range p.UserIdGroupPairs {
		r.GroupIDs = append(r.GroupIDs, x.GroupId)
	}
	return r
}

func decodeSecurityGroups(data []byte) (any, error) {
	var a struct {
		SecurityGroups []struct {
			GroupId             string
			GroupName           string
			VpcId               string
			IpPermissions       []ipPermission
			IpPermissionsEgress []ipPermission
		}
	}
	if err := decodeAnswer(data, &a); err != nil {
		return nil, err
	}
	out := make([]*inventory.SecurityGroup, len(a.SecurityGroups))
	for i, g := range a.SecurityGroups {
		sg := &inventory.SecurityGroup{ID: g.GroupId, Name: g.GroupName, VPCID: g.VpcId}
		for j := range g.IpPermissions {
			sg.Ingress = append(sg.Ingress, g.IpPermissions[j].rule())
		}
		for j := range g.IpPermissionsEgress {
			sg.Egress = append(sg.Egress, g.IpPermissionsEgress[j].rule())
		}
		out[i] = sg
	}
	return out, nil
}

func decodeNetworkACLs(data []byte) (any, error) {
	var a struct {
		NetworkAcls []struct {
			NetworkAclId string
			VpcId        string
			IsDefault    bool
			Entries      []struct {
				RuleNumber    int
				Protocol      string
				RuleAction    string
				Egress        bool
				CidrBlock     string
				Ipv6CidrBlock string
				PortRange     *struct{ From, To *int }
			}
			Associations []struct{ SubnetId string }
		}
	}
	if err := decodeAnswer(data, &a); err != nil {
		return nil, err
	}
	out := make([]*inventory.NetworkACL, len(a.NetworkAcls))
	for i, n := range a.NetworkAcls {
		acl := &inventory.NetworkACL{ID: n.NetworkAclId, VPCID: n.VpcId, IsDefault: n.IsDefault}
		for _, e := range n.Entries {
			entry := inventory.NACLEntry{
				RuleNumber: e.RuleNumber,
				Protocol:   e.Protocol,
				Egress:     e.Egress,
				Allow:      e.RuleAction == "allow",
				CIDR:       e.CidrBlock,
				IPv6CIDR:   e.Ipv6CidrBlock,
				FromPort:   -1,
				ToPort:     -1,
			}
			// Like a security group rule, an entry without ports (all
			// protocols, ICMP) has -1 for them.
			if pr := e.PortRange; pr != nil {
				entry.FromPort, entry.ToPort = portOrNone(pr.From), portOrNone(pr.To)
			}
			acl.Entries = append(acl.Entries, entry)
		}
		for _, as := range n.Associations {
			if as.SubnetId != "" {
				acl.SubnetIDs = append(acl.SubnetIDs, as.SubnetId)
			}
		}
		out[i] = acl
	}
	return out, nil
}

func decodeVPCEndpoints(data []byte) (any, error) {
	var a struct {
		VpcEndpoints []struct {
			VpcEndpointId     string
			VpcEndpointType   string
			VpcId             string
			ServiceName       string
			State             string
			PolicyDocument    string
			RouteTableIds     []string
			SubnetIds         []string
			PrivateDnsEnabled bool
		}
	}
	if err := decodeAnswer(data, &a); err != nil {
		return nil, err
	}
	out := make([]*inventory.VPCEndpoint, len(a.VpcEndpoints))
	for i, e := range a.VpcEndpoints {
		ep := &inventory.VPCEndpoint{
			ID:                e.VpcEndpointId,
			VPCID:             e.VpcId,
			ServiceName:       e.ServiceName,
			Type:              e.VpcEndpointType,
			State:             e.State,
			RouteTableIDs:     e.RouteTableIds,
			SubnetIDs:         e.SubnetIds,
			PrivateDNSEnabled: e.PrivateDnsEnabled,
		}
		if e.PolicyDocument != "" {
			doc, err := policy.ParseString(e.PolicyDocument)
			if err != nil {
				return nil, fmt.Errorf("VpcEndpoints[%d] (%s).PolicyDocument is not a JSON policy document: %w", i, e.VpcEndpointId, err)
			}
			ep.Policy = doc
		}
		out[i] = ep
	}
	return out, nil
}

func decodeNATGateways(data []byte) (any, error) {
	var a struct {
		NatGateways []struct {
			NatGatewayId     string
			VpcId            string
			SubnetId         string
			State            string
			ConnectivityType string
		}
	}
	if err := decodeAnswer(data, &a); err != nil {
		return nil, err
	}
	out := make([]*inventory.NATGateway, len(a.NatGateways))
	for i, g := range a.NatGateways {
		out[i] = &inventory.NATGateway{ID: g.NatGatewayId, VPCID: g.VpcId, SubnetID: g.SubnetId, State: g.State, ConnectivityType: g.ConnectivityType}
	}
	return out, nil
}

func decodeInternetGateways(data []byte) (any, error) {
	var a struct {
		InternetGateways []struct {
			InternetGatewayId string
			Attachments       []struct{ VpcId string }
		}
	}
	if err := decodeAnswer(data, &a); err != nil {
		return nil, err
	}
	out := make([]*inventory.InternetGateway, len(a.InternetGateways))
	for i, g := range a.InternetGateways {
		igw := &inventory.InternetGateway{ID: g.InternetGatewayId}
		for _, at := range g.Attachments {
			igw.VPCIDs = append(igw.VPCIDs, at.VpcId)
		}
		out[i] = igw
	}
	return out, nil
}

func decodeNetworkInterfaces(data []byte) (any, error) {
	var a struct {
		NetworkInterfaces []struct {
			NetworkInterfaceId string
			SubnetId           string
			VpcId              string
			InterfaceType      string
			Description        string
			RequesterId        string
			PrivateIpAddress   string
			PrivateIpAddresses []struct{ PrivateIpAddress string }
			Groups             []struct{ GroupId string }
		}
	}
	if err := decodeAnswer(data, &a); err != nil {
		return nil, err
	}
	out := make([]*inventory.NetworkInterface, len(a.NetworkInterfaces))
	for i, n := range a.NetworkInterfaces {
		eni := &inventory.NetworkInterface{
			ID:            n.NetworkInterfaceId,
			SubnetID:      n.SubnetId,
			VPCID:         n.VpcId,
			InterfaceType: n.InterfaceType,
			Description:   n.Description,
			RequesterID:   n.RequesterId,
		}
		for _, ip := range n.PrivateIpAddresses {
			eni.PrivateIPs = append(eni.PrivateIPs, ip.PrivateIpAddress)
		}
		if len(eni.PrivateIPs) == 0 && n.PrivateIpAddress != "" {
			eni.PrivateIPs = []string{n.PrivateIpAddress}
		}
		for _, g := range n.Groups {
			eni.SecurityGroupIDs = append(eni.SecurityGroupIDs, g.GroupId)
		}
		out[i] = eni
	}
	return out, nil
}

func (r *regionLoad) applyNetwork() {
	n := r.region.Network
	addByID(r.answers(inventory.SecVPCs), n.VPCs, func(v *inventory.VPC) string { return v.ID })
	addByID(r.answers(inventory.SecSubnets), n.Subnets, func(s *inventory.Subnet) string { return s.ID })
	addByID(r.answers(inventory.SecRouteTables), n.RouteTables, func(t *inventory.RouteTable) string { return t.ID })
	addByID(r.answers(inventory.SecSecurityGroups), n.SecurityGroups, func(g *inventory.SecurityGroup) string { return g.ID })
	addByID(r.answers(inventory.SecNetworkACLs), n.NetworkACLs, func(a *inventory.NetworkACL) string { return a.ID })
	addByID(r.answers(inventory.SecVPCEndpoints), n.VPCEndpoints, func(e *inventory.VPCEndpoint) string { return e.ID })
	addByID(r.answers(inventory.SecNATGateways), n.NATGateways, func(g *inventory.NATGateway) string { return g.ID })
	addByID(r.answers(inventory.SecInternetGateways), n.InternetGateways, func(g *inventory.InternetGateway) string { return g.ID })
	addByID(r.answers(inventory.SecNetworkInterfaces), n.NetworkInterfaces, func(e *inventory.NetworkInterface) string { return e.ID })
}

// addByID adds every resource of the answers, each a []*T, to the map.
func addByID[T any](files []*file, into map[string]*T, id func(*T) string) {
	for _, f := range files {
		for _, v := range f.answer.([]*T) {
			into[id(v)] = v
		}
	}
}

// associated reports whether an association state means "in effect"; EC2
// omits the state in some answers.
func associated(state string) bool { return state == "" || state == "associated" }

// portOrNone is a port EC2 may leave out; -1 when it does.
func portOrNone(p *int) int {
	if p == nil {
		return -1
	}
	return *p
}
