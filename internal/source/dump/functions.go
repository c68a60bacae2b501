package dump

import (
	"github.com/lambdasec/lambdasec/internal/inventory"
)

// functionConfiguration is Lambda's FunctionConfiguration, as list-functions
// lists it and get-function nests it.
type functionConfiguration struct {
	FunctionName string
	FunctionArn  string
	Runtime      string
	Role         string
	Handler      string
	CodeSize     int64
	Description  string
	Timeout      int
	MemorySize   int
	LastModified string
	CodeSha256   string
	Version      string
	VpcConfig    *struct {
		SubnetIds               []string
		SecurityGroupIds        []string
		VpcId                   string
		Ipv6AllowedForDualStack bool
	}
	Environment *struct {
		Variables map[string]string
		Error     *struct {
			ErrorCode string
			Message   string
		}
	}
	KMSKeyArn        string
	TracingConfig    struct{ Mode string }
	DeadLetterConfig struct{ TargetArn string }
	Layers           []struct {
		Arn                      string
		CodeSize                 int64
		SigningProfileVersionArn string
	}
	PackageType      string
	Architectures    []string
	EphemeralStorage struct{ Size int }
	SnapStart        struct{ ApplyOn string }
	LoggingConfig    struct {
		LogFormat string
		LogGroup  string
	}
	State                    string
	SigningProfileVersionArn string
	SigningJobArn            string
}

func (c *functionConfiguration) function() *inventory.Function {
	f := &inventory.Function{
		ARN:                      c.FunctionArn,
		Name:                     c.FunctionName,
		Description:              c.Description,
		Runtime:                  c.Runtime,
		Handler:                  c.Handler,
		PackageType:              c.PackageType,
		Architectures:            c.Architectures,
		MemorySize:               c.MemorySize,
		Timeout:                  c.Timeout,
		EphemeralStorage:         c.EphemeralStorage.Size,
		CodeSize:                 c.CodeSize,
		CodeSha256:               c.CodeSha256,
		Version:                  c.Version,
		LastModified:             c.LastModified,
		State:                    c.State,
		SigningProfileVersionARN: c.SigningProfileVersionArn,
		SigningJobARN:            c.SigningJobArn,
		RoleARN:                  c.Role,
		KMSKeyARN:                c.KMSKeyArn,
		TracingMode:              c.TracingConfig.Mode,
		DeadLetterTarget:         c.DeadLetterConfig.TargetArn,
		SnapStart:                c.SnapStart.ApplyOn,
		LogGroupName:             c.LoggingConfig.LogGroup,
		LogFormat:                c.LoggingConfig.LogFormat,
	}
	if env := c.Environment; env != nil {
		f.Environment = env.Variables
		if e := env.Error; e != nil {
			f.EnvironmentError = e.ErrorCode
			if e.Message != "" {
				f.EnvironmentError += ": " + e.Message
			}
		}
	}
	for _, l := range c.Layers {
		f.Layers = append(f.Layers, inventory.LayerAttachment{
			ARN:                      l.Arn,
			CodeSize:                 l.CodeSize,
			SigningProfileVersionARN: l.SigningProfileVersionArn,
		})
	}
	// Lambda answers an empty VpcConfig for functions outside any VPC.
	if v := c.VpcConfig; v != nil && len(v.SubnetIds) > 0 {
		f.VPC = &inventory.VPCAttachment{
			VPCID:                   v.VpcId,
			SubnetIDs:               v.SubnetIds,
			SecurityGroupIDs:        v.SecurityGroupIds,
			IPv6AllowedForDualStack: v.Ipv6AllowedForDualStack,
		}
	}
	return f
}

// functionList is lambda list-functions: the functions of one page.
type functionList []*inventory.Function

func decodeListFunctions(data []byte) (any, error) {
	var a struct{ Functions []functionConfiguration }
	if err := decodeAnswer(data, &a); err != nil {
		return nil, err
	}
	fns := make(functionList, len(a.Functions))
	for i := range a.Functions {
		fns[i] = a.Functions[i].function()
	}
	return fns, nil
}

// functionDetails is lambda get-function: what list-functions lacks.
type functionDetails struct {
	config           *inventory.Function // nil when the answer has no Configuration
	imageURI         string
	resolvedImageURI string
	tags             map[string]string
	concurrency      *int // nil: no reserved concurrency
}

func decodeGetFunction(data []byte) (any, error) {
	var a struct {
		Configuration *functionConfiguration
		Code          struct {
			ImageUri         string
			ResolvedImageUri string
		}
		Tags        map[string]string
		Concurrency *struct{ ReservedConcurrentExecutions *int }
	}
	if err := decodeAnswer(data, &a); err != nil {
		return nil, err
	}
	d := &functionDetails{imageURI: a.Code.ImageUri, resolvedImageURI: a.Code.ResolvedImageUri, tags: a.Tags}
	if a.Configuration != nil {
		d.config = a.Configuration.function()
	}
	if a.Concurrency != nil {
		d.concurrency = a.Concurrency.ReservedConcurrentExecutions
	}
	return d, nil
}

// applyFunctions adds the functions of list-functions, then completes them
// with get-function. A function that get-function describes but
// list-functions does not list (or that was not listed at all) is added
// from get-function's configuration.
func (r *regionLoad) applyFunctions() {
	for _, f := range r.answers(inventory.SecFunctions) {
		for _, fn := range f.answer.(functionList) {
			if r.function(fn.ARN, fn.Name) == nil {
				r.add(fn)
			}
		}
	}
	for _, f := range r.answers(inventory.SecFunctionDetails) {
		d := f.answer.(*functionDetails)
		var fn *inventory.Function
		if d.config != nil {
			fn = r.function(d.config.ARN, d.config.Name)
		} else {
			fn = r.function("", f.resource)
		}
		switch {
		case fn == nil && d.config == nil:
			continue
		case fn == nil:
			fn = d.config
			r.add(fn)
		case fn.State == "" && d.config != nil:
			// ListFunctions leaves State out; GetFunction has it.
			fn.State = d.config.State
		}
		fn.ImageURI, fn.ResolvedImageURI = d.imageURI, d.resolvedImageURI
		fn.Tags = d.tags
		fn.ReservedConcurrency = inventory.Collected(d.concurrency)
	}
}

func (r *regionLoad) add(f *inventory.Function) {
	f.Account, f.Region = r.region.Account, r.region
	r.region.Functions = append(r.region.Functions, f)
	r.index(f)
}

func (r *regionLoad) index(f *inventory.Function) {
	if f.ARN != "" {
		r.byARN[unqualifiedFunctionARN(f.ARN)] = f
	}
	if f.Name != "" {
		r.byName[f.Name] = f
	}
}

// function finds the function an answer is about: by the ARN the answer
// names when it names one, else by name (the file's name when the answer
// carries no identifier). Nil when the function is not in the inventory.
func (r *regionLoad) function(arn, name string) *inventory.Function {
	if arn != "" {
		if f := r.byARN[unqualifiedFunctionARN(arn)]; f != nil {
			return f
		}
	}
	return r.byName[name]
}
