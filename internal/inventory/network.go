package inventory

import "github.com/lambdasec/lambdasec/internal/policy"

// Network is a region's VPC data, every map keyed by resource id.
type Network struct {
	VPCs              map[string]*VPC
	Subnets           map[string]*Subnet
	RouteTables       map[string]*RouteTable
	SecurityGroups    map[string]*SecurityGroup
	NetworkACLs       map[string]*NetworkACL
	VPCEndpoints      map[string]*VPCEndpoint
	NATGateways       map[string]*NATGateway
	InternetGateways  map[string]*InternetGateway
	NetworkInterfaces map[string]*NetworkInterface
}

// NewNetwork returns an empty network.
func NewNetwork() *Network {
	return &Network{
		VPCs:              map[string]*VPC{},
		Subnets:           map[string]*Subnet{},
		RouteTables:       map[string]*RouteTable{},
		SecurityGroups:    map[string]*SecurityGroup{},
		NetworkACLs:       map[string]*NetworkACL{},
		VPCEndpoints:      map[string]*VPCEndpoint{},
		NATGateways:       map[string]*NATGateway{},
		InternetGateways:  map[string]*InternetGateway{},
		NetworkInterfaces: map[string]*NetworkInterface{},
	}
}

// VPC is a virtual private cloud.
type VPC struct {
	ID               string
	CIDRs            []string
	IPv6CIDRs        []string
	IsDefault        bool
	Subnets          []*Subnet          // resolved by Link, sorted by id
	MainRouteTable   *RouteTable        // resolved by Link
	InternetGateways []*InternetGateway // resolved by Link
	Tags             map[string]string
}

// Subnet is a VPC subnet.
type Subnet struct {
	ID                  string
	VPCID               string
	AvailabilityZone    string
	AvailabilityZoneID  string
	CIDR                string
	IPv6CIDRs           []string
	MapPublicIPOnLaunch bool
	Tags                map[string]string

	// RouteTable is the explicitly associated table, or the VPC's main one.
	RouteTable *RouteTable
	NetworkACL *NetworkACL
}

// RouteTable is a VPC route table.
type RouteTable struct {
	ID        string
	VPCID     string
	Main      bool
	SubnetIDs []string // explicit associations
	Routes    []Route
}

// Route is one route. Exactly one target field is set.
type Route struct {
	DestinationCIDR         string
	DestinationIPv6CIDR     string
	DestinationPrefixListID string
	GatewayID               string // igw-…, vgw-…, vpce-… (gateway endpoints) or "local"
	NATGatewayID            string
	TransitGatewayID        string
	VPCPeeringConnectionID  string
	NetworkInterfaceID      string
	EgressOnlyGatewayID     string
	InstanceID              string
	State                   string // active or blackhole
}

// SecurityGroup is a VPC security group.
type SecurityGroup struct {
	ID      string
	Name    string
	VPCID   string
	Ingress []SGRule
	Egress  []SGRule
}

// SGRule is one permission of a security group.
type SGRule struct {
	Protocol      string // "-1" for all, "tcp", "udp", "icmp" or a number
	FromPort      int    // -1 when not applicable
	ToPort        int
	CIDRs         []string
	IPv6CIDRs     []string
	PrefixListIDs []string
	GroupIDs      []string
}

// NetworkACL is a subnet-level network ACL.
type NetworkACL struct {
	ID        string
	VPCID     string
	IsDefault bool
	SubnetIDs []string
	Entries   []NACLEntry
}

// NACLEntry is one numbered rule of a network ACL.
type NACLEntry struct {
	RuleNumber int
	Protocol   string
	Egress     bool
	Allow      bool
	CIDR       string
	IPv6CIDR   string
	FromPort   int
	ToPort     int
}

// VPCEndpoint is a gateway or interface VPC endpoint.
type VPCEndpoint struct {
	ID                string
	VPCID             string
	ServiceName       string
	Type              string // Gateway, Interface, GatewayLoadBalancer
	State             string
	RouteTableIDs     []string
	SubnetIDs         []string
	PrivateDNSEnabled bool
	Policy            *policy.Document
}

// NATGateway is a NAT gateway.
type NATGateway struct {
	ID               string
	VPCID            string
	SubnetID         string
	State            string
	ConnectivityType string // public or private
}

// InternetGateway is an internet gateway and the VPCs it is attached to.
type InternetGateway struct {
	ID     string
	VPCIDs []string
}

// NetworkInterface is an ENI; Lambda's hyperplane ENIs map addresses seen in
// flow logs back to functions.
type NetworkInterface struct {
	ID               string
	SubnetID         string
	VPCID            string
	InterfaceType    string
	Description      string
	RequesterID      string
	PrivateIPs       []string
	SecurityGroupIDs []string
}
