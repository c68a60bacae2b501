// Package inventory is the normalized model every rule reads: accounts,
// regions, functions and everything they link to. Sources fill it; Link
// resolves the references between its parts once, so rules never search.
// The package does no I/O.
package inventory

import "github.com/lambdasec/lambdasec/internal/policy"

// Maybe holds a value that may not have been collected. Known false means
// "not collected" (rules report "not assessed"); Known true with a zero Value
// means "collected, there is none".
type Maybe[T any] struct {
	Known bool
	Value T
}

// Collected wraps a value that was collected.
func Collected[T any](v T) Maybe[T] { return Maybe[T]{Known: true, Value: v} }

// Section names one kind of collected data, by the dump file it comes from
// (e.g. "lambda/list-functions"). Coverage is recorded per account and region.
type Section string

// The sections a source can record. Per-function sections are recorded when
// the folder of per-function answers exists at all; whether a given function
// was covered is in that function's Maybe fields.
const (
	SecCallerIdentity      Section = "sts/get-caller-identity"
	SecIAM                 Section = "iam/get-account-authorization-details"
	SecOrganization        Section = "organizations/describe-organization"
	SecOrgAccounts         Section = "organizations/list-accounts"
	SecFunctions           Section = "lambda/list-functions"
	SecFunctionDetails     Section = "lambda/get-function"
	SecFunctionPolicies    Section = "lambda/get-policy"
	SecFunctionURLs        Section = "lambda/get-function-url-config"
	SecFunctionCodeSigning Section = "lambda/get-function-code-signing-config"
	SecCodeSigningConfigs  Section = "lambda/get-code-signing-config"
	SecEventInvokeConfigs  Section = "lambda/get-function-event-invoke-config"
	SecEventSourceMappings Section = "lambda/list-event-source-mappings"
	SecLayerVersions       Section = "lambda/get-layer-version"
	SecLayerPolicies       Section = "lambda/get-layer-version-policy"
	SecVPCs                Section = "ec2/describe-vpcs"
	SecSubnets             Section = "ec2/describe-subnets"
	SecRouteTables         Section = "ec2/describe-route-tables"
	SecSecurityGroups      Section = "ec2/describe-security-groups"
	SecNetworkACLs         Section = "ec2/describe-network-acls"
	SecVPCEndpoints        Section = "ec2/describe-vpc-endpoints"
	SecNATGateways         Section = "ec2/describe-nat-gateways"
	SecInternetGateways    Section = "ec2/describe-internet-gateways"
	SecNetworkInterfaces   Section = "ec2/describe-network-interfaces"
	SecTrails              Section = "cloudtrail/describe-trails"
	SecTrailStatus         Section = "cloudtrail/get-trail-status"
	SecEventSelectors      Section = "cloudtrail/get-event-selectors"
	SecLogGroups           Section = "logs/describe-log-groups"
	SecGuardDuty           Section = "guardduty/list-detectors"
)

// Sections is a set of collected sections.
type Sections map[Section]bool

// Add marks s as collected.
func (ss Sections) Add(s Section) { ss[s] = true }

// Location is where a resource is defined in infrastructure-as-code.
type Location struct {
	File      string
	Line      int
	LogicalID string
}

// Inventory is the whole scanned estate.
type Inventory struct {
	Accounts []*Account // sorted by ID after Link
	// Functions lists every function of every account and region, sorted by
	// ARN after Link.
	Functions []*Function
	// Settings are the user's trust lists and lock file (settings.go).
	Settings Settings
	// Suppressions are the inline ignore comments of IaC inputs (iac.go).
	Suppressions []Suppression

	accounts map[string]*Account
}

// New returns an empty inventory.
func New() *Inventory { return &Inventory{accounts: map[string]*Account{}} }

// Account returns the account with the given id, creating it if needed.
func (inv *Inventory) Account(id string) *Account {
	if inv.accounts == nil {
		inv.accounts = map[string]*Account{}
	}
	if a, ok := inv.accounts[id]; ok {
		return a
	}
	a := &Account{
		ID:        id,
		Partition: "aws",
		Roles:     map[string]*Role{},
		Policies:  map[string]*ManagedPolicy{},
		Trails:    map[string]*Trail{},
		Collected: Sections{},
		regions:   map[string]*Region{},
	}
	inv.accounts[id] = a
	inv.Accounts = append(inv.Accounts, a)
	return a
}

// Account is one AWS account.
type Account struct {
	ID        string
	Partition string // aws, aws-cn, aws-us-gov
	// Organization is the organization the account belongs to; Known with a
	// nil Value when the account is not in one.
	Organization Maybe[*Organization]
	Roles        map[string]*Role          // by ARN
	Policies     map[string]*ManagedPolicy // customer and AWS managed, by ARN
	Regions      []*Region                 // sorted by name after Link
	// Trails holds every trail visible in the account, deduplicated across
	// regions (multi-region trails appear in every region), by ARN.
	Trails    map[string]*Trail
	Collected Sections // account-wide sections (IAM, organizations, STS)

	regions map[string]*Region
}

// Region returns the region with the given name, creating it if needed.
func (a *Account) Region(name string) *Region {
	if r, ok := a.regions[name]; ok {
		return r
	}
	r := &Region{
		Name:               name,
		Account:            a,
		Layers:             map[string]*LayerVersion{},
		CodeSigningConfigs: map[string]*CodeSigningConfig{},
		LogGroups:          map[string]*LogGroup{},
		Network:            NewNetwork(),
		Collected:          Sections{},
	}
	a.regions[name] = r
	a.Regions = append(a.Regions, r)
	return r
}

// Organization is the AWS Organization an account belongs to.
type Organization struct {
	ID               string
	ARN              string
	MasterAccountID  string
	MasterAccountARN string
	// Accounts are the member account ids, when organizations/list-accounts
	// was collected.
	Accounts []string
}

// Region is one region of one account.
type Region struct {
	Name    string
	Account *Account

	Functions           []*Function
	Layers              map[string]*LayerVersion      // by layer version ARN
	CodeSigningConfigs  map[string]*CodeSigningConfig // by ARN
	EventSourceMappings []*EventSourceMapping
	LogGroups           map[string]*LogGroup // by name
	Network             *Network
	Trails              []*Trail // as describe-trails answered in this region
	GuardDuty           Maybe[*GuardDutyDetector]
	ECRRepositories     map[string]*ECRRepository // by name (ecr.go)
	Collected           Sections
}

// Has reports whether a section was collected in this region.
func (r *Region) Has(s Section) bool { return r.Collected[s] }

// Function is one Lambda function ($LATEST configuration).
type Function struct {
	ARN     string
	Name    string
	Account *Account
	Region  *Region
	Source  *Location // set for functions defined in IaC

	Description              string
	Runtime                  string // empty for container images
	Handler                  string
	PackageType              string // Zip or Image
	Architectures            []string
	MemorySize               int
	Timeout                  int
	EphemeralStorage         int
	CodeSize                 int64
	CodeSha256               string
	Version                  string
	Alias                    string // SAM AutoPublishAlias: the alias its events, URL and mappings invoke
	LastModified             string
	State                    string
	ImageURI                 string // from get-function Code.ImageUri
	ResolvedImageURI         string // from get-function Code.ResolvedImageUri
	SigningProfileVersionARN string
	SigningJobARN            string
	Tags                     map[string]string

	RoleARN string
	Role    *Role // nil when the role is not in the inventory

	// Environment holds the variables. Values can be secrets: rules print
	// them only through internal/redact.
	Environment map[string]string
	// EnvironmentError is set when Lambda could not decrypt the variables.
	EnvironmentError string
	KMSKeyARN        string // customer-managed key for the environment, if any

	TracingMode      string // Active or PassThrough
	DeadLetterTarget string // SQS queue or SNS topic ARN
	SnapStart        string // ApplyOn value

	Layers []LayerAttachment
	VPC    *VPCAttachment // nil when the function is not attached to a VPC

	LogGroupName string    // LoggingConfig.LogGroup, or /aws/lambda/NAME
	LogFormat    string    // Text or JSON
	LogGroup     *LogGroup // nil when log groups were not collected or it does not exist

	// From per-function calls; Known false when not collected.
	ReservedConcurrency  Maybe[*int]             // nil: no reserved concurrency
	ResourcePolicy       Maybe[*policy.Document] // nil: no resource policy
	URL                  Maybe[*FunctionURL]     // nil: no function URL
	CodeSigningConfigARN Maybe[string]           // "": no code-signing config
	CodeSigning          *CodeSigningConfig      // resolved from CodeSigningConfigARN
	EventInvokeConfig    Maybe[*EventInvokeConfig]

	EventSources []*EventSourceMapping // mappings whose target is this function
	APIRoutes    Maybe[[]APIRoute]     // API Gateway routes invoking it; known only where the source declares the APIs (IaC)

	// Package is the content analysis of the deployment package (content.go);
	// Known false when the package was not available.
	Package Maybe[*ContentScan]
}

// Key identifies the function in reports: its ARN, or file#logical-id for IaC.
func (f *Function) Key() string {
	if f.ARN != "" {
		return f.ARN
	}
	if f.Source != nil {
		return f.Source.File + "#" + f.Source.LogicalID
	}
	return f.Name
}

// LayerAttachment is a layer as a function references it.
type LayerAttachment struct {
	ARN                      string // layer version ARN
	CodeSize                 int64
	SigningProfileVersionARN string
	Layer                    *LayerVersion // nil when the layer version was not collected
}

// VPCAttachment is a function's VpcConfig with its parts resolved.
type VPCAttachment struct {
	VPCID                   string
	SubnetIDs               []string
	SecurityGroupIDs        []string
	IPv6AllowedForDualStack bool

	VPC            *VPC
	Subnets        []*Subnet        // those found in the inventory, in SubnetIDs order
	SecurityGroups []*SecurityGroup // those found in the inventory
}

// FunctionURL is a function URL configuration.
type FunctionURL struct {
	URL        string
	AuthType   string // NONE or AWS_IAM
	InvokeMode string
	CORS       *CORS
}

// CORS is a function URL's cross-origin configuration.
type CORS struct {
	AllowCredentials bool
	AllowHeaders     []string
	AllowMethods     []string
	AllowOrigins     []string
	ExposeHeaders    []string
	MaxAge           int
}

// CodeSigningConfig is a Lambda code-signing configuration.
type CodeSigningConfig struct {
	ARN                           string
	ID                            string
	Description                   string
	AllowedPublishers             []string // signing profile version ARNs
	UntrustedArtifactOnDeployment string   // Warn or Enforce
}

// EventInvokeConfig is a function's asynchronous invocation configuration.
type EventInvokeConfig struct {
	MaximumRetryAttempts     *int
	MaximumEventAgeInSeconds *int
	OnSuccess                string
	OnFailure                string
}

// EventSourceMapping connects a stream or queue to a function.
type EventSourceMapping struct {
	UUID           string
	ARN            string
	EventSourceARN string
	FunctionARN    string
	State          string
	BatchSize      int
	OnFailure      string
	Function       *Function
}

// LayerVersion is one version of a Lambda layer.
type LayerVersion struct {
	ARN                     string // layer version ARN
	LayerARN                string
	Name                    string
	Version                 int64
	AccountID               string // the publisher
	Region                  string
	Description             string
	CreatedDate             string
	CodeSha256              string
	CodeSize                int64
	CompatibleRuntimes      []string
	CompatibleArchitectures []string
	LicenseInfo             string
	Source                  *Location
	// Policy is the layer version policy; nil Value when there is none.
	Policy Maybe[*policy.Document]
	// Content is the content analysis of the layer archive (content.go);
	// Known false when the archive was not available.
	Content Maybe[*ContentScan]
}

// LogGroup is a CloudWatch Logs log group.
type LogGroup struct {
	Name            string
	ARN             string
	RetentionInDays int // 0: never expire
	KMSKeyID        string
	DataProtection  string
}

// Role is an IAM role with its policies resolved.
type Role struct {
	ARN       string
	Name      string
	ID        string
	Path      string
	AccountID string
	Source    *Location

	TrustPolicy         *policy.Document
	InlinePolicies      []InlinePolicy
	AttachedPolicies    []PolicyAttachment
	PermissionsBoundary *PolicyAttachment
	Tags                map[string]string
	LastUsed            string // RoleLastUsed.LastUsedDate
	// Usage is from CloudTrail (scan --cloudtrail); Known false: no usage data.
	Usage Maybe[*RoleUsage]

	Functions []*Function // functions that use this role, sorted by ARN
}

// InlinePolicy is a policy embedded in a role.
type InlinePolicy struct {
	Name     string
	Document *policy.Document
}

// PolicyAttachment is a managed policy attached to a role (or set as its
// permissions boundary).
type PolicyAttachment struct {
	ARN    string
	Name   string
	Policy *ManagedPolicy // nil when the policy document is not known
}

// ManagedPolicy is a customer-managed or AWS-managed policy.
type ManagedPolicy struct {
	ARN              string
	Name             string
	ID               string
	Path             string
	DefaultVersionID string
	AWSManaged       bool
	Document         *policy.Document // the default version
	Versions         []PolicyVersion
	AttachmentCount  int
}

// PolicyVersion is one version of a managed policy.
type PolicyVersion struct {
	ID        string
	IsDefault bool
	Document  *policy.Document
}

// Trail is a CloudTrail trail.
type Trail struct {
	Name                       string
	ARN                        string
	HomeRegion                 string
	IsMultiRegion              bool
	IsOrganizationTrail        bool
	S3BucketName               string
	KMSKeyID                   string
	LogFileValidationEnabled   bool
	CloudWatchLogsLogGroupARN  string
	IncludeGlobalServiceEvents bool
	IsLogging                  Maybe[bool]
	EventSelectors             Maybe[*EventSelectors]
}

// EventSelectors are a trail's basic or advanced event selectors.
type EventSelectors struct {
	Basic    []EventSelector
	Advanced []AdvancedEventSelector
}

// EventSelector is a basic event selector.
type EventSelector struct {
	ReadWriteType           string
	IncludeManagementEvents bool
	DataResources           []DataResource
}

// DataResource selects data events by resource type and ARN prefix.
type DataResource struct {
	Type   string
	Values []string
}

// AdvancedEventSelector is an advanced event selector.
type AdvancedEventSelector struct {
	Name           string
	FieldSelectors []FieldSelector
}

// FieldSelector is one condition of an advanced event selector.
type FieldSelector struct {
	Field         string
	Equals        []string
	StartsWith    []string
	EndsWith      []string
	NotEquals     []string
	NotStartsWith []string
	NotEndsWith   []string
}

// GuardDutyDetector is a region's GuardDuty detector.
type GuardDutyDetector struct {
	ID     string
	Status string // ENABLED or DISABLED
	// LambdaNetworkLogs is the status of Lambda Protection
	// (the LAMBDA_NETWORK_LOGS feature); Known false when not reported.
	LambdaNetworkLogs Maybe[bool]
}
