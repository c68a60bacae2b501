package awstest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	lambdatypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	orgtypes "github.com/aws/aws-sdk-go-v2/service/organizations/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

const trustLambda = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`

// adminPolicy gives full administrator access (LAMBDA-IAM-001).
const adminPolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`

// Scenario names what Seed created.
type Scenario struct {
	RoleARN   string
	OpenFn    string // admin role, secret env var, layer, public URL, public permission, VPC
	PlainFn   string // nothing wrong beyond defaults
	ImageFn   string // a container image function from an ECR repository
	LayerARN  string // layer version ARN
	TrailName string
}

// Zip returns a tiny deployment package.
func Zip(tb testing.TB) []byte {
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	f, err := w.Create("index.py")
	if err != nil {
		tb.Fatal(err)
	}
	f.Write([]byte("def handler(event, context):\n    return 'ok'\n"))
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// Seed creates, through the SDK, a role, a layer, two functions (one with
// everything wrong), VPC resources and a trail.
func Seed(tb testing.TB, endpoint string) Scenario {
	tb.Helper()
	cfg := Config(endpoint)
	sc := Scenario{OpenFn: "open-fn", PlainFn: "plain-fn", ImageFn: "image-fn", TrailName: "main-trail"}
	sc.RoleARN = CreateRole(tb, cfg, "fn-role", adminPolicy)
	must(organizations.NewFromConfig(cfg).CreateOrganization(ctx(), &organizations.CreateOrganizationInput{FeatureSet: orgtypes.OrganizationFeatureSetAll}))(tb)

	ec := ec2.NewFromConfig(cfg)
	vpc := must(ec.CreateVpc(ctx(), &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16")}))(tb)
	subnet := must(ec.CreateSubnet(ctx(), &ec2.CreateSubnetInput{VpcId: vpc.Vpc.VpcId, CidrBlock: aws.String("10.0.1.0/24"), AvailabilityZone: aws.String("us-east-1a")}))(tb)
	sg := must(ec.CreateSecurityGroup(ctx(), &ec2.CreateSecurityGroupInput{VpcId: vpc.Vpc.VpcId, GroupName: aws.String("fn-sg"), Description: aws.String("fn")}))(tb)

	lc := lambda.NewFromConfig(cfg)
	layer := must(lc.PublishLayerVersion(ctx(), &lambda.PublishLayerVersionInput{
		LayerName: aws.String("shared-libs"), Content: &lambdatypes.LayerVersionContentInput{ZipFile: Zip(tb)},
		CompatibleRuntimes: []lambdatypes.Runtime{lambdatypes.RuntimePython312},
	}))(tb)
	sc.LayerARN = aws.ToString(layer.LayerVersionArn)

	must(lc.CreateFunction(ctx(), &lambda.CreateFunctionInput{
		FunctionName: aws.String(sc.OpenFn), Role: aws.String(sc.RoleARN), Runtime: lambdatypes.RuntimePython312,
		Handler: aws.String("index.handler"), Code: &lambdatypes.FunctionCode{ZipFile: Zip(tb)},
		Layers:      []string{sc.LayerARN},
		Environment: &lambdatypes.Environment{Variables: map[string]string{"DB_PASSWORD": "hunter2-very-secret-value", "STAGE": "prod"}},
		VpcConfig:   &lambdatypes.VpcConfig{SubnetIds: []string{aws.ToString(subnet.Subnet.SubnetId)}, SecurityGroupIds: []string{aws.ToString(sg.GroupId)}},
	}))(tb)
	must(lc.CreateFunctionUrlConfig(ctx(), &lambda.CreateFunctionUrlConfigInput{FunctionName: aws.String(sc.OpenFn), AuthType: lambdatypes.FunctionUrlAuthTypeNone}))(tb)
	must(lc.AddPermission(ctx(), &lambda.AddPermissionInput{
		FunctionName: aws.String(sc.OpenFn), StatementId: aws.String("public"), Action: aws.String("lambda:InvokeFunction"), Principal: aws.String("*"),
	}))(tb)
	CreateFunctions(tb, cfg, sc.RoleARN, []string{sc.PlainFn})

	// An image function runs from a repository that allows tag overwrites.
	repo := must(ecr.NewFromConfig(cfg).CreateRepository(ctx(), &ecr.CreateRepositoryInput{RepositoryName: aws.String("image-fn")}))(tb)
	must(lc.CreateFunction(ctx(), &lambda.CreateFunctionInput{
		FunctionName: aws.String(sc.ImageFn), Role: aws.String(sc.RoleARN), PackageType: lambdatypes.PackageTypeImage,
		Code: &lambdatypes.FunctionCode{ImageUri: aws.String(aws.ToString(repo.Repository.RepositoryUri) + ":latest")},
	}))(tb)

	s3c := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
	must(s3c.CreateBucket(ctx(), &s3.CreateBucketInput{Bucket: aws.String("trail-bucket")}))(tb)
	must(cloudtrail.NewFromConfig(cfg).CreateTrail(ctx(), &cloudtrail.CreateTrailInput{Name: aws.String(sc.TrailName), S3BucketName: aws.String("trail-bucket"), IsMultiRegionTrail: aws.Bool(true)}))(tb)
	return sc
}

// CreateRole creates a Lambda execution role with one inline policy and
// returns its ARN.
func CreateRole(tb testing.TB, cfg aws.Config, name, inline string) string {
	ic := iam.NewFromConfig(cfg)
	role := must(ic.CreateRole(ctx(), &iam.CreateRoleInput{RoleName: aws.String(name), AssumeRolePolicyDocument: aws.String(trustLambda)}))(tb)
	must(ic.PutRolePolicy(ctx(), &iam.PutRolePolicyInput{RoleName: aws.String(name), PolicyName: aws.String("inline"), PolicyDocument: aws.String(inline)}))(tb)
	return aws.ToString(role.Role.Arn)
}

// CreateFunctions creates plain zip functions, a few at a time.
func CreateFunctions(tb testing.TB, cfg aws.Config, role string, names []string) {
	lc := lambda.NewFromConfig(cfg)
	code := Zip(tb)
	sem := make(chan struct{}, 8)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	for _, n := range names {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			_, err := lc.CreateFunction(ctx(), &lambda.CreateFunctionInput{
				FunctionName: aws.String(n), Role: aws.String(role), Runtime: lambdatypes.RuntimePython312,
				Handler: aws.String("index.handler"), Code: &lambdatypes.FunctionCode{ZipFile: code},
			})
			if err != nil {
				mu.Lock()
				firstErr = fmt.Errorf("creating function %s: %w", n, err)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if firstErr != nil {
		tb.Fatal(firstErr)
	}
}

// must turns (value, error) into a value or a fatal test error.
func must[T any](v T, err error) func(testing.TB) T {
	return func(tb testing.TB) T {
		tb.Helper()
		if err != nil {
			tb.Fatalf("seeding moto: %v", err)
		}
		return v
	}
}
