package terraform

import (
	"github.com/zclconf/go-cty/cty"

	"github.com/lambdasec/lambdasec/internal/inventory"
)

// network maps VPCs, subnets, route tables, security groups and endpoints.
// Ids are the placeholders the configuration's references evaluate to, so
// a function's vpc_config links to them as a live account's ids do.
func (b *builder) network() {
	n := b.region.Network
	mark := func(s inventory.Section) { b.region.Collected.Add(s) }
	id := func(in *instance) string { return str0(attr(in.values, "id")) }
	b.each("aws_vpc", func(in *instance) {
		mark(inventory.SecVPCs)
		v := &inventory.VPC{ID: id(in)}
		if c, ok := str(attr(in.values, "cidr_block")); ok {
			v.CIDRs = []string{c}
		}
		n.VPCs[v.ID] = v
	})
	b.each("aws_subnet", func(in *instance) {
		mark(inventory.SecSubnets)
		v := in.values
		s := &inventory.Subnet{ID: id(in), VPCID: str0(attr(v, "vpc_id")), CIDR: str0(attr(v, "cidr_block")),
			AvailabilityZone: str0(attr(v, "availability_zone")), AvailabilityZoneID: str0(attr(v, "availability_zone_id"))}
		s.MapPublicIPOnLaunch, _ = boolean(attr(v, "map_public_ip_on_launch"), false)
		n.Subnets[s.ID] = s
	})
	b.each("aws_internet_gateway", func(in *instance) {
		mark(inventory.SecInternetGateways)
		g := &inventory.InternetGateway{ID: id(in)}
		if vpc := str0(attr(in.values, "vpc_id")); vpc != "" {
			g.VPCIDs = []string{vpc}
		}
		n.InternetGateways[g.ID] = g
	})
	b.each("aws_nat_gateway", func(in *instance) {
		mark(inventory.SecNATGateways)
		g := &inventory.NATGateway{ID: id(in), SubnetID: str0(attr(in.values, "subnet_id")), State: "available",
			ConnectivityType: str0(attr(in.values, "connectivity_type"))}
		if g.ConnectivityType == "" {
			g.ConnectivityType = "public"
		}
		if s := n.Subnets[g.SubnetID]; s != nil {
			g.VPCID = s.VPCID
		}
		n.NATGateways[g.ID] = g
	})
	b.each("aws_route_table", func(in *instance) {
		mark(inventory.SecRouteTables)
		rt := &inventory.RouteTable{ID: id(in), VPCID: str0(attr(in.values, "vpc_id"))}
		for _, r := range blocks(in.values, "route") {
			rt.Routes = append(rt.Routes, route(r, "cidr_block", "ipv6_cidr_block"))
		}
		n.RouteTables[rt.ID] = rt
	})
	b.each("aws_route", func(in *instance) {
		if rt := n.RouteTables[str0(attr(in.values, "route_table_id"))]; rt != nil {
			rt.Routes = append(rt.Routes, route(in.values, "destination_cidr_block", "destination_ipv6_cidr_block"))
		}
	})
	b.each("aws_route_table_association", func(in *instance) {
		if rt := n.RouteTables[str0(attr(in.values, "route_table_id"))]; rt != nil {
			if s, ok := str(attr(in.values, "subnet_id")); ok {
				rt.SubnetIDs = append(rt.SubnetIDs, s)
			}
		}
	})
	b.each("aws_main_route_table_association", func(in *instance) {
		if rt := n.RouteTables[str0(attr(in.values, "route_table_id"))]; rt != nil {
			rt.Main = true
		}
	})
	b.securityGroups()
	b.each("aws_vpc_endpoint", func(in *instance) {
		mark(inventory.SecVPCEndpoints)
		v := in.values
		e := &inventory.VPCEndpoint{ID: id(in), VPCID: str0(attr(v, "vpc_id")), ServiceName: str0(attr(v, "service_name")),
			Type: str0(attr(v, "vpc_endpoint_type")), State: "available"}
		if e.Type == "" {
			e.Type = "Gateway"
		}
		e.RouteTableIDs, _ = strs(attr(v, "route_table_ids"))
		e.SubnetIDs, _ = strs(attr(v, "subnet_ids"))
		e.PrivateDNSEnabled, _ = boolean(attr(v, "private_dns_enabled"), false)
		e.Policy, _ = b.document(in, "policy", attr(v, "policy"))
		n.VPCEndpoints[e.ID] = e
	})
}

func route(r cty.Value, dst, dst6 string) inventory.Route {
	gw := str0(attr(r, "gateway_id"))
	if gw == "" {
		gw = str0(attr(r, "vpc_endpoint_id"))
	}
	return inventory.Route{
		DestinationCIDR: str0(attr(r, dst)), DestinationIPv6CIDR: str0(attr(r, dst6)),
		DestinationPrefixListID: str0(attr(r, "destination_prefix_list_id")),
		GatewayID:               gw, NATGatewayID: str0(attr(r, "nat_gateway_id")),
		TransitGatewayID:       str0(attr(r, "transit_gateway_id")),
		VPCPeeringConnectionID: str0(attr(r, "vpc_peering_connection_id")),
		NetworkInterfaceID:     str0(attr(r, "network_interface_id")),
		EgressOnlyGatewayID:    str0(attr(r, "egress_only_gateway_id")), State: "active",
	}
}

// securityGroups maps aws_security_group with its inline rules and the
// separate rule resources. Terraform removes the allow-all egress rule AWS
// adds to a new group, so a group without egress blocks has none.
func (b *builder) securityGroups() {
	n := b.region.Network
	b.each("aws_security_group", func(in *instance) {
		b.region.Collected.Add(inventory.SecSecurityGroups)
		v := in.values
		g := &inventory.SecurityGroup{ID: str0(attr(v, "id")), Name: str0(attr(v, "name")), VPCID: str0(attr(v, "vpc_id"))}
		for _, r := range blocks(v, "ingress") {
			g.Ingress = append(g.Ingress, sgRule(r))
		}
		for _, r := range blocks(v, "egress") {
			g.Egress = append(g.Egress, sgRule(r))
		}
		n.SecurityGroups[g.ID] = g
	})
	b.each("aws_security_group_rule", func(in *instance) {
		g := n.SecurityGroups[str0(attr(in.values, "security_group_id"))]
		if g == nil {
			return
		}
		r := sgRule(in.values)
		if s := str0(attr(in.values, "source_security_group_id")); s != "" {
			r.GroupIDs = append(r.GroupIDs, s)
		}
		if str0(attr(in.values, "type")) == "egress" {
			g.Egress = append(g.Egress, r)
		} else {
			g.Ingress = append(g.Ingress, r)
		}
	})
	for _, typ := range []string{"aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"} {
		egress := typ == "aws_vpc_security_group_egress_rule"
		b.each(typ, func(in *instance) {
			v := in.values
			g := n.SecurityGroups[str0(attr(v, "security_group_id"))]
			if g == nil {
				return
			}
			r := inventory.SGRule{Protocol: str0(attr(v, "ip_protocol")), FromPort: int0(attr(v, "from_port"), -1), ToPort: int0(attr(v, "to_port"), -1)}
			add := func(dst *[]string, name string) {
				if s := str0(attr(v, name)); s != "" {
					*dst = append(*dst, s)
				}
			}
			add(&r.CIDRs, "cidr_ipv4")
			add(&r.IPv6CIDRs, "cidr_ipv6")
			add(&r.PrefixListIDs, "prefix_list_id")
			add(&r.GroupIDs, "referenced_security_group_id")
			if egress {
				g.Egress = append(g.Egress, r)
			} else {
				g.Ingress = append(g.Ingress, r)
			}
		})
	}
}

func sgRule(r cty.Value) inventory.SGRule {
	out := inventory.SGRule{Protocol: str0(attr(r, "protocol")), FromPort: int0(attr(r, "from_port"), -1), ToPort: int0(attr(r, "to_port"), -1)}
	out.CIDRs, _ = strs(attr(r, "cidr_blocks"))
	out.IPv6CIDRs, _ = strs(attr(r, "ipv6_cidr_blocks"))
	out.PrefixListIDs, _ = strs(attr(r, "prefix_list_ids"))
	groups, _ := strs(attr(r, "security_groups"))
	out.GroupIDs = append(out.GroupIDs, groups...)
	return out
}

// trails maps aws_cloudtrail with its basic or advanced event selectors.
// A trail's logging state is its enable_logging argument (default true).
func (b *builder) trails() {
	b.each("aws_cloudtrail", func(in *instance) {
		for _, s := range []inventory.Section{inventory.SecTrails, inventory.SecEventSelectors, inventory.SecTrailStatus} {
			b.region.Collected.Add(s)
		}
		v := in.values
		t := &inventory.Trail{Name: str0(attr(v, "name")), ARN: str0(attr(v, "arn")), HomeRegion: b.region.Name,
			S3BucketName: str0(attr(v, "s3_bucket_name")), KMSKeyID: str0(attr(v, "kms_key_id")),
			CloudWatchLogsLogGroupARN: str0(attr(v, "cloud_watch_logs_group_arn"))}
		t.IsMultiRegion, _ = boolean(attr(v, "is_multi_region_trail"), false)
		t.IsOrganizationTrail, _ = boolean(attr(v, "is_organization_trail"), false)
		t.LogFileValidationEnabled, _ = boolean(attr(v, "enable_log_file_validation"), false)
		t.IncludeGlobalServiceEvents, _ = boolean(attr(v, "include_global_service_events"), true)
		if on, ok := boolean(attr(v, "enable_logging"), true); ok {
			t.IsLogging = inventory.Collected(on)
		}
		sel := &inventory.EventSelectors{}
		for _, es := range blocks(v, "event_selector") {
			s := inventory.EventSelector{ReadWriteType: str0(attr(es, "read_write_type"))}
			if s.ReadWriteType == "" {
				s.ReadWriteType = "All"
			}
			s.IncludeManagementEvents, _ = boolean(attr(es, "include_management_events"), true)
			for _, dr := range blocks(es, "data_resource") {
				d := inventory.DataResource{Type: str0(attr(dr, "type"))}
				d.Values, _ = strs(attr(dr, "values"))
				s.DataResources = append(s.DataResources, d)
			}
			sel.Basic = append(sel.Basic, s)
		}
		for _, as := range blocks(v, "advanced_event_selector") {
			a := inventory.AdvancedEventSelector{Name: str0(attr(as, "name"))}
			for _, fs := range blocks(as, "field_selector") {
				f := inventory.FieldSelector{Field: str0(attr(fs, "field"))}
				f.Equals, _ = strs(attr(fs, "equals"))
				f.StartsWith, _ = strs(attr(fs, "starts_with"))
				f.EndsWith, _ = strs(attr(fs, "ends_with"))
				f.NotEquals, _ = strs(attr(fs, "not_equals"))
				f.NotStartsWith, _ = strs(attr(fs, "not_starts_with"))
				f.NotEndsWith, _ = strs(attr(fs, "not_ends_with"))
				a.FieldSelectors = append(a.FieldSelectors, f)
			}
			sel.Advanced = append(sel.Advanced, a)
		}
		if len(sel.Basic) == 0 && len(sel.Advanced) == 0 {
			// CloudTrail's default selector: all management events, no data events.
			sel.Basic = []inventory.EventSelector{{ReadWriteType: "All", IncludeManagementEvents: true}}
		}
		t.EventSelectors = inventory.Collected(sel)
		b.region.Trails = append(b.region.Trails, t)
	})
}
