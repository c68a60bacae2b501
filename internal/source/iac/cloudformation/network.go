package cloudformation

import (
	"strings"

	"github.com/lambdasec/lambdasec/internal/inventory"
)

// networkTypes are the EC2 resources mapped, with the section each fills.
// A section is marked collected only when the template declares such a
// resource: a template that names subnets by parameter says nothing about
// them.
var networkTypes = map[string]inventory.Section{
	"AWS::EC2::VPC":                         inventory.SecVPCs,
	"AWS::EC2::Subnet":                      inventory.SecSubnets,
	"AWS::EC2::SecurityGroup":               inventory.SecSecurityGroups,
	"AWS::EC2::SecurityGroupIngress":        inventory.SecSecurityGroups,
	"AWS::EC2::SecurityGroupEgress":         inventory.SecSecurityGroups,
	"AWS::EC2::RouteTable":                  inventory.SecRouteTables,
	"AWS::EC2::Route":                       inventory.SecRouteTables,
	"AWS::EC2::SubnetRouteTableAssociation": inventory.SecRouteTables,
	"AWS::EC2::InternetGateway":             inventory.SecInternetGateways,
	"AWS::EC2::VPCGatewayAttachment":        inventory.SecInternetGateways,
	"AWS::EC2::NatGateway":                  inventory.SecNATGateways,
	"AWS::EC2::VPCEndpoint":                 inventory.SecVPCEndpoints,
}

// network maps the template's VPC resources, parents before the rules and
// routes that attach to them.
func (b *builder) network() {
	n := b.region.Network
	for _, phase := range [][]string{
		{"AWS::EC2::VPC", "AWS::EC2::Subnet", "AWS::EC2::SecurityGroup", "AWS::EC2::RouteTable",
			"AWS::EC2::InternetGateway", "AWS::EC2::NatGateway", "AWS::EC2::VPCEndpoint"},
		{"AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress", "AWS::EC2::Route",
			"AWS::EC2::SubnetRouteTableAssociation", "AWS::EC2::VPCGatewayAttachment"},
	} {
		for _, id := range b.t.order {
			r := b.t.resources[id]
			for _, typ := range phase {
				if r.Type == typ {
					b.region.Collected.Add(networkTypes[typ])
					b.networkResource(n, r)
				}
			}
		}
	}
}

func (b *builder) networkResource(n *inventory.Network, r *resource) {
	t, p := b.t, r.Props
	id := t.physical(Ref{LogicalID: r.ID})
	switch r.Type {
	case "AWS::EC2::VPC":
		n.VPCs[id] = &inventory.VPC{ID: id, CIDRs: t.strs(p["CidrBlock"]), Tags: tags(t, p["Tags"])}
	case "AWS::EC2::Subnet":
		n.Subnets[id] = &inventory.Subnet{ID: id, VPCID: t.str(p["VpcId"]), AvailabilityZone: t.str(p["AvailabilityZone"]),
			AvailabilityZoneID: t.str(p["AvailabilityZoneId"]), CIDR: t.str(p["CidrBlock"]),
			MapPublicIPOnLaunch: t.boolOf(p["MapPublicIpOnLaunch"]), Tags: tags(t, p["Tags"])}
	case "AWS::EC2::SecurityGroup":
		g := &inventory.SecurityGroup{ID: id, Name: orDefault(t.str(p["GroupName"]), t.name(r.ID)), VPCID: t.str(p["VpcId"])}
		for _, rule := range list(p["SecurityGroupIngress"]) {
			g.Ingress = append(g.Ingress, t.sgRule(rule, "Source"))
		}
		if eg, ok := p["SecurityGroupEgress"]; ok {
			for _, rule := range list(eg) {
				g.Egress = append(g.Egress, t.sgRule(rule, "Destination"))
			}
		} else {
			// Without SecurityGroupEgress, EC2 keeps its default rule: all
			// traffic to anywhere.
			g.Egress = []inventory.SGRule{{Protocol: "-1", FromPort: -1, ToPort: -1, CIDRs: []string{"0.0.0.0/0"}}}
		}
		n.SecurityGroups[id] = g
	case "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress":
		g := n.SecurityGroups[t.str(p["GroupId"])]
		if g == nil {
			return
		}
		if r.Type == "AWS::EC2::SecurityGroupIngress" {
			g.Ingress = append(g.Ingress, t.sgRule(p, "Source"))
		} else {
			if len(g.Egress) == 1 && g.Egress[0].Protocol == "-1" && len(g.Egress[0].CIDRs) == 1 && g.Egress[0].CIDRs[0] == "0.0.0.0/0" {
				g.Egress = nil // an explicit egress rule replaces the default one
			}
			g.Egress = append(g.Egress, t.sgRule(p, "Destination"))
		}
	case "AWS::EC2::RouteTable":
		n.RouteTables[id] = &inventory.RouteTable{ID: id, VPCID: t.str(p["VpcId"]),
			Routes: []inventory.Route{{GatewayID: "local", State: "active"}}}
	case "AWS::EC2::Route":
		if rt := n.RouteTables[t.str(p["RouteTableId"])]; rt != nil {
			rt.Routes = append(rt.Routes, inventory.Route{
				DestinationCIDR: t.str(p["DestinationCidrBlock"]), DestinationIPv6CIDR: t.str(p["DestinationIpv6CidrBlock"]),
				DestinationPrefixListID: t.str(p["DestinationPrefixListId"]), GatewayID: t.str(p["GatewayId"]),
				NATGatewayID: t.str(p["NatGatewayId"]), TransitGatewayID: t.str(p["TransitGatewayId"]),
				VPCPeeringConnectionID: t.str(p["VpcPeeringConnectionId"]), NetworkInterfaceID: t.str(p["NetworkInterfaceId"]),
				EgressOnlyGatewayID: t.str(p["EgressOnlyInternetGatewayId"]), InstanceID: t.str(p["InstanceId"]), State: "active",
			})
		}
	case "AWS::EC2::SubnetRouteTableAssociation":
		if rt := n.RouteTables[t.str(p["RouteTableId"])]; rt != nil {
			rt.SubnetIDs = append(rt.SubnetIDs, t.str(p["SubnetId"]))
		}
	case "AWS::EC2::InternetGateway":
		n.InternetGateways[id] = &inventory.InternetGateway{ID: id}
	case "AWS::EC2::VPCGatewayAttachment":
		if g := n.InternetGateways[t.str(p["InternetGatewayId"])]; g != nil {
			g.VPCIDs = append(g.VPCIDs, t.str(p["VpcId"]))
		}
	case "AWS::EC2::NatGateway":
		n.NATGateways[id] = &inventory.NATGateway{ID: id, SubnetID: t.str(p["SubnetId"]), State: "available",
			ConnectivityType: orDefault(t.str(p["ConnectivityType"]), "public")}
	case "AWS::EC2::VPCEndpoint":
		n.VPCEndpoints[id] = &inventory.VPCEndpoint{ID: id, VPCID: t.str(p["VpcId"]), ServiceName: t.str(p["ServiceName"]),
			Type: orDefault(t.str(p["VpcEndpointType"]), "Gateway"), State: "available",
			RouteTableIDs: t.strs(p["RouteTableIds"]), SubnetIDs: t.strs(p["SubnetIds"]),
			PrivateDNSEnabled: t.boolOf(p["PrivateDnsEnabled"]), Policy: t.document(p["PolicyDocument"])}
	}
}

// sgRule maps one ingress or egress rule; peer is "Source" or "Destination".
func (t *template) sgRule(v any, peer string) inventory.SGRule {
	p, _ := v.(map[string]any)
	rule := inventory.SGRule{Protocol: strings.ToLower(t.str(p["IpProtocol"])), FromPort: -1, ToPort: -1}
	if n, ok := t.intOf(p["FromPort"]); ok {
		rule.FromPort = n
	}
	if n, ok := t.intOf(p["ToPort"]); ok {
		rule.ToPort = n
	}
	if c := t.str(p["CidrIp"]); c != "" {
		rule.CIDRs = []string{c}
	}
	if c := t.str(p["CidrIpv6"]); c != "" {
		rule.IPv6CIDRs = []string{c}
	}
	if g := t.str(p[peer+"SecurityGroupId"]); g != "" {
		rule.GroupIDs = []string{g}
	}
	if pl := t.str(p[peer+"PrefixListId"]); pl != "" {
		rule.PrefixListIDs = []string{pl}
	}
	return rule
}

// tags maps CloudFormation's [{Key, Value}] tag lists.
func tags(t *template, v any) map[string]string {
	out := map[string]string{}
	for _, tag := range list(v) {
		if k := t.str(get(tag, "Key")); k != "" {
			out[k] = t.str(get(tag, "Value"))
		}
	}
	return out
}
